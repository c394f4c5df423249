// The OBS bridge's telemetry poller: one batch every period (kept steady), samples with
// history, a silent OBS counted as lost, and features that OBS lacks switched off.
import type { ObsError, ObsTelemetrySample } from '../../../scenarios/obs/records.ts';
import { parseAnswer, RecordStatusAnswer, StatsAnswer, StreamStatusAnswer } from './answers.ts';
import type { BatchRequest } from './client.ts';
import type { BatchResult, BridgeCore } from './core.ts';
import { ObsBridgeError, RequestStatus, obsError } from './errors.ts';
import { computeSample, type RawPoll } from './telemetry.ts';

/** Consecutive telemetry timeouts after which a silent OBS counts as lost. */
const MAX_SILENT_POLLS = 3;
/** Telemetry ticks between two inventory reconciles (10 s at 1 Hz). */
const RECONCILE_EVERY_TICKS = 10;

export interface TelemetryHooks {
  /** Re-read the inventory (debounced). */
  scheduleReload(): void;
  /** The established connection is gone. */
  lose(error: ObsError): void;
}

export class TelemetryPoller {
  readonly #core: BridgeCore;
  readonly #hooks: TelemetryHooks;
  #telemetryTimer: NodeJS.Timeout | null = null;
  #history: ObsTelemetrySample[] = [];
  #seq = 0;
  #lastPoll: RawPoll | null = null;
  #afterGap = false;
  #silentPolls = 0;
  #ticks = 0;
  targetFps = 30;
  lastRenderTotal: number | null = null;

  constructor(core: BridgeCore, hooks: TelemetryHooks) {
    this.#core = core;
    this.#hooks = hooks;
  }

  /** Samples after `sinceSeq` (all when undefined), the newest `limit`. */
  samples(sinceSeq: number | undefined, limit: number): ObsTelemetrySample[] {
    const after = sinceSeq === undefined ? this.#history : this.#history.filter((s) => s.seq > sinceSeq);
    return after.slice(-limit);
  }

  latest(): ObsTelemetrySample | null {
    return this.#history.at(-1) ?? null;
  }

  /** Another OBS: the old one's history is not this one's. */
  forgetHistory(): void {
    this.#history = [];
    this.lastRenderTotal = null;
  }

  /** The next sample follows a gap in the connection. */
  markGap(): void {
    this.#afterGap = true;
  }

  /** A fresh connection: no previous poll to diff against, no silence counted. */
  resetPoll(): void {
    this.#lastPoll = null;
    this.#silentPolls = 0;
  }

  stop(): void {
    if (this.#telemetryTimer) clearTimeout(this.#telemetryTimer);
    this.#telemetryTimer = null;
  }

  /** Work begun for connection `gen` is stale once the connection changed or went away. */
  #stale(gen: number): boolean {
    return gen !== this.#core.generation || this.#core.client === null;
  }

  start(gen: number): void {
    const tick = async () => {
      this.#telemetryTimer = null;
      if (this.#stale(gen)) return;
      const started = this.#core.mono();
      await this.#poll(gen);
      // obs-websocket sends events from a thread pool (they may arrive out of order) and a busy
      // OBS can drop some: re-read the inventory now and then so a missed event heals itself.
      if (++this.#ticks % RECONCILE_EVERY_TICKS === 0) this.#hooks.scheduleReload();
      if (this.#stale(gen)) return;
      // Keep the period steady however long the poll took.
      const wait = Math.max(0, this.#core.intervalMs - (this.#core.mono() - started));
      this.#telemetryTimer = setTimeout(() => void tick(), wait);
    };
    this.#telemetryTimer = setTimeout(() => void tick(), 0);
  }

  async #poll(gen: number): Promise<void> {
    const core = this.#core;
    const client = core.client;
    if (!client) return;
    const wantStream = core.supports('GetStreamStatus');
    const wantRecord = core.supports('GetRecordStatus');
    const requests: BatchRequest[] = [{ requestType: 'GetStats' }];
    if (wantStream) requests.push({ requestType: 'GetStreamStatus' });
    if (wantRecord) requests.push({ requestType: 'GetRecordStatus' });
    try {
      const results = await client.batch(requests, Math.min(core.requestTimeoutMs, Math.max(1000, core.intervalMs * 3)));
      if (gen !== core.generation) return;
      this.#silentPolls = 0;
      const mono = core.mono();
      const at = core.now();
      const stats = parseAnswer(StatsAnswer, 'GetStats', core.expectOk(results[0], 'GetStats'));
      let k = 1;
      const streamRes = wantStream ? results[k++] : undefined;
      const recordRes = wantRecord ? results[k++] : undefined;
      const stream = this.#optional(streamRes, 'GetStreamStatus', (d) => parseAnswer(StreamStatusAnswer, 'GetStreamStatus', d));
      const record = this.#optional(recordRes, 'GetRecordStatus', (d) => parseAnswer(RecordStatusAnswer, 'GetRecordStatus', d));
      const poll: RawPoll = { at, mono, targetFps: this.targetFps, stats, stream, record };
      const sample = computeSample(this.#lastPoll, poll, this.#seq++, this.#afterGap);
      this.#afterGap = false;
      this.#lastPoll = poll;
      this.lastRenderTotal = stats.renderTotalFrames;
      this.#history.push(sample);
      if (this.#history.length > core.historyLimit) this.#history.splice(0, this.#history.length - core.historyLimit);
      core.emit('telemetry', sample);
    } catch (error) {
      if (gen !== core.generation) return;
      const obs = error instanceof ObsBridgeError ? error.obs : null;
      core.log(`obs: telemetry poll failed: ${obs ? obs.cause : String(error)}`);
      if (obs?.code === 'timeout' && ++this.#silentPolls >= MAX_SILENT_POLLS) {
        // The socket is open but OBS stopped answering (hung): treat it as lost and reconnect.
        this.#hooks.lose(obsError('timeout', `OBS 连续 ${MAX_SILENT_POLLS} 次没有回应：可能卡住了，正在重新连接。`, obs.cause, true));
      }
    }
  }

  /** A request whose feature degrades: 204 switches it off for this connection. */
  #optional<T>(result: BatchResult, requestType: string, parse: (data: unknown) => T): T | null {
    const core = this.#core;
    if (!result) return null;
    if (result.ok) return parse(result.data);
    if (result.code === RequestStatus.unknownRequestType) {
      core.available.delete(requestType);
      const feature = { request: requestType, feature: requestType === 'GetStreamStatus' ? '推流遥测（码率、网络丢帧）' : '录制遥测' };
      if (!core.state.degraded.some((d) => d.request === requestType)) core.setState({ degraded: [...core.state.degraded, feature] });
      // Keep `available` non-empty so supports() stays a real answer.
      if (core.available.size === 0) core.available.add('GetStats');
    }
    return null;
  }
}
