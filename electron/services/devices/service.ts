// The devices.* handlers: disk, network, settings, and saving a finished check under checks/.
import { join } from 'node:path';
import { ContractError, type Handlers } from '../../contract/index.ts';
import { parseIngestUrl, THRESHOLDS } from '../../../scenarios/device-check/index.ts';
import { atomicWrite } from '../platform/fs.ts';
import type { Service } from '../service.ts';
import { diskInfo } from './disk.ts';
import { probeIngest, routableInterfaces } from './network.ts';
import { readSettings, writeSettings } from './settings.ts';

export type DevicesHandlers = Pick<Handlers, 'devices.disk' | 'devices.network' | 'devices.settings' | 'devices.setSettings' | 'devices.saveCheck'>;

export function createDevicesService(deps: { dataDir: string }): Service<DevicesHandlers> {
  const { dataDir } = deps;
  const handlers: DevicesHandlers = {
    'devices.disk': async () => {
      try {
        return await diskInfo(dataDir);
      } catch (error) {
        throw new ContractError('failed', `无法读取数据目录所在磁盘的空间（${dataDir}: ${(error as Error).message}）`);
      }
    },
    'devices.network': async ({ ingestUrl }) => {
      const interfaces = routableInterfaces();
      const url = ingestUrl === undefined ? (await readSettings(dataDir)).ingestUrl : ingestUrl;
      if (url === null || url.trim() === '') return { interfaces, ingestError: null, ingest: null };
      const parsed = parseIngestUrl(url);
      if (!parsed.ok) return { interfaces, ingestError: parsed.error, ingest: null };
      const ingest = await probeIngest(parsed.target, THRESHOLDS.network.samples.value, THRESHOLDS.network.connectTimeoutMs.value);
      return { interfaces, ingestError: null, ingest };
    },
    'devices.settings': () => readSettings(dataDir),
    'devices.setSettings': ({ ingestUrl }) => writeSettings(dataDir, ingestUrl),
    'devices.saveCheck': async ({ record }) => {
      // The id is checked by the schema ([A-Za-z0-9-]), so the name cannot leave checks/.
      const path = join(dataDir, 'checks', `device-check-${record.id}.json`);
      const bytes = await atomicWrite(path, `${JSON.stringify(record, null, 2)}\n`, { mkdirMode: 0o777 });
      return { path, bytes };
    },
  };
  return { handlers, close: () => undefined };
}
