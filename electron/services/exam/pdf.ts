// The sitting's paperwork as PDF (pdfmake in Node with the Noto Sans SC TTF from npm, so it works
// the same in the desktop app, web mode and the CLI): the seating plan (考位安排表), the admission
// tickets (准考证, one card per candidate), the sign-in sheet (签到表) and the result list
// (成绩登记表). The documents are the centre's Chinese paperwork, like reports.ts's rows; a mock
// sitting that breaks a section 1.9 rule says which on every page header.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { Analytics, Candidate, CandidateResult, ExamIssue, Seat, Sitting } from '../../../scenarios/exam/index.ts';
import { maskId } from '../../../scenarios/exam/index.ts';
import { issueText } from '../../cli/exam-text.ts';
import { kindName, levelName, resultRows, seatingRows, workTypeName } from './reports.ts';

export type ExamDocument = 'seating' | 'tickets' | 'signin' | 'results';
export const EXAM_DOCUMENTS: readonly ExamDocument[] = ['seating', 'tickets', 'signin', 'results'];
export const DOCUMENT_TITLES: Readonly<Record<ExamDocument, string>> = { seating: '考位安排表', tickets: '准考证', signin: '考生签到表', results: '成绩登记表' };

const FONT_PATH = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';
const BOLD_PATH = '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf';

export class PdfError extends Error {
  readonly code: string;
  readonly params: Record<string, string>;
  constructor(code: string, params: Record<string, string>) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'PdfError';
    this.code = code;
    this.params = params;
  }
}

let fontsReady = false;
/** Loads the TTFs once into pdfmake's virtual file system; no other file or URL is ever read. */
function ensureFonts(): void {
  if (fontsReady) return;
  const req = createRequire(import.meta.url);
  const load = (spec: string) => {
    try {
      return readFileSync(req.resolve(spec));
    } catch (error) {
      throw new PdfError('pdf.fontMissing', { font: spec, detail: error instanceof Error ? error.message : String(error) });
    }
  };
  pdfmake.virtualfs.writeFileSync('NotoSansSC-Regular.ttf', load(FONT_PATH));
  pdfmake.virtualfs.writeFileSync('NotoSansSC-Bold.ttf', load(BOLD_PATH));
  pdfmake.setFonts({ NotoSansSC: { normal: 'NotoSansSC-Regular.ttf', bold: 'NotoSansSC-Bold.ttf', italics: 'NotoSansSC-Regular.ttf', bolditalics: 'NotoSansSC-Bold.ttf' } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  fontsReady = true;
}

export interface DocumentInput {
  sitting: Sitting;
  candidates: readonly Candidate[];
  seats: readonly Seat[];
  /** Rules of section 1.9 the sitting breaks (a mock sitting goes ahead and says so). */
  rules: readonly ExamIssue[];
  results?: readonly CandidateResult[];
  analytics?: Analytics;
  assessorNames?: ReadonlyMap<string, string>;
  published?: string | null;
  /** When the document is made (shown in the footer). */
  at: Date;
}

type Node = Record<string, unknown> | string | Node[];

const endTime = (s: Sitting) => {
  const [h, m] = s.start.split(':').map(Number);
  const t = (h ?? 0) * 60 + (m ?? 0) + s.durationMinutes;
  return `${String(Math.floor(t / 60) % 24).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
};

function header(title: string, d: DocumentInput): Node[] {
  const s = d.sitting;
  const out: Node[] = [
    { text: title, style: 'title' },
    { text: `${s.title}（${kindName(s)}）`, alignment: 'center', margin: [0, 0, 0, 2] },
    {
      text: `${workTypeName(s)} · ${levelName(s)} · ${s.date} ${s.start}–${endTime(s)} · 考场 ${s.room} · ${s.stations} 个考位 · 场次 ${s.id}`,
      alignment: 'center',
      style: 'muted',
      margin: [0, 0, 0, 6],
    },
  ];
  if (d.rules.length > 0) {
    out.push({
      table: {
        widths: ['*'],
        body: [[{ stack: [{ text: s.kind === 'mock' ? '模拟考试，不符合标准 1.9 的以下规定：' : '正式考核，不符合以下规定：', bold: true }, { ul: d.rules.map((r) => issueText(r)) }], color: '#8a1c1c' }]],
      },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 6],
    });
  }
  return out;
}

function grid(rows: readonly (readonly string[])[], widths: (string | number)[]): Node {
  const [head, ...body] = rows;
  return {
    table: {
      headerRows: 1,
      widths,
      body: [(head ?? []).map((h) => ({ text: h, bold: true, fillColor: '#eeeeee' })), ...body.map((r) => [...r])],
    },
    layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#888888', vLineColor: () => '#888888', paddingTop: () => 3, paddingBottom: () => 3 },
  };
}

function seatingDoc(d: DocumentInput): Node[] {
  const rows = seatingRows(d.candidates, d.seats);
  return [...header(DOCUMENT_TITLES.seating, d), { text: `抽签种子 ${d.sitting.drawSeed}（同一种子可重复抽签结果）`, style: 'muted', margin: [0, 0, 0, 4] }, grid(rows, [30, 30, 80, 60, 110, '*'])];
}

function ticketsDoc(d: DocumentInput): Node[] {
  const s = d.sitting;
  const seatOf = new Map(d.seats.map((x) => [x.candidateId, x]));
  const cards = d.candidates.map((c, i) => {
    const seat = seatOf.get(c.id);
    const line = (k: string, v: string): Node[] => [{ text: k, style: 'muted' }, { text: v }];
    return {
      unbreakable: true,
      margin: [0, 0, 0, 12],
      ...(i > 0 && i % 3 === 0 ? { pageBreak: 'before' } : {}),
      table: {
        widths: [70, '*', 80],
        body: [
          [{ text: `准考证  ${c.ticketNo}`, style: 'card', colSpan: 3 }, {}, {}],
          [...line('姓名', c.name), { text: '照片', rowSpan: 5, alignment: 'center', margin: [0, 30, 0, 0], style: 'muted' }],
          [...line('证件号码', maskId(c.idNumber)), {}],
          [...line('工种 / 等级', `${workTypeName(c)} · ${levelName(c)}（${c.attempt === 'new' ? '新考' : '补考'}）`), {}],
          [...line('考试时间', `${s.date} ${s.start}–${endTime(s)}`), {}],
          [...line('考场 / 考位', seat ? `${s.room} · 第 ${seat.round} 批 · ${seat.station} 号考位` : `${s.room} · 考位待抽签`), {}],
          [{ text: `凭本证和身份证件入场；开考 ${s.lateEntryMinutes} 分钟后不得入场。${kindName(s)} · 场次 ${s.id}`, colSpan: 3, style: 'muted' }, {}, {}],
        ],
      },
    };
  });
  return [...header(DOCUMENT_TITLES.tickets, d), ...cards];
}

function signinDoc(d: DocumentInput): Node[] {
  const byId = new Map(d.candidates.map((c) => [c.id, c]));
  const seated = d.seats.length > 0 ? d.seats.map((s) => ({ c: byId.get(s.candidateId), seat: `${s.round}-${s.station}` })) : d.candidates.map((c) => ({ c, seat: '' }));
  const rows = [
    ['序号', '批次-考位', '准考证号', '姓名', '证件号码', '签到时间', '考生签名', '备注'],
    ...seated.map((x, i) => [String(i + 1), x.seat, x.c?.ticketNo ?? '', x.c?.name ?? '', x.c ? maskId(x.c.idNumber) : '', '', '', '']),
  ];
  return [
    ...header(DOCUMENT_TITLES.signin, d),
    grid(rows, [24, 44, 70, 50, 100, 50, 70, '*']),
    { text: `开考 ${d.sitting.lateEntryMinutes} 分钟后不得入场。监考员签名：__________    考务负责人签名：__________`, margin: [0, 10, 0, 0] },
  ];
}

function resultsDoc(d: DocumentInput): Node[] {
  const names = d.assessorNames ?? new Map<string, string>();
  const rows = resultRows(d.candidates, d.results ?? [], d.seats, names);
  const a = d.analytics;
  const summary = a ? `有成绩 ${a.scored} 名 · 合格 ${a.passed} 名 · 合格率 ${a.passRate === null ? '—' : `${Math.round(a.passRate * 100)}%`} · 平均分 ${a.mean ?? '—'} · 满分 ${d.sitting.fullMarks}，${d.sitting.passMark} 分（含）以上为合格` : '';
  return [
    ...header(DOCUMENT_TITLES.results, d),
    { text: `${summary}${d.published ? ` · 已于 ${d.published.slice(0, 16).replace('T', ' ')} 公布` : ' · 未公布'}`, margin: [0, 0, 0, 4] },
    grid(rows, [22, 62, 40, 92, 30, '*', 30, 34, 60]),
    { text: '成绩为考评组各考评员签名评分表总分的平均值；复核只核对加分与登分，不重新评定技能表现。', style: 'muted', margin: [0, 6, 0, 6] },
    { text: `考评员签名：${[...names.values()].map((n) => `${n} __________`).join('   ')}`, margin: [0, 4, 0, 4] },
    { text: '考务负责人签名：__________    日期：__________', margin: [0, 4, 0, 0] },
  ];
}

const BUILD: Readonly<Record<ExamDocument, (d: DocumentInput) => Node[]>> = { seating: seatingDoc, tickets: ticketsDoc, signin: signinDoc, results: resultsDoc };

/** One document as PDF bytes (A4; the result list landscape so its nine columns fit). */
export async function examPdf(kind: ExamDocument, d: DocumentInput): Promise<Uint8Array> {
  ensureFonts();
  const at = d.at.toISOString().slice(0, 16).replace('T', ' ');
  const doc = pdfmake.createPdf({
    info: { title: `${d.sitting.title} ${DOCUMENT_TITLES[kind]}`, creator: 'LiveDrill 直播实训考评台' },
    pageSize: 'A4',
    pageOrientation: kind === 'results' ? 'landscape' : 'portrait',
    pageMargins: [36, 40, 36, 44],
    defaultStyle: { font: 'NotoSansSC', fontSize: 9 },
    styles: { title: { fontSize: 16, bold: true, alignment: 'center', margin: [0, 0, 0, 4] }, muted: { color: '#555555', fontSize: 8 }, card: { bold: true, fontSize: 12 } },
    footer: (page: number, pages: number) => ({ text: `${DOCUMENT_TITLES[kind]} · 场次 ${d.sitting.id} · 第 ${page} / ${pages} 页 · 生成于 ${at} UTC · LiveDrill`, alignment: 'center', fontSize: 7, color: '#777777' }),
    content: BUILD[kind](d),
  });
  return new Uint8Array(await doc.getBuffer());
}
