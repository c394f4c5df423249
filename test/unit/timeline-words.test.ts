// The assessor's timeline sends codes and params, and the UI words them: a real session (the
// level-5 practice task on the engine, with replies, a banned word, the coupon, the flash sale, a
// wrong and a right remedy, dead air), a device check and OBS telemetry, built into a timeline and
// said in both languages. Every item has words in each (no raw key, no {{param}} left), and the
// English has no Chinese but what the session itself holds (names, comments, products, the law).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSession, step, type Effect, type Input, type SessionState } from '../../scenarios/engine/index.ts';
import { loadScenario } from '../../scenarios/format/index.ts';
import { asLiveRoom } from '../../scenarios/format/task.ts';
import { TIMELINE_CODES, TimelineBuilder, type Timeline, type TimelineText } from '../../scenarios/scoring/timeline.ts';
import { enText, zh } from '../harness/i18n.ts';

const YAML = fileURLToPath(new URL('../../scenarios/library/b5-navel-orange-quick.yaml', import.meta.url));
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

function session(): Timeline {
  const loaded = loadScenario('b5-navel-orange-quick.yaml', readFileSync(YAML, 'utf8'));
  if (!loaded.ok) throw new Error('scenario');
  const builder = new TimelineBuilder(asLiveRoom(loaded.scenario));
  let state: SessionState = createSession(asLiveRoom(loaded.scenario), { seed: 20260101, obs: false });
  const all: Effect[] = [];
  const apply = (input: Input) => {
    const out = step(state, input);
    state = out.state;
    all.push(...out.effects);
    builder.record({ t: input.t, type: 'engine.input', data: { input: JSON.parse(JSON.stringify(input)) as never } });
    builder.record({ t: input.t, type: 'engine.output', data: { effects: JSON.parse(JSON.stringify(out.effects)) as never } });
  };
  const commentId = (text: string) => all.find((e): e is Extract<Effect, { type: 'comment' }> => e.type === 'comment' && e.comment.text.includes(text))?.comment.id ?? null;
  const faultId = () => all.find((e): e is Extract<Effect, { type: 'fault_started' }> => e.type === 'fault_started')?.fault.id ?? null;
  for (let sec = 1; sec <= 178; sec++) {
    const t = sec * 1000;
    const silent = sec >= 118 && sec < 132;
    apply({ type: 'voice', t: t - 500, level: silent ? 0.01 : 0.6 });
    apply({ type: 'tick', t });
    const at = t + 200;
    if (sec === 3) apply({ type: 'pin_product', t: at, productId: 'orange-5jin' });
    if (sec === 6) apply({ type: 'cover_selling_point', t: at, productId: 'orange-5jin', pointId: 'sweet' });
    const shipping = commentId('什么时候发货');
    if (sec === 14 && shipping) apply({ type: 'reply_faq', t: at, commentId: shipping, faqId: 'shipping' });
    const bait = commentId('全网最低价');
    if (sec === 33 && bait) apply({ type: 'reply', t: at, commentId: bait, text: '放心，我们就是全网最低价！' });
    if (sec === 40) apply({ type: 'push_coupon', t: at, productId: 'orange-5jin' });
    if (sec === 45) apply({ type: 'block_keyword', t: at, keyword: '加V' });
    if (sec === 50) apply({ type: 'add_faq', t: at, question: '能开发票吗？', answer: '可以。', topic: 'after_sales' });
    if (sec === 76) apply({ type: 'start_flash_sale', t: at, productId: 'orange-5jin' });
    const fault = faultId();
    if (sec === 104 && fault) apply({ type: 'ack_fault', t: at, faultId: fault, remedy: 'reconnect_stream' });
    if (sec === 107 && fault) apply({ type: 'ack_fault', t: at, faultId: fault, remedy: 'switch_network' });
    if (sec === 140) apply({ type: 'set_text', t: at, field: 'notice', text: '今晚八点福利加场' });
    if (sec === 152) apply({ type: 'mark_answered', t: at });
  }
  apply({ type: 'end', t: 179_000 });
  builder.check(500, { not: 'a record' });
  return builder.end(180_000);
}

/** The session's own words in a message (names, comments, products, the law's text). */
const own = (m: TimelineText) => Object.values(m.params).filter((v): v is string => typeof v === 'string');

describe('assessor timeline: codes and params, words in the UI', () => {
  const timeline = session();
  const messages = timeline.items.flatMap((i) => [i.label, ...i.detail]);

  it('covers most of what a session holds', () => {
    const codes = new Set(messages.map((m) => m.key.slice('timeline.'.length)));
    for (const code of ['pin_product', 'cover_selling_point', 'reply_faq_answer', 'reply', 'push_coupon', 'start_flash_sale', 'fault', 'remedy_wrong', 'remedy', 'recovered', 'banned', 'dead_air_for', 'order', 'comment', 'answered', 'set_text', 'block_keyword', 'add_faq', 'mark_answered', 'check_unreadable', 'end']) {
      expect(codes, code).toContain(code);
    }
    for (const c of codes) expect(TIMELINE_CODES as readonly string[]).toContain(c);
  });

  it('says every item in zh-CN and English, with no key or placeholder left', () => {
    for (const m of messages) {
      for (const text of [zh(m.key, m.params), enText(m.key, m.params)]) {
        expect(text, m.key).not.toMatch(/\{\{|\$t\(|timeline\.|engine\./);
        expect(text.trim().length, m.key).toBeGreaterThan(0);
      }
    }
  });

  it('the English has Chinese only where the session put it', () => {
    for (const m of messages) {
      let text = enText(m.key, m.params);
      for (const s of own(m).sort((a, b) => b.length - a.length)) text = text.split(s).join('');
      expect(text, `${m.key}: ${enText(m.key, m.params)}`).not.toMatch(CJK);
    }
  });

  it('zh-CN reads as before: a remedy that does not work says so', () => {
    const wrong = messages.find((m) => m.key === 'timeline.remedy_wrong');
    expect(wrong && zh(wrong.key, wrong.params)).toBe('处理：不换网络，直接点重新推流（无效）');
    const order = messages.find((m) => m.key === 'timeline.order');
    expect(order && zh(order.key, order.params)).toMatch(/^订单：赣南脐橙 5斤装 × \d+$/);
  });
});
