// The held-out probe's attacks on the web host, against the real host in a child process while a
// recording goes on: request paths URL() cannot parse, a 100 MB message, deeply nested params,
// and a client that sends 100,000 calls and never reads. Each is refused or closes only that
// connection; the host, the other connections and the recording go on, and the flood's memory
// is bounded while it lasts and freed when it ends (figures printed).
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect as tcp, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { sendChunk, startSession, syncClock } from '../harness/evidence.ts';
import { heapAfterGcMb, startHostChild } from '../harness/host-child.ts';
import { stopChild } from '../harness/obs.ts';
import { requirePeer } from '../harness/peers.ts';
import { ffmpegMissing, makeLiveWebm, sliceChunks } from '../harness/webm.ts';
import { connect, type WsClient } from '../harness/ws-client.ts';

const ready = requirePeer('ffmpeg', ffmpegMissing());

let tmp: string;
let child: ChildProcess;
let url: URL;
let recorder: WsClient;
let sessionId: string;
let chunkIndex = 0;
let chunks: Buffer[] = [];
const CHUNKS = 16;
const startedAt = performance.timeOrigin + performance.now();
const figures: string[] = [];

const port = () => Number(url.port);
const token = () => url.searchParams.get('token') ?? '';
const alive = () => child.exitCode === null && child.signalCode === null;
const rssMb = () => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${String(child.pid)}/status`, 'utf8'));
  return Number(m?.[1] ?? Number.NaN) / 1024;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The recording goes on: one more chunk and its engine records are acknowledged. */
async function recordOneMore(): Promise<void> {
  const call = (method: string, input: unknown) => recorder.call(method, input);
  const chunk = chunks[chunkIndex];
  if (chunk === undefined) throw new Error('out of test chunks');
  await sendChunk(call, sessionId, chunkIndex, chunk, startedAt);
  chunkIndex += 1;
}

/** A raw HTTP request (optionally a WebSocket upgrade) with a path as given; the status it got. */
function rawStatus(path: string, upgrade: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = tcp(port(), '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${path}`));
    }, 5000);
    socket.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (m) {
        clearTimeout(timer);
        socket.destroy();
        resolve(Number(m[1]));
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      if (!/^HTTP\/1\.1 \d{3}/.test(text)) reject(new Error(`connection closed without an answer to ${path}`));
    });
    const headers = [`GET ${path} HTTP/1.1`, `Host: 127.0.0.1:${port()}`, `Origin: http://127.0.0.1:${port()}`];
    if (upgrade) headers.push('Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`, 'Sec-WebSocket-Version: 13');
    socket.write(`${headers.join('\r\n')}\r\n\r\n`);
  });
}

function openSocket(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port()}/api?token=${token()}`, { origin: `http://127.0.0.1:${port()}` });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    ws.on('error', () => undefined);
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }));
  });
}

/** A masked client text frame (mask key 0, so the payload goes as is). */
function frame(text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  const n = body.length;
  if (n >= 65536) throw new Error('frame() makes small frames only');
  const head = n < 126 ? Buffer.from([0x81, 0x80 | n]) : Buffer.from([0x81, 0x80 | 126, n >> 8, n & 255]);
  return Buffer.concat([head, Buffer.alloc(4), body]);
}

/** A WebSocket over a raw socket that, once upgraded, writes and never reads. */
function rawClient(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcp(port(), '127.0.0.1');
    socket.once('data', (d: Buffer) => {
      if (!d.toString('latin1').startsWith('HTTP/1.1 101')) return reject(new Error(d.toString('latin1').split('\r\n')[0]));
      socket.pause();
      resolve(socket);
    });
    socket.on('error', () => undefined);
    socket.write(
      [`GET /api?token=${token()} HTTP/1.1`, `Host: 127.0.0.1:${port()}`, `Origin: http://127.0.0.1:${port()}`, 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`, 'Sec-WebSocket-Version: 13', '', ''].join('\r\n'),
    );
  });
}

beforeAll(async () => {
  if (!ready) return;
  tmp = mkdtempSync(join(tmpdir(), 'livedrill-hostile-web-'));
  chunks = sliceChunks(makeLiveWebm(tmp, CHUNKS), CHUNKS);
  const started = await startHostChild(join(tmp, 'data'));
  child = started.child;
  url = new URL(started.url);
  recorder = await connect(started.url);
  const call = (method: string, input: unknown) => recorder.call(method, input);
  sessionId = await startSession(call);
  await syncClock(call, sessionId);
  await recordOneMore();
}, 120_000);

afterAll(async () => {
  if (!ready) return;
  process.stderr.write(`\nweb host under attack:\n${figures.join('\n')}\n`);
  recorder.close();
  await stopChild(child, 'SIGTERM', 5000);
  rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(!ready)('web host under hostile input, during a recording', () => {
  const BAD_PATHS = ['//[', '//%', 'http://[', '//a:b@[::1', '//:99999', 'http://127.0.0.1/api'];

  it.each(BAD_PATHS)('an upgrade to %s gets 400, and the host goes on', async (path) => {
    expect(await rawStatus(path, true)).toBe(400);
    expect(await rawStatus(path, false)).toBe(400);
    await sleep(50);
    expect(alive()).toBe(true);
    await recordOneMore();
  });

  it('a 100 MB message closes that connection as too big; the others go on', async () => {
    const ws = await openSocket();
    const other = await openSocket();
    const end = closed(ws);
    ws.send(Buffer.alloc(100 * 1024 * 1024, 0x20).toString('latin1'));
    expect(await end).toMatchObject({ code: 1009 });
    await sleep(50);
    expect(alive()).toBe(true);
    expect(other.readyState).toBe(WebSocket.OPEN);
    other.close();
    await recordOneMore();
  });

  it.each(['evidence.check', 'evidence.append'])('params to %s nested 100,000 deep close that connection with a clear reason', async (method) => {
    const ws = await openSocket();
    const end = closed(ws);
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const input = method === 'evidence.check' ? `{"sessionId":"${sessionId}","name":"x","record":${deep}}` : `{"sessionId":"${sessionId}","records":[{"type":"x","t":1,"data":${deep}}]}`;
    ws.send(`{"type":"call","id":1,"method":"${method}","input":${input}}`);
    expect(await end).toEqual({ code: 1008, reason: expect.stringMatching(/nested deeper than \d+ levels/) as unknown });
    await sleep(50);
    expect(alive()).toBe(true);
    await recordOneMore();
  });

  it('a client that sends 100,000 calls and never reads is held back; its memory is freed when it goes', async () => {
    const before = rssMb();
    const heapBefore = await heapAfterGcMb(child);
    const flood = await rawClient();
    const call = frame(JSON.stringify({ type: 'call', id: 1, method: 'scenarios.get', input: { id: 'b5-navel-orange' } }));
    let written = 0;
    for (let i = 0; i < 100_000; i++) {
      flood.write(call);
      written += call.length;
    }
    let peak = before;
    for (let i = 0; i < 20; i++) {
      await sleep(250);
      peak = Math.max(peak, rssMb());
    }
    // Meanwhile the host answers others and the recording goes on.
    const other = await connect(url.toString());
    const t0 = performance.now();
    await other.call('app.info', {});
    const answerMs = performance.now() - t0;
    other.close();
    await recordOneMore();
    flood.destroy();
    await sleep(3000);
    const after = rssMb();
    const heapAfter = await heapAfterGcMb(child);
    figures.push(
      `flood: ${String(100_000)} calls (${(written / 1024 / 1024).toFixed(1)} MB) sent, none read · host RSS ${before.toFixed(0)} MB before, ${peak.toFixed(0)} MB peak, ${after.toFixed(0)} MB 3 s after it left · heap after GC ${heapBefore.toFixed(1)} → ${heapAfter.toFixed(1)} MB · another client answered in ${answerMs.toFixed(0)} ms`,
    );
    expect(alive()).toBe(true);
    expect(peak - before).toBeLessThan(120);
    expect(heapAfter - heapBefore).toBeLessThan(10);
  }, 60_000);

  it('the recording finishes and verifies after all of it', async () => {
    await recorder.call('evidence.finish', { sessionId });
    const verdict = (await recorder.call('evidence.verify', { sessionId })) as { valid: boolean; findings: { code: string }[] };
    figures.push(`recording: ${String(chunkIndex)} chunks acknowledged, verify ${verdict.valid ? 'VALID' : 'INVALID'} ${JSON.stringify(verdict.findings.map((f) => f.code))}`);
    expect(verdict.valid).toBe(true);
  });
});
