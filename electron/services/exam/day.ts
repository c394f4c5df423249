// The centre's on-the-day handlers: each round's exam clock, sign-in with the lateness rule,
// absence, the identity check at the station (the number against the roster, the camera photo
// kept in the sitting's evidence folder by SHA-256), incidents; and the sitting's paperwork as
// PDF / XLSX. Every record names the time and who logged it (the store adds both).
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Handlers } from '../../contract/index.ts';
import { candidateDays, checkIdentity, DAY_RECORD_TYPES, entryVerdict, IdentityCheck, roundClocks, type ExamIssue } from '../../../scenarios/exam/index.ts';
import type { EvidenceService } from '../evidence/service.ts';
import { atomicWrite } from '../platform/fs.ts';
import { computeResults, mustSitting, sittingCheckOf } from './centre.ts';
import { examPdf, DOCUMENT_TITLES } from './pdf.ts';
import { resultRows } from './reports.ts';
import { xlsxOf } from './roster-file.ts';
import { StoreError, type ExamStore } from './store.ts';

type DayHandlers = Pick<Handlers, 'exam.day' | 'exam.startClock' | 'exam.arrive' | 'exam.absent' | 'exam.identify' | 'exam.attachIdentity' | 'exam.incident' | 'exam.document'>;

/** What the day needs of evidence: files into a live package (the identity check at a task's start). */
export type DayEvidence = Pick<EvidenceService, 'storeFile'>;

/** Where a sitting's identity photos are kept (the archive takes them from here). */
export const identityDir = (dataDir: string, sittingId: string) => join(dataDir, 'centre', 'identity', sittingId);
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

export function createDayHandlers(deps: { dataDir: string; store: () => ExamStore; now: () => Date; evidence: DayEvidence | null }): DayHandlers {
  const db = deps.store;
  const mustCandidate = (sittingId: string, candidateId: string) => {
    const c = db().candidates(sittingId).find((x) => x.id === candidateId);
    if (!c) throw new StoreError('store.noCandidate', { candidateId });
    return c;
  };
  const roundOf = (sittingId: string, candidateId: string) => db().seats(sittingId).find((s) => s.candidateId === candidateId)?.round ?? 1;
  return {
    'exam.day': ({ sittingId }) => {
      mustSitting(db(), sittingId);
      const audit = db().audit(sittingId);
      const day = new Set<string>(DAY_RECORD_TYPES);
      return {
        now: deps.now().getTime(),
        clocks: roundClocks(audit),
        candidates: candidateDays(db().candidates(sittingId), audit),
        log: audit.filter((r) => day.has(r.type)).map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, type: r.type, data: r.data })),
      };
    },
    'exam.startClock': ({ sittingId, round, actor }) => {
      const s = mustSitting(db(), sittingId);
      const clocks = roundClocks(db().audit(sittingId));
      const existing = clocks.find((c) => c.round === round);
      if (existing) return { ok: false, issues: [{ code: 'day.clockStarted', params: { round, startedAt: new Date(existing.startedAt).toISOString() } }], clock: existing };
      const rounds = Math.max(1, ...db().seats(sittingId).map((x) => x.round));
      if (round > rounds) return { ok: false, issues: [{ code: 'day.noSuchRound', params: { round, rounds } }], clock: null };
      const startedAt = deps.now().getTime();
      db().log(sittingId, 'clock.started', { round, startedAt, durationMs: s.durationMinutes * 60_000 }, actor);
      return { ok: true, issues: [], clock: { round, startedAt, durationMs: s.durationMinutes * 60_000, stoppedAt: null, actor } };
    },
    'exam.arrive': ({ sittingId, candidateId, actor }) => {
      const s = mustSitting(db(), sittingId);
      mustCandidate(sittingId, candidateId);
      const round = roundOf(sittingId, candidateId);
      const clock = roundClocks(db().audit(sittingId)).find((c) => c.round === round) ?? null;
      const v = entryVerdict(s, clock, deps.now().getTime());
      db().log(sittingId, 'candidate.arrived', { candidateId, lateMinutes: v.lateMinutes, admitted: v.admitted }, actor);
      return v;
    },
    'exam.absent': ({ sittingId, candidateId, actor }) => {
      mustCandidate(sittingId, candidateId);
      db().log(sittingId, 'candidate.absent', { candidateId }, actor);
      return { ok: true, issues: [] };
    },
    'exam.identify': async ({ sittingId, candidateId, entered, method, photoBase64, actor }) => {
      mustSitting(db(), sittingId);
      const c = mustCandidate(sittingId, candidateId);
      const verdict = checkIdentity(c, entered, db().candidates(sittingId));
      const issues: ExamIssue[] = [];
      let photo: { file: string; sha256: string; bytes: number } | null = null;
      if (photoBase64 !== null) {
        const bytes = new Uint8Array(Buffer.from(photoBase64, 'base64'));
        if (bytes.length > MAX_PHOTO_BYTES) issues.push({ code: 'day.photoTooLarge', params: { bytes: bytes.length, max: MAX_PHOTO_BYTES } });
        else if (!(bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)) issues.push({ code: 'day.photoNotJpeg', params: {} });
        else {
          const sha256 = createHash('sha256').update(bytes).digest('hex');
          const file = `${candidateId}-${sha256.slice(0, 12)}.jpg`;
          const dir = identityDir(deps.dataDir, sittingId);
          await mkdir(dir, { recursive: true });
          await atomicWrite(join(dir, file), bytes);
          photo = { file: `identity/${file}`, sha256, bytes: bytes.length };
        }
      }
      if (verdict.problem !== null) {
        const other = verdict.otherCandidateId ? db().candidates(sittingId).find((x) => x.id === verdict.otherCandidateId) : undefined;
        issues.unshift({ code: `day.identity.${verdict.problem === 'mismatch' && other ? 'mismatchOther' : verdict.problem}`, params: { candidate: c.name, candidateId, entered: verdict.entered, other: other ? `${other.name} (${other.id})` : '' } });
      }
      db().log(sittingId, 'identity.checked', { candidateId, method, entered: verdict.entered, match: verdict.match, photo }, actor);
      return { match: verdict.match, problem: verdict.problem, otherCandidateId: verdict.otherCandidateId, photo, issues };
    },
    'exam.attachIdentity': async ({ sittingId, candidateId, sessionId, actor }) => {
      mustSitting(db(), sittingId);
      const c = mustCandidate(sittingId, candidateId);
      if (deps.evidence === null) return { ok: false, issues: [{ code: 'day.identity.noEvidence', params: {} }], photo: null };
      const checked = db()
        .audit(sittingId)
        .filter((r) => r.type === 'identity.checked')
        .map((r) => ({ r, data: IdentityCheck.safeParse(r.data) }))
        .filter((x) => x.data.success && x.data.data.candidateId === candidateId)
        .at(-1);
      if (checked === undefined || !checked.data.success) return { ok: false, issues: [{ code: 'day.identity.notChecked', params: { candidate: c.name, candidateId } }], photo: null };
      const check = checked.data.data;
      const issues: ExamIssue[] = [];
      let photo: { path: string; sha256: string } | null = null;
      if (check.photo === null) issues.push({ code: 'day.identity.noPhoto', params: { candidate: c.name, candidateId } });
      else {
        const bytes = await readFile(join(identityDir(deps.dataDir, sittingId), basename(check.photo.file))).catch(() => null);
        const sha256 = bytes === null ? null : createHash('sha256').update(bytes).digest('hex');
        if (bytes === null || sha256 !== check.photo.sha256) issues.push({ code: 'day.identity.photoChanged', params: { candidate: c.name, candidateId, file: check.photo.file } });
        else photo = await deps.evidence.storeFile(sessionId, 'identity-photo.jpg', new Uint8Array(bytes));
      }
      const record = {
        sittingId,
        candidateId,
        name: c.name,
        ticketNo: c.ticketNo,
        checkedAt: checked.r.at,
        checkedBy: checked.r.actor,
        auditSeq: checked.r.seq,
        method: check.method,
        match: check.match,
        photo: photo === null ? null : { path: photo.path, sha256: photo.sha256 },
      };
      await deps.evidence.storeFile(sessionId, 'identity.json', Buffer.from(`${JSON.stringify(record, null, 2)}\n`, 'utf8'));
      db().log(sittingId, 'identity.attached', { candidateId, sessionId, checkSeq: checked.r.seq, photoSha256: photo?.sha256 ?? null }, actor);
      if (!check.match) issues.push({ code: 'day.identity.unmatched', params: { candidate: c.name, candidateId } });
      return { ok: issues.length === 0, issues, photo };
    },
    'exam.incident': ({ sittingId, candidateId, station, kind, note, actor }) => {
      mustSitting(db(), sittingId);
      if (candidateId !== null) mustCandidate(sittingId, candidateId);
      db().log(sittingId, 'incident', { candidateId, station, kind, note }, actor);
      return { ok: true, issues: [] };
    },
    'exam.document': async ({ sittingId, document, format }) => {
      const s = mustSitting(db(), sittingId);
      const candidates = db().candidates(sittingId);
      const seats = db().seats(sittingId);
      const assessorNames = new Map(db().assessors(sittingId).map((a) => [a.assessorId, a.name]));
      const res = document === 'results' ? await computeResults(db(), deps.dataDir, sittingId) : null;
      const title = DOCUMENT_TITLES[document];
      if (format === 'xlsx') {
        if (document !== 'results' || !res) throw new StoreError('document.xlsxResultsOnly', { document });
        const bytes = await xlsxOf(title, resultRows(candidates, res.results, seats, assessorNames), [6, 16, 10, 22, 8, 40, 8, 8, 20]);
        return { name: `${s.id}-${title}.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', dataBase64: Buffer.from(bytes).toString('base64') };
      }
      const bytes = await examPdf(document, {
        sitting: s,
        candidates,
        seats,
        rules: sittingCheckOf(db(), s).issues,
        results: res?.results ?? [],
        analytics: res?.analytics,
        assessorNames,
        published: res?.published ?? null,
        at: deps.now(),
      });
      return { name: `${s.id}-${title}.pdf`, mime: 'application/pdf', dataBase64: Buffer.from(bytes).toString('base64') };
    },
  };
}
