// A lean XLSX reader for rosters: the first worksheet's cells as text, read straight from the ZIP
// (node:zlib) and the sheet XML, without building exceljs's object model. exceljs's full load
// took 2.7–3.1 s for a 5,000-row roster on this machine kind (the bench), nearly all of it
// building cell, style and row objects a roster never needs; this reads only what rows need:
// the workbook's sheet list, the shared strings, the cell formats (to tell dates from numbers)
// and the first sheet's <c> elements.
//
// It reads what Excel, WPS and exceljs write (shared strings with rich-text runs, inline
// strings, numbers, booleans, formula results, the 1900 and 1904 date systems). A file it cannot
// read (not a ZIP, ZIP64, encrypted, a compression other than stored/deflate, no worksheet)
// throws XlsxReadError with a code; roster-file.ts turns that into a located file error.
import { inflateRawSync } from 'node:zlib';

export class XlsxReadError extends Error {
  readonly code: 'rosterFile.badXlsx' | 'rosterFile.noSheet';
  readonly detail: string;
  constructor(code: 'rosterFile.badXlsx' | 'rosterFile.noSheet', detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'XlsxReadError';
    this.code = code;
    this.detail = detail;
  }
}

const bad = (detail: string) => new XlsxReadError('rosterFile.badXlsx', detail);

interface ZipEntry {
  method: number;
  compressed: number;
  size: number;
  offset: number;
  flags: number;
}

/** The ZIP's central directory: entry name → where its data is. */
function zipEntries(buf: Buffer): Map<string, ZipEntry> {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad('not a ZIP file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) throw bad('ZIP64 archives are not supported');
  const out = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw bad(`central directory entry ${n + 1} is damaged`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    out.set(name.replace(/^\/+/, ''), { method, compressed, size, offset, flags });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function entryText(buf: Buffer, entries: Map<string, ZipEntry>, name: string): string | null {
  const e = entries.get(name);
  if (!e) return null;
  if (e.flags & 1) throw bad(`${name} is encrypted`);
  if (e.offset + 30 > buf.length || buf.readUInt32LE(e.offset) !== 0x04034b50) throw bad(`${name}: local header damaged`);
  const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  const data = buf.subarray(start, start + e.compressed);
  if (data.length !== e.compressed) throw bad(`${name} is cut short`);
  let raw: Buffer;
  if (e.method === 0) raw = data;
  else if (e.method === 8) {
    try {
      raw = inflateRawSync(data);
    } catch (error) {
      throw bad(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else throw bad(`${name}: compression method ${e.method} is not supported`);
  return raw.toString('utf8');
}

const ENTITY: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text → string: entities, character references and OOXML's _xHHHH_ escapes. */
function xmlText(s: string): string {
  let out = s.includes('&')
    ? s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
        e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENTITY[e] ?? ''),
      )
    : s;
  if (out.includes('_x')) out = out.replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return out;
}

/** The text of <t> runs in a string item, leaving out phonetic runs (<rPh>). */
function runsText(xml: string): string {
  const body = xml.includes('<rPh') ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let out = '';
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g;
  for (let m = re.exec(body); m; m = re.exec(body)) out += m[1] ?? '';
  return xmlText(out);
}

const ATTR = new Map<string, RegExp>();
function attr(tag: string, name: string): string | null {
  let re = ATTR.get(name);
  if (!re) ATTR.set(name, (re = new RegExp(`\\s${name}="([^"]*)"`)));
  const m = re.exec(tag);
  return m ? (m[1] ?? '') : null;
}

const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a custom number format shows a date or time (y, m, d, h, s outside quotes and brackets). */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[ymdhs]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

/** Style index → whether it formats a date. */
function dateStyles(stylesXml: string | null): boolean[] {
  if (!stylesXml) return [];
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId'));
    custom.set(id, xmlText(attr(m[0], 'formatCode') ?? ''));
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  const out: boolean[] = [];
  for (const m of xfs.matchAll(/<xf\b[^>]*?\/?>/g)) {
    const id = Number(attr(m[0], 'numFmtId') ?? '0');
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATES.has(id));
  }
  return out;
}

/** Excel serial day → YYYY-MM-DD (what roster-file.ts writes for a date cell). */
function serialDate(serial: number, date1904: boolean): string {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.round(serial * 86_400_000)).toISOString().slice(0, 10);
}

/** A number as roster-file.ts's exceljs path wrote it: integers past 2^53 without an exponent. */
function numberText(raw: string): string {
  const v = Number(raw);
  if (!Number.isFinite(v)) return raw;
  return Number.isSafeInteger(v) || !Number.isInteger(v) ? String(v) : v.toFixed(0);
}

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** The first worksheet (in the workbook's order) as rows of cell text, rows 1…last, columns A…widest. */
export function readXlsxTable(bytes: Uint8Array): string[][] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = zipEntries(buf);
  const workbook = entryText(buf, entries, 'xl/workbook.xml');
  if (workbook === null) throw bad('no xl/workbook.xml (not a spreadsheet)');
  const firstSheet = /<(?:\w+:)?sheet\b[^>]*>/.exec(workbook)?.[0];
  if (!firstSheet) throw new XlsxReadError('rosterFile.noSheet', 'the workbook lists no sheet');
  const rid = /\s(?:\w+:)?id="([^"]*)"/.exec(firstSheet)?.[1];
  const rels = entryText(buf, entries, 'xl/_rels/workbook.xml.rels') ?? '';
  let target: string | null = null;
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) if (attr(m[0], 'Id') === rid) target = attr(m[0], 'Target');
  const sheetPath = target === null ? 'xl/worksheets/sheet1.xml' : target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
  const sheet = entryText(buf, entries, sheetPath);
  if (sheet === null) throw new XlsxReadError('rosterFile.noSheet', `${sheetPath} is missing`);
  const date1904 = /<workbookPr\b[^>]*\sdate1904="(1|true)"/.test(workbook);

  const sst = entryText(buf, entries, 'xl/sharedStrings.xml');
  const strings: string[] = [];
  if (sst) for (const m of sst.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) strings.push(runsText(m[1] ?? ''));
  const dates = dateStyles(entryText(buf, entries, 'xl/styles.xml'));

  const rows: string[][] = [];
  let width = 0;
  const data = /<sheetData\b[^>]*>([\s\S]*)<\/sheetData>/.exec(sheet)?.[1] ?? '';
  const rowRe = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
  const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
  let nextRow = 1;
  for (let rm = rowRe.exec(data); rm; rm = rowRe.exec(data)) {
    const r = Number(attr(rm[1] ?? '', 'r') ?? nextRow);
    nextRow = r + 1;
    const cells: string[] = [];
    let nextCol = 0;
    const body = rm[2] ?? '';
    cellRe.lastIndex = 0;
    for (let cm = cellRe.exec(body); cm; cm = cellRe.exec(body)) {
      const a = cm[1] ?? '';
      const ref = attr(a, 'r');
      const col = ref === null ? nextCol : columnIndex(ref);
      nextCol = col + 1;
      const inner = cm[2] ?? '';
      const type = attr(a, 't') ?? 'n';
      const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      let text: string;
      if (type === 's') text = v === undefined ? '' : (strings[Number(v)] ?? '');
      else if (type === 'inlineStr') text = runsText(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
      else if (v === undefined) text = '';
      else if (type === 'b') text = v === '1' ? 'true' : 'false';
      else if (type === 'str' || type === 'e' || type === 'd') text = xmlText(v);
      else {
        const style = Number(attr(a, 's') ?? '0');
        text = dates[style] === true && Number.isFinite(Number(v)) ? serialDate(Number(v), date1904) : numberText(v);
      }
      while (cells.length < col) cells.push('');
      cells[col] = text;
    }
    while (rows.length < r - 1) rows.push([]);
    rows[r - 1] = cells;
    if (cells.length > width) width = cells.length;
  }
  // trailing empty cells do not widen the sheet (as exceljs counts used columns)
  width = 0;
  for (const row of rows) {
    let w = row.length;
    while (w > 0 && row[w - 1] === '') w--;
    if (w > width) width = w;
  }
  let last = rows.length;
  while (last > 0 && (rows[last - 1] ?? []).every((c) => c === '')) last--;
  return rows.slice(0, last).map((row) => {
    const out = row.slice(0, width);
    while (out.length < width) out.push('');
    return out;
  });
}
