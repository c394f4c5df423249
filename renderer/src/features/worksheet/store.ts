// The worksheet screen's state. Thin: actions.ts fills it, the checks are the pure ones of
// scenarios/worksheet (gradeWorksheet), view.ts derives what the screen shows.
import { create } from 'zustand';
import type { PartAnswer, WorksheetAnswers, WorksheetGrade, WorksheetScenario } from '../../../../scenarios/worksheet/index.ts';

export type WorksheetStage = 'brief' | 'fill' | 'submitting' | 'submitted';

export interface WorksheetState {
  stage: WorksheetStage;
  scenario: WorksheetScenario | null;
  scenarioFile: string | null;
  candidate: string;
  answers: WorksheetAnswers;
  /** The last automatic check the trainee ran (null before the first). */
  grade: WorksheetGrade | null;
  /** The answers changed since that check. */
  stale: boolean;
  checks: number;
  sessionId: string | null;
  /** performance.now() at the start: record times are ms from here. */
  origin: number;
  error: string | null;
  /** After submit: the package's verification. */
  verified: { valid: boolean; records: number } | null;
  set: (patch: Partial<Omit<WorksheetState, 'set' | 'setPart'>>) => void;
  setPart: (id: string, answer: PartAnswer) => void;
}

export const emptyAnswers = (): WorksheetAnswers => ({ parts: {} });

export const useWorksheet = create<WorksheetState>()((set) => ({
  stage: 'brief',
  scenario: null,
  scenarioFile: null,
  candidate: '',
  answers: emptyAnswers(),
  grade: null,
  stale: false,
  checks: 0,
  sessionId: null,
  origin: 0,
  error: null,
  verified: null,
  set: (patch) => set(patch),
  setPart: (id, answer) => set((s) => ({ answers: { parts: { ...s.answers.parts, [id]: answer } }, stale: true })),
}));
