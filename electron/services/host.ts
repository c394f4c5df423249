// Assembles every service behind the contract. Both hosts (Electron main and the web server)
// call this, so the UI gets the same behaviour whichever transport it uses. Services are
// composed, never patched: each is create…Service(deps) → { handlers, close }, what one needs of
// another is passed in (evidence's session hooks, the PDF printer), and assembleHandlers refuses
// a method two services register.
import type { Handlers } from '../contract/index.ts';
import { createAppService } from './app/service.ts';
import { createDevicesService } from './devices/service.ts';
import { createEventHub, type EventHub } from './events.ts';
import { createEvidenceService } from './evidence/service.ts';
import { createExamService } from './exam/service.ts';
import type { SecretStore } from './obs/secret-store.ts';
import { createObsService } from './obs/service.ts';
import { createScenarioService } from './scenarios/handlers.ts';
import { createScoringService, type SheetPdfPrinter } from './scoring/service.ts';
import { assembleHandlers, closeAll, type Service } from './service.ts';
import { createSessionLinkService } from './session-link.ts';
import { createStandardService } from './standard/handlers.ts';

export interface ServiceOptions {
  dataDir: string;
  /** Where the OBS password is kept: Electron passes a safeStorage store; default a 0600 file. */
  secrets?: SecretStore;
  /** The score sheet as PDF: Electron passes printToPDF; without it scoring.pdf is 'unavailable'. */
  printSheetPdf?: SheetPdfPrinter;
}

export interface Services {
  handlers: Handlers;
  events: EventHub;
  close(): Promise<void>;
}

export function createServices(options: ServiceOptions): Services {
  const { dataDir } = options;
  const events = createEventHub();
  const obs = createObsService({ dataDir, events, secrets: options.secrets });
  const evidence = createEvidenceService({ dataDir, events });
  // Closed in reverse: exam, scoring, the session link (unsubscribes), evidence (closes live
  // packages), obs (restores drills, disconnects).
  const services: (readonly [string, Service])[] = [
    ['app', createAppService({ dataDir })],
    ['standard', createStandardService()],
    ['scenarios', createScenarioService()],
    ['devices', createDevicesService({ dataDir })],
    ['obs', obs],
    ['evidence', evidence],
    ['session-link', createSessionLinkService({ dataDir, events, evidence, obs })],
    ['scoring', createScoringService({ dataDir, packages: evidence.packages, printSheetPdf: options.printSheetPdf })],
    ['exam', createExamService({ dataDir, evidence })],
  ];
  let handlers: Handlers;
  try {
    handlers = assembleHandlers(services);
  } catch (error) {
    void closeAll(services).catch(() => undefined);
    throw error;
  }
  return { handlers, events, close: () => closeAll(services) };
}
