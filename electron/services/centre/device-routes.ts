// The centre's routes beyond uploads: pairing (the one open route), who-am-I, the device key
// list, and reading received packages, each authorised by scenarios/centre/access.ts. Answers
// carry codes and params; the words are the caller's.
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { authorize, type CentreAction, type CentreDevice } from '../../../scenarios/centre/access.ts';
import { isPackagePath } from '../../../scenarios/evidence/manifest.ts';
import type { SignatureCheck, Signer } from '../../../scenarios/evidence/seal.ts';
import { SESSION_ID_PATTERN } from '../../../scenarios/evidence/session-id.ts';
import { evidenceRoot } from '../evidence/package-dir.ts';
import { readSeal } from '../evidence/seal-package.ts';
import { CentreError, type DeviceRegistry } from './registry.ts';
import type { DeviceRoute, OpenRoute } from './server.ts';
import { readJson, sendJson } from './upload-routes.ts';

const MAX_PAIR_BYTES = 4096;
/** Failed pairings a single address may make per window before it is told to wait. */
const PAIR_FAILURES = 20;
const PAIR_WINDOW_MS = 10 * 60_000;

const sendRefusal = (response: ServerResponse, error: CentreError) => sendJson(response, error.status, { code: error.code, params: error.params });

export function pairRoute(registry: DeviceRegistry, check: SignatureCheck, centre: Signer, log: (line: string) => void): OpenRoute {
  const failures = new Map<string, number[]>();
  return async (request, response, url) => {
    if (url.pathname !== '/api/pair') return false;
    const from = request.socket.remoteAddress ?? '?';
    const recent = (failures.get(from) ?? []).filter((t) => Date.now() - t < PAIR_WINDOW_MS);
    if (recent.length >= PAIR_FAILURES) {
      request.resume();
      sendJson(response, 429, { code: 'too_many_attempts', params: { retryAfterSec: String(Math.ceil((PAIR_WINDOW_MS - (Date.now() - (recent[0] ?? 0))) / 1000)) } });
      return true;
    }
    try {
      if (request.method !== 'POST') throw new CentreError(405, 'method');
      const paired = await registry.pair(await readJson(request, MAX_PAIR_BYTES), check);
      log(`paired ${paired.device.role} ${paired.device.deviceId} (${paired.device.name}) from ${from}`);
      sendJson(response, 200, { device: paired.device, credential: paired.credential, centre: { deviceId: centre.deviceId, publicKey: centre.publicKey } });
    } catch (error) {
      if (!(error instanceof CentreError)) throw error;
      failures.set(from, [...recent, Date.now()]);
      log(`pairing refused from ${from}: ${error.code}`);
      sendRefusal(response, error);
    }
    return true;
  };
}

interface ReceivedPackage {
  sessionId: string;
  sitting: string | null;
  station: string;
  candidate: { id: string; name: string };
  manifestSha256: string;
  receivedAt: string | null;
}

async function receivedPackages(dataDir: string): Promise<ReceivedPackage[]> {
  const root = evidenceRoot(dataDir);
  const ids = (await readdir(root).catch(() => [] as string[])).filter((id) => SESSION_ID_PATTERN.test(id));
  const out: ReceivedPackage[] = [];
  for (const id of ids.sort()) {
    const seal = await readSeal(join(root, id)).catch(() => null);
    if (!seal?.centre) continue;
    out.push({ sessionId: id, sitting: seal.payload.sitting, station: seal.station.deviceId, candidate: seal.payload.candidate, manifestSha256: seal.payload.manifestSha256, receivedAt: seal.centre.receivedAt });
  }
  return out;
}

/** The access rules' refusal, thrown as the centre's error (the routes answer it with its code). */
export function allow(device: CentreDevice, action: CentreAction): void {
  const verdict = authorize(device, action);
  if (!verdict.ok) throw new CentreError(verdict.status, verdict.code, verdict.params);
}

export function deviceRoutes(registry: DeviceRegistry, centre: Signer, dataDir: string): DeviceRoute {
  return async (request, response, url, device) => {
    try {
      const path = url.pathname;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        if (path === '/api/whoami' || path === '/api/device-keys' || path.startsWith('/api/sittings/') || path.startsWith('/api/packages/')) throw new CentreError(405, 'method');
        return false;
      }
      if (path === '/api/whoami') {
        allow(device, { kind: 'whoami' });
        sendJson(response, 200, { device });
        return true;
      }
      if (path === '/api/device-keys') {
        allow(device, { kind: 'device_keys' });
        sendJson(response, 200, registry.keyList(centre));
        return true;
      }
      const sitting = /^\/api\/sittings\/([^/]+)\/packages$/.exec(path);
      if (sitting) {
        const id = decodeURIComponent(sitting[1] ?? '');
        allow(device, { kind: 'list_packages', sitting: id });
        sendJson(response, 200, { sitting: id, packages: (await receivedPackages(dataDir)).filter((p) => p.sitting === id) });
        return true;
      }
      const file = /^\/api\/packages\/([^/]+)\/files\/(.+)$/.exec(path);
      if (file) {
        const sessionId = file[1] ?? '';
        const inside = decodeURIComponent(file[2] ?? '');
        if (!SESSION_ID_PATTERN.test(sessionId)) throw new CentreError(400, 'bad_session', { sessionId });
        const dir = join(evidenceRoot(dataDir), sessionId);
        const seal = await readSeal(dir).catch(() => null);
        if (!seal?.centre) throw new CentreError(404, 'no_package', { sessionId });
        allow(device, { kind: 'read_package', station: seal.station.deviceId, sitting: seal.payload.sitting });
        if (!isPackagePath(inside)) throw new CentreError(400, 'bad_path', { path: inside });
        const info = await stat(join(dir, inside)).catch(() => null);
        if (!info?.isFile()) throw new CentreError(404, 'no_file', { path: inside });
        response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': info.size, 'cache-control': 'no-store' });
        if (request.method === 'HEAD') response.end();
        else createReadStream(join(dir, inside)).pipe(response);
        return true;
      }
      return false;
    } catch (error) {
      if (!(error instanceof CentreError)) throw error;
      request.resume();
      sendRefusal(response, error);
      return true;
    }
  };
}
