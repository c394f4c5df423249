// The audience model reacts to what the trainee does, and every viewer change says why.
import { describe, expect, it } from 'vitest';
import { computeMetrics, createSession, step, viewerReasonKey, type Effect, type Input, type SessionState } from '../../scenarios/engine/index.ts';
import { enText, zh } from '../harness/i18n.ts';
import { busyScenario, drive, talking } from '../harness/scenarios.ts';

const viewersEffects = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'viewers' ? [e] : []));
const inWindow = (effects: Effect[], from: number, to: number) => effects.filter((e) => e.t > from && e.t <= to);
const orders = (effects: Effect[]) => effects.filter((e) => e.type === 'order');

function sumReason(effects: Effect[], reason: string): number {
  return viewersEffects(effects).reduce((a, e) => a + e.changes.filter((c) => c.reason === reason).reduce((x, c) => x + c.delta, 0), 0);
}

describe('audience model', () => {
  it('every viewers effect carries reasons whose deltas add up to the change', () => {
    const run = drive(busyScenario(), 120_000, (t) => [talking(t)]);
    let prev = 500;
    for (const e of viewersEffects(run.effects)) {
      expect(e.changes.length).toBeGreaterThan(0);
      expect(e.viewers - prev).toBe(e.changes.reduce((a, c) => a + c.delta, 0));
      for (const c of e.changes) {
        // Each reason has words in both languages (zh/enText throw on a missing key).
        expect(zh(viewerReasonKey(c.reason)).length).toBeGreaterThan(0);
        expect(enText(viewerReasonKey(c.reason)).length).toBeGreaterThan(0);
      }
      prev = e.viewers;
    }
    expect(prev).toBe(run.state.viewers);
  });

  it('dead air drives viewers away (reason dead_air); talking keeps them', () => {
    const silent = drive(busyScenario(), 180_000);
    const talk = drive(busyScenario(), 180_000, (t) => [talking(t)]);
    expect(silent.state.departures.dead_air).toBeGreaterThan(50);
    expect(talk.state.departures.dead_air).toBe(0);
    expect(talk.state.viewers).toBeGreaterThan(silent.state.viewers);
    expect(computeMetrics(silent.state).voice.deadAir.stretches[0]).toEqual({ start: 0, end: 180_000 });
  });

  it('a simulated anchor (平台管理员 tasks) has no dead air', () => {
    const s = busyScenario();
    const run = drive({ ...s, audience: { ...s.audience, host: 'simulated' } }, 60_000);
    expect(run.state.departures.dead_air).toBe(0);
    expect(run.effects.some((e) => e.type === 'dead_air')).toBe(false);
  });

  it('answering questions in time brings viewers (answers) and keeps askers (fewer unanswered departures)', () => {
    const ignore = drive(busyScenario(), 240_000, (t) => [talking(t)]);
    const answer = drive(busyScenario(), 240_000, (t) => [talking(t), ...(t % 1000 === 0 ? [{ type: 'mark_answered', t } as Input] : [])]);
    expect(ignore.state.arrivals.answers).toBe(0);
    expect(answer.state.arrivals.answers).toBeGreaterThan(20);
    expect(answer.state.departures.unanswered).toBeLessThan(ignore.state.departures.unanswered / 3);
    expect(answer.state.viewers).toBeGreaterThan(ignore.state.viewers);
  });

  it('a network drop stops arrivals and orders and sends viewers away until it is fixed', () => {
    const s = busyScenario({ events: [{ at: 60, type: 'fault', fault: 'network_drop' }] });
    // Fault ids are deterministic: the first fault of a session is f1.
    const rerun = drive(s, 150_000, (t) => {
      const inputs: Input[] = [talking(t), ...(t === 1000 ? [{ type: 'pin_product', t, productId: 'apple' } as Input] : [])];
      if (t === 80_000) inputs.push({ type: 'ack_fault', t, faultId: 'f1', remedy: 'wait' }, { type: 'ack_fault', t, faultId: 'f1', remedy: 'switch_network' });
      return inputs;
    });
    expect(rerun.effects).toContainEqual(expect.objectContaining({ type: 'fault_started', t: 60_000, fault: expect.objectContaining({ id: 'f1', source: 'app' }) as unknown }));
    const during = inWindow(rerun.effects, 60_000, 87_800);
    expect(orders(during)).toEqual([]);
    expect(sumReason(during, 'platform')).toBe(0);
    expect(sumReason(during, 'stream_down')).toBeLessThan(-50);
    const ended = rerun.effects.find((e) => e.type === 'fault_ended');
    expect(ended).toMatchObject({ t: 88_000, fault: { endedBy: 'remedy', recoveredAt: 88_000, detectedAt: 80_000 } });
    expect(orders(inWindow(rerun.effects, 88_000, 150_000)).length).toBeGreaterThan(0);
    expect(computeMetrics(rerun.state).faults.items[0]).toMatchObject({ detectMs: 20_000, recoverMs: 28_000, wrongRemedies: 1, correctRemedy: true });
  });

  it('a pinned product sells far more than the shopping bag alone', () => {
    const bag = drive(busyScenario(), 300_000, (t) => [talking(t)]);
    const pinned = drive(busyScenario(), 300_000, (t) => [talking(t), ...(t === 100 ? [{ type: 'pin_product', t, productId: 'apple' } as Input] : [])]);
    expect(pinned.state.orders.length).toBeGreaterThan(bag.state.orders.length * 2);
    expect(bag.state.orders.every((o) => o.via === 'bag' || o.via === 'intent')).toBe(true);
  });

  it('a coupon brings viewers (coupon) and discounts orders while it is on', () => {
    const run = drive(busyScenario(), 200_000, (t) => [
      talking(t),
      ...(t === 100 ? [{ type: 'pin_product', t, productId: 'apple' } as Input] : []),
      ...(t === 30_000 ? [{ type: 'push_coupon', t, productId: 'apple' } as Input] : []),
    ]);
    expect(run.state.arrivals.coupon).toBeGreaterThan(0);
    const withCoupon = run.state.orders.filter((o) => o.coupon);
    expect(withCoupon.length).toBeGreaterThan(0);
    for (const o of withCoupon) {
      expect(o.t).toBeGreaterThanOrEqual(30_000);
      expect(o.t).toBeLessThan(150_000);
      expect(o.paid).toBe(o.unitPrice * o.qty - 500);
    }
    expect(run.effects).toContainEqual(expect.objectContaining({ type: 'coupon_ended', t: 150_000 }));
  });

  it('unhandled trolls and spam cost viewers; muting the bad actors stops them', () => {
    const ignore = drive(busyScenario(), 180_000, (t) => [talking(t)]);
    expect(ignore.state.departures.abuse_visible).toBeGreaterThan(0);
    let state: SessionState = createSession(busyScenario());
    const effects: Effect[] = [];
    for (let t = 100; t <= 180_000; t += 100) {
      for (const input of [talking(t), { type: 'tick', t } as Input]) {
        const r = step(state, input);
        state = r.state;
        effects.push(...r.effects);
        for (const e of r.effects) {
          if (e.type === 'comment' && (e.comment.kind === 'troll' || e.comment.kind === 'spam')) {
            const m = step(state, { type: 'mute_user', t, commentId: e.comment.id, durationSec: 3600 });
            state = m.state;
            effects.push(...m.effects);
          }
        }
      }
    }
    const mod = computeMetrics(state).moderation;
    expect(mod.handledRate).toBe(1);
    expect(mod.prevented).toBeGreaterThan(0);
    expect(state.departures.abuse_visible).toBeLessThan(ignore.state.departures.abuse_visible);
    expect(effects.some((e) => e.type === 'comment_hidden' && e.reason === 'muted')).toBe(true);
  });

  it('muting a legitimate viewer costs that viewer at once (muted_wrongly)', () => {
    const run = drive(busyScenario(), 30_000, (t) => [talking(t)]);
    const praise = run.state.recent.find((c) => c.kind === 'praise' || c.kind === 'question');
    if (praise === undefined) throw new Error('no legitimate comment');
    const r = step(run.state, { type: 'mute_user', t: 30_000, commentId: praise.id, durationSec: 60 });
    expect(r.effects).toContainEqual(expect.objectContaining({ type: 'user_muted', mistaken: true }));
    expect(r.effects).toContainEqual(expect.objectContaining({ type: 'viewers', changes: [{ reason: 'muted_wrongly', delta: -1 }] }));
    expect(computeMetrics(r.state).moderation.mutedByMistake).toEqual([expect.objectContaining({ user: praise.user })]);
  });

  it('a scripted surge arrives over ten seconds with reason surge', () => {
    const run = drive(busyScenario({ events: [{ at: 10, type: 'surge', viewers: 300 }] }), 40_000, (t) => [talking(t)]);
    const surge = sumReason(run.effects, 'surge');
    expect(surge).toBeGreaterThan(250);
    expect(surge).toBeLessThan(350);
    expect(viewersEffects(run.effects).filter((e) => e.changes.some((c) => c.reason === 'surge')).every((e) => e.t >= 10_000 && e.t < 20_000)).toBe(true);
  });

  it('while viewers cannot hear, many comments are reactions (没声音了？) that expect an answer', () => {
    const run = drive(busyScenario({ events: [{ at: 5, type: 'fault', fault: 'mute_mic' }] }), 60_000, (t) => [talking(t)]);
    const reactions = run.effects.flatMap((e) => (e.type === 'comment' && e.comment.reaction ? [e.comment] : []));
    expect(reactions.length).toBeGreaterThan(5);
    expect(reactions.every((c) => c.topic === 'stream' && c.replyBy !== null)).toBe(true);
    expect(run.state.departures.no_sound).toBeGreaterThan(0);
  });
});
