// The voice analysis on synthetic signals with known answers: pitch of tones, syllable rate of
// noise bursts, dead air of known gaps, BS.1770 loudness of the EBU reference tones, clipping,
// quiet talk, answer pauses, an adaptive noise floor, and chunked input giving the same frames.
import { describe, expect, it } from 'vitest';
import { VoiceAnalyser, answerPauses, voiceReport, type VoiceReport } from '../../scenarios/voice/index.ts';
import { addBursts, addNoise, addTone, concat, every, glide, silence, sineAmplitudeForLufs } from '../harness/signals.ts';

function analyse(x: Float32Array, sampleRate: number, deadAirMs = 5000, chunk = 4096): VoiceReport {
  const a = new VoiceAnalyser({ sampleRate });
  for (let i = 0; i < x.length; i += chunk) a.push(x.subarray(i, i + chunk));
  return voiceReport(a.frames(), { deadAirMs });
}

function tone(sampleRate: number, seconds: number, hz: number, amplitude: number): Float32Array {
  return addTone(silence(sampleRate, seconds), sampleRate, hz, amplitude);
}

function phrases(x: Float32Array, sampleRate: number): Float32Array {
  for (let i = 0; i < x.length; i++) if ((i / sampleRate) % 2 >= 1.7) x[i] = 0;
  return x;
}

describe('pitch', () => {
  it.each([
    [16000, 110],
    [48000, 220],
    [44100, 330],
    [22050, 95],
  ])('finds a %i Hz-sampled tone at %i Hz within 1 %%', (sr, hz) => {
    const r = analyse(addNoise(tone(sr, 3, hz, 0.3), 0.0005), sr);
    expect(r.pitch.medianHz).not.toBeNull();
    expect(Math.abs((r.pitch.medianHz ?? 0) - hz) / hz).toBeLessThan(0.01);
    expect(r.pitch.rangeSt).toBeLessThan(0.3);
  });

  it('measures the range of a one-octave glide per minute, and a steady tone as flat', () => {
    const sr = 16000;
    // Phrases of 1.7 s with 0.3 s breaths: a sound that never pauses is the room, not a voice.
    const x = addNoise(phrases(concat(glide(sr, 60, 150, 300, 0.2), tone(sr, 60, 200, 0.3)), sr), 0.0005);
    const r = analyse(x, sr);
    // 10th to 90th percentile of an exponential glide over 12 semitones spans 80 % of it.
    expect(r.minutes[0]?.f0RangeSt).toBeGreaterThan(9);
    expect(r.minutes[0]?.f0RangeSt).toBeLessThan(10.5);
    expect(r.minutes[1]?.f0RangeSt).toBeLessThan(0.3);
    expect(r.minutes[1]?.f0MedianHz).toBeCloseTo(200, 0);
  });

  it('gives no pitch for noise', () => {
    const sr = 16000;
    const r = analyse(addNoise(silence(sr, 5), 0.1), sr);
    expect(r.pitch.medianHz).toBeNull();
  });
});

describe('speaking rate from syllable nuclei', () => {
  it.each([2, 3, 4, 5, 6])('counts noise bursts at %i a second, one nucleus each', (perSecond) => {
    const sr = 16000;
    const at = every(1, 31, perSecond);
    const x = addBursts(addNoise(silence(sr, 32), 0.001), sr, at, 80, 0.2);
    const r = analyse(x, sr);
    expect(r.rate.syllables).toBe(at.length);
    expect(r.rate.perMinute).not.toBeNull();
    expect(Math.abs((r.rate.perMinute ?? 0) - perSecond * 60) / (perSecond * 60)).toBeLessThan(0.03);
    expect(r.minutes[0]?.rate).not.toBeNull();
  });

  it('reports the rate of each minute', () => {
    const sr = 16000;
    const x = addBursts(addNoise(silence(sr, 120), 0.001), sr, [...every(0.5, 59.5, 2), ...every(60.5, 119.5, 5)], 70, 0.2);
    const r = analyse(x, sr);
    expect(r.minutes).toHaveLength(2);
    expect(r.minutes[0]?.rate).toBeGreaterThan(114);
    expect(r.minutes[0]?.rate).toBeLessThan(126);
    expect(r.minutes[1]?.rate).toBeGreaterThan(285);
    expect(r.minutes[1]?.rate).toBeLessThan(315);
    expect(r.lanes.rate.filter((v) => v !== null).length).toBeGreaterThan(100);
  });
});

describe('voice activity, talk ratio and dead air', () => {
  it('finds gaps of known length and only those past the scenario threshold', () => {
    const sr = 16000;
    // talk 0.5–10 s, gap of 7 s, talk 17–25 s, gap of 3 s, talk 28–35 s, then 1 s of room.
    const at = [...every(0.5, 10, 4), ...every(17, 25, 4), ...every(28, 35, 4)];
    const x = addBursts(addNoise(silence(sr, 36), 0.001), sr, at, 100, 0.2);
    const r = analyse(x, sr, 5000);
    expect(r.deadAir.stretches).toHaveLength(1);
    const d = r.deadAir.stretches[0];
    // the last burst before the gap ends at 9.75 + 0.1 s; the next starts at 17 s.
    expect(Math.abs((d?.start ?? 0) - 9850)).toBeLessThan(60);
    expect(Math.abs((d?.end ?? 0) - 17000)).toBeLessThan(40);
    const shorter = analyse(x, sr, 2500);
    expect(shorter.deadAir.stretches.map((s) => Math.round((s.end - s.start) / 100) / 10)).toEqual([7.2, 3.2]);
    expect(r.talk.segments.length).toBe(3);
    expect(r.talk.ratio).toBeGreaterThan(0.6);
    expect(r.talk.ratio).toBeLessThan(0.72);
  });

  it('adapts to a loud room: the fan is not speech, the voice over it is', () => {
    const sr = 16000;
    const quietRoom = addNoise(silence(sr, 10), 0.0005, 3);
    const fan = addNoise(silence(sr, 40), 0.02, 5); // −34 dBFS: a fixed −55 dBFS threshold would call it all speech
    addBursts(fan, sr, [...every(20, 30, 4)], 100, 0.4);
    const r = analyse(concat(quietRoom, fan), sr);
    const talk = r.lanes.talk;
    const sum = (a: number, b: number) => talk.slice(a, b).reduce((x, y) => x + y, 0);
    expect(sum(0, 10)).toBe(0);
    expect(sum(22, 40)).toBeGreaterThan(7); // the voice, 30–40 s (less the ramp-in of the floor)
    expect(sum(42, 50)).toBeLessThan(0.5); // the fan alone, after the floor has caught up
  });
});

describe('loudness (ITU-R BS.1770, EBU Tech 3341/3342)', () => {
  it.each([48000, 44100, 16000])('measures the −23 LUFS reference tone at %i Hz within 0.5 LU', (sr) => {
    const r = analyse(tone(sr, 20, 1000, sineAmplitudeForLufs(-23)), sr);
    expect(Math.abs((r.loudness.integratedLufs ?? 0) + 23)).toBeLessThan(0.5);
  });

  it('gates: −36/−23/−36 LUFS for 10/60/10 s integrates to −23 LUFS, silence does not lower it', () => {
    const sr = 16000;
    const quiet = sineAmplitudeForLufs(-36);
    const x = concat(tone(sr, 10, 1000, quiet), tone(sr, 60, 1000, sineAmplitudeForLufs(-23)), tone(sr, 10, 1000, quiet), silence(sr, 20));
    const r = analyse(x, sr);
    expect(Math.abs((r.loudness.integratedLufs ?? 0) + 23)).toBeLessThan(0.2);
  });

  it('gives a loudness range of 10 LU for 20 s at −20 then 20 s at −30 LUFS', () => {
    const sr = 16000;
    const x = concat(tone(sr, 20, 1000, sineAmplitudeForLufs(-20)), tone(sr, 20, 1000, sineAmplitudeForLufs(-30)));
    const r = analyse(x, sr);
    expect(Math.abs((r.loudness.rangeLu ?? 0) - 10)).toBeLessThan(1);
  });

  it('counts clipped samples and where they are', () => {
    const sr = 16000;
    const x = concat(tone(sr, 5, 440, 0.3), tone(sr, 2, 440, 1.5).map((v) => Math.max(-1, Math.min(1, v))), tone(sr, 5, 440, 0.3));
    const r = analyse(x, sr);
    expect(r.loudness.clippedSamples).toBeGreaterThan(1000);
    expect(r.loudness.clipping).toHaveLength(1);
    expect(Math.abs((r.loudness.clipping[0]?.start ?? 0) - 5000)).toBeLessThan(20);
    expect(Math.abs((r.loudness.clipping[0]?.end ?? 0) - 7000)).toBeLessThan(20);
    expect(r.loudness.peakDbfs).toBe(0);
  });

  it('finds talk that stays too quiet, not the loud talk around it', () => {
    const sr = 16000;
    const x = addNoise(silence(sr, 40), 0.0002);
    addBursts(x, sr, every(0.5, 15, 4), 120, 0.3);
    addBursts(x, sr, every(15, 28, 4), 120, 0.006, 13); // ≈ −50 LUFS: audible over the room, too quiet for a live
    addBursts(x, sr, every(28, 40, 4), 120, 0.3, 17);
    const r = analyse(x, sr);
    expect(r.loudness.quiet).toHaveLength(1);
    const q = r.loudness.quiet[0];
    expect(q?.start).toBeGreaterThan(15000);
    expect(q?.start).toBeLessThan(19000);
    expect(q?.end).toBeGreaterThan(26000);
    expect(q?.end).toBeLessThan(29000);
  });
});

describe('pause before answering', () => {
  it('measures from each question to the first talk after it', () => {
    const sr = 16000;
    const x = addBursts(addNoise(silence(sr, 30), 0.001), sr, [...every(2, 5, 4), ...every(12.5, 15, 4), ...every(26, 28, 4)], 100, 0.2);
    const r = analyse(x, sr);
    expect(answerPauses(r.talk.segments, [10000, 20000, 29000], 10000).map((p) => (p === null ? null : Math.round(p / 10) * 10))).toEqual([2500, 6000, null]);
  });
});

describe('streaming', () => {
  it('gives the same figures whatever the chunk size', () => {
    const sr = 22050;
    const x = addBursts(concat(glide(sr, 4, 120, 240, 0.2), addNoise(silence(sr, 3), 0.001)), sr, every(4, 7, 3), 90, 0.3);
    const whole = analyse(x, sr, 1000, x.length);
    expect(analyse(x, sr, 1000, 128)).toEqual(whole);
    expect(analyse(x, sr, 1000, 997)).toEqual(whole);
  });

  it('refuses a sample rate it cannot analyse', () => {
    expect(() => new VoiceAnalyser({ sampleRate: 4000 })).toThrow(/sample rate 4000 Hz/);
  });
});
