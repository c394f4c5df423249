// The assessor screen's state. Thin: the scoring rules live in scenarios/scoring and view.ts;
// this holds the open session, who is scoring, the form being filled and the playhead.
import { create } from 'zustand';
import type { OpenResult } from '../../../../electron/contract/scoring.ts';
import type { Form } from './view.ts';

export type Tab = 'score' | 'panel' | 'sheet';

export interface Identity {
  assessorId: string;
  name: string;
  token: string;
}

export interface AssessorState {
  sessionId: string | null;
  data: OpenResult | null;
  identity: Identity | null;
  form: Form | null;
  currentMs: number;
  tab: Tab;
  banner: { kind: 'bad' | 'ok' | 'info'; text: string } | null;
  savedAt: string | null;
  open: (sessionId: string | null) => void;
  setData: (data: OpenResult | null, form?: Form) => void;
  setForm: (update: (form: Form) => Form) => void;
  setTime: (ms: number) => void;
  setTab: (tab: Tab) => void;
  setBanner: (banner: AssessorState['banner']) => void;
  setSavedAt: (at: string | null) => void;
}

export const useAssessor = create<AssessorState>()((set) => ({
  sessionId: null,
  data: null,
  identity: null,
  form: null,
  currentMs: 0,
  tab: 'score',
  banner: null,
  savedAt: null,
  open: (sessionId) => set({ sessionId, data: null, form: null, currentMs: 0, tab: 'score', banner: null, savedAt: null }),
  setData: (data, form) => set((s) => ({ data, form: form ?? s.form })),
  setForm: (update) => set((s) => (s.form ? { form: update(s.form) } : {})),
  setTime: (currentMs) => set({ currentMs }),
  setTab: (tab) => set({ tab }),
  setBanner: (banner) => set({ banner }),
  setSavedAt: (savedAt) => set({ savedAt }),
}));

// The player registers its element so that any click on the timeline or a metric can seek it.
let video: HTMLVideoElement | null = null;
export function registerVideo(element: HTMLVideoElement | null): void {
  video = element;
}
export function seek(ms: number): void {
  useAssessor.getState().setTime(ms);
  if (video) video.currentTime = ms / 1000;
}
