// Synthetic test signals with known answers for the voice analysis: tones, glides, noise bursts
// at known times, quiet room noise. Seeded, so every run makes the same samples.

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 4294967296) * 2 - 1;
  };
}

export function silence(sampleRate: number, seconds: number): Float32Array {
  return new Float32Array(Math.round(sampleRate * seconds));
}

/** White noise of the given RMS over the whole buffer (a room's floor). */
export function addNoise(x: Float32Array, rms: number, seed = 7): Float32Array {
  const r = rng(seed);
  const a = rms * Math.sqrt(3);
  for (let i = 0; i < x.length; i++) x[i] = (x[i] ?? 0) + a * r();
  return x;
}

/** Adds a sine (amplitude = peak) at `hz` from `fromS` for `seconds`. */
export function addTone(x: Float32Array, sampleRate: number, hz: number, amplitude: number, fromS = 0, seconds = x.length / sampleRate): Float32Array {
  const a = Math.round(fromS * sampleRate);
  const n = Math.min(x.length - a, Math.round(seconds * sampleRate));
  for (let i = 0; i < n; i++) x[a + i] = (x[a + i] ?? 0) + amplitude * Math.sin((2 * Math.PI * hz * i) / sampleRate);
  return x;
}

/** A harmonic tone gliding exponentially from `fromHz` to `toHz` over the buffer. */
export function glide(sampleRate: number, seconds: number, fromHz: number, toHz: number, amplitude: number): Float32Array {
  const n = Math.round(sampleRate * seconds);
  const x = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const hz = fromHz * (toHz / fromHz) ** (i / n);
    phase += (2 * Math.PI * hz) / sampleRate;
    x[i] = amplitude * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase));
  }
  return x;
}

/** Noise bursts (raised-sine envelope) starting at each time in `atS`, each `burstMs` long. */
export function addBursts(x: Float32Array, sampleRate: number, atS: readonly number[], burstMs: number, amplitude: number, seed = 11): Float32Array {
  const r = rng(seed);
  const len = Math.round((burstMs / 1000) * sampleRate);
  for (const t of atS) {
    const a = Math.round(t * sampleRate);
    for (let i = 0; i < len && a + i < x.length; i++) x[a + i] = (x[a + i] ?? 0) + amplitude * r() * Math.sin((Math.PI * i) / len);
  }
  return x;
}

/** Times from `fromS` (inclusive) to `toS` (exclusive), `perSecond` a second. */
export function every(fromS: number, toS: number, perSecond: number): number[] {
  const out: number[] = [];
  for (let k = 0; fromS + k / perSecond < toS - 1e-9; k++) out.push(fromS + k / perSecond);
  return out;
}

export function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Peak amplitude of a mono 1 kHz sine of `lufs` loudness: the K-weighting's +0.69 dB at 1 kHz
 * cancels BS.1770's −0.691 offset, so the loudness is the sine's mean square in dB (EBU Tech 3341).
 */
export function sineAmplitudeForLufs(lufs: number): number {
  return Math.SQRT2 * 10 ** (lufs / 20);
}
