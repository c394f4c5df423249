// The session engine as `evidence replay` runs it. init() finds the scenario in the library by
// id, checks it is the logged one (scenario hash "sha256:<hex of the YAML file>"; an empty hash
// skips the check) and starts a session with the logged seed; step() is the engine's reducer on
// the logged input (parsed with the engine's own schema); observe() is what the log keeps of a
// state: stateDigest(serialize(state)) and computeMetrics(state).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Json } from '../../scenarios/evidence/canonical.ts';
import { stateDigest, type Replayer } from '../../scenarios/evidence/replay.ts';
import { computeMetrics, createSession, parseInput, serialize, step, type SessionState } from '../../scenarios/engine/index.ts';
import { asLiveRoom, loadScenario } from '../../scenarios/format/index.ts';

const LIBRARY = fileURLToPath(new URL('../../scenarios/library/', import.meta.url));

export function scenarioHash(yamlText: string): string {
  return `sha256:${createHash('sha256').update(yamlText).digest('hex')}`;
}

function findScenario(id: string, hash: string) {
  for (const name of readdirSync(LIBRARY).filter((n) => n.endsWith('.yaml')).sort()) {
    const text = readFileSync(`${LIBRARY}${name}`, 'utf8');
    const loaded = loadScenario(name, text);
    if (!loaded.ok || loaded.scenario.id !== id) continue;
    if (hash !== '' && hash !== scenarioHash(text)) throw new Error(`场景 ${id} 已与录制时不同 (logged hash ${hash.slice(0, 20)}…, library ${scenarioHash(text).slice(0, 20)}…)`);
    return asLiveRoom(loaded.scenario);
  }
  throw new Error(`场景库中没有 ${id} (scenario not in scenarios/library)`);
}

const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as Json;

export const engineReplayer: Replayer<SessionState> = {
  init(start, options) {
    if (typeof start.seed !== 'number') throw new Error(`种子应为整数 (seed ${JSON.stringify(start.seed)})`);
    const obs = (options as { obs?: unknown } | undefined)?.obs === true;
    return createSession(findScenario(start.scenario.id, start.scenario.hash), { seed: start.seed, obs });
  },
  step(state, input) {
    const parsed = parseInput(input);
    if (!parsed.ok) throw new Error(`engine.input 无效: ${parsed.message}`);
    const out = step(state, parsed.input);
    return { state: out.state, effects: out.effects.map(asJson) };
  },
  observe(state) {
    return { state: stateDigest(serialize(state)), metrics: asJson(computeMetrics(state)) };
  },
};
