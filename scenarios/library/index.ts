// The scenarios shipped with the app. The YAML files beside this module are the source of truth;
// this manifest names them so that every host can load them the same way: Node (CLI, services)
// reads them with fs, and the renderer gets them through the contract (scenarios.list / .get).
// A unit test keeps the manifest and the folder in step.
import { formatPath, loadScenario, locate, parseYaml, type CheckOptions, type Scenario, type ScenarioIssue } from '../format/index.ts';

export const LIBRARY_FILES = [
  'b5-navel-orange.yaml',
  'b5-navel-orange-quick.yaml',
  'b4-moisturizing-cream.yaml',
  'b3-portable-blender.yaml',
  'd5-tea-room-admin.yaml',
  'd4-obs-faults-faq.yaml',
  'd3-festival-ops.yaml',
  'a4-tea-selection-pricing.yaml',
  'a5-sample-intake-quote.yaml',
  'abc2-team-training.yaml',
  'abc1-team-build-training-eval.yaml',
] as const;

export interface LibraryEntry {
  file: string;
  scenario: Scenario;
}

export interface Library {
  scenarios: LibraryEntry[];
  errors: ScenarioIssue[];
}

/**
 * Checks scenario files (name and text) one by one and together (scenario ids unique across
 * files). Files with errors are left out of `scenarios`; their located errors are in `errors`.
 */
export function loadLibrary(files: readonly { file: string; text: string }[], options: CheckOptions = {}): Library {
  const scenarios: LibraryEntry[] = [];
  const errors: ScenarioIssue[] = [];
  const seen = new Map<string, string>();
  for (const { file, text } of files) {
    let r;
    try {
      r = loadScenario(file, text, options);
    } catch (error) {
      // A file the checks cannot handle is that file's error; the files after it are still checked.
      errors.push({ file, line: 1, column: 1, path: '(root)', message: `无法检查此文件 (the validator failed on this file: ${error instanceof Error ? error.message : String(error)})` });
      continue;
    }
    if (!r.ok) {
      errors.push(...r.errors);
      continue;
    }
    const first = seen.get(r.scenario.id);
    if (first !== undefined) {
      const pos = locate(parseYaml(text), ['id']);
      errors.push({ file, line: pos.line, column: pos.column, path: formatPath(['id']), message: `场景 id "${r.scenario.id}" 与 ${first} 重复 (scenario ids must be unique across the library)` });
      continue;
    }
    seen.set(r.scenario.id, file);
    scenarios.push({ file, scenario: r.scenario });
  }
  return { scenarios, errors };
}
