// The OBS bridge behind the contract: handlers for the obs.* methods, bridge events forwarded as
// obs.* contract events, the password kept in the SecretStore (never answered, never emitted).
import { join } from 'node:path';
import { ContractError, type Handlers } from '../../contract/index.ts';
import type { EventHub } from '../events.ts';
import { ObsBridge, type ObsBridgeOptions } from './bridge.ts';
import { describeObsError, ObsBridgeError } from './errors.ts';
import { createFileSecretStore, obsPasswordKey, type SecretStore } from './secret-store.ts';
import { judgeObs } from './verdict.ts';

export type ObsMethodName =
  | 'obs.connect'
  | 'obs.disconnect'
  | 'obs.forgetPassword'
  | 'obs.status'
  | 'obs.inventory'
  | 'obs.telemetry'
  | 'obs.check'
  | 'obs.drill.inject'
  | 'obs.drill.list'
  | 'obs.drill.restoreAll'
  | 'obs.recording.start'
  | 'obs.recording.stop'
  | 'obs.recording.status';

export type ObsHandlers = Pick<Handlers, ObsMethodName>;

export interface ObsServiceOptions {
  dataDir: string;
  events: EventHub;
  /** Defaults to a 0600 file in `<dataDir>/secrets` (web mode, CLI). Electron passes safeStorage. */
  secrets?: SecretStore;
  bridge?: ObsBridgeOptions;
}

export interface ObsService {
  handlers: ObsHandlers;
  bridge: ObsBridge;
  /** Restores open drills, then disconnects. */
  close(): Promise<void>;
}

/** Bridge errors become contract errors whose message says what to do and why. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ObsBridgeError) {
      throw new ContractError(error.obs.code === 'not_connected' ? 'unavailable' : 'failed', describeObsError(error.obs));
    }
    throw error;
  }
}

export function createObsService(options: ObsServiceOptions): ObsService {
  const secrets = options.secrets ?? createFileSecretStore(join(options.dataDir, 'secrets'));
  const log = options.bridge?.log ?? (() => undefined);
  const bridge = new ObsBridge(options.bridge);
  const { events } = options;
  bridge.on('state', (s) => events.emit('obs.state', s));
  bridge.on('inventory', (i) => events.emit('obs.inventory', i));
  bridge.on('telemetry', (t) => events.emit('obs.telemetry', t));
  bridge.on('drill', (d) => events.emit('obs.drill', d));
  bridge.on('recording', (r) => events.emit('obs.recording', r));

  const handlers: ObsHandlers = {
    'obs.connect': async ({ url, password, rememberPassword, autoReconnect }) => {
      const key = obsPasswordKey(url);
      const stored = await secrets.get(key).catch((error: unknown) => {
        log(`obs: reading the stored password failed: ${String(error)}`);
        return null;
      });
      const given = password ?? null;
      const state = await bridge.connect(url, given ?? stored, { autoReconnect, passwordStored: stored !== null });
      // Store only a password OBS accepted (or that could not be tried yet), never a rejected one.
      if (given !== null && given !== '' && rememberPassword && state.error?.code !== 'auth_failed') {
        await secrets.set(key, given);
        bridge.setPasswordStored(true);
      }
      return bridge.state();
    },
    'obs.disconnect': () => bridge.disconnect(),
    'obs.forgetPassword': async ({ url }) => {
      const removed = await secrets.delete(obsPasswordKey(url));
      if (bridge.state().url === url) bridge.setPasswordStored(false);
      return { removed };
    },
    'obs.status': () => bridge.state(),
    'obs.inventory': () => ({ inventory: bridge.inventory() }),
    'obs.telemetry': ({ sinceSeq, limit }) => ({ samples: bridge.telemetry(sinceSeq, limit), gaps: bridge.state().gaps }),
    'obs.check': () => {
      const state = bridge.state();
      const inventory = bridge.inventory();
      const sample = bridge.latestSample();
      return { state, inventory, sample, verdict: judgeObs({ state, inventory, sample }) };
    },
    'obs.drill.inject': ({ kind, target }) => guarded(() => bridge.injectDrill(kind, target ?? {})),
    'obs.drill.list': () => ({ drills: bridge.drills() }),
    'obs.drill.restoreAll': () => guarded(async () => ({ drills: await bridge.restoreAll() })),
    'obs.recording.start': () => guarded(() => bridge.startRecording()),
    'obs.recording.stop': () => guarded(() => bridge.stopRecording()),
    'obs.recording.status': () => bridge.recording(),
  };

  return { handlers, bridge, close: () => bridge.close() };
}
