// Fault drills as a state machine over the inventory: pick the target, say what the drill sets
// and what restoring puts back, watch the target's value, and turn each change into a trainee
// action; the drill is recovered when OBS is right again. Each drill watches only its own value,
// so the echo of its own injection (same value as `broken`) is never taken for a trainee action,
// and two drills on the same microphone (mute + volume) do not see each other. Pure.
import {
  DRILL_SKILLS,
  DRILL_TITLES,
  type ObsDrillKind,
  type ObsDrillRecord,
  type ObsDrillTarget,
  type ObsDrillValue,
  type ObsError,
  type ObsInventory,
} from '../../../scenarios/obs/records.ts';
import { obsError } from './errors.ts';
import { findInput, findScene, OUTPUT, programItems } from './inventory.ts';

export interface DrillHint {
  inputName?: string | undefined;
  sceneName?: string | undefined;
  sceneItemId?: number | undefined;
  wrongScene?: string | undefined;
}

/** Scene the wrong_scene drill creates when OBS has only one scene (removed afterwards). */
export const TEMP_WRONG_SCENE = 'LiveDrill 演练（空场景）';

/** "Very low" microphone volume: -40 dB (1 % of full), and never above 20 dB under the original. */
export const LOW_VOLUME_DB = -40;
export function lowVolumeDb(beforeDb: number): number {
  return Math.min(LOW_VOLUME_DB, beforeDb - 20);
}
/** Volume counts as fixed when audible again: back within 6 dB of the original, or above -20 dB. */
export function volumeRecoveredDb(beforeDb: number): number {
  return Math.min(beforeDb - 6, -20);
}

const noTarget: ObsDrillTarget = { inputName: null, sceneName: null, sceneItemId: null, wrongScene: null };

export type Selection = { ok: true; target: ObsDrillTarget; before: ObsDrillValue; broken: ObsDrillValue } | { ok: false; error: ObsError };

const fail = (code: ObsError['code'], message: string, cause: string): Selection => ({ ok: false, error: obsError(code, message, cause, false) });

/** Chooses what the drill acts on, from the hint or by role, and checks it can be broken now. */
export function selectDrill(kind: ObsDrillKind, inv: ObsInventory, hint: DrillHint = {}): Selection {
  switch (kind) {
    case 'mute_mic':
    case 'mic_volume_low': {
      const named = hint.inputName === undefined ? undefined : findInput(inv, hint.inputName);
      if (hint.inputName !== undefined && !named) return fail('not_found', `OBS 中没有名为「${hint.inputName}」的输入。`, `input ${hint.inputName} not found`);
      const candidates = named ? [named] : inv.inputs.filter((i) => i.role === 'microphone' && i.audio !== null);
      // Prefer a microphone that is on and audible: that is the one the audience hears.
      const mic = candidates.find((i) => i.audio && !i.audio.muted) ?? candidates[0];
      if (!mic) return fail('not_found', 'OBS 中没有找到麦克风输入：请添加「音频输入采集」源，或指定要演练的输入名称。', 'no microphone input');
      if (!mic.audio) return fail('wrong_state', `输入「${mic.name}」没有音频，不能做麦克风演练。`, `input ${mic.name} has no audio`);
      const target = { ...noTarget, inputName: mic.name };
      if (kind === 'mute_mic') {
        if (mic.audio.muted) return fail('wrong_state', `麦克风「${mic.name}」已经是静音状态，无法演练静音故障。`, 'already muted');
        return { ok: true, target, before: { muted: false }, broken: { muted: true } };
      }
      const beforeDb = mic.audio.volumeDb;
      return { ok: true, target, before: { volumeDb: beforeDb }, broken: { volumeDb: lowVolumeDb(beforeDb) } };
    }
    case 'hide_camera': {
      const sceneName = hint.sceneName ?? inv.programScene;
      const scene = findScene(inv, sceneName);
      if (!scene) return fail('not_found', `OBS 中没有场景「${sceneName ?? '（无节目场景）'}」。`, `scene ${String(sceneName)} not found`);
      let itemId = hint.sceneItemId;
      if (itemId === undefined) {
        const fromProgram = sceneName === inv.programScene ? programItems(inv) : scene.items.map((item) => ({ item, input: findInput(inv, item.sourceName) }));
        const byName = hint.inputName === undefined ? undefined : fromProgram.find((x) => x.item.sourceName === hint.inputName);
        const camera = byName ?? fromProgram.find((x) => x.input?.role === 'camera' && x.item.enabled) ?? fromProgram.find((x) => x.input?.role === 'camera');
        if (!camera) return fail('not_found', `场景「${scene.name}」中没有摄像头源（视频采集设备）：请先添加，或指定要隐藏的源。`, `no camera item in ${scene.name}`);
        itemId = camera.item.id;
      }
      const item = scene.items.find((i) => i.id === itemId);
      if (!item) return fail('not_found', `场景「${scene.name}」中没有编号为 ${itemId} 的源。`, `scene item ${itemId} not found`);
      if (!item.enabled) return fail('wrong_state', `「${item.sourceName}」在场景「${scene.name}」中已经是隐藏的，无法演练。`, 'already hidden');
      return { ok: true, target: { ...noTarget, sceneName: scene.name, sceneItemId: item.id, inputName: item.sourceName }, before: { enabled: true }, broken: { enabled: false } };
    }
    case 'wrong_scene': {
      const current = inv.programScene;
      if (current === null) return fail('wrong_state', 'OBS 没有节目场景。', 'no program scene');
      let wrong: string | null;
      if (hint.wrongScene !== undefined) {
        if (!findScene(inv, hint.wrongScene)) return fail('not_found', `OBS 中没有场景「${hint.wrongScene}」。`, `scene ${hint.wrongScene} not found`);
        if (hint.wrongScene === current) return fail('wrong_state', `「${hint.wrongScene}」就是当前的节目场景，换一个场景。`, 'wrong scene is the program scene');
        wrong = hint.wrongScene;
      } else {
        // null: only one scene, the bridge creates TEMP_WRONG_SCENE.
        wrong = inv.scenes.find((s) => s.name !== current && s.name !== TEMP_WRONG_SCENE)?.name ?? null;
      }
      return { ok: true, target: { ...noTarget, sceneName: current, wrongScene: wrong }, before: { programScene: current }, broken: { programScene: wrong ?? TEMP_WRONG_SCENE } };
    }
    case 'stop_stream':
      if (!inv.stream.active) return fail('wrong_state', '推流没有在进行，无法演练推流中断：请先开始推流。', `stream ${inv.stream.state}`);
      return { ok: true, target: noTarget, before: { outputState: 'started' }, broken: { outputState: 'stopped' } };
    case 'stop_record':
      if (!inv.record.active) return fail('wrong_state', '录制没有在进行，无法演练录制中断：请先开始录制。', `record ${inv.record.state}`);
      return { ok: true, target: noTarget, before: { outputState: 'started' }, broken: { outputState: 'stopped' } };
  }
}

/** Output states folded to what a drill cares about: STOPPING is already "stopped" for the
 *  trainee, so the drill's own stop never shows up as an action. */
export function outputPhase(state: string): 'starting' | 'started' | 'stopped' | 'reconnecting' | 'paused' {
  switch (state) {
    case OUTPUT.starting:
      return 'starting';
    case OUTPUT.started:
    case OUTPUT.reconnected:
    case OUTPUT.resumed:
      return 'started';
    case OUTPUT.reconnecting:
      return 'reconnecting';
    case OUTPUT.paused:
      return 'paused';
    default:
      return 'stopped';
  }
}

/** The watched value of a drill's target now; {} when the target is gone. */
export function observe(kind: ObsDrillKind, target: ObsDrillTarget, inv: ObsInventory): ObsDrillValue {
  switch (kind) {
    case 'mute_mic': {
      const audio = target.inputName === null ? undefined : findInput(inv, target.inputName)?.audio;
      return audio ? { muted: audio.muted } : {};
    }
    case 'mic_volume_low': {
      const audio = target.inputName === null ? undefined : findInput(inv, target.inputName)?.audio;
      return audio ? { volumeDb: Math.round(audio.volumeDb * 10) / 10 } : {};
    }
    case 'hide_camera': {
      const item = findScene(inv, target.sceneName)?.items.find((i) => i.id === target.sceneItemId);
      return item ? { enabled: item.enabled } : {};
    }
    case 'wrong_scene':
      return { programScene: inv.programScene };
    case 'stop_stream':
      return { outputState: outputPhase(inv.stream.state) };
    case 'stop_record':
      return { outputState: outputPhase(inv.record.state) };
  }
}

export function isRecovered(kind: ObsDrillKind, before: ObsDrillValue, value: ObsDrillValue): boolean {
  switch (kind) {
    case 'mute_mic':
      return value.muted === false;
    case 'mic_volume_low':
      return value.volumeDb !== undefined && value.volumeDb >= volumeRecoveredDb(before.volumeDb ?? 0);
    case 'hide_camera':
      return value.enabled === true;
    case 'wrong_scene':
      return value.programScene !== undefined && value.programScene === before.programScene;
    case 'stop_stream':
    case 'stop_record':
      return value.outputState === 'started';
  }
}

export function sameValue(a: ObsDrillValue, b: ObsDrillValue): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof ObsDrillValue>;
  for (const key of keys) {
    const x = a[key];
    const y = b[key];
    if (typeof x === 'number' && typeof y === 'number') {
      if (Math.abs(x - y) > 0.05) return false;
    } else if (x !== y) return false;
  }
  return true;
}

const OUTPUT_WORDS: Record<string, string> = { starting: '正在开始', started: '已开始', stopped: '已停止', reconnecting: '正在重连', paused: '已暂停' };

/** What the trainee did, in Chinese. */
export function describeAction(kind: ObsDrillKind, target: ObsDrillTarget, value: ObsDrillValue): string {
  switch (kind) {
    case 'mute_mic':
      if (value.muted === undefined) return `输入「${target.inputName ?? ''}」不见了（被删除或改名）`;
      return value.muted ? `静音「${target.inputName ?? ''}」` : `取消静音「${target.inputName ?? ''}」`;
    case 'mic_volume_low':
      if (value.volumeDb === undefined) return `输入「${target.inputName ?? ''}」不见了（被删除或改名）`;
      return `把「${target.inputName ?? ''}」的音量调到 ${value.volumeDb.toFixed(1)} dB`;
    case 'hide_camera':
      if (value.enabled === undefined) return `场景「${target.sceneName ?? ''}」中的「${target.inputName ?? ''}」不见了`;
      return `${value.enabled ? '显示' : '隐藏'}场景「${target.sceneName ?? ''}」中的「${target.inputName ?? ''}」`;
    case 'wrong_scene':
      return `切换节目场景到「${value.programScene ?? '（无）'}」`;
    case 'stop_stream':
      return `推流${OUTPUT_WORDS[value.outputState ?? ''] ?? value.outputState ?? ''}`;
    case 'stop_record':
      return `录制${OUTPUT_WORDS[value.outputState ?? ''] ?? value.outputState ?? ''}`;
  }
}

export function newDrill(args: { id: string; kind: ObsDrillKind; target: ObsDrillTarget; before: ObsDrillValue; broken: ObsDrillValue; at: number }): ObsDrillRecord {
  return {
    id: args.id,
    kind: args.kind,
    title: DRILL_TITLES[args.kind],
    skills: [...DRILL_SKILLS[args.kind]],
    status: 'active',
    target: args.target,
    before: args.before,
    broken: args.broken,
    injectedAt: args.at,
    detectedAt: null,
    recoveredAt: null,
    restoredAt: null,
    timeToDetectMs: null,
    timeToRecoverMs: null,
    actions: [],
    error: null,
  };
}

export function failedDrill(id: string, kind: ObsDrillKind, at: number, error: ObsError, target: ObsDrillTarget = noTarget): ObsDrillRecord {
  return { ...newDrill({ id, kind, target, before: {}, broken: {}, at }), status: 'failed', error };
}

export function isOpen(record: ObsDrillRecord): boolean {
  return record.status === 'active' || record.status === 'detected';
}

/** The last value the drill saw: the latest action's, or what it set. */
export function lastValue(record: ObsDrillRecord): ObsDrillValue {
  return record.actions.at(-1)?.value ?? record.broken;
}

/**
 * Feeds the target's current value to an open drill. A value different from the last one is a
 * trainee action (the first sets detectedAt); a value that is right again recovers the drill.
 */
export function observeDrill(record: ObsDrillRecord, value: ObsDrillValue, at: number): ObsDrillRecord {
  if (!isOpen(record) || sameValue(value, lastValue(record))) return record;
  const actions = [...record.actions, { at, value, description: describeAction(record.kind, record.target, value) }];
  const detectedAt = record.detectedAt ?? at;
  const base = { ...record, actions, detectedAt, timeToDetectMs: detectedAt - record.injectedAt };
  if (isRecovered(record.kind, record.before, value)) {
    return { ...base, status: 'recovered', recoveredAt: at, timeToRecoverMs: at - record.injectedAt };
  }
  return { ...base, status: 'detected' };
}

/** The app put OBS back at task end (before sending the request, so its echo is not an action). */
export function restoreDrill(record: ObsDrillRecord, at: number): ObsDrillRecord {
  return isOpen(record) ? { ...record, status: 'restored', restoredAt: at } : record;
}

export function withError(record: ObsDrillRecord, error: ObsError): ObsDrillRecord {
  return { ...record, error };
}
