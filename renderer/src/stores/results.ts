// The finished task the trainee reviews (复盘), kept apart from each task's own store: a new task
// kind adds a member to TaskResult and a case to the review, not fields to the live room.
import { create } from 'zustand';
import type { SessionState } from '../../../scenarios/engine/index.ts';
import type { LiveRoomScenario } from '../../../scenarios/format/schema.ts';
import type { MethodOutput } from '../../../electron/contract/index.ts';
import type { Timeline } from '../features/live-room/timeline.ts';

export interface EvidenceStatus {
  /** off: not recorded (no evidence service, or it failed to start: `message` says why). */
  state: 'off' | 'recording' | 'finishing' | 'finished' | 'failed';
  sessionId: string | null;
  message: string | null;
  summary: MethodOutput<'evidence.finish'> | null;
}

export const noEvidence: EvidenceStatus = { state: 'off', sessionId: null, message: null, summary: null };

/** A live-room session as it ended: the engine's state, the per-second timeline, its evidence. */
export interface LiveRoomResult {
  kind: 'live_room';
  scenario: LiveRoomScenario;
  state: SessionState;
  timeline: Timeline;
  evidence: EvidenceStatus;
  /** The session clock's speed (1 unless ?clock=N). */
  speed: number;
}

export type TaskResult = LiveRoomResult;

interface ResultsState {
  result: TaskResult | null;
}

export const useResults = create<ResultsState>()(() => ({ result: null }));

/** The task just finished (null when a new one starts). */
export function showResult(result: TaskResult | null): void {
  useResults.setState({ result });
}
