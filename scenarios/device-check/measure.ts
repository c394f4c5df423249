// Turns the raw samples the renderer collects (frame ticks and luma figures, level windows,
// connect times) into the measured values of the record. Pure: the same samples give the same figures.
import { connectStats, type IngestTarget } from './network.ts';
import { deliveredFps, detectFrozen, type FrameTick } from './picture.ts';
import type { CameraMeasured, IngestMeasured, MicrophoneMeasured, SpeechPhase } from './record.ts';
import { noiseFloorDbfs, snrDb, speechLevel, summariseLevels, type LevelWindow } from './signal.ts';
import { THRESHOLDS, type Thresholds } from './thresholds.ts';

/** One sampled frame: when, the browser's presented-frames count, and its luma figures. */
export interface FrameSample extends FrameTick {
  readonly meanLuma: number;
  readonly detail: number;
  /** Mean absolute luma difference to the previous sampled frame; null for the first. */
  readonly diff: number | null;
}

export interface CameraSamples {
  readonly deviceId: string | null;
  readonly deviceLabel: string | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly settingsFps: number | null;
  readonly sampleMs: number;
  readonly frames: readonly FrameSample[];
}

export function measureCamera(s: CameraSamples, table: Thresholds = THRESHOLDS): CameraMeasured {
  const rate = deliveredFps(s.frames);
  const diffs = s.frames.map((f) => f.diff).filter((d): d is number => d !== null);
  const frozen = detectFrozen(diffs, s.frames.map((f) => f.detail), table.camera.frozenDiff.value, table.camera.frozenMinDetail.value);
  const lumas = s.frames.map((f) => f.meanLuma);
  return {
    status: 'measured',
    error: null,
    deviceId: s.deviceId,
    deviceLabel: s.deviceLabel,
    width: s.width,
    height: s.height,
    settingsFps: s.settingsFps,
    deliveredFps: rate.fps,
    frames: Math.max(0, rate.frames),
    sampleMs: s.sampleMs,
    meanLuma: lumas.length > 0 ? lumas.reduce((a, b) => a + b, 0) / lumas.length : null,
    lumaStdDev: s.frames.length > 0 ? s.frames.reduce((a, f) => a + f.detail, 0) / s.frames.length : null,
    maxFrameDiff: frozen.maxDiff,
    meanFrameDiff: frozen.meanDiff,
    frozen: frozen.frozen,
  };
}

export interface MicrophoneSamples {
  readonly deviceId: string | null;
  readonly deviceLabel: string | null;
  readonly sampleRate: number | null;
  readonly quiet: readonly LevelWindow[];
  readonly quietMs: number;
  readonly speech: readonly LevelWindow[];
  readonly speechPhase: SpeechPhase;
  readonly readingMs: number;
}

export function measureMicrophone(s: MicrophoneSamples, table: Thresholds = THRESHOLDS): MicrophoneMeasured {
  const t = table.microphone;
  const floor = s.quiet.length > 0 ? noiseFloorDbfs(s.quiet) : null;
  const speech = speechLevel(s.speech, floor ?? t.floorDbfs.value, t.activeAboveFloorDb.value, t.activeMinDbfs.value);
  const all = summariseLevels([...s.quiet, ...s.speech], t.floorDbfs.value);
  return {
    status: 'measured',
    error: null,
    deviceId: s.deviceId,
    deviceLabel: s.deviceLabel,
    sampleRate: s.sampleRate,
    quietMs: s.quietMs,
    noiseFloorDbfs: floor,
    speechPhase: s.speechPhase,
    readingMs: s.readingMs,
    speechActiveMs: speech.activeMs,
    speechLevelDbfs: speech.levelDbfs,
    snrDb: speech.levelDbfs !== null && floor !== null ? snrDb(speech.levelDbfs, floor) : null,
    peakDbfs: all.samples > 0 ? all.peakDbfs : null,
    clippingRatio: all.samples > 0 ? all.clippingRatio : null,
    clippedSamples: all.clippedSamples,
    samples: all.samples,
    digitalSilence: all.digitalSilence,
  };
}

/** How much speech the reading phase has heard so far, ms (the renderer asks after each window). */
export function heardSpeechMs(windows: readonly LevelWindow[], floorDbfs: number | null, table: Thresholds = THRESHOLDS): number {
  const t = table.microphone;
  return speechLevel(windows, floorDbfs ?? t.floorDbfs.value, t.activeAboveFloorDb.value, t.activeMinDbfs.value).activeMs;
}

/** Has the reading phase heard enough speech to stop? */
export function speechHeardEnough(windows: readonly LevelWindow[], floorDbfs: number | null, table: Thresholds = THRESHOLDS): boolean {
  return heardSpeechMs(windows, floorDbfs, table) >= table.microphone.speechTargetMs.value;
}

export interface IngestSamples {
  readonly target: IngestTarget;
  readonly address: string | null;
  readonly dnsMs: number | null;
  readonly samples: readonly (number | null)[];
  readonly errors: readonly string[];
}

export function measureIngest(s: IngestSamples): IngestMeasured {
  const stats = connectStats(s.samples);
  const { display, host, port } = s.target;
  return {
    display,
    host,
    port,
    address: s.address,
    dnsMs: s.dnsMs,
    samples: [...s.samples],
    errors: [...s.errors],
    ok: stats.ok,
    failed: stats.failed,
    medianMs: stats.medianMs,
    jitterMs: stats.jitterMs,
  };
}
