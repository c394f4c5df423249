// The backstage (中控台) actions, shared by the buttons and the keyboard shortcuts. Each turns what
// the trainee means ("push the coupon") into one engine input for the right product or comment;
// the engine decides whether it applies (a rejection comes back as a toast).
import type { HostPromptTopic, SessionState } from '../../../../scenarios/engine/index.ts';
import type { Product } from '../../../../scenarios/format/schema.ts';
import { currentThread, threadById } from './queue.ts';
import { dispatch, liveState } from './session.ts';
import { useLiveRoom } from './store.ts';
import { HOST_ONLY, type ShortcutHit } from './shortcuts.ts';

/** The product an offer or a selling point is about: the 讲解中 one, else the first that fits. */
export function focusProduct(fits: (p: Product) => boolean = () => true): Product | undefined {
  const s = liveState();
  if (s === null) return undefined;
  const pinned = s.scenario.products.find((p) => p.id === s.pinnedProduct);
  return pinned !== undefined && fits(pinned) ? pinned : s.scenario.products.find(fits);
}

/** Voice answer: the given comment, else the current question (the oldest waiting). */
export function markAnswered(commentId?: string | null): void {
  dispatch({ type: 'mark_answered', commentId: commentId ?? null });
}

export function togglePinProduct(productId?: string): void {
  const s = liveState();
  if (s === null) return;
  const id = productId ?? s.pinnedProduct ?? s.scenario.products[0]?.id;
  if (id === undefined) return;
  if (s.pinnedProduct === id) dispatch({ type: 'unpin_product' });
  else dispatch({ type: 'pin_product', productId: id });
}

export function pushCoupon(productId?: string): void {
  const p = productId ?? focusProduct((x) => x.coupon !== undefined)?.id ?? focusProduct()?.id;
  if (p !== undefined) dispatch({ type: 'push_coupon', productId: p });
}

export function startFlashSale(productId?: string): void {
  const cue = useLiveRoom.getState().view.cue;
  const p = productId ?? cue?.productId ?? focusProduct((x) => x.flashSale !== undefined)?.id ?? focusProduct()?.id;
  if (p !== undefined) dispatch({ type: 'start_flash_sale', productId: p });
}

export function coverPoint(index: number, productId?: string): void {
  const product = productId === undefined ? focusProduct() : liveState()?.scenario.products.find((p) => p.id === productId);
  const point = product?.sellingPoints[index];
  if (product !== undefined && point !== undefined) dispatch({ type: 'cover_selling_point', productId: product.id, pointId: point.id });
}

export function muteComment(commentId: string, durationSec: number): void {
  dispatch({ type: 'mute_user', commentId, durationSec });
}

export function togglePinComment(commentId: string): void {
  const s = liveState();
  if (s?.pinnedComment === commentId) dispatch({ type: 'unpin_comment' });
  else dispatch({ type: 'pin_comment', commentId });
}

export function deleteComment(commentId: string): void {
  dispatch({ type: 'delete_comment', commentId });
}

/** 提醒主播: live figures, a compliance warning, or (with a comment) a viewer's question passed on. */
export function promptHost(topic: HostPromptTopic, commentId: string | null = null): void {
  dispatch({ type: 'prompt_host', topic, commentId });
}

export function blockKeyword(keyword: string): void {
  dispatch({ type: 'block_keyword', keyword });
}

/** The comment a typed or FAQ reply goes to: the selected one if it waits for an answer, else the current question. */
export function replyTargetOf(s: SessionState, selected: string | null): string | null {
  if (selected !== null && threadById(s, selected)?.answeredAt === null) return selected;
  return currentThread(s)?.commentId ?? null;
}

export function replyTarget(): string | null {
  const s = liveState();
  return s === null ? null : replyTargetOf(s, useLiveRoom.getState().selected);
}

export const DEFAULT_MUTE_SEC = 300;

/** Runs a keyboard shortcut. Focus moves are done by the caller (they need the DOM). */
export function runShortcut(hit: ShortcutHit): void {
  const store = useLiveRoom.getState();
  // The simulated host answers and covers selling points itself; the administrator cannot for it.
  if (liveState()?.scenario.audience.host === 'simulated' && HOST_ONLY.includes(hit.action)) return;
  switch (hit.action) {
    case 'markAnswered':
      return markAnswered(store.selected !== null && replyTarget() === store.selected ? store.selected : null);
    case 'togglePin':
      return togglePinProduct();
    case 'pushCoupon':
      return pushCoupon();
    case 'flashSale':
      return startFlashSale();
    case 'coverPoint':
      return coverPoint(hit.index ?? 0);
    case 'muteSelected':
      if (store.selected !== null) muteComment(store.selected, DEFAULT_MUTE_SEC);
      return;
    case 'pinSelected':
      if (store.selected !== null) togglePinComment(store.selected);
      return;
    case 'toggleFeed':
      return store.set({ feedPaused: !store.feedPaused });
    case 'escape':
      return store.set({ selected: null, feedPaused: false });
    case 'focusReply':
    case 'focusKeyword':
      return;
  }
}
