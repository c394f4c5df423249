// Loudness per ITU-R BS.1770-4 (mono, channel weight 1) from the analyser's per-frame K-weighted
// power: 400 ms gating blocks every 100 ms, an absolute gate at −70 LUFS and a relative gate
// 10 LU under the absolute-gated mean. Loudness range per EBU Tech 3342: 3 s short-term loudness
// every 100 ms, gated at −70 LUFS and 20 LU under its mean, the spread from the 10th to the 95th
// percentile.
import { percentile } from '../engine/metrics.ts';

export const ABSOLUTE_GATE_LUFS = -70;
const RELATIVE_GATE_LU = -10;
const RANGE_GATE_LU = -20;

export const lufs = (power: number): number => (power > 0 ? -0.691 + 10 * Math.log10(power) : -Infinity);

/** Mean K-weighted power of frames [from, from + span) (clipped to the data). */
function meanPower(kPower: Float32Array, from: number, span: number, prefix: Float64Array): number {
  const a = Math.max(0, from);
  const b = Math.min(kPower.length, from + span);
  return b > a ? ((prefix[b] ?? 0) - (prefix[a] ?? 0)) / (b - a) : 0;
}

export function prefixSums(kPower: Float32Array): Float64Array {
  const p = new Float64Array(kPower.length + 1);
  for (let i = 0; i < kPower.length; i++) p[i + 1] = (p[i] ?? 0) + (kPower[i] ?? 0);
  return p;
}

export interface LoudnessFrames {
  kPower: Float32Array;
  frameMs: number;
}

function framesFor(ms: number, frameMs: number): number {
  return Math.max(1, Math.round(ms / frameMs));
}

/** Powers of the windows of `windowMs` every 100 ms that lie fully inside frames [from, to). */
function windows(f: LoudnessFrames, prefix: Float64Array, windowMs: number, from: number, to: number): number[] {
  const span = framesFor(windowMs, f.frameMs);
  const hop = framesFor(100, f.frameMs);
  const out: number[] = [];
  for (let s = from; s + span <= to; s += hop) out.push(meanPower(f.kPower, s, span, prefix));
  return out;
}

/** Integrated loudness of frames [from, to), LUFS; null when nothing passes the gates. */
export function integratedLoudness(f: LoudnessFrames, prefix: Float64Array, from = 0, to = f.kPower.length): number | null {
  const blocks = windows(f, prefix, 400, from, to).filter((p) => lufs(p) > ABSOLUTE_GATE_LUFS);
  if (blocks.length === 0) return null;
  const gate = lufs(mean(blocks)) + RELATIVE_GATE_LU;
  const kept = blocks.filter((p) => lufs(p) > gate);
  return kept.length === 0 ? null : lufs(mean(kept));
}

/** Loudness range (LU) of frames [from, to); null with under two gated short-term values. */
export function loudnessRange(f: LoudnessFrames, prefix: Float64Array, from = 0, to = f.kPower.length): number | null {
  const st = windows(f, prefix, 3000, from, to).filter((p) => lufs(p) > ABSOLUTE_GATE_LUFS);
  if (st.length < 2) return null;
  const gate = lufs(mean(st)) + RANGE_GATE_LU;
  const kept = st.map(lufs).filter((l) => l > gate).sort((a, b) => a - b);
  const lo = percentile(kept, 10);
  const hi = percentile(kept, 95);
  return lo === null || hi === null ? null : hi - lo;
}

/** Short-term loudness (3 s, ending at the frame) for frame i; −Infinity for silence. */
export function shortTermAt(f: LoudnessFrames, prefix: Float64Array, i: number): number {
  const span = framesFor(3000, f.frameMs);
  return lufs(meanPower(f.kPower, i + 1 - span, span, prefix));
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}
