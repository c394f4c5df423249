// The windows this process created. IPC senders, permission requests and event delivery are
// checked against this registry, so a webContents we did not create (DevTools, a denied popup
// that slipped through, …) never counts as ours.
import type { BrowserWindow, WebContents } from 'electron';

export interface WindowRegistry {
  add(window: BrowserWindow): void;
  isOwn(contents: WebContents | null | undefined): boolean;
  all(): BrowserWindow[];
}

export function createWindowRegistry(): WindowRegistry {
  // Keyed by the id of the window's own webContents (unique for the life of the process).
  const windows = new Map<number, BrowserWindow>();
  return {
    add(window) {
      const id = window.webContents.id;
      windows.set(id, window);
      window.once('closed', () => windows.delete(id));
    },
    isOwn(contents) {
      if (contents === null || contents === undefined || contents.isDestroyed()) return false;
      const window = windows.get(contents.id);
      return window !== undefined && !window.isDestroyed();
    },
    all() {
      return [...windows.values()].filter((window) => !window.isDestroyed());
    },
  };
}
