// `evidence verify` on a folder: the chain line by line, every file hashed by streaming, the
// manifest cross-checked, the WebM's structure read, and, where a file's hash differs from the
// manifest, each logged chunk hashed again to say which second of the video was changed.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { WebmReader } from '../../../scenarios/evidence/ebml.ts';
import { fromHex } from '../../../scenarios/evidence/hasher.ts';
import { CAMERA_FILE, EVENTS_FILE, isAfterSessionPath, MANIFEST_FILE, SEAL_FILE, type Manifest } from '../../../scenarios/evidence/manifest.ts';
import type { BytePatch, EvidenceRecord } from '../../../scenarios/evidence/record.ts';
import type { Finding } from '../../../scenarios/evidence/finding.ts';
import { crossCheck, EventsVerifier, finalOf, mediaRanges, mediaStructureFindings, type ChainSummary, type DiskFile, type MediaRange } from '../../../scenarios/evidence/verify.ts';
import { forEachLine, readText } from './close.ts';
import { scoresReport } from '../scoring/package-scores.ts';
import { listFiles } from './package-dir.ts';
import { streamFile } from '../platform/fs.ts';
import { hashFile, nodeHasher, sha256Hex } from '../platform/hash.ts';
import { nodeSignatureCheck } from '../network/device-key.ts';
import { checkSeal, type DeviceKeyList, type Seal } from '../../../scenarios/evidence/seal.ts';

export interface VerifyReport {
  dir: string;
  valid: boolean;
  sessionId: string | null;
  status: Manifest['status'] | null;
  records: number;
  durationMs: number | null;
  files: DiskFile[];
  /** The signatures, when the package has a readable seal.json. */
  seal: Seal | null;
  findings: Finding[];
}

export class UnusableInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnusableInput';
  }
}

export interface VerifyOptions {
  /** Always hash every logged media range (slower); by default only when a file changed. */
  deep?: boolean;
  /** Sees every record (replay). */
  onRecord?: (record: EvidenceRecord, line: number) => void;
  /** The centre's device keys: the seal must be by a paired, unrevoked station (seal.ts). */
  keys?: DeviceKeyList | null;
  /** Require the centre's countersignature (default: whenever keys are given). */
  receiptRequired?: boolean;
  /** Also check scores/ (every sheet and dot-file against its ledger), so the verdict covers every file. */
  scores?: boolean;
}

export async function verifyPackage(dir: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new UnusableInput(`${dir}: 不是一个文件夹 (not a directory)`);
  const manifestText = await readText(join(dir, MANIFEST_FILE));
  const listing = await listFiles(dir);
  if (manifestText === null && !listing.files.includes(EVENTS_FILE)) {
    throw new UnusableInput(`${dir}: 不是证据包：没有 manifest.json 也没有 events.jsonl (not an evidence package)`);
  }
  const findings: Finding[] = listing.odd
    .filter((path) => !isAfterSessionPath(path))
    .map((path) => ({ severity: 'error', code: 'odd_entry', file: path, message: `${path} 不是普通文件 (not a regular file)` }));
  const disk: DiskFile[] = [];
  let summary: ChainSummary | null = null;
  const mediaScans = new Map<string, ReturnType<WebmReader['end']>>();

  for (const path of listing.files) {
    if (path === MANIFEST_FILE || isAfterSessionPath(path)) continue;
    const full = join(dir, path);
    if (path === EVENTS_FILE) {
      const hash = createHash('sha256');
      let size = 0;
      const verifier = new EventsVerifier(nodeHasher, options.onRecord);
      const { endsWithNewline } = await forEachLine(full, async (line, n) => {
        hash.update(line);
        hash.update('\n');
        size += Buffer.byteLength(line) + 1;
        await verifier.line(line, n);
      });
      if (!endsWithNewline) {
        // The last line had no newline: it was hashed with one above; hash the file itself.
        const exact = await hashFile(full);
        disk.push({ path, ...exact });
      } else disk.push({ path, sha256: hash.digest('hex'), size });
      summary = verifier.end(endsWithNewline);
      findings.push(...verifier.findings);
    } else if (path.endsWith('.webm')) {
      const reader = new WebmReader();
      const hash = createHash('sha256');
      const size = await streamFile(full, (bytes) => {
        hash.update(bytes);
        reader.push(bytes);
      });
      disk.push({ path, sha256: hash.digest('hex'), size });
      mediaScans.set(path, reader.end());
    } else {
      disk.push({ path, ...(await hashFile(full)) });
    }
  }
  if (!summary) {
    findings.push({ severity: 'error', code: 'events_missing', file: EVENTS_FILE, message: '缺少 events.jsonl (no event log)' });
    summary = new EventsVerifier(nodeHasher).end(true);
  }

  const checked = crossCheck({ manifestText, summary, disk });
  findings.push(...checked.findings);
  const manifest = checked.manifest;
  const keys = options.keys ?? null;
  const sealed = await checkSeal({
    sealText: await readText(join(dir, SEAL_FILE)),
    manifest,
    manifestSha256: manifestText === null ? null : sha256Hex(manifestText),
    keys,
    receiptRequired: options.receiptRequired ?? keys !== null,
    check: nodeSignatureCheck,
  });
  findings.push(...sealed.findings);

  if (options.scores === true) {
    const scores = await scoresReport(dir, manifest?.sessionId ?? null, manifest?.chain.head ?? null);
    for (const f of scores.findings) findings.push({ severity: f.severity, code: f.code, file: f.file, ...(f.line === undefined ? {} : { line: f.line }), message: f.message });
    for (const path of listing.odd.filter(isAfterSessionPath)) findings.push({ severity: 'error', code: 'odd_entry', file: path, message: `${path} 不是普通文件 (not a regular file)` });
  }

  // Media: structure, and the logged ranges when the file changed (or when asked).
  for (const [path, scan] of mediaScans) {
    const expected = finalOf(summary, path)?.durationMs ?? null;
    if (manifest?.status !== 'recording') findings.push(...mediaStructureFindings(path, scan, expected));
    const listed = manifest?.files.find((f) => f.path === path);
    const actual = disk.find((f) => f.path === path);
    const changed = !listed || !actual || listed.sha256 !== actual.sha256;
    if ((changed || options.deep) && summary.chunks.some((c) => c.path === path)) {
      findings.push(...(await checkRanges(join(dir, path), path, summary, actual?.size ?? 0)));
    }
  }
  if (manifest?.status !== 'recording' && summary.mediaStart && !mediaScans.has(CAMERA_FILE) && manifest?.media.camera) {
    if (manifest.status === 'recovered' && !manifest.files.some((f) => f.path === CAMERA_FILE)) {
      // Cut off before the first chunk reached the disk: recovery found no media and listed none.
      findings.push({ severity: 'warning', code: 'media_none', file: CAMERA_FILE, message: `${CAMERA_FILE} 没有内容：录制在第一段视频写入磁盘前中断 (no media reached the disk before the crash)` });
    } else {
      findings.push({ severity: 'error', code: 'file_missing', file: CAMERA_FILE, message: `${CAMERA_FILE} 缺失 (the camera recording is missing)` });
    }
  }
  for (const ext of manifest?.external ?? []) {
    const here = await stat(ext.path).catch(() => null);
    if (!here) findings.push({ severity: 'warning', code: 'external_unavailable', file: ext.path, message: `外部文件 ${ext.path} 不在本机，无法核对 (${ext.note})` });
    else if (ext.sha256) {
      const digest = await hashFile(ext.path);
      if (digest.sha256 !== ext.sha256) findings.push({ severity: 'error', code: 'external_changed', file: ext.path, message: `外部文件 ${ext.path} 的 SHA-256 与 manifest 不符` });
    }
  }

  return {
    dir,
    valid: !findings.some((f) => f.severity === 'error'),
    sessionId: manifest?.sessionId ?? summary.start?.sessionId ?? null,
    status: manifest?.status ?? null,
    records: summary.records,
    durationMs: manifest?.media.camera?.durationMs ?? null,
    files: disk,
    seal: sealed.seal,
    findings,
  };
}

/** Hashes each logged range of a media file (patched bytes put back as they were logged). */
async function checkRanges(full: string, path: string, summary: ChainSummary, size: number): Promise<Finding[]> {
  const { ranges, findings } = mediaRanges(summary, path);
  const patches: (BytePatch & { beforeBytes: Uint8Array; afterBytes: Uint8Array })[] =
    (finalOf(summary, path)?.patches ?? []).map((p) => ({ ...p, beforeBytes: fromHex(p.before), afterBytes: fromHex(p.after) }));
  const last = ranges.at(-1);
  const covered = last ? last.offset + last.size : 0;
  if (covered !== size) {
    findings.push({
      severity: 'error',
      code: covered < size ? 'media_unlogged_bytes' : 'media_truncated',
      file: path,
      offset: Math.min(covered, size),
      message: covered < size ? `${path}: 第 ${covered} 字节之后的 ${size - covered} 字节不在日志中 (bytes appended after the log)` : `${path}: 文件比日志记录的短 ${covered - size} 字节 (truncated)`,
    });
  }
  let index = 0;
  type Open = { range: MediaRange; hash: ReturnType<typeof createHash> };
  const cursor: { current: Open | null } = { current: null };
  const done = (r: Open) => {
    if (r.hash.digest('hex') !== r.range.sha256) {
      findings.push({
        severity: 'error',
        code: 'media_chunk_changed',
        file: path,
        offset: r.range.offset,
        ...(r.range.seq === null ? {} : { seq: r.range.seq }),
        message: `${path} 第 ${r.range.offset}–${r.range.offset + r.range.size - 1} 字节 (${r.range.label}) 与日志中的哈希不符：视频被修改`,
      });
    }
  };
  await streamFile(full, (bytes, position) => {
    let current = cursor.current;
    let at = 0;
    while (at < bytes.length) {
      const abs = position + at;
      if (!current || abs >= current.range.offset + current.range.size) {
        if (current) done(current);
        current = null;
        while (index < ranges.length && (ranges[index]?.offset ?? 0) + (ranges[index]?.size ?? 0) <= abs) index++;
        const next = ranges[index];
        if (!next || next.offset > abs) {
          at = next ? Math.min(bytes.length, next.offset - position) : bytes.length;
          continue;
        }
        current = { range: next, hash: createHash('sha256') };
        index++;
      }
      const end = Math.min(bytes.length, current.range.offset + current.range.size - position);
      let piece = bytes.subarray(at, end);
      const overlapping = patches.filter((p) => p.offset < position + end && p.offset + p.afterBytes.length > abs);
      if (overlapping.length > 0) {
        const copy = Uint8Array.from(piece);
        for (const p of overlapping) {
          for (let i = 0; i < p.beforeBytes.length; i++) {
            const target = p.offset + i - abs;
            if (target < 0 || target >= copy.length) continue;
            if (copy[target] !== p.afterBytes[i]) {
              findings.push({ severity: 'error', code: 'media_patch_changed', file: path, offset: p.offset + i, message: `${path} 第 ${p.offset + i} 字节 (结束时写入的文件头) 被修改` });
            }
            copy[target] = p.beforeBytes[i] ?? 0;
          }
        }
        piece = copy;
      }
      current.hash.update(piece);
      at = end;
    }
    cursor.current = current;
  });
  if (cursor.current) done(cursor.current);
  return dedupe(findings);
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}:${f.offset ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
