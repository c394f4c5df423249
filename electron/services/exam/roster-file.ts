// Reads a roster file into rows of cell text: CSV (UTF-8, with or without BOM; GB18030 is
// detected and decoded, as older 考务系统 write it) or XLSX (the first worksheet, via exceljs).
// A file that cannot be read at all is a RosterFileError with a code; what is wrong inside a
// readable file is left to scenarios/exam/roster.ts, which locates it by row and column.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { parseCsv } from '../../../scenarios/scoring/csv.ts';
import { readXlsxTable, XlsxReadError } from './xlsx-read.ts';

export type RosterFormat = 'csv' | 'xlsx';

export class RosterFileError extends Error {
  readonly code: string;
  readonly params: Record<string, string | number>;
  constructor(code: string, params: Record<string, string | number>) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'RosterFileError';
    this.code = code;
    this.params = params;
  }
}

export interface RosterTable {
  format: RosterFormat;
  rows: string[][];
  sha256: string;
  bytes: number;
}

export const MAX_ROSTER_BYTES = 20 * 1024 * 1024;

function formatOf(name: string, bytes: Uint8Array): RosterFormat | null {
  const ext = extname(name).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  return null;
}

function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Rows of an XLSX workbook's first worksheet, as text, up to the last used column (xlsx-read.ts). */
export function readXlsxRows(bytes: Uint8Array): string[][] {
  try {
    return readXlsxTable(bytes);
  } catch (error) {
    if (error instanceof XlsxReadError) throw new RosterFileError(error.code, error.code === 'rosterFile.badXlsx' ? { detail: error.detail } : {});
    throw error;
  }
}

/** Synchronous: both readers work on the bytes in memory. */
export function readRosterBytes(name: string, bytes: Uint8Array): RosterTable {
  if (bytes.byteLength > MAX_ROSTER_BYTES) throw new RosterFileError('rosterFile.tooLarge', { bytes: bytes.byteLength, max: MAX_ROSTER_BYTES });
  const format = formatOf(name, bytes);
  if (format === null) throw new RosterFileError('rosterFile.unknownFormat', { name });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const rows = format === 'csv' ? parseCsv(decodeCsv(bytes)) : readXlsxRows(bytes);
  return { format, rows, sha256, bytes: bytes.byteLength };
}

export async function readRosterFile(path: string): Promise<RosterTable> {
  const bytes = await readFile(path).catch((error: unknown) => {
    throw new RosterFileError('rosterFile.unreadable', { path, detail: (error as NodeJS.ErrnoException).code ?? String(error) });
  });
  return readRosterBytes(path, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** Writes rows as an XLSX workbook (one sheet; every cell text, so ID numbers keep all 18 digits). */
export async function xlsxOf(sheetName: string, rows: readonly (readonly (string | number)[])[], widths: readonly number[] = []): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'LiveDrill';
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow([...r]);
  ws.getRow(1).font = { bold: true };
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (typeof cell.value === 'string') cell.numFmt = '@';
    }),
  );
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf);
}
