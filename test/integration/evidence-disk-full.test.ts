// A full disk mid-recording: the data folder is a 2 MB tmpfs. The write that fails stops the
// recording cleanly: the call says so in Chinese, evidence.stopped tells the trainee, and what
// was recorded is a closed, valid package whose video decodes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPackage } from '../../electron/services/evidence/verify-package.ts';
import { createServices } from '../../electron/services/host.ts';
import { inProcessCall, sendChunk, startSession, syncClock } from '../harness/evidence.ts';
import { requirePeer } from '../harness/peers.ts';
import { ffmpegMissing, makeLiveWebm, probe, sliceChunks } from '../harness/webm.ts';

function tmpfsMissing(): string | null {
  if (process.platform !== 'linux') return 'tmpfs mounts need Linux';
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  return null;
}

const ready = requirePeer('ffmpeg', ffmpegMissing()) && requirePeer('tmpfs (root)', tmpfsMissing());

describe.skipIf(!ready)('disk full', () => {
  let tmp: string;
  let mount: string;
  let mounted = false;

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'livedrill-diskfull-'));
    mount = join(tmp, 'small');
    mkdirSync(mount);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mount]);
    mounted = true;
  });
  afterAll(() => {
    if (mounted) execFileSync('umount', [mount]);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('stops cleanly and leaves a valid package', async () => {
    const chunks = sliceChunks(makeLiveWebm(tmp, 30), 30); // ~3 MB: more than the disk holds
    const services = createServices({ dataDir: mount });
    const stopped: unknown[] = [];
    services.events.subscribe((name, payload) => {
      if (name === 'evidence.stopped') stopped.push(payload);
    });
    const call = inProcessCall(services);
    const sessionId = await startSession(call);
    await syncClock(call, sessionId);
    const startedAt = performance.timeOrigin + performance.now();
    let failure: Error | null = null;
    let sent = 0;
    for (const [i, c] of chunks.entries()) {
      try {
        await sendChunk(call, sessionId, i, c, startedAt);
        sent += 1;
      } catch (error) {
        failure = error as Error;
        break;
      }
    }
    expect(failure?.message).toContain('磁盘已满');
    expect(sent).toBeGreaterThan(3);
    expect(stopped).toEqual([expect.objectContaining({ sessionId, reason: 'disk_full' })]);
    // Further calls are refused with the reason; finishing answers the closed package.
    await expect(sendChunk(call, sessionId, sent + 1, chunks[0] ?? Buffer.alloc(0), startedAt)).rejects.toThrow('录制已停止');
    const summary = (await call('evidence.finish', { sessionId })) as { status: string; stop: { reason: string } };
    expect(summary.stop.reason).toBe('disk_full');
    const dir = join(mount, 'evidence', sessionId);
    const report = await verifyPackage(dir, { deep: true });
    expect(report.findings).toEqual([]);
    expect(report.valid).toBe(true);
    const p = probe(join(dir, 'media/camera.webm'));
    expect(p.durationS).toBeGreaterThan(sent - 1.5);
    expect(p.lastFrameS).toBeGreaterThan(sent - 1.5);
    await services.close();
  });
});
