// 考评组: who has scored and signed, the result (mean of the signed totals, pass at 60) and the
// disagreement flags — blind until the viewer has signed — the rule checks of the mode, every
// sheet's history, and the refused attempts to change a signed sheet.
import { useTranslation } from 'react-i18next';
import { useAssessor } from './store.ts';

export function PanelTab() {
  const { t } = useTranslation();
  const data = useAssessor((s) => s.data);
  if (!data) return null;
  const p = data.panel;
  return (
    <section className="as-card as-panel" data-testid="as-panel">
      <h3>{t('assessor.panel.heading')}</h3>
      {!p.visible && <div className="as-banner as-info">{p.hiddenReason ?? t('assessor.panel.hidden')}</div>}
      <table className="as-table">
        <thead>
          <tr>
            <th>{t('assessor.panel.member')}</th>
            <th>{t('assessor.panel.total')}</th>
            <th>{t('assessor.panel.status')}</th>
            <th>{t('assessor.panel.signedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {p.members.map((m) => (
            <tr key={m.assessorId} data-member={m.name}>
              <td>{m.name}</td>
              <td className="as-num" data-testid={`total-${m.name}`}>
                {m.total === null ? '—' : m.total}
              </td>
              <td>{m.tampered ? <span className="as-bad-text">{t('assessor.panel.tampered')}</span> : m.signed ? t('assessor.panel.signed') : t('assessor.panel.draft')}</td>
              <td>{m.signedAt?.replace('T', ' ').slice(0, 19) ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.visible && (
        <div className="as-result" data-testid="as-result">
          <span>
            {t('assessor.panel.final')} <strong data-testid="as-final">{p.finalScore ?? '—'}</strong>
          </span>
          <span className={p.passed === true ? 'as-pass' : p.passed === false ? 'as-fail' : ''}>
            {p.passed === null ? t('assessor.panel.pending') : p.passed ? t('assessor.panel.pass') : t('assessor.panel.fail')}
          </span>
        </div>
      )}
      <h4>{p.violations.length > 0 ? t('assessor.panel.violations') : t('assessor.panel.ok')}</h4>
      {p.violations.length > 0 && (
        <ul className="as-violations" data-testid="as-violations">
          {p.violations.map((v) => (
            <li key={v.rule}>{v.message}</li>
          ))}
        </ul>
      )}
      {p.visible && (
        <>
          <h4>{t('assessor.panel.flags')}</h4>
          {p.flags.length === 0 ? (
            <p className="as-note">{t('assessor.panel.noFlags')}</p>
          ) : (
            <ul className="as-flags" data-testid="as-flags">
              {p.flags.map((f) => (
                <li key={`${f.kind}-${f.itemId ?? ''}`} data-flag={f.kind} data-outlier={f.outlier?.name ?? ''}>
                  {f.message}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {p.sheets.some((s) => s.history.length > 1) && (
        <>
          <h4>{t('assessor.panel.history')}</h4>
          <ul className="as-history">
            {p.sheets.flatMap((s) =>
              s.history.map((h) => (
                <li key={h.signedHash}>
                  {t('assessor.panel.historyLine', { name: s.content.assessor.name, version: h.version, total: h.total, at: h.signedAt.replace('T', ' ').slice(0, 19) })}
                  {h.reason ? t('assessor.panel.historyReason', { reason: h.reason }) : ''} <code>{h.signedHash.slice(0, 12)}…</code>
                </li>
              )),
            )}
          </ul>
        </>
      )}
      {p.refused.length > 0 && (
        <>
          <h4>{t('assessor.panel.refused')}</h4>
          <ul className="as-refused" data-testid="as-refused">
            {p.refused.map((r, i) => (
              <li key={i}>
                {r.at.replace('T', ' ').slice(0, 19)} {r.name ?? ''}：{r.message}
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>{t('assessor.panel.rule')}</h4>
      <p className="as-note">{p.rule}</p>
    </section>
  );
}
