// IPC channel names shared by main and preload. Methods use their contract name as the channel
// (ipcRenderer.invoke('app.info', input)); every contract event travels on one channel as
// { name, payload }.
export const EVENT_CHANNEL = 'livedrill:event';

export interface EventMessage {
  readonly name: string;
  readonly payload: unknown;
}

export function isEventMessage(value: unknown): value is EventMessage {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string' && 'payload' in value;
}
