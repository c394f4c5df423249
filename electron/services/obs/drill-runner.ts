// The OBS bridge's drill runner: faults injected into OBS for real, watched against the
// inventory until the trainee fixes them, and restored (queued while OBS is away).
import type { ObsDrillKind, ObsDrillRecord, ObsInventory } from '../../../scenarios/obs/records.ts';
import type { BridgeCore } from './core.ts';
import { ObsBridgeError, RequestStatus, notConnected, obsError } from './errors.ts';
import {
  failedDrill,
  isOpen,
  newDrill,
  observe,
  observeDrill,
  restoreDrill,
  sameValue,
  selectDrill,
  TEMP_WRONG_SCENE,
  withError,
  type DrillHint,
} from './drills.ts';
import type { InventoryMirror } from './inventory-mirror.ts';

interface DrillEntry {
  record: ObsDrillRecord;
  /** wrong_scene created TEMP_WRONG_SCENE and must remove it. */
  tempScene: boolean;
}

export class DrillRunner {
  readonly #core: BridgeCore;
  readonly #inv: InventoryMirror;
  #drills = new Map<string, DrillEntry>();
  #drillCounter = 0;
  #pendingRestore: string[] = [];

  constructor(core: BridgeCore, inventory: InventoryMirror) {
    this.#core = core;
    this.#inv = inventory;
  }

  list(): ObsDrillRecord[] {
    return [...this.#drills.values()].map((e) => e.record);
  }

  /** Injects a fault into OBS for real. Always answers a record (status failed with the reason
   *  when it could not be injected): a drill that did not happen is evidence too. */
  async inject(kind: ObsDrillKind, hint: DrillHint = {}): Promise<ObsDrillRecord> {
    const id = `obs-drill-${++this.#drillCounter}`;
    const at = this.#core.now();
    const store = (record: ObsDrillRecord, tempScene = false) => {
      this.#drills.set(id, { record, tempScene });
      this.#core.emit('drill', record);
      return record;
    };
    const inv = this.#inv.current();
    if (!this.#core.client || this.#core.state.phase !== 'connected' || !inv) return store(failedDrill(id, kind, at, notConnected('注入故障演练')));
    const selection = selectDrill(kind, inv, hint);
    if (!selection.ok) return store(failedDrill(id, kind, at, selection.error));
    const { target, before, broken } = selection;
    const clash = [...this.#drills.values()].find(
      (e) => isOpen(e.record) && e.record.kind === kind && JSON.stringify(e.record.target) === JSON.stringify(target),
    );
    if (clash) {
      return store(failedDrill(id, kind, at, obsError('wrong_state', `同一目标上已有进行中的演练（${clash.record.title}）：先让学员排除或结束任务。`, `open drill ${clash.record.id}`, false), target));
    }

    let tempScene = false;
    try {
      switch (kind) {
        case 'mute_mic':
          await this.#core.call('静音麦克风', 'SetInputMute', { inputName: target.inputName, inputMuted: true });
          break;
        case 'mic_volume_low':
          await this.#core.call('调低麦克风音量', 'SetInputVolume', { inputName: target.inputName, inputVolumeDb: broken.volumeDb });
          break;
        case 'hide_camera':
          await this.#core.call('隐藏摄像头', 'SetSceneItemEnabled', { sceneName: target.sceneName, sceneItemId: target.sceneItemId, sceneItemEnabled: false });
          break;
        case 'wrong_scene':
          if (target.wrongScene === null) {
            await this.#createTempScene();
            tempScene = true;
          }
          await this.#core.call('切换场景', 'SetCurrentProgramScene', { sceneName: target.wrongScene ?? TEMP_WRONG_SCENE });
          await this.#inv.waitFor((i) => i.programScene === (target.wrongScene ?? TEMP_WRONG_SCENE), 3000);
          break;
        case 'stop_stream':
          await this.#core.call('停止推流', 'StopStream');
          // The fault is "stream down": wait until OBS says the output ended (bounded).
          await this.#inv.waitOutputInactive('GetStreamStatus', 10_000);
          break;
        case 'stop_record':
          await this.#core.call('停止录制', 'StopRecord');
          await this.#inv.waitOutputInactive('GetRecordStatus', 15_000);
          break;
      }
    } catch (error) {
      if (tempScene) await this.#removeTempScene();
      const obs = error instanceof ObsBridgeError ? error.obs : obsError('request_failed', `注入演练失败：${String(error)}`, String(error), false);
      return store(failedDrill(id, kind, at, obs, target));
    }
    // obs-websocket sends events from a thread pool, so the echo of our change can arrive after
    // the answer: wait until the inventory shows the fault, or the echo would look like the
    // trainee fixing it. If the event never comes, read OBS again instead of guessing.
    const shows = (i: ObsInventory) => sameValue(observe(kind, target, i), broken);
    if (!(await this.#inv.waitFor(shows, 3000))) await this.#inv.reloadNow();
    const record = store(newDrill({ id, kind, target, before, broken, at }), tempScene);
    // The trainee may have acted while the request ran: compare with OBS now.
    this.observeAll(this.#core.now());
    return this.#drills.get(id)?.record ?? record;
  }

  async #createTempScene(): Promise<void> {
    try {
      await this.#core.call('创建演练场景', 'CreateScene', { sceneName: TEMP_WRONG_SCENE });
    } catch (error) {
      // Left over from a crash: reuse it.
      if (!(error instanceof ObsBridgeError && error.obs.cause.includes(`status ${RequestStatus.resourceAlreadyExists}`))) throw error;
    }
  }

  async #removeTempScene(): Promise<void> {
    try {
      if (this.#inv.current()?.programScene === TEMP_WRONG_SCENE) return;
      await this.#core.call('删除演练场景', 'RemoveScene', { sceneName: TEMP_WRONG_SCENE });
    } catch (error) {
      this.#core.log(`obs: could not remove ${TEMP_WRONG_SCENE}: ${String(error)}`);
    }
  }

  observeAll(at: number): void {
    const inv = this.#inv.current();
    if (!inv) return;
    for (const [id, entry] of this.#drills) {
      if (!isOpen(entry.record)) continue;
      const next = observeDrill(entry.record, observe(entry.record.kind, entry.record.target, inv), at);
      if (next === entry.record) continue;
      this.#drills.set(id, { ...entry, record: next });
      this.#core.emit('drill', next);
      if (next.status === 'recovered' && entry.tempScene) {
        this.#drills.set(id, { record: next, tempScene: false });
        void this.#removeTempScene();
      }
    }
  }

  /** Ends the task: puts back what every open drill changed (newest first). Drills that cannot
   *  be restored now (OBS away) are restored as soon as OBS is back. Returns the final records
   *  and forgets the finished ones. */
  async restoreAll(): Promise<ObsDrillRecord[]> {
    const open = [...this.#drills.entries()].filter(([, e]) => isOpen(e.record) || e.tempScene).map(([id]) => id);
    for (const id of open.reverse()) await this.#restoreOne(id);
    const records = this.list();
    for (const [id, entry] of [...this.#drills]) if (!this.#pendingRestore.includes(id) && !isOpen(entry.record)) this.#drills.delete(id);
    return records;
  }

  async #restoreOne(id: string): Promise<void> {
    const entry = this.#drills.get(id);
    if (!entry) return;
    if (!this.#core.client || this.#core.state.phase !== 'connected') {
      if (!this.#pendingRestore.includes(id)) this.#pendingRestore.push(id);
      const queued = withError(entry.record, obsError('not_connected', 'OBS 未连接：演练改动已排队，重新连上 OBS 后自动恢复。', 'not connected at restore', true));
      this.#drills.set(id, { ...entry, record: queued });
      this.#core.emit('drill', queued);
      return;
    }
    this.#pendingRestore = this.#pendingRestore.filter((x) => x !== id);
    const previous = entry.record;
    const wasOpen = isOpen(previous);
    // Marked restored before the request, so the echo of our own fix is not taken for the trainee's.
    const restored = restoreDrill(previous, this.#core.now());
    this.#drills.set(id, { ...entry, record: restored });
    try {
      if (wasOpen) await this.#undo(previous);
      if (entry.tempScene) {
        await this.#inv.waitFor((i) => i.programScene !== TEMP_WRONG_SCENE, 2000);
        await this.#removeTempScene();
      }
      const done = { ...restored, error: null };
      this.#drills.set(id, { record: done, tempScene: false });
      if (wasOpen) this.#core.emit('drill', done);
    } catch (error) {
      const obs = error instanceof ObsBridgeError ? error.obs : obsError('request_failed', String(error), String(error), false);
      const failed = withError(previous, obsError(obs.code, `恢复演练「${previous.title}」失败：${obs.message}`, obs.cause, obs.retryable));
      this.#drills.set(id, { ...entry, record: failed });
      this.#core.emit('drill', failed);
    }
  }

  async #undo(record: ObsDrillRecord): Promise<void> {
    const inv = this.#inv.current();
    const t = record.target;
    switch (record.kind) {
      case 'mute_mic':
        await this.#core.call('恢复麦克风', 'SetInputMute', { inputName: t.inputName, inputMuted: false });
        return;
      case 'mic_volume_low':
        await this.#core.call('恢复麦克风音量', 'SetInputVolume', { inputName: t.inputName, inputVolumeDb: record.before.volumeDb ?? 0 });
        return;
      case 'hide_camera':
        await this.#core.call('恢复摄像头', 'SetSceneItemEnabled', { sceneName: t.sceneName, sceneItemId: t.sceneItemId, sceneItemEnabled: true });
        return;
      case 'wrong_scene':
        if (record.before.programScene) await this.#core.call('恢复场景', 'SetCurrentProgramScene', { sceneName: record.before.programScene });
        return;
      case 'stop_stream':
        if (!inv?.stream.active) {
          await this.#core.call('恢复推流', 'StartStream');
          await this.#inv.waitFor((i) => i.stream.active, 10_000);
        }
        return;
      case 'stop_record':
        if (!inv?.record.active) {
          await this.#core.call('恢复录制', 'StartRecord');
          await this.#inv.waitFor((i) => i.record.active, 10_000);
        }
        return;
    }
  }

  async applyPendingRestores(): Promise<void> {
    for (const id of [...this.#pendingRestore]) await this.#restoreOne(id);
  }
}
