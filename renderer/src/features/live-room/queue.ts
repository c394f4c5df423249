// Reading the engine state for the 待回复 panel without walking every question of the session on
// every frame (a busy 90-minute live keeps tens of thousands of them): the first few waiting ones
// in the engine's order (in time, oldest first; then overdue), counts from running totals, and
// threads found by id with a binary search (comment ids are c1, c2, … in posting order).
import type { SessionState, Thread } from '../../../../scenarios/engine/index.ts';

function idNumber(id: string): number {
  return id.startsWith('c') ? Number(id.slice(1)) : Number.NaN;
}

/** The thread (comment that expects an answer) with this comment id, if any. */
export function threadById(s: SessionState, commentId: string): Thread | undefined {
  const n = idNumber(commentId);
  if (!Number.isInteger(n)) return undefined;
  const list = s.threads;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = idNumber(list[mid]?.commentId ?? '');
    if (m === n) return list[mid];
    if (m < n) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

export interface Queue {
  /** At most `limit` waiting comments: in time (oldest first), then overdue (oldest first) — openQuestions' order. */
  items: Thread[];
  /** Still in time. */
  open: number;
  /** Past their deadline and still unanswered. */
  overdue: number;
}

/** Every answer so far (the minutes' running totals), late ones included. */
function answeredTotal(s: SessionState): number {
  let n = s.minute.answered;
  for (const m of s.minutes) n += m.answered;
  return n;
}

export function waitingQueue(s: SessionState, limit: number): Queue {
  const items: Thread[] = [];
  for (const i of s.open) {
    if (items.length >= limit) break;
    const th = s.threads[i];
    if (th !== undefined) items.push(th);
  }
  const overdue = Math.max(0, s.threads.length - answeredTotal(s) - s.open.length);
  if (items.length < limit && overdue > 0) {
    for (const th of s.threads) {
      if (items.length >= limit) break;
      if (th.answeredAt === null && th.expired) items.push(th);
    }
  }
  return { items, open: s.open.length, overdue };
}

/** The question a voice answer without an id marks: the first waiting one (as the engine's mark_answered). */
export function currentThread(s: SessionState): Thread | null {
  return waitingQueue(s, 1).items[0] ?? null;
}
