// Closing a package from what is on disk. The normal end, a stop on a full disk and crash
// recovery all come here, so there is one way a package gets its end: the log is read back
// (a cut last line dropped), the WebM closed (seekable, its real duration), every file hashed
// by streaming, session.end appended, and the manifest replaced atomically.
import { open, readFile, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeToSessionTime } from '../../../scenarios/evidence/clock.ts';
import { EVENTS_FILE, isAfterSessionPath, MANIFEST_FILE, type ExternalFile } from '../../../scenarios/evidence/manifest.ts';
import type { FileDigest, MediaFinalData, StopReason } from '../../../scenarios/evidence/record.ts';
import { EventsVerifier, type ChainSummary } from '../../../scenarios/evidence/verify.ts';
import { LogWriter } from './log-writer.ts';
import { closeWebm, redoClose } from './media-file.ts';
import { buildManifest, listFiles, readManifest, removeHelpers, writeManifest } from './package-dir.ts';
import { fsyncDir, streamFile } from '../platform/fs.ts';
import { hashFile, nodeHasher } from '../platform/hash.ts';
import type { Manifest } from '../../../scenarios/evidence/manifest.ts';

export interface CloseOptions {
  reason: StopReason;
  message: string;
  /** Crash recovery or a stop on a write error: log session.recovered with the gap. */
  recovered: boolean;
  external?: ExternalFile[];
}

export class PackageDamaged extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageDamaged';
  }
}

/** Reads events.jsonl, drops a cut last line (returns how many bytes), and summarises it. */
export async function readLog(dir: string): Promise<{ summary: ChainSummary; dropped: number; verifier: EventsVerifier }> {
  const path = join(dir, EVENTS_FILE);
  const size = (await stat(path)).size;
  const lastNewline = await findLastNewline(path, size);
  const keep = lastNewline + 1;
  if (keep < size) {
    await truncate(path, keep);
  }
  const verifier = new EventsVerifier(nodeHasher);
  await forEachLine(path, (line, n) => verifier.line(line, n));
  const summary = verifier.end(true);
  return { summary, dropped: size - keep, verifier };
}

async function findLastNewline(path: string, size: number): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    for (let end = size; end > 0; ) {
      const start = Math.max(0, end - buffer.length);
      const { bytesRead } = await handle.read(buffer, 0, end - start, start);
      const at = buffer.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (at >= 0) return start + at;
      end = start;
    }
    return -1;
  } finally {
    await handle.close();
  }
}

/** Calls back once per line (1-based numbers), in order, streaming the file; a last line
 *  without its newline is passed too, and reported by endsWithNewline. */
export async function forEachLine(path: string, onLine: (line: string, n: number) => Promise<void>): Promise<{ endsWithNewline: boolean; lines: number }> {
  let carry: Buffer = Buffer.alloc(0);
  let n = 0;
  await streamFile(path, async (bytes) => {
    const data = carry.length > 0 ? Buffer.concat([carry, bytes]) : Buffer.from(bytes);
    let from = 0;
    for (let at = data.indexOf(0x0a); at >= 0; at = data.indexOf(0x0a, from)) {
      n += 1;
      await onLine(data.toString('utf8', from, at), n);
      from = at + 1;
    }
    carry = Buffer.from(data.subarray(from));
  });
  const endsWithNewline = carry.length === 0;
  if (!endsWithNewline) await onLine(carry.toString('utf8'), n + 1);
  return { endsWithNewline, lines: n + (endsWithNewline ? 0 : 1) };
}

export async function closePackage(dir: string, options: CloseOptions): Promise<Manifest> {
  const before = await readManifest(dir);
  if (!before) throw new PackageDamaged(`${join(dir, MANIFEST_FILE)}: 无法读取 manifest.json`);
  if (before.status !== 'recording') return before;
  const { summary, dropped, verifier } = await readLog(dir);
  const broken = verifier.findings.filter((f) => f.code !== 'partial_line');
  if (broken.length > 0 || !summary.start || summary.head === null) {
    throw new PackageDamaged(`${join(dir, EVENTS_FILE)}: 日志损坏，无法安全恢复: ${broken.map((f) => f.message).join('; ') || '没有 session.start'}`);
  }
  // A close that a crash interrupted is finished from where the log says it got to: each step
  // below happens once (session.recovered, media.final, session.end).
  const log = await LogWriter.open(join(dir, EVENTS_FILE), { seq: summary.records, head: summary.head });
  try {
    const now = Date.now();
    // The recording's segments (one, or more after a resume): the last one is the one live now.
    const segments = summary.segments;
    const last = segments.at(-1);
    const offsets = summary.clock.map((c) => ({ at: (c.nodeReceivedAt + c.nodeSentAt) / 2, offsetMs: c.offsetMs, rttMs: c.rttMs }));
    let lastEnd = last?.final ? (last.start.offsetMs ?? 0) + last.final.durationMs : null;
    // Records written while closing: at "now" on the media timeline when the session is live,
    // at its last moment when recovering (the renderer's clock of that run is gone).
    const lastMoment = () => Math.max(summary.lastT ?? 0, lastEnd ?? 0);
    const t = () =>
      options.recovered || last === undefined
        ? lastMoment()
        : Math.max(lastMoment(), (last.start.offsetMs ?? 0) + nodeToSessionTime(performance.timeOrigin + performance.now(), last.start.startedAt, offsets));
    if (options.recovered && !summary.recovered && !summary.end) {
      const gapMs = now - (summary.lastWall ?? now);
      await log.append({
        t: t(),
        wall: now,
        type: 'session.recovered',
        data: { at: now, lastSeq: summary.records - 1, lastT: summary.lastT ?? 0, lastWall: summary.lastWall ?? now, gapMs, droppedEventBytes: dropped },
      });
    }
    for (const segment of segments) {
      const final = await closeSegment(dir, segment, summary, async (f) => {
        await log.append({ t: t(), wall: Date.now(), type: 'media.final', data: f });
        await log.flush();
      });
      if (segment === last && final !== null) lastEnd = (segment.start.offsetMs ?? 0) + final.durationMs;
    }
    await removeHelpers(dir);
    if (!summary.end) {
      const files: FileDigest[] = [];
      for (const path of (await listFiles(dir)).files) {
        if (path === MANIFEST_FILE || path === EVENTS_FILE || path.startsWith('.') || path.includes('/.') || isAfterSessionPath(path)) continue;
        files.push({ path, ...(await hashFile(join(dir, path))) });
      }
      await log.append({ t: t(), wall: Date.now(), type: 'session.end', data: { reason: options.reason, message: options.message, files } });
    }
    await log.close();
  } catch (error) {
    await log.close().catch(() => undefined);
    throw error;
  }
  // The manifest says what the log says (read back), so it and the chain cannot disagree.
  const { summary: full } = await readLog(dir);
  const end = full.end;
  if (!full.start || !end) throw new PackageDamaged(`${join(dir, EVENTS_FILE)}: 结束记录缺失`);
  const rec = full.recovered;
  const events = { path: EVENTS_FILE, ...(await hashFile(join(dir, EVENTS_FILE))) };
  const manifest = buildManifest({
    start: full.start,
    status: rec ? 'recovered' : 'complete',
    summary: full,
    durationMs: full.mediaFinal?.durationMs ?? null,
    stop: { reason: end.reason, message: end.message, at: end.wall },
    recovery: rec ? { at: rec.at, gapMs: rec.gapMs, lastT: rec.lastT, droppedEventBytes: rec.droppedEventBytes, mediaTailBytes: full.mediaFinal?.tail?.size ?? 0 } : null,
    chain: { head: full.head, records: full.records },
    files: [events, ...end.files].sort((a, b) => (a.path < b.path ? -1 : 1)),
    external: options.external ?? [],
  });
  await writeManifest(dir, manifest);
  await fsyncDir(dir);
  return manifest;
}

/** Closes one recording segment's WebM: a close already logged is finished (redoClose), an open
 *  one closed from its last logged chunk (media.final logged first), an empty file removed. The
 *  resume closes the segment the reload cut off this way, the end closes the last one. */
export async function closeSegment(
  dir: string,
  segment: ChainSummary['segments'][number],
  summary: Pick<ChainSummary, 'chunks'>,
  logFinal: (final: MediaFinalData) => Promise<void>,
): Promise<MediaFinalData | null> {
  const path = segment.start.path;
  const file = join(dir, path);
  if (segment.final) {
    await redoClose(file, segment.final);
    return segment.final;
  }
  const size = await stat(file).then((s) => s.size, () => null);
  if (size === 0) await rm(file, { force: true });
  if (size === null || size === 0) return null;
  const lastChunk = summary.chunks.filter((c) => c.path === path).at(-1);
  return closeWebm(file, path, lastChunk ? lastChunk.offset + lastChunk.size : 0, logFinal);
}

export async function readText(path: string): Promise<string | null> {
  return readFile(path, 'utf8').catch(() => null);
}
