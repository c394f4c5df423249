// A real package on the real disk through the contract: it verifies, its video decodes for its
// full length, and one changed byte in any file, a removed, reordered or edited record, an
// extra or missing file are all found and located. Export and import round-trip; import
// refuses path traversal and a tampered archive. The CLI's exit codes.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceCommand } from '../../electron/cli/evidence.ts';
import { exportPackage, importArchive } from '../../electron/services/evidence/archive.ts';
import { readLog } from '../../electron/services/evidence/close.ts';
import { LogWriter } from '../../electron/services/evidence/log-writer.ts';
import { closeWebm } from '../../electron/services/evidence/media-file.ts';
import { recoverOne } from '../../electron/services/evidence/recovery.ts';
import { verifyPackage } from '../../electron/services/evidence/verify-package.ts';
import { createEvidenceService } from '../../electron/services/evidence/service.ts';
import { createEventHub } from '../../electron/services/events.ts';
import { createServices, type Services } from '../../electron/services/host.ts';
import { inProcessCall, recordAll, sendChunk, startSession } from '../harness/evidence.ts';
import { requirePeer } from '../harness/peers.ts';
import { ffmpegMissing, makeLiveWebm, probe, sliceChunks } from '../harness/webm.ts';

const ready = requirePeer('ffmpeg', ffmpegMissing());

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe.skipIf(!ready)('evidence package on disk', () => {
  let tmp: string;
  let services: Services;
  let pkg: string;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'livedrill-evidence-'));
    const chunks = sliceChunks(makeLiveWebm(tmp, 6), 6);
    services = createServices({ dataDir: join(tmp, 'data') });
    const sessionId = await recordAll(inProcessCall(services), chunks);
    pkg = join(tmp, 'data', 'evidence', sessionId);
  });
  afterAll(async () => {
    await services.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  /** A fresh copy of the package to damage. */
  function copy(): string {
    const dir = mkdtempSync(join(tmp, 'copy-'));
    cpSync(pkg, dir, { recursive: true });
    return dir;
  }

  it('verifies, and the video decodes for its full length', async () => {
    const report = await verifyPackage(pkg, { deep: true });
    expect(report.findings).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.status).toBe('complete');
    const manifest = JSON.parse(readFileSync(join(pkg, 'manifest.json'), 'utf8')) as { files: { path: string }[]; clock: { offsets: unknown[] }; media: { camera: { durationMs: number } } };
    expect(manifest.files.map((f) => f.path)).toEqual(['checks/device-check.json', 'events.jsonl', 'media/camera.webm']);
    expect(manifest.clock.offsets).toHaveLength(1);
    const p = probe(join(pkg, 'media/camera.webm'));
    expect(p.durationS).toBeCloseTo(manifest.media.camera.durationMs / 1000, 2);
    expect(p.durationS).toBeGreaterThan(5.9);
    expect(p.videoFrames).toBe(180);
    expect(p.lastFrameS).toBeGreaterThan(5.9);
    // Seekable: a frame from the middle decodes directly.
    execFileSync('ffmpeg', ['-v', 'error', '-ss', '3.5', '-i', join(pkg, 'media/camera.webm'), '-frames:v', '1', '-f', 'null', '-']);
  });

  it('one changed byte anywhere in the media is located to its chunk', async () => {
    const media = join(pkg, 'media/camera.webm');
    const size = statSync(media).size;
    for (const at of [40, Math.floor(size * 0.3), Math.floor(size * 0.77), size - 3]) {
      const dir = copy();
      const file = join(dir, 'media/camera.webm');
      const bytes = readFileSync(file);
      bytes[at] = (bytes[at] ?? 0) ^ 0x01;
      writeFileSync(file, bytes);
      const report = await verifyPackage(dir);
      expect(report.valid).toBe(false);
      expect(report.findings).toContainEqual(expect.objectContaining({ code: 'file_changed', file: 'media/camera.webm' }));
      const located = report.findings.find((f) => f.code === 'media_chunk_changed' || f.code === 'media_patch_changed');
      expect(located, `byte ${at}`).toBeDefined();
      expect(located?.offset).toBeLessThanOrEqual(at);
    }
  });

  it('one changed byte in events.jsonl, manifest.json or checks/ is found and located', async () => {
    for (const name of ['events.jsonl', 'manifest.json', 'checks/device-check.json']) {
      const size = statSync(join(pkg, name)).size;
      for (let k = 0; k < 12; k++) {
        const at = Math.floor(((k + 0.5) / 12) * size);
        const dir = copy();
        const file = join(dir, name);
        const bytes = readFileSync(file);
        bytes[at] = bytes[at] === 0x20 ? 0x21 : bytes[at] === 0x0a ? 0x20 : (bytes[at] ?? 0) ^ 0x02;
        writeFileSync(file, bytes);
        const report = await verifyPackage(dir);
        expect(report.valid, `${name} byte ${at}`).toBe(false);
        expect(report.findings.some((f) => f.file === name)).toBe(true);
        if (name === 'events.jsonl') expect(report.findings.some((f) => f.line !== undefined)).toBe(true);
      }
    }
  });

  it('a removed, reordered or edited record is found at its line', async () => {
    const cases: [string, (lines: string[]) => void, string][] = [
      ['removed', (l) => l.splice(5, 1), 'seq_mismatch'],
      ['reordered', (l) => ([l[5], l[6]] = [l[6] ?? '', l[5] ?? '']), 'seq_mismatch'],
      ['edited', (l) => (l[5] = (l[5] ?? '').replace('"kind":"tick"', '"kind":"tock"')), 'hash_mismatch'],
    ];
    for (const [what, change, code] of cases) {
      const dir = copy();
      const file = join(dir, 'events.jsonl');
      const lines = readFileSync(file, 'utf8').split('\n');
      change(lines);
      writeFileSync(file, lines.join('\n'));
      const report = await verifyPackage(dir);
      expect(report.valid, what).toBe(false);
      expect(report.findings, what).toContainEqual(expect.objectContaining({ code, file: 'events.jsonl', line: 6 }));
    }
  });

  it('an extra file and a missing file are named', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'media', 'extra.webm'), 'x');
    rmSync(join(dir, 'checks', 'device-check.json'));
    const report = await verifyPackage(dir);
    expect(report.findings).toContainEqual(expect.objectContaining({ code: 'file_unlisted', file: 'media/extra.webm' }));
    expect(report.findings).toContainEqual(expect.objectContaining({ code: 'file_missing', file: 'checks/device-check.json' }));
    // Score sheets come after the session and have their own ledger: not the manifest's business.
    const scored = copy();
    mkdirSync(join(scored, 'scores'));
    writeFileSync(join(scored, 'scores', 'a1b2c3d4e5.json'), '{}');
    writeFileSync(join(scored, 'scores', 'ledger.jsonl'), '{}\n');
    expect((await verifyPackage(scored)).findings).toEqual([]);
  });

  it('the renderer cannot forge package records, pass a path or send chunks out of order', async () => {
    const call = inProcessCall(services);
    const { sessionId } = (await call('evidence.start', { scenarioId: 'x', scenarioHash: '', seed: 1, candidate: { id: 'a', name: '' } })) as { sessionId: string };
    await expect(call('evidence.append', { sessionId, records: [{ type: 'session.end', data: {} }] })).rejects.toThrow('records.0.type');
    await expect(call('evidence.check', { sessionId, name: '../../etc/passwd', record: {} })).rejects.toThrow('name');
    await expect(call('evidence.chunk', { sessionId, index: 1, data: 'AAAA' })).rejects.toThrow('期望第 0 段');
    await expect(call('evidence.verify', { sessionId: '../x' })).rejects.toThrow('sessionId');
    await call('evidence.finish', { sessionId });
    await expect(call('evidence.append', { sessionId, records: [{ type: 'ui.note', data: 1 }] })).rejects.toThrow('没有正在录制的会话');
  });

  it('a page that stops sending chunks (closed, crashed) gets its package closed', async () => {
    const events = createEventHub();
    const stopped: unknown[] = [];
    events.subscribe((name, payload) => stopped.push({ name, payload }));
    const dataDir = join(tmp, 'idle');
    const service = createEvidenceService({ dataDir, events, idleTimeoutMs: 400 });
    const handlers = service.handlers;
    const ctx = { transport: 'websocket' } as const;
    const { sessionId } = await handlers['evidence.start']({ scenarioId: 'x', scenarioHash: '', seed: 1, candidate: { id: 'a', name: '' }, station: '' }, ctx);
    const chunks = sliceChunks(makeLiveWebm(tmp, 3, 'idle.webm'), 3);
    await handlers['evidence.chunk']({ sessionId, index: 0, data: chunks[0]?.toString('base64') ?? '', startedAt: 0, mimeType: 'video/webm' }, ctx);
    await handlers['evidence.chunk']({ sessionId, index: 1, data: chunks[1]?.toString('base64') ?? '' }, ctx);
    await new Promise((r) => setTimeout(r, 1500));
    expect(stopped).toContainEqual({ name: 'evidence.stopped', payload: expect.objectContaining({ sessionId, reason: 'crash' }) as unknown });
    const summary = await handlers['evidence.finish']({ sessionId }, ctx);
    expect(summary.status).toBe('recovered');
    expect((await verifyPackage(join(dataDir, 'evidence', sessionId), { deep: true })).findings).toEqual([]);
    await service.close();
  });

  it('a close interrupted after its write-ahead record is finished by recovery', async () => {
    const call = inProcessCall(services);
    const sessionId = await startSession(call);
    const chunks = sliceChunks(makeLiveWebm(tmp, 4, 'interrupted.webm'), 4);
    for (const [i, c] of chunks.entries()) await sendChunk(call, sessionId, i, c, 0);
    const live = join(tmp, 'data', 'evidence', sessionId);
    for (const crashAt of ['after-record', 'before-patches'] as const) {
      // A copy of the package as a crash mid-recording leaves it (the files, lock and all).
      const dir = mkdtempSync(join(tmp, `interrupted-${crashAt}-`));
      cpSync(live, dir, { recursive: true });
      const { summary } = await readLog(dir);
      const log = await LogWriter.open(join(dir, 'events.jsonl'), { seq: summary.records, head: summary.head ?? '' });
      const last = summary.chunks.at(-1);
      const camera = join(dir, 'media/camera.webm');
      const pristine = readFileSync(camera);
      const final = await closeWebm(camera, 'media/camera.webm', (last?.offset ?? 0) + (last?.size ?? 0), async (data) => {
        await log.append({ t: 0, wall: Date.now(), type: 'media.final', data });
        if (crashAt === 'after-record') throw new Error('simulated crash');
      }).catch(() => null);
      await log.close();
      if (crashAt === 'before-patches' && final) {
        // The Cues were appended, the header patches never written.
        const bytes = readFileSync(camera);
        pristine.copy(bytes, 0, 0, pristine.length);
        writeFileSync(camera, bytes);
      }
      await recoverOne(dir, sessionId);
      const report = await verifyPackage(dir, { deep: true });
      expect(report.findings, crashAt).toEqual([]);
      expect(report.status).toBe('recovered');
      expect(probe(camera).lastFrameS).toBeGreaterThan(3.5);
    }
    await call('evidence.finish', { sessionId });
  });

  it('CLI verify: 0 valid, 1 invalid with the place, 2 unusable', async () => {
    const ok = capture();
    expect(await evidenceCommand(['verify', pkg], ok.io)).toBe(0);
    expect(ok.out.join('\n')).toContain('VALID');
    const dir = copy();
    const file = join(dir, 'events.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[3] = (lines[3] ?? '').replace('"t":', '"t": ');
    writeFileSync(file, lines.join('\n'));
    const bad = capture();
    expect(await evidenceCommand(['verify', dir, '--json'], bad.io)).toBe(1);
    const report = JSON.parse(bad.out.join('')) as { valid: boolean; findings: { file: string; line?: number; code: string }[] };
    expect(report.valid).toBe(false);
    expect(report.findings).toContainEqual(expect.objectContaining({ file: 'events.jsonl', line: 4, code: 'not_canonical' }));
    const none = capture();
    expect(await evidenceCommand(['verify', join(tmp, 'nope')], none.io)).toBe(2);
    expect(none.err.join('')).toContain('不是一个文件夹');
    expect(await evidenceCommand(['verify', tmp], capture().io)).toBe(2);
  });

  it('export → import round-trips; import refuses traversal and tampering', async () => {
    const sessionId = readdirSync(join(tmp, 'data', 'evidence')).find((n) => /^\d{8}-/.test(n)) ?? '';
    const archive = await exportPackage(pkg, sessionId, join(tmp, 'out', `${sessionId}.tar`));
    // Any tar lists it.
    const listing = execFileSync('tar', ['-tf', archive.file], { encoding: 'utf8' }).trim().split('\n');
    expect(listing[0]).toBe(`${sessionId}/manifest.json`);
    const other = join(tmp, 'other-data');
    const cli = capture();
    expect(await evidenceCommand(['import', archive.file, '--data-dir', other], cli.io)).toBe(0);
    expect((await verifyPackage(join(other, 'evidence', sessionId), { deep: true })).valid).toBe(true);
    await expect(importArchive(archive.file, join(other, 'evidence'))).rejects.toThrow('已存在');

    // A byte changed inside the archive's video: refused, nothing left behind.
    const tampered = readFileSync(archive.file);
    const mid = Math.floor(tampered.length / 2);
    tampered[mid] = (tampered[mid] ?? 0) ^ 0x10;
    writeFileSync(join(tmp, 'tampered.tar'), tampered);
    const third = join(tmp, 'third-data', 'evidence');
    await expect(importArchive(join(tmp, 'tampered.tar'), third)).rejects.toThrow('未通过校验');
    expect(readdirSync(third)).toEqual([]);

    // A path-traversal entry, written by GNU tar: refused before anything is written.
    const evil = mkdtempSync(join(tmp, 'evil-'));
    writeFileSync(join(evil, 'x.json'), '{}');
    execFileSync('tar', ['-cf', join(tmp, 'evil.tar'), '-C', evil, '--transform', `s,^,${sessionId}/../../,`, 'x.json']);
    await expect(importArchive(join(tmp, 'evil.tar'), third)).rejects.toThrow('路径');
    execFileSync('tar', ['-cf', join(tmp, 'link.tar'), '-C', evil, '--transform', `s,^,${sessionId}/checks/,`, 'x.json']);
    expect((await importArchive(join(tmp, 'link.tar'), third).catch((e: unknown) => e)) instanceof Error).toBe(true);
    expect(readdirSync(third)).toEqual([]);
  });
});
