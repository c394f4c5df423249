// Evidence upload station → centre on the real disk over loopback: chunks hash-checked, the
// link cut mid-upload, the centre process killed and restarted mid-upload, and each time the
// package arrives whole, verifies against the device keys and carries the centre's receipt;
// the station's copy stays and gains the receipt. A package signed by another key is refused
// with the reason.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_KEYS_FORMAT, type DeviceKeyList, type Signer } from '../../scenarios/evidence/seal.ts';
import { sealPackage } from '../../electron/services/evidence/seal-package.ts';
import { verifyPackage } from '../../electron/services/evidence/verify-package.ts';
import { createCentreLink } from '../../electron/services/network/centre-link.ts';
import { newDevicePem, signerFromPem } from '../../electron/services/network/device-key.ts';
import { packageOffer, uploadPackage, UploadRefused, type UploadProgress } from '../../electron/services/network/upload-client.ts';
import { startCutProxy } from '../harness/tcp-cut.ts';
import { startUploadCentre, type UploadCentreConfig } from '../harness/upload-centre.ts';

const SAMPLE = join(import.meta.dirname, '../fixtures/evidence/sample');
const CHILD = join(import.meta.dirname, '../harness/upload-centre.ts');
const CHUNK = 16 * 1024;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

function startChild(configFile: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CHILD, configFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('listening')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`centre exited ${code}`)));
  });
}

describe('evidence upload to the centre', () => {
  let tmp: string;
  let station: Signer;
  let centrePem: string;
  let keys: DeviceKeyList;
  let n = 0;
  const config = (over: Partial<UploadCentreConfig> = {}): UploadCentreConfig => ({
    dataDir: join(tmp, `centre${n++}`),
    port: 0,
    centrePem,
    keys,
    tokens: { 'tok-station': station.deviceId },
    chunkBytes: CHUNK,
    ...over,
  });
  const pkg = () => {
    const dir = join(tmp, `station${n++}`, '20261128-163215-b1a7e1');
    cpSync(SAMPLE, dir, { recursive: true });
    return dir;
  };
  const sessionOf = (dir: string) => (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { sessionId: string }).sessionId;
  const options = (onProgress?: (p: UploadProgress) => void) => ({ signer: station, sitting: 's20261128a', centreKey: signerFromPem(centrePem).publicKey, ...(onProgress ? { onProgress } : {}) });

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'livedrill-upload-'));
    station = signerFromPem(newDevicePem());
    centrePem = newDevicePem();
    const centre = signerFromPem(centrePem);
    keys = {
      format: DEVICE_KEYS_FORMAT,
      centre: { deviceId: centre.deviceId, publicKey: centre.publicKey },
      devices: [{ deviceId: station.deviceId, role: 'station', name: '考站 1', publicKey: station.publicKey, pairedAt: '2026-11-28T08:00:00.000Z', revokedAt: null }],
    };
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  async function arrivedWhole(centreDir: string, stationDir: string) {
    const stored = join(centreDir, 'evidence', sessionOf(stationDir));
    const report = await verifyPackage(stored, { keys, deep: true });
    expect(report.findings).toEqual([]);
    expect(report.seal?.payload.sitting).toBe('s20261128a');
    // The station keeps its copy, now with the receipt.
    const local = await verifyPackage(stationDir, { keys });
    expect(local.findings).toEqual([]);
    expect(readFileSync(join(stationDir, 'media/camera.webm')).equals(readFileSync(join(stored, 'media/camera.webm')))).toBe(true);
  }

  it('uploads in hash-checked chunks; the centre verifies, countersigns and stores; a second upload is a no-op', async () => {
    const c = config();
    const centre = await startUploadCentre(c);
    const link = createCentreLink({ url: `http://127.0.0.1:${centre.port}`, credential: 'tok-station' });
    try {
      const dir = pkg();
      // A chunk whose bytes do not match its hash is refused and not counted.
      await sealPackage(dir, station, { sitting: 's20261128a' });
      expect((await link.request('POST', '/api/uploads', { json: await packageOffer(dir) })).status).toBe(200);
      const bad = await link.request('PUT', `/api/uploads/${sessionOf(dir)}/events.jsonl?offset=0`, { body: Buffer.from('x'), headers: { 'x-livedrill-sha256': '0'.repeat(64) } });
      expect(bad.status).toBe(409);
      expect(bad.body).toMatchObject({ code: 'hash_mismatch', expected: 0 });
      const seen: UploadProgress[] = [];
      const receipt = await uploadPackage(dir, link, options((p) => seen.push(p)));
      expect(receipt.centre?.deviceId).toBe(keys.centre.deviceId);
      expect(seen.filter((p) => p.phase === 'send').length).toBeGreaterThan(20);
      await arrivedWhole(c.dataDir, dir);
      expect(existsSync(join(c.dataDir, 'uploads', sessionOf(dir)))).toBe(false);
      const again: UploadProgress[] = [];
      await uploadPackage(dir, link, options((p) => again.push(p)));
      expect(again.some((p) => p.phase === 'send')).toBe(false);
      // No credential: refused before any route.
      const anon = createCentreLink({ url: `http://127.0.0.1:${centre.port}` });
      expect((await anon.request('POST', '/api/uploads', { json: {} })).status).toBe(401);
      anon.close();
    } finally {
      link.close();
      await centre.close();
    }
  });

  it('the link is cut for 3 s mid-upload: the station waits, resumes where the centre stopped, and the package arrives whole', async () => {
    const c = config();
    const centre = await startUploadCentre(c);
    const proxy = await startCutProxy(centre.port);
    const link = createCentreLink({ url: `http://127.0.0.1:${proxy.port}`, credential: 'tok-station' });
    try {
      const dir = pkg();
      let cutAt = -1;
      const seen: UploadProgress[] = [];
      const started = Date.now();
      await uploadPackage(dir, link, options((p) => {
        seen.push(p);
        if (cutAt < 0 && p.acked > p.total * 0.4) {
          cutAt = p.acked;
          proxy.cut(3000);
        }
      }));
      expect(cutAt).toBeGreaterThan(0);
      expect(Date.now() - started).toBeGreaterThan(3000);
      expect(seen.some((p) => p.phase === 'waiting')).toBe(true);
      // Resumed, not restarted: progress never fell back below the cut.
      const after = seen.slice(seen.findIndex((p) => p.phase === 'waiting'));
      expect(Math.min(...after.map((p) => p.acked))).toBeGreaterThanOrEqual(cutAt);
      // Bytes on the wire: the package once plus at most a few chunks again.
      const total = seen[0]?.total ?? 0;
      expect(proxy.forwarded()).toBeLessThan(total + 8 * CHUNK + 64 * 1024);
      await arrivedWhole(c.dataDir, dir);
    } finally {
      link.close();
      await proxy.close();
      await centre.close();
    }
  });

  it('the centre process is killed mid-upload and restarted: the upload resumes from what it had stored', async () => {
    const port = await freePort();
    // fsync (data, then progress) every 2 chunks: a kill loses at most what came after the last one.
    const c = config({ port, flushBytes: 2 * CHUNK });
    const file = join(tmp, `centre-${port}.json`);
    writeFileSync(file, JSON.stringify(c));
    let child = await startChild(file);
    const link = createCentreLink({ url: `http://127.0.0.1:${port}`, credential: 'tok-station' });
    try {
      const dir = pkg();
      let killedAt = -1;
      const restart = { done: Promise.resolve() };
      const seen: UploadProgress[] = [];
      await uploadPackage(dir, link, options((p) => {
        seen.push(p);
        if (killedAt < 0 && p.acked > p.total * 0.5) {
          killedAt = p.acked;
          child.kill('SIGKILL');
          restart.done = new Promise<void>((r) => child.once('exit', () => r())).then(async () => {
            child = await startChild(file);
          });
        }
      }));
      expect(killedAt).toBeGreaterThan(0);
      await restart.done;
      const waitingAt = seen.findIndex((p) => p.phase === 'waiting');
      expect(waitingAt).toBeGreaterThan(0);
      // After the restart the centre's answer put the station back at most one flush (and the
      // chunk in flight) before where it was when the centre was killed.
      const resumed = seen.slice(waitingAt).find((p) => p.phase === 'send');
      expect(resumed?.acked ?? 0).toBeGreaterThanOrEqual(killedAt - 3 * CHUNK);
      expect(resumed?.acked ?? 0).toBeGreaterThan((seen[0]?.total ?? 0) * 0.3);
      await arrivedWhole(c.dataDir, dir);
    } finally {
      link.close();
      child.kill('SIGKILL');
    }
  });

  it('refuses a package sealed by another key, says why, and keeps it aside; the station keeps its copy', async () => {
    const c = config();
    const centre = await startUploadCentre(c);
    const link = createCentreLink({ url: `http://127.0.0.1:${centre.port}`, credential: 'tok-station' });
    try {
      const dir = pkg();
      const stranger = signerFromPem(newDevicePem());
      await sealPackage(dir, stranger, { sitting: null });
      // The station's client would re-seal with its own key; send the stranger's seal as it is.
      const error = await uploadPackage(dir, link, { ...options(), signer: stranger }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UploadRefused);
      expect((error as UploadRefused).code).toBe('not_own_package');
      expect((error as UploadRefused).message).toContain('不是上传它的考站');
      expect(((error as UploadRefused).detail as { findings: { code: string }[] }).findings.map((f) => f.code)).toContain('device_unknown');
      expect(existsSync(join(c.dataDir, 'evidence', sessionOf(dir)))).toBe(false);
      expect(existsSync(join(dir, 'media/camera.webm'))).toBe(true);
    } finally {
      link.close();
      await centre.close();
    }
  });
});
