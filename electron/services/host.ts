// Assembles every service behind the contract. Both hosts (Electron main and the web server)
// call this, so the UI gets the same behaviour whichever transport it uses.
import type { Handlers } from '../contract/index.ts';
import { createDevicesHandlers } from './devices/service.ts';
import { createEventHub, type EventHub } from './events.ts';
import { createEvidenceService } from './evidence/service.ts';
import { createExamService } from './exam/service.ts';
import type { SecretStore } from './obs/secret-store.ts';
import { createObsService } from './obs/service.ts';
import { createScenarioHandlers } from './scenarios/handlers.ts';
import { createScoringService } from './scoring/service.ts';
import { linkSessionEvidence } from './session-link.ts';
import { standardHandlers } from './standard/handlers.ts';
import { appPackage } from './version.ts';

export interface ServiceOptions {
  dataDir: string;
  /** Where the OBS password is kept: Electron passes a safeStorage store; default a 0600 file. */
  secrets?: SecretStore;
}

export interface Services {
  handlers: Handlers;
  events: EventHub;
  close(): Promise<void>;
}

export function createServices(options: ServiceOptions): Services {
  const events = createEventHub();
  const obs = createObsService({ dataDir: options.dataDir, events, secrets: options.secrets });
  const evidence = createEvidenceService({ dataDir: options.dataDir, events });
  const exam = createExamService({ dataDir: options.dataDir });
  const handlers: Handlers = {
    'app.info': (_input, context) => ({
      name: appPackage.name,
      version: appPackage.version,
      dataDir: options.dataDir,
      transport: context.transport,
      platform: process.platform,
    }),
    ...standardHandlers,
    ...obs.handlers,
    ...evidence.handlers,
    ...createScenarioHandlers(),
    ...createDevicesHandlers({ dataDir: options.dataDir }),
    ...createScoringService({ dataDir: options.dataDir }).handlers,
    ...exam.handlers,
  };
  linkSessionEvidence(options.dataDir, handlers, events, evidence, obs);
  return {
    handlers,
    events,
    close: async () => {
      await evidence.close();
      await obs.close();
      exam.close();
    },
  };
}
