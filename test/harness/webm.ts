// Test media for evidence: a live WebM (VP8 + Opus, unknown sizes, as MediaRecorder writes)
// made with ffmpeg at test time, cut into equal byte slices the way timeslice chunks arrive
// (mid-element, not on cluster boundaries). Plus ffprobe figures of a recorded file.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { onPath } from './obs.ts';

export function ffmpegMissing(): string | null {
  const missing = ['ffmpeg', 'ffprobe'].filter((bin) => !onPath(bin));
  return missing.length > 0 ? `${missing.join(', ')} not on PATH (apt-get install ffmpeg)` : null;
}

/** A `seconds`-long live WebM, 640×360 at 30 fps, one keyframe and one cluster a second. */
export function makeLiveWebm(dir: string, seconds: number, name = 'live.webm'): string {
  const out = join(dir, name);
  execFileSync('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-t', String(seconds),
    '-c:v', 'libvpx', '-b:v', '800k', '-deadline', 'realtime', '-cpu-used', '8', '-g', '30',
    '-c:a', 'libopus', '-f', 'webm', '-live', '1', '-cluster_time_limit', '1000', out,
  ]);
  return out;
}

/** `count` slices of about equal size: one per second of a `count`-second file. */
export function sliceChunks(file: string, count: number): Buffer[] {
  const bytes = readFileSync(file);
  const size = Math.ceil(bytes.length / count);
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

export interface Probe {
  durationS: number;
  videoFrames: number;
  lastFrameS: number;
}

/** Decodes the whole video stream: container duration, frames decoded, last frame's time. */
export function probe(file: string): Probe {
  const format = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], { encoding: 'utf8' });
  const frames = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=pts_time', '-of', 'csv=p=0', file], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => Number(l.split(',')[0]))
    .filter((n) => Number.isFinite(n));
  return { durationS: Number(format.trim()), videoFrames: frames.length, lastFrameS: Math.max(0, ...frames) };
}
