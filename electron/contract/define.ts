// The building blocks of the contract between the UI and the services. Every method has a zod
// schema for its input and its output; every event a schema for its payload. Both transports
// (Electron IPC and WebSocket) parse with these, so nothing unchecked crosses the boundary.
import type { z } from 'zod';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly summary: string;
}

export function method<I extends z.ZodType, O extends z.ZodType>(summary: string, input: I, output: O): MethodSpec<I, O> {
  return { input, output, summary };
}

export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly payload: P;
  readonly summary: string;
}

export function event<P extends z.ZodType>(summary: string, payload: P): EventSpec<P> {
  return { payload, summary };
}

/** Error codes a caller can act on. `failed` carries the service's own message. */
export type ContractErrorCode = 'unknown_method' | 'bad_input' | 'bad_output' | 'failed' | 'unavailable' | 'forbidden';

export class ContractError extends Error {
  readonly code: ContractErrorCode;
  constructor(code: ContractErrorCode, message: string) {
    super(message);
    this.name = 'ContractError';
    this.code = code;
  }
}

/** Renders zod issues as "field.path: message; …" so a bad payload says where it is wrong. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
