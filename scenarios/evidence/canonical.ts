// Canonical JSON for hashing: keys sorted by UTF-16 code units, no whitespace, numbers and
// strings as JSON.stringify writes them (the RFC 8785 rules for the values we log). The same
// value always gives the same bytes, so a hash over it is stable across machines and runs.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class CanonicalJsonError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'CanonicalJsonError';
    this.path = path;
  }
}

export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `number ${String(value)} has no JSON form`);
      return JSON.stringify(Object.is(value, -0) ? 0 : value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item: unknown, i) => write(item, `${path}[${i}]`)).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError(path, 'only plain objects can be hashed');
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v, `${path}.${k}`)}`).join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(path, `${typeof value} has no JSON form`);
  }
}

/** Pretty, still canonical (sorted keys, two-space indent): the manifest's on-disk form. */
export function canonicalPretty(value: unknown): string {
  return `${JSON.stringify(JSON.parse(canonicalJson(value)), null, 2)}\n`;
}
