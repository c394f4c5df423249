// Pure helpers of the assessor screen: time text, which timeline items are "now", where an item
// sits on the axis, the form ↔ sheet conversions, the media URL. No React, no bridge.
import type { OpenResult } from '../../../../electron/contract/scoring.ts';
import { checkScores, sumScores, type Annotation, type RubricSnapshotItem, type ScoringMode } from '../../../../scenarios/scoring/index.ts';
import type { WorkTypeCode } from '../../../../scenarios/standard/index.ts';

export type { ScoringMode };

export type TimelineItem = OpenResult['timeline']['items'][number];

export interface Form {
  workType: WorkTypeCode;
  mode: ScoringMode;
  /** Score as typed ('' for not yet scored) and the remark, by item id. */
  scores: Record<string, { score: string; note: string }>;
  annotations: Annotation[];
  comment: string;
}

export function fmtTime(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  const mm = String(m % 60).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Window around the playhead in which a moment counts as current. */
export const NOW_WINDOW_MS = 1500;

export function isCurrent(item: { t: number; end: number | null }, ms: number): boolean {
  if (item.end !== null && item.end > item.t) return ms >= item.t && ms <= item.end;
  return Math.abs(ms - item.t) <= NOW_WINDOW_MS;
}

export function percentOf(t: number, durationMs: number): number {
  return durationMs <= 0 ? 0 : Math.min(100, Math.max(0, (t / durationMs) * 100));
}

/** The score typed into a box: a number, null when empty, NaN when not a number. */
export function parseScore(text: string): number | null {
  const s = text.trim().replace(/,/g, '.');
  return s === '' ? null : Number(s);
}

export function formScores(form: Form, rubric: readonly RubricSnapshotItem[]): { id: string; score: number | null; note: string }[] {
  return rubric.map((item) => {
    const f = form.scores[item.id];
    const score = parseScore(f?.score ?? '');
    return { id: item.id, score: score === null || Number.isNaN(score) ? null : score, note: f?.note ?? '' };
  });
}

/** Issues per item id (typed text that is not a number counts too). */
export function formIssues(form: Form, rubric: readonly RubricSnapshotItem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of rubric) {
    const raw = parseScore(form.scores[item.id]?.score ?? '');
    if (raw !== null && Number.isNaN(raw)) out[item.id] = `「${item.title}」请输入数字`;
  }
  for (const issue of checkScores(rubric, formScores(form, rubric))) if (issue.itemId !== null) out[issue.itemId] ??= issue.message;
  return out;
}

/**
 * The running total of the form: only scores the rubric accepts count (a score over the item's
 * maximum, off the step or not a number is refused, so it adds nothing and the item stays missing).
 */
export function formTotal(form: Form, rubric: readonly RubricSnapshotItem[]): { total: number; missing: number } {
  const scores = formScores(form, rubric);
  const refused = formIssues(form, rubric);
  const given = scores.flatMap((s) => (s.score === null || refused[s.id] !== undefined ? [] : [s.score]));
  return { total: sumScores(given), missing: scores.length - given.length };
}

export function emptyForm(data: OpenResult): Form {
  const mode: ScoringMode = data.scenario?.practice === true ? 'practice' : 'exam';
  return { workType: data.scenario?.workTypes[0] ?? 'B', mode, scores: {}, annotations: [], comment: '' };
}

export function formFrom(data: OpenResult): Form {
  const draft = data.me?.draft ?? null;
  const mine = data.panel.sheets.find((s) => s.content.assessor.id === data.me?.assessorId)?.content ?? null;
  const source = draft ?? mine;
  if (!source) return emptyForm(data);
  return {
    workType: source.workType,
    mode: source.mode,
    scores: Object.fromEntries(source.scores.map((s) => [s.id, { score: s.score === null ? '' : String(s.score), note: s.note }])),
    annotations: [...source.annotations],
    comment: source.comment,
  };
}

export function nextAnnotationId(annotations: readonly Annotation[]): string {
  const max = annotations.reduce((m, a) => Math.max(m, Number(a.id.slice(1)) || 0), 0);
  return `n${max + 1}`;
}

/** The video's address: same origin; web mode adds the page's token (the route checks it). */
export function mediaUrl(sessionId: string, name: string, search: string): string {
  const token = new URLSearchParams(search).get('token');
  const path = `/media/${encodeURIComponent(sessionId)}/${encodeURIComponent(name)}`;
  return token === null ? path : `${path}?token=${encodeURIComponent(token)}`;
}
