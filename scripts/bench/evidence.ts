// Evidence figures:
// 1. chunk write latency (p50, p99): evidence.chunk through the contract dispatcher (zod's
//    base64 check, decode, write, SHA-256, log record) and over the web host's WebSocket, with
//    real 1-second MediaRecorder chunks (test/fixtures/evidence/chrome-chunks); plus what the
//    base64-in-JSON transport costs per chunk on the Node side.
// 2. verify speed against sha256sum on the same ~256 MB package (goal ≥ 90 %).
// 3. a long recording in Chromium (the 证据包 trial, real MediaRecorder, real engine): CPU of
//    Chromium's processes and of the Node host, and the renderer's memory over time (goal: flat).
//    LIVEDRILL_BENCH_MINUTES sets its length (default 2). Skips with a line where Chromium or
//    the renderer build is missing.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { methods } from '../../electron/contract/index.ts';
import { verifyPackage } from '../../electron/services/evidence/verify-package.ts';
import { createServices } from '../../electron/services/host.ts';
import { startWebHost } from '../../electron/web/server.ts';
import { inProcessCall, startSession, syncClock, type Call } from '../../test/harness/evidence.ts';
import { CHROMIUM_PATH, chromiumArgs, chromiumMissing } from '../../test/harness/chromium.ts';
import { RENDERER_DIR, rendererMissing } from '../../test/harness/web-host.ts';
import { connect } from '../../test/harness/ws-client.ts';

const MINUTES = Number(process.env.LIVEDRILL_BENCH_MINUTES ?? 2);
const chunkDir = fileURLToPath(new URL('../../test/fixtures/evidence/chrome-chunks/', import.meta.url));
const chunks = [0, 1, 2, 3, 4].map((i) => readFileSync(`${chunkDir}chunk${i}.bin`));
const tmp = mkdtempSync(join(tmpdir(), 'livedrill-bench-evidence-'));

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (n: number) => `${n.toFixed(2)} ms`;

/** Sends chunk 0 and then `count` more, cycling the real chunks; answers each call's latency. */
async function writeChunks(call: Call, count: number, pad = 0): Promise<{ latencies: number[]; bytes: number; sessionId: string }> {
  const sessionId = await startSession(call);
  await syncClock(call, sessionId);
  const startedAt = performance.timeOrigin + performance.now();
  const latencies: number[] = [];
  let bytes = 0;
  for (let i = 0; i <= count; i++) {
    let c = i === 0 ? (chunks[0] ?? Buffer.alloc(0)) : (chunks[1 + ((i - 1) % 4)] ?? Buffer.alloc(0));
    if (pad > 0 && i > 0) c = Buffer.concat([c, Buffer.alloc(pad, i % 251)]); // larger chunks: bytes after a valid cluster read as its tail
    const data = c.toString('base64');
    const t0 = performance.now();
    await call('evidence.chunk', { sessionId, index: i, data, ...(i === 0 ? { startedAt, mimeType: 'video/webm;codecs=vp8,opus' } : {}) });
    latencies.push(performance.now() - t0);
    bytes += c.length;
  }
  return { latencies, bytes, sessionId };
}

function report(label: string, r: { latencies: number[]; bytes: number }): void {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  console.log(`${label}: ${r.latencies.length} chunks, avg ${(r.bytes / r.latencies.length / 1024).toFixed(0)} KiB · p50 ${ms(pct(sorted, 50))} · p99 ${ms(pct(sorted, 99))} · max ${ms(sorted.at(-1) ?? NaN)}`);
}

// ---------------------------------------------------------------- 1. chunk latency
{
  const services = createServices({ dataDir: join(tmp, 'latency') });
  const call = inProcessCall(services);
  report('chunk write, in-process dispatch (real chunks)', await writeChunks(call, 300));
  report('chunk write, in-process dispatch (real chunks + 250 KiB: the size of 720p at 2.5 Mbit/s)', await writeChunks(call, 300, 250 * 1024));
  await services.close();

  const host = await startWebHost({ rendererDir: tmp, dataDir: join(tmp, 'latency-ws'), port: 0 });
  const client = await connect(host.url);
  report('chunk write over WebSocket (real chunks + 250 KiB)', await writeChunks((m, i) => client.call(m, i), 300, 250 * 1024));
  client.close();
  await host.close();

  // The transport's own cost: base64 check (zod) + decode, per 330 KiB chunk.
  const big = Buffer.concat([chunks[1] ?? Buffer.alloc(0), Buffer.alloc(250 * 1024, 7)]).toString('base64');
  const schema = methods['evidence.chunk'].input;
  const t0 = performance.now();
  for (let i = 0; i < 200; i++) {
    const parsed = schema.parse({ sessionId: '20260101-000000-abcdef', index: i, data: big });
    Buffer.from(parsed.data, 'base64');
  }
  console.log(`base64 in JSON, Node side: ${((performance.now() - t0) / 200).toFixed(2)} ms per chunk of ${(big.length * 3 / 4 / 1024).toFixed(0)} KiB (zod base64 check + decode; JSON.parse of the frame not included)`);
}

// ---------------------------------------------------------------- 2. verify vs sha256sum
{
  const services = createServices({ dataDir: join(tmp, 'verify') });
  const call = inProcessCall(services);
  const { sessionId } = await writeChunks(call, 800, 250 * 1024);
  await call('evidence.finish', { sessionId });
  await services.close();
  const dir = join(tmp, 'verify', 'evidence', sessionId);
  const files = ['events.jsonl', 'manifest.json', ...readdirSync(join(dir, 'media')).map((f) => `media/${f}`), ...readdirSync(join(dir, 'checks')).map((f) => `checks/${f}`)];
  const size = files.reduce((n, f) => n + readFileSync(join(dir, f)).length, 0);
  const best = async (fn: () => unknown) => {
    let b = Infinity;
    for (let i = 0; i < 4; i++) {
      const t0 = performance.now();
      await fn();
      b = Math.min(b, performance.now() - t0);
    }
    return b;
  };
  const sum = await best(() => execFileSync('sha256sum', files, { cwd: dir }));
  const verify = await best(async () => {
    const r = await verifyPackage(dir);
    if (!r.valid) throw new Error(`bench package invalid: ${r.findings[0]?.message ?? ''}`);
  });
  const deep = await best(() => verifyPackage(dir, { deep: true }));
  const mb = size / 1024 / 1024;
  console.log(
    `verify ${mb.toFixed(0)} MiB package (warm cache, best of 4): evidence verify ${verify.toFixed(0)} ms (${(mb / (verify / 1000)).toFixed(0)} MiB/s) · sha256sum ${sum.toFixed(0)} ms (${(mb / (sum / 1000)).toFixed(0)} MiB/s) → ${((sum / verify) * 100).toFixed(0)} % of sha256sum's speed (goal ≥ 90 %) · with --deep (every chunk re-hashed) ${deep.toFixed(0)} ms`,
  );
}

// ---------------------------------------------------------------- 3. long recording in Chromium
const missing = chromiumMissing() ?? rendererMissing();
if (missing) {
  console.log(`long recording: SKIP (${missing})`);
} else {
  await longRecording();
}
rmSync(tmp, { recursive: true, force: true });

function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // utime + stime
  } catch {
    return 0;
  }
}

/** The browser process (found by a flag only this run passes) and all its descendants. */
function chromiumTree(marker: string): { all: number[]; renderers: number[] } {
  const procs = readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number);
  const parent = new Map<number, number>();
  const cmd = new Map<number, string>();
  for (const pid of procs) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      cmd.set(pid, readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    } catch {
      // gone
    }
  }
  const roots = procs.filter((p) => cmd.get(p)?.includes(marker) && !cmd.get(p)?.includes('--type='));
  const all = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, pp] of parent) if (all.has(pp) && !all.has(pid)) grew = all.add(pid).size > 0;
  }
  return { all: [...all], renderers: [...all].filter((p) => cmd.get(p)?.includes('--type=renderer')) };
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return Number(m?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

async function longRecording(): Promise<void> {
  const hz = 100; // USER_HZ on Linux
  const marker = `--livedrill-bench=${process.pid}`;
  const host = await startWebHost({ rendererDir: RENDERER_DIR, dataDir: join(tmp, 'long'), port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...chromiumArgs(), marker], timeout: 60_000 });
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(host.url);
    await page.getByRole('button', { name: '证据包' }).click();
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
      const { metrics } = await cdp.send('Performance.getMetrics');
      return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1024 / 1024;
    };
    const sampleCpu = () => chromiumTree(marker).all.reduce((n, p) => n + cpuTicks(p), 0);
    // Idle baseline: the same page, not recording.
    let c0 = sampleCpu();
    let w0 = performance.now();
    await new Promise((r) => setTimeout(r, 10_000));
    const idlePct = ((sampleCpu() - c0) / hz / ((performance.now() - w0) / 1000)) * 100;

    await page.getByTestId('trial-length').selectOption('600');
    await page.getByTestId('trial').click();
    await page.getByTestId('trial-stop').waitFor({ timeout: 30_000 });
    const samples: { min: number; heap: number; rss: number }[] = [];
    c0 = sampleCpu();
    w0 = performance.now();
    const node0 = process.cpuUsage();
    const end = w0 + MINUTES * 60_000;
    while (performance.now() < end) {
      const rss = Math.max(0, ...chromiumTree(marker).renderers.map(rssMb));
      samples.push({ min: (performance.now() - w0) / 60_000, heap: await heap(), rss });
      await new Promise((r) => setTimeout(r, Math.min(15_000, Math.max(0, end - performance.now()))));
    }
    const wall = (performance.now() - w0) / 1000;
    const chromePct = ((sampleCpu() - c0) / hz / wall) * 100;
    const node = process.cpuUsage(node0);
    const nodePct = ((node.user + node.system) / 1e6 / wall) * 100;
    samples.push({ min: wall / 60, heap: await heap(), rss: Math.max(0, ...chromiumTree(marker).renderers.map(rssMb)) });
    await page.getByTestId('trial-stop').click();
    await page.getByTestId('verdict').waitFor({ timeout: 120_000 });
    const valid = await page.getByTestId('verdict').getAttribute('data-valid');

    const slope = (key: 'heap' | 'rss') => {
      const n = samples.length;
      const mx = samples.reduce((s, p) => s + p.min, 0) / n;
      const my = samples.reduce((s, p) => s + p[key], 0) / n;
      const num = samples.reduce((s, p) => s + (p.min - mx) * (p[key] - my), 0);
      const den = samples.reduce((s, p) => s + (p.min - mx) ** 2, 0);
      return den === 0 ? 0 : num / den;
    };
    const first = samples[0];
    const last = samples.at(-1);
    console.log(
      `long recording ${wall.toFixed(0)} s (720p30 VP8/VP9 + Opus, 1 s chunks, engine tick each second): Chromium processes ${chromePct.toFixed(0)} % of one core (idle page ${idlePct.toFixed(0)} %), Node host ${nodePct.toFixed(1)} %`,
    );
    console.log(
      `renderer memory: JS heap ${first?.heap.toFixed(1)} → ${last?.heap.toFixed(1)} MiB (slope ${slope('heap').toFixed(2)} MiB/min) · renderer RSS ${first?.rss.toFixed(0)} → ${last?.rss.toFixed(0)} MiB (slope ${slope('rss').toFixed(1)} MiB/min) · package ${valid === 'true' ? 'valid' : 'INVALID'}`,
    );
    console.log(`  samples (min, heap MiB, rss MiB): ${samples.map((s) => `${s.min.toFixed(1)}:${s.heap.toFixed(1)}/${s.rss.toFixed(0)}`).join(' ')}`);
  } finally {
    await browser.close();
    await host.close();
  }
}
