// The type of window.livedrill, exposed by the Electron preload (electron/preload/preload.ts)
// and used by the renderer's bridge (renderer/src/bridge). Types only, in the contract so that
// neither side imports the other.
import type { WireError } from './wire.ts';
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from './index.ts';

/** What every IPC call resolves to: the dispatcher's envelope, so error codes survive IPC. */
export type IpcCallResult<M extends MethodName> = { ok: true; output: MethodOutput<M> } | { ok: false; error: WireError };

export type IpcMethods = {
  readonly [M in MethodName]: (input: MethodInput<M>) => Promise<IpcCallResult<M>>;
};

export interface LiveDrillIpcApi {
  readonly transport: 'ipc';
  /** One named function per contract method; the input is parsed with zod in the main process. */
  readonly methods: IpcMethods;
  /** Listens to one contract event; returns the function that stops listening. */
  subscribe<E extends EventName>(eventName: E, callback: (payload: EventPayload<E>) => void): () => void;
}
