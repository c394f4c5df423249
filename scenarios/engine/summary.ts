// One line per metric id, for the metric table of 复盘 and beside each rubric item for the
// assessor: the label's key and the figures as key + params (the UI words them; durations are ms
// for the `sec` format, shares 0..1 for `pct`, money in yuan for `yuan`, '—' where there is none).
import { METRIC_IDS, type MetricId, type LiveRoomScenario } from '../format/schema.ts';
import type { SessionMetrics } from './metrics.ts';
import type { MessageParams } from './types.ts';

export type MetricValueKey = `engine.metric.${MetricId}.value` | 'engine.metric.na' | 'engine.metric.pending' | 'engine.metric.flash_sale.cue' | 'engine.metric.flash_sale.cueLate';

export interface MetricValue {
  key: MetricValueKey;
  params: MessageParams;
}

export interface MetricLine {
  id: MetricId;
  /** engine.metric.<id>.label */
  key: `engine.metric.${MetricId}.label`;
  /** One part or more (the flash sale adds one per cue), joined by engine.metric.sep. */
  value: MetricValue[];
}

export interface RubricEvidence {
  itemId: string;
  skills: string[];
  points: number;
  title: LiveRoomScenario['rubric'][number]['title'];
  metrics: MetricLine[];
}

const ms = (x: number | null) => x ?? '—';
const share = (x: number | null) => x ?? '—';
const one = (key: MetricValueKey, params: MessageParams): MetricValue[] => [{ key, params }];
const NA = one('engine.metric.na', {});
/** A count the line states; metrics logged by an older engine may lack it (metricEvidence then says so). */
const count = (x: number | undefined): number => {
  if (typeof x !== 'number') throw new Error('metrics without this count');
  return x;
};
/** "Of how many" is always the due count; those still inside their reply time at the end follow as their own part. */
const withPending = (value: MetricValue[], pending: number): MetricValue[] => (count(pending) > 0 ? [...value, { key: 'engine.metric.pending', params: { pending } }] : value);

const LINES: Readonly<Record<MetricId, (m: SessionMetrics) => MetricValue[]>> = {
  reply_latency: (m) => withPending(one('engine.metric.reply_latency.value', { p50: ms(m.replies.p50Ms), p90: ms(m.replies.p90Ms), answered: m.replies.answered, due: count(m.replies.due) }), m.replies.pending),
  unanswered: (m) => one('engine.metric.unanswered.value', { unanswered: m.replies.unanswered, late: m.replies.late }),
  complaints: (m) => withPending(one('engine.metric.complaints.value', { answered: m.complaints.answered, due: count(m.complaints.due), unanswered: m.complaints.unanswered, onTime: m.complaints.onTime }), m.complaints.pending),
  bait: (m) => one('engine.metric.bait.value', { total: m.bait.total, answered: m.bait.answered, tookBait: m.bait.tookBait }),
  moderation: (m) =>
    one('engine.metric.moderation.value', { handled: m.moderation.handled, abusive: m.moderation.abusive, prevented: m.moderation.prevented, mutes: m.moderation.mutes, keywords: m.moderation.keywordBlocks }),
  muted_by_mistake: (m) => one('engine.metric.muted_by_mistake.value', { users: m.moderation.mutedByMistake.length, hidden: m.moderation.legitHiddenByKeywords }),
  faq: (m) => one('engine.metric.faq.value', { added: m.faq.added, uses: m.faq.uses }),
  selling_points: (m) => one('engine.metric.selling_points.value', { covered: m.sellingPoints.covered, total: m.sellingPoints.total }),
  pinned_product: (m) => one('engine.metric.pinned_product.value', { share: share(m.pinnedProduct.share), first: ms(m.pinnedProduct.firstAt) }),
  coupons: (m) => one('engine.metric.coupons.value', { pushes: m.coupons.pushes, orders: m.coupons.ordersWithCoupon }),
  flash_sale: (m) => [
    { key: 'engine.metric.flash_sale.value', params: { started: m.flashSale.started, orders: m.flashSale.orders } },
    ...m.flashSale.cues.map((q): MetricValue => ({ key: q.onTime ? 'engine.metric.flash_sale.cue' : 'engine.metric.flash_sale.cueLate', params: { after: ms(q.reactionMs) } })),
  ],
  talk_time: (m) => (m.voice.applicable ? one('engine.metric.talk_time.value', { talk: m.voice.talkMs, share: share(m.voice.talkShare) }) : NA),
  dead_air: (m) => (m.voice.applicable ? one('engine.metric.dead_air.value', { count: m.voice.deadAir.count, total: m.voice.deadAir.totalMs, longest: m.voice.deadAir.longestMs }) : NA),
  banned_words: (m) => one('engine.metric.banned_words.value', { banned: m.banned.banned, sensitive: m.banned.sensitive }),
  fault_detection: (m) => one('engine.metric.fault_detection.value', { done: m.faults.detected, total: m.faults.items.length, median: ms(m.faults.medianDetectMs) }),
  fault_recovery: (m) => one('engine.metric.fault_recovery.value', { done: m.faults.recovered, total: m.faults.items.length, median: ms(m.faults.medianRecoverMs) }),
  viewers: (m) => one('engine.metric.viewers.value', { total: m.audience.total, peak: m.audience.peak, average: m.audience.average, final: m.audience.final }),
  orders: (m) => one('engine.metric.orders.value', { orders: m.sales.orders, units: m.sales.units, buyers: m.sales.buyers }),
  conversion: (m) => one('engine.metric.conversion.value', { share: share(m.sales.conversion) }),
  gmv: (m) => one('engine.metric.gmv.value', { gmv: m.sales.gmv }),
};

export function metricLine(m: SessionMetrics, id: MetricId): MetricLine {
  return { id, key: `engine.metric.${id}.label`, value: LINES[id](m) };
}

/** Every metric as a line, in the order of METRIC_IDS. */
export function metricTable(m: SessionMetrics): MetricLine[] {
  return METRIC_IDS.map((id) => metricLine(m, id));
}

/** The scenario's rubric items, each with the metric lines it names. */
export function rubricEvidence(scenario: LiveRoomScenario, m: SessionMetrics): RubricEvidence[] {
  return scenario.rubric.map((r) => ({ itemId: r.id, skills: [...r.skills], points: r.points, title: r.title, metrics: r.metrics.map((id) => metricLine(m, id)) }));
}
