// A scripted trainee that drives the engine the way the live room would: ticks every `tickMs`,
// mic samples, and reactions to what the room shows (answer questions, mute trolls, fix faults,
// start the flash sale on cue, push coupons, cover selling points). Deterministic: it decides
// only from the effects it sees, so its input log can be replayed to check the engine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAULTS, createSession, step, type Effect, type Input, type SessionState } from '../../scenarios/engine/index.ts';
import { asLiveRoom, loadScenario, type LiveRoomScenario } from '../../scenarios/format/index.ts';

const root = join(import.meta.dirname, '..', '..');

/** A scenario of the shipped library by id (file name without .yaml). */
export function libraryScenario(id: string): LiveRoomScenario {
  const file = join(root, 'scenarios', 'library', `${id}.yaml`);
  const r = loadScenario(file, readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(`library scenario ${id} is invalid: ${JSON.stringify(r.errors)}`);
  return asLiveRoom(r.scenario);
}

export interface TraineeOptions {
  tickMs?: number;
  /** good: does the job · idle: only ticks (no voice, no actions). */
  quality?: 'good' | 'idle';
  seed?: number;
  obs?: boolean;
  /** Stop after this many ms of session time (default: the scenario's duration, then `end`). */
  untilMs?: number;
}

export interface TraineeRun {
  inputs: Input[];
  state: SessionState;
  effects: Effect[];
}

export function runTrainee(scenario: LiveRoomScenario, options: TraineeOptions = {}): TraineeRun {
  const tickMs = options.tickMs ?? 100;
  const good = (options.quality ?? 'good') === 'good';
  const until = options.untilMs ?? scenario.durationSec * 1000;
  let state = createSession(scenario, { ...(options.seed === undefined ? {} : { seed: options.seed }), obs: options.obs ?? false });
  const inputs: Input[] = [];
  const effects: Effect[] = [];
  const queue: Input[] = [];
  const product = scenario.products[0];
  const points = scenario.products.flatMap((p) => p.sellingPoints.map((x) => ({ productId: p.id, pointId: x.id })));
  const faqs = scenario.products.flatMap((p) => p.faqs);
  const typed = scenario.audience.host === 'simulated';

  const send = (input: Input) => {
    inputs.push(input);
    const r = step(state, input);
    state = r.state;
    for (const e of r.effects) {
      effects.push(e);
      if (good) react(e);
    }
  };
  const later = (input: Input) => {
    queue.push(input);
  };
  // One answer covers every open question on its topic: do not answer those twice.
  const alreadyAnswered = (input: Input): boolean =>
    (input.type === 'mark_answered' || input.type === 'reply' || input.type === 'reply_faq') && state.threads.some((th) => th.commentId === input.commentId && th.answeredAt !== null);
  const react = (e: Effect) => {
    const t = e.t;
    if (e.type === 'comment') {
      const c = e.comment;
      if (c.kind === 'troll' || c.kind === 'spam') later({ type: 'mute_user', t: t + 3000, commentId: c.id, durationSec: 600 });
      else if (c.replyBy !== null) {
        const faq = faqs.find((f) => f.topic === c.topic);
        const when = t + 4000 + (c.id.length % 3) * 1000;
        if (!typed) later({ type: 'mark_answered', t: when, commentId: c.id });
        else if (faq !== undefined) later({ type: 'reply_faq', t: when, commentId: c.id, faqId: faq.id });
        else later({ type: 'reply', t: when, commentId: c.id, text: c.kind === 'bait' ? '以商品详情页和直播间实际价格为准，今天是直播间专享价。' : '感谢反馈，马上为您处理，详情请点左下角小黄车咨询客服。' });
      }
    } else if (e.type === 'fault_started') {
      const fix = FAULTS[e.fault.kind].remedies.find((r) => r.fixes);
      if (fix !== undefined) later({ type: 'ack_fault', t: t + 6000, faultId: e.fault.id, remedy: fix.id });
      if (e.fault.source === 'obs') later({ type: 'obs_drill', t: t + 10000, faultId: e.fault.id, status: 'recovered' });
    } else if (e.type === 'cue') {
      later({ type: 'start_flash_sale', t: t + 5000, productId: e.cue.productId });
    }
  };

  for (let t = tickMs; t <= until; t += tickMs) {
    send({ type: 'tick', t });
    if (!good) continue;
    // Talk 6 s, pause 1 s: speech most of the time, never a dead-air stretch.
    send({ type: 'voice', t, level: t % 7000 < 6000 ? 0.3 : 0.01 });
    if (t === 2000 && product !== undefined) {
      send({ type: 'set_text', t, field: 'title', text: `${scenario.title['zh-CN']}，直播间专享价` });
      send({ type: 'pin_product', t, productId: product.id });
    }
    const point = points[Math.floor(t / 40000) - 1];
    if (t % 40000 === 0 && point !== undefined) send({ type: 'cover_selling_point', t, ...point });
    if (t % 240000 === 30000 && product?.coupon !== undefined) send({ type: 'push_coupon', t, productId: product.id });
    queue.sort((a, b) => a.t - b.t);
    while (queue.length > 0 && (queue[0]?.t ?? Infinity) <= t) {
      const next = queue.shift();
      if (next === undefined || alreadyAnswered(next)) continue;
      send({ ...next, t });
    }
  }
  if (good && until >= scenario.durationSec * 1000) send({ type: 'end', t: until });
  return { inputs, state, effects };
}
