// What a generated viewer says (MODEL.md §6): a template from the scenario's bank or the engine's
// own (templates.ts), its slots filled from the scenario (product, prices, coupon, specs, selling
// points, region, count), an opening and an ending, so that the same sentence comes in many forms.
// A text is said only when it is true of the room (its claim: 已拍 only by a viewer who has ordered,
// 抢到券了 only while a coupon is out, …), when nobody said the same text in the last
// MODEL.noRepeatMs, and, while there is a choice, when the viewer has not used the same template
// in that time. Every choice comes from one 32-bit draw spread by an integer hash, so a comment
// still takes exactly four draws of the content stream. Pure: it reads the state and returns.
import type { CommentClaim, CommentKind, Product, QuestionTopic } from '../format/schema.ts';
import type { Ctx } from './ctx.ts';
import { MODEL } from './model.ts';
import { mix } from './rng.ts';
import { hasSaid } from './room.ts';
import { ASK_ENDINGS, ASK_OPENINGS, QUANTITIES, REACTION_TEMPLATES, REGIONS, SAY_ENDINGS, SAY_OPENINGS, TEMPLATES, type Template } from './templates.ts';
import type { BankLine, SessionState } from './types.ts';

export interface Speaker {
  userId: string;
  user: string;
}

export interface Line {
  text: string;
  topic: QuestionTopic | null;
  /** The template the text came from: b:<kind>:<i> (the scenario's bank), t:<kind>:<i> (the engine's), r:<impact>:<i> (reactions). */
  tpl: string;
  productId: string | null;
  speaker: Speaker;
  claim: CommentClaim | null;
}

function pick<T>(list: readonly T[], h: number): T | undefined {
  return list.length === 0 ? undefined : list[h % list.length];
}

function yuan(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** The name a viewer would type: the product name up to its first space (赣南脐橙 5斤装 → 赣南脐橙). */
export function shortName(name: string): string {
  return name.trim().split(/\s+/u)[0] ?? name;
}

/** The value of one slot for a product, or null when the product cannot fill it. */
function slot(name: string, p: Product | undefined, h: number): string | null {
  const spec = p === undefined ? undefined : pick(p.specs, mix(h, 1));
  switch (name) {
    case 'product':
      return p === undefined ? null : shortName(p.name);
    case 'price':
      return p === undefined ? null : yuan(p.price);
    case 'listPrice':
      return p?.listPrice === undefined ? null : yuan(p.listPrice);
    case 'coupon':
      return p?.coupon === undefined ? null : yuan(p.coupon.amount);
    case 'threshold':
      return p?.coupon === undefined || p.coupon.threshold <= 0 ? null : yuan(p.coupon.threshold);
    case 'couponPrice':
      return p?.coupon === undefined || p.price < p.coupon.threshold ? null : yuan(p.price - p.coupon.amount);
    case 'flashPrice':
      return p?.flashSale === undefined ? null : yuan(p.flashSale.price);
    case 'spec':
      return spec?.name ?? null;
    case 'specValue':
      return spec?.value ?? null;
    case 'point':
      return p === undefined ? null : (pick(p.sellingPoints, mix(h, 2))?.text.replace(/[，。！？,.!?]+$/u, '') ?? null);
    case 'region':
      return pick(REGIONS, mix(h, 3)) ?? null;
    case 'qty':
      return pick(QUANTITIES, mix(h, 4)) ?? null;
    default:
      return null;
  }
}

/** The text with its slots filled, or null when one cannot be. */
export function fill(text: string, p: Product | undefined, h: number): string | null {
  const missing: string[] = [];
  const out = text.replace(/\{([^{}]*)\}/gu, (_, name: string) => {
    const v = slot(name, p, h);
    if (v === null) missing.push(name);
    return v ?? '';
  });
  return missing.length === 0 ? out : null;
}

const TRAILING = /[？?！!。～~，,\s]+$/u;

/** An opening and an ending around the text: 请问…？, …呀？, 哇，…！ */
function decorate(kind: CommentKind, text: string, p: Product | undefined, h: number): string {
  const ask = /[？?]$/u.test(text);
  const core = text.replace(TRAILING, '');
  const openings = ask ? ASK_OPENINGS : SAY_OPENINGS[kind === 'troll' || kind === 'spam' ? kind : 'other'];
  const opening = fill(pick(openings, mix(h, 6)) ?? '', p, mix(h, 7)) ?? '';
  // No second particle after one (…吗呀？, …啊啊).
  const particle = /[吗呢吧啊呀么哈]$/u.test(core);
  const endings = (ask ? ASK_ENDINGS : SAY_ENDINGS).filter((e) => !particle || !/^[吗呢吧啊呀么哈]/u.test(e));
  const ending = pick(endings, mix(h, 8)) ?? '';
  return `${opening}${core}${ending}`;
}

/** Whether the claim is true of the room now, and the product it is about. */
function claimHolds(s: SessionState, claim: CommentClaim, t: number): { ok: boolean; productId: string | null } {
  switch (claim) {
    case 'ordered':
      return { ok: s.orders.length > 0, productId: null };
    case 'coupon':
      return s.coupon !== null && s.coupon.until > t && (s.products.find((p) => p.id === s.coupon?.productId)?.couponStock ?? 0) > 0 ? { ok: true, productId: s.coupon.productId } : { ok: false, productId: null };
    case 'flash_sale':
      return s.flashSale !== null && s.flashSale.until > t ? { ok: true, productId: s.flashSale.productId } : { ok: false, productId: null };
    case 'pinned':
      return { ok: s.pinnedProduct !== null, productId: s.pinnedProduct };
    case 'unpinned':
      return { ok: s.pinnedProduct === null, productId: null };
  }
}

function saidRecently(s: SessionState, text: string): boolean {
  for (let i = s.said.length - 1; i >= 0; i--) if (s.said[i]?.text === text) return true;
  return false;
}

function usedTemplate(s: SessionState, userId: string, tpl: string): boolean {
  for (let i = s.said.length - 1; i >= 0; i--) {
    const r = s.said[i];
    if (r !== undefined && r.userId === userId && r.tpl === tpl) return true;
  }
  return false;
}

/**
 * A line for a comment of `kind` (or a reaction to `reaction`) by `speaker`, from the draw `u`
 * (0 ≤ u < 1); null when nothing true and new can be said (MODEL.commentAttempts tries).
 */
export function compose(c: Ctx, t: number, kind: CommentKind, reaction: keyof typeof REACTION_TEMPLATES | null, u: number, speaker: Speaker, abusive: boolean): Line | null {
  const s = c.s;
  const products = s.scenario.products;
  const bank: readonly BankLine[] = reaction === null ? s.banks[kind] : [];
  const own: readonly Template[] = reaction === null ? TEMPLATES[kind] : REACTION_TEMPLATES[reaction];
  const h0 = Math.floor(u * 4294967296) >>> 0;
  for (let attempt = 0; attempt < MODEL.commentAttempts; attempt++) {
    const h = mix(h0, attempt + 101);
    const fromBank = bank.length > 0 && (own.length === 0 || (h & 0xffff) / 0x10000 < MODEL.bankShare);
    const list: readonly Template[] = fromBank ? bank : own;
    const index = (h >>> 16) % Math.max(1, list.length);
    const entry = list[index];
    if (entry === undefined) return null;
    const tpl = reaction !== null ? `r:${reaction}:${index}` : `${fromBank ? 'b' : 't'}:${kind}:${index}`;
    let who = speaker;
    let productId = s.pinnedProduct ?? pick(products, mix(h, 9))?.id ?? null;
    const claim = entry.claim ?? null;
    if (claim !== null) {
      const holds = claimHolds(s, claim, t);
      if (!holds.ok) continue;
      if (holds.productId !== null) productId = holds.productId;
      if (claim === 'ordered') {
        if (abusive) continue;
        // Only a viewer who has ordered says so: the line goes to an earlier buyer.
        const order = pick(s.orders, mix(h, 10));
        if (order === undefined) continue;
        who = { userId: order.userId, user: order.user };
        productId = order.productId;
      }
    }
    const product = products.find((p) => p.id === productId);
    const filled = fill(entry.text, product, h);
    if (filled === null) continue;
    const text = decorate(kind, filled, product, h);
    if (saidRecently(s, text) || hasSaid(s, who.userId, text)) continue;
    if (attempt < MODEL.commentAttemptsStrict && usedTemplate(s, who.userId, tpl)) continue;
    const topic = reaction !== null ? 'stream' : kind === 'question' ? (entry.topic ?? 'other') : null;
    return { text, topic, tpl, productId, speaker: who, claim };
  }
  return null;
}
