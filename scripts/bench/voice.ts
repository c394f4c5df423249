// Voice analysis of a 90-minute recording's audio: decode the WebM/Opus (opus-decoder at 16 kHz,
// through the project's WebM reader) and run the full analysis (VAD, nuclei, BS.1770, YIN) and the
// report. Goal ≤ 20 s. The recording is made once here with ffmpeg + espeak-ng (speech with
// pauses, looped to 90 minutes, Opus 32 kb/s mono as MediaRecorder writes it), or taken from
// LIVEDRILL_BENCH_VOICE_WEBM. Prints wall and CPU time (the machine may be shared) and splits
// decode, frame analysis (and pitch within it) and the report.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyseWebmAudio, VOICE_DECODE_RATE } from '../../electron/services/evidence/voice.ts';
import { VoiceAnalyser, voiceReport } from '../../scenarios/voice/index.ts';

const GOAL_MS = 20000;

const cpuMs = (since?: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

/** The analyser, timing its own CPU work, and a pitchless twin on the same samples to split out
 *  the pitch tracker (the twin's wall and CPU time are left out of every figure). */
class TimedAnalyser extends VoiceAnalyser {
  cpuMs = 0;
  twinCpuPitchless = 0;
  twinWallMs = 0;
  readonly #twin = new VoiceAnalyser({ sampleRate: VOICE_DECODE_RATE, pitchEvery: 0 });
  override push(samples: Float32Array): void {
    const a = process.cpuUsage();
    super.push(samples);
    const spent = cpuMs(a);
    const w = performance.now();
    const b = process.cpuUsage();
    this.#twin.push(samples);
    this.twinCpuPitchless += cpuMs(b);
    this.cpuMs += spent;
    this.twinWallMs += performance.now() - w;
  }
}
const MINUTES = 90;
const dir = mkdtempSync(join(tmpdir(), 'livedrill-bench-voice-'));
try {
  const raw = join(dir, 'speech-raw.wav');
  const wav = join(dir, 'speech.wav');
  const given = process.env.LIVEDRILL_BENCH_VOICE_WEBM ?? '';
  const webm = given !== '' ? given : join(dir, 'long.webm');
  if (given === '') {
    execFileSync('espeak-ng', ['-v', 'cmn', '-s', '190', '-w', raw, '我是商城王师，十五种实用食物，只收二十五，用时适中，吃时省事。']);
    // One phrase and 1.5 s of pause (the pause padded onto each loop, not only the last).
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', raw, '-af', 'aresample=48000,apad=pad_dur=1.5', wav]);
    const t0 = performance.now();
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-stream_loop', '-1', '-i', wav, '-t', String(MINUTES * 60), '-ac', '1', '-c:a', 'libopus', '-b:a', '32k', webm]);
    console.log(`made ${MINUTES} min WebM/Opus with ffmpeg in ${((performance.now() - t0) / 1000).toFixed(1)} s (${(statSync(webm).size / 1e6).toFixed(1)} MB)`);
  } else console.log(`using ${webm} (LIVEDRILL_BENCH_VOICE_WEBM)`);
  const cpu0 = process.cpuUsage();
  const t1 = performance.now();
  const analyser = new TimedAnalyser({ sampleRate: VOICE_DECODE_RATE });
  await analyseWebmAudio(webm, 'long.webm', analyser);
  const cpu1 = process.cpuUsage();
  const report = voiceReport(analyser.frames(), { deadAirMs: 5000 });
  const t3 = performance.now();
  const reportCpu = cpuMs(cpu1);
  // The twin's CPU counted twice over (its own push and getrusage around it) is left out too.
  const totalCpu = cpuMs(cpu0) - analyser.twinCpuPitchless;
  const wall = t3 - t1 - analyser.twinWallMs;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`CPU: read + Opus decode ${s(totalCpu - analyser.cpuMs - reportCpu)}, frame analysis ${s(analyser.cpuMs)} (pitch ≈ ${s(analyser.cpuMs - analyser.twinCpuPitchless)} of it), report ${s(reportCpu)}`);
  console.log(`analysis of ${MINUTES} min of audio: ${s(wall)} wall, ${s(totalCpu)} CPU (goal ≤ ${GOAL_MS / 1000} s) ${wall <= GOAL_MS ? 'OK' : totalCpu <= GOAL_MS ? 'OVER GOAL in wall time, within it in CPU time (the machine is shared)' : 'OVER GOAL'}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${String(cpus().length)} cores`);
  console.log(`  → ${(report.durationMs / 60000).toFixed(1)} min, talk ${Math.round(report.talk.ratio * 100)}%, ${report.rate.perMinute ?? '—'} 字/分钟, ${report.loudness.integratedLufs ?? '—'} LUFS, F0 ${report.pitch.medianHz ?? '—'} Hz, ${report.minutes.length} minutes`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
