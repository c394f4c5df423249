// Small scenarios for engine tests, built from the minimal fixture with overrides, and a driver
// that ticks a session forward.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSession, step, type Effect, type Input, type SessionOptions, type SessionState } from '../../scenarios/engine/index.ts';
import { asLiveRoom, loadScenario, type Audience, type LiveRoomScenario } from '../../scenarios/format/index.ts';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'scenarios', 'valid-minimal.yaml');

export function baseScenario(): LiveRoomScenario {
  const r = loadScenario('valid-minimal.yaml', readFileSync(fixture, 'utf8'));
  if (!r.ok) throw new Error('fixture invalid');
  return asLiveRoom(r.scenario);
}

/** A busy room with one product (coupon, flash sale, three FAQs), every comment kind, no scripted events. */
export function busyScenario(patch: Omit<Partial<LiveRoomScenario>, 'audience'> & { audience?: Partial<Audience> } = {}): LiveRoomScenario {
  const base = baseScenario();
  const { audience, ...rest } = patch;
  return {
    ...base,
    durationSec: 600,
    products: [
      {
        id: 'apple',
        name: '苹果 5斤装',
        price: 29.9,
        listPrice: 39.9,
        stock: 5000,
        coupon: { amount: 5, threshold: 29, stock: 1000, validSec: 120 },
        flashSale: { price: 19.9, stock: 50, durationSec: 60 },
        specs: [],
        sellingPoints: [
          { id: 'crisp', text: '脆甜多汁' },
          { id: 'fresh', text: '现摘现发' },
          { id: 'big', text: '果径 80 毫米以上' },
        ],
        faqs: [
          { id: 'price', topic: 'price', q: '多少钱？', a: '29.9 元 5 斤，领券减 5 元。' },
          { id: 'ship', topic: 'shipping', q: '几天到？', a: '48 小时内发货。' },
          { id: 'after', topic: 'after_sales', q: '坏果怎么办？', a: '坏果包赔。' },
        ],
        images: [],
      },
    ],
    audience: {
      ...base.audience,
      seed: 42,
      baseViewers: 500,
      startViewers: 500,
      meanStaySec: 120,
      commentsPerMin: 60,
      buyPerViewerMin: 0.004,
      kindWeights: { question: 30, objection: 5, praise: 10, troll: 10, spam: 10, bait: 5, complaint: 5, intent: 10 },
      comments: {
        question: { price: ['多少钱？', '券后多少？'], shipping: ['几天到？'], after_sales: ['坏了怎么办？'] },
        objection: ['有点贵'],
        praise: ['好吃'],
        troll: ['主播真难看'],
        spam: ['加V领券'],
        bait: ['是不是全网最低价？'],
        complaint: ['上次的烂了'],
        intent: ['怎么拍？'],
      },
      ...audience,
    },
    events: [],
    ...rest,
  };
}

export interface Drive {
  state: SessionState;
  effects: Effect[];
}

/**
 * Ticks from the state's time to `until` every `tickMs`, calling `each` before every tick for
 * extra inputs (voice, actions) at that time.
 */
export function drive(start: SessionState | LiveRoomScenario, until: number, each: (t: number, s: SessionState) => Input[] = () => [], tickMs = 100, options: SessionOptions = {}): Drive {
  let state = 'version' in start ? start : createSession(start, options);
  const effects: Effect[] = [];
  for (let t = state.t + tickMs; t <= until; t += tickMs) {
    for (const input of [...each(t, state), { type: 'tick', t } as Input]) {
      const r = step(state, input);
      state = r.state;
      effects.push(...r.effects);
    }
  }
  return { state, effects };
}

export function talking(t: number): Input {
  return { type: 'voice', t, level: 0.5 };
}
