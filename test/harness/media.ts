// Test media for Chromium's file-backed fake camera and microphone, made at test time with ffmpeg
// and espeak-ng into a temp folder: a product on a table (1280×720 @30, with sensor-like noise so
// frames differ as a real camera's do), a black picture, a still picture (frozen camera), Chinese
// speech after 4 s of quiet room noise, and digital silence. apt: ffmpeg espeak-ng fonts-noto-cjk.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { onPath } from './obs.ts';

const run = promisify(execFile);

/** The sentence the device check asks the trainee to read (deviceCheck.microphone.sentence). */
export const READING_SENTENCE = '大家好，欢迎来到直播间！今天给大家推荐一款保温杯，现在下单立减二十元。';
/** Seconds of room noise before the speech starts: longer than the check's quiet phase (2 s). */
export const SPEECH_LEAD_S = 4;
const FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

export function mediaToolsMissing(): string | null {
  const missing = ['ffmpeg', 'espeak-ng'].filter((bin) => !onPath(bin));
  if (missing.length > 0) return `${missing.join(', ')} not on PATH (apt-get install ffmpeg espeak-ng)`;
  if (!existsSync(FONT)) return `${FONT} missing (apt-get install fonts-noto-cjk)`;
  return null;
}

export interface TestMedia {
  readonly dir: string;
  /** A product box with a Chinese label and a price tag on a table, gently moving, 1280×720 @30. */
  readonly productY4m: string;
  /** All black, 1280×720 @30. */
  readonly blackY4m: string;
  /** One product frame repeated: a camera whose picture is stuck. */
  readonly stillY4m: string;
  /** 48 kHz mono: SPEECH_LEAD_S of quiet pink noise (≈ −65 dBFS), then READING_SENTENCE by espeak-ng. */
  readonly speechWav: string;
  /** 48 kHz mono zeros. */
  readonly silentWav: string;
  dispose(): void;
}

async function ffmpeg(args: string[]): Promise<void> {
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { maxBuffer: 16 * 1024 * 1024 });
}

const productFilter = (moving: boolean) => {
  const dx = moving ? '+8*sin(2*PI*t/2)' : '';
  return [
    'drawbox=x=0:y=500:w=1280:h=220:color=0x8a6d4b:t=fill',
    `drawbox=x='540${dx}':y=150:w=200:h=360:color=0x2f6f8f:t=fill`,
    `drawbox=x='556${dx}':y=130:w=168:h=36:color=0x1d2430:t=fill`,
    `drawtext=fontfile=${FONT}:text='保温杯':fontsize=48:fontcolor=white:x='568${dx}':y=300`,
    `drawtext=fontfile=${FONT}:text='¥99 限时价':fontsize=44:fontcolor=0xe4393c:x=40:y=36`,
    ...(moving ? ['noise=alls=6:allf=t'] : []),
  ].join(',');
};

export async function makeTestMedia(): Promise<TestMedia> {
  const dir = mkdtempSync(join(tmpdir(), 'livedrill-media-'));
  const p = (name: string) => join(dir, name);
  const raw = p('speech-raw.wav');
  await Promise.all([
    ffmpeg(['-f', 'lavfi', '-i', 'color=c=0xd9cbb0:s=1280x720:r=30:d=2', '-vf', productFilter(true), '-pix_fmt', 'yuv420p', p('product.y4m')]),
    ffmpeg(['-f', 'lavfi', '-i', 'color=c=0xd9cbb0:s=1280x720:r=30:d=1', '-vf', productFilter(false), '-pix_fmt', 'yuv420p', p('still.y4m')]),
    ffmpeg(['-f', 'lavfi', '-i', 'color=c=black:s=1280x720:r=30:d=1', '-pix_fmt', 'yuv420p', p('black.y4m')]),
    ffmpeg(['-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=mono', '-t', '4', '-c:a', 'pcm_s16le', p('silent.wav')]),
    run('espeak-ng', ['-v', 'cmn', '-s', '210', '-w', raw, READING_SENTENCE]),
  ]);
  await ffmpeg([
    '-f', 'lavfi', '-i', `anoisesrc=c=pink:a=0.003:d=${SPEECH_LEAD_S}:r=48000`,
    '-i', raw,
    '-filter_complex', '[1:a]aresample=48000[s];[0:a][s]concat=n=2:v=0:a=1,apad=pad_dur=1[o]',
    '-map', '[o]', '-ac', '1', '-ar', '48000', '-c:a', 'pcm_s16le', p('speech.wav'),
  ]);
  return {
    dir,
    productY4m: p('product.y4m'),
    blackY4m: p('black.y4m'),
    stillY4m: p('still.y4m'),
    speechWav: p('speech.wav'),
    silentWav: p('silent.wav'),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
