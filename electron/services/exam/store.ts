// The centre's records behind a small interface: sittings, roster, assessors, 回避, panels, seats,
// the evidence each candidate's task produced (by session id and manifest hash: the evidence
// itself stays in its package), and the audit trail. Every change is written together with its
// audit record in one transaction; audit records form a hash chain, so a changed or missing
// record shows. Pure rules live in scenarios/exam; this file only keeps what they decided.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../scenarios/evidence/canonical.ts';
import { ZERO_HASH } from '../../../scenarios/evidence/hasher.ts';
import {
  Candidate,
  EXAM_RECORDS,
  Sitting,
  type Declaration,
  type ExamRecordData,
  type ExamRecordType,
  type Seat,
} from '../../../scenarios/exam/index.ts';
import { openDb, type Db } from './db.ts';

export interface AuditRecord {
  seq: number;
  sittingId: string;
  at: string;
  actor: string;
  type: string;
  data: unknown;
  prev: string;
  hash: string;
}

export interface StoredAssessor {
  assessorId: string;
  name: string;
  employer: string;
}

export interface LinkedSession {
  candidateId: string;
  sessionId: string;
  manifestSha256: string;
  station: number;
}

export interface ExamStore {
  readonly file: string;
  createSitting(sitting: Sitting, actor: string): AuditRecord;
  updateSitting(sitting: Sitting, fields: string[], actor: string): AuditRecord;
  sitting(id: string): Sitting | null;
  sittings(): { sitting: Sitting; createdAt: string; published: string | null }[];
  /** Adds candidates in order after the existing ones; one audit record for the import. */
  addCandidates(sittingId: string, candidates: readonly Candidate[], record: ExamRecordData<'roster.imported'>, actor: string): AuditRecord;
  removeCandidate(sittingId: string, candidateId: string, actor: string): AuditRecord;
  candidates(sittingId: string): Candidate[];
  setAssessor(sittingId: string, a: StoredAssessor, actor: string): AuditRecord;
  removeAssessor(sittingId: string, assessorId: string, actor: string): AuditRecord;
  assessors(sittingId: string): StoredAssessor[];
  addDeclaration(sittingId: string, d: Declaration, actor: string): AuditRecord;
  removeDeclaration(sittingId: string, assessorId: string, candidateId: string, actor: string): AuditRecord;
  declarations(sittingId: string): Declaration[];
  savePanels(sittingId: string, panels: Record<string, string[]>, breaks: string[], actor: string): AuditRecord;
  panels(sittingId: string): Record<string, string[]>;
  saveSeats(sittingId: string, seed: string, seats: readonly Seat[], actor: string): AuditRecord;
  seats(sittingId: string): Seat[];
  linkSession(sittingId: string, link: LinkedSession, actor: string): AuditRecord;
  sessions(sittingId: string): LinkedSession[];
  markPublished(sittingId: string, data: ExamRecordData<'results.published'>, actor: string): AuditRecord;
  /** Appends a record that changes no table (on-the-day events, 复核, amendments). */
  log<T extends ExamRecordType>(sittingId: string, type: T, data: ExamRecordData<T>, actor: string): AuditRecord;
  audit(sittingId?: string): AuditRecord[];
  /** Re-hashes the whole chain: the first record that does not match, or null. */
  verifyAudit(): { records: number; firstBad: number | null };
  close(): void;
}

export interface StoreOptions {
  now?: () => Date;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export class StoreError extends Error {
  readonly code: string;
  readonly params: Record<string, string | number>;
  constructor(code: string, params: Record<string, string | number> = {}) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'StoreError';
    this.code = code;
    this.params = params;
  }
}

type Row = Record<string, unknown>;
const str = (r: Row, k: string) => String(r[k]);

export function openExamStore(file: string, options: StoreOptions = {}): ExamStore {
  const now = options.now ?? (() => new Date());
  const d: Db = openDb(file);
  const { db } = d;
  const q = (sql: string) => db.prepare(sql);
  const lastHash = q('SELECT hash FROM audit ORDER BY seq DESC LIMIT 1');
  const insertAudit = q('INSERT INTO audit (seq, sitting_id, at, actor, type, data, prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const maxSeq = q('SELECT COALESCE(MAX(seq), 0) AS n FROM audit');

  const hashOf = (r: Omit<AuditRecord, 'hash'>) => sha256(canonicalJson(r));

  function append(sittingId: string, type: string, data: unknown, actor: string): AuditRecord {
    const schema = (EXAM_RECORDS as Record<string, { parse(x: unknown): unknown } | undefined>)[type];
    const parsed = schema ? schema.parse(data) : data;
    const prev = (lastHash.get() as Row | undefined)?.hash;
    const seq = Number((maxSeq.get() as Row).n) + 1;
    const base = { seq, sittingId, at: now().toISOString(), actor, type, data: parsed, prev: typeof prev === 'string' ? prev : ZERO_HASH };
    const rec: AuditRecord = { ...base, hash: hashOf(base) };
    insertAudit.run(rec.seq, rec.sittingId, rec.at, rec.actor, rec.type, canonicalJson(rec.data), rec.prev, rec.hash);
    return rec;
  }

  const requireSitting = (id: string) => {
    if (!q('SELECT 1 FROM sittings WHERE id = ?').get(id)) throw new StoreError('store.noSitting', { sittingId: id });
  };

  const toAudit = (r: Row): AuditRecord => ({
    seq: Number(r.seq),
    sittingId: str(r, 'sitting_id'),
    at: str(r, 'at'),
    actor: str(r, 'actor'),
    type: str(r, 'type'),
    data: JSON.parse(str(r, 'data')) as unknown,
    prev: str(r, 'prev'),
    hash: str(r, 'hash'),
  });

  return {
    file,
    createSitting(sitting, actor) {
      const s = Sitting.parse(sitting);
      return d.tx(() => {
        if (q('SELECT 1 FROM sittings WHERE id = ?').get(s.id)) throw new StoreError('store.sittingExists', { sittingId: s.id });
        const at = now().toISOString();
        q('INSERT INTO sittings (id, plan, created_at, updated_at) VALUES (?, ?, ?, ?)').run(s.id, canonicalJson(s), at, at);
        return append(s.id, 'sitting.created', { sittingId: s.id }, actor);
      });
    },
    updateSitting(sitting, fields, actor) {
      const s = Sitting.parse(sitting);
      return d.tx(() => {
        requireSitting(s.id);
        q('UPDATE sittings SET plan = ?, updated_at = ? WHERE id = ?').run(canonicalJson(s), now().toISOString(), s.id);
        return append(s.id, 'sitting.updated', { sittingId: s.id, fields }, actor);
      });
    },
    sitting(id) {
      const r = q('SELECT plan FROM sittings WHERE id = ?').get(id) as Row | undefined;
      return r ? Sitting.parse(JSON.parse(str(r, 'plan'))) : null;
    },
    sittings() {
      return (q('SELECT plan, created_at, published FROM sittings ORDER BY created_at DESC, id').all() as Row[]).map((r) => ({
        sitting: Sitting.parse(JSON.parse(str(r, 'plan'))),
        createdAt: str(r, 'created_at'),
        published: r.published === null ? null : str(r, 'published'),
      }));
    },
    addCandidates(sittingId, candidates, record, actor) {
      const rows = candidates.map((c) => Candidate.parse(c));
      return d.tx(() => {
        requireSitting(sittingId);
        let seq = Number((q('SELECT COALESCE(MAX(seq), 0) AS n FROM candidates WHERE sitting_id = ?').get(sittingId) as Row).n);
        const ins = q('INSERT INTO candidates (sitting_id, id, seq, data) VALUES (?, ?, ?, ?)');
        // zod's output keeps the schema's key order, so plain JSON is stable here (nothing hashes it)
        for (const c of rows) ins.run(sittingId, c.id, ++seq, JSON.stringify(c));
        return append(sittingId, 'roster.imported', record, actor);
      });
    },
    removeCandidate(sittingId, candidateId, actor) {
      return d.tx(() => {
        const r = q('DELETE FROM candidates WHERE sitting_id = ? AND id = ?').run(sittingId, candidateId);
        if (r.changes === 0) throw new StoreError('store.noCandidate', { candidateId });
        for (const t of ['panels', 'seats', 'declarations']) q(`DELETE FROM ${t} WHERE sitting_id = ? AND candidate_id = ?`).run(sittingId, candidateId);
        return append(sittingId, 'candidate.removed', { candidateId }, actor);
      });
    },
    candidates(sittingId) {
      return (q('SELECT data FROM candidates WHERE sitting_id = ? ORDER BY seq').all(sittingId) as Row[]).map((r) => Candidate.parse(JSON.parse(str(r, 'data'))));
    },
    setAssessor(sittingId, a, actor) {
      return d.tx(() => {
        requireSitting(sittingId);
        q('INSERT INTO assessors (sitting_id, assessor_id, name, employer) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET name = excluded.name, employer = excluded.employer').run(
          sittingId,
          a.assessorId,
          a.name,
          a.employer,
        );
        return append(sittingId, 'assessor.assigned', { assessorId: a.assessorId }, actor);
      });
    },
    removeAssessor(sittingId, assessorId, actor) {
      return d.tx(() => {
        const r = q('DELETE FROM assessors WHERE sitting_id = ? AND assessor_id = ?').run(sittingId, assessorId);
        if (r.changes === 0) throw new StoreError('store.noAssessor', { assessorId });
        q('DELETE FROM declarations WHERE sitting_id = ? AND assessor_id = ?').run(sittingId, assessorId);
        q('DELETE FROM panels WHERE sitting_id = ?').run(sittingId);
        return append(sittingId, 'assessor.removed', { assessorId }, actor);
      });
    },
    assessors(sittingId) {
      return (q('SELECT assessor_id, name, employer FROM assessors WHERE sitting_id = ? ORDER BY rowid').all(sittingId) as Row[]).map((r) => ({
        assessorId: str(r, 'assessor_id'),
        name: str(r, 'name'),
        employer: str(r, 'employer'),
      }));
    },
    addDeclaration(sittingId, dcl, actor) {
      return d.tx(() => {
        requireSitting(sittingId);
        q('INSERT INTO declarations (sitting_id, assessor_id, candidate_id, reason, note) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET reason = excluded.reason, note = excluded.note').run(
          sittingId,
          dcl.assessorId,
          dcl.candidateId,
          dcl.reason,
          dcl.note,
        );
        q('DELETE FROM panels WHERE sitting_id = ?').run(sittingId);
        return append(sittingId, 'declaration.added', { assessorId: dcl.assessorId, candidateId: dcl.candidateId, reason: dcl.reason }, actor);
      });
    },
    removeDeclaration(sittingId, assessorId, candidateId, actor) {
      return d.tx(() => {
        q('DELETE FROM declarations WHERE sitting_id = ? AND assessor_id = ? AND candidate_id = ?').run(sittingId, assessorId, candidateId);
        return append(sittingId, 'declaration.removed', { assessorId, candidateId }, actor);
      });
    },
    declarations(sittingId) {
      return (q('SELECT assessor_id, candidate_id, reason, note FROM declarations WHERE sitting_id = ? ORDER BY rowid').all(sittingId) as Row[]).map((r) => ({
        assessorId: str(r, 'assessor_id'),
        candidateId: str(r, 'candidate_id'),
        reason: str(r, 'reason') as Declaration['reason'],
        note: str(r, 'note'),
      }));
    },
    savePanels(sittingId, panels, breaks, actor) {
      return d.tx(() => {
        requireSitting(sittingId);
        q('DELETE FROM panels WHERE sitting_id = ?').run(sittingId);
        const ins = q('INSERT INTO panels (sitting_id, candidate_id, assessors) VALUES (?, ?, ?)');
        for (const [c, a] of Object.entries(panels)) ins.run(sittingId, c, JSON.stringify(a));
        return append(sittingId, 'panels.assigned', { panels, breaks }, actor);
      });
    },
    panels(sittingId) {
      return Object.fromEntries(
        (q('SELECT candidate_id, assessors FROM panels WHERE sitting_id = ?').all(sittingId) as Row[]).map((r) => [str(r, 'candidate_id'), JSON.parse(str(r, 'assessors')) as string[]]),
      );
    },
    saveSeats(sittingId, seed, seats, actor) {
      return d.tx(() => {
        requireSitting(sittingId);
        q('DELETE FROM seats WHERE sitting_id = ?').run(sittingId);
        const ins = q('INSERT INTO seats (sitting_id, candidate_id, station, round) VALUES (?, ?, ?, ?)');
        for (const s of seats) ins.run(sittingId, s.candidateId, s.station, s.round);
        return append(sittingId, 'stations.drawn', { seed, seats: seats.length, rounds: Math.max(0, ...seats.map((s) => s.round)) }, actor);
      });
    },
    seats(sittingId) {
      return (q('SELECT candidate_id, station, round FROM seats WHERE sitting_id = ? ORDER BY round, station').all(sittingId) as Row[]).map((r) => ({
        candidateId: str(r, 'candidate_id'),
        station: Number(r.station),
        round: Number(r.round),
      }));
    },
    linkSession(sittingId, link, actor) {
      return d.tx(() => {
        requireSitting(sittingId);
        q('INSERT INTO sessions (sitting_id, candidate_id, session_id, manifest_sha256, station) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET session_id = excluded.session_id, manifest_sha256 = excluded.manifest_sha256, station = excluded.station').run(
          sittingId,
          link.candidateId,
          link.sessionId,
          link.manifestSha256,
          link.station,
        );
        return append(sittingId, 'task.linked', { candidateId: link.candidateId, sessionId: link.sessionId, station: link.station }, actor);
      });
    },
    sessions(sittingId) {
      return (q('SELECT candidate_id, session_id, manifest_sha256, station FROM sessions WHERE sitting_id = ?').all(sittingId) as Row[]).map((r) => ({
        candidateId: str(r, 'candidate_id'),
        sessionId: str(r, 'session_id'),
        manifestSha256: str(r, 'manifest_sha256'),
        station: Number(r.station),
      }));
    },
    markPublished(sittingId, data, actor) {
      return d.tx(() => {
        requireSitting(sittingId);
        const rec = append(sittingId, 'results.published', data, actor);
        q('UPDATE sittings SET published = ? WHERE id = ?').run(rec.at, sittingId);
        return rec;
      });
    },
    log(sittingId, type, data, actor) {
      return d.tx(() => {
        requireSitting(sittingId);
        return append(sittingId, type, data, actor);
      });
    },
    audit(sittingId) {
      const rows = (sittingId === undefined ? q('SELECT * FROM audit ORDER BY seq').all() : q('SELECT * FROM audit WHERE sitting_id = ? ORDER BY seq').all(sittingId)) as Row[];
      return rows.map(toAudit);
    },
    verifyAudit() {
      let prev = ZERO_HASH;
      let n = 0;
      for (const r of (q('SELECT * FROM audit ORDER BY seq').all() as Row[]).map(toAudit)) {
        n++;
        const { hash, ...base } = r;
        if (r.seq !== n || r.prev !== prev || hashOf(base) !== hash) return { records: n, firstBad: r.seq };
        prev = hash;
      }
      return { records: n, firstBad: null };
    },
    close: () => d.close(),
  };
}
