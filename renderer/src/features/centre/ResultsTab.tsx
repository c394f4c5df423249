// Results (成绩登记表 on screen), cohort charts, and 复核.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadDocument, loadResults, publish, recheck } from './actions.ts';
import { IssueList } from './IssueList.tsx';
import { useCentre } from './store.ts';

function Bars({ data, max, testId, format }: { data: readonly { label: string; value: number; tone?: string }[]; max: number; testId: string; format: (v: number) => string }) {
  const W = 520;
  const row = 22;
  const left = 150;
  return (
    <svg className="ce-chart" viewBox={`0 0 ${String(W)} ${String(data.length * row + 8)}`} data-testid={testId} role="img">
      {data.map((d, i) => {
        const w = max <= 0 ? 0 : ((W - left - 60) * Math.max(0, d.value)) / max;
        return (
          <g key={d.label} transform={`translate(0 ${String(i * row + 4)})`}>
            <text x={left - 6} y={14} textAnchor="end" className="ce-chart-label">
              {d.label}
            </text>
            <rect x={left} y={2} width={w} height={row - 6} className={`ce-bar ${d.tone ?? ''}`} />
            <text x={left + w + 4} y={14} className="ce-chart-value">
              {format(d.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function Deviation({ rows, threshold }: { rows: readonly { name: string; dev: number; spread: number; marking: string }[]; threshold: number }) {
  const W = 520;
  const row = 24;
  const mid = 330;
  const span = Math.max(threshold * 2, ...rows.map((r) => Math.abs(r.dev) + r.spread), 1);
  const x = (v: number) => mid + (v / span) * 170;
  return (
    <svg className="ce-chart" viewBox={`0 0 ${String(W)} ${String(rows.length * row + 10)}`} data-testid="ce-chart-assessors" role="img">
      <line x1={mid} x2={mid} y1={0} y2={rows.length * row + 10} className="ce-axis" />
      <rect x={x(-threshold)} width={x(threshold) - x(-threshold)} y={0} height={rows.length * row + 10} className="ce-band" />
      {rows.map((r, i) => (
        <g key={r.name} transform={`translate(0 ${String(i * row + 6)})`}>
          <text x={150} y={14} textAnchor="end" className="ce-chart-label">
            {r.name}
          </text>
          <line x1={x(r.dev - r.spread)} x2={x(r.dev + r.spread)} y1={10} y2={10} className="ce-whisker" />
          <circle cx={x(r.dev)} cy={10} r={6} className={`ce-dot ce-${r.marking}`} />
          <text x={W - 4} y={14} textAnchor="end" className="ce-chart-value">
            {r.dev > 0 ? '+' : ''}
            {r.dev}
          </text>
        </g>
      ))}
    </svg>
  );
}

export function ResultsTab() {
  const { t } = useTranslation();
  const { view, results } = useCentre();
  const [who, setWho] = useState('');
  const [reason, setReason] = useState('');
  useEffect(() => {
    void loadResults();
  }, []);
  if (!view) return null;
  if (!results) return <p className="ce-muted">…</p>;
  const cand = new Map(view.candidates.map((c) => [c.id, c]));
  const names = new Map(view.assessors.map((a) => [a.assessorId, a.name]));
  const a = results.analytics;
  const pct = (v: number) => `${(v * 100).toFixed(0)}%`;
  return (
    <>
      <section className="ce-card">
        <div className="ce-row ce-wrap">
          <button onClick={() => void loadResults()}>{t('centre.results.refresh')}</button>
          <button className="ce-primary" onClick={() => void publish()} data-testid="ce-publish">
            {t('centre.results.publish')}
          </button>
          {results.published && <span className="ce-muted">{t('centre.results.published', { at: new Date(results.published).toLocaleString() })}</span>}
          <span className="ce-grow" />
          <button onClick={() => void downloadDocument('results', 'pdf')} data-testid="ce-doc-results-pdf">
            {t('centre.docs.resultsPdf')}
          </button>
          <button onClick={() => void downloadDocument('results', 'xlsx')} data-testid="ce-doc-results-xlsx">
            {t('centre.docs.resultsXlsx')}
          </button>
        </div>
        {results.rules.length > 0 && (
          <div className="ce-rules ce-bad">
            {view.sitting.kind === 'mock' ? t('centre.rules.mockBreaks') : t('centre.rules.formalBreaks')}
            <IssueList issues={results.rules} />
          </div>
        )}
        <IssueList issues={results.evidence} />
        <p data-testid="ce-summary">
          {t('centre.results.summary', { scored: a.scored, passed: a.passed, rate: a.passRate === null ? '—' : pct(a.passRate), mean: a.mean ?? '—' })}
        </p>
        <table className="ce-table" data-testid="ce-results">
          <thead>
            <tr>
              <th>{t('centre.roster.ticket')}</th>
              <th>{t('centre.roster.name')}</th>
              <th>{t('centre.results.panel')}</th>
              <th className="ce-num">{t('centre.results.score')}</th>
              <th>{t('centre.results.verdict')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {results.results.map((r) => {
              const c = cand.get(r.candidateId);
              return (
                <tr key={r.candidateId} data-candidate={r.candidateId}>
                  <td className="ce-mono">{c?.ticketNo}</td>
                  <td>{c?.name}</td>
                  <td>
                    {Object.entries(r.totals)
                      .map(([id, total]) => `${names.get(id) ?? id} ${String(total)}`)
                      .join('；')}
                  </td>
                  <td className="ce-num">{r.score ?? '—'}</td>
                  <td>{r.passed === true ? <span className="ce-ok-text">{t('centre.results.pass')}</span> : r.passed === false ? <span className="ce-bad-text">{t('centre.results.fail')}</span> : '—'}</td>
                  <td>
                    {t(`centre.results.status.${r.status}`)}
                    {r.amended && ` · ${t('centre.results.amended')}`}
                    {r.flags.length > 0 && <span className="ce-bad-text"> · {t('centre.results.discordance')}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <div className="ce-cols">
        <section className="ce-card ce-grow">
          <h4>{t('centre.results.distribution')}</h4>
          <Bars testId="ce-chart-distribution" data={a.distribution.map((b) => ({ label: `${String(b.from)}–${String(b.to)}`, value: b.count, tone: b.from >= view.sitting.passMark ? 'ce-pass' : 'ce-fail' }))} max={Math.max(1, ...a.distribution.map((b) => b.count))} format={(v) => String(v)} />
          <h4>{t('centre.results.perItem')}</h4>
          <Bars testId="ce-chart-items" data={a.items.map((i) => ({ label: i.title, value: i.share }))} max={1} format={pct} />
          <h4>{t('centre.results.perSkill')}</h4>
          <Bars testId="ce-chart-skills" data={a.skills.map((s) => ({ label: s.skill, value: s.share }))} max={1} format={pct} />
        </section>
        <section className="ce-card ce-side">
          <h4>{t('centre.results.assessors')}</h4>
          <Deviation rows={a.assessors.map((x) => ({ name: `${x.name}（${t(`centre.results.marking.${x.marking}`)}）`, dev: x.meanDeviation, spread: x.spread, marking: x.marking }))} threshold={a.markingThreshold} />
          <ul className="ce-list">
            {a.assessors.map((x) => (
              <li key={x.assessorId}>
                {x.name}：{t('centre.results.meanDev', { dev: x.meanDeviation, spread: x.spread, n: x.sheets })}
              </li>
            ))}
          </ul>
          <h4>{t('centre.results.recheck')}</h4>
          <p className="ce-muted">{t('centre.results.recheckNote')}</p>
          <form
            className="ce-form"
            data-testid="ce-recheck"
            onSubmit={(e) => {
              e.preventDefault();
              if (who && reason.trim()) void recheck(who, reason);
            }}
          >
            <label>
              {t('centre.assessors.candidate')}
              <select value={who} onChange={(e) => setWho(e.target.value)} name="candidateId">
                <option value="" />
                {results.results
                  .filter((r) => r.score !== null)
                  .map((r) => (
                    <option key={r.candidateId} value={r.candidateId}>
                      {cand.get(r.candidateId)?.ticketNo} {cand.get(r.candidateId)?.name}
                    </option>
                  ))}
              </select>
            </label>
            <label>
              {t('centre.results.recheckReason')}
              <input value={reason} onChange={(e) => setReason(e.target.value)} name="reason" />
            </label>
            <button type="submit">{t('centre.results.recheckRun')}</button>
          </form>
        </section>
      </div>
    </>
  );
}
