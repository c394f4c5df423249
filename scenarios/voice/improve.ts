// What to improve in the delivery, from the voice figures (pure): codes with numbers, no text
// (the UI words them). Each rule gives a severity 0..1; the caller ranks them with the session's
// other improvements. Thresholds are broadcast-speech norms for Mandarin live selling.
import type { PackageVoice } from './report.ts';

export const VOICE_IMPROVEMENTS = ['voice.rate_fast', 'voice.rate_slow', 'voice.monotone', 'voice.too_quiet', 'voice.uneven', 'voice.clipping', 'voice.little_talk', 'voice.slow_answers'] as const;
export type VoiceImprovementCode = (typeof VOICE_IMPROVEMENTS)[number];

export interface VoiceImprovement {
  code: VoiceImprovementCode;
  severity: number;
  /** Skill requirement ids of the standard the delivery bears on. */
  skills: readonly string[];
  params: Record<string, number>;
}

/** Skills about delivery: 3:4.2.1 能对个人情绪进行控制管理, 3:4.2.2 能调动直播间气氛. */
export const DELIVERY_SKILLS = ['3:4.2.1', '3:4.2.2'] as const;

export const VOICE_NORMS = {
  /** 字/分钟: comfortable live selling is about 180–280. */
  rateMax: 300,
  rateMin: 150,
  /** F0 range (10th–90th percentile) under this many semitones sounds flat. */
  monotoneSt: 4,
  /** Loudness range over this many LU: the voice swings from shouting to mumbling. */
  unevenLu: 12,
  /** Median answer pause over this many ms. */
  slowAnswerMs: 5000,
  /** Talk ratio under this is a quiet room. */
  minTalkRatio: 0.4,
  /** Figures need this much speech to be judged, ms. */
  minSpeechMs: 30000,
} as const;

const clamp = (x: number) => Math.max(0, Math.min(1, x));

export function voiceImprovements(v: Pick<PackageVoice, 'report' | 'answers'>): VoiceImprovement[] {
  const r = v.report;
  const n = VOICE_NORMS;
  const out: VoiceImprovement[] = [];
  const add = (code: VoiceImprovementCode, severity: number, params: Record<string, number>, skills: readonly string[] = DELIVERY_SKILLS) => {
    if (severity > 0) out.push({ code, severity: Math.round(clamp(severity) * 100) / 100, skills, params });
  };
  const enough = r.rate.speakingMs >= n.minSpeechMs;
  const rate = r.rate.perMinute;
  if (enough && rate !== null && rate > n.rateMax) add('voice.rate_fast', 0.3 + (rate - n.rateMax) / 100, { rate: Math.round(rate), max: n.rateMax });
  if (enough && rate !== null && rate < n.rateMin) add('voice.rate_slow', 0.3 + (n.rateMin - rate) / 60, { rate: Math.round(rate), min: n.rateMin });
  const st = r.pitch.rangeSt;
  if (enough && st !== null && st < n.monotoneSt) add('voice.monotone', 0.3 + (n.monotoneSt - st) / n.monotoneSt / 2, { rangeSt: st, min: n.monotoneSt });
  const quietMs = r.loudness.quiet.reduce((a, q) => a + q.end - q.start, 0);
  if (quietMs > 0) add('voice.too_quiet', 0.3 + quietMs / Math.max(1, r.talk.talkMs), { seconds: Math.round(quietMs / 1000), count: r.loudness.quiet.length, lufs: r.loudness.quietLufs });
  const lra = r.loudness.rangeLu;
  if (enough && lra !== null && lra > n.unevenLu) add('voice.uneven', 0.2 + (lra - n.unevenLu) / 20, { rangeLu: lra, max: n.unevenLu });
  if (r.loudness.clipping.length > 0) add('voice.clipping', 0.3 + r.loudness.clipping.length / 10, { count: r.loudness.clipping.length });
  if (r.durationMs >= 60000 && r.talk.ratio < n.minTalkRatio) add('voice.little_talk', 0.3 + (n.minTalkRatio - r.talk.ratio), { percent: Math.round(r.talk.ratio * 100), min: Math.round(n.minTalkRatio * 100) });
  const pauses = v.answers.map((a) => a.pauseMs).filter((p): p is number => p !== null).sort((a, b) => a - b);
  const median = pauses.length > 0 ? (pauses[Math.floor((pauses.length - 1) / 2)] ?? 0) : null;
  if (median !== null && pauses.length >= 2 && median > n.slowAnswerMs)
    add('voice.slow_answers', 0.3 + (median - n.slowAnswerMs) / 20000, { seconds: Math.round(median / 100) / 10, count: pauses.length }, ['5:6.2.1', '3:4.2.3']);
  return out.sort((a, b) => b.severity - a.severity);
}
