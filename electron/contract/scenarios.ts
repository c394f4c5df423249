// The scenario library for the UI: the YAML files are read and validated by the services (Node),
// so the renderer gets checked scenarios without a file system or a YAML parser.
import { z } from 'zod';
// The schema module only: the format's loader pulls in the YAML parser, which the contract does not need.
import { AssetPath, Localized } from '../../scenarios/format/schema.ts';
import { Scenario, TASK_KINDS } from '../../scenarios/format/task.ts';
import { method } from './define.ts';
import { Level, WorkTypeCode } from '../../scenarios/standard/codes.ts';

export const ScenarioSummary = z.object({
  id: z.string(),
  file: z.string(),
  kind: z.enum(TASK_KINDS),
  title: Localized,
  brief: Localized,
  workTypes: z.array(WorkTypeCode),
  level: Level,
  durationSec: z.number().int(),
  practice: z.boolean(),
  skills: z.array(z.string()),
});
export type ScenarioSummary = z.infer<typeof ScenarioSummary>;

export const scenariosMethods = {
  'scenarios.list': method(
    'Scenarios of the library, optionally for one work type and level; files that fail validation are listed in errors (file:line:col path: message).',
    z.strictObject({ workType: WorkTypeCode.optional(), level: Level.optional() }),
    z.object({ scenarios: z.array(ScenarioSummary), errors: z.array(z.string()) }),
  ),
  'scenarios.get': method('One validated scenario by id, to start a session with.', z.strictObject({ id: z.string().min(1) }), z.object({ file: z.string(), scenario: Scenario })),
  'scenarios.image': method(
    'A product image from assets/ as a data: URL (img-src allows data:).',
    z.strictObject({ path: AssetPath }),
    z.object({ path: z.string(), mime: z.string(), dataUrl: z.string() }),
  ),
};
