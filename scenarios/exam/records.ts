// What a centre logs about a sitting: the on-the-day events (identity check, arrival, incidents,
// the exam clock) and after it 复核 requests, their outcome and amendments. Every record names who
// logged it and when (the store adds both). The 复核 re-checks additions and entries only (the
// standard's practice: skill performance is not re-marked).
import { z } from 'zod';
import { round1 } from '../scoring/panel.ts';
import { sumScores } from '../scoring/rubric.ts';
import type { SheetContent } from '../scoring/sheet.ts';
import { issue, type ExamIssue } from './issue.ts';

const Id = z.string().min(1).max(64);
const Reason = z.string().trim().min(1).max(500);

export const IncidentKind = z.enum(['misconduct', 'deviceFailure', 'restart', 'other']);
export type IncidentKind = z.infer<typeof IncidentKind>;

export const IdentityCheck = z.strictObject({
  candidateId: Id,
  method: z.enum(['typed', 'scanned']),
  /** The number as typed or scanned (normalised). */
  entered: z.string().max(40),
  match: z.boolean(),
  /** The camera photo kept in the sitting's evidence (identity/<file>, archived with it), by SHA-256; null if none was taken. */
  photo: z.strictObject({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().positive() }).nullable(),
});
export type IdentityCheck = z.infer<typeof IdentityCheck>;

export const Arrival = z.strictObject({ candidateId: Id, lateMinutes: z.number().int().min(0), admitted: z.boolean() });
export const Incident = z.strictObject({ candidateId: Id.nullable(), station: z.number().int().positive().nullable(), kind: IncidentKind, note: z.string().max(500) });
export type Incident = z.infer<typeof Incident>;

export const RecheckRequest = z.strictObject({ requestId: Id, candidateId: Id, reason: Reason });
export type RecheckRequest = z.infer<typeof RecheckRequest>;

export const RecheckOutcome = z.strictObject({
  requestId: Id,
  candidateId: Id,
  findings: z.array(z.strictObject({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])) })),
  /** confirmed: the published score stands; corrected: an amendment follows. */
  outcome: z.enum(['confirmed', 'corrected']),
  score: z.number().min(0).max(100),
});
export type RecheckOutcome = z.infer<typeof RecheckOutcome>;

export const Amendment = z.strictObject({ candidateId: Id, from: z.number().min(0).max(100).nullable(), to: z.number().min(0).max(100), reason: Reason, requestId: Id.nullable() });
export type Amendment = z.infer<typeof Amendment>;

/** Every record type with its data schema: the audit log validates data against these. */
export const EXAM_RECORDS = {
  'sitting.created': z.strictObject({ sittingId: Id }),
  'sitting.updated': z.strictObject({ sittingId: Id, fields: z.array(z.string()) }),
  'roster.imported': z.strictObject({ file: z.string(), sha256: z.string(), rows: z.number().int(), kept: z.number().int(), rejected: z.number().int() }),
  'candidate.removed': z.strictObject({ candidateId: Id }),
  'assessor.assigned': z.strictObject({ assessorId: Id }),
  'assessor.removed': z.strictObject({ assessorId: Id }),
  'declaration.added': z.strictObject({ assessorId: Id, candidateId: Id, reason: z.string() }),
  'declaration.removed': z.strictObject({ assessorId: Id, candidateId: Id }),
  'panels.assigned': z.strictObject({ panels: z.record(z.string(), z.array(z.string())), breaks: z.array(z.string()) }),
  'stations.drawn': z.strictObject({ seed: z.string(), seats: z.number().int(), rounds: z.number().int() }),
  'identity.checked': IdentityCheck,
  /** The latest identity check (and its photo) copied into the candidate's evidence package at the start of the task. */
  'identity.attached': z.strictObject({ candidateId: Id, sessionId: z.string(), checkSeq: z.number().int(), photoSha256: z.string().regex(/^[0-9a-f]{64}$/).nullable() }),
  'candidate.arrived': Arrival,
  'candidate.absent': z.strictObject({ candidateId: Id }),
  incident: Incident,
  'clock.started': z.strictObject({ round: z.number().int().positive(), startedAt: z.number(), durationMs: z.number().int().positive() }),
  'clock.stopped': z.strictObject({ round: z.number().int().positive(), stoppedAt: z.number() }),
  'task.linked': z.strictObject({ candidateId: Id, sessionId: z.string(), station: z.number().int() }),
  'results.published': z.strictObject({ scores: z.record(z.string(), z.number().nullable()), sha256: z.string() }),
  'recheck.requested': RecheckRequest,
  'recheck.completed': RecheckOutcome,
  'result.amended': Amendment,
} as const;
export type ExamRecordType = keyof typeof EXAM_RECORDS;
export const EXAM_RECORD_TYPES = Object.keys(EXAM_RECORDS) as ExamRecordType[];
export type ExamRecordData<T extends ExamRecordType> = z.infer<(typeof EXAM_RECORDS)[T]>;

/**
 * 复核 of additions and entries: each sheet's items add up to its total, every rubric item has an
 * entry within its maximum, and the mean of the totals is the published score. Returns what was
 * found and the score the additions give (the mean of the re-added totals).
 */
export function recheckAdditions(sheets: readonly SheetContent[], published: number | null): { findings: ExamIssue[]; score: number | null } {
  const findings: ExamIssue[] = [];
  const sums: number[] = [];
  for (const s of sheets) {
    for (const item of s.rubric) {
      const entry = s.scores.find((x) => x.id === item.id);
      if (!entry) findings.push(issue('recheck.itemMissing', { assessorId: s.assessor.id, item: item.title }));
      else if (entry.score > item.max) findings.push(issue('recheck.itemOverMax', { assessorId: s.assessor.id, item: item.title, score: entry.score, max: item.max }));
    }
    const sum = sumScores(s.scores.filter((x) => s.rubric.some((r) => r.id === x.id)).map((x) => x.score), s.step);
    if (Math.abs(sum - s.total) > 1e-9) findings.push(issue('recheck.sheetSum', { assessorId: s.assessor.id, sum, total: s.total }));
    sums.push(sum);
  }
  const score = sums.length === 0 ? null : round1(sums.reduce((a, b) => a + b, 0) / sums.length);
  if (score !== null && published !== null && Math.abs(score - published) > 1e-9) findings.push(issue('recheck.mean', { mean: score, published }));
  return { findings, score };
}

/** Retention (centres' own rules): paper records 3 years, electronic 5 years from the sitting date. */
export const RETENTION_YEARS = { paper: 3, electronic: 5 } as const;
export function retentionDates(date: string): { paper: string; electronic: string } {
  const add = (years: number) => {
    const y = Number(date.slice(0, 4)) + years;
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return `${String(y).padStart(4, '0')}${date.slice(4) === '-02-29' && !leap ? '-02-28' : date.slice(4)}`;
  };
  return { paper: add(RETENTION_YEARS.paper), electronic: add(RETENTION_YEARS.electronic) };
}
