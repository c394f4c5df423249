// The centre's contract handlers over the store (opened on first use at <data>/centre/centre.sqlite).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Handlers } from '../../contract/index.ts';
import { recheckAdditions, retentionDates } from '../../../scenarios/exam/index.ts';
import { csvRows } from '../../../scenarios/scoring/csv.ts';
import { canonicalJson } from '../../../scenarios/evidence/canonical.ts';
import { evidenceRoot } from '../evidence/package-dir.ts';
import { AssessorStore, IdentityError } from '../scoring/assessors.ts';
import { assignAndSave, assignmentFor, computeResults, drawAndSave, examDbFile, importRoster, mustSitting, sittingCheckOf } from './centre.ts';
import { createDayHandlers, type DayEvidence } from './day.ts';
import { rosterRows } from './reports.ts';
import { RosterFileError, xlsxOf } from './roster-file.ts';
import { openExamStore, type ExamStore } from './store.ts';

type ExamHandlers = Pick<
  Handlers,
  | 'exam.list'
  | 'exam.create'
  | 'exam.get'
  | 'exam.importRoster'
  | 'exam.exportRoster'
  | 'exam.assessorDirectory'
  | 'exam.setAssessor'
  | 'exam.removeAssessor'
  | 'exam.declare'
  | 'exam.assign'
  | 'exam.draw'
  | 'exam.link'
  | 'exam.results'
  | 'exam.publish'
  | 'exam.recheck'
  | 'exam.audit'
  | 'exam.day'
  | 'exam.startClock'
  | 'exam.arrive'
  | 'exam.absent'
  | 'exam.identify'
  | 'exam.attachIdentity'
  | 'exam.incident'
  | 'exam.document'
>;

export function createExamService(deps: { dataDir: string; now?: () => Date; evidence?: DayEvidence }): { handlers: ExamHandlers; close(): void } {
  let store: ExamStore | null = null;
  const db = () => {
    if (!store) {
      const file = examDbFile(deps.dataDir);
      mkdirSync(dirname(file), { recursive: true });
      store = openExamStore(file, { now: deps.now });
    }
    return store;
  };
  const assessors = new AssessorStore(deps.dataDir);
  const newSittingId = () => {
    const d = (deps.now?.() ?? new Date()).toISOString().slice(0, 10).replace(/-/g, '');
    return `s${d}${randomBytes(2).toString('hex')}`;
  };

  const handlers: ExamHandlers = {
    ...createDayHandlers({ dataDir: deps.dataDir, store: db, now: () => deps.now?.() ?? new Date(), evidence: deps.evidence ?? null }),
    'exam.list': () => ({
      sittings: db()
        .sittings()
        .map((x) => ({ ...x, candidates: db().candidates(x.sitting.id).length, check: sittingCheckOf(db(), x.sitting) })),
    }),
    'exam.create': ({ plan, actor }) => {
      const sitting = { ...plan, id: newSittingId() };
      const check = sittingCheckOf(db(), sitting);
      // the plan's own rules (duration, panel, marks) decide now; counts are checked as they come
      const planIssues = check.issues.filter((i) => !['skill.minAssessors', 'skill.panelUnfilled', 'skill.assessorRatio'].includes(i.code));
      if (plan.kind === 'formal' && planIssues.length > 0) return { ok: false, sittingId: null, check: { ...check, issues: planIssues, allowed: false } };
      db().createSitting(sitting, actor);
      return { ok: true, sittingId: sitting.id, check };
    },
    'exam.get': ({ sittingId }) => {
      const s = mustSitting(db(), sittingId);
      const a = assignmentFor(db(), s);
      return {
        sitting: s,
        check: sittingCheckOf(db(), s),
        candidates: db().candidates(s.id),
        assessors: db().assessors(s.id),
        declarations: db().declarations(s.id),
        panels: db().panels(s.id),
        assignment: a.ok ? { ok: true, issues: a.assignment.breaks } : { ok: false, issues: a.issues },
        seats: db().seats(s.id),
        sessions: db().sessions(s.id),
        published: db().sittings().find((x) => x.sitting.id === s.id)?.published ?? null,
        retention: retentionDates(s.date),
      };
    },
    'exam.importRoster': ({ sittingId, name, dataBase64, actor }) => {
      try {
        const r = importRoster(db(), sittingId, name, new Uint8Array(Buffer.from(dataBase64, 'base64')), actor);
        return { rows: r.rows, kept: r.kept.length, issues: r.issues, fileIssue: null };
      } catch (error) {
        if (error instanceof RosterFileError) return { rows: 0, kept: 0, issues: [], fileIssue: { code: error.code, params: error.params } };
        throw error;
      }
    },
    'exam.exportRoster': async ({ sittingId, format }) => {
      const rows = rosterRows(db().candidates(sittingId));
      if (format === 'csv') return { name: `${sittingId}-考生名单.csv`, mime: 'text/csv', dataBase64: Buffer.from(csvRows(rows), 'utf8').toString('base64') };
      const bytes = await xlsxOf('考生名单', rows, [10, 22, 14, 14, 16, 20, 10]);
      return { name: `${sittingId}-考生名单.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', dataBase64: Buffer.from(bytes).toString('base64') };
    },
    'exam.assessorDirectory': async () => ({ assessors: await assessors.list() }),
    'exam.setAssessor': async ({ sittingId, assessorId, name, pin, employer, actor }) => {
      mustSitting(db(), sittingId);
      let id = assessorId ?? null;
      if (id === null) {
        const known = (await assessors.list()).find((a) => a.name === name.trim());
        if (known) id = known.id;
        else if (pin === undefined) return { ok: false, assessorId: null, message: 'pinRequired' };
        else {
          try {
            id = (await assessors.register(name, pin)).id;
          } catch (error) {
            if (error instanceof IdentityError) return { ok: false, assessorId: null, message: error.message };
            throw error;
          }
        }
      }
      const reg = await assessors.byId(id);
      if (!reg) return { ok: false, assessorId: null, message: 'unknownAssessor' };
      db().setAssessor(sittingId, { assessorId: reg.id, name: reg.name, employer }, actor);
      return { ok: true, assessorId: reg.id, message: null };
    },
    'exam.removeAssessor': ({ sittingId, assessorId, actor }) => {
      db().removeAssessor(sittingId, assessorId, actor);
      return { ok: true, issues: [] };
    },
    'exam.declare': ({ sittingId, assessorId, candidateId, reason, note, actor }) => {
      db().addDeclaration(sittingId, { assessorId, candidateId, reason, note }, actor);
      return { ok: true, issues: [] };
    },
    'exam.assign': ({ sittingId, actor }) => {
      const r = assignAndSave(db(), mustSitting(db(), sittingId), actor);
      return r.ok ? { ok: true, issues: [], breaks: r.assignment.breaks } : { ok: false, issues: r.issues, breaks: [] };
    },
    'exam.draw': ({ sittingId, actor }) => {
      const r = drawAndSave(db(), mustSitting(db(), sittingId), actor);
      return r.ok ? { ok: true, issues: [], seats: r.draw.seats } : { ok: false, issues: r.issues, seats: [] };
    },
    'exam.link': async ({ sittingId, candidateId, sessionId, actor }) => {
      const bytes = await readFile(join(evidenceRoot(deps.dataDir), sessionId, 'manifest.json')).catch(() => null);
      if (!bytes) return { ok: false, issues: [{ code: 'evidence.missing', params: { candidateId, sessionId } }] };
      const seat = db().seats(sittingId).find((s) => s.candidateId === candidateId);
      db().linkSession(sittingId, { candidateId, sessionId, manifestSha256: createHash('sha256').update(bytes).digest('hex'), station: seat?.station ?? 0 }, actor);
      return { ok: true, issues: [] };
    },
    'exam.results': async ({ sittingId }) => {
      const r = await computeResults(db(), deps.dataDir, sittingId);
      return { results: r.results, analytics: r.analytics, published: r.published, evidence: r.evidence, rules: sittingCheckOf(db(), r.sitting).issues };
    },
    'exam.publish': async ({ sittingId, actor }) => {
      const r = await computeResults(db(), deps.dataDir, sittingId);
      const scores = Object.fromEntries(r.results.map((x) => [x.candidateId, x.score]));
      db().markPublished(sittingId, { scores, sha256: createHash('sha256').update(canonicalJson(scores)).digest('hex') }, actor);
      return { ok: true, issues: [] };
    },
    'exam.recheck': async ({ sittingId, candidateId, reason, actor }) => {
      const r = await computeResults(db(), deps.dataDir, sittingId);
      const result = r.results.find((x) => x.candidateId === candidateId);
      const requestId = `r${randomBytes(4).toString('hex')}`;
      db().log(sittingId, 'recheck.requested', { requestId, candidateId, reason }, actor);
      const check = recheckAdditions(r.sheets.get(candidateId) ?? [], result?.score ?? null);
      const published = result?.score ?? null;
      const corrected = check.score !== null && published !== null && Math.abs(check.score - published) > 1e-9;
      db().log(sittingId, 'recheck.completed', { requestId, candidateId, findings: check.findings, outcome: corrected ? 'corrected' : 'confirmed', score: check.score ?? 0 }, actor);
      if (corrected) db().log(sittingId, 'result.amended', { candidateId, from: published, to: check.score ?? 0, reason: `复核 ${requestId}: ${reason}`, requestId }, actor);
      return { requestId, outcome: corrected ? 'corrected' : 'confirmed', findings: check.findings, score: check.score };
    },
    'exam.audit': ({ sittingId }) => ({
      records: db()
        .audit(sittingId)
        .map((x) => ({ seq: x.seq, at: x.at, actor: x.actor, type: x.type, data: x.data })),
      intact: db().verifyAudit().firstBad === null,
    }),
  };
  return {
    handlers,
    close: () => {
      store?.close();
      store = null;
    },
  };
}
