// What the trainee's actions, the devices and OBS do to the session. An action that cannot apply
// (unknown comment, no coupon, …) leaves the state as it was and returns a `rejected` effect with
// a code and params (the UI words it); every action, applied or not, is kept in `actions` for the review and CSV.
import { normalise, scanText } from '../compliance/index.ts';
import { ABUSE_KINDS, QUESTION_TOPICS } from '../format/schema.ts';
import { emit, mark, own, record, reject, type Ctx } from './ctx.ts';
import { endFault, isActive, startFault } from './faults.ts';
import { riskyLineBefore } from './host.ts';
import { MODEL } from './model.ts';
import { remedyFor } from './remedies.ts';
import { next } from './rng.ts';
import { bumpMinute, changeViewers, placeOrder } from './room.ts';
import { endSession } from './simulate.ts';
import { HOST_PROMPT_TOPICS, type AnswerVia, type BannedHitRecord, type Comment, type Input, type TextField } from './types.ts';
import { voiceSample } from './voice.ts';

type Of<K extends Input['type']> = Extract<Input, { type: K }>;

const MAX_TEXT = 2000;

/** Scans typed text and records its hits; returns them. */
function checkText(c: Ctx, source: BannedHitRecord['source'], commentId: string | null, text: string): BannedHitRecord[] {
  const t = c.s.t;
  const norm = normalise(text);
  const hits = scanText(text).map(
    (h): BannedHitRecord => ({
      t,
      source,
      commentId,
      word: h.word,
      category: h.category,
      categoryName: h.categoryName,
      severity: h.severity,
      rule: h.rule,
      advice: h.advice,
      excerpt: norm.slice(Math.max(0, h.start - 12), h.end + 12),
    }),
  );
  if (hits.length === 0) return hits;
  own(c, 'banned').push(...hits);
  emit(c, { type: 'banned_words', t, source, hits });
  for (const h of hits) if (h.severity === 'banned') mark(c, t, 'banned_word', 'banned_word', { word: h.word, category: h.category });
  return hits;
}

type CommentRef = Pick<Comment, 'id' | 'kind' | 'userId' | 'user'>;

/** A comment by id: recent ones first, then older troll/spam and reply-expecting ones. */
function findComment(c: Ctx, id: string): CommentRef | undefined {
  const recent = c.s.recent.find((x) => x.id === id);
  if (recent !== undefined) return recent;
  const a = c.s.abuse[byComment(c.s.abuse, id)];
  if (a !== undefined && !a.prevented) return { id, kind: a.kind, userId: a.userId, user: a.user };
  const th = c.s.threads[byComment(c.s.threads, id)];
  return th === undefined ? undefined : { id, kind: th.kind, userId: th.userId, user: th.user };
}

function answer(c: Ctx, type: Input['type'], index: number, via: AnswerVia, text: string | null, faqId: string | null): void {
  const t = c.s.t;
  const th = c.s.threads[index];
  if (th === undefined) return;
  if (th.answeredAt !== null) return reject(c, type, 'already_answered', { comment: th.text }, th.commentId);
  const hits = via === 'typed' && text !== null ? checkText(c, 'reply', th.commentId, text) : [];
  const threads = own(c, 'threads');
  threads[index] = { ...th, answeredAt: t, via, faqId, replyText: text, bannedHits: hits.length };
  // An answer is heard by everyone: it also answers the open questions on the same topic.
  const together = th.kind === 'question' ? c.s.open.filter((i) => i !== index && threads[i]?.kind === 'question' && threads[i].topic === th.topic) : [];
  for (const i of together) {
    const other = threads[i];
    if (other !== undefined) threads[i] = { ...other, answeredAt: t, via, faqId, answeredWith: th.commentId };
  }
  const done = new Set([index, ...together]);
  if (c.s.open.some((i) => done.has(i))) c.s.open = c.s.open.filter((i) => !done.has(i));
  const onTime = t <= th.deadline;
  if (onTime && !hits.some((h) => h.severity === 'banned')) c.s.buzz = Math.min(c.s.buzz + MODEL.buzzPerAnswer, MODEL.buzzCap * 2);
  bumpMinute(c, { answered: done.size });
  emit(c, { type: 'answered', t, commentId: th.commentId, via, latencyMs: t - th.t, onTime, with: null });
  for (const i of together) {
    const other = threads[i];
    if (other !== undefined) emit(c, { type: 'answered', t, commentId: other.commentId, via, latencyMs: t - other.t, onTime: t <= other.deadline, with: th.commentId });
  }
  const params = { comment: th.text, reply: text ?? '', together: together.length };
  record(c, type, th.commentId, together.length > 0 ? `answered_${via}_together` : `answered_${via}`, params);
  if (th.kind === 'intent' && onTime && th.productId !== null && next(c.rng.orders) < MODEL.intentAnsweredBuy) {
    placeOrder(c, t, th.productId, 1, th.userId, th.user, 'intent');
  }
}

/**
 * Index of the record for comment `id` in a list kept in comment order (threads, abuse): comment
 * ids are c1, c2, … in posting order, so a binary search finds it (the lists hold thousands).
 */
function byComment(list: readonly { commentId: string }[], id: string): number {
  const n = Number(id.slice(1));
  if (!id.startsWith('c') || !Number.isInteger(n)) return -1;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = Number(list[mid]?.commentId.slice(1));
    if (m === n) return mid;
    if (m < n) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function threadIndex(c: Ctx, commentId: string): number {
  return byComment(c.s.threads, commentId);
}

function markAnswered(c: Ctx, input: Of<'mark_answered'>): void {
  const id = input.commentId ?? null;
  if (id === null) {
    // The "current" question: the oldest still open, else the oldest unanswered (a late answer).
    const index = c.s.open[0] ?? c.s.threads.findIndex((x) => x.answeredAt === null);
    if (index < 0) return reject(c, input.type, 'no_question');
    return answer(c, input.type, index, 'voice', null, null);
  }
  const index = threadIndex(c, id);
  if (index < 0) return reject(c, input.type, 'unknown_comment', { id }, id);
  answer(c, input.type, index, 'voice', null, null);
}

function reply(c: Ctx, input: Of<'reply'>): void {
  const text = input.text.trim();
  if (text === '' || text.length > MAX_TEXT) return reject(c, input.type, 'bad_text', { max: MAX_TEXT }, input.commentId);
  const index = threadIndex(c, input.commentId);
  if (index < 0) return reject(c, input.type, 'unknown_comment', { id: input.commentId }, input.commentId);
  answer(c, input.type, index, 'typed', text, null);
}

function replyFaq(c: Ctx, input: Of<'reply_faq'>): void {
  const faq = c.s.scenario.products.flatMap((p) => p.faqs).find((f) => f.id === input.faqId) ?? c.s.faqs.find((f) => f.id === input.faqId);
  if (faq === undefined) return reject(c, input.type, 'unknown_faq', { id: input.faqId }, input.faqId);
  const index = threadIndex(c, input.commentId);
  if (index < 0) return reject(c, input.type, 'unknown_comment', { id: input.commentId }, input.commentId);
  const before = c.s.threads[index]?.answeredAt ?? null;
  answer(c, input.type, index, 'faq', faq.a, faq.id);
  if (before === null) own(c, 'faqUses').push({ t: c.s.t, faqId: faq.id, commentId: input.commentId });
}

function addFaq(c: Ctx, input: Of<'add_faq'>): void {
  const q = input.question.trim();
  const a = input.answer.trim();
  const productId = input.productId ?? null;
  if (q === '' || a === '' || q.length > MAX_TEXT || a.length > MAX_TEXT) return reject(c, input.type, 'bad_faq', { max: MAX_TEXT });
  if (!(QUESTION_TOPICS as readonly string[]).includes(input.topic)) return reject(c, input.type, 'bad_topic', { topic: input.topic });
  if (productId !== null && !c.s.scenario.products.some((p) => p.id === productId)) return reject(c, input.type, 'unknown_product', { id: productId }, productId);
  c.s.counters = { ...c.s.counters, faq: c.s.counters.faq + 1 };
  const faq = { id: `faq-u${c.s.counters.faq}`, t: c.s.t, productId, topic: input.topic, q, a };
  own(c, 'faqs').push(faq);
  checkText(c, 'faq', null, `${q}\n${a}`);
  emit(c, { type: 'faq_added', t: c.s.t, faq });
  record(c, input.type, faq.id, 'faq_added', { q, a });
}

function muteUser(c: Ctx, input: Of<'mute_user'>): void {
  const t = c.s.t;
  const target = findComment(c, input.commentId);
  if (target === undefined) return reject(c, input.type, 'comment_not_found', { id: input.commentId }, input.commentId);
  if (!Number.isInteger(input.durationSec) || input.durationSec < 1 || input.durationSec > 86400) return reject(c, input.type, 'bad_duration', { max: 86400 }, target.userId);
  if (c.s.mutes.some((m) => m.userId === target.userId && m.until > t)) return reject(c, input.type, 'already_muted', { user: target.user }, target.userId);
  const legit = !ABUSE_KINDS.includes(target.kind);
  const until = t + input.durationSec * 1000;
  own(c, 'mutes').push({ t, userId: target.userId, user: target.user, commentId: target.id, kind: target.kind, until, legit });
  emit(c, { type: 'user_muted', t, userId: target.userId, user: target.user, until, mistaken: legit });
  record(c, input.type, target.userId, 'muted', { user: target.user, seconds: input.durationSec });
  if (legit) {
    c.s.mutedWronglyUntil = t + MODEL.mutedWronglyMs;
    changeViewers(c, t, [{ reason: 'muted_wrongly', delta: -1 }]);
    mark(c, t, 'muted_wrongly', 'muted_wrongly', { user: target.user });
    return;
  }
  handleAbuse(c, (r) => r.userId === target.userId, 'mute');
}

/** Marks on-screen troll/spam comments of the last window matching `which` as handled. */
function handleAbuse(c: Ctx, which: (r: { userId: string; text: string }) => boolean, by: 'mute' | 'keyword'): void {
  const t = c.s.t;
  const list = c.s.abuse;
  for (let i = list.length - 1; i >= 0; i--) {
    const r = list[i];
    if (r === undefined || r.t < t - MODEL.handleWindowMs) break;
    if (!r.prevented && r.handledAt === null && which(r)) own(c, 'abuse')[i] = { ...r, handledAt: t, handledBy: by };
  }
}

function unmuteUser(c: Ctx, input: Of<'unmute_user'>): void {
  const t = c.s.t;
  const i = c.s.mutes.findIndex((m) => m.userId === input.userId && m.until > t);
  const m = c.s.mutes[i];
  if (m === undefined) return reject(c, input.type, 'not_muted', { user: input.userId }, input.userId);
  own(c, 'mutes')[i] = { ...m, until: t };
  emit(c, { type: 'user_unmuted', t, userId: input.userId });
  record(c, input.type, input.userId, 'unmuted', { user: m.user });
}

function blockKeyword(c: Ctx, input: Of<'block_keyword'>): void {
  const keyword = input.keyword.trim();
  if (keyword === '' || keyword.length > 20) return reject(c, input.type, 'bad_keyword', { max: 20 });
  if (c.s.keywords.some((k) => k.keyword === keyword && k.removedAt === null)) return reject(c, input.type, 'already_blocked', { keyword }, keyword);
  own(c, 'keywords').push({ t: c.s.t, keyword, removedAt: null, hiddenAbuse: 0, hiddenLegit: 0 });
  const norm = normalise(keyword);
  handleAbuse(c, (r) => normalise(r.text).includes(norm), 'keyword');
  emit(c, { type: 'keyword_blocked', t: c.s.t, keyword });
  record(c, input.type, keyword, 'keyword_blocked', { keyword });
}

function unblockKeyword(c: Ctx, input: Of<'unblock_keyword'>): void {
  const keyword = input.keyword.trim();
  const i = c.s.keywords.findIndex((k) => k.keyword === keyword && k.removedAt === null);
  const k = c.s.keywords[i];
  if (k === undefined) return reject(c, input.type, 'not_blocked', { keyword }, keyword);
  own(c, 'keywords')[i] = { ...k, removedAt: c.s.t };
  emit(c, { type: 'keyword_unblocked', t: c.s.t, keyword });
  record(c, input.type, keyword, 'keyword_unblocked', { keyword });
}

function deleteComment(c: Ctx, input: Of<'delete_comment'>): void {
  const t = c.s.t;
  const target = findComment(c, input.commentId);
  if (target === undefined) return reject(c, input.type, 'comment_not_found', { id: input.commentId }, input.commentId);
  if (c.s.deleted.some((d) => d.commentId === target.id)) return reject(c, input.type, 'already_deleted', { user: target.user }, target.id);
  const legit = !ABUSE_KINDS.includes(target.kind);
  own(c, 'deleted').push({ t, commentId: target.id, userId: target.userId, user: target.user, kind: target.kind, legit });
  if (c.s.pinnedComment === target.id) {
    c.s.pinnedComment = null;
    emit(c, { type: 'comment_pinned', t, commentId: null });
  }
  emit(c, { type: 'comment_deleted', t, commentId: target.id, legit });
  const text = c.s.recent.find((x) => x.id === target.id)?.text ?? '';
  record(c, input.type, target.id, legit ? 'comment_deleted_legit' : 'comment_deleted', { user: target.user, text });
  const i = byComment(c.s.abuse, target.id);
  const abuse = c.s.abuse[i];
  if (!legit && abuse !== undefined && !abuse.prevented && abuse.handledAt === null) own(c, 'abuse')[i] = { ...abuse, handledAt: t, handledBy: 'delete' };
}

function promptHost(c: Ctx, input: Of<'prompt_host'>): void {
  const t = c.s.t;
  if (c.s.scenario.audience.host !== 'simulated' || c.s.scenario.host === undefined) return reject(c, input.type, 'no_simulated_host');
  if (!(HOST_PROMPT_TOPICS as readonly string[]).includes(input.topic)) return reject(c, input.type, 'bad_prompt', { topic: input.topic });
  const commentId = input.commentId ?? null;
  const comment = commentId === null ? undefined : c.s.recent.find((x) => x.id === commentId);
  if (input.topic === 'question' && comment === undefined) return reject(c, input.type, 'not_recent', { id: commentId ?? '', recent: MODEL.recentComments }, commentId);
  const risky = input.topic === 'compliance' && riskyLineBefore(c.s.scenario, t) !== null;
  const figures = { viewers: c.s.viewers, orders: c.s.orders.length, gmv: c.s.gmv };
  own(c, 'hostPrompts').push({ t, topic: input.topic, commentId: comment?.id ?? null, risky, ...figures });
  emit(c, { type: 'host_prompted', t, topic: input.topic, risky, ...figures, comment: comment?.text ?? null });
  const code = input.topic === 'data' ? 'host_prompted_data' : input.topic === 'question' ? 'host_prompted_question' : risky ? 'host_prompted_compliance_risky' : 'host_prompted_compliance';
  record(c, input.type, comment?.id ?? null, code, { viewers: figures.viewers, orders: figures.orders, gmv: (figures.gmv / 100).toFixed(2), comment: comment?.text ?? '' });
}

function pinComment(c: Ctx, input: Of<'pin_comment'>): void {
  if (!c.s.recent.some((x) => x.id === input.commentId)) return reject(c, input.type, 'not_recent', { id: input.commentId, recent: MODEL.recentComments }, input.commentId);
  c.s.pinnedComment = input.commentId;
  emit(c, { type: 'comment_pinned', t: c.s.t, commentId: input.commentId });
  record(c, input.type, input.commentId, 'comment_pinned');
}

function unpinComment(c: Ctx, input: Of<'unpin_comment'>): void {
  if (c.s.pinnedComment === null) return reject(c, input.type, 'nothing_pinned');
  const id = c.s.pinnedComment;
  c.s.pinnedComment = null;
  emit(c, { type: 'comment_pinned', t: c.s.t, commentId: null });
  record(c, input.type, id, 'comment_unpinned');
}

function product(c: Ctx, id: string) {
  return c.s.scenario.products.find((p) => p.id === id);
}

function pinProduct(c: Ctx, input: Of<'pin_product'>): void {
  const p = product(c, input.productId);
  if (p === undefined) return reject(c, input.type, 'unknown_product', { id: input.productId }, input.productId);
  if (c.s.pinnedProduct === p.id) return reject(c, input.type, 'already_pinned', { product: p.name }, p.id);
  c.s.pinnedProduct = p.id;
  own(c, 'pinHistory').push({ t: c.s.t, productId: p.id });
  emit(c, { type: 'product_pinned', t: c.s.t, productId: p.id });
  record(c, input.type, p.id, 'product_pinned', { product: p.name });
}

function unpinProduct(c: Ctx, input: Of<'unpin_product'>): void {
  if (c.s.pinnedProduct === null) return reject(c, input.type, 'no_product_pinned');
  const id = c.s.pinnedProduct;
  c.s.pinnedProduct = null;
  own(c, 'pinHistory').push({ t: c.s.t, productId: null });
  emit(c, { type: 'product_pinned', t: c.s.t, productId: null });
  record(c, input.type, id, 'product_unpinned');
}

function pushCoupon(c: Ctx, input: Of<'push_coupon'>): void {
  const t = c.s.t;
  const p = product(c, input.productId);
  if (p === undefined) return reject(c, input.type, 'unknown_product', { id: input.productId }, input.productId);
  if (p.coupon === undefined) return reject(c, input.type, 'no_coupon', { product: p.name }, p.id);
  if ((c.s.products.find((x) => x.id === p.id)?.couponStock ?? 0) <= 0) return reject(c, input.type, 'coupon_sold_out', {}, p.id);
  if (c.s.coupon !== null && c.s.coupon.until > t) return reject(c, input.type, 'coupon_active', {}, p.id);
  const until = t + p.coupon.validSec * 1000;
  c.s.coupon = { productId: p.id, until };
  own(c, 'couponPushes').push({ t, productId: p.id });
  emit(c, { type: 'coupon_started', t, productId: p.id, until });
  mark(c, t, 'coupon', 'coupon', { threshold: p.coupon.threshold, amount: p.coupon.amount });
  record(c, input.type, p.id, 'coupon_pushed', { threshold: p.coupon.threshold, amount: p.coupon.amount });
}

function startFlashSale(c: Ctx, input: Of<'start_flash_sale'>): void {
  const t = c.s.t;
  const p = product(c, input.productId);
  if (p === undefined) return reject(c, input.type, 'unknown_product', { id: input.productId }, input.productId);
  if (p.flashSale === undefined) return reject(c, input.type, 'no_flash_sale', { product: p.name }, p.id);
  const stock = c.s.products.find((x) => x.id === p.id)?.flashStock ?? 0;
  if (stock <= 0) return reject(c, input.type, 'flash_sold_out', {}, p.id);
  if (c.s.flashSale !== null) return reject(c, input.type, 'flash_active', {}, p.id);
  const until = t + p.flashSale.durationSec * 1000;
  c.s.flashSale = { productId: p.id, until };
  own(c, 'flashSales').push({ t, productId: p.id, endedAt: null });
  const ci = c.s.cues.findIndex((q) => q.productId === p.id && q.reactedAt === null);
  const cue = c.s.cues[ci];
  if (cue !== undefined) own(c, 'cues')[ci] = { ...cue, reactedAt: t };
  emit(c, { type: 'flash_sale_started', t, productId: p.id, until, price: Math.round(p.flashSale.price * 100), stock });
  mark(c, t, 'flash_sale_start', 'flash_sale_start', { price: p.flashSale.price });
  record(c, input.type, p.id, 'flash_sale_started', { price: p.flashSale.price, stock });
}

function ackFault(c: Ctx, input: Of<'ack_fault'>): void {
  const t = c.s.t;
  const i = c.s.faults.findIndex((f) => f.id === input.faultId);
  const f = c.s.faults[i];
  if (f === undefined || !isActive(f)) return reject(c, input.type, 'fault_not_active', { id: input.faultId }, input.faultId);
  const remedy = remedyFor(f.kind, input.remedy);
  if (remedy === undefined) return reject(c, input.type, 'unknown_remedy', { fault: f.kind, remedy: input.remedy }, f.id);
  const fixAt = remedy.fixes && f.source === 'app' && f.fixAt === null ? t + remedy.takesSec * 1000 : f.fixAt;
  own(c, 'faults')[i] = { ...f, detectedAt: f.detectedAt ?? t, fixAt, remedies: [...f.remedies, { t, remedy: remedy.id, correct: remedy.fixes, note: input.note ?? null }] };
  emit(c, { type: 'fault_remedy', t, faultId: f.id, remedy: remedy.id, correct: remedy.fixes, fixAt });
  record(c, input.type, f.id, remedy.fixes ? 'remedy_right' : 'remedy_wrong', { fault: f.kind, remedy: remedy.id });
  if (fixAt !== null && fixAt <= t) endFault(c, i, t, 'remedy');
}

function coverPoint(c: Ctx, input: Of<'cover_selling_point'>): void {
  const p = product(c, input.productId);
  const point = p?.sellingPoints.find((x) => x.id === input.pointId);
  if (p === undefined || point === undefined) return reject(c, input.type, 'unknown_point', { product: input.productId, point: input.pointId }, input.pointId);
  if (c.s.covered.some((x) => x.productId === p.id && x.pointId === point.id)) return reject(c, input.type, 'already_covered', { point: point.text }, point.id);
  own(c, 'covered').push({ t: c.s.t, productId: p.id, pointId: point.id });
  emit(c, { type: 'selling_point_covered', t: c.s.t, productId: p.id, pointId: point.id });
  record(c, input.type, point.id, 'point_covered', { point: point.text });
}

function setText(c: Ctx, input: Of<'set_text'>): void {
  const fields: readonly TextField[] = ['title', 'script', 'notice'];
  if (!fields.includes(input.field)) return reject(c, input.type, 'bad_field', { field: input.field });
  if (input.text.length > 20000) return reject(c, input.type, 'text_too_long', { max: 20000 }, input.field);
  own(c, 'texts')[input.field] = input.text;
  checkText(c, input.field, null, input.text);
  emit(c, { type: 'text_set', t: c.s.t, field: input.field });
  record(c, input.type, input.field, 'text_set', { field: input.field, text: input.text.slice(0, 200) });
}

function camera(c: Ctx, input: Of<'camera'>): void {
  const t = c.s.t;
  if (input.available === c.s.camera) return;
  c.s.camera = input.available;
  if (!input.available) {
    const f = startFault(c, t, 'camera_lost', { eventId: null, maxSec: null, note: null });
    record(c, input.type, f.id, 'camera_lost');
    return;
  }
  c.s.faults.forEach((f, i) => {
    if (f.kind === 'camera_lost' && isActive(f)) endFault(c, i, t, 'device');
  });
  record(c, input.type, null, 'camera_back');
}

function obsDrill(c: Ctx, input: Of<'obs_drill'>): void {
  const t = c.s.t;
  const i = c.s.faults.findIndex((f) => f.id === input.faultId);
  const f = c.s.faults[i];
  if (f === undefined) return reject(c, input.type, 'unknown_fault', { id: input.faultId }, input.faultId);
  record(c, input.type, f.id, 'obs_drill', { fault: f.kind, status: input.status });
  if (!isActive(f) || f.source !== 'obs') return;
  switch (input.status) {
    case 'active':
      own(c, 'faults')[i] = { ...f, drillId: input.drillId ?? f.drillId };
      return;
    case 'detected':
      own(c, 'faults')[i] = { ...f, detectedAt: f.detectedAt ?? t };
      return;
    case 'recovered':
      own(c, 'faults')[i] = { ...f, detectedAt: f.detectedAt ?? t };
      endFault(c, i, t, 'obs');
      return;
    case 'restored':
      endFault(c, i, t, 'restored');
      return;
    case 'failed':
      own(c, 'faults')[i] = { ...f, source: 'app' };
      emit(c, { type: 'fault_simulated', t, faultId: f.id });
      return;
  }
}

/** Applies one input at the session's current time (the simulation has already caught up). */
export function applyInput(c: Ctx, input: Input): void {
  switch (input.type) {
    case 'tick':
      return;
    case 'voice':
      return voiceSample(c, c.s.t, input.level);
    case 'camera':
      return camera(c, input);
    case 'obs_drill':
      return obsDrill(c, input);
    case 'mark_answered':
      return markAnswered(c, input);
    case 'reply':
      return reply(c, input);
    case 'reply_faq':
      return replyFaq(c, input);
    case 'add_faq':
      return addFaq(c, input);
    case 'pin_comment':
      return pinComment(c, input);
    case 'unpin_comment':
      return unpinComment(c, input);
    case 'mute_user':
      return muteUser(c, input);
    case 'unmute_user':
      return unmuteUser(c, input);
    case 'block_keyword':
      return blockKeyword(c, input);
    case 'unblock_keyword':
      return unblockKeyword(c, input);
    case 'pin_product':
      return pinProduct(c, input);
    case 'unpin_product':
      return unpinProduct(c, input);
    case 'push_coupon':
      return pushCoupon(c, input);
    case 'start_flash_sale':
      return startFlashSale(c, input);
    case 'ack_fault':
      return ackFault(c, input);
    case 'cover_selling_point':
      return coverPoint(c, input);
    case 'delete_comment':
      return deleteComment(c, input);
    case 'prompt_host':
      return promptHost(c, input);
    case 'set_text':
      return setText(c, input);
    case 'end':
      record(c, input.type, null, 'ended');
      return endSession(c, c.s.t, input.by ?? 'trainee');
  }
}
