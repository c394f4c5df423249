// The candidate list (考生名单) as a Chinese 考务系统 exports it: 姓名, 证件号码, 工种, 等级,
// 准考证号, 单位, 新考/补考. Rows come in as cells (CSV or XLSX read elsewhere); every bad row
// gets located issues (row, column, header, code + params) and never drops the good rows.
import { z } from 'zod';
import { Level, levels, WorkTypeCode, workTypes } from '../standard/index.ts';
import { idProblem, normaliseId } from './id-number.ts';
import { columnLetter, type LocatedIssue } from './issue.ts';

export const Attempt = z.enum(['new', 'retake']);
export type Attempt = z.infer<typeof Attempt>;

export const Candidate = z.strictObject({
  /** Stable id within the sitting, from the ID number. */
  id: z.string().regex(/^c[0-9a-z]{4,24}$/),
  name: z.string().min(1).max(40),
  idNumber: z.string().regex(/^\d{17}[\dX]$/),
  workType: WorkTypeCode,
  level: Level,
  ticketNo: z.string().max(40),
  employer: z.string().max(80),
  attempt: Attempt,
});
export type Candidate = z.infer<typeof Candidate>;

export type RosterField = 'name' | 'idNumber' | 'workType' | 'level' | 'ticketNo' | 'employer' | 'attempt';
export const ROSTER_FIELDS: readonly RosterField[] = ['name', 'idNumber', 'workType', 'level', 'ticketNo', 'employer', 'attempt'];
const REQUIRED: readonly RosterField[] = ['name', 'idNumber', 'workType', 'level'];

/** Header spellings seen in exports; the first is the one LiveDrill writes. */
export const HEADERS: Readonly<Record<RosterField, readonly string[]>> = {
  name: ['姓名', '考生姓名', 'name'],
  idNumber: ['证件号码', '身份证号', '身份证号码', '公民身份号码', 'id number', 'id'],
  workType: ['工种', '职业方向', '工种（职业方向）', 'work type'],
  level: ['等级', '级别', '申报等级', 'level'],
  ticketNo: ['准考证号', 'ticket', 'ticket no'],
  employer: ['单位', '工作单位', '所在单位', 'employer'],
  attempt: ['新考/补考', '考试类型', '报考类型', '新考补考', 'attempt'],
};

const norm = (s: string) => s.replace(/[\s\u3000]/g, '').toLowerCase();

/** 工种 as written: code, Chinese name, or 互联网营销师（直播销售员）. */
export function parseWorkType(raw: string): WorkTypeCode | null {
  const v = norm(raw).replace(/^互联网营销师/, '').replace(/[()（）]/g, '');
  for (const w of workTypes) if (v === w.code.toLowerCase() || v === norm(w.name)) return w.code;
  return null;
}

const CHINESE_DIGITS: Readonly<Record<string, Level>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5 };

/** 等级 as written: 5, 五级, 五级/初级工, 初级工, 四级（中级工）. */
export function parseLevel(raw: string): Level | null {
  const v = norm(raw).replace(/[()（）]/g, '/');
  if (/^[1-5]$/.test(v)) return Number(v) as Level;
  const m = /^([一二三四五])级/.exec(v);
  if (m?.[1]) return CHINESE_DIGITS[m[1]] ?? null;
  for (const l of levels) {
    const title = l.name.split('/')[1];
    if (title && (v === norm(title) || v === norm(l.name))) return l.level;
  }
  return null;
}

export function parseAttempt(raw: string): Attempt | null {
  const v = norm(raw);
  if (v === '' || v === '新考' || v === '首考' || v === 'new') return 'new';
  if (v === '补考' || v === 'retake') return 'retake';
  return null;
}

/** A stable candidate id from the ID number (the same person gets the same id on every import). */
export function candidateId(idNumber: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < idNumber.length; i++) h = Math.imul(h ^ idNumber.charCodeAt(i), 0x01000193) >>> 0;
  return `c${idNumber.slice(-4).toLowerCase()}${h.toString(36)}`;
}

export interface RosterRow {
  /** Spreadsheet row number (1 = the header). */
  row: number;
  candidate: Candidate;
}

export interface RosterParse {
  candidates: RosterRow[];
  issues: LocatedIssue[];
  /** Data rows read (blank rows not counted). */
  rows: number;
  /** Which field each header column was read as (null: not used). */
  columns: (RosterField | null)[];
}

export interface RosterExpect {
  workType?: WorkTypeCode;
  level?: Level;
  /** Candidates already in the sitting: importing them again is a duplicate. */
  existing?: readonly Pick<Candidate, 'idNumber' | 'ticketNo' | 'name'>[];
}

function mapHeader(header: readonly string[]): (RosterField | null)[] {
  return header.map((h) => {
    const v = norm(h);
    for (const f of ROSTER_FIELDS) if (HEADERS[f].some((x) => norm(x) === v)) return f;
    return null;
  });
}

/**
 * Reads the rows (rows[0] is the header). Good rows are kept whatever the bad ones say; a bad
 * row yields one issue per bad cell. A missing required column is one issue at row 1.
 */
export function parseRoster(rows: readonly (readonly string[])[], expect: RosterExpect = {}): RosterParse {
  const issues: LocatedIssue[] = [];
  const header = rows[0] ?? [];
  const columns = mapHeader(header);
  const colOf = (f: RosterField) => columns.indexOf(f);
  const at = (row: number, f: RosterField | null, code: string, params: LocatedIssue['params'] = {}): LocatedIssue => {
    const c = f === null ? -1 : colOf(f);
    return { row, column: c < 0 ? null : columnLetter(c), field: c < 0 ? null : (header[c] ?? null), code, params };
  };
  if (rows.length === 0 || header.every((h) => h.trim() === '')) {
    return { candidates: [], issues: [{ row: 1, column: null, field: null, code: 'roster.noHeader', params: {} }], rows: 0, columns };
  }
  const missing = REQUIRED.filter((f) => colOf(f) < 0);
  for (const f of missing) issues.push({ row: 1, column: null, field: HEADERS[f][0] ?? f, code: 'roster.missingColumn', params: { column: HEADERS[f][0] ?? f } });
  columns.forEach((f, i) => {
    if (f !== null && columns.indexOf(f) !== i) issues.push({ row: 1, column: columnLetter(i), field: header[i] ?? null, code: 'roster.duplicateColumn', params: { column: header[i] ?? '' } });
  });
  if (missing.length > 0) return { candidates: [], issues, rows: Math.max(0, rows.length - 1), columns };

  const byId = new Map<string, number>();
  const byTicket = new Map<string, number>();
  for (const e of expect.existing ?? []) {
    byId.set(e.idNumber, 0);
    if (e.ticketNo) byTicket.set(e.ticketNo, 0);
  }
  const candidates: RosterRow[] = [];
  // a roster repeats a handful of 工种 and 等级 spellings: read each spelling once
  const wtSeen = new Map<string, WorkTypeCode | null>();
  const lvSeen = new Map<string, Level | null>();
  const workTypeOf = (raw: string) => {
    let v = wtSeen.get(raw);
    if (v === undefined) wtSeen.set(raw, (v = parseWorkType(raw)));
    return v;
  };
  const levelOf = (raw: string) => {
    let v = lvSeen.get(raw);
    if (v === undefined) lvSeen.set(raw, (v = parseLevel(raw)));
    return v;
  };
  let count = 0;
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    if (cells.every((c) => c.trim() === '')) continue;
    count++;
    const rowNo = r + 1;
    const cell = (f: RosterField) => {
      const c = colOf(f);
      return c < 0 ? '' : (cells[c] ?? '').trim();
    };
    const before = issues.length;
    const name = cell('name');
    if (name === '') issues.push(at(rowNo, 'name', 'roster.empty'));
    else if (name.length > 40) issues.push(at(rowNo, 'name', 'roster.tooLong', { max: 40 }));
    const idNumber = normaliseId(cell('idNumber'));
    if (idNumber === '') issues.push(at(rowNo, 'idNumber', 'roster.empty'));
    else {
      const p = idProblem(idNumber);
      if (p) issues.push(at(rowNo, 'idNumber', `roster.id.${p}`, { value: idNumber }));
    }
    const wtRaw = cell('workType');
    const workType = workTypeOf(wtRaw);
    if (workType === null) issues.push(at(rowNo, 'workType', wtRaw === '' ? 'roster.empty' : 'roster.unknownWorkType', { value: wtRaw }));
    else if (expect.workType && workType !== expect.workType) issues.push(at(rowNo, 'workType', 'roster.otherWorkType', { value: wtRaw, expected: expect.workType }));
    const lvRaw = cell('level');
    const level = levelOf(lvRaw);
    if (level === null) issues.push(at(rowNo, 'level', lvRaw === '' ? 'roster.empty' : 'roster.unknownLevel', { value: lvRaw }));
    else if (expect.level && level !== expect.level) issues.push(at(rowNo, 'level', 'roster.otherLevel', { value: lvRaw, expected: expect.level }));
    if (workType && level && !workTypes.find((w) => w.code === workType)?.levels.includes(level)) {
      issues.push(at(rowNo, 'level', 'roster.levelNotOffered', { workType, level }));
    }
    const ticketNo = cell('ticketNo');
    if (ticketNo.length > 40) issues.push(at(rowNo, 'ticketNo', 'roster.tooLong', { max: 40 }));
    const employer = cell('employer').slice(0, 80);
    const attemptRaw = cell('attempt');
    const attempt = parseAttempt(attemptRaw);
    if (attempt === null) issues.push(at(rowNo, 'attempt', 'roster.unknownAttempt', { value: attemptRaw }));
    if (issues.length === before) {
      const firstId = byId.get(idNumber);
      const firstTicket = ticketNo ? byTicket.get(ticketNo) : undefined;
      if (firstId !== undefined) issues.push(at(rowNo, 'idNumber', firstId === 0 ? 'roster.alreadyInSitting' : 'roster.duplicate', { firstRow: firstId, value: idNumber }));
      else if (firstTicket !== undefined) issues.push(at(rowNo, 'ticketNo', firstTicket === 0 ? 'roster.alreadyInSitting' : 'roster.duplicateTicket', { firstRow: firstTicket, value: ticketNo }));
    }
    if (issues.length > before || workType === null || level === null || attempt === null) continue;
    byId.set(idNumber, rowNo);
    if (ticketNo) byTicket.set(ticketNo, rowNo);
    candidates.push({ row: rowNo, candidate: { id: candidateId(idNumber), name, idNumber, workType, level, ticketNo, employer, attempt } });
  }
  return { candidates, issues, rows: count, columns };
}

/** The roster as rows with LiveDrill's headers (for CSV or XLSX export). */
export function rosterRows(candidates: readonly Candidate[]): string[][] {
  const wt = (c: WorkTypeCode) => workTypes.find((w) => w.code === c)?.name ?? c;
  const lv = (l: Level) => levels.find((x) => x.level === l)?.name ?? String(l);
  return [
    ROSTER_FIELDS.map((f) => HEADERS[f][0] ?? f),
    ...candidates.map((c) => [c.name, c.idNumber, wt(c.workType), lv(c.level), c.ticketNo, c.employer, c.attempt === 'new' ? '新考' : '补考']),
  ];
}

/** Fills empty 准考证号 in roster order: <prefix><3-digit sequence>, skipping numbers in use. */
export function assignTickets(candidates: readonly Candidate[], prefix: string): Candidate[] {
  const used = new Set(candidates.map((c) => c.ticketNo).filter((t) => t !== ''));
  let n = 0;
  return candidates.map((c) => {
    if (c.ticketNo !== '') return c;
    let t: string;
    do t = `${prefix}${String(++n).padStart(3, '0')}`;
    while (used.has(t));
    used.add(t);
    return { ...c, ticketNo: t };
  });
}
