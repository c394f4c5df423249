// The OBS bridge's inventory mirror: read in two batches, kept current from events (queued
// while a reload runs, then replayed), reloaded on demand, debounced, and waited on.
import type { ObsInventory } from '../../../scenarios/obs/records.ts';
import {
  InputListAnswer,
  InputMuteAnswer,
  InputVolumeAnswer,
  parseAnswer,
  RecordStatusAnswer,
  SceneItemListAnswer,
  SceneListAnswer,
  StreamStatusAnswer,
} from './answers.ts';
import type { BatchRequest, ObsClient } from './client.ts';
import { sleep, type BridgeCore } from './core.ts';
import { applyEvent, buildInventory, dbOrFloor, idleRecord, idleStream, OUTPUT, sameInventoryContent, type InventoryAnswers } from './inventory.ts';

const RELOAD_DEBOUNCE_MS = 50;

export interface InventoryHooks {
  /** The inventory changed: compare open drills with it. */
  observeDrills(at: number): void;
  /** A RecordStateChanged event changed the inventory. */
  trackRecording(data: unknown, at: number): void;
}

export class InventoryMirror {
  readonly #core: BridgeCore;
  readonly #hooks: InventoryHooks;
  #inventory: ObsInventory | null = null;
  #reloading = false;
  #reloadAgain = false;
  #queued: [string, unknown, number][] = [];
  #reloadTimer: NodeJS.Timeout | null = null;
  #inventoryEmitScheduled = false;

  constructor(core: BridgeCore, hooks: InventoryHooks) {
    this.#core = core;
    this.#hooks = hooks;
  }

  current(): ObsInventory | null {
    return this.#inventory;
  }

  /** A closed connection has no current inventory (a lost one keeps the last, shown as stale). */
  forget(): void {
    this.#inventory = null;
  }

  cancelReload(): void {
    if (this.#reloadTimer) clearTimeout(this.#reloadTimer);
    this.#reloadTimer = null;
  }

  /** An OBS event on the live connection (ExitStarted is the connection's). */
  onEvent(name: string, data: unknown, at: number): void {
    if (this.#reloading) {
      // Replayed in order after the reload: absolute values, so replaying is safe.
      this.#queued.push([name, data, at]);
      return;
    }
    this.#apply(name, data, at);
  }

  #apply(name: string, data: unknown, at: number): void {
    if (!this.#inventory) return;
    const before = this.#inventory;
    const result = applyEvent(before, name, data, at);
    if (result.reload) this.scheduleReload();
    if (!result.changed) return;
    this.#inventory = result.inventory;
    if (name === 'RecordStateChanged') this.#hooks.trackRecording(data, at);
    this.#afterInventoryChange(at);
  }

  #afterInventoryChange(at: number): void {
    this.#hooks.observeDrills(at);
    if (this.#inventoryEmitScheduled) return;
    // Events arriving in one burst (a scene switch) reach the UI as one inventory.
    this.#inventoryEmitScheduled = true;
    setImmediate(() => {
      this.#inventoryEmitScheduled = false;
      if (this.#inventory) this.#core.emit('inventory', this.#inventory);
    });
  }

  /** Reads the inventory again at once (the client may have gone meanwhile: then nothing). */
  async reloadNow(): Promise<void> {
    const client = this.#core.client;
    if (!client) return;
    await this.reload(this.#core.generation, client).catch((error: unknown) => this.#core.log(`obs: inventory reload failed: ${String(error)}`));
  }

  scheduleReload(): void {
    if (this.#reloadTimer) return;
    const gen = this.#core.generation;
    this.#reloadTimer = setTimeout(() => {
      this.#reloadTimer = null;
      const client = this.#core.client;
      if (!client || gen !== this.#core.generation) return;
      this.reload(gen, client).catch((error: unknown) => this.#core.log(`obs: inventory reload failed: ${String(error)}`));
    }, RELOAD_DEBOUNCE_MS);
  }

  async reload(gen: number, client: ObsClient): Promise<void> {
    if (this.#reloading) {
      this.#reloadAgain = true;
      return;
    }
    this.#reloading = true;
    this.#queued = [];
    try {
      const answers = await this.#fetchInventory(client);
      if (gen !== this.#core.generation) return;
      const at = this.#core.now();
      const previous = this.#inventory;
      const fresh = buildInventory(answers, (previous?.revision ?? 0) + 1, at);
      // A periodic reconcile that finds nothing new must not wake the UI.
      const changed = previous === null || !sameInventoryContent(previous, fresh);
      if (changed) this.#inventory = fresh;
      const queued = this.#queued;
      this.#queued = [];
      this.#reloading = false;
      for (const [name, data, eventAt] of queued) this.#apply(name, data, eventAt);
      if (changed) this.#afterInventoryChange(at);
    } finally {
      this.#reloading = false;
      if (this.#reloadAgain) {
        this.#reloadAgain = false;
        this.scheduleReload();
      }
    }
  }

  async #fetchInventory(client: ObsClient): Promise<InventoryAnswers> {
    const core = this.#core;
    const [sceneRes, inputRes] = await client.batch([{ requestType: 'GetSceneList' }, { requestType: 'GetInputList' }], core.requestTimeoutMs);
    const sceneList = parseAnswer(SceneListAnswer, 'GetSceneList', core.expectOk(sceneRes, 'GetSceneList'));
    const inputList = parseAnswer(InputListAnswer, 'GetInputList', core.expectOk(inputRes, 'GetInputList'));

    const requests: BatchRequest[] = sceneList.scenes.map((s) => ({ requestType: 'GetSceneItemList', requestData: { sceneName: s.sceneName } }));
    const audioFor: string[] = [];
    const canMute = core.supports('GetInputMute');
    const canVolume = core.supports('GetInputVolume');
    if (canMute && canVolume) {
      for (const input of inputList.inputs) {
        audioFor.push(input.inputName);
        requests.push({ requestType: 'GetInputMute', requestData: { inputName: input.inputName } });
        requests.push({ requestType: 'GetInputVolume', requestData: { inputName: input.inputName } });
      }
    }
    const wantStream = core.supports('GetStreamStatus');
    const wantRecord = core.supports('GetRecordStatus');
    if (wantStream) requests.push({ requestType: 'GetStreamStatus' });
    if (wantRecord) requests.push({ requestType: 'GetRecordStatus' });
    const results = await client.batch(requests, core.requestTimeoutMs);

    let i = 0;
    const sceneItems: InventoryAnswers['sceneItems'] = {};
    for (const scene of sceneList.scenes) {
      const r = results[i++];
      // A scene removed between the two batches answers 600: leave it empty, the next reload fixes it.
      sceneItems[scene.sceneName] = r?.ok ? parseAnswer(SceneItemListAnswer, 'GetSceneItemList', r.data).sceneItems : [];
    }
    const audio: InventoryAnswers['audio'] = {};
    for (const name of audioFor) {
      const mute = results[i++];
      const volume = results[i++];
      // Inputs without audio answer 604 (InvalidResourceState).
      if (mute?.ok && volume?.ok) {
        const m = parseAnswer(InputMuteAnswer, 'GetInputMute', mute.data);
        const v = parseAnswer(InputVolumeAnswer, 'GetInputVolume', volume.data);
        audio[name] = { muted: m.inputMuted, volumeDb: dbOrFloor(v.inputVolumeDb), volumeMul: v.inputVolumeMul };
      } else {
        audio[name] = null;
      }
    }
    const previous = this.#inventory;
    let stream = previous?.stream ?? idleStream();
    if (wantStream) {
      const r = results[i++];
      if (r?.ok) {
        const s = parseAnswer(StreamStatusAnswer, 'GetStreamStatus', r.data);
        const state = s.outputActive ? (s.outputReconnecting ? OUTPUT.reconnecting : OUTPUT.started) : OUTPUT.stopped;
        stream = state === stream.state ? stream : { active: s.outputActive, reconnecting: s.outputReconnecting, state, changedAt: null };
      }
    }
    let record = previous?.record ?? idleRecord();
    if (wantRecord) {
      const r = results[i];
      if (r?.ok) {
        const s = parseAnswer(RecordStatusAnswer, 'GetRecordStatus', r.data);
        const state = s.outputActive ? (s.outputPaused ? OUTPUT.paused : OUTPUT.started) : OUTPUT.stopped;
        record = state === record.state ? record : { ...record, active: s.outputActive, reconnecting: false, paused: s.outputPaused, state, changedAt: null };
      }
    }
    return {
      programScene: sceneList.currentProgramSceneName,
      previewScene: sceneList.currentPreviewSceneName ?? null,
      scenes: sceneList.scenes,
      inputs: inputList.inputs,
      sceneItems,
      audio,
      stream,
      record,
    };
  }

  /** Waits (bounded) until the inventory satisfies `check`; false on timeout. */
  async waitFor(check: (inv: ObsInventory) => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = this.#core.mono() + timeoutMs;
    while (this.#core.mono() < deadline) {
      if (this.#inventory && check(this.#inventory)) return true;
      await sleep(25);
    }
    return this.#inventory !== null && check(this.#inventory);
  }

  /** Polls OBS itself until the output is no longer active (the file is finalised). Output
   *  events alone are not enough: they come from a thread pool and may arrive out of order. */
  async waitOutputInactive(request: 'GetStreamStatus' | 'GetRecordStatus', timeoutMs: number): Promise<void> {
    const deadline = this.#core.mono() + timeoutMs;
    while (this.#core.mono() < deadline) {
      const status = await this.#core.call('读取输出状态', request);
      if (typeof status === 'object' && status !== null && (status as { outputActive?: unknown }).outputActive === false) break;
      await sleep(50);
    }
    // Events may still be in flight: read the inventory so drills see the settled state.
    await this.reloadNow();
  }
}
