// What the live room shows besides the engine state itself, folded from the engine's effects once
// per frame (pure): the comment feed (capped: the DOM never holds more than FEED_CAP rows, however
// fast comments come), short toasts, the latest banned-word hits and the pending 运营提示.
import { FAULTS, type BannedHitRecord, type Effect, type FaultKey, type HostPromptTopic, type MessageParams, type RejectKey } from '../../../../scenarios/engine/index.ts';
import type { CommentKind, QuestionTopic } from '../../../../scenarios/format/schema.ts';

export type FeedStatus = 'open' | 'answered' | 'expired' | null;

export interface FeedItem {
  readonly id: string;
  readonly t: number;
  readonly kind: CommentKind;
  readonly topic: QuestionTopic | null;
  readonly text: string;
  readonly user: string;
  readonly userId: string;
  /** 卡了吗？: a viewer reacting to a fault. */
  readonly reaction: boolean;
  readonly replyBy: number | null;
  /** For comments that expect an answer; null for the others. */
  readonly status: FeedStatus;
  /** Not shown to viewers: author muted or a blocked keyword matched. */
  readonly hidden: 'muted' | 'keyword' | 'deleted' | null;
  /** The author was muted after posting it. */
  readonly muted: boolean;
}

export interface Feed {
  readonly items: readonly FeedItem[];
  /** Every comment seen since go-live (shown + hidden), for the counter. */
  readonly total: number;
  readonly hidden: number;
}

export type ToastTone = 'info' | 'good' | 'warn' | 'bad';

export interface Toast {
  readonly id: number;
  /** Session time it appeared (engine ms). */
  readonly t: number;
  readonly tone: ToastTone;
  /** i18n key under liveRoom.toast and its values. */
  readonly key: string;
  readonly values: Readonly<Record<string, string | number>>;
  /** Values that are themselves texts: an engine message (key + params) worded when shown. */
  readonly messages?: Readonly<Record<string, ToastMessage>>;
}

export interface ToastMessage {
  readonly key: RejectKey | FaultKey;
  readonly params: MessageParams;
}

export interface HostReply {
  readonly t: number;
  readonly topic: HostPromptTopic;
  readonly risky: boolean;
  readonly viewers: number;
  readonly orders: number;
  /** Yuan, two decimals. */
  readonly gmv: string;
  readonly comment: string | null;
}

export interface RoomView {
  readonly feed: Feed;
  readonly toasts: readonly Toast[];
  readonly nextToastId: number;
  /** Banned words found in what the trainee typed (replies, FAQ, title…), newest last. */
  readonly banned: readonly BannedHitRecord[];
  /** 运营提示 waiting for a flash sale. */
  readonly cue: { readonly id: string; readonly note: string | null; readonly productId: string; readonly until: number } | null;
  /** The simulated host's answer to the administrator's latest prompt (提醒主播), captioned for a few seconds. */
  readonly hostReply: HostReply | null;
}

export const FEED_CAP = 300;
export const TOAST_CAP = 4;
export const TOAST_MS = 5000;
const BANNED_CAP = 20;

export function emptyView(): RoomView {
  return { feed: { items: [], total: 0, hidden: 0 }, toasts: [], nextToastId: 1, banned: [], cue: null, hostReply: null };
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** Folds one frame's effects into the view. `now` (engine ms) ages toasts out. */
export function applyEffects(view: RoomView, effects: readonly Effect[], now: number, cap = FEED_CAP): RoomView {
  // Copied on first change (closures below write it, so it lives in an object TS can follow).
  const acc: { items: FeedItem[] | null } = { items: null };
  let { total, hidden } = view.feed;
  const toasts: Toast[] = view.toasts.filter((x) => now - x.t < TOAST_MS);
  let toastsChanged = toasts.length !== view.toasts.length;
  let nextToastId = view.nextToastId;
  let banned: BannedHitRecord[] | null = null;
  let cue = view.cue;
  let hostReply = view.hostReply;

  const list = () => (acc.items ??= [...view.feed.items]);
  const toast = (tone: ToastTone, key: string, t: number, values: Record<string, string | number> = {}, messages?: Record<string, ToastMessage>) => {
    toasts.push(messages === undefined ? { id: nextToastId++, t, tone, key, values } : { id: nextToastId++, t, tone, key, values, messages });
    toastsChanged = true;
  };
  const update = (id: string, change: (item: FeedItem) => FeedItem) => {
    const xs = list();
    for (let i = xs.length - 1; i >= 0; i--) {
      const item = xs[i];
      if (item?.id === id) {
        xs[i] = change(item);
        return;
      }
    }
  };

  for (const e of effects) {
    switch (e.type) {
      case 'comment':
      case 'comment_hidden': {
        const c = e.comment;
        const isHidden = e.type === 'comment_hidden' ? e.reason : null;
        list().push({ id: c.id, t: c.t, kind: c.kind, topic: c.topic, text: c.text, user: c.user, userId: c.userId, reaction: c.reaction, replyBy: c.replyBy, status: c.replyBy === null || isHidden !== null ? null : 'open', hidden: isHidden, muted: false });
        total++;
        if (isHidden !== null) hidden++;
        break;
      }
      case 'comment_deleted':
        if (list().some((x) => x.id === e.commentId && x.hidden === null)) hidden++;
        update(e.commentId, (x) => ({ ...x, hidden: 'deleted' }));
        toast('info', 'commentDeleted', e.t);
        break;
      case 'host_prompted':
        hostReply = { t: e.t, topic: e.topic, risky: e.risky, viewers: e.viewers, orders: e.orders, gmv: yuan(e.gmv), comment: e.comment };
        break;
      case 'answered':
        update(e.commentId, (x) => ({ ...x, status: 'answered' }));
        break;
      case 'question_expired':
        update(e.commentId, (x) => (x.status === 'open' ? { ...x, status: 'expired' } : x));
        break;
      case 'user_muted': {
        const xs = list();
        for (let i = 0; i < xs.length; i++) {
          const x = xs[i];
          if (x !== undefined && x.userId === e.userId && !x.muted) xs[i] = { ...x, muted: true };
        }
        toast('info', 'muted', e.t, { user: e.user, minutes: Math.round((e.until - e.t) / 60000) || 1 });
        break;
      }
      case 'order':
        toast('good', 'order', e.t, { user: e.order.user, qty: e.order.qty, paid: yuan(e.order.paid) });
        break;
      case 'sold_out':
        toast('warn', `soldOut.${e.what}`, e.t);
        break;
      case 'rejected':
        toast('bad', 'rejected', e.t, {}, { message: { key: e.key, params: e.params } });
        break;
      case 'coupon_started':
        toast('info', 'couponStarted', e.t, { seconds: Math.round((e.until - e.t) / 1000) });
        break;
      case 'coupon_ended':
        toast('info', 'couponEnded', e.t);
        break;
      case 'flash_sale_started':
        cue = null;
        toast('good', 'flashStarted', e.t, { price: yuan(e.price), stock: e.stock });
        break;
      case 'flash_sale_ended':
        toast('info', e.reason === 'sold_out' ? 'flashSoldOut' : 'flashEnded', e.t);
        break;
      case 'cue':
        cue = { id: e.cue.id, note: e.note, productId: e.cue.productId, until: e.cue.t + e.cue.withinSec * 1000 };
        toast('warn', 'cue', e.t, { note: e.note ?? '' });
        break;
      case 'surge':
        toast('info', 'surge', e.t, { viewers: e.viewers });
        break;
      case 'keyword_blocked':
        toast('info', 'keywordBlocked', e.t, { keyword: e.keyword });
        break;
      case 'faq_added':
        toast('good', 'faqAdded', e.t, { q: e.faq.q });
        break;
      case 'fault_remedy':
        toast(e.correct ? 'good' : 'bad', e.correct ? 'remedyOk' : 'remedyWrong', e.t, { seconds: e.fixAt === null ? 0 : Math.max(0, Math.round((e.fixAt - e.t) / 1000)) });
        break;
      case 'fault_ended':
        if (e.fault.endedBy !== 'session_end') toast('good', 'faultEnded', e.t, {}, { title: { key: FAULTS[e.fault.kind].key, params: {} } });
        break;
      case 'selling_point_covered':
        toast('good', 'pointCovered', e.t);
        break;
      case 'dead_air':
        if (e.phase === 'start') toast('warn', 'deadAir', e.t);
        break;
      case 'banned_words':
        banned = [...(banned ?? view.banned), ...e.hits].slice(-BANNED_CAP);
        for (const h of e.hits) toast(h.severity === 'banned' ? 'bad' : 'warn', 'banned', e.t, { word: h.word, category: h.categoryName });
        break;
      default:
        break;
    }
  }
  if (cue !== null && now > cue.until) cue = null;

  const items = acc.items === null || acc.items.length <= cap ? acc.items : acc.items.slice(acc.items.length - cap);
  return {
    feed: items !== null ? { items, total, hidden } : view.feed,
    toasts: toastsChanged ? toasts.slice(-TOAST_CAP) : view.toasts,
    nextToastId,
    banned: banned ?? view.banned,
    cue,
    hostReply,
  };
}
