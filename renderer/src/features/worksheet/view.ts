// What the worksheet screen shows, derived from the task, the answers and the last check (pure):
// a part's cells with their state, the failures of a check as i18n keys and params, progress.
import type { CheckResult, Failure, PartAnswer, TablePart, WorksheetGrade, WorksheetScenario } from '../../../../scenarios/worksheet/index.ts';
import { materialRows, roleOf } from '../../../../scenarios/worksheet/index.ts';

export type CellMark = 'ok' | 'wrong' | 'unreadable' | null;

/** Marks of a table part's input cells after a check: key `${row}:${column}`. */
export function cellMarks(grade: WorksheetGrade | null, part: TablePart): Map<string, CellMark> {
  const out = new Map<string, CellMark>();
  if (grade === null) return out;
  for (const e of grade.parts.find((p) => p.id === part.id)?.cellErrors ?? []) out.set(`${e.row}:${e.column}`, 'unreadable');
  for (const c of grade.checks) {
    if (c.part !== part.id) continue;
    for (const f of c.failures) if (f.row !== null && f.column !== null && !out.has(`${f.row}:${f.column}`)) out.set(`${f.row}:${f.column}`, 'wrong');
  }
  return out;
}

export interface Line {
  key: string;
  params: Record<string, string | number>;
}

/** One failure as a line the UI words; `assessor` adds the expected value of a mismatch. */
export function failureLine(part: TablePart | null, f: Failure, assessor: boolean): Line {
  const column = part?.columns.find((c) => c.id === f.column);
  const base = { row: f.row === null ? '' : f.row + 1, column: column?.title['zh-CN'] ?? f.column ?? '' };
  if (f.code === 'mismatch') return { key: assessor ? 'worksheet.failure.mismatchExpected' : 'worksheet.failure.mismatch', params: { ...base, ...f.params } };
  return { key: `worksheet.failure.${f.code}`, params: { ...base, ...f.params } };
}

export function columnTitle(part: TablePart, id: string, english: boolean): string {
  const c = part.columns.find((x) => x.id === id);
  return c === undefined ? id : english ? c.title.en : c.title['zh-CN'];
}

/** Localised column title for failure lines. */
export function localiseLine(line: Line, part: TablePart | null, column: string | null, english: boolean): Line {
  if (part === null || column === null || !english) return line;
  return { ...line, params: { ...line.params, column: columnTitle(part, column, true) } };
}

export function checkTitle(s: WorksheetScenario, id: string, english: boolean): string {
  for (const p of s.parts) {
    if (p.type === 'table') {
      const c = p.checks.find((x) => x.id === id);
      if (c) return english ? c.title.en : c.title['zh-CN'];
    }
    if (p.id === id) return english ? p.title.en : p.title['zh-CN'];
  }
  return id;
}

/** How many parts hold something the trainee gave, of all. */
export function progress(s: WorksheetScenario, answers: Readonly<Record<string, PartAnswer>>): { done: number; total: number } {
  let done = 0;
  for (const p of s.parts) {
    const a = answers[p.id];
    if (a === undefined) continue;
    if (a.type === 'table' && a.rows.some((r) => Object.values(r).some((v) => v.trim() !== ''))) done++;
    else if (a.type === 'choice' && a.selected.length > 0) done++;
    else if (a.type === 'short_answer' && a.text.trim() !== '') done++;
    else if (a.type === 'upload' && a.file !== null) done++;
  }
  return { done, total: s.parts.length };
}

export function rowCount(part: TablePart, s: WorksheetScenario, answer: PartAnswer | undefined): number {
  if (part.rowsFrom !== undefined) {
    const m = s.material.find((x) => x.id === part.rowsFrom);
    return m === undefined ? 0 : (materialRows(m)?.rows.length ?? 0);
  }
  return Math.max(part.minRows, answer?.type === 'table' ? answer.rows.length : 0);
}

export const inputColumns = (part: TablePart) => part.columns.filter((c) => roleOf(c) === 'input');

export function checksOfPart(grade: WorksheetGrade | null, partId: string): CheckResult[] {
  return grade === null ? [] : grade.checks.filter((c) => c.part === partId);
}
