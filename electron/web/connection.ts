// One WebSocket connection of the web host: contract calls in, results and events out. A bad
// message (binary, not JSON, nested too deep, not a contract call) closes this connection with a
// clear reason and nothing else; socket errors are logged, never thrown. Backpressure: while too
// many calls are in flight or too much output waits unsent, the host stops reading from this
// client (TCP holds the rest back); a client that still lets output pile up is dropped. Nothing
// of a connection stays behind once it closes.
import type { WebSocket } from 'ws';
import type { Dispatch } from '../contract/dispatch.ts';
import { ClientMessage, MAX_NESTING, nestedDeeperThan, type ServerMessage } from '../contract/wire.ts';
import type { Services } from '../services/host.ts';

export const CONNECTION_LIMITS = {
  /** Calls of one connection being handled at once before the host stops reading from it. */
  maxInFlight: 32,
  /** Unsent output (bytes) before the host stops reading from this connection. */
  pauseAtBufferedBytes: 4 * 1024 * 1024,
  /** Unsent output (bytes) at which the client is dropped: it is not reading (events alone). */
  dropAtBufferedBytes: 64 * 1024 * 1024,
};

export function serveConnection(ws: WebSocket, dispatch: Dispatch, events: Services['events'], log: (line: string) => void): void {
  let inFlight = 0;
  let open = true;

  const flowControl = () => {
    if (!open) return;
    const busy = inFlight >= CONNECTION_LIMITS.maxInFlight || ws.bufferedAmount >= CONNECTION_LIMITS.pauseAtBufferedBytes;
    if (busy && !ws.isPaused) ws.pause();
    else if (!busy && ws.isPaused) ws.resume();
  };
  const fail = (code: number, reason: string) => {
    log(`closed WebSocket: ${reason}`);
    open = false;
    ws.close(code, reason);
  };
  const send = (message: ServerMessage) => {
    if (!open || ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount >= CONNECTION_LIMITS.dropAtBufferedBytes) {
      log(`dropped WebSocket: ${ws.bufferedAmount} bytes unread`);
      open = false;
      ws.terminate();
      return;
    }
    ws.send(JSON.stringify(message), () => flowControl());
  };

  const unsubscribe = events.subscribe((name, payload) => send({ type: 'event', name, payload }));
  ws.on('error', (error) => {
    // ws closes the connection itself after an error (e.g. a message over maxPayload: 1009).
    log(`WebSocket error: ${error.message}`);
  });
  ws.on('close', () => {
    open = false;
    unsubscribe();
  });
  ws.on('message', (data, isBinary) => {
    if (!open) return;
    if (isBinary) return fail(1003, 'binary frames are not part of the contract');
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(data as Buffer).toString('utf8'));
    } catch {
      return fail(1007, 'not JSON');
    }
    if (nestedDeeperThan(parsed, MAX_NESTING)) return fail(1008, `message nested deeper than ${MAX_NESTING} levels`);
    const message = ClientMessage.safeParse(parsed);
    if (!message.success) return fail(1007, 'not a contract message');
    const { id, method, input } = message.data;
    inFlight += 1;
    flowControl();
    dispatch(method, input, { transport: 'websocket' })
      .then((result) => send(result.ok ? { type: 'result', id, ok: true, output: result.output } : { type: 'result', id, ok: false, error: result.error }))
      .catch((error: unknown) => send({ type: 'result', id, ok: false, error: { code: 'failed', message: `${method}: ${error instanceof Error ? error.message : String(error)}` } }))
      .finally(() => {
        inFlight -= 1;
        flowControl();
      });
  });
}
