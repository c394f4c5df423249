// One time axis for the assessor: everything the log holds, placed at its session time (ms on
// the video's timeline): comments and replies, backstage actions, faults with detection and
// recovery, banned-word hits, dead air, sales, OBS telemetry and device checks, plus small
// series (viewers, OBS bitrate, skipped frames). Built record by record from events.jsonl as
// logged (the evidence), so it needs no replay. Pure.
import type { Json } from '../evidence/canonical.ts';
import type { Effect, Input } from '../engine/index.ts';
import { FAULTS, type SessionFaultKind } from '../engine/index.ts';
import { FAULT_TITLE_ZH, REMEDY_ZH } from '../engine/zh-interim.ts';
import type { LiveRoomScenario } from '../format/index.ts';
import { ObsTelemetrySample } from '../obs/records.ts';
import { DeviceCheckRecord } from '../device-check/record.ts';

export const LANES = ['comments', 'actions', 'faults', 'compliance', 'voice', 'sales', 'obs', 'checks'] as const;
export type Lane = (typeof LANES)[number];
export const LANE_NAMES: Readonly<Record<Lane, string>> = {
  comments: '弹幕与回复',
  actions: '中控台操作',
  faults: '故障',
  compliance: '违禁词',
  voice: '冷场',
  sales: '销售',
  obs: 'OBS',
  checks: '设备检测',
};

export type Tone = 'info' | 'good' | 'warn' | 'bad';

export interface TimelineItem {
  id: string;
  lane: Lane;
  t: number;
  /** End of a span (fault, dead air); null for a moment. */
  end: number | null;
  kind: string;
  label: string;
  detail: string | null;
  tone: Tone;
  /** Comment, fault or product the item is about, to link related items. */
  ref: string | null;
}

export interface Series {
  id: 'viewers' | 'bitrate' | 'skipped' | 'orders';
  label: string;
  unit: string;
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
const COMMENT_KIND_NAMES: Readonly<Record<string, string>> = { question: '提问', objection: '质疑', praise: '夸奖', troll: '恶意', spam: '导流', bait: '诱导', complaint: '投诉', intent: '想买' };
const TEXT_FIELDS: Readonly<Record<string, string>> = { title: '标题', script: '话术', notice: '公告' };
const VERDICT_NAMES: Readonly<Record<string, string>> = { pass: '通过', warn: '注意', fail: '未通过' };
const DEVICE_NAMES: Readonly<Record<string, string>> = { camera: '摄像头', microphone: '麦克风', speakers: '扬声器', network: '网络', disk: '磁盘', obs: 'OBS' };

const sec = (ms: number) => `${(ms / 1000).toFixed(1)} 秒`;

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
  #faults = new Map<string, { kind: string; title: string; item: TimelineItem }>();
  #deadAir: TimelineItem | null = null;
  #comments = new Map<string, string>();
  #lastT = 0;

  constructor(scenario: LiveRoomScenario | null) {
    this.#scenario = scenario;
  }

  #add(lane: Lane, t: number, kind: string, label: string, extra: Partial<Pick<TimelineItem, 'end' | 'detail' | 'tone' | 'ref'>> = {}): TimelineItem {
    const item: TimelineItem = { id: `${lane}-${this.#items.length}`, lane, t, end: extra.end ?? null, kind, label, detail: extra.detail ?? null, tone: extra.tone ?? 'info', ref: extra.ref ?? null };
    this.#items.push(item);
    return item;
  }

  #product(id: string | null): string {
    return this.#scenario?.products.find((p) => p.id === id)?.name ?? id ?? '';
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
      this.#add('checks', t, 'check', '检测记录无法读取', { tone: 'warn' });
      return;
    }
    const c = parsed.data;
    const parts = Object.entries(c.items).flatMap(([name, item]) => (item ? [`${DEVICE_NAMES[name] ?? name} ${VERDICT_NAMES[item.verdict] ?? item.verdict}`] : []));
    const tone: Tone = c.overall === 'pass' ? 'good' : c.overall === 'warn' ? 'warn' : 'bad';
    this.#add('checks', t, 'device_check', `设备检测：${VERDICT_NAMES[c.overall] ?? c.overall}${c.complete ? '' : '（未完成）'}`, { tone, detail: `${parts.join(' · ')}；用时 ${sec(c.traineeMs)}` });
  }

  #input(input: Input): void {
    const t = input.t;
    const act = (label: string, ref: string | null = null, tone: Tone = 'info') => this.#add('actions', t, input.type, label, { ref, tone });
    switch (input.type) {
      case 'reply':
        act(`打字回复：${input.text}`, input.commentId);
        return;
      case 'reply_faq': {
        const faq = this.#scenario?.products.flatMap((p) => p.faqs).find((f) => f.id === input.faqId);
        act(`用常见问题回复「${this.#comments.get(input.commentId) ?? ''}」${faq ? `：${faq.a}` : ''}`, input.commentId);
        return;
      }
      case 'mark_answered':
        act(`口头回答${input.commentId ? `「${this.#comments.get(input.commentId) ?? ''}」` : ''}`, input.commentId ?? null);
        return;
      case 'add_faq':
        act(`新增常见问题：${input.question}`);
        return;
      case 'pin_comment':
        act(`置顶弹幕：${this.#comments.get(input.commentId) ?? ''}`, input.commentId);
        return;
      case 'unpin_comment':
        act('取消置顶弹幕');
        return;
      case 'mute_user':
        act(`禁言 ${input.durationSec} 秒：${this.#comments.get(input.commentId) ?? ''}`, input.commentId);
        return;
      case 'unmute_user':
        act('解除禁言');
        return;
      case 'block_keyword':
        act(`屏蔽关键词「${input.keyword}」`);
        return;
      case 'unblock_keyword':
        act(`取消屏蔽「${input.keyword}」`);
        return;
      case 'pin_product':
        act(`讲解中：${this.#product(input.productId)}`, input.productId, 'good');
        return;
      case 'unpin_product':
        act('取消讲解');
        return;
      case 'push_coupon':
        act(`发放优惠券：${this.#product(input.productId)}`, input.productId);
        return;
      case 'start_flash_sale':
        act(`开启秒杀：${this.#product(input.productId)}`, input.productId);
        return;
      case 'cover_selling_point': {
        const point = this.#scenario?.products.find((p) => p.id === input.productId)?.sellingPoints.find((s) => s.id === input.pointId);
        act(`讲到卖点：${point?.text ?? input.pointId}`, input.productId, 'good');
        return;
      }
      case 'set_text':
        act(`修改${TEXT_FIELDS[input.field] ?? input.field}：${input.text.slice(0, 60)}`);
        return;
      case 'end':
        act('结束直播');
        return;
      default:
        return; // tick, voice, camera, obs_drill, ack_fault (shown with its fault)
    }
  }

  #effect(e: Effect): void {
    switch (e.type) {
      case 'comment': {
        const c = e.comment;
        this.#comments.set(c.id, `${c.user}：${c.text}`);
        const tone: Tone = c.kind === 'troll' || c.kind === 'spam' || c.kind === 'bait' || c.kind === 'complaint' ? 'warn' : 'info';
        this.#add('comments', c.t, `comment.${c.kind}`, `${c.user}：${c.text}`, { tone, ref: c.id, detail: `${COMMENT_KIND_NAMES[c.kind] ?? c.kind}${c.replyBy === null ? '' : `，应在 ${sec(c.replyBy - c.t)} 内回复`}` });
        return;
      }
      case 'comment_hidden':
        this.#add('comments', e.t, 'comment.hidden', `已拦截：${e.comment.user}：${e.comment.text}`, { ref: e.comment.id, detail: e.reason === 'muted' ? '作者已被禁言' : `屏蔽词「${e.keyword ?? ''}」` });
        return;
      case 'answered':
        this.#add('comments', e.t, 'answered', `已回复：${this.#comments.get(e.commentId) ?? e.commentId}`, {
          ref: e.commentId,
          tone: e.onTime ? 'good' : 'warn',
          detail: `${e.via === 'voice' ? '口头' : e.via === 'faq' ? '常见问题' : '打字'}，用时 ${sec(e.latencyMs)}${e.onTime ? '' : '（超时）'}`,
        });
        return;
      case 'question_expired':
        this.#add('comments', e.t, 'expired', `未回复：${this.#comments.get(e.commentId) ?? e.commentId}`, { ref: e.commentId, tone: 'bad' });
        return;
      case 'user_muted':
        if (e.mistaken) this.#add('actions', e.t, 'muted_wrongly', `误禁言正常观众 ${e.user}`, { tone: 'bad' });
        return;
      case 'viewers':
        this.#viewers.push([e.t, e.viewers]);
        return;
      case 'order':
        this.#orderCount += 1;
        this.#orders.push([e.t, this.#orderCount]);
        this.#add('sales', e.t, 'order', `订单：${this.#product(e.order.productId)} × ${e.order.qty}`, { detail: `${(e.order.paid / 100).toFixed(2)} 元${e.order.coupon ? '，用券' : ''}${e.order.flash ? '，秒杀' : ''}`, ref: e.order.productId });
        return;
      case 'coupon_started':
        this.#add('sales', e.t, 'coupon', `优惠券开始：${this.#product(e.productId)}`, { end: e.until, ref: e.productId });
        return;
      case 'flash_sale_started':
        this.#add('sales', e.t, 'flash_sale', `秒杀开始：${this.#product(e.productId)} ${(e.price / 100).toFixed(2)} 元 × ${e.stock}`, { end: e.until, ref: e.productId });
        return;
      case 'sold_out':
        this.#add('sales', e.t, 'sold_out', `售罄：${this.#product(e.productId)}`, { tone: 'warn', ref: e.productId });
        return;
      case 'cue':
        this.#add('sales', e.t, 'cue', `提示：${e.cue.withinSec} 秒内开启秒杀`, { detail: e.note, ref: e.cue.productId });
        return;
      case 'surge':
        this.#add('sales', e.t, 'surge', `平台推流 +${e.viewers} 人`, { detail: e.note });
        return;
      case 'fault_started': {
        const f = e.fault;
        const item = this.#add('faults', f.startedAt, `fault.${f.kind}`, `故障：${FAULT_TITLE_ZH[f.kind]}`, { tone: 'bad', ref: f.id, detail: f.source === 'obs' ? 'OBS 演练' : f.source === 'device' ? '设备' : '模拟' });
        this.#faults.set(f.id, { kind: f.kind, title: FAULT_TITLE_ZH[f.kind], item });
        return;
      }
      case 'fault_remedy': {
        const f = this.#faults.get(e.faultId);
        const remedy = f && FAULTS[f.kind as SessionFaultKind].remedies.some((r) => r.id === e.remedy) ? REMEDY_ZH[e.remedy] : undefined;
        this.#add('faults', e.t, 'remedy', `处理：${remedy ?? e.remedy}${e.correct ? '' : '（无效）'}`, { tone: e.correct ? 'good' : 'warn', ref: e.faultId });
        return;
      }
      case 'fault_ended': {
        const f = e.fault;
        const open = this.#faults.get(f.id);
        const detect = f.detectedAt === null ? '未发现' : `发现用时 ${sec(f.detectedAt - f.startedAt)}`;
        const recover = f.recoveredAt === null ? '未恢复' : `恢复用时 ${sec(f.recoveredAt - f.startedAt)}`;
        if (open) {
          open.item.end = e.t;
          open.item.detail = `${open.item.detail ?? ''}；${detect}；${recover}`;
          open.item.tone = f.recoveredAt === null ? 'bad' : 'warn';
        }
        if (f.detectedAt !== null) this.#add('faults', f.detectedAt, 'detected', `发现故障：${FAULT_TITLE_ZH[f.kind]}`, { ref: f.id, tone: 'info' });
        if (f.recoveredAt !== null) this.#add('faults', f.recoveredAt, 'recovered', `恢复：${FAULT_TITLE_ZH[f.kind]}`, { ref: f.id, tone: 'good' });
        return;
      }
      case 'banned_words':
        for (const h of e.hits) {
          this.#add('compliance', h.t, `banned.${h.severity}`, `${h.severity === 'banned' ? '违禁词' : '敏感词'}「${h.word}」`, { tone: h.severity === 'banned' ? 'bad' : 'warn', detail: `${h.categoryName}：${h.excerpt}（${h.rule}）`, ref: h.commentId });
        }
        return;
      case 'dead_air':
        if (e.phase === 'start') this.#deadAir = this.#add('voice', e.since, 'dead_air', '冷场', { tone: 'warn', end: e.t });
        else if (this.#deadAir) {
          this.#deadAir.end = e.t;
          this.#deadAir.label = `冷场 ${sec(e.t - this.#deadAir.t)}`;
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
      if (p.level === 'bad') this.#add('obs', t, `obs.${p.metric}`, p.message, { tone: 'bad' });
    }
  }

  end(durationMs: number | null): Timeline {
    const duration = Math.max(durationMs ?? 0, this.#lastT);
    if (this.#deadAir) this.#deadAir.end = this.#deadAir.end ?? duration;
    for (const f of this.#faults.values()) f.item.end ??= duration;
    const series: Series[] = [
      { id: 'viewers', label: '在线人数', unit: '人', points: downsample(this.#viewers) },
      { id: 'orders', label: '累计订单', unit: '单', points: downsample(this.#orders) },
      { id: 'bitrate', label: 'OBS 码率', unit: 'kbps', points: downsample(this.#bitrate) },
      { id: 'skipped', label: 'OBS 跳帧', unit: '帧', points: downsample(this.#skipped) },
    ];
    const items = [...this.#items].sort((a, b) => a.t - b.t);
    return { durationMs: duration, items, series, skipped: this.#skippedTypes };
  }
}
