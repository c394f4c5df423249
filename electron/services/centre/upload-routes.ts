// HTTP face of the upload receiver, mounted by the centre's server after the device was
// authenticated:  POST /api/uploads (offer) · PUT /api/uploads/<session>/<path>?offset=N with
// the chunk's SHA-256 in x-livedrill-sha256 · POST /api/uploads/<session>/complete.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { UploadError, type UploadReceiver } from './uploads.ts';

export const UPLOADS_PATH = '/api/uploads';
export const CHUNK_HASH_HEADER = 'x-livedrill-sha256';
const MAX_OFFER_BYTES = 256 * 1024;

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  response.end(text);
}

export async function readJson(request: IncomingMessage, limit = MAX_OFFER_BYTES): Promise<unknown> {
  let size = 0;
  const parts: Buffer[] = [];
  for await (const piece of request as AsyncIterable<Buffer>) {
    size += piece.length;
    if (size > limit) throw new UploadError(413, 'too_large', `请求体超过 ${limit} 字节`);
    parts.push(piece);
  }
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8')) as unknown;
  } catch (error) {
    throw new UploadError(400, 'not_json', `请求体不是 JSON (${(error as Error).message})`);
  }
}

/** Handles the request if it is an upload route; false when the path is not one. */
export async function handleUploadRoute(request: IncomingMessage, response: ServerResponse, url: URL, deviceId: string, receiver: UploadReceiver): Promise<boolean> {
  if (url.pathname !== UPLOADS_PATH && !url.pathname.startsWith(`${UPLOADS_PATH}/`)) return false;
  try {
    if (url.pathname === UPLOADS_PATH && request.method === 'POST') {
      sendJson(response, 200, await receiver.offer(deviceId, await readJson(request)));
      return true;
    }
    const rest = url.pathname.slice(UPLOADS_PATH.length + 1);
    const slash = rest.indexOf('/');
    const sessionId = slash < 0 ? rest : rest.slice(0, slash);
    const path = slash < 0 ? '' : decodeURIComponent(rest.slice(slash + 1));
    if (path === 'complete' && request.method === 'POST') {
      sendJson(response, 200, { receipt: await receiver.complete(deviceId, sessionId) });
      return true;
    }
    if (request.method === 'PUT' && path !== '') {
      const offset = Number(url.searchParams.get('offset'));
      const sha = request.headers[CHUNK_HASH_HEADER];
      if (!Number.isSafeInteger(offset) || offset < 0) throw new UploadError(400, 'bad_offset', 'offset 参数无效');
      if (typeof sha !== 'string') throw new UploadError(400, 'no_hash', `缺少 ${CHUNK_HASH_HEADER} 请求头`);
      sendJson(response, 200, await receiver.chunk(deviceId, sessionId, path, offset, sha, request as AsyncIterable<Uint8Array>));
      return true;
    }
    sendJson(response, 405, { code: 'method', message: `${request.method ?? ''} ${url.pathname} 不受支持` });
  } catch (error) {
    if (error instanceof UploadError) {
      // Unread body: drain it so the connection can be reused.
      request.resume();
      sendJson(response, error.status, { code: error.code, message: error.message, ...error.detail });
    } else throw error;
  }
  return true;
}
