// The voice report: what the analyser's frames say about delivery, as figures (codes and numbers,
// no text). One schema for the CLI's JSON, the contract and the renderer. Times are ms from the
// first sample of the audio; the caller maps them to session time.
import { z } from 'zod';
import { TranscriptFindingsSchema } from '../compliance/transcript.ts';
import { percentile } from '../engine/metrics.ts';
import type { Stretch } from '../engine/types.ts';
import type { VoiceFrames } from './analyser.ts';
import { integratedLoudness, loudnessRange, lufs, prefixSums } from './loudness.ts';
import { semitones } from './pitch.ts';
import { activeRuns, envelope, mergeRuns, nuclei, silences, toStretch } from './segments.ts';

export interface ReportOptions {
  /** Silence at least this long is dead air (the scenario's threshold). */
  deadAirMs: number;
  /** Talk whose loudness stays under this for quietMinMs is too quiet, LUFS. */
  quietLufs?: number;
  quietMinMs?: number;
  /** Pauses shorter than this stay inside one talk segment. */
  mergeGapMs?: number;
  /** Pauses shorter than this count as speaking time for the rate (phrasing, breath). */
  phraseGapMs?: number;
}

export const REPORT_DEFAULTS = { quietLufs: -40, quietMinMs: 3000, mergeGapMs: 300, phraseGapMs: 2000 } as const;
const MIN_SEGMENT_MS = 60;
const CLIP_MERGE_MS = 500;
/** Pitch figures need this much pitched speech, ms. */
const MIN_PITCHED_MS = 2000;
/** A per-minute or per-second rate needs this much speaking time, ms. */
const MIN_RATE_MS = 10000;
const LANE_RATE_WINDOW_MS = 10000;

const StretchSchema = z.strictObject({ start: z.number(), end: z.number() });
const num = z.number().nullable();

export const VoiceMinuteSchema = z.strictObject({
  minute: z.number().int().nonnegative(),
  talkRatio: z.number(),
  syllables: z.number().int().nonnegative(),
  /** Syllables (≈ 字) per minute of speaking time; null with under 10 s of speech. */
  rate: num,
  lufs: num,
  f0MedianHz: num,
  /** 10th–90th percentile of F0, semitones; null with under 2 s of pitched speech. */
  f0RangeSt: num,
});

export const VoiceLanesSchema = z.strictObject({
  stepMs: z.number().positive(),
  talk: z.array(z.number()),
  lufs: z.array(num),
  f0Hz: z.array(num),
  rate: z.array(num),
});

export const VoiceReportSchema = z.strictObject({
  sampleRate: z.number().positive(),
  durationMs: z.number().nonnegative(),
  talk: z.strictObject({ talkMs: z.number(), ratio: z.number(), segments: z.array(StretchSchema) }),
  deadAir: z.strictObject({ thresholdMs: z.number(), stretches: z.array(StretchSchema), totalMs: z.number(), longestMs: z.number() }),
  rate: z.strictObject({ syllables: z.number().int().nonnegative(), speakingMs: z.number(), perMinute: num }),
  loudness: z.strictObject({
    integratedLufs: num,
    rangeLu: num,
    quietLufs: z.number(),
    quiet: z.array(StretchSchema),
    peakDbfs: num,
    clippedSamples: z.number().int().nonnegative(),
    clipping: z.array(StretchSchema),
  }),
  pitch: z.strictObject({ medianHz: num, rangeSt: num }),
  minutes: z.array(VoiceMinuteSchema),
  lanes: VoiceLanesSchema,
});

export type VoiceReport = z.infer<typeof VoiceReportSchema>;

/** A package's voice: the report of its recording and the pause before each question's answer. */
export const PackageVoiceSchema = z.strictObject({
  sessionId: z.string(),
  file: z.string(),
  report: VoiceReportSchema,
  answers: z.array(z.strictObject({ commentId: z.string(), t: z.number(), pauseMs: z.number().nullable() })),
  /** The package's transcript.json through the banned-word and selling-point checks; null when it has none. */
  transcript: TranscriptFindingsSchema.nullable(),
});
export type PackageVoice = z.infer<typeof PackageVoiceSchema>;
export type VoiceMinute = z.infer<typeof VoiceMinuteSchema>;
export type VoiceLanes = z.infer<typeof VoiceLanesSchema>;

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const roundOrNull = (x: number | null, digits = 1) => (x === null || !Number.isFinite(x) ? null : round(x, digits));

export function voiceReport(f: VoiceFrames, options: ReportOptions): VoiceReport {
  const o = { ...REPORT_DEFAULTS, ...options };
  const ms = f.frameMs;
  const fr = (t: number) => Math.max(1, Math.round(t / ms));
  const durationMs = Math.round(f.count * ms);
  const runs = activeRuns(f.active, fr(o.mergeGapMs), fr(MIN_SEGMENT_MS));
  const segments = runs.map((r) => toStretch(r, ms));
  const talkMs = segments.reduce((a, s) => a + s.end - s.start, 0);
  const dead = silences(segments, durationMs, options.deadAirMs);
  const phrases = mergeRuns(runs, fr(o.phraseGapMs));
  const peaks = nuclei(envelope(f), runs);
  const prefix = prefixSums(f.kPower);
  const talkFlag = flags(f.count, runs);
  const speaking = flags(f.count, phrases);
  const cum = cumulative(f.count, (i) => (talkFlag[i] === 1 ? (f.kPower[i] ?? 0) : 0));
  const cumTalk = cumulative(f.count, (i) => talkFlag[i] ?? 0);
  const cumSpeaking = cumulative(f.count, (i) => speaking[i] ?? 0);
  const isPeak = new Uint8Array(f.count);
  for (const p of peaks) isPeak[p] = 1;
  const cumPeaks = cumulative(f.count, (i) => isPeak[i] ?? 0);
  const between = (c: Float64Array, a: number, b: number) => (c[Math.min(b, f.count)] ?? 0) - (c[Math.max(0, a)] ?? 0);
  const talkLufs = (a: number, b: number) => {
    const n = between(cumTalk, a, b);
    return n > 0 ? lufs(between(cum, a, b) / n) : null;
  };

  const pitchOf = (a: number, b: number) => {
    const hz: number[] = [];
    for (let i = a; i < b; i++) if (talkFlag[i] === 1 && (f.f0[i] ?? 0) > 0) hz.push(f.f0[i] ?? 0);
    if (hz.length * ms < MIN_PITCHED_MS) return { medianHz: null, rangeSt: null };
    hz.sort((x, y) => x - y);
    const lo = percentile(hz, 10) ?? 0;
    const hi = percentile(hz, 90) ?? 0;
    return { medianHz: roundOrNull(percentile(hz, 50)), rangeSt: roundOrNull(semitones(lo, hi)) };
  };

  const speakingMs = between(cumSpeaking, 0, f.count) * ms;
  const minutes: VoiceMinute[] = [];
  const perMinute = fr(60000);
  for (let m = 0; m * perMinute < f.count; m++) {
    const a = m * perMinute;
    const b = Math.min(f.count, a + perMinute);
    const sp = between(cumSpeaking, a, b) * ms;
    const syl = between(cumPeaks, a, b);
    const p = pitchOf(a, b);
    minutes.push({
      minute: m,
      talkRatio: round(between(cumTalk, a, b) / (b - a), 3),
      syllables: syl,
      rate: sp >= MIN_RATE_MS ? round((syl * 60000) / sp) : null,
      lufs: roundOrNull(talkLufs(a, b)),
      f0MedianHz: p.medianHz,
      f0RangeSt: p.rangeSt,
    });
  }

  const clipFrames: Array<[number, number]> = [];
  let clippedSamples = 0;
  for (let i = 0; i < f.count; i++) {
    const c = f.clipped[i] ?? 0;
    if (c > 0) {
      clippedSamples += c;
      clipFrames.push([i, i + 1]);
    }
  }

  const step = fr(100);
  const quietRuns: Array<[number, number]> = [];
  const win = fr(3000);
  for (let i = 0; i < f.count; i += step) {
    const a = i - win + 1;
    const talkShare = between(cumTalk, a, i + 1) / Math.min(win, i + 1);
    const l = talkLufs(a, i + 1);
    if (talkShare >= 0.5 && l !== null && l < o.quietLufs) quietRuns.push([Math.max(0, i + 1 - step), i + 1]);
  }
  const quiet = mergeRuns(quietRuns, step + 1)
    .filter(([a, b]) => (b - a) * ms >= o.quietMinMs)
    .map((r) => toStretch(r, ms));

  const laneStep = fr(1000);
  const lanes: VoiceLanes = { stepMs: round(laneStep * ms, 3), talk: [], lufs: [], f0Hz: [], rate: [] };
  const half = fr(LANE_RATE_WINDOW_MS / 2);
  for (let a = 0; a < f.count; a += laneStep) {
    const b = Math.min(f.count, a + laneStep);
    lanes.talk.push(round(between(cumTalk, a, b) / (b - a), 2));
    lanes.lufs.push(roundOrNull(talkLufs(a, b)));
    const hz: number[] = [];
    for (let i = a; i < b; i++) if (talkFlag[i] === 1 && (f.f0[i] ?? 0) > 0) hz.push(f.f0[i] ?? 0);
    hz.sort((x, y) => x - y);
    lanes.f0Hz.push(hz.length >= 10 ? roundOrNull(percentile(hz, 50), 0) : null);
    const c = (a + b) >> 1;
    const sp = between(cumSpeaking, c - half, c + half) * ms;
    lanes.rate.push(sp >= LANE_RATE_WINDOW_MS * 0.3 ? round((between(cumPeaks, c - half, c + half) * 60000) / sp, 0) : null);
  }

  const lengths = dead.map((d) => d.end - d.start);
  const pitch = pitchOf(0, f.count);
  return {
    sampleRate: f.sampleRate,
    durationMs,
    talk: { talkMs, ratio: durationMs > 0 ? round(talkMs / durationMs, 3) : 0, segments },
    deadAir: { thresholdMs: options.deadAirMs, stretches: dead, totalMs: lengths.reduce((x, y) => x + y, 0), longestMs: lengths.reduce((x, y) => Math.max(x, y), 0) },
    rate: { syllables: peaks.length, speakingMs: Math.round(speakingMs), perMinute: speakingMs > 0 ? round((peaks.length * 60000) / speakingMs) : null },
    loudness: {
      integratedLufs: roundOrNull(integratedLoudness(f, prefix)),
      rangeLu: roundOrNull(loudnessRange(f, prefix)),
      quietLufs: o.quietLufs,
      quiet,
      peakDbfs: f.peak > 0 ? round(20 * Math.log10(f.peak)) : null,
      clippedSamples,
      clipping: mergeRuns(clipFrames, fr(CLIP_MERGE_MS)).map((r) => toStretch(r, ms)),
    },
    pitch,
    minutes,
    lanes,
  };
}

/** The first talk onset at or after each question (ms of the same clock), null if none within capMs. */
export function answerPauses(segments: readonly Stretch[], questions: readonly number[], capMs: number): Array<number | null> {
  return questions.map((t) => {
    const s = segments.find((x) => x.start >= t);
    return s !== undefined && s.start - t <= capMs ? s.start - t : null;
  });
}

function flags(n: number, runs: ReadonlyArray<readonly [number, number]>): Uint8Array {
  const out = new Uint8Array(n);
  for (const [a, b] of runs) out.fill(1, a, b);
  return out;
}

function cumulative(n: number, at: (i: number) => number): Float64Array {
  const c = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) c[i + 1] = (c[i] ?? 0) + at(i);
  return c;
}
