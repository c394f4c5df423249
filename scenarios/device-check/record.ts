// The result of a device check as a typed record: each item with what was measured, its verdict
// and advice, when it ran and how long the trainee took. The evidence package stores it under
// checks/; the contract (devices.saveCheck) parses it with these schemas. Times are epoch ms.
// Pure domain module: zod only.
import { z } from 'zod';

export const Verdict = z.enum(['pass', 'warn', 'fail']);
export type Verdict = z.infer<typeof Verdict>;

/** A finding's level: `info` is a note that does not change the verdict (e.g. OBS telemetry absent). */
export const FindingLevel = z.enum(['info', 'pass', 'warn', 'fail']);
export type FindingLevel = z.infer<typeof FindingLevel>;

export const Finding = z.object({
  /** e.g. camera.tooDark; the list is FINDING_CODES in judge.ts. */
  code: z.string(),
  level: FindingLevel,
  /** i18n key of the advice (deviceCheck.advice.<code>), interpolated with params. */
  adviceKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type Finding = z.infer<typeof Finding>;

export const ItemName = z.enum(['camera', 'microphone', 'speakers', 'network', 'disk', 'obs']);
export type ItemName = z.infer<typeof ItemName>;
export const ITEM_NAMES: readonly ItemName[] = ItemName.options;

/** How getUserMedia ended when it did not give a stream. */
export const MediaFailure = z.enum(['denied', 'missing', 'busy', 'insecure', 'unsupported', 'error']);
export type MediaFailure = z.infer<typeof MediaFailure>;
export const MediaStatus = z.union([z.literal('measured'), MediaFailure]);

// zod 4 numbers reject NaN and ±Infinity, so a record never holds a figure JSON cannot carry.
const num = z.number();
const maybe = num.nullable();

export const CameraMeasured = z.object({
  status: MediaStatus,
  /** The browser's error, e.g. "NotAllowedError: Permission denied". */
  error: z.string().nullable(),
  deviceId: z.string().nullable(),
  deviceLabel: z.string().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** What the track claims (getSettings().frameRate). */
  settingsFps: maybe,
  /** What was counted from frame timestamps. */
  deliveredFps: maybe,
  frames: z.number().int().nonnegative(),
  sampleMs: num,
  meanLuma: maybe,
  lumaStdDev: maybe,
  maxFrameDiff: maybe,
  meanFrameDiff: maybe,
  frozen: z.boolean().nullable(),
});
export type CameraMeasured = z.infer<typeof CameraMeasured>;

export const SpeechPhase = z.enum(['done', 'timeout', 'stopped', 'not_run']);
export type SpeechPhase = z.infer<typeof SpeechPhase>;

export const MicrophoneMeasured = z.object({
  status: MediaStatus,
  error: z.string().nullable(),
  deviceId: z.string().nullable(),
  deviceLabel: z.string().nullable(),
  sampleRate: maybe,
  quietMs: num,
  noiseFloorDbfs: maybe,
  speechPhase: SpeechPhase,
  /** How long the reading phase lasted (the trainee's own reading time). */
  readingMs: num,
  speechActiveMs: num,
  speechLevelDbfs: maybe,
  snrDb: maybe,
  peakDbfs: maybe,
  clippingRatio: maybe,
  clippedSamples: z.number().int().nonnegative(),
  samples: z.number().int().nonnegative(),
  digitalSilence: z.boolean(),
});
export type MicrophoneMeasured = z.infer<typeof MicrophoneMeasured>;

export const SpeakersMeasured = z.object({
  status: z.enum(['played', 'error']),
  error: z.string().nullable(),
  sinkId: z.string().nullable(),
  sinkLabel: z.string().nullable(),
  /** The browser can route sound to a chosen output (AudioContext.setSinkId). */
  sinkSelectable: z.boolean(),
  sinkApplied: z.boolean(),
  toneMs: num,
  /** Peak of the test tone measured at the output node. */
  outputPeakDbfs: maybe,
  outputLatencyMs: maybe,
  /** The trainee's answer; null until they answer. */
  heard: z.boolean().nullable(),
  /** From the end of the tone to the answer. */
  answerMs: maybe,
});
export type SpeakersMeasured = z.infer<typeof SpeakersMeasured>;

export const IngestMeasured = z.object({
  /** scheme://host:port — never the stream key. */
  display: z.string(),
  host: z.string(),
  port: z.number().int(),
  /** The address the host name resolved to, and how long resolving took (null: it was an address). */
  address: z.string().nullable(),
  dnsMs: maybe,
  /** Connect time per attempt, ms; null for an attempt that failed. */
  samples: z.array(maybe),
  errors: z.array(z.string()),
  ok: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  medianMs: maybe,
  jitterMs: maybe,
});
export type IngestMeasured = z.infer<typeof IngestMeasured>;

export const ObsTelemetryMeasured = z.object({
  state: z.enum(['not_connected', 'not_streaming', 'streaming']),
  droppedPercent: maybe,
  droppedFrames: z.number().int().nullable(),
  totalFrames: z.number().int().nullable(),
  congestion: maybe,
  bitrateKbps: maybe,
  reconnecting: z.boolean().nullable(),
});
export type ObsTelemetryMeasured = z.infer<typeof ObsTelemetryMeasured>;

export const NetworkMeasured = z.object({
  browserOnline: z.boolean(),
  /** Network interfaces with an address other than loopback/link-local, e.g. "eth0 IPv4". */
  interfaces: z.array(z.string()),
  /** The ingest address as typed was unusable (the reason), or null. */
  ingestError: z.string().nullable(),
  ingest: IngestMeasured.nullable(),
  obs: ObsTelemetryMeasured,
});
export type NetworkMeasured = z.infer<typeof NetworkMeasured>;

export const DiskMeasured = z.object({
  status: z.enum(['measured', 'error']),
  error: z.string().nullable(),
  dir: z.string(),
  freeBytes: maybe,
  totalBytes: maybe,
  needBytes: num,
  kbps: num,
  taskMinutes: num,
  margin: num,
  recordableMinutes: maybe,
});
export type DiskMeasured = z.infer<typeof DiskMeasured>;

export const ObsMeasured = z.object({
  state: z.enum(['bridge_missing', 'not_configured', 'not_connected', 'connecting', 'connected', 'failed']),
  url: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  obsVersion: z.string().nullable(),
  webSocketVersion: z.string().nullable(),
  programScene: z.string().nullable(),
  cameraSource: z.string().nullable(),
  cameraVisible: z.boolean().nullable(),
  micInput: z.string().nullable(),
  micMuted: z.boolean().nullable(),
  micVolumeDb: maybe,
  /** The bridge's own reasons (Chinese), when it gave any. */
  bridgeReasons: z.array(z.object({ code: z.string(), level: FindingLevel, message: z.string() })),
});
export type ObsMeasured = z.infer<typeof ObsMeasured>;

const itemBase = {
  verdict: Verdict,
  findings: z.array(Finding),
  startedAt: num,
  finishedAt: num,
  durationMs: num,
  /** 1 for the first run, +1 for each re-run of this item. */
  attempt: z.number().int().positive(),
};

export const CameraResult = z.object({ item: z.literal('camera'), measured: CameraMeasured, ...itemBase });
export const MicrophoneResult = z.object({ item: z.literal('microphone'), measured: MicrophoneMeasured, ...itemBase });
export const SpeakersResult = z.object({ item: z.literal('speakers'), measured: SpeakersMeasured, ...itemBase });
export const NetworkResult = z.object({ item: z.literal('network'), measured: NetworkMeasured, ...itemBase });
export const DiskResult = z.object({ item: z.literal('disk'), measured: DiskMeasured, ...itemBase });
export const ObsResult = z.object({ item: z.literal('obs'), measured: ObsMeasured, ...itemBase });

export const ItemResult = z.discriminatedUnion('item', [CameraResult, MicrophoneResult, SpeakersResult, NetworkResult, DiskResult, ObsResult]);
export type ItemResult = z.infer<typeof ItemResult>;
export type ResultOf<N extends ItemName> = Extract<ItemResult, { item: N }>;
export type MeasuredOf<N extends ItemName> = ResultOf<N>['measured'];

export const DeviceCheckItems = z.object({
  camera: CameraResult.nullable(),
  microphone: MicrophoneResult.nullable(),
  speakers: SpeakersResult.nullable(),
  network: NetworkResult.nullable(),
  disk: DiskResult.nullable(),
  obs: ObsResult.nullable(),
});
export type DeviceCheckItems = z.infer<typeof DeviceCheckItems>;

export const DEVICE_CHECK_KIND = 'livedrill.device-check';

export const DeviceCheckRecord = z.object({
  kind: z.literal(DEVICE_CHECK_KIND),
  version: z.literal(1),
  /** Also names the file under checks/, hence the strict alphabet. */
  id: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'id: 8–64 letters, digits or hyphens'),
  /** The trainee started the check / finished it (pressed 完成). */
  startedAt: num,
  finishedAt: num,
  /** How long the trainee took, start to finish, re-runs and fixing included. */
  traineeMs: num,
  /** The microphone's reading phase (the trainee reading aloud), part of traineeMs. */
  readingMs: maybe,
  /** Skill requirements of the 2021 standard this check evidences. */
  skills: z.array(z.string()),
  context: z.object({
    transport: z.enum(['ipc', 'websocket']).nullable(),
    userAgent: z.string(),
    language: z.string(),
    workType: z.string().nullable(),
    level: z.number().int().nullable(),
  }),
  /** The thresholds used (group.key → value), so the verdicts can be re-derived. */
  thresholds: z.record(z.string(), num),
  items: DeviceCheckItems,
  /** Worst verdict of the items that ran. */
  overall: Verdict,
  /** Every item ran at least once. */
  complete: z.boolean(),
});
export type DeviceCheckRecord = z.infer<typeof DeviceCheckRecord>;

/** 5:1.2.1 能连接硬件设备, 5:6.1.1 能测试网络环境, 5:6.1.2 能测试直播设备, 4:1.2.5 能完成多种设备的搭建与联调. */
export const DEVICE_CHECK_SKILLS: readonly string[] = ['5:1.2.1', '5:6.1.1', '5:6.1.2', '4:1.2.5'];
