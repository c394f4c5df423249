import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { events, methods } from '../../electron/contract/index.ts';
import { obsEvents, obsMethods } from '../../electron/contract/obs.ts';

/** Every key any object in a schema can have, walking zod 4's JSON schema. */
function keysOf(schema: z.ZodType): string[] {
  const json = JSON.stringify(z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' }));
  return [...json.matchAll(/"([^"]+)":/g)].map((m) => m[1] ?? '');
}

describe('OBS contract', () => {
  it('is merged into the one contract', () => {
    for (const name of Object.keys(obsMethods)) expect(Object.hasOwn(methods, name)).toBe(true);
    for (const name of Object.keys(obsEvents)) expect(Object.hasOwn(events, name)).toBe(true);
  });

  it('no output and no event can carry a password', () => {
    expect(keysOf(obsMethods['obs.status'].output)).toContain('hasStoredPassword'); // the walk sees keys
    for (const [name, spec] of Object.entries(obsMethods)) {
      expect(keysOf(spec.output).filter((k) => /password/i.test(k) && k !== 'hasStoredPassword'), name).toEqual([]);
    }
    for (const [name, spec] of Object.entries(obsEvents)) {
      expect(keysOf(spec.payload).filter((k) => /password/i.test(k) && k !== 'hasStoredPassword'), name).toEqual([]);
    }
  });

  it('obs.connect takes a ws:// URL and defaults the rest', () => {
    const input = obsMethods['obs.connect'].input;
    expect(input.parse({})).toEqual({ url: 'ws://127.0.0.1:4455', rememberPassword: true, autoReconnect: true });
    expect(input.safeParse({ url: 'http://x' }).success).toBe(false);
    expect(input.safeParse({ url: 'ws://127.0.0.1:4455', extra: 1 }).success).toBe(false);
    expect(obsMethods['obs.drill.inject'].input.safeParse({ kind: 'unplug_router' }).success).toBe(false);
  });
});
