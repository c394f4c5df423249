// Voice activity for the session engine: the microphone's level as a number 0..1 about ten times a
// second (the engine's `voice` input; ≥ MODEL.voiceThreshold is speech). Built on the level meter
// the device check uses, and calibrated to it: a window at the check's "counts as speech" level
// (THRESHOLDS.microphone.activeMinDbfs, −55 dBFS) maps exactly to the engine's threshold, so the
// live room and the device check agree on what speaking is.
import { THRESHOLDS } from '../../../scenarios/device-check/index.ts';
import { MODEL } from '../../../scenarios/engine/index.ts';
import { createLevelMeter } from './level-meter.ts';

/** dBFS above the speech floor that map to the full 0..1 range. */
const RANGE_DB = 50;

/** The engine's voice level for a window's RMS level in dBFS (pure). */
export function voiceLevel(rmsDbfs: number): number {
  if (!Number.isFinite(rmsDbfs)) return 0;
  const level = MODEL.voiceThreshold + (rmsDbfs - THRESHOLDS.microphone.activeMinDbfs.value) / RANGE_DB;
  return Math.min(1, Math.max(0, Math.round(level * 1000) / 1000));
}

export interface VoiceActivity {
  stop(): Promise<void>;
}

/**
 * Calls `onSample(level)` every `everyMs` with the loudest window since the last sample (a short
 * word between two samples still counts). Stop it when the live ends.
 */
export async function startVoiceActivity(stream: MediaStream, onSample: (level: number) => void, everyMs = 100): Promise<VoiceActivity> {
  const meter = await createLevelMeter(stream, { clipLevel: 0.999, floorDbfs: THRESHOLDS.microphone.floorDbfs.value });
  let loudest = -Infinity;
  const off = meter.subscribe((w) => {
    if (w.rmsDbfs > loudest) loudest = w.rmsDbfs;
  });
  const timer = window.setInterval(() => {
    const level = voiceLevel(loudest);
    loudest = -Infinity;
    onSample(level);
  }, everyMs);
  return {
    async stop() {
      window.clearInterval(timer);
      off();
      await meter.close();
    },
  };
}
