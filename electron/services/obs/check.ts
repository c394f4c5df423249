// One-shot OBS check (the CLI's `obs check`): connect without retrying, read the inventory, take
// two telemetry polls (one interval), judge, disconnect.
import type { ObsConnectionState, ObsInventory, ObsTelemetrySample, ObsVerdict } from '../../../scenarios/obs/records.ts';
import { ObsBridge, type ObsBridgeOptions } from './bridge.ts';
import { judgeObs } from './verdict.ts';

export interface ObsCheckReport {
  url: string;
  state: ObsConnectionState;
  inventory: ObsInventory | null;
  sample: ObsTelemetrySample | null;
  verdict: ObsVerdict;
}

export interface CheckOptions {
  url: string;
  password: string | null;
  /** Bound on the connection (default 5 s). */
  connectTimeoutMs?: number;
  /** Telemetry interval to measure (default 1 s). */
  intervalMs?: number;
  bridge?: ObsBridgeOptions;
}

export async function runObsCheck(options: CheckOptions): Promise<ObsCheckReport> {
  const intervalMs = options.intervalMs ?? 1000;
  const bridge = new ObsBridge({
    ...options.bridge,
    connectTimeoutMs: options.connectTimeoutMs ?? 5000,
    telemetryIntervalMs: intervalMs,
  });
  // Listen before connecting: the first poll runs right after the connection is up.
  let cancel: () => void = () => undefined;
  const second = new Promise<ObsTelemetrySample | null>((resolve) => {
    const timer = setTimeout(() => finish(bridge.latestSample()), intervalMs * 2 + 5000);
    const off = bridge.on('telemetry', (sample) => {
      if (sample.intervalMs !== null) finish(sample);
    });
    function finish(sample: ObsTelemetrySample | null) {
      clearTimeout(timer);
      off();
      resolve(sample);
    }
    cancel = () => finish(null);
  });
  try {
    const state = await bridge.connect(options.url, options.password, { autoReconnect: false });
    if (state.phase !== 'connected') cancel();
    const sample = await second;
    const finalState = bridge.state();
    const inventory = bridge.inventory();
    return { url: options.url, state: finalState, inventory, sample, verdict: judgeObs({ state: finalState, inventory, sample }) };
  } finally {
    cancel();
    await bridge.disconnect();
  }
}
