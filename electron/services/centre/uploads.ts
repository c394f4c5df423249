// The centre's side of the evidence upload (scenarios/network/upload.ts): partial packages under
// <data>/uploads/<sessionId>/, each chunk hash-checked, written at its offset and fsynced before
// the progress file says so; after a restart a file is cut back to the progress it recorded, so a
// chunk torn by a kill is simply sent again. A complete package is verified whole (hash chain,
// files, the station's seal against the device list), countersigned, and moved into the evidence
// store <data>/evidence/<sessionId>/. One queue per session: chunks are taken in order.
// Durability is batched: chunks are written as they come and fsynced together (then the
// progress file) every flushBytes, at the end of each file and before completing, so the
// progress on disk never claims bytes that are not on disk; after a crash the station simply
// resends what came after it.
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, truncate } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { isPackagePath } from '../../../scenarios/evidence/manifest.ts';
import type { DeviceKeyList, Seal, Signer } from '../../../scenarios/evidence/seal.ts';
import { DEFAULT_CHUNK_BYTES, judgeChunk, UploadOffer, type UploadStatus } from '../../../scenarios/network/upload.ts';
import { atomicWrite, fsyncDir, writeAll } from '../platform/fs.ts';
import { SESSION_ID_PATTERN } from '../../../scenarios/evidence/session-id.ts';
import { evidenceRoot } from '../evidence/package-dir.ts';
import { countersignPackage } from '../evidence/seal-package.ts';
import { verifyPackage } from '../evidence/verify-package.ts';

export class UploadError extends Error {
  readonly code: string;
  readonly status: number;
  readonly detail: Record<string, unknown>;
  constructor(status: number, code: string, message: string, detail: Record<string, unknown> = {}) {
    super(message);
    this.name = 'UploadError';
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

const Progress = z.strictObject({ deviceId: z.string(), offer: UploadOffer, received: z.record(z.string(), z.number().int().nonnegative()) });
type Progress = z.infer<typeof Progress>;

export interface UploadReceiverOptions {
  dataDir: string;
  centre: Signer;
  keys: () => Promise<DeviceKeyList>;
  chunkBytes?: number;
  /** Bytes written between fsyncs of the data and the progress (32 MiB by default). */
  flushBytes?: number;
  now?: () => Date;
  log?: (line: string) => void;
}

export interface UploadReceiver {
  offer(deviceId: string, offer: unknown): Promise<UploadStatus>;
  chunk(deviceId: string, sessionId: string, path: string, offset: number, sha256: string, body: AsyncIterable<Uint8Array>): Promise<UploadStatus>;
  complete(deviceId: string, sessionId: string): Promise<Seal>;
}

export function uploadsRoot(dataDir: string): string {
  return join(dataDir, 'uploads');
}

export function createUploadReceiver(options: UploadReceiverOptions): UploadReceiver {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const log = options.log ?? (() => undefined);
  const root = uploadsRoot(options.dataDir);
  const store = evidenceRoot(options.dataDir);
  const queues = new Map<string, Promise<unknown>>();
  const loaded = new Map<string, Progress>();
  const flushBytes = options.flushBytes ?? 32 * 1024 * 1024;
  /** Per session: bytes written since the last fsync, and the files they went to. */
  const unsynced = new Map<string, { bytes: number; paths: Set<string> }>();
  const serial = <T>(id: string, work: () => Promise<T>): Promise<T> => {
    const next = (queues.get(id) ?? Promise.resolve()).then(work, work);
    queues.set(id, next.catch(() => undefined));
    return next;
  };
  const dirOf = (id: string) => join(root, id);
  const progressFile = (id: string) => join(root, `${id}.progress.json`);
  const checkId = (id: string) => {
    if (!SESSION_ID_PATTERN.test(id)) throw new UploadError(400, 'bad_session', `会话编号无效：${id}`);
  };

  /** Progress from disk, files cut back to it (a kill may have left a torn chunk after it). */
  async function load(id: string): Promise<Progress | null> {
    const cached = loaded.get(id);
    if (cached) return cached;
    const text = await readFile(progressFile(id), 'utf8').catch(() => null);
    if (text === null) return null;
    const parsed = Progress.safeParse(JSON.parse(text));
    if (!parsed.success) {
      log(`uploads: ${progressFile(id)} unreadable, starting over`);
      await rm(dirOf(id), { recursive: true, force: true });
      return null;
    }
    for (const f of parsed.data.offer.files) {
      const full = join(dirOf(id), f.path);
      const size = (await stat(full).catch(() => null))?.size ?? 0;
      const held = parsed.data.received[f.path] ?? 0;
      if (size > held) await truncate(full, held);
      else if (size < held) parsed.data.received[f.path] = size;
    }
    loaded.set(id, parsed.data);
    return parsed.data;
  }
  const save = async (id: string, p: Progress) => {
    loaded.set(id, p);
    await atomicWrite(progressFile(id), `${JSON.stringify(p)}\n`);
  };
  /** Data first, then the progress that counts it. */
  const flush = async (id: string, p: Progress) => {
    const pending = unsynced.get(id);
    if (!pending) return;
    for (const path of pending.paths) {
      const handle = await open(join(dirOf(id), path), 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    await save(id, p);
    unsynced.delete(id);
  };
  const status = (p: Progress, state: UploadStatus['state'] = 'receiving'): UploadStatus => ({ sessionId: p.offer.sessionId, state, received: { ...p.received }, chunkBytes });
  const own = (p: Progress, deviceId: string) => {
    if (p.deviceId !== deviceId) throw new UploadError(403, 'not_your_package', '该证据包由另一台考站上传，不能续传 (another station is uploading this session)');
  };
  const stored = async (id: string) => {
    const text = await readFile(join(store, id, 'seal.json'), 'utf8').catch(() => null);
    return text === null ? null : (JSON.parse(text) as Seal);
  };

  return {
    offer: async (deviceId, raw) => {
      const parsed = UploadOffer.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new UploadError(400, 'bad_offer', `上传请求无效：${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : ''}`, { field: issue?.path.join('.') ?? null });
      }
      const offer = parsed.data;
      return serial(offer.sessionId, async () => {
        const done = await stored(offer.sessionId);
        if (done) {
          if (done.station.deviceId !== deviceId) throw new UploadError(403, 'not_your_package', '该会话的证据包已由另一台考站提交');
          if (done.payload.manifestSha256 !== offer.manifestSha256) throw new UploadError(409, 'already_received', '考点已收到该会话的另一版本证据包，不能覆盖');
          return { sessionId: offer.sessionId, state: 'complete', received: Object.fromEntries(offer.files.map((f) => [f.path, f.size])), chunkBytes };
        }
        const existing = await load(offer.sessionId);
        if (existing) {
          own(existing, deviceId);
          if (existing.offer.manifestSha256 === offer.manifestSha256 && JSON.stringify(existing.offer.files) === JSON.stringify(offer.files)) return status(existing);
          log(`uploads: ${offer.sessionId} offered again with another manifest, starting over`);
          await rm(dirOf(offer.sessionId), { recursive: true, force: true });
          unsynced.delete(offer.sessionId);
        }
        await mkdir(dirOf(offer.sessionId), { recursive: true });
        const p: Progress = { deviceId, offer, received: Object.fromEntries(offer.files.map((f) => [f.path, 0])) };
        await save(offer.sessionId, p);
        return status(p);
      });
    },

    chunk: (deviceId, sessionId, path, offset, sha256, body) => {
      checkId(sessionId);
      if (!isPackagePath(path)) throw new UploadError(400, 'bad_path', `${path}: 不是证据包中的文件路径`);
      return serial(sessionId, async () => {
        const p = await load(sessionId);
        if (!p) throw new UploadError(409, 'no_offer', '没有进行中的上传：请先发送上传请求 (offer first)');
        own(p, deviceId);
        const file = p.offer.files.find((f) => f.path === path);
        const held = p.received[path] ?? 0;
        // Read the body (at most one chunk), hashing as it comes.
        const hash = createHash('sha256');
        const parts: Uint8Array[] = [];
        let size = 0;
        for await (const piece of body) {
          size += piece.length;
          if (size > chunkBytes) throw new UploadError(413, 'chunk_too_big', `分块大于 ${chunkBytes} 字节`);
          hash.update(piece);
          parts.push(piece);
        }
        const verdict = judgeChunk(file, held, { offset, size, declaredSha256: sha256, actualSha256: hash.digest('hex') }, chunkBytes);
        if (!verdict.ok) throw new UploadError(verdict.code === 'unknown_file' ? 400 : 409, verdict.code, verdict.message, { expected: verdict.expected ?? held });
        const full = join(dirOf(sessionId), path);
        await mkdir(dirname(full), { recursive: true });
        const handle = await open(full, offset === 0 ? 'w' : 'r+');
        try {
          let at = offset;
          for (const part of parts) {
            await writeAll(handle, part, at);
            at += part.length;
          }
        } finally {
          await handle.close();
        }
        const next = { ...p, received: { ...p.received, [path]: verdict.received } };
        loaded.set(sessionId, next);
        const pending = unsynced.get(sessionId) ?? { bytes: 0, paths: new Set<string>() };
        pending.bytes += size;
        pending.paths.add(path);
        unsynced.set(sessionId, pending);
        if (pending.bytes >= flushBytes || verdict.received === file?.size) await flush(sessionId, next);
        return status(next);
      });
    },

    complete: (deviceId, sessionId) => {
      checkId(sessionId);
      return serial(sessionId, async () => {
        const done = await stored(sessionId);
        if (done && done.station.deviceId === deviceId) return done;
        const p = await load(sessionId);
        if (!p) throw new UploadError(409, 'no_offer', '没有进行中的上传 (nothing to complete)');
        own(p, deviceId);
        await flush(sessionId, p);
        const missing = p.offer.files.filter((f) => (p.received[f.path] ?? 0) < f.size);
        if (missing.length > 0) throw new UploadError(409, 'incomplete', `尚缺 ${missing.map((f) => f.path).join(', ')}`, { missing: missing.map((f) => f.path) });
        const dir = dirOf(sessionId);
        for (const f of p.offer.files.filter((x) => x.size === 0)) {
          await mkdir(dirname(join(dir, f.path)), { recursive: true });
          await (await open(join(dir, f.path), 'a')).close();
        }
        const report = await verifyPackage(dir, { keys: await options.keys(), receiptRequired: false });
        const errors = report.findings.filter((f) => f.severity === 'error');
        if (report.seal && report.seal.station.deviceId !== deviceId) {
          errors.unshift({ severity: 'error', code: 'not_own_package', file: 'seal.json', field: 'station.deviceId', message: `证据包由 ${report.seal.station.deviceId} 签名，不是上传它的考站 ${deviceId}` });
        }
        if (errors.length > 0) {
          // Kept aside for inspection; the station may offer a good copy again.
          const aside = join(root, `.refused-${sessionId}-${Date.now()}`);
          await rename(dir, aside);
          await rm(progressFile(sessionId), { force: true });
          loaded.delete(sessionId);
          log(`uploads: refused ${sessionId} from ${deviceId}: ${errors.map((e) => e.code).join(', ')}`);
          throw new UploadError(422, errors[0]?.code ?? 'package_invalid', `证据包未通过核验：${errors[0]?.message ?? ''}`, {
            findings: errors.slice(0, 20).map((e) => ({ code: e.code, file: e.file, field: e.field ?? null, message: e.message })),
          });
        }
        const seal = await countersignPackage(dir, options.centre, options.now);
        await mkdir(store, { recursive: true });
        await rename(dir, join(store, sessionId));
        await fsyncDir(store);
        await rm(progressFile(sessionId), { force: true });
        loaded.delete(sessionId);
        log(`uploads: received ${sessionId} from ${deviceId} (${p.offer.files.reduce((n, f) => n + f.size, 0)} bytes)`);
        return seal;
      });
    },
  };
}
