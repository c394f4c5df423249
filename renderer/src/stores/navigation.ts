// Which screen is showing. Features add their screen name here and a case in app/App.tsx.
import { create } from 'zustand';

export type Screen = 'home' | 'device-check' | 'live-room' | 'review' | 'evidence' | 'assessor' | 'centre' | 'worksheet';

interface NavigationState {
  screen: Screen;
  go: (screen: Screen) => void;
}

export const useNavigation = create<NavigationState>()((set) => ({
  screen: 'home',
  go: (screen) => set({ screen }),
}));
