// Who may talk to the web host: only pages we served on 127.0.0.1 (or localhost) at our own
// port, holding this run's token. Pure functions, tested in test/unit/web-policy.test.ts.
import { timingSafeEqual } from 'node:crypto';

export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  return origin !== undefined && allowedOrigins(port).includes(origin);
}

/** Host header check, against DNS rebinding: another name resolving to 127.0.0.1 is refused. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
