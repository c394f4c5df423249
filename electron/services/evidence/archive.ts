// One archive file per session for hand-in: a plain POSIX ustar written with streamed reads
// (any tar can list it), entries "<sessionId>/<package path>". Import reads it back entry by
// entry, refuses anything that is not a package file (absolute paths, "..", links, devices,
// unknown names, a second session), unpacks into a staging folder and accepts the package only
// if it verifies.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { isPackagePath, MANIFEST_FILE } from '../../../scenarios/evidence/manifest.ts';
import { listFiles } from './package-dir.ts';
import { SESSION_ID_PATTERN } from '../../../scenarios/evidence/session-id.ts';
import { atomicWriteWith, streamFile, writeAll } from '../platform/fs.ts';
import { verifyPackage, type VerifyReport } from './verify-package.ts';

const BLOCK = 512;

/** A POSIX ustar header block for one regular file. */
export function tarHeader(name: string, size: number, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  if (Buffer.byteLength(name) > 100) throw new Error(`archive entry name too long: ${name}`);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100, 'ascii');
  h.write('0000000\0', 108, 'ascii');
  h.write('0000000\0', 116, 'ascii');
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  h.write(`${Math.floor(mtime / 1000).toString(8).padStart(11, '0')}\0`, 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

export interface ArchiveResult {
  file: string;
  size: number;
  sha256: string;
}

/** Writes dir (a package) to `out` (temp file, then renamed), streaming every file. */
export async function exportPackage(dir: string, sessionId: string, out: string): Promise<ArchiveResult> {
  const hash = createHash('sha256');
  let size = 0;
  await atomicWriteWith(out, async (write) => {
    const put = async (bytes: Uint8Array) => {
      await write(bytes);
      hash.update(bytes);
      size += bytes.length;
    };
    const { files } = await listFiles(dir);
    // The manifest first, so a reader sees what the archive holds before the media.
    // Dotfiles (temp files of an interrupted write) and assessors' private drafts stay home.
    const shipped = files.filter((f) => !f.split('/').some((part) => part.startsWith('.')) && !f.endsWith('.draft.json'));
    const ordered = [MANIFEST_FILE, ...shipped.filter((f) => f !== MANIFEST_FILE)].filter((f) => files.includes(f));
    for (const path of ordered) {
      if (!isPackagePath(path)) throw new Error(`${path}: 不是证据包文件，拒绝导出`);
      const full = join(dir, path);
      const info = await stat(full);
      await put(tarHeader(`${sessionId}/${path}`, info.size, info.mtimeMs));
      let written = 0;
      await streamFile(full, async (bytes) => {
        written += bytes.length;
        await put(bytes);
      });
      if (written !== info.size) throw new Error(`${path} changed while being exported`);
      const pad = (BLOCK - (info.size % BLOCK)) % BLOCK;
      if (pad > 0) await put(Buffer.alloc(pad));
    }
    await put(Buffer.alloc(BLOCK * 2));
  }, { mkdirMode: 0o777 });
  return { file: out, size, sha256: hash.digest('hex') };
}

export class ImportRefused extends Error {
  readonly report: VerifyReport | null;
  constructor(message: string, report: VerifyReport | null = null) {
    super(message);
    this.name = 'ImportRefused';
    this.report = report;
  }
}

function field(h: Buffer, at: number, len: number): string {
  const raw = h.subarray(at, at + len);
  const end = raw.indexOf(0);
  return raw.toString('utf8', 0, end < 0 ? len : end);
}

function octal(h: Buffer, at: number, len: number, what: string, entry: number): number {
  const text = field(h, at, len).trim();
  if (!/^[0-7]+$/.test(text)) throw new ImportRefused(`第 ${entry} 个条目的 ${what} 不是八进制数 ("${text}")`);
  return parseInt(text, 8);
}

/** Reads the archive and unpacks it into a staging folder under root; verifies; moves it in. */
export async function importArchive(file: string, root: string): Promise<{ sessionId: string; dir: string; report: VerifyReport }> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new ImportRefused(`${file}: 文件不存在 (no such file)`);
  await mkdir(root, { recursive: true });
  const staging = join(root, `.import-${randomBytes(4).toString('hex')}`);
  await mkdir(staging);
  try {
    const sessionId = await unpack(file, staging);
    const dir = join(staging, sessionId);
    const report = await verifyPackage(dir, { deep: true });
    if (!report.valid) {
      const first = report.findings.find((f) => f.severity === 'error');
      throw new ImportRefused(`证据包未通过校验，拒绝导入: ${first ? `${first.file}: ${first.message}` : ''}`, report);
    }
    if (report.status === 'recording') throw new ImportRefused('证据包尚未结束 (status recording)，拒绝导入', report);
    const target = join(root, sessionId);
    if (await stat(target).catch(() => null)) throw new ImportRefused(`会话 ${sessionId} 已存在于数据目录中 (already imported)`, report);
    await rename(dir, target);
    return { sessionId, dir: target, report: { ...report, dir: target } };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function unpack(file: string, staging: string): Promise<string> {
  const handle = await open(file, 'r');
  let sessionId: string | null = null;
  const seen = new Set<string>();
  try {
    const head = Buffer.alloc(BLOCK);
    let position = 0;
    for (let entry = 1; ; entry++) {
      const { bytesRead } = await handle.read(head, 0, BLOCK, position);
      if (bytesRead < BLOCK) throw new ImportRefused(`第 ${entry} 个条目的头不完整：文件被截断 (truncated archive)`);
      position += BLOCK;
      if (head.every((b) => b === 0)) break; // end of archive
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (head[i] ?? 0);
      if (sum !== octal(head, 148, 8, 'checksum', entry)) throw new ImportRefused(`第 ${entry} 个条目的头校验和错误 (bad header checksum)`);
      const name = (field(head, 345, 155) ? `${field(head, 345, 155)}/` : '') + field(head, 0, 100);
      const type = String.fromCharCode(head[156] ?? 0);
      if (type !== '0' && type !== '\0') throw new ImportRefused(`${name}: 只接受普通文件，拒绝类型 "${type}" 的条目 (links, folders and devices are refused)`);
      const slash = name.indexOf('/');
      const id = name.slice(0, slash);
      const path = name.slice(slash + 1);
      if (slash < 0 || !SESSION_ID_PATTERN.test(id) || !isPackagePath(path)) {
        throw new ImportRefused(`${name}: 不是证据包中的文件路径，拒绝导入 (path traversal or unknown entry)`);
      }
      if (sessionId !== null && id !== sessionId) throw new ImportRefused(`${name}: 一个归档只能包含一个会话 (${sessionId})`);
      sessionId = id;
      if (seen.has(path)) throw new ImportRefused(`${name}: 条目重复 (duplicate entry)`);
      seen.add(path);
      const target = resolve(staging, id, path);
      if (!target.startsWith(resolve(staging) + sep)) throw new ImportRefused(`${name}: 路径越界 (path traversal)`);
      const size = octal(head, 124, 12, 'size', entry);
      await mkdir(dirname(target), { recursive: true });
      const out = await open(target, 'wx');
      try {
        const buffer = Buffer.allocUnsafe(1 << 20);
        for (let left = size; left > 0; ) {
          const { bytesRead: n } = await handle.read(buffer, 0, Math.min(buffer.length, left), position);
          if (n === 0) throw new ImportRefused(`${name}: 内容不完整：文件被截断 (truncated archive)`);
          await writeAll(out, buffer.subarray(0, n), null);
          position += n;
          left -= n;
        }
      } finally {
        await out.close();
      }
      position += (BLOCK - (size % BLOCK)) % BLOCK;
    }
  } finally {
    await handle.close();
  }
  if (sessionId === null) throw new ImportRefused('归档中没有任何文件 (empty archive)');
  return sessionId;
}
