// The streaming half of the voice analysis: mono samples in, one row of features per 10 ms frame
// out. Per frame: level (dBFS, high-passed at 80 Hz), a voice-band envelope for syllable nuclei,
// BS.1770 K-weighted power, the tracked noise floor and the adaptive voice-activity decision,
// clipped samples, and F0 (YIN on a 900 Hz low-passed copy decimated to ≈ 4 kHz, every other
// voiced frame: a quarter of the work of 8 kHz, which the profile of a 90-minute recording showed
// as most of the analysis). Memory grows by a few bytes a frame (≈ 8 MB for 90 minutes).
import { Biquad, bandPass, highPass, kHighPass, kShelf, lowPass } from './filters.ts';
import { yinPeriod, yinRange, type YinRange } from './pitch.ts';
import { Track } from './track.ts';

export interface AnalyserOptions {
  sampleRate: number;
  /** Speech must be this far above the noise floor, dB. */
  snrDb?: number;
  /** Nothing quieter than this is speech, dBFS (a muted input is not a quiet talker). */
  minSpeechDbfs?: number;
  /** How fast the noise floor may rise while the signal stays above it, dB per second. */
  floorRiseDbPerS?: number;
  /** A sample at or beyond this magnitude is clipped. */
  clipLevel?: number;
  /** Run the pitch tracker every this many frames (1 = every 10 ms); 0 = no pitch. */
  pitchEvery?: number;
  minF0Hz?: number;
  maxF0Hz?: number;
}

export const ANALYSER_DEFAULTS = {
  snrDb: 10,
  minSpeechDbfs: -70,
  floorRiseDbPerS: 2,
  clipLevel: 0.999,
  pitchEvery: 2,
  minF0Hz: 60,
  maxF0Hz: 500,
} as const;

/** The per-frame features of a stretch of audio (views; read-only by convention). */
export interface VoiceFrames {
  sampleRate: number;
  /** Samples per frame. */
  frameLength: number;
  /** Frame duration, ms (10 ms, or as near as the sample rate allows). */
  frameMs: number;
  count: number;
  levelDb: Float32Array;
  bandDb: Float32Array;
  /** Mean square of the K-weighted signal. */
  kPower: Float32Array;
  floorDb: Float32Array;
  /** 1 where the frame is over the adaptive threshold (before any smoothing). */
  active: Uint8Array;
  /** Hz, 0 where no pitch. */
  f0: Float32Array;
  clipped: Uint16Array;
  peak: number;
}

const SILENT_DB = -120;
/** The pitch tracker's sample rate (at least): F0 ≤ 500 Hz needs no more. */
const PITCH_RATE_HZ = 4000;
const PITCH_LOWPASS_HZ = 900;
/** YIN dip threshold: 0.25 keeps the breathy onsets of speech that 0.15 drops. */
const YIN_THRESHOLD = 0.25;
const toDb = (power: number) => (power > 1e-12 ? 10 * Math.log10(power) : SILENT_DB);

export class VoiceAnalyser {
  readonly sampleRate: number;
  readonly frameLength: number;
  readonly frameMs: number;
  readonly #o: Required<Omit<AnalyserOptions, 'sampleRate'>>;
  readonly #frame: Float32Array;
  readonly #work: Float32Array;
  #fill = 0;
  readonly #hp: Biquad;
  readonly #band: Biquad;
  readonly #k1: Biquad;
  readonly #k2: Biquad;
  readonly #lp1: Biquad;
  readonly #lp2: Biquad;
  readonly #decimate: number;
  #phase = 0;
  readonly #pitch: YinRange;
  readonly #pitchRate: number;
  readonly #pbuf: Float32Array;
  #plen = 0;
  readonly #scratch: Float64Array;
  #floor = Number.NaN;
  readonly #rise: number;
  #peak = 0;
  readonly #level = new Track(Float32Array);
  readonly #bandDb = new Track(Float32Array);
  readonly #kPower = new Track(Float32Array);
  readonly #floorDb = new Track(Float32Array);
  readonly #active = new Track(Uint8Array);
  readonly #f0 = new Track(Float32Array);
  readonly #clipped = new Track(Uint16Array);

  constructor(options: AnalyserOptions) {
    const sr = options.sampleRate;
    if (!(Number.isFinite(sr) && sr >= 8000 && sr <= 384000)) throw new RangeError(`sample rate ${sr} Hz is outside 8000…384000`);
    this.sampleRate = sr;
    this.#o = { ...ANALYSER_DEFAULTS, ...stripUndefined(options) };
    this.frameLength = Math.round(sr / 100);
    this.frameMs = (this.frameLength / sr) * 1000;
    this.#frame = new Float32Array(this.frameLength);
    this.#work = new Float32Array(this.frameLength);
    this.#hp = new Biquad(highPass(sr, 80));
    this.#band = new Biquad(bandPass(sr, 900, 0.6));
    this.#k1 = new Biquad(kShelf(sr));
    this.#k2 = new Biquad(kHighPass(sr));
    this.#lp1 = new Biquad(lowPass(sr, PITCH_LOWPASS_HZ));
    this.#lp2 = new Biquad(lowPass(sr, PITCH_LOWPASS_HZ));
    this.#decimate = Math.max(1, Math.floor(sr / PITCH_RATE_HZ));
    this.#pitchRate = sr / this.#decimate;
    this.#pitch = yinRange(this.#pitchRate, this.#o.minF0Hz, this.#o.maxF0Hz, 25, YIN_THRESHOLD);
    this.#pbuf = new Float32Array(4 * (this.#pitch.window + this.#pitch.tauMax + 1));
    this.#scratch = new Float64Array(this.#pitch.tauMax + 2);
    this.#rise = (this.#o.floorRiseDbPerS * this.frameMs) / 1000;
  }

  /** Feeds mono samples (any length). */
  push(samples: Float32Array): void {
    let i = 0;
    while (i < samples.length) {
      const take = Math.min(samples.length - i, this.frameLength - this.#fill);
      this.#frame.set(samples.subarray(i, i + take), this.#fill);
      this.#fill += take;
      i += take;
      if (this.#fill === this.frameLength) {
        this.#analyseFrame();
        this.#fill = 0;
      }
    }
  }

  get frameCount(): number {
    return this.#level.length;
  }

  /** Features so far (a partial last frame is not included). */
  frames(): VoiceFrames {
    return {
      sampleRate: this.sampleRate,
      frameLength: this.frameLength,
      frameMs: this.frameMs,
      count: this.#level.length,
      levelDb: this.#level.view(),
      bandDb: this.#bandDb.view(),
      kPower: this.#kPower.view(),
      floorDb: this.#floorDb.view(),
      active: this.#active.view(),
      f0: this.#f0.view(),
      clipped: this.#clipped.view(),
      peak: this.#peak,
    };
  }

  #analyseFrame(): void {
    const n = this.frameLength;
    const x = this.#frame;
    const w = this.#work;
    let clipped = 0;
    let peak = this.#peak;
    const clip = this.#o.clipLevel;
    for (let i = 0; i < n; i++) {
      const a = Math.abs(x[i] ?? 0);
      if (a >= clip) clipped++;
      if (a > peak) peak = a;
    }
    this.#peak = peak;
    this.#clipped.push(Math.min(clipped, 65535));

    this.#hp.process(x, w);
    const level = toDb(meanSquare(w, n));
    this.#level.push(level);
    this.#band.process(w, w);
    this.#bandDb.push(toDb(meanSquare(w, n)));
    this.#k1.process(x, w);
    this.#k2.process(w, w);
    this.#kPower.push(meanSquare(w, n));

    // Noise floor: drops at once to a quieter frame, rises slowly while the signal stays above.
    if (Number.isNaN(this.#floor)) this.#floor = Math.min(level, -50);
    this.#floor = level < this.#floor ? level : Math.min(level, this.#floor + this.#rise);
    this.#floorDb.push(this.#floor);
    const active = level >= this.#o.minSpeechDbfs && level >= this.#floor + this.#o.snrDb ? 1 : 0;
    this.#active.push(active);

    this.#lp1.process(x, w);
    this.#lp2.process(w, w);
    this.#appendDecimated(w, n);
    this.#f0.push(this.#pitchNow(active === 1));
  }

  #appendDecimated(w: Float32Array, n: number): void {
    const d = this.#decimate;
    const keep = this.#pitch.window + this.#pitch.tauMax + 1;
    for (let i = this.#phase; i < n; i += d) {
      if (this.#plen === this.#pbuf.length) {
        this.#pbuf.copyWithin(0, this.#plen - keep, this.#plen);
        this.#plen = keep;
      }
      this.#pbuf[this.#plen++] = w[i] ?? 0;
    }
    this.#phase = (this.#phase + Math.ceil((n - this.#phase) / d) * d) - n;
  }

  #pitchNow(active: boolean): number {
    const every = this.#o.pitchEvery;
    if (every <= 0 || !active) return 0;
    const frame = this.#level.length - 1;
    const span = this.#pitch.window + this.#pitch.tauMax + 1;
    if (this.#plen < span) return 0;
    if (frame % every !== 0) return this.#f0.length > 0 ? this.#f0.get(this.#f0.length - 1) : 0;
    const period = yinPeriod(this.#pbuf, this.#plen - span, this.#pitch, this.#scratch);
    return period > 0 ? this.#pitchRate / period : 0;
  }
}

function meanSquare(w: Float32Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = w[i] ?? 0;
    sum += v * v;
  }
  return sum / n;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
