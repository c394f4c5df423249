// Crash safety for real: the web host runs in a child process and records (chunks over the
// WebSocket, as the renderer sends them); it is killed with SIGKILL at a random moment, ten
// times. A new host on the same data folder recovers each package on start; every package
// verifies (every logged chunk hashed again), its video decodes, and nothing acknowledged
// before the kill is lost: at most the chunk in flight (one second).
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scannedDurationMs, WebmReader } from '../../scenarios/evidence/ebml.ts';
import { verifyPackage } from '../../electron/services/evidence/verify-package.ts';
import { sendChunk, startSession, syncClock } from '../harness/evidence.ts';
import { startHostChild as startHost } from '../harness/host-child.ts';
import { stopChild } from '../harness/obs.ts';
import { requirePeer } from '../harness/peers.ts';
import { ffmpegMissing, makeLiveWebm, probe, sliceChunks } from '../harness/webm.ts';
import { connect, type WsClient } from '../harness/ws-client.ts';

const ready = requirePeer('ffmpeg', ffmpegMissing());
const RUNS = 10;
const SECONDS = 12;

/** Media time (ms) fully inside the first `bytes` bytes of the source file. */
function mediaMsIn(source: Buffer, bytes: number): number {
  const reader = new WebmReader();
  reader.push(source.subarray(0, bytes));
  return scannedDurationMs(reader.end());
}

describe.skipIf(!ready)('crash: SIGKILL of the host mid-recording', () => {
  let tmp: string;
  let source: Buffer;
  let chunks: Buffer[];
  const results: string[] = [];

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'livedrill-crash-'));
    const file = makeLiveWebm(tmp, SECONDS);
    source = readFileSync(file);
    chunks = sliceChunks(file, SECONDS);
  });
  afterAll(() => {
    process.stderr.write(`\ncrash runs:\n${results.join('\n')}\n`);
    rmSync(tmp, { recursive: true, force: true });
  });

  it(`recovers and verifies after ${RUNS} kills at random moments`, async () => {
    for (let run = 0; run < RUNS; run++) {
      const dataDir = join(tmp, `data-${run}`);
      const first = await startHost(dataDir);
      const client: WsClient = await connect(first.url);
      let acked = 0;
      let sentBytes = 0;
      let ackedBytes = 0;
      let ackedInputs = 0;
      // Kill somewhere between "just started" and "nearly done" (a chunk goes about every 80 ms).
      const killAfter = Math.floor(Math.random() * SECONDS * 85);
      const killed = new Promise<void>((resolve) => {
        setTimeout(() => {
          first.child.kill('SIGKILL');
          resolve();
        }, killAfter);
      });
      const recording = (async () => {
        const call = (method: string, input: unknown) => client.call(method, input);
        const sessionId = await startSession(call);
        await syncClock(call, sessionId);
        const startedAt = performance.timeOrigin + performance.now();
        for (const [i, c] of chunks.entries()) {
          sentBytes += c.length;
          await sendChunk(call, sessionId, i, c, startedAt);
          acked += 1;
          ackedBytes += c.length;
          ackedInputs += 1;
          await new Promise((r) => setTimeout(r, 60));
        }
      })().catch(() => undefined);
      await killed;
      await recording;
      client.close();
      await stopChild(first.child, 'SIGKILL', 1000);

      // The next start recovers it.
      const second = await startHost(dataDir);
      const after = await connect(second.url);
      try {
        const list = (await after.call('evidence.list', {})) as { sessionId: string; status: string; durationMs: number | null }[];
        const names = readdirSync(join(dataDir, 'evidence')).filter((n) => /^\d{8}-/.test(n));
        if (names.length === 0) {
          results.push(`run ${run}: killed at ${killAfter} ms before a package existed`);
          continue;
        }
        expect(list).toHaveLength(1);
        const entry = list[0];
        expect(entry?.status).toBe('recovered');
        const verdict = (await after.call('evidence.verify', { sessionId: entry?.sessionId })) as { valid: boolean; findings: { code: string }[] };
        // Killed before the first chunk reached the disk (none acknowledged): no media, said as a warning.
        const noMedia = (f: { code: string }) => acked === 0 && f.code === 'media_none';
        expect(verdict.valid).toBe(true);
        expect(verdict.findings.filter((f) => !noMedia(f))).toEqual([]);
        const dir = join(dataDir, 'evidence', entry?.sessionId ?? '');
        const deep = await verifyPackage(dir, { deep: true });
        expect(deep.findings.filter((f) => !noMedia(f))).toEqual([]);
        const lines = readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n');
        expect(lines.filter((l) => l.includes('"type":"engine.input"')).length).toBeGreaterThanOrEqual(ackedInputs);
        const ackedMs = mediaMsIn(source, ackedBytes);
        const sentMs = mediaMsIn(source, sentBytes);
        const recoveredMs = entry?.durationMs ?? 0;
        if (acked > 0) {
          const p = probe(join(dir, 'media/camera.webm'));
          expect(p.durationS * 1000).toBeCloseTo(recoveredMs, -1);
          expect(p.lastFrameS * 1000).toBeGreaterThanOrEqual(ackedMs - 100);
          // Nothing acknowledged is lost; of what was sent, at most the chunk in flight.
          expect(recoveredMs).toBeGreaterThanOrEqual(ackedMs - 50);
          expect(sentMs - recoveredMs).toBeLessThanOrEqual(1100);
        }
        results.push(`run ${run}: killed at ${killAfter} ms · ${acked}/${chunks.length} chunks acked · acked ${ackedMs.toFixed(0)} ms, sent ${sentMs.toFixed(0)} ms, recovered ${recoveredMs.toFixed(0)} ms · lost ${Math.max(0, sentMs - recoveredMs).toFixed(0)} ms`);
      } finally {
        after.close();
        await stopChild(second.child, 'SIGTERM', 5000);
      }
    }
    expect(results.filter((r) => r.includes('recovered')).length).toBeGreaterThanOrEqual(RUNS - 2);
  }, 300_000);

  it('a kill while the package is being closed is finished on the next start', async () => {
    const outcomes: string[] = [];
    for (let run = 0; run < 6; run++) {
      const dataDir = join(tmp, `closing-${run}`);
      const first = await startHost(dataDir);
      const client = await connect(first.url);
      const call = (method: string, input: unknown) => client.call(method, input);
      const sessionId = await startSession(call);
      const startedAt = performance.timeOrigin + performance.now();
      for (const [i, c] of chunks.slice(0, 6).entries()) await sendChunk(call, sessionId, i, c, startedAt);
      const finishing = call('evidence.finish', { sessionId }).catch(() => null);
      await new Promise((r) => setTimeout(r, run * 4)); // 0–20 ms into the close
      first.child.kill('SIGKILL');
      await finishing;
      client.close();
      await stopChild(first.child, 'SIGKILL', 1000);
      const second = await startHost(dataDir);
      const after = await connect(second.url);
      try {
        const list = (await after.call('evidence.list', {})) as { status: string }[];
        expect(['complete', 'recovered']).toContain(list[0]?.status);
        const deep = await verifyPackage(join(dataDir, 'evidence', sessionId), { deep: true });
        expect(deep.findings).toEqual([]);
        expect(probe(join(dataDir, 'evidence', sessionId, 'media/camera.webm')).lastFrameS).toBeGreaterThan(5);
        outcomes.push(list[0]?.status ?? '?');
      } finally {
        after.close();
        await stopChild(second.child, 'SIGTERM', 5000);
      }
    }
    results.push(`killed while closing: ${outcomes.join(', ')}`);
  }, 300_000);
});
