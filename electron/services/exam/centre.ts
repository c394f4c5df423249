// What the centre does with its records, shared by the contract handlers and the CLI: import a
// roster (good rows kept, bad rows located), check a sitting against 1.9 with its real counts,
// assign panels, draw stations, and compute results and analytics from the score sheets in the
// candidates' evidence packages (read, never copied: the store keeps session id and hash).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  assignPanels,
  assignTickets,
  checkSitting,
  drawIssues,
  drawStations,
  parseRoster,
  sittingAnalytics,
  sittingResults,
  type Analytics,
  type AmendmentRef,
  type AssignResult,
  type Attendance,
  type Candidate,
  type CandidateEvidence,
  type CandidateResult,
  type DrawResult,
  type ExamIssue,
  type LocatedIssue,
  type Sitting,
  type SittingCheck,
} from '../../../scenarios/exam/index.ts';
import type { SheetContent } from '../../../scenarios/scoring/index.ts';
import { evidenceRoot, readManifest } from '../evidence/package-dir.ts';
import { scoresReport } from '../scoring/package-scores.ts';
import { readRosterBytes } from './roster-file.ts';
import { StoreError, type ExamStore } from './store.ts';

export const examDbFile = (dataDir: string) => join(dataDir, 'centre', 'centre.sqlite');
/** Stations run at most this many rounds (批次) in one sitting. */
export const MAX_ROUNDS = 8;

export function mustSitting(store: ExamStore, id: string): Sitting {
  const s = store.sitting(id);
  if (!s) throw new StoreError('store.noSitting', { sittingId: id });
  return s;
}

export interface RosterImport {
  file: string;
  sha256: string;
  rows: number;
  kept: Candidate[];
  issues: LocatedIssue[];
}

export function importRoster(store: ExamStore, sittingId: string, name: string, bytes: Uint8Array, actor: string): RosterImport {
  const s = mustSitting(store, sittingId);
  const table = readRosterBytes(name, bytes);
  const existing = store.candidates(sittingId);
  const parsed = parseRoster(table.rows, { workType: s.workType, level: s.level, existing });
  const prefix = `${s.date.replace(/-/g, '').slice(2)}${s.id.slice(-3).toUpperCase()}`;
  const withTickets = assignTickets([...existing, ...parsed.candidates.map((c) => c.candidate)], prefix).slice(existing.length);
  if (withTickets.length > 0 || parsed.issues.length > 0) {
    store.addCandidates(sittingId, withTickets, { file: name, sha256: table.sha256, rows: parsed.rows, kept: withTickets.length, rejected: parsed.rows - withTickets.length }, actor);
  }
  return { file: name, sha256: table.sha256, rows: parsed.rows, kept: withTickets, issues: parsed.issues };
}

export function sittingCheckOf(store: ExamStore, s: Sitting): SittingCheck {
  return checkSitting(s, { candidates: store.candidates(s.id).length, assessors: store.assessors(s.id).length });
}

export function assignmentFor(store: ExamStore, s: Sitting): AssignResult {
  return assignPanels({
    kind: s.kind,
    panelSize: s.panelSize,
    candidates: store.candidates(s.id).map((c) => ({ id: c.id, name: c.name, employer: c.employer })),
    assessors: store.assessors(s.id).map((a) => ({ id: a.assessorId, name: a.name, employer: a.employer })),
    declarations: store.declarations(s.id),
  });
}

/** Assigns and saves the panels, or returns why it cannot (nothing saved). */
export function assignAndSave(store: ExamStore, s: Sitting, actor: string): AssignResult {
  const r = assignmentFor(store, s);
  if (r.ok) store.savePanels(s.id, r.assignment.panels, r.assignment.breaks.map((b) => b.code), actor);
  return r;
}

export function drawAndSave(store: ExamStore, s: Sitting, actor: string): { ok: true; draw: DrawResult } | { ok: false; issues: ExamIssue[] } {
  const ids = store.candidates(s.id).map((c) => c.id);
  const issues = drawIssues(ids.length, s.stations, MAX_ROUNDS);
  if (issues.length > 0) return { ok: false, issues };
  const draw = drawStations(ids, s.stations, s.drawSeed);
  store.saveSeats(s.id, s.drawSeed, draw.seats, actor);
  return { ok: true, draw };
}

export interface SittingResults {
  sitting: Sitting;
  results: CandidateResult[];
  analytics: Analytics;
  /** candidateId → signed sheets counted (for the 成绩登记表 and 复核). */
  sheets: Map<string, SheetContent[]>;
  published: string | null;
  /** Evidence problems: a package missing or changed since it was linked. */
  evidence: ExamIssue[];
}

export function attendanceOf(store: ExamStore, sittingId: string): Map<string, Attendance> {
  const out = new Map<string, Attendance>();
  for (const r of store.audit(sittingId)) {
    const d = r.data as { candidateId?: string; admitted?: boolean };
    if (r.type === 'candidate.arrived' && d.candidateId) out.set(d.candidateId, d.admitted === false ? 'barred' : 'present');
    if (r.type === 'candidate.absent' && d.candidateId) out.set(d.candidateId, 'absent');
  }
  return out;
}

export function amendmentsOf(store: ExamStore, sittingId: string): AmendmentRef[] {
  return store
    .audit(sittingId)
    .filter((r) => r.type === 'result.amended')
    .map((r) => {
      const d = r.data as { candidateId: string; to: number };
      return { candidateId: d.candidateId, score: d.to, at: r.at };
    });
}

export async function computeResults(store: ExamStore, dataDir: string, sittingId: string): Promise<SittingResults> {
  const sitting = mustSitting(store, sittingId);
  const panels = store.panels(sittingId);
  const links = new Map(store.sessions(sittingId).map((l) => [l.candidateId, l]));
  const attendance = attendanceOf(store, sittingId);
  const sheets = new Map<string, SheetContent[]>();
  const evidence: ExamIssue[] = [];
  const inputs: CandidateEvidence[] = [];
  for (const c of store.candidates(sittingId)) {
    const link = links.get(c.id);
    let signed: CandidateEvidence['signed'] = [];
    if (link) {
      const dir = join(evidenceRoot(dataDir), link.sessionId);
      const manifestBytes = await readFile(join(dir, 'manifest.json')).catch(() => null);
      const manifest = manifestBytes ? await readManifest(dir) : null;
      if (!manifestBytes || !manifest) evidence.push({ code: 'evidence.missing', params: { candidateId: c.id, sessionId: link.sessionId } });
      else {
        if (createHash('sha256').update(manifestBytes).digest('hex') !== link.manifestSha256) {
          evidence.push({ code: 'evidence.changed', params: { candidateId: c.id, sessionId: link.sessionId } });
        }
        const report = await scoresReport(dir, link.sessionId, manifest.chain.head);
        signed = report.sheets.filter((s) => s.intact).map((s) => ({ content: s.current.content, signedAt: s.current.signature.signedAt }));
        sheets.set(c.id, signed.map((s) => s.content));
      }
    }
    inputs.push({
      candidateId: c.id,
      attendance: attendance.get(c.id) ?? 'present',
      sessionId: link?.sessionId ?? null,
      signed,
      panel: panels[c.id] ?? [],
    });
  }
  const results = sittingResults(inputs, sitting.passMark, amendmentsOf(store, sittingId));
  const published = store.sittings().find((x) => x.sitting.id === sittingId)?.published ?? null;
  return { sitting, results, analytics: sittingAnalytics(results, sheets), sheets, published, evidence };
}
