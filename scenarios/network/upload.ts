// The evidence upload protocol, station → centre, as pure rules. The station offers a finished,
// sealed package (its file list with sizes and hashes); the centre answers with how many bytes
// of each file it already holds (it keeps partial files across its own restarts); the station
// sends the rest in chunks, each with its SHA-256, at the offset the centre expects; the centre
// verifies the whole package on arrival, countersigns it and returns the receipt. The station
// keeps its copy and only counts the upload done when the receipt is back. A network loss or
// either side restarting just means a new offer: the answer says where to resume.
import { z } from 'zod';
import { HASH_PATTERN } from '../evidence/hasher.ts';
import { SessionId } from '../evidence/session-id.ts';
import { isPackagePath, MANIFEST_FILE, SEAL_FILE } from '../evidence/manifest.ts';

export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;
export const MAX_CHUNK_BYTES = 16 * 1024 * 1024;
/** A package bigger than this is refused at the offer (a 3-hour 720p recording is ~5 GB). */
export const MAX_PACKAGE_BYTES = 64 * 1024 * 1024 * 1024;

const Sha = z.string().regex(HASH_PATTERN, '应为 64 位小写十六进制 SHA-256');

export const OfferFile = z.strictObject({
  path: z.string().refine(isPackagePath, '不是证据包中的文件路径 (not a package path)'),
  size: z.number().int().nonnegative(),
  sha256: Sha,
});
export type OfferFile = z.infer<typeof OfferFile>;

export const UploadOffer = z
  .strictObject({
    sessionId: SessionId,
    /** SHA-256 of manifest.json: an offer of another version of the package starts over. */
    manifestSha256: Sha,
    files: z.array(OfferFile).min(2).max(200),
  })
  .superRefine((offer, ctx) => {
    const paths = offer.files.map((f) => f.path);
    if (new Set(paths).size !== paths.length) ctx.addIssue({ code: 'custom', path: ['files'], message: '文件重复 (duplicate path)' });
    for (const required of [MANIFEST_FILE, SEAL_FILE]) {
      if (!paths.includes(required)) ctx.addIssue({ code: 'custom', path: ['files'], message: `缺少 ${required}：只上传已签名的证据包 (offer must include ${required})` });
    }
    const manifest = offer.files.find((f) => f.path === MANIFEST_FILE);
    if (manifest && manifest.sha256 !== offer.manifestSha256) ctx.addIssue({ code: 'custom', path: ['manifestSha256'], message: '与 manifest.json 的哈希不一致' });
    if (offer.files.reduce((n, f) => n + f.size, 0) > MAX_PACKAGE_BYTES) ctx.addIssue({ code: 'custom', path: ['files'], message: '证据包过大 (package too large)' });
  });
export type UploadOffer = z.infer<typeof UploadOffer>;

/** The centre's answer to an offer (and to every chunk): bytes held per file. */
export const UploadStatus = z.strictObject({
  sessionId: z.string(),
  state: z.enum(['receiving', 'complete']),
  received: z.record(z.string(), z.number().int().nonnegative()),
  chunkBytes: z.number().int().positive().max(MAX_CHUNK_BYTES),
});
export type UploadStatus = z.infer<typeof UploadStatus>;

// ------------------------------------------------------------------ centre: one chunk

export type ChunkVerdict =
  | { ok: true; received: number; fileDone: boolean }
  | { ok: false; code: 'unknown_file' | 'offset_mismatch' | 'too_long' | 'chunk_too_big' | 'hash_mismatch' | 'file_hash_mismatch'; expected?: number; message: string };

/** Whether the centre takes a chunk: at the offset it expects, within the declared size, with
 *  the hash the station sent, and (for the last chunk) completing the file's declared hash. */
export function judgeChunk(
  file: OfferFile | undefined,
  held: number,
  chunk: { offset: number; size: number; declaredSha256: string; actualSha256: string },
  chunkBytes: number,
): ChunkVerdict {
  if (!file) return { ok: false, code: 'unknown_file', message: '报价中没有此文件 (file not in the offer)' };
  if (chunk.offset !== held) return { ok: false, code: 'offset_mismatch', expected: held, message: `应从第 ${held} 字节续传，收到的是第 ${chunk.offset} 字节 (resume at ${held})` };
  if (chunk.size > chunkBytes) return { ok: false, code: 'chunk_too_big', message: `分块大于 ${chunkBytes} 字节` };
  if (chunk.offset + chunk.size > file.size) return { ok: false, code: 'too_long', expected: held, message: `${file.path} 超出声明的大小 ${file.size} 字节` };
  if (chunk.declaredSha256 !== chunk.actualSha256) {
    return { ok: false, code: 'hash_mismatch', expected: held, message: `第 ${chunk.offset} 字节起的分块哈希不符：传输中损坏，重发 (chunk hash mismatch)` };
  }
  const received = held + chunk.size;
  return { ok: true, received, fileDone: received === file.size };
}

// ------------------------------------------------------------------ station: the machine

export type UploadPhase = 'offer' | 'send' | 'complete' | 'waiting' | 'confirmed' | 'refused';

export interface UploadState {
  phase: UploadPhase;
  offer: UploadOffer;
  /** Bytes the centre confirmed per file. */
  acked: Record<string, number>;
  chunkBytes: number;
  /** Consecutive failures (network, restart) since the last progress. */
  failures: number;
  waitMs: number;
  /** Where to go after waiting. */
  resume: 'offer' | 'send' | 'complete';
  refusal: { code: string; message: string } | null;
  /** The centre's receipt (countersigned seal) once confirmed. */
  receipt: unknown;
  sentBytes: number;
}

export type UploadEvent =
  | { type: 'status'; status: UploadStatus }
  | { type: 'acked'; path: string; received: number }
  | { type: 'resync'; path: string; expected: number }
  | { type: 'network_error'; message: string }
  | { type: 'confirmed'; receipt: unknown }
  | { type: 'refused'; code: string; message: string };

export type UploadAction =
  | { kind: 'offer' }
  | { kind: 'send'; path: string; offset: number; size: number }
  | { kind: 'complete' }
  | { kind: 'wait'; ms: number }
  | { kind: 'done' }
  | { kind: 'stop'; code: string; message: string };

const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000];

export function startUpload(offer: UploadOffer): UploadState {
  return { phase: 'offer', offer, acked: {}, chunkBytes: DEFAULT_CHUNK_BYTES, failures: 0, waitMs: 0, resume: 'offer', refusal: null, receipt: null, sentBytes: 0 };
}

export const totalBytes = (s: UploadState) => s.offer.files.reduce((n, f) => n + f.size, 0);
export const ackedBytes = (s: UploadState) => s.offer.files.reduce((n, f) => n + Math.min(f.size, s.acked[f.path] ?? 0), 0);

function nextPhase(s: UploadState): 'send' | 'complete' {
  return s.offer.files.some((f) => (s.acked[f.path] ?? 0) < f.size) ? 'send' : 'complete';
}

export function reduceUpload(s: UploadState, e: UploadEvent): UploadState {
  if (s.phase === 'confirmed' || s.phase === 'refused') return s;
  switch (e.type) {
    case 'status': {
      if (e.status.state === 'complete') return { ...s, phase: 'complete', acked: { ...e.status.received }, failures: 0, chunkBytes: e.status.chunkBytes };
      const t = { ...s, acked: { ...e.status.received }, chunkBytes: e.status.chunkBytes, failures: 0 };
      return { ...t, phase: nextPhase(t) };
    }
    case 'acked': {
      const t = { ...s, acked: { ...s.acked, [e.path]: e.received }, failures: 0, sentBytes: s.sentBytes + Math.max(0, e.received - (s.acked[e.path] ?? 0)) };
      return { ...t, phase: nextPhase(t) };
    }
    case 'resync': {
      const t = { ...s, acked: { ...s.acked, [e.path]: e.expected } };
      return { ...t, phase: nextPhase(t) };
    }
    case 'network_error': {
      const failures = s.failures + 1;
      // After a loss the centre may have restarted and kept less: ask again before sending.
      return { ...s, phase: 'waiting', failures, waitMs: BACKOFF_MS[Math.min(failures - 1, BACKOFF_MS.length - 1)] ?? 8000, resume: 'offer' };
    }
    case 'confirmed':
      return { ...s, phase: 'confirmed', receipt: e.receipt };
    case 'refused':
      return { ...s, phase: 'refused', refusal: { code: e.code, message: e.message } };
  }
}

/** After a wait the machine resumes where it said. */
export function waited(s: UploadState): UploadState {
  return s.phase === 'waiting' ? { ...s, phase: s.resume } : s;
}

export function nextAction(s: UploadState): UploadAction {
  switch (s.phase) {
    case 'offer':
      return { kind: 'offer' };
    case 'complete':
      return { kind: 'complete' };
    case 'waiting':
      return { kind: 'wait', ms: s.waitMs };
    case 'confirmed':
      return { kind: 'done' };
    case 'refused':
      return { kind: 'stop', code: s.refusal?.code ?? 'refused', message: s.refusal?.message ?? '' };
    case 'send': {
      const file = s.offer.files.find((f) => (s.acked[f.path] ?? 0) < f.size);
      if (!file) return { kind: 'complete' };
      const offset = s.acked[file.path] ?? 0;
      return { kind: 'send', path: file.path, offset, size: Math.min(s.chunkBytes, file.size - offset) };
    }
  }
}
