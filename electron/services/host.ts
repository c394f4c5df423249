// Assembles every service behind the contract. Both hosts (Electron main and the web server)
// call this, so the UI gets the same behaviour whichever transport it uses.
import type { Handlers } from '../contract/index.ts';
import { createEventHub, type EventHub } from './events.ts';
import { standardHandlers } from './standard/handlers.ts';
import { appPackage } from './version.ts';

export interface ServiceOptions {
  dataDir: string;
}

export interface Services {
  handlers: Handlers;
  events: EventHub;
  close(): Promise<void>;
}

export function createServices(options: ServiceOptions): Services {
  const events = createEventHub();
  const handlers: Handlers = {
    'app.info': (_input, context) => ({
      name: appPackage.name,
      version: appPackage.version,
      dataDir: options.dataDir,
      transport: context.transport,
      platform: process.platform,
    }),
    ...standardHandlers,
  };
  return {
    handlers,
    events,
    close: () => Promise.resolve(),
  };
}
