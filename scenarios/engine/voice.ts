// Talk time and dead air from the mic's voice-activity samples. A sample at or above
// MODEL.voiceThreshold is speech; the time to the next sample counts as talk (capped, so missing
// samples do not). Silence of MODEL.deadAirAfterMs or more is a dead-air stretch, from the last
// speech to the next. Silence while the stream is down is not dead air (the fault explains it).
import { emit, mark, type Ctx } from './ctx.ts';
import { MODEL } from './model.ts';

export function closeDeadAir(c: Ctx, t: number): void {
  const v = c.s.voice;
  if (v.deadAirStart === null) return;
  c.s.voice = { ...v, deadAirStart: null, deadAirs: [...v.deadAirs, { start: v.deadAirStart, end: t }] };
  emit(c, { type: 'dead_air', t, phase: 'end', since: v.deadAirStart });
  const sec = Math.round((t - v.deadAirStart) / 1000);
  if (sec >= 10) mark(c, v.deadAirStart, 'dead_air', 'dead_air', { seconds: sec });
}

export function voiceSample(c: Ctx, t: number, level: number): void {
  const v = c.s.voice;
  const speaking = Number.isFinite(level) && level >= MODEL.voiceThreshold;
  const gap = v.lastSampleAt === null ? 0 : Math.min(Math.max(t - v.lastSampleAt, 0), MODEL.talkGapCapMs);
  c.s.voice = {
    ...v,
    samples: v.samples + 1,
    lastSampleAt: t,
    lastSpeaking: speaking,
    talkMs: v.talkMs + (v.lastSpeaking ? gap : 0),
    lastVoiceAt: speaking ? t : v.lastVoiceAt,
  };
  if (speaking) closeDeadAir(c, t);
}

/** Silence (ms) as far as the audience model is concerned; 0 when the trainee is not the anchor. */
export function silenceMs(c: Ctx, t: number): number {
  if (c.s.scenario.audience.host !== 'trainee') return 0;
  const v = c.s.voice;
  return Math.max(0, t - Math.max(v.lastVoiceAt, v.quietFloor));
}

/** Opens a dead-air stretch once silence passes the threshold (not while the stream is down). */
export function checkDeadAir(c: Ctx, t: number, streamDown: boolean): void {
  const v = c.s.voice;
  if (streamDown || v.deadAirStart !== null) return;
  const silence = silenceMs(c, t);
  if (silence >= MODEL.deadAirAfterMs) {
    const since = t - silence;
    c.s.voice = { ...v, deadAirStart: since };
    emit(c, { type: 'dead_air', t, phase: 'start', since });
  }
}
