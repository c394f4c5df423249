// The bridge's connection handling against real sockets that are not OBS: a port nobody listens
// on, a server that accepts and never answers, an HTTP server. (OBS itself: test/integration.)
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ObsBridge } from '../../electron/services/obs/bridge.ts';
import type { ObsConnectionState } from '../../scenarios/obs/records.ts';

const servers: { close(cb: () => void): void }[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  servers.push(server);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  servers.pop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('OBS bridge connection without OBS', () => {
  it('refused: not running (no OBS process) and stays retrying with backoff', async () => {
    const port = await closedPort();
    const states: ObsConnectionState[] = [];
    const bridge = new ObsBridge({ probeObsProcess: () => false, backoff: { baseMs: 50, capMs: 100, factor: 2, jitter: 0.5 } });
    bridge.on('state', (s) => states.push(s));
    const state = await bridge.connect(`ws://127.0.0.1:${port}`, null);
    expect(state.phase).toBe('reconnecting');
    expect(state.error?.code).toBe('not_running');
    expect(state.nextRetryAt).not.toBeNull();
    await new Promise((r) => setTimeout(r, 400));
    expect(bridge.state().attempt).toBeGreaterThan(2);
    await bridge.disconnect();
    expect(bridge.state().phase).toBe('disconnected');
    const count = states.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(states.length).toBe(count); // no retry after disconnect
  });

  it('refused while an OBS process runs: its server is disabled', async () => {
    const port = await closedPort();
    const bridge = new ObsBridge({ probeObsProcess: () => true });
    const state = await bridge.connect(`ws://127.0.0.1:${port}`, null, { autoReconnect: false });
    expect(state).toMatchObject({ phase: 'failed', error: { code: 'server_disabled', retryable: true } });
  });

  it('a server that never answers: the connect timeout fires', async () => {
    const server = createServer((socket) => sockets.push(socket));
    const port = await listen(server);
    const bridge = new ObsBridge({ connectTimeoutMs: 300 });
    const started = Date.now();
    const state = await bridge.connect(`ws://127.0.0.1:${port}`, 'x', { autoReconnect: false });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(state.error?.code).toBe('timeout');
    expect(state.error?.message).toMatch(/0\.3 秒内没有应答/);
  });

  it('an HTTP server that is not OBS: wrong address', async () => {
    const port = await listen(createHttpServer((_req, res) => res.writeHead(404).end()));
    const bridge = new ObsBridge();
    const state = await bridge.connect(`ws://127.0.0.1:${port}`, null);
    expect(state).toMatchObject({ phase: 'failed', error: { code: 'bad_url' } });
  });

  it('a malformed URL fails before any socket', async () => {
    const bridge = new ObsBridge();
    expect((await bridge.connect('obs://nowhere', null)).error?.code).toBe('bad_url');
  });

  it('drills and recording without OBS say so in Chinese', async () => {
    const bridge = new ObsBridge();
    const drill = await bridge.injectDrill('mute_mic');
    expect(drill).toMatchObject({ status: 'failed', error: { code: 'not_connected' } });
    await expect(bridge.startRecording()).rejects.toThrow(/尚未连接 OBS/);
  });
});
