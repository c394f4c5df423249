// The contract over Electron IPC: one ipcMain.handle per contract method name (never a generic
// channel). Each call is refused unless it comes from the main frame of one of our windows on
// app://livedrill; then the shared dispatcher parses input and output with the contract's zod
// schemas, exactly as the WebSocket transport does. Answers are the dispatcher's envelope
// ({ ok: true, output } | { ok: false, error: { code, message } }), so error codes survive IPC.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { createDispatcher, type CallResult } from '../contract/dispatch.ts';
import type { EventSpec } from '../contract/define.ts';
import { events, methodNames, type MethodName } from '../contract/index.ts';
import type { Services } from '../services/host.ts';
import { EVENT_CHANNEL, type EventMessage } from './policy/ipc.ts';
import { isOwnOrigin } from './policy/origin.ts';
import { isTrustedSender, type SenderFacts } from './policy/sender.ts';
import type { Log } from './security.ts';
import type { WindowRegistry } from './windows.ts';

function senderFacts(event: IpcMainInvokeEvent, windows: WindowRegistry): SenderFacts {
  const frame = event.senderFrame;
  if (frame === null || frame.detached) return { senderUrl: null, isMainFrame: false, isOwnWindow: false };
  const top = event.sender.mainFrame;
  return {
    senderUrl: frame.url,
    isMainFrame: frame.parent === null && frame.processId === top.processId && frame.frameToken === top.frameToken,
    isOwnWindow: windows.isOwn(event.sender),
  };
}

/** Registers the handlers and the event forwarding; returns a function that removes both. */
export function wireContractIpc(services: Services, windows: WindowRegistry, log: Log): () => void {
  const dispatch = createDispatcher(services.handlers);
  const handle = (name: MethodName) => async (event: IpcMainInvokeEvent, input: unknown): Promise<CallResult> => {
    const trust = isTrustedSender(senderFacts(event, windows));
    if (!trust.allow) {
      log(`refused IPC ${name}: ${trust.reason}`);
      return { ok: false, error: { code: 'forbidden', message: `${name}: ${trust.reason}` } };
    }
    return dispatch(name, input, { transport: 'ipc' });
  };
  for (const name of methodNames) ipcMain.handle(name, handle(name));

  const eventSpecs: Record<string, EventSpec | undefined> = events;
  const unsubscribe = services.events.subscribe((name: string, payload: unknown) => {
    const spec = eventSpecs[name];
    const parsed = spec?.payload.safeParse(payload);
    if (parsed?.success !== true) {
      log(`dropped event ${name}: ${spec === undefined ? 'not in the contract' : 'payload does not match the contract'}`);
      return;
    }
    const message: EventMessage = { name, payload: parsed.data };
    for (const window of windows.all()) {
      const contents = window.webContents;
      if (!contents.isDestroyed() && isOwnOrigin(contents.getURL())) contents.send(EVENT_CHANNEL, message);
    }
  });

  return () => {
    for (const name of methodNames) ipcMain.removeHandler(name);
    unsubscribe();
  };
}
