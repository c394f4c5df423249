// A minimal contract client over the web host's WebSocket, for tests that run the host in a
// child process: call(method, input) and the events it pushes.
import { WebSocket } from 'ws';

export interface WsClient {
  call(method: string, input: unknown): Promise<unknown>;
  events: { name: string; payload: unknown }[];
  close(): void;
}

export async function connect(url: string): Promise<WsClient> {
  const page = new URL(url);
  const ws = new WebSocket(`ws://${page.host}/api?token=${page.searchParams.get('token') ?? ''}`, { origin: `http://${page.host}` });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const events: { name: string; payload: unknown }[] = [];
  let next = 1;
  ws.on('message', (data: Buffer) => {
    const m = JSON.parse(data.toString('utf8')) as { type: string; id: number; ok: boolean; output?: unknown; error?: { message: string }; name: string; payload: unknown };
    if (m.type === 'event') return void events.push({ name: m.name, payload: m.payload });
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.ok) p?.resolve(m.output);
    else p?.reject(new Error(m.error?.message ?? 'failed'));
  });
  ws.on('close', () => {
    for (const p of pending.values()) p.reject(new Error('connection closed'));
    pending.clear();
  });
  return {
    events,
    call(method, input) {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ type: 'call', id, method, input }), (error) => {
          if (error) {
            pending.delete(id);
            reject(error);
          }
        });
      });
    },
    close: () => ws.terminate(),
  };
}
