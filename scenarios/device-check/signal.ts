// Audio measurement maths on plain sample arrays (floats in −1…1, as WebAudio gives them).
// Levels are dBFS: 0 dBFS is a full-scale sine's peak; a full-scale sine's RMS is −3.01 dBFS.

/** Root mean square of the samples; 0 for none. */
export function rms(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i] ?? 0;
    sum += v * v;
  }
  return Math.sqrt(sum / samples.length);
}

/** Largest absolute sample value. */
export function peak(samples: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = Math.abs(samples[i] ?? 0);
    if (v > max) max = v;
  }
  return max;
}

/** Amplitude (1 = full scale) to dBFS, clamped at `floorDb` so silence is a number, not −Infinity. */
export function toDbfs(amplitude: number, floorDb: number): number {
  if (!(amplitude > 0)) return floorDb;
  return Math.max(floorDb, 20 * Math.log10(amplitude));
}

/** How many samples reach `level` (fraction of full scale) or beyond, either sign. */
export function clippedCount(samples: ArrayLike<number>, level: number): number {
  let n = 0;
  for (let i = 0; i < samples.length; i++) if (Math.abs(samples[i] ?? 0) >= level) n++;
  return n;
}

/** True when every sample is exactly zero: a muted or disconnected input, not a quiet room. */
export function isDigitalSilence(samples: ArrayLike<number>): boolean {
  for (let i = 0; i < samples.length; i++) if ((samples[i] ?? 0) !== 0) return false;
  return true;
}

/** One analysis window of the microphone signal. */
export interface LevelWindow {
  /** When the window was read, ms (any monotonic clock). */
  readonly t: number;
  /** How much new signal the window stands for, ms (windows may overlap; this counts each ms once). */
  readonly ms: number;
  readonly rmsDbfs: number;
  readonly peakDbfs: number;
  readonly samples: number;
  readonly clipped: number;
  readonly digitalSilence: boolean;
}

export function analyseWindow(samples: ArrayLike<number>, t: number, ms: number, clipLevel: number, floorDb: number): LevelWindow {
  return {
    t,
    ms,
    rmsDbfs: toDbfs(rms(samples), floorDb),
    peakDbfs: toDbfs(peak(samples), floorDb),
    samples: samples.length,
    clipped: clippedCount(samples, clipLevel),
    digitalSilence: isDigitalSilence(samples),
  };
}

/** Median of the values; NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Power average of dB levels (energy mean, as a sound level meter's Leq): 10·log10(mean(10^(L/10))). */
export function powerMeanDb(levels: readonly number[]): number {
  if (levels.length === 0) return Number.NaN;
  const mean = levels.reduce((sum, level) => sum + 10 ** (level / 10), 0) / levels.length;
  return 10 * Math.log10(mean);
}

/** Noise floor: the median window level while the trainee keeps quiet (a cough or a click does not move it). */
export function noiseFloorDbfs(windows: readonly LevelWindow[]): number {
  return median(windows.map((w) => w.rmsDbfs));
}

export interface SpeechLevel {
  /** Power mean of the windows counted as speech; null when none were. */
  readonly levelDbfs: number | null;
  /** How much speech was heard, ms. */
  readonly activeMs: number;
}

/** Active speech level, a simplified ITU-T P.56: only windows clearly above the noise floor count. */
export function speechLevel(windows: readonly LevelWindow[], floorDbfs: number, aboveFloorDb: number, minDbfs: number): SpeechLevel {
  const gate = Math.max(floorDbfs + aboveFloorDb, minDbfs);
  const active = windows.filter((w) => w.rmsDbfs >= gate);
  return {
    levelDbfs: active.length > 0 ? powerMeanDb(active.map((w) => w.rmsDbfs)) : null,
    activeMs: active.reduce((sum, w) => sum + w.ms, 0),
  };
}

/** Signal-to-noise ratio in dB from the two levels. */
export function snrDb(speechDbfs: number, noiseDbfs: number): number {
  return speechDbfs - noiseDbfs;
}

export interface LevelSummary {
  readonly peakDbfs: number;
  readonly clippedSamples: number;
  readonly samples: number;
  readonly clippingRatio: number;
  /** Every window was all zeros. */
  readonly digitalSilence: boolean;
}

export function summariseLevels(windows: readonly LevelWindow[], floorDb: number): LevelSummary {
  const samples = windows.reduce((sum, w) => sum + w.samples, 0);
  const clippedSamples = windows.reduce((sum, w) => sum + w.clipped, 0);
  return {
    peakDbfs: windows.reduce((max, w) => Math.max(max, w.peakDbfs), floorDb),
    clippedSamples,
    samples,
    clippingRatio: samples > 0 ? clippedSamples / samples : 0,
    digitalSilence: windows.length > 0 && windows.every((w) => w.digitalSilence),
  };
}
