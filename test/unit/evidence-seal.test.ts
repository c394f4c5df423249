// Station signature and centre countersignature (seal.json): a package rewritten whole (log
// re-chained, manifest recomputed) passes every hash check, so only the seal, checked against
// the centre's device keys, can refuse it. Real Ed25519 keys (node:crypto), real package on disk.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_KEYS_FORMAT, type DeviceKeyList, type Signer } from '../../scenarios/evidence/seal.ts';
import { countersignPackage, sealPackage } from '../../electron/services/evidence/seal-package.ts';
import { verifyPackage } from '../../electron/services/evidence/verify-package.ts';
import { newDevicePem, nodeSignatureCheck, signerFromPem } from '../../electron/services/network/device-key.ts';
import { cli } from '../harness/cli.ts';
import { forgeWhole } from '../harness/forge.ts';

const SAMPLE = join(import.meta.dirname, '../fixtures/evidence/sample');
const at = (iso: string) => () => new Date(iso);
const codes = (r: { findings: { code: string; severity: string }[] }) => r.findings.filter((f) => f.severity === 'error').map((f) => f.code);
// A forger's edit: the 2 s tick claims another time (any change to any record would do).
const edit = (r: { seq: number; data: unknown }) => (r.seq === 8 ? { input: { t: 2500, type: 'tick' } } : (r.data as never));

describe('seal.json: station signature and centre receipt', () => {
  let tmp: string;
  let station: Signer;
  let centre: Signer;
  let keys: DeviceKeyList;
  let n = 0;
  const copy = () => {
    const dir = join(tmp, `p${n++}`);
    cpSync(SAMPLE, dir, { recursive: true });
    return dir;
  };
  const keysWith = (over: Partial<DeviceKeyList['devices'][number]> = {}): DeviceKeyList => ({
    ...keys,
    devices: keys.devices.map((d) => ({ ...d, ...over })),
  });

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'livedrill-seal-'));
    station = signerFromPem(newDevicePem());
    centre = signerFromPem(newDevicePem());
    keys = {
      format: DEVICE_KEYS_FORMAT,
      centre: { deviceId: centre.deviceId, publicKey: centre.publicKey },
      devices: [{ deviceId: station.deviceId, role: 'station', name: '考站 1', publicKey: station.publicKey, pairedAt: '2026-11-28T08:00:00.000Z', revokedAt: null }],
    };
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('a whole-package forgery passes the hash checks: without a seal nothing else can see it', async () => {
    const dir = copy();
    await forgeWhole(dir, edit);
    const plain = await verifyPackage(dir);
    expect(plain.findings).toEqual([]);
    expect(plain.valid).toBe(true);
    expect(plain.seal).toBeNull();
    expect(codes(await verifyPackage(dir, { keys }))).toEqual(['seal_missing']);
  });

  it('a sealed, countersigned package verifies against the device list', async () => {
    const dir = copy();
    const seal = await sealPackage(dir, station, { sitting: 's-2026-11-28-a', now: at('2026-11-28T08:40:00.000Z') });
    expect(seal.payload).toMatchObject({ sitting: 's-2026-11-28-a', records: 26, candidate: { id: 'trial', name: '试录' } });
    expect(seal.payload.files.map((f) => f.path)).toEqual(['events.jsonl', 'media/camera.webm']);
    const before = await verifyPackage(dir, { keys, receiptRequired: false });
    expect(codes(before)).toEqual([]);
    expect(codes(await verifyPackage(dir, { keys }))).toEqual(['receipt_missing']);
    await countersignPackage(dir, centre, at('2026-11-28T08:41:00.000Z'));
    const report = await verifyPackage(dir, { keys });
    expect(report.findings).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.seal?.centre?.deviceId).toBe(centre.deviceId);
    // Signing again is idempotent; the bytes on disk do not change.
    const text = readFileSync(join(dir, 'seal.json'), 'utf8');
    await sealPackage(dir, station, { sitting: 's-2026-11-28-a' });
    expect(readFileSync(join(dir, 'seal.json'), 'utf8')).toBe(text);
  });

  it('a forgery after sealing is refused however the forger treats the seal', async () => {
    // Seal kept as it was: it signed another manifest.
    const kept = copy();
    await sealPackage(kept, station, { sitting: null });
    await countersignPackage(kept, centre);
    await forgeWhole(kept, edit);
    const r1 = await verifyPackage(kept, { keys });
    expect(r1.valid).toBe(false);
    expect(codes(r1)).toContain('seal_mismatch');
    expect(r1.findings.find((f) => f.code === 'seal_mismatch')).toMatchObject({ file: 'seal.json', field: 'payload.manifestSha256' });
    // Re-signed with the forger's own key: not a device the centre paired.
    const resigned = copy();
    await forgeWhole(resigned, edit);
    const forger = signerFromPem(newDevicePem());
    await sealPackage(resigned, forger, { sitting: null });
    await countersignPackage(resigned, forger);
    expect(codes(await verifyPackage(resigned, { keys }))).toEqual(['device_unknown', 'centre_key_unknown']);
    // The payload patched to the new manifest with the real station's id and key: the signature fails.
    const patched = copy();
    await sealPackage(patched, station, { sitting: null });
    await countersignPackage(patched, centre);
    const original = JSON.parse(readFileSync(join(patched, 'seal.json'), 'utf8')) as { payload: Record<string, unknown> };
    await forgeWhole(patched, edit);
    const honest = copy();
    await forgeWhole(honest, edit);
    const fresh = await sealPackage(honest, forger, { sitting: null });
    writeFileSync(join(patched, 'seal.json'), JSON.stringify({ ...original, payload: fresh.payload }, null, 2));
    const r3 = await verifyPackage(patched, { keys });
    expect(codes(r3)).toEqual(['station_signature_bad', 'centre_signature_bad']);
  });

  it('refuses a package from a revoked station unless the centre received it before the revocation', async () => {
    const dir = copy();
    await sealPackage(dir, station, { sitting: null, now: at('2026-11-28T09:00:00.000Z') });
    await countersignPackage(dir, centre, at('2026-11-28T09:05:00.000Z'));
    const after = await verifyPackage(dir, { keys: keysWith({ revokedAt: '2026-11-28T09:01:00.000Z' }) });
    expect(codes(after)).toEqual(['device_revoked']);
    expect(after.findings[0]?.message).toContain('考站 1');
    const later = await verifyPackage(dir, { keys: keysWith({ revokedAt: '2026-11-28T10:00:00.000Z' }) });
    expect(later.valid).toBe(true);
    expect(later.findings.map((f) => f.code)).toEqual(['device_revoked_later']);
    expect(codes(await verifyPackage(dir, { keys: keysWith({ role: 'assessor' }) }))).toEqual(['device_role']);
    expect(codes(await verifyPackage(dir, { keys: keysWith({ publicKey: signerFromPem(newDevicePem()).publicKey }) }))).toEqual(['device_key_mismatch']);
  });

  it('an edited seal field is located; the key check rejects a signature over other bytes', async () => {
    const dir = copy();
    await sealPackage(dir, station, { sitting: 'a' });
    const seal = JSON.parse(readFileSync(join(dir, 'seal.json'), 'utf8')) as { payload: { sitting: string }; station: { signedAt: string } };
    seal.payload.sitting = 'b';
    writeFileSync(join(dir, 'seal.json'), JSON.stringify(seal));
    const r = await verifyPackage(dir, { keys, receiptRequired: false });
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([expect.objectContaining({ code: 'station_signature_bad', file: 'seal.json', field: 'station.signature' })]);
    writeFileSync(join(dir, 'seal.json'), '{"format":"livedrill-seal/1","payload":{}}');
    const bad = await verifyPackage(dir, { keys });
    expect(bad.findings.some((f) => f.code === 'seal_invalid' && f.field === 'payload.sessionId')).toBe(true);
    expect(await nodeSignatureCheck.verify(station.publicKey, 'x', await station.sign('y'))).toBe(false);
    expect(await nodeSignatureCheck.verify(station.publicKey, 'x', await station.sign('x'))).toBe(true);
  });

  it('evidence verify --keys: exit 1 for the forgery with the reason, 2 for an unusable key list', async () => {
    const dir = copy();
    await forgeWhole(dir, edit);
    const file = join(tmp, 'keys.json');
    writeFileSync(file, JSON.stringify(keys));
    const plain = await cli('evidence', 'verify', dir);
    expect(plain.code).toBe(0);
    expect(plain.out).toContain('未签名 unsigned');
    const refused = await cli('evidence', 'verify', dir, '--keys', file);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('[seal_missing]');
    const good = copy();
    await sealPackage(good, station, { sitting: null });
    await countersignPackage(good, centre);
    const ok = await cli('evidence', 'verify', good, '--keys', file);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`考站签名 station ${station.deviceId}`);
    expect(ok.out).toContain(`考点签收 centre ${centre.deviceId}`);
    writeFileSync(file, JSON.stringify({ ...keys, devices: [{ ...keys.devices[0], publicKey: 'short' }] }));
    const unusable = await cli('evidence', 'verify', good, '--keys', file);
    expect(unusable.code).toBe(2);
    expect(unusable.err).toContain('devices.0.publicKey');
    expect((await cli('evidence', 'verify', good, '--keys', join(tmp, 'none.json'))).code).toBe(2);
  });
});
