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

/** Why viewers came or left, as the UI's key (engine.viewerReason.<reason>). */
export type ViewerReasonKey = `engine.viewerReason.${ViewerReason}`;
export const viewerReasonKey = (reason: ViewerReason): ViewerReasonKey => `engine.viewerReason.${reason}`;
