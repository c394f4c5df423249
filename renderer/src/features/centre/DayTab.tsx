// On the day (考场): each round's exam clock (stations follow it), sign-in with the lateness
// rule, absence, the identity check at the station (ID number typed or scanned against the roster,
// camera photo kept), incidents, and the day's log with time and who logged each entry.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maskId } from '../../../../scenarios/exam/id-number.ts';
import { taskClock } from '../../../../scenarios/exam/day.ts';
import { openCamera, stopStream } from '../../media/devices.ts';
import { absent, arrive, enterStation, identify, incident, loadDay, startClock } from './actions.ts';
import { useCentre } from './store.ts';

const KINDS = ['misconduct', 'deviceFailure', 'restart', 'other'] as const;

/** mm:ss (h:mm:ss past an hour). */
function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  return `${h > 0 ? `${String(h)}:` : ''}${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
}

function useNow(ms = 500): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(id);
  }, [ms]);
  return now;
}

/** Camera preview and one JPEG snapshot (base64), or null where there is no camera. */
function PhotoBox({ onPhoto }: { onPhoto: (jpegBase64: string | null) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shot, setShot] = useState<string | null>(null);
  useEffect(() => () => stopStream(stream), [stream]);
  const open = async () => {
    const cam = await openCamera(null);
    if (!cam.ok) {
      setError(cam.error);
      return;
    }
    setError(null);
    setStream(cam.stream);
    if (video.current) {
      video.current.srcObject = cam.stream;
      await video.current.play().catch(() => undefined);
    }
  };
  const take = () => {
    const v = video.current;
    if (!v || v.videoWidth === 0) return;
    const c = document.createElement('canvas');
    c.width = Math.min(640, v.videoWidth);
    c.height = Math.round((c.width * v.videoHeight) / v.videoWidth);
    c.getContext('2d')?.drawImage(v, 0, 0, c.width, c.height);
    const url = c.toDataURL('image/jpeg', 0.85);
    setShot(url);
    onPhoto(url.slice(url.indexOf(',') + 1));
  };
  return (
    <div className="ce-photo" data-testid="ce-photo">
      <video ref={video} muted playsInline className={stream ? '' : 'ce-hidden'} />
      {shot && <img src={shot} alt={t('centre.day.photoTaken')} data-testid="ce-photo-shot" />}
      <div className="ce-row">
        {stream === null ? (
          <button type="button" onClick={() => void open()}>
            {t('centre.day.cameraOn')}
          </button>
        ) : (
          <button type="button" onClick={take} data-testid="ce-photo-take">
            {t('centre.day.takePhoto')}
          </button>
        )}
        {error && <span className="ce-bad-text">{t('centre.day.noCamera', { error })}</span>}
      </div>
    </div>
  );
}

export function DayTab() {
  const { t } = useTranslation();
  const { view, day } = useCentre();
  const now = useNow();
  const [pick, setPick] = useState('');
  const [entered, setEntered] = useState('');
  const [photo, setPhoto] = useState<string | null>(null);
  const [photoKey, setPhotoKey] = useState(0);
  const [inc, setInc] = useState({ kind: 'misconduct' as (typeof KINDS)[number], candidateId: '', station: '', note: '' });
  useEffect(() => {
    void loadDay();
  }, []);
  if (!view) return null;
  if (!day) return <p className="ce-muted">…</p>;
  const s = view.sitting;
  const byId = new Map(view.candidates.map((c) => [c.id, c]));
  const seatOf = new Map(view.seats.map((x) => [x.candidateId, x]));
  const rounds = Math.max(1, ...view.seats.map((x) => x.round));
  const skew = day.now - day.fetchedAt;
  const serverNow = now + skew;
  const durationMs = s.durationMinutes * 60_000;
  const who = (id: unknown) => {
    const c = typeof id === 'string' ? byId.get(id) : undefined;
    return c ? `${c.name}（${c.ticketNo}）` : typeof id === 'string' ? id : '—';
  };
  return (
    <div className="ce-cols">
      <section className="ce-card ce-grow">
        <h4>{t('centre.day.clocks')}</h4>
        <p className="ce-muted">{t('centre.day.clockHint', { late: s.lateEntryMinutes })}</p>
        <div className="ce-clocks" data-testid="ce-clocks">
          {Array.from({ length: rounds }, (_, i) => i + 1).map((round) => {
            const clock = day.clocks.find((c) => c.round === round) ?? null;
            const tc = taskClock(clock, serverNow, durationMs);
            return (
              <div key={round} className={`ce-clock ce-${tc.state}`} data-testid={`ce-clock-${String(round)}`}>
                <small>{t('centre.day.round', { round })}</small>
                <strong>{formatClock(tc.remainingMs)}</strong>
                <span>{t(`centre.day.clockState.${tc.state}`, { elapsed: formatClock(tc.elapsedMs), at: clock ? new Date(clock.startedAt).toLocaleTimeString() : '' })}</span>
                {clock === null && (
                  <button className="ce-primary" onClick={() => void startClock(round)} data-testid={`ce-start-${String(round)}`}>
                    {t('centre.day.start', { round })}
                  </button>
                )}
              </div>
            );
          })}
        </div>
        <table className="ce-table" data-testid="ce-day">
          <thead>
            <tr>
              <th>{t('centre.stations.round')}-{t('centre.stations.station')}</th>
              <th>{t('centre.roster.ticket')}</th>
              <th>{t('centre.roster.name')}</th>
              <th>{t('centre.day.arrival')}</th>
              <th>{t('centre.day.identity')}</th>
              <th>{t('centre.day.incidents')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {day.candidates.map((d) => {
              const c = byId.get(d.candidateId);
              const seat = seatOf.get(d.candidateId);
              return (
                <tr key={d.candidateId} data-candidate={d.candidateId}>
                  <td>{seat ? `${String(seat.round)}-${String(seat.station)}` : '—'}</td>
                  <td className="ce-mono">{c?.ticketNo}</td>
                  <td>{c?.name}</td>
                  <td className={d.arrival === 'barred' || d.arrival === 'absent' ? 'ce-bad-text' : ''}>
                    {t(`centre.day.arrivalState.${d.arrival === 'present' && (d.lateMinutes ?? 0) > 0 ? 'presentLate' : d.arrival}`, { minutes: d.lateMinutes ?? 0 })}
                  </td>
                  <td className={d.identity === 'failed' ? 'ce-bad-text' : d.identity === 'matched' ? 'ce-ok-text' : ''}>
                    {t(`centre.day.identityState.${d.identity}`)}
                    {d.photo ? ` · ${t('centre.day.photoKept')}` : ''}
                  </td>
                  <td>{d.incidents > 0 ? d.incidents : ''}</td>
                  <td className="ce-nowrap">
                    {d.arrival === 'present' && seat && taskClock(day.clocks.find((x) => x.round === seat.round) ?? null, serverNow).state === 'running' && (
                      <button className="ce-primary" onClick={() => void enterStation(d.candidateId)} data-testid="ce-enter-station">
                        {t('centre.day.enterStation', { station: seat.station })}
                      </button>
                    )}
                    {d.arrival === 'expected' && (
                      <>
                        <button onClick={() => void arrive(d.candidateId)}>{t('centre.day.signIn')}</button>
                        <button onClick={() => void absent(d.candidateId)}>{t('centre.day.absent')}</button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <h4>{t('centre.day.log')}</h4>
        <table className="ce-table" data-testid="ce-day-log">
          <thead>
            <tr>
              <th>{t('centre.audit.at')}</th>
              <th>{t('centre.audit.actor')}</th>
              <th>{t('centre.audit.type')}</th>
            </tr>
          </thead>
          <tbody>
            {day.log.map((r) => {
              const d = r.data as Record<string, unknown>;
              const params = {
                who: who(d.candidateId),
                round: Number(d.round ?? 0),
                minutes: Number(d.lateMinutes ?? 0),
                kind: typeof d.kind === 'string' ? t(`centre.day.kinds.${d.kind as (typeof KINDS)[number]}`) : '',
                station: typeof d.station === 'number' ? String(d.station) : '—',
                note: typeof d.note === 'string' && d.note !== '' ? d.note : '—',
              };
              const key =
                r.type === 'identity.checked'
                  ? d.match === true
                    ? 'identityOk'
                    : 'identityFailed'
                  : r.type === 'candidate.arrived'
                    ? d.admitted === false
                      ? 'barred'
                      : Number(d.lateMinutes ?? 0) > 0
                        ? 'arrivedLate'
                        : 'arrived'
                    : r.type === 'candidate.absent'
                      ? 'absent'
                      : r.type === 'incident'
                        ? 'incident'
                        : r.type === 'clock.started'
                          ? 'clockStarted'
                          : 'clockStopped';
              return (
                <tr key={r.seq} data-type={r.type}>
                  <td className="ce-nowrap">{new Date(r.at).toLocaleTimeString()}</td>
                  <td>{r.actor}</td>
                  <td>{t(`centre.day.logLine.${key}`, params)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section className="ce-card ce-side">
        <h4>{t('centre.day.identityCheck')}</h4>
        <form
          className="ce-form"
          data-testid="ce-identify"
          onSubmit={(e) => {
            e.preventDefault();
            if (pick === '') return;
            void identify(pick, entered, photo).then(() => {
              setEntered('');
              setPhoto(null);
              setPhotoKey((k) => k + 1);
            });
          }}
        >
          <label>
            {t('centre.assessors.candidate')}
            <select value={pick} onChange={(e) => setPick(e.target.value)} name="candidateId">
              <option value="" />
              {view.candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.ticketNo} {c.name}
                </option>
              ))}
            </select>
          </label>
          {pick !== '' && <p className="ce-muted">{t('centre.day.rosterId', { id: maskId(byId.get(pick)?.idNumber ?? '') })}</p>}
          <label>
            {t('centre.day.enterId')}
            <input value={entered} onChange={(e) => setEntered(e.target.value)} name="entered" autoComplete="off" inputMode="text" maxLength={40} />
          </label>
          <PhotoBox key={photoKey} onPhoto={setPhoto} />
          <button type="submit" className="ce-primary">
            {t('centre.day.verify')}
          </button>
        </form>
        <h4>{t('centre.day.incident')}</h4>
        <form
          className="ce-form"
          data-testid="ce-incident"
          onSubmit={(e) => {
            e.preventDefault();
            void incident({ kind: inc.kind, candidateId: inc.candidateId || null, station: inc.station ? Number(inc.station) : null, note: inc.note }).then(() => setInc({ ...inc, note: '' }));
          }}
        >
          <label>
            {t('centre.day.kind')}
            <select value={inc.kind} onChange={(e) => setInc({ ...inc, kind: e.target.value as (typeof KINDS)[number] })} name="kind">
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`centre.day.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('centre.assessors.candidate')}
            <select value={inc.candidateId} onChange={(e) => setInc({ ...inc, candidateId: e.target.value, station: String(seatOf.get(e.target.value)?.station ?? '') })} name="candidateId">
              <option value="">{t('centre.day.nobody')}</option>
              {view.candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.ticketNo} {c.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('centre.stations.station')}
            <input value={inc.station} onChange={(e) => setInc({ ...inc, station: e.target.value.replace(/\D/g, '') })} name="station" inputMode="numeric" />
          </label>
          <label>
            {t('centre.assessors.note')}
            <input value={inc.note} onChange={(e) => setInc({ ...inc, note: e.target.value })} name="note" maxLength={500} />
          </label>
          <button type="submit">{t('centre.day.logIncident')}</button>
        </form>
      </section>
    </div>
  );
}
