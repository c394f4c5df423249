// Fundamental frequency by YIN (de Cheveigné & Kawahara 2002): the cumulative-mean-normalised
// difference function of one window, its first dip under the threshold, refined by a parabola.
// Run on a low-passed, decimated signal (≈ 4 kHz) so a 90-minute recording stays cheap.

export interface YinRange {
  /** Shortest period tried, samples (the highest F0). */
  tauMin: number;
  /** Longest period tried, samples (the lowest F0). */
  tauMax: number;
  /** Window length, samples. */
  window: number;
  /** Dip threshold of the normalised difference (0.1–0.2 is usual). */
  threshold: number;
}

export function yinRange(sampleRate: number, minHz: number, maxHz: number, windowMs: number, threshold: number): YinRange {
  return {
    tauMin: Math.max(2, Math.floor(sampleRate / maxHz)),
    tauMax: Math.ceil(sampleRate / minHz),
    window: Math.round((sampleRate * windowMs) / 1000),
    threshold,
  };
}

/**
 * The period (fractional samples) of x[start … start + window + tauMax), or 0 when no period is
 * clear (unvoiced, noise). `scratch` must hold tauMax + 1 numbers.
 */
export function yinPeriod(x: Float32Array, start: number, r: YinRange, scratch: Float64Array): number {
  const { tauMin, tauMax, window: w, threshold } = r;
  const d = scratch;
  d[0] = 1;
  let running = 0;
  let found = -1;
  for (let tau = 1; tau <= tauMax; tau++) {
    let sum = 0;
    for (let j = 0; j < w; j++) {
      const diff = (x[start + j] ?? 0) - (x[start + j + tau] ?? 0);
      sum += diff * diff;
    }
    running += sum;
    d[tau] = running > 0 ? (sum * tau) / running : 1;
    if (found < 0 && tau > tauMin && (d[tau - 1] ?? 1) < threshold && (d[tau] ?? 1) >= (d[tau - 1] ?? 1)) {
      found = tau - 1;
      break;
    }
  }
  if (found < 0) return 0;
  const a = d[found - 1] ?? 1;
  const b = d[found] ?? 1;
  const c = d[found + 1] ?? 1;
  const den = a - 2 * b + c;
  const shift = den > 0 ? (0.5 * (a - c)) / den : 0;
  return found + Math.max(-1, Math.min(1, shift));
}

/** Semitones between two frequencies. */
export function semitones(fromHz: number, toHz: number): number {
  return 12 * Math.log2(toHz / fromHz);
}
