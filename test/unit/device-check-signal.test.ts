// Audio measurement maths of the device check on signals whose figures are known in closed form.
import { describe, expect, it } from 'vitest';
import {
  analyseWindow,
  clippedCount,
  isDigitalSilence,
  measureMicrophone,
  median,
  noiseFloorDbfs,
  peak,
  powerMeanDb,
  rms,
  snrDb,
  speechHeardEnough,
  speechLevel,
  summariseLevels,
  THRESHOLDS,
  toDbfs,
  type LevelWindow,
} from '../../scenarios/device-check/index.ts';

const RATE = 48_000;
const FLOOR = THRESHOLDS.microphone.floorDbfs.value;
const CLIP = THRESHOLDS.microphone.clipLevel.value;

function sine(amplitude: number, hz: number, n: number, rate = RATE): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / rate);
  return out;
}

/** Deterministic Gaussian noise (LCG + Box–Muller) with standard deviation `sigma`. */
function noise(sigma: number, n: number, seed = 42): Float32Array {
  let state = seed >>> 0;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 1) / 4294967297;
  };
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(uniform()));
    const a = 2 * Math.PI * uniform();
    out[i] = sigma * r * Math.cos(a);
    if (i + 1 < n) out[i + 1] = sigma * r * Math.sin(a);
  }
  return out;
}

/** Cuts a signal into analyser-sized windows, as the renderer's meter reads them. */
function windows(signal: Float32Array, size = 2048, t0 = 0): LevelWindow[] {
  const out: LevelWindow[] = [];
  for (let start = 0; start + size <= signal.length; start += size) {
    out.push(analyseWindow(signal.subarray(start, start + size), t0 + (start / RATE) * 1000, (size / RATE) * 1000, CLIP, FLOOR));
  }
  return out;
}

describe('levels in dBFS', () => {
  it('a full-scale sine has RMS 1/√2 (−3.01 dBFS) and peak 0 dBFS', () => {
    const s = sine(1, 1000, RATE);
    expect(rms(s)).toBeCloseTo(Math.SQRT1_2, 4);
    expect(toDbfs(rms(s), FLOOR)).toBeCloseTo(-3.01, 2);
    expect(toDbfs(peak(s), FLOOR)).toBeCloseTo(0, 3);
  });

  it('a sine at amplitude 0.1 is 20 dB lower: −23.01 dBFS RMS, −20 dBFS peak', () => {
    const s = sine(0.1, 440, RATE);
    expect(toDbfs(rms(s), FLOOR)).toBeCloseTo(-23.01, 2);
    expect(toDbfs(peak(s), FLOOR)).toBeCloseTo(-20, 2);
  });

  it('Gaussian noise of σ = 0.001 measures −60 dBFS RMS', () => {
    expect(toDbfs(rms(noise(0.001, RATE)), FLOOR)).toBeCloseTo(-60, 0);
  });

  it('silence is the floor, not −Infinity, and is recognised as digital silence', () => {
    const zeros = new Float32Array(2048);
    expect(toDbfs(rms(zeros), FLOOR)).toBe(FLOOR);
    expect(isDigitalSilence(zeros)).toBe(true);
    expect(isDigitalSilence(noise(1e-6, 2048))).toBe(false);
    expect(rms([])).toBe(0);
  });
});

describe('clipping', () => {
  it('counts samples at or beyond the clip level, both signs', () => {
    expect(clippedCount([0.5, 0.99, -0.995, 1, -1, 0.98], 0.99)).toBe(4);
  });

  it('a sine driven 2× into a hard limit clips about two thirds of its samples', () => {
    // 997 Hz is not a divisor of the rate, so the samples cover the phase evenly.
    const driven = sine(2, 997, RATE).map((v) => Math.max(-1, Math.min(1, v)));
    const ratio = summariseLevels(windows(driven), FLOOR).clippingRatio;
    // |2 sin x| ≥ 0.99 for all x with |sin x| ≥ 0.495: a fraction 1 − 2·asin(0.495)/π ≈ 0.6704.
    expect(ratio).toBeCloseTo(1 - (2 * Math.asin(0.495)) / Math.PI, 2);
  });
});

describe('noise floor, speech level and SNR', () => {
  it('median and power mean behave as defined', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNaN();
    // Two equal powers average to the same level; −10 and −20 dB average to 10·log10((0.1 + 0.01)/2).
    expect(powerMeanDb([-20, -20])).toBeCloseTo(-20, 6);
    expect(powerMeanDb([-10, -20])).toBeCloseTo(10 * Math.log10(0.055), 6);
  });

  it('a cough during the quiet phase does not move the noise floor', () => {
    const quiet = noise(0.001, RATE * 2);
    quiet.set(sine(0.5, 300, 2048 * 3), 2048 * 10);
    expect(noiseFloorDbfs(windows(quiet))).toBeCloseTo(-60, 0);
  });

  it('speech at −23 dBFS over a −60 dBFS room gives an SNR of 37 dB', () => {
    const quiet = windows(noise(0.001, RATE * 2));
    const floor = noiseFloorDbfs(quiet);
    // Half the reading is pauses (room noise only): only the voiced windows count.
    const reading = new Float32Array(RATE * 3);
    reading.set(noise(0.001, RATE * 3, 7));
    reading.set(sine(0.1, 220, RATE * 1.5));
    const speech = speechLevel(windows(reading, 2048, 2000), floor, 12, -55);
    expect(speech.levelDbfs).toBeCloseTo(-23, 0);
    expect(speech.activeMs).toBeGreaterThan(1400);
    expect(speech.activeMs).toBeLessThan(1600);
    expect(snrDb(speech.levelDbfs ?? 0, floor)).toBeCloseTo(37, 0);
  });

  it('measureMicrophone puts it together and says when enough speech was heard', () => {
    const quiet = windows(noise(0.001, RATE * 2));
    const speech = windows(sine(0.1, 220, RATE * 2.5), 2048, 2000);
    expect(speechHeardEnough(speech.slice(0, 10), noiseFloorDbfs(quiet))).toBe(false);
    expect(speechHeardEnough(speech, noiseFloorDbfs(quiet))).toBe(true);
    const m = measureMicrophone({ deviceId: 'd', deviceLabel: 'Mic', sampleRate: RATE, quiet, quietMs: 2000, speech, speechPhase: 'done', readingMs: 2500 });
    expect(m.noiseFloorDbfs).toBeCloseTo(-60, 0);
    expect(m.speechLevelDbfs).toBeCloseTo(-23, 0);
    expect(m.snrDb).toBeCloseTo(37, 0);
    expect(m.peakDbfs).toBeCloseTo(-20, 1);
    expect(m.clippingRatio).toBe(0);
    expect(m.digitalSilence).toBe(false);
    expect(m.samples).toBe((quiet.length + speech.length) * 2048);
  });

  it('a silent microphone: digital silence everywhere, no speech, no SNR', () => {
    const zeros = windows(new Float32Array(RATE * 2));
    const m = measureMicrophone({ deviceId: null, deviceLabel: null, sampleRate: RATE, quiet: zeros, quietMs: 2000, speech: zeros, speechPhase: 'timeout', readingMs: 10_000 });
    expect(m.digitalSilence).toBe(true);
    expect(m.peakDbfs).toBe(FLOOR);
    expect(m.speechLevelDbfs).toBeNull();
    expect(m.snrDb).toBeNull();
    expect(m.speechActiveMs).toBe(0);
  });
});
