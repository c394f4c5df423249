// Runners of the camera, microphone and speakers items: open the device, measure for real in the
// browser, judge with scenarios/device-check, put the result in the store. Each can run again
// on its own at any time; none waits for another except speakers after the microphone (the
// test tone would otherwise be measured as the trainee's voice).
import {
  itemResult,
  judgeCamera,
  judgeMicrophone,
  judgeSpeakers,
  measureCamera,
  heardSpeechMs,
  measureMicrophone,
  noiseFloorDbfs,
  THRESHOLDS,
  type CameraMeasured,
  type MediaFailure,
  type MicrophoneMeasured,
  type SpeakersMeasured,
} from '../../../../scenarios/device-check/index.ts';
import { transportKind } from '../../bridge/index.ts';
import { listDevices, openCamera, openMicrophone, stopStream, whyEnded } from '../../media/devices.ts';
import { sampleFrames } from '../../media/frame-sampler.ts';
import { collectWindows, createLevelMeter, type LevelMeter } from '../../media/level-meter.ts';
import { canChooseOutput, playTestTone } from '../../media/test-tone.ts';
import { useDeviceCheck } from './store.ts';

const T = THRESHOLDS;
const store = () => useDeviceCheck.getState();

/** Media handles live here, not in the store: they are not values a screen renders. */
const media = {
  video: null as HTMLVideoElement | null,
  camera: null as MediaStream | null,
  microphone: null as MediaStream | null,
  meter: null as LevelMeter | null,
  stopMeterFeed: null as (() => void) | null,
  reading: null as AbortController | null,
  toneEndedAt: null as number | null,
};

const context = () => ({ transport: transportKind() });

/** The preview <video> registers itself here; a re-mounted one gets the live stream back. */
export function attachVideo(video: HTMLVideoElement | null): void {
  media.video = video;
  if (video && media.camera && video.srcObject !== media.camera) {
    video.srcObject = media.camera;
    void video.play().catch(() => undefined);
  }
}

export async function refreshDevices(): Promise<void> {
  try {
    store().setDevices(await listDevices());
  } catch {
    // enumerateDevices cannot fail in a secure context; keep the old lists if it does.
  }
}

function failedCamera(status: MediaFailure, error: string, deviceId: string | null): CameraMeasured {
  return {
    status, error, deviceId, deviceLabel: null, width: null, height: null, settingsFps: null, deliveredFps: null,
    frames: 0, sampleMs: 0, meanLuma: null, lumaStdDev: null, maxFrameDiff: null, meanFrameDiff: null, frozen: null,
  };
}

export async function runCamera(): Promise<void> {
  const s = store();
  if (busy('camera')) return;
  const attempt = s.begin('camera');
  const startedAt = Date.now();
  stopStream(media.camera);
  media.camera = null;
  const done = (measured: CameraMeasured) => {
    store().setResult('camera', itemResult('camera', measured, judgeCamera(measured, context()), { startedAt, finishedAt: Date.now(), attempt }));
    store().setPhase('camera', 'done');
  };
  const opened = await openCamera(s.chosen.camera);
  if (!opened.ok) {
    done(failedCamera(opened.failure, opened.error, s.chosen.camera));
    return;
  }
  media.camera = opened.stream;
  // Unplugged (or taken by another program) after the check: the item says so at once.
  opened.track.addEventListener('ended', () => {
    void whyEnded('camera').then((why) => {
      if (media.camera === opened.stream) done(failedCamera(why, 'MediaStreamTrack ended', opened.deviceId));
    });
  });
  await refreshDevices();
  store().choose('camera', opened.deviceId);
  const video = media.video;
  if (!video) {
    done(failedCamera('error', 'no preview element on the screen', opened.deviceId));
    return;
  }
  video.srcObject = opened.stream;
  try {
    await video.play();
  } catch (error) {
    done(failedCamera('error', `preview: ${String(error)}`, opened.deviceId));
    return;
  }
  store().setPhase('camera', 'measuring');
  let shown = 0;
  const run = await sampleFrames(video, T.camera.sampleMs.value, (frame) => {
    // A live readout a few times a second is enough; every frame would re-render the screen.
    if (frame.t - shown < 200) return;
    shown = frame.t;
    store().setLive({ luma: frame.meanLuma, frames: frame.presented });
  });
  if (opened.track.readyState === 'ended') return; // unplugged while sampling: already reported
  done(
    measureCamera({
      deviceId: opened.deviceId,
      deviceLabel: opened.label,
      width: run.width,
      height: run.height,
      settingsFps: opened.track.getSettings().frameRate ?? null,
      sampleMs: run.sampleMs,
      frames: run.frames,
    }),
  );
}

function failedMicrophone(status: MediaFailure, error: string, deviceId: string | null): MicrophoneMeasured {
  return {
    status, error, deviceId, deviceLabel: null, sampleRate: null, quietMs: 0, noiseFloorDbfs: null, speechPhase: 'not_run', readingMs: 0,
    speechActiveMs: 0, speechLevelDbfs: null, snrDb: null, peakDbfs: null, clippingRatio: null, clippedSamples: 0, samples: 0, digitalSilence: false,
  };
}

async function closeMicrophone(): Promise<void> {
  media.reading?.abort();
  media.stopMeterFeed?.();
  media.stopMeterFeed = null;
  const meter = media.meter;
  media.meter = null;
  await meter?.close();
  stopStream(media.microphone);
  media.microphone = null;
}

/** Quiet phase (noise floor), then reading phase (speech level), on the raw microphone signal. */
export async function runMicrophone(): Promise<void> {
  const s = store();
  if (busy('microphone')) return;
  const attempt = s.begin('microphone');
  const startedAt = Date.now();
  await closeMicrophone();
  const done = (measured: MicrophoneMeasured) => {
    store().setResult('microphone', itemResult('microphone', measured, judgeMicrophone(measured, context()), { startedAt, finishedAt: Date.now(), attempt }));
    store().setPhase('microphone', 'done');
  };
  const opened = await openMicrophone(s.chosen.microphone);
  if (!opened.ok) {
    done(failedMicrophone(opened.failure, opened.error, s.chosen.microphone));
    return;
  }
  media.microphone = opened.stream;
  opened.track.addEventListener('ended', () => {
    void whyEnded('microphone').then((why) => {
      if (media.microphone === opened.stream) done(failedMicrophone(why, 'MediaStreamTrack ended', opened.deviceId));
    });
  });
  let meter: LevelMeter;
  try {
    meter = await createLevelMeter(opened.stream, { clipLevel: T.microphone.clipLevel.value, floorDbfs: T.microphone.floorDbfs.value });
  } catch (error) {
    done(failedMicrophone('error', `WebAudio: ${String(error)}`, opened.deviceId));
    return;
  }
  media.meter = meter;
  await refreshDevices();
  store().choose('microphone', opened.deviceId);
  let shown = 0;
  media.stopMeterFeed = meter.subscribe((w) => {
    if (w.t - shown < 100) return;
    shown = w.t;
    store().setLive({ micRms: w.rmsDbfs, micPeak: w.peakDbfs });
  });

  store().setPhase('microphone', 'quiet');
  const quiet = await collectWindows(meter, T.microphone.quietMs.value);
  const floor = quiet.windows.length > 0 ? noiseFloorDbfs(quiet.windows) : null;

  store().setPhase('microphone', 'speech');
  store().setLive({ speechMs: 0 });
  const reading = new AbortController();
  media.reading = reading;
  const speech = await collectWindows(meter, T.microphone.speechTimeoutMs.value, {
    signal: reading.signal,
    until: (windows) => {
      const heard = heardSpeechMs(windows, floor);
      store().setLive({ speechMs: heard });
      return heard >= T.microphone.speechTargetMs.value;
    },
  });
  media.reading = null;
  // A newer run replaced this one, or the microphone went away (already reported).
  if (media.meter !== meter || opened.track.readyState === 'ended') return;
  done(
    measureMicrophone({
      deviceId: opened.deviceId,
      deviceLabel: opened.label,
      sampleRate: meter.sampleRate,
      quiet: quiet.windows,
      quietMs: quiet.ms,
      speech: speech.windows,
      speechPhase: speech.ended === 'until' ? 'done' : speech.ended === 'time' ? 'timeout' : 'stopped',
      readingMs: speech.ms,
    }),
  );
}

/** The trainee pressed 读完了: judge the reading phase on what was heard so far. */
export function stopReading(): void {
  media.reading?.abort();
}

export async function runSpeakers(): Promise<void> {
  const s = store();
  if (busy('speakers')) return;
  const attempt = s.begin('speakers');
  const startedAt = Date.now();
  const sinkId = s.chosen.speakers;
  const sinkLabel = s.devices.audiooutput.find((d) => d.deviceId === sinkId)?.label ?? null;
  store().setPhase('speakers', 'tone');
  let measured: SpeakersMeasured;
  try {
    const tone = await playTestTone({ sinkId, ms: T.speakers.toneMs.value, levelDbfs: T.speakers.toneDbfs.value, floorDbfs: T.microphone.floorDbfs.value });
    measured = {
      status: 'played', error: tone.error, sinkId, sinkLabel, sinkSelectable: tone.sinkSelectable, sinkApplied: tone.sinkApplied,
      toneMs: tone.playedMs, outputPeakDbfs: tone.outputPeakDbfs, outputLatencyMs: tone.outputLatencyMs, heard: null, answerMs: null,
    };
  } catch (error) {
    measured = {
      status: 'error', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error), sinkId, sinkLabel, sinkSelectable: canChooseOutput(),
      sinkApplied: false, toneMs: 0, outputPeakDbfs: null, outputLatencyMs: null, heard: null, answerMs: null,
    };
  }
  media.toneEndedAt = performance.now();
  store().setResult('speakers', itemResult('speakers', measured, judgeSpeakers(measured), { startedAt, finishedAt: Date.now(), attempt }));
  store().setPhase('speakers', measured.status === 'played' ? 'answer' : 'done');
}

/** The trainee's answer to 听到测试音了吗: completes the speakers item. */
export function answerSpeakers(heard: boolean): void {
  const current = store().items.speakers.result;
  if (current?.item !== 'speakers') return;
  const answerMs = media.toneEndedAt === null ? null : performance.now() - media.toneEndedAt;
  const measured: SpeakersMeasured = { ...current.measured, heard, answerMs };
  store().setResult('speakers', itemResult('speakers', measured, judgeSpeakers(measured), { startedAt: current.startedAt, finishedAt: Date.now(), attempt: current.attempt }));
  store().setPhase('speakers', 'done');
}

function busy(item: 'camera' | 'microphone' | 'speakers'): boolean {
  const phase = store().items[item].phase;
  return phase !== 'idle' && phase !== 'done' && phase !== 'answer';
}

/** Leaving the screen: every device closed, every phase ended. */
export async function releaseMedia(): Promise<void> {
  stopStream(media.camera);
  media.camera = null;
  if (media.video) media.video.srcObject = null;
  await closeMicrophone();
}
