// Queries over the standard's data. Pure: no Node, React or Electron imports.

import { ALL_LEVELS, functions, skills, skillWeights, theoryWeights, workTypes } from './data.ts';
import { Level, WorkTypeCode } from './codes.ts';
import type { SkillRequirement, SkillWeight, TheoryWeight } from './types.ts';

export function isWorkTypeCode(x: string): x is WorkTypeCode {
  return WorkTypeCode.safeParse(x).success;
}

export function isLevel(x: number): x is Level {
  return Level.safeParse(x).success;
}

/** Whether the work type is certified at this level (D only at 5, 4, 3). */
export function workTypeHasLevel(workType: WorkTypeCode, level: Level): boolean {
  return workTypes.some((t) => t.code === workType && t.levels.includes(level));
}

/** Compares dotted codes numerically segment by segment ("1.1.9" < "1.1.10"). */
export function compareCodes(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Skill requirements that apply to a work type at a level, ordered by code.
 * With `includeLower` (高级别涵盖低级别的要求) the items of the lower levels (numerically greater)
 * for that work type are included as well, ordered by level descending (5 first) then code.
 * Returns [] when the work type has no such level (D at 2 and 1).
 */
export function skillsFor(workType: WorkTypeCode, level: Level, opts?: { includeLower?: boolean }): SkillRequirement[] {
  if (!workTypeHasLevel(workType, level)) return [];
  const wanted = opts?.includeLower === true ? ALL_LEVELS.filter((l) => l >= level) : [level];
  return skills
    .filter((s) => wanted.includes(s.level) && s.workTypes.includes(workType) && workTypeHasLevel(workType, s.level))
    .sort((a, b) => b.level - a.level || compareCodes(a.code, b.code));
}

/** Looks a skill requirement up by its id, e.g. "5:4.2.3". */
export function skillById(id: string): SkillRequirement | undefined {
  return skills.find((s) => s.id === id);
}

/** The 技能要求权重表 column for (level, workType), in table order; [] if not certified. */
export function skillWeightsFor(workType: WorkTypeCode, level: Level): SkillWeight[] {
  return skillWeights.filter((w) => w.workType === workType && w.level === level);
}

/** The 理论知识权重表 column for (level, workType), in table order; [] if not certified. */
export function theoryWeightsFor(workType: WorkTypeCode, level: Level): TheoryWeight[] {
  return theoryWeights.filter((w) => w.workType === workType && w.level === level);
}

/** Name of occupational function `fn` at `level`; throws RangeError if there is none. */
export function functionName(level: Level, fn: number): string {
  const f = functions.find((x) => x.level === level && x.number === fn);
  if (f === undefined) throw new RangeError(`等级 ${level} 没有第 ${fn} 项职业功能`);
  return f.name;
}
