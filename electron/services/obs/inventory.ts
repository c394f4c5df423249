// The inventory of an OBS (scenes, inputs with their roles and audio, scene items, outputs):
// built from request answers, then kept current from OBS's events. Absolute-value events
// (mute, volume, visibility, program scene, output state) are applied here; structural ones
// (created, removed, reindexed, collection switched) ask the bridge for a reload. Pure.
import type { ObsAudioState, ObsInput, ObsInputRole, ObsInventory, ObsOutputState, ObsRecordState, ObsScene, ObsSceneItem } from '../../../scenarios/obs/records.ts';

// Input kinds by platform (unversioned): Linux, Windows, macOS.
const MIC_KINDS = new Set(['pulse_input_capture', 'alsa_input_capture', 'jack_input_client', 'wasapi_input_capture', 'coreaudio_input_capture', 'sndio_input_capture']);
const DESKTOP_AUDIO_KINDS = new Set(['pulse_output_capture', 'wasapi_output_capture', 'wasapi_process_output_capture', 'coreaudio_output_capture', 'sck_audio_capture']);
const CAMERA_KINDS = new Set(['v4l2_input', 'dshow_input', 'av_capture_input', 'av_capture_input_v2', 'macos-avcapture', 'macos-avcapture-fast']);
const SCREEN_KINDS = new Set(['xshm_input', 'xcomposite_input', 'pipewire-desktop-capture-source', 'pipewire-window-capture-source', 'pipewire-screen-capture-source', 'monitor_capture', 'window_capture', 'game_capture', 'display_capture', 'screen_capture', 'window_capture_v2']);
const MEDIA_KINDS = new Set(['ffmpeg_source', 'vlc_source', 'image_source', 'slideshow', 'browser_source']);

export function roleOfKind(unversionedKind: string): ObsInputRole {
  if (MIC_KINDS.has(unversionedKind)) return 'microphone';
  if (CAMERA_KINDS.has(unversionedKind)) return 'camera';
  if (DESKTOP_AUDIO_KINDS.has(unversionedKind)) return 'desktop_audio';
  if (SCREEN_KINDS.has(unversionedKind)) return 'screen';
  if (MEDIA_KINDS.has(unversionedKind)) return 'media';
  return 'other';
}

/** OBS sends -inf dB (volume 0) as null in JSON: report its own floor instead. */
export const MIN_DB = -100;
export function dbOrFloor(db: number | null | undefined): number {
  return typeof db === 'number' && Number.isFinite(db) ? Math.max(MIN_DB, db) : MIN_DB;
}

export const OUTPUT = {
  starting: 'OBS_WEBSOCKET_OUTPUT_STARTING',
  started: 'OBS_WEBSOCKET_OUTPUT_STARTED',
  stopping: 'OBS_WEBSOCKET_OUTPUT_STOPPING',
  stopped: 'OBS_WEBSOCKET_OUTPUT_STOPPED',
  reconnecting: 'OBS_WEBSOCKET_OUTPUT_RECONNECTING',
  reconnected: 'OBS_WEBSOCKET_OUTPUT_RECONNECTED',
  paused: 'OBS_WEBSOCKET_OUTPUT_PAUSED',
  resumed: 'OBS_WEBSOCKET_OUTPUT_RESUMED',
} as const;

export function idleStream(): ObsOutputState {
  return { active: false, reconnecting: false, state: OUTPUT.stopped, changedAt: null };
}
export function idleRecord(): ObsRecordState {
  return { ...idleStream(), paused: false, outputPath: null };
}

export function emptyInventory(at: number): ObsInventory {
  return { revision: 0, updatedAt: at, programScene: null, previewScene: null, scenes: [], inputs: [], stream: idleStream(), record: idleRecord() };
}

// ---------------------------------------------------------------- building from answers

export interface RawSceneItem {
  sceneItemId: number;
  sourceName: string;
  inputKind?: string | null;
  isGroup?: boolean | null;
  sceneItemEnabled: boolean;
  sceneItemIndex: number;
}

export interface InventoryAnswers {
  programScene: string | null;
  previewScene: string | null;
  /** As GetSceneList gives them (sceneIndex 0 is the bottom of OBS's list). */
  scenes: { sceneName: string; sceneIndex: number }[];
  inputs: { inputName: string; inputKind: string; unversionedInputKind: string }[];
  sceneItems: Record<string, RawSceneItem[]>;
  /** Per input name; null when the input has no audio (OBS answers 604). */
  audio: Record<string, ObsAudioState | null>;
  stream: ObsOutputState;
  record: ObsRecordState;
}

export function buildInventory(a: InventoryAnswers, revision: number, at: number): ObsInventory {
  const scenes: ObsScene[] = [...a.scenes]
    .sort((x, y) => y.sceneIndex - x.sceneIndex)
    .map((s) => ({ name: s.sceneName, items: (a.sceneItems[s.sceneName] ?? []).map(toItem).sort((x, y) => y.index - x.index) }));
  const inputs: ObsInput[] = a.inputs.map((i) => ({
    name: i.inputName,
    kind: i.inputKind,
    unversionedKind: i.unversionedInputKind,
    role: roleOfKind(i.unversionedInputKind),
    audio: a.audio[i.inputName] ?? null,
  }));
  return { revision, updatedAt: at, programScene: a.programScene, previewScene: a.previewScene, scenes, inputs, stream: a.stream, record: a.record };
}

function toItem(r: RawSceneItem): ObsSceneItem {
  return {
    id: r.sceneItemId,
    sourceName: r.sourceName,
    inputKind: r.inputKind ?? null,
    isGroup: r.isGroup === true,
    enabled: r.sceneItemEnabled,
    index: r.sceneItemIndex,
  };
}

export function outputFromState(state: string, active: boolean, at: number | null): ObsOutputState {
  return { active, reconnecting: state === OUTPUT.reconnecting, state, changedAt: at };
}

// ---------------------------------------------------------------- events

/** Events that change the structure: the bridge reloads the inventory (debounced). */
export const STRUCTURAL_EVENTS = [
  'SceneCreated',
  'SceneRemoved',
  'SceneListChanged',
  'InputCreated',
  'InputRemoved',
  'SceneItemCreated',
  'SceneItemRemoved',
  'SceneItemListReindexed',
  'CurrentSceneCollectionChanged',
  'CurrentProfileChanged',
] as const;

/** Events applied in place. */
export const VALUE_EVENTS = [
  'CurrentProgramSceneChanged',
  'CurrentPreviewSceneChanged',
  'InputMuteStateChanged',
  'InputVolumeChanged',
  'SceneItemEnableStateChanged',
  'InputNameChanged',
  'SceneNameChanged',
  'StreamStateChanged',
  'RecordStateChanged',
] as const;

export const INVENTORY_EVENTS: readonly string[] = [...STRUCTURAL_EVENTS, ...VALUE_EVENTS];

export interface ApplyResult {
  inventory: ObsInventory;
  changed: boolean;
  /** A structural change: reload from OBS. */
  reload: boolean;
}

type Data = Record<string, unknown>;
const str = (d: Data, k: string): string | null => (typeof d[k] === 'string' ? d[k] : null);
const bool = (d: Data, k: string): boolean | null => (typeof d[k] === 'boolean' ? d[k] : null);
const num = (d: Data, k: string): number | null => (typeof d[k] === 'number' ? d[k] : null);

/** Applies one OBS event. Unknown or malformed events leave the inventory as it is. */
export function applyEvent(inv: ObsInventory, name: string, raw: unknown, at: number): ApplyResult {
  const same: ApplyResult = { inventory: inv, changed: false, reload: false };
  if ((STRUCTURAL_EVENTS as readonly string[]).includes(name)) return { ...same, reload: true };
  const d: Data = typeof raw === 'object' && raw !== null ? (raw as Data) : {};
  const next = (patch: Partial<ObsInventory>): ApplyResult => ({ inventory: { ...inv, ...patch, revision: inv.revision + 1, updatedAt: at }, changed: true, reload: false });
  const mapInput = (inputName: string, f: (i: ObsInput) => ObsInput): ApplyResult => {
    if (!inv.inputs.some((i) => i.name === inputName)) return { ...same, reload: true };
    return next({ inputs: inv.inputs.map((i) => (i.name === inputName ? f(i) : i)) });
  };

  switch (name) {
    case 'CurrentProgramSceneChanged': {
      const scene = str(d, 'sceneName');
      return scene === null || scene === inv.programScene ? same : next({ programScene: scene });
    }
    case 'CurrentPreviewSceneChanged': {
      const scene = str(d, 'sceneName');
      return scene === null || scene === inv.previewScene ? same : next({ previewScene: scene });
    }
    case 'InputMuteStateChanged': {
      const inputName = str(d, 'inputName');
      const muted = bool(d, 'inputMuted');
      if (inputName === null || muted === null) return same;
      const input = inv.inputs.find((i) => i.name === inputName);
      if (input?.audio?.muted === muted) return same;
      return mapInput(inputName, (i) => ({ ...i, audio: { ...(i.audio ?? { volumeDb: 0, volumeMul: 1 }), muted } }));
    }
    case 'InputVolumeChanged': {
      const inputName = str(d, 'inputName');
      const volumeMul = num(d, 'inputVolumeMul');
      if (inputName === null || volumeMul === null) return same;
      const volumeDb = dbOrFloor(num(d, 'inputVolumeDb'));
      const input = inv.inputs.find((i) => i.name === inputName);
      if (input?.audio && input.audio.volumeMul === volumeMul && input.audio.volumeDb === volumeDb) return same;
      return mapInput(inputName, (i) => ({ ...i, audio: { ...(i.audio ?? { muted: false }), volumeDb, volumeMul } }));
    }
    case 'SceneItemEnableStateChanged': {
      const sceneName = str(d, 'sceneName');
      const id = num(d, 'sceneItemId');
      const enabled = bool(d, 'sceneItemEnabled');
      if (sceneName === null || id === null || enabled === null) return same;
      const scene = inv.scenes.find((s) => s.name === sceneName);
      const item = scene?.items.find((i) => i.id === id);
      // Items inside groups are not listed per scene: reload to see them.
      if (!scene || !item) return { ...same, reload: true };
      if (item.enabled === enabled) return same;
      return next({
        scenes: inv.scenes.map((s) => (s.name !== sceneName ? s : { ...s, items: s.items.map((i) => (i.id === id ? { ...i, enabled } : i)) })),
      });
    }
    case 'InputNameChanged': {
      const oldName = str(d, 'oldInputName');
      const newName = str(d, 'inputName');
      if (oldName === null || newName === null || oldName === newName) return same;
      return next({
        inputs: inv.inputs.map((i) => (i.name === oldName ? { ...i, name: newName } : i)),
        scenes: inv.scenes.map((s) => ({ ...s, items: s.items.map((i) => (i.sourceName === oldName ? { ...i, sourceName: newName } : i)) })),
      });
    }
    case 'SceneNameChanged': {
      const oldName = str(d, 'oldSceneName');
      const newName = str(d, 'sceneName');
      if (oldName === null || newName === null || oldName === newName) return same;
      const rename = (n: string | null) => (n === oldName ? newName : n);
      return next({
        scenes: inv.scenes.map((s) => ({ name: s.name === oldName ? newName : s.name, items: s.items.map((i) => (i.sourceName === oldName ? { ...i, sourceName: newName } : i)) })),
        programScene: rename(inv.programScene),
        previewScene: rename(inv.previewScene),
      });
    }
    case 'StreamStateChanged': {
      const state = str(d, 'outputState');
      const active = bool(d, 'outputActive');
      if (state === null || active === null) return same;
      return next({ stream: outputFromState(state, active, at) });
    }
    case 'RecordStateChanged': {
      const state = str(d, 'outputState');
      const active = bool(d, 'outputActive');
      if (state === null || active === null) return same;
      const path = str(d, 'outputPath');
      const paused = state === OUTPUT.paused ? true : state === OUTPUT.resumed || !active ? false : inv.record.paused;
      return next({ record: { ...outputFromState(state, active, at), paused, outputPath: path ?? inv.record.outputPath } });
    }
    default:
      return same;
  }
}

/** Same scenes, inputs and outputs, whatever the revision and time. */
export function sameInventoryContent(a: ObsInventory, b: ObsInventory): boolean {
  return JSON.stringify({ ...a, revision: 0, updatedAt: 0 }) === JSON.stringify({ ...b, revision: 0, updatedAt: 0 });
}

// ---------------------------------------------------------------- queries

export function findInput(inv: ObsInventory, name: string): ObsInput | undefined {
  return inv.inputs.find((i) => i.name === name);
}

export function findScene(inv: ObsInventory, name: string | null): ObsScene | undefined {
  return name === null ? undefined : inv.scenes.find((s) => s.name === name);
}

/** Inputs the program scene shows (directly), with their roles. */
export function programItems(inv: ObsInventory): { item: ObsSceneItem; input: ObsInput | undefined }[] {
  const scene = findScene(inv, inv.programScene);
  return (scene?.items ?? []).map((item) => ({ item, input: findInput(inv, item.sourceName) }));
}
