// A sitting's results (成绩): per candidate the mean of the signed sheets of their assigned panel
// (scenarios/scoring's panel result: same mean, rounding and discordance flags), pass at the
// sitting's pass mark, and every published score changed only by a logged amendment.
import { panelResult, type DisagreementFlag } from '../scoring/panel.ts';
import type { SheetContent } from '../scoring/sheet.ts';
import { issue, type ExamIssue } from './issue.ts';

export type Attendance = 'present' | 'absent' | 'barred';

export interface CandidateEvidence {
  candidateId: string;
  attendance: Attendance;
  /** The evidence package of the candidate's task, or null before it ran. */
  sessionId: string | null;
  /** Current signed version of each sheet in the package. */
  signed: readonly { content: SheetContent; signedAt: string }[];
  /** Assigned panel (assessor ids). */
  panel: readonly string[];
}

export interface AmendmentRef {
  candidateId: string;
  score: number;
  at: string;
}

export type ResultStatus = 'final' | 'pending' | 'absent' | 'barred' | 'noEvidence';

export interface CandidateResult {
  candidateId: string;
  sessionId: string | null;
  status: ResultStatus;
  /** Mean of the signed totals (or the amended score); null without one. */
  score: number | null;
  /** The panel's mean before any amendment. */
  panelScore: number | null;
  passed: boolean | null;
  amended: boolean;
  flags: DisagreementFlag[];
  /** assessorId → total of their signed sheet. */
  totals: Record<string, number>;
  /** Panel members who have not signed yet. */
  missing: string[];
  /** Why the result is not final (codes + params). */
  issues: ExamIssue[];
}

export function candidateResult(e: CandidateEvidence, passMark: number, amendments: readonly AmendmentRef[] = []): CandidateResult {
  const base = { candidateId: e.candidateId, sessionId: e.sessionId, flags: [], totals: {}, missing: [], issues: [] };
  if (e.attendance !== 'present') return { ...base, status: e.attendance, score: null, panelScore: null, passed: null, amended: false };
  if (e.sessionId === null) return { ...base, status: 'noEvidence', score: null, panelScore: null, passed: null, amended: false, issues: [issue('result.noEvidence')] };
  const panelSet = new Set(e.panel);
  const counted = e.signed.filter((s) => panelSet.has(s.content.assessor.id));
  const issues: ExamIssue[] = [];
  for (const s of e.signed) if (!panelSet.has(s.content.assessor.id)) issues.push(issue('result.notOnPanel', { assessorId: s.content.assessor.id }));
  const signedIds = new Set(counted.map((s) => s.content.assessor.id));
  const missing = e.panel.filter((a) => !signedIds.has(a));
  if (missing.length > 0) issues.push(issue('result.unsigned', { count: missing.length }));
  const p = panelResult({ signed: counted, drafts: [] });
  for (const v of p.violations) if (v.rule !== 'panel.noSignedSheet') issues.push(issue(v.rule));
  const totals = Object.fromEntries(counted.map((s) => [s.content.assessor.id, s.content.total]));
  const mine = amendments.filter((a) => a.candidateId === e.candidateId).sort((a, b) => (a.at < b.at ? -1 : 1));
  const amendedTo = mine.at(-1)?.score ?? null;
  const score = amendedTo ?? p.finalScore;
  return {
    ...base,
    status: missing.length === 0 && issues.length === 0 ? 'final' : 'pending',
    score,
    panelScore: p.finalScore,
    passed: score === null ? null : score >= passMark,
    amended: amendedTo !== null,
    flags: p.flags,
    totals,
    missing,
    issues,
  };
}

export function sittingResults(evidence: readonly CandidateEvidence[], passMark: number, amendments: readonly AmendmentRef[] = []): CandidateResult[] {
  return evidence.map((e) => candidateResult(e, passMark, amendments));
}
