// The live room under load, in Chromium here: the real components, store, engine, session clock,
// fake camera + microphone (file-backed) and the evidence package recording (video and the engine
// log to the real web host), at 20, 50, 100 and 200 comments a second; then the same four rates
// with the engine log but without the video recording, to separate the room's own cost from the
// encoder's. For each run: frame intervals (requestAnimationFrame to requestAnimationFrame:
// p50/p95/p99/max; late = longer than 1.5 vsyncs), long tasks (> 50 ms), main-thread busy share
// (CDP TaskDuration), heap growth after GC (CDP), DOM size. Goal: 200/s at p99 ≤ 16.7 ms — with
// performance.now() coarsened to 0.1 ms a frame on time measures 16.6–16.8 ms, so the goal is read
// as "at least 99 % of frames on time" (late < 1 %). The engine's 90-minute replay is
// scripts/bench/engine.ts.
//   LIVEDRILL_BENCH_SECONDS=60 npm run bench live-room   (default 30 s per run)
//   LIVEDRILL_BENCH_RATES=20,50,100,200 (default 200) · LIVEDRILL_BENCH_CONFIGS=VP8,no (labels to keep)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { startWebHost } from '../../electron/web/server.ts';
import { asLiveRoom, loadScenario, type LiveRoomScenario } from '../../scenarios/format/index.ts';
import { CHROMIUM_PATH, chromiumArgs, chromiumMissing } from '../../test/harness/chromium.ts';
import { makeTestMedia, mediaToolsMissing } from '../../test/harness/media.ts';
import type { LiveRoomBench } from './live-room-page/main.tsx';

const RATES = (process.env.LIVEDRILL_BENCH_RATES ?? '200').split(',').map(Number);

/** The room's configurations, run one after another in one Chromium and printed side by side.
 *  A further one (e.g. with live voice analysis) is one more entry here. */
interface Config {
  label: string;
  record: boolean;
  recording?: { mimeType: string; videoBitsPerSecond: number };
}
const CONFIGS: Config[] = [
  { label: 'no recording', record: false },
  { label: 'rec VP9 2.5M', record: true, recording: { mimeType: 'video/webm;codecs=vp9,opus', videoBitsPerSecond: 2_500_000 } },
  { label: 'rec VP8 2.5M', record: true, recording: { mimeType: 'video/webm;codecs=vp8,opus', videoBitsPerSecond: 2_500_000 } },
  { label: 'rec VP8 1M', record: true, recording: { mimeType: 'video/webm;codecs=vp8,opus', videoBitsPerSecond: 1_000_000 } },
  { label: 'rec H.264 2.5M', record: true, recording: { mimeType: 'video/webm;codecs=h264,opus', videoBitsPerSecond: 2_500_000 } },
].filter((c) => (process.env.LIVEDRILL_BENCH_CONFIGS ?? '') === '' || (process.env.LIVEDRILL_BENCH_CONFIGS ?? '').split(',').some((w) => c.label.includes(w)));
const SECONDS = Number(process.env.LIVEDRILL_BENCH_SECONDS ?? 30);
const WARMUP_S = 3;
const VSYNC_MS = 1000 / 60;
const GOAL_P99_MS = 16.7;

const missing = chromiumMissing() ?? mediaToolsMissing();
if (missing !== null) {
  console.log(`live-room: skipped: ${missing}`);
  process.exit(0);
}

const here = fileURLToPath(new URL('.', import.meta.url));
const libraryFile = fileURLToPath(new URL('../../scenarios/library/b5-navel-orange-quick.yaml', import.meta.url));
const loaded = loadScenario('b5-navel-orange-quick.yaml', readFileSync(libraryFile, 'utf8'));
if (!loaded.ok) throw new Error(`the quick scenario does not load: ${loaded.errors[0]?.message ?? ''}`);
const base = asLiveRoom(loaded.scenario);

/** The quick task's product and comment banks in a room that comments `rate` times a second for an hour:
 *  1000 viewers who stay (no dead-air or unanswered leaving), no scripted events. */
function busyRoom(rate: number): LiveRoomScenario {
  return {
    ...base,
    id: `bench-${String(rate)}`,
    durationSec: 3600,
    events: [],
    audience: {
      ...base.audience,
      baseViewers: 1000,
      startViewers: 1000,
      meanStaySec: 3600,
      commentsPerMin: rate * 60,
      sensitivity: { deadAir: 0, unanswered: 0, abuse: 0, faults: 0, offers: 1 },
    },
  };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

interface PageProbe {
  deltas: number[];
  longTasks: number[];
  measuring: boolean;
}

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/** Main-thread task seconds so far, from one CDP session kept open (enabling again resets them). */
async function taskClock(page: Page): Promise<() => Promise<number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

// ---------------------------------------------------------------- build, serve, launch
const t0 = performance.now();
const outDir = mkdtempSync(join(tmpdir(), 'livedrill-bench-page-'));
const dataDir = mkdtempSync(join(tmpdir(), 'livedrill-bench-data-'));
await build({ root: join(here, 'live-room-page'), base: './', plugins: [react()], logLevel: 'warn', build: { outDir, emptyOutDir: true, target: 'chrome130', chunkSizeWarningLimit: 4000 } });
const media = await makeTestMedia();
const host = await startWebHost({ rendererDir: outDir, dataDir, port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...chromiumArgs({ video: media.productY4m, audio: media.speechWav }), '--enable-precise-memory-info'], timeout: 60_000 });
console.log(`live-room: page built and Chromium up in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${String(SECONDS)} s per rate (+${String(WARMUP_S)} s warm-up), viewport 1600×960, fake camera 1280×720@30 + mic`);

interface Row {
  label: string;
  rate: number;
  delivered: number;
  frames: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  late: number;
  longTasks: number;
  longMs: number;
  busy: number;
  heapStart: number;
  heapEnd: number;
  dom: number;
  threads: number;
}

async function runRate(rate: number, config: Config): Promise<Row | string> {
  const record = config.record;
  const context = await browser.newContext({ viewport: { width: 1600, height: 960 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(host.url);
  await page.waitForFunction(() => '__bench' in window);
  if (config.recording && !(await page.evaluate((m) => (window as unknown as { __bench: LiveRoomBench }).__bench.supported(m), config.recording.mimeType))) {
    await context.close();
    return `${config.recording.mimeType} not supported by MediaRecorder in this Chromium`;
  }
  await page.evaluate(() => {
    const probe: PageProbe = { deltas: [], longTasks: [], measuring: false };
    (window as unknown as { __probe: PageProbe }).__probe = probe;
    let last = performance.now();
    const frame = (now: number) => {
      if (probe.measuring) probe.deltas.push(now - last);
      last = now;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    new PerformanceObserver((list) => {
      if (probe.measuring) for (const e of list.getEntries()) probe.longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const started = await page.evaluate(([s, r, c]) => (window as unknown as { __bench: LiveRoomBench }).__bench.start(s, r, c), [busyRoom(rate), record, config.recording] as const);
  const taskSeconds = await taskClock(page);
  if (started !== 'live') throw new Error(`rate ${String(rate)}: ${started}`);
  await page.waitForTimeout(WARMUP_S * 1000);
  const heapStart = await heapAfterGc(page);
  const before = await page.evaluate(() => (window as unknown as { __bench: LiveRoomBench }).__bench.stats());
  const busy0 = await taskSeconds();
  const wall0 = performance.now();
  await page.evaluate(() => ((window as unknown as { __probe: PageProbe }).__probe.measuring = true));
  await page.waitForTimeout(SECONDS * 1000);
  const probe = await page.evaluate(() => {
    const p = (window as unknown as { __probe: PageProbe }).__probe;
    p.measuring = false;
    return { deltas: p.deltas, longTasks: p.longTasks };
  });
  const busy1 = await taskSeconds();
  const wall1 = performance.now();
  const after = await page.evaluate(() => (window as unknown as { __bench: LiveRoomBench }).__bench.stats());
  const heapEnd = await heapAfterGc(page);
  await page.evaluate(() => (window as unknown as { __bench: LiveRoomBench }).__bench.end());
  await page.waitForFunction(() => (window as unknown as { __bench: LiveRoomBench }).__bench.stats().stage === 'pick', undefined, { timeout: 120_000 });
  const final = await page.evaluate(() => (window as unknown as { __bench: LiveRoomBench }).__bench.stats());
  await context.close();
  if (errors.length > 0) throw new Error(`rate ${String(rate)}: page errors: ${errors.join('; ')}`);
  if (final.evidence !== 'finished') throw new Error(`rate ${String(rate)}: the evidence package did not finish (${final.evidence})`);
  const sorted = [...probe.deltas].sort((a, b) => a - b);
  const engineSec = (after.t - before.t) / 1000;
  return {
    label: `${String(rate)}/s ${config.label}`,
    rate,
    delivered: engineSec > 0 ? (after.comments - before.comments) / engineSec : 0,
    frames: sorted.length,
    p50: pct(sorted, 50),
    p95: pct(sorted, 95),
    p99: pct(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    late: sorted.filter((d) => d > VSYNC_MS * 1.5).length,
    longTasks: probe.longTasks.length,
    longMs: probe.longTasks.reduce((a, b) => a + b, 0),
    busy: (busy1 - busy0) / ((wall1 - wall0) / 1000),
    heapStart,
    heapEnd,
    dom: after.dom,
    threads: after.threads,
  };
}

const rows: Row[] = [];
try {
  for (const rate of RATES) {
    for (const config of CONFIGS) {
      const row = await runRate(rate, config);
      if (typeof row === 'string') {
        console.log(`live-room: ${String(rate)}/s ${config.label}: skipped: ${row}`);
        continue;
      }
      rows.push(row);
      console.log(
        `live-room: ${row.label.padEnd(20)} delivered ${row.delivered.toFixed(0).padStart(3)}/s · frames ${String(row.frames)} · p50 ${ms(row.p50)} p95 ${ms(row.p95)} p99 ${ms(row.p99)} max ${ms(row.max)} · ` +
          `late frames ${String(row.late)} (${((row.late / Math.max(1, row.frames)) * 100).toFixed(2)}%) · long tasks ${String(row.longTasks)} (${ms(row.longMs)}) · main thread busy ${(row.busy * 100).toFixed(0)}% · ` +
          `heap ${mb(row.heapStart)} → ${mb(row.heapEnd)} (+${mb(row.heapEnd - row.heapStart)}, engine kept ${String(row.threads)} question records) · DOM ${String(row.dom)} elements`,
      );
    }
  }
  console.log(`live-room: side by side (${String(SECONDS)} s each, one run; goal p99 ≤ ${String(GOAL_P99_MS)} ms, read as ≥ 99 % of frames on time)`);
  console.log(`live-room:   ${'configuration'.padEnd(20)} ${'p95'.padStart(9)} ${'p99'.padStart(9)} ${'on time'.padStart(8)}  goal`);
  for (const row of rows) {
    const onTime = 1 - row.late / Math.max(1, row.frames);
    console.log(`live-room:   ${row.label.padEnd(20)} ${ms(row.p95).padStart(9)} ${ms(row.p99).padStart(9)} ${`${(onTime * 100).toFixed(2)}%`.padStart(8)}  ${row.p99 <= GOAL_P99_MS || onTime >= 0.99 ? '✓' : '✗'}`);
  }
} finally {
  await browser.close();
  await host.close();
  media.dispose();
  rmSync(outDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}
