// `livedrill evidence voice` on a package whose recording is espeak-ng Mandarin encoded to
// WebM/Opus by ffmpeg (at test time; the app itself decodes with opus-decoder, no ffmpeg):
// talk, the dead air of a known 7 s gap, the rate, a question's answer pause; and the located
// errors for a package without a recording's audio.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PackageVoiceSchema, questionsOf } from '../../electron/services/evidence/voice.ts';
import { TRANSCRIPT_FILE, TRANSCRIPT_FORMAT } from '../../scenarios/evidence/index.ts';
import { cli } from '../harness/cli.ts';
import { onPath } from '../harness/obs.ts';
import { requirePeer } from '../harness/peers.ts';

const TEXT = '我是商城王师，十五种实用食物，只收二十五，用时适中，吃时省事。';
const present = requirePeer('ffmpeg, espeak-ng', ['ffmpeg', 'espeak-ng'].every(onPath) ? null : 'ffmpeg or espeak-ng not on PATH (apt-get install ffmpeg espeak-ng)');
const SAMPLE = join(import.meta.dirname, '../fixtures/evidence/sample');

describe.runIf(present)('evidence voice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'livedrill-voice-pkg-'));
  const pkg = join(dir, 'pkg');
  const silentPkg = join(dir, 'silent');
  beforeAll(() => {
    const wav = join(dir, 'speech.wav');
    execFileSync('espeak-ng', ['-v', 'cmn', '-s', '200', '-w', wav, TEXT]);
    cpSync(SAMPLE, pkg, { recursive: true });
    // 3 s of room, speech, 7 s of room, speech again (the log's question at 2 s waits 1 s).
    execFileSync('ffmpeg', [
      '-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-t', '3', '-i', 'anoisesrc=r=48000:a=0.0005:c=pink',
      '-i', wav,
      '-f', 'lavfi', '-t', '7', '-i', 'anoisesrc=r=48000:a=0.0005:c=pink',
      '-i', wav,
      '-filter_complex', '[1]aresample=48000[a];[3]aresample=48000[b];[0][a][2][b]concat=n=4:v=0:a=1',
      '-c:a', 'libopus', '-b:a', '32k', join(pkg, 'media/camera.webm'),
    ]);
    cpSync(SAMPLE, silentPkg, { recursive: true });
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-t', '2', '-i', 'color=c=black:s=64x64:r=10', '-c:v', 'libvpx', join(silentPkg, 'media/camera.webm')]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('recomputes the figures from the recording', async () => {
    const { code, out } = await cli('evidence', 'voice', pkg, '--json');
    expect(code).toBe(0);
    const v = PackageVoiceSchema.parse(JSON.parse(out));
    const r = v.report;
    expect(r.sampleRate).toBe(16000);
    expect(r.deadAir.stretches).toHaveLength(1);
    const gap = r.deadAir.stretches[0];
    expect(Math.abs((gap?.end ?? 0) - (gap?.start ?? 0) - 7000)).toBeLessThan(400);
    const speechMs = r.talk.talkMs;
    expect(speechMs).toBeGreaterThan(9000);
    // 52 syllables spoken; the rate counts speaking time only.
    expect(Math.abs(r.rate.syllables - 52) / 52).toBeLessThan(0.15);
    expect(r.rate.perMinute).toBeGreaterThan(200);
    expect(r.loudness.integratedLufs).toBeGreaterThan(-30);
    expect(r.pitch.medianHz).toBeGreaterThan(60);
    // the sample package's question arrives at 2 s; the speech starts at 3 s.
    expect(v.answers).toEqual([{ commentId: 'c1', t: 2000, pauseMs: expect.any(Number) as number }]);
    expect(Math.abs((v.answers[0]?.pauseMs ?? 0) - 1000)).toBeLessThan(150);
  });

  it('prints the figures for a reader', async () => {
    const { code, out } = await cli('evidence', 'voice', pkg, '--dead-air', '3');
    expect(code).toBe(0);
    expect(out).toMatch(/冷场 dead air \(≥ 3.0 s\) {2}2 ×, total 10\.\d s, longest 7\.\d s {2}0:00–0:03 {2}0:09–0:1[67]/); // the room before the speech counts too
    expect(out).toMatch(/语速 speaking rate +\d+(\.\d)? 字\/分钟/);
  });

  it('says which file has no audio, and refuses a bad threshold', async () => {
    const silent = await cli('evidence', 'voice', silentPkg);
    expect(silent.code).toBe(2);
    expect(silent.err).toContain('media/camera.webm: no audio track');
    const none = await cli('evidence', 'voice', dir);
    expect(none.code).toBe(2);
    expect(none.err).toContain('manifest.json: missing or not a LiveDrill manifest');
    const bad = await cli('evidence', 'voice', pkg, '--dead-air', 'x');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--dead-air must be seconds');
  });

  it('runs a transcript.json through the banned-word and selling-point checks', async () => {
    const spoken = join(dir, 'spoken');
    cpSync(pkg, spoken, { recursive: true });
    const segments = [
      { start: 3, end: 6, text: '大家好，今天的赣南脐橙果肉脆甜多汁' },
      { start: 6.5, end: 9, text: '全网最低价，想要的加微信' },
      { start: 16, end: 20, text: '现摘现发，不打蜡' },
    ];
    writeFileSync(join(spoken, TRANSCRIPT_FILE), JSON.stringify({ format: TRANSCRIPT_FORMAT, language: 'zh-CN', source: 'fixture 1.0', segments }));
    const v = PackageVoiceSchema.parse(JSON.parse((await cli('evidence', 'voice', spoken, '--json')).out));
    expect(v.transcript).toMatchObject({ status: 'read', source: 'fixture 1.0', segments: 3 });
    if (v.transcript?.status !== 'read') throw new Error('transcript not read');
    expect(v.transcript.banned.map((h) => `${h.word}/${h.category}@${h.at}`)).toEqual(['全网最低价/price_fraud@6.5', '加微信/diversion@6.5']);
    const points = Object.fromEntries((v.transcript.points ?? []).map((p) => [p.pointId, p.spokenAt]));
    expect(points).toEqual({ sweet: 6, origin: null, fresh: 20, peel: null, aftersale: null });
    const text = await cli('evidence', 'voice', spoken);
    expect(text.out).toMatch(/口播违禁词 banned said +“全网最低价” 价格欺诈 @0:06 {2}“加微信” 站外导流 @0:06/);
    expect(text.out).toMatch(/口播卖点 points spoken +2\/5 {2}orange-5jin\/sweet @0:06 {2}orange-5jin\/fresh @0:20/);
    // no transcript: said so; a bad one: the file and the field, and the voice figures still come
    expect((await cli('evidence', 'voice', pkg)).out).toContain('no transcript.json in the package');
    writeFileSync(join(spoken, TRANSCRIPT_FILE), JSON.stringify({ format: TRANSCRIPT_FORMAT, language: 'zh-CN', source: 'x', segments: [{ start: 5, end: 2, text: 'a' }] }));
    const bad = await cli('evidence', 'voice', spoken, '--json');
    expect(bad.code).toBe(0);
    expect(PackageVoiceSchema.parse(JSON.parse(bad.out)).transcript).toEqual({ status: 'invalid', message: 'transcript.json: segments.0.end: end before start' });
  });

  it('reads the questions from the log', async () => {
    expect(await questionsOf(SAMPLE)).toEqual([{ commentId: 'c1', t: 2000 }]);
  });
});
