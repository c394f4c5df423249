// A sitting (场次): one exam session of a work type and level, in a room, at a time, with its
// stations, panel size and kind. 正式考核 must keep the rules of section 1.9 of the standard;
// 模拟考试 may break them, and then every check names the rule broken (codes + params).
import { z } from 'zod';
import { examRules, Level, WorkTypeCode } from '../standard/index.ts';
import { issue, type ExamIssue } from './issue.ts';

/** mock = 模拟考试 (rules reported, not enforced); formal = 正式考核 (rules enforced). */
export const SittingKind = z.enum(['mock', 'formal']);
export type SittingKind = z.infer<typeof SittingKind>;

export const SittingId = z.string().regex(/^s[0-9a-z]{4,24}$/, 'sitting id like s20261203a');

export const SittingPlan = z.strictObject({
  title: z.string().trim().min(1).max(80),
  kind: SittingKind,
  workType: WorkTypeCode,
  level: Level,
  /** The skill task every station runs (a scenario id of this work type and level). */
  scenarioId: z.string().min(1).max(100),
  /** Station number → scenario id, for stations that run a different task. */
  stationScenarios: z.record(z.string().regex(/^[1-9]\d{0,2}$/), z.string().min(1).max(100)).default({}),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
  room: z.string().trim().min(1).max(60),
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM'),
  durationMinutes: z.number().int().min(1).max(600),
  stations: z.number().int().min(1).max(500),
  /** Assessors who score each candidate (考评组). */
  panelSize: z.number().int().min(1).max(15),
  fullMarks: z.number().int().positive().default(examRules.fullMarks),
  passMark: z.number().positive().default(examRules.passMark),
  /** No entry after this many minutes from the start. */
  lateEntryMinutes: z.number().int().min(0).max(120).default(30),
  /** Seed of the station draw, shown so the draw can be repeated. */
  drawSeed: z.string().min(1).max(64),
});
export type SittingPlan = z.infer<typeof SittingPlan>;
export type SittingPlanInput = z.input<typeof SittingPlan>;

export const Sitting = SittingPlan.extend({ id: SittingId });
export type Sitting = z.infer<typeof Sitting>;

/** Scenario used at a station (1-based). */
export function scenarioForStation(s: Pick<Sitting, 'scenarioId' | 'stationScenarios'>, station: number): string {
  return s.stationScenarios[String(station)] ?? s.scenarioId;
}

export interface SittingCounts {
  candidates: number;
  assessors: number;
}

/**
 * Every section 1.9 rule the sitting breaks, with the numbers involved. The same codes as the
 * standard's rule ids (skill.*, duration.skill, marks.*). Counts are optional: without them only
 * the plan itself is checked.
 */
export function sittingRuleIssues(s: Pick<SittingPlan, 'durationMinutes' | 'panelSize' | 'fullMarks' | 'passMark'>, counts?: SittingCounts): ExamIssue[] {
  const r = examRules.skill;
  const out: ExamIssue[] = [];
  const minMinutes = examRules.minMinutes.skill;
  if (s.durationMinutes < minMinutes) out.push(issue('duration.skill', { minutes: s.durationMinutes, min: minMinutes }));
  if (s.panelSize < r.minAssessors) out.push(issue('skill.panelMin', { panelSize: s.panelSize, min: r.minAssessors }));
  if (r.assessorsMustBeOdd && s.panelSize % 2 === 0) out.push(issue('skill.panelOdd', { panelSize: s.panelSize }));
  if (s.fullMarks !== examRules.fullMarks) out.push(issue('marks.fullMarks', { fullMarks: s.fullMarks, required: examRules.fullMarks }));
  if (s.passMark !== examRules.passMark) out.push(issue('marks.passMark', { passMark: s.passMark, required: examRules.passMark }));
  if (counts) {
    if (counts.assessors < r.minAssessors) out.push(issue('skill.minAssessors', { assessors: counts.assessors, min: r.minAssessors }));
    if (counts.assessors < s.panelSize) out.push(issue('skill.panelUnfilled', { assessors: counts.assessors, panelSize: s.panelSize }));
    const needed = Math.ceil(counts.candidates / r.candidatesPerAssessor);
    if (counts.assessors < needed) {
      out.push(issue('skill.assessorRatio', { candidates: counts.candidates, assessors: counts.assessors, needed, per: r.candidatesPerAssessor }));
    }
  }
  return out;
}

export interface SittingCheck {
  kind: SittingKind;
  /** Rules broken. */
  issues: ExamIssue[];
  /** A formal sitting with issues is refused; a mock one goes ahead and reports them. */
  allowed: boolean;
}

export function checkSitting(s: Pick<SittingPlan, 'kind' | 'durationMinutes' | 'panelSize' | 'fullMarks' | 'passMark'>, counts?: SittingCounts): SittingCheck {
  const issues = sittingRuleIssues(s, counts);
  return { kind: s.kind, issues, allowed: s.kind === 'mock' || issues.length === 0 };
}

/** The sitting's start as epoch ms; date and start are local time at utcOffsetMinutes (UTC+8 by default, as on the 准考证). */
export function startMs(s: Pick<SittingPlan, 'date' | 'start'>, utcOffsetMinutes = 480): number {
  const [y, mo, d] = s.date.split('-').map(Number);
  const [h, mi] = s.start.split(':').map(Number);
  return Date.UTC(y ?? 1970, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0) - utcOffsetMinutes * 60_000;
}

/** 迟到: whether a candidate arriving at atMs may still enter. */
export function entryAllowed(s: Pick<SittingPlan, 'date' | 'start' | 'lateEntryMinutes'>, atMs: number, utcOffsetMinutes = 480): { allowed: boolean; lateMinutes: number } {
  const lateMinutes = Math.max(0, Math.floor((atMs - startMs(s, utcOffsetMinutes)) / 60_000));
  return { allowed: lateMinutes <= s.lateEntryMinutes, lateMinutes };
}
