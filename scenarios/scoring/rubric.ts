// The rubric as the assessor sees it: the scenario's items keyed to skill codes, grouped by the
// occupational function of their first skill, each group with the standard's weight for the
// work type and level (技能要求权重表) beside the points the scenario gives it. Also the score
// checks: every score within 0..max and on the step, totals out of 100.
import type { Scenario } from '../format/index.ts';
import { skillById, skillWeightsFor, type Level, type WorkTypeCode } from '../standard/index.ts';
import type { ItemScore, RubricSnapshotItem } from './sheet.ts';

export const DEFAULT_STEP = 0.5;
export const FULL_MARKS = 100;

export function rubricSnapshot(scenario: Pick<Scenario, 'rubric'>): RubricSnapshotItem[] {
  return scenario.rubric.map((r) => ({ id: r.id, title: r.title['zh-CN'], skills: [...r.skills], max: r.points, criteria: [...r.criteria], metrics: [...r.metrics] }));
}

export interface RubricSkill {
  id: string;
  code: string;
  level: Level;
  text: string;
}

export interface RubricViewItem extends RubricSnapshotItem {
  skillInfo: RubricSkill[];
}

export interface RubricGroup {
  /** Occupational function number (at the skill's own level) and name. */
  function: number;
  functionName: string;
  /** 技能要求权重表 percent for the work type and level; null when the table has no row for it. */
  weight: number | null;
  /** Points the scenario's items in this group add up to. */
  points: number;
  items: RubricViewItem[];
}

export interface RubricView {
  workType: WorkTypeCode;
  level: Level;
  groups: RubricGroup[];
  total: number;
  /** Functions the standard weighs for this work type and level that no item scores. */
  unscored: { function: number; functionName: string; weight: number }[];
}

export function rubricView(items: readonly RubricSnapshotItem[], workType: WorkTypeCode, level: Level): RubricView {
  const weights = skillWeightsFor(workType, level);
  const groups: RubricGroup[] = [];
  for (const item of items) {
    const skillInfo = item.skills.map((id): RubricSkill => {
      const s = skillById(id);
      return s ? { id, code: s.code, level: s.level, text: s.text } : { id, code: id.split(':')[1] ?? id, level, text: '（标准中没有此技能要求）' };
    });
    const first = item.skills[0] === undefined ? undefined : skillById(item.skills[0]);
    const functionName = first?.functionName ?? '其他';
    const fn = first?.function ?? 0;
    let group = groups.find((g) => g.functionName === functionName);
    if (!group) {
      const w = weights.find((x) => x.functionName === functionName) ?? null;
      group = { function: w?.function ?? fn, functionName, weight: w?.percent ?? null, points: 0, items: [] };
      groups.push(group);
    }
    group.items.push({ ...item, skillInfo });
    group.points += item.max;
  }
  groups.sort((a, b) => a.function - b.function);
  const unscored = weights.filter((w) => !groups.some((g) => g.functionName === w.functionName)).map((w) => ({ function: w.function, functionName: w.functionName, weight: w.percent }));
  return { workType, level, groups, total: items.reduce((sum, i) => sum + i.max, 0), unscored };
}

// ------------------------------------------------------------------ score checks

export interface ScoreIssue {
  /** e.g. "scores[2].score" or "rubric". */
  field: string;
  itemId: string | null;
  message: string;
}

/** Whether x is a multiple of step (within float noise), e.g. 7.5 on a 0.5 step. */
export function onStep(x: number, step: number): boolean {
  const q = x / step;
  return Math.abs(q - Math.round(q)) < 1e-9;
}

/** Sum in units of the step so that 0.5 + 0.5 + … stays exact. */
export function sumScores(scores: readonly number[], step = DEFAULT_STEP): number {
  const units = scores.reduce((sum, x) => sum + Math.round(x / step), 0);
  return Number((units * step).toFixed(6));
}

export function checkRubric(items: readonly RubricSnapshotItem[]): ScoreIssue[] {
  const out: ScoreIssue[] = [];
  const total = items.reduce((sum, i) => sum + i.max, 0);
  if (total !== FULL_MARKS) out.push({ field: 'rubric', itemId: null, message: `评分项满分合计应为 ${FULL_MARKS} 分，实际为 ${total} 分 (rubric maxima must sum to 100)` });
  const seen = new Set<string>();
  items.forEach((i, k) => {
    if (seen.has(i.id)) out.push({ field: `rubric[${k}].id`, itemId: i.id, message: `评分项 ${i.id} 重复 (duplicate item)` });
    seen.add(i.id);
  });
  return out;
}

/**
 * Checks scores against the rubric: every item scored once (complete=true) or at most once,
 * each within 0..max and on the step, no unknown item. Messages name the item and its field.
 */
export function checkScores(
  items: readonly RubricSnapshotItem[],
  scores: readonly { id: string; score: number | null }[],
  options: { step?: number; complete?: boolean } = {},
): ScoreIssue[] {
  const step = options.step ?? DEFAULT_STEP;
  const out: ScoreIssue[] = [];
  const byId = new Map(items.map((i) => [i.id, i]));
  const seen = new Set<string>();
  scores.forEach((s, k) => {
    const item = byId.get(s.id);
    const field = `scores[${k}].score`;
    if (!item) {
      out.push({ field: `scores[${k}].id`, itemId: s.id, message: `评分表中没有评分项 ${s.id} (unknown rubric item)` });
      return;
    }
    if (seen.has(s.id)) out.push({ field: `scores[${k}].id`, itemId: s.id, message: `评分项「${item.title}」重复评分 (scored twice)` });
    seen.add(s.id);
    if (s.score === null) return;
    if (!Number.isFinite(s.score) || s.score < 0 || s.score > item.max) {
      out.push({ field, itemId: s.id, message: `「${item.title}」得分 ${s.score} 超出范围：应在 0 到 ${item.max} 分之间 (score out of 0..${item.max})` });
    } else if (!onStep(s.score, step)) {
      out.push({ field, itemId: s.id, message: `「${item.title}」得分 ${s.score} 不是 ${step} 分的整数倍 (score must be a multiple of ${step})` });
    }
  });
  if (options.complete === true) {
    for (const item of items) {
      const s = scores.find((x) => x.id === item.id);
      if (s?.score === null || s === undefined) out.push({ field: 'scores', itemId: item.id, message: `「${item.title}」（${item.skills.join('、')}）尚未评分 (item not scored)` });
    }
  }
  return out;
}

/** The total of complete, valid scores; throws RangeError (with the first issue) otherwise. */
export function totalScore(items: readonly RubricSnapshotItem[], scores: readonly ItemScore[], step = DEFAULT_STEP): number {
  const issues = [...checkRubric(items), ...checkScores(items, scores, { step, complete: true })];
  if (issues[0]) throw new RangeError(issues[0].message);
  const total = sumScores(scores.map((s) => s.score), step);
  if (total > FULL_MARKS) throw new RangeError(`总分 ${total} 超过 ${FULL_MARKS} 分`);
  return total;
}
