// Reads what the OBS bridge answers (obs.check: connection state, inventory, latest telemetry
// sample, the bridge's verdict) into the OBS item's and the network item's measured values.
// Never invents a connection: no bridge answer, no URL or no connection is said as such.
import type { HealthLevel, ObsConnectionState, ObsInventory, ObsTelemetrySample, ObsVerdict } from '../obs/records.ts';
import type { FindingLevel, ObsMeasured, ObsTelemetryMeasured } from './record.ts';

/** The shape of the bridge's obs.check answer. */
export interface ObsCheckAnswer {
  readonly state: ObsConnectionState;
  readonly inventory: ObsInventory | null;
  readonly sample: ObsTelemetrySample | null;
  readonly verdict: ObsVerdict;
}

const LEVEL: Readonly<Record<HealthLevel, FindingLevel>> = { good: 'pass', warn: 'warn', bad: 'fail' };

const EMPTY: ObsMeasured = {
  state: 'bridge_missing',
  url: null,
  errorCode: null,
  errorMessage: null,
  obsVersion: null,
  webSocketVersion: null,
  programScene: null,
  cameraSource: null,
  cameraVisible: null,
  micInput: null,
  micMuted: null,
  micVolumeDb: null,
  bridgeReasons: [],
};

/** `answer` null: the bridge could not be asked (error text in `bridgeError`). */
export function obsMeasured(answer: ObsCheckAnswer | null, bridgeError: string | null = null): ObsMeasured {
  if (answer === null) return { ...EMPTY, errorMessage: bridgeError };
  const { state, inventory } = answer;
  const base: ObsMeasured = {
    ...EMPTY,
    url: state.url,
    errorCode: state.error?.code ?? null,
    errorMessage: state.error ? `${state.error.message}（${state.error.cause}）` : null,
    obsVersion: state.obsVersion,
    webSocketVersion: state.obsWebSocketVersion,
    bridgeReasons: answer.verdict.reasons.map((r) => ({ code: r.code, level: LEVEL[r.level], message: r.message })),
  };
  switch (state.phase) {
    case 'disconnected':
      return { ...base, state: state.url === null ? 'not_configured' : 'not_connected' };
    case 'reconnecting':
      return { ...base, state: 'not_connected' };
    case 'connecting':
      return { ...base, state: 'connecting' };
    case 'failed':
      return { ...base, state: 'failed' };
    case 'connected':
      break;
  }
  if (inventory === null) return { ...base, state: 'connected' };
  const scene = inventory.scenes.find((s) => s.name === inventory.programScene);
  const roleOf = (name: string) => inventory.inputs.find((i) => i.name === name)?.role;
  const cameras = (scene?.items ?? []).filter((item) => roleOf(item.sourceName) === 'camera');
  const camera = cameras.find((c) => c.enabled) ?? cameras[0] ?? null;
  // Microphones are inputs with audio; OBS mixes global and scene audio alike, so any counts.
  const mics = inventory.inputs.filter((i) => i.role === 'microphone' && i.audio !== null);
  const mic = mics.find((m) => m.audio?.muted === false) ?? mics[0] ?? null;
  return {
    ...base,
    state: 'connected',
    programScene: inventory.programScene,
    cameraSource: camera?.sourceName ?? null,
    cameraVisible: camera === null ? null : camera.enabled,
    micInput: mic?.name ?? null,
    micMuted: mic?.audio ? mic.audio.muted : null,
    micVolumeDb: mic?.audio ? mic.audio.volumeDb : null,
  };
}

/** Network figures from OBS's latest telemetry sample, when OBS is connected and streaming. */
export function obsTelemetry(answer: ObsCheckAnswer | null): ObsTelemetryMeasured {
  const none: ObsTelemetryMeasured = { state: 'not_connected', droppedPercent: null, droppedFrames: null, totalFrames: null, congestion: null, bitrateKbps: null, reconnecting: null };
  if (answer === null || answer.state.phase !== 'connected' || answer.sample === null) return none;
  const { stream, network } = answer.sample;
  if (!stream.active) return { ...none, state: 'not_streaming', reconnecting: stream.reconnecting };
  return {
    state: 'streaming',
    droppedPercent: network.cumulativePercent ?? network.percent,
    droppedFrames: network.cumulativeSkipped,
    totalFrames: network.cumulativeTotal,
    congestion: stream.congestion,
    bitrateKbps: stream.bitrateKbps,
    reconnecting: stream.reconnecting,
  };
}
