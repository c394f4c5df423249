// Read-only helpers for the live room: what is waiting for an answer, which faults are on, and
// the Chinese name of each reason viewers came or went.
import { isActive } from './faults.ts';
import type { FaultRecord, SessionState, Thread, ViewerReason } from './types.ts';

/** Unanswered comments that expect an answer: still in time first (oldest first), then overdue ones. */
export function openQuestions(s: SessionState): Thread[] {
  const open = s.open.flatMap((i) => s.threads[i] ?? []);
  const overdue = s.threads.filter((th) => th.answeredAt === null && th.expired);
  return [...open, ...overdue];
}

/** The question a voice answer without a comment id marks (see the mark_answered input). */
export function currentQuestion(s: SessionState): Thread | null {
  return openQuestions(s)[0] ?? null;
}

export function activeFaults(s: SessionState): FaultRecord[] {
  return s.faults.filter(isActive);
}

const REASONS: Readonly<Record<ViewerReason, string>> = {
  platform: '平台推荐流量',
  answers: '及时回复带来的人气',
  pinned_product: '商品讲解中（商品卡曝光）',
  coupon: '优惠券吸引',
  flash_sale: '秒杀吸引',
  surge: '平台推流',
  natural: '正常离开',
  dead_air: '冷场离开',
  unanswered: '提问没人回复',
  abuse_visible: '恶意 / 导流弹幕没人管',
  muted_wrongly: '正常观众被误禁言',
  stream_down: '直播中断（断网 / 断电 / 推流停止）',
  no_sound: '听不到声音',
  no_picture: '看不到画面',
};

export function viewerReasonLabel(reason: ViewerReason): string {
  return REASONS[reason];
}
