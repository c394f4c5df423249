// Drives the evidence contract the way the recorder does (start, clock sync, one chunk a
// "second", engine records, finish) through any `call` (in-process dispatcher or WebSocket).
import { createDispatcher } from '../../electron/contract/dispatch.ts';
import type { Services } from '../../electron/services/host.ts';

export type Call = (method: string, input: unknown) => Promise<unknown>;

export function inProcessCall(services: Services): Call {
  const dispatch = createDispatcher(services.handlers);
  return async (method, input) => {
    const result = await dispatch(method, input, { transport: 'websocket' });
    if (!result.ok) throw Object.assign(new Error(`${method}: ${result.error.message}`), { code: result.error.code });
    return result.output;
  };
}

const now = () => performance.timeOrigin + performance.now();

export async function startSession(call: Call): Promise<string> {
  const { sessionId } = (await call('evidence.start', {
    scenarioId: 'b5-navel-orange',
    scenarioHash: 'sha256:test',
    seed: 20260101,
    candidate: { id: 'T-001', name: '测试考生' },
    station: '考位 3',
  })) as { sessionId: string };
  return sessionId;
}

export async function syncClock(call: Call, sessionId: string): Promise<void> {
  const ping = (await call('evidence.clockPing', { sessionId, rendererSentAt: now() })) as { pingId: string };
  await call('evidence.clockSync', { sessionId, pingId: ping.pingId, rendererReceivedAt: now() });
}

/** Sends chunk i (with an engine input and output record beside it). */
export async function sendChunk(call: Call, sessionId: string, index: number, bytes: Uint8Array, startedAt: number): Promise<void> {
  await call('evidence.chunk', {
    sessionId,
    index,
    data: Buffer.from(bytes).toString('base64'),
    ...(index === 0 ? { startedAt, mimeType: 'video/webm;codecs=vp8,opus' } : {}),
  });
  await call('evidence.append', {
    sessionId,
    records: [
      { type: 'engine.input', t: index * 1000 + 500, data: { input: { kind: 'tick', at: index * 1000 + 500 } } },
      { type: 'engine.output', t: index * 1000 + 500, data: { effects: [{ kind: 'viewers', n: 100 + index }] } },
    ],
  });
}

export async function recordAll(call: Call, chunks: Uint8Array[], options: { check?: boolean } = {}): Promise<string> {
  const sessionId = await startSession(call);
  const startedAt = now();
  await syncClock(call, sessionId);
  if (options.check !== false) await call('evidence.check', { sessionId, name: 'device-check', record: { camera: { ok: true, width: 640 }, microphone: { ok: true } } });
  for (const [i, c] of chunks.entries()) await sendChunk(call, sessionId, i, c, startedAt);
  await call('evidence.finish', { sessionId });
  return sessionId;
}
