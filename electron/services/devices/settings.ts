// The device check's settings in <data folder>/settings/device-check.json: the ingest server as
// scheme://host:port only (the path and stream key a trainee may paste are dropped before storing).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ContractError } from '../../contract/define.ts';
import type { DeviceSettings } from '../../contract/devices.ts';
import { parseIngestUrl } from '../../../scenarios/device-check/index.ts';
import { atomicWrite } from '../platform/fs.ts';

const Stored = z.object({ ingestUrl: z.string().nullable() });

export function settingsPath(dataDir: string): string {
  return join(dataDir, 'settings', 'device-check.json');
}

export async function readSettings(dataDir: string): Promise<DeviceSettings> {
  const path = settingsPath(dataDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ingestUrl: null };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ContractError('failed', `设备检测设置文件已损坏，请删除后重新填写（${path}: ${(error as Error).message}）`);
  }
  const parsed = Stored.safeParse(json);
  if (!parsed.success) throw new ContractError('failed', `设备检测设置文件内容不对，请删除后重新填写（${path}: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}）`);
  return parsed.data;
}

export async function writeSettings(dataDir: string, ingestUrl: string | null): Promise<DeviceSettings> {
  let stored: string | null = null;
  if (ingestUrl !== null && ingestUrl.trim() !== '') {
    const parsed = parseIngestUrl(ingestUrl);
    if (!parsed.ok) throw new ContractError('failed', `${parsed.error}（devices.setSettings: ingestUrl）`);
    stored = parsed.target.display;
  }
  const settings: DeviceSettings = { ingestUrl: stored };
  await atomicWrite(settingsPath(dataDir), `${JSON.stringify(settings, null, 2)}\n`, { mkdirMode: 0o777 });
  return settings;
}
