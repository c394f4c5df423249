// Closing the camera WebM on disk: scan it (streaming), then patch the reserved header bytes
// in place and append the Cues (see scenarios/evidence/webm-close.ts). The before/after bytes
// of every patch go into the media.final record, so verify can still check every logged chunk.
import { createHash } from 'node:crypto';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { WebmReader, type WebmScan } from '../../../scenarios/evidence/ebml.ts';
import { fromHex, toHex } from '../../../scenarios/evidence/hasher.ts';
import type { BytePatch, ByteRange, MediaFinalData } from '../../../scenarios/evidence/record.ts';
import { planClose } from '../../../scenarios/evidence/webm-close.ts';
import { streamFile, writeAll } from '../platform/fs.ts';
import { sha256Hex } from '../platform/hash.ts';

export async function scanWebm(path: string): Promise<WebmScan> {
  const reader = new WebmReader();
  await streamFile(path, (bytes) => reader.push(bytes));
  return reader.end();
}

/** Hash of bytes [offset, end) of a file. */
export async function hashRange(path: string, offset: number, end: number): Promise<string> {
  const hash = createHash('sha256');
  await streamFile(path, (bytes, position) => {
    const from = Math.max(offset, position);
    const to = Math.min(end, position + bytes.length);
    if (to > from) hash.update(bytes.subarray(from - position, to - position));
  });
  return hash.digest('hex');
}

/**
 * Closes the WebM at `path`. `loggedEnd` is where the last logged chunk ended: bytes after it
 * (a crash between write and log) are kept and reported as the tail. Write-ahead: `logFinal`
 * puts the media.final record (every patch, the appended bytes' hash) on disk before the file
 * is touched, so a crash while closing is finished by redoClose from that record.
 */
export async function closeWebm(path: string, relPath: string, loggedEnd: number, logFinal: (final: MediaFinalData) => Promise<void>): Promise<MediaFinalData> {
  const size = (await stat(path)).size;
  let tail: ByteRange | null = null;
  if (size > loggedEnd) tail = { offset: loggedEnd, size: size - loggedEnd, sha256: await hashRange(path, loggedEnd, size) };
  const scan = await scanWebm(path);
  if (scan.error) throw new Error(`${relPath}: ${scan.error.message}`);
  const plan = planClose(scan, size);
  const handle = await open(path, 'r+');
  try {
    const patches: BytePatch[] = [];
    for (const p of plan.patches) {
      const before = Buffer.alloc(p.after.length);
      const { bytesRead } = await handle.read(before, 0, before.length, p.offset);
      // Only bytes that exist are patched; a 2-byte Void over a 1-byte cut element gets its
      // second byte from the appended bytes.
      patches.push({ offset: p.offset, before: toHex(before.subarray(0, bytesRead)), after: toHex(p.after.subarray(0, bytesRead)) });
    }
    const appended = plan.append.length > 0 ? { offset: size, size: plan.append.length, sha256: sha256Hex(plan.append) } : null;
    const final: MediaFinalData = { path: relPath, durationMs: round(plan.durationMs), tail, appended, patches, size: plan.finalSize, clusters: scan.clusters.length };
    await logFinal(final);
    await apply(handle, size, plan.append, patches);
    return final;
  } finally {
    await handle.close();
  }
}

async function apply(handle: FileHandle, at: number, append: Uint8Array, patches: readonly BytePatch[]): Promise<void> {
  await handle.truncate(at);
  if (append.length > 0) await writeAll(handle, append, at);
  for (const p of patches) await writeAll(handle, fromHex(p.after), p.offset);
  await handle.datasync();
}

/** Finishes a close a crash interrupted: the file as it was before the close is read back
 *  (patched bytes put back from the record), the same plan is made again, checked against the
 *  logged hash of the appended bytes, and applied. */
export async function redoClose(path: string, final: MediaFinalData): Promise<void> {
  const end = final.appended ? final.appended.offset : final.size;
  const reader = new WebmReader();
  const patches = final.patches.map((p) => ({ offset: p.offset, before: fromHex(p.before) }));
  await streamFile(path, (bytes, position) => {
    if (position >= end) return;
    const piece = Uint8Array.from(bytes.subarray(0, Math.min(bytes.length, end - position)));
    for (const p of patches) {
      for (let i = 0; i < p.before.length; i++) {
        const at = p.offset + i - position;
        if (at >= 0 && at < piece.length) piece[at] = p.before[i] ?? 0;
      }
    }
    reader.push(piece);
  });
  const plan = planClose(reader.end(), end);
  if (final.appended && sha256Hex(plan.append) !== final.appended.sha256) {
    throw new Error(`${final.path}: 无法重做结束步骤：文件与 media.final 记录不一致`);
  }
  const handle = await open(path, 'r+');
  try {
    await apply(handle, end, plan.append, final.patches);
  } finally {
    await handle.close();
  }
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
