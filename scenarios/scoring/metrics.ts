// The automatic metrics that bear on a rubric item, each with the moments on the timeline it
// rests on (so the assessor can jump to them). The figure text comes from the engine's own
// metric lines (scenarios/engine/summary.ts); the moments are picked here. Pure.
import { metricLine, type SessionMetrics } from '../engine/index.ts';
import { markerZh } from '../engine/zh-interim.ts';
import { METRIC_IDS, type MetricId } from '../format/index.ts';

export interface Moment {
  t: number;
  label: string;
  tone: 'info' | 'good' | 'warn' | 'bad';
}

export interface MetricEvidence {
  id: string;
  label: string;
  value: string;
  moments: Moment[];
}

const MAX_MOMENTS = 12;
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} 秒`;

function moments(m: SessionMetrics, id: MetricId): Moment[] {
  const replies = m.replies.items;
  switch (id) {
    case 'reply_latency':
      return replies.filter((r) => r.answeredAt !== null).map((r) => ({ t: r.answeredAt ?? r.t, label: `回复「${r.text}」用时 ${sec(r.latencyMs ?? 0)}`, tone: r.onTime ? 'good' : 'warn' }));
    case 'unanswered':
      return replies.filter((r) => r.status === 'unanswered' || r.status === 'late').map((r) => ({ t: r.t, label: `${r.status === 'late' ? '超时回复' : '未回复'}：${r.text}`, tone: 'bad' }));
    case 'complaints':
      return replies.filter((r) => r.kind === 'complaint').map((r) => ({ t: r.t, label: `投诉：${r.text}`, tone: r.onTime ? 'good' : 'bad' }));
    case 'bait':
      return replies.filter((r) => r.kind === 'bait').map((r) => ({ t: r.t, label: `诱导：${r.text}`, tone: 'warn' }));
    case 'moderation':
    case 'muted_by_mistake':
      return m.moderation.mutedByMistake.map((x) => ({ t: x.t, label: `误禁言 ${x.user}`, tone: 'bad' }));
    case 'selling_points':
      return m.sellingPoints.items.filter((p) => p.coveredAt !== null).map((p) => ({ t: p.coveredAt ?? 0, label: `卖点：${p.text}`, tone: 'good' }));
    case 'pinned_product':
      return m.pinnedProduct.firstAt === null ? [] : [{ t: m.pinnedProduct.firstAt, label: '首次讲解中', tone: 'good' }];
    case 'coupons':
      return m.coupons.firstAt === null ? [] : [{ t: m.coupons.firstAt, label: '首次发券', tone: 'info' }];
    case 'flash_sale':
      return m.flashSale.cues.map((c) => ({ t: c.t, label: c.reactedAt === null ? '秒杀提示（未开启）' : `秒杀提示，${sec(c.reactionMs ?? 0)} 后开启`, tone: c.onTime ? 'good' : 'bad' }));
    case 'dead_air':
    case 'talk_time':
      return m.voice.deadAir.stretches.map((s) => ({ t: s.start, label: `冷场 ${sec(s.end - s.start)}`, tone: 'warn' }));
    case 'banned_words':
      return m.banned.hits.map((h) => ({ t: h.t, label: `${h.severity === 'banned' ? '违禁' : '敏感'}「${h.word}」`, tone: h.severity === 'banned' ? 'bad' : 'warn' }));
    case 'fault_detection':
      return m.faults.items.map((f) => ({ t: f.detectedAt ?? f.startedAt, label: `${f.title}：${f.detectMs === null ? '未发现' : `发现用时 ${sec(f.detectMs)}`}`, tone: f.detectMs === null ? 'bad' : 'info' }));
    case 'fault_recovery':
      return m.faults.items.map((f) => ({ t: f.recoveredAt ?? f.startedAt, label: `${f.title}：${f.recoverMs === null ? '未恢复' : `恢复用时 ${sec(f.recoverMs)}`}`, tone: f.recoverMs === null ? 'bad' : 'good' }));
    case 'faq':
    case 'viewers':
    case 'orders':
    case 'conversion':
    case 'gmv':
      return m.markers.filter((k) => k.kind === 'surge' || k.kind === 'sold_out' || k.kind === 'coupon' || k.kind === 'flash_sale_start').map((k) => ({ t: k.t, label: markerZh(k), tone: 'info' }));
  }
}

function isMetricId(id: string): id is MetricId {
  return (METRIC_IDS as readonly string[]).includes(id);
}

/** The evidence for one metric id; metrics null (nothing logged) gives the label and "—". */
export function metricEvidence(m: SessionMetrics | null, id: string): MetricEvidence {
  if (!isMetricId(id)) return { id, label: id, value: '未知指标', moments: [] };
  if (m === null) return { id, label: id, value: '—（日志中没有指标）', moments: [] };
  try {
    const line = metricLine(m, id);
    return { id, label: line.label, value: line.value, moments: moments(m, id).sort((a, b) => a.t - b.t).slice(0, MAX_MOMENTS) };
  } catch {
    // Metrics logged by another engine version may lack a field: say so rather than fail.
    return { id, label: id, value: '—（指标格式不符）', moments: [] };
  }
}
