// Messages of the WebSocket transport. Electron IPC carries the same payloads through
// ipcRenderer.invoke, so only this transport needs framing.
import { z } from 'zod';

export const WireError = z.object({
  code: z.enum(['unknown_method', 'bad_input', 'bad_output', 'failed', 'unavailable', 'forbidden']),
  message: z.string(),
});
export type WireError = z.infer<typeof WireError>;

export const ClientMessage = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  input: z.unknown(),
});
export type ClientMessage = z.infer<typeof ClientMessage>;

export const ServerMessage = z.union([
  z.object({ type: z.literal('result'), id: z.number().int(), ok: z.literal(true), output: z.unknown() }),
  z.object({ type: z.literal('result'), id: z.number().int(), ok: z.literal(false), error: WireError }),
  z.object({ type: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** Path of the WebSocket endpoint; the per-run token travels as ?token=. */
export const WIRE_PATH = '/api';

/**
 * Asks the web host whether a token is this run's (a browser cannot see why a WebSocket upgrade
 * was refused): GET with ?token= → 204 when it is, 401 when it is not (an old run's or mistyped).
 * Same host check and constant-time comparison as the WebSocket; it serves nothing else.
 */
export const TOKEN_CHECK_PATH = '/api/token';

/** Deepest nesting of arrays and objects a message may have (a contract input needs under 10). */
export const MAX_NESTING = 64;

/** Whether `value` nests arrays/objects deeper than `max`; iterative, so any depth is safe to ask. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [v, depth] = item;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
