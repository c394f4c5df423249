// The sitting's audit trail, newest last, with the chain's verdict.
import { useTranslation } from 'react-i18next';
import { useCall } from '../../app/useCall.ts';
import { useCentre } from './store.ts';

export function AuditTab() {
  const { t } = useTranslation();
  const sittingId = useCentre((s) => s.sittingId) ?? '';
  const audit = useCall('exam.audit', { sittingId });
  if (audit.state !== 'ready') return <p className="ce-muted">…</p>;
  return (
    <section className="ce-card">
      <p className={audit.value.intact ? 'ce-ok-text' : 'ce-bad-text'}>{audit.value.intact ? t('centre.audit.intact') : t('centre.audit.broken')}</p>
      <table className="ce-table" data-testid="ce-audit">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('centre.audit.at')}</th>
            <th>{t('centre.audit.actor')}</th>
            <th>{t('centre.audit.type')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {audit.value.records.map((r) => (
            <tr key={r.seq}>
              <td>{r.seq}</td>
              <td>{new Date(r.at).toLocaleString()}</td>
              <td>{r.actor}</td>
              <td className="ce-mono">{r.type}</td>
              <td className="ce-mono ce-small">{JSON.stringify(r.data).slice(0, 160)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
