// A microphone level meter over WebAudio: an AnalyserNode read once per window of samples, each
// read turned into a LevelWindow (dBFS RMS and peak, clipped samples) by scenarios/device-check.
import { analyseWindow, type LevelWindow } from '../../../scenarios/device-check/index.ts';

export interface LevelMeterOptions {
  /** |sample| at or above which a sample counts as clipped (fraction of full scale). */
  readonly clipLevel: number;
  /** dBFS given to digital silence. */
  readonly floorDbfs: number;
}

export interface LevelMeter {
  readonly sampleRate: number;
  /** Every window from now on, until the returned function is called. */
  subscribe(listener: (window: LevelWindow) => void): () => void;
  latest(): LevelWindow | null;
  close(): Promise<void>;
}

const FFT_SIZE = 2048;

export async function createLevelMeter(stream: MediaStream, options: LevelMeterOptions): Promise<LevelMeter> {
  const context = new AudioContext();
  // Created after the trainee's click, so resuming is allowed; headless runs allow autoplay.
  await context.resume();
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = FFT_SIZE;
  source.connect(analyser);
  const buffer = new Float32Array(FFT_SIZE);
  const windowMs = (FFT_SIZE / context.sampleRate) * 1000;
  const listeners = new Set<(window: LevelWindow) => void>();
  let latest: LevelWindow | null = null;
  let last = performance.now();

  // One read per window length: consecutive reads then cover the signal with little overlap, and
  // `ms` counts each millisecond once even when a timer fires late or early.
  const timer = window.setInterval(() => {
    const now = performance.now();
    analyser.getFloatTimeDomainData(buffer);
    const ms = Math.min(now - last, windowMs);
    last = now;
    latest = analyseWindow(buffer, now, ms, options.clipLevel, options.floorDbfs);
    for (const listener of listeners) listener(latest);
  }, windowMs);

  return {
    sampleRate: context.sampleRate,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    latest: () => latest,
    async close() {
      window.clearInterval(timer);
      listeners.clear();
      source.disconnect();
      if (context.state !== 'closed') await context.close();
    },
  };
}

/** Collects windows for `ms` (or until `until` says stop, or `signal` aborts). */
export function collectWindows(meter: LevelMeter, ms: number, options: { until?: (windows: readonly LevelWindow[]) => boolean; signal?: AbortSignal; onWindow?: (window: LevelWindow) => void } = {}): Promise<{ windows: LevelWindow[]; ms: number; ended: 'time' | 'until' | 'aborted' }> {
  return new Promise((resolve) => {
    const windows: LevelWindow[] = [];
    const started = performance.now();
    let finished = false;
    const finish = (ended: 'time' | 'until' | 'aborted') => {
      if (finished) return;
      finished = true;
      unsubscribe();
      window.clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ windows, ms: performance.now() - started, ended });
    };
    const onAbort = () => finish('aborted');
    const unsubscribe = meter.subscribe((w) => {
      windows.push(w);
      options.onWindow?.(w);
      if (options.until?.(windows) === true) finish('until');
    });
    const timer = window.setTimeout(() => finish('time'), ms);
    if (options.signal?.aborted === true) finish('aborted');
    else options.signal?.addEventListener('abort', onAbort);
  });
}
