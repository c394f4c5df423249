// Public API of the scenario file format: the schema, the loader with located errors, the checks.
export * from './schema.ts';
export * from './task.ts';
export type { CheckIssue, CheckOptions } from './check.ts';
export { checkScenario } from './check.ts';
export type { FieldPath, Position } from './locate.ts';
export { formatPath, locate, parseYaml } from './locate.ts';
export { YAML_LIMITS } from './limits.ts';
export type { LoadResult, ScenarioIssue } from './load.ts';
export { formatIssue, loadScenario } from './load.ts';
export { describeValue, scenarioErrorMap } from './messages.ts';
