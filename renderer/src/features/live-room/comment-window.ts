// Which comment rows the stream renders (pure). Rows have a fixed height, so the DOM holds only
// the rows in view (plus a few): while live, the newest rows that fit, bottom-aligned; while
// paused, the rows under the scroll position of a frozen snapshot.
import type { FeedItem } from './view.ts';

export const ROW_PX = 30;
const OVERSCAN = 3;

export type FeedFilter = 'all' | 'reply' | 'abuse';

const REPLY_KINDS = new Set(['question', 'objection', 'bait', 'complaint', 'intent']);
const ABUSE_KINDS = new Set(['troll', 'spam']);

export function filterFeed(items: readonly FeedItem[], filter: FeedFilter): readonly FeedItem[] {
  if (filter === 'all') return items;
  const kinds = filter === 'reply' ? REPLY_KINDS : ABUSE_KINDS;
  return items.filter((x) => kinds.has(x.kind));
}

export interface RowWindow {
  /** Index of the first rendered row in the list. */
  readonly start: number;
  readonly end: number;
  /** Offset of the first rendered row from the top of the scroll content, px. */
  readonly offset: number;
  /** Height of the whole scroll content, px. */
  readonly height: number;
}

/** Live: the last rows that fit `viewport` px. */
export function tailWindow(count: number, viewport: number): RowWindow {
  const fit = Math.max(1, Math.ceil(viewport / ROW_PX));
  const start = Math.max(0, count - fit);
  return { start, end: count, offset: 0, height: (count - start) * ROW_PX };
}

/** Paused: the rows under `scrollTop` of a `viewport` px box over all `count` rows. */
export function scrollWindow(count: number, viewport: number, scrollTop: number): RowWindow {
  const fit = Math.ceil(viewport / ROW_PX);
  // A scroll position past the end (the list shrank) shows the last rows.
  const first = Math.min(Math.floor(Math.max(0, scrollTop) / ROW_PX), Math.max(0, count - fit));
  const start = Math.max(0, first - OVERSCAN);
  const end = Math.min(count, first + fit + OVERSCAN);
  return { start, end, offset: start * ROW_PX, height: count * ROW_PX };
}
