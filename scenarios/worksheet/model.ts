// A worksheet made ready to show and to check: material tables (CSV read) as typed rows, the
// figures by name, every formula parsed once. Built from a WorksheetScenario that the loader
// accepted (so formulas parse and references resolve; check.ts proves it first).
import { parseExpr, type Expr, type Value } from './expr.ts';
import type { Column, Material, Part, PartColumn, TablePart, WorksheetScenario } from './schema.ts';
import { parseCsv, readCell } from './values.ts';

export interface MaterialTable {
  id: string;
  columns: readonly Column[];
  /** Cells as given (CSV fields are strings, read by column type when used). */
  rows: Record<string, string | number | boolean>[];
}

/** The rows of a table or CSV material; a CSV that does not parse gives no rows (check.ts reports it). */
export function materialRows(m: Material): MaterialTable | null {
  if (m.type === 'table') return { id: m.id, columns: m.columns, rows: m.rows };
  if (m.type !== 'csv') return null;
  const parsed = parseCsv(m.csv);
  if (!parsed.ok) return { id: m.id, columns: m.columns, rows: [] };
  const { header, rows } = parsed.table;
  return {
    id: m.id,
    columns: m.columns,
    rows: rows.map((r) => {
      const out: Record<string, string> = {};
      header.forEach((h, i) => (out[h] = r.fields[i] ?? ''));
      return out;
    }),
  };
}

export function figuresOf(s: WorksheetScenario): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of s.material) if (m.type === 'figures') for (const f of m.items) out.set(f.id, f.value);
  return out;
}

export type ColumnRole = 'given' | 'computed' | 'input';
export function roleOf(c: PartColumn): ColumnRole {
  return c.from !== undefined ? 'given' : c.compute !== undefined ? 'computed' : 'input';
}

export interface PreparedTable {
  part: TablePart;
  source: MaterialTable | null;
  compute: Map<string, Expr>;
  checks: { check: TablePart['checks'][number]; where: Expr | null; expr: Expr | null }[];
}

export interface PreparedWorksheet {
  scenario: WorksheetScenario;
  figures: Map<string, number>;
  materials: Map<string, MaterialTable>;
  tables: Map<string, PreparedTable>;
}

export function prepare(s: WorksheetScenario): PreparedWorksheet {
  const materials = new Map<string, MaterialTable>();
  for (const m of s.material) {
    const t = materialRows(m);
    if (t) materials.set(m.id, t);
  }
  const tables = new Map<string, PreparedTable>();
  for (const p of s.parts) {
    if (p.type !== 'table') continue;
    const compute = new Map<string, Expr>();
    for (const c of p.columns) if (c.compute !== undefined) compute.set(c.id, parseExpr(c.compute));
    const checks = p.checks.map((check) => ({
      check,
      where: check.where === undefined ? null : parseExpr(check.where),
      expr: check.type === 'row' ? parseExpr(check.expect) : check.type === 'rule' ? parseExpr(check.rule) : null,
    }));
    tables.set(p.id, { part: p, source: p.rowsFrom === undefined ? null : materials.get(p.rowsFrom) ?? null, compute, checks });
  }
  return { scenario: s, figures: figuresOf(s), materials, tables };
}

/** The given value of a part column on material row `i`, read by the column's type. */
export function givenValue(t: PreparedTable, col: PartColumn, i: number): Value {
  const raw = col.from === undefined ? undefined : t.source?.rows[i]?.[col.from];
  const r = readCell(raw, col);
  return r.ok ? r.value : null;
}

/** The text a given cell shows (as the material has it). */
export function givenText(t: PreparedTable, col: PartColumn, i: number): string {
  const raw = col.from === undefined ? undefined : t.source?.rows[i]?.[col.from];
  return raw === undefined ? '' : String(raw);
}

export function partById(s: WorksheetScenario, id: string): Part | undefined {
  return s.parts.find((p) => p.id === id);
}
