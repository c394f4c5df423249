// 证据包: the packages in the data folder with their verdict (the same verification as
// `livedrill evidence verify`), export for hand-in, and a trial recording that produces a
// complete package from the camera, microphone and the real session engine.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../electron/contract/index.ts';
import { call, subscribe } from '../../bridge/index.ts';
import { runTrial, type TrialProgress } from './trial.ts';
import './evidence.css';

type Summary = MethodOutput<'evidence.list'>[number];
type Verdict = MethodOutput<'evidence.verify'>;

/** Trial lengths offered: a quick check, and long runs (the bench records ten minutes). */
const TRIAL_SECONDS = [5, 60, 600] as const;

function VerdictView({ verdict }: { verdict: Verdict }) {
  const { t } = useTranslation();
  const errors = verdict.findings.filter((f) => f.severity === 'error');
  return (
    <div className={`ev-verdict ${verdict.valid ? 'ev-valid' : 'ev-invalid'}`} data-testid="verdict" data-valid={verdict.valid}>
      {verdict.valid ? t('evidence.verdict.valid', { records: verdict.records }) : t('evidence.verdict.invalid', { count: errors.length })}
      {verdict.findings.length > 0 && (
        <ul>
          {verdict.findings.map((f, i) => (
            <li key={i}>
              {f.message} <code>{[f.file, f.line !== undefined ? `L${f.line}` : null, f.seq !== undefined ? `seq ${f.seq}` : null, f.offset !== undefined ? `@${f.offset}` : null].filter(Boolean).join(' · ')}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function EvidenceScreen() {
  const { t } = useTranslation();
  const [list, setList] = useState<Summary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [verdicts, setVerdicts] = useState<Record<string, Verdict>>({});
  const [exported, setExported] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<TrialProgress | null>(null);
  const [banner, setBanner] = useState<{ kind: 'bad' | 'info'; text: string } | null>(null);
  const [seconds, setSeconds] = useState<number>(TRIAL_SECONDS[0]);
  const abort = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    call('evidence.list', {}).then(setList, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  useEffect(() => {
    refresh();
    const offStop = subscribe('evidence.stopped', (p) => {
      setBanner({ kind: 'bad', text: t('evidence.stopped', { message: p.message }) });
      refresh();
    });
    const offRecovered = subscribe('evidence.recovered', (p) => {
      setBanner({ kind: 'info', text: t('evidence.recovered', { count: p.sessions.length }) });
      refresh();
    });
    return () => {
      offStop();
      offRecovered();
    };
  }, [refresh, t]);

  const verify = (id: string) => {
    call('evidence.verify', { sessionId: id }).then(
      (v) => setVerdicts((all) => ({ ...all, [id]: v })),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  };
  const exportOne = (id: string) => {
    call('evidence.export', { sessionId: id }).then(
      (r) => setExported((all) => ({ ...all, [id]: t('evidence.list.exported', { file: r.file }) })),
      (e: unknown) => setExported((all) => ({ ...all, [id]: t('evidence.list.exportFailed', { message: e instanceof Error ? e.message : String(e) }) })),
    );
  };
  const trial = () => {
    setError(null);
    abort.current = new AbortController();
    runTrial(seconds, setProgress, abort.current.signal).then(
      (r) => {
        setVerdicts((all) => ({ ...all, [r.sessionId]: r.verdict }));
        setProgress(null);
        refresh();
      },
      (e: unknown) => {
        setProgress(null);
        setError(t('evidence.trial.failed', { message: e instanceof Error ? e.message : String(e) }));
        refresh();
      },
    );
  };

  const busy = progress !== null;
  return (
    <main className="evidence">
      <h2>{t('evidence.title')}</h2>
      <p className="ev-intro">{t('evidence.intro')}</p>
      {banner && <div className={`ev-banner ev-${banner.kind}`}>{banner.text}</div>}
      {error && <div className="ev-banner ev-bad">{error}</div>}
      <section className="ev-card">
        <h3>{t('evidence.trial.heading')}</h3>
        <p className="ev-note">{t('evidence.trial.hint')}</p>
        <div className="ev-row">
          <label className="ev-note">
            {t('evidence.trial.length')}{' '}
            <select value={seconds} onChange={(e) => setSeconds(Number(e.target.value))} disabled={busy} data-testid="trial-length">
              {TRIAL_SECONDS.map((s) => (
                <option key={s} value={s}>
                  {t('evidence.trial.seconds', { seconds: s })}
                </option>
              ))}
            </select>
          </label>
          <button className="ev-primary" onClick={trial} disabled={busy} data-testid="trial">
            {t('evidence.trial.start')}
          </button>
          {progress?.phase === 'recording' && (
            <button onClick={() => abort.current?.abort()} data-testid="trial-stop">
              {t('evidence.trial.stop')}
            </button>
          )}
          {progress && (
            <span role="status" data-testid="trial-progress">
              {progress.phase === 'recording' ? t('evidence.trial.recording', { seconds: progress.seconds, chunks: progress.chunks }) : t(`evidence.trial.${progress.phase}`)}
            </span>
          )}
        </div>
      </section>
      <section className="ev-card">
        <div className="ev-row" style={{ justifyContent: 'space-between' }}>
          <h3>{t('evidence.list.heading')}</h3>
          <button onClick={refresh}>{t('evidence.list.refresh')}</button>
        </div>
        {list?.length === 0 && <p className="ev-note">{t('evidence.list.empty')}</p>}
        {list && list.length > 0 && (
          <table className="ev-table">
            <thead>
              <tr>
                <th>{t('evidence.list.session')}</th>
                <th>{t('evidence.list.candidate')}</th>
                <th>{t('evidence.list.scenario')}</th>
                <th>{t('evidence.list.duration')}</th>
                <th>{t('evidence.list.status')}</th>
                <th>{t('evidence.list.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.sessionId} data-session={s.sessionId}>
                  <td className="ev-id">{s.sessionId}</td>
                  <td>{s.candidate.name || s.candidate.id}</td>
                  <td>{s.scenarioId}</td>
                  <td>{s.durationMs === null ? '—' : `${(s.durationMs / 1000).toFixed(1)} s`}</td>
                  <td>
                    <span className={`ev-status ev-status-${s.status}`}>{t(`evidence.status.${s.status}`)}</span>
                    {s.stop && s.stop.reason !== 'finished' && <div className="ev-note">{t(`evidence.stop.${s.stop.reason}`)}</div>}
                  </td>
                  <td>
                    <div className="ev-actions">
                      <button onClick={() => verify(s.sessionId)} disabled={s.recording}>
                        {t('evidence.list.verify')}
                      </button>
                      <button onClick={() => exportOne(s.sessionId)} disabled={s.recording}>
                        {t('evidence.list.export')}
                      </button>
                    </div>
                    {verdicts[s.sessionId] && <VerdictView verdict={verdicts[s.sessionId] as Verdict} />}
                    {exported[s.sessionId] && <div className="ev-path">{exported[s.sessionId]}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
