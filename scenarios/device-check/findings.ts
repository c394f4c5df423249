// Finding codes (each has advice in both locale files under deviceCheck.advice.<code>) and the
// small helpers the verdict functions share.
import type { Finding, FindingLevel, Verdict } from './record.ts';

export const FINDING_CODES = [
  'camera.ok',
  'camera.deniedBrowser',
  'camera.deniedDesktop',
  'camera.missing',
  'camera.busy',
  'camera.insecure',
  'camera.unsupported',
  'camera.error',
  'camera.noFrames',
  'camera.lowResolution',
  'camera.lowFps',
  'camera.dark',
  'camera.bright',
  'camera.frozen',
  'microphone.ok',
  'microphone.deniedBrowser',
  'microphone.deniedDesktop',
  'microphone.missing',
  'microphone.busy',
  'microphone.insecure',
  'microphone.unsupported',
  'microphone.error',
  'microphone.digitalSilence',
  'microphone.silent',
  'microphone.clipping',
  'microphone.noisy',
  'microphone.quietIsZero',
  'microphone.speechSkipped',
  'microphone.noSpeech',
  'microphone.quiet',
  'microphone.loud',
  'microphone.lowSnr',
  'speakers.ok',
  'speakers.error',
  'speakers.noOutput',
  'speakers.sinkUnsupported',
  'speakers.sinkFailed',
  'speakers.notConfirmed',
  'speakers.notHeard',
  'network.ok',
  'network.offline',
  'network.badIngest',
  'network.noIngest',
  'network.unreachable',
  'network.someFailed',
  'network.slowConnect',
  'network.jitter',
  'network.obsNotConnected',
  'network.obsNotStreaming',
  'network.obsDropped',
  'network.obsCongestion',
  'network.obsReconnecting',
  'disk.ok',
  'disk.error',
  'disk.low',
  'disk.full',
  'obs.ok',
  'obs.bridgeMissing',
  'obs.notConfigured',
  'obs.notRunning',
  'obs.serverDisabled',
  'obs.auth',
  'obs.tooOld',
  'obs.notConnected',
  'obs.noCamera',
  'obs.cameraHidden',
  'obs.noMic',
  'obs.micMuted',
  'obs.bridge',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export type Params = Record<string, string | number>;

export function finding(code: FindingCode, level: FindingLevel, params: Params = {}): Finding {
  return { code, level, adviceKey: `deviceCheck.advice.${code}`, params };
}

const RANK: Readonly<Record<Verdict, number>> = { pass: 0, warn: 1, fail: 2 };

/** The worse of the verdicts; pass for none. */
export function worst(verdicts: readonly Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((w, v) => (RANK[v] > RANK[w] ? v : w), 'pass');
}

export interface Judgement {
  verdict: Verdict;
  findings: Finding[];
}

/** The item's verdict is the worst finding (info notes do not count); with no problem at all,
 *  `ok` is added so every item says in words that it passed, with its figures. */
export function judgement(findings: Finding[], ok: Finding): Judgement {
  const levels = findings.map((f) => f.level).filter((l): l is Verdict => l !== 'info');
  const verdict = worst(levels);
  if (!findings.some((f) => f.level === 'warn' || f.level === 'fail')) findings.unshift(ok);
  return { verdict, findings };
}

/** Rounds to `digits` decimals, for figures shown in advice. */
export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Which side of a limit pair a value falls: 'fail' beyond `failAt`, 'warn' beyond `warnAt`. */
export function below(value: number, warnAt: number, failAt: number): Verdict {
  if (value < failAt) return 'fail';
  if (value < warnAt) return 'warn';
  return 'pass';
}

export function above(value: number, warnAt: number, failAt: number): Verdict {
  if (value > failAt) return 'fail';
  if (value > warnAt) return 'warn';
  return 'pass';
}
