// The services are composed, never patched: host.ts assembles each service's handlers and refuses
// a method two services register (or one that none does); evidence offers session hooks that
// other services subscribe to; the PDF printer is a dependency of scoring.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methods, type ParsedInput } from '../../electron/contract/index.ts';
import { createEventHub } from '../../electron/services/events.ts';
import { createEvidenceService } from '../../electron/services/evidence/service.ts';
import { createServices } from '../../electron/services/host.ts';
import { createScenarioService } from '../../electron/services/scenarios/handlers.ts';
import { assembleHandlers, AssemblyError, closeAll, type Service } from '../../electron/services/service.ts';
import { createStandardService } from '../../electron/services/standard/handlers.ts';

const ctx = { transport: 'websocket' as const };
let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'livedrill-host-'));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('assembling services', () => {
  it('refuses a method that two services register, naming both', () => {
    expect(() => assembleHandlers([
      ['standard', createStandardService()],
      ['standard-again', createStandardService()],
    ])).toThrow(new AssemblyError('method standard.catalogue is registered twice: by standard and by standard-again'));
  });

  it('refuses an assembly that leaves a contract method unhandled', () => {
    expect(() => assembleHandlers([['standard', createStandardService()]])).toThrow(/^no service handles app\.info, .*scenarios\.list/);
  });

  it('refuses a handler for a method the contract does not have', () => {
    const stray: Service = { handlers: { 'standard.nope': () => null } as never, close: () => undefined };
    expect(() => assembleHandlers([['scenarios', createScenarioService()], ['stray', stray]])).toThrow(/stray registers standard\.nope, which is not in the contract/);
  });

  it('createServices handles every contract method exactly once and closes cleanly', async () => {
    const services = createServices({ dataDir: join(tmp, 'data') });
    expect(Object.keys(services.handlers).sort()).toEqual(Object.keys(methods).sort());
    await services.close();
  });

  it('closes every service in reverse order even when one fails', async () => {
    const order: string[] = [];
    const make = (name: string, fail = false): readonly [string, Service] => [
      name,
      {
        handlers: {},
        close: () => {
          order.push(name);
          if (fail) throw new Error('stuck');
        },
      },
    ];
    await expect(closeAll([make('a'), make('b', true), make('c')])).rejects.toThrow('closing services failed: b: stuck');
    expect(order).toEqual(['c', 'b', 'a']);
  });
});

describe('the PDF printer is a dependency of scoring', () => {
  it('without a printer scoring.pdf is unavailable (web mode)', async () => {
    const services = createServices({ dataDir: join(tmp, 'data') });
    try {
      expect(() => services.handlers['scoring.pdf']({ sessionId: '20261204-020000-abcdef' }, ctx)).toThrow(expect.objectContaining({ code: 'unavailable' }));
    } finally {
      await services.close();
    }
  });

  it('with a printer scoring.pdf is the printer (desktop)', async () => {
    const printed: string[] = [];
    const services = createServices({
      dataDir: join(tmp, 'data'),
      printSheetPdf: (sessionId) => {
        printed.push(sessionId);
        return Promise.resolve({ file: `/exports/${sessionId}.pdf`, size: 3 });
      },
    });
    try {
      expect(await services.handlers['scoring.pdf']({ sessionId: '20261204-020000-abcdef' }, ctx)).toEqual({ file: '/exports/20261204-020000-abcdef.pdf', size: 3 });
      expect(printed).toEqual(['20261204-020000-abcdef']);
    } finally {
      await services.close();
    }
  });
});

describe('evidence offers session hooks', () => {
  const start: ParsedInput<'evidence.start'> = { candidate: { id: 'c1', name: '张三' }, station: 'S01', scenarioId: 'x', scenarioHash: '', seed: 1 };

  it('runs started hooks before evidence.start answers and finishing hooks before the package closes', async () => {
    const evidence = createEvidenceService({ dataDir: join(tmp, 'data'), events: createEventHub() });
    const seen: string[] = [];
    const off = evidence.onSession({
      started: async (id) => {
        seen.push(`started ${id}`);
        await evidence.log(id, 'test.hooked', { at: 'start' });
      },
      finishing: (id) => {
        seen.push(`finishing ${id}`);
        return evidence.log(id, 'test.hooked', { at: 'finish' }).then(() => undefined);
      },
    });
    const { sessionId } = await evidence.handlers['evidence.start'](start, ctx);
    expect(seen).toEqual([`started ${sessionId}`]);
    await evidence.handlers['evidence.finish']({ sessionId }, ctx);
    expect(seen).toEqual([`started ${sessionId}`, `finishing ${sessionId}`]);
    const types = readFileSync(join(evidence.root, sessionId, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { type: string; data: unknown }));
    expect(types.filter((r) => r.type === 'test.hooked').map((r) => r.data)).toEqual([{ at: 'start' }, { at: 'finish' }]);
    off();
    const second = await evidence.handlers['evidence.start'](start, ctx);
    expect(seen).toHaveLength(2); // unsubscribed
    await evidence.handlers['evidence.finish']({ sessionId: second.sessionId }, ctx);
    await evidence.close();
  });

  it('a failing hook is logged into the session and does not fail the trainee’s call', async () => {
    const evidence = createEvidenceService({ dataDir: join(tmp, 'data'), events: createEventHub() });
    evidence.onSession({ started: () => Promise.reject(new Error('OBS said no')) });
    const { sessionId } = await evidence.handlers['evidence.start'](start, ctx);
    await evidence.handlers['evidence.finish']({ sessionId }, ctx);
    const records = readFileSync(join(evidence.root, sessionId, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; data: unknown });
    expect(records.find((r) => r.type === 'session.hook-error')?.data).toEqual({ hook: 'started', message: 'OBS said no' });
    await evidence.close();
  });
});
