// What the user picked on the first screen. Thin on purpose: no logic beyond setting values.
import { create } from 'zustand';
import type { Level, WorkTypeCode } from '../../../scenarios/standard/index.ts';

export type Role = 'trainee' | 'assessor' | 'centre';

interface SelectionState {
  role: Role;
  workType: WorkTypeCode;
  level: Level;
  includeLower: boolean;
  setRole: (role: Role) => void;
  setWorkType: (workType: WorkTypeCode) => void;
  setLevel: (level: Level) => void;
  setIncludeLower: (includeLower: boolean) => void;
}

export const useSelection = create<SelectionState>()((set) => ({
  role: 'trainee',
  workType: 'B',
  level: 5,
  includeLower: false,
  setRole: (role) => set({ role }),
  setWorkType: (workType) => set({ workType }),
  setLevel: (level) => set({ level }),
  setIncludeLower: (includeLower) => set({ includeLower }),
}));
