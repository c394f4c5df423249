// The standard's codes as zod schemas, declared once: every layer (scenario files, score sheets,
// the contract, the UI) imports these; the TypeScript types are inferred from them.
import { z } from 'zod';

/** 工种: A 选品员, B 直播销售员, C 视频创推员, D 平台管理员. */
export const WorkTypeCode = z.enum(['A', 'B', 'C', 'D']);
export type WorkTypeCode = z.infer<typeof WorkTypeCode>;

/** 职业技能等级: 5 = 五级/初级工 (lowest) … 1 = 一级/高级技师 (highest). */
export const Level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)], { error: '等级应为 1–5 (expected level 1..5)' });
export type Level = z.infer<typeof Level>;

/** 技能要求编号: level:function.content.item, e.g. "5:4.2.3" (scenario tasks and score sheets). */
export const SkillCode = z.string().regex(/^[1-5]:\d+\.\d+\.\d+$/, { error: '应为技能要求编号，如 "5:4.2.3" (expected level:function.content.item)' });
export type SkillCode = z.infer<typeof SkillCode>;
