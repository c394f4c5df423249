// Evidence upload speed: a ~256 MB package (real 1-second MediaRecorder chunks padded to the
// size of 720p at 2.5 Mbit/s) sent station → centre over loopback in 4 MiB hash-checked chunks,
// fsynced by the centre every 32 MiB, then verified whole and countersigned, against `cp -r` of the
// same package to the same disk (goal ≥ 50 % of cp's speed).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DEVICE_KEYS_FORMAT, type DeviceKeyList } from '../../scenarios/evidence/seal.ts';
import { createServices } from '../../electron/services/host.ts';
import { createCentreLink } from '../../electron/services/network/centre-link.ts';
import { newDevicePem, signerFromPem } from '../../electron/services/network/device-key.ts';
import { uploadPackage } from '../../electron/services/network/upload-client.ts';
import { inProcessCall, startSession, syncClock } from '../../test/harness/evidence.ts';
import { startUploadCentre } from '../../test/harness/upload-centre.ts';

const chunkDir = fileURLToPath(new URL('../../test/fixtures/evidence/chrome-chunks/', import.meta.url));
const chunks = [0, 1, 2, 3, 4].map((i) => readFileSync(`${chunkDir}chunk${i}.bin`));
const tmp = mkdtempSync(join(tmpdir(), 'livedrill-bench-upload-'));

try {
  const services = createServices({ dataDir: join(tmp, 'station') });
  const call = inProcessCall(services);
  const sessionId = await startSession(call);
  await syncClock(call, sessionId);
  const startedAt = performance.timeOrigin + performance.now();
  for (let i = 0; i <= 800; i++) {
    let c = i === 0 ? (chunks[0] ?? Buffer.alloc(0)) : (chunks[1 + ((i - 1) % 4)] ?? Buffer.alloc(0));
    if (i > 0) c = Buffer.concat([c, Buffer.alloc(250 * 1024, i % 251)]);
    await call('evidence.chunk', { sessionId, index: i, data: c.toString('base64'), ...(i === 0 ? { startedAt, mimeType: 'video/webm;codecs=vp8,opus' } : {}) });
  }
  await call('evidence.finish', { sessionId });
  await services.close();
  const dir = join(tmp, 'station', 'evidence', sessionId);
  const size = Number(execFileSync('du', ['-sb', dir]).toString().split('\t')[0]);
  const mb = size / 1024 / 1024;

  const station = signerFromPem(newDevicePem());
  const centrePem = newDevicePem();
  const centre = signerFromPem(centrePem);
  const keys: DeviceKeyList = {
    format: DEVICE_KEYS_FORMAT,
    centre: { deviceId: centre.deviceId, publicKey: centre.publicKey },
    devices: [{ deviceId: station.deviceId, role: 'station', name: 'bench', publicKey: station.publicKey, pairedAt: new Date().toISOString(), revokedAt: null }],
  };
  // Warm the page cache the same way for both.
  execFileSync('sh', ['-c', `cat ${dir}/media/* > /dev/null`]);

  const cpTimes: number[] = [];
  const upTimes: number[] = [];
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    execFileSync('cp', ['-r', dir, join(tmp, `cp${round}`)]);
    execFileSync('sync');
    cpTimes.push(performance.now() - t0);
    rmSync(join(tmp, `cp${round}`), { recursive: true, force: true });

    const server = await startUploadCentre({ dataDir: join(tmp, `centre${round}`), port: 0, centrePem, keys, tokens: { t: station.deviceId } });
    const link = createCentreLink({ url: `http://127.0.0.1:${server.port}`, credential: 't' });
    const t1 = performance.now();
    await uploadPackage(dir, link, { signer: station, sitting: null, centreKey: centre.publicKey });
    upTimes.push(performance.now() - t1);
    link.close();
    await server.close();
    rmSync(join(tmp, `centre${round}`), { recursive: true, force: true });
    // The next round uploads again from scratch: drop the receipt, keep the station's seal.
    const seal = JSON.parse(readFileSync(join(dir, 'seal.json'), 'utf8')) as { centre: unknown };
    seal.centre = null;
    writeFileSync(join(dir, 'seal.json'), `${JSON.stringify(seal, null, 2)}\n`);
  }
  const cp = Math.min(...cpTimes);
  const up = Math.min(...upTimes);
  console.log(
    `upload ${mb.toFixed(0)} MiB package over loopback HTTP (4 MiB chunks, each hashed, fsynced every 32 MiB and at each file end, then verified whole and countersigned), best of 3: ` +
      `${up.toFixed(0)} ms (${(mb / (up / 1000)).toFixed(0)} MiB/s) · cp -r + sync ${cp.toFixed(0)} ms (${(mb / (cp / 1000)).toFixed(0)} MiB/s) → ${((cp / up) * 100).toFixed(0)} % of cp's speed (goal ≥ 50 %)`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
