// One time axis for the assessor: everything the log holds, placed at its session time (ms on
// the video's timeline): comments and replies, backstage actions, faults with detection and
// recovery, banned-word hits, dead air, sales, OBS telemetry and device checks, plus small
// series (viewers, OBS bitrate, skipped frames). Built record by record from events.jsonl as
// logged (the evidence), so it needs no replay. Pure.
import type { Json } from '../evidence/canonical.ts';
import type { Effect, Input, MessageParams } from '../engine/index.ts';
import { FAULTS, type SessionFaultKind } from '../engine/index.ts';
import type { LiveRoomScenario } from '../format/index.ts';
import { ObsTelemetrySample } from '../obs/records.ts';
import { DeviceCheckRecord } from '../device-check/record.ts';

export const LANES = ['comments', 'actions', 'faults', 'compliance', 'voice', 'sales', 'obs', 'checks'] as const;
export type Lane = (typeof LANES)[number];

export type Tone = 'info' | 'good' | 'warn' | 'bad';

/** What the timeline says of an item, as codes: the UI words `timeline.<code>` with its params
 *  (renderer/src/i18n/locales/timeline-*.ts). Names, comments and texts from the session are params. */
export const TIMELINE_CODES = [
  'check_unreadable', 'device_check', 'device_check_incomplete', 'device_verdict', 'trainee_time',
  'reply', 'reply_faq', 'reply_faq_answer', 'mark_answered', 'mark_answered_comment', 'add_faq', 'pin_comment', 'unpin_comment',
  'mute_user', 'unmute_user', 'block_keyword', 'unblock_keyword', 'pin_product', 'unpin_product', 'push_coupon',
  'start_flash_sale', 'cover_selling_point', 'set_text', 'end',
  'comment', 'comment_kind', 'reply_within', 'hidden', 'hidden_muted', 'hidden_keyword', 'answered', 'answered_via', 'took', 'took_late',
  'expired', 'muted_wrongly', 'order', 'paid', 'with_coupon', 'with_flash', 'coupon_started', 'flash_sale_started', 'sold_out', 'cue',
  'surge', 'note', 'fault', 'fault_source', 'not_detected', 'detected_in', 'not_recovered', 'recovered_in', 'remedy', 'remedy_wrong',
  'remedy_raw', 'remedy_raw_wrong', 'detected', 'recovered', 'banned', 'sensitive', 'banned_detail', 'dead_air', 'dead_air_for', 'obs_problem',
] as const;
export type TimelineCode = (typeof TIMELINE_CODES)[number];
export type TimelineKey = `timeline.${TimelineCode}`;
export interface TimelineText {
  key: TimelineKey;
  params: MessageParams;
}

export interface TimelineItem {
  id: string;
  lane: Lane;
  t: number;
  /** End of a span (fault, dead air); null for a moment. */
  end: number | null;
  kind: string;
  label: TimelineText;
  /** Further facts, shown after the label (joined by the language's separator); may be empty. */
  detail: TimelineText[];
  tone: Tone;
  /** Comment, fault or product the item is about, to link related items. */
  ref: string | null;
}

/** A small graph; the UI names it and its unit by id (timeline.series.<id>). */
export interface Series {
  id: 'viewers' | 'bitrate' | 'skipped' | 'orders';
  points: [number, number][];
}

export interface Timeline {
  durationMs: number;
  items: TimelineItem[];
  series: Series[];
  /** Record types seen that the timeline does not show (for the curious). */
  skipped: Record<string, number>;
}

const MAX_POINTS = 600;
const tx = (code: TimelineCode, params: MessageParams = {}): TimelineText => ({ key: `timeline.${code}`, params });

/** Keeps at most MAX_POINTS points: the largest value of each bucket, so spikes stay visible. */
export function downsample(points: readonly [number, number][], max = MAX_POINTS): [number, number][] {
  if (points.length <= max) return [...points];
  const first = points[0]?.[0] ?? 0;
  const span = (points.at(-1)?.[0] ?? first) - first || 1;
  const buckets = new Map<number, [number, number]>();
  for (const p of points) {
    const b = Math.min(max - 1, Math.floor(((p[0] - first) / span) * max));
    const cur = buckets.get(b);
    if (!cur || p[1] > cur[1]) buckets.set(b, p);
  }
  return [...buckets.values()].sort((a, b) => a[0] - b[0]);
}

export class TimelineBuilder {
  #scenario: LiveRoomScenario | null;
  #items: TimelineItem[] = [];
  #viewers: [number, number][] = [];
  #bitrate: [number, number][] = [];
  #skipped: [number, number][] = [];
  #orders: [number, number][] = [];
  #orderCount = 0;
  #skippedTypes: Record<string, number> = {};
  #faults = new Map<string, { kind: string; item: TimelineItem }>();
  #deadAir: TimelineItem | null = null;
  #comments = new Map<string, { user: string; text: string }>();
  #lastT = 0;

  constructor(scenario: LiveRoomScenario | null) {
    this.#scenario = scenario;
  }

  #add(lane: Lane, t: number, kind: string, label: TimelineText, extra: Partial<Pick<TimelineItem, 'end' | 'detail' | 'tone' | 'ref'>> = {}): TimelineItem {
    const item: TimelineItem = { id: `${lane}-${this.#items.length}`, lane, t, end: extra.end ?? null, kind, label, detail: extra.detail ?? [], tone: extra.tone ?? 'info', ref: extra.ref ?? null };
    this.#items.push(item);
    return item;
  }

  #product(id: string | null): string {
    return this.#scenario?.products.find((p) => p.id === id)?.name ?? id ?? '';
  }

  /** A comment seen earlier, as params (user and text; empty when unknown). */
  #comment(id: string | null | undefined): { user: string; text: string } {
    return (id === null || id === undefined ? undefined : this.#comments.get(id)) ?? { user: '', text: id ?? '' };
  }

  /** One record of events.jsonl (any type; unknown ones are counted and left out). */
  record(r: { t: number; type: string; data: Json }): void {
    this.#lastT = Math.max(this.#lastT, r.t);
    const data = r.data as Record<string, unknown> | null;
    switch (r.type) {
      case 'engine.input':
        if (data?.input && typeof data.input === 'object') this.#input(data.input as Input);
        return;
      case 'engine.output':
        if (Array.isArray(data?.effects)) for (const e of data.effects as Effect[]) this.#effect(e);
        return;
      case 'obs.telemetry': // ADAPTER: the OBS bridge's samples, when the live room logs them (data = sample or { sample })
        this.#telemetry(r.t, data?.sample ?? data);
        return;
      default:
        this.#skippedTypes[r.type] = (this.#skippedTypes[r.type] ?? 0) + 1;
    }
  }

  /** A device-check record stored under checks/ (placed where check.stored logged it). */
  check(t: number, raw: unknown): void {
    const parsed = DeviceCheckRecord.safeParse(raw);
    if (!parsed.success) {
      this.#add('checks', t, 'check', tx('check_unreadable'), { tone: 'warn' });
      return;
    }
    const c = parsed.data;
    const parts = Object.entries(c.items).flatMap(([device, item]) => (item ? [tx('device_verdict', { device, verdict: item.verdict })] : []));
    const tone: Tone = c.overall === 'pass' ? 'good' : c.overall === 'warn' ? 'warn' : 'bad';
    this.#add('checks', t, 'device_check', tx(c.complete ? 'device_check' : 'device_check_incomplete', { verdict: c.overall }), { tone, detail: [...parts, tx('trainee_time', { ms: c.traineeMs })] });
  }

  #input(input: Input): void {
    const t = input.t;
    const act = (label: TimelineText, ref: string | null = null, tone: Tone = 'info') => this.#add('actions', t, input.type, label, { ref, tone });
    switch (input.type) {
      case 'reply':
        act(tx('reply', { text: input.text }), input.commentId);
        return;
      case 'reply_faq': {
        const faq = this.#scenario?.products.flatMap((p) => p.faqs).find((f) => f.id === input.faqId);
        const { text } = this.#comment(input.commentId);
        act(faq ? tx('reply_faq_answer', { comment: text, answer: faq.a }) : tx('reply_faq', { comment: text }), input.commentId);
        return;
      }
      case 'mark_answered':
        act(input.commentId ? tx('mark_answered_comment', { comment: this.#comment(input.commentId).text }) : tx('mark_answered'), input.commentId ?? null);
        return;
      case 'add_faq':
        act(tx('add_faq', { question: input.question }));
        return;
      case 'pin_comment':
        act(tx('pin_comment', this.#comment(input.commentId)), input.commentId);
        return;
      case 'unpin_comment':
        act(tx('unpin_comment'));
        return;
      case 'mute_user':
        act(tx('mute_user', { seconds: input.durationSec, ...this.#comment(input.commentId) }), input.commentId);
        return;
      case 'unmute_user':
        act(tx('unmute_user'));
        return;
      case 'block_keyword':
        act(tx('block_keyword', { keyword: input.keyword }));
        return;
      case 'unblock_keyword':
        act(tx('unblock_keyword', { keyword: input.keyword }));
        return;
      case 'pin_product':
        act(tx('pin_product', { product: this.#product(input.productId) }), input.productId, 'good');
        return;
      case 'unpin_product':
        act(tx('unpin_product'));
        return;
      case 'push_coupon':
        act(tx('push_coupon', { product: this.#product(input.productId) }), input.productId);
        return;
      case 'start_flash_sale':
        act(tx('start_flash_sale', { product: this.#product(input.productId) }), input.productId);
        return;
      case 'cover_selling_point': {
        const point = this.#scenario?.products.find((p) => p.id === input.productId)?.sellingPoints.find((s) => s.id === input.pointId);
        act(tx('cover_selling_point', { point: point?.text ?? input.pointId }), input.productId, 'good');
        return;
      }
      case 'set_text':
        act(tx('set_text', { field: input.field, text: input.text.slice(0, 60) }));
        return;
      case 'end':
        act(tx('end'));
        return;
      default:
        return; // tick, voice, camera, obs_drill, ack_fault (shown with its fault)
    }
  }

  #effect(e: Effect): void {
    switch (e.type) {
      case 'comment': {
        const c = e.comment;
        this.#comments.set(c.id, { user: c.user, text: c.text });
        const tone: Tone = c.kind === 'troll' || c.kind === 'spam' || c.kind === 'bait' || c.kind === 'complaint' ? 'warn' : 'info';
        const detail = [tx('comment_kind', { kind: c.kind }), ...(c.replyBy === null ? [] : [tx('reply_within', { ms: c.replyBy - c.t })])];
        this.#add('comments', c.t, `comment.${c.kind}`, tx('comment', { user: c.user, text: c.text }), { tone, ref: c.id, detail });
        return;
      }
      case 'comment_hidden':
        this.#add('comments', e.t, 'comment.hidden', tx('hidden', { user: e.comment.user, text: e.comment.text }), {
          ref: e.comment.id,
          detail: [e.reason === 'muted' ? tx('hidden_muted') : tx('hidden_keyword', { keyword: e.keyword ?? '' })],
        });
        return;
      case 'answered':
        this.#add('comments', e.t, 'answered', tx('answered', this.#comment(e.commentId)), {
          ref: e.commentId,
          tone: e.onTime ? 'good' : 'warn',
          detail: [tx('answered_via', { via: e.via }), tx(e.onTime ? 'took' : 'took_late', { ms: e.latencyMs })],
        });
        return;
      case 'question_expired':
        this.#add('comments', e.t, 'expired', tx('expired', this.#comment(e.commentId)), { ref: e.commentId, tone: 'bad' });
        return;
      case 'user_muted':
        if (e.mistaken) this.#add('actions', e.t, 'muted_wrongly', tx('muted_wrongly', { user: e.user }), { tone: 'bad' });
        return;
      case 'viewers':
        this.#viewers.push([e.t, e.viewers]);
        return;
      case 'order':
        this.#orderCount += 1;
        this.#orders.push([e.t, this.#orderCount]);
        this.#add('sales', e.t, 'order', tx('order', { product: this.#product(e.order.productId), qty: e.order.qty }), {
          detail: [tx('paid', { yuan: e.order.paid / 100 }), ...(e.order.coupon ? [tx('with_coupon')] : []), ...(e.order.flash ? [tx('with_flash')] : [])],
          ref: e.order.productId,
        });
        return;
      case 'coupon_started':
        this.#add('sales', e.t, 'coupon', tx('coupon_started', { product: this.#product(e.productId) }), { end: e.until, ref: e.productId });
        return;
      case 'flash_sale_started':
        this.#add('sales', e.t, 'flash_sale', tx('flash_sale_started', { product: this.#product(e.productId), yuan: e.price / 100, stock: e.stock }), { end: e.until, ref: e.productId });
        return;
      case 'sold_out':
        this.#add('sales', e.t, 'sold_out', tx('sold_out', { product: this.#product(e.productId) }), { tone: 'warn', ref: e.productId });
        return;
      case 'cue':
        this.#add('sales', e.t, 'cue', tx('cue', { seconds: e.cue.withinSec }), { detail: e.note ? [tx('note', { text: e.note })] : [], ref: e.cue.productId });
        return;
      case 'surge':
        this.#add('sales', e.t, 'surge', tx('surge', { viewers: e.viewers }), { detail: e.note ? [tx('note', { text: e.note })] : [] });
        return;
      case 'fault_started': {
        const f = e.fault;
        const item = this.#add('faults', f.startedAt, `fault.${f.kind}`, tx('fault', { fault: f.kind }), { tone: 'bad', ref: f.id, detail: [tx('fault_source', { source: f.source })] });
        this.#faults.set(f.id, { kind: f.kind, item });
        return;
      }
      case 'fault_remedy': {
        const f = this.#faults.get(e.faultId);
        const known = f !== undefined && FAULTS[f.kind as SessionFaultKind].remedies.some((r) => r.id === e.remedy);
        const label = known ? tx(e.correct ? 'remedy' : 'remedy_wrong', { fault: f.kind, remedy: e.remedy }) : tx(e.correct ? 'remedy_raw' : 'remedy_raw_wrong', { remedy: e.remedy });
        this.#add('faults', e.t, 'remedy', label, { tone: e.correct ? 'good' : 'warn', ref: e.faultId });
        return;
      }
      case 'fault_ended': {
        const f = e.fault;
        const open = this.#faults.get(f.id);
        const detect = f.detectedAt === null ? tx('not_detected') : tx('detected_in', { ms: f.detectedAt - f.startedAt });
        const recover = f.recoveredAt === null ? tx('not_recovered') : tx('recovered_in', { ms: f.recoveredAt - f.startedAt });
        if (open) {
          open.item.end = e.t;
          open.item.detail = [...open.item.detail, detect, recover];
          open.item.tone = f.recoveredAt === null ? 'bad' : 'warn';
        }
        if (f.detectedAt !== null) this.#add('faults', f.detectedAt, 'detected', tx('detected', { fault: f.kind }), { ref: f.id, tone: 'info' });
        if (f.recoveredAt !== null) this.#add('faults', f.recoveredAt, 'recovered', tx('recovered', { fault: f.kind }), { ref: f.id, tone: 'good' });
        return;
      }
      case 'banned_words':
        for (const h of e.hits) {
          this.#add('compliance', h.t, `banned.${h.severity}`, tx(h.severity === 'banned' ? 'banned' : 'sensitive', { word: h.word }), {
            tone: h.severity === 'banned' ? 'bad' : 'warn',
            detail: [tx('banned_detail', { category: h.category, excerpt: h.excerpt, rule: h.rule })],
            ref: h.commentId,
          });
        }
        return;
      case 'dead_air':
        if (e.phase === 'start') this.#deadAir = this.#add('voice', e.since, 'dead_air', tx('dead_air'), { tone: 'warn', end: e.t });
        else if (this.#deadAir) {
          this.#deadAir.end = e.t;
          this.#deadAir.label = tx('dead_air_for', { ms: e.t - this.#deadAir.t });
          this.#deadAir = null;
        }
        return;
      default:
        return;
    }
  }

  #telemetry(t: number, raw: unknown): void {
    const parsed = ObsTelemetrySample.safeParse(raw);
    if (!parsed.success) return;
    const s = parsed.data;
    if (s.stream.bitrateKbps !== null) this.#bitrate.push([t, s.stream.bitrateKbps]);
    this.#skipped.push([t, s.renderLag.skipped + s.encodeLag.skipped + s.network.skipped]);
    for (const p of s.problems) {
      if (p.level === 'bad') this.#add('obs', t, `obs.${p.metric}`, tx('obs_problem', { metric: p.metric }), { tone: 'bad' });
    }
  }

  end(durationMs: number | null): Timeline {
    const duration = Math.max(durationMs ?? 0, this.#lastT);
    if (this.#deadAir) this.#deadAir.end = this.#deadAir.end ?? duration;
    for (const f of this.#faults.values()) f.item.end ??= duration;
    const series: Series[] = [
      { id: 'viewers', points: downsample(this.#viewers) },
      { id: 'orders', points: downsample(this.#orders) },
      { id: 'bitrate', points: downsample(this.#bitrate) },
      { id: 'skipped', points: downsample(this.#skipped) },
    ];
    const items = [...this.#items].sort((a, b) => a.t - b.t);
    return { durationMs: duration, items, series, skipped: this.#skippedTypes };
  }
}
