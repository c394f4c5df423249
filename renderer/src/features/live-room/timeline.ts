// The session's data in fixed time buckets, folded from the engine's effects as they happen
// (pure), for the 复盘 charts: viewers, comments and orders over time. The engine's own series is
// per minute (and goes to the CSV); a 3-minute practice would chart as three points, so the
// charts use buckets sized to the session (5 s for a short one, up to 60 s for a long one).
import type { Effect } from '../../../../scenarios/engine/index.ts';

export interface Bucket {
  /** Bucket start, engine ms. */
  readonly t: number;
  /** Viewers online at the end of the bucket (the last viewers effect in it, else carried over). */
  readonly viewers: number;
  readonly viewersPeak: number;
  readonly comments: number;
  readonly hidden: number;
  readonly orders: number;
  readonly units: number;
  /** fen */
  readonly gmv: number;
}

export interface Timeline {
  readonly bucketMs: number;
  readonly buckets: readonly Bucket[];
}

/** About 60–90 buckets per session, between 5 s and 60 s each. */
export function bucketMsFor(durationSec: number): number {
  const raw = Math.ceil(durationSec / 72);
  const steps = [5, 10, 15, 20, 30, 60];
  return (steps.find((s) => s >= raw) ?? 60) * 1000;
}

export function emptyTimeline(durationSec: number, startViewers: number): Timeline {
  return { bucketMs: bucketMsFor(durationSec), buckets: [{ t: 0, viewers: startViewers, viewersPeak: startViewers, comments: 0, hidden: 0, orders: 0, units: 0, gmv: 0 }] };
}

export function applyToTimeline(tl: Timeline, effects: readonly Effect[]): Timeline {
  if (effects.length === 0) return tl;
  const buckets = [...tl.buckets];
  const at = (t: number): number => {
    const index = Math.floor(t / tl.bucketMs);
    let last = buckets[buckets.length - 1];
    while (last !== undefined && buckets.length <= index) {
      const next: Bucket = { t: buckets.length * tl.bucketMs, viewers: last.viewers, viewersPeak: last.viewers, comments: 0, hidden: 0, orders: 0, units: 0, gmv: 0 };
      buckets.push(next);
      last = next;
    }
    return Math.min(index, buckets.length - 1);
  };
  let changed = false;
  for (const e of effects) {
    const i = e.type === 'viewers' || e.type === 'comment' || e.type === 'comment_hidden' || e.type === 'order' ? at(e.t) : -1;
    const b = buckets[i];
    if (b === undefined) continue;
    changed = true;
    if (e.type === 'viewers') buckets[i] = { ...b, viewers: e.viewers, viewersPeak: Math.max(b.viewersPeak, e.viewers) };
    else if (e.type === 'comment') buckets[i] = { ...b, comments: b.comments + 1 };
    else if (e.type === 'comment_hidden') buckets[i] = { ...b, comments: b.comments + 1, hidden: b.hidden + 1 };
    else if (e.type === 'order') buckets[i] = { ...b, orders: b.orders + 1, units: b.units + e.order.qty, gmv: b.gmv + e.order.paid };
  }
  return changed ? { ...tl, buckets } : tl;
}

/** Drops buckets after the session's end (an empty bucket started by the last tick). */
export function trimTimeline(tl: Timeline, endMs: number): Timeline {
  const keep = tl.buckets.filter((b) => b.t < Math.max(endMs, 1));
  return keep.length === tl.buckets.length ? tl : { ...tl, buckets: keep };
}
