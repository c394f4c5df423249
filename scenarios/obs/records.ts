// What the OBS bridge reports, as typed records the session engine, the evidence log and the UI
// take as they are: connection state, inventory, one telemetry sample a second, fault-drill
// records and the verdict of an OBS check. Zod schemas (the contract reuses them) and their types.
// Pure domain module: no Node, React or Electron imports. Times are epoch milliseconds.
import { z } from 'zod';

/** good / warn / bad, as the colours of OBS's own stats dock. */
export const HealthLevel = z.enum(['good', 'warn', 'bad']);
export type HealthLevel = z.infer<typeof HealthLevel>;

// ---------------------------------------------------------------- connection

export const ObsPhase = z.enum([
  'disconnected', // never connected, or closed on request
  'connecting', // first attempt under way
  'connected', // identified, inventory loaded
  'reconnecting', // lost (or not up yet): retrying with backoff
  'failed', // an error retrying cannot fix (wrong password, OBS too old…): waits for the user
]);
export type ObsPhase = z.infer<typeof ObsPhase>;

export const ObsErrorCode = z.enum([
  'not_running', // nothing listens on the port (ECONNREFUSED)
  'server_disabled', // OBS runs but its WebSocket server is off (or on another port)
  'password_required', // OBS asks for a password and none was given
  'auth_failed', // 4009: wrong password
  'too_old', // obs-websocket 4.x (OBS < 28) or an RPC version we do not speak
  'timeout', // no answer in time
  'bad_url',
  'host_unreachable', // DNS / route errors for a remote OBS
  'connection_lost', // the socket closed without OBS saying why (1006, crash, network)
  'server_stopping', // 1001: OBS is closing
  'kicked', // 4011: another client ended this session
  'unknown_request', // 204: OBS does not know the request (older obs-websocket): feature degraded
  'not_ready', // 207: OBS is busy (starting, switching collection)
  'not_found', // 600: a scene, input or item is gone
  'wrong_state', // 500/501/604…: e.g. output already running
  'not_connected',
  'request_failed',
  'unknown',
]);
export type ObsErrorCode = z.infer<typeof ObsErrorCode>;

export const ObsError = z.object({
  code: ObsErrorCode,
  /** What is wrong and what to do, in Chinese (zh-CN first, DESIGN.md decision 5). */
  message: z.string(),
  /** The technical cause: close code, errno, request status. */
  cause: z.string(),
  /** Whether retrying by itself can fix it (OBS not started yet) or the user must act (password). */
  retryable: z.boolean(),
});
export type ObsError = z.infer<typeof ObsError>;

/** A time the bridge could not see OBS, from the loss to the reconnect. */
export const ObsGap = z.object({
  lostAt: z.number(),
  restoredAt: z.number(),
  durationMs: z.number(),
  cause: z.string(),
  /** OBS's frame counters went back: it was restarted, not just unreachable. */
  obsRestarted: z.boolean(),
});
export type ObsGap = z.infer<typeof ObsGap>;

export const ObsDegradedFeature = z.object({
  request: z.string(),
  /** What does not work because of it, in Chinese. */
  feature: z.string(),
});
export type ObsDegradedFeature = z.infer<typeof ObsDegradedFeature>;

export const ObsConnectionState = z.object({
  phase: ObsPhase,
  url: z.string().nullable(),
  /** When this phase began. */
  since: z.number(),
  /** Attempts since the last successful connection (0 while connected). */
  attempt: z.number().int().nonnegative(),
  nextRetryAt: z.number().nullable(),
  error: ObsError.nullable(),
  obsVersion: z.string().nullable(),
  obsWebSocketVersion: z.string().nullable(),
  rpcVersion: z.number().int().nullable(),
  platform: z.string().nullable(),
  degraded: z.array(ObsDegradedFeature),
  gaps: z.array(ObsGap),
  /** Whether a password is stored for this URL (never the password itself). */
  hasStoredPassword: z.boolean(),
});
export type ObsConnectionState = z.infer<typeof ObsConnectionState>;

// ---------------------------------------------------------------- inventory

export const ObsInputRole = z.enum(['microphone', 'camera', 'desktop_audio', 'screen', 'media', 'other']);
export type ObsInputRole = z.infer<typeof ObsInputRole>;

export const ObsAudioState = z.object({
  muted: z.boolean(),
  /** dB; OBS's -inf (volume 0) is reported as -100. */
  volumeDb: z.number(),
  volumeMul: z.number(),
});
export type ObsAudioState = z.infer<typeof ObsAudioState>;

export const ObsInput = z.object({
  name: z.string(),
  kind: z.string(),
  unversionedKind: z.string(),
  role: ObsInputRole,
  /** null when the input has no audio. */
  audio: ObsAudioState.nullable(),
});
export type ObsInput = z.infer<typeof ObsInput>;

export const ObsSceneItem = z.object({
  id: z.number().int(),
  sourceName: z.string(),
  /** null for nested scenes and groups. */
  inputKind: z.string().nullable(),
  isGroup: z.boolean(),
  enabled: z.boolean(),
  index: z.number().int(),
});
export type ObsSceneItem = z.infer<typeof ObsSceneItem>;

export const ObsScene = z.object({ name: z.string(), items: z.array(ObsSceneItem) });
export type ObsScene = z.infer<typeof ObsScene>;

export const ObsOutputState = z.object({
  active: z.boolean(),
  reconnecting: z.boolean(),
  /** OBS's own state name, e.g. OBS_WEBSOCKET_OUTPUT_STARTED. */
  state: z.string(),
  changedAt: z.number().nullable(),
});
export type ObsOutputState = z.infer<typeof ObsOutputState>;

export const ObsRecordState = ObsOutputState.extend({
  paused: z.boolean(),
  /** The file being (or last) written, as OBS reports it. */
  outputPath: z.string().nullable(),
});
export type ObsRecordState = z.infer<typeof ObsRecordState>;

export const ObsInventory = z.object({
  /** Goes up by one on every change, so a store can drop stale copies. */
  revision: z.number().int().nonnegative(),
  updatedAt: z.number(),
  programScene: z.string().nullable(),
  previewScene: z.string().nullable(),
  /** In OBS's list order (top of the Scenes dock first). */
  scenes: z.array(ObsScene),
  inputs: z.array(ObsInput),
  stream: ObsOutputState,
  record: ObsRecordState,
});
export type ObsInventory = z.infer<typeof ObsInventory>;

// ---------------------------------------------------------------- telemetry

/** Frames skipped (render lag, encode lag) or dropped (network) in one interval and in total. */
export const ObsFrameFigures = z.object({
  skipped: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** skipped / total of the interval, in %; null when no frames passed. */
  percent: z.number().nullable(),
  /** Counters as OBS reports them (since OBS or the output started). */
  cumulativeSkipped: z.number().int().nonnegative(),
  cumulativeTotal: z.number().int().nonnegative(),
  cumulativePercent: z.number().nullable(),
  level: HealthLevel,
});
export type ObsFrameFigures = z.infer<typeof ObsFrameFigures>;

export const ObsTelemetryProblem = z.object({
  metric: z.enum(['fps', 'render_time', 'render_lag', 'encode_lag', 'network', 'congestion', 'stream_reconnecting', 'disk']),
  level: HealthLevel,
  /** Chinese, with the figure. */
  message: z.string(),
});
export type ObsTelemetryProblem = z.infer<typeof ObsTelemetryProblem>;

export const ObsTelemetrySample = z.object({
  seq: z.number().int().nonnegative(),
  at: z.number(),
  /** Time since the previous sample; null for the first sample after (re)connecting. */
  intervalMs: z.number().nullable(),
  /** The first sample after a gap (reconnect): interval figures start again. */
  afterGap: z.boolean(),
  fps: z.number(),
  targetFps: z.number(),
  fpsLevel: HealthLevel,
  renderMs: z.number(),
  frameBudgetMs: z.number(),
  renderTimeLevel: HealthLevel,
  cpuPercent: z.number(),
  memoryMb: z.number(),
  diskFreeMb: z.number().nullable(),
  renderLag: ObsFrameFigures,
  encodeLag: ObsFrameFigures,
  network: ObsFrameFigures,
  stream: z.object({
    active: z.boolean(),
    reconnecting: z.boolean(),
    /** From the byte delta over the interval; null without an interval. */
    bitrateKbps: z.number().nullable(),
    congestion: z.number().nullable(),
    congestionLevel: HealthLevel,
    bytes: z.number().nonnegative(),
    durationMs: z.number().nonnegative(),
  }),
  record: z.object({
    active: z.boolean(),
    paused: z.boolean(),
    bitrateKbps: z.number().nullable(),
    bytes: z.number().nonnegative(),
    durationMs: z.number().nonnegative(),
  }),
  /** Worst level of the figures above. */
  level: HealthLevel,
  problems: z.array(ObsTelemetryProblem),
});
export type ObsTelemetrySample = z.infer<typeof ObsTelemetrySample>;

// ---------------------------------------------------------------- fault drills

export const ObsDrillKind = z.enum(['mute_mic', 'mic_volume_low', 'hide_camera', 'wrong_scene', 'stop_stream', 'stop_record']);
export type ObsDrillKind = z.infer<typeof ObsDrillKind>;

export const ObsDrillStatus = z.enum([
  'active', // injected, nobody touched it yet
  'detected', // the trainee acted on it, OBS not right yet
  'recovered', // OBS back in the right state by the trainee
  'restored', // the task ended first: the app put OBS back
  'failed', // could not be injected (no such source, OBS gone…)
]);
export type ObsDrillStatus = z.infer<typeof ObsDrillStatus>;

/** Where a drill acts; which fields are set depends on the kind. */
export const ObsDrillTarget = z.object({
  inputName: z.string().nullable(),
  sceneName: z.string().nullable(),
  sceneItemId: z.number().int().nullable(),
  /** wrong_scene: the scene switched to. */
  wrongScene: z.string().nullable(),
});
export type ObsDrillTarget = z.infer<typeof ObsDrillTarget>;

/** The part of OBS a drill watches; which fields are set depends on the kind. */
export const ObsDrillValue = z.object({
  muted: z.boolean().optional(),
  volumeDb: z.number().optional(),
  enabled: z.boolean().optional(),
  programScene: z.string().nullable().optional(),
  /** Output state of the stream or the recording (OBS_WEBSOCKET_OUTPUT_…). */
  outputState: z.string().optional(),
  outputActive: z.boolean().optional(),
});
export type ObsDrillValue = z.infer<typeof ObsDrillValue>;

export const ObsDrillAction = z.object({
  at: z.number(),
  /** The watched value after the action. */
  value: ObsDrillValue,
  /** What the trainee did, in Chinese (e.g. 取消静音「麦克风」). */
  description: z.string(),
});
export type ObsDrillAction = z.infer<typeof ObsDrillAction>;

export const ObsDrillRecord = z.object({
  id: z.string(),
  kind: ObsDrillKind,
  /** Chinese title, e.g. 麦克风被静音. */
  title: z.string(),
  /** Skill requirement ids of the 2021 standard this drill evidences (e.g. "4:6.1.2"). */
  skills: z.array(z.string()),
  status: ObsDrillStatus,
  target: ObsDrillTarget,
  /** OBS before the drill (what restoring puts back). */
  before: ObsDrillValue,
  /** What the drill set. */
  broken: ObsDrillValue,
  injectedAt: z.number(),
  /** First trainee action on the target. */
  detectedAt: z.number().nullable(),
  /** OBS back in the right state. */
  recoveredAt: z.number().nullable(),
  /** The app restored it at task end (the trainee did not). */
  restoredAt: z.number().nullable(),
  timeToDetectMs: z.number().nullable(),
  timeToRecoverMs: z.number().nullable(),
  actions: z.array(ObsDrillAction),
  error: ObsError.nullable(),
});
export type ObsDrillRecord = z.infer<typeof ObsDrillRecord>;

// ---------------------------------------------------------------- recording

export const ObsRecordingFile = z.object({
  path: z.string(),
  startedAt: z.number().nullable(),
  stoppedAt: z.number().nullable(),
  /** OBS runs on this machine (loopback URL), so the evidence can hash the file. */
  local: z.boolean(),
});
export type ObsRecordingFile = z.infer<typeof ObsRecordingFile>;

/** OBS's recording now, and every file recorded while the bridge watched (a drill or the
 *  trainee may stop and restart it: each restart is a new file the evidence must list). */
export const ObsRecordingStatus = z.object({
  record: ObsRecordState,
  files: z.array(ObsRecordingFile),
});
export type ObsRecordingStatus = z.infer<typeof ObsRecordingStatus>;

// ---------------------------------------------------------------- verdict

export const ObsVerdictReason = z.object({
  code: z.string(),
  level: HealthLevel,
  message: z.string(),
});
export type ObsVerdictReason = z.infer<typeof ObsVerdictReason>;

export const ObsVerdict = z.object({
  /** false: OBS cannot be used for the task (not reachable, too old, nothing to show). */
  usable: z.boolean(),
  level: HealthLevel,
  reasons: z.array(ObsVerdictReason),
});
export type ObsVerdict = z.infer<typeof ObsVerdict>;

/** Skill requirements a drill evidences: device faults (4:6.1.2 排除现场设备故障, 5:1.3.1 简单故障),
 *  plus the risk plan (4:1.3.2) for a stopped stream or recording. */
export const DRILL_SKILLS: Readonly<Record<ObsDrillKind, readonly string[]>> = {
  mute_mic: ['4:6.1.2', '5:1.3.1'],
  mic_volume_low: ['4:6.1.2', '5:1.3.1'],
  hide_camera: ['4:6.1.2', '5:1.3.1'],
  wrong_scene: ['4:6.1.2', '5:1.3.1'],
  stop_stream: ['5:1.3.1', '4:1.3.2', '4:6.1.2'],
  stop_record: ['5:1.3.1', '4:1.3.2', '4:6.1.2'],
};

export const DRILL_TITLES: Readonly<Record<ObsDrillKind, string>> = {
  mute_mic: '麦克风被静音',
  mic_volume_low: '麦克风音量过低',
  hide_camera: '摄像头画面被隐藏',
  wrong_scene: '切到了错误的场景',
  stop_stream: '推流中断',
  stop_record: '录制中断',
};
