// On start, every package still marked "recording" whose recording process is gone was cut off
// by a crash: it is closed from what is on disk and marked recovered with the gap. A folder
// without a manifest is a start that never finished (evidence.start never answered, so no media
// or record can have arrived): it is set aside as .aborted-<id>, kept for inspection, not listed.
import { access, readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from '../../../scenarios/evidence/manifest.ts';
import { closePackage } from './close.ts';
import { lockIsLive, readManifest } from './package-dir.ts';
import { SESSION_ID_PATTERN } from '../../../scenarios/evidence/session-id.ts';

export interface RecoveryResult {
  sessionId: string;
  manifest: Manifest | null;
  error: string | null;
}

export async function recoverAll(root: string, active: ReadonlySet<string> = new Set()): Promise<RecoveryResult[]> {
  const names = await readdir(root).catch(() => [] as string[]);
  const results: RecoveryResult[] = [];
  for (const name of names.sort()) {
    if (!SESSION_ID_PATTERN.test(name) || active.has(name)) continue;
    const dir = join(root, name);
    const hasManifest = await access(join(dir, 'manifest.json')).then(
      () => true,
      () => false,
    );
    if (!hasManifest) {
      // Only a start with no media at all; a package that lost its manifest otherwise stays
      // where it is, and verify says what is missing.
      const media = await stat(join(dir, 'media', 'camera.webm')).catch(() => null);
      if ((media?.size ?? 0) === 0 && !(await lockIsLive(dir))) await rename(dir, join(root, `.aborted-${name}`)).catch(() => undefined);
      continue;
    }
    const manifest = await readManifest(dir);
    if (manifest?.status !== 'recording') continue;
    if (await lockIsLive(dir)) continue; // another process (the desktop app, a web host) records it
    results.push(await recoverOne(dir, name));
  }
  return results;
}

export async function recoverOne(dir: string, sessionId: string): Promise<RecoveryResult> {
  try {
    const manifest = await closePackage(dir, {
      reason: 'crash',
      message: '应用在录制中意外退出，证据包已在下次启动时恢复 (recovered after a crash)',
      recovered: true,
    });
    return { sessionId, manifest, error: null };
  } catch (error) {
    return { sessionId, manifest: null, error: error instanceof Error ? error.message : String(error) };
  }
}
