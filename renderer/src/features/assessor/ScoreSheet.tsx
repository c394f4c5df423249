// 评分表: the panel's result laid out as a Chinese exam form on A4 — candidate, work type, level,
// task, date, every item with its skill codes and each assessor's score, the signatures, the
// result and the verification verdict. Its print CSS makes the browser's "save as PDF" give the
// same page in web mode; the desktop app prints it with printToPDF.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { levels, workTypes } from '../../../../scenarios/standard/index.ts';
import { rubricView } from '../../../../scenarios/scoring/index.ts';
import { exportCsv, printSheet } from './actions.ts';
import { useAssessor } from './store.ts';

const mean = (xs: number[]) => (xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10);
const day = (iso: string) => iso.replace('T', ' ').slice(0, 16);

export function ScoreSheet() {
  const { t: ui, i18n } = useTranslation();
  // The form itself is the Chinese exam form whatever the UI language; the buttons follow the UI.
  const t = i18n.getFixedT('zh-CN');
  const data = useAssessor((s) => s.data);
  const [saved, setSaved] = useState<string | null>(null);
  if (!data) return null;
  const p = data.panel;
  if (!p.visible || p.sheets.length === 0) {
    return <div className="as-banner as-info as-noprint">{ui('assessor.sheet.notReady', { reason: p.hiddenReason ?? p.violations.map((v) => v.message).join('；') })}</div>;
  }
  const first = p.sheets[0]?.content;
  if (!first) return null;
  const sheets = p.sheets.map((s) => s.content);
  const wt = workTypes.find((w) => w.code === first.workType);
  const lv = levels.find((l) => l.level === first.level);
  const view = rubricView(first.rubric, first.workType, first.level);
  const v = data.verdict;
  const errors = v.findings.filter((f) => f.severity === 'error');
  const verified = v.valid && p.scoresValid;
  const totalFlag = p.flags.find((f) => f.kind === 'total');
  // Row numbers run across the function groups.
  const numbered = view.groups.flatMap((g) => g.items.map((item, k) => ({ g, item, k })));
  return (
    <div className="as-sheet-wrap">
      <div className="as-row as-noprint as-sheet-actions">
        <button className="as-primary" onClick={() => void printSheet().then((f) => f !== null && setSaved(ui('assessor.sheet.pdfSaved', { file: f })))} data-testid="as-print">
          {ui('assessor.sheet.print')}
        </button>
        <button onClick={() => void exportCsv().then((f) => f !== null && setSaved(ui('assessor.sheet.csvSaved', { file: f })))} data-testid="as-csv">
          {ui('assessor.sheet.csv')}
        </button>
        {i18n.language !== 'zh-CN' && <span className="as-note as-small">{ui('assessor.sheet.onScreenNote')}</span>}
        {saved !== null && (
          <span className="as-note as-small" data-testid="as-saved">
            {saved}
          </span>
        )}
      </div>
      <article className="as-sheet" data-testid="as-sheet">
        <header className="as-sheet-title">
          <h1>{t('assessor.sheet.title')}</h1>
          {!verified && <div className="as-stamp as-stamp-bad">{t('assessor.sheet.invalidStamp')}</div>}
        </header>
        <table className="as-form">
          <tbody>
            <tr>
              <th>{t('assessor.sheet.candidate')}</th>
              <td>{first.candidate.name}</td>
              <th>{t('assessor.sheet.candidateId')}</th>
              <td>{first.candidate.id}</td>
            </tr>
            <tr>
              <th>{t('assessor.sheet.workType')}</th>
              <td>{wt ? `${wt.name}（${wt.code}）` : first.workType}</td>
              <th>{t('assessor.sheet.level')}</th>
              <td>{lv?.name ?? first.level}</td>
            </tr>
            <tr>
              <th>{t('assessor.sheet.scenario')}</th>
              <td colSpan={3}>
                {first.scenario.title} <span className="as-muted">（{first.scenario.id}）</span>
              </td>
            </tr>
            <tr>
              <th>{t('assessor.sheet.date')}</th>
              <td>{day(first.recordedAt)}</td>
              <th>{t('assessor.sheet.station')}</th>
              <td>{first.station}</td>
            </tr>
            <tr>
              <th>{t('assessor.sheet.session')}</th>
              <td className="as-mono">{first.sessionId}</td>
              <th>{t('assessor.sheet.mode')}</th>
              <td>{p.mode === 'exam' ? t('assessor.sheet.exam') : t('assessor.sheet.practice')}</td>
            </tr>
          </tbody>
        </table>
        <table className="as-form as-items">
          <thead>
            <tr>
              <th className="as-c-no">{t('assessor.sheet.no')}</th>
              <th className="as-c-fn">{t('assessor.sheet.function')}</th>
              <th>{t('assessor.sheet.item')}</th>
              <th className="as-c-skill">{t('assessor.sheet.skills')}</th>
              <th className="as-c-num">{t('assessor.sheet.max')}</th>
              {sheets.map((s) => (
                <th key={s.assessor.id} className="as-c-num">
                  {s.assessor.name}
                </th>
              ))}
              <th className="as-c-num">{t('assessor.sheet.mean')}</th>
            </tr>
          </thead>
          <tbody>
            {numbered.map(({ g, item, k }, index) => {
                const row = index + 1;
                const scores = sheets.map((s) => s.scores.find((x) => x.id === item.id)?.score ?? null);
                const flagged = p.flags.some((f) => f.kind === 'item' && f.itemId === item.id);
                return (
                  <tr key={item.id} className={flagged ? 'as-flagged' : ''}>
                    <td className="as-c-no">{row}</td>
                    {k === 0 && (
                      <td className="as-c-fn" rowSpan={g.items.length}>
                        {g.functionName}
                        <small>{g.weight === null ? '' : t('assessor.sheet.weightOf', { percent: g.weight })}</small>
                      </td>
                    )}
                    <td>{item.title}</td>
                    <td className="as-c-skill">{item.skills.join('\n')}</td>
                    <td className="as-c-num">{item.max}</td>
                    {scores.map((x, i) => (
                      <td key={i} className="as-c-num">
                        {x ?? ''}
                      </td>
                    ))}
                    <td className="as-c-num">
                      {mean(scores.filter((x): x is number => x !== null))}
                      {flagged && <sup>※</sup>}
                    </td>
                  </tr>
                );
              })}
            <tr className={`as-sum${totalFlag ? ' as-flagged' : ''}`}>
              <td colSpan={4}>{t('assessor.sheet.total')}</td>
              <td className="as-c-num">100</td>
              {sheets.map((s) => (
                <td key={s.assessor.id} className="as-c-num">
                  {s.total}
                </td>
              ))}
              <td className="as-c-num">
                {p.finalScore}
                {totalFlag && <sup>※</sup>}
              </td>
            </tr>
            <tr className="as-signrow">
              <td colSpan={5}>{t('assessor.sheet.signature')}</td>
              {p.sheets.map((s) => (
                <td key={s.content.assessor.id} className="as-signcell">
                  <span className="as-signname">{s.content.assessor.name}</span>
                  <small>{day(s.signedAt)}</small>
                  <small>{t('assessor.sheet.pinVerified')}</small>
                  {s.content.version > 1 && <small className="as-version">{t('assessor.sheet.version', { version: s.content.version, reason: s.content.reason ?? '' })}</small>}
                </td>
              ))}
              <td />
            </tr>
          </tbody>
        </table>
        <table className="as-form as-resultbox">
          <tbody>
            <tr>
              <th>{t('assessor.sheet.final')}</th>
              <td className="as-final" data-testid="as-sheet-final">
                {t('assessor.sheet.points', { score: p.finalScore })}
              </td>
              <th>{t('assessor.sheet.conclusion')}</th>
              <td>
                <span className={`as-stamp ${p.passed === true ? 'as-stamp-ok' : 'as-stamp-bad'}`} data-testid="as-sheet-conclusion">
                  {p.passed === true ? t('assessor.sheet.pass') : p.passed === false ? t('assessor.sheet.fail') : t('assessor.sheet.pending')}
                </span>
              </td>
            </tr>
            <tr>
              <th>{t('assessor.sheet.panelRow')}</th>
              <td colSpan={3}>{p.violations.length === 0 ? t('assessor.sheet.panelOk', { count: p.signedCount, mode: p.mode === 'exam' ? t('assessor.sheet.exam') : t('assessor.sheet.practice') }) : p.violations.map((x) => x.message).join('；')}</td>
            </tr>
            <tr>
              <th>{t('assessor.sheet.flags')}</th>
              <td colSpan={3}>
                {p.flags.length === 0 ? t('assessor.sheet.none') : (
                  <ul>
                    {p.flags.map((f) => (
                      <li key={`${f.kind}-${f.itemId ?? ''}`}>※ {f.message}</li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
            <tr className={verified ? '' : 'as-badrow'}>
              <th>{t('assessor.sheet.verification')}</th>
              <td colSpan={3} data-testid="as-sheet-verification">
                {v.valid
                  ? t('assessor.sheet.verified', { records: v.records, head: String(first.evidence.chainHead).slice(0, 12) })
                  : t('assessor.sheet.unverified', { count: errors.length, first: errors[0] ? `${errors[0].file}：${errors[0].message}` : '' })}
                {!p.scoresValid && t('assessor.sheet.scoresUnverified')}
              </td>
            </tr>
            <tr>
              <th>{t('assessor.sheet.rule')}</th>
              <td colSpan={3} className="as-rule">
                {p.rule}
              </td>
            </tr>
          </tbody>
        </table>
        <footer className="as-sheet-foot">
          {t('assessor.sheet.footer', { session: first.sessionId, hashes: p.sheets.map((s) => `${s.content.assessor.name} ${s.signedHash.slice(0, 12)}`).join('，') })}
        </footer>
      </article>
    </div>
  );
}
