// One archive per sitting: sitting, roster, seating plan, panels, results (JSON and the 成绩登记表
// CSV), the audit log, and every linked evidence package file by file, as a POSIX ustar whose
// last entry is a manifest with each file's SHA-256 and size and the retention dates.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { csvRows } from '../../../scenarios/scoring/csv.ts';
import { retentionDates, RETENTION_YEARS } from '../../../scenarios/exam/index.ts';
import { canonicalJson } from '../../../scenarios/evidence/canonical.ts';
import { tarHeader } from '../evidence/archive.ts';
import { streamFile, writeAll } from '../platform/fs.ts';
import { evidenceRoot, listFiles } from '../evidence/package-dir.ts';
import { computeResults } from './centre.ts';
import { identityDir } from './day.ts';
import { resultRows, rosterRows, seatingRows } from './reports.ts';
import type { ExamStore } from './store.ts';

const BLOCK = 512;
export const ARCHIVE_MANIFEST = 'archive-manifest.json';

export interface SittingArchive {
  file: string;
  size: number;
  sha256: string;
  entries: number;
  packages: number;
  retention: { paper: string; electronic: string };
}

export async function archiveSitting(store: ExamStore, dataDir: string, sittingId: string, out: string, now = new Date()): Promise<SittingArchive> {
  const res = await computeResults(store, dataDir, sittingId);
  const s = res.sitting;
  const candidates = store.candidates(s.id);
  const seats = store.seats(s.id);
  const names = new Map(store.assessors(s.id).map((a) => [a.assessorId, a.name]));
  const docs: [string, string][] = [
    ['sitting.json', `${JSON.stringify(s, null, 2)}\n`],
    ['roster.csv', csvRows(rosterRows(candidates))],
    ['seating.csv', csvRows(seatingRows(candidates, seats))],
    ['assessors.json', `${JSON.stringify({ assessors: store.assessors(s.id), declarations: store.declarations(s.id), panels: store.panels(s.id) }, null, 2)}\n`],
    ['results.json', `${JSON.stringify({ published: res.published, results: res.results, analytics: res.analytics, evidence: res.evidence }, null, 2)}\n`],
    ['results.csv', csvRows(resultRows(candidates, res.results, seats, names))],
    ['audit.jsonl', store.audit(s.id).map((r) => canonicalJson(r)).join('\n') + '\n'],
  ];
  await mkdir(dirname(out), { recursive: true });
  const temp = `${out}.${randomBytes(4).toString('hex')}.part`;
  const handle = await open(temp, 'wx');
  const whole = createHash('sha256');
  let size = 0;
  const put = async (bytes: Uint8Array) => {
    await writeAll(handle, bytes, null);
    whole.update(bytes);
    size += bytes.length;
  };
  const listed: { path: string; size: number; sha256: string }[] = [];
  const padTo = async (n: number) => {
    const pad = (BLOCK - (n % BLOCK)) % BLOCK;
    if (pad > 0) await put(Buffer.alloc(pad));
  };
  const putDoc = async (path: string, text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    await put(tarHeader(`${s.id}/${path}`, bytes.length, now.getTime()));
    await put(bytes);
    await padTo(bytes.length);
    listed.push({ path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  };
  let packages = 0;
  const putFile = async (full: string, path: string) => {
    const info = await stat(full);
    await put(tarHeader(`${s.id}/${path}`, info.size, info.mtimeMs));
    const h = createHash('sha256');
    let written = 0;
    await streamFile(full, async (bytes) => {
      h.update(bytes);
      written += bytes.length;
      await put(bytes);
    });
    if (written !== info.size) throw new Error(`${full} changed while being archived`);
    await padTo(info.size);
    listed.push({ path, size: info.size, sha256: h.digest('hex') });
  };
  try {
    for (const [path, text] of docs) await putDoc(path, text);
    // the identity photos taken at the stations (the audit records name each by SHA-256)
    const photos = await readdir(identityDir(dataDir, s.id)).catch(() => [] as string[]);
    for (const f of photos.filter((x) => !x.startsWith('.')).sort()) await putFile(join(identityDir(dataDir, s.id), f), `identity/${f}`);
    for (const link of store.sessions(s.id)) {
      const dir = join(evidenceRoot(dataDir), link.sessionId);
      const { files } = await listFiles(dir).catch(() => ({ files: [] as string[] }));
      const shipped = files.filter((f) => !f.split('/').some((p) => p.startsWith('.')) && !f.endsWith('.draft.json'));
      if (shipped.length > 0) packages++;
      for (const f of shipped) await putFile(join(dir, f), `evidence/${link.sessionId}/${f}`);
    }
    const retention = retentionDates(s.date);
    const manifest = {
      format: 'livedrill-sitting-archive/1',
      sittingId: s.id,
      createdAt: now.toISOString(),
      retention: { ...retention, years: RETENTION_YEARS },
      sessions: store.sessions(s.id),
      auditHead: store.audit(s.id).at(-1)?.hash ?? null,
      files: listed,
    };
    await putDoc(ARCHIVE_MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
    await put(Buffer.alloc(BLOCK * 2));
    await handle.sync();
    await handle.close();
    await rename(temp, out);
    return { file: out, size, sha256: whole.digest('hex'), entries: listed.length, packages, retention };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}
