// Maps a request path to a file inside the folder we serve, refusing anything that would
// escape it (../, encoded separators, NUL, absolute paths). Used by the app:// protocol and
// by the web host.
import { isAbsolute, normalize, relative, resolve, sep } from 'node:path';

export type StaticPathResult = { ok: true; file: string } | { ok: false; reason: string };

export function resolveStaticPath(root: string, requestPath: string): StaticPathResult {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath.split('?')[0]?.split('#')[0] ?? '');
  } catch {
    return { ok: false, reason: 'malformed percent-encoding' };
  }
  if (decoded.includes('\0')) return { ok: false, reason: 'NUL byte in path' };
  if (decoded.includes('\\')) return { ok: false, reason: 'backslash in path' };
  const segments = decoded.split('/');
  if (segments.includes('..')) return { ok: false, reason: 'parent segment in path' };
  const wanted = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (isAbsolute(wanted)) return { ok: false, reason: 'absolute path' };
  const base = resolve(root);
  const file = resolve(base, normalize(wanted));
  const rel = relative(base, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
    return { ok: false, reason: 'outside the served folder' };
  }
  return { ok: true, file };
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.webm': 'video/webm',
};

export function contentTypeFor(file: string): string {
  const dot = file.lastIndexOf('.');
  return (dot >= 0 ? contentTypes[file.slice(dot).toLowerCase()] : undefined) ?? 'application/octet-stream';
}
