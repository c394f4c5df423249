// A centre for upload tests: the real receiver and server on loopback, plain HTTP, with a fixed
// device list and bearer tokens. Run in-process (startUploadCentre) or as its own process
// (`node test/harness/upload-centre.ts <config.json>`), so a test can kill it mid-upload.
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { pathToFileURL } from 'node:url';
import type { DeviceKeyList } from '../../scenarios/evidence/seal.ts';
import { startCentreServer, type CentreServer } from '../../electron/services/centre/server.ts';
import { createUploadReceiver } from '../../electron/services/centre/uploads.ts';
import { signerFromPem } from '../../electron/services/network/device-key.ts';

export interface UploadCentreConfig {
  dataDir: string;
  port: number;
  centrePem: string;
  keys: DeviceKeyList;
  /** token → device id */
  tokens: Record<string, string>;
  chunkBytes?: number;
  flushBytes?: number;
}

export async function startUploadCentre(config: UploadCentreConfig): Promise<CentreServer> {
  const centre = signerFromPem(config.centrePem);
  const uploads = createUploadReceiver({ dataDir: config.dataDir, centre, keys: () => Promise.resolve(config.keys), chunkBytes: config.chunkBytes, flushBytes: config.flushBytes });
  return startCentreServer({
    host: '127.0.0.1',
    port: config.port,
    uploads,
    authenticate: (request: IncomingMessage) => {
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      const deviceId = token === undefined ? undefined : config.tokens[token];
      const device = config.keys.devices.find((d) => d.deviceId === deviceId);
      if (!device || device.role === 'centre') return Promise.resolve({ ok: false, status: 401, code: 'no_credential' });
      return Promise.resolve({ ok: true, device: { ...device, role: device.role, sittings: [] } });
    },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const config = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as UploadCentreConfig;
  const server = await startUploadCentre(config);
  process.stdout.write(`listening ${server.port}\n`);
}
