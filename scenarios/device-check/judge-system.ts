// Verdicts of the network, disk and OBS items from their measured values.
import { formatBytes } from './disk.ts';
import { above, finding, judgement, round, type Judgement } from './findings.ts';
import type { DiskMeasured, Finding, NetworkMeasured, ObsMeasured } from './record.ts';
import { THRESHOLDS, type Thresholds } from './thresholds.ts';

export function judgeNetwork(m: NetworkMeasured, table: Thresholds = THRESHOLDS): Judgement {
  const t = table.network;
  const findings: Finding[] = [];
  if (!m.browserOnline || m.interfaces.length === 0) {
    findings.push(finding('network.offline', 'fail', { browser: m.browserOnline ? 'online' : 'offline', interfaces: m.interfaces.length }));
  }
  if (m.ingestError !== null) {
    findings.push(finding('network.badIngest', 'fail', { error: m.ingestError }));
  } else if (m.ingest === null) {
    findings.push(finding('network.noIngest', 'warn'));
  } else {
    const ingest = m.ingest;
    const where = { server: ingest.display };
    if (ingest.ok === 0) {
      findings.push(finding('network.unreachable', 'fail', { ...where, error: ingest.errors[0] ?? '' }));
    } else {
      if (ingest.failed > 0) findings.push(finding('network.someFailed', 'warn', { ...where, failed: ingest.failed, attempts: ingest.ok + ingest.failed }));
      if (ingest.medianMs !== null) {
        const slow = above(ingest.medianMs, t.connectPassMs.value, t.connectWarnMs.value);
        if (slow !== 'pass') findings.push(finding('network.slowConnect', slow, { ...where, ms: round(ingest.medianMs, 1), max: t.connectPassMs.value }));
      }
      if (ingest.jitterMs !== null) {
        const jitter = above(ingest.jitterMs, t.jitterPassMs.value, t.jitterWarnMs.value);
        if (jitter !== 'pass') findings.push(finding('network.jitter', jitter, { ...where, ms: round(ingest.jitterMs, 1), max: t.jitterPassMs.value }));
      }
    }
  }
  const obs = m.obs;
  if (obs.state === 'not_connected') findings.push(finding('network.obsNotConnected', 'info'));
  else if (obs.state === 'not_streaming') findings.push(finding('network.obsNotStreaming', 'info'));
  else {
    if (obs.reconnecting === true) findings.push(finding('network.obsReconnecting', 'fail'));
    if (obs.droppedPercent !== null) {
      const dropped = above(obs.droppedPercent, t.droppedWarnPercent.value, t.droppedFailPercent.value);
      if (dropped !== 'pass') findings.push(finding('network.obsDropped', dropped, { percent: round(obs.droppedPercent, 2), frames: obs.droppedFrames ?? 0 }));
    }
    if (obs.congestion !== null) {
      const congestion = above(obs.congestion, t.congestionWarn.value, t.congestionFail.value);
      if (congestion !== 'pass') findings.push(finding('network.obsCongestion', congestion, { congestion: round(obs.congestion, 2) }));
    }
  }
  return judgement(
    findings,
    finding('network.ok', 'pass', {
      server: m.ingest?.display ?? '',
      ms: round(m.ingest?.medianMs ?? 0, 1),
      jitter: round(m.ingest?.jitterMs ?? 0, 1),
    }),
  );
}

export function judgeDisk(m: DiskMeasured): Judgement {
  const figures = {
    dir: m.dir,
    free: m.freeBytes === null ? '—' : formatBytes(m.freeBytes),
    need: formatBytes(m.needBytes),
    minutes: m.taskMinutes,
    recordable: m.recordableMinutes === null ? 0 : Math.floor(m.recordableMinutes),
  };
  const ok = finding('disk.ok', 'pass', figures);
  if (m.status === 'error' || m.freeBytes === null) return judgement([finding('disk.error', 'fail', { dir: m.dir, error: m.error ?? '' })], ok);
  // need includes the margin; without it the recording still fits, barely.
  const bare = m.needBytes / m.margin;
  if (m.freeBytes < bare) return judgement([finding('disk.full', 'fail', figures)], ok);
  if (m.freeBytes < m.needBytes) return judgement([finding('disk.low', 'warn', figures)], ok);
  return judgement([], ok);
}

/** Reasons the bridge gives that this item already words itself. */
const OWN_BRIDGE_CODES = new Set(['not_connected', 'no_camera', 'camera_hidden', 'no_microphone', 'microphone_muted']);

export function judgeObs(m: ObsMeasured): Judgement {
  const ok = finding('obs.ok', 'pass', { version: m.obsVersion ?? '', scene: m.programScene ?? '' });
  const error = { error: m.errorMessage ?? '', code: m.errorCode ?? '', url: m.url ?? '' };
  switch (m.state) {
    case 'bridge_missing':
      return judgement([finding('obs.bridgeMissing', 'warn')], ok);
    case 'not_configured':
      return judgement([finding('obs.notConfigured', 'warn')], ok);
    case 'not_connected':
    case 'connecting':
    case 'failed': {
      // A wrong password is a fault; no password yet (never entered) is a step still to take.
      if (m.errorCode === 'auth_failed') return judgement([finding('obs.auth', 'fail', error)], ok);
      if (m.errorCode === 'password_required') return judgement([finding('obs.auth', 'warn', error)], ok);
      if (m.errorCode === 'too_old') return judgement([finding('obs.tooOld', 'fail', error)], ok);
      if (m.errorCode === 'not_running') return judgement([finding('obs.notRunning', 'warn', error)], ok);
      if (m.errorCode === 'server_disabled') return judgement([finding('obs.serverDisabled', 'warn', error)], ok);
      return judgement([finding('obs.notConnected', 'warn', error)], ok);
    }
    case 'connected':
      break;
  }
  const findings: Finding[] = [];
  const scene = m.programScene ?? '';
  if (m.cameraSource === null) findings.push(finding('obs.noCamera', 'warn', { scene }));
  else if (m.cameraVisible === false) findings.push(finding('obs.cameraHidden', 'warn', { scene, source: m.cameraSource }));
  if (m.micInput === null) findings.push(finding('obs.noMic', 'warn'));
  else if (m.micMuted === true) findings.push(finding('obs.micMuted', 'fail', { input: m.micInput }));
  for (const reason of m.bridgeReasons) {
    if (OWN_BRIDGE_CODES.has(reason.code) || reason.level === 'pass' || reason.level === 'info') continue;
    findings.push(finding('obs.bridge', reason.level, { message: reason.message, code: reason.code }));
  }
  return judgement(findings, ok);
}
