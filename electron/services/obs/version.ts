// Which OBS the bridge can work with, and which features a given obs-websocket lacks. OBS
// announces the requests it knows (GetVersion.availableRequests), so a missing one degrades its
// feature up front instead of failing with 204 in the middle of a task. Pure.
import type { ObsDegradedFeature, ObsError } from '../../../scenarios/obs/records.ts';
import { obsError } from './errors.ts';

/** OBS 28 is the first with obs-websocket 5 built in. */
export const MIN_OBS_MAJOR = 28;
export const MIN_WEBSOCKET = '5.0.0';
export const RPC_VERSION = 1;

/** Requests without which the bridge cannot do its job at all. */
export const REQUIRED_REQUESTS = ['GetVersion', 'GetSceneList', 'GetInputList', 'GetSceneItemList', 'GetStats'] as const;

/** Requests behind one feature each: missing ones switch that feature off. */
export const OPTIONAL_REQUESTS: Readonly<Record<string, string>> = {
  GetStreamStatus: '推流遥测（码率、网络丢帧）',
  GetRecordStatus: '录制遥测',
  GetVideoSettings: '目标帧率（按 30 fps 估算）',
  GetInputMute: '麦克风静音状态',
  SetInputMute: '静音演练',
  GetInputVolume: '麦克风音量',
  SetInputVolume: '音量演练',
  SetSceneItemEnabled: '隐藏摄像头演练',
  SetCurrentProgramScene: '错误场景演练',
  CreateScene: '错误场景演练（只有一个场景时）',
  RemoveScene: '清理演练用的临时场景',
  StartStream: '恢复推流',
  StopStream: '推流中断演练',
  StartRecord: '录制控制',
  StopRecord: '录制控制、录制中断演练',
  GetRecordDirectory: '录制文件夹',
};

/** "29.0.2" → [29, 0, 2]; unparsable parts count as 0. */
export function parseVersion(version: string): number[] {
  return version
    .trim()
    .replace(/^v/i, '')
    .split(/[.\-+ ]/)
    .slice(0, 3)
    .map((part) => {
      const n = Number.parseInt(part, 10);
      return Number.isFinite(n) ? n : 0;
    });
}

export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export interface VersionInfo {
  obsVersion: string;
  obsWebSocketVersion: string;
  rpcVersion: number;
  availableRequests: readonly string[];
}

/** too_old when OBS or its websocket predates what the bridge needs; null when fine. */
export function checkVersion(v: VersionInfo): ObsError | null {
  const cause = `OBS ${v.obsVersion}, obs-websocket ${v.obsWebSocketVersion}, rpc ${v.rpcVersion}`;
  if ((parseVersion(v.obsVersion)[0] ?? 0) < MIN_OBS_MAJOR || compareVersions(v.obsWebSocketVersion, MIN_WEBSOCKET) < 0) {
    return obsError('too_old', `OBS 版本太旧（${v.obsVersion}）：请升级到 OBS Studio ${MIN_OBS_MAJOR} 或更新版本。`, cause, false);
  }
  if (v.rpcVersion !== RPC_VERSION) {
    return obsError('too_old', `OBS WebSocket 的协议版本（RPC ${v.rpcVersion}）与本应用（RPC ${RPC_VERSION}）不兼容：请安装与本应用匹配的 OBS 版本。`, cause, false);
  }
  const missing = REQUIRED_REQUESTS.filter((r) => !v.availableRequests.includes(r));
  if (missing.length > 0) {
    return obsError('too_old', `这台 OBS 缺少必需的功能（${missing.join('、')}）：请升级 OBS Studio。`, `${cause}; missing ${missing.join(', ')}`, false);
  }
  return null;
}

/** Features switched off because OBS does not know their requests. */
export function degradedFeatures(availableRequests: readonly string[]): ObsDegradedFeature[] {
  return Object.entries(OPTIONAL_REQUESTS)
    .filter(([request]) => !availableRequests.includes(request))
    .map(([request, feature]) => ({ request, feature }));
}
