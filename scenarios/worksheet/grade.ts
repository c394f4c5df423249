// The automatic checks of a filled worksheet: every cell read by its column's type, computed
// columns computed, then each check run (row formulas within tolerance, rules over the rows,
// schedules without clashes, a choice against the key, seller text against the banned words).
// Results are codes and parameters; the UI words them. Pure and fast (a 1,000-row sheet with
// its checks runs in a few milliseconds; scripts/bench/worksheet.ts measures it).
import { bannedOnly, scanText } from '../compliance/index.ts';
import type { PartAnswer, WorksheetAnswers } from './answers.ts';
import { evaluate, truthy, type Value } from './expr.ts';
import { givenValue, prepare, roleOf, type PreparedTable, type PreparedWorksheet } from './model.ts';
import type { Part, WorksheetScenario } from './schema.ts';
import { readCell, type ReadResult } from './values.ts';

export type CellErrorCode = Extract<ReadResult, { ok: false }>['code'];

export interface CellError {
  row: number;
  column: string;
  code: CellErrorCode;
}

export interface PartResult {
  id: string;
  type: Part['type'];
  /** Every required input given (cells, a choice, text of the minimum length, a file). */
  filled: boolean;
  /** Anything given at all: the part is evidence of its skills once it holds the trainee's work. */
  touched: boolean;
  /** Required input cells still empty. */
  missing: number;
  cellErrors: CellError[];
  /** Characters written (short answers). */
  chars: number | null;
}

export type FailureCode = 'mismatch' | 'rule_false' | 'clash' | 'wrong_choice' | 'banned_word' | 'too_short' | 'too_long';

export interface Failure {
  /** 0-based row of the part's table (null for a rule over the table or a non-table part). */
  row: number | null;
  column: string | null;
  code: FailureCode;
  params: Record<string, string | number>;
}

export type CheckStatus = 'pass' | 'fail' | 'incomplete';

export interface CheckResult {
  id: string;
  part: string;
  status: CheckStatus;
  failures: Failure[];
}

export interface WorksheetGrade {
  parts: PartResult[];
  checks: CheckResult[];
  passed: number;
  failed: number;
  incomplete: number;
}

type Row = Map<string, Value>;

function tableRows(t: PreparedTable, answer: PartAnswer | undefined, figures: Map<string, number>): { rows: Row[]; result: PartResult } {
  const typed = answer?.type === 'table' ? answer.rows : [];
  const count = t.source ? t.source.rows.length : typed.length;
  const rows: Row[] = [];
  const cellErrors: CellError[] = [];
  let missing = 0;
  let touched = false;
  for (let i = 0; i < count; i++) {
    const row: Row = new Map();
    const entered = typed[i] ?? {};
    for (const col of t.part.columns) {
      const role = roleOf(col);
      if (role === 'given') row.set(col.id, givenValue(t, col, i));
      else if (role === 'input') {
        const raw = entered[col.id];
        if (raw !== undefined && raw.trim() !== '') touched = true;
        const r = readCell(raw, col);
        if (!r.ok) {
          cellErrors.push({ row: i, column: col.id, code: r.code });
          row.set(col.id, null);
        } else {
          // An unticked box is an answer (no), not a missing cell.
          const value = r.value === null && col.type === 'boolean' ? false : r.value;
          if (value === null && !col.optional) missing++;
          row.set(col.id, value);
        }
      }
    }
    rows.push(row);
  }
  if (t.source === null && count < t.part.minRows) missing += (t.part.minRows - count) * t.part.columns.filter((c) => roleOf(c) === 'input' && !c.optional).length;
  // Computed columns, in order: those without an aggregate per row, then those with one over the finished rows.
  const figure = (name: string): Value => figures.get(name) ?? null;
  const getters = rows.map((r) => (name: string) => r.get(name));
  const lookup = (r: Row) => (name: string) => r.get(name);
  for (const [id, expr] of t.compute) {
    for (const r of rows) r.set(id, evaluate(expr, { row: lookup(r), figure, rows: getters }));
  }
  return { rows, result: { id: t.part.id, type: 'table', filled: missing === 0 && cellErrors.length === 0 && count > 0, touched, missing, cellErrors, chars: null } };
}

const fmt = (v: Value): string | number => (v === null ? '' : typeof v === 'number' ? Math.round(v * 10000) / 10000 : String(v));

function runTableChecks(t: PreparedTable, rows: Row[], figures: Map<string, number>, out: CheckResult[]): void {
  const figure = (name: string): Value => figures.get(name) ?? null;
  for (const { check, where, expr } of t.checks) {
    const failures: Failure[] = [];
    let incomplete = false;
    const chosen: { row: Row; i: number }[] = [];
    rows.forEach((row, i) => {
      if (where === null) chosen.push({ row, i });
      else {
        const w = evaluate(where, { row: (n) => row.get(n), figure, rows: [] });
        if (w === null) incomplete = true;
        else if (truthy(w)) chosen.push({ row, i });
      }
    });
    const getters = chosen.map(({ row }) => (n: string) => row.get(n));
    if (check.type === 'row' && expr) {
      for (const { row, i } of chosen) {
        const want = evaluate(expr, { row: (n) => row.get(n), figure, rows: getters });
        const got = row.get(check.column) ?? null;
        if (want === null || got === null) {
          incomplete = true;
          continue;
        }
        const ok = typeof want === 'number' && typeof got === 'number' ? Math.abs(want - got) <= check.tolerance + 1e-9 : want === got;
        if (!ok) failures.push({ row: i, column: check.column, code: 'mismatch', params: { expected: fmt(want), got: fmt(got), tolerance: check.tolerance } });
      }
    } else if (check.type === 'rule' && expr) {
      const v = evaluate(expr, { row: null, figure, rows: getters });
      if (v === null) incomplete = true;
      else if (!truthy(v)) failures.push({ row: null, column: null, code: 'rule_false', params: { rule: check.rule } });
    } else if (check.type === 'no_clash') {
      clashes(chosen, check.start, check.end, check.by ?? null, failures, () => (incomplete = true));
    }
    out.push({ id: check.id, part: t.part.id, status: failures.length > 0 ? 'fail' : incomplete ? 'incomplete' : 'pass', failures });
  }
}

/** Pairs of rows (of the same `by`) whose [start, end) overlap, found by sorting on start: O(n log n). */
function clashes(chosen: { row: Row; i: number }[], start: string, end: string, by: string | null, failures: Failure[], incomplete: () => void): void {
  const groups = new Map<string, { s: number; e: number; i: number }[]>();
  for (const { row, i } of chosen) {
    const s = row.get(start);
    const e = row.get(end);
    if (typeof s !== 'number' || typeof e !== 'number') {
      incomplete();
      continue;
    }
    if (e <= s) {
      failures.push({ row: i, column: end, code: 'clash', params: { with: i + 1 } });
      continue;
    }
    const key = by === null ? '' : String(row.get(by) ?? '');
    const list = groups.get(key) ?? [];
    list.push({ s, e, i });
    groups.set(key, list);
  }
  for (const [key, list] of groups) {
    list.sort((a, b) => a.s - b.s);
    let last = list[0];
    for (const cur of list.slice(1)) {
      if (last !== undefined && cur.s < last.e) failures.push({ row: cur.i, column: start, code: 'clash', params: { with: last.i + 1, by: key } });
      if (last === undefined || cur.e > last.e) last = cur;
    }
  }
}

function otherPart(p: Exclude<Part, { type: 'table' }>, answer: PartAnswer | undefined, checks: CheckResult[]): PartResult {
  const base = { id: p.id, type: p.type, missing: 0, cellErrors: [] as CellError[], chars: null as number | null };
  switch (p.type) {
    case 'choice': {
      const selected = answer?.type === 'choice' ? answer.selected.filter((id) => p.options.some((o) => o.id === id)) : [];
      const filled = selected.length > 0;
      if (p.answer !== undefined) {
        const key = [...p.answer].sort().join(',');
        const got = [...new Set(selected)].sort().join(',');
        checks.push({ id: p.id, part: p.id, status: !filled ? 'incomplete' : key === got ? 'pass' : 'fail', failures: filled && key !== got ? [{ row: null, column: null, code: 'wrong_choice', params: { chosen: got } }] : [] });
      }
      return { ...base, filled, touched: filled, missing: filled ? 0 : 1 };
    }
    case 'short_answer': {
      const text = answer?.type === 'short_answer' ? answer.text.trim() : '';
      const chars = Array.from(text).length;
      const failures: Failure[] = [];
      if (chars > 0 && chars < p.minChars) failures.push({ row: null, column: null, code: 'too_short', params: { chars, min: p.minChars } });
      if (chars > p.maxChars) failures.push({ row: null, column: null, code: 'too_long', params: { chars, max: p.maxChars } });
      if (p.compliance) for (const hit of bannedOnly(scanText(text))) failures.push({ row: null, column: null, code: 'banned_word', params: { word: hit.word, category: hit.categoryName, advice: hit.advice } });
      if (p.compliance || chars > 0) checks.push({ id: p.id, part: p.id, status: failures.length > 0 ? 'fail' : chars === 0 ? 'incomplete' : 'pass', failures });
      return { ...base, filled: chars >= p.minChars && chars <= p.maxChars, touched: chars > 0, missing: chars === 0 ? 1 : 0, chars };
    }
    case 'upload': {
      const file = answer?.type === 'upload' ? answer.file : null;
      return { ...base, filled: file !== null, touched: file !== null, missing: file === null ? 1 : 0 };
    }
    default:
      return { ...base, filled: false, touched: false };
  }
}

/** Checks a filled worksheet. `prepared` may be passed to reuse parsed formulas across calls. */
export function gradeWorksheet(s: WorksheetScenario, answers: WorksheetAnswers, prepared: PreparedWorksheet = prepare(s)): WorksheetGrade {
  const parts: PartResult[] = [];
  const checks: CheckResult[] = [];
  for (const p of s.parts) {
    const answer = answers.parts[p.id];
    if (p.type === 'table') {
      const t = prepared.tables.get(p.id);
      if (!t) continue;
      const { rows, result } = tableRows(t, answer, prepared.figures);
      parts.push(result);
      runTableChecks(t, rows, prepared.figures, checks);
    } else parts.push(otherPart(p, answer, checks));
  }
  const count = (st: CheckStatus) => checks.filter((c) => c.status === st).length;
  return { parts, checks, passed: count('pass'), failed: count('fail'), incomplete: count('incomplete') };
}

/** The computed cells of a table part for the answers so far (for the screen to show as the trainee types). */
export function computedCells(s: WorksheetScenario, partId: string, answer: PartAnswer | undefined, prepared: PreparedWorksheet = prepare(s)): Value[][] {
  const t = prepared.tables.get(partId);
  if (!t) return [];
  const { rows } = tableRows(t, answer, prepared.figures);
  const ids = [...t.compute.keys()];
  return rows.map((r) => ids.map((id) => r.get(id) ?? null));
}

/** The skill codes a filled worksheet gives evidence of: those of every part the trainee has filled in. */
export function evidencedSkills(s: WorksheetScenario, grade: WorksheetGrade): Set<string> {
  const out = new Set<string>();
  for (const r of grade.parts) {
    if (!r.touched) continue;
    for (const code of s.parts.find((p) => p.id === r.id)?.skills ?? []) out.add(code);
  }
  return out;
}

