// The OBS bridge's connection: one connection to one OBS, kept alive (timeout, reconnect with
// backoff and jitter, gaps reported). It brings up the inventory, telemetry and pending restores.
import type { ObsConnectionState, ObsError, ObsGap } from '../../../scenarios/obs/records.ts';
import { parseAnswer, StatsAnswer, VersionAnswer, VideoSettingsAnswer } from './answers.ts';
import { backoffDelay } from './backoff.ts';
import { SocketFailure, type ObsClient } from './client.ts';
import type { BridgeCore } from './core.ts';
import type { DrillRunner } from './drill-runner.ts';
import { ObsBridgeError, classifyConnectFailure, isLoopbackUrl, obsError, validateObsUrl } from './errors.ts';
import { INVENTORY_EVENTS } from './inventory.ts';
import type { InventoryMirror } from './inventory-mirror.ts';
import type { TelemetryPoller } from './telemetry-poller.ts';
import { checkVersion, degradedFeatures } from './version.ts';

export interface ConnectOptions {
  /** Keep retrying (with backoff) while OBS is not there or after it goes away. Default true. */
  autoReconnect?: boolean;
  /** Shown in the state: a password for this URL is stored (the password itself never is). */
  passwordStored?: boolean;
}

export class ObsConnection {
  readonly #core: BridgeCore;
  readonly #inventory: InventoryMirror;
  readonly #telemetry: TelemetryPoller;
  readonly #drills: DrillRunner;
  #password: string | null = null;
  #autoReconnect = true;
  #wanted = false;
  #retryTimer: NodeJS.Timeout | null = null;
  #lostAt: number | null = null;
  #lostCause = '';
  /** OBS sent ExitStarted on this connection. */
  #exiting = false;

  constructor(core: BridgeCore, inventory: InventoryMirror, telemetry: TelemetryPoller, drills: DrillRunner) {
    this.#core = core;
    this.#inventory = inventory;
    this.#telemetry = telemetry;
    this.#drills = drills;
  }

  /** Connects (replacing any connection) and resolves after the first attempt, whatever its outcome. */
  async connect(url: string, password: string | null, options: ConnectOptions = {}): Promise<ObsConnectionState> {
    await this.#teardown();
    const gen = this.#core.generation;
    if (url !== this.#core.url) {
      // Another OBS: the old one's history and gaps are not this one's.
      this.#telemetry.forgetHistory();
      this.#core.state = { ...this.#core.state, gaps: [] };
    }
    this.#core.url = url;
    this.#password = password;
    this.#autoReconnect = options.autoReconnect ?? true;
    this.#wanted = true;
    this.#lostAt = null;
    const invalid = validateObsUrl(url);
    const base = { url, hasStoredPassword: options.passwordStored ?? false, nextRetryAt: null };
    if (invalid) {
      this.#core.setState({ ...base, phase: 'failed', error: invalid, attempt: 1 });
      return this.#core.snapshot();
    }
    this.#core.setState({ ...base, phase: 'connecting', error: null, attempt: 1 });
    await this.#attempt(gen);
    return this.#core.snapshot();
  }

  /** After the service stored or forgot this URL's password. */
  setPasswordStored(stored: boolean): void {
    if (stored !== this.#core.state.hasStoredPassword) this.#core.setState({ hasStoredPassword: stored });
  }

  async disconnect(): Promise<ObsConnectionState> {
    this.#wanted = false;
    await this.#teardown();
    this.#lostAt = null;
    // A closed connection has no current inventory (a lost one keeps the last, shown as stale).
    this.#inventory.forget();
    this.#core.setState({ phase: 'disconnected', error: null, nextRetryAt: null, attempt: 0 });
    return this.#core.snapshot();
  }

  async #teardown(): Promise<void> {
    this.#core.generation++;
    this.#clearTimers();
    const client = this.#core.client;
    this.#core.client = null;
    if (client) await client.disconnect();
  }

  #clearTimers(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#telemetry.stop();
    this.#inventory.cancelReload();
  }

  async #attempt(gen: number): Promise<void> {
    const url = this.#core.url;
    if (url === null) return;
    const client = this.#core.createClient({
      events: [...INVENTORY_EVENTS, 'ExitStarted'],
      onEvent: (name, data) => this.#onEvent(client, name, data),
      onClose: (code, reason) => this.#onClose(client, code, reason),
    });
    try {
      const hello = await client.connect(url, this.#password, this.#core.connectTimeoutMs);
      if (gen !== this.#core.generation) {
        await client.disconnect();
        return;
      }
      this.#core.client = client;
      this.#exiting = false;
      const version = parseAnswer(VersionAnswer, 'GetVersion', await client.call('GetVersion', undefined, this.#core.requestTimeoutMs));
      const tooOld = checkVersion({ ...version, rpcVersion: hello.negotiatedRpcVersion });
      if (tooOld) throw new ObsBridgeError(tooOld);
      this.#core.available = new Set(version.availableRequests);
      if (this.#core.supports('GetVideoSettings')) {
        const video = parseAnswer(VideoSettingsAnswer, 'GetVideoSettings', await client.call('GetVideoSettings', undefined, this.#core.requestTimeoutMs));
        this.#telemetry.targetFps = video.fpsDenominator > 0 ? video.fpsNumerator / video.fpsDenominator : 30;
      }
      await this.#inventory.reload(gen, client);
      const stats = parseAnswer(StatsAnswer, 'GetStats', await client.call('GetStats', undefined, this.#core.requestTimeoutMs));
      if (gen !== this.#core.generation) return;

      const now = this.#core.now();
      const gaps = [...this.#core.state.gaps];
      if (this.#lostAt !== null) {
        const gap: ObsGap = {
          lostAt: this.#lostAt,
          restoredAt: now,
          durationMs: now - this.#lostAt,
          cause: this.#lostCause,
          // OBS's render counter only grows while it runs: lower now means a new OBS process.
          obsRestarted: this.#telemetry.lastRenderTotal !== null && stats.renderTotalFrames < this.#telemetry.lastRenderTotal,
        };
        gaps.push(gap);
        this.#telemetry.markGap();
        this.#core.log(`obs: reconnected after ${gap.durationMs} ms (${gap.cause})${gap.obsRestarted ? ', OBS was restarted' : ''}`);
      }
      this.#lostAt = null;
      this.#telemetry.resetPoll();
      this.#core.setState({
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
      this.#telemetry.start(gen);
      await this.#drills.applyPendingRestores();
    } catch (error) {
      if (this.#core.client === client) this.#core.client = null;
      await client.disconnect();
      if (gen !== this.#core.generation) return;
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
        timeoutMs: this.#core.connectTimeoutMs,
        passwordGiven: this.#password !== null && this.#password !== '',
        obsProcessRunning: refused && isLoopbackUrl(url) ? this.#core.probe() : null,
      });
    }
    const message = error instanceof Error ? error.message : String(error);
    return obsError('unknown', `连接 OBS 时出错：${message}`, message, true);
  }

  #afterFailure(gen: number, error: ObsError): void {
    if (!this.#wanted) return;
    if (!error.retryable || !this.#autoReconnect) {
      this.#core.setState({ phase: 'failed', error, nextRetryAt: null });
      return;
    }
    const attempt = this.#core.state.attempt + 1;
    const wait = backoffDelay(attempt - 1, this.#core.backoff, this.#core.random);
    this.#core.setState({ phase: 'reconnecting', error, attempt, nextRetryAt: this.#core.now() + wait });
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (gen !== this.#core.generation) return;
      this.#core.setState({ nextRetryAt: null });
      void this.#attempt(gen);
    }, wait);
  }

  #onClose(client: ObsClient, code: number, reason: string): void {
    // Only a connection that was up: a failing attempt handles its own close.
    if (client !== this.#core.client || this.#core.state.phase !== 'connected' || this.#core.url === null) return;
    const closeCode = this.#exiting && code !== 1001 ? 1001 : code;
    const message = this.#exiting && code !== 1001 ? `OBS sent ExitStarted; socket closed ${code}${reason ? ` ${reason}` : ''}` : reason;
    const error = classifyConnectFailure({ url: this.#core.url, closeCode, message, passwordGiven: this.#password !== null });
    this.lose(error);
  }

  /** The established connection is gone: stop polling, remember when, retry if wanted. */
  lose(error: ObsError): void {
    const client = this.#core.client;
    this.#core.client = null;
    this.#clearTimers();
    this.#lostAt ??= this.#core.now();
    this.#lostCause = error.cause;
    this.#core.log(`obs: connection lost: ${error.cause}`);
    if (client) void client.disconnect();
    // Work still in flight for the old connection must not touch the next one.
    const gen = ++this.#core.generation;
    this.#core.state = { ...this.#core.state, attempt: 0 };
    this.#afterFailure(gen, error);
  }

  #onEvent(client: ObsClient, name: string, data: unknown): void {
    if (client !== this.#core.client) return;
    const at = this.#core.now();
    if (name === 'ExitStarted') {
      // OBS announced it is quitting: the close that follows (1001, or 1006 when the socket dies
      // first) is OBS closing, not a crash.
      this.#exiting = true;
      this.#core.log('obs: OBS is exiting');
      return;
    }
    this.#inventory.onEvent(name, data, at);
  }
}
