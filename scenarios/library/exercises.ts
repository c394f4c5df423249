// What a trainee does in the live room, per skill requirement: the trainee actions whose records
// are the evidence of that skill. A code a live-room task claims counts as exercised only when
// one of its actions is listed here and the task gives the trainee the chance to take it (a
// fault to handle, a coupon to push, …). A code with no entry is claimed but not exercised: the
// engine computes it by itself (the 复盘 figures) or nothing the trainee does produces it.
// New trainee actions (a script editor, the trainee's own 复盘) add their codes here.
import type { LiveRoomScenario, Scenario } from '../format/index.ts';
import type { WorksheetScenario } from '../worksheet/schema.ts';
import type { InputType } from '../engine/index.ts';

/** Engine inputs the trainee makes (the others come from the clock, the devices or OBS), and the device check. */
export type LiveAction = Exclude<InputType, 'tick' | 'camera' | 'obs_drill' | 'end'> | 'device_check';

export const LIVE_ROOM_EXERCISES: Readonly<Record<string, readonly LiveAction[]>> = {
  // 直播销售员 (B)
  '5:1.3.1': ['ack_fault'],
  '5:1.3.2': ['reply', 'set_text', 'voice'],
  '5:4.2.1': ['cover_selling_point', 'voice'],
  '5:4.2.2': ['pin_product', 'voice'],
  '5:4.2.3': ['push_coupon', 'start_flash_sale', 'reply'],
  '5:7.1.2': ['reply', 'reply_faq', 'mark_answered'],
  '4:1.3.2': ['ack_fault'],
  '4:4.2.1': ['cover_selling_point', 'voice'],
  '4:4.2.2': ['push_coupon', 'start_flash_sale'],
  '3:4.2.1': ['mute_user', 'block_keyword', 'reply'],
  '3:4.2.2': ['voice', 'push_coupon', 'start_flash_sale', 'pin_comment'],
  '3:4.2.3': ['reply', 'pin_product', 'push_coupon', 'start_flash_sale'],
  '3:7.1.1': ['reply_faq', 'add_faq'],
  // 平台管理员 (D)
  '5:6.1.1': ['device_check'],
  '5:6.1.2': ['device_check'],
  '5:6.1.3': ['pin_product'],
  '5:6.2.1': ['reply', 'pin_comment'],
  '5:6.2.2': ['mute_user', 'block_keyword', 'unmute_user', 'unblock_keyword'],
  '4:6.1.2': ['ack_fault'],
  '4:6.1.3': ['pin_product', 'push_coupon', 'start_flash_sale', 'set_text'],
  '4:6.2.1': ['mute_user', 'block_keyword'],
  '4:6.2.2': ['add_faq', 'reply_faq'],
  '3:6.2.2': ['mute_user', 'block_keyword', 'reply'],
};

/** The trainee actions a live-room task offers: those that need material (a fault, a coupon, a flash sale) only when the task has it. */
export function liveActions(s: LiveRoomScenario): Set<LiveAction> {
  const out = new Set<LiveAction>(['reply', 'mark_answered', 'add_faq', 'pin_comment', 'unpin_comment', 'mute_user', 'unmute_user', 'block_keyword', 'unblock_keyword', 'pin_product', 'unpin_product', 'cover_selling_point', 'set_text', 'voice', 'device_check', 'reply_faq']);
  if (s.events.some((e) => e.type === 'fault')) out.add('ack_fault');
  if (s.products.some((p) => p.coupon !== undefined)) out.add('push_coupon');
  if (s.products.some((p) => p.flashSale !== undefined)) out.add('start_flash_sale');
  return out;
}

/** The trainee actions of this task that produce evidence of `code` (empty: claimed, not exercised). */
export function liveEvidence(s: LiveRoomScenario, code: string): LiveAction[] {
  const offered = liveActions(s);
  return (LIVE_ROOM_EXERCISES[code] ?? []).filter((a) => offered.has(a));
}

/**
 * The parts of a worksheet whose filled answer is evidence of `code`: the trainee fills a table's
 * input cells, picks options, writes a short answer or uploads a document (every part type takes
 * input; check.ts refuses a table with nothing to fill). A worksheet claim with no part is refused
 * by the loader, so a worksheet's claimed codes are all exercised.
 */
export function worksheetEvidence(s: WorksheetScenario, code: string): string[] {
  return s.parts.filter((p) => p.skills.includes(code)).map((p) => `part:${p.id}`);
}

/** The evidence of `code` in a task of any kind. */
export function taskEvidence(s: Scenario, code: string): string[] {
  return s.kind === 'live_room' ? liveEvidence(s, code) : worksheetEvidence(s, code);
}
