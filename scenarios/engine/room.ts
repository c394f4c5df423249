// The room's bookkeeping shared by the simulation and the trainee's actions: posting a comment
// (through mutes and keyword blocks), placing an order (stock, coupon, flash sale), viewer changes.
import { normalise } from '../compliance/index.ts';
import { ABUSE_KINDS, REPLY_KINDS, type CommentKind, type QuestionTopic } from '../format/schema.ts';
import { emit, mark, own, type Ctx } from './ctx.ts';
import { MODEL } from './model.ts';
import type { AbuseRecord, Comment, Order, SessionState, Thread, ViewerArrivalReason, ViewerChange, ViewerLeaveReason } from './types.ts';

export interface NewComment {
  kind: CommentKind;
  topic: QuestionTopic | null;
  text: string;
  userId: string;
  user: string;
  productId: string | null;
  scripted: boolean;
  reaction: boolean;
  /** Seconds to answer; null: the audience default for reply kinds, none for the others. */
  replyWithinSec: number | null;
}

function mutedUntil(s: SessionState, userId: string, t: number): boolean {
  return s.mutes.some((m) => m.userId === userId && m.until > t);
}

function blockingKeyword(s: SessionState, text: string): string | null {
  if (s.keywords.length === 0) return null;
  const norm = normalise(text);
  for (const k of s.keywords) if (k.removedAt === null && norm.includes(normalise(k.keyword))) return k.keyword;
  return null;
}

export function bumpMinute(c: Ctx, patch: Partial<Record<'comments' | 'hidden' | 'questions' | 'answered' | 'orders' | 'units' | 'gmv' | 'arrivals' | 'departures', number>>): void {
  const m = { ...c.s.minute };
  for (const [k, v] of Object.entries(patch) as [keyof typeof patch, number][]) m[k] += v;
  c.s.minute = m;
}

export function postComment(c: Ctx, t: number, n: NewComment): Comment {
  const s = c.s;
  c.s.counters = { ...s.counters, comment: s.counters.comment + 1 };
  const expects = REPLY_KINDS.includes(n.kind) || (n.scripted && n.replyWithinSec !== null);
  const comment: Comment = {
    id: `c${c.s.counters.comment}`,
    t,
    kind: n.kind,
    topic: n.topic,
    text: n.text,
    userId: n.userId,
    user: n.user,
    productId: n.productId,
    scripted: n.scripted,
    reaction: n.reaction,
    replyBy: expects ? t + (n.replyWithinSec ?? s.scenario.audience.replyWithinSec) * 1000 : null,
  };
  const abusive = ABUSE_KINDS.includes(n.kind);
  const muted = mutedUntil(s, n.userId, t);
  const keyword = muted ? null : blockingKeyword(s, n.text);
  if (muted || keyword !== null) {
    c.s.commentsHidden++;
    bumpMinute(c, { hidden: 1 });
    if (keyword !== null) {
      const keywords = own(c, 'keywords');
      const i = keywords.findIndex((k) => k.keyword === keyword && k.removedAt === null);
      const k = keywords[i];
      if (k !== undefined) keywords[i] = { ...k, hiddenAbuse: k.hiddenAbuse + (abusive ? 1 : 0), hiddenLegit: k.hiddenLegit + (abusive ? 0 : 1) };
    }
    if (abusive) pushAbuse(c, comment, true, muted ? 'mute' : 'keyword');
    emit(c, { type: 'comment_hidden', t, comment, reason: muted ? 'muted' : 'keyword', keyword });
    return comment;
  }
  c.s.commentsShown++;
  const byKind = own(c, 'byKind');
  byKind[n.kind]++;
  bumpMinute(c, { comments: 1, questions: expects ? 1 : 0 });
  const recent = own(c, 'recent');
  recent.push(comment);
  if (recent.length > MODEL.recentComments) recent.splice(0, recent.length - MODEL.recentComments);
  if (expects && comment.replyBy !== null) {
    const thread: Thread = {
      commentId: comment.id,
      t,
      kind: n.kind,
      topic: n.topic,
      text: n.text,
      user: n.user,
      userId: n.userId,
      productId: n.productId,
      scripted: n.scripted,
      deadline: comment.replyBy,
      answeredAt: null,
      via: null,
      faqId: null,
      replyText: null,
      answeredWith: null,
      bannedHits: 0,
      expired: false,
    };
    const threads = own(c, 'threads');
    threads.push(thread);
    own(c, 'open').push(threads.length - 1);
  }
  if (abusive) pushAbuse(c, comment, false, null);
  emit(c, { type: 'comment', t, comment });
  return comment;
}

function pushAbuse(c: Ctx, comment: Comment, prevented: boolean, by: AbuseRecord['handledBy']): void {
  own(c, 'abuse').push({
    commentId: comment.id,
    t: comment.t,
    kind: comment.kind,
    userId: comment.userId,
    user: comment.user,
    text: comment.text,
    prevented,
    handledAt: prevented ? comment.t : null,
    handledBy: by,
  });
}

/** Applies arrivals (+) and departures (−) by reason, never below zero viewers. */
export function changeViewers(c: Ctx, t: number, changes: ViewerChange[]): void {
  const real: ViewerChange[] = [];
  let v = c.s.viewers;
  let arrived = 0;
  let left = 0;
  for (const ch of changes) {
    const delta = ch.delta < 0 ? -Math.min(-ch.delta, v) : ch.delta;
    if (delta === 0) continue;
    v += delta;
    real.push({ reason: ch.reason, delta });
    if (delta > 0) {
      arrived += delta;
      const arrivals = own(c, 'arrivals');
      arrivals[ch.reason as ViewerArrivalReason] += delta;
    } else {
      left -= delta;
      const departures = own(c, 'departures');
      departures[ch.reason as ViewerLeaveReason] -= delta;
    }
  }
  if (real.length === 0) return;
  c.s.viewers = v;
  c.s.totalViewers += arrived;
  if (v > c.s.peakViewers) c.s.peakViewers = v;
  bumpMinute(c, { arrivals: arrived, departures: left });
  if (v > c.s.minute.viewersPeak) c.s.minute = { ...c.s.minute, viewersPeak: v };
  emit(c, { type: 'viewers', t, viewers: v, changes: real });
}

export function couponActive(s: SessionState, productId: string, t: number): boolean {
  return s.coupon !== null && s.coupon.productId === productId && s.coupon.until > t;
}

export function flashActive(s: SessionState, productId: string, t: number): boolean {
  return s.flashSale !== null && s.flashSale.productId === productId && s.flashSale.until > t;
}

/** Places an order if stock allows; returns it, or null when sold out. */
export function placeOrder(c: Ctx, t: number, productId: string, qty: number, userId: string, user: string, via: Order['via']): Order | null {
  const products = c.s.products;
  const pi = products.findIndex((p) => p.id === productId);
  const p = products[pi];
  const def = c.s.scenario.products.find((x) => x.id === productId);
  if (p === undefined || def === undefined) return null;
  const flash = flashActive(c.s, productId, t) && def.flashSale !== undefined && p.flashStock > 0;
  const available = Math.min(p.stock, flash ? p.flashStock : p.stock);
  const units = Math.min(qty, available);
  if (units <= 0) return null;
  const unitPrice = Math.round((flash && def.flashSale !== undefined ? def.flashSale.price : def.price) * 100);
  const coupon = !flash && def.coupon !== undefined && couponActive(c.s, productId, t) && p.couponStock > 0 && unitPrice * units >= Math.round(def.coupon.threshold * 100);
  const paid = unitPrice * units - (coupon && def.coupon !== undefined ? Math.round(def.coupon.amount * 100) : 0);
  c.s.counters = { ...c.s.counters, order: c.s.counters.order + 1 };
  const order: Order = { id: `o${c.s.counters.order}`, t, productId, qty: units, unitPrice, paid, coupon, flash, userId, user, via: flash ? 'flash' : via };
  const next = { ...p, stock: p.stock - units, flashStock: flash ? p.flashStock - units : p.flashStock, couponStock: coupon ? p.couponStock - 1 : p.couponStock };
  own(c, 'products')[pi] = next;
  own(c, 'orders').push(order);
  own(c, 'buyers')[userId] = true;
  c.s.gmv += paid;
  c.s.units += units;
  bumpMinute(c, { orders: 1, units, gmv: paid });
  emit(c, { type: 'order', t, order });
  if (coupon && next.couponStock === 0) emit(c, { type: 'sold_out', t, productId, what: 'coupon' });
  if (flash && next.flashStock === 0) {
    emit(c, { type: 'sold_out', t, productId, what: 'flash' });
    endFlashSale(c, t, 'sold_out');
  }
  if (next.stock === 0) {
    own(c, 'products')[pi] = { ...next, soldOutAt: t };
    emit(c, { type: 'sold_out', t, productId, what: 'stock' });
    mark(c, t, 'sold_out', 'sold_out', { product: def.name });
  }
  return order;
}

export function endFlashSale(c: Ctx, t: number, reason: 'time' | 'sold_out'): void {
  const f = c.s.flashSale;
  if (f === null) return;
  c.s.flashSale = null;
  const sales = own(c, 'flashSales');
  const last = sales[sales.length - 1];
  if (last !== undefined && last.endedAt === null) sales[sales.length - 1] = { ...last, endedAt: t };
  emit(c, { type: 'flash_sale_ended', t, productId: f.productId, reason });
  mark(c, t, 'flash_sale_end', reason === 'sold_out' ? 'flash_sold_out' : 'flash_ended');
}
