// The web host on a real loopback socket: who is let in, and the contract over WebSocket.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from '../../electron/web/server.ts';

let host: WebHost;
let dataDir: string;
let rendererDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'livedrill-web-'));
  rendererDir = mkdtempSync(join(tmpdir(), 'livedrill-ui-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  host = await startWebHost({ rendererDir, dataDir, port: 0 });
});
afterAll(async () => {
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(rendererDir, { recursive: true, force: true });
});

function connect(query: string, origin: string | undefined): Promise<{ ws: WebSocket } | { status: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api${query}`, origin === undefined ? {} : { origin });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.once('error', reject);
  });
}

function callOnce(ws: WebSocket, method: string, input: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8'))));
    ws.send(JSON.stringify({ type: 'call', id: 7, method, input }));
  });
}

function rawGet(path: string, hostHeader = `127.0.0.1:${host.port}`): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    request({ host: '127.0.0.1', port: host.port, path, headers: { host: hostHeader } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

const ownOrigin = () => `http://127.0.0.1:${host.port}`;

describe('web host', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a WebSocket without the token', async () => {
    expect(await connect('', ownOrigin())).toEqual({ status: 401 });
  });

  it('refuses a WebSocket with a wrong token', async () => {
    // Change the last character to another one (a random token may itself end in any letter).
    const last = host.token.slice(-1);
    const wrong = `${host.token.slice(0, -1)}${last === 'x' ? 'y' : 'x'}`;
    expect(await connect(`?token=${wrong}`, ownOrigin())).toEqual({ status: 401 });
  });

  it('tells a refused token apart (the browser cannot see the upgrade status): 204 for this run, 401 otherwise, 403 for a foreign host', async () => {
    const last = host.token.slice(-1);
    const wrong = `${host.token.slice(0, -1)}${last === 'x' ? 'y' : 'x'}`;
    expect(await rawGet(`/api/token?token=${host.token}`)).toBe(204);
    expect(await rawGet(`/api/token?token=${wrong}`)).toBe(401);
    expect(await rawGet('/api/token')).toBe(401);
    expect(await rawGet(`/api/token?token=${host.token}`, `attacker.example:${host.port}`)).toBe(403);
    // It opens nothing: the WebSocket still needs the token.
    expect(await connect(`?token=${wrong}`, ownOrigin())).toEqual({ status: 401 });
  });

  it('refuses a WebSocket from another origin, even with the token', async () => {
    expect(await connect(`?token=${host.token}`, 'http://evil.example')).toEqual({ status: 403 });
    expect(await connect(`?token=${host.token}`, 'http://127.0.0.1:1')).toEqual({ status: 403 });
    expect(await connect(`?token=${host.token}`, undefined)).toEqual({ status: 403 });
  });

  it('answers contract calls for the page it served, and parses input', async () => {
    const result = await connect(`?token=${host.token}`, ownOrigin());
    if (!('ws' in result)) throw new Error(`refused: ${result.status}`);
    const { ws } = result;
    const info = (await callOnce(ws, 'app.info', {})) as { ok: boolean; output: { transport: string; dataDir: string } };
    expect(info.ok).toBe(true);
    expect(info.output.transport).toBe('websocket');
    expect(info.output.dataDir).toBe(dataDir);
    const bad = (await callOnce(ws, 'standard.skills', { workType: 'E', level: 9 })) as { ok: boolean; error: { code: string; message: string } };
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('bad_input');
    expect(bad.error.message).toContain('workType');
    expect(bad.error.message).toContain('level');
    const unknown = (await callOnce(ws, 'fs.readFile', {})) as { ok: boolean; error: { code: string } };
    expect(unknown.error.code).toBe('unknown_method');
    ws.close();
  });

  it('serves the UI with a strict CSP and refuses path traversal and foreign Host headers', async () => {
    const page = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(await rawGet('/..%2f..%2f..%2fetc%2fpasswd')).toBe(400);
    expect(await rawGet('/%2e%2e%5c%2e%2e%5cetc%5cpasswd')).toBe(400);
    expect(await rawGet('/assets/%00.js')).toBe(400);
    expect(await rawGet('/missing.js')).toBe(404);
    const status = await rawGet('/', `attacker.example:${host.port}`);
    expect(status).toBe(403);
  });
});
