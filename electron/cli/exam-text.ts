// Exam codes in words for the terminal: the same Chinese text the centre screens show
// (renderer/src/features/centre/issues-zh.ts), params filled in.
import issuesZh from '../../renderer/src/features/centre/issues-zh.ts';
import type { ExamIssue, LocatedIssue } from '../../scenarios/exam/index.ts';

export function issueText(i: Pick<ExamIssue, 'code' | 'params'>): string {
  let node: unknown = issuesZh;
  for (const part of i.code.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  if (typeof node !== 'string') return `${i.code} ${JSON.stringify(i.params)}`;
  return node.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(i.params[k] ?? ''));
}

/** file:row:column 字段 — message [code] */
export function locatedText(file: string, i: LocatedIssue): string {
  const where = `${file}:${i.row}${i.column ? `:${i.column}` : ''}`;
  return `${where}${i.field ? ` ${i.field}` : ''} — ${issueText(i)} [${i.code}]`;
}
