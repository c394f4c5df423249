// Loads one scenario file: YAML syntax → zod shape → cross-checks, each error located at a
// file, line, column and field path. Pure: the caller reads the file and, if it can, passes a
// function that says whether an asset exists.
import type { z } from 'zod';
import { checkScenario, type CheckOptions } from './check.ts';
import { formatPath, locate, parseYaml, type FieldPath, type ParsedYaml } from './locate.ts';
import { scenarioErrorMap } from './messages.ts';
import { Scenario } from './schema.ts';

export interface ScenarioIssue {
  file: string;
  line: number;
  column: number;
  /** Field path such as `products[0].price`; `(root)` for the document. */
  path: string;
  /** What is wrong and what was expected. */
  message: string;
}

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioIssue[] };

/** `file:line:col field.path: message`, the form the CLI prints. */
export function formatIssue(issue: ScenarioIssue): string {
  return `${issue.file}:${issue.line}:${issue.column} ${issue.path}: ${issue.message}`;
}

function at(file: string, parsed: ParsedYaml, path: FieldPath, message: string, key = false): ScenarioIssue {
  const pos = locate(parsed, path, { key });
  return { file, line: pos.line, column: pos.column, path: formatPath(path), message };
}

function zodIssues(file: string, parsed: ParsedYaml, issues: readonly z.core.$ZodIssue[]): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push(at(file, parsed, [...path, key], `未知字段 "${key}" (unknown key; check the spelling)`, true));
    } else {
      out.push(at(file, parsed, path, issue.message));
    }
  }
  return out;
}

function byPosition(a: ScenarioIssue, b: ScenarioIssue): number {
  return a.line - b.line || a.column - b.column;
}

/** Parses and validates one scenario file's text. */
export function loadScenario(file: string, text: string, options: CheckOptions = {}): LoadResult {
  const parsed = parseYaml(text);
  if (parsed.doc.errors.length > 0) {
    const errors = parsed.doc.errors.map((e): ScenarioIssue => {
      const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
      const short = e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? e.message;
      return { file, line: pos.line, column: pos.col, path: '(yaml)', message: `YAML 语法错误：${short} (${e.code})` };
    });
    return { ok: false, errors: errors.sort(byPosition) };
  }
  const data: unknown = parsed.doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, errors: [at(file, parsed, [], '文件内容应为一个场景映射 (expected a mapping with id, title, … at the top level)')] };
  }
  const result = Scenario.safeParse(data, { error: scenarioErrorMap, reportInput: true });
  if (!result.success) return { ok: false, errors: zodIssues(file, parsed, result.error.issues).sort(byPosition) };
  const problems = checkScenario(result.data, options);
  if (problems.length > 0) return { ok: false, errors: problems.map((p) => at(file, parsed, p.path, p.message)).sort(byPosition) };
  return { ok: true, scenario: result.data };
}
