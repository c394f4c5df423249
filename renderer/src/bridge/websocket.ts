// The contract over WebSocket (web mode). The page was opened with ?token=…; the same token
// opens the socket. Calls are matched to answers by id; events fan out to subscribers.
import { ServerMessage, TOKEN_CHECK_PATH, WIRE_PATH } from '../../../electron/contract/wire.ts';
import type { Transport } from './transport.ts';

export function tokenFromLocation(location: Location): string | null {
  return new URLSearchParams(location.search).get('token');
}

/**
 * Why the socket could not open: the host refuses the token (an address from an earlier run, or a
 * mistyped one) → 'token_refused'; otherwise the service is not there → 'unavailable'. The host
 * answers TOKEN_CHECK_PATH because a browser is not told the status of a refused upgrade.
 */
async function whyRefused(location: Location, token: string): Promise<BridgeError> {
  try {
    const answer = await fetch(`${TOKEN_CHECK_PATH}?token=${encodeURIComponent(token)}`, { cache: 'no-store' });
    if (answer.status === 401) return new BridgeError('token_refused', '访问令牌已过期或不正确：请使用本次启动时打印的完整地址打开。');
  } catch {
    // No answer at all: the service is not running.
  }
  return new BridgeError('unavailable', `无法连接到本机服务 (WebSocket, ${location.host})。`);
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class BridgeError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'BridgeError';
    this.code = code;
  }
}

export function createWebSocketTransport(location: Location): Transport {
  const token = tokenFromLocation(location);
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const open = (): Promise<WebSocket> => {
    if (opened) return opened;
    if (!token) return Promise.reject(new BridgeError('no_token', '页面地址缺少访问令牌 (token)。请使用启动时打印的完整地址打开。'));
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WIRE_PATH}?token=${encodeURIComponent(token)}`);
    socket = ws;
    opened = new Promise<WebSocket>((resolve, reject) => {
      ws.addEventListener('open', () => resolve(ws), { once: true });
      ws.addEventListener('error', () => void whyRefused(location, token).then(reject), { once: true });
    });
    ws.addEventListener('message', (event: MessageEvent<string>) => {
      const parsed = ServerMessage.safeParse(JSON.parse(event.data));
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === 'event') {
        for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
        return;
      }
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      if (message.ok) waiting.resolve(message.output);
      else waiting.reject(new BridgeError(message.error.code, message.error.message));
    });
    ws.addEventListener('close', () => {
      failAll(new BridgeError('unavailable', '与本机服务的连接已断开。'));
      opened = null;
      socket = null;
    });
    return opened;
  };

  return {
    kind: 'websocket',
    async call(method, input) {
      const ws = await open();
      const id = nextId++;
      return new Promise<unknown>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ type: 'call', id, method, input }));
      });
    },
    subscribe(name, listener) {
      void open().catch(() => undefined);
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    close() {
      socket?.close();
    },
  };
}
