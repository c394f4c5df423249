// Assessors to candidates (考评组): every candidate gets a panel of panelSize distinct assessors,
// none of whom has a 回避 declaration against them (relative, same employer, trained them), with
// the 1:5 ratio and the panel rules of section 1.9 checked together. Either every panel keeps every
// rule, or the result says exactly which rule cannot be met and for whom.
//
// Without a load cap, a panel exists iff every candidate has at least panelSize eligible
// assessors, so the greedy below (most constrained candidate first, least loaded assessor first)
// is complete: it fails only where no assignment exists, and then says why.
import { z } from 'zod';
import { examRules } from '../standard/index.ts';
import { issue, type ExamIssue } from './issue.ts';
import type { SittingKind } from './sitting.ts';

export const ConflictReason = z.enum(['relative', 'employer', 'trainer', 'other']);
export type ConflictReason = z.infer<typeof ConflictReason>;

export const Declaration = z.strictObject({
  assessorId: z.string().min(1),
  candidateId: z.string().min(1),
  reason: ConflictReason,
  note: z.string().max(200).default(''),
});
export type Declaration = z.infer<typeof Declaration>;

export interface AssignInput {
  kind: SittingKind;
  panelSize: number;
  /** name: how issues name the person (with the id); the id when absent. */
  candidates: readonly { id: string; name?: string; employer?: string }[];
  assessors: readonly { id: string; name?: string; employer?: string }[];
  declarations: readonly Pick<Declaration, 'assessorId' | 'candidateId' | 'reason'>[];
}

export interface Assignment {
  /** candidateId → assessor ids, sorted. */
  panels: Record<string, string[]>;
  /** assessorId → number of candidates they score. */
  load: Record<string, number>;
  /** Rules a mock sitting breaks (empty for a formal one, which is refused instead). */
  breaks: ExamIssue[];
}

export type AssignResult = { ok: true; assignment: Assignment } | { ok: false; issues: ExamIssue[] };

/** Pairs kept apart: the declarations plus assessor and candidate with the same (non-empty) employer. */
export function conflictPairs(input: Pick<AssignInput, 'candidates' | 'assessors' | 'declarations'>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (c: string, a: string) => {
    let s = out.get(c);
    if (!s) out.set(c, (s = new Set()));
    s.add(a);
  };
  for (const d of input.declarations) add(d.candidateId, d.assessorId);
  const byEmployer = new Map<string, string[]>();
  for (const a of input.assessors) {
    const e = a.employer?.trim();
    if (e) byEmployer.set(e, [...(byEmployer.get(e) ?? []), a.id]);
  }
  for (const c of input.candidates) {
    const e = c.employer?.trim();
    for (const a of e ? (byEmployer.get(e) ?? []) : []) add(c.id, a);
  }
  return out;
}

/** The section 1.9 rules on counts alone (panel size, minimum, ratio). */
export function panelRuleIssues(panelSize: number, candidates: number, assessors: number): ExamIssue[] {
  const r = examRules.skill;
  const out: ExamIssue[] = [];
  if (panelSize < r.minAssessors) out.push(issue('skill.panelMin', { panelSize, min: r.minAssessors }));
  if (r.assessorsMustBeOdd && panelSize % 2 === 0) out.push(issue('skill.panelOdd', { panelSize }));
  if (assessors < r.minAssessors) out.push(issue('skill.minAssessors', { assessors, min: r.minAssessors }));
  const needed = Math.ceil(candidates / r.candidatesPerAssessor);
  if (assessors < needed) out.push(issue('skill.assessorRatio', { candidates, assessors, needed, per: r.candidatesPerAssessor }));
  return out;
}

/** Names by id for issues: the person's name, or the id when none was given. */
function namer(people: readonly { id: string; name?: string }[]): (id: string) => string {
  const names = new Map(people.map((p) => [p.id, p.name?.trim() || p.id]));
  return (id) => names.get(id) ?? id;
}

/** "王强 (aa026a2ae), 李华 (a79016f77)": each assessor kept off, by name and id. */
function namedList(ids: readonly string[], name: (id: string) => string): string {
  return ids.map((id) => (name(id) === id ? id : `${name(id)} (${id})`)).join(', ');
}

export function assignPanels(input: AssignInput): AssignResult {
  const { panelSize } = input;
  if (!Number.isInteger(panelSize) || panelSize < 1) throw new RangeError(`panelSize must be a positive integer, got ${panelSize}`);
  const assessorIds = [...new Set(input.assessors.map((a) => a.id))].sort();
  const candidateIds = [...new Set(input.candidates.map((c) => c.id))];
  const rules = panelRuleIssues(panelSize, candidateIds.length, assessorIds.length);
  const hard: ExamIssue[] = input.kind === 'formal' ? [...rules] : [];
  if (assessorIds.length < panelSize) hard.push(issue('skill.panelUnfilled', { assessors: assessorIds.length, panelSize }));
  const conflicts = conflictPairs(input);
  const candidateName = namer(input.candidates);
  const assessorName = namer(input.assessors);
  const eligible = new Map<string, string[]>();
  for (const c of candidateIds) {
    const off = conflicts.get(c) ?? new Set<string>();
    const ok = assessorIds.filter((a) => !off.has(a));
    eligible.set(c, ok);
    if (ok.length < panelSize && assessorIds.length >= panelSize) {
      const excluded = [...off].filter((a) => assessorIds.includes(a)).sort();
      hard.push(
        issue('assign.conflicts', {
          candidateId: c,
          candidate: candidateName(c),
          eligible: ok.length,
          panelSize,
          excluded: excluded.join(','),
          excludedNames: namedList(excluded, assessorName),
        }),
      );
    }
  }
  if (hard.length > 0) return { ok: false, issues: hard };

  const load: Record<string, number> = Object.fromEntries(assessorIds.map((a) => [a, 0]));
  const panels: Record<string, string[]> = {};
  const order = [...candidateIds].sort((a, b) => (eligible.get(a)?.length ?? 0) - (eligible.get(b)?.length ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  for (const c of order) {
    const pool = [...(eligible.get(c) ?? [])].sort((x, y) => (load[x] ?? 0) - (load[y] ?? 0) || (x < y ? -1 : 1));
    const panel = pool.slice(0, panelSize).sort();
    for (const a of panel) load[a] = (load[a] ?? 0) + 1;
    panels[c] = panel;
  }
  return { ok: true, assignment: { panels, load, breaks: input.kind === 'mock' ? rules : [] } };
}

/** Every rule the assignment must keep, checked from scratch (used by tests and before saving). */
export function assignmentIssues(input: AssignInput, a: Pick<Assignment, 'panels'>): ExamIssue[] {
  const out: ExamIssue[] = [];
  const assessorIds = new Set(input.assessors.map((x) => x.id));
  const conflicts = conflictPairs(input);
  const candidateName = namer(input.candidates);
  const assessorName = namer(input.assessors);
  if (input.kind === 'formal') out.push(...panelRuleIssues(input.panelSize, new Set(input.candidates.map((c) => c.id)).size, assessorIds.size));
  for (const c of input.candidates) {
    const panel = a.panels[c.id];
    if (!panel) {
      out.push(issue('assign.noPanel', { candidateId: c.id, candidate: candidateName(c.id) }));
      continue;
    }
    if (panel.length !== input.panelSize) out.push(issue('assign.panelSize', { candidateId: c.id, candidate: candidateName(c.id), size: panel.length, panelSize: input.panelSize }));
    if (new Set(panel).size !== panel.length) out.push(issue('assign.repeatedAssessor', { candidateId: c.id, candidate: candidateName(c.id) }));
    for (const x of panel) {
      if (!assessorIds.has(x)) out.push(issue('assign.unknownAssessor', { candidateId: c.id, candidate: candidateName(c.id), assessorId: x }));
      if (conflicts.get(c.id)?.has(x)) out.push(issue('assign.conflictKept', { candidateId: c.id, candidate: candidateName(c.id), assessorId: x, assessor: assessorName(x) }));
    }
  }
  return out;
}
