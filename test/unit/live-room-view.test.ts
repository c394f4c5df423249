// The live room's pure logic: folding engine effects into the comment feed (capped, statuses,
// toasts) once per frame, the timeline for the charts, which rows the stream renders, the clock.
import { describe, expect, it } from 'vitest';
import { openQuestions, step, type Effect } from '../../scenarios/engine/index.ts';
import { clockSpeed, createClock, formatClock } from '../../renderer/src/features/live-room/clock.ts';
import { filterFeed, ROW_PX, scrollWindow, tailWindow } from '../../renderer/src/features/live-room/comment-window.ts';
import { currentThread, threadById, waitingQueue } from '../../renderer/src/features/live-room/queue.ts';
import { applyToTimeline, bucketMsFor, emptyTimeline, trimTimeline } from '../../renderer/src/features/live-room/timeline.ts';
import { applyEffects, emptyView, FEED_CAP, TOAST_CAP, TOAST_MS } from '../../renderer/src/features/live-room/view.ts';
import { voiceLevel } from '../../renderer/src/media/voice-activity.ts';
import { busyScenario, drive } from '../harness/scenarios.ts';

/** Frames of ~16 ms: the effects of each frame folded at once, as session.ts does. */
function byFrames(effects: readonly Effect[], frameMs = 16) {
  const frames: Effect[][] = [];
  for (const e of effects) {
    const i = Math.floor(e.t / frameMs);
    (frames[i] ??= []).push(e);
  }
  return frames.filter((f) => f.length > 0);
}

describe('applyEffects: the comment feed', () => {
  const run = drive(busyScenario({ audience: { commentsPerMin: 3000 } }), 30_000);
  const comments = run.effects.flatMap((e) => (e.type === 'comment' || e.type === 'comment_hidden' ? [e.comment] : []));

  it('keeps every comment in order, the newest FEED_CAP of them, however many come per frame', () => {
    expect(comments.length).toBeGreaterThan(FEED_CAP * 2);
    let view = emptyView();
    for (const frame of byFrames(run.effects)) view = applyEffects(view, frame, frame[frame.length - 1]?.t ?? 0);
    expect(view.feed.total).toBe(comments.length);
    expect(view.feed.items).toHaveLength(FEED_CAP);
    const ids = view.feed.items.map((x) => x.id);
    const last = comments.slice(-FEED_CAP).map((c) => c.id);
    expect(ids).toEqual(last);
  });

  it('gives the same feed whether effects come one by one or in one batch', () => {
    const some = run.effects.slice(0, 400);
    let oneByOne = emptyView();
    for (const e of some) oneByOne = applyEffects(oneByOne, [e], 0);
    const batch = applyEffects(emptyView(), some, 0);
    expect(batch.feed).toEqual(oneByOne.feed);
  });

  it('returns the same objects when nothing changed (no re-render)', () => {
    const view = applyEffects(emptyView(), run.effects.slice(0, 50), 0);
    const again = applyEffects(view, [], 0);
    expect(again.feed).toBe(view.feed);
    expect(again.banned).toBe(view.banned);
  });

  it('marks a comment answered, expired, or from a muted author', () => {
    const s = drive(busyScenario(), 20_000);
    let view = applyEffects(emptyView(), s.effects, s.state.t);
    const open = view.feed.items.find((x) => x.status === 'open');
    expect(open).toBeDefined();
    const answered = step(s.state, { type: 'mark_answered', t: s.state.t, commentId: open?.id ?? null });
    view = applyEffects(view, answered.effects, s.state.t);
    expect(view.feed.items.find((x) => x.id === open?.id)?.status).toBe('answered');

    const troll = view.feed.items.find((x) => x.kind === 'troll' && x.hidden === null);
    expect(troll).toBeDefined();
    const muted = step(answered.state, { type: 'mute_user', t: s.state.t, commentId: troll?.id ?? '', durationSec: 60 });
    view = applyEffects(view, muted.effects, s.state.t);
    expect(view.feed.items.filter((x) => x.userId === troll?.userId).every((x) => x.muted)).toBe(true);

    const later = drive(muted.state, 120_000);
    view = applyEffects(view, later.effects, later.state.t);
    expect(view.feed.items.some((x) => x.status === 'expired')).toBe(true);
  });

  it('shows hidden comments as hidden, with the reason', () => {
    const s = drive(busyScenario(), 5_000);
    const blocked = step(s.state, { type: 'block_keyword', t: s.state.t, keyword: '加V' });
    const after = drive(blocked.state, 60_000);
    const view = applyEffects(emptyView(), after.effects, after.state.t);
    const hidden = view.feed.items.filter((x) => x.hidden === 'keyword');
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((x) => x.text.includes('加V') && x.status === null)).toBe(true);
    expect(view.feed.hidden).toBe(after.effects.filter((e) => e.type === 'comment_hidden').length);
  });
});

describe('applyEffects: toasts, banned words, the cue', () => {
  it('keeps at most TOAST_CAP toasts and ages them out after TOAST_MS', () => {
    const s = drive(busyScenario({ audience: { buyPerViewerMin: 0.2 } }), 5_000, (t, st) => (st.pinnedProduct === null ? [{ type: 'pin_product', t, productId: 'apple' }] : []));
    const view = applyEffects(emptyView(), s.effects, 5_000);
    expect(s.effects.filter((e) => e.type === 'order').length).toBeGreaterThan(TOAST_CAP);
    expect(view.toasts).toHaveLength(TOAST_CAP);
    // The newest ones, in order.
    expect(view.toasts.map((x) => x.id)).toEqual([...view.toasts.map((x) => x.id)].sort((a, b) => a - b));
    expect(view.toasts.at(-1)?.id).toBe(view.nextToastId - 1);
    expect(view.toasts.some((x) => x.key === 'order' && typeof x.values.paid === 'string')).toBe(true);
    expect(applyEffects(view, [], 5_000 + TOAST_MS + 1).toasts).toHaveLength(0);
  });

  it('collects banned-word hits from a typed reply with category and advice, and a rejection as a toast', () => {
    const s = drive(busyScenario(), 20_000);
    const q = s.state.threads.find((th) => th.answeredAt === null);
    const r = step(s.state, { type: 'reply', t: s.state.t, commentId: q?.commentId ?? '', text: '这是全网最低价，加微信下单' });
    const view = applyEffects(emptyView(), r.effects, s.state.t);
    expect(view.banned.map((h) => h.word)).toEqual(expect.arrayContaining(['全网最低价']));
    expect(view.banned.every((h) => h.categoryName !== '' && h.advice !== '')).toBe(true);
    const again = step(r.state, { type: 'reply', t: s.state.t, commentId: q?.commentId ?? '', text: '好的' });
    const rejected = applyEffects(view, again.effects, s.state.t);
    expect(rejected.toasts.at(-1)).toMatchObject({ key: 'rejected', tone: 'bad' });
  });

  it('holds the flash-sale cue until the sale starts or its time is up', () => {
    const scenario = busyScenario({ events: [{ at: 2, type: 'flash_sale_cue', product: 'apple', withinSec: 30 }] });
    const s = drive(scenario, 3_000);
    let view = applyEffects(emptyView(), s.effects, 3_000);
    expect(view.cue).toMatchObject({ productId: 'apple', until: 32_000 });
    const started = step(s.state, { type: 'start_flash_sale', t: 3_000, productId: 'apple' });
    view = applyEffects(view, started.effects, 3_000);
    expect(view.cue).toBeNull();
    const expired = applyEffects(applyEffects(emptyView(), s.effects, 3_000), [], 33_000);
    expect(expired.cue).toBeNull();
  });
});

describe('timeline buckets for the charts', () => {
  it('sizes buckets to the session', () => {
    expect(bucketMsFor(180)).toBe(5_000);
    expect(bucketMsFor(1200)).toBe(20_000);
    expect(bucketMsFor(5400)).toBe(60_000);
  });

  it('counts every comment and order, carries viewers over quiet buckets, and trims after the end', () => {
    const s = drive(busyScenario({ audience: { buyPerViewerMin: 0.05 } }), 60_000, (t, st) => (st.pinnedProduct === null ? [{ type: 'pin_product', t, productId: 'apple' }] : []));
    let tl = emptyTimeline(600, s.state.scenario.audience.startViewers ?? 0);
    for (const frame of byFrames(s.effects, 100)) tl = applyToTimeline(tl, frame);
    const comments = s.effects.filter((e) => e.type === 'comment' || e.type === 'comment_hidden').length;
    expect(tl.buckets.reduce((a, b) => a + b.comments, 0)).toBe(comments);
    expect(tl.buckets.reduce((a, b) => a + b.orders, 0)).toBe(s.state.orders.length);
    expect(tl.buckets.reduce((a, b) => a + b.gmv, 0)).toBe(s.state.gmv);
    expect(tl.buckets.at(-1)?.viewers).toBe(s.state.viewers);
    expect(tl.buckets.every((b, i) => b.t === i * tl.bucketMs)).toBe(true);
    expect(trimTimeline(tl, 30_000).buckets.every((b) => b.t < 30_000)).toBe(true);
  });
});

describe('comment rows in the DOM', () => {
  it('live: only the rows that fit, newest last', () => {
    expect(tailWindow(300, 10 * ROW_PX)).toMatchObject({ start: 290, end: 300 });
    expect(tailWindow(3, 10 * ROW_PX)).toMatchObject({ start: 0, end: 3 });
  });
  it('paused: the rows under the scroll position, a few either side, in a full-height box', () => {
    const w = scrollWindow(300, 10 * ROW_PX, 100 * ROW_PX);
    expect(w.start).toBe(97);
    expect(w.end).toBe(113);
    expect(w.offset).toBe(97 * ROW_PX);
    expect(w.height).toBe(300 * ROW_PX);
    expect(scrollWindow(300, 10 * ROW_PX, 1e9)).toMatchObject({ start: 287, end: 300 });
    expect(scrollWindow(0, 10 * ROW_PX, 500)).toMatchObject({ start: 0, end: 0 });
  });
  it('filters to the comments that need an answer or to abuse', () => {
    const s = drive(busyScenario(), 30_000);
    const items = applyEffects(emptyView(), s.effects, 30_000).feed.items;
    expect(filterFeed(items, 'abuse').every((x) => x.kind === 'troll' || x.kind === 'spam')).toBe(true);
    expect(filterFeed(items, 'reply').every((x) => x.replyBy !== null || x.hidden !== null)).toBe(true);
    expect(filterFeed(items, 'all')).toBe(items);
  });
});

describe('session clock and voice level', () => {
  it('reads ?clock=N (1–20), else 1', () => {
    expect(clockSpeed('?token=x&clock=4')).toBe(4);
    expect(clockSpeed('?clock=100')).toBe(20);
    expect(clockSpeed('?clock=abc')).toBe(1);
    expect(clockSpeed('?clock=0.5')).toBe(1);
    expect(clockSpeed('')).toBe(1);
  });
  it('gives engine time = real time × speed, in whole ms, never negative', () => {
    let real = -5;
    const clock = createClock(() => real, 4);
    expect(clock.now()).toBe(0);
    real = 1000.4;
    expect(clock.real()).toBe(1000.4);
    expect(clock.now()).toBe(4002);
  });
  it('formats mm:ss and h:mm:ss', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(61_999)).toBe('01:01');
    expect(formatClock(5_400_000)).toBe('1:30:00');
  });
  it("maps the device check's speech level to the engine's voice threshold", () => {
    expect(voiceLevel(-55)).toBeCloseTo(0.05, 6);
    expect(voiceLevel(-70)).toBe(0);
    expect(voiceLevel(-20)).toBeGreaterThan(0.5);
    expect(voiceLevel(0)).toBe(1);
    expect(voiceLevel(-Infinity)).toBe(0);
  });
});

describe('the 待回复 queue without walking every question', () => {
  it('gives the first waiting comments in the engine order and the counts of openQuestions', () => {
    // Answers now and then, so the session has answered, late, overdue and open questions.
    const run = drive(busyScenario({ audience: { commentsPerMin: 600 } }), 150_000, (t) => (t % 7_000 === 0 ? [{ type: 'mark_answered', t, commentId: null }] : []));
    for (const [i, s] of [run.state, drive(busyScenario(), 20_000).state].entries()) {
      const all = openQuestions(s);
      const q = waitingQueue(s, 40);
      expect(q.open + q.overdue, `session ${String(i)}`).toBe(all.length);
      expect(q.items.map((x) => x.commentId)).toEqual(all.slice(0, 40).map((x) => x.commentId));
      expect(currentThread(s)?.commentId ?? null).toBe(all[0]?.commentId ?? null);
      if (i === 0) expect(q.overdue).toBeGreaterThan(0);
    }
  });

  it('finds a thread by comment id, and nothing for other ids', () => {
    const s = drive(busyScenario(), 60_000).state;
    for (const th of s.threads) expect(threadById(s, th.commentId)).toBe(th);
    const praise = s.recent.find((c) => c.kind === 'praise');
    expect(threadById(s, praise?.id ?? 'c0')).toBeUndefined();
    expect(threadById(s, 'x1')).toBeUndefined();
  });
});
