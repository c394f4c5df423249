// The centre screen's state: which sitting is open, who is acting, the last loaded views and
// what the last action reported (codes + params, said in words by the components).
import { create } from 'zustand';
import type { MethodOutput } from '../../../../electron/contract/index.ts';
import type { SittingView } from '../../../../electron/contract/exam.ts';

export type CentreTab = 'roster' | 'assessors' | 'stations' | 'day' | 'results' | 'audit';
export interface Issue {
  code: string;
  params: Record<string, string | number | boolean | null>;
}
export type Notice = { kind: 'ok' | 'bad' | 'info'; key: string; params?: Record<string, string | number>; issues?: Issue[] } | null;

export interface CentreState {
  actor: string;
  sittingId: string | null;
  tab: CentreTab;
  view: SittingView | null;
  list: MethodOutput<'exam.list'>['sittings'] | null;
  results: MethodOutput<'exam.results'> | null;
  importReport: MethodOutput<'exam.importRoster'> | null;
  /** The day's view, with when it was fetched (the stations' clocks add the server's offset). */
  day: (MethodOutput<'exam.day'> & { fetchedAt: number }) | null;
  notice: Notice;
  set: (patch: Partial<Omit<CentreState, 'set'>>) => void;
}

export const useCentre = create<CentreState>()((set) => ({
  actor: '考务老师',
  sittingId: null,
  tab: 'roster',
  view: null,
  list: null,
  results: null,
  importReport: null,
  day: null,
  notice: null,
  set: (patch) => set(patch),
}));
