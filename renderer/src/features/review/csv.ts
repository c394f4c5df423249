// The session's data as CSV files for the trainee to keep and count (5:7.2.1 / 5:7.2.2): the
// engine's four tables (sessionCsv), each with a UTF-8 BOM so Excel reads the Chinese, and the
// browser download through a Blob link.
import type { SessionCsv } from '../../../../scenarios/engine/index.ts';

export const CSV_TABLES = ['minutes', 'replies', 'actions', 'orders'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

const BOM = '\uFEFF';

export interface CsvFile {
  table: CsvTable;
  name: string;
  text: string;
}

/** File names such as b5-navel-orange-quick-20260101-093000-minutes.csv (safe characters only). */
export function csvFiles(csv: SessionCsv, base: string): CsvFile[] {
  const safe = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'session';
  return CSV_TABLES.map((table) => ({ table, name: `${safe}-${table}.csv`, text: BOM + csv[table] }));
}

/** Starts a browser download of one file (no server, no file path chosen by the page). */
export function download(file: { name: string; text: string }): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked a little later: some browsers read the URL after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
