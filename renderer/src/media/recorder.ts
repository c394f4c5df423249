// The evidence recorder: camera + microphone through MediaRecorder (WebM, VP9 or VP8 with Opus,
// 720p30 by default), one chunk a second streamed to the Node side in order (evidence.chunk),
// and the clock measured against Node at the start and every minute (evidence.clockPing +
// clockSync). Session time 0 is the video's time 0: the capture time of the first frame the
// recorder takes after start() (MediaRecorder's `start` event fires ~70–110 ms later and would
// put every event that much early). sessionTime() gives any later moment on that timeline, so
// engine records land on the frames they belong to.
import type { MethodInput, MethodName, MethodOutput } from '../../../electron/contract/index.ts';
import { call as bridgeCall } from '../bridge/index.ts';

export type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

export const DEFAULT_TIMESLICE_MS = 1000;
export const CLOCK_SYNC_EVERY_MS = 60_000;

/** The renderer's clock as epoch ms with sub-ms resolution (Node uses the same form). */
export const rendererNow = () => performance.timeOrigin + performance.now();

const PREFERRED = ['video/webm;codecs=vp9,opus', 'video/webm;codecs=vp8,opus', 'video/webm'];

export function pickMimeType(isSupported: (type: string) => boolean = (t) => MediaRecorder.isTypeSupported(t)): string {
  const found = PREFERRED.find((t) => isSupported(t));
  if (!found) throw new Error('此浏览器无法录制 WebM 视频 (MediaRecorder supports no WebM type)');
  return found;
}

/** Camera 720p30 and microphone in one stream (the caller stops its tracks). */
export function openRecordingStream(video: { deviceId?: string | null; width?: number; height?: number; frameRate?: number } = {}, audioDeviceId: string | null = null): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    video: {
      width: { ideal: video.width ?? 1280 },
      height: { ideal: video.height ?? 720 },
      frameRate: { ideal: video.frameRate ?? 30 },
      ...(video.deviceId ? { deviceId: { exact: video.deviceId } } : {}),
    },
    audio: audioDeviceId ? { deviceId: { exact: audioDeviceId } } : true,
  });
}

export interface RecorderOptions {
  sessionId: string;
  stream: MediaStream;
  mimeType?: string;
  timesliceMs?: number;
  videoBitsPerSecond?: number;
  clockSyncEveryMs?: number;
  /** The contract door (renderer/src/bridge); injectable for tests. */
  call?: Call;
  /** The recording stopped by itself (a chunk was refused: disk full, host gone). */
  onError?: (message: string) => void;
}

export interface RecorderStats {
  chunks: number;
  bytes: number;
  /** Chunks read but not yet acknowledged by Node. */
  queued: number;
  lastOffsetMs: number | null;
  lastRttMs: number | null;
}

export interface EvidenceRecorder {
  readonly mimeType: string;
  /** Recorder start on this page's clock; null until MediaRecorder started. */
  readonly startedAt: number | null;
  /** Session ms (media timeline) of a moment on this page's clock. */
  sessionTime(at?: number): number;
  stats(): RecorderStats;
  /** Stops recording and resolves once every chunk was written by Node. */
  stop(): Promise<void>;
}

/** Base64 of a Blob through the browser's own encoder (no big string building in JS). */
function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      // "data:video/webm;codecs=vp8,opus;base64,…": the MIME type has commas, base64 has none.
      resolve(url.slice(url.lastIndexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.readAsDataURL(blob);
  });
}

export async function measureClock(call: Call, sessionId: string): Promise<{ offsetMs: number; rttMs: number }> {
  const ping = await call('evidence.clockPing', { sessionId, rendererSentAt: rendererNow() });
  return call('evidence.clockSync', { sessionId, pingId: ping.pingId, rendererReceivedAt: rendererNow() });
}

/** Watches the stream's video frames (requestVideoFrameCallback on a hidden, muted video) to
 *  learn when the first frame after a given moment was captured, on this page's clock. */
function watchFrames(stream: MediaStream): { firstAfter(at: number, timeoutMs: number): Promise<number | null>; stop(): void } {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  Object.assign(video.style, { position: 'fixed', left: '0', top: '0', width: '2px', height: '2px', opacity: '0', pointerEvents: 'none' });
  document.body.append(video);
  const times: number[] = [];
  let live = typeof video.requestVideoFrameCallback === 'function';
  const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
    times.push(performance.timeOrigin + (meta.captureTime ?? meta.presentationTime));
    if (times.length > 120) times.splice(0, 60);
    if (live) video.requestVideoFrameCallback(onFrame);
  };
  if (live) video.requestVideoFrameCallback(onFrame);
  void video.play().catch(() => undefined);
  return {
    async firstAfter(at, timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      while (live && performance.now() < deadline) {
        const hit = times.find((t) => t >= at);
        if (hit !== undefined) return hit;
        await new Promise((r) => setTimeout(r, 10));
      }
      return null;
    },
    stop() {
      live = false;
      video.pause();
      video.srcObject = null;
      video.remove();
    },
  };
}

export async function startRecorder(options: RecorderOptions): Promise<EvidenceRecorder> {
  const call: Call = options.call ?? bridgeCall;
  const mimeType = options.mimeType ?? pickMimeType();
  const recorder = new MediaRecorder(options.stream, { mimeType, videoBitsPerSecond: options.videoBitsPerSecond ?? 2_500_000, audioBitsPerSecond: 64_000 });
  // Known a few frames after start(); chunk 0 (sent a second later) waits for it.
  let resolveStart: (at: number) => void = () => undefined;
  const startKnown = new Promise<number>((resolve) => (resolveStart = resolve));
  const clock: { startedAt: number | null } = { startedAt: null };
  let index = 0;
  let failed: string | null = null;
  const stats: RecorderStats = { chunks: 0, bytes: 0, queued: 0, lastOffsetMs: null, lastRttMs: null };
  // Chunks go out one after another, in order; a refused one stops the recorder.
  let chain: Promise<void> = Promise.resolve();

  const fail = (message: string) => {
    if (failed !== null) return;
    failed = message;
    if (recorder.state !== 'inactive') recorder.stop();
    options.onError?.(message);
  };
  const sync = () =>
    measureClock(call, options.sessionId).then(
      (o) => {
        stats.lastOffsetMs = o.offsetMs;
        stats.lastRttMs = o.rttMs;
      },
      () => undefined, // a missed measurement is retried in a minute
    );

  await sync();
  const frames = options.stream.getVideoTracks().length > 0 ? watchFrames(options.stream) : null;
  const started = new Promise<void>((resolve, reject) => {
    recorder.onstart = () => resolve();
    recorder.onerror = (event) => {
      const error = (event as Event & { error?: DOMException }).error;
      reject(new Error(`MediaRecorder: ${error ? `${error.name}: ${error.message}` : 'error'}`));
    };
  });
  recorder.ondataavailable = (event: BlobEvent) => {
    if (event.data.size === 0 || failed !== null) return;
    const i = index++;
    const blob = event.data;
    stats.queued += 1;
    chain = chain.then(async () => {
      if (failed !== null) return;
      try {
        const data = await blobToBase64(blob);
        const startedAt = await startKnown;
        await call('evidence.chunk', { sessionId: options.sessionId, index: i, data, ...(i === 0 ? { startedAt, mimeType } : {}) });
        stats.chunks += 1;
        stats.bytes += blob.size;
      } catch (error) {
        fail(error instanceof Error ? error.message : String(error));
      } finally {
        stats.queued -= 1;
      }
    });
  };
  const stopped = new Promise<void>((resolve) => recorder.addEventListener('stop', () => resolve(), { once: true }));
  const calledAt = rendererNow();
  recorder.start(options.timesliceMs ?? DEFAULT_TIMESLICE_MS);
  await started;
  // Video time 0 is the first frame taken after start(); without frame timing, the call itself.
  clock.startedAt = (await frames?.firstAfter(calledAt, 1000)) ?? calledAt;
  resolveStart(clock.startedAt);
  frames?.stop();
  await sync();
  const timer = setInterval(() => void sync(), options.clockSyncEveryMs ?? CLOCK_SYNC_EVERY_MS);

  return {
    mimeType,
    get startedAt() {
      return clock.startedAt;
    },
    sessionTime(at = rendererNow()) {
      return clock.startedAt === null ? 0 : at - clock.startedAt;
    },
    stats: () => ({ ...stats }),
    async stop() {
      clearInterval(timer);
      if (recorder.state !== 'inactive') recorder.stop();
      await stopped;
      // The last dataavailable fires before stop; its chunk joined the chain.
      await chain;
      if (failed !== null) throw new Error(failed);
    },
  };
}
