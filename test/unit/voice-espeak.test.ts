// Speaking rate on real synthetic speech: espeak-ng Mandarin (-v cmn) at 120 and 220 words a
// minute. The text uses only characters espeak-ng's cmn dictionary reads as one syllable each
// (others it spells in English), so its syllable count is its character count.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VoiceAnalyser, voiceReport } from '../../scenarios/voice/index.ts';
import { onPath } from '../harness/obs.ts';
import { requirePeer } from '../harness/peers.ts';
import { readWav } from '../harness/wav.ts';

const TEXT = '我是商城王师，十五种实用食物，只收二十五，用时适中，吃时省事。';
const SYLLABLES = TEXT.match(/\p{Script=Han}/gu)?.length ?? 0;
const present = requirePeer('espeak-ng', onPath('espeak-ng') ? null : 'espeak-ng not on PATH (apt-get install espeak-ng)');
const dir = mkdtempSync(join(tmpdir(), 'livedrill-voice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function speak(wpm: number) {
  const path = join(dir, `s${wpm}.wav`);
  execFileSync('espeak-ng', ['-v', 'cmn', '-s', String(wpm), '-w', path, TEXT]);
  const wav = readWav(path);
  const a = new VoiceAnalyser({ sampleRate: wav.sampleRate });
  a.push(wav.samples);
  const report = voiceReport(a.frames(), { deadAirMs: 5000 });
  const expected = (SYLLABLES * 60) / (wav.samples.length / wav.sampleRate);
  return { report, expected };
}

describe.runIf(present)('speaking rate of espeak-ng Mandarin', () => {
  it('reads slow and fast speech in order, each within 15 % of the text over its duration', () => {
    expect(SYLLABLES).toBe(26);
    const slow = speak(120);
    const fast = speak(220);
    for (const { report, expected } of [slow, fast]) {
      expect(report.rate.perMinute).not.toBeNull();
      expect(Math.abs((report.rate.perMinute ?? 0) - expected) / expected).toBeLessThan(0.15);
      expect(report.talk.ratio).toBeGreaterThan(0.8);
      expect(report.pitch.medianHz).toBeGreaterThan(60);
    }
    expect(fast.report.rate.perMinute).toBeGreaterThan((slow.report.rate.perMinute ?? 0) * 1.5);
  });
});
