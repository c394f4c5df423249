// The session's data as CSV tables for 复盘 (collecting and counting marketing data is itself a
// skill of the standard, 5:7.2.1 / 5:7.2.2): by minute, every question and its answer, every
// action, every order. Times are seconds of session time; money is yuan. UTF-8, RFC 4180 quoting;
// prepend a BOM when saving if Excel should detect the encoding.
import { computeMetrics } from './metrics.ts';
import type { ActionRecord, SessionState } from './types.ts';

type Cell = string | number | boolean | null;

function cell(v: Cell): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function table(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

const sec = (ms: number | null) => (ms === null ? null : ms / 1000);

export interface SessionCsv {
  minutes: string;
  replies: string;
  actions: string;
  orders: string;
}

/** The session as CSV; `word` turns an action record's key and params into text (the UI's t). */
export function sessionCsv(s: SessionState, word: (key: ActionRecord['key'], params: ActionRecord['params']) => string): SessionCsv {
  const m = computeMetrics(s);
  const products = new Map(s.scenario.products.map((p) => [p.id, p.name]));
  return {
    minutes: table(
      ['分钟 minute', '在线人数 viewers', '峰值 peak', '进入 arrivals', '离开 departures', '弹幕 comments', '拦截 hidden', '提问 questions', '已回复 answered', '订单 orders', '件数 units', '成交额 GMV (元)'],
      m.series.map((r) => [r.minute + 1, r.viewers, r.viewersPeak, r.arrivals, r.departures, r.comments, r.hidden, r.questions, r.answered, r.orders, r.units, r.gmv]),
    ),
    replies: table(
      ['时间 t (s)', '弹幕 id', '类型 kind', '话题 topic', '观众 user', '内容 text', '状态 status', '回复时间 answered (s)', '用时 latency (s)', '方式 via', '回复内容 reply', '同题 with'],
      m.replies.items.map((r) => [sec(r.t), r.commentId, r.kind, r.topic, r.user, r.text, r.status, sec(r.answeredAt), sec(r.latencyMs), r.via, r.replyText, r.answeredWith]),
    ),
    actions: table(
      ['时间 t (s)', '操作 action', '对象 target', '说明 detail', '成功 ok'],
      s.actions.map((a) => [sec(a.t), a.type, a.target, word(a.key, a.params), a.ok]),
    ),
    orders: table(
      ['时间 t (s)', '订单 id', '商品 product', '件数 qty', '单价 unit price (元)', '实付 paid (元)', '用券 coupon', '秒杀 flash', '来源 via', '买家 buyer'],
      s.orders.map((o) => [sec(o.t), o.id, products.get(o.productId) ?? o.productId, o.qty, o.unitPrice / 100, o.paid / 100, o.coupon, o.flash, o.via, o.user]),
    ),
  };
}
