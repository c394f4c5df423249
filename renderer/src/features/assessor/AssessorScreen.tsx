// 考评: pick a recorded session, then score it in the workspace (verdict first, one timeline,
// the rubric beside the video, the panel and the printable score sheet).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../electron/contract/index.ts';
import { call } from '../../bridge/index.ts';
import { useNavigation } from '../../stores/navigation.ts';
import { useAssessor } from './store.ts';
import { fmtTime } from './view.ts';
import { Workspace } from './Workspace.tsx';
import './assessor.css';

type Row = MethodOutput<'scoring.sessions'>[number];

function SessionPicker() {
  const { t } = useTranslation();
  const open = useAssessor((s) => s.open);
  const go = useNavigation((s) => s.go);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    call('scoring.sessions', {}).then(setRows, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  useEffect(refresh, [refresh]);
  return (
    <section className="as-card as-picker">
      <div className="as-row as-between">
        <h2>{t('assessor.pick.heading')}</h2>
        <div className="as-row">
          <button onClick={refresh}>{t('assessor.pick.refresh')}</button>
          <button onClick={() => go('home')} data-testid="as-pick-back">
            {t('assessor.pick.back')}
          </button>
        </div>
      </div>
      <p className="as-note">{t('assessor.pick.intro')}</p>
      {error && <div className="as-banner as-bad">{t('assessor.errors.failed', { message: error })}</div>}
      {rows === null && !error && <p className="as-note">{t('assessor.pick.loading')}</p>}
      {rows?.length === 0 && <p className="as-note">{t('assessor.pick.empty')}</p>}
      {rows && rows.length > 0 && (
        <table className="as-table">
          <thead>
            <tr>
              <th>{t('assessor.pick.session')}</th>
              <th>{t('assessor.pick.candidate')}</th>
              <th>{t('assessor.pick.candidateId')}</th>
              <th>{t('assessor.pick.scenario')}</th>
              <th>{t('assessor.pick.duration')}</th>
              <th>{t('assessor.pick.scores')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.sessionId} data-session={r.sessionId}>
                <td className="as-mono">{r.sessionId}</td>
                <td data-testid="as-pick-name">{r.candidate.name}</td>
                <td className="as-mono" data-testid="as-pick-id">
                  {r.candidate.id}
                </td>
                <td>{r.scenarioId}</td>
                <td>{r.durationMs === null ? '—' : fmtTime(r.durationMs)}</td>
                <td>{t('assessor.pick.signedDrafts', { signed: r.signed, drafts: r.drafts })}</td>
                <td>
                  <button className="as-primary" disabled={r.recording} onClick={() => open(r.sessionId)} data-testid={`open-${r.sessionId}`}>
                    {t('assessor.pick.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="as-note as-small">{t('assessor.pick.importNote')}</p>
    </section>
  );
}

export function AssessorScreen() {
  const sessionId = useAssessor((s) => s.sessionId);
  return <main className="assessor">{sessionId === null ? <SessionPicker /> : <Workspace key={sessionId} />}</main>;
}
