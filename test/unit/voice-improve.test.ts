// Voice improvements: each rule fires on figures past its norm and not within it, and every
// code has words in both locales (codes + params cross layers; text lives in the renderer).
import { describe, expect, it } from 'vitest';
import { VOICE_IMPROVEMENTS, voiceImprovements, type PackageVoice } from '../../scenarios/voice/index.ts';
import en from '../../renderer/src/features/review/locale-en.ts';
import zh from '../../renderer/src/features/review/locale-zh.ts';

function voice(patch: { rate?: number; rangeSt?: number; lra?: number; quietMs?: number; clips?: number; talk?: number; pauses?: readonly number[] }): Pick<PackageVoice, 'report' | 'answers'> {
  return {
    report: {
      sampleRate: 16000,
      durationMs: 600000,
      talk: { talkMs: 400000, ratio: patch.talk ?? 0.7, segments: [] },
      deadAir: { thresholdMs: 5000, stretches: [], totalMs: 0, longestMs: 0 },
      rate: { syllables: 1000, speakingMs: 400000, perMinute: patch.rate ?? 230 },
      loudness: {
        integratedLufs: -20,
        rangeLu: patch.lra ?? 6,
        quietLufs: -40,
        quiet: patch.quietMs === undefined ? [] : [{ start: 1000, end: 1000 + patch.quietMs }],
        peakDbfs: -3,
        clippedSamples: patch.clips ?? 0,
        clipping: Array.from({ length: patch.clips ?? 0 }, (_, i) => ({ start: i * 1000, end: i * 1000 + 10 })),
      },
      pitch: { medianHz: 180, rangeSt: patch.rangeSt ?? 8 },
      minutes: [],
      lanes: { stepMs: 1000, talk: [], lufs: [], f0Hz: [], rate: [] },
    },
    answers: (patch.pauses ?? []).map((p, i) => ({ commentId: `c${String(i)}`, t: i * 10000, pauseMs: p })),
  };
}

describe('voice improvements', () => {
  it('says nothing about a delivery within the norms', () => {
    expect(voiceImprovements(voice({ pauses: [1000, 2000] }))).toEqual([]);
  });

  it.each([
    [{ rate: 340 }, 'voice.rate_fast', { rate: 340, max: 300 }],
    [{ rate: 120 }, 'voice.rate_slow', { rate: 120, min: 150 }],
    [{ rangeSt: 2 }, 'voice.monotone', { rangeSt: 2, min: 4 }],
    [{ lra: 18 }, 'voice.uneven', { rangeLu: 18, max: 12 }],
    [{ quietMs: 20000 }, 'voice.too_quiet', { seconds: 20, count: 1, lufs: -40 }],
    [{ clips: 3 }, 'voice.clipping', { count: 3 }],
    [{ talk: 0.2 }, 'voice.little_talk', { percent: 20, min: 40 }],
    [{ pauses: [8000, 9000, 7000] }, 'voice.slow_answers', { seconds: 8, count: 3 }],
  ] as const)('%o gives %s', (patch, code, params) => {
    const out = voiceImprovements(voice(patch));
    expect(out.map((x) => x.code)).toEqual([code]);
    expect(out[0]?.params).toEqual(params);
    expect(out[0]?.severity).toBeGreaterThan(0.2);
  });

  it('ranks the worse problem first', () => {
    const out = voiceImprovements(voice({ rate: 420, rangeSt: 3.5 }));
    expect(out.map((x) => x.code)).toEqual(['voice.rate_fast', 'voice.monotone']);
  });

  it('has words for every code in zh-CN and English', () => {
    for (const code of VOICE_IMPROVEMENTS) {
      const key = code.replace('voice.', '') as keyof typeof zh.voice.improve.voice;
      for (const locale of [zh, en]) {
        expect(locale.voice.improve.voice[key].title.length).toBeGreaterThan(1);
        expect(locale.voice.improve.voice[key].detail).toMatch(/\{\{\w+\}\}/);
      }
    }
  });
});
