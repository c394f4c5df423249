// Loads one scenario file: YAML syntax → zod shape → cross-checks, each error located at a
// file, line, column and field path. Pure: the caller reads the file and, if it can, passes a
// function that says whether an asset exists.
import type { z } from 'zod';
import { checkScenario, type CheckOptions } from './check.ts';
import { firstAliasOffset, nestingProblem, structureProblem, YAML_LIMITS } from './limits.ts';
import { formatPath, locate, parseYaml, type FieldPath, type ParsedYaml } from './locate.ts';
import { scenarioErrorMap } from './messages.ts';
import { Scenario, withDefaultKind } from './task.ts';

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

function atOffset(file: string, parsed: ParsedYaml, offset: number, message: string): ScenarioIssue {
  const pos = parsed.lines.linePos(offset);
  return { file, line: pos.line, column: pos.col, path: '(yaml)', message };
}

function yamlErrors(file: string, parsed: ParsedYaml): ScenarioIssue[] {
  return parsed.doc.errors.map((e): ScenarioIssue => {
    const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
    const short = e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? e.message;
    // The parser reports its own stack running out as RESOURCE_EXHAUSTION; say what it means.
    const message = e.code === 'RESOURCE_EXHAUSTION' ? `嵌套过深，超过 ${YAML_LIMITS.maxDepth} 层 (nesting too deep)` : short;
    return { file, line: pos.line, column: pos.col, path: '(yaml)', message: `YAML 语法错误：${message} (${e.code})` };
  });
}

/** The document as data, or the located reason it cannot be one (unresolved alias, alias bomb, nesting). */
function toData(file: string, parsed: ParsedYaml): { ok: true; data: unknown } | { ok: false; error: ScenarioIssue } {
  const problem = structureProblem(parsed);
  if (problem !== null) return { ok: false, error: atOffset(file, parsed, problem.offset, problem.message) };
  try {
    return { ok: true, data: parsed.doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount }) };
  } catch (error) {
    if (!(error instanceof Error) || !/alias/i.test(error.message)) throw error;
    return {
      ok: false,
      error: atOffset(file, parsed, firstAliasOffset(parsed), `别名展开超过 ${YAML_LIMITS.maxAliasCount} 次，疑似“别名炸弹” (alias expansion over the limit of ${YAML_LIMITS.maxAliasCount}: ${error.message})`),
    };
  }
}

/** Parses and validates one scenario file's text. */
export function loadScenario(file: string, text: string, options: CheckOptions = {}): LoadResult {
  if (text.length > YAML_LIMITS.maxChars) {
    const kb = (n: number) => `${Math.ceil(n / 1024)} KB`;
    return { ok: false, errors: [{ file, line: 1, column: 1, path: '(yaml)', message: `文件过大：${kb(text.length)}，上限 ${kb(YAML_LIMITS.maxChars)} (file too large)` }] };
  }
  const deep = nestingProblem(text);
  if (deep !== null) {
    const before = text.slice(0, deep.offset);
    const line = before.split('\n').length;
    return { ok: false, errors: [{ file, line, column: deep.offset - before.lastIndexOf('\n'), path: '(yaml)', message: deep.message }] };
  }
  const parsed = parseYaml(text);
  if (parsed.doc.errors.length > 0) return { ok: false, errors: yamlErrors(file, parsed).sort(byPosition) };
  const converted = toData(file, parsed);
  if (!converted.ok) return { ok: false, errors: [converted.error] };
  const data = converted.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, errors: [at(file, parsed, [], '文件内容应为一个场景映射 (expected a mapping with id, title, … at the top level)')] };
  }
  const result = Scenario.safeParse(withDefaultKind(data as Record<string, unknown>), { error: scenarioErrorMap, reportInput: true });
  if (!result.success) return { ok: false, errors: zodIssues(file, parsed, result.error.issues).sort(byPosition) };
  const problems = checkScenario(result.data, options);
  if (problems.length > 0) return { ok: false, errors: problems.map((p) => at(file, parsed, p.path, p.message)).sort(byPosition) };
  return { ok: true, scenario: result.data };
}
