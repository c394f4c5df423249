// Finds banned and sensitive words in a text (replies, script, titles). Text is NFKC-normalised
// and lower-cased first, so full-width 加Ｖ and 加V both hit 加v. A hit inside a 误伤词 (最近,
// 第一次) is dropped, and a hit inside a longer hit (最低价 inside 全网最低价) is reported once.
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

/** Every banned or sensitive word in `text`, in order of position. */
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
  return kept;
}

/** Only the 违禁词 (severity banned). */
export function bannedOnly(hits: readonly BannedHit[]): BannedHit[] {
  return hits.filter((h) => h.severity === 'banned');
}
