// The device-check screen's state. Thin: the runners in run.ts measure and judge; this holds
// what the screen shows (item results, phases, live figures, device lists and choices).
import { create } from 'zustand';
import type { ItemName, ItemResult, ResultOf } from '../../../../scenarios/device-check/index.ts';
import type { DeviceLists } from '../../media/devices.ts';

/** What an item is doing now. quiet/speech: microphone phases; tone/answer: speakers. */
export type Phase = 'idle' | 'opening' | 'measuring' | 'quiet' | 'speech' | 'tone' | 'answer' | 'done';

export interface ItemState {
  readonly phase: Phase;
  readonly result: ItemResult | null;
  /** Runs started so far (the record's attempt). */
  readonly attempts: number;
}

export interface Live {
  /** Latest microphone window, dBFS. */
  readonly micRms: number | null;
  readonly micPeak: number | null;
  /** Speech heard so far in the reading phase, ms. */
  readonly speechMs: number;
  /** Latest camera figures while sampling. */
  readonly luma: number | null;
  readonly frames: number;
}

type Items = { readonly [N in ItemName]: ItemState };

const idle: ItemState = { phase: 'idle', result: null, attempts: 0 };

export interface DeviceCheckState {
  startedAt: number | null;
  items: Items;
  live: Live;
  devices: DeviceLists;
  chosen: { camera: string | null; microphone: string | null; speakers: string | null };
  cameraStream: MediaStream | null;
  saved: { path: string; at: number } | null;
  saveError: string | null;
  setPhase: (item: ItemName, phase: Phase) => void;
  begin: (item: ItemName) => number;
  setResult: <N extends ItemName>(item: N, result: ResultOf<N>) => void;
  setLive: (live: Partial<Live>) => void;
  setDevices: (devices: DeviceLists) => void;
  choose: (item: 'camera' | 'microphone' | 'speakers', deviceId: string | null) => void;
  setCameraStream: (stream: MediaStream | null) => void;
  setStarted: (at: number) => void;
  setSaved: (saved: { path: string; at: number } | null, error: string | null) => void;
  reset: () => void;
}

const initial = {
  startedAt: null,
  items: { camera: idle, microphone: idle, speakers: idle, network: idle, disk: idle, obs: idle },
  live: { micRms: null, micPeak: null, speechMs: 0, luma: null, frames: 0 },
  devices: { videoinput: [], audioinput: [], audiooutput: [] },
  chosen: { camera: null, microphone: null, speakers: null },
  cameraStream: null,
  saved: null,
  saveError: null,
} satisfies Partial<DeviceCheckState>;

export const useDeviceCheck = create<DeviceCheckState>()((set, get) => ({
  ...initial,
  setPhase: (item, phase) => set((s) => ({ items: { ...s.items, [item]: { ...s.items[item], phase } } })),
  begin: (item) => {
    const attempt = get().items[item].attempts + 1;
    set((s) => ({ items: { ...s.items, [item]: { ...s.items[item], phase: 'opening', attempts: attempt } }, saved: null }));
    return attempt;
  },
  setResult: (item, result) => set((s) => ({ items: { ...s.items, [item]: { ...s.items[item], result } }, saved: null })),
  setLive: (live) => set((s) => ({ live: { ...s.live, ...live } })),
  setDevices: (devices) => set({ devices }),
  choose: (item, deviceId) => set((s) => ({ chosen: { ...s.chosen, [item]: deviceId } })),
  setCameraStream: (cameraStream) => set({ cameraStream }),
  setStarted: (startedAt) => set({ startedAt }),
  setSaved: (saved, saveError) => set({ saved, saveError }),
  reset: () => set(initial),
}));
