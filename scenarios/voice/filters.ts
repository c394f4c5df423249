// Second-order IIR sections (biquads) for the voice analysis: the ITU-R BS.1770 K-weighting
// pre-filter and RLB high-pass, computed for any sample rate (the coefficients of the
// standard's 48 kHz table, re-derived by bilinear transform as libebur128 does), and RBJ
// cookbook low-/high-/band-pass sections. Direct form I state per instance; process in place.

export interface BiquadCoefficients {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

export class Biquad {
  #x1 = 0;
  #x2 = 0;
  #y1 = 0;
  #y2 = 0;
  readonly c: BiquadCoefficients;
  constructor(c: BiquadCoefficients) {
    this.c = c;
  }
  /** Filters `input` into `output` (may be the same array). */
  process(input: Float32Array, output: Float32Array, length = input.length): void {
    const { b0, b1, b2, a1, a2 } = this.c;
    let x1 = this.#x1;
    let x2 = this.#x2;
    let y1 = this.#y1;
    let y2 = this.#y2;
    for (let i = 0; i < length; i++) {
      const x = input[i] ?? 0;
      let y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      if (Math.abs(y) < 1e-30) y = 0; // no denormals in long silences
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      output[i] = y;
    }
    this.#x1 = x1;
    this.#x2 = x2;
    this.#y1 = y1;
    this.#y2 = y2;
  }
}

/** BS.1770 stage 1: the high-shelf that models the head (+4 dB above ~1.7 kHz). */
export function kShelf(sampleRate: number): BiquadCoefficients {
  const f0 = 1681.974450955533;
  const G = 3.999843853973347;
  const Q = 0.7071752369554196;
  const K = Math.tan((Math.PI * f0) / sampleRate);
  const Vh = 10 ** (G / 20);
  const Vb = Vh ** 0.4996667741545416;
  const a0 = 1 + K / Q + K * K;
  return {
    b0: (Vh + (Vb * K) / Q + K * K) / a0,
    b1: (2 * (K * K - Vh)) / a0,
    b2: (Vh - (Vb * K) / Q + K * K) / a0,
    a1: (2 * (K * K - 1)) / a0,
    a2: (1 - K / Q + K * K) / a0,
  };
}

/** BS.1770 stage 2: the RLB high-pass (~38 Hz). */
export function kHighPass(sampleRate: number): BiquadCoefficients {
  const f0 = 38.13547087602444;
  const Q = 0.5003270373238773;
  const K = Math.tan((Math.PI * f0) / sampleRate);
  const a0 = 1 + K / Q + K * K;
  return { b0: 1, b1: -2, b2: 1, a1: (2 * (K * K - 1)) / a0, a2: (1 - K / Q + K * K) / a0 };
}

function rbj(sampleRate: number, f0: number, q: number): { cos: number; alpha: number } {
  const w = (2 * Math.PI * Math.min(f0, sampleRate * 0.45)) / sampleRate;
  return { cos: Math.cos(w), alpha: Math.sin(w) / (2 * q) };
}

export function lowPass(sampleRate: number, f0: number, q = Math.SQRT1_2): BiquadCoefficients {
  const { cos, alpha } = rbj(sampleRate, f0, q);
  const a0 = 1 + alpha;
  return { b0: (1 - cos) / 2 / a0, b1: (1 - cos) / a0, b2: (1 - cos) / 2 / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}

export function highPass(sampleRate: number, f0: number, q = Math.SQRT1_2): BiquadCoefficients {
  const { cos, alpha } = rbj(sampleRate, f0, q);
  const a0 = 1 + alpha;
  return { b0: (1 + cos) / 2 / a0, b1: -(1 + cos) / a0, b2: (1 + cos) / 2 / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}

/** Band-pass with 0 dB peak gain at f0. */
export function bandPass(sampleRate: number, f0: number, q: number): BiquadCoefficients {
  const { cos, alpha } = rbj(sampleRate, f0, q);
  const a0 = 1 + alpha;
  return { b0: alpha / a0, b1: 0, b2: -alpha / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}
