// 作业任务: the brief, the given material (tables, CSV data, figures, texts) and the parts to fill
// (tables with given, input and computed columns, choices, short answers, an upload), the
// automatic check the trainee may run as often as they like, and the submit that closes the
// evidence package.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../stores/navigation.ts';
import {
  computedCells,
  givenText,
  prepare,
  roleOf,
  materialRows,
  type ChoicePart,
  type Material,
  type Part,
  type PreparedWorksheet,
  type ShortAnswerPart,
  type TablePart,
  type UploadPart,
  type Value,
} from '../../../../scenarios/worksheet/index.ts';
import { commit, edit, editCell, runCheck, setRowCount, startWorksheet, submitWorksheet, upload } from './actions.ts';
import { useWorksheet } from './store.ts';
import { cellMarks, checksOfPart, type CellMark, checkTitle, failureLine, localiseLine, progress, rowCount } from './view.ts';
import './worksheet.css';

const MATERIAL_PREVIEW_ROWS = 50;

function useEnglish(): boolean {
  return useTranslation().i18n.language === 'en';
}

function loc(l: { 'zh-CN': string; en: string }, english: boolean): string {
  return english ? l.en : l['zh-CN'];
}

function show(v: Value, digits = 2): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(digits);
  return String(v);
}

function MaterialView({ m }: { m: Material }) {
  const { t } = useTranslation();
  const english = useEnglish();
  const table = m.type === 'table' || m.type === 'csv' ? materialRows(m) : null;
  return (
    <section className="ws-material" data-testid={`ws-material-${m.id}`}>
      <h4>{loc(m.title, english)}</h4>
      {m.note && <p className="ws-note">{loc(m.note, english)}</p>}
      {m.type === 'text' && <p className="ws-text">{loc(m.text, english)}</p>}
      {m.type === 'figures' && (
        <dl className="ws-figures">
          {m.items.map((f) => (
            <div key={f.id}>
              <dt>{loc(f.title, english)}</dt>
              <dd>
                {f.value} {f.unit ?? ''}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {table && (m.type === 'table' || m.type === 'csv') && (
        <>
          <div className="ws-scroll">
            <table className="ws-table">
              <thead>
                <tr>
                  {m.columns.map((c) => (
                    <th key={c.id}>
                      {loc(c.title, english)}
                      {c.unit ? <span className="ws-unit">（{c.unit}）</span> : null}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.slice(0, MATERIAL_PREVIEW_ROWS).map((r, i) => (
                  <tr key={i}>
                    {m.columns.map((c) => (
                      <td key={c.id}>{String(r[c.id] ?? '')}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {table.rows.length > MATERIAL_PREVIEW_ROWS && <p className="ws-note">{t('worksheet.material.more', { shown: MATERIAL_PREVIEW_ROWS, count: table.rows.length })}</p>}
        </>
      )}
    </section>
  );
}

function CheckList({ partId, part }: { partId: string; part: TablePart | null }) {
  const { t } = useTranslation();
  const english = useEnglish();
  const grade = useWorksheet((s) => s.grade);
  const scenario = useWorksheet((s) => s.scenario);
  const checks = checksOfPart(grade, partId);
  if (scenario === null || checks.length === 0) return null;
  return (
    <ul className="ws-checks" data-testid={`ws-checks-${partId}`}>
      {checks.map((c) => (
        <li key={c.id} className={`ws-check ws-${c.status}`} data-check={c.id} data-status={c.status}>
          <span className="ws-check-mark">{t(`worksheet.check.status.${c.status}`)}</span> {checkTitle(scenario, c.id, english)}
          {c.failures.length > 0 && (
            <ul>
              {c.failures.slice(0, 8).map((f, i) => {
                const line = localiseLine(failureLine(part, f, false), part, f.column, english);
                return <li key={i}>{t(line.key as 'worksheet.failure.mismatch', line.params)}</li>;
              })}
              {c.failures.length > 8 && <li>{t('worksheet.check.more', { count: c.failures.length - 8 })}</li>}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

function TableView({ part, prepared, readOnly }: { part: TablePart; prepared: PreparedWorksheet; readOnly: boolean }) {
  const { t } = useTranslation();
  const english = useEnglish();
  const answer = useWorksheet((s) => s.answers.parts[part.id]);
  const grade = useWorksheet((s) => s.grade);
  const stale = useWorksheet((s) => s.stale);
  const scenario = prepared.scenario;
  const rows = rowCount(part, scenario, answer);
  const computed = useMemo(() => computedCells(scenario, part.id, answer, prepared), [scenario, part.id, answer, prepared]);
  const computeIds = part.columns.filter((c) => roleOf(c) === 'computed').map((c) => c.id);
  const marks = stale ? new Map<string, CellMark>() : cellMarks(grade, part);
  const table = prepared.tables.get(part.id);
  const typed = answer?.type === 'table' ? answer.rows : [];
  return (
    <>
      <div className="ws-scroll">
        <table className="ws-table ws-fill" data-testid={`ws-table-${part.id}`}>
          <thead>
            <tr>
              <th>#</th>
              {part.columns.map((c) => (
                <th key={c.id} className={`ws-${roleOf(c)}`}>
                  {loc(c.title, english)}
                  {c.unit ? <span className="ws-unit">（{c.unit}）</span> : null}
                  {roleOf(c) === 'computed' && <span className="ws-tag">{t('worksheet.table.computed')}</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, i) => (
              <tr key={i}>
                <td className="ws-rownum">{i + 1}</td>
                {part.columns.map((c) => {
                  const role = roleOf(c);
                  if (role === 'given') return <td key={c.id} className="ws-given">{table ? givenText(table, c, i) : ''}</td>;
                  if (role === 'computed') return <td key={c.id} className="ws-computed">{show(computed[i]?.[computeIds.indexOf(c.id)] ?? null)}</td>;
                  const value = typed[i]?.[c.id] ?? '';
                  const mark = marks.get(`${i}:${c.id}`) ?? null;
                  const label = `${part.id} ${i + 1} ${c.id}`;
                  if (c.type === 'boolean') {
                    return (
                      <td key={c.id} className="ws-input">
                        <input
                          type="checkbox"
                          aria-label={label}
                          data-cell={`${part.id}:${i}:${c.id}`}
                          checked={value === 'true'}
                          disabled={readOnly}
                          onChange={(e) => {
                            editCell(part.id, i, c.id, String(e.target.checked));
                            commit(part.id, { row: i, column: c.id, value: String(e.target.checked) });
                          }}
                        />
                      </td>
                    );
                  }
                  if (c.type === 'choice') {
                    return (
                      <td key={c.id} className={`ws-input ${mark ? `ws-mark-${mark}` : ''}`}>
                        <select
                          aria-label={label}
                          data-cell={`${part.id}:${i}:${c.id}`}
                          value={value}
                          disabled={readOnly}
                          onChange={(e) => {
                            editCell(part.id, i, c.id, e.target.value);
                            commit(part.id, { row: i, column: c.id, value: e.target.value });
                          }}
                        >
                          <option value="">—</option>
                          {(c.options ?? []).map((o) => (
                            <option key={o} value={o}>
                              {o}
                            </option>
                          ))}
                        </select>
                      </td>
                    );
                  }
                  return (
                    <td key={c.id} className={`ws-input ${mark ? `ws-mark-${mark}` : ''}`} data-mark={mark ?? ''}>
                      <input
                        type="text"
                        inputMode={c.type === 'text' ? 'text' : 'decimal'}
                        aria-label={label}
                        data-cell={`${part.id}:${i}:${c.id}`}
                        placeholder={c.type === 'time' ? 'HH:MM' : c.type === 'date' ? 'YYYY-MM-DD' : ''}
                        value={value}
                        readOnly={readOnly}
                        onChange={(e) => editCell(part.id, i, c.id, e.target.value)}
                        onBlur={(e) => commit(part.id, { row: i, column: c.id, value: e.target.value })}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {part.rowsFrom === undefined && !readOnly && (
        <div className="ws-row-actions">
          <button type="button" disabled={rows >= part.maxRows} onClick={() => setRowCount(part.id, rows + 1)}>
            {t('worksheet.table.addRow')}
          </button>
          <button type="button" disabled={rows <= part.minRows} onClick={() => setRowCount(part.id, rows - 1)}>
            {t('worksheet.table.removeRow')}
          </button>
        </div>
      )}
      <CheckList partId={part.id} part={part} />
    </>
  );
}

function ChoiceView({ part, readOnly }: { part: ChoicePart; readOnly: boolean }) {
  const english = useEnglish();
  const answer = useWorksheet((s) => s.answers.parts[part.id]);
  const selected = answer?.type === 'choice' ? answer.selected : [];
  const toggle = (id: string, on: boolean) => {
    const next = part.multiple ? (on ? [...selected.filter((x) => x !== id), id] : selected.filter((x) => x !== id)) : on ? [id] : [];
    edit(part.id, { type: 'choice', selected: next });
    commit(part.id, { selected: next });
  };
  return (
    <>
      <div className="ws-options" role={part.multiple ? 'group' : 'radiogroup'}>
        {part.options.map((o) => (
          <label key={o.id} className="ws-option">
            <input type={part.multiple ? 'checkbox' : 'radio'} name={`ws-${part.id}`} value={o.id} checked={selected.includes(o.id)} disabled={readOnly} onChange={(e) => toggle(o.id, e.target.checked)} data-option={`${part.id}:${o.id}`} />
            {loc(o.text, english)}
          </label>
        ))}
      </div>
      <CheckList partId={part.id} part={null} />
    </>
  );
}

function ShortView({ part, readOnly }: { part: ShortAnswerPart; readOnly: boolean }) {
  const { t } = useTranslation();
  const answer = useWorksheet((s) => s.answers.parts[part.id]);
  const text = answer?.type === 'short_answer' ? answer.text : '';
  const chars = Array.from(text.trim()).length;
  return (
    <>
      <textarea
        className="ws-textarea"
        rows={5}
        value={text}
        readOnly={readOnly}
        data-testid={`ws-text-${part.id}`}
        onChange={(e) => edit(part.id, { type: 'short_answer', text: e.target.value })}
        onBlur={(e) => commit(part.id, { text: e.target.value })}
      />
      <p className={`ws-note ${chars > part.maxChars || (chars > 0 && chars < part.minChars) ? 'ws-warn' : ''}`}>
        {t('worksheet.short.count', { chars, min: part.minChars, max: part.maxChars })}
        {part.compliance && ` · ${t('worksheet.short.compliance')}`}
      </p>
      <CheckList partId={part.id} part={null} />
    </>
  );
}

function UploadView({ part, readOnly }: { part: UploadPart; readOnly: boolean }) {
  const { t } = useTranslation();
  const answer = useWorksheet((s) => s.answers.parts[part.id]);
  const [problem, setProblem] = useState<string | null>(null);
  const file = answer?.type === 'upload' ? answer.file : null;
  return (
    <div className="ws-upload">
      <input
        type="file"
        accept={part.accept.map((x) => `.${x}`).join(',')}
        disabled={readOnly}
        data-testid={`ws-upload-${part.id}`}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (!f) return;
          setProblem(null);
          void upload(part.id, f, part.maxKb).then((r) => {
            if (r === 'too_big') setProblem(t('worksheet.upload.tooBig', { max: part.maxKb }));
          });
        }}
      />
      <p className="ws-note">{t('worksheet.upload.accept', { types: part.accept.join(' / '), max: part.maxKb })}</p>
      {file && <p className="ws-uploaded">{t('worksheet.upload.stored', { name: file.name, kb: Math.ceil(file.size / 1024), hash: file.sha256.slice(0, 12) })}</p>}
      {problem && <p className="ws-warn">{problem}</p>}
    </div>
  );
}

function PartView({ part, prepared, readOnly }: { part: Part; prepared: PreparedWorksheet; readOnly: boolean }) {
  const english = useEnglish();
  const { t } = useTranslation();
  return (
    <section className="ws-part" data-testid={`ws-part-${part.id}`}>
      <h3>{loc(part.title, english)}</h3>
      <p className="ws-prompt">{loc(part.prompt, english)}</p>
      <p className="ws-skills">
        {t('worksheet.part.skills')} {part.skills.join(' ')}
      </p>
      {part.type === 'table' && <TableView part={part} prepared={prepared} readOnly={readOnly} />}
      {part.type === 'choice' && <ChoiceView part={part} readOnly={readOnly} />}
      {part.type === 'short_answer' && <ShortView part={part} readOnly={readOnly} />}
      {part.type === 'upload' && <UploadView part={part} readOnly={readOnly} />}
    </section>
  );
}

function Brief() {
  const { t } = useTranslation();
  const english = useEnglish();
  const { scenario, candidate, set, error } = useWorksheet();
  const go = useNavigation((s) => s.go);
  if (scenario === null) return null;
  return (
    <main className="ws-brief">
      <h2>{loc(scenario.title, english)}</h2>
      <p className="ws-meta">
        {t('worksheet.brief.meta', { workTypes: scenario.workTypes.join('/'), level: scenario.level, minutes: Math.round(scenario.durationSec / 60), parts: scenario.parts.length })}
      </p>
      <p>{loc(scenario.brief, english)}</p>
      <p className="ws-skills">
        {t('worksheet.part.skills')} {scenario.skills.join(' ')}
      </p>
      <label className="ws-candidate">
        {t('worksheet.brief.candidate')} <input value={candidate} onChange={(e) => set({ candidate: e.target.value })} data-testid="ws-candidate" />
      </label>
      <div className="ws-actions">
        <button type="button" className="ws-primary" onClick={() => void startWorksheet()} data-testid="ws-start">
          {t('worksheet.brief.start')}
        </button>
        <button type="button" onClick={() => go('live-room')}>
          {t('worksheet.brief.back')}
        </button>
      </div>
      <p className="ws-note">{t('worksheet.brief.evidence')}</p>
      {error && <p className="ws-warn" role="alert">{error}</p>}
    </main>
  );
}

function Summary() {
  const { t } = useTranslation();
  const { grade, stale, checks } = useWorksheet();
  if (grade === null) return <span className="ws-note">{t('worksheet.check.none')}</span>;
  return (
    <span className={`ws-summary ${grade.failed > 0 ? 'ws-fail' : grade.incomplete > 0 ? 'ws-incomplete' : 'ws-pass'}`} data-testid="ws-summary" data-failed={grade.failed}>
      {t('worksheet.check.summary', { run: checks, passed: grade.passed, failed: grade.failed, incomplete: grade.incomplete })}
      {stale && ` · ${t('worksheet.check.stale')}`}
    </span>
  );
}

function Fill() {
  const { t } = useTranslation();
  const english = useEnglish();
  const { scenario, stage, answers, error, verified, sessionId } = useWorksheet();
  const go = useNavigation((s) => s.go);
  const prepared = useMemo(() => (scenario ? prepare(scenario) : null), [scenario]);
  if (scenario === null || prepared === null) return null;
  const readOnly = stage !== 'fill';
  const p = progress(scenario, answers.parts);
  return (
    <main className="ws-screen">
      <header className="ws-head">
        <div>
          <h2>{loc(scenario.title, english)}</h2>
          <p className="ws-meta">{t('worksheet.fill.progress', { done: p.done, total: p.total })}</p>
        </div>
        <div className="ws-actions">
          <Summary />
          <button type="button" onClick={runCheck} disabled={readOnly} data-testid="ws-check">
            {t('worksheet.check.run')}
          </button>
          <button type="button" className="ws-primary" onClick={() => void submitWorksheet()} disabled={readOnly} data-testid="ws-submit">
            {stage === 'submitting' ? t('worksheet.fill.submitting') : t('worksheet.fill.submit')}
          </button>
        </div>
      </header>
      {error && <p className="ws-warn" role="alert">{error}</p>}
      {stage === 'submitted' && (
        <div className={`ws-done ${verified?.valid === true ? 'ws-pass' : 'ws-fail'}`} data-testid="ws-submitted" data-valid={verified?.valid === true}>
          <strong>{t('worksheet.fill.submitted')}</strong> {verified?.valid === true ? t('worksheet.fill.verified', { records: verified.records }) : t('worksheet.fill.notVerified')}{' '}
          <span className="ws-mono">{sessionId}</span>
          <button type="button" onClick={() => go('home')}>
            {t('worksheet.fill.home')}
          </button>
        </div>
      )}
      <div className="ws-columns">
        <aside className="ws-given-col">
          <h3>{t('worksheet.material.heading')}</h3>
          {scenario.material.map((m) => (
            <MaterialView key={m.id} m={m} />
          ))}
        </aside>
        <div className="ws-parts-col">
          {scenario.parts.map((part) => (
            <PartView key={part.id} part={part} prepared={prepared} readOnly={readOnly} />
          ))}
        </div>
      </div>
    </main>
  );
}

export function WorksheetScreen() {
  const { t } = useTranslation();
  const stage = useWorksheet((s) => s.stage);
  const scenario = useWorksheet((s) => s.scenario);
  if (scenario === null) return <p className="status">{t('worksheet.none')}</p>;
  return stage === 'brief' ? <Brief /> : <Fill />;
}
