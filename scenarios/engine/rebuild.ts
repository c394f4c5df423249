// Rebuilding a session from its evidence log (DESIGN.md decision 2: the log is the truth). The
// logged engine inputs are parsed with the engine's own schema and stepped in order from a new
// session with the logged seed and options. The live room resumes a session this way after a
// reload, and the assessor's metrics of any package (finished or recovered) come from it, so the
// figures are the log's, never a checkpoint written minutes before the end. Pure.
import type { LiveRoomScenario } from '../format/schema.ts';
import { parseInput } from './inputs.ts';
import { createSession } from './session.ts';
import { step } from './step.ts';
import type { Effect, SessionState } from './types.ts';

export interface LoggedSession {
  seed: number;
  /** engine.session data.options ({} when the log has none). */
  options: { obs?: boolean };
  /** engine.input data.input, in log order. */
  inputs: readonly unknown[];
}

export interface Rebuilt {
  state: SessionState;
  /** Logged inputs that did not parse (skipped; `evidence verify`/replay reports them). */
  skipped: number;
}

/** The engine state after every logged input; onEffects sees each step's effects (the live
 *  room folds them into its view and timeline). */
export function rebuildSession(scenario: LiveRoomScenario, logged: LoggedSession, onEffects?: (effects: readonly Effect[]) => void): Rebuilt {
  let state = createSession(scenario, { seed: logged.seed, obs: logged.options.obs === true });
  let skipped = 0;
  for (const raw of logged.inputs) {
    const parsed = parseInput(raw);
    if (!parsed.ok) {
      skipped += 1;
      continue;
    }
    const out = step(state, parsed.input);
    state = out.state;
    if (onEffects !== undefined && out.effects.length > 0) onEffects(out.effects);
  }
  return { state, skipped };
}
