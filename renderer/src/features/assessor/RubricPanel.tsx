// The rubric beside the video: items keyed to skill codes, grouped by occupational function with
// the standard's weight for the work type and level, each with its criteria, the automatic
// metrics that bear on it (their moments seek the video) and the score box. Then the total,
// save, and signing with the PIN; a signed sheet is read-only until amended with a reason.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rubricView } from '../../../../scenarios/scoring/index.ts';
import { say, sayParts } from '../../i18n/words.ts';
import { amend, saveDraft, sign } from './actions.ts';
import { seek, useAssessor } from './store.ts';
import type { WorkTypeCode } from '../../../../scenarios/standard/index.ts';
import { fmtTime, formIssues, formTotal, type ScoringMode } from './view.ts';

export function RubricPanel() {
  const { t } = useTranslation();
  const { data, form, setForm, identity, savedAt } = useAssessor();
  const [pin, setPin] = useState('');
  const [reason, setReason] = useState('');
  const [amending, setAmending] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!data || !form) return null;
  const scenario = data.scenario;
  const level = scenario?.level ?? 5;
  const view = rubricView(data.rubric, form.workType, level);
  const issues = formIssues(form, data.rubric);
  const { total, missing } = formTotal(form, data.rubric);
  const mine = data.panel.sheets.find((s) => s.content.assessor.id === data.me?.assessorId);
  const signed = data.me?.signed === true;
  const editable = identity !== null && (!signed || amending);
  const metric = (id: string) => data.metrics.find((m) => m.id === id);
  const setScore = (id: string, patch: Partial<{ score: string; note: string }>) =>
    setForm((f) => ({ ...f, scores: { ...f.scores, [id]: { score: f.scores[id]?.score ?? '', note: f.scores[id]?.note ?? '', ...patch } } }));
  const run = (task: () => Promise<unknown>) => {
    setBusy(true);
    void task().then((ok) => {
      setBusy(false);
      if (ok === true) {
        setPin('');
        setReason('');
        setAmending(false);
      }
    });
  };
  const fnItems = view.unscored.map((u) => `${u.functionName}（${u.weight}%）`).join('、');

  return (
    <section className="as-card as-rubric" data-testid="as-rubric">
      <div className="as-row as-between">
        <h3>{t('assessor.rubric.heading')}</h3>
        <span className={`as-total${missing === 0 && Object.keys(issues).length === 0 ? ' as-complete' : ''}`} data-testid="as-total">
          {t('assessor.rubric.total', { total })}
          {missing > 0 && <small> · {t('assessor.rubric.unscored', { count: missing })}</small>}
        </span>
      </div>
      <div className="as-row as-wrap as-settings">
        <label>
          {t('assessor.rubric.mode')}{' '}
          <select value={form.mode} disabled={!editable || signed} onChange={(e) => setForm((f) => ({ ...f, mode: e.target.value as ScoringMode }))} data-testid="as-mode">
            <option value="exam">{t('assessor.rubric.exam')}</option>
            <option value="practice">{t('assessor.rubric.practice')}</option>
          </select>
        </label>
        <label>
          {t('assessor.rubric.workType')}{' '}
          <select value={form.workType} disabled={!editable || signed} onChange={(e) => setForm((f) => ({ ...f, workType: e.target.value as WorkTypeCode }))}>
            {(scenario?.workTypes ?? [form.workType]).map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </label>
      </div>
      {view.groups.map((g) => (
        <div key={g.functionName} className="as-group">
          <h4>
            <span className="as-fn">{g.function}</span> {g.functionName}
            <small>
              {g.weight === null ? t('assessor.rubric.noWeight') : t('assessor.rubric.weight', { percent: g.weight })} · {t('assessor.rubric.points', { points: g.points })}
            </small>
          </h4>
          {g.items.map((item) => {
            const value = form.scores[item.id] ?? { score: '', note: '' };
            const issue = issues[item.id];
            return (
              <article key={item.id} className={`as-item${issue ? ' as-item-bad' : ''}`} data-item-id={item.id}>
                <header className="as-row as-between">
                  <div>
                    <strong>{item.title}</strong>
                    <div className="as-skills">
                      {item.skillInfo.map((s) => (
                        <span key={s.id} className="as-skill" title={s.text}>
                          {s.id} {s.text}
                        </span>
                      ))}
                    </div>
                  </div>
                  <label className="as-score">
                    <input
                      type="number"
                      min={0}
                      max={item.max}
                      step={0.5}
                      value={value.score}
                      disabled={!editable}
                      aria-label={t('assessor.rubric.scoreOf', { title: item.title })}
                      onChange={(e) => setScore(item.id, { score: e.target.value })}
                      data-testid={`score-${item.id}`}
                    />
                    <span>/ {item.max}</span>
                  </label>
                </header>
                <ul className="as-criteria">
                  {item.criteria.map((c) => (
                    <li key={c}>{c}</li>
                  ))}
                </ul>
                {item.metrics.length > 0 && (
                  <div className="as-metrics">
                    {item.metrics.map((id) => {
                      const m = metric(id);
                      if (!m) return null;
                      return (
                        <div key={id} className="as-metric">
                          <span className="as-metric-label">{say(t, { key: m.key, params: {} })}</span> <span className="as-metric-value">{sayParts(t, m.value)}</span>
                          {m.moments.map((x, k) => (
                            <button key={k} className={`as-moment as-tone-${x.tone}`} title={say(t, x)} onClick={() => seek(x.t)}>
                              {fmtTime(x.t)}
                            </button>
                          ))}
                        </div>
                      );
                    })}
                  </div>
                )}
                {issue && <div className="as-issue">{issue}</div>}
                <input className="as-remark" value={value.note} disabled={!editable} placeholder={t('assessor.rubric.note')} maxLength={500} onChange={(e) => setScore(item.id, { note: e.target.value })} />
              </article>
            );
          })}
        </div>
      ))}
      {fnItems !== '' && <p className="as-note as-small">{t('assessor.rubric.unscoredFunctions', { list: fnItems })}</p>}
      <textarea className="as-comment" value={form.comment} disabled={!editable} placeholder={t('assessor.rubric.comment')} maxLength={2000} onChange={(e) => setForm((f) => ({ ...f, comment: e.target.value }))} />
      {identity === null && <p className="as-note">{t('assessor.identity.needed')}</p>}
      {identity !== null && !signed && (
        <div className="as-sign">
          <div className="as-row as-wrap">
            <button onClick={() => run(saveDraft)} disabled={busy} data-testid="as-save">
              {t('assessor.rubric.save')}
            </button>
            {savedAt !== null && <span className="as-note as-small">{t('assessor.rubric.saved', { time: savedAt.slice(11, 19) })}</span>}
          </div>
          <div className="as-row as-wrap">
            <label>
              {t('assessor.rubric.pin')} <input type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} data-testid="as-sign-pin" autoComplete="off" />
            </label>
            <button className="as-primary" disabled={busy || pin === '' || missing > 0 || Object.keys(issues).length > 0} onClick={() => run(() => sign(pin))} data-testid="as-sign">
              {t('assessor.rubric.sign')}
            </button>
          </div>
          <p className="as-note as-small">{t('assessor.rubric.signHint')}</p>
        </div>
      )}
      {signed && mine && (
        <div className="as-sign as-signed" data-testid="as-signed">
          <strong>{t('assessor.rubric.signed', { version: mine.content.version, time: mine.signedAt.replace('T', ' ').slice(0, 19) })}</strong>
          {!amending && (
            <button onClick={() => setAmending(true)} data-testid="as-amend-open">
              {t('assessor.panel.amend')}
            </button>
          )}
          {amending && (
            <div className="as-amend">
              <p className="as-note as-small">{t('assessor.panel.amendHint')}</p>
              <label>
                {t('assessor.panel.reason')} <input className="as-grow" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="as-amend-reason" />
              </label>
              <label>
                {t('assessor.rubric.pin')} <input type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} data-testid="as-amend-pin" autoComplete="off" />
              </label>
              <button className="as-primary" disabled={busy || pin === '' || reason.trim().length < 2 || missing > 0} onClick={() => run(() => amend(pin, reason))} data-testid="as-amend">
                {t('assessor.panel.amendSubmit')}
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
