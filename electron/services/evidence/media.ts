// The evidence video for the assessor's player, transport-neutral: GET /media/<sessionId>/<name>
// serves a file only if the package's manifest lists media/<name> and the file's SHA-256 is the
// one listed (hashed once, then remembered while size and mtime stay the same); never any other
// path. Byte ranges (RFC 9110 "bytes=a-b", one range) so the video can seek. The web host and
// the app:// protocol turn the answer into their own responses.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { evidenceRoot, readManifest } from './package-dir.ts';
import { SESSION_ID_PATTERN } from '../../../scenarios/evidence/session-id.ts';
import { streamFile } from '../platform/fs.ts';
import { contentTypeFor } from '../security/static-path.ts';

export const MEDIA_PREFIX = '/media/';
const NAME = /^[a-z0-9][a-z0-9._-]{0,80}\.(webm|mkv|mp4)$/;

export interface MediaAnswer {
  status: number;
  headers: Record<string, string>;
  /** The bytes to send (inclusive range), or a short text for errors; null for HEAD. */
  body: { file: string; start: number; end: number } | string | null;
}

const hashCache = new Map<string, { size: number; mtimeMs: number; sha256: string }>();

const text = (status: number, message: string): MediaAnswer => ({ status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: message });

export function isMediaPath(pathname: string): boolean {
  return pathname.startsWith(MEDIA_PREFIX);
}

/** Parses one "bytes=" range against size; null when absent, 'bad' when unsatisfiable. */
export function parseRange(header: string | null | undefined, size: number): { start: number; end: number } | null | 'bad' {
  if (header === undefined || header === null || header === '') return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'bad';
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'bad';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'bad';
  return { start, end };
}

async function sha256Of(file: string, size: number, mtimeMs: number): Promise<string> {
  const cached = hashCache.get(file);
  if (cached?.size === size && cached.mtimeMs === mtimeMs) return cached.sha256;
  const hash = createHash('sha256');
  await streamFile(file, (bytes) => {
    hash.update(bytes);
  });
  const sha256 = hash.digest('hex');
  hashCache.set(file, { size, mtimeMs, sha256 });
  return sha256;
}

export async function mediaAnswer(dataDir: string, pathname: string, method: string, range: string | null | undefined): Promise<MediaAnswer> {
  if (method !== 'GET' && method !== 'HEAD') return { ...text(405, 'Method not allowed'), headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' } };
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname.slice(MEDIA_PREFIX.length));
  } catch {
    return text(400, 'Bad path');
  }
  const [sessionId, name, ...rest] = decoded.split('/');
  if (sessionId === undefined || name === undefined || rest.length > 0 || !SESSION_ID_PATTERN.test(sessionId) || !NAME.test(name)) return text(400, 'Bad media path: expected /media/<session id>/<file name>');
  const dir = join(evidenceRoot(dataDir), sessionId);
  const manifest = await readManifest(dir);
  if (!manifest) return text(404, '没有这个证据包 (no such package)');
  const listed = manifest.files.find((f) => f.path === `media/${name}`);
  if (!listed) return text(404, `证据包 manifest 中没有 media/${name} (not listed)`);
  const file = join(dir, 'media', name);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return text(404, `media/${name} 不存在 (missing)`);
  if (info.size !== listed.size || (await sha256Of(file, info.size, info.mtimeMs)) !== listed.sha256) {
    return text(409, `media/${name} 与 manifest 记录的 SHA-256 不符：视频被修改，不予播放 (file changed)`);
  }
  const type = name === manifest.media.camera?.path.slice('media/'.length) ? (manifest.media.camera.mimeType.split(';')[0] ?? 'video/webm') : contentTypeFor(file);
  const base = { 'content-type': type, 'accept-ranges': 'bytes', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
  const r = parseRange(range, info.size);
  if (r === 'bad') return { status: 416, headers: { ...base, 'content-range': `bytes */${info.size}` }, body: null };
  const span = r ?? { start: 0, end: info.size - 1 };
  const headers: Record<string, string> = { ...base, 'content-length': String(Math.max(0, span.end - span.start + 1)) };
  if (r) headers['content-range'] = `bytes ${span.start}-${span.end}/${info.size}`;
  return { status: r ? 206 : 200, headers, body: method === 'HEAD' || info.size === 0 ? null : { file, ...span } };
}

/** The body as a Node stream (null for none). */
export function mediaStream(answer: MediaAnswer): Readable | string | null {
  const body = answer.body;
  if (body === null || typeof body === 'string') return body;
  return createReadStream(body.file, { start: body.start, end: body.end });
}
