// The live room's store. Thin: the session controller (session.ts) steps the engine and writes
// here at most once per animation frame; components read slices. The finished session goes to
// the results store (stores/results.ts) for 复盘.
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { SessionState } from '../../../../scenarios/engine/index.ts';
import type { LiveRoomScenario } from '../../../../scenarios/format/schema.ts';
import { noEvidence, type EvidenceStatus } from '../../stores/results.ts';
import { emptyView, type RoomView } from './view.ts';
import type { Timeline } from './timeline.ts';

/** A code (liveRoom.startNotice.*) and the error it is about. */
export interface StartNotice {
  code: 'camera_unavailable' | 'mic_unavailable' | 'evidence_not_started' | 'identity_not_attached';
  error: string;
}

export type Stage = 'pick' | 'brief' | 'starting' | 'live' | 'ending';

/**
 * A station in a centre's sitting (考务): the task follows its round's exam clock (server epoch
 * ms, skew = server − this page's clock) rather than its own start, and its evidence package is
 * linked to the sitting when the task ends.
 */
export interface ExamStation {
  sittingId: string;
  candidateId: string;
  round: number;
  station: number;
  startedAt: number;
  durationMs: number;
  skew: number;
}

export interface LiveRoomState {
  stage: Stage;
  scenario: LiveRoomScenario | null;
  scenarioFile: string | null;
  candidate: string;
  /** 考生编号 as typed on the briefing (empty: a practice number is made at start). */
  candidateId: string;
  startError: string | null;
  /** Things the trainee should know once live (no camera, no evidence…), as codes; LiveRoom words them. */
  notices: StartNotice[];
  state: SessionState | null;
  view: RoomView;
  timeline: Timeline | null;
  stream: MediaStream | null;
  cameraOk: boolean;
  micOk: boolean;
  evidence: EvidenceStatus;
  obs: boolean;
  /** The comment the trainee clicked (actions apply to it). */
  selected: string | null;
  /** The comment list stops scrolling (hover, S key) so a comment can be clicked. */
  feedPaused: boolean;
  /** Latest voice level 0..1, for the mic meter. */
  voice: number;
  /** Set when the task runs at a station of a sitting; null for practice. */
  exam: ExamStation | null;
  /** ms left on the round's exam clock (set by the session's pump), null outside a sitting. */
  roundLeftMs: number | null;
  set: (patch: Partial<Omit<LiveRoomState, 'set'>>) => void;
}

export const useLiveRoom = create<LiveRoomState>()((set) => ({
  stage: 'pick',
  scenario: null,
  scenarioFile: null,
  candidate: '',
  candidateId: '',
  exam: null,
  roundLeftMs: null,
  startError: null,
  notices: [],
  state: null,
  view: emptyView(),
  timeline: null,
  stream: null,
  cameraOk: false,
  micOk: false,
  evidence: noEvidence,
  obs: false,
  selected: null,
  feedPaused: false,
  voice: 0,
  set: (patch) => set(patch),
}));

/**
 * Fields of the live engine state, re-rendering only when one of them changed (the engine copies
 * a field only when it changes it). For panels that need a few fields, not every step.
 */
export function useSession<K extends keyof SessionState>(...keys: K[]): Pick<SessionState, K> | null {
  return useLiveRoom(
    useShallow((s) => {
      if (s.state === null) return null;
      const out = {} as Pick<SessionState, K>;
      for (const k of keys) out[k] = s.state[k];
      return out;
    }),
  );
}
