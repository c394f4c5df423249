// One sitting: its rule check, then roster, assessors and 回避, stations, results, audit.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maskId } from '../../../../scenarios/exam/id-number.ts';
import { addAssessor, assign, declare, downloadDocument, draw, exportRoster, importRosterFile, openSitting, removeAssessor } from './actions.ts';
import { AuditTab } from './AuditTab.tsx';
import { DayTab } from './DayTab.tsx';
import { IssueList } from './IssueList.tsx';
import { ResultsTab } from './ResultsTab.tsx';
import { useCentre, type CentreTab } from './store.ts';
import { useCall } from '../../app/useCall.ts';

const TABS: readonly CentreTab[] = ['roster', 'assessors', 'stations', 'day', 'results', 'audit'];

export function SittingScreen() {
  const { t } = useTranslation();
  const { view, tab, set } = useCentre();
  if (!view) return <p className="ce-muted">…</p>;
  const s = view.sitting;
  return (
    <>
      <section className="ce-card" data-testid="ce-sitting-head">
        <div className="ce-row ce-between">
          <div>
            <h3>
              {s.title} <span className={`ce-kind ce-${s.kind}`}>{t(`centre.kind.${s.kind}`)}</span>
            </h3>
            <div className="ce-muted">
              {s.date} {s.start} · {s.room} · {s.durationMinutes} min · {s.stations} {t('centre.stations.station')} · {s.id}
            </div>
            <div className="ce-muted">{t('centre.retention', view.retention)}</div>
          </div>
          <button onClick={() => void openSitting(null)}>{t('centre.back')}</button>
        </div>
        <div className={view.check.issues.length === 0 ? 'ce-rules ce-ok' : 'ce-rules ce-bad'} data-testid="ce-rules">
          {view.check.issues.length === 0 ? t('centre.rules.ok') : s.kind === 'mock' ? t('centre.rules.mockBreaks') : t('centre.rules.formalBreaks')}
          <IssueList issues={view.check.issues} />
        </div>
      </section>
      <nav className="ce-tabs" role="tablist">
        {TABS.map((x) => (
          <button key={x} role="tab" aria-selected={tab === x} className={tab === x ? 'ce-tab ce-on' : 'ce-tab'} onClick={() => set({ tab: x, notice: null })} data-testid={`ce-tab-${x}`}>
            {t(`centre.tabs.${x}`)}
          </button>
        ))}
      </nav>
      {tab === 'roster' && <RosterTab />}
      {tab === 'assessors' && <AssessorsTab />}
      {tab === 'stations' && <StationsTab />}
      {tab === 'day' && <DayTab />}
      {tab === 'results' && <ResultsTab />}
      {tab === 'audit' && <AuditTab />}
    </>
  );
}

function RosterTab() {
  const { t } = useTranslation();
  const { view, importReport } = useCentre();
  if (!view) return null;
  return (
    <section className="ce-card">
      <div className="ce-row ce-wrap">
        <label className="ce-file">
          {t('centre.roster.import')}
          <input
            type="file"
            accept=".csv,.xlsx"
            data-testid="ce-roster-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void importRosterFile(file);
              e.target.value = '';
            }}
          />
        </label>
        <span className="ce-muted">{t('centre.roster.importHint')}</span>
        <span className="ce-grow" />
        <button onClick={() => void exportRoster('xlsx')}>{t('centre.roster.exportXlsx')}</button>
        <button onClick={() => void exportRoster('csv')}>{t('centre.roster.exportCsv')}</button>
      </div>
      {importReport && (
        <div className="ce-import" data-testid="ce-import-report">
          <p>{t('centre.roster.result', { rows: importReport.rows, kept: importReport.kept, bad: importReport.issues.length })}</p>
          {importReport.issues.length > 0 && (
            <>
              <h4>{t('centre.roster.issuesHeading')}</h4>
              <table className="ce-table ce-issue-table">
                <thead>
                  <tr>
                    <th>{t('centre.roster.row')}</th>
                    <th>{t('centre.roster.column')}</th>
                    <th>{t('centre.roster.field')}</th>
                    <th>{t('centre.roster.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {importReport.issues.map((i, n) => (
                    <tr key={`${String(i.row)}-${String(n)}`} data-code={i.code}>
                      <td>{i.row}</td>
                      <td>{i.column ?? '—'}</td>
                      <td>{i.field ?? '—'}</td>
                      <td>{t(`centre.issues.${i.code}`, { ...i.params, defaultValue: i.code })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
      {view.candidates.length === 0 ? (
        <p className="ce-muted">{t('centre.roster.empty')}</p>
      ) : (
        <table className="ce-table" data-testid="ce-roster">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('centre.roster.ticket')}</th>
              <th>{t('centre.roster.name')}</th>
              <th>{t('centre.roster.id')}</th>
              <th>{t('centre.roster.employer')}</th>
              <th>{t('centre.roster.attempt')}</th>
            </tr>
          </thead>
          <tbody>
            {view.candidates.map((c, i) => (
              <tr key={c.id}>
                <td>{i + 1}</td>
                <td className="ce-mono">{c.ticketNo}</td>
                <td>{c.name}</td>
                <td className="ce-mono">{maskId(c.idNumber)}</td>
                <td>{c.employer}</td>
                <td>{c.attempt === 'new' ? t('centre.roster.attemptNew') : t('centre.roster.attemptRetake')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function AssessorsTab() {
  const { t } = useTranslation();
  const view = useCentre((s) => s.view);
  const directory = useCall('exam.assessorDirectory', {});
  const [pick, setPick] = useState('');
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [employer, setEmployer] = useState('');
  const [dc, setDc] = useState({ assessorId: '', candidateId: '', reason: 'relative' as 'relative' | 'employer' | 'trainer' | 'other', note: '' });
  if (!view) return null;
  const known = directory.state === 'ready' ? directory.value.assessors.filter((a) => !view.assessors.some((x) => x.assessorId === a.id)) : [];
  const nameOf = new Map(view.assessors.map((a) => [a.assessorId, a.name]));
  const candOf = new Map(view.candidates.map((c) => [c.id, c]));
  const load = new Map<string, number>();
  for (const p of Object.values(view.panels)) for (const a of p) load.set(a, (load.get(a) ?? 0) + 1);
  return (
    <div className="ce-cols">
      <section className="ce-card ce-grow">
        <table className="ce-table" data-testid="ce-assessors">
          <thead>
            <tr>
              <th>{t('centre.assessors.name')}</th>
              <th>{t('centre.assessors.employer')}</th>
              <th>{t('centre.assessors.load')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {view.assessors.map((a) => (
              <tr key={a.assessorId}>
                <td>
                  {a.name} <span className="ce-muted ce-mono">{a.assessorId}</span>
                </td>
                <td>{a.employer}</td>
                <td>{load.get(a.assessorId) ?? 0}</td>
                <td>
                  <button onClick={() => void removeAssessor(a.assessorId)}>{t('centre.assessors.remove')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className={view.assignment.ok ? 'ce-rules ce-ok' : 'ce-rules ce-bad'} data-testid="ce-assign-state">
          {!view.assignment.ok && t('centre.assessors.cannot')}
          <IssueList issues={view.assignment.issues} />
        </div>
        <button className="ce-primary" onClick={() => void assign()} data-testid="ce-assign">
          {t('centre.assessors.assign')}
        </button>
        {Object.keys(view.panels).length > 0 && (
          <table className="ce-table" data-testid="ce-panels">
            <thead>
              <tr>
                <th>{t('centre.roster.ticket')}</th>
                <th>{t('centre.roster.name')}</th>
                <th>{t('centre.assessors.panel')}</th>
              </tr>
            </thead>
            <tbody>
              {view.candidates.map((c) => (
                <tr key={c.id}>
                  <td className="ce-mono">{c.ticketNo}</td>
                  <td>{c.name}</td>
                  <td>{(view.panels[c.id] ?? []).map((a) => nameOf.get(a) ?? a).join('、')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="ce-card ce-side">
        <h4>{t('centre.assessors.add')}</h4>
        <form
          className="ce-form"
          data-testid="ce-add-assessor"
          onSubmit={(e) => {
            e.preventDefault();
            const chosen = known.find((a) => a.id === pick);
            void addAssessor(chosen ? { assessorId: chosen.id, name: chosen.name, employer } : { name, ...(pin ? { pin } : {}), employer });
            setName('');
            setPin('');
            setPick('');
          }}
        >
          <label>
            {t('centre.assessors.pick')}
            <select value={pick} onChange={(e) => setPick(e.target.value)} name="pick">
              <option value="">{t('centre.assessors.pickNone')}</option>
              {known.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          {pick === '' && (
            <>
              <label>
                {t('centre.assessors.name')}
                <input value={name} onChange={(e) => setName(e.target.value)} name="name" />
              </label>
              <label>
                {t('centre.assessors.pin')}
                <input value={pin} onChange={(e) => setPin(e.target.value)} name="pin" type="password" inputMode="numeric" />
              </label>
            </>
          )}
          <label>
            {t('centre.assessors.employer')}
            <input value={employer} onChange={(e) => setEmployer(e.target.value)} name="employer" />
          </label>
          <button type="submit">{t('centre.assessors.add')}</button>
        </form>
        <h4>{t('centre.assessors.declare')}</h4>
        <p className="ce-muted">{t('centre.assessors.declareHint')}</p>
        <form
          className="ce-form"
          data-testid="ce-declare"
          onSubmit={(e) => {
            e.preventDefault();
            if (dc.assessorId && dc.candidateId) void declare(dc);
          }}
        >
          <label>
            {t('centre.assessors.assessor')}
            <select value={dc.assessorId} onChange={(e) => setDc({ ...dc, assessorId: e.target.value })} name="assessorId">
              <option value="" />
              {view.assessors.map((a) => (
                <option key={a.assessorId} value={a.assessorId}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('centre.assessors.candidate')}
            <select value={dc.candidateId} onChange={(e) => setDc({ ...dc, candidateId: e.target.value })} name="candidateId">
              <option value="" />
              {view.candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.ticketNo} {c.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('centre.assessors.reason')}
            <select value={dc.reason} onChange={(e) => setDc({ ...dc, reason: e.target.value as typeof dc.reason })} name="reason">
              {(['relative', 'employer', 'trainer', 'other'] as const).map((r) => (
                <option key={r} value={r}>
                  {t(`centre.assessors.reasons.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('centre.assessors.note')}
            <input value={dc.note} onChange={(e) => setDc({ ...dc, note: e.target.value })} name="note" />
          </label>
          <button type="submit">{t('centre.assessors.save')}</button>
        </form>
        {view.declarations.length > 0 && (
          <ul className="ce-list" data-testid="ce-declarations">
            {view.declarations.map((d) => (
              <li key={`${d.assessorId}-${d.candidateId}`}>
                {nameOf.get(d.assessorId) ?? d.assessorId} ↔ {candOf.get(d.candidateId)?.name ?? d.candidateId}：{t(`centre.assessors.reasons.${d.reason}`)}
                {d.note ? `（${d.note}）` : ''}
              </li>
            ))}
          </ul>
        )}
        <p className="ce-muted">{t('centre.assessors.sameEmployer')}</p>
      </section>
    </div>
  );
}

function StationsTab() {
  const { t } = useTranslation();
  const view = useCentre((s) => s.view);
  if (!view) return null;
  const byId = new Map(view.candidates.map((c) => [c.id, c]));
  const rounds = Math.max(0, ...view.seats.map((s) => s.round));
  return (
    <section className="ce-card">
      <div className="ce-row">
        <button className="ce-primary" onClick={() => void draw()} data-testid="ce-draw">
          {t('centre.stations.draw')}
        </button>
        <span className="ce-muted">{t('centre.stations.seed', { seed: view.sitting.drawSeed })}</span>
        <span className="ce-grow" />
        <span className="ce-muted">{t('centre.docs.heading')}</span>
        <button onClick={() => void downloadDocument('seating', 'pdf')} data-testid="ce-doc-seating">
          {t('centre.docs.seating')}
        </button>
        <button onClick={() => void downloadDocument('tickets', 'pdf')} data-testid="ce-doc-tickets">
          {t('centre.docs.tickets')}
        </button>
        <button onClick={() => void downloadDocument('signin', 'pdf')} data-testid="ce-doc-signin">
          {t('centre.docs.signin')}
        </button>
      </div>
      {view.seats.length === 0 ? (
        <p className="ce-muted">{t('centre.stations.none')}</p>
      ) : (
        <>
          <p>{t('centre.stations.rounds', { rounds, stations: view.sitting.stations })}</p>
          <div className="ce-seats" data-testid="ce-seats">
            {view.seats.map((s) => {
              const c = byId.get(s.candidateId);
              return (
                <div key={`${String(s.round)}-${String(s.station)}`} className="ce-seat">
                  <small>
                    {t('centre.stations.round')} {s.round} · {t('centre.stations.station')} {s.station}
                  </small>
                  <strong>{c?.name ?? s.candidateId}</strong>
                  <span className="ce-mono">{c?.ticketNo}</span>
                </div>
              );
            })}
          </div>
        </>
      )}
    </section>
  );
}
