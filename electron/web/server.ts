// Web mode: serves the built renderer and the contract over WebSocket on 127.0.0.1 only.
// Each run has a random token; the page gets it in its URL and the WebSocket requires it.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { createDispatcher } from '../contract/dispatch.ts';
import { TOKEN_CHECK_PATH, WIRE_PATH } from '../contract/wire.ts';
import { createServices, type Services } from '../services/host.ts';
import { buildCsp } from '../services/security/csp.ts';
import { contentTypeFor, resolveStaticPath } from '../services/security/static-path.ts';
import { isAllowedHost, isAllowedOrigin, tokenMatches } from './policy.ts';
import { serveConnection } from './connection.ts';
import { isMediaPath, serveMedia } from './media-route.ts';

export interface WebHostOptions {
  rendererDir: string;
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token (tests); random by default. */
  token?: string;
  log?: (line: string) => void;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  services: Services;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const log = options.log ?? (() => undefined);
  const services = createServices({ dataDir: options.dataDir });
  const dispatch = createDispatcher(services.handlers);
  let port = 0;

  const server = createServer((request, response) => {
    // The assessor's video: files of a verified package only (services/evidence/media.ts).
    if (parseRequestUrl(request.url) === null) {
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad request path');
      return;
    }
    if (parseRequestUrl(request.url)?.pathname === TOKEN_CHECK_PATH) {
      checkToken(token, port, request, response);
      return;
    }
    const serve = isMediaPath(request.url ?? '/') ? serveMedia(options.dataDir, token, port, request, response) : serveStatic(options.rendererDir, port, request, response);
    serve.catch((error: unknown) => {
      log(`static: ${String(error)}`);
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  wss.on('error', (error) => log(`WebSocket server: ${error.message}`));
  server.on('clientError', (error, socket) => {
    log(`bad HTTP request: ${error.message}`);
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  server.on('upgrade', (request, socket, head) => {
    // Before ws takes the socket over, its errors (a reset mid-handshake) are ours to handle.
    socket.on('error', (error) => log(`upgrade socket: ${error.message}`));
    const refuse = (status: number, reason: string) => {
      log(`refused WebSocket: ${reason}`);
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n\r\n`);
    };
    const url = parseRequestUrl(request.url);
    if (url === null) return refuse(400, 'Bad Request');
    if (url.pathname !== WIRE_PATH) return refuse(404, 'Not Found');
    if (!isAllowedHost(request.headers.host, port)) return refuse(403, 'Forbidden host');
    if (!isAllowedOrigin(request.headers.origin, port)) return refuse(403, 'Forbidden origin');
    if (!tokenMatches(url.searchParams.get('token'), token)) return refuse(401, 'Bad token');
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  wss.on('connection', (ws: WebSocket) => serveConnection(ws, dispatch, services.events, log));

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${HOST}:${port}/?token=${token}`;

  return {
    url,
    port,
    token,
    services,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((done) => server.close(() => done()));
      await services.close();
    },
  };
}

/** The request target as a URL on our own origin, or null when it is not a plain path (`//[`, `http://[`, `//:99999`). */
export function parseRequestUrl(target: string | undefined): URL | null {
  if (target === undefined || !target.startsWith('/') || target.startsWith('//')) return null;
  try {
    const url = new URL(target, `http://${HOST}`);
    return url.host === HOST ? url : null;
  } catch {
    return null;
  }
}

/** TOKEN_CHECK_PATH: 204 for this run's token, 401 for any other, 403 for a foreign Host header. */
function checkToken(token: string, port: number, request: IncomingMessage, response: ServerResponse): void {
  const headers = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };
  if (!isAllowedHost(request.headers.host, port)) {
    response.writeHead(403, headers).end('Forbidden host');
    return;
  }
  if (request.method !== 'GET') {
    response.writeHead(405, { allow: 'GET' }).end();
    return;
  }
  const given = parseRequestUrl(request.url)?.searchParams.get('token');
  if (tokenMatches(given, token)) response.writeHead(204, headers).end();
  else response.writeHead(401, headers).end('Bad token');
}

async function serveStatic(root: string, port: number, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (!isAllowedHost(request.headers.host, port)) {
    response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Forbidden host');
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const url = parseRequestUrl(request.url);
  if (url === null) {
    response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad request path');
    return;
  }
  const pathname = url.pathname;
  const resolved = resolveStaticPath(root, pathname);
  if (!resolved.ok) {
    response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(`Bad path: ${resolved.reason}`);
    return;
  }
  let file = resolved.file;
  let info = await stat(file).catch(() => null);
  // Client-side routes fall back to the app's page; missing assets stay 404.
  if (!info?.isFile() && !pathname.includes('.')) {
    file = join(root, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  response.writeHead(200, {
    'content-type': contentTypeFor(file),
    'content-length': info.size,
    'content-security-policy': buildCsp({ connect: [`ws://${HOST}:${port}`, `ws://localhost:${port}`] }),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
    'permissions-policy': 'camera=(self), microphone=(self), geolocation=()',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}
