// The OBS bridge: one connection to one OBS, kept alive (timeout, reconnect with backoff and
// jitter, gaps reported), its inventory kept current from events, telemetry polled every second
// with history, fault drills injected and watched, and the recording controlled. Plain Node; this
// facade wires connection / inventory-mirror / telemetry-poller / drill-runner over core, and the
// pure parts live in backoff / errors / inventory / telemetry / drills / verdict.
import type { ObsConnectionState, ObsDrillKind, ObsDrillRecord, ObsInventory, ObsRecordingFile, ObsRecordingStatus, ObsTelemetrySample } from '../../../scenarios/obs/records.ts';
import { OutputPathAnswer, parseAnswer } from './answers.ts';
import { ObsConnection, type ConnectOptions } from './connection.ts';
import { BridgeCore, type Listener, type ObsBridgeEvents, type ObsBridgeOptions } from './core.ts';
import { DrillRunner } from './drill-runner.ts';
import type { DrillHint } from './drills.ts';
import { ObsBridgeError, isLoopbackUrl, obsError } from './errors.ts';
import { idleRecord, OUTPUT } from './inventory.ts';
import { InventoryMirror } from './inventory-mirror.ts';
import { TelemetryPoller } from './telemetry-poller.ts';

export type { ConnectOptions } from './connection.ts';
export type { ObsBridgeEvents, ObsBridgeOptions } from './core.ts';

export class ObsBridge {
  readonly #core: BridgeCore;
  readonly #inventory: InventoryMirror;
  readonly #telemetry: TelemetryPoller;
  readonly #drills: DrillRunner;
  readonly #connection: ObsConnection;
  #files: ObsRecordingFile[] = [];

  constructor(options: ObsBridgeOptions = {}) {
    this.#core = new BridgeCore(options);
    this.#inventory = new InventoryMirror(this.#core, {
      observeDrills: (at) => this.#drills.observeAll(at),
      trackRecording: (data, at) => this.#trackRecording(data, at),
    });
    this.#telemetry = new TelemetryPoller(this.#core, {
      scheduleReload: () => this.#inventory.scheduleReload(),
      lose: (error) => this.#connection.lose(error),
    });
    this.#drills = new DrillRunner(this.#core, this.#inventory);
    this.#connection = new ObsConnection(this.#core, this.#inventory, this.#telemetry, this.#drills);
  }

  // ------------------------------------------------------------ events

  on<K extends keyof ObsBridgeEvents>(event: K, listener: Listener<K>): () => void {
    const listeners = this.#core.listeners;
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
    }
    const fn = listener as (payload: never) => void;
    set.add(fn);
    return () => set.delete(fn);
  }

  // ------------------------------------------------------------ queries

  state(): ObsConnectionState {
    return this.#core.snapshot();
  }

  inventory(): ObsInventory | null {
    return this.#inventory.current();
  }

  /** Samples after `sinceSeq` (all when undefined), the newest `limit`. */
  telemetry(sinceSeq?: number, limit = this.#core.historyLimit): ObsTelemetrySample[] {
    return this.#telemetry.samples(sinceSeq, limit);
  }

  latestSample(): ObsTelemetrySample | null {
    return this.#telemetry.latest();
  }

  drills(): ObsDrillRecord[] {
    return this.#drills.list();
  }

  recording(): ObsRecordingStatus {
    return { record: this.#inventory.current()?.record ?? idleRecord(), files: this.#files.map((f) => ({ ...f })) };
  }

  /** Whether OBS knows a request (from GetVersion); true before the first connection. */
  supports(requestType: string): boolean {
    return this.#core.supports(requestType);
  }

  // ------------------------------------------------------------ connection

  /** Connects (replacing any connection) and resolves after the first attempt, whatever its outcome. */
  connect(url: string, password: string | null, options: ConnectOptions = {}): Promise<ObsConnectionState> {
    return this.#connection.connect(url, password, options);
  }

  /** After the service stored or forgot this URL's password. */
  setPasswordStored(stored: boolean): void {
    this.#connection.setPasswordStored(stored);
  }

  disconnect(): Promise<ObsConnectionState> {
    return this.#connection.disconnect();
  }

  /** Restores every open drill (bounded), then disconnects. */
  async close(): Promise<void> {
    if (this.#core.client && this.#core.state.phase === 'connected') {
      // Bounded: a hung OBS must not keep the app from quitting (the timer must not either).
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.restoreAll().catch((error: unknown) => this.#core.log(`obs: restore on close failed: ${String(error)}`)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, 5000))),
      ]);
      clearTimeout(timer);
    }
    await this.disconnect();
    this.#core.listeners.clear();
  }

  // ------------------------------------------------------------ drills

  /** Injects a fault into OBS for real. Always answers a record (status failed with the reason
   *  when it could not be injected): a drill that did not happen is evidence too. */
  injectDrill(kind: ObsDrillKind, hint: DrillHint = {}): Promise<ObsDrillRecord> {
    return this.#drills.inject(kind, hint);
  }

  /** Ends the task: puts back what every open drill changed (newest first). Drills that cannot
   *  be restored now (OBS away) are restored as soon as OBS is back. Returns the final records
   *  and forgets the finished ones. */
  restoreAll(): Promise<ObsDrillRecord[]> {
    return this.#drills.restoreAll();
  }

  // ------------------------------------------------------------ recording

  #trackRecording(data: unknown, at: number): void {
    const d = (typeof data === 'object' && data !== null ? data : {}) as { outputState?: unknown; outputPath?: unknown };
    const path = typeof d.outputPath === 'string' ? d.outputPath : null;
    if (path === null) return;
    const local = this.#core.url !== null && isLoopbackUrl(this.#core.url);
    if (d.outputState === OUTPUT.started) {
      if (!this.#files.some((f) => f.path === path)) this.#files.push({ path, startedAt: at, stoppedAt: null, local });
    } else if (d.outputState === OUTPUT.stopped) {
      const file = this.#files.find((f) => f.path === path && f.stoppedAt === null);
      if (file) file.stoppedAt = at;
      else this.#files.push({ path, startedAt: null, stoppedAt: at, local });
    } else {
      return;
    }
    this.#core.emit('recording', this.recording());
  }

  /** Starts OBS's recording (idempotent) and answers once OBS reports the file. */
  async startRecording(): Promise<ObsRecordingStatus> {
    if (!this.#inventory.current()?.record.active) {
      await this.#core.call('开始录制', 'StartRecord');
      const ok = await this.#inventory.waitFor((i) => i.record.active, 10_000);
      if (!ok) throw new ObsBridgeError(obsError('timeout', 'OBS 没有在 10 秒内开始录制：检查录制路径是否可写、磁盘空间是否足够。', 'StartRecord: no STARTED event in 10 s', true));
    }
    return this.recording();
  }

  /** Stops the recording and answers once OBS has finalised the file, with its path. */
  async stopRecording(): Promise<ObsRecordingStatus & { outputPath: string | null }> {
    let outputPath = this.#inventory.current()?.record.outputPath ?? null;
    if (this.#inventory.current()?.record.active) {
      const answer = parseAnswer(OutputPathAnswer, 'StopRecord', await this.#core.call('停止录制', 'StopRecord'));
      outputPath = answer.outputPath ?? outputPath;
      await this.#inventory.waitOutputInactive('GetRecordStatus', 15_000);
    }
    return { ...this.recording(), outputPath };
  }
}
