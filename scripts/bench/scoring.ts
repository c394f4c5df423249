// Scoring figures:
// 1. the assessor opening a recorded 3-minute session (the rich test session: real engine,
//    ffmpeg WebM, OBS telemetry): scoring.open cold (verification + timeline) and warm (cached);
//    identify (scrypt), save draft, sign, `evidence scores`, CSV.
// 2. the timeline of a 45-minute log: the real engine on b3-portable-blender (one tick and two
//    voice samples a second, every output with its metrics, as the live room logs them), read
//    back line by line by the same code scoring.open uses. Log size, build time, items.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { evidenceScoresCommand } from '../../electron/cli/evidence-scores.ts';
import type { CallContext } from '../../electron/contract/index.ts';
import { createServices } from '../../electron/services/host.ts';
import { packageAt } from '../../electron/services/evidence/packages.ts';
import { readSessionData } from '../../electron/services/scoring/session-data.ts';
import { computeMetrics, createSession, step, type Input, type SessionState } from '../../scenarios/engine/index.ts';
import { Manifest } from '../../scenarios/evidence/manifest.ts';
import { asLiveRoom, loadScenario } from '../../scenarios/format/index.ts';
import { inProcessCall } from '../../test/harness/evidence.ts';
import { recordRichSession } from '../../test/harness/rich-session.ts';
import { ffmpegMissing } from '../../test/harness/webm.ts';

const tmp = mkdtempSync(join(tmpdir(), 'livedrill-bench-scoring-'));
const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;
const ctx: CallContext = { transport: 'websocket' };

try {
  if (ffmpegMissing() !== null) console.log(`SKIP part 1: ${ffmpegMissing() ?? ''}`);
  else {
    const services = createServices({ dataDir: tmp });
    const h = services.handlers;
    let t0 = performance.now();
    const { sessionId } = await recordRichSession(inProcessCall(services), tmp);
    console.log(`recorded the 3-minute rich session in ${ms(t0)}`);
    t0 = performance.now();
    const open = await h['scoring.open']({ sessionId }, ctx);
    console.log(`scoring.open cold (verify + timeline): ${ms(t0)} — ${open.verdict.records} records, ${open.timeline.items.length} timeline items, ${open.timeline.series.reduce((s, x) => s + x.points.length, 0)} graph points`);
    t0 = performance.now();
    await h['scoring.open']({ sessionId }, ctx);
    console.log(`scoring.open warm: ${ms(t0)}`);
    t0 = performance.now();
    const id = await h['scoring.identify']({ name: '基准', pin: '123456', register: true }, ctx);
    console.log(`identify (register, scrypt N=16384): ${ms(t0)}`);
    t0 = performance.now();
    await h['scoring.saveDraft']({ sessionId, token: id.token, workType: 'B', mode: 'practice', scores: open.rubric.map((r) => ({ id: r.id, score: r.max / 2, note: '' })), annotations: [], comment: '' }, ctx);
    console.log(`saveDraft: ${ms(t0)}`);
    t0 = performance.now();
    await h['scoring.sign']({ sessionId, token: id.token, pin: '123456' }, ctx);
    console.log(`sign (PIN check, seal, atomic write, ledger): ${ms(t0)}`);
    t0 = performance.now();
    await evidenceScoresCommand([join(tmp, 'evidence', sessionId), '--json'], { out: () => undefined, err: () => undefined });
    console.log(`evidence scores: ${ms(t0)}`);
    t0 = performance.now();
    await h['scoring.csv']({ sessionId }, ctx);
    console.log(`scoring.csv: ${ms(t0)}`);
    await services.close();
  }

  // 2. A 45-minute log.
  const yaml = fileURLToPath(new URL('../../scenarios/library/b3-portable-blender.yaml', import.meta.url));
  const loaded = loadScenario('b3-portable-blender.yaml', readFileSync(yaml, 'utf8'));
  if (!loaded.ok) throw new Error(loaded.errors[0]?.message);
  const scenario = asLiveRoom(loaded.scenario);
  const dir = join(tmp, 'long');
  mkdirSync(dir);
  const log = join(dir, 'events.jsonl');
  let state: SessionState = createSession(scenario, { seed: 7, obs: false });
  let t0 = performance.now();
  let lines: string[] = [];
  let seq = 0;
  const put = (type: string, t: number, data: unknown) => lines.push(JSON.stringify({ seq: seq++, t, wall: t, type, data, prev: '0'.repeat(64), hash: '0'.repeat(64) }));
  const apply = (input: Input) => {
    const out = step(state, input);
    state = out.state;
    put('engine.input', input.t, { input });
    put('engine.output', input.t, { effects: out.effects, metrics: computeMetrics(state) });
  };
  const seconds = scenario.durationSec - 5;
  for (let s = 1; s <= seconds; s++) {
    apply({ type: 'voice', t: s * 1000 - 600, level: s % 90 < 80 ? 0.6 : 0 });
    apply({ type: 'voice', t: s * 1000 - 100, level: s % 90 < 80 ? 0.6 : 0 });
    apply({ type: 'tick', t: s * 1000 });
    if (s % 60 === 0) {
      appendFileSync(log, `${lines.join('\n')}\n`);
      lines = [];
    }
  }
  apply({ type: 'end', t: seconds * 1000 + 500 });
  appendFileSync(log, `${lines.join('\n')}\n`);
  console.log(`\n45-minute log: ${seq} records, ${(statSync(log).size / 1e6).toFixed(1)} MB, generated in ${ms(t0)}`);
  const manifest = Manifest.parse({
    format: 'livedrill-evidence/1',
    sessionId: '20260101-000000-000000',
    createdAt: '2026-01-01T00:00:00.000Z',
    candidate: { id: 'b', name: '基准' },
    station: '',
    scenario: { id: scenario.id, hash: '' },
    seed: 7,
    app: { name: 'livedrill', version: '0' },
    status: 'complete',
    clock: { offsets: [] },
    media: { camera: null },
    stop: null,
    recovery: null,
    chain: { head: null, records: seq },
    files: [],
    external: [],
  });
  t0 = performance.now();
  const data = await readSessionData(packageAt(dir), manifest, scenario);
  const rss = process.memoryUsage().rss / 1e6;
  console.log(`timeline of the 45-minute log: ${ms(t0)} — ${data.timeline.items.length} items, ${data.timeline.series.reduce((s, x) => s + x.points.length, 0)} graph points, metrics ${data.metrics ? 'from the last output' : 'missing'}; process RSS ${rss.toFixed(0)} MB`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
