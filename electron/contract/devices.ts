// The device check's Node side: free disk space where evidence is written, the network as Node
// sees it (interfaces, TCP connect time and jitter to the ingest server), the ingest setting, and
// saving a finished check's record under checks/ in the data folder.
import { z } from 'zod';
import { DeviceCheckRecord, IngestMeasured } from '../../scenarios/device-check/record.ts';
import { method } from './define.ts';

export const DiskInfo = z.object({
  /** The data folder (where evidence is written). */
  dir: z.string(),
  /** Bytes this user may still write there (statfs bavail × bsize). */
  freeBytes: z.number().nonnegative(),
  totalBytes: z.number().nonnegative(),
});
export type DiskInfo = z.infer<typeof DiskInfo>;

export const NetworkInfo = z.object({
  /** Interfaces with a routable address, e.g. "eth0 IPv4" (no addresses: they identify the machine). */
  interfaces: z.array(z.string()),
  /** The ingest address was unusable: why, in Chinese. */
  ingestError: z.string().nullable(),
  /** null when no ingest server is set. */
  ingest: IngestMeasured.nullable(),
});
export type NetworkInfo = z.infer<typeof NetworkInfo>;

export const DeviceSettings = z.object({
  /** scheme://host:port of the ingest server; the path and stream key are never stored. */
  ingestUrl: z.string().nullable(),
});
export type DeviceSettings = z.infer<typeof DeviceSettings>;

export const SavedCheck = z.object({
  /** Where the record was written (inside the data folder). */
  path: z.string(),
  bytes: z.number().int().nonnegative(),
});

export const devicesMethods = {
  'devices.disk': method('Free and total bytes of the disk holding the data folder.', z.object({}).strict(), DiskInfo),
  'devices.network': method(
    'Network interfaces, and TCP connect time and jitter to the ingest server (the one given, or the stored setting).',
    z.object({ ingestUrl: z.string().max(2048).nullable().optional() }).strict(),
    NetworkInfo,
  ),
  'devices.settings': method('The device-check settings (the ingest server).', z.object({}).strict(), DeviceSettings),
  'devices.setSettings': method(
    'Stores the ingest server (host and port only); answers what was stored. A bad address is refused with the reason.',
    z.object({ ingestUrl: z.string().max(2048).nullable() }).strict(),
    DeviceSettings,
  ),
  'devices.saveCheck': method(
    'Writes a finished device check to checks/ in the data folder, atomically (temp file + rename).',
    z.object({ record: DeviceCheckRecord }).strict(),
    SavedCheck,
  ),
};
