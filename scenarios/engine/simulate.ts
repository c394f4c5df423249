// The simulation proper: time advances in fixed MODEL.stepMs steps, whatever the tick rate. Each
// step runs the scripted events due, settles faults and offers, expires unanswered questions, moves
// viewers in and out (each change with its reason), generates comments and orders, and closes
// minutes. MODEL.md gives the formulas.
import { ABUSE_KINDS, COMMENT_KINDS, type CommentKind } from '../format/schema.ts';
import { emit, mark, own, type Ctx } from './ctx.ts';
import { impact, isActive, endFault, settleFaults, startFault, type Impact } from './faults.ts';
import { MODEL } from './model.ts';
import { nickname } from './names.ts';
import { REACTIONS } from './remedies.ts';
import { below, next, stochasticRound, weighted } from './rng.ts';
import { changeViewers, couponActive, endFlashSale, flashActive, placeOrder, postComment } from './room.ts';
import { emptyMinute } from './session.ts';
import type { EndReason, ViewerChange } from './types.ts';
import { checkDeadAir, closeDeadAir, silenceMs } from './voice.ts';

const STEP_SEC = MODEL.stepMs / 1000;

export function legitPool(c: Ctx): number {
  return Math.max(50, MODEL.legitPoolFactor * c.s.scenario.audience.baseViewers);
}

function legitUser(c: Ctx, index: number): { userId: string; user: string } {
  const userId = `u${index}`;
  return { userId, user: nickname(userId, c.s.scenario.audience.names) };
}

function runScripted(c: Ctx, t: number): void {
  const { schedule } = c.s;
  const events = c.s.scenario.events;
  while (c.s.nextEvent < schedule.length) {
    const slot = schedule[c.s.nextEvent];
    const e = slot === undefined ? undefined : events[slot.index];
    if (slot === undefined || e === undefined || e.at * 1000 > t) break;
    c.s.nextEvent++;
    const note = e.note ?? null;
    switch (e.type) {
      case 'comment': {
        const named = e.user === undefined ? legitUser(c, legitPool(c) + slot.index) : { userId: `n:${e.user}`, user: e.user };
        postComment(c, t, {
          kind: e.kind,
          topic: e.topic ?? null,
          text: e.text,
          ...named,
          productId: e.product ?? c.s.pinnedProduct ?? c.s.scenario.products[0]?.id ?? null,
          scripted: true,
          reaction: false,
          replyWithinSec: e.replyWithinSec ?? null,
        });
        break;
      }
      case 'flash_sale_cue': {
        const cue = { id: slot.id, t, productId: e.product, withinSec: e.withinSec, reactedAt: null };
        own(c, 'cues').push(cue);
        emit(c, { type: 'cue', t, cue, note });
        mark(c, t, 'cue', note === null ? 'cue' : 'note', note === null ? {} : { note });
        break;
      }
      case 'fault':
        startFault(c, t, e.fault, { eventId: slot.id, maxSec: e.maxSec ?? null, note });
        break;
      case 'surge': {
        const steps = MODEL.surgeMs / MODEL.stepMs;
        const prev = c.s.surge;
        c.s.surge = { perStep: (prev?.perStep ?? 0) + e.viewers / steps, stepsLeft: steps };
        emit(c, { type: 'surge', t, viewers: e.viewers, note });
        mark(c, t, 'surge', note === null ? 'surge' : 'note', note === null ? { viewers: e.viewers } : { note, viewers: e.viewers });
        break;
      }
    }
  }
}

function settleOffers(c: Ctx, t: number): void {
  const coupon = c.s.coupon;
  if (coupon !== null && coupon.until <= t) {
    c.s.coupon = null;
    emit(c, { type: 'coupon_ended', t: coupon.until, productId: coupon.productId });
  }
  const flash = c.s.flashSale;
  if (flash !== null && flash.until <= t) endFlashSale(c, flash.until, 'time');
}

function expireThreads(c: Ctx, t: number): void {
  const { open, threads } = c.s;
  if (open.length === 0) return;
  const due = open.filter((i) => (threads[i]?.deadline ?? Infinity) <= t);
  if (due.length === 0) return;
  c.s.open = open.filter((i) => (threads[i]?.deadline ?? Infinity) > t);
  c.owned.add('open');
  const a = c.s.scenario.audience;
  for (const i of due) {
    const th = threads[i];
    if (th === undefined) continue;
    own(c, 'threads')[i] = { ...th, expired: true };
    own(c, 'recentExpired').push(t);
    emit(c, { type: 'question_expired', t, commentId: th.commentId });
    if (next(c.rng.flow) < Math.min(1, MODEL.askerLeaves * a.sensitivity.unanswered)) changeViewers(c, t, [{ reason: 'unanswered', delta: -1 }]);
    if (th.kind === 'intent' && th.productId !== null && next(c.rng.orders) < MODEL.intentExpiredBuy) {
      placeOrder(c, t, th.productId, 1, th.userId, th.user, 'intent');
    }
  }
}

function recentExpiredCount(c: Ctx, t: number): number {
  const list = c.s.recentExpired;
  const from = t - MODEL.unansweredWindowMs;
  if (list.length > 0 && (list[0] ?? t) <= from) {
    c.s.recentExpired = list.filter((x) => x > from);
    c.owned.add('recentExpired');
  }
  return c.s.recentExpired.length;
}

function visibleAbuse(c: Ctx, t: number): number {
  let n = 0;
  const list = c.s.abuse;
  for (let i = list.length - 1; i >= 0; i--) {
    const r = list[i];
    if (r === undefined || r.t <= t - MODEL.abuseWindowMs) break;
    if (!r.prevented && r.handledAt === null) n++;
  }
  return n;
}

function offerOn(c: Ctx, t: number): boolean {
  return (c.s.coupon !== null && c.s.coupon.until > t) || (c.s.flashSale !== null && c.s.flashSale.until > t);
}

function flow(c: Ctx, t: number, imp: Impact): void {
  const a = c.s.scenario.audience;
  const sens = a.sensitivity;
  const V = c.s.viewers;
  const arrive = a.baseViewers / a.meanStaySec;
  const leave = 1 / a.meanStaySec;
  const up = !imp.streamDown;
  const buzz = Math.min(c.s.buzz, MODEL.buzzCap);
  const arrivals: [ViewerChange['reason'], number][] = [
    ['platform', up ? arrive * c.s.wobble : 0],
    ['answers', up ? arrive * MODEL.answersArrive * buzz : 0],
    ['pinned_product', up && c.s.pinnedProduct !== null ? arrive * MODEL.pinnedArrive : 0],
    ['coupon', up && c.s.coupon !== null && c.s.coupon.until > t ? arrive * MODEL.couponArrive * sens.offers : 0],
    ['flash_sale', up && c.s.flashSale !== null && c.s.flashSale.until > t ? arrive * MODEL.flashArrive * sens.offers : 0],
  ];
  const silence = silenceMs(c, t);
  const deadAir = up && silence >= MODEL.deadAirAfterMs ? Math.min(1, (silence - MODEL.deadAirAfterMs) / MODEL.deadAirRampMs) : 0;
  const leaving: [ViewerChange['reason'], number][] = [
    ['natural', leave],
    ['dead_air', leave * MODEL.deadAirLeave * deadAir * sens.deadAir],
    ['unanswered', leave * MODEL.unansweredLeave * Math.min(MODEL.unansweredCap, recentExpiredCount(c, t)) * sens.unanswered],
    ['abuse_visible', leave * MODEL.abuseLeave * Math.min(MODEL.abuseCap, visibleAbuse(c, t)) * sens.abuse],
    ['muted_wrongly', t < c.s.mutedWronglyUntil ? leave * MODEL.mutedWronglyLeave : 0],
    ['stream_down', imp.streamDown ? leave * MODEL.streamDownLeave * sens.faults : 0],
    ['no_sound', leave * MODEL.noSoundLeave * imp.noSound * sens.faults],
    ['no_picture', leave * MODEL.noPictureLeave * imp.noPicture * sens.faults],
  ];
  const changes: ViewerChange[] = [];
  for (const [reason, rate] of arrivals) changes.push({ reason, delta: stochasticRound(c.rng.flow, rate * STEP_SEC) });
  if (c.s.surge !== null) {
    changes.push({ reason: 'surge', delta: stochasticRound(c.rng.flow, c.s.surge.perStep) });
    c.s.surge = c.s.surge.stepsLeft > 1 ? { ...c.s.surge, stepsLeft: c.s.surge.stepsLeft - 1 } : null;
  }
  for (const [reason, p] of leaving) changes.push({ reason, delta: -stochasticRound(c.rng.flow, V * p * STEP_SEC) });
  changeViewers(c, t, changes);
}

/** A text claiming the viewer has ordered (已拍…). */
function claimsOrder(text: string): boolean {
  return text.startsWith('已拍');
}

function generateComments(c: Ctx, t: number, imp: Impact): void {
  const s = c.s;
  const a = s.scenario.audience;
  const offer = offerOn(c, t);
  const lively = (1 + (offer ? MODEL.commentOfferBoost : 0) + MODEL.commentBuzzBoost * Math.min(s.buzz, MODEL.buzzCap)) * (imp.streamDown ? MODEL.commentStreamDown : 1);
  const rate = (a.commentsPerMin / 60) * (s.viewers / a.baseViewers) * lively;
  const n = Math.min(MODEL.maxCommentsPerStep, stochasticRound(c.rng.flow, rate * STEP_SEC));
  if (n === 0) return;
  const reactionTo = imp.streamDown ? 'stream_down' : imp.noSound > 0 ? 'no_sound' : imp.noPicture > 0 ? 'no_picture' : null;
  const pinned = s.pinnedProduct !== null;
  const weights = COMMENT_KINDS.map((k) => a.kindWeights[k] * (k === 'intent' ? (pinned ? MODEL.intentPinned : MODEL.intentUnpinned) * (offer ? MODEL.intentOffer : 1) : 1));
  const trolls = 2 + Math.floor(a.baseViewers / 200);
  const productId = s.pinnedProduct ?? s.scenario.products[0]?.id ?? null;
  for (let i = 0; i < n; i++) {
    // Four draws per comment, always, so the content stream stays aligned across sessions.
    const u0 = next(c.rng.content);
    const u1 = next(c.rng.content);
    const u2 = next(c.rng.content);
    const u3 = next(c.rng.content);
    const legit = legitUser(c, Math.floor(u3 * legitPool(c)));
    if (reactionTo !== null && u0 < MODEL.reactionShare) {
      const texts = REACTIONS[reactionTo];
      const text = texts[Math.floor(u2 * texts.length)] ?? texts[0] ?? '';
      postComment(c, t, { kind: 'question', topic: 'stream', text, ...legit, productId, scripted: false, reaction: true, replyWithinSec: null });
      continue;
    }
    const kind: CommentKind | undefined = COMMENT_KINDS[weighted(u1, weights)];
    if (kind === undefined) continue;
    const bank = s.banks[kind];
    const entry = bank[Math.floor(u2 * bank.length)];
    if (entry === undefined) continue;
    let user = legit;
    if (ABUSE_KINDS.includes(kind)) {
      const userId = kind === 'troll' ? `troll-${Math.floor(u3 * trolls)}` : `spam-${Math.floor(u3 * 2)}`;
      user = { userId, user: nickname(userId, []) };
    } else if (claimsOrder(entry.text)) {
      // Only a viewer who has ordered says 已拍: the claim goes to an earlier buyer, or is not made.
      const buyer = s.orders[Math.floor(u3 * s.orders.length)];
      if (buyer === undefined) continue;
      user = { userId: buyer.userId, user: buyer.user };
    }
    postComment(c, t, { kind, topic: entry.topic, text: entry.text, ...user, productId, scripted: false, reaction: false, replyWithinSec: null });
  }
}

function generateOrders(c: Ctx, t: number, imp: Impact): void {
  const s = c.s;
  if (imp.streamDown || s.viewers === 0) return;
  const a = s.scenario.audience;
  const pinned = s.pinnedProduct;
  const flash = s.flashSale !== null && s.flashSale.until > t ? s.flashSale.productId : null;
  const focus = flash ?? pinned;
  const covered = focus === null ? s.covered.length / Math.max(1, s.scenario.products.length) : s.covered.filter((x) => x.productId === focus).length;
  const m =
    (pinned !== null ? 1 : MODEL.unpinnedFactor) *
    (1 + Math.min(MODEL.pointBonusCap, MODEL.pointBonus * covered)) *
    (focus !== null && couponActive(s, focus, t) ? 1 + MODEL.couponBonus * a.sensitivity.offers : 1) *
    (flash !== null ? 1 + (MODEL.flashFactor - 1) * a.sensitivity.offers : 1) *
    (1 + MODEL.trustPerBuzz * Math.min(s.buzz, MODEL.buzzCap)) *
    (1 - MODEL.unansweredPenalty * Math.min(3, s.recentExpired.length)) *
    (s.voice.deadAirStart !== null ? MODEL.deadAirFactor : 1) *
    (imp.noSound > 0 || imp.noPicture > 0 ? MODEL.degradedFactor : 1);
  const rate = (s.viewers * a.buyPerViewerMin) / 60;
  const n = Math.min(MODEL.maxOrdersPerStep, stochasticRound(c.rng.orders, rate * m * STEP_SEC));
  for (let i = 0; i < n; i++) {
    const products = s.scenario.products;
    const productId = focus ?? products[below(c.rng.orders, products.length)]?.id;
    const qty = next(c.rng.orders) < MODEL.twoUnitsShare ? 2 : 1;
    const buyer = legitUser(c, below(c.rng.orders, legitPool(c)));
    if (productId === undefined) continue;
    placeOrder(c, t, productId, qty, buyer.userId, buyer.user, flash !== null && flashActive(s, productId, t) ? 'flash' : pinned !== null ? 'pinned' : 'bag');
  }
}

function closeMinute(c: Ctx, t: number): void {
  const m = { ...c.s.minute, viewersEnd: c.s.viewers };
  own(c, 'minutes').push(m);
  emit(c, { type: 'minute', t, stat: m });
  c.s.minute = emptyMinute(m.minute + 1, c.s.viewers);
}

/** Ends the live: closes dead air, faults, offers and the last (partial) minute. */
const END_MARKER = { time_up: 'time_up', trainee: 'trainee_ended', exam_clock: 'exam_clock_ended' } as const;

export function endSession(c: Ctx, t: number, reason: EndReason): void {
  if (c.s.phase === 'ended') return;
  closeDeadAir(c, t);
  c.s.faults.forEach((f, i) => {
    if (isActive(f)) endFault(c, i, t, 'session_end');
  });
  if (c.s.coupon !== null) {
    emit(c, { type: 'coupon_ended', t, productId: c.s.coupon.productId });
    c.s.coupon = null;
  }
  if (c.s.flashSale !== null) endFlashSale(c, t, 'time');
  if (t > c.s.minute.minute * 60000 || c.s.minutes.length === 0) closeMinute(c, t);
  c.s.phase = 'ended';
  c.s.endedAt = t;
  c.s.endReason = reason;
  emit(c, { type: 'session_ended', t, reason });
  mark(c, t, 'end', END_MARKER[reason]);
}

function runStep(c: Ctx, t: number): void {
  c.s.simT = t;
  runScripted(c, t);
  settleFaults(c, t);
  settleOffers(c, t);
  expireThreads(c, t);
  const imp = impact(c.s);
  checkDeadAir(c, t, imp.streamDown);
  flow(c, t, imp);
  generateComments(c, t, imp);
  generateOrders(c, t, imp);
  c.s.viewerMs += c.s.viewers * MODEL.stepMs;
  c.s.buzz = c.s.buzz * MODEL.buzzDecayPerStep;
  if (t % MODEL.wobbleEveryMs === 0) c.s.wobble = MODEL.wobbleMin + (MODEL.wobbleMax - MODEL.wobbleMin) * next(c.rng.flow);
  if (c.s.minute.viewersPeak < c.s.viewers) c.s.minute = { ...c.s.minute, viewersPeak: c.s.viewers };
  const end = c.s.scenario.durationSec * 1000;
  if (t % 60000 === 0 && t < end) closeMinute(c, t);
  if (t >= end) endSession(c, end, 'time_up');
}

/** Runs every whole step up to `t`. */
export function advance(c: Ctx, t: number): void {
  while (c.s.phase === 'live' && c.s.simT + MODEL.stepMs <= t) runStep(c, c.s.simT + MODEL.stepMs);
}
