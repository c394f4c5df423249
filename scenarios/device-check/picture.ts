// Camera measurement maths: brightness from RGBA pixels, frozen-picture detection by frame
// difference, and the frame rate actually delivered, counted from frame timestamps.

/** BT.601 luma (Y', 0–255) of each pixel of an RGBA buffer (canvas getImageData order). */
export function lumaPlane(rgba: ArrayLike<number>): Float32Array {
  const pixels = Math.floor(rgba.length / 4);
  const luma = new Float32Array(pixels);
  for (let p = 0, i = 0; p < pixels; p++, i += 4) {
    luma[p] = 0.299 * (rgba[i] ?? 0) + 0.587 * (rgba[i + 1] ?? 0) + 0.114 * (rgba[i + 2] ?? 0);
  }
  return luma;
}

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
  return sum / values.length;
}

/** Standard deviation: how much detail the picture has (0 for a flat colour). */
export function stdDev(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  const m = mean(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] ?? 0) - m;
    sum += d * d;
  }
  return Math.sqrt(sum / values.length);
}

/** Mean absolute difference of two luma planes of the same size. */
export function meanAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`meanAbsDiff: planes differ in size (${a.length} vs ${b.length} pixels)`);
  if (a.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}

/** One delivered frame: its timestamp (ms; capture time when the browser gives it) and the
 *  browser's running count of presented frames (so frames it skipped between callbacks count too). */
export interface FrameTick {
  readonly t: number;
  readonly presented: number;
}

export interface DeliveredRate {
  /** Frames per second; null with fewer than two ticks or no time between them. */
  readonly fps: number | null;
  readonly frames: number;
  readonly spanMs: number;
}

/** Frames delivered per second between the first and the last tick. */
export function deliveredFps(ticks: readonly FrameTick[]): DeliveredRate {
  const first = ticks[0];
  const last = ticks[ticks.length - 1];
  if (first === undefined || last === undefined || ticks.length < 2) return { fps: null, frames: ticks.length, spanMs: 0 };
  const spanMs = last.t - first.t;
  const frames = last.presented - first.presented;
  return { fps: spanMs > 0 ? (frames * 1000) / spanMs : null, frames, spanMs };
}

export interface FrozenEvidence {
  /** Largest difference between consecutive sampled frames (Y'); null with fewer than two frames. */
  readonly maxDiff: number | null;
  readonly meanDiff: number | null;
  /** Smallest detail (luma standard deviation) of the sampled frames. */
  readonly minDetail: number | null;
  /** null when it cannot be told: too few frames, or a flat picture (black, lens cap) with nothing to compare. */
  readonly frozen: boolean | null;
}

/** A picture is frozen when no pair of consecutive frames differs by more than `diffLimit`
 *  although the picture has detail (a real sensor always adds some noise between frames). */
export function detectFrozen(diffs: readonly number[], details: readonly number[], diffLimit: number, minDetail: number): FrozenEvidence {
  if (diffs.length === 0 || details.length === 0) return { maxDiff: null, meanDiff: null, minDetail: null, frozen: null };
  const maxDiff = Math.max(...diffs);
  const meanDiff = diffs.reduce((s, d) => s + d, 0) / diffs.length;
  const detail = Math.min(...details);
  return { maxDiff, meanDiff, minDetail: detail, frozen: detail < minDetail ? null : maxDiff < diffLimit };
}
