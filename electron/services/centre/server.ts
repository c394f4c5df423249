// The centre's HTTP(S) server: every request is authenticated (a paired device's credential)
// before any route sees it; routes decide by role. TLS in production (centre/tls.ts); the
// protocol tests may run it on plain loopback.
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import { authorize, type CentreDevice } from '../../../scenarios/centre/access.ts';
import { handleUploadRoute, sendJson } from './upload-routes.ts';
import type { UploadReceiver } from './uploads.ts';

export type AuthedDevice = CentreDevice;

export type Authenticate = (request: IncomingMessage) => Promise<{ ok: true; device: AuthedDevice } | { ok: false; status: number; code: string; params?: Record<string, string> }>;

/** Routes that need no credential (pairing); return true when handled. */
export type OpenRoute = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;
export type DeviceRoute = (request: IncomingMessage, response: ServerResponse, url: URL, device: AuthedDevice) => Promise<boolean>;

export interface CentreServerOptions {
  host: string;
  port: number;
  tls?: { key: string; cert: string };
  authenticate: Authenticate;
  uploads: UploadReceiver;
  open?: OpenRoute[];
  routes?: DeviceRoute[];
  log?: (line: string) => void;
}

export interface CentreServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startCentreServer(options: CentreServerOptions): Promise<CentreServer> {
  const log = options.log ?? (() => undefined);
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'https://centre.invalid');
    } catch {
      // An unparseable request line gets 400 and nothing else happens.
      request.resume();
      sendJson(response, 400, { code: 'bad_url' });
      return;
    }
    for (const route of options.open ?? []) if (await route(request, response, url)) return;
    const auth = await options.authenticate(request);
    if (!auth.ok) {
      request.resume();
      log(`refused ${request.method ?? ''} ${url.pathname} from ${request.socket.remoteAddress ?? '?'}: ${auth.code}`);
      sendJson(response, auth.status, { code: auth.code, params: auth.params ?? {} });
      return;
    }
    const device = auth.device;
    const admitted = authorize(device, { kind: 'whoami' });
    if (!admitted.ok) {
      request.resume();
      sendJson(response, admitted.status, { code: admitted.code, params: admitted.params });
      return;
    }
    if (url.pathname.startsWith('/api/uploads')) {
      const verdict = authorize(device, { kind: 'upload' });
      if (!verdict.ok) {
        request.resume();
        sendJson(response, verdict.status, { code: verdict.code, params: verdict.params });
        return;
      }
      if (await handleUploadRoute(request, response, url, device.deviceId, options.uploads)) return;
    }
    for (const route of options.routes ?? []) if (await route(request, response, url, device)) return;
    request.resume();
    sendJson(response, 404, { code: 'not_found', params: { path: url.pathname } });
  };
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      log(`error ${request.method ?? ''} ${request.url ?? ''}: ${(error as Error).stack ?? String(error)}`);
      if (!response.headersSent) sendJson(response, 500, { code: 'internal', message: (error as Error).message });
      else response.destroy();
    });
  };
  const server = options.tls ? createHttps({ key: options.tls.key, cert: options.tls.cert }, listener) : createHttp(listener);
  server.keepAliveTimeout = 30_000;
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
