// app://livedrill/<path> → a file under build/renderer, through the shared traversal guard
// (resolveStaticPath). Pure apart from path arithmetic; the protocol handler in main.ts does the I/O.
import { join } from 'node:path';
import { buildCsp } from '../../services/security/csp.ts';
import { contentTypeFor, resolveStaticPath } from '../../services/security/static-path.ts';
import { isOwnOrigin } from './origin.ts';

export interface AppRequest {
  readonly url: string;
  readonly method: string;
}

export type AppRequestResult =
  | {
      readonly ok: true;
      /** The file asked for, inside root. */
      readonly file: string;
      /** If that file does not exist, serve root/index.html instead (a client-side route, no extension). */
      readonly fallback: string | null;
    }
  | { readonly ok: false; readonly status: 400 | 403 | 405; readonly reason: string };

export function appRequestToFile(root: string, request: AppRequest): AppRequestResult {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return { ok: false, status: 405, reason: `method ${request.method} is not allowed` };
  }
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { ok: false, status: 400, reason: 'malformed URL' };
  }
  if (!isOwnOrigin(request.url)) return { ok: false, status: 403, reason: `"${url.protocol}//${url.host}" is not the app's origin` };
  const resolved = resolveStaticPath(root, url.pathname);
  if (!resolved.ok) return { ok: false, status: 400, reason: resolved.reason };
  const lastSegment = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  return { ok: true, file: resolved.file, fallback: lastSegment.includes('.') ? null : join(root, 'index.html') };
}

/** Headers of every app:// response: the strict CSP and the usual hardening. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': buildCsp(),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(self), microphone=(self), display-capture=(), geolocation=(), usb=(), serial=(), hid=()',
  };
}

export { contentTypeFor };
