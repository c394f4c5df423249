// What other services may read of evidence packages, and nothing more: the scoring service (and
// any later reader) receives an EvidencePackages and never reaches into the evidence folder's
// layout, its closer or its verifier. Read-only: writing a package is the evidence service's.
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Finding } from '../../../scenarios/evidence/finding.ts';
import type { Manifest } from '../../../scenarios/evidence/manifest.ts';
import { SESSION_ID_PATTERN } from '../../../scenarios/evidence/session-id.ts';
import { forEachLine, readText } from './close.ts';
import { evidenceRoot, listFiles, readManifest } from './package-dir.ts';
import { verifyPackage } from './verify-package.ts';

/** The evidence verifier's verdict on a package, without scores/ (its own ledger checks it). */
export interface Verdict {
  valid: boolean;
  status: string | null;
  records: number;
  durationMs: number | null;
  findings: Finding[];
  chainHead: string | null;
  /** Changes whenever a package file other than scores/ changes: a key for what is read from it. */
  version: string;
}

/** What a session list shows of a package (evidence and scoring lists alike). */
export function sessionSummary(m: Manifest, recording: boolean) {
  return {
    sessionId: m.sessionId,
    status: m.status,
    createdAt: m.createdAt,
    candidate: m.candidate,
    station: m.station,
    scenarioId: m.scenario.id,
    durationMs: m.media.camera?.durationMs ?? null,
    stop: m.stop,
    recording,
  };
}
export type SessionSummary = ReturnType<typeof sessionSummary>;

/** One package, read-only. */
export interface EvidencePackage {
  readonly sessionId: string;
  /** The package folder; a reader may keep its own files under it (scoring's scores/). */
  readonly dir: string;
  /** The manifest, or null when it is missing or does not parse. */
  manifest(): Promise<Manifest | null>;
  /** Verified, cached while the files stay the same. */
  verdict(): Promise<Verdict>;
  /** Each line of events.jsonl, in order, streamed. */
  eachLogLine(onLine: (line: string) => Promise<void>): Promise<void>;
  /** A file of the package by its package path (checks/device-check.json), or null. */
  readText(path: string): Promise<string | null>;
}

export interface EvidencePackages {
  /** The session ids of the packages, newest first. */
  ids(): Promise<string[]>;
  /** A package by session id; a malformed id is refused (BadSessionId), so no path leaves the root. */
  open(sessionId: string): EvidencePackage;
  summary: typeof sessionSummary;
}

export class BadSessionId extends Error {
  override name = 'BadSessionId';
}

const verdictCache = new Map<string, { key: string; verdict: Verdict }>();

/** A key that changes whenever a package file (other than scores/) changes. */
async function filesKey(dir: string): Promise<string> {
  const { files } = await listFiles(dir);
  const parts: string[] = [];
  for (const f of files) {
    if (f.startsWith('scores/')) continue;
    const s = await stat(join(dir, f)).catch(() => null);
    parts.push(`${f}:${s?.size ?? -1}:${s?.mtimeMs ?? -1}`);
  }
  return parts.join('|');
}

async function verdictOf(dir: string): Promise<Verdict> {
  const key = await filesKey(dir);
  const cached = verdictCache.get(dir);
  if (cached?.key === key) return cached.verdict;
  const report = await verifyPackage(dir);
  const findings = report.findings;
  const chainHead = headOf(await readText(join(dir, 'manifest.json')));
  const verdict: Verdict = { valid: !findings.some((f) => f.severity === 'error'), status: report.status, records: report.records, durationMs: report.durationMs, findings, chainHead, version: key };
  verdictCache.set(dir, { key, verdict });
  return verdict;
}

function headOf(manifestText: string | null): string | null {
  try {
    return manifestText === null ? null : ((JSON.parse(manifestText) as Partial<Manifest>).chain?.head ?? null);
  } catch {
    return null;
  }
}

/** A package folder wherever it lies (the CLI's argument, a test's temporary folder). */
export function packageAt(dir: string, sessionId = ''): EvidencePackage {
  return {
    sessionId,
    dir,
    manifest: () => readManifest(dir),
    verdict: () => verdictOf(dir),
    eachLogLine: async (onLine) => {
      await forEachLine(join(dir, 'events.jsonl'), onLine);
    },
    readText: (path) => readText(join(dir, path)),
  };
}

/** The packages under <dataDir>/evidence. */
export function createEvidencePackages(dataDir: string): EvidencePackages {
  const root = evidenceRoot(dataDir);
  return {
    async ids() {
      await mkdir(root, { recursive: true });
      return (await readdir(root)).filter((n) => SESSION_ID_PATTERN.test(n)).sort().reverse();
    },
    open(sessionId) {
      if (!SESSION_ID_PATTERN.test(sessionId)) throw new BadSessionId(`bad session id ${sessionId}`);
      return packageAt(join(root, sessionId), sessionId);
    },
    summary: sessionSummary,
  };
}
