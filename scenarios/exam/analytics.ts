// Cohort analytics of a sitting: score distribution, pass rate, score per skill code and per rubric
// item, and each assessor's mean and spread against the rest of the panel, so lenient or severe
// marking shows at a glance. Pure; input is the results and the signed sheets behind them.
import { round1 } from '../scoring/panel.ts';
import type { SheetContent } from '../scoring/sheet.ts';
import type { CandidateResult } from './results.ts';

export interface Bin {
  from: number;
  to: number;
  count: number;
}

export interface ItemStat {
  id: string;
  title: string;
  skills: string[];
  max: number;
  /** Mean of the candidates' panel-mean item score. */
  mean: number;
  /** mean / max, 0..1. */
  share: number;
  candidates: number;
}

export interface SkillStat {
  skill: string;
  /** Points earned / points available on items keyed to this skill, 0..1. */
  share: number;
  items: number;
}

export type Marking = 'lenient' | 'severe' | 'inline';

export interface AssessorStat {
  assessorId: string;
  name: string;
  sheets: number;
  meanTotal: number;
  /** Mean of (own total − the panel's median total) on the same candidates: robust to one outlier. */
  meanDeviation: number;
  /** Standard deviation of those differences. */
  spread: number;
  marking: Marking;
}

export interface Analytics {
  scored: number;
  passed: number;
  /** passed / scored, 0..1; null when nobody is scored. */
  passRate: number | null;
  mean: number | null;
  distribution: Bin[];
  items: ItemStat[];
  skills: SkillStat[];
  assessors: AssessorStat[];
  /** |meanDeviation| at or above this is lenient/severe. */
  markingThreshold: number;
}

export const MARKING_THRESHOLD = 5;

export function scoreBins(scores: readonly number[], width = 10, full = 100): Bin[] {
  const bins: Bin[] = [];
  for (let from = 0; from < full; from += width) bins.push({ from, to: Math.min(full, from + width), count: 0 });
  for (const s of scores) {
    const i = Math.min(bins.length - 1, Math.max(0, Math.floor(s / width)));
    const b = bins[i];
    if (b) b.count++;
  }
  return bins;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function sd(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
}

export function sittingAnalytics(
  results: readonly CandidateResult[],
  sheets: ReadonlyMap<string, readonly SheetContent[]>,
  markingThreshold = MARKING_THRESHOLD,
): Analytics {
  const scoredResults = results.filter((r) => r.score !== null);
  const scores = scoredResults.map((r) => r.score as number);
  const passed = scoredResults.filter((r) => r.passed === true).length;
  const items = new Map<string, { title: string; skills: string[]; max: number; sum: number; n: number }>();
  const skills = new Map<string, { got: number; max: number; items: Set<string> }>();
  const byAssessor = new Map<string, { name: string; totals: number[]; devs: number[] }>();
  for (const r of scoredResults) {
    const own = (sheets.get(r.candidateId) ?? []).filter((s) => s.assessor.id in r.totals);
    if (own.length === 0) continue;
    for (const item of own[0]?.rubric ?? []) {
      const xs = own.flatMap((s) => s.scores.filter((x) => x.id === item.id).map((x) => x.score));
      if (xs.length === 0) continue;
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      const it = items.get(item.id) ?? { title: item.title, skills: item.skills, max: item.max, sum: 0, n: 0 };
      it.sum += m;
      it.n++;
      items.set(item.id, it);
      for (const sk of item.skills) {
        const s = skills.get(sk) ?? { got: 0, max: 0, items: new Set<string>() };
        s.got += m;
        s.max += item.max;
        s.items.add(item.id);
        skills.set(sk, s);
      }
    }
    const med = median(own.map((o) => o.total));
    for (const s of own) {
      const a = byAssessor.get(s.assessor.id) ?? { name: s.assessor.name, totals: [], devs: [] };
      a.totals.push(s.total);
      if (own.length > 1) a.devs.push(s.total - med);
      byAssessor.set(s.assessor.id, a);
    }
  }
  const mean = scores.length === 0 ? null : round1(scores.reduce((a, b) => a + b, 0) / scores.length);
  return {
    scored: scoredResults.length,
    passed,
    passRate: scoredResults.length === 0 ? null : passed / scoredResults.length,
    mean,
    distribution: scoreBins(scores),
    items: [...items].map(([id, v]) => ({ id, title: v.title, skills: v.skills, max: v.max, mean: round1(v.sum / v.n), share: v.sum / v.n / v.max, candidates: v.n })),
    skills: [...skills]
      .map(([skill, v]) => ({ skill, share: v.max === 0 ? 0 : v.got / v.max, items: v.items.size }))
      .sort((a, b) => (a.skill < b.skill ? -1 : 1)),
    assessors: [...byAssessor]
      .map(([assessorId, v]) => {
        const meanDeviation = v.devs.length === 0 ? 0 : round1(v.devs.reduce((a, b) => a + b, 0) / v.devs.length);
        const marking: Marking = meanDeviation >= markingThreshold ? 'lenient' : meanDeviation <= -markingThreshold ? 'severe' : 'inline';
        return {
          assessorId,
          name: v.name,
          sheets: v.totals.length,
          meanTotal: round1(v.totals.reduce((a, b) => a + b, 0) / v.totals.length),
          meanDeviation,
          spread: round1(sd(v.devs)),
          marking,
        };
      })
      .sort((a, b) => (a.assessorId < b.assessorId ? -1 : 1)),
    markingThreshold,
  };
}
