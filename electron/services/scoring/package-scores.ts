// The scores/ folder of one package on disk: read every score file, append to the ledger
// (open for append, write, fsync), replace a file atomically (temp + fsync + rename + fsync of
// the folder), and one queue per package so that a sheet and its ledger line are written as a
// unit. A signed sheet file is only ever replaced by a file that keeps every earlier version.
import { mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeHasher } from '../platform/hash.ts';
import { atomicWrite, fsyncDir, writeAll } from '../platform/fs.ts';
import { LEDGER_FILE, ledgerLine, readLedger, sealEntry, type LedgerEntry, type LedgerPayload } from '../../../scenarios/scoring/ledger.ts';
import { verifyScores, type ScoreFileInput, type ScoresReport } from '../../../scenarios/scoring/verify.ts';

const queues = new Map<string, Promise<unknown>>();

/** Runs task alone for this package directory (in this process). */
export function exclusive<T>(dir: string, task: () => Promise<T>): Promise<T> {
  const before = queues.get(dir) ?? Promise.resolve();
  const run = before.then(task, task);
  const tail = run.catch(() => undefined);
  queues.set(dir, tail);
  void tail.then(() => {
    if (queues.get(dir) === tail) queues.delete(dir);
  });
  return run;
}

export async function readScoreFiles(dir: string): Promise<{ ledgerText: string | null; files: ScoreFileInput[] }> {
  const scores = join(dir, 'scores');
  const entries = await readdir(scores, { withFileTypes: true }).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  });
  const files: ScoreFileInput[] = [];
  let ledgerText: string | null = null;
  // Only regular files: anything else under scores/ is reported by the package verifier (odd_entry).
  const names = entries.filter((e) => e.isFile()).map((e) => e.name);
  for (const name of names.sort()) {
    // Dot-files too: verifyScores tells a leftover temp file of an interrupted write from anything else.
    const path = `scores/${name}`;
    const bytes = await readFile(join(scores, name));
    if (path === LEDGER_FILE) ledgerText = bytes.toString('utf8');
    else files.push({ path, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  }
  return { ledgerText, files };
}

export async function scoresReport(dir: string, sessionId: string | null, chainHead?: string | null): Promise<ScoresReport> {
  const { ledgerText, files } = await readScoreFiles(dir);
  return verifyScores(nodeHasher, { sessionId, chainHead, ledgerText, files });
}

/** Appends one entry to scores/ledger.jsonl, chained to the last line; fsynced before return. */
export async function appendLedger(dir: string, payload: LedgerPayload, at: string): Promise<LedgerEntry> {
  await mkdir(join(dir, 'scores'), { recursive: true });
  const path = join(dir, LEDGER_FILE);
  const text = await readFile(path, 'utf8').catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  });
  const { head } = await readLedger(nodeHasher, text);
  const entry = await sealEntry(nodeHasher, head, at, payload);
  const handle = await open(path, 'a');
  try {
    await writeAll(handle, Buffer.from(ledgerLine(entry), 'utf8'), null);
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (text === null) await fsyncDir(join(dir, 'scores'));
  return entry;
}

export async function writeScoreFile(dir: string, path: string, text: string): Promise<void> {
  await mkdir(join(dir, 'scores'), { recursive: true });
  await atomicWrite(join(dir, path), text);
}

export async function removeScoreFile(dir: string, path: string): Promise<void> {
  await rm(join(dir, path), { force: true });
  await fsyncDir(join(dir, 'scores'));
}
