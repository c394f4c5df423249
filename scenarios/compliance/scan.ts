// Finds banned and sensitive words in a text (replies, script, titles). Text is NFKC-normalised
// and lower-cased first, so full-width 加Ｖ and 加V both hit 加v. A hit inside a 误伤词 (最近,
// 第一次) is dropped, and a hit inside a longer hit (最低价 inside 全网最低价) is reported once.
// A word that is mentioned rather than claimed is not a hit either: negated in its own clause
// (不说绝对化的话, 我们不是全网最低价, 不能讲第一) or quoted (「最好」这个词我们不用). A question
// of the 是不是 / 有没有 kind is not a negation: 是不是全网最低价？ still hits.
import { BANNED_CATEGORIES, FALSE_POSITIVES, type BannedCategoryId, type BannedSeverity } from './banned-words.ts';

export interface BannedHit {
  /** The matched text as it appears in the normalised input. */
  word: string;
  /** UTF-16 offsets in the normalised text. */
  start: number;
  end: number;
  category: BannedCategoryId;
  categoryName: string;
  severity: BannedSeverity;
  rule: string;
  advice: string;
}

interface Matcher {
  re: RegExp;
  category: BannedCategoryId;
  categoryName: string;
  severity: BannedSeverity;
  rule: string;
  advice: string;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

const matchers: readonly Matcher[] = BANNED_CATEGORIES.flatMap((c) =>
  c.entries.map((e) => ({
    re: new RegExp(e.pattern ?? escape(normalise(e.word ?? '')), 'g'),
    category: c.id,
    categoryName: c.name,
    severity: e.severity ?? c.severity,
    rule: c.rule,
    advice: e.advice ?? c.advice,
  })),
);

const exceptions: readonly RegExp[] = FALSE_POSITIVES.map((x) => new RegExp(escape(normalise(x)), 'g'));

function spans(re: RegExp, text: string): [number, number][] {
  const out: [number, number][] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

// A negation cue, an optional modal, an optional verb of saying or claiming and an optional
// filler, ending right where the word starts (matched against the text before the word).
const NEGATED = new RegExp(
  '(?:从来?|绝|并|也|都|可)?(?:不|没有?|别|勿|禁止|严禁|无需)' +
    '(?:能|可以|可|敢|会|得|要|用|该|应该)?' +
    '(?:说|讲|提|用|喊|写|叫|夸|承诺|宣传|宣称|保证|标榜|认|是|卖|算|当)?' +
    '(?:什么|这种|那种|这样的?|那样的?|任何|所谓的?|自己是?|我们是?|是)?\\s*$',
  'u',
);
/** Where a clause ends: the negation before a word only reaches back to here. */
const CLAUSE_END = /[，。！？；、,.!?;…~～:：\n]/g;

function negated(norm: string, start: number): boolean {
  let from = 0;
  for (const m of norm.slice(0, start).matchAll(CLAUSE_END)) from = m.index + 1;
  const before = norm.slice(from, start);
  const m = NEGATED.exec(before);
  if (m === null) return false;
  // 是不是 / 有没有 / 能不能: an A-not-A question, not a negation.
  let cue = m.index;
  while (cue < before.length && !'不没别勿禁严无'.includes(before[cue] ?? '')) cue++;
  const prev = before[cue - 1];
  return !(prev !== undefined && (before[cue] === '不' || before[cue] === '没') && prev === before[cue + 1]);
}

const QUOTES: readonly [string, string][] = [['「', '」'], ['『', '』'], ['“', '”'], ['‘', '’'], ['"', '"']];
/** The longest quotation that still reads as naming a word, not as a quoted claim. */
const MAX_QUOTED = 12;

/** Spans inside short quotations: 「最好」, “绝对”, "第一". */
function quoted(norm: string): [number, number][] {
  const out: [number, number][] = [];
  for (const [open, close] of QUOTES) {
    let i = norm.indexOf(open);
    while (i !== -1) {
      const j = norm.indexOf(close, i + 1);
      if (j === -1) break;
      if (j - i - 1 <= MAX_QUOTED) out.push([i + 1, j]);
      i = norm.indexOf(open, j + 1);
    }
  }
  return out;
}

/** Every banned or sensitive word in `text` that the text claims, in order of position. */
export function scanText(text: string): BannedHit[] {
  const norm = normalise(text);
  if (norm.trim() === '') return [];
  const safe = exceptions.flatMap((re) => spans(re, norm));
  const hits: BannedHit[] = [];
  for (const m of matchers) {
    for (const [start, end] of spans(m.re, norm)) {
      if (safe.some(([s, e]) => s <= start && end <= e)) continue;
      hits.push({ word: norm.slice(start, end), start, end, category: m.category, categoryName: m.categoryName, severity: m.severity, rule: m.rule, advice: m.advice });
    }
  }
  // Keep the longest hit where hits nest (全网最低价 over 最低价; ties keep the first category),
  // and one hit where two of the same category overlap (史上最甜: 史上最 and 最甜).
  const outer = hits.filter((h, i) => !hits.some((o, j) => j !== i && o.start <= h.start && h.end <= o.end && (o.end - o.start > h.end - h.start || j < i)));
  outer.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: BannedHit[] = [];
  for (const h of outer) if (!kept.some((k) => k.category === h.category && k.start < h.end && h.start < k.end)) kept.push(h);
  // Mentions, not claims: decided on the outermost hit, so 不是全网最低价 does not leave 最低价.
  const mentions = quoted(norm);
  return kept.filter((h) => !mentions.some(([s, e]) => s <= h.start && h.end <= e) && !negated(norm, h.start));
}

/** Only the 违禁词 (severity banned). */
export function bannedOnly(hits: readonly BannedHit[]): BannedHit[] {
  return hits.filter((h) => h.severity === 'banned');
}
