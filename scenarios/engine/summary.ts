// One line per metric id, for the metric table of 复盘 and beside each rubric item for the
// assessor: a Chinese label and the figure as text.
import { METRIC_IDS, type MetricId, type Scenario } from '../format/schema.ts';
import type { SessionMetrics } from './metrics.ts';

export interface MetricLine {
  id: MetricId;
  label: string;
  value: string;
}

export interface RubricEvidence {
  itemId: string;
  skills: string[];
  points: number;
  title: string;
  metrics: MetricLine[];
}

const s = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} 秒`);
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const yuan = (x: number) => `¥${x.toFixed(2)}`;

const LINES: Readonly<Record<MetricId, { label: string; value: (m: SessionMetrics) => string }>> = {
  reply_latency: { label: '回复用时（中位 / 九成）', value: (m) => `${s(m.replies.p50Ms)} / ${s(m.replies.p90Ms)}，已回复 ${m.replies.answered}/${m.replies.total}` },
  unanswered: { label: '未回复的提问', value: (m) => `${m.replies.unanswered} 条（超时回复 ${m.replies.late} 条）` },
  complaints: { label: '投诉处理', value: (m) => `${m.complaints.answered}/${m.complaints.total} 已回应，按时 ${m.complaints.onTime}` },
  bait: { label: '诱导提问', value: (m) => `${m.bait.total} 条，回应 ${m.bait.answered}，回复中出现违禁词 ${m.bait.tookBait}` },
  moderation: { label: '恶意 / 导流弹幕处理', value: (m) => `${m.moderation.handled}/${m.moderation.abusive} 已处理（拦截 ${m.moderation.prevented}），禁言 ${m.moderation.mutes} 次，屏蔽词 ${m.moderation.keywordBlocks} 个` },
  muted_by_mistake: { label: '误禁正常观众', value: (m) => `${m.moderation.mutedByMistake.length} 人；屏蔽词误拦 ${m.moderation.legitHiddenByKeywords} 条` },
  faq: { label: '常见问题库', value: (m) => `新增 ${m.faq.added} 条，使用 ${m.faq.uses} 次` },
  selling_points: { label: '卖点讲解', value: (m) => `${m.sellingPoints.covered}/${m.sellingPoints.total}` },
  pinned_product: { label: '商品讲解中时长', value: (m) => `${pct(m.pinnedProduct.share)}，首次 ${s(m.pinnedProduct.firstAt)}` },
  coupons: { label: '优惠券', value: (m) => `发放 ${m.coupons.pushes} 次，用券订单 ${m.coupons.ordersWithCoupon}` },
  flash_sale: {
    label: '秒杀',
    value: (m) => `开启 ${m.flashSale.started} 次，秒杀订单 ${m.flashSale.orders}${m.flashSale.cues.map((q) => `；提示后 ${s(q.reactionMs)}${q.onTime ? '' : '（未按时）'}`).join('')}`,
  },
  talk_time: { label: '讲话时长', value: (m) => (m.voice.applicable ? `${s(m.voice.talkMs)}（${pct(m.voice.talkShare)}）` : '不适用（模拟主播）') },
  dead_air: { label: '冷场', value: (m) => (m.voice.applicable ? `${m.voice.deadAir.count} 次，共 ${s(m.voice.deadAir.totalMs)}，最长 ${s(m.voice.deadAir.longestMs)}` : '不适用（模拟主播）') },
  banned_words: { label: '违禁 / 敏感词', value: (m) => `违禁 ${m.banned.banned}，敏感 ${m.banned.sensitive}` },
  fault_detection: { label: '故障发现用时', value: (m) => `${m.faults.detected}/${m.faults.items.length} 已发现，中位 ${s(m.faults.medianDetectMs)}` },
  fault_recovery: { label: '故障恢复用时', value: (m) => `${m.faults.recovered}/${m.faults.items.length} 已恢复，中位 ${s(m.faults.medianRecoverMs)}` },
  viewers: { label: '观看人数', value: (m) => `累计 ${m.audience.total}，峰值 ${m.audience.peak}，平均 ${m.audience.average}，结束时 ${m.audience.final}` },
  orders: { label: '订单', value: (m) => `${m.sales.orders} 单 ${m.sales.units} 件，下单 ${m.sales.buyers} 人` },
  conversion: { label: '转化率（下单人数 / 累计观看）', value: (m) => pct(m.sales.conversion) },
  gmv: { label: '成交额 GMV', value: (m) => yuan(m.sales.gmv) },
};

export function metricLine(m: SessionMetrics, id: MetricId): MetricLine {
  const line = LINES[id];
  return { id, label: line.label, value: line.value(m) };
}

/** Every metric as a line, in the order of METRIC_IDS. */
export function metricTable(m: SessionMetrics): MetricLine[] {
  return METRIC_IDS.map((id) => metricLine(m, id));
}

/** The scenario's rubric items, each with the metric lines it names. */
export function rubricEvidence(scenario: Scenario, m: SessionMetrics): RubricEvidence[] {
  return scenario.rubric.map((r) => ({ itemId: r.id, skills: [...r.skills], points: r.points, title: r.title['zh-CN'], metrics: r.metrics.map((id) => metricLine(m, id)) }));
}
