// Typed cell values: what a trainee types (or a material cell holds) read by the column's type.
// Numbers accept 1,234.5 and a leading ¥ or a trailing %; dates are YYYY-MM-DD (a day number),
// times HH:MM (minutes), yes/no as true/false, 是/否, 1/0. A value that does not read is a code
// the UI words, never a silent zero. Also the CSV reader for CSV material (RFC 4180 quoting).
import type { Value } from './expr.ts';
import type { Cell, Column, ValueType } from './schema.ts';

export type ReadResult = { ok: true; value: Value } | { ok: false; code: 'not_number' | 'not_boolean' | 'not_option' | 'not_date' | 'not_time' };

const NUM = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

export function readNumber(raw: string, type: ValueType): number | null {
  let s = raw.trim().replace(/[,，\s]/g, '');
  if (type === 'money') s = s.replace(/^[¥￥]/, '').replace(/元$/, '');
  if (type === 'percent') s = s.replace(/[%％]$/, '');
  return NUM.test(s) ? Number(s) : null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{1,2})[:：](\d{2})$/;

/** A cell's text (or material value) as the column's type; empty text is null (not filled). */
export function readCell(raw: Cell | undefined, column: Pick<Column, 'type' | 'options'>): ReadResult {
  if (raw === undefined) return { ok: true, value: null };
  if (typeof raw === 'number') return column.type === 'text' || column.type === 'choice' ? { ok: true, value: String(raw) } : { ok: true, value: raw };
  if (typeof raw === 'boolean') return column.type === 'boolean' ? { ok: true, value: raw } : { ok: false, code: 'not_number' };
  const s = raw.trim();
  if (s === '') return { ok: true, value: null };
  switch (column.type) {
    case 'text':
      return { ok: true, value: s };
    case 'choice':
      return column.options === undefined || column.options.includes(s) ? { ok: true, value: s } : { ok: false, code: 'not_option' };
    case 'number':
    case 'money':
    case 'percent': {
      const n = readNumber(s, column.type);
      return n === null ? { ok: false, code: 'not_number' } : { ok: true, value: n };
    }
    case 'boolean':
      if (['true', '是', 'yes', '1', '✓'].includes(s.toLowerCase())) return { ok: true, value: true };
      if (['false', '否', 'no', '0'].includes(s.toLowerCase())) return { ok: true, value: false };
      return { ok: false, code: 'not_boolean' };
    case 'date': {
      const m = DATE.exec(s);
      if (!m) return { ok: false, code: 'not_date' };
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const ms = Date.UTC(y, mo - 1, d);
      const back = new Date(ms);
      if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return { ok: false, code: 'not_date' };
      return { ok: true, value: ms / 86_400_000 };
    }
    case 'time': {
      const m = TIME.exec(s);
      const h = Number(m?.[1]);
      const min = Number(m?.[2]);
      if (!m || h > 24 || min > 59 || (h === 24 && min > 0)) return { ok: false, code: 'not_time' };
      return { ok: true, value: h * 60 + min };
    }
    default:
      return { ok: false, code: 'not_number' };
  }
}

export interface CsvTable {
  header: string[];
  /** Each data row's fields and the 1-based line of the CSV text it starts on. */
  rows: { line: number; fields: string[] }[];
}

/** RFC 4180 CSV (comma, quotes doubled inside quoted fields, CRLF or LF); a BOM is skipped. */
export function parseCsv(text: string): { ok: true; table: CsvTable } | { ok: false; line: number; message: string } {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  while (i < src.length) {
    const c = src[i] ?? '';
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += c;
    i++;
  }
  if (quoted) return { ok: false, line: start, message: '引号没有闭合 (unterminated quoted field)' };
  if (field !== '' || fields.length > 0) endRecord();
  const [head, ...rows] = records;
  if (head === undefined) return { ok: false, line: 1, message: 'CSV 为空 (no header line)' };
  return { ok: true, table: { header: head.fields.map((h) => h.trim()), rows } };
}
