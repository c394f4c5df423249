// 声音表现 in the 复盘: the delivery figures recomputed from the recording (evidence.voice) and
// the voice lanes under the viewer curve. Shown when the session was recorded into a package.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackageVoice } from '../../../../scenarios/voice/index.ts';
import type { Span } from './Charts.tsx';
import { formatClock } from '../live-room/clock.ts';
import { VoiceLaneChart } from './VoiceCharts.tsx';
import { loadVoice, useVoice } from './voice-store.ts';

const sec = (ms: number) => (ms / 1000).toFixed(1);

/** The median answer pause of the questions answered by voice, ms; null for none. */
export function medianPause(v: PackageVoice): number | null {
  const p = v.answers.map((a) => a.pauseMs).filter((x): x is number => x !== null).sort((a, b) => a - b);
  return p.length === 0 ? null : (p[Math.floor((p.length - 1) / 2)] ?? null);
}

export function VoiceFigures({ v }: { v: PackageVoice }) {
  const { t } = useTranslation();
  const r = v.report;
  const none = t('review.voice.none');
  const pause = medianPause(v);
  const quietMs = r.loudness.quiet.reduce((a, q) => a + q.end - q.start, 0);
  const figures: [string, string, string][] = [
    ['talk', t('review.voice.fig.talk'), `${String(Math.round(r.talk.ratio * 100))}%`],
    ['rate', t('review.voice.fig.rate'), r.rate.perMinute === null ? none : t('review.voice.unit.rate', { value: Math.round(r.rate.perMinute) })],
    ['lufs', t('review.voice.fig.lufs'), r.loudness.integratedLufs === null ? none : `${String(r.loudness.integratedLufs)} LUFS`],
    ['range', t('review.voice.fig.range'), r.loudness.rangeLu === null ? none : `${String(r.loudness.rangeLu)} LU`],
    ['pitch', t('review.voice.fig.pitch'), r.pitch.rangeSt === null ? none : t('review.voice.unit.semitones', { value: r.pitch.rangeSt })],
    ['deadAir', t('review.voice.fig.deadAir'), t('review.voice.unit.deadAir', { count: r.deadAir.stretches.length, seconds: sec(r.deadAir.totalMs) })],
    ['quiet', t('review.voice.fig.quiet'), t('review.voice.unit.seconds', { value: sec(quietMs) })],
    ['clipping', t('review.voice.fig.clipping'), t('review.voice.unit.times', { count: r.loudness.clipping.length })],
    ['pause', t('review.voice.fig.pause'), pause === null ? none : t('review.voice.unit.seconds', { value: sec(pause) })],
  ];
  return (
    <dl className="rv-voice-figures" data-testid="rv-voice-figures">
      {figures.map(([id, label, value]) => (
        <div key={id} data-figure={id}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

type Products = readonly { id: string; sellingPoints: readonly { id: string; text: string }[] }[];

/** What the package's transcript.json says (banned words said, selling points spoken); nothing without one. */
export function TranscriptFindingsView({ v, products, speed }: { v: PackageVoice; products: Products; speed: number }) {
  const { t } = useTranslation();
  const x = v.transcript;
  if (x === null) return null;
  if (x.status === 'invalid') return <p className="status bad" data-testid="rv-transcript">{t('review.voice.transcript.invalid', { message: x.message })}</p>;
  const pointText = (productId: string, pointId: string) => products.find((p) => p.id === productId)?.sellingPoints.find((p) => p.id === pointId)?.text ?? pointId;
  const spoken = x.points?.filter((p) => p.spokenAt !== null) ?? [];
  const clock = (s: number) => formatClock(s * 1000 * speed);
  return (
    <div className="rv-transcript" data-testid="rv-transcript">
      <h4>
        {t('review.voice.transcript.title')} <small>{t('review.voice.transcript.source', { source: x.source, count: x.segments })}</small>
      </h4>
      <p data-testid="rv-transcript-banned">
        <strong>{t('review.voice.transcript.banned')}</strong>{' '}
        {x.banned.length === 0
          ? t('review.voice.transcript.bannedNone')
          : x.banned.map((h, i) => (
              <span key={i} className={`rv-said ${h.severity}`}>
                “{h.word}” {t(`engine.banned.${h.category}`)} {clock(h.at)}
              </span>
            ))}
      </p>
      <p data-testid="rv-transcript-points">
        <strong>{t('review.voice.transcript.points', { spoken: spoken.length, total: x.points?.length ?? 0 })}</strong>{' '}
        {x.points === null
          ? t('review.voice.transcript.pointsUnknown')
          : spoken.map((p) => (
              <span key={`${p.productId}/${p.pointId}`} className="rv-said">
                {pointText(p.productId, p.pointId)} {clock(p.spokenAt ?? 0)}
              </span>
            ))}
      </p>
    </div>
  );
}

export function VoicePanel({ sessionId, endMs, speed, spans, products }: { sessionId: string; endMs: number; speed: number; spans: readonly Span[]; products: Products }) {
  const { t } = useTranslation();
  const state = useVoice();
  useEffect(() => {
    void loadVoice(sessionId);
  }, [sessionId]);
  const mine = state.sessionId === sessionId;
  return (
    <section className="rv-voice" aria-labelledby="rv-voice-h" data-testid="rv-voice">
      <h3 id="rv-voice-h">
        {t('review.voice.title')} <small>{t('review.voice.hint')}</small>
      </h3>
      {!mine || state.status === 'loading' || state.status === 'idle' ? (
        <p className="status">{t('review.voice.loading')}</p>
      ) : state.status === 'failed' || state.voice === null ? (
        <p className="status bad">{t('review.voice.failed', { message: state.message ?? '' })}</p>
      ) : (
        <>
          <VoiceFigures v={state.voice} />
          <TranscriptFindingsView v={state.voice} products={products} speed={speed} />
          {(['lufs', 'f0Hz', 'rate'] as const).map((lane) => (
            <VoiceLaneChart key={lane} lanes={state.voice?.report.lanes ?? { stepMs: 1000, talk: [], lufs: [], f0Hz: [], rate: [] }} lane={lane} endMs={endMs} speed={speed} spans={spans} />
          ))}
        </>
      )}
    </section>
  );
}
