// Each trainee action, device and OBS input: what it changes, what it emits, and the code and
// params when it cannot apply (checked through the app's own zh-CN wording).
import { describe, expect, it } from 'vitest';
import { computeMetrics, createSession, currentQuestion, openQuestions, replay, step, type Effect, type Input, type SessionState } from '../../scenarios/engine/index.ts';
import { zh } from '../harness/i18n.ts';
import { busyScenario, drive, talking } from '../harness/scenarios.ts';

function act(s: SessionState, input: Input): { state: SessionState; effects: Effect[] } {
  return step(s, input);
}

function rejected(effects: Effect[]): string[] {
  return effects.flatMap((e) => (e.type === 'rejected' ? [`${e.code}: ${zh(e.key, e.params)}`] : []));
}

/** A room 40 s in, talking, with comments of every kind on screen. */
function warm(): SessionState {
  return drive(busyScenario(), 40_000, (t) => [talking(t)]).state;
}

describe('answering', () => {
  it('a voice mark without id answers the current (oldest open) question and its topic-mates', () => {
    const s = warm();
    const current = currentQuestion(s);
    if (current === null) throw new Error('no open question');
    const sameTopic = openQuestions(s).filter((th) => th.kind === 'question' && th.topic === current.topic && th.commentId !== current.commentId && !th.expired);
    const r = act(s, { type: 'mark_answered', t: 40_000 });
    expect(r.effects[0]).toMatchObject({ type: 'answered', commentId: current.commentId, via: 'voice', with: null, latencyMs: 40_000 - current.t });
    if (current.kind === 'question') {
      for (const th of sameTopic) expect(r.effects).toContainEqual(expect.objectContaining({ type: 'answered', commentId: th.commentId, with: current.commentId }));
    }
    expect(r.state.actions.at(-1)).toMatchObject({ type: 'mark_answered', target: current.commentId, ok: true });
    expect(rejected(act(r.state, { type: 'mark_answered', t: 40_000, commentId: current.commentId }).effects)[0]).toMatch(/already_answered: 这条弹幕已经回复过了/);
  });

  it('a typed reply is scanned: a banned claim is recorded with its category and earns no buzz', () => {
    const s = warm();
    const th = openQuestions(s)[0];
    if (th === undefined) throw new Error('no question');
    const r = act(s, { type: 'reply', t: 40_000, commentId: th.commentId, text: '放心买，全网最低价！' });
    expect(r.effects).toContainEqual(expect.objectContaining({ type: 'banned_words', source: 'reply', hits: [expect.objectContaining({ word: '全网最低价', category: 'price_fraud', commentId: th.commentId })] }));
    expect(r.state.buzz).toBe(s.buzz);
    expect(r.state.threads.find((x) => x.commentId === th.commentId)).toMatchObject({ via: 'typed', replyText: '放心买，全网最低价！', bannedHits: 1 });
    const clean = act(s, { type: 'reply', t: 40_000, commentId: th.commentId, text: '今天直播间专享价' });
    expect(clean.state.buzz).toBeGreaterThan(s.buzz);
    expect(rejected(act(s, { type: 'reply', t: 40_000, commentId: 'c99999', text: '你好' }).effects)[0]).toMatch(/unknown_comment: 弹幕 c99999 不需要回复或不存在/);
    expect(rejected(act(s, { type: 'reply', t: 40_000, commentId: th.commentId, text: '  ' }).effects)[0]).toMatch(/bad_text/);
  });

  it('FAQ: answering from one, adding one (scanned), unknown FAQ rejected', () => {
    const s = warm();
    const th = openQuestions(s)[0];
    if (th === undefined) throw new Error('no question');
    const r = act(s, { type: 'reply_faq', t: 40_000, commentId: th.commentId, faqId: 'price' });
    expect(r.state.faqUses).toEqual([{ t: 40_000, faqId: 'price', commentId: th.commentId }]);
    expect(r.state.threads.find((x) => x.commentId === th.commentId)).toMatchObject({ via: 'faq', faqId: 'price', replyText: '29.9 元 5 斤，领券减 5 元。' });
    const added = act(s, { type: 'add_faq', t: 40_000, question: '能放多久？', answer: '阴凉处两周，绝对不坏', topic: 'usage', productId: 'apple' });
    expect(added.effects).toContainEqual(expect.objectContaining({ type: 'faq_added', faq: expect.objectContaining({ id: 'faq-u1', q: '能放多久？' }) as unknown }));
    expect(added.state.banned).toEqual([expect.objectContaining({ source: 'faq', word: '绝对' })]);
    expect(act(added.state, { type: 'reply_faq', t: 41_000, commentId: th.commentId, faqId: 'faq-u1' }).state.faqUses).toHaveLength(1);
    expect(rejected(act(s, { type: 'reply_faq', t: 40_000, commentId: th.commentId, faqId: 'nope' }).effects)[0]).toMatch(/unknown_faq: FAQ nope 不存在/);
    expect(rejected(act(s, { type: 'add_faq', t: 40_000, question: 'x', answer: 'y', topic: 'usage', productId: 'pear' }).effects)[0]).toMatch(/unknown_product/);
  });

  it('an intent comment answered in time often turns into an order from that viewer', () => {
    let s = warm();
    let bought = 0;
    let asked = 0;
    for (let t = 40_000; t < 200_000; t += 100) {
      s = step(s, talking(t)).state;
      for (const th of openQuestions(s).filter((x) => x.kind === 'intent' && !x.expired)) {
        asked++;
        const r = act(s, { type: 'mark_answered', t, commentId: th.commentId });
        s = r.state;
        if (r.effects.some((e) => e.type === 'order' && e.order.userId === th.userId && e.order.via === 'intent')) bought++;
      }
    }
    expect(asked).toBeGreaterThan(10);
    expect(bought / asked).toBeGreaterThan(0.35);
  });
});

describe('comment management', () => {
  it('pin and unpin a comment; only recent ones can be pinned', () => {
    const s = warm();
    const c = s.recent.at(-1);
    if (c === undefined) throw new Error('no comment');
    const pinned = act(s, { type: 'pin_comment', t: 40_000, commentId: c.id });
    expect(pinned.effects).toEqual([{ type: 'comment_pinned', t: 40_000, commentId: c.id }]);
    expect(act(pinned.state, { type: 'unpin_comment', t: 40_000 }).state.pinnedComment).toBeNull();
    expect(rejected(act(s, { type: 'unpin_comment', t: 40_000 }).effects)[0]).toMatch(/nothing_pinned: 当前没有置顶弹幕/);
    expect(rejected(act(s, { type: 'pin_comment', t: 40_000, commentId: 'c0' }).effects)[0]).toMatch(/只能置顶最近 100 条内的弹幕/);
  });

  it('mute a troll: handled, and their next comments are hidden until the mute ends or is lifted', () => {
    const s = warm();
    const troll = s.recent.find((c) => c.kind === 'troll');
    if (troll === undefined) throw new Error('no troll');
    const muted = act(s, { type: 'mute_user', t: 40_000, commentId: troll.id, durationSec: 600 });
    expect(muted.effects[0]).toMatchObject({ type: 'user_muted', userId: troll.userId, mistaken: false, until: 640_000 });
    expect(muted.state.abuse.find((a) => a.commentId === troll.id)).toMatchObject({ handledBy: 'mute', handledAt: 40_000 });
    expect(rejected(act(muted.state, { type: 'mute_user', t: 40_000, commentId: troll.id, durationSec: 60 }).effects)[0]).toMatch(/already_muted/);
    expect(rejected(act(s, { type: 'mute_user', t: 40_000, commentId: troll.id, durationSec: 0 }).effects)[0]).toMatch(/bad_duration: 禁言时长应为 1–86400 秒/);
    const later = drive(muted.state, 200_000, (t) => [talking(t)]);
    const hidden = later.effects.filter((e) => e.type === 'comment_hidden' && e.comment.userId === troll.userId);
    expect(hidden.length).toBeGreaterThan(0);
    expect(later.effects.some((e) => e.type === 'comment' && e.comment.userId === troll.userId)).toBe(false);
    const lifted = act(later.state, { type: 'unmute_user', t: 200_000, userId: troll.userId });
    expect(lifted.effects).toEqual([{ type: 'user_unmuted', t: 200_000, userId: troll.userId }]);
    expect(rejected(act(lifted.state, { type: 'unmute_user', t: 200_000, userId: troll.userId }).effects)[0]).toMatch(/not_muted/);
  });

  it('block a keyword: matching spam is hidden and handled; over-blocking legitimate comments is counted', () => {
    const s = warm();
    const blocked = act(s, { type: 'block_keyword', t: 40_000, keyword: '加V' });
    expect(blocked.effects).toEqual([{ type: 'keyword_blocked', t: 40_000, keyword: '加V' }]);
    expect(blocked.state.abuse.filter((a) => a.kind === 'spam' && a.t > 0 && a.handledBy === 'keyword').length).toBeGreaterThan(0);
    const greedy = act(blocked.state, { type: 'block_keyword', t: 40_000, keyword: '多少' });
    const later = drive(greedy.state, 120_000, (t) => [talking(t)]);
    const k = later.state.keywords;
    expect(k.find((x) => x.keyword === '加V')).toMatchObject({ hiddenLegit: 0 });
    expect(k.find((x) => x.keyword === '加V')?.hiddenAbuse).toBeGreaterThan(0);
    expect(k.find((x) => x.keyword === '多少')?.hiddenLegit).toBeGreaterThan(0);
    expect(computeMetrics(later.state).moderation.legitHiddenByKeywords).toBe(k.find((x) => x.keyword === '多少')?.hiddenLegit);
    expect(rejected(act(blocked.state, { type: 'block_keyword', t: 40_000, keyword: '加V' }).effects)[0]).toMatch(/already_blocked/);
    expect(act(blocked.state, { type: 'unblock_keyword', t: 41_000, keyword: '加V' }).state.keywords[0]?.removedAt).toBe(41_000);
  });
});

describe('products and offers', () => {
  it('pin and unpin the product (讲解中); unknown products rejected', () => {
    const s = createSession(busyScenario());
    const pinned = act(s, { type: 'pin_product', t: 0, productId: 'apple' });
    expect(pinned.effects).toEqual([{ type: 'product_pinned', t: 0, productId: 'apple' }]);
    expect(rejected(act(pinned.state, { type: 'pin_product', t: 0, productId: 'apple' }).effects)[0]).toMatch(/already_pinned: 苹果 5斤装 已在讲解中/);
    expect(rejected(act(s, { type: 'pin_product', t: 0, productId: 'pear' }).effects)[0]).toMatch(/unknown_product: 商品 pear 不存在/);
    const off = act(pinned.state, { type: 'unpin_product', t: 5000 });
    expect(off.state.pinHistory).toEqual([
      { t: 0, productId: 'apple' },
      { t: 5000, productId: null },
    ]);
  });

  it('a flash sale answers the cue, sells at the flash price from its own stock, and ends when sold out', () => {
    const scenario = busyScenario({ events: [{ at: 10, type: 'flash_sale_cue', product: 'apple', withinSec: 30 }], audience: { buyPerViewerMin: 0.05 } });
    const run = drive(scenario, 90_000, (t) => [
      talking(t),
      ...(t === 100 ? [{ type: 'pin_product', t, productId: 'apple' } as Input] : []),
      ...(t === 25_000 ? [{ type: 'start_flash_sale', t, productId: 'apple' } as Input] : []),
    ]);
    expect(run.effects).toContainEqual(expect.objectContaining({ type: 'cue', t: 10_000 }));
    expect(run.effects).toContainEqual(expect.objectContaining({ type: 'flash_sale_started', t: 25_000, price: 1990, stock: 50 }));
    const flash = run.state.orders.filter((o) => o.flash);
    expect(flash.reduce((a, o) => a + o.qty, 0)).toBe(50);
    expect(flash.every((o) => o.unitPrice === 1990 && !o.coupon && o.via === 'flash')).toBe(true);
    expect(run.effects).toContainEqual(expect.objectContaining({ type: 'flash_sale_ended', reason: 'sold_out' }));
    expect(computeMetrics(run.state).flashSale.cues).toEqual([{ id: 'event-1', t: 10_000, reactedAt: 25_000, reactionMs: 15_000, onTime: true }]);
    expect(rejected(act(run.state, { type: 'start_flash_sale', t: 90_000, productId: 'apple' }).effects)[0]).toMatch(/flash_sold_out: 秒杀库存已售完/);
  });

  it('coupons: one at a time, and only for products that have one', () => {
    const s = createSession(busyScenario());
    const pushed = act(s, { type: 'push_coupon', t: 0, productId: 'apple' });
    expect(pushed.effects[0]).toEqual({ type: 'coupon_started', t: 0, productId: 'apple', until: 120_000 });
    expect(rejected(act(pushed.state, { type: 'push_coupon', t: 1000, productId: 'apple' }).effects)[0]).toMatch(/coupon_active: 上一张优惠券还在有效期内/);
    const noCoupon = busyScenario();
    const bare = { ...noCoupon, products: noCoupon.products.map(({ coupon: _coupon, ...p }) => p) };
    expect(rejected(act(createSession(bare), { type: 'push_coupon', t: 0, productId: 'apple' }).effects)[0]).toMatch(/no_coupon: 苹果 5斤装 没有可发放的优惠券/);
  });

  it('selling points are marked once each', () => {
    const s = createSession(busyScenario());
    const r = act(s, { type: 'cover_selling_point', t: 0, productId: 'apple', pointId: 'crisp' });
    expect(r.effects).toEqual([{ type: 'selling_point_covered', t: 0, productId: 'apple', pointId: 'crisp' }]);
    expect(rejected(act(r.state, { type: 'cover_selling_point', t: 0, productId: 'apple', pointId: 'crisp' }).effects)[0]).toMatch(/already_covered: 卖点“脆甜多汁”已标记/);
    expect(rejected(act(s, { type: 'cover_selling_point', t: 0, productId: 'apple', pointId: 'x' }).effects)[0]).toMatch(/unknown_point/);
  });

  it('title, script and notice text are scanned for banned words', () => {
    const s = createSession(busyScenario());
    const r = act(s, { type: 'set_text', t: 0, field: 'title', text: '国家级好苹果，加微信更便宜' });
    expect(r.state.texts.title).toBe('国家级好苹果，加微信更便宜');
    expect(r.state.banned.map((h) => `${h.source}:${h.word}:${h.category}`)).toEqual(['title:国家级:absolute', 'title:加微信:diversion']);
    expect(r.state.markers.filter((m) => m.kind === 'banned_word')).toHaveLength(2);
  });
});

describe('faults, devices and OBS', () => {
  const obsFault = busyScenario({ events: [{ at: 10, type: 'fault', fault: 'hide_camera' }] });

  it('without OBS an OBS fault is simulated and a fixing remedy ends it after its delay', () => {
    const r = replay(createSession(obsFault), [
      { type: 'tick', t: 10_000 },
      { type: 'ack_fault', t: 12_000, faultId: 'f1', remedy: 'restart_obs' },
      { type: 'ack_fault', t: 13_000, faultId: 'f1', remedy: 'show_camera' },
      { type: 'tick', t: 20_000 },
    ]);
    expect(r.effects).toContainEqual(expect.objectContaining({ type: 'fault_started', fault: expect.objectContaining({ kind: 'hide_camera', source: 'app', impact: 'no_picture' }) as unknown }));
    expect(r.effects).toContainEqual(expect.objectContaining({ type: 'fault_remedy', remedy: 'restart_obs', correct: false, fixAt: null }));
    expect(r.effects).toContainEqual(expect.objectContaining({ type: 'fault_remedy', remedy: 'show_camera', correct: true, fixAt: 15_000 }));
    expect(r.state.faults[0]).toMatchObject({ detectedAt: 12_000, recoveredAt: 15_000, endedBy: 'remedy' });
    expect(rejected(step(r.state, { type: 'ack_fault', t: 20_000, faultId: 'f1', remedy: 'show_camera' }).effects)[0]).toMatch(/fault_not_active/);
  });

  it('with OBS the drill is reported back: detected, then recovered ends the fault; a remedy alone does not', () => {
    const r = replay(createSession(obsFault, { obs: true }), [
      { type: 'tick', t: 10_000 },
      { type: 'obs_drill', t: 10_100, faultId: 'f1', status: 'active', drillId: 'drill-7' },
      { type: 'ack_fault', t: 13_000, faultId: 'f1', remedy: 'show_camera' },
      { type: 'tick', t: 18_000 },
    ]);
    expect(r.state.faults[0]).toMatchObject({ source: 'obs', drillId: 'drill-7', detectedAt: 13_000, endedBy: null, fixAt: null });
    const done = step(r.state, { type: 'obs_drill', t: 19_000, faultId: 'f1', status: 'recovered' });
    expect(done.state.faults[0]).toMatchObject({ endedBy: 'obs', recoveredAt: 19_000 });
  });

  it('an OBS drill that cannot be injected falls back to the in-app simulation', () => {
    const r = replay(createSession(obsFault, { obs: true }), [
      { type: 'tick', t: 10_000 },
      { type: 'obs_drill', t: 10_500, faultId: 'f1', status: 'failed' },
      { type: 'ack_fault', t: 11_000, faultId: 'f1', remedy: 'show_camera' },
      { type: 'tick', t: 14_000 },
    ]);
    expect(r.effects).toContainEqual({ type: 'fault_simulated', t: 10_500, faultId: 'f1' });
    expect(r.state.faults[0]).toMatchObject({ source: 'app', endedBy: 'remedy', recoveredAt: 13_000 });
  });

  it('losing the camera is a fault that the camera coming back ends', () => {
    const r = replay(createSession(busyScenario()), [
      { type: 'camera', t: 5000, available: false },
      { type: 'ack_fault', t: 7000, faultId: 'f1', remedy: 'reconnect_camera' },
      { type: 'camera', t: 5000, available: false },
      { type: 'camera', t: 16_000, available: true },
    ]);
    expect(r.state.faults).toEqual([expect.objectContaining({ kind: 'camera_lost', source: 'device', startedAt: 5000, detectedAt: 7000, recoveredAt: 16_000, endedBy: 'device', fixAt: null })]);
  });

  it('dead air ends where speech resumes; a stream-down fault closes it', () => {
    const s = busyScenario({ events: [{ at: 30, type: 'fault', fault: 'power_cut', maxSec: 20 }] });
    const r = replay(createSession(s), [
      { type: 'voice', t: 1000, level: 0.5 },
      { type: 'voice', t: 12_000, level: 0.5 },
      { type: 'tick', t: 60_000 },
    ]);
    const v = r.state.voice.deadAirs;
    expect(v[0]).toEqual({ start: 1000, end: 12_000 });
    expect(v[1]).toEqual({ start: 12_000, end: 30_000 });
    // After the power comes back (50 s), silence counts again from then.
    expect(r.state.voice.deadAirStart).toBe(50_000);
    expect(r.state.faults[0]).toMatchObject({ endedBy: 'auto', recoveredAt: 50_000 });
  });
});

describe('ending', () => {
  it('ends by itself at the duration with one row per minute; later actions are rejected', () => {
    const s = busyScenario({ durationSec: 180 });
    const r = drive(s, 200_000, (t) => [talking(t)]);
    expect(r.state).toMatchObject({ phase: 'ended', endedAt: 180_000, endReason: 'time_up' });
    expect(r.state.minutes.map((m) => m.minute)).toEqual([0, 1, 2]);
    expect(r.effects.filter((e) => e.type === 'session_ended')).toHaveLength(1);
    expect(rejected(step(r.state, { type: 'pin_product', t: 200_000, productId: 'apple' }).effects)[0]).toMatch(/ended: 直播已结束/);
    expect(step(r.state, { type: 'tick', t: 300_000 })).toEqual({ state: r.state, effects: [] });
  });

  it("a station's round clock ends the task as exam_clock, logged apart from the trainee's own end", () => {
    const r = replay(createSession(busyScenario({})), [
      { type: 'tick', t: 30_000 },
      { type: 'end', t: 42_000, by: 'exam_clock' },
    ]);
    expect(r.state).toMatchObject({ phase: 'ended', endedAt: 42_000, endReason: 'exam_clock' });
    expect(r.effects.filter((e) => e.type === 'session_ended')).toEqual([{ type: 'session_ended', t: 42_000, reason: 'exam_clock' }]);
    expect(r.state.markers.at(-1)).toMatchObject({ kind: 'end', key: 'engine.marker.exam_clock_ended' });
  });

  it('the trainee can end early: open faults and offers are closed, the partial minute kept', () => {
    const s = busyScenario({ events: [{ at: 5, type: 'fault', fault: 'network_drop' }] });
    const r = replay(createSession(s), [
      { type: 'push_coupon', t: 1000, productId: 'apple' },
      { type: 'tick', t: 70_000 },
      { type: 'end', t: 75_500 },
    ]);
    expect(r.state).toMatchObject({ phase: 'ended', endedAt: 75_500, endReason: 'trainee', coupon: null });
    expect(r.state.faults[0]).toMatchObject({ endedBy: 'session_end', recoveredAt: null });
    expect(r.state.minutes.map((m) => m.minute)).toEqual([0, 1]);
    expect(r.state.markers.at(-1)).toMatchObject({ kind: 'end', key: 'engine.marker.trainee_ended' });
    expect(r.state.markers.map((m) => zh(m.key, m.params))).toContain('学员结束直播');
  });
});

describe('OBS drills and maxSec', () => {
  it('a drill in OBS is not ended by maxSec (OBS says when it is right); a simulated one is', () => {
    const s = busyScenario({ events: [{ at: 10, type: 'fault', fault: 'stop_stream', maxSec: 20 }] });
    const inObs = replay(createSession(s, { obs: true }), [{ type: 'tick', t: 60_000 }]);
    expect(inObs.state.faults[0]).toMatchObject({ source: 'obs', endedBy: null });
    const restored = step(inObs.state, { type: 'obs_drill', t: 61_000, faultId: 'f1', status: 'restored' });
    expect(restored.state.faults[0]).toMatchObject({ endedBy: 'restored', recoveredAt: null });
    const simulated = replay(createSession(s), [{ type: 'tick', t: 60_000 }]);
    expect(simulated.state.faults[0]).toMatchObject({ source: 'app', endedBy: 'auto', recoveredAt: 30_000 });
  });
});
