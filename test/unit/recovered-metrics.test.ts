// A package cut off mid-session (recovered as 意外退出) has its metrics from its log like any
// other (issue 10 item 2): the last minute checkpoint in the log is older than the last inputs —
// a network drop handled at 2:05 after the 2:00 checkpoint showed "故障发现用时 0/1".
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { computeMetrics, createSession, FAULTS, rebuildSession, serialize, step, type Input, type SessionState } from '../../scenarios/engine/index.ts';
import { stateDigest } from '../../scenarios/evidence/replay.ts';
import type { Manifest } from '../../scenarios/evidence/manifest.ts';
import { asLiveRoom, loadScenario } from '../../scenarios/format/index.ts';
import { packageAt } from '../../electron/services/evidence/packages.ts';
import { readSessionData } from '../../electron/services/scoring/session-data.ts';

const FILE = 'b5-navel-orange-quick.yaml';
const loaded = loadScenario(FILE, readFileSync(fileURLToPath(new URL(`../../scenarios/library/${FILE}`, import.meta.url)), 'utf8'));
if (!loaded.ok) throw new Error('scenario');
const scenario = asLiveRoom(loaded.scenario);
const SEED = 20260101;
const dir = mkdtempSync(join(tmpdir(), 'livedrill-recovered-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Drives the engine as the live room does and writes the log lines it would (no end: cut off). */
function cutOffLog(): { state: SessionState; lines: string[]; handledAt: number; lastCheckpointAt: number } {
  const lines: string[] = [];
  const rec = (t: number, type: string, data: unknown) => lines.push(JSON.stringify({ seq: lines.length, t, wall: 1_700_000_000_000 + t, type, data }));
  rec(0, 'session.start', { sessionId: 'x', scenario: { id: scenario.id, hash: '' }, seed: SEED });
  rec(0, 'engine.session', { options: { obs: false } });
  let state = createSession(scenario, { seed: SEED, obs: false });
  let faultId: string | null = null;
  let handledAt = -1;
  let lastCheckpointAt = -1;
  for (let t = 100; t <= 130_000; t += 100) {
    const inputs: Input[] = [{ type: 'tick', t }];
    // The fault is handled after the 2:00 checkpoint, and the session is cut off at 2:10.
    if (faultId !== null && handledAt < 0 && t >= 125_000) {
      inputs.push({ type: 'ack_fault', t, faultId, remedy: FAULTS.network_drop.remedies[0]?.id ?? '' });
      handledAt = t;
    }
    for (const input of inputs) {
      const out = step(state, input);
      state = out.state;
      rec(t, 'engine.input', { input });
      for (const e of out.effects) if (e.type === 'fault_started') faultId = e.fault.id;
      const checkpoint = out.effects.some((e) => e.type === 'minute');
      if (checkpoint) lastCheckpointAt = t;
      if (out.effects.length > 0) rec(t, 'engine.output', { effects: out.effects, ...(checkpoint ? { state: stateDigest(serialize(state)), metrics: computeMetrics(state) } : {}) });
    }
  }
  return { state, lines, handledAt, lastCheckpointAt };
}

describe('metrics of a recovered package', () => {
  const run = cutOffLog();

  it('the fault was handled after the last checkpoint in the log', () => {
    expect(run.handledAt).toBe(125_000);
    expect(run.lastCheckpointAt).toBeLessThan(run.handledAt);
    const m = computeMetrics(run.state);
    expect(m.faults.items).toHaveLength(1);
    expect(m.faults.detected).toBe(1);
  });

  it('are computed from the logged inputs, not from the last checkpoint', async () => {
    writeFileSync(join(dir, 'events.jsonl'), `${run.lines.join('\n')}\n`);
    const manifest = { seed: SEED, media: { camera: null }, scenario: { id: scenario.id, hash: '' } } as unknown as Manifest;
    const data = await readSessionData(packageAt(dir), manifest, scenario);
    expect(data.metrics?.faults.detected).toBe(1);
    expect(data.metrics?.faults.items[0]?.detectedAt).toBe(125_000);
    expect(data.metrics).toEqual(computeMetrics(run.state));
  });

  it('rebuildSession gives the live state from the log', () => {
    const inputs = run.lines.map((l) => JSON.parse(l) as { type: string; data: { input?: unknown } }).filter((r) => r.type === 'engine.input').map((r) => r.data.input);
    const rebuilt = rebuildSession(scenario, { seed: SEED, options: { obs: false }, inputs });
    expect(rebuilt.skipped).toBe(0);
    expect(serialize(rebuilt.state)).toBe(serialize(run.state));
  });
});
