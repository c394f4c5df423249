// Free space where evidence is written: statfs of the data folder (created if it is not there yet,
// since that is where the recording will go).
import { mkdir, statfs } from 'node:fs/promises';
import type { DiskInfo } from '../../contract/devices.ts';

export async function diskInfo(dir: string): Promise<DiskInfo> {
  await mkdir(dir, { recursive: true });
  const stats = await statfs(dir);
  // bavail: blocks an unprivileged user may use (bfree includes the root reserve).
  return { dir, freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
}
