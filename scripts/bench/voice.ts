// Voice analysis of a 90-minute recording's audio: decode the WebM/Opus (opus-decoder at 16 kHz,
// through the project's WebM reader) and run the full analysis (VAD, nuclei, BS.1770, YIN) and the
// report. Goal ≤ 20 s. The recording is made once here with ffmpeg + espeak-ng (speech with
// pauses, looped to 90 minutes, Opus 32 kb/s mono as MediaRecorder writes it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyseWebmAudio, VOICE_DECODE_RATE } from '../../electron/services/evidence/voice.ts';
import { VoiceAnalyser, voiceReport } from '../../scenarios/voice/index.ts';

const GOAL_MS = 20000;
const MINUTES = 90;
const dir = mkdtempSync(join(tmpdir(), 'livedrill-bench-voice-'));
try {
  const wav = join(dir, 'speech.wav');
  const webm = join(dir, 'long.webm');
  execFileSync('espeak-ng', ['-v', 'cmn', '-s', '190', '-w', wav, '我是商城王师，十五种实用食物，只收二十五，用时适中，吃时省事。']);
  const t0 = performance.now();
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-stream_loop', '-1', '-i', wav, '-af', 'apad=pad_dur=1.5,aresample=48000', '-t', String(MINUTES * 60), '-ac', '1', '-c:a', 'libopus', '-b:a', '32k', webm]);
  console.log(`made ${MINUTES} min WebM/Opus with ffmpeg in ${((performance.now() - t0) / 1000).toFixed(1)} s (${(statSync(webm).size / 1e6).toFixed(1)} MB)`);
  const t1 = performance.now();
  const analyser = new VoiceAnalyser({ sampleRate: VOICE_DECODE_RATE });
  await analyseWebmAudio(webm, 'long.webm', analyser);
  const t2 = performance.now();
  const report = voiceReport(analyser.frames(), { deadAirMs: 5000 });
  const t3 = performance.now();
  const total = t3 - t1;
  console.log(`decode + frame analysis ${((t2 - t1) / 1000).toFixed(1)} s, report ${((t3 - t2) / 1000).toFixed(1)} s`);
  console.log(`analysis of ${MINUTES} min of audio: ${(total / 1000).toFixed(1)} s (goal ≤ ${GOAL_MS / 1000} s) ${total <= GOAL_MS ? 'OK' : 'OVER GOAL'}`);
  console.log(`  → ${(report.durationMs / 60000).toFixed(1)} min, talk ${Math.round(report.talk.ratio * 100)}%, ${report.rate.perMinute ?? '—'} 字/分钟, ${report.loudness.integratedLufs ?? '—'} LUFS, F0 ${report.pitch.medianHz ?? '—'} Hz, ${report.minutes.length} minutes`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
