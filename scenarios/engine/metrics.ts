// The automatic metrics of a session, computed from its state alone (pure): replies, moderation,
// selling points, voice, banned words, faults, audience, sales and the per-minute series for 复盘.
// Times are ms; money is yuan here (the state keeps fen).
import { BANNED_CATEGORIES, type BannedCategoryId } from '../compliance/index.ts';
import { ABUSE_KINDS, COMMENT_KINDS, type CommentKind } from '../format/schema.ts';
import { MODEL } from './model.ts';
import type { AnswerVia, BannedHitRecord, FaultRecord, Marker, RemedyRecord, SessionState, Stretch, Thread, ViewerArrivalReason, ViewerLeaveReason } from './types.ts';

export interface ReplyItem {
  commentId: string;
  t: number;
  kind: CommentKind;
  topic: string | null;
  text: string;
  user: string;
  deadline: number;
  answeredAt: number | null;
  latencyMs: number | null;
  onTime: boolean;
  via: AnswerVia | null;
  answeredWith: string | null;
  replyText: string | null;
  /** unanswered: its time ran out (or the live ended after its deadline) without an answer; pending: the live ended first. */
  status: 'on_time' | 'late' | 'unanswered' | 'pending';
}

export interface KindCount {
  total: number;
  answered: number;
  onTime: number;
}

export interface FaultMetric {
  id: string;
  kind: FaultRecord['kind'];
  source: FaultRecord['source'];
  startedAt: number;
  detectedAt: number | null;
  recoveredAt: number | null;
  detectMs: number | null;
  recoverMs: number | null;
  endedBy: FaultRecord['endedBy'];
  remedies: RemedyRecord[];
  wrongRemedies: number;
  /** A fixing remedy was chosen (null: none chosen at all). */
  correctRemedy: boolean | null;
}

export interface SeriesRow {
  minute: number;
  viewers: number;
  viewersPeak: number;
  arrivals: number;
  departures: number;
  comments: number;
  hidden: number;
  questions: number;
  answered: number;
  orders: number;
  units: number;
  gmv: number;
}

export interface SessionMetrics {
  durationMs: number;
  replies: {
    total: number;
    answered: number;
    onTime: number;
    late: number;
    unanswered: number;
    /** Still inside their reply time when the live ended: not counted as due. */
    pending: number;
    /** Needed a reply by the end: total − pending = answered + unanswered. Every "of how many" figure uses it. */
    due: number;
    p50Ms: number | null;
    p90Ms: number | null;
    maxMs: number | null;
    byKind: Record<CommentKind, KindCount>;
    byVia: Record<AnswerVia, number>;
    items: ReplyItem[];
  };
  complaints: KindCount & { unanswered: number; pending: number; due: number };
  bait: { total: number; answered: number; tookBait: number };
  moderation: {
    abusive: number;
    shown: number;
    prevented: number;
    handled: number;
    unhandled: number;
    /** handled / abusive; null without any troll or spam. */
    handledRate: number | null;
    medianHandleMs: number | null;
    mutes: number;
    keywordBlocks: number;
    mutedByMistake: { t: number; user: string; text: string | null }[];
    legitHiddenByKeywords: number;
  };
  faq: { added: number; uses: number };
  sellingPoints: { total: number; covered: number; items: { productId: string; pointId: string; text: string; coveredAt: number | null }[] };
  pinnedProduct: { firstAt: number | null; pinnedMs: number; share: number };
  coupons: { pushes: number; firstAt: number | null; ordersWithCoupon: number };
  flashSale: { started: number; orders: number; cues: { id: string; t: number; reactedAt: number | null; reactionMs: number | null; onTime: boolean }[] };
  voice: {
    /** false when a simulated anchor talks (平台管理员 tasks). */
    applicable: boolean;
    samples: number;
    talkMs: number;
    talkShare: number;
    deadAir: { count: number; totalMs: number; longestMs: number; stretches: Stretch[] };
  };
  banned: { total: number; banned: number; sensitive: number; byCategory: Record<BannedCategoryId, number>; hits: BannedHitRecord[] };
  faults: { items: FaultMetric[]; detected: number; recovered: number; medianDetectMs: number | null; medianRecoverMs: number | null };
  audience: {
    start: number;
    final: number;
    peak: number;
    average: number;
    total: number;
    arrivals: Record<ViewerArrivalReason, number>;
    departures: Record<ViewerLeaveReason, number>;
  };
  sales: {
    orders: number;
    units: number;
    buyers: number;
    gmv: number;
    /** buyers / everyone who entered. */
    conversion: number;
    byProduct: { productId: string; name: string; orders: number; units: number; gmv: number }[];
  };
  series: SeriesRow[];
  markers: Marker[];
}

/** Nearest-rank percentile of ascending numbers; null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

function asc(xs: number[]): number[] {
  return xs.sort((a, b) => a - b);
}

function replyItem(th: Thread, end: number): ReplyItem {
  const latencyMs = th.answeredAt === null ? null : th.answeredAt - th.t;
  const onTime = th.answeredAt !== null && th.answeredAt <= th.deadline;
  const status = th.answeredAt !== null ? (onTime ? 'on_time' : 'late') : th.deadline <= end ? 'unanswered' : 'pending';
  return {
    commentId: th.commentId,
    t: th.t,
    kind: th.kind,
    topic: th.topic,
    text: th.text,
    user: th.user,
    deadline: th.deadline,
    answeredAt: th.answeredAt,
    latencyMs,
    onTime,
    via: th.via,
    answeredWith: th.answeredWith,
    replyText: th.replyText,
    status,
  };
}

function replies(s: SessionState, end: number): SessionMetrics['replies'] {
  const items = s.threads.map((th) => replyItem(th, end));
  const byKind = Object.fromEntries(COMMENT_KINDS.map((k) => [k, { total: 0, answered: 0, onTime: 0 }])) as Record<CommentKind, KindCount>;
  const byVia: Record<AnswerVia, number> = { voice: 0, typed: 0, faq: 0 };
  for (const it of items) {
    const k = byKind[it.kind];
    k.total++;
    if (it.answeredAt !== null) k.answered++;
    if (it.onTime) k.onTime++;
    if (it.via !== null) byVia[it.via]++;
  }
  const lat = asc(items.flatMap((it) => (it.latencyMs === null ? [] : [it.latencyMs])));
  const pending = items.filter((it) => it.status === 'pending').length;
  return {
    total: items.length,
    answered: lat.length,
    onTime: items.filter((it) => it.status === 'on_time').length,
    late: items.filter((it) => it.status === 'late').length,
    unanswered: items.filter((it) => it.status === 'unanswered').length,
    pending,
    due: items.length - pending,
    p50Ms: percentile(lat, 50),
    p90Ms: percentile(lat, 90),
    maxMs: lat.length === 0 ? null : (lat[lat.length - 1] ?? null),
    byKind,
    byVia,
    items,
  };
}

function moderation(s: SessionState): SessionMetrics['moderation'] {
  const abuse = s.abuse.filter((a) => ABUSE_KINDS.includes(a.kind));
  const handled = abuse.filter((a) => a.handledAt !== null);
  const handleTimes = asc(handled.filter((a) => !a.prevented).map((a) => (a.handledAt ?? a.t) - a.t));
  return {
    abusive: abuse.length,
    shown: abuse.filter((a) => !a.prevented).length,
    prevented: abuse.filter((a) => a.prevented).length,
    handled: handled.length,
    unhandled: abuse.length - handled.length,
    handledRate: abuse.length === 0 ? null : handled.length / abuse.length,
    medianHandleMs: percentile(handleTimes, 50),
    mutes: s.mutes.length,
    keywordBlocks: s.keywords.length,
    mutedByMistake: s.mutes.filter((m) => m.legit).map((m) => ({ t: m.t, user: m.user, text: s.threads.find((th) => th.commentId === m.commentId)?.text ?? s.recent.find((x) => x.id === m.commentId)?.text ?? null })),
    legitHiddenByKeywords: s.keywords.reduce((sum, k) => sum + k.hiddenLegit, 0),
  };
}

function faultMetric(f: FaultRecord): FaultMetric {
  const wrong = f.remedies.filter((r) => !r.correct).length;
  return {
    id: f.id,
    kind: f.kind,
    source: f.source,
    startedAt: f.startedAt,
    detectedAt: f.detectedAt,
    recoveredAt: f.recoveredAt,
    detectMs: f.detectedAt === null ? null : f.detectedAt - f.startedAt,
    recoverMs: f.recoveredAt === null ? null : f.recoveredAt - f.startedAt,
    endedBy: f.endedBy,
    remedies: f.remedies,
    wrongRemedies: wrong,
    correctRemedy: f.remedies.length === 0 ? null : f.remedies.some((r) => r.correct),
  };
}

function pinnedMs(s: SessionState, end: number): { firstAt: number | null; pinnedMs: number } {
  let total = 0;
  let since: number | null = null;
  for (const h of s.pinHistory) {
    if (since !== null) total += h.t - since;
    since = h.productId === null ? null : h.t;
  }
  if (since !== null) total += Math.max(0, end - since);
  return { firstAt: s.pinHistory.find((h) => h.productId !== null)?.t ?? null, pinnedMs: total };
}

function voice(s: SessionState, end: number): SessionMetrics['voice'] {
  const v = s.voice;
  const stretches = [...v.deadAirs, ...(v.deadAirStart === null ? [] : [{ start: v.deadAirStart, end }])];
  const lengths = stretches.map((x) => x.end - x.start);
  return {
    applicable: s.scenario.audience.host === 'trainee',
    samples: v.samples,
    talkMs: v.talkMs,
    talkShare: end > 0 ? v.talkMs / end : 0,
    deadAir: { count: stretches.length, totalMs: lengths.reduce((a, b) => a + b, 0), longestMs: lengths.reduce((a, b) => Math.max(a, b), 0), stretches },
  };
}

function series(s: SessionState): SeriesRow[] {
  const rows = s.phase === 'live' ? [...s.minutes, { ...s.minute, viewersEnd: s.viewers }] : s.minutes;
  return rows.map((m) => ({
    minute: m.minute,
    viewers: m.viewersEnd,
    viewersPeak: m.viewersPeak,
    arrivals: m.arrivals,
    departures: m.departures,
    comments: m.comments,
    hidden: m.hidden,
    questions: m.questions,
    answered: m.answered,
    orders: m.orders,
    units: m.units,
    gmv: m.gmv / 100,
  }));
}

function complaints(items: ReplyItem[], count: KindCount): SessionMetrics['complaints'] {
  const own = items.filter((it) => it.kind === 'complaint');
  const pending = own.filter((it) => it.status === 'pending').length;
  return { ...count, unanswered: own.filter((it) => it.status === 'unanswered').length, pending, due: own.length - pending };
}

/** Every automatic metric of the session so far (or of the whole session once it ended). */
export function computeMetrics(s: SessionState): SessionMetrics {
  const end = s.endedAt ?? s.simT;
  const r = replies(s, end);
  const complaint = r.byKind.complaint;
  const baitItems = r.items.filter((it) => it.kind === 'bait');
  const start = s.scenario.audience.startViewers ?? Math.round(s.scenario.audience.baseViewers * MODEL.startShare);
  const byCategory = Object.fromEntries(BANNED_CATEGORIES.map((c) => [c.id, 0])) as Record<BannedCategoryId, number>;
  for (const h of s.banned) byCategory[h.category]++;
  const faults = s.faults.map(faultMetric);
  const pin = pinnedMs(s, end);
  const points = s.scenario.products.flatMap((p) => p.sellingPoints.map((x) => ({ productId: p.id, pointId: x.id, text: x.text, coveredAt: s.covered.find((c) => c.productId === p.id && c.pointId === x.id)?.t ?? null })));
  const buyers = Object.keys(s.buyers).length;
  return {
    durationMs: end,
    replies: r,
    complaints: complaints(r.items, complaint),
    bait: { total: baitItems.length, answered: baitItems.filter((it) => it.answeredAt !== null).length, tookBait: s.threads.filter((th) => th.kind === 'bait' && th.bannedHits > 0).length },
    moderation: moderation(s),
    faq: { added: s.faqs.length, uses: s.faqUses.length },
    sellingPoints: { total: points.length, covered: points.filter((p) => p.coveredAt !== null).length, items: points },
    pinnedProduct: { ...pin, share: end > 0 ? pin.pinnedMs / end : 0 },
    coupons: { pushes: s.couponPushes.length, firstAt: s.couponPushes[0]?.t ?? null, ordersWithCoupon: s.orders.filter((o) => o.coupon).length },
    flashSale: {
      started: s.flashSales.length,
      orders: s.orders.filter((o) => o.flash).length,
      cues: s.cues.map((q) => ({ id: q.id, t: q.t, reactedAt: q.reactedAt, reactionMs: q.reactedAt === null ? null : q.reactedAt - q.t, onTime: q.reactedAt !== null && q.reactedAt - q.t <= q.withinSec * 1000 })),
    },
    voice: voice(s, end),
    banned: { total: s.banned.length, banned: s.banned.filter((h) => h.severity === 'banned').length, sensitive: s.banned.filter((h) => h.severity === 'sensitive').length, byCategory, hits: s.banned },
    faults: {
      items: faults,
      detected: faults.filter((f) => f.detectedAt !== null).length,
      recovered: faults.filter((f) => f.recoveredAt !== null && f.endedBy !== 'auto').length,
      medianDetectMs: percentile(asc(faults.flatMap((f) => (f.detectMs === null ? [] : [f.detectMs]))), 50),
      medianRecoverMs: percentile(asc(faults.flatMap((f) => (f.recoverMs === null || f.endedBy === 'auto' ? [] : [f.recoverMs]))), 50),
    },
    audience: {
      start,
      final: s.viewers,
      peak: s.peakViewers,
      average: end > 0 ? Math.round(s.viewerMs / end) : s.viewers,
      total: s.totalViewers,
      arrivals: { ...s.arrivals },
      departures: { ...s.departures },
    },
    sales: {
      orders: s.orders.length,
      units: s.units,
      buyers,
      gmv: s.gmv / 100,
      conversion: s.totalViewers > 0 ? buyers / s.totalViewers : 0,
      byProduct: s.scenario.products.map((p) => {
        const os = s.orders.filter((o) => o.productId === p.id);
        return { productId: p.id, name: p.name, orders: os.length, units: os.reduce((a, o) => a + o.qty, 0), gmv: os.reduce((a, o) => a + o.paid, 0) / 100 };
      }),
    },
    series: series(s),
    markers: s.markers,
  };
}
