// Talk segments, silences and syllable nuclei from the analyser's frames (pure, offline).
import type { Stretch } from '../engine/types.ts';
import type { VoiceFrames } from './analyser.ts';

/** Frame runs [startFrame, endFrame) over the threshold, merged across gaps under `mergeFrames`, without runs under `minFrames`. */
export function activeRuns(active: Uint8Array, mergeFrames: number, minFrames: number, from = 0, to = active.length): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let i = from; i <= to; i++) {
    const on = i < to && active[i] === 1;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      const last = runs[runs.length - 1];
      if (last !== undefined && start - last[1] < mergeFrames) last[1] = i;
      else runs.push([start, i]);
      start = -1;
    }
  }
  return runs.filter(([a, b]) => b - a >= minFrames);
}

/** Merges runs whose gap is under `gapFrames`. */
export function mergeRuns(runs: ReadonlyArray<readonly [number, number]>, gapFrames: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [a, b] of runs) {
    const last = out[out.length - 1];
    if (last !== undefined && a - last[1] < gapFrames) last[1] = b;
    else out.push([a, b]);
  }
  return out;
}

export function toStretch([a, b]: readonly [number, number], frameMs: number): Stretch {
  return { start: Math.round(a * frameMs), end: Math.round(b * frameMs) };
}

/** Silences of at least `minMs` between talk segments, and before the first and after the last. */
export function silences(talk: readonly Stretch[], durationMs: number, minMs: number): Stretch[] {
  const out: Stretch[] = [];
  let from = 0;
  for (const s of [...talk, { start: durationMs, end: durationMs }]) {
    if (s.start - from >= minMs) out.push({ start: from, end: s.start });
    from = Math.max(from, s.end);
  }
  return out;
}

export interface NucleiOptions {
  /** A nucleus must rise this far above the dip since the previous one, dB. */
  dipDb: number;
  /** …and lie within this many dB of its segment's loudest frame. */
  rangeDb: number;
  /** Half-width of the local-maximum window, frames. */
  halfWindow: number;
}

export const NUCLEI_DEFAULTS: NucleiOptions = { dipDb: 2, rangeDb: 20, halfWindow: 3 };

/** Smoothed voice-band envelope (dB): power mean over ±2 frames. */
export function envelope(f: VoiceFrames): Float32Array {
  const n = f.count;
  const p = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) p[i + 1] = (p[i] ?? 0) + 10 ** ((f.bandDb[i] ?? -120) / 10);
  const env = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - 2);
    const b = Math.min(n, i + 3);
    const m = ((p[b] ?? 0) - (p[a] ?? 0)) / (b - a);
    env[i] = m > 1e-12 ? 10 * Math.log10(m) : -120;
  }
  return env;
}

/**
 * Syllable nuclei (frame indices): peaks of the envelope inside talk segments that stand out of
 * the dip before them (after de Jong & Wempe 2009, without their pitch requirement so a burst of
 * noise counts as a syllable, as in the tests). Two peaks without a dip between keep the higher.
 */
export function nuclei(env: Float32Array, segments: ReadonlyArray<readonly [number, number]>, o: NucleiOptions = NUCLEI_DEFAULTS): number[] {
  const out: number[] = [];
  for (const [a, b] of segments) {
    let top = -Infinity;
    for (let i = a; i < b; i++) top = Math.max(top, env[i] ?? -120);
    let last = -1;
    let dip = Infinity;
    for (let i = a; i < b; i++) {
      const v = env[i] ?? -120;
      dip = Math.min(dip, v);
      if (v < top - o.rangeDb) continue;
      let isMax = true;
      for (let j = Math.max(a, i - o.halfWindow); j <= Math.min(b - 1, i + o.halfWindow); j++) {
        const u = env[j] ?? -120;
        if (u > v || (u === v && j < i)) {
          isMax = false;
          break;
        }
      }
      if (!isMax) continue;
      if (last < 0 || v - dip >= o.dipDb) {
        out.push(i);
        last = i;
        dip = v;
      } else if (v > (env[last] ?? -120)) {
        out[out.length - 1] = i;
        last = i;
        dip = v;
      }
    }
  }
  return out;
}
