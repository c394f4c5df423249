// Verdicts of the camera, microphone and speakers items from their measured values.
import { above, below, finding, judgement, round, type Judgement } from './findings.ts';
import type { CameraMeasured, Finding, MediaFailure, MicrophoneMeasured, SpeakersMeasured } from './record.ts';
import { THRESHOLDS, type Thresholds } from './thresholds.ts';

export interface JudgeContext {
  /** Desktop app (ipc) or browser (websocket): the fix for a denied permission differs. null: unknown. */
  readonly transport: 'ipc' | 'websocket' | null;
}

function mediaFailure(device: 'camera' | 'microphone', status: MediaFailure, error: string | null, context: JudgeContext): Finding {
  const params = { error: error ?? '' };
  switch (status) {
    case 'denied':
      return finding(context.transport === 'ipc' ? `${device}.deniedDesktop` : `${device}.deniedBrowser`, 'fail', params);
    case 'missing':
      return finding(`${device}.missing`, 'fail', params);
    case 'busy':
      return finding(`${device}.busy`, 'fail', params);
    case 'insecure':
      return finding(`${device}.insecure`, 'fail', params);
    case 'unsupported':
      return finding(`${device}.unsupported`, 'fail', params);
    case 'error':
      return finding(`${device}.error`, 'fail', params);
  }
}

export function judgeCamera(m: CameraMeasured, context: JudgeContext, table: Thresholds = THRESHOLDS): Judgement {
  const t = table.camera;
  if (m.status !== 'measured') return judgement([mediaFailure('camera', m.status, m.error, context)], finding('camera.ok', 'pass'));
  if (m.deliveredFps === null || m.frames < 2 || m.width === null || m.height === null) {
    return judgement([finding('camera.noFrames', 'fail', { frames: m.frames, seconds: round(m.sampleMs / 1000, 1) })], finding('camera.ok', 'pass'));
  }
  const findings: Finding[] = [];
  const fps = round(m.deliveredFps, 1);
  const size = { width: m.width, height: m.height };
  const resolution = below(Math.min(m.width, m.height), t.shortSidePass.value, t.shortSideWarn.value);
  if (resolution !== 'pass') findings.push(finding('camera.lowResolution', resolution, { ...size, min: t.shortSidePass.value }));
  const rate = below(m.deliveredFps, t.fpsPass.value, t.fpsWarn.value);
  if (rate !== 'pass') findings.push(finding('camera.lowFps', rate, { fps, settingsFps: m.settingsFps === null ? '—' : round(m.settingsFps, 1), min: t.fpsPass.value }));
  if (m.meanLuma !== null) {
    const luma = round(m.meanLuma);
    const dark = below(m.meanLuma, t.lumaDarkWarn.value, t.lumaDarkFail.value);
    const bright = above(m.meanLuma, t.lumaBrightWarn.value, t.lumaBrightFail.value);
    if (dark !== 'pass') findings.push(finding('camera.dark', dark, { luma, min: t.lumaDarkWarn.value }));
    if (bright !== 'pass') findings.push(finding('camera.bright', bright, { luma, max: t.lumaBrightWarn.value }));
  }
  if (m.frozen === true) findings.push(finding('camera.frozen', 'fail', { diff: round(m.maxFrameDiff ?? 0, 2), seconds: round(m.sampleMs / 1000, 1) }));
  return judgement(findings, finding('camera.ok', 'pass', { ...size, fps, luma: round(m.meanLuma ?? 0) }));
}

export function judgeMicrophone(m: MicrophoneMeasured, context: JudgeContext, table: Thresholds = THRESHOLDS): Judgement {
  const t = table.microphone;
  const ok = (params: Record<string, number>) => finding('microphone.ok', 'pass', params);
  if (m.status !== 'measured') return judgement([mediaFailure('microphone', m.status, m.error, context)], ok({}));
  if (m.digitalSilence) return judgement([finding('microphone.digitalSilence', 'fail', { seconds: round((m.quietMs + m.readingMs) / 1000, 1) })], ok({}));
  const peak = m.peakDbfs ?? t.floorDbfs.value;
  if (peak < t.silentPeakDbfs.value) return judgement([finding('microphone.silent', 'fail', { peak: round(peak, 1), min: t.silentPeakDbfs.value })], ok({}));

  const findings: Finding[] = [];
  const clipping = above(m.clippingRatio ?? 0, t.clipWarnRatio.value, t.clipFailRatio.value);
  if (clipping !== 'pass') findings.push(finding('microphone.clipping', clipping, { percent: round((m.clippingRatio ?? 0) * 100, 2) }));
  if (m.noiseFloorDbfs !== null) {
    const noise = above(m.noiseFloorDbfs, t.noiseWarnDbfs.value, t.noiseFailDbfs.value);
    if (noise !== 'pass') findings.push(finding('microphone.noisy', noise, { noise: round(m.noiseFloorDbfs, 1), max: t.noiseWarnDbfs.value }));
    if (m.noiseFloorDbfs <= t.floorDbfs.value) findings.push(finding('microphone.quietIsZero', 'info', { floor: t.floorDbfs.value }));
  }
  if (m.speechPhase === 'not_run') {
    findings.push(finding('microphone.speechSkipped', 'warn'));
  } else if (m.speechLevelDbfs === null || m.speechActiveMs < t.speechMinMs.value) {
    findings.push(finding('microphone.noSpeech', 'fail', { seconds: round(m.readingMs / 1000, 1), activeMs: round(m.speechActiveMs) }));
  } else {
    const level = round(m.speechLevelDbfs, 1);
    const quiet = below(m.speechLevelDbfs, t.speechQuietWarn.value, t.speechQuietFail.value);
    if (quiet !== 'pass') findings.push(finding('microphone.quiet', quiet, { level, min: t.speechQuietWarn.value }));
    if (m.speechLevelDbfs > t.speechLoudWarn.value) findings.push(finding('microphone.loud', 'warn', { level, max: t.speechLoudWarn.value }));
    if (m.snrDb !== null) {
      const snr = below(m.snrDb, t.snrPass.value, t.snrWarn.value);
      if (snr !== 'pass') findings.push(finding('microphone.lowSnr', snr, { snr: round(m.snrDb, 1), min: t.snrPass.value }));
    }
  }
  return judgement(findings, ok({ level: round(m.speechLevelDbfs ?? 0, 1), noise: round(m.noiseFloorDbfs ?? 0, 1), snr: round(m.snrDb ?? 0, 1) }));
}

export function judgeSpeakers(m: SpeakersMeasured, table: Thresholds = THRESHOLDS): Judgement {
  const t = table.speakers;
  const ok = finding('speakers.ok', 'pass', { output: m.sinkLabel ?? '' });
  if (m.status === 'error') return judgement([finding('speakers.error', 'fail', { error: m.error ?? '' })], ok);
  const findings: Finding[] = [];
  if (m.outputPeakDbfs === null || m.outputPeakDbfs < t.outputSilentDbfs.value) {
    findings.push(finding('speakers.noOutput', 'fail', { peak: m.outputPeakDbfs === null ? '—' : round(m.outputPeakDbfs, 1) }));
  }
  if (!m.sinkSelectable) findings.push(finding('speakers.sinkUnsupported', 'info'));
  else if (m.sinkId !== null && !m.sinkApplied) findings.push(finding('speakers.sinkFailed', 'warn', { output: m.sinkLabel ?? m.sinkId, error: m.error ?? '' }));
  if (m.heard === null) findings.push(finding('speakers.notConfirmed', 'warn'));
  else if (!m.heard) findings.push(finding('speakers.notHeard', 'fail', { output: m.sinkLabel ?? '' }));
  return judgement(findings, ok);
}
