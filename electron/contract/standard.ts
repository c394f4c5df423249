// Catalogue queries over the 2021 standard (scenarios/standard), for the UI.
import { z } from 'zod';
import { Level, WorkTypeCode } from '../../scenarios/standard/codes.ts';
import { method } from './define.ts';

export const WorkTypeInfo = z.object({
  code: WorkTypeCode,
  name: z.string(),
  nameEn: z.string(),
  levels: z.array(Level),
});
export const LevelInfo = z.object({ level: Level, name: z.string(), short: z.string(), nameEn: z.string() });

export const SkillItem = z.object({
  id: z.string(),
  level: Level,
  code: z.string(),
  function: z.number().int(),
  functionName: z.string(),
  content: z.string(),
  contentName: z.string(),
  text: z.string(),
  workTypes: z.array(WorkTypeCode),
});
export type SkillItem = z.infer<typeof SkillItem>;

export const WeightRow = z.object({ function: z.number().int(), functionName: z.string(), percent: z.number() });
export const TheoryRow = z.object({ part: z.string(), percent: z.number() });

export const Selection = z.object({ workType: WorkTypeCode, level: Level }).strict();

export const standardMethods = {
  'standard.catalogue': method(
    'Work types and levels of the standard.',
    z.object({}).strict(),
    z.object({ workTypes: z.array(WorkTypeInfo), levels: z.array(LevelInfo) }),
  ),
  'standard.skills': method(
    'Skill requirements for a work type and level; includeLower adds the lower levels (高级别涵盖低级别的要求).',
    Selection.extend({ includeLower: z.boolean().default(false) }).strict(),
    z.object({ skills: z.array(SkillItem) }),
  ),
  'standard.weights': method(
    'Skill-exam and theory-exam weights for a work type and level.',
    Selection,
    z.object({ skill: z.array(WeightRow), theory: z.array(TheoryRow) }),
  ),
};
