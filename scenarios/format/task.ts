// The scenario file is a union of task kinds, told apart by `kind`. Each kind has its own schema
// (here the live room; new kinds add a member), its own checks, engine or checker, screen and
// evidence; they share the fields of TaskBase (id, title, brief, work types, level, skills).
import { z } from 'zod';
import { LiveRoomScenario } from './schema.ts';

const MEMBERS = [LiveRoomScenario] as const;
export const TASK_KINDS = MEMBERS.map((m) => m.shape.kind.value);

export const Scenario = z.discriminatedUnion('kind', [...MEMBERS], {
  error: `任务类型 kind 应为 ${TASK_KINDS.join('、')} 之一 (expected kind: ${TASK_KINDS.join(' | ')})`,
});
export type Scenario = z.infer<typeof Scenario>;
export type TaskKind = Scenario['kind'];

/** The kind a file states, or live_room for a file without `kind` (the first wave's files, whose hashes are in evidence). */
export function withDefaultKind(data: Record<string, unknown>): Record<string, unknown> {
  return 'kind' in data ? data : { kind: 'live_room', ...data };
}
