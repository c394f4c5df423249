// Plays a short chime (C5–E5–G5) on a chosen output and measures, at the output node, that sound
// was really sent there. Whether the trainee heard it only they can say.
import { peak, toDbfs } from '../../../scenarios/device-check/index.ts';

/** AudioContext.setSinkId (Chromium 110+) is not in TypeScript's DOM types yet. */
interface SinkableContext extends AudioContext {
  setSinkId(sinkId: string): Promise<void>;
  readonly sinkId: string;
}

function isSinkable(context: AudioContext): context is SinkableContext {
  return typeof (context as Partial<SinkableContext>).setSinkId === 'function';
}

/** Whether this browser can route sound to a chosen output. */
export function canChooseOutput(): boolean {
  return typeof AudioContext !== 'undefined' && typeof (AudioContext.prototype as Partial<SinkableContext>).setSinkId === 'function';
}

export interface ToneOptions {
  /** An audiooutput deviceId; null or "default" for the system default. */
  readonly sinkId: string | null;
  readonly ms: number;
  readonly levelDbfs: number;
  readonly floorDbfs: number;
}

export interface ToneResult {
  readonly sinkSelectable: boolean;
  readonly sinkApplied: boolean;
  /** Why the output could not be chosen or the tone not played. */
  readonly error: string | null;
  readonly outputPeakDbfs: number | null;
  readonly outputLatencyMs: number | null;
  readonly playedMs: number;
}

const NOTES = [523.25, 659.25, 783.99];

export async function playTestTone(options: ToneOptions): Promise<ToneResult> {
  const context = new AudioContext({ latencyHint: 'interactive' });
  const sinkSelectable = isSinkable(context);
  let sinkApplied = false;
  let error: string | null = null;
  try {
    if (isSinkable(context) && options.sinkId !== null && options.sinkId !== 'default') {
      try {
        await context.setSinkId(options.sinkId);
        sinkApplied = true;
      } catch (e) {
        error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      }
    } else if (sinkSelectable) {
      sinkApplied = true; // the default output is what was asked for
    }
    await context.resume();
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    analyser.connect(context.destination);
    const amplitude = 10 ** (options.levelDbfs / 20);
    const start = context.currentTime + 0.05;
    const note = options.ms / 1000 / NOTES.length;
    NOTES.forEach((hz, i) => {
      const osc = context.createOscillator();
      const gain = context.createGain();
      osc.frequency.value = hz;
      const t0 = start + i * note;
      // Short ramps: no clicks at note edges.
      gain.gain.setValueAtTime(0, t0);
      gain.gain.linearRampToValueAtTime(amplitude, t0 + 0.02);
      gain.gain.setValueAtTime(amplitude, t0 + note - 0.04);
      gain.gain.linearRampToValueAtTime(0, t0 + note - 0.005);
      osc.connect(gain).connect(analyser);
      osc.start(t0);
      osc.stop(t0 + note);
    });
    const buffer = new Float32Array(analyser.fftSize);
    let max = 0;
    const began = performance.now();
    await new Promise<void>((resolve) => {
      const timer = window.setInterval(() => {
        analyser.getFloatTimeDomainData(buffer);
        max = Math.max(max, peak(buffer));
        if (performance.now() - began >= options.ms + 100) {
          window.clearInterval(timer);
          resolve();
        }
      }, 20);
    });
    return {
      sinkSelectable,
      sinkApplied,
      error,
      outputPeakDbfs: toDbfs(max, options.floorDbfs),
      outputLatencyMs: Number.isFinite(context.outputLatency) ? context.outputLatency * 1000 : null,
      playedMs: performance.now() - began,
    };
  } finally {
    await context.close();
  }
}
