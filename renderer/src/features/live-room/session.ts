// The live session controller: the one place that steps the engine. It owns the session clock
// (requestAnimationFrame, with an interval behind it for when frames stop), sends a tick every
// TICK_MS, mic voice levels as they come and each trainee action when it happens, logs every input
// to the evidence package, injects OBS drills, and publishes the engine state and the folded view
// to the store at most once per frame — so 200 comments a second cost one store update a frame.
import { computeMetrics, createSession, rebuildSession, serialize, step, type Effect, type Input, type SessionState } from '../../../../scenarios/engine/index.ts';
import { stateDigest } from '../../../../scenarios/evidence/replay.ts';
import type { Json } from '../../../../scenarios/evidence/canonical.ts';
import type { LiveRoomScenario } from '../../../../scenarios/format/schema.ts';
import { asLiveRoom } from '../../../../scenarios/format/task.ts';
import { call } from '../../bridge/index.ts';
import { openRecordingStream } from '../../media/recorder.ts';
import { openCamera, openMicrophone, stopStream } from '../../media/devices.ts';
import { startVoiceActivity, type VoiceActivity } from '../../media/voice-activity.ts';
import { useNavigation } from '../../stores/navigation.ts';
import { taskClock } from '../../../../scenarios/exam/day.ts';
import { candidateOf } from './candidate.ts';
import { clockSpeed, createClock, type SessionClock } from './clock.ts';
import { resumeEvidence, scenarioHash, startEvidence, type EvidenceLink, type LogRecord } from './evidence-link.ts';
import { createObsLink, obsConnected, scenarioHasObsFaults, type ObsLink } from './obs-link.ts';
import { noEvidence, showResult } from '../../stores/results.ts';
import { useLiveRoom, type StartNotice } from './store.ts';
import { applyToTimeline, emptyTimeline, trimTimeline, type Timeline } from './timeline.ts';
import { applyEffects, emptyView, type RoomView } from './view.ts';

type WithoutT<T> = T extends unknown ? Omit<T, 't'> : never;
/** A trainee action (or device / OBS input) before the clock stamps it. */
export type Action = WithoutT<Input>;

export const TICK_MS = 100;
/** Publish at least this often without effects, so toasts age out and the timer moves. */
const IDLE_PUBLISH_MS = 250;

const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as Json;

interface Running {
  scenario: LiveRoomScenario;
  clock: SessionClock;
  state: SessionState;
  view: RoomView;
  timeline: Timeline;
  pending: Effect[];
  published: SessionState | null;
  lastPublish: number;
  lastTick: number;
  raf: number;
  timer: number;
  voice: VoiceActivity | null;
  evidence: EvidenceLink | null;
  obs: ObsLink | null;
  stream: MediaStream | null;
  ending: boolean;
}

let run: Running | null = null;

/** Loads a scenario for the briefing. */
export async function openBriefing(id: string): Promise<void> {
  const { scenario, file } = await call('scenarios.get', { id });
  useLiveRoom.getState().set({ stage: 'brief', scenario: asLiveRoom(scenario), scenarioFile: file, startError: null });
}

export function backToPicker(): void {
  useLiveRoom.getState().set({ stage: 'pick', scenario: null, scenarioFile: null, startError: null, exam: null });
}

/** Camera + microphone in one stream (for preview, voice and the recording); each may be missing. */
async function openMedia(notices: StartNotice[]): Promise<MediaStream | null> {
  try {
    return await openRecordingStream();
  } catch {
    // One of the two is missing or refused: open what can be opened, and say what is missing.
  }
  const stream = new MediaStream();
  const cam = await openCamera(null);
  if (cam.ok) stream.addTrack(cam.track);
  else notices.push({ code: 'camera_unavailable', error: cam.error });
  const mic = await openMicrophone(null);
  if (mic.ok) stream.addTrack(mic.track);
  else notices.push({ code: 'mic_unavailable', error: mic.error });
  return stream.getTracks().length > 0 ? stream : null;
}

export interface GoLiveOptions {
  /** Record camera + microphone into the evidence package (default). false keeps the engine log
   *  only — scripts/bench/live-room.ts uses it to show what the video recording costs. */
  record?: boolean;
  /** Encoder settings for the recording (scripts/bench/live-room.ts compares codecs and bitrates). */
  recording?: { mimeType?: string; videoBitsPerSecond?: number };
}

/** Goes live: media, evidence package, OBS, then the engine and its clock. */
export async function goLive(options: GoLiveOptions = {}): Promise<void> {
  const store = useLiveRoom.getState();
  const scenario = store.scenario;
  if (scenario === null || run !== null) return;
  showResult(null);
  store.set({ stage: 'starting', startError: null, notices: [], evidence: noEvidence });
  const notices: StartNotice[] = [];
  let stream: MediaStream | null = null;
  let evidence: EvidenceLink | null = null;
  try {
    stream = await openMedia(notices);
    const obs = scenarioHasObsFaults(scenario) && (await obsConnected());
    const seed = scenario.audience.seed;
    try {
      evidence = await startEvidence({
        scenarioId: scenario.id,
        scenarioFile: store.scenarioFile ?? '',
        seed,
        candidate: candidateOf(store.candidate, store.candidateId, new Date()),
        stream: options.record === false ? null : stream,
        ...(options.recording ? { recording: options.recording } : {}),
        options: { obs },
        onError: (message) => useLiveRoom.getState().set({ evidence: { ...useLiveRoom.getState().evidence, state: 'failed', message } }),
      });
    } catch (error) {
      notices.push({ code: 'evidence_not_started', error: error instanceof Error ? error.message : String(error) });
    }
    if (evidence !== null) await attachIdentity(evidence.sessionId, notices);
    // Session time 0 is the video's time 0 when recording; otherwise the moment of going live.
    const recorder = evidence?.recorder ?? null;
    const origin = performance.now();
    const clock = createClock(recorder !== null ? () => recorder.sessionTime() : () => performance.now() - origin, clockSpeed(window.location.search));
    const state = createSession(scenario, { seed, obs });
    await enterLive({ scenario, clock, state, view: emptyView(), timeline: emptyTimeline(scenario.durationSec, state.viewers), evidence, stream, obs, notices });
  } catch (error) {
    // Nothing went live: close a package already opened (it stays valid, with what it logged).
    await evidence?.finish().catch(() => undefined);
    stopStream(stream);
    run = null;
    useLiveRoom.getState().set({ stage: 'brief', startError: error instanceof Error ? error.message : String(error) });
  }
}

/** At a station of a sitting: the candidate's identity check and photo go into the package. */
async function attachIdentity(sessionId: string, notices: StartNotice[]): Promise<void> {
  const exam = useLiveRoom.getState().exam;
  if (exam === null) return;
  const r = await call('exam.attachIdentity', { sittingId: exam.sittingId, candidateId: exam.candidateId, sessionId, actor: `考位 ${String(exam.station)}` }).catch((error: unknown) => ({
    ok: false,
    issues: [{ code: 'exam.attachFailed', params: { detail: error instanceof Error ? error.message : String(error) } }],
  }));
  if (!r.ok) notices.push({ code: 'identity_not_attached', error: r.issues.map((i) => i.code).join(', ') });
}

/** Asks before the page goes away mid-live (a reload, closing the tab or window): the browser
 *  shows its own "leave this page?" (Electron: electron/main asks, see policy/unload.ts). */
function warnBeforeUnload(event: BeforeUnloadEvent): void {
  if (run === null || run.ending) return;
  event.preventDefault();
}

interface LiveStart {
  scenario: LiveRoomScenario;
  clock: SessionClock;
  state: SessionState;
  view: RoomView;
  timeline: Timeline;
  evidence: EvidenceLink | null;
  stream: MediaStream | null;
  obs: boolean;
  notices: StartNotice[];
}

/** The live itself, from a new session or one rebuilt from its log: voice, camera, the clock. */
async function enterLive(l: LiveStart): Promise<void> {
  const { stream, evidence, notices } = l;
  const r: Running = {
    scenario: l.scenario,
    clock: l.clock,
    state: l.state,
    view: l.view,
    timeline: l.timeline,
    pending: [],
    published: null,
    lastPublish: -Infinity,
    lastTick: -Infinity,
    raf: 0,
    timer: 0,
    voice: null,
    evidence,
    obs: null,
    stream,
    ending: false,
  };
  run = r;
  window.addEventListener('beforeunload', warnBeforeUnload);
  if (l.obs && (await obsConnected())) r.obs = createObsLink((input) => dispatch(input));
  const audio = stream?.getAudioTracks().length ?? 0;
  if (stream !== null && audio > 0) {
    r.voice = await startVoiceActivity(stream, (level) => {
      dispatch({ type: 'voice', level });
      useLiveRoom.getState().set({ voice: level });
    }).catch(() => null);
  }
  const video = stream?.getVideoTracks()[0];
  if (video !== undefined) video.addEventListener('ended', () => dispatch({ type: 'camera', available: false }));
  useLiveRoom.getState().set({
    stage: 'live',
    scenario: l.scenario,
    state: r.state,
    view: r.view,
    timeline: r.timeline,
    stream,
    cameraOk: video !== undefined,
    micOk: audio > 0,
    obs: l.obs,
    notices,
    selected: null,
    feedPaused: false,
    evidence: evidence === null ? { ...noEvidence, message: notices.find((n) => n.code === 'evidence_not_started')?.error ?? null } : { state: 'recording', sessionId: evidence.sessionId, message: null, summary: null },
  });
  if (video === undefined) dispatch({ type: 'camera', available: false });
  pump();
  r.timer = window.setInterval(pump, IDLE_PUBLISH_MS);
  const frame = () => {
    if (run !== r) return;
    pump();
    r.raf = requestAnimationFrame(frame);
  };
  r.raf = requestAnimationFrame(frame);
}

/**
 * Goes on with a session whose page went away (a reload): the same package (its recording goes
 * on as a new segment), the clock where the log stops, the engine rebuilt from the logged inputs
 * (scenarios/engine/rebuild.ts), with the room's feed and timeline folded from what they gave.
 */
export async function resumeLive(sessionId: string, options: GoLiveOptions = {}): Promise<string | null> {
  if (run !== null) return null;
  showResult(null);
  const store = useLiveRoom.getState();
  store.set({ stage: 'starting', startError: null, notices: [], evidence: noEvidence });
  const notices: StartNotice[] = [];
  let stream: MediaStream | null = null;
  let evidence: EvidenceLink | null = null;
  try {
    stream = await openMedia(notices);
    const resumed = await resumeEvidence(sessionId, {
      stream: options.record === false ? null : stream,
      ...(options.recording ? { recording: options.recording } : {}),
      onError: (message) => useLiveRoom.getState().set({ evidence: { ...useLiveRoom.getState().evidence, state: 'failed', message } }),
    });
    evidence = resumed.link;
    const point = resumed.point;
    const { scenario: task, file } = await call('scenarios.get', { id: point.scenarioId });
    const scenario = asLiveRoom(task);
    const hash = await scenarioHash(file);
    if (point.scenarioHash !== '' && hash !== '' && hash !== point.scenarioHash) throw new Error(`场景 ${point.scenarioId} 已与录制时不同，无法继续 (scenario changed since the session was recorded)`);
    if (typeof point.seed !== 'number') throw new Error(`种子应为整数 (seed ${JSON.stringify(point.seed)})`);
    const obs = (point.options as { obs?: unknown } | null)?.obs === true;
    const logged = { seed: point.seed, options: { obs }, inputs: point.inputs };
    const steps: Effect[][] = [];
    const { state } = rebuildSession(scenario, logged, (effects) => steps.push([...effects]));
    // The feed, toasts still young at the resume point, and the timeline, as the live folded them.
    let view = emptyView();
    let timeline = emptyTimeline(scenario.durationSec, createSession(scenario, { seed: point.seed, obs }).viewers);
    for (const effects of steps) {
      view = applyEffects(view, effects, state.t);
      timeline = applyToTimeline(timeline, effects);
    }
    const recorder = evidence.recorder;
    const origin = performance.now();
    // The clock goes on from the last logged moment: the time away is not session time.
    const clock = createClock(recorder !== null ? () => point.resumeAt + recorder.sessionTime() : () => point.resumeAt + performance.now() - origin, clockSpeed(window.location.search));
    store.set({ candidate: point.candidate.name, scenarioFile: file });
    await enterLive({ scenario, clock, state, view, timeline, evidence, stream, obs, notices });
    return null;
  } catch (error) {
    // The package is closed with what it has (it stays valid); the offer says why.
    await evidence?.finish().catch(() => undefined);
    stopStream(stream);
    run = null;
    useLiveRoom.getState().set({ stage: 'pick' });
    return error instanceof Error ? error.message : String(error);
  }
}

/** One beat of the clock: a tick when due, then publish what changed. */
function pump(): void {
  const r = run;
  if (r === null || r.ending) return;
  const t = r.clock.now();
  // At a station of a sitting the round's exam clock ends the task, whenever the station started.
  const exam = useLiveRoom.getState().exam;
  if (exam !== null) {
    const round = taskClock({ startedAt: exam.startedAt, durationMs: exam.durationMs, stoppedAt: null }, Date.now() + exam.skew);
    const left = Math.ceil(round.remainingMs / 1000) * 1000;
    if (useLiveRoom.getState().roundLeftMs !== left) useLiveRoom.getState().set({ roundLeftMs: left });
    if (round.state === 'over') {
      dispatch({ type: 'end', by: 'exam_clock' });
      return;
    }
  }
  if (t - r.lastTick >= TICK_MS) {
    r.lastTick = t;
    dispatch({ type: 'tick' });
  }
  publish(r, t);
}

function publish(r: Running, now: number): void {
  if (r.pending.length === 0 && r.published === r.state && now - r.lastPublish < IDLE_PUBLISH_MS) return;
  const effects = r.pending;
  r.pending = [];
  r.view = applyEffects(r.view, effects, now);
  r.timeline = applyToTimeline(r.timeline, effects);
  r.published = r.state;
  r.lastPublish = now;
  useLiveRoom.getState().set({ state: r.state, view: r.view, timeline: r.timeline });
}

/** Steps the engine with an input stamped now; logs it; returns its effects (rejections included). */
export function dispatch(action: Action): Effect[] {
  const r = run;
  if (r === null) return [];
  const input: Input = { ...action, t: r.clock.now() };
  const out = step(r.state, input);
  r.state = out.state;
  for (const e of out.effects) r.pending.push(e);
  if (r.evidence !== null) logInput(r, input, out.effects);
  for (const e of out.effects) {
    if (e.type === 'fault_started' && e.fault.source === 'obs') r.obs?.inject(e.fault);
    if (e.type === 'session_ended') queueMicrotask(() => void finish(r));
  }
  return out.effects;
}

function logInput(r: Running, input: Input, effects: readonly Effect[]): void {
  const t = r.clock.real();
  const records: LogRecord[] = [{ type: 'engine.input', t, data: { input: asJson(input) } }];
  const checkpoint = effects.some((e) => e.type === 'minute' || e.type === 'session_ended');
  if (effects.length > 0 || checkpoint) {
    records.push({
      type: 'engine.output',
      t,
      data: { effects: asJson(effects), ...(checkpoint ? { state: stateDigest(serialize(r.state)), metrics: asJson(computeMetrics(r.state)) } : {}) },
    });
  }
  r.evidence?.log(records);
}

/** The trainee ends the live (the engine also ends it by itself at the scenario's duration). */
export function endLive(): void {
  dispatch({ type: 'end' });
}

/** After the engine ended the session: stop media, close the evidence, put OBS back, show 复盘. */
async function finish(r: Running): Promise<void> {
  if (r.ending || run !== r) return;
  r.ending = true;
  cancelAnimationFrame(r.raf);
  window.clearInterval(r.timer);
  window.removeEventListener('beforeunload', warnBeforeUnload);
  publish(r, r.clock.now());
  const store = useLiveRoom.getState();
  store.set({ stage: 'ending', evidence: r.evidence === null ? store.evidence : { ...store.evidence, state: store.evidence.state === 'failed' ? 'failed' : 'finishing' } });
  await r.voice?.stop().catch(() => undefined);
  await r.obs?.stop().catch(() => undefined);
  let evidence = useLiveRoom.getState().evidence;
  if (r.evidence !== null) {
    try {
      const summary = await r.evidence.finish();
      const failed = r.evidence.error();
      evidence = { state: failed === null ? 'finished' : 'failed', sessionId: r.evidence.sessionId, message: failed, summary };
    } catch (error) {
      evidence = { state: 'failed', sessionId: r.evidence.sessionId, message: error instanceof Error ? error.message : String(error), summary: null };
    }
  }
  const exam = useLiveRoom.getState().exam;
  if (exam !== null && evidence.state === 'finished' && evidence.sessionId !== null) {
    // the package joins the candidate's record in the sitting (by session id and manifest hash)
    const linked = await call('exam.link', { sittingId: exam.sittingId, candidateId: exam.candidateId, sessionId: evidence.sessionId, actor: `考位 ${String(exam.station)}` }).catch((error: unknown) => ({
      ok: false,
      issues: [{ code: 'exam.linkFailed', params: { detail: error instanceof Error ? error.message : String(error) } }],
    }));
    if (!linked.ok) evidence = { ...evidence, message: linked.issues.map((i) => `${i.code} ${JSON.stringify(i.params)}`).join('; ') };
  }
  stopStream(r.stream);
  run = null;
  if (exam !== null) useLiveRoom.getState().set({ exam: null, roundLeftMs: null });
  const timeline = trimTimeline(r.timeline, r.state.endedAt ?? r.state.t);
  useLiveRoom.getState().set({ stage: 'pick', stream: null, evidence });
  showResult({ kind: 'live_room', scenario: r.scenario, state: r.state, timeline, evidence, speed: r.clock.speed });
  // On to 复盘, unless the trainee left the room for another screen (that ended the live).
  if (useNavigation.getState().screen === 'live-room') useNavigation.getState().go('review');
}

/** Leaving the screen mid-live (navigation away): the live is ended like the trainee ended it. */
export function leaveLive(): void {
  if (run !== null && !run.ending) endLive();
}

/** Tries the camera again after it was lost (the camera_lost remedy); true when it is back. */
export async function reconnectCamera(): Promise<boolean> {
  const r = run;
  if (r === null) return false;
  const cam = await openCamera(null);
  if (!cam.ok) return false;
  const stream = new MediaStream([cam.track, ...(r.stream?.getAudioTracks() ?? [])]);
  cam.track.addEventListener('ended', () => dispatch({ type: 'camera', available: false }));
  r.stream = stream;
  useLiveRoom.getState().set({ stream, cameraOk: true });
  dispatch({ type: 'camera', available: true });
  return true;
}

/** The engine state now (for handlers that need the freshest one, not the last published). */
export function liveState(): SessionState | null {
  return run?.state ?? null;
}

export function sessionTime(): number {
  return run?.clock.now() ?? 0;
}
