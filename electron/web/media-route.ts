// Web mode's read-only media route for the assessor's player: /media/<session id>/<file>?token=…
// Same host check as every page and the run's token (the page passes it on, as the WebSocket
// does); the file rules (listed in a verified manifest, ranges) are in services/evidence/media.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isMediaPath, mediaAnswer, mediaStream } from '../services/evidence/media.ts';
import { isAllowedHost, tokenMatches } from './policy.ts';

export { isMediaPath };

export async function serveMedia(dataDir: string, token: string, port: number, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (!isAllowedHost(request.headers.host, port)) {
    response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Forbidden host');
    return;
  }
  if (!tokenMatches(url.searchParams.get('token'), token)) {
    response.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad token');
    return;
  }
  const answer = await mediaAnswer(dataDir, url.pathname, request.method ?? 'GET', request.headers.range);
  response.writeHead(answer.status, answer.headers);
  const body = mediaStream(answer);
  if (body === null || typeof body === 'string') {
    response.end(body ?? undefined);
    return;
  }
  body.on('error', () => response.destroy());
  body.pipe(response);
}
