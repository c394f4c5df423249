// Determinism and purity of the session reducer, property-based: any input sequence replayed
// twice gives deep-equal states and effects; a state serialised mid-way continues identically;
// extra ticks change nothing; the caller's state is never mutated; invariants always hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMetrics, createSession, deserialize, replay, serialize, step, type Effect, type Input, type SessionState } from '../../scenarios/engine/index.ts';
import { libraryScenario, runTrainee } from '../harness/trainee.ts';

const scenario = libraryScenario('b5-navel-orange-quick');

type Action = Input extends infer I ? (I extends Input ? Omit<I, 't'> : never) : never;

const commentId = fc.integer({ min: 1, max: 80 }).map((n) => `c${n}`);
const texts = fc.constantFrom('坏果包赔，拍照联系客服', '这是全网最低价！', '加微信给你优惠', '今天直播间专享价', '最好的橙子，第一次买放心', '');
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ type: 'tick' as const }) },
  { weight: 6, arbitrary: fc.record({ type: fc.constant('voice' as const), level: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  fc.record({ type: fc.constant('mark_answered' as const), commentId: fc.option(commentId, { nil: null }) }),
  fc.record({ type: fc.constant('reply' as const), commentId, text: texts }),
  fc.record({ type: fc.constant('reply_faq' as const), commentId, faqId: fc.constantFrom('price', 'shipping', 'faq-u1', 'nope') }),
  fc.record({ type: fc.constant('add_faq' as const), question: fc.constantFrom('能放多久？', ''), answer: texts, topic: fc.constantFrom('usage' as const, 'price' as const), productId: fc.constantFrom(null, 'orange-5jin', 'pear') }),
  fc.record({ type: fc.constant('pin_comment' as const), commentId }),
  fc.constant({ type: 'unpin_comment' as const }),
  fc.record({ type: fc.constant('mute_user' as const), commentId, durationSec: fc.integer({ min: 0, max: 900 }) }),
  fc.record({ type: fc.constant('unmute_user' as const), userId: fc.constantFrom('troll-0', 'spam-1', 'u3') }),
  fc.record({ type: fc.constant('block_keyword' as const), keyword: fc.constantFrom('加V', '私信', '多少钱', '') }),
  fc.record({ type: fc.constant('unblock_keyword' as const), keyword: fc.constantFrom('加V', '私信') }),
  fc.record({ type: fc.constant('pin_product' as const), productId: fc.constantFrom('orange-5jin', 'pear') }),
  fc.constant({ type: 'unpin_product' as const }),
  fc.record({ type: fc.constant('push_coupon' as const), productId: fc.constantFrom('orange-5jin', 'pear') }),
  fc.record({ type: fc.constant('start_flash_sale' as const), productId: fc.constant('orange-5jin') }),
  fc.record({ type: fc.constant('ack_fault' as const), faultId: fc.constantFrom('f1', 'f2'), remedy: fc.constantFrom('switch_network', 'wait', 'reconnect_camera', 'bogus'), note: fc.constant(null) }),
  fc.record({ type: fc.constant('cover_selling_point' as const), productId: fc.constant('orange-5jin'), pointId: fc.constantFrom('sweet', 'origin', 'fresh', 'nope') }),
  fc.record({ type: fc.constant('set_text' as const), field: fc.constantFrom('title' as const, 'script' as const, 'notice' as const), text: texts }),
  fc.record({ type: fc.constant('camera' as const), available: fc.boolean() }),
  fc.record({ type: fc.constant('obs_drill' as const), faultId: fc.constantFrom('f1', 'f2'), status: fc.constantFrom('active' as const, 'recovered' as const, 'failed' as const), drillId: fc.constant(null) }),
  { weight: 1, arbitrary: fc.constant({ type: 'end' as const }) },
);

/** Timed inputs: gaps of 0–6 s, so a sequence covers much of the 3-minute task. */
const inputsArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 6000 }), action), { minLength: 1, maxLength: 60 })
  .map((pairs) => {
    let t = 0;
    return pairs.map(([gap, a]): Input => {
      t += gap;
      return { ...a, t };
    });
  });

function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

/** Replays with every state frozen before it is stepped: any mutation of the input state throws. */
function frozenReplay(inputs: readonly Input[], from: SessionState = createSession(scenario)): { state: SessionState; effects: Effect[] } {
  let state = from;
  const effects: Effect[] = [];
  for (const input of inputs) {
    const r = step(deepFreeze(state), input);
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects };
}

function checkInvariants(s: SessionState): void {
  const m = computeMetrics(s);
  const arrived = Object.values(s.arrivals).reduce((a, b) => a + b, 0);
  const left = Object.values(s.departures).reduce((a, b) => a + b, 0);
  expect(s.viewers).toBeGreaterThanOrEqual(0);
  expect(s.viewers).toBe(m.audience.start + arrived - left);
  expect(s.totalViewers).toBe(m.audience.start + arrived);
  expect(s.gmv).toBe(s.orders.reduce((a, o) => a + o.paid, 0));
  expect(s.commentsShown).toBe(Object.values(s.byKind).reduce((a, b) => a + b, 0));
  expect(m.series.reduce((a, r) => a + r.orders, 0)).toBe(s.orders.length);
  expect(m.series.reduce((a, r) => a + r.comments, 0)).toBe(s.commentsShown);
  for (const p of s.products) expect(Math.min(p.stock, p.couponStock, p.flashStock)).toBeGreaterThanOrEqual(0);
  expect(JSON.parse(JSON.stringify(s))).toStrictEqual(s);
}

describe('engine determinism (property-based)', () => {
  it('replaying any input sequence twice gives deep-equal states and effects, without mutating its input', () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const a = frozenReplay(inputs);
        const b = frozenReplay(inputs);
        expect(b.state).toEqual(a.state);
        expect(b.effects).toEqual(a.effects);
        expect(computeMetrics(b.state)).toEqual(computeMetrics(a.state));
        checkInvariants(a.state);
      }),
      { numRuns: 60 },
    );
  });

  it('serialising the state mid-way and continuing gives the same result', () => {
    fc.assert(
      fc.property(inputsArb, fc.nat(), (inputs, cut) => {
        const k = cut % (inputs.length + 1);
        const straight = replay(createSession(scenario), inputs);
        const first = replay(createSession(scenario), inputs.slice(0, k));
        const resumed = replay(deserialize(serialize(first.state)), inputs.slice(k));
        expect(resumed.state).toEqual(straight.state);
        expect([...first.effects, ...resumed.effects]).toEqual(straight.effects);
      }),
      { numRuns: 60 },
    );
  });

  it('extra ticks change nothing: the simulation runs in fixed steps', () => {
    fc.assert(
      fc.property(inputsArb, fc.constantFrom(100, 250, 1000), (inputs, every) => {
        const actions = inputs.filter((i) => i.type !== 'tick');
        const dense: Input[] = [];
        let next = every;
        for (const input of actions) {
          for (; next < input.t; next += every) dense.push({ type: 'tick', t: next });
          dense.push(input);
        }
        const sparse = replay(createSession(scenario), actions);
        const ticked = replay(createSession(scenario), dense);
        if (actions.length > 0) {
          expect(ticked.state).toEqual(sparse.state);
          expect(ticked.effects).toEqual(sparse.effects);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('engine determinism (full sessions)', () => {
  it('a whole task driven by a trainee replays to the same state, audience and metrics', () => {
    const run = runTrainee(scenario);
    expect(run.state.phase).toBe('ended');
    const again = replay(createSession(scenario), run.inputs);
    expect(again.state).toEqual(run.state);
    expect(again.effects).toEqual(run.effects);
    expect(computeMetrics(again.state)).toEqual(computeMetrics(run.state));
    checkInvariants(run.state);
  });

  it('the same seed gives the same audience; another seed another one', () => {
    const a = runTrainee(scenario, { quality: 'idle' });
    const b = runTrainee(scenario, { quality: 'idle' });
    const c = runTrainee(scenario, { quality: 'idle', seed: 7 });
    const texts = (r: typeof a) => r.effects.flatMap((e) => (e.type === 'comment' ? [e.comment.text] : []));
    expect(texts(b)).toEqual(texts(a));
    expect(texts(c)).not.toEqual(texts(a));
  });

  it('the sequence of comments does not depend on what the trainee does (only how many arrive)', () => {
    const idle = runTrainee(scenario, { quality: 'idle', untilMs: 90_000 });
    // Answer every question by voice: changes viewers and comment counts, not the comments' order.
    let s = createSession(scenario);
    const seen: string[] = [];
    for (let t = 100; t <= 90_000; t += 100) {
      for (const e of step(s, { type: 'tick', t }).effects) if (e.type === 'comment' && !e.comment.scripted) seen.push(e.comment.text);
      s = step(s, { type: 'tick', t }).state;
      s = step(s, { type: 'voice', t, level: 0.4 }).state;
      if (t % 3000 === 0) s = step(s, { type: 'mark_answered', t }).state;
    }
    const base = idle.effects.flatMap((e) => (e.type === 'comment' && !e.comment.scripted ? [e.comment.text] : []));
    const n = Math.min(base.length, seen.length, 8);
    expect(n).toBeGreaterThanOrEqual(5);
    expect(seen.slice(0, n)).toEqual(base.slice(0, n));
  });

  it('rejects a non-finite time without advancing', () => {
    const s = createSession(scenario);
    const r = step(s, { type: 'tick', t: Number.NaN });
    expect(r.effects).toEqual([expect.objectContaining({ type: 'rejected', code: 'bad_time' })]);
    expect(r.state.simT).toBe(0);
  });
});
