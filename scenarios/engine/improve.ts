// The three things most worth improving, derived from the metrics (pure). Each candidate rule
// gives a severity 0..1 from the figures; rules about skills the task does not exercise count
// half. The top three above MIN_SEVERITY are returned, each with the skill codes it concerns, its
// title and detail as i18n keys + params (engine.improve.<id>.<code>, worded by the UI).
import type { MetricId, LiveRoomScenario } from '../format/schema.ts';
import type { SessionMetrics } from './metrics.ts';
import type { MessageParams } from './types.ts';

export interface Improvement {
  id: string;
  metric: MetricId;
  /** 0..1, higher is more urgent. */
  severity: number;
  /** Skill requirement ids, those of the task first. */
  skills: string[];
  /** engine.improve.<id>.title (or .<variant>Title) */
  title: ImprovementKey;
  detail: { key: ImprovementKey; params: MessageParams };
}

/** The texts of the rules below: `engine.improve.<rule id>.<code>`. */
export type ImprovementKey =
  | `engine.improve.banned-words.${'title' | 'detail' | 'detailWith'}`
  | `engine.improve.faults.${'title' | 'unrecovered' | 'slow' | 'wrongTitle' | 'wrong'}`
  | `engine.improve.${'unanswered' | 'slow-replies' | 'complaints' | 'dead-air' | 'selling-points' | 'moderation' | 'muted-by-mistake' | 'coupons' | 'faq'}.${'title' | 'detail'}`
  | `engine.improve.flash-cue.${'title' | 'never' | 'late'}`
  | `engine.improve.pin-product.${'title' | 'never' | 'first'}`;

const MIN_SEVERITY = 0.2;

const sec = (ms: number) => Math.round(ms / 1000);
const pct = (x: number) => Math.round(x * 100);

interface Found {
  severity: number;
  title: ImprovementKey;
  detail: ImprovementKey;
  params?: MessageParams;
}

interface Rule {
  id: string;
  metric: MetricId;
  skills: readonly string[];
  check(m: SessionMetrics, s: LiveRoomScenario): Found | null;
}

const RULES: readonly Rule[] = [
  {
    id: 'banned-words',
    metric: 'banned_words',
    skills: ['5:1.3.2'],
    check: (m): Found | null => {
      if (m.banned.banned === 0) return null;
      const first = m.banned.hits.find((h) => h.severity === 'banned');
      return {
        severity: Math.min(1, 0.6 + 0.2 * (m.banned.banned - 1)),
        title: 'engine.improve.banned-words.title',
        detail: first === undefined ? 'engine.improve.banned-words.detail' : 'engine.improve.banned-words.detailWith',
        params: (first === undefined ? { count: m.banned.banned } : { count: m.banned.banned, word: first.word, category: first.category, advice: first.advice }),
      };
    },
  },
  {
    id: 'faults',
    metric: 'fault_recovery',
    skills: ['5:1.3.1', '4:6.1.2', '4:1.3.2'],
    check: (m): Found | null => {
      const items = m.faults.items;
      const unrecovered = items.filter((f) => f.recoveredAt === null || f.endedBy === 'auto');
      const slow = items.filter((f) => f.endedBy !== 'auto' && f.recoverMs !== null && f.recoverMs > 30000);
      const wrong = items.reduce((a, f) => a + f.wrongRemedies, 0);
      const f = unrecovered[0] ?? slow[0];
      if (f !== undefined) {
        const severity = unrecovered.length > 0 ? 1 : Math.min(1, 0.5 + 0.2 * wrong);
        const detail = unrecovered.length > 0 ? 'engine.improve.faults.unrecovered' : 'engine.improve.faults.slow';
        return { severity, title: 'engine.improve.faults.title', detail, params: { fault: f.kind, seconds: sec(f.recoverMs ?? 0) } };
      }
      if (wrong === 0) return null;
      return { severity: Math.min(1, 0.3 + 0.15 * wrong), title: 'engine.improve.faults.wrongTitle', detail: 'engine.improve.faults.wrong', params: { wrong } };
    },
  },
  {
    id: 'unanswered',
    metric: 'unanswered',
    skills: ['5:6.2.1', '5:7.1.2', '3:4.2.3', '5:4.2.3'],
    check: (m): Found | null => {
      const r = m.replies;
      const due = r.due;
      if (due < 3 || r.unanswered === 0) return null;
      const rate = r.unanswered / due;
      return { severity: Math.min(1, rate * 1.2), title: 'engine.improve.unanswered.title', detail: 'engine.improve.unanswered.detail', params: { due, unanswered: r.unanswered, pct: pct(rate) } };
    },
  },
  {
    id: 'slow-replies',
    metric: 'reply_latency',
    skills: ['5:6.2.1', '5:7.1.2', '3:4.2.3'],
    check: (m, s): Found | null => {
      const p90 = m.replies.p90Ms;
      const window = s.audience.replyWithinSec * 1000;
      if (p90 === null || m.replies.answered < 3 || p90 <= window * 0.75) return null;
      return { severity: Math.min(1, p90 / window - 0.5), title: 'engine.improve.slow-replies.title', detail: 'engine.improve.slow-replies.detail', params: { p90: sec(p90), p50: sec(m.replies.p50Ms ?? 0), window: sec(window) } };
    },
  },
  {
    id: 'complaints',
    metric: 'complaints',
    skills: ['5:7.1.2', '4:7.1.2', '3:7.1.1'],
    check: (m): Found | null => (m.complaints.unanswered === 0 ? null : { severity: Math.min(1, 0.6 + 0.2 * m.complaints.unanswered), title: 'engine.improve.complaints.title', detail: 'engine.improve.complaints.detail', params: { count: m.complaints.unanswered } }),
  },
  {
    id: 'dead-air',
    metric: 'dead_air',
    skills: ['5:4.2.1', '5:4.2.2', '3:4.2.2'],
    check: (m): Found | null => {
      const d = m.voice.deadAir;
      if (!m.voice.applicable || m.durationMs <= 0 || d.count === 0) return null;
      const share = d.totalMs / m.durationMs;
      if (share < 0.03 && d.longestMs < 10000) return null;
      return { severity: Math.min(1, Math.max(share / 0.15, d.longestMs / 30000)), title: 'engine.improve.dead-air.title', detail: 'engine.improve.dead-air.detail', params: { count: d.count, total: sec(d.totalMs), longest: sec(d.longestMs) } };
    },
  },
  {
    id: 'selling-points',
    metric: 'selling_points',
    skills: ['5:4.2.1', '4:4.2.1'],
    check: (m): Found | null => {
      const sp = m.sellingPoints;
      if (sp.total === 0 || sp.covered === sp.total) return null;
      const missing = sp.items.filter((x) => x.coveredAt === null).map((x) => x.text);
      return { severity: Math.min(1, (1 - sp.covered / sp.total) * 1.1), title: 'engine.improve.selling-points.title', detail: 'engine.improve.selling-points.detail', params: { total: sp.total, covered: sp.covered, missing: `${missing.slice(0, 3).join(' / ')}${missing.length > 3 ? '…' : ''}` } };
    },
  },
  {
    id: 'moderation',
    metric: 'moderation',
    skills: ['5:6.2.2', '4:6.2.1', '3:4.2.1'],
    check: (m): Found | null => {
      const x = m.moderation;
      if (x.shown < 2 || x.handledRate === null || x.unhandled === 0) return null;
      const rate = x.unhandled / x.abusive;
      if (rate < 0.3) return null;
      return { severity: Math.min(1, rate), title: 'engine.improve.moderation.title', detail: 'engine.improve.moderation.detail', params: { abusive: x.abusive, unhandled: x.unhandled } };
    },
  },
  {
    id: 'muted-by-mistake',
    metric: 'muted_by_mistake',
    skills: ['5:6.2.2', '4:6.2.1'],
    check: (m): Found | null => {
      const n = m.moderation.mutedByMistake.length;
      if (n === 0) return null;
      return { severity: Math.min(1, 0.5 + 0.2 * (n - 1)), title: 'engine.improve.muted-by-mistake.title', detail: 'engine.improve.muted-by-mistake.detail', params: { count: n, user: m.moderation.mutedByMistake[0]?.user ?? '' } };
    },
  },
  {
    id: 'flash-cue',
    metric: 'flash_sale',
    skills: ['5:4.2.3', '4:4.2.2'],
    check: (m): Found | null => {
      const missed = m.flashSale.cues.filter((q) => !q.onTime);
      if (missed.length === 0) return null;
      const q = missed[0];
      return { severity: 0.6, title: 'engine.improve.flash-cue.title', detail: q?.reactedAt === null ? 'engine.improve.flash-cue.never' : 'engine.improve.flash-cue.late', params: { seconds: sec(q?.reactionMs ?? 0) } };
    },
  },
  {
    id: 'pin-product',
    metric: 'pinned_product',
    skills: ['5:6.1.3', '5:4.2.3', '4:6.1.3'],
    check: (m): Found | null => {
      if (m.durationMs < 60000 || m.pinnedProduct.share >= 0.6) return null;
      return { severity: Math.min(1, (0.6 - m.pinnedProduct.share) * 1.5), title: 'engine.improve.pin-product.title', detail: m.pinnedProduct.firstAt === null ? 'engine.improve.pin-product.never' : 'engine.improve.pin-product.first', params: { pct: pct(m.pinnedProduct.share), first: sec(m.pinnedProduct.firstAt ?? 0) } };
    },
  },
  {
    id: 'coupons',
    metric: 'coupons',
    skills: ['4:4.2.2', '5:4.2.3'],
    check: (m, s): Found | null => {
      if (m.coupons.pushes > 0 || !s.products.some((p) => p.coupon !== undefined) || m.durationMs < 120000) return null;
      return { severity: 0.4, title: 'engine.improve.coupons.title', detail: 'engine.improve.coupons.detail' };
    },
  },
  {
    id: 'faq',
    metric: 'faq',
    skills: ['4:6.2.2', '3:7.1.1'],
    check: (m, s): Found | null => {
      if (!s.skills.some((x) => x === '4:6.2.2' || x === '3:7.1.1') || m.faq.added > 0 || m.faq.uses > 0) return null;
      return { severity: 0.5, title: 'engine.improve.faq.title', detail: 'engine.improve.faq.detail' };
    },
  },
];

/** Up to three improvements, most severe first. */
export function improvements(m: SessionMetrics, scenario: LiveRoomScenario): Improvement[] {
  const out: Improvement[] = [];
  for (const rule of RULES) {
    const found = rule.check(m, scenario);
    if (found === null) continue;
    const own = rule.skills.filter((x) => scenario.skills.includes(x));
    const severity = own.length > 0 ? found.severity : found.severity / 2;
    if (severity < MIN_SEVERITY) continue;
    out.push({ id: rule.id, metric: rule.metric, severity, skills: own.length > 0 ? own : [rule.skills[0] ?? ''], title: found.title, detail: { key: found.detail, params: found.params ?? {} } });
  }
  // Stable: equal severities keep the rules' order (compliance and faults first).
  return out.sort((a, b) => b.severity - a.severity).slice(0, 3);
}
