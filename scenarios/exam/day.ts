// On the day of a sitting: the candidate's identity checked against the roster at the station,
// arrival and lateness (no entry after lateEntryMinutes from the exam clock's start), incidents,
// and one exam clock per round that every station's task follows: a task's time comes from the
// round's start, not from when its station pressed start. Pure: the store keeps the records
// (records.ts), these functions read them.
import { idProblem, normaliseId, type IdProblem } from './id-number.ts';
import type { Candidate } from './roster.ts';
import { startMs, type SittingPlan } from './sitting.ts';

export type IdentityProblem = IdProblem | 'mismatch';

export interface IdentityVerdict {
  /** The number as read (spaces out, x upper-cased). */
  entered: string;
  match: boolean;
  problem: IdentityProblem | null;
  /** A number that is another candidate's on the roster: who (so the check can say so). */
  otherCandidateId: string | null;
}

/** The number typed or scanned at the station against the candidate's roster entry (GB 11643 checksum first). */
export function checkIdentity(candidate: Pick<Candidate, 'id' | 'idNumber'>, raw: string, roster: readonly Pick<Candidate, 'id' | 'idNumber'>[] = []): IdentityVerdict {
  const entered = normaliseId(raw);
  const problem = idProblem(entered);
  if (problem) return { entered, match: false, problem, otherCandidateId: null };
  if (entered === candidate.idNumber) return { entered, match: true, problem: null, otherCandidateId: null };
  const other = roster.find((c) => c.idNumber === entered && c.id !== candidate.id);
  return { entered, match: false, problem: 'mismatch', otherCandidateId: other?.id ?? null };
}

/** A round's exam clock as logged (clock.started / clock.stopped). */
export interface RoundClock {
  round: number;
  startedAt: number;
  durationMs: number;
  stoppedAt: number | null;
  actor: string;
}

export interface LoggedRecord {
  seq: number;
  at: string;
  actor: string;
  type: string;
  data: unknown;
}

/** The rounds' clocks from the audit records (the first start of a round counts; a round never restarts). */
export function roundClocks(records: readonly LoggedRecord[]): RoundClock[] {
  const out = new Map<number, RoundClock>();
  for (const r of records) {
    const d = r.data as { round?: number; startedAt?: number; durationMs?: number; stoppedAt?: number };
    if (r.type === 'clock.started' && typeof d.round === 'number' && !out.has(d.round)) {
      out.set(d.round, { round: d.round, startedAt: d.startedAt ?? 0, durationMs: d.durationMs ?? 0, stoppedAt: null, actor: r.actor });
    }
    if (r.type === 'clock.stopped' && typeof d.round === 'number') {
      const c = out.get(d.round);
      if (c && c.stoppedAt === null) c.stoppedAt = d.stoppedAt ?? null;
    }
  }
  return [...out.values()].sort((a, b) => a.round - b.round);
}

export type ClockState = 'waiting' | 'running' | 'over';

export interface TaskClock {
  state: ClockState;
  /** ms since the round's start (0 before it). */
  elapsedMs: number;
  /** ms left until the round ends (the whole duration before it starts). */
  remainingMs: number;
  /** Epoch ms the round ends, or null before it starts. */
  endsAt: number | null;
}

/** Where a station's task stands at nowMs: by the round's clock, whenever the station pressed start. */
export function taskClock(clock: Pick<RoundClock, 'startedAt' | 'durationMs' | 'stoppedAt'> | null, nowMs: number, durationMs = 0): TaskClock {
  if (!clock) return { state: 'waiting', elapsedMs: 0, remainingMs: durationMs, endsAt: null };
  const endsAt = clock.startedAt + clock.durationMs;
  const until = clock.stoppedAt === null ? nowMs : Math.min(nowMs, clock.stoppedAt);
  const elapsedMs = Math.min(clock.durationMs, Math.max(0, until - clock.startedAt));
  const over = until >= endsAt || clock.stoppedAt !== null;
  return { state: over ? 'over' : 'running', elapsedMs, remainingMs: clock.durationMs - elapsedMs, endsAt };
}

export interface EntryVerdict {
  admitted: boolean;
  lateMinutes: number;
  /** The sitting's limit (minutes after the start). */
  limit: number;
  /** What the lateness counts from: the round's clock if started, else the planned start. */
  from: 'clock' | 'plan';
}

/** 迟到: may a candidate arriving at atMs still enter? Counted from the round's clock when it has started. */
export function entryVerdict(s: Pick<SittingPlan, 'date' | 'start' | 'lateEntryMinutes'>, clock: Pick<RoundClock, 'startedAt'> | null, atMs: number, utcOffsetMinutes = 480): EntryVerdict {
  const from = clock ? clock.startedAt : startMs(s, utcOffsetMinutes);
  const lateMinutes = Math.max(0, Math.floor((atMs - from) / 60_000));
  return { admitted: lateMinutes <= s.lateEntryMinutes, lateMinutes, limit: s.lateEntryMinutes, from: clock ? 'clock' : 'plan' };
}

export type IdentityStatus = 'unchecked' | 'matched' | 'failed';
export type ArrivalStatus = 'expected' | 'present' | 'barred' | 'absent';

export interface CandidateDay {
  candidateId: string;
  identity: IdentityStatus;
  arrival: ArrivalStatus;
  lateMinutes: number | null;
  incidents: number;
  /** Whether an identity photo is kept. */
  photo: boolean;
}

/** The on-the-day record types, in the order a sitting's log shows them. */
export const DAY_RECORD_TYPES = ['clock.started', 'clock.stopped', 'candidate.arrived', 'candidate.absent', 'identity.checked', 'incident'] as const;

/** Each candidate's day so far: identity (the latest check counts), arrival, incidents. */
export function candidateDays(candidates: readonly Pick<Candidate, 'id'>[], records: readonly LoggedRecord[]): CandidateDay[] {
  const by = new Map<string, CandidateDay>(candidates.map((c) => [c.id, { candidateId: c.id, identity: 'unchecked', arrival: 'expected', lateMinutes: null, incidents: 0, photo: false }]));
  for (const r of records) {
    const d = r.data as { candidateId?: string | null; match?: boolean; admitted?: boolean; lateMinutes?: number; photo?: unknown };
    const c = typeof d.candidateId === 'string' ? by.get(d.candidateId) : undefined;
    if (!c) continue;
    if (r.type === 'identity.checked') {
      c.identity = d.match === true ? 'matched' : 'failed';
      if (d.photo) c.photo = true;
    } else if (r.type === 'candidate.arrived') {
      c.arrival = d.admitted === false ? 'barred' : 'present';
      c.lateMinutes = d.lateMinutes ?? 0;
    } else if (r.type === 'candidate.absent') c.arrival = 'absent';
    else if (r.type === 'incident') c.incidents++;
  }
  return [...by.values()];
}
