// What the parts of the OBS bridge share: options, listeners, the live client and its
// generation, the connection state, and the guarded request. See bridge.ts for the facade.
import { performance } from 'node:perf_hooks';
import type { ObsConnectionState, ObsDrillRecord, ObsInventory, ObsRecordingStatus, ObsTelemetrySample } from '../../../scenarios/obs/records.ts';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import { createObsClient, type ClientFactory, type ObsClient } from './client.ts';
import { ObsBridgeError, RequestStatus, classifyRequestFailure, notConnected, obsError } from './errors.ts';
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

export interface ObsBridgeEvents {
  state: ObsConnectionState;
  inventory: ObsInventory;
  telemetry: ObsTelemetrySample;
  drill: ObsDrillRecord;
  recording: ObsRecordingStatus;
}

export type Listener<K extends keyof ObsBridgeEvents> = (payload: ObsBridgeEvents[K]) => void;

/** One answer of a batch, as the client gives it. */
export type BatchResult = { ok: boolean; code: number; comment: string | undefined; data: unknown } | undefined;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class BridgeCore {
  readonly connectTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly intervalMs: number;
  readonly historyLimit: number;
  readonly backoff: BackoffOptions;
  readonly random: () => number;
  readonly now: () => number;
  readonly mono: () => number;
  readonly createClient: ClientFactory;
  readonly probe: () => boolean | null;
  readonly log: (line: string) => void;
  readonly listeners = new Map<keyof ObsBridgeEvents, Set<(payload: never) => void>>();

  client: ObsClient | null = null;
  /** Bumped by connect()/disconnect(): async work of an older generation drops its result. */
  generation = 0;
  url: string | null = null;
  state: ObsConnectionState;
  available = new Set<string>();

  constructor(options: ObsBridgeOptions) {
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 5000;
    this.intervalMs = options.telemetryIntervalMs ?? 1000;
    this.historyLimit = options.historyLimit ?? 4 * 3600;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.mono = options.monotonic ?? (() => performance.now());
    this.createClient = options.createClient ?? createObsClient;
    this.probe = options.probeObsProcess ?? (() => obsProcessRunning());
    this.log = options.log ?? (() => undefined);
    this.state = {
      phase: 'disconnected',
      url: null,
      since: this.now(),
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

  emit<K extends keyof ObsBridgeEvents>(event: K, payload: ObsBridgeEvents[K]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as Listener<K>)(payload);
      } catch (error) {
        this.log(`obs: ${event} listener failed: ${String(error)}`);
      }
    }
  }

  setState(patch: Partial<ObsConnectionState>): void {
    const phaseChanged = patch.phase !== undefined && patch.phase !== this.state.phase;
    this.state = { ...this.state, ...patch, ...(phaseChanged ? { since: this.now() } : {}) };
    this.emit('state', this.snapshot());
  }

  snapshot(): ObsConnectionState {
    return { ...this.state, degraded: [...this.state.degraded], gaps: [...this.state.gaps] };
  }

  /** Whether OBS knows a request (from GetVersion); true before the first connection. */
  supports(requestType: string): boolean {
    return this.available.size === 0 || this.available.has(requestType);
  }

  async call(what: string, requestType: string, requestData?: Record<string, unknown>): Promise<unknown> {
    const client = this.client;
    if (!client || this.state.phase !== 'connected') throw new ObsBridgeError(notConnected(what));
    if (!this.supports(requestType)) throw new ObsBridgeError(classifyRequestFailure(requestType, RequestStatus.unknownRequestType, 'not in availableRequests'));
    return client.call(requestType, requestData, this.requestTimeoutMs);
  }

  expectOk(result: BatchResult, requestType: string): unknown {
    if (!result) throw new ObsBridgeError(obsError('request_failed', `OBS 没有回答 ${requestType}。`, `${requestType}: missing in batch`, true));
    if (!result.ok) throw new ObsBridgeError(classifyRequestFailure(requestType, result.code, result.comment));
    return result.data;
  }
}
