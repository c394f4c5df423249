// The one contract between the UI and the services: every method and event, by name.
// Domains add their own file (app.ts, standard.ts, …) and are merged here.
import type { z } from 'zod';
import { appMethods, type Transport } from './app.ts';
import type { EventSpec, MethodSpec } from './define.ts';
import { devicesMethods } from './devices.ts';
import { evidenceEvents, evidenceMethods } from './evidence.ts';
import { examMethods } from './exam.ts';
import { obsEvents, obsMethods } from './obs.ts';
import { scenariosMethods } from './scenarios.ts';
import { scoringMethods } from './scoring.ts';
import { standardMethods } from './standard.ts';

export const methods = {
  ...appMethods,
  ...standardMethods,
  ...obsMethods,
  ...scenariosMethods,
  ...devicesMethods,
  ...evidenceMethods,
  ...scoringMethods,
  ...examMethods,
} satisfies Record<string, MethodSpec>;

export const events = {
  ...obsEvents,
  ...evidenceEvents,
} satisfies Record<string, EventSpec>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Events = typeof events;
export type EventName = keyof Events;

/** What a caller passes (defaults still optional). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives, after parsing. */
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

/** Who is calling: handlers may answer differently per transport (app.info does). */
export interface CallContext {
  readonly transport: Transport;
}

export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>, context: CallContext) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

export { ContractError, describeIssues, type ContractErrorCode } from './define.ts';
