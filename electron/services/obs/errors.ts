// Turns what goes wrong talking to OBS into errors a trainee can act on: what is wrong and what
// to do, in Chinese, plus the technical cause (close code, errno, request status). Pure.
import type { ObsError, ObsErrorCode } from '../../../scenarios/obs/records.ts';

/** obs-websocket 5 close codes (WebSocketCloseCode) and the standard ones we meet. */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001, // OBS is closing ("Server stopping.")
  abnormal: 1006, // no close frame: OBS crashed or was killed, network gone
  unknownReason: 4000,
  messageDecodeError: 4002,
  notIdentified: 4007,
  alreadyIdentified: 4008,
  authenticationFailed: 4009,
  unsupportedRpcVersion: 4010,
  sessionInvalidated: 4011,
  unsupportedFeature: 4012,
} as const;

/** obs-websocket 5 request status codes (RequestStatus) we treat specially. */
export const RequestStatus = {
  success: 100,
  unknownRequestType: 204,
  notReady: 207,
  outputRunning: 500,
  outputNotRunning: 501,
  outputPaused: 502,
  outputNotPaused: 503,
  outputDisabled: 504,
  studioModeActive: 505,
  resourceNotFound: 600,
  resourceAlreadyExists: 601,
  invalidResourceType: 602,
  invalidResourceState: 604,
} as const;

/** An ObsError as a thrown Error, so it travels through promises and keeps its fields. */
export class ObsBridgeError extends Error {
  readonly obs: ObsError;
  constructor(obs: ObsError) {
    super(`${obs.message}（${obs.cause}）`);
    this.name = 'ObsBridgeError';
    this.obs = obs;
  }
}

export function obsError(code: ObsErrorCode, message: string, cause: string, retryable: boolean): ObsError {
  return { code, message, cause, retryable };
}

/** The Chinese sentence plus the technical cause, for logs and the CLI. */
export function describeObsError(error: ObsError): string {
  return `${error.message}（技术原因: ${error.cause}）`;
}

export interface ConnectFailure {
  url: string;
  /** WebSocket close code, or -1 / undefined for socket-level errors. */
  closeCode?: number | undefined;
  /** The error or close reason text (e.g. "connect ECONNREFUSED 127.0.0.1:4455"). */
  message: string;
  timedOut?: boolean;
  timeoutMs?: number;
  passwordGiven: boolean;
  /** Whether an OBS process runs on this machine (only asked for loopback URLs); null = unknown. */
  obsProcessRunning?: boolean | null;
}

const SETTINGS_PATH = ' OBS 菜单「工具 → WebSocket 服务器设置」';

/** Classifies a failed connect (or a lost connection) into an actionable error. */
export function classifyConnectFailure(f: ConnectFailure): ObsError {
  const msg = f.message.trim();
  const cause = [f.closeCode !== undefined && f.closeCode >= 0 ? `close ${f.closeCode}` : null, msg || null].filter((x) => x !== null).join(': ') || 'unknown';

  if (f.timedOut === true) {
    const secs = f.timeoutMs === undefined ? '' : `${Math.round(f.timeoutMs / 100) / 10} 秒内`;
    return obsError('timeout', `OBS 在${secs}没有应答（${f.url}）：请确认地址和端口是 OBS 的 WebSocket 服务器，OBS 没有卡住；若 OBS 在另一台电脑上，检查网络和防火墙。`, cause || 'timeout', true);
  }
  switch (f.closeCode) {
    case CloseCode.authenticationFailed:
      return f.passwordGiven
        ? obsError('auth_failed', `OBS WebSocket 密码错误：请在${SETTINGS_PATH}中点「显示连接信息」，复制服务器密码后重新输入。`, cause, false)
        : obsError('password_required', `OBS 要求输入 WebSocket 密码：请在${SETTINGS_PATH}中点「显示连接信息」，复制服务器密码填到这里。`, cause, false);
    case CloseCode.unsupportedRpcVersion:
      return obsError('too_old', '这台 OBS 的 WebSocket 协议版本与本应用不兼容：请把 OBS Studio 升级到 28 或更新版本。', cause, false);
    case CloseCode.goingAway:
      return obsError('server_stopping', 'OBS 正在关闭（或重启了 WebSocket 服务器）：OBS 重新打开后会自动重连。', cause, true);
    case CloseCode.sessionInvalidated:
      return obsError('kicked', '这个连接被 OBS 断开了（在 WebSocket 服务器设置里被踢出，或密码已更改）：将自动重连，若密码改了请重新输入。', cause, true);
    case CloseCode.notIdentified:
    case CloseCode.alreadyIdentified:
    case CloseCode.messageDecodeError:
    case CloseCode.unsupportedFeature:
    case CloseCode.unknownReason:
      return obsError('unknown', `OBS 拒绝了连接：${msg || '原因未说明'}。请升级 OBS 到最新版本后重试。`, cause, true);
    default:
      break;
  }
  if (/ECONNREFUSED/i.test(msg)) {
    return f.obsProcessRunning === true
      ? obsError('server_disabled', `OBS 正在运行，但 ${f.url} 上没有它的 WebSocket 服务器：请在${SETTINGS_PATH}中勾选「开启 WebSocket 服务器」，并核对端口与这里的地址一致。`, cause, true)
      : obsError('not_running', `连不上 OBS（${f.url} 没有程序在监听）：请先打开 OBS Studio（28 或更新版本），并在${SETTINGS_PATH}中开启 WebSocket 服务器、核对端口。`, cause, true);
  }
  if (/no subprotocol|invalid subprotocol/i.test(msg)) {
    // obs-websocket 4.x (the plugin for OBS 27 and older) does not speak the v5 subprotocol.
    return obsError('too_old', 'OBS 版本太旧：这台 OBS 的 WebSocket 是 4.x（OBS 27 或更早）。请升级到 OBS Studio 28 或更新版本（自带 WebSocket 5.x）。', cause, false);
  }
  if (/Unexpected server response/i.test(msg)) {
    return obsError('bad_url', `${f.url} 上的服务不是 OBS 的 WebSocket 服务器：请核对地址和端口（OBS 默认 ws://127.0.0.1:4455）。`, cause, false);
  }
  if (/Invalid URL|invalid url|URL scheme|must be one of|SyntaxError/i.test(msg)) {
    return obsError('bad_url', `地址格式不对：「${f.url}」。应为 ws://主机:端口，例如 ws://127.0.0.1:4455。`, cause, false);
  }
  if (/ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL/i.test(msg)) {
    return obsError('host_unreachable', `找不到或到不了 OBS 所在的电脑（${f.url}）：请核对主机名或 IP，检查网络连接。`, cause, true);
  }
  if (f.closeCode === CloseCode.abnormal || /ECONNRESET|EPIPE|socket hang up|closed before|ETIMEDOUT/i.test(msg)) {
    return obsError('connection_lost', '与 OBS 的连接意外断开（OBS 可能已退出或崩溃，或网络中断）：将自动重连。', cause, true);
  }
  if (f.closeCode === CloseCode.normal) {
    return obsError('connection_lost', 'OBS 关闭了连接：将自动重连。', cause, true);
  }
  return obsError('unknown', `连接 OBS 失败：${msg || '原因未知'}。`, cause, true);
}

/** Classifies a failed request. 204 (unknown request) degrades a feature instead of failing. */
export function classifyRequestFailure(requestType: string, code: number, comment: string | undefined): ObsError {
  const cause = `${requestType}: status ${code}${comment ? ` ${comment}` : ''}`;
  switch (code) {
    case RequestStatus.unknownRequestType:
      return obsError('unknown_request', `这台 OBS 不支持请求 ${requestType}（obs-websocket 版本较旧）：相关功能已停用，其余功能照常。升级 OBS 可恢复。`, cause, false);
    case RequestStatus.notReady:
      return obsError('not_ready', 'OBS 正忙（正在启动、退出或切换场景集合）：请稍后再试。', cause, true);
    case RequestStatus.resourceNotFound:
      return obsError('not_found', `OBS 中找不到要操作的对象：${comment ?? requestType}。可能已被改名或删除。`, cause, false);
    case RequestStatus.outputRunning:
      return obsError('wrong_state', `输出已经在运行：${comment ?? requestType}。`, cause, false);
    case RequestStatus.outputNotRunning:
      return obsError('wrong_state', `输出没有在运行：${comment ?? requestType}。`, cause, false);
    case RequestStatus.outputDisabled:
      return obsError('wrong_state', `OBS 中这个输出被禁用了：${comment ?? requestType}。`, cause, false);
    case RequestStatus.invalidResourceState:
    case RequestStatus.invalidResourceType:
      return obsError('wrong_state', `OBS 当前状态下不能这样操作：${comment ?? requestType}。`, cause, false);
    default:
      return obsError('request_failed', `OBS 没有执行 ${requestType}：${comment ?? `状态码 ${code}`}。`, cause, true);
  }
}

export function requestTimeout(requestType: string, timeoutMs: number): ObsError {
  return obsError('timeout', `OBS 在 ${Math.round(timeoutMs / 100) / 10} 秒内没有回应 ${requestType}：OBS 可能卡住了。`, `${requestType}: no response in ${timeoutMs} ms`, true);
}

export function notConnected(what: string): ObsError {
  return obsError('not_connected', `尚未连接 OBS，无法${what}：请先在设备检查中连接 OBS。`, 'not connected', true);
}

/** Loopback hosts: OBS on this machine (its file paths are ours, a process probe makes sense). */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\./.test(host);
  } catch {
    return false;
  }
}

/** Checks the URL before any socket is opened; null when fine. */
export function validateObsUrl(url: string): ObsError | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    return obsError('bad_url', `地址格式不对：「${url}」。应为 ws://主机:端口，例如 ws://127.0.0.1:4455。`, error instanceof Error ? error.message : String(error), false);
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    return obsError('bad_url', `地址应以 ws:// 开头（OBS WebSocket），而不是「${parsed.protocol}//」，例如 ws://127.0.0.1:4455。`, `protocol ${parsed.protocol}`, false);
  }
  return null;
}
