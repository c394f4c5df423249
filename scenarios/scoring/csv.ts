// The score sheet as CSV (RFC 4180: comma, CRLF, fields with , " or a line break quoted, "" for
// a quote; a UTF-8 BOM so spreadsheet programs read the Chinese right) and the parser the tests
// use to read it back. One table: a header block (key, value), the items with every assessor's
// score, the totals, the signatures and the result. Pure.
import type { PanelResult } from './panel.ts';
import type { SheetContent } from './sheet.ts';

export const BOM = '\uFEFF';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An ISO instant as the centre's wall-clock time: "2026-11-28 16:32:15 (UTC+8)". `offsetMin` is the
 * centre's offset from UTC at that instant in minutes (+480 for China Standard Time). An instant
 * that does not parse is returned as given.
 */
export function localStamp(iso: string, offsetMin: number): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const d = new Date(ms + offsetMin * 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const zone = `UTC${sign}${String(Math.floor(abs / 60))}${abs % 60 === 0 ? '' : `:${pad(abs % 60)}`}`;
  return `${String(d.getUTCFullYear())}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} (${zone})`;
}

export interface SheetHeader {
  sessionId: string;
  candidate: string;
  candidateId: string;
  workType: string;
  level: string;
  scenario: string;
  recordedAt: string;
  station: string;
  mode: string;
  verification: string;
}

export interface CsvInput {
  header: SheetHeader;
  panel: Pick<PanelResult, 'rubric' | 'flags' | 'finalScore' | 'passed' | 'violations' | 'signedCount' | 'rule'>;
  /** Signed sheets in the panel's member order (visible ones only). */
  sheets: { content: SheetContent; signedAt: string }[];
  /** Writes an ISO instant as the centre's local time (localStamp with the centre's offset). */
  time: (iso: string) => string;
}

function field(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRows(rows: readonly (readonly (string | number | null)[])[]): string {
  return BOM + rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

export function sheetCsv({ header, panel, sheets: signed, time }: CsvInput): string {
  const sheets = signed.map((s) => s.content);
  const names = sheets.map((s) => s.assessor.name);
  const rows: (string | number | null)[][] = [
    ['评分表', '互联网营销师 技能考核'],
    ['会话', header.sessionId],
    ['考生', header.candidate],
    ['考生编号', header.candidateId],
    ['工种', header.workType],
    ['等级', header.level],
    ['考核任务', header.scenario],
    ['考核日期', time(header.recordedAt)],
    ['考位', header.station],
    ['模式', header.mode],
    ['证据校验', header.verification],
    [],
    ['评分项', '技能要求', '满分', ...names, '平均', '分歧'],
  ];
  for (const item of panel.rubric ?? []) {
    const scores = sheets.map((s) => s.scores.find((x) => x.id === item.id)?.score ?? null);
    const present = scores.filter((x): x is number => x !== null);
    const mean = present.length === 0 ? null : Math.round((present.reduce((a, b) => a + b, 0) / present.length) * 10) / 10;
    const flag = panel.flags.find((f) => f.kind === 'item' && f.itemId === item.id);
    rows.push([item.title, item.skills.join(' '), item.max, ...scores, mean, flag ? `相差 ${flag.spread}` : '']);
  }
  const totalFlag = panel.flags.find((f) => f.kind === 'total');
  rows.push(['总分', '', 100, ...sheets.map((s) => s.total), panel.finalScore, totalFlag ? `相差 ${totalFlag.spread}` : '']);
  rows.push(['签名', '', '', ...sheets.map((s) => s.assessor.name), '', '']);
  rows.push(['签名时间', '', '', ...signed.map((s) => time(s.signedAt)), '', '']);
  rows.push(['版本', '', '', ...sheets.map((s) => (s.version > 1 ? `第 ${s.version} 版：${s.reason ?? ''}` : '第 1 版')), '', '']);
  rows.push([]);
  rows.push(['最终成绩', panel.finalScore]);
  rows.push(['结论', panel.passed === null ? '未评定' : panel.passed ? '合格' : '不合格']);
  rows.push(['考评组', panel.violations.length === 0 ? `${panel.signedCount} 名考评员，符合规定` : panel.violations.map((v) => v.message).join('；')]);
  for (const f of panel.flags) rows.push(['分歧', f.message]);
  rows.push(['计分规则', panel.rule]);
  return csvRows(rows);
}

/** RFC 4180 reader: returns rows of fields; throws with the line number on a broken quote. */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let fieldText = '';
  let quoted = false;
  let line = 1;
  let i = 0;
  let fieldStart = true;
  while (i < src.length) {
    const c = src[i] as string;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          fieldText += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n') line++;
      fieldText += c;
      i++;
      continue;
    }
    if (c === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
      i++;
      continue;
    }
    if (c === ',') {
      row.push(fieldText);
      fieldText = '';
      fieldStart = true;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      row.push(fieldText);
      rows.push(row);
      row = [];
      fieldText = '';
      fieldStart = true;
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    if (c === '"') throw new Error(`CSV 第 ${line} 行: 引号出现在字段中间 (stray quote)`);
    fieldText += c;
    fieldStart = false;
    i++;
  }
  if (quoted) throw new Error(`CSV 第 ${line} 行: 引号没有闭合 (unterminated quote)`);
  if (fieldText !== '' || row.length > 0) {
    row.push(fieldText);
    rows.push(row);
  }
  return rows;
}
