// The one door from the UI to the services. Picks Electron IPC when the preload exposed it,
// WebSocket otherwise; parses every answer and event with the contract's schemas, so the UI
// cannot tell the transports apart and never holds an unchecked value.
import {
  events,
  methods,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../../electron/contract/index.ts';
import { describeIssues, type EventSpec } from '../../../electron/contract/define.ts';
import type { IpcCallResult, LiveDrillIpcApi } from '../../../electron/contract/ipc-api.ts';
import type { Transport } from './transport.ts';
import { BridgeError, createWebSocketTransport } from './websocket.ts';

export { BridgeError };

declare global {
  interface Window {
    /** Set by the Electron preload; absent in web mode. */
    livedrill?: LiveDrillIpcApi;
  }
}

function createIpcTransport(): Transport | null {
  const api = window.livedrill;
  if (!api) return null;
  const named = api.methods as Partial<Record<string, (input: unknown) => Promise<IpcCallResult<MethodName>>>>;
  return {
    kind: 'ipc',
    call: async (method, input) => {
      const fn = named[method];
      if (!fn) throw new BridgeError('unknown_method', `IPC does not expose ${method}`);
      // The main process answers with the dispatcher's envelope, so error codes survive IPC.
      const result = await fn(input);
      if (!result.ok) throw new BridgeError(result.error.code, result.error.message);
      return result.output;
    },
    subscribe: (name, listener) => api.subscribe(name as EventName, listener),
    close: () => undefined,
  };
}

let transport: Transport | null = null;
function current(): Transport {
  transport ??= createIpcTransport() ?? createWebSocketTransport(window.location);
  return transport;
}

export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const raw = await current().call(method, input);
  const parsed = methods[method].output.safeParse(raw);
  if (!parsed.success) throw new BridgeError('bad_output', `${method}: ${describeIssues(parsed.error)}`);
  return parsed.data as MethodOutput<M>;
}

export function subscribe<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
  return current().subscribe(name, (raw) => {
    const spec = (events as Partial<Record<string, EventSpec>>)[name];
    const parsed = spec?.payload.safeParse(raw);
    if (!parsed) return;
    if (parsed.success) listener(parsed.data as EventPayload<E>);
  });
}

export function transportKind(): Transport['kind'] {
  return current().kind;
}
