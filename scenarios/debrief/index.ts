// The trainee's own 复盘 of a live session (skill codes 5:7.2.1 采集营销数据, 5:7.2.2 统计营销数据,
// 4:7.2.2 通过复盘提出营销方案的优化建议, 3:7.2.1 制定数据维度和分析标准). After the task the trainee
// fills a form: the figures collected from the session, the statistics computed from them, the
// problems found (when, what) each with an improvement, and the data dimensions with the standard
// each is judged by. Which sections the form has follows the codes the task claims.
// validateDebrief turns the typed strings into a Debrief or located errors (field path + code +
// params; the UI words them). Pure: no Node, React or Electron imports.
import { z } from 'zod';
import { METRIC_IDS, type MetricId } from '../format/schema.ts';

/** The codes a trainee's 复盘 gives evidence of, and the section of the form each asks for. */
export const DEBRIEF_SECTIONS = {
  '5:7.2.1': 'figures',
  '5:7.2.2': 'statistics',
  '4:7.2.2': 'problems',
  '3:7.2.1': 'dimensions',
} as const satisfies Record<string, string>;
export type DebriefCode = keyof typeof DEBRIEF_SECTIONS;
export type DebriefSection = (typeof DEBRIEF_SECTIONS)[DebriefCode];
export const DEBRIEF_CODES = Object.keys(DEBRIEF_SECTIONS) as DebriefCode[];

const isDebriefCode = (code: string): code is DebriefCode => Object.hasOwn(DEBRIEF_SECTIONS, code);

/** The sections of the form for a task that claims `skills` (in form order; empty: no 复盘 form). */
export function debriefSections(skills: readonly string[]): DebriefSection[] {
  const wanted = new Set(skills.filter(isDebriefCode).map((c) => DEBRIEF_SECTIONS[c]));
  return (['figures', 'statistics', 'problems', 'dimensions'] as const).filter((s) => wanted.has(s));
}

/** The codes of `skills` the 复盘 form gives evidence of. */
export function debriefCodes(skills: readonly string[]): DebriefCode[] {
  return skills.filter(isDebriefCode);
}

export const FIGURE_IDS = ['viewersTotal', 'viewersPeak', 'orders', 'buyers', 'gmv'] as const;
export type FigureId = (typeof FIGURE_IDS)[number];
export const STATISTIC_IDS = ['conversionPct', 'orderValue'] as const;
export type StatisticId = (typeof STATISTIC_IDS)[number];

export const DEBRIEF_LIMITS = {
  problems: { min: 1, max: 5 },
  dimensions: { min: 3, max: 8 },
  /** Characters of a problem, an improvement or a standard. */
  text: { min: 6, max: 200 },
  /** Counts and money the form takes. */
  maxNumber: 100_000_000,
} as const;

/** What the form holds while the trainee types: every field a string. */
export interface DebriefDraft {
  figures: Record<FigureId, string>;
  statistics: Record<StatisticId, string>;
  problems: { at: string; problem: string; improvement: string }[];
  dimensions: { metric: string; standard: string }[];
}

export function emptyDraft(): DebriefDraft {
  return {
    figures: { viewersTotal: '', viewersPeak: '', orders: '', buyers: '', gmv: '' },
    statistics: { conversionPct: '', orderValue: '' },
    problems: [{ at: '', problem: '', improvement: '' }],
    dimensions: [
      { metric: '', standard: '' },
      { metric: '', standard: '' },
      { metric: '', standard: '' },
    ],
  };
}

const Count = z.number().int().min(0).max(DEBRIEF_LIMITS.maxNumber);
const Money = z.number().min(0).max(DEBRIEF_LIMITS.maxNumber);
const Text = z.string().min(DEBRIEF_LIMITS.text.min).max(DEBRIEF_LIMITS.text.max);

/** The saved 复盘 (evidence: debrief.json in the session's package). Absent sections were not asked. */
export const Debrief = z.strictObject({
  sections: z.array(z.enum(['figures', 'statistics', 'problems', 'dimensions'])).min(1),
  figures: z.strictObject({ viewersTotal: Count, viewersPeak: Count, orders: Count, buyers: Count, gmv: Money }).optional(),
  statistics: z.strictObject({ conversionPct: z.number().min(0).max(100), orderValue: Money }).optional(),
  problems: z
    .array(z.strictObject({ atSec: z.number().int().min(0), problem: Text, improvement: Text }))
    .min(DEBRIEF_LIMITS.problems.min)
    .max(DEBRIEF_LIMITS.problems.max)
    .optional(),
  dimensions: z
    .array(z.strictObject({ metric: z.enum(METRIC_IDS), standard: Text }))
    .min(DEBRIEF_LIMITS.dimensions.min)
    .max(DEBRIEF_LIMITS.dimensions.max)
    .optional(),
});
export type Debrief = z.infer<typeof Debrief>;

export type DebriefErrorCode =
  | 'required'
  | 'notNumber'
  | 'notWhole'
  | 'negative'
  | 'tooLarge'
  | 'decimals'
  | 'pctRange'
  | 'peakAboveTotal'
  | 'buyersAboveTotal'
  | 'buyersAboveOrders'
  | 'statMismatch'
  | 'badTime'
  | 'afterEnd'
  | 'tooShort'
  | 'tooLong'
  | 'badMetric'
  | 'repeatedMetric'
  | 'tooFew'
  | 'tooMany';

export interface DebriefError {
  /** Where: 'figures.orders', 'problems.1.at', 'dimensions.0.metric', 'problems' (the list itself). */
  field: string;
  code: DebriefErrorCode;
  params: Record<string, string | number>;
}

export type DebriefResult = { ok: true; debrief: Debrief } | { ok: false; errors: DebriefError[] };

/** A number typed in the form: digits with an optional decimal part (full-width digits and commas as thousands separators are taken). */
function readNumber(raw: string): number | 'required' | 'notNumber' {
  const t = raw
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．]/g, '.')
    .replace(/[,，](?=\d{3}(\D|$))/g, '');
  if (t === '') return 'required';
  if (!/^-?\d+(\.\d+)?$/.test(t)) return 'notNumber';
  return Number(t);
}

/** m:ss or mm:ss (minutes may exceed 59), or h:mm:ss; null when malformed. */
export function parseClock(raw: string): number | null {
  const t = raw.trim().replace(/：/g, ':');
  const m = /^(?:(\d{1,2}):)?(\d{1,3}):([0-5]\d)$/.exec(t);
  if (!m) return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** Characters as the trainee sees them (a Chinese character or an emoji counts once). */
const graphemes = new Intl.Segmenter('zh-CN', { granularity: 'grapheme' });
const chars = (s: string) => Array.from(graphemes.segment(s.trim())).length;

/**
 * Checks the form for a task with `sections`, ended after `durationSec`: each field typed right,
 * the figures consistent with each other, the statistics computed from the trainee's own
 * figures (within rounding), problem times inside the session, texts within their lengths,
 * dimensions naming distinct metrics. Every error is located; nothing typed is lost (the draft
 * is the caller's).
 */
export function validateDebrief(draft: DebriefDraft, sections: readonly DebriefSection[], durationSec: number): DebriefResult {
  const errors: DebriefError[] = [];
  const err = (field: string, code: DebriefErrorCode, params: Record<string, string | number> = {}) => errors.push({ field, code, params });
  const out: Debrief = { sections: [...sections] };

  const number = (field: string, raw: string, kind: 'count' | 'money' | 'pct'): number | null => {
    const n = readNumber(raw);
    if (n === 'required' || n === 'notNumber') return err(field, n), null;
    if (n < 0) return err(field, 'negative'), null;
    if (kind === 'count' && !Number.isInteger(n)) return err(field, 'notWhole'), null;
    if (kind !== 'count' && Math.abs(Math.round(n * 100) - n * 100) > 1e-6) return err(field, 'decimals', { max: 2 }), null;
    if (kind === 'pct' && n > 100) return err(field, 'pctRange'), null;
    if (n > DEBRIEF_LIMITS.maxNumber) return err(field, 'tooLarge', { max: DEBRIEF_LIMITS.maxNumber }), null;
    return n;
  };
  const text = (field: string, raw: string): string | null => {
    const n = chars(raw);
    if (n === 0) return err(field, 'required'), null;
    if (n < DEBRIEF_LIMITS.text.min) return err(field, 'tooShort', { min: DEBRIEF_LIMITS.text.min, length: n }), null;
    if (n > DEBRIEF_LIMITS.text.max) return err(field, 'tooLong', { max: DEBRIEF_LIMITS.text.max, length: n }), null;
    return raw.trim();
  };
  const count = (field: string, got: number, limits: { min: number; max: number }) => {
    if (got < limits.min) err(field, 'tooFew', { min: limits.min, count: got });
    if (got > limits.max) err(field, 'tooMany', { max: limits.max, count: got });
  };

  // The figures the statistics are checked against: the trainee's own when the form asks for them.
  const figures: Partial<Record<FigureId, number>> = {};
  if (sections.includes('figures')) {
    for (const id of FIGURE_IDS) {
      const n = number(`figures.${id}`, draft.figures[id], id === 'gmv' ? 'money' : 'count');
      if (n !== null) figures[id] = n;
    }
    const { viewersTotal: total, viewersPeak: peak, orders, buyers } = figures;
    if (total !== undefined && peak !== undefined && peak > total) err('figures.viewersPeak', 'peakAboveTotal', { peak, total });
    if (total !== undefined && buyers !== undefined && buyers > total) err('figures.buyers', 'buyersAboveTotal', { buyers, total });
    if (orders !== undefined && buyers !== undefined && buyers > orders) err('figures.buyers', 'buyersAboveOrders', { buyers, orders });
    if (FIGURE_IDS.every((id) => figures[id] !== undefined)) out.figures = figures as Record<FigureId, number>;
  }

  if (sections.includes('statistics')) {
    const conversionPct = number('statistics.conversionPct', draft.statistics.conversionPct, 'pct');
    const orderValue = number('statistics.orderValue', draft.statistics.orderValue, 'money');
    const { viewersTotal: total, buyers, orders, gmv } = figures;
    // Computed from the trainee's figures: the answer may round to the shown two decimals (± half a cent / 0.005 %).
    if (conversionPct !== null && total !== undefined && buyers !== undefined && total > 0) {
      const expected = (buyers / total) * 100;
      if (Math.abs(conversionPct - expected) > 0.0051) err('statistics.conversionPct', 'statMismatch', { expected: expected.toFixed(2) });
    }
    if (orderValue !== null && orders !== undefined && gmv !== undefined && orders > 0) {
      const expected = gmv / orders;
      if (Math.abs(orderValue - expected) > 0.0051) err('statistics.orderValue', 'statMismatch', { expected: expected.toFixed(2) });
    }
    if (conversionPct !== null && orderValue !== null) out.statistics = { conversionPct, orderValue };
  }

  if (sections.includes('problems')) {
    const rows = draft.problems.filter((p) => p.at.trim() !== '' || p.problem.trim() !== '' || p.improvement.trim() !== '');
    count('problems', rows.length, DEBRIEF_LIMITS.problems);
    const kept: NonNullable<Debrief['problems']> = [];
    draft.problems.forEach((p, i) => {
      if (!rows.includes(p)) return;
      let atSec: number | null = null;
      if (p.at.trim() === '') err(`problems.${i}.at`, 'required');
      else if ((atSec = parseClock(p.at)) === null) err(`problems.${i}.at`, 'badTime');
      else if (atSec > durationSec) {
        err(`problems.${i}.at`, 'afterEnd', { end: durationSec });
        atSec = null;
      }
      const problem = text(`problems.${i}.problem`, p.problem);
      const improvement = text(`problems.${i}.improvement`, p.improvement);
      if (atSec !== null && problem !== null && improvement !== null) kept.push({ atSec, problem, improvement });
    });
    if (kept.length === rows.length && rows.length > 0) out.problems = kept;
  }

  if (sections.includes('dimensions')) {
    const rows = draft.dimensions.filter((d) => d.metric.trim() !== '' || d.standard.trim() !== '');
    count('dimensions', rows.length, DEBRIEF_LIMITS.dimensions);
    const seen = new Set<string>();
    const kept: NonNullable<Debrief['dimensions']> = [];
    draft.dimensions.forEach((d, i) => {
      if (!rows.includes(d)) return;
      let metric: MetricId | null = null;
      if (d.metric.trim() === '') err(`dimensions.${i}.metric`, 'required');
      else if (!(METRIC_IDS as readonly string[]).includes(d.metric)) err(`dimensions.${i}.metric`, 'badMetric');
      else if (seen.has(d.metric)) err(`dimensions.${i}.metric`, 'repeatedMetric');
      else metric = d.metric as MetricId;
      if (metric !== null) seen.add(metric);
      const standard = text(`dimensions.${i}.standard`, d.standard);
      if (metric !== null && standard !== null) kept.push({ metric, standard });
    });
    if (kept.length === rows.length && rows.length > 0) out.dimensions = kept;
  }

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, debrief: Debrief.parse(out) };
}
