// The sandboxed preload: exposes window.livedrill with one named function per contract method
// and a subscribe() for contract events. Never a raw ipcRenderer, never a generic send.
// Bundled into ONE CommonJS file that requires only 'electron' (scripts/build-electron.mjs
// replaces the contract import with the bare name lists, so no zod schema is bundled here).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { LiveDrillIpcApi } from '../contract/ipc-api.ts';
import { eventNames, methodNames } from '../contract/index.ts';
import { EVENT_CHANNEL, isEventMessage } from '../main/policy/ipc.ts';

const knownEvents = new Set<string>(eventNames);

const methods: Record<string, (input?: unknown) => Promise<unknown>> = {};
for (const name of methodNames) {
  // Each function is bound to its own channel; the renderer cannot choose one.
  methods[name] = (input?: unknown) => ipcRenderer.invoke(name, input);
}

// One ipcRenderer listener for every subscription (no listener pile-up on the channel).
const subscribers = new Map<string, Set<(payload: unknown) => void>>();
let listening = false;

function deliver(_event: IpcRendererEvent, message: unknown): void {
  if (!isEventMessage(message)) return;
  // Only the payload reaches the page, never the IpcRendererEvent (which holds the sender).
  for (const callback of [...(subscribers.get(message.name) ?? [])]) {
    try {
      callback(message.payload);
    } catch (error) {
      console.error(`livedrill: a listener of "${message.name}" threw`, error);
    }
  }
}

function subscribe(eventName: string, callback: (payload: unknown) => void): () => void {
  if (!knownEvents.has(eventName)) throw new Error(`livedrill.subscribe: unknown event "${eventName}"`);
  if (typeof callback !== 'function') throw new TypeError('livedrill.subscribe: callback must be a function');
  if (!listening) {
    ipcRenderer.on(EVENT_CHANNEL, deliver);
    listening = true;
  }
  let callbacks = subscribers.get(eventName);
  if (callbacks === undefined) {
    callbacks = new Set();
    subscribers.set(eventName, callbacks);
  }
  // Each subscription is its own entry, even for the same callback twice.
  const entry = (payload: unknown) => {
    callback(payload);
  };
  callbacks.add(entry);
  return () => {
    callbacks.delete(entry);
  };
}

const api = {
  transport: 'ipc',
  methods: Object.freeze(methods) as unknown as LiveDrillIpcApi['methods'],
  subscribe: subscribe as LiveDrillIpcApi['subscribe'],
} satisfies LiveDrillIpcApi;

contextBridge.exposeInMainWorld('livedrill', api);
