// One opened session: the verification verdict first (red when it fails), who is scoring, and
// the tabs: score (video + timeline + rubric), panel, score sheet.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { identify, reload, signOut } from './actions.ts';
import { PanelTab } from './PanelTab.tsx';
import { RubricPanel } from './RubricPanel.tsx';
import { ScoreSheet } from './ScoreSheet.tsx';
import { useAssessor, type Tab } from './store.ts';
import { TimelinePane } from './TimelinePane.tsx';
import { WorksheetPane } from '../worksheet/AssessorPane.tsx';

function Verdict() {
  const { t } = useTranslation();
  const data = useAssessor((s) => s.data);
  if (!data) return null;
  const v = data.verdict;
  const errors = v.findings.filter((f) => f.severity === 'error');
  return (
    <div className={`as-verdict ${v.valid ? 'as-valid' : 'as-invalid'}`} data-testid="as-verdict" data-valid={v.valid}>
      <strong>{v.valid ? t('assessor.verdict.valid', { records: v.records }) : t('assessor.verdict.invalid', { count: errors.length })}</strong>
      {!data.panel.scoresValid && <div className="as-verdict-line">{t('assessor.verdict.scoresInvalid')}</div>}
      {data.scenario === null && <div className="as-verdict-line">{t('assessor.verdict.noScenario')}</div>}
      {data.scenario?.hashMatches === false && <div className="as-verdict-line">{t('assessor.verdict.scenarioChanged')}</div>}
      {(errors.length > 0 || data.panel.scoreFindings.length > 0) && (
        <ul>
          {[...errors, ...data.panel.scoreFindings].slice(0, 8).map((f, i) => (
            <li key={i}>
              <code>{f.file}</code> {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function IdentityBar() {
  const { t } = useTranslation();
  const identity = useAssessor((s) => s.identity);
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [register, setRegister] = useState(false);
  const [busy, setBusy] = useState(false);
  if (identity) {
    return (
      <div className="as-identity as-row" data-testid="as-identity">
        <span className="as-who">{t('assessor.identity.as', { name: identity.name })}</span>
        <button onClick={signOut}>{t('assessor.identity.switch')}</button>
      </div>
    );
  }
  const submit = () => {
    setBusy(true);
    void identify(name, pin, register).then((ok) => {
      setBusy(false);
      if (ok) setPin('');
    });
  };
  return (
    <form
      className="as-identity as-row"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <strong>{t('assessor.identity.heading')}</strong>
      <label>
        {t('assessor.identity.name')} <input value={name} onChange={(e) => setName(e.target.value)} data-testid="as-name" autoComplete="off" />
      </label>
      <label>
        {t('assessor.identity.pin')} <input type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} data-testid="as-pin" autoComplete="off" />
      </label>
      <label className="as-check">
        <input type="checkbox" checked={register} onChange={(e) => setRegister(e.target.checked)} data-testid="as-register" /> {t('assessor.identity.register')}
      </label>
      <button type="submit" className="as-primary" disabled={busy || name.trim() === '' || pin === ''} data-testid="as-identify">
        {t('assessor.identity.submit')}
      </button>
      <span className="as-note as-small">{t('assessor.identity.needed')}</span>
    </form>
  );
}

const TABS: readonly Tab[] = ['score', 'panel', 'sheet'];

export function Workspace() {
  const { t } = useTranslation();
  const { data, tab, setTab, banner, setBanner, open } = useAssessor();
  useEffect(() => {
    void reload(true);
  }, []);
  if (!data) return <p className="as-note">{banner ? banner.text : t('assessor.pick.loading')}</p>;
  const s = data.session;
  return (
    <div className="as-workspace">
      <div className="as-noprint">
        <Verdict />
        <div className="as-head as-row as-between">
          <div className="as-row">
            <button onClick={() => open(null)}>← {t('assessor.head.back')}</button>
            <span>
              {t('assessor.head.candidate')} <strong>{s.candidate.name}</strong> <span className="as-muted">{s.candidate.id}</span>
            </span>
            <span>
              {t('assessor.head.scenario')} <strong>{data.scenario?.title ?? s.scenarioId}</strong>
            </span>
            <span className="as-muted">
              {t('assessor.head.recorded')} {s.createdAt.replace('T', ' ').slice(0, 16)} · {t('assessor.head.station')} {s.station} · <span className="as-mono">{s.sessionId}</span>
            </span>
          </div>
        </div>
        <IdentityBar />
        {banner && (
          <div className={`as-banner as-${banner.kind}`} role="status" data-testid="as-banner" onClick={() => setBanner(null)}>
            {banner.text}
          </div>
        )}
        <nav className="as-tabs" role="tablist">
          {TABS.map((x) => (
            <button key={x} role="tab" aria-selected={tab === x} className={tab === x ? 'as-tab as-on' : 'as-tab'} onClick={() => setTab(x)} data-testid={`as-tab-${x}`}>
              {t(`assessor.tabs.${x}`)}
            </button>
          ))}
        </nav>
      </div>
      {tab === 'score' && (
        <div className="as-grid">
          {data.worksheet ? <WorksheetPane scenarioId={s.scenarioId} submission={data.worksheet} /> : <TimelinePane />}
          <RubricPanel />
        </div>
      )}
      {tab === 'panel' && <PanelTab />}
      {tab === 'sheet' && <ScoreSheet />}
    </div>
  );
}
