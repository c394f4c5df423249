// The one place that talks obs-websocket-js. Adds what the library lacks: a connect timeout,
// a timeout on every request, and pending requests rejected when the socket closes (the library
// leaves them hanging forever). One client per connection attempt, so nothing leaks between them.
import { EventSubscription, OBSWebSocket, OBSWebSocketError, type RequestBatchRequest } from 'obs-websocket-js/json';
import { ObsBridgeError, classifyRequestFailure, notConnected, obsError, requestTimeout } from './errors.ts';

export interface HelloInfo {
  obsWebSocketVersion: string;
  rpcVersion: number;
  negotiatedRpcVersion: number;
}

export interface BatchResult {
  requestType: string;
  ok: boolean;
  code: number;
  comment: string | undefined;
  data: unknown;
}

export interface BatchRequest {
  requestType: string;
  requestData?: Record<string, unknown>;
}

/** Connect failed at the socket or handshake level; the bridge classifies it. */
export class SocketFailure extends Error {
  readonly closeCode: number | undefined;
  readonly timedOut: boolean;
  constructor(message: string, closeCode: number | undefined, timedOut: boolean) {
    super(message);
    this.name = 'SocketFailure';
    this.closeCode = closeCode;
    this.timedOut = timedOut;
  }
}

export interface ClientHandlers {
  /** OBS event names to listen to. */
  events: readonly string[];
  onEvent(name: string, data: unknown): void;
  /** The identified connection closed (not called for a failed connect). */
  onClose(code: number, reason: string): void;
}

/** What the bridge needs from a connection to OBS. */
export interface ObsClient {
  connect(url: string, password: string | null, timeoutMs: number): Promise<HelloInfo>;
  call(requestType: string, requestData?: Record<string, unknown>, timeoutMs?: number): Promise<unknown>;
  /** Runs requests in one round trip; a failing one does not stop the others. */
  batch(requests: readonly BatchRequest[], timeoutMs?: number): Promise<BatchResult[]>;
  disconnect(): Promise<void>;
}

export type ClientFactory = (handlers: ClientHandlers) => ObsClient;

const DEFAULT_REQUEST_TIMEOUT_MS = 5000;

/** Waits for `work` at most `ms`; the timer is cleared so it never holds the process open. */
async function atMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work.catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** Untyped access to the typed library: request names and event names are data here. */
interface LooseSocket {
  call(requestType: string, requestData?: Record<string, unknown>): Promise<unknown>;
  on(event: string, listener: (data: unknown) => void): void;
}

export const createObsClient: ClientFactory = (handlers) => {
  const ws = new OBSWebSocket();
  const loose = ws as unknown as LooseSocket;
  const pending = new Set<(error: Error) => void>();
  let identified = false;
  let closed = false;

  for (const name of handlers.events) loose.on(name, (data) => handlers.onEvent(name, data));
  ws.on('ConnectionClosed', (error: OBSWebSocketError) => {
    const wasIdentified = identified;
    identified = false;
    closed = true;
    const lost = new ObsBridgeError(obsError('connection_lost', '与 OBS 的连接断开了，请求没有完成。', `close ${error.code}: ${error.message}`, true));
    for (const reject of [...pending]) reject(lost);
    pending.clear();
    if (wasIdentified) handlers.onClose(error.code, error.message);
  });

  /** Settles with `work`, or rejects on timeout or when the socket closes first. */
  function guard<T>(requestType: string, work: Promise<T>, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onClose = (error: Error) => {
        finish();
        reject(error);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new ObsBridgeError(requestTimeout(requestType, timeoutMs)));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        pending.delete(onClose);
      };
      pending.add(onClose);
      work.then(
        (value) => {
          finish();
          resolve(value);
        },
        (error: unknown) => {
          finish();
          reject(toRequestError(requestType, error));
        },
      );
    });
  }

  return {
    async connect(url, password, timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new SocketFailure(`no Hello/Identified within ${timeoutMs} ms`, undefined, true)), timeoutMs);
      });
      try {
        const hello = await Promise.race([
          ws.connect(url, password ?? undefined, { rpcVersion: 1, eventSubscriptions: EventSubscription.All }),
          timeout,
        ]);
        identified = true;
        return { obsWebSocketVersion: hello.obsWebSocketVersion, rpcVersion: hello.rpcVersion, negotiatedRpcVersion: hello.negotiatedRpcVersion };
      } catch (error) {
        // A half-open socket (timeout) must not linger; disconnect() itself waits for a close
        // event that may never come, so it is bounded too.
        await atMost(ws.disconnect(), 1000);
        if (error instanceof SocketFailure) throw error;
        if (error instanceof OBSWebSocketError) throw new SocketFailure(error.message, error.code, false);
        throw new SocketFailure(error instanceof Error ? error.message : String(error), undefined, false);
      } finally {
        clearTimeout(timer);
      }
    },

    call(requestType, requestData, timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS) {
      if (!identified || closed) return Promise.reject(new ObsBridgeError(notConnected(`执行 ${requestType}`)));
      return guard(requestType, loose.call(requestType, requestData), timeoutMs);
    },

    async batch(requests, timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS) {
      if (requests.length === 0) return [];
      if (!identified || closed) throw new ObsBridgeError(notConnected('读取 OBS 状态'));
      const label = `batch(${requests.map((r) => r.requestType).join(',')})`.slice(0, 120);
      const results = await guard(label, ws.callBatch(requests as unknown as RequestBatchRequest[], { haltOnFailure: false }), timeoutMs);
      return results.map((r) => ({
        requestType: r.requestType,
        ok: r.requestStatus.result,
        code: r.requestStatus.code,
        comment: r.requestStatus.result ? undefined : r.requestStatus.comment,
        data: (r as { responseData?: unknown }).responseData ?? null,
      }));
    },

    async disconnect() {
      identified = false;
      await atMost(ws.disconnect(), 1000);
    },
  };
};

function toRequestError(requestType: string, error: unknown): Error {
  if (error instanceof ObsBridgeError) return error;
  if (error instanceof OBSWebSocketError) return new ObsBridgeError(classifyRequestFailure(requestType, error.code, error.message));
  const message = error instanceof Error ? error.message : String(error);
  if (/not identified|Not connected/i.test(message)) return new ObsBridgeError(notConnected(`执行 ${requestType}`));
  return new ObsBridgeError(obsError('request_failed', `OBS 请求 ${requestType} 失败：${message}`, message, true));
}
