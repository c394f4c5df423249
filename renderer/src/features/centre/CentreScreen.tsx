// 考务: the sittings list and new-sitting form, or one sitting with its tabs.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { say } from '../../i18n/words.ts';
import { useCall } from '../../app/useCall.ts';
import { useSelection } from '../../stores/selection.ts';
import { createSitting, loadList, openSitting } from './actions.ts';
import { IssueList } from './IssueList.tsx';
import { SittingScreen } from './SittingScreen.tsx';
import { useCentre, type Notice } from './store.ts';
import './centre.css';

export function CentreScreen() {
  const { t } = useTranslation();
  const { sittingId, actor, notice, set } = useCentre();
  useEffect(() => {
    if (sittingId === null) void loadList();
  }, [sittingId]);
  return (
    <main className="centre">
      <div className="ce-row ce-between">
        <h2>{t('centre.heading')}</h2>
        <label className="ce-row" title={t('centre.actorHint')}>
          {t('centre.actor')}
          <input value={actor} onChange={(e) => set({ actor: e.target.value })} data-testid="ce-actor" />
        </label>
      </div>
      {notice && (
        <div className={`ce-banner ce-${notice.kind}`} data-testid="ce-notice">
          {noticeText(notice, t)}
          {notice.issues && <IssueList issues={notice.issues} />}
        </div>
      )}
      {sittingId === null ? <SittingList /> : <SittingScreen />}
    </main>
  );
}

function noticeText(notice: NonNullable<Notice>, t: TFunction): string | null {
  const params = { ...(notice.params ?? {}) };
  if (notice.key === 'raw') return String(params.text ?? '');
  if (notice.key === 'issue') return null;
  if (notice.key === 'day.notice.incident') params.kind = say(t, { key: `centre.day.kinds.${String(params.kind)}`, params: {} });
  if (notice.key === 'results.recheckDone') params.outcome = say(t, { key: `centre.results.outcome.${String(params.outcome)}`, params: { score: params.score ?? '' } });
  return say(t, { key: `centre.${notice.key}`, params });
}

function SittingList() {
  const { t } = useTranslation();
  const list = useCentre((s) => s.list);
  return (
    <div className="ce-cols">
      <section className="ce-card ce-grow">
        {list === null || list.length === 0 ? (
          <p className="ce-muted">{t('centre.list.empty')}</p>
        ) : (
          <table className="ce-table" data-testid="ce-sittings">
            <tbody>
              {list.map((x) => (
                <tr key={x.sitting.id}>
                  <td>
                    <strong>{x.sitting.title}</strong>
                    <div className="ce-muted">
                      {x.sitting.date} {x.sitting.start} · {x.sitting.room} · {x.sitting.id}
                    </div>
                  </td>
                  <td>
                    <span className={`ce-kind ce-${x.sitting.kind}`}>{t(`centre.kind.${x.sitting.kind}`)}</span>
                  </td>
                  <td>{t('centre.list.candidates', { count: x.candidates })}</td>
                  <td>{x.check.issues.length > 0 ? <span className="ce-bad-text">{t('centre.list.breaks', { count: x.check.issues.length })}</span> : '✓'}</td>
                  <td>{x.published ? t('centre.list.published') : t('centre.list.notPublished')}</td>
                  <td>
                    <button onClick={() => void openSitting(x.sitting.id)}>{t('centre.list.open')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <NewSittingForm />
    </div>
  );
}

function NewSittingForm() {
  const { t } = useTranslation();
  const { workType, level } = useSelection();
  const scenarios = useCall('scenarios.list', { workType, level });
  const today = new Date().toISOString().slice(0, 10);
  const [f, setF] = useState({ title: '', kind: 'formal' as 'formal' | 'mock', scenarioId: '', date: today, room: '实训室 1', start: '09:00', durationMinutes: 90, stations: 6, panelSize: 3, passMark: 60, lateEntryMinutes: 30, drawSeed: `${today}-1` });
  const list = scenarios.state === 'ready' ? scenarios.value.scenarios : [];
  const scenarioId = f.scenarioId || list[0]?.id || '';
  const num = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: Number(e.target.value) });
  const text = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setF({ ...f, [k]: e.target.value });
  return (
    <form
      className="ce-card ce-form"
      data-testid="ce-new-sitting"
      onSubmit={(e) => {
        e.preventDefault();
        void createSitting({ ...f, title: f.title || `${t(`centre.kind.${f.kind}`)} ${f.date}`, scenarioId, workType, level, stationScenarios: {}, fullMarks: 100 });
      }}
    >
      <h3>{t('centre.form.heading')}</h3>
      <label>
        {t('centre.form.title')}
        <input value={f.title} onChange={text('title')} name="title" />
      </label>
      <label>
        {t('centre.form.kind')}
        <select value={f.kind} onChange={text('kind')} name="kind">
          <option value="formal">{t('centre.kind.formal')}</option>
          <option value="mock">{t('centre.kind.mock')}</option>
        </select>
      </label>
      <label>
        {t('centre.form.scenario')}
        {list.length === 0 ? (
          <span className="ce-muted">{t('centre.form.noScenario')}</span>
        ) : (
          <select value={scenarioId} onChange={text('scenarioId')} name="scenarioId">
            {list.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title['zh-CN']}（{Math.round(s.durationSec / 60)} min）
              </option>
            ))}
          </select>
        )}
      </label>
      <div className="ce-grid">
        <label>
          {t('centre.form.date')}
          <input type="date" value={f.date} onChange={text('date')} name="date" />
        </label>
        <label>
          {t('centre.form.start')}
          <input type="time" value={f.start} onChange={text('start')} name="start" />
        </label>
        <label>
          {t('centre.form.room')}
          <input value={f.room} onChange={text('room')} name="room" />
        </label>
        <label>
          {t('centre.form.duration')}
          <input type="number" min={1} value={f.durationMinutes} onChange={num('durationMinutes')} name="durationMinutes" />
        </label>
        <label>
          {t('centre.form.stations')}
          <input type="number" min={1} value={f.stations} onChange={num('stations')} name="stations" />
        </label>
        <label>
          {t('centre.form.panelSize')}
          <input type="number" min={1} value={f.panelSize} onChange={num('panelSize')} name="panelSize" />
        </label>
        <label>
          {t('centre.form.passMark')}
          <input type="number" min={1} value={f.passMark} onChange={num('passMark')} name="passMark" />
        </label>
        <label>
          {t('centre.form.late')}
          <input type="number" min={0} value={f.lateEntryMinutes} onChange={num('lateEntryMinutes')} name="lateEntryMinutes" />
        </label>
        <label>
          {t('centre.form.seed')}
          <input value={f.drawSeed} onChange={text('drawSeed')} name="drawSeed" />
        </label>
      </div>
      <button className="ce-primary" type="submit" disabled={scenarioId === ''}>
        {t('centre.form.create')}
      </button>
    </form>
  );
}
