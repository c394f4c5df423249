// The OBS bridge: one connection to one OBS, kept alive (timeout, reconnect with backoff and
// jitter, gaps reported), its inventory kept current from events, telemetry polled every second
// with history, fault drills injected and watched, and the recording controlled. Plain Node; the
// pure parts live in backoff / errors / inventory / telemetry / drills / verdict.
import { performance } from 'node:perf_hooks';
import type {
  ObsConnectionState,
  ObsDrillKind,
  ObsDrillRecord,
  ObsError,
  ObsGap,
  ObsInventory,
  ObsRecordingFile,
  ObsRecordingStatus,
  ObsTelemetrySample,
} from '../../../scenarios/obs/records.ts';
import {
  InputListAnswer,
  InputMuteAnswer,
  InputVolumeAnswer,
  OutputPathAnswer,
  parseAnswer,
  RecordStatusAnswer,
  SceneItemListAnswer,
  SceneListAnswer,
  StatsAnswer,
  StreamStatusAnswer,
  VersionAnswer,
  VideoSettingsAnswer,
} from './answers.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import { createObsClient, SocketFailure, type BatchRequest, type ClientFactory, type ObsClient } from './client.ts';
import {
  ObsBridgeError,
  RequestStatus,
  classifyConnectFailure,
  classifyRequestFailure,
  isLoopbackUrl,
  notConnected,
  obsError,
  validateObsUrl,
} from './errors.ts';
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
import { applyEvent, buildInventory, dbOrFloor, idleRecord, idleStream, INVENTORY_EVENTS, OUTPUT, sameInventoryContent, type InventoryAnswers } from './inventory.ts';
import { computeSample, type RawPoll } from './telemetry.ts';
import { checkVersion, degradedFeatures } from './version.ts';
import { obsProcessRunning } from './process-probe.ts';

export interface ObsBridgeOptions {
  /** Bound on connect + identify (obs-websocket-js has none). Default 5 s. */
  connectTimeoutMs?: number;
  /** Bound on every request. Default 5 s. */
  requestTimeoutMs?: number;
  /** Telemetry period. Default 1 s. */
  telemetryIntervalMs?: number;
  /** Samples kept (default 4 h at 1 Hz). */
  historyLimit?: number;
  backoff?: BackoffOptions;
  random?: () => number;
  /** Wall clock for records (epoch ms). */
  now?: () => number;
  /** Monotonic clock for intervals. */
  monotonic?: () => number;
  createClient?: ClientFactory;
  /** Whether an OBS process runs here (for refused loopback connections). */
  probeObsProcess?: () => boolean | null;
  log?: (line: string) => void;
}

export interface ConnectOptions {
  /** Keep retrying (with backoff) while OBS is not there or after it goes away. Default true. */
  autoReconnect?: boolean;
  /** Shown in the state: a password for this URL is stored (the password itself never is). */
  passwordStored?: boolean;
}

export interface ObsBridgeEvents {
  state: ObsConnectionState;
  inventory: ObsInventory;
  telemetry: ObsTelemetrySample;
  drill: ObsDrillRecord;
  recording: ObsRecordingStatus;
}

type Listener<K extends keyof ObsBridgeEvents> = (payload: ObsBridgeEvents[K]) => void;

interface DrillEntry {
  record: ObsDrillRecord;
  /** wrong_scene created TEMP_WRONG_SCENE and must remove it. */
  tempScene: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Consecutive telemetry timeouts after which a silent OBS counts as lost. */
const MAX_SILENT_POLLS = 3;
const RELOAD_DEBOUNCE_MS = 50;
/** Telemetry ticks between two inventory reconciles (10 s at 1 Hz). */
const RECONCILE_EVERY_TICKS = 10;

export class ObsBridge {
  readonly #connectTimeoutMs: number;
  readonly #requestTimeoutMs: number;
  readonly #intervalMs: number;
  readonly #historyLimit: number;
  readonly #backoff: BackoffOptions;
  readonly #random: () => number;
  readonly #now: () => number;
  readonly #mono: () => number;
  readonly #createClient: ClientFactory;
  readonly #probe: () => boolean | null;
  readonly #log: (line: string) => void;
  readonly #listeners = new Map<keyof ObsBridgeEvents, Set<(payload: never) => void>>();

  // connection
  #client: ObsClient | null = null;
  /** Bumped by connect()/disconnect(): async work of an older generation drops its result. */
  #generation = 0;
  #url: string | null = null;
  #password: string | null = null;
  #autoReconnect = true;
  #wanted = false;
  #state: ObsConnectionState;
  #retryTimer: NodeJS.Timeout | null = null;
  #lostAt: number | null = null;
  #lostCause = '';
  #available = new Set<string>();
  /** OBS sent ExitStarted on this connection. */
  #exiting = false;

  // inventory
  #inventory: ObsInventory | null = null;
  #reloading = false;
  #reloadAgain = false;
  #queued: [string, unknown, number][] = [];
  #reloadTimer: NodeJS.Timeout | null = null;
  #inventoryEmitScheduled = false;

  // telemetry
  #telemetryTimer: NodeJS.Timeout | null = null;
  #history: ObsTelemetrySample[] = [];
  #seq = 0;
  #lastPoll: RawPoll | null = null;
  #afterGap = false;
  #silentPolls = 0;
  #ticks = 0;
  #targetFps = 30;
  #lastRenderTotal: number | null = null;

  // drills and recording
  #drills = new Map<string, DrillEntry>();
  #drillCounter = 0;
  #pendingRestore: string[] = [];
  #files: ObsRecordingFile[] = [];

  constructor(options: ObsBridgeOptions = {}) {
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 5000;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 5000;
    this.#intervalMs = options.telemetryIntervalMs ?? 1000;
    this.#historyLimit = options.historyLimit ?? 4 * 3600;
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? Date.now;
    this.#mono = options.monotonic ?? (() => performance.now());
    this.#createClient = options.createClient ?? createObsClient;
    this.#probe = options.probeObsProcess ?? (() => obsProcessRunning());
    this.#log = options.log ?? (() => undefined);
    this.#state = {
      phase: 'disconnected',
      url: null,
      since: this.#now(),
      attempt: 0,
      nextRetryAt: null,
      error: null,
      obsVersion: null,
      obsWebSocketVersion: null,
      rpcVersion: null,
      platform: null,
      degraded: [],
      gaps: [],
      hasStoredPassword: false,
    };
  }

  // ------------------------------------------------------------ events

  on<K extends keyof ObsBridgeEvents>(event: K, listener: Listener<K>): () => void {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    const fn = listener as (payload: never) => void;
    set.add(fn);
    return () => set.delete(fn);
  }

  #emit<K extends keyof ObsBridgeEvents>(event: K, payload: ObsBridgeEvents[K]): void {
    for (const listener of this.#listeners.get(event) ?? []) {
      try {
        (listener as Listener<K>)(payload);
      } catch (error) {
        this.#log(`obs: ${event} listener failed: ${String(error)}`);
      }
    }
  }

  #setState(patch: Partial<ObsConnectionState>): void {
    const phaseChanged = patch.phase !== undefined && patch.phase !== this.#state.phase;
    this.#state = { ...this.#state, ...patch, ...(phaseChanged ? { since: this.#now() } : {}) };
    this.#emit('state', this.state());
  }

  // ------------------------------------------------------------ queries

  state(): ObsConnectionState {
    return { ...this.#state, degraded: [...this.#state.degraded], gaps: [...this.#state.gaps] };
  }

  inventory(): ObsInventory | null {
    return this.#inventory;
  }

  /** Samples after `sinceSeq` (all when undefined), the newest `limit`. */
  telemetry(sinceSeq?: number, limit = this.#historyLimit): ObsTelemetrySample[] {
    const after = sinceSeq === undefined ? this.#history : this.#history.filter((s) => s.seq > sinceSeq);
    return after.slice(-limit);
  }

  latestSample(): ObsTelemetrySample | null {
    return this.#history.at(-1) ?? null;
  }

  drills(): ObsDrillRecord[] {
    return [...this.#drills.values()].map((e) => e.record);
  }

  recording(): ObsRecordingStatus {
    return { record: this.#inventory?.record ?? idleRecord(), files: this.#files.map((f) => ({ ...f })) };
  }

  /** Whether OBS knows a request (from GetVersion); true before the first connection. */
  supports(requestType: string): boolean {
    return this.#available.size === 0 || this.#available.has(requestType);
  }

  // ------------------------------------------------------------ connection

  /** Connects (replacing any connection) and resolves after the first attempt, whatever its outcome. */
  async connect(url: string, password: string | null, options: ConnectOptions = {}): Promise<ObsConnectionState> {
    await this.#teardown();
    const gen = this.#generation;
    if (url !== this.#url) {
      // Another OBS: the old one's history and gaps are not this one's.
      this.#history = [];
      this.#lastRenderTotal = null;
      this.#state = { ...this.#state, gaps: [] };
    }
    this.#url = url;
    this.#password = password;
    this.#autoReconnect = options.autoReconnect ?? true;
    this.#wanted = true;
    this.#lostAt = null;
    const invalid = validateObsUrl(url);
    const base = { url, hasStoredPassword: options.passwordStored ?? false, nextRetryAt: null };
    if (invalid) {
      this.#setState({ ...base, phase: 'failed', error: invalid, attempt: 1 });
      return this.state();
    }
    this.#setState({ ...base, phase: 'connecting', error: null, attempt: 1 });
    await this.#attempt(gen);
    return this.state();
  }

  /** After the service stored or forgot this URL's password. */
  setPasswordStored(stored: boolean): void {
    if (stored !== this.#state.hasStoredPassword) this.#setState({ hasStoredPassword: stored });
  }

  async disconnect(): Promise<ObsConnectionState> {
    this.#wanted = false;
    await this.#teardown();
    this.#lostAt = null;
    // A closed connection has no current inventory (a lost one keeps the last, shown as stale).
    this.#inventory = null;
    this.#setState({ phase: 'disconnected', error: null, nextRetryAt: null, attempt: 0 });
    return this.state();
  }

  /** Restores every open drill (bounded), then disconnects. */
  async close(): Promise<void> {
    if (this.#client && this.#state.phase === 'connected') {
      // Bounded: a hung OBS must not keep the app from quitting (the timer must not either).
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.restoreAll().catch((error: unknown) => this.#log(`obs: restore on close failed: ${String(error)}`)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, 5000))),
      ]);
      clearTimeout(timer);
    }
    await this.disconnect();
    this.#listeners.clear();
  }

  async #teardown(): Promise<void> {
    this.#generation++;
    this.#clearTimers();
    const client = this.#client;
    this.#client = null;
    if (client) await client.disconnect();
  }

  #clearTimers(): void {
    for (const timer of [this.#retryTimer, this.#telemetryTimer, this.#reloadTimer]) if (timer) clearTimeout(timer);
    this.#retryTimer = null;
    this.#telemetryTimer = null;
    this.#reloadTimer = null;
  }

  async #attempt(gen: number): Promise<void> {
    const url = this.#url;
    if (url === null) return;
    const client = this.#createClient({
      events: [...INVENTORY_EVENTS, 'ExitStarted'],
      onEvent: (name, data) => this.#onEvent(client, name, data),
      onClose: (code, reason) => this.#onClose(client, code, reason),
    });
    try {
      const hello = await client.connect(url, this.#password, this.#connectTimeoutMs);
      if (gen !== this.#generation) {
        await client.disconnect();
        return;
      }
      this.#client = client;
      this.#exiting = false;
      const version = parseAnswer(VersionAnswer, 'GetVersion', await client.call('GetVersion', undefined, this.#requestTimeoutMs));
      const tooOld = checkVersion({ ...version, rpcVersion: hello.negotiatedRpcVersion });
      if (tooOld) throw new ObsBridgeError(tooOld);
      this.#available = new Set(version.availableRequests);
      if (this.supports('GetVideoSettings')) {
        const video = parseAnswer(VideoSettingsAnswer, 'GetVideoSettings', await client.call('GetVideoSettings', undefined, this.#requestTimeoutMs));
        this.#targetFps = video.fpsDenominator > 0 ? video.fpsNumerator / video.fpsDenominator : 30;
      }
      await this.#reload(gen, client);
      const stats = parseAnswer(StatsAnswer, 'GetStats', await client.call('GetStats', undefined, this.#requestTimeoutMs));
      if (gen !== this.#generation) return;

      const now = this.#now();
      const gaps = [...this.#state.gaps];
      if (this.#lostAt !== null) {
        const gap: ObsGap = {
          lostAt: this.#lostAt,
          restoredAt: now,
          durationMs: now - this.#lostAt,
          cause: this.#lostCause,
          // OBS's render counter only grows while it runs: lower now means a new OBS process.
          obsRestarted: this.#lastRenderTotal !== null && stats.renderTotalFrames < this.#lastRenderTotal,
        };
        gaps.push(gap);
        this.#afterGap = true;
        this.#log(`obs: reconnected after ${gap.durationMs} ms (${gap.cause})${gap.obsRestarted ? ', OBS was restarted' : ''}`);
      }
      this.#lostAt = null;
      this.#lastPoll = null;
      this.#silentPolls = 0;
      this.#setState({
        phase: 'connected',
        attempt: 0,
        error: null,
        nextRetryAt: null,
        obsVersion: version.obsVersion,
        obsWebSocketVersion: version.obsWebSocketVersion,
        rpcVersion: hello.negotiatedRpcVersion,
        platform: version.platformDescription ?? version.platform ?? null,
        degraded: degradedFeatures(version.availableRequests),
        gaps,
      });
      this.#startTelemetry(gen);
      await this.#applyPendingRestores();
    } catch (error) {
      if (this.#client === client) this.#client = null;
      await client.disconnect();
      if (gen !== this.#generation) return;
      this.#afterFailure(gen, this.#classify(url, error));
    }
  }

  #classify(url: string, error: unknown): ObsError {
    if (error instanceof ObsBridgeError) return error.obs;
    if (error instanceof SocketFailure) {
      const refused = /ECONNREFUSED/i.test(error.message);
      return classifyConnectFailure({
        url,
        closeCode: error.closeCode,
        message: error.message,
        timedOut: error.timedOut,
        timeoutMs: this.#connectTimeoutMs,
        passwordGiven: this.#password !== null && this.#password !== '',
        obsProcessRunning: refused && isLoopbackUrl(url) ? this.#probe() : null,
      });
    }
    const message = error instanceof Error ? error.message : String(error);
    return obsError('unknown', `连接 OBS 时出错：${message}`, message, true);
  }

  #afterFailure(gen: number, error: ObsError): void {
    if (!this.#wanted) return;
    if (!error.retryable || !this.#autoReconnect) {
      this.#setState({ phase: 'failed', error, nextRetryAt: null });
      return;
    }
    const attempt = this.#state.attempt + 1;
    const wait = backoffDelay(attempt - 1, this.#backoff, this.#random);
    this.#setState({ phase: 'reconnecting', error, attempt, nextRetryAt: this.#now() + wait });
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (gen !== this.#generation) return;
      this.#setState({ nextRetryAt: null });
      void this.#attempt(gen);
    }, wait);
  }

  #onClose(client: ObsClient, code: number, reason: string): void {
    // Only a connection that was up: a failing attempt handles its own close.
    if (client !== this.#client || this.#state.phase !== 'connected' || this.#url === null) return;
    const closeCode = this.#exiting && code !== 1001 ? 1001 : code;
    const message = this.#exiting && code !== 1001 ? `OBS sent ExitStarted; socket closed ${code}${reason ? ` ${reason}` : ''}` : reason;
    const error = classifyConnectFailure({ url: this.#url, closeCode, message, passwordGiven: this.#password !== null });
    this.#lose(error);
  }

  /** The established connection is gone: stop polling, remember when, retry if wanted. */
  #lose(error: ObsError): void {
    const client = this.#client;
    this.#client = null;
    this.#clearTimers();
    this.#lostAt ??= this.#now();
    this.#lostCause = error.cause;
    this.#log(`obs: connection lost: ${error.cause}`);
    if (client) void client.disconnect();
    // Work still in flight for the old connection must not touch the next one.
    const gen = ++this.#generation;
    this.#state = { ...this.#state, attempt: 0 };
    this.#afterFailure(gen, error);
  }

  // ------------------------------------------------------------ inventory

  #onEvent(client: ObsClient, name: string, data: unknown): void {
    if (client !== this.#client) return;
    const at = this.#now();
    if (name === 'ExitStarted') {
      // OBS announced it is quitting: the close that follows (1001, or 1006 when the socket dies
      // first) is OBS closing, not a crash.
      this.#exiting = true;
      this.#log('obs: OBS is exiting');
      return;
    }
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
    if (result.reload) this.#scheduleReload();
    if (!result.changed) return;
    this.#inventory = result.inventory;
    if (name === 'RecordStateChanged') this.#trackRecording(data, at);
    this.#afterInventoryChange(at);
  }

  #afterInventoryChange(at: number): void {
    this.#observeDrills(at);
    if (this.#inventoryEmitScheduled) return;
    // Events arriving in one burst (a scene switch) reach the UI as one inventory.
    this.#inventoryEmitScheduled = true;
    setImmediate(() => {
      this.#inventoryEmitScheduled = false;
      if (this.#inventory) this.#emit('inventory', this.#inventory);
    });
  }

  /** Reads the inventory again at once (the client may have gone meanwhile: then nothing). */
  async #reloadNow(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    await this.#reload(this.#generation, client).catch((error: unknown) => this.#log(`obs: inventory reload failed: ${String(error)}`));
  }

  #scheduleReload(): void {
    if (this.#reloadTimer) return;
    const gen = this.#generation;
    this.#reloadTimer = setTimeout(() => {
      this.#reloadTimer = null;
      const client = this.#client;
      if (!client || gen !== this.#generation) return;
      this.#reload(gen, client).catch((error: unknown) => this.#log(`obs: inventory reload failed: ${String(error)}`));
    }, RELOAD_DEBOUNCE_MS);
  }

  async #reload(gen: number, client: ObsClient): Promise<void> {
    if (this.#reloading) {
      this.#reloadAgain = true;
      return;
    }
    this.#reloading = true;
    this.#queued = [];
    try {
      const answers = await this.#fetchInventory(client);
      if (gen !== this.#generation) return;
      const at = this.#now();
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
        this.#scheduleReload();
      }
    }
  }

  async #fetchInventory(client: ObsClient): Promise<InventoryAnswers> {
    const [sceneRes, inputRes] = await client.batch([{ requestType: 'GetSceneList' }, { requestType: 'GetInputList' }], this.#requestTimeoutMs);
    const sceneList = parseAnswer(SceneListAnswer, 'GetSceneList', this.#expectOk(sceneRes, 'GetSceneList'));
    const inputList = parseAnswer(InputListAnswer, 'GetInputList', this.#expectOk(inputRes, 'GetInputList'));

    const requests: BatchRequest[] = sceneList.scenes.map((s) => ({ requestType: 'GetSceneItemList', requestData: { sceneName: s.sceneName } }));
    const audioFor: string[] = [];
    const canMute = this.supports('GetInputMute');
    const canVolume = this.supports('GetInputVolume');
    if (canMute && canVolume) {
      for (const input of inputList.inputs) {
        audioFor.push(input.inputName);
        requests.push({ requestType: 'GetInputMute', requestData: { inputName: input.inputName } });
        requests.push({ requestType: 'GetInputVolume', requestData: { inputName: input.inputName } });
      }
    }
    const wantStream = this.supports('GetStreamStatus');
    const wantRecord = this.supports('GetRecordStatus');
    if (wantStream) requests.push({ requestType: 'GetStreamStatus' });
    if (wantRecord) requests.push({ requestType: 'GetRecordStatus' });
    const results = await client.batch(requests, this.#requestTimeoutMs);

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

  #expectOk(result: { ok: boolean; code: number; comment: string | undefined; data: unknown } | undefined, requestType: string): unknown {
    if (!result) throw new ObsBridgeError(obsError('request_failed', `OBS 没有回答 ${requestType}。`, `${requestType}: missing in batch`, true));
    if (!result.ok) throw new ObsBridgeError(classifyRequestFailure(requestType, result.code, result.comment));
    return result.data;
  }

  // ------------------------------------------------------------ telemetry

  /** Work begun for connection `gen` is stale once the connection changed or went away. */
  #stale(gen: number): boolean {
    return gen !== this.#generation || this.#client === null;
  }

  #startTelemetry(gen: number): void {
    const tick = async () => {
      this.#telemetryTimer = null;
      if (this.#stale(gen)) return;
      const started = this.#mono();
      await this.#poll(gen);
      // obs-websocket sends events from a thread pool (they may arrive out of order) and a busy
      // OBS can drop some: re-read the inventory now and then so a missed event heals itself.
      if (++this.#ticks % RECONCILE_EVERY_TICKS === 0) this.#scheduleReload();
      if (this.#stale(gen)) return;
      // Keep the period steady however long the poll took.
      const wait = Math.max(0, this.#intervalMs - (this.#mono() - started));
      this.#telemetryTimer = setTimeout(() => void tick(), wait);
    };
    this.#telemetryTimer = setTimeout(() => void tick(), 0);
  }

  async #poll(gen: number): Promise<void> {
    const client = this.#client;
    if (!client) return;
    const wantStream = this.supports('GetStreamStatus');
    const wantRecord = this.supports('GetRecordStatus');
    const requests: BatchRequest[] = [{ requestType: 'GetStats' }];
    if (wantStream) requests.push({ requestType: 'GetStreamStatus' });
    if (wantRecord) requests.push({ requestType: 'GetRecordStatus' });
    try {
      const results = await client.batch(requests, Math.min(this.#requestTimeoutMs, Math.max(1000, this.#intervalMs * 3)));
      if (gen !== this.#generation) return;
      this.#silentPolls = 0;
      const mono = this.#mono();
      const at = this.#now();
      const stats = parseAnswer(StatsAnswer, 'GetStats', this.#expectOk(results[0], 'GetStats'));
      let k = 1;
      const streamRes = wantStream ? results[k++] : undefined;
      const recordRes = wantRecord ? results[k++] : undefined;
      const stream = this.#optional(streamRes, 'GetStreamStatus', (d) => parseAnswer(StreamStatusAnswer, 'GetStreamStatus', d));
      const record = this.#optional(recordRes, 'GetRecordStatus', (d) => parseAnswer(RecordStatusAnswer, 'GetRecordStatus', d));
      const poll: RawPoll = { at, mono, targetFps: this.#targetFps, stats, stream, record };
      const sample = computeSample(this.#lastPoll, poll, this.#seq++, this.#afterGap);
      this.#afterGap = false;
      this.#lastPoll = poll;
      this.#lastRenderTotal = stats.renderTotalFrames;
      this.#history.push(sample);
      if (this.#history.length > this.#historyLimit) this.#history.splice(0, this.#history.length - this.#historyLimit);
      this.#emit('telemetry', sample);
    } catch (error) {
      if (gen !== this.#generation) return;
      const obs = error instanceof ObsBridgeError ? error.obs : null;
      this.#log(`obs: telemetry poll failed: ${obs ? obs.cause : String(error)}`);
      if (obs?.code === 'timeout' && ++this.#silentPolls >= MAX_SILENT_POLLS) {
        // The socket is open but OBS stopped answering (hung): treat it as lost and reconnect.
        this.#lose(obsError('timeout', `OBS 连续 ${MAX_SILENT_POLLS} 次没有回应：可能卡住了，正在重新连接。`, obs.cause, true));
      }
    }
  }

  /** A request whose feature degrades: 204 switches it off for this connection. */
  #optional<T>(result: { ok: boolean; code: number; comment: string | undefined; data: unknown } | undefined, requestType: string, parse: (data: unknown) => T): T | null {
    if (!result) return null;
    if (result.ok) return parse(result.data);
    if (result.code === RequestStatus.unknownRequestType) {
      this.#available.delete(requestType);
      const feature = { request: requestType, feature: requestType === 'GetStreamStatus' ? '推流遥测（码率、网络丢帧）' : '录制遥测' };
      if (!this.#state.degraded.some((d) => d.request === requestType)) this.#setState({ degraded: [...this.#state.degraded, feature] });
      // Keep `available` non-empty so supports() stays a real answer.
      if (this.#available.size === 0) this.#available.add('GetStats');
    }
    return null;
  }

  // ------------------------------------------------------------ requests

  async #call(what: string, requestType: string, requestData?: Record<string, unknown>): Promise<unknown> {
    const client = this.#client;
    if (!client || this.#state.phase !== 'connected') throw new ObsBridgeError(notConnected(what));
    if (!this.supports(requestType)) throw new ObsBridgeError(classifyRequestFailure(requestType, RequestStatus.unknownRequestType, 'not in availableRequests'));
    return client.call(requestType, requestData, this.#requestTimeoutMs);
  }

  /** Waits (bounded) until the inventory satisfies `check`; false on timeout. */
  async #waitFor(check: (inv: ObsInventory) => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = this.#mono() + timeoutMs;
    while (this.#mono() < deadline) {
      if (this.#inventory && check(this.#inventory)) return true;
      await sleep(25);
    }
    return this.#inventory !== null && check(this.#inventory);
  }

  /** Polls OBS itself until the output is no longer active (the file is finalised). Output
   *  events alone are not enough: they come from a thread pool and may arrive out of order. */
  async #waitOutputInactive(request: 'GetStreamStatus' | 'GetRecordStatus', timeoutMs: number): Promise<void> {
    const deadline = this.#mono() + timeoutMs;
    while (this.#mono() < deadline) {
      const status = await this.#call('读取输出状态', request);
      if (typeof status === 'object' && status !== null && (status as { outputActive?: unknown }).outputActive === false) break;
      await sleep(50);
    }
    // Events may still be in flight: read the inventory so drills see the settled state.
    await this.#reloadNow();
  }

  // ------------------------------------------------------------ drills

  /** Injects a fault into OBS for real. Always answers a record (status failed with the reason
   *  when it could not be injected): a drill that did not happen is evidence too. */
  async injectDrill(kind: ObsDrillKind, hint: DrillHint = {}): Promise<ObsDrillRecord> {
    const id = `obs-drill-${++this.#drillCounter}`;
    const at = this.#now();
    const store = (record: ObsDrillRecord, tempScene = false) => {
      this.#drills.set(id, { record, tempScene });
      this.#emit('drill', record);
      return record;
    };
    const inv = this.#inventory;
    if (!this.#client || this.#state.phase !== 'connected' || !inv) return store(failedDrill(id, kind, at, notConnected('注入故障演练')));
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
          await this.#call('静音麦克风', 'SetInputMute', { inputName: target.inputName, inputMuted: true });
          break;
        case 'mic_volume_low':
          await this.#call('调低麦克风音量', 'SetInputVolume', { inputName: target.inputName, inputVolumeDb: broken.volumeDb });
          break;
        case 'hide_camera':
          await this.#call('隐藏摄像头', 'SetSceneItemEnabled', { sceneName: target.sceneName, sceneItemId: target.sceneItemId, sceneItemEnabled: false });
          break;
        case 'wrong_scene':
          if (target.wrongScene === null) {
            await this.#createTempScene();
            tempScene = true;
          }
          await this.#call('切换场景', 'SetCurrentProgramScene', { sceneName: target.wrongScene ?? TEMP_WRONG_SCENE });
          await this.#waitFor((i) => i.programScene === (target.wrongScene ?? TEMP_WRONG_SCENE), 3000);
          break;
        case 'stop_stream':
          await this.#call('停止推流', 'StopStream');
          // The fault is "stream down": wait until OBS says the output ended (bounded).
          await this.#waitOutputInactive('GetStreamStatus', 10_000);
          break;
        case 'stop_record':
          await this.#call('停止录制', 'StopRecord');
          await this.#waitOutputInactive('GetRecordStatus', 15_000);
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
    if (!(await this.#waitFor(shows, 3000))) await this.#reloadNow();
    const record = store(newDrill({ id, kind, target, before, broken, at }), tempScene);
    // The trainee may have acted while the request ran: compare with OBS now.
    this.#observeDrills(this.#now());
    return this.#drills.get(id)?.record ?? record;
  }

  async #createTempScene(): Promise<void> {
    try {
      await this.#call('创建演练场景', 'CreateScene', { sceneName: TEMP_WRONG_SCENE });
    } catch (error) {
      // Left over from a crash: reuse it.
      if (!(error instanceof ObsBridgeError && error.obs.cause.includes(`status ${RequestStatus.resourceAlreadyExists}`))) throw error;
    }
  }

  async #removeTempScene(): Promise<void> {
    try {
      if (this.#inventory?.programScene === TEMP_WRONG_SCENE) return;
      await this.#call('删除演练场景', 'RemoveScene', { sceneName: TEMP_WRONG_SCENE });
    } catch (error) {
      this.#log(`obs: could not remove ${TEMP_WRONG_SCENE}: ${String(error)}`);
    }
  }

  #observeDrills(at: number): void {
    const inv = this.#inventory;
    if (!inv) return;
    for (const [id, entry] of this.#drills) {
      if (!isOpen(entry.record)) continue;
      const next = observeDrill(entry.record, observe(entry.record.kind, entry.record.target, inv), at);
      if (next === entry.record) continue;
      this.#drills.set(id, { ...entry, record: next });
      this.#emit('drill', next);
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
    const records = this.drills();
    for (const [id, entry] of [...this.#drills]) if (!this.#pendingRestore.includes(id) && !isOpen(entry.record)) this.#drills.delete(id);
    return records;
  }

  async #restoreOne(id: string): Promise<void> {
    const entry = this.#drills.get(id);
    if (!entry) return;
    if (!this.#client || this.#state.phase !== 'connected') {
      if (!this.#pendingRestore.includes(id)) this.#pendingRestore.push(id);
      const queued = withError(entry.record, obsError('not_connected', 'OBS 未连接：演练改动已排队，重新连上 OBS 后自动恢复。', 'not connected at restore', true));
      this.#drills.set(id, { ...entry, record: queued });
      this.#emit('drill', queued);
      return;
    }
    this.#pendingRestore = this.#pendingRestore.filter((x) => x !== id);
    const previous = entry.record;
    const wasOpen = isOpen(previous);
    // Marked restored before the request, so the echo of our own fix is not taken for the trainee's.
    const restored = restoreDrill(previous, this.#now());
    this.#drills.set(id, { ...entry, record: restored });
    try {
      if (wasOpen) await this.#undo(previous);
      if (entry.tempScene) {
        await this.#waitFor((i) => i.programScene !== TEMP_WRONG_SCENE, 2000);
        await this.#removeTempScene();
      }
      const done = { ...restored, error: null };
      this.#drills.set(id, { record: done, tempScene: false });
      if (wasOpen) this.#emit('drill', done);
    } catch (error) {
      const obs = error instanceof ObsBridgeError ? error.obs : obsError('request_failed', String(error), String(error), false);
      const failed = withError(previous, obsError(obs.code, `恢复演练「${previous.title}」失败：${obs.message}`, obs.cause, obs.retryable));
      this.#drills.set(id, { ...entry, record: failed });
      this.#emit('drill', failed);
    }
  }

  async #undo(record: ObsDrillRecord): Promise<void> {
    const inv = this.#inventory;
    const t = record.target;
    switch (record.kind) {
      case 'mute_mic':
        await this.#call('恢复麦克风', 'SetInputMute', { inputName: t.inputName, inputMuted: false });
        return;
      case 'mic_volume_low':
        await this.#call('恢复麦克风音量', 'SetInputVolume', { inputName: t.inputName, inputVolumeDb: record.before.volumeDb ?? 0 });
        return;
      case 'hide_camera':
        await this.#call('恢复摄像头', 'SetSceneItemEnabled', { sceneName: t.sceneName, sceneItemId: t.sceneItemId, sceneItemEnabled: true });
        return;
      case 'wrong_scene':
        if (record.before.programScene) await this.#call('恢复场景', 'SetCurrentProgramScene', { sceneName: record.before.programScene });
        return;
      case 'stop_stream':
        if (!inv?.stream.active) {
          await this.#call('恢复推流', 'StartStream');
          await this.#waitFor((i) => i.stream.active, 10_000);
        }
        return;
      case 'stop_record':
        if (!inv?.record.active) {
          await this.#call('恢复录制', 'StartRecord');
          await this.#waitFor((i) => i.record.active, 10_000);
        }
        return;
    }
  }

  async #applyPendingRestores(): Promise<void> {
    for (const id of [...this.#pendingRestore]) await this.#restoreOne(id);
  }

  // ------------------------------------------------------------ recording

  #trackRecording(data: unknown, at: number): void {
    const d = (typeof data === 'object' && data !== null ? data : {}) as { outputState?: unknown; outputPath?: unknown };
    const path = typeof d.outputPath === 'string' ? d.outputPath : null;
    if (path === null) return;
    const local = this.#url !== null && isLoopbackUrl(this.#url);
    if (d.outputState === OUTPUT.started) {
      if (!this.#files.some((f) => f.path === path)) this.#files.push({ path, startedAt: at, stoppedAt: null, local });
    } else if (d.outputState === OUTPUT.stopped) {
      const file = this.#files.find((f) => f.path === path && f.stoppedAt === null);
      if (file) file.stoppedAt = at;
      else this.#files.push({ path, startedAt: null, stoppedAt: at, local });
    } else {
      return;
    }
    this.#emit('recording', this.recording());
  }

  /** Starts OBS's recording (idempotent) and answers once OBS reports the file. */
  async startRecording(): Promise<ObsRecordingStatus> {
    if (!this.#inventory?.record.active) {
      await this.#call('开始录制', 'StartRecord');
      const ok = await this.#waitFor((i) => i.record.active, 10_000);
      if (!ok) throw new ObsBridgeError(obsError('timeout', 'OBS 没有在 10 秒内开始录制：检查录制路径是否可写、磁盘空间是否足够。', 'StartRecord: no STARTED event in 10 s', true));
    }
    return this.recording();
  }

  /** Stops the recording and answers once OBS has finalised the file, with its path. */
  async stopRecording(): Promise<ObsRecordingStatus & { outputPath: string | null }> {
    let outputPath = this.#inventory?.record.outputPath ?? null;
    if (this.#inventory?.record.active) {
      const answer = parseAnswer(OutputPathAnswer, 'StopRecord', await this.#call('停止录制', 'StopRecord'));
      outputPath = answer.outputPath ?? outputPath;
      await this.#waitOutputInactive('GetRecordStatus', 15_000);
    }
    return { ...this.recording(), outputPath };
  }
}
