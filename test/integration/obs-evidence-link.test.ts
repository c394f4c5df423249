// A session recorded with a real OBS connected: OBS's recording runs with the session and is
// referenced (with its SHA-256) in the manifest, and OBS's events land in the hash-chained log.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../electron/services/host.ts';
import { verifyPackage } from '../../electron/services/evidence/verify-package.ts';
import { inProcessCall, sendChunk, startSession, syncClock } from '../harness/evidence.ts';
import { obsMissing, sleep, startObs, type ObsInstance } from '../harness/obs.ts';
import { requirePeer } from '../harness/peers.ts';
import { ffmpegMissing, makeLiveWebm, sliceChunks } from '../harness/webm.ts';

const runs = requirePeer('OBS Studio (integration: obs-evidence-link)', obsMissing()) && requirePeer('ffmpeg', ffmpegMissing());

describe.skipIf(!runs)('OBS linked to an evidence session', () => {
  let obs: ObsInstance;
  let tmp: string;
  let services: Services;

  beforeAll(async () => {
    obs = await startObs({ password: 'testpass123' });
    tmp = mkdtempSync(join(tmpdir(), 'livedrill-link-'));
    services = createServices({ dataDir: join(tmp, 'data') });
  });
  afterAll(async () => {
    await (services as Services | undefined)?.close();
    await (obs as ObsInstance | undefined)?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('records OBS with the session, references its file with a hash, and logs OBS events', async () => {
    const call = inProcessCall(services);
    const state = (await call('obs.connect', { url: obs.url, password: 'testpass123' })) as { phase: string };
    expect(state.phase).toBe('connected');
    const chunks = sliceChunks(makeLiveWebm(tmp, 4), 4);
    const sessionId = await startSession(call);
    const startedAt = performance.timeOrigin + performance.now();
    await syncClock(call, sessionId);
    for (const [i, chunk] of chunks.entries()) {
      await sendChunk(call, sessionId, i, chunk, startedAt);
      await sleep(700);
    }
    await call('evidence.finish', { sessionId });

    const dir = join(tmp, 'data', 'evidence', sessionId);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { external: { role: string; path: string; sha256: string | null; size: number | null }[] };
    expect(manifest.external).toHaveLength(1);
    const [file] = manifest.external;
    expect(file?.role).toBe('obs');
    expect(file?.path.startsWith(obs.recordingsDir)).toBe(true);
    expect(file?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(file?.size).toBeGreaterThan(0);

    const types = readFileSync(join(dir, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { type: string }).type);
    expect(types).toContain('obs.telemetry');
    expect(types).toContain('obs.recording');
    const report = await verifyPackage(dir, { deep: true });
    expect(report.findings).toEqual([]);
    expect(report.valid).toBe(true);
  });
});
