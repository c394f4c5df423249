import { describe, expect, it } from 'vitest';
import {
  classifyConnectFailure,
  classifyRequestFailure,
  describeObsError,
  isLoopbackUrl,
  validateObsUrl,
} from '../../electron/services/obs/errors.ts';

const url = 'ws://127.0.0.1:4455';
const base = { url, passwordGiven: true };

describe('OBS connect failures become actionable Chinese errors', () => {
  it('ECONNREFUSED: OBS not running, or running with its server off', () => {
    const notRunning = classifyConnectFailure({ ...base, closeCode: -1, message: 'connect ECONNREFUSED 127.0.0.1:4455', obsProcessRunning: false });
    expect(notRunning.code).toBe('not_running');
    expect(notRunning.message).toMatch(/打开 OBS Studio/);
    expect(notRunning.cause).toMatch(/ECONNREFUSED/);
    expect(notRunning.retryable).toBe(true);
    const disabled = classifyConnectFailure({ ...base, closeCode: -1, message: 'connect ECONNREFUSED 127.0.0.1:4455', obsProcessRunning: true });
    expect(disabled.code).toBe('server_disabled');
    expect(disabled.message).toMatch(/开启 WebSocket 服务器/);
    // Unknown whether OBS runs: the not-running message also names the server setting.
    expect(classifyConnectFailure({ ...base, message: 'connect ECONNREFUSED ::1:4455', obsProcessRunning: null }).message).toMatch(/开启 WebSocket 服务器/);
  });

  it('4009: wrong password, or a password missing', () => {
    const wrong = classifyConnectFailure({ ...base, closeCode: 4009, message: 'Authentication failed.' });
    expect(wrong).toMatchObject({ code: 'auth_failed', retryable: false });
    expect(wrong.message).toMatch(/密码错误/);
    expect(wrong.cause).toBe('close 4009: Authentication failed.');
    const missing = classifyConnectFailure({ ...base, passwordGiven: false, closeCode: 4009, message: 'missing authentication' });
    expect(missing.code).toBe('password_required');
  });

  it('OBS too old: obs-websocket 4.x has no v5 subprotocol; 4010 unsupported RPC', () => {
    expect(classifyConnectFailure({ ...base, closeCode: -1, message: 'Server sent no subprotocol' })).toMatchObject({ code: 'too_old', retryable: false });
    expect(classifyConnectFailure({ ...base, closeCode: 4010, message: 'rpc' }).code).toBe('too_old');
  });

  it('closing, killed, kicked, timeout, wrong service, unreachable', () => {
    expect(classifyConnectFailure({ ...base, closeCode: 1001, message: 'Server stopping.' })).toMatchObject({ code: 'server_stopping', retryable: true });
    expect(classifyConnectFailure({ ...base, closeCode: 1006, message: '' })).toMatchObject({ code: 'connection_lost', retryable: true });
    expect(classifyConnectFailure({ ...base, closeCode: 4011, message: 'kicked' }).code).toBe('kicked');
    const timeout = classifyConnectFailure({ ...base, message: 'no Hello', timedOut: true, timeoutMs: 1500 });
    expect(timeout.code).toBe('timeout');
    expect(timeout.message).toMatch(/1\.5 秒内没有应答/);
    expect(classifyConnectFailure({ ...base, closeCode: -1, message: 'Unexpected server response: 404' }).code).toBe('bad_url');
    expect(classifyConnectFailure({ ...base, closeCode: -1, message: 'getaddrinfo ENOTFOUND obs.local' }).code).toBe('host_unreachable');
  });

  it('every error carries a Chinese message and the technical cause', () => {
    const e = classifyConnectFailure({ ...base, closeCode: 4009, message: 'Authentication failed.' });
    expect(describeObsError(e)).toMatch(/密码错误.*技术原因: close 4009/);
    expect(/[\u4e00-\u9fff]/.test(classifyConnectFailure({ ...base, message: 'weird' }).message)).toBe(true);
  });
});

describe('OBS request failures', () => {
  it('204 degrades instead of failing', () => {
    const e = classifyRequestFailure('GetStreamStatus', 204, 'Your request type is not valid.');
    expect(e).toMatchObject({ code: 'unknown_request', retryable: false });
    expect(e.message).toMatch(/GetStreamStatus.*已停用/);
  });
  it('not ready, not found, wrong state', () => {
    expect(classifyRequestFailure('SetInputMute', 207, 'busy').code).toBe('not_ready');
    expect(classifyRequestFailure('SetInputMute', 600, 'No source was found').code).toBe('not_found');
    expect(classifyRequestFailure('StopStream', 501, 'not active').code).toBe('wrong_state');
    expect(classifyRequestFailure('GetInputVolume', 604, 'no audio').code).toBe('wrong_state');
  });
});

describe('OBS URLs', () => {
  it('checks the scheme before any socket opens', () => {
    expect(validateObsUrl('ws://127.0.0.1:4455')).toBeNull();
    expect(validateObsUrl('http://127.0.0.1:4455')?.code).toBe('bad_url');
    expect(validateObsUrl('127.0.0.1:4455')?.code).toBe('bad_url');
  });
  it('knows which hosts are this machine', () => {
    expect(isLoopbackUrl('ws://127.0.0.1:4455')).toBe(true);
    expect(isLoopbackUrl('ws://localhost:4455')).toBe(true);
    expect(isLoopbackUrl('ws://[::1]:4455')).toBe(true);
    expect(isLoopbackUrl('ws://192.168.1.9:4455')).toBe(false);
  });
});
