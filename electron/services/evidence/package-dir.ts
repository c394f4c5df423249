// Where packages live and how a package folder is read: ids (chosen here, never by the
// renderer), the folder layout, the lock a recording holds, the reserve kept for closing on a
// full disk, and the manifest built from the chain.
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { canonicalPretty } from '../../../scenarios/evidence/canonical.ts';
import { CAMERA_FILE, MANIFEST_FORMAT, Manifest, type ExternalFile, type ManifestStatus } from '../../../scenarios/evidence/manifest.ts';
import type { FileDigest, SessionStartData, StopReason } from '../../../scenarios/evidence/record.ts';
import type { ChainSummary } from '../../../scenarios/evidence/verify.ts';
import { atomicWrite } from '../platform/fs.ts';

export const LOCK_FILE = '.lock';
export const RESERVE_FILE = '.reserve';
/** Kept free for closing a package when the disk fills: Cues, last records, manifest. */
export const RESERVE_BYTES = 256 * 1024;

export function evidenceRoot(dataDir: string): string {
  return join(dataDir, 'evidence');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function newSessionId(now = new Date()): string {
  const date = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `${date}-${time}-${randomBytes(3).toString('hex')}`;
}

/** Every regular file under dir as a package path (forward slashes), dotfiles included. */
export async function listFiles(dir: string): Promise<{ files: string[]; odd: string[] }> {
  const files: string[] = [];
  const odd: string[] = [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const e of entries) {
    const rel = relative(dir, join(e.parentPath, e.name)).split(sep).join('/');
    if (e.isFile()) files.push(rel);
    else if (!e.isDirectory()) odd.push(rel);
  }
  files.sort();
  return { files, odd };
}

export async function readManifest(dir: string): Promise<Manifest | null> {
  const text = await readFile(join(dir, 'manifest.json'), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = Manifest.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  await atomicWrite(join(dir, 'manifest.json'), canonicalPretty(Manifest.parse(manifest)));
}

export interface ManifestFacts {
  start: SessionStartData;
  status: ManifestStatus;
  summary: Pick<ChainSummary, 'clock' | 'mediaStart'> | null;
  durationMs: number | null;
  stop: { reason: StopReason; message: string; at: number } | null;
  recovery: Manifest['recovery'];
  chain: { head: string | null; records: number };
  files: FileDigest[];
  external: ExternalFile[];
}

export function buildManifest(f: ManifestFacts): Manifest {
  const ms = f.summary?.mediaStart ?? null;
  return {
    format: MANIFEST_FORMAT,
    sessionId: f.start.sessionId,
    createdAt: f.start.createdAt,
    candidate: f.start.candidate,
    station: f.start.station,
    scenario: f.start.scenario,
    seed: f.start.seed,
    app: f.start.app,
    status: f.status,
    clock: { offsets: (f.summary?.clock ?? []).map((c) => ({ at: (c.nodeReceivedAt + c.nodeSentAt) / 2, offsetMs: c.offsetMs, rttMs: c.rttMs })) },
    media: { camera: ms ? { path: CAMERA_FILE, mimeType: ms.mimeType, startedAt: ms.startedAt, durationMs: f.durationMs } : null },
    stop: f.stop,
    recovery: f.recovery,
    chain: f.chain,
    files: f.files,
    external: f.external,
  };
}

/** The lock names the recording process; a lock whose process is gone is stale. */
export async function writeLock(dir: string): Promise<void> {
  await writeFile(join(dir, LOCK_FILE), `${process.pid}\n`, { flag: 'wx' });
}

export async function lockIsLive(dir: string): Promise<boolean> {
  const text = await readFile(join(dir, LOCK_FILE), 'utf8').catch(() => null);
  if (text === null) return false;
  const pid = Number(text.trim());
  // Our own pid: the caller knows whether it still records this package.
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function removeHelpers(dir: string): Promise<void> {
  await rm(join(dir, RESERVE_FILE), { force: true });
  await rm(join(dir, LOCK_FILE), { force: true });
}
