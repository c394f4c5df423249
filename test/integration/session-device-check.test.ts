// The trainee's device check, saved before the session (devices.saveCheck), ends up in the
// session's package under checks/, hashed like every other file; an old one does not.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../electron/services/host.ts';
import { verifyPackage } from '../../electron/services/evidence/verify-package.ts';
import { latestDeviceCheck } from '../../electron/services/session-link.ts';
import { inProcessCall, recordAll } from '../harness/evidence.ts';
import { requirePeer } from '../harness/peers.ts';
import { ffmpegMissing, makeLiveWebm, sliceChunks } from '../harness/webm.ts';

const ready = requirePeer('ffmpeg', ffmpegMissing());

describe.skipIf(!ready)('device check in the session package', () => {
  let tmp: string;
  let dataDir: string;
  let services: Services;

  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'livedrill-dc-link-'));
    dataDir = join(tmp, 'data');
    mkdirSync(join(dataDir, 'checks'), { recursive: true });
    services = createServices({ dataDir });
  });
  afterEach(async () => {
    await services.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  const saveCheck = (id: string, verdict: string, ageMs = 0) => {
    const file = join(dataDir, 'checks', `device-check-${id}.json`);
    writeFileSync(file, JSON.stringify({ id, items: [{ item: 'camera', verdict }] }));
    const when = (Date.now() - ageMs) / 1000;
    utimesSync(file, when, when);
  };

  it('stores the newest recent check as checks/device-check.json, and the package verifies', async () => {
    saveCheck('older', 'fail', 60_000);
    saveCheck('newest', 'pass');
    const sessionId = await recordAll(inProcessCall(services), sliceChunks(makeLiveWebm(tmp, 2), 2), { check: false });
    const dir = join(dataDir, 'evidence', sessionId);
    const stored = JSON.parse(readFileSync(join(dir, 'checks', 'device-check.json'), 'utf8')) as { id: string };
    expect(stored.id).toBe('newest');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    expect(manifest.files.map((f) => f.path)).toContain('checks/device-check.json');
    expect((await verifyPackage(dir, { deep: true })).valid).toBe(true);
  });

  it('ignores a check from another day and a damaged one', async () => {
    saveCheck('yesterday', 'pass', 13 * 60 * 60 * 1000);
    expect(await latestDeviceCheck(dataDir)).toBeNull();
    writeFileSync(join(dataDir, 'checks', 'device-check-broken.json'), '{ not json');
    expect(await latestDeviceCheck(dataDir)).toBeNull();
  });
});
