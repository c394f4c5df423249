// The devices.* services on a real temp folder and real loopback sockets, through the contract's
// dispatcher (so inputs and outputs are parsed exactly as both transports parse them).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/contract/dispatch.ts';
import type { Handlers } from '../../electron/contract/index.ts';
import { createDevicesService } from '../../electron/services/devices/service.ts';
import { routableInterfaces } from '../../electron/services/devices/network.ts';
import { buildRecord, EMPTY_ITEMS } from '../../scenarios/device-check/index.ts';

let dataDir: string;
let server: Server;
let port: number;
let closedPort: number;
let dispatch: ReturnType<typeof createDispatcher>;
const ctx = { transport: 'websocket' as const };

function listen(): Promise<Server> {
  return new Promise((resolve) => {
    const s = createServer((socket) => socket.destroy());
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}
const portOf = (s: Server) => {
  const a = s.address();
  return typeof a === 'object' && a !== null ? a.port : 0;
};

beforeAll(async () => {
  dataDir = join(mkdtempSync(join(tmpdir(), 'livedrill-devices-')), 'data');
  server = await listen();
  port = portOf(server);
  // A port that was just free: nothing listens there.
  const gone = await listen();
  closedPort = portOf(gone);
  await new Promise<void>((resolve) => gone.close(() => resolve()));
  // Only the devices handlers are real here; the dispatcher never reaches the others.
  dispatch = createDispatcher(createDevicesService({ dataDir }).handlers as unknown as Handlers);
});
afterAll(() => {
  server.close();
  rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

async function ok(method: string, input: unknown): Promise<unknown> {
  const result = await dispatch(method, input, ctx);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.output;
}

describe('devices.disk', () => {
  it('creates the data folder and reports its free and total bytes', async () => {
    const disk = (await ok('devices.disk', {})) as { dir: string; freeBytes: number; totalBytes: number };
    expect(disk.dir).toBe(dataDir);
    expect(existsSync(dataDir)).toBe(true);
    expect(disk.freeBytes).toBeGreaterThan(0);
    expect(disk.totalBytes).toBeGreaterThanOrEqual(disk.freeBytes);
  });
});

describe('devices.network', () => {
  it('with no ingest server set it measures nothing and says so', async () => {
    expect(await ok('devices.network', {})).toMatchObject({ ingest: null, ingestError: null });
  });

  it('times TCP connects to a listening server: five samples, median and jitter', async () => {
    const net = (await ok('devices.network', { ingestUrl: `rtmp://127.0.0.1:${port}/live/key` })) as { ingest: { samples: number[]; ok: number; medianMs: number; jitterMs: number; display: string; address: string | null } };
    expect(net.ingest).toMatchObject({ ok: 5, failed: 0, display: `rtmp://127.0.0.1:${port}`, address: null });
    expect(net.ingest.samples).toHaveLength(5);
    for (const ms of net.ingest.samples) expect(ms).toBeGreaterThan(0);
    expect(net.ingest.medianMs).toBeLessThan(100);
    expect(net.ingest.jitterMs).toBeGreaterThanOrEqual(0);
  });

  it('resolves a host name once and reports the lookup time apart', async () => {
    const net = (await ok('devices.network', { ingestUrl: `localhost:${port}` })) as { ingest: { ok: number; dnsMs: number | null; address: string | null } };
    expect(net.ingest.address).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(net.ingest.dnsMs).not.toBeNull();
  });

  it('reports refused connects with the cause, and a bad address with the reason', async () => {
    const down = (await ok('devices.network', { ingestUrl: `rtmp://127.0.0.1:${closedPort}/live` })) as { ingest: { ok: number; failed: number; errors: string[] } };
    expect(down.ingest).toMatchObject({ ok: 0, failed: 5 });
    expect(down.ingest.errors[0]).toMatch(/^ECONNREFUSED/);
    expect(await ok('devices.network', { ingestUrl: 'ftp://x' })).toMatchObject({ ingest: null, ingestError: expect.stringContaining('不支持的协议') as unknown });
  });

  it('lists routable interfaces by name, never loopback or link-local', () => {
    const table = {
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
      eth0: [
        { address: '192.168.1.20', family: 'IPv4', internal: false },
        { address: 'fe80::1', family: 'IPv6', internal: false },
      ],
      wlan0: [{ address: '169.254.3.4', family: 'IPv4', internal: false }],
    } as unknown as Parameters<typeof routableInterfaces>[0];
    expect(routableInterfaces(table)).toEqual(['eth0 IPv4']);
  });
});

describe('devices.settings', () => {
  it('stores only scheme://host:port, atomically, and uses it for the next measurement', async () => {
    expect(await ok('devices.settings', {})).toEqual({ ingestUrl: null });
    expect(await ok('devices.setSettings', { ingestUrl: `rtmp://127.0.0.1:${port}/live/SECRET` })).toEqual({ ingestUrl: `rtmp://127.0.0.1:${port}` });
    const file = join(dataDir, 'settings', 'device-check.json');
    expect(readFileSync(file, 'utf8')).not.toContain('SECRET');
    expect(readdirSync(join(dataDir, 'settings'))).toEqual(['device-check.json']);
    expect(await ok('devices.network', {})).toMatchObject({ ingest: { ok: 5 } });
    expect(await ok('devices.setSettings', { ingestUrl: null })).toEqual({ ingestUrl: null });
  });

  it('refuses a bad address with the reason and the field', async () => {
    const result = await dispatch('devices.setSettings', { ingestUrl: 'rtmp://host:99999/x' }, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'failed' } });
    if (!result.ok) expect(result.error.message).toMatch(/ingestUrl/);
  });

  it('says which file is broken when the settings file is not JSON', async () => {
    const file = join(dataDir, 'settings', 'device-check.json');
    writeFileSync(file, '{ not json');
    const result = await dispatch('devices.settings', {}, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(file);
    await ok('devices.setSettings', { ingestUrl: null });
  });
});

describe('devices.saveCheck', () => {
  const record = buildRecord({
    id: '20250615-101530-a1b2c3',
    startedAt: 1_750_000_000_000,
    finishedAt: 1_750_000_042_000,
    items: EMPTY_ITEMS,
    context: { transport: 'websocket', userAgent: 'vitest', language: 'zh-CN', workType: 'B', level: 5 },
  });

  it('writes the record as JSON under checks/, with no temp file left', async () => {
    const saved = (await ok('devices.saveCheck', { record })) as { path: string; bytes: number };
    expect(saved.path).toBe(join(dataDir, 'checks', 'device-check-20250615-101530-a1b2c3.json'));
    expect(JSON.parse(readFileSync(saved.path, 'utf8'))).toEqual(record);
    expect(saved.bytes).toBe(readFileSync(saved.path).length);
    expect(readdirSync(join(dataDir, 'checks'))).toEqual(['device-check-20250615-101530-a1b2c3.json']);
  });

  it('refuses a record whose id would leave checks/, or with a missing field, saying where', async () => {
    const escape = await dispatch('devices.saveCheck', { record: { ...record, id: '../../../../tmp/x' } }, ctx);
    expect(escape).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    if (!escape.ok) expect(escape.error.message).toContain('record.id');
    const partial: Record<string, unknown> = { ...record };
    delete partial.traineeMs;
    const missing = await dispatch('devices.saveCheck', { record: partial }, ctx);
    if (!missing.ok) expect(missing.error.message).toContain('record.traineeMs');
    expect(missing.ok).toBe(false);
  });
});
