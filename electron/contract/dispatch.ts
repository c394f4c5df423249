// Runs one call against the handlers, parsing the input before and the output after, so both
// transports share exactly the same checks and the same error shapes.
import { ContractError, describeIssues } from './define.ts';
import { isMethodName, methods, type CallContext, type Handlers, type MethodName } from './index.ts';
import { MAX_NESTING, nestedDeeperThan, type WireError } from './wire.ts';

export type CallResult = { ok: true; output: unknown } | { ok: false; error: WireError };

export function createDispatcher(handlers: Handlers) {
  return async function dispatch(method: string, rawInput: unknown, context: CallContext): Promise<CallResult> {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'unknown_method', message: `Unknown method "${method}".` } };
    }
    const spec = methods[method];
    // zod walks input recursively: a deep enough input would exhaust the stack inside it.
    if (nestedDeeperThan(rawInput, MAX_NESTING)) {
      return { ok: false, error: { code: 'bad_input', message: `${method}: input nested deeper than ${MAX_NESTING} levels` } };
    }
    const input = spec.input.safeParse(rawInput ?? {});
    if (!input.success) {
      return { ok: false, error: { code: 'bad_input', message: `${method}: ${describeIssues(input.error)}` } };
    }
    try {
      const handler = handlers[method] as (input: unknown, context: CallContext) => unknown;
      const output = spec.output.safeParse(await handler(input.data, context));
      if (!output.success) {
        return { ok: false, error: { code: 'bad_output', message: `${method} answered badly: ${describeIssues(output.error)}` } };
      }
      return { ok: true, output: output.data };
    } catch (error) {
      if (error instanceof ContractError) return { ok: false, error: { code: error.code, message: error.message } };
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'failed', message: `${method}: ${message}` } };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
export type { MethodName };
