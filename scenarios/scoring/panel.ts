// The panel's result: which sheets count, whether the panel keeps the rules of its mode, the
// final score (mean of the signed totals), pass or fail, and where the assessors disagree.
// Pure: the sheets come in as data; nothing here reads files or clocks.
import { checkSkillExamPanel, examRules, isPass, type RuleViolation } from '../standard/index.ts';
import type { RubricSnapshotItem, ScoringMode, SheetContent } from './sheet.ts';
import { canonicalJson } from '../evidence/canonical.ts';

/** Default disagreement margin on the total (points). */
export const TOTAL_MARGIN = 10;
/** Default per-item margin: this share of the item's maximum, and at least ITEM_MARGIN_MIN. */
export const ITEM_MARGIN_SHARE = 0.2;
export const ITEM_MARGIN_MIN = 1;

export interface Margins {
  total: number;
  itemShare: number;
  itemMin: number;
}
export const DEFAULT_MARGINS: Margins = { total: TOTAL_MARGIN, itemShare: ITEM_MARGIN_SHARE, itemMin: ITEM_MARGIN_MIN };

export function itemMargin(max: number, margins: Margins = DEFAULT_MARGINS): number {
  return Math.max(margins.itemMin, max * margins.itemShare);
}

/** Stated on every score sheet and in the CLI, so the result can be recomputed by hand. */
export function resultRuleText(margins: Margins = DEFAULT_MARGINS): string {
  return [
    `最终成绩 = 各考评员已签名评分表总分的算术平均值，四舍五入保留一位小数；满分 ${examRules.fullMarks} 分，${examRules.passMark} 分（含）以上为合格。`,
    `考试模式须有 ${examRules.skill.minAssessors} 名（含）以上且为单数的考评员签名（考评员与考生配比 1:${examRules.skill.candidatesPerAssessor}）；练习模式 1 名考评员即可。`,
    `分歧标记：考评员之间总分相差超过 ${margins.total} 分，或单项相差超过该项满分的 ${Math.round(margins.itemShare * 100)}%（至少 ${margins.itemMin} 分）时标记，需复核。`,
  ].join('');
}
export const RESULT_RULE_EN =
  'Final score = mean of the signed totals, rounded to one decimal; pass at 60 or more. Exam mode needs 3 or more assessors, an odd number; practice mode allows one. Totals more than 10 points apart, or an item more than 20 % of its maximum (at least 1 point) apart, are flagged for review.';

export interface PanelMember {
  assessorId: string;
  name: string;
  signed: boolean;
  /** null for an unsigned draft with items left to score. */
  total: number | null;
  version: number | null;
  signedAt: string | null;
  mode: ScoringMode | null;
}

export interface DisagreementFlag {
  kind: 'total' | 'item';
  itemId: string | null;
  title: string;
  skills: string[];
  max: number;
  margin: number;
  spread: number;
  low: number;
  high: number;
  /** The assessor furthest from the others' median (null when two assessors tie for it). */
  outlier: { assessorId: string; name: string; score: number } | null;
  message: string;
}

export interface PanelResult {
  mode: ScoringMode | null;
  members: PanelMember[];
  signedCount: number;
  violations: RuleViolation[];
  /** Mean of the signed totals (one decimal); null without any signed sheet. */
  finalScore: number | null;
  passed: boolean | null;
  flags: DisagreementFlag[];
  /** Every draft is signed and the panel keeps its rules: the result is final. */
  complete: boolean;
  rule: string;
  /** Items as scored (from the signed sheets); null without any. */
  rubric: RubricSnapshotItem[] | null;
}

export interface PanelInput {
  /** order: when the assessor first signed (amendments keep their place); defaults to signedAt. */
  signed: { content: SheetContent; signedAt: string; order?: string }[];
  /** Drafts not yet signed (only their assessor and how far they got). */
  drafts: { assessorId: string; name: string; total: number | null; mode: ScoringMode }[];
  margins?: Margins;
}

export const round1 = (x: number) => Math.round(x * 10 + 1e-9) / 10;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function outlierOf(entries: { assessorId: string; name: string; score: number }[]): DisagreementFlag['outlier'] {
  if (entries.length < 3) return null;
  const distances = entries.map((e) => ({ e, d: Math.abs(e.score - median(entries.filter((o) => o !== e).map((o) => o.score))) }));
  distances.sort((a, b) => b.d - a.d);
  const [first, second] = distances;
  if (!first || (second && Math.abs(first.d - second.d) < 1e-9)) return null;
  return first.e;
}

/** Mode rules: practice ≥ 1 signed sheet; exam the standard's skill panel for one candidate. */
export function panelViolations(mode: ScoringMode | null, signedCount: number, modes: readonly ScoringMode[]): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (new Set(modes).size > 1) out.push({ rule: 'panel.mixedModes', message: '评分表的模式不一致：同一场考核的考评员须全部为考试模式或全部为练习模式' });
  if (signedCount === 0) {
    out.push({ rule: 'panel.noSignedSheet', message: '还没有已签名的评分表' });
    return out;
  }
  if (mode === 'exam') out.push(...checkSkillExamPanel({ candidates: 1, assessors: signedCount }));
  return out;
}

export function panelResult(input: PanelInput): PanelResult {
  const margins = input.margins ?? DEFAULT_MARGINS;
  const key = (s: PanelInput['signed'][number]) => s.order ?? s.signedAt;
  const signed = [...input.signed].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const signedIds = new Set(signed.map((s) => s.content.assessor.id));
  const members: PanelMember[] = [
    ...signed.map((s) => ({
      assessorId: s.content.assessor.id,
      name: s.content.assessor.name,
      signed: true,
      total: s.content.total,
      version: s.content.version,
      signedAt: s.signedAt,
      mode: s.content.mode,
    })),
    ...input.drafts
      .filter((d) => !signedIds.has(d.assessorId))
      .map((d) => ({ assessorId: d.assessorId, name: d.name, signed: false, total: d.total, version: null, signedAt: null, mode: d.mode })),
  ];
  const modes = signed.map((s) => s.content.mode);
  const mode = modes[0] ?? input.drafts[0]?.mode ?? null;
  const violations = panelViolations(mode, signed.length, modes);
  const rubric = signed[0]?.content.rubric ?? null;
  if (rubric && signed.some((s) => canonicalJson(s.content.rubric) !== canonicalJson(rubric))) {
    violations.push({ rule: 'panel.rubricDiffers', message: '各考评员评分表的评分项不一致，不能合并计算' });
  }
  const totals = signed.map((s) => s.content.total);
  const finalScore = totals.length === 0 ? null : round1(totals.reduce((a, b) => a + b, 0) / totals.length);
  const flags: DisagreementFlag[] = [];
  if (signed.length >= 2) {
    const entries = signed.map((s) => ({ assessorId: s.content.assessor.id, name: s.content.assessor.name, score: s.content.total }));
    const low = Math.min(...totals);
    const high = Math.max(...totals);
    if (high - low > margins.total + 1e-9) {
      const outlier = outlierOf(entries);
      flags.push({
        kind: 'total',
        itemId: null,
        title: '总分',
        skills: [],
        max: examRules.fullMarks,
        margin: margins.total,
        spread: round1(high - low),
        low,
        high,
        outlier,
        message: `总分相差 ${round1(high - low)} 分（${low}–${high}），超过 ${margins.total} 分${outlier ? `；${outlier.name} 的 ${outlier.score} 分与其他考评员差距最大` : ''}`,
      });
    }
    for (const item of rubric ?? []) {
      const scored = signed.flatMap((s) => {
        const x = s.content.scores.find((v) => v.id === item.id);
        return x ? [{ assessorId: s.content.assessor.id, name: s.content.assessor.name, score: x.score }] : [];
      });
      if (scored.length < 2) continue;
      const xs = scored.map((e) => e.score);
      const lo = Math.min(...xs);
      const hi = Math.max(...xs);
      const margin = itemMargin(item.max, margins);
      if (hi - lo > margin + 1e-9) {
        const outlier = outlierOf(scored);
        flags.push({
          kind: 'item',
          itemId: item.id,
          title: item.title,
          skills: item.skills,
          max: item.max,
          margin,
          spread: round1(hi - lo),
          low: lo,
          high: hi,
          outlier,
          message: `「${item.title}」（${item.skills.join('、')}）相差 ${round1(hi - lo)} 分（${lo}–${hi}），超过该项允许的 ${margin} 分${outlier ? `；${outlier.name} 差距最大` : ''}`,
        });
      }
    }
  }
  const pending = members.some((m) => !m.signed);
  return {
    mode,
    members,
    signedCount: signed.length,
    violations,
    finalScore,
    passed: finalScore === null ? null : isPass(finalScore),
    flags,
    complete: !pending && violations.length === 0,
    rule: resultRuleText(margins),
    rubric,
  };
}
