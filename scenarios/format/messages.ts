// Zod issue → a message that says what was expected and what was found, in Chinese first with
// the technical wording in parentheses (the project's error style). Used as the per-parse error
// map, so messages given on a schema itself (regexes, refinements) win.
import type { z } from 'zod';

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值 true/false',
  array: '列表',
  object: '映射 (key: value)',
  record: '映射 (key: value)',
  null: '空值',
  undefined: '空',
};

/** A short description of what the YAML held: `string "三分钟"`, `number 3`, `list`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (typeof value === 'object') return 'mapping';
  return typeof value;
}

function bound(issue: { origin: string; inclusive?: boolean }, value: number | bigint, small: boolean): string {
  const n = String(value);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      return small ? `至少 ${n} 个字符 (expected at least ${n} characters)` : `最多 ${n} 个字符 (expected at most ${n} characters)`;
    case 'array':
    case 'set':
      return small ? `至少 ${n} 项 (expected at least ${n} items)` : `最多 ${n} 项 (expected at most ${n} items)`;
    default: {
      const op = small ? (inclusive ? '≥' : '>') : inclusive ? '≤' : '<';
      return `应 ${op} ${n} (expected a number ${op} ${n})`;
    }
  }
}

/** The per-parse error map: `schema.safeParse(data, { error: scenarioErrorMap, reportInput: true })`. */
export const scenarioErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return `缺少必填字段 (required field missing, expected ${issue.expected})`;
      const name = TYPE_NAMES[issue.expected] ?? issue.expected;
      return `应为${name}，实际是 ${describeValue(issue.input)} (expected ${issue.expected}, got ${describeValue(issue.input)})`;
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return `应为 ${options} 之一，实际是 ${describeValue(issue.input)} (expected one of ${options})`;
    }
    case 'too_small':
      return `${bound(issue, issue.minimum, true)}，实际是 ${describeValue(issue.input)}`;
    case 'too_big':
      return `${bound(issue, issue.maximum, false)}，实际是 ${describeValue(issue.input)}`;
    case 'unrecognized_keys':
      return `未知字段 ${issue.keys.map((k) => `"${k}"`).join(', ')} (unknown key; check the spelling)`;
    case 'invalid_format':
      return `格式不对 (expected format ${issue.format}${issue.pattern === undefined ? '' : ` ${issue.pattern}`})`;
    case 'invalid_union':
      return `不符合任何允许的写法，实际是 ${describeValue(issue.input)} (matches none of the allowed shapes)`;
    default:
      return undefined;
  }
};
