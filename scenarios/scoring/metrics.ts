// The automatic metrics that bear on a rubric item, each with the moments on the timeline it
// rests on (so the assessor can jump to them). The figures are the engine's own metric lines
// (scenarios/engine/summary.ts); the moments are picked here. Codes and params only: the UI words
// them (engine.metric.*, engine.moment.*). Pure.
import { metricLine, type MessageParams, type MetricValue, type SessionMetrics } from '../engine/index.ts';
import { METRIC_IDS, type MetricId } from '../format/index.ts';

export type MomentCode =
  | 'dead_air'
  | 'banned'
  | 'sensitive'
  | 'detected'
  | 'not_detected'
  | 'recovered'
  | 'not_recovered'
  | 'replied'
  | 'late'
  | 'unanswered'
  | 'complaint'
  | 'bait'
  | 'muted_wrongly'
  | 'point'
  | 'first_pinned'
  | 'first_coupon'
  | 'cue_missed'
  | 'cue_taken'
  | 'marker';

export interface Moment {
  t: number;
  /** engine.moment.<code>, or for 'marker' the marker's own key. */
  key: string;
  params: MessageParams;
  tone: 'info' | 'good' | 'warn' | 'bad';
}

export interface MetricEvidence {
  id: string;
  /** engine.metric.<id>.label, or engine.metric.unknown for an id this version does not know. */
  key: string;
  value: MetricValue[] | { key: 'engine.metric.missing' | 'engine.metric.mismatch' | 'engine.metric.unknownValue'; params: MessageParams }[];
  moments: Moment[];
}

const MAX_MOMENTS = 12;
const mo = (t: number, code: MomentCode, params: MessageParams, tone: Moment['tone']): Moment => ({ t, key: `engine.moment.${code}`, params, tone });

function moments(m: SessionMetrics, id: MetricId): Moment[] {
  const replies = m.replies.items;
  switch (id) {
    case 'dead_air':
    case 'talk_time':
      return m.voice.deadAir.stretches.map((s) => mo(s.start, 'dead_air', { ms: s.end - s.start }, 'warn'));
    case 'banned_words':
      return m.banned.hits.map((h) => mo(h.t, h.severity === 'banned' ? 'banned' : 'sensitive', { word: h.word }, h.severity === 'banned' ? 'bad' : 'warn'));
    case 'fault_detection':
      return m.faults.items.map((f) => (f.detectMs === null ? mo(f.startedAt, 'not_detected', { fault: f.kind }, 'bad') : mo(f.detectedAt ?? f.startedAt, 'detected', { fault: f.kind, ms: f.detectMs }, 'info')));
    case 'fault_recovery':
      return m.faults.items.map((f) => (f.recoverMs === null ? mo(f.startedAt, 'not_recovered', { fault: f.kind }, 'bad') : mo(f.recoveredAt ?? f.startedAt, 'recovered', { fault: f.kind, ms: f.recoverMs }, 'good')));
    case 'reply_latency':
      return replies.filter((r) => r.answeredAt !== null).map((r) => mo(r.answeredAt ?? r.t, 'replied', { text: r.text, ms: r.latencyMs ?? 0 }, r.onTime ? 'good' : 'warn'));
    case 'unanswered':
      return replies.filter((r) => r.status === 'unanswered' || r.status === 'late').map((r) => mo(r.t, r.status === 'late' ? 'late' : 'unanswered', { text: r.text }, 'bad'));
    case 'complaints':
      return replies.filter((r) => r.kind === 'complaint').map((r) => mo(r.t, 'complaint', { text: r.text }, r.onTime ? 'good' : 'bad'));
    case 'bait':
      return replies.filter((r) => r.kind === 'bait').map((r) => mo(r.t, 'bait', { text: r.text }, 'warn'));
    case 'moderation':
    case 'muted_by_mistake':
      return m.moderation.mutedByMistake.map((x) => mo(x.t, 'muted_wrongly', { user: x.user }, 'bad'));
    case 'selling_points':
      return m.sellingPoints.items.filter((p) => p.coveredAt !== null).map((p) => mo(p.coveredAt ?? 0, 'point', { text: p.text }, 'good'));
    case 'pinned_product':
      return m.pinnedProduct.firstAt === null ? [] : [mo(m.pinnedProduct.firstAt, 'first_pinned', {}, 'good')];
    case 'coupons':
      return m.coupons.firstAt === null ? [] : [mo(m.coupons.firstAt, 'first_coupon', {}, 'info')];
    case 'flash_sale':
      return m.flashSale.cues.map((c) => (c.reactedAt === null ? mo(c.t, 'cue_missed', {}, c.onTime ? 'good' : 'bad') : mo(c.t, 'cue_taken', { ms: c.reactionMs ?? 0 }, c.onTime ? 'good' : 'bad')));
    case 'faq':
    case 'viewers':
    case 'orders':
    case 'conversion':
    case 'gmv':
      return m.markers.filter((k) => k.kind === 'surge' || k.kind === 'sold_out' || k.kind === 'coupon' || k.kind === 'flash_sale_start').map((k) => ({ t: k.t, key: k.key, params: k.params, tone: 'info' }));
  }
}

const line0 = (id: MetricId) => `engine.metric.${id}.label` as const;

function isMetricId(id: string): id is MetricId {
  return (METRIC_IDS as readonly string[]).includes(id);
}

/** The evidence for one metric id; metrics null (nothing logged) gives the label and "—". */
export function metricEvidence(m: SessionMetrics | null, id: string): MetricEvidence {
  if (!isMetricId(id)) return { id, key: 'engine.metric.unknown', value: [{ key: 'engine.metric.unknownValue', params: { id } }], moments: [] };
  if (m === null) return { id, key: `engine.metric.${id}.label`, value: [{ key: 'engine.metric.missing', params: {} }], moments: [] };
  try {
    const line = metricLine(m, id);
    return { id, key: line.key, value: line.value, moments: moments(m, id).sort((a, b) => a.t - b.t).slice(0, MAX_MOMENTS) };
  } catch {
    // Metrics logged by another engine version may lack a field: say so rather than fail.
    return { id, key: line0(id), value: [{ key: 'engine.metric.mismatch', params: {} }], moments: [] };
  }
}
