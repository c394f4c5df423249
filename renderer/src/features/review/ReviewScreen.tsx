// 复盘: the trainee's own review right after the live. Headline figures, the three things most
// worth improving (with skill codes), charts over time with the session's events, the rubric items
// with the metrics that inform each, every question and how it was answered (voice answers link to
// that moment of the recording), and the data as CSV.
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { computeMetrics, improvements, metricTable, rubricEvidence, sessionCsv, type SessionMetrics } from '../../../../scenarios/engine/index.ts';
import { skillById } from '../../../../scenarios/standard/index.ts';
import { DELIVERY_SKILLS, voiceImprovements, type VoiceImprovement } from '../../../../scenarios/voice/index.ts';
import { say, sayParts } from '../../i18n/words.ts';
import { useNavigation } from '../../stores/navigation.ts';
import { mediaUrl } from '../assessor/view.ts';
import { formatClock } from '../live-room/clock.ts';
import { openBriefing } from '../live-room/session.ts';
import { useResults, type LiveRoomResult } from '../../stores/results.ts';
import { CommentsChart, OrdersChart, ViewersChart, type Span } from './Charts.tsx';
import { csvFiles, download } from './csv.ts';
import { VoicePanel } from './VoicePanel.tsx';
import { useVoice } from './voice-store.ts';
import './review.css';

function spansOf(m: SessionMetrics): Span[] {
  const end = m.durationMs;
  return [
    ...m.faults.items.map((f): Span => ({ start: f.startedAt, end: f.recoveredAt ?? end, kind: 'fault' })),
    ...m.voice.deadAir.stretches.map((s): Span => ({ start: s.start, end: s.end, kind: 'dead_air' })),
  ];
}

/** A session time; a button that plays the recording from there when there is one. */
function At({ ms, seek }: { ms: number; seek: ((ms: number) => void) | null }) {
  const { t } = useTranslation();
  if (seek === null) return <span>{formatClock(ms)}</span>;
  return (
    <button type="button" className="rv-seek" onClick={() => seek(ms)} title={t('review.replies.seek')}>
      ▶ {formatClock(ms)}
    </button>
  );
}

function Headline({ m }: { m: SessionMetrics }) {
  const { t } = useTranslation();
  const figures: [string, string][] = [
    [t('review.head.duration'), formatClock(m.durationMs)],
    [t('review.head.entered'), String(m.audience.total)],
    [t('review.head.peak'), String(m.audience.peak)],
    [t('review.head.orders'), `${String(m.sales.orders)} / ${String(m.sales.units)}`],
    [t('review.head.gmv'), `¥${m.sales.gmv.toFixed(2)}`],
    [t('review.head.conversion'), `${(m.sales.conversion * 100).toFixed(1)}%`],
    [t('review.head.answered'), `${String(m.replies.answered)} / ${String(m.replies.due)}`],
    [t('review.head.latency'), m.replies.p50Ms === null ? '—' : `${(m.replies.p50Ms / 1000).toFixed(1)} / ${((m.replies.p90Ms ?? 0) / 1000).toFixed(1)} s`],
  ];
  return (
    <dl className="rv-head-figures">
      {figures.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Report({ result }: { result: LiveRoomResult }) {
  const { t, i18n } = useTranslation();
  const go = useNavigation((s) => s.go);
  const video = useRef<HTMLVideoElement>(null);
  const { scenario, state, timeline, evidence, speed } = result;
  const m = useMemo(() => computeMetrics(state), [state]);
  const engineTop = useMemo(() => improvements(m, scenario), [m, scenario]);
  const voice = useVoice((s) => (s.sessionId !== null && s.sessionId === evidence.sessionId ? s.voice : null));
  // The session's and the voice's improvements ranked together; the three most urgent shown.
  const top = useMemo(() => {
    const all: Array<{ severity: number; engine?: (typeof engineTop)[number]; voice?: VoiceImprovement }> = [
      ...engineTop.map((x) => ({ severity: x.severity, engine: x })),
      ...(voice === null ? [] : voiceImprovements(voice)).map((x) => ({ severity: x.severity, voice: x })),
    ];
    return all.sort((a, b) => b.severity - a.severity).slice(0, 3);
  }, [engineTop, voice]);
  const table = useMemo(() => metricTable(m), [m]);
  const rubric = useMemo(() => rubricEvidence(scenario, m), [scenario, m]);
  const files = useMemo(() => csvFiles(sessionCsv(state, (key, params) => say(t, { key, params })), `${scenario.id}-${evidence.sessionId ?? 'practice'}`), [state, scenario.id, evidence.sessionId, t]);
  const spans = useMemo(() => spansOf(m), [m]);
  // In time order (the engine appends a dead-air marker when the silence ends, at its start time).
  const markers = useMemo(() => [...m.markers].sort((a, b) => a.t - b.t), [m]);
  const endMs = m.durationMs;
  const startViewers = m.audience.start;
  const chart = { buckets: timeline.buckets, bucketMs: timeline.bucketMs, endMs, startViewers, markers, spans };
  // The package lists a camera recording (durationMs is its length): the media route serves it once verified.
  const hasVideo = evidence.sessionId !== null && evidence.summary !== null && evidence.summary.durationMs !== null;
  // Session time → video time (the same unless the clock was sped up for a test).
  const seek = (ms: number) => {
    const v = video.current;
    if (v === null) return;
    v.currentTime = ms / speed / 1000;
    void v.play().catch(() => undefined);
  };
  const seekTo = hasVideo ? seek : null;

  return (
    <main className="rv" data-testid="review">
      <header className="rv-header">
        <div>
          <h2>
            {t('review.title')} · {i18n.language === 'en' ? scenario.title.en : scenario.title['zh-CN']}
          </h2>
          <p className="rv-sub">
            {t(`review.ended.${state.endReason ?? 'trainee'}`)}
            {' · '}
            {evidence.state === 'finished' ? t('review.evidence.saved', { id: evidence.sessionId ?? '' }) : evidence.state === 'failed' ? t('review.evidence.failed', { message: evidence.message ?? '' }) : t('review.evidence.off')}
            {speed !== 1 && ` · ${t('review.speed', { speed })}`}
          </p>
        </div>
        <div className="rv-actions">
          <button type="button" className="rv-primary" onClick={() => void openBriefing(scenario.id).then(() => go('live-room'))}>
            {t('review.again')}
          </button>
          {evidence.sessionId !== null && (
            <button type="button" onClick={() => go('evidence')}>
              {t('review.openEvidence')}
            </button>
          )}
          <button type="button" onClick={() => go('home')}>
            {t('review.home')}
          </button>
        </div>
      </header>
      <Headline m={m} />

      <section className="rv-improve" aria-labelledby="rv-improve-h">
        <h3 id="rv-improve-h">{t('review.improve.title')}</h3>
        {top.length === 0 ? (
          <p className="rv-empty">{t('review.improve.none')}</p>
        ) : (
          <ol>
            {top.map(({ engine, voice: vx }) => (
              <li key={engine?.id ?? vx?.code} data-improvement={engine?.id ?? vx?.code}>
                {engine !== undefined ? (
                  <>
                    <strong>{say(t, { key: engine.title, params: {} })}</strong>
                    <p>{say(t, engine.detail)}</p>
                  </>
                ) : (
                  vx !== undefined && (
                    <>
                      <strong>{say(t, { key: `review.voice.improve.${vx.code}.title`, params: { ...vx.params } })}</strong>
                      <p>{say(t, { key: `review.voice.improve.${vx.code}.detail`, params: { ...vx.params } })}</p>
                    </>
                  )
                )}
                <p className="rv-codes">
                  {(engine?.skills ?? vx?.skills ?? []).map((code) => (
                    <span key={code} title={skillById(code)?.text ?? ''}>
                      {code}
                    </span>
                  ))}
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>

      <div className="rv-grid">
        <section className="rv-charts" aria-label={t('review.charts.title')}>
          <ViewersChart {...chart} />
          {hasVideo && evidence.sessionId !== null && <VoicePanel sessionId={evidence.sessionId} endMs={endMs} speed={speed} spans={spans} products={scenario.products} />}
          <CommentsChart {...chart} />
          <OrdersChart {...chart} />
          <ol className="rv-legend">
            {markers.map((mk, i) => (
              <li key={`${mk.kind}-${String(mk.t)}-${String(i)}`} className={mk.kind}>
                <b>{i + 1}</b> <At ms={mk.t} seek={seekTo} /> {say(t, mk)}
              </li>
            ))}
            <li className="rv-span-key">
              <i className="fault" /> {t('review.charts.faultSpan')} <i className="dead_air" /> {t('review.charts.deadAirSpan')}
            </li>
          </ol>
        </section>
        <aside className="rv-side">
          {hasVideo && evidence.sessionId !== null && (
            <figure className="rv-video">
              <video ref={video} controls preload="metadata" src={mediaUrl(evidence.sessionId, 'camera.webm', window.location.search)} />
              <figcaption>{t('review.video')}</figcaption>
            </figure>
          )}
          <section className="rv-csv">
            <h3>{t('review.csv.title')}</h3>
            <p>{t('review.csv.hint')}</p>
            <div className="rv-csv-buttons">
              {files.map((f) => (
                <button key={f.table} type="button" onClick={() => download(f)} data-csv={f.table}>
                  {t(`review.csv.${f.table}`)}
                </button>
              ))}
            </div>
          </section>
        </aside>
      </div>

      <section className="rv-rubric" aria-labelledby="rv-rubric-h">
        <h3 id="rv-rubric-h">{t('review.rubric.title')}</h3>
        <table>
          <thead>
            <tr>
              <th>{t('review.rubric.item')}</th>
              <th>{t('review.rubric.skills')}</th>
              <th>{t('review.rubric.metrics')}</th>
            </tr>
          </thead>
          <tbody>
            {rubric.map((r) => (
              <tr key={r.itemId}>
                <td>
                  <strong>{r.title[i18n.language === 'en' ? 'en' : 'zh-CN']}</strong>
                  <small>{t('review.rubric.points', { points: r.points })}</small>
                </td>
                <td className="rv-codes">
                  {r.skills.map((code) => (
                    <span key={code} title={skillById(code)?.text ?? ''}>
                      {code} <small>{skillById(code)?.text ?? ''}</small>
                    </span>
                  ))}
                </td>
                <td>
                  <ul>
                    {r.metrics.map((line) => (
                      <li key={line.id}>
                        <span>{say(t, { key: line.key, params: {} })}</span> <b>{sayParts(t, line.value)}</b>
                      </li>
                    ))}
                    {voice !== null && r.skills.some((code) => (DELIVERY_SKILLS as readonly string[]).includes(code)) && (
                      <li className="rv-voice-hint" data-voice-hint={r.itemId}>
                        <span>{t('review.voice.rubricHint')}</span>{' '}
                        <b>
                          {t('review.voice.rubricValue', {
                            rate: voice.report.rate.perMinute === null ? '—' : Math.round(voice.report.rate.perMinute),
                            range: voice.report.pitch.rangeSt ?? '—',
                            lufs: voice.report.loudness.integratedLufs ?? '—',
                          })}
                        </b>
                      </li>
                    )}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <details className="rv-all-metrics">
          <summary>{t('review.rubric.all')}</summary>
          <table>
            <tbody>
              {table.map((line) => (
                <tr key={line.id}>
                  <td>{say(t, { key: line.key, params: {} })}</td>
                  <td>{sayParts(t, line.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>

      <section className="rv-replies" aria-labelledby="rv-replies-h">
        <h3 id="rv-replies-h">{t('review.replies.title', { count: m.replies.items.length })}</h3>
        <table>
          <thead>
            <tr>
              <th>{t('review.replies.asked')}</th>
              <th>{t('review.replies.comment')}</th>
              <th>{t('review.replies.status')}</th>
              <th>{t('review.replies.answered')}</th>
              <th>{t('review.replies.how')}</th>
            </tr>
          </thead>
          <tbody>
            {m.replies.items.map((r) => (
              <tr key={r.commentId} className={r.status}>
                <td>
                  <At ms={r.t} seek={seekTo} />
                </td>
                <td>
                  <span className={`rv-kind k-${r.kind}`}>{t(`liveRoom.kind.${r.kind}`)}</span> <b>{r.user}</b> {r.text}
                </td>
                <td>{t(`review.replies.statuses.${r.status}`)}</td>
                <td>{r.answeredAt === null ? '—' : <><At ms={r.answeredAt} seek={seekTo} /> <small>({((r.latencyMs ?? 0) / 1000).toFixed(1)} s)</small></>}</td>
                <td>
                  {r.via === null ? '—' : t(`review.replies.via.${r.via}`)}
                  {r.replyText !== null && r.via !== 'voice' && <small className="rv-reply-text">{r.replyText}</small>}
                  {r.answeredWith !== null && <small className="rv-reply-text">{t('review.replies.with')}</small>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}

export function ReviewScreen() {
  const { t } = useTranslation();
  const result = useResults((s) => s.result);
  const go = useNavigation((s) => s.go);
  if (result === null) {
    return (
      <main className="rv">
        <p className="status">{t('review.none')}</p>
        <button type="button" onClick={() => go('live-room')}>
          {t('liveRoom.homeButton')}
        </button>
      </main>
    );
  }
  return <Report result={result} />;
}
