// The centre host: the one LiveDrill process that listens beyond 127.0.0.1. It serves TLS only
// (a self-signed certificate whose fingerprint stations pin), admits only paired devices, and
// composes the device registry, the evidence upload receiver and the routes. The sittings
// database (exam/) and the SFU join it here.
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { Signer } from '../../../scenarios/evidence/seal.ts';
import { deviceSigner, nodeSignatureCheck } from '../network/device-key.ts';
import { createFileSecretStore } from '../obs/secret-store.ts';
import { startSfu, type Sfu } from '../sfu/sfu.ts';
import { deviceRoutes, pairRoute } from './device-routes.ts';
import { openLiveBoard } from './live-board.ts';
import { mediaRoutes } from './media-routes.ts';
import { openDeviceRegistry, type DeviceRegistry } from './registry.ts';
import { startCentreServer, type Authenticate } from './server.ts';
import { ensureCentreCertificate, lanAddresses } from './tls.ts';
import { createUploadReceiver } from './uploads.ts';

export const DEFAULT_CENTRE_PORT = 8443;

export interface CentreHostOptions {
  dataDir: string;
  /** 0.0.0.0 (every interface) by default: a centre is reached over the LAN. */
  host?: string;
  port?: number;
  /** SFU workers (one per core by default) and the UDP/TCP ports its transports may take. */
  sfu?: { workers?: number; rtcMinPort?: number; rtcMaxPort?: number };
  log?: (line: string) => void;
}

export interface CentreHost {
  port: number;
  /** https://address:port for each address a station could use. */
  urls: string[];
  fingerprint: string;
  centre: Signer;
  registry: DeviceRegistry;
  close(): Promise<void>;
}

/** The centre's own signing key (countersigns received packages), in <data>/centre, 0600. */
export const centreSigner = (dataDir: string): Promise<Signer> => deviceSigner(createFileSecretStore(join(dataDir, 'centre')));

function bearer(request: IncomingMessage): string | null {
  return /^Bearer (ldc_[A-Za-z0-9_-]{43})$/.exec(request.headers.authorization ?? '')?.[1] ?? null;
}

export async function startCentreHost(options: CentreHostOptions): Promise<CentreHost> {
  const log = options.log ?? (() => undefined);
  const host = options.host ?? '0.0.0.0';
  const tls = await ensureCentreCertificate(options.dataDir);
  if (tls.created) log(`centre: new TLS certificate, fingerprint ${tls.fingerprint}`);
  const centre = await centreSigner(options.dataDir);
  const registry = openDeviceRegistry(options.dataDir);
  const uploads = createUploadReceiver({ dataDir: options.dataDir, centre, keys: () => Promise.resolve(registry.keyList(centre)), log });
  const board = await openLiveBoard(options.dataDir);
  // The SFU starts on the first media request, so a centre whose machine lacks the worker still
  // pairs devices and receives packages (media requests then answer sfu_no_worker).
  let sfu: Promise<Sfu> | null = null;
  const everywhere = host === '0.0.0.0' || host === '::';
  const addresses = everywhere ? lanAddresses() : [host];
  const sfuReady = () =>
    (sfu ??= startSfu({ ...options.sfu, listenIp: host, ...(everywhere && addresses[0] ? { announcedAddress: addresses[0] } : {}), log }).catch((error: unknown) => {
      sfu = null;
      throw error;
    }));
  // A device revoked from the centre's terminal loses its streams within seconds (its requests
  // are refused at once; media flowing on open transports is closed here).
  const sweep = setInterval(() => {
    void sfu?.then((running) => {
      for (const d of registry.devices()) if (d.revokedAt !== null) running.closeDevice(d.deviceId);
    }, () => undefined);
  }, 3000);
  sweep.unref();
  const authenticate: Authenticate = (request) => {
    const credential = bearer(request);
    if (credential === null) return Promise.resolve({ ok: false, status: 401, code: request.headers.authorization ? 'bad_credential' : 'no_credential' });
    const device = registry.byCredential(credential);
    if (!device) return Promise.resolve({ ok: false, status: 401, code: 'unknown_credential' });
    return Promise.resolve({ ok: true, device });
  };
  let server;
  try {
    server = await startCentreServer({
      host,
      port: options.port ?? DEFAULT_CENTRE_PORT,
      tls: { key: tls.key, cert: tls.cert },
      authenticate,
      uploads,
      open: [pairRoute(registry, nodeSignatureCheck, centre, log)],
      routes: [deviceRoutes(registry, centre, options.dataDir), mediaRoutes(sfuReady, board)],
      log,
    });
  } catch (error) {
    registry.close();
    throw error;
  }
  const urls = addresses.map((a) => `https://${a.includes(':') ? `[${a}]` : a}:${server.port}`);
  return {
    port: server.port,
    urls,
    fingerprint: tls.fingerprint,
    centre,
    registry,
    close: async () => {
      clearInterval(sweep);
      await server.close();
      if (sfu) (await sfu.catch(() => null))?.close();
      registry.close();
    },
  };
}
