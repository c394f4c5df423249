// The scenario file is a union of task kinds, told apart by `kind`. Each kind has its own schema
// (the live room, the worksheet; new kinds add a member), its own checks, engine or checker, screen and
// evidence; they share the fields of TaskBase (id, title, brief, work types, level, skills).
import { z } from 'zod';
import { WorksheetScenario } from '../worksheet/schema.ts';
import { LiveRoomScenario } from './schema.ts';

const MEMBERS = [LiveRoomScenario, WorksheetScenario] as const;
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

/** The task as a live room, for code that runs only live rooms (the engine, its benches and harnesses). */
export function asLiveRoom(s: Scenario): LiveRoomScenario {
  if (s.kind !== 'live_room') throw new Error(`任务 ${s.id} 不是直播间任务（kind: ${s.kind}）(expected a live_room task)`);
  return s;
}

/** The task as a worksheet, for the worksheet screen. */
export function asWorksheet(s: Scenario): WorksheetScenario {
  if (s.kind !== 'worksheet') throw new Error(`任务 ${s.id} 不是作业任务（kind: ${s.kind}）(expected a worksheet task)`);
  return s;
}
