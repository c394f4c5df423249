// A page that went away mid-session (a reload) and came back (issue 10 item 2), on the real disk:
// the live session is offered once the page is clearly gone, resuming it closes the cut-off
// segment (media/camera.webm, its tail kept), logs session.resumed at the last logged moment and
// records on as media/camera-2.webm; the logged engine inputs come back to rebuild from; the
// finished package verifies (every logged chunk of both segments hashed again) and both files
// decode. Declining closes the package as cut off (recovered), as the idle close does.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPackage } from '../../electron/services/evidence/verify-package.ts';
import { createEvidenceService } from '../../electron/services/evidence/service.ts';
import { createEventHub } from '../../electron/services/events.ts';
import { requirePeer } from '../harness/peers.ts';
import { ffmpegMissing, makeLiveWebm, probe, sliceChunks } from '../harness/webm.ts';

const ready = requirePeer('ffmpeg', ffmpegMissing());
const ctx = { transport: 'websocket' } as const;

describe.skipIf(!ready)('resuming a session whose page went away', () => {
  let tmp: string;
  let chunks: Buffer[];
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'livedrill-resume-'));
    chunks = sliceChunks(makeLiveWebm(tmp, 4), 4);
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  async function liveSession(name: string) {
    const service = createEvidenceService({ dataDir: join(tmp, name), events: createEventHub() });
    const h = service.handlers;
    const { sessionId } = await h['evidence.start']({ scenarioId: 'b5-navel-orange-quick', scenarioHash: '', seed: 7, candidate: { id: 'a', name: '张三' }, station: '' }, ctx);
    await h['evidence.append']({ sessionId, records: [{ type: 'engine.session', t: 0, data: { options: { obs: false } } }] }, ctx);
    for (const [i, c] of chunks.slice(0, 3).entries()) {
      await h['evidence.chunk']({ sessionId, index: i, data: c.toString('base64'), ...(i === 0 ? { startedAt: performance.timeOrigin + performance.now(), mimeType: 'video/webm' } : {}) }, ctx);
      await h['evidence.append']({ sessionId, records: [{ type: 'engine.input', t: i * 1000 + 500, data: { input: { type: 'tick', t: i * 1000 + 500 } } }] }, ctx);
    }
    return { service, h, sessionId, dir: join(tmp, name, 'evidence', sessionId) };
  }

  it('offers, resumes as a second segment, finishes, verifies', { timeout: 60_000 }, async () => {
    const { service, h, sessionId, dir } = await liveSession('resume');
    // Still live a moment ago: not yet offered as left, and not resumable from another page.
    await expect(h['evidence.resume']({ sessionId }, ctx)).rejects.toThrow('仍在另一个页面');
    const offered = await h['evidence.resumable']({}, ctx);
    expect(offered).toEqual([expect.objectContaining({ sessionId, scenarioId: 'b5-navel-orange-quick', atMs: 2500 })]);
    const point = await h['evidence.resume']({ sessionId }, ctx);
    expect(point).toMatchObject({ sessionId, scenarioId: 'b5-navel-orange-quick', seed: 7, segment: 1, options: { obs: false } });
    // The last moment the page logged (2.5 s), or the end of the segment closed, if later.
    expect(point.resumeAt).toBeGreaterThanOrEqual(2500);
    expect(point.inputs).toEqual([0, 1, 2].map((i) => ({ type: 'tick', t: i * 1000 + 500 })));
    // Recording goes on as the next segment; records on the session timeline after resumeAt.
    for (const [i, c] of chunks.entries()) {
      await h['evidence.chunk']({ sessionId, index: i, data: c.toString('base64'), ...(i === 0 ? { startedAt: performance.timeOrigin + performance.now(), mimeType: 'video/webm' } : {}) }, ctx);
      await h['evidence.append']({ sessionId, records: [{ type: 'engine.input', t: point.resumeAt + i * 1000 + 500, data: { input: { type: 'tick', t: point.resumeAt + i * 1000 + 500 } } }] }, ctx);
    }
    const summary = await h['evidence.finish']({ sessionId }, ctx);
    expect(summary.status).toBe('complete');
    const report = await verifyPackage(dir, { deep: true });
    expect(report.findings).toEqual([]);
    expect(report.files.map((f) => f.path)).toEqual(expect.arrayContaining(['media/camera.webm', 'media/camera-2.webm']));
    const log = readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { t: number; type: string; data: Record<string, unknown> });
    const resumed = log.find((r) => r.type === 'session.resumed');
    expect(resumed?.data).toMatchObject({ resumeAt: point.resumeAt, segment: 1 });
    const firstEnd = log.find((r) => r.type === 'media.final' && r.data.path === 'media/camera.webm')?.data.durationMs as number;
    expect(point.resumeAt).toBe(Math.max(2500, firstEnd));
    expect(log.filter((r) => r.type === 'media.start').map((r) => [r.t, r.data.path, r.data.offsetMs])).toEqual([
      [0, 'media/camera.webm', undefined],
      [point.resumeAt, 'media/camera-2.webm', point.resumeAt],
    ]);
    expect(log.filter((r) => r.type === 'media.final').map((r) => r.data.path)).toEqual(['media/camera.webm', 'media/camera-2.webm']);
    expect(probe(join(dir, 'media/camera.webm')).durationS).toBeGreaterThan(1.5);
    expect(probe(join(dir, 'media/camera-2.webm')).durationS).toBeGreaterThan(3);
    expect(await h['evidence.resumable']({}, ctx)).toEqual([]);
    await service.close();
  });

  it('declined: the package is closed as cut off and verifies', { timeout: 60_000 }, async () => {
    const { service, h, sessionId, dir } = await liveSession('decline');
    expect((await h['evidence.resumable']({}, ctx)).map((s) => s.sessionId)).toEqual([sessionId]);
    const summary = await h['evidence.abandon']({ sessionId }, ctx);
    expect(summary).toMatchObject({ status: 'recovered', stop: { reason: 'crash' } });
    expect((await verifyPackage(dir, { deep: true })).findings).toEqual([]);
    expect(await h['evidence.resumable']({}, ctx)).toEqual([]);
    await service.close();
  });
});
