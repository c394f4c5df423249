// The centre host as a real process (`livedrill centre` on loopback, TLS): stations and an
// assessor's machine pair with one-time codes, and every refusal the security model promises
// is tried for real: a pinned fingerprint that does not match, no credential, a bad one, a
// replayed or made-up code, a request signed by another key, a station reading another
// station's package or uploading one signed by another, an assessor outside its sittings, a
// revoked device.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect as tlsConnect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAIR_FORMAT, pairMessage } from '../../scenarios/centre/pairing.ts';
import { DeviceKeyList } from '../../scenarios/evidence/seal.ts';
import { verifyPackage } from '../../electron/services/evidence/verify-package.ts';
import { joinCentre, memberLink } from '../../electron/services/network/centre-join.ts';
import { createCentreLink, LinkError, type CentreLink } from '../../electron/services/network/centre-link.ts';
import { deviceSigner, newDevicePem, signerFromPem } from '../../electron/services/network/device-key.ts';
import { uploadPackage } from '../../electron/services/network/upload-client.ts';
import { createFileSecretStore } from '../../electron/services/obs/secret-store.ts';
import { startCentreProcess, type CentreProcess } from '../harness/centre-process.ts';
import { cli } from '../harness/cli.ts';

const SAMPLE = join(import.meta.dirname, '../fixtures/evidence/sample');
const SITTING = 's20261204a';

describe('the centre host (real process, TLS on loopback)', () => {
  let tmp: string;
  let centreDir: string;
  let centre: CentreProcess;
  let url: string;
  const links: CentreLink[] = [];
  const dirOf = (name: string) => join(tmp, name);
  const code = async (...extra: string[]) => {
    const r = await cli('centre', 'pair', '--json', '--data-dir', centreDir, ...extra);
    expect(r.code).toBe(0);
    return (JSON.parse(r.out) as { code: string }).code;
  };
  const join_ = (name: string, pairingCode: string, fingerprint = centre.fingerprint) =>
    joinCentre({ url, fingerprint, code: pairingCode, name, dataDir: dirOf(name), secrets: createFileSecretStore(dirOf(name)) });
  const linkOf = async (name: string) => {
    const m = await memberLink(dirOf(name), createFileSecretStore(dirOf(name)));
    if (!m) throw new Error(`${name} joined no centre`);
    links.push(m.link);
    return m.link;
  };
  const refusal = (error: unknown) => (error as LinkError).code;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'livedrill-centre-'));
    centreDir = dirOf('centre');
    centre = await startCentreProcess(centreDir);
    url = `https://127.0.0.1:${centre.port}`;
  });
  afterAll(async () => {
    for (const l of links) l.close();
    await centre.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('serves TLS only; a device that pins another fingerprint sends nothing', async () => {
    expect(centre.out.join('')).toContain(`https://127.0.0.1:${centre.port}`);
    const wrong = createCentreLink({ url, fingerprint: '00:'.repeat(31) + '00' });
    await expect(wrong.request('GET', '/api/whoami')).rejects.toMatchObject({ code: 'fingerprint_mismatch' });
    wrong.close();
    // Plain HTTP to the TLS port gets no answer from the centre's routes.
    const plain = await new Promise<string>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port: centre.port, path: '/api/whoami' }, (res) => resolve(`status ${res.statusCode}`));
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      req.end();
    });
    expect(plain).not.toBe('status 200');
    // And joining with the wrong fingerprint pairs nothing: the code stays good.
    const c = await code('--role', 'station');
    await expect(join_('station-x', c, 'AB:'.repeat(31) + 'AB')).rejects.toMatchObject({ code: 'fingerprint_mismatch' });
    const again = await join_('station-x', c);
    expect(again.device.role).toBe('station');
  });

  it('pairs with a one-time code; a used, made-up or malformed code, and a request signed by another key, are refused', async () => {
    const c = await code('--role', 'station');
    const a = await join_('station-a', c);
    expect(a.device).toMatchObject({ role: 'station', name: 'station-a', revokedAt: null });
    expect(a.fingerprint).toBe(centre.fingerprint);
    // The private key stays on the station: the centre knows only its public half.
    const aKey = await deviceSigner(createFileSecretStore(dirOf('station-a')));
    expect(a.device.deviceId).toBe(aKey.deviceId);
    expect(readFileSync(join(centreDir, 'centre', 'devices.sqlite')).includes(Buffer.from('PRIVATE KEY'))).toBe(false);

    await expect(join_('station-b-try', c)).rejects.toSatisfy((e) => refusal(e) === 'code_used');
    await expect(join_('station-b-try', 'ZZZZ-ZZZZ')).rejects.toSatisfy((e) => refusal(e) === 'unknown_code');
    await expect(join_('station-b-try', 'hello')).rejects.toSatisfy((e) => refusal(e) === 'bad_code');

    // A replay of a pairing request, byte for byte, pairs nothing.
    const fresh = await code('--role', 'station');
    const key = signerFromPem(newDevicePem());
    const body = { format: PAIR_FORMAT, code: fresh, publicKey: key.publicKey, name: '考站 9', signature: await key.sign(pairMessage(fresh, key.publicKey, '考站 9')) };
    const anon = createCentreLink({ url, fingerprint: centre.fingerprint });
    links.push(anon);
    expect((await anon.request('POST', '/api/pair', { json: body })).status).toBe(200);
    const replay = await anon.request('POST', '/api/pair', { json: body });
    expect(replay).toMatchObject({ status: 409, body: { code: 'code_used' } });
    // A request for a key the sender does not hold (signed by another key) is refused.
    const other = signerFromPem(newDevicePem());
    const third = await code('--role', 'station');
    const forged = { ...body, code: third, signature: await other.sign(pairMessage(third, key.publicKey, '考站 9')) };
    expect(await anon.request('POST', '/api/pair', { json: forged })).toMatchObject({ status: 400, body: { code: 'bad_signature' } });
    expect(await anon.request('POST', '/api/pair', { json: { ...forged, extra: 1 } })).toMatchObject({ status: 400, body: { code: 'bad_request' } });
    // The code survived the forged attempt; a real station can still use it.
    expect((await join_('station-b', third)).device.role).toBe('station');
  });

  it('admits only paired devices: no credential, a malformed one and an unknown one are refused', async () => {
    const anon = createCentreLink({ url, fingerprint: centre.fingerprint });
    links.push(anon);
    expect(await anon.request('GET', '/api/whoami')).toMatchObject({ status: 401, body: { code: 'no_credential' } });
    const bad = createCentreLink({ url, fingerprint: centre.fingerprint, credential: 'x' });
    links.push(bad);
    expect(await bad.request('GET', '/api/whoami')).toMatchObject({ status: 401, body: { code: 'bad_credential' } });
    const unknown = createCentreLink({ url, fingerprint: centre.fingerprint, credential: `ldc_${'A'.repeat(43)}` });
    links.push(unknown);
    expect(await unknown.request('GET', '/api/whoami')).toMatchObject({ status: 401, body: { code: 'unknown_credential' } });
    expect(await unknown.request('POST', '/api/uploads', { json: {} })).toMatchObject({ status: 401 });
    const a = await linkOf('station-a');
    expect(await a.request('GET', '/api/whoami')).toMatchObject({ status: 200, body: { device: { name: 'station-a', role: 'station' } } });
  });

  let sessionId = '';
  it('a station uploads its own package; another station can neither read it nor submit it as its own', async () => {
    const pkg = join(dirOf('station-a'), 'evidence', '20261128-163215-b1a7e1');
    cpSync(SAMPLE, pkg, { recursive: true });
    const a = await linkOf('station-a');
    const aKey = await deviceSigner(createFileSecretStore(dirOf('station-a')));
    const member = await memberLink(dirOf('station-a'), createFileSecretStore(dirOf('station-a')));
    const receipt = await uploadPackage(pkg, a, { signer: aKey, sitting: SITTING, centreKey: member?.membership.centre.publicKey ?? null });
    member?.link.close();
    sessionId = receipt.payload.sessionId;
    expect(receipt.centre?.deviceId).toBe(member?.membership.centre.deviceId);
    expect((await a.request('GET', `/api/packages/${sessionId}/files/manifest.json`)).status).toBe(200);

    const b = await linkOf('station-b');
    expect(await b.request('GET', `/api/packages/${sessionId}/files/manifest.json`)).toMatchObject({ status: 403, body: { code: 'not_own' } });
    expect(await b.request('GET', `/api/sittings/${SITTING}/packages`)).toMatchObject({ status: 403, body: { code: 'wrong_role' } });
    // Station b signs a copy of the same session and offers it as its own: refused, a's kept.
    const copy = join(dirOf('station-b'), 'evidence', sessionId);
    cpSync(SAMPLE, copy, { recursive: true });
    const bKey = await deviceSigner(createFileSecretStore(dirOf('station-b')));
    await expect(uploadPackage(copy, b, { signer: bKey, sitting: SITTING, centreKey: null })).rejects.toMatchObject({ code: 'not_your_package' });
    expect((await verifyPackage(join(centreDir, 'evidence', sessionId), {})).seal?.station.deviceId).toBe(aKey.deviceId);
  });

  it('an assessor watches and reads only the sittings it is assigned to, and cannot upload', async () => {
    const c = await code('--role', 'assessor', '--sitting', SITTING);
    const m = await join_('assessor-1', c);
    expect(m.device).toMatchObject({ role: 'assessor', sittings: [SITTING] });
    const x = await linkOf('assessor-1');
    const list = await x.request('GET', `/api/sittings/${SITTING}/packages`);
    expect(list.status).toBe(200);
    expect((list.body as { packages: { sessionId: string }[] }).packages.map((p) => p.sessionId)).toEqual([sessionId]);
    expect((await x.request('GET', `/api/packages/${sessionId}/files/events.jsonl`)).status).toBe(200);
    expect(await x.request('GET', '/api/sittings/s20261204b/packages')).toMatchObject({ status: 403, body: { code: 'not_assigned' } });
    expect(await x.request('POST', '/api/uploads', { json: {} })).toMatchObject({ status: 403, body: { code: 'wrong_role' } });
    // Assigned later from the centre's terminal: takes effect on the running host.
    expect((await cli('centre', 'assign', m.device.deviceId, 's20261204b', '--data-dir', centreDir)).code).toBe(0);
    expect((await x.request('GET', '/api/sittings/s20261204b/packages')).status).toBe(200);
  });

  it('a revoked device is refused at once, and verify flags a package it sends after', async () => {
    const a = await linkOf('station-a');
    const id = ((await a.request('GET', '/api/whoami')).body as { device: { deviceId: string } }).device.deviceId;
    const revoked = await cli('centre', 'revoke', id, '--data-dir', centreDir);
    expect(revoked.code).toBe(0);
    const after = await a.request('GET', '/api/whoami');
    expect(after).toMatchObject({ status: 401, body: { code: 'revoked' } });
    expect(await a.request('POST', '/api/uploads', { json: {} })).toMatchObject({ status: 401, body: { code: 'revoked' } });
    // The key list says so; the package it sent before stays good, flagged as received before.
    const keysOut = await cli('centre', 'keys', '--data-dir', centreDir);
    const keys = DeviceKeyList.parse(JSON.parse(keysOut.out));
    expect(keys.devices.find((d) => d.deviceId === id)?.revokedAt).not.toBeNull();
    const report = await verifyPackage(join(centreDir, 'evidence', sessionId), { keys });
    expect(report.findings.map((f) => f.code)).toEqual(['device_revoked_later']);
    expect((await cli('centre', 'revoke', 'dffffffffffffffff', '--data-dir', centreDir)).code).toBe(2);
  });

  it('an unparseable request line gets 400 and the host goes on', async () => {
    const statusLine = await new Promise<string>((resolve, reject) => {
      const socket = tlsConnect({ host: '127.0.0.1', port: centre.port, rejectUnauthorized: false }, () => socket.write('GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString()));
      socket.on('end', () => resolve(text.split('\r\n')[0] ?? ''));
      socket.on('error', reject);
    });
    expect(statusLine).toBe('HTTP/1.1 400 Bad Request');
    const a = await linkOf('station-b');
    expect((await a.request('GET', '/api/whoami')).status).toBe(200);
    expect(centre.child.exitCode).toBeNull();
  });
});
