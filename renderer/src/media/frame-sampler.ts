// Samples the frames a <video> actually shows: one callback per new frame
// (requestVideoFrameCallback), its timestamp and the browser's presented-frame count, and its
// luma figures from a small canvas copy. The maths is in scenarios/device-check.
import { lumaPlane, mean, meanAbsDiff, stdDev, type FrameSample } from '../../../scenarios/device-check/index.ts';

/** Small enough to read every frame cheaply, large enough to see a product and sensor noise. */
const SAMPLE_WIDTH = 160;

export interface FrameRun {
  readonly frames: FrameSample[];
  readonly width: number | null;
  readonly height: number | null;
  /** How long frames were sampled, ms (from the first frame). */
  readonly sampleMs: number;
}

interface Reader {
  read(video: HTMLVideoElement): Float32Array | null;
}

function createReader(): Reader {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return {
    read(video) {
      if (!context || video.videoWidth === 0 || video.videoHeight === 0) return null;
      const height = Math.max(1, Math.round((SAMPLE_WIDTH * video.videoHeight) / video.videoWidth));
      if (canvas.width !== SAMPLE_WIDTH || canvas.height !== height) {
        canvas.width = SAMPLE_WIDTH;
        canvas.height = height;
      }
      context.drawImage(video, 0, 0, SAMPLE_WIDTH, height);
      return lumaPlane(context.getImageData(0, 0, SAMPLE_WIDTH, height).data);
    },
  };
}

/**
 * Samples frames for `ms` after the first one arrives (waiting at most `ms + graceMs` in all).
 * `onFrame` sees each sample as it comes, for a live readout.
 */
export function sampleFrames(video: HTMLVideoElement, ms: number, onFrame?: (frame: FrameSample) => void, graceMs = 1500): Promise<FrameRun> {
  const reader = createReader();
  const frames: FrameSample[] = [];
  let previous: Float32Array | null = null;
  let first: number | null = null;

  const take = (t: number, presented: number) => {
    const luma = reader.read(video);
    if (!luma) return;
    const diff = previous && previous.length === luma.length ? meanAbsDiff(previous, luma) : null;
    previous = luma;
    const sample: FrameSample = { t, presented, meanLuma: mean(luma), detail: stdDev(luma), diff };
    frames.push(sample);
    onFrame?.(sample);
    first ??= t;
  };
  const result = (): FrameRun => ({
    frames,
    width: video.videoWidth || null,
    height: video.videoHeight || null,
    sampleMs: frames.length >= 2 ? (frames[frames.length - 1]?.t ?? 0) - (frames[0]?.t ?? 0) : 0,
  });

  return new Promise((resolve) => {
    const deadline = performance.now() + ms + graceMs;
    let done = false;
    let guard = 0;
    const finish = () => {
      if (done) return;
      done = true;
      window.clearInterval(guard);
      resolve(result());
    };
    const enough = (t: number) => (first !== null && t - first >= ms) || performance.now() >= deadline;

    if (typeof video.requestVideoFrameCallback === 'function') {
      const onVideoFrame: VideoFrameRequestCallback = (_now, meta) => {
        if (done) return;
        // Capture time when the browser gives it (camera frames), else when the frame is shown.
        const t = meta.captureTime ?? meta.expectedDisplayTime;
        take(t, meta.presentedFrames);
        if (enough(t)) finish();
        else video.requestVideoFrameCallback(onVideoFrame);
      };
      video.requestVideoFrameCallback(onVideoFrame);
      // A camera that stops sending frames never calls back: end at the deadline regardless.
      guard = window.setInterval(() => {
        if (performance.now() >= deadline) finish();
      }, 100);
      return;
    }
    // Without requestVideoFrameCallback: poll, counting frames with the decoder's own counter.
    guard = window.setInterval(() => {
      const count = video.getVideoPlaybackQuality().totalVideoFrames;
      const last = frames[frames.length - 1];
      if (!last || count > last.presented) take(performance.now(), count);
      if (enough(performance.now())) finish();
    }, 15);
  });
}
