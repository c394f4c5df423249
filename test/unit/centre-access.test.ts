// The centre's pairing and access rules (scenarios/centre), and the device registry on a real
// SQLite file with its own clock: one-time codes that expire, revocation, assignments.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { authorize, type CentreAction, type CentreDevice } from '../../scenarios/centre/access.ts';
import { issueCode, judgeCode, normalisePairingCode, PAIR_FORMAT, pairingCodeFrom, pairMessage, PAIRING_CODE_PATTERN, PAIRING_TTL_MS } from '../../scenarios/centre/pairing.ts';
import { openDeviceRegistry } from '../../electron/services/centre/registry.ts';
import { newDevicePem, nodeSignatureCheck, signerFromPem } from '../../electron/services/network/device-key.ts';

const station: CentreDevice = { deviceId: 'd0000000000000001', role: 'station', name: '考站 1', publicKey: 'A'.repeat(43), pairedAt: '2026-12-04T08:00:00.000Z', revokedAt: null, sittings: [] };
const assessor: CentreDevice = { ...station, deviceId: 'd0000000000000002', role: 'assessor', name: '考评员 王', sittings: ['s20261204a'] };

describe('pairing codes', () => {
  it('are 8 characters a person reads right, typed in any case with or without the dash', () => {
    const code = pairingCodeFrom(Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 29]));
    expect(code).toBe('2345-678Z');
    expect(PAIRING_CODE_PATTERN.test(code)).toBe(true);
    expect(normalisePairingCode(' 2345 678z ')).toBe(code);
    for (const bad of ['', '2345-678', '2345-6780', 'O345-678Z', 'I345-678Z', '2345-678Z9']) expect(normalisePairingCode(bad)).toBeNull();
  });
  it('are good once, until they expire or are withdrawn', () => {
    const now = new Date('2026-12-04T08:00:00Z');
    const issued = issueCode('2345-678Z', 'station', ['s20261204a'], now);
    expect(issued.sittings).toEqual([]);
    expect(judgeCode(issued, now)).toEqual({ ok: true });
    expect(judgeCode(null, now)).toMatchObject({ code: 'unknown_code', status: 404 });
    expect(judgeCode({ ...issued, usedAt: now.toISOString() }, now)).toMatchObject({ code: 'code_used', status: 409 });
    expect(judgeCode({ ...issued, withdrawnAt: now.toISOString() }, now)).toMatchObject({ code: 'code_withdrawn' });
    expect(judgeCode(issued, new Date(now.getTime() + PAIRING_TTL_MS - 1))).toEqual({ ok: true });
    expect(judgeCode(issued, new Date(now.getTime() + PAIRING_TTL_MS))).toMatchObject({ code: 'code_expired', status: 410 });
  });
});

describe('who may do what at the centre', () => {
  const cases: [CentreDevice, CentreAction, string][] = [
    [station, { kind: 'upload' }, 'ok'],
    [assessor, { kind: 'upload' }, 'wrong_role'],
    [station, { kind: 'publish_media', station: station.deviceId }, 'ok'],
    [station, { kind: 'publish_media', station: 'd0000000000000009' }, 'not_own'],
    [assessor, { kind: 'publish_media', station: assessor.deviceId }, 'wrong_role'],
    [assessor, { kind: 'watch', sitting: 's20261204a' }, 'ok'],
    [assessor, { kind: 'watch', sitting: 's20261204b' }, 'not_assigned'],
    [station, { kind: 'watch', sitting: 's20261204a' }, 'wrong_role'],
    [assessor, { kind: 'mark', sitting: 's20261204b' }, 'not_assigned'],
    [assessor, { kind: 'list_packages', sitting: 's20261204a' }, 'ok'],
    [station, { kind: 'read_package', station: station.deviceId, sitting: null }, 'ok'],
    [station, { kind: 'read_package', station: 'd0000000000000009', sitting: 's20261204a' }, 'not_own'],
    [assessor, { kind: 'read_package', station: station.deviceId, sitting: 's20261204a' }, 'ok'],
    [assessor, { kind: 'read_package', station: station.deviceId, sitting: null }, 'not_assigned'],
    [{ ...station, revokedAt: '2026-12-04T09:00:00.000Z' }, { kind: 'whoami' }, 'revoked'],
    [{ ...assessor, revokedAt: '2026-12-04T09:00:00.000Z' }, { kind: 'watch', sitting: 's20261204a' }, 'revoked'],
  ];
  it.each(cases)('%#: %o %o → %s', (device, action, want) => {
    const verdict = authorize(device, action);
    expect(verdict.ok ? 'ok' : verdict.code).toBe(want);
  });
});

describe('the device registry (real SQLite file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'livedrill-registry-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let clock = new Date('2026-12-04T08:00:00Z');
  const registry = openDeviceRegistry(dir, () => clock);
  const request = async (code: string, name = '考站 1') => {
    const key = signerFromPem(newDevicePem());
    return { format: PAIR_FORMAT, code, publicKey: key.publicKey, name, signature: await key.sign(pairMessage(code, key.publicKey, name)) };
  };

  it('pairs a device once per code, keeps only the credential’s hash, refuses an expired code', async () => {
    const issued = registry.issue('station');
    const paired = await registry.pair(await request(issued.code), nodeSignatureCheck);
    expect(registry.byCredential(paired.credential)?.deviceId).toBe(paired.device.deviceId);
    expect(registry.byCredential(`${paired.credential.slice(0, -1)}x`)).toBeNull();
    await expect(registry.pair(await request(issued.code), nodeSignatureCheck)).rejects.toMatchObject({ code: 'code_used', status: 409 });
    const late = registry.issue('station');
    clock = new Date(clock.getTime() + PAIRING_TTL_MS + 1);
    await expect(registry.pair(await request(late.code), nodeSignatureCheck)).rejects.toMatchObject({ code: 'code_expired' });
    const withdrawn = registry.issue('station');
    expect(registry.withdraw(withdrawn.code)).toBe(true);
    await expect(registry.pair(await request(withdrawn.code), nodeSignatureCheck)).rejects.toMatchObject({ code: 'code_withdrawn' });
  });
  it('names invisible-only or over-long device names and bad sittings as bad requests', async () => {
    await expect(registry.pair(await request(registry.issue('station').code, '\u200b\u2060'), nodeSignatureCheck)).rejects.toMatchObject({ code: 'bad_request', params: { field: 'name' } });
    expect(() => registry.issue('assessor', ['not a sitting'])).toThrow(expect.objectContaining({ code: 'bad_sitting' }) as Error);
    expect(() => registry.issue('station', ['s20261204a'])).toThrow(expect.objectContaining({ code: 'station_sittings' }) as Error);
  });
  it('gives an assessor the code’s sittings, assigns more, and revokes; the key list says so', async () => {
    const issued = registry.issue('assessor', ['s20261204a']);
    const { device } = await registry.pair(await request(issued.code, '考评员 王'), nodeSignatureCheck);
    expect(device.sittings).toEqual(['s20261204a']);
    expect(registry.assign(device.deviceId, 's20261204b').sittings).toEqual(['s20261204a', 's20261204b']);
    expect(registry.revoke(device.deviceId).revokedAt).toBe(clock.toISOString());
    const centre = signerFromPem(newDevicePem());
    const list = registry.keyList(centre);
    expect(list.centre.deviceId).toBe(centre.deviceId);
    expect(list.devices.find((d) => d.deviceId === device.deviceId)?.revokedAt).toBe(clock.toISOString());
    expect(() => registry.revoke('d0000000000000000')).toThrow(expect.objectContaining({ code: 'unknown_device' }) as Error);
  });
});
