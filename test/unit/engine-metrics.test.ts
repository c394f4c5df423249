// The automatic metrics, checked against sessions whose figures are known exactly, and the three
// improvements derived from them.
import { describe, expect, it } from 'vitest';
import { computeMetrics, createSession, improvements, metricTable, percentile, replay, rubricEvidence, sessionCsv, type Input } from '../../scenarios/engine/index.ts';
import { METRIC_IDS } from '../../scenarios/format/index.ts';
import { metricEvidence } from '../../scenarios/scoring/metrics.ts';
import { enText, zh } from '../harness/i18n.ts';
import { busyScenario, drive, talking } from '../harness/scenarios.ts';
import { libraryScenario, runTrainee } from '../harness/trainee.ts';

/** No generated comments or orders: only what the script and the test put in. */
function quietScenario(events: ReturnType<typeof busyScenario>['events']) {
  const s = busyScenario({ events });
  return { ...s, audience: { ...s.audience, commentsPerMin: 0.000001, buyPerViewerMin: 0.000001 } };
}

describe('metrics', () => {
  it('percentile is nearest-rank', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
  });

  it('reply latency per question, p50/p90, late and unanswered', () => {
    const q = (at: number, text: string, topic: 'price' | 'shipping' | 'after_sales') => ({ at, type: 'comment' as const, kind: 'question' as const, topic, text, replyWithinSec: 20 });
    const s = quietScenario([q(10, '多少钱？', 'price'), q(20, '几天到？', 'shipping'), q(30, '坏了怎么办？', 'after_sales'), q(40, '包邮吗？', 'shipping'), { at: 50, type: 'comment', kind: 'complaint', text: '上次的烂了', replyWithinSec: 30 }]);
    const r = replay(createSession(s), [
      { type: 'mark_answered', t: 14_000, commentId: 'c1' },
      { type: 'reply', t: 28_000, commentId: 'c2', text: '48 小时内发货' },
      { type: 'mark_answered', t: 60_000, commentId: 'c3' },
      { type: 'end', t: 100_000 },
    ]);
    const m = computeMetrics(r.state).replies;
    expect(m.items.map((it) => [it.commentId, it.status, it.latencyMs])).toEqual([
      ['c1', 'on_time', 4000],
      ['c2', 'on_time', 8000],
      ['c3', 'late', 30_000],
      ['c4', 'unanswered', null],
      ['c5', 'unanswered', null],
    ]);
    expect(m).toMatchObject({ total: 5, answered: 3, onTime: 2, late: 1, unanswered: 2, pending: 0, p50Ms: 8000, p90Ms: 30_000, maxMs: 30_000 });
    expect(m.byVia).toEqual({ voice: 2, typed: 1, faq: 0 });
    expect(computeMetrics(r.state).complaints).toMatchObject({ total: 1, answered: 0, unanswered: 1 });
  });

  it('talk time and dead-air stretches from voice samples', () => {
    const inputs: Input[] = [];
    for (let t = 100; t <= 10_000; t += 100) inputs.push({ type: 'voice', t, level: 0.5 });
    for (let t = 10_100; t <= 18_000; t += 100) inputs.push({ type: 'voice', t, level: 0.01 });
    for (let t = 18_100; t <= 20_000; t += 100) inputs.push({ type: 'voice', t, level: 0.5 });
    const m = computeMetrics(replay(createSession(busyScenario()), inputs).state).voice;
    expect(m.talkMs).toBe(11_900);
    expect(m.deadAir).toEqual({ count: 1, totalMs: 8100, longestMs: 8100, stretches: [{ start: 10_000, end: 18_100 }] });
    expect(m.samples).toBe(200);
  });

  it('banned words by category, faults with detection and recovery times, selling points, pinned time', () => {
    const s = quietScenario([{ at: 30, type: 'fault', fault: 'network_drop' }]);
    const r = replay(createSession(s), [
      { type: 'pin_product', t: 0, productId: 'apple' },
      { type: 'set_text', t: 0, field: 'script', text: '史上最甜，吃了降血压，原价 99' },
      { type: 'cover_selling_point', t: 5000, productId: 'apple', pointId: 'crisp' },
      { type: 'ack_fault', t: 36_000, faultId: 'f1', remedy: 'switch_network' },
      { type: 'unpin_product', t: 50_000 },
      { type: 'end', t: 100_000 },
    ]);
    const m = computeMetrics(r.state);
    expect(m.banned).toMatchObject({ total: 3, banned: 2, sensitive: 1 });
    expect(m.banned.byCategory).toMatchObject({ absolute: 1, medical: 1, price_fraud: 1, diversion: 0 });
    expect(m.faults.items).toEqual([expect.objectContaining({ kind: 'network_drop', detectMs: 6000, recoverMs: 14_000, correctRemedy: true, wrongRemedies: 0, endedBy: 'remedy' })]);
    expect(m.faults).toMatchObject({ detected: 1, recovered: 1, medianDetectMs: 6000, medianRecoverMs: 14_000 });
    expect(m.sellingPoints).toMatchObject({ total: 3, covered: 1 });
    expect(m.pinnedProduct).toEqual({ firstAt: 0, pinnedMs: 50_000, share: 0.5 });
  });

  it('audience, sales and the per-minute series agree with the state', () => {
    const run = drive(busyScenario({ durationSec: 300 }), 300_000, (t) => [talking(t), ...(t === 100 ? [{ type: 'pin_product', t, productId: 'apple' } as Input] : [])]);
    const m = computeMetrics(run.state);
    expect(m.series).toHaveLength(5);
    expect(m.series.reduce((a, r) => a + r.orders, 0)).toBe(m.sales.orders);
    expect(m.series.reduce((a, r) => a + r.gmv, 0)).toBeCloseTo(m.sales.gmv, 6);
    expect(m.series.at(-1)?.viewers).toBe(m.audience.final);
    expect(Math.max(...m.series.map((r) => r.viewersPeak))).toBe(m.audience.peak);
    expect(m.sales.orders).toBeGreaterThan(0);
    expect(m.sales.conversion).toBeCloseTo(m.sales.buyers / m.audience.total, 10);
    expect(m.sales.byProduct[0]).toMatchObject({ productId: 'apple', orders: m.sales.orders });
    expect(m.audience.average).toBeGreaterThan(0);
    expect(m.durationMs).toBe(300_000);
  });

  it('the metric table has a line for every metric id; rubric evidence follows the rubric', () => {
    const scenario = libraryScenario('b5-navel-orange-quick');
    const m = computeMetrics(runTrainee(scenario).state);
    expect(metricTable(m).map((l) => l.id)).toEqual([...METRIC_IDS]);
    for (const l of metricTable(m)) {
      expect(zh(l.key).length).toBeGreaterThan(0);
      expect(l.value.length).toBeGreaterThan(0);
      for (const v of l.value) {
        expect(zh(v.key, v.params)).not.toMatch(/\{\{|\$t\(|engine\./);
        expect(enText(v.key, v.params)).not.toMatch(/[\u3400-\u9fff]|\{\{|\$t\(|engine\./);
      }
    }
    const line = metricTable(m).find((l) => l.id === 'reply_latency');
    expect(line && zh(line.key)).toBe('回复用时（中位 / 九成）');
    expect(line?.value[0] && zh(line.value[0].key, line.value[0].params)).toMatch(/^(\d+\.\d 秒|—) \/ (\d+\.\d 秒|—)，已回复 \d+\/\d+$/);
    expect(line?.value[0] && enText(line.value[0].key, line.value[0].params)).toMatch(/^(\d+\.\d s|—) \/ (\d+\.\d s|—), \d+\/\d+ answered$/);
    const ev = rubricEvidence(scenario, m);
    expect(ev.map((e) => e.itemId)).toEqual(scenario.rubric.map((r) => r.id));
    expect(ev.reduce((a, e) => a + e.points, 0)).toBe(100);
    expect(ev[0]?.metrics.map((x) => x.id)).toEqual(scenario.rubric[0]?.metrics);
  });
});

describe('improvements', () => {
  const scenario = libraryScenario('b5-navel-orange-quick');

  it('with questions and complaints still inside their reply time at the end, the table, the headline counts and the advice state the same figures', () => {
    // issue 10 item 7: "5 / 34" beside "27 条需要回复…22 条没有回复"; 投诉 0/3 beside "2 条".
    const q = (at: number, text: string) => ({ at, type: 'comment' as const, kind: 'question' as const, topic: 'price' as const, text, replyWithinSec: 20 });
    const c = (at: number, text: string) => ({ at, type: 'comment' as const, kind: 'complaint' as const, text, replyWithinSec: 30 });
    const base = quietScenario([q(10, '多少钱？'), q(20, '几天到？'), q(30, '包邮吗？'), q(40, '甜吗？'), c(50, '上次的烂了'), c(55, '发错货了'), q(80, '有大果吗？'), c(85, '还没退款')]);
    const scenario = { ...base, skills: ['5:6.2.1', '5:7.1.2'] };
    const inputs: Input[] = [{ type: 'pin_product', t: 0, productId: 'apple' }, ...(['crisp', 'fresh', 'big'] as const).map((pointId, i): Input => ({ type: 'cover_selling_point', t: 1000 + i, productId: 'apple', pointId }))];
    inputs.push({ type: 'mark_answered', t: 14_000, commentId: 'c1' }, { type: 'end', t: 90_000 });
    const m = computeMetrics(replay(createSession(scenario), inputs).state);
    // 8 threads: c7 (question) and c8 (complaint) are still inside their reply time at 90 s.
    expect(m.replies).toMatchObject({ total: 8, pending: 2, due: 6, answered: 1, unanswered: 5 });
    expect(m.complaints).toMatchObject({ total: 3, pending: 1, due: 2, answered: 0, unanswered: 2 });
    expect(m.replies.answered + m.replies.unanswered).toBe(m.replies.due);
    expect(m.complaints.answered + m.complaints.unanswered).toBe(m.complaints.due);

    const text = (id: string) => metricTable(m).find((l) => l.id === id)?.value.map((v) => zh(v.key, v.params)).join(zh('engine.metric.sep')) ?? '';
    expect(text('reply_latency')).toMatch(/已回复 1\/6；另有 2 条结束时未到回复时限，不计入$/);
    expect(text('unanswered')).toBe('5 条（超时回复 0 条）');
    expect(text('complaints')).toBe('0/2 已回应，按时 0，未回应 2；另有 1 条结束时未到回复时限，不计入');
    const advice = Object.fromEntries(improvements(m, scenario).map((x) => [x.id, zh(x.detail.key, x.detail.params)]));
    expect(advice.unanswered).toMatch(/^6 条需要回复的弹幕中有 5 条（83%）没有回复/);
    expect(advice.complaints).toMatch(/^2 条售后投诉没有回应/);
    expect(enText('engine.metric.reply_latency.value', metricTable(m)[0]?.value[0]?.params)).toMatch(/1\/6 answered$/);
  });

  it('metrics logged by an older engine without the due counts show as a mismatch, not as wrong figures', () => {
    const m = computeMetrics(replay(createSession(quietScenario([])), [{ type: 'end', t: 10_000 }]).state);
    const oldReplies: Partial<typeof m.replies> = { ...m.replies };
    delete oldReplies.due;
    const old = { ...m, replies: oldReplies as typeof m.replies };
    expect(() => metricTable(old)).toThrow(/without this count/);
    expect(metricEvidence(old, 'reply_latency').value).toEqual([{ key: 'engine.metric.mismatch', params: {} }]);
  });

  it('an idle trainee gets three improvements, most severe first, keyed to the task’s skills', () => {
    const m = computeMetrics(runTrainee(scenario, { quality: 'idle' }).state);
    const top = improvements(m, scenario);
    expect(top).toHaveLength(3);
    expect(top.map((x) => x.severity)).toEqual([...top.map((x) => x.severity)].sort((a, b) => b - a));
    for (const x of top) {
      expect(x.skills.every((k) => scenario.skills.includes(k))).toBe(true);
      expect(zh(x.title).length).toBeGreaterThan(0);
      expect(zh(x.detail.key, x.detail.params)).not.toMatch(/\{\{|\$t\(|engine\./);
      expect(enText(x.detail.key, x.detail.params)).not.toMatch(/[\u3400-\u9fff]|\{\{|\$t\(|engine\./);
    }
    expect(top[0]).toMatchObject({ id: 'faults', severity: 1 });
  });

  it('a good trainee has fewer and milder ones; a banned claim comes out on top', () => {
    const good = computeMetrics(runTrainee(scenario).state);
    const mild = improvements(good, scenario);
    expect(mild.every((x) => x.severity < 1)).toBe(true);
    const banned = improvements({ ...good, banned: { ...good.banned, banned: 2, hits: [{ t: 0, source: 'reply', commentId: 'c1', word: '全网最低价', category: 'price_fraud', categoryName: '价格欺诈', severity: 'banned', rule: 'r', advice: '说“今天直播间专享价”', excerpt: '' }] } }, scenario);
    expect(banned[0]).toMatchObject({ id: 'banned-words', skills: ['5:1.3.2'] });
    expect(banned[0] && zh(banned[0].detail.key, banned[0].detail.params)).toMatch(/全网最低价.*价格欺诈.*今天直播间专享价/);
  });
});

describe('CSV export', () => {
  it('has a row per minute, question, action and order, quoted where needed', () => {
    const scenario = libraryScenario('b5-navel-orange-quick');
    const run = runTrainee(scenario);
    const csv = sessionCsv(run.state, zh);
    const lines = (text: string) => text.trimEnd().split('\r\n');
    expect(lines(csv.minutes)).toHaveLength(1 + 3);
    expect(lines(csv.minutes)[0]).toMatch(/^分钟 minute,在线人数 viewers/);
    expect(lines(csv.replies)).toHaveLength(1 + run.state.threads.length);
    expect(lines(csv.actions)).toHaveLength(1 + run.state.actions.length);
    expect(lines(csv.orders)).toHaveLength(1 + run.state.orders.length);
    expect(csv.actions).toMatch(/\r\n2,set_text,title,修改标题：赣南脐橙助农直播（3 分钟练习），直播间专享价,true\r\n/);
    const quoted = replay(createSession(scenario), [{ type: 'set_text', t: 1500, field: 'script', text: '满39减5, 说"领券"\n再下单' }]);
    expect(sessionCsv(quoted.state, zh).actions).toMatch(/\r\n1\.5,set_text,script,"修改话术：满39减5, 说""领券""\n再下单",true\r\n/);
  });
});
