// The session reducer: step(state, input) -> { state, effects }. Pure: no clock, no I/O, no
// Math.random; the same scenario, seed and inputs give the same states and effects everywhere.
// An input first lets the simulation catch up to its time `t`, then applies itself at `t`.
// Inputs whose `t` is earlier than the session's time are applied at the session's time.
// `state.t` is the latest time the session has seen: an action's time, or how far ticks ran.
import { applyInput } from './actions.ts';
import { begin, finish, reject } from './ctx.ts';
import { MODEL } from './model.ts';
import { advance } from './simulate.ts';
import type { Input, SessionState, StepResult } from './types.ts';

/** Inputs that still mean something after the live ended (they are ignored silently). */
const PASSIVE = new Set<Input['type']>(['tick', 'voice', 'camera', 'obs_drill']);

export function step(state: SessionState, input: Input): StepResult {
  if (state.phase === 'ended' && PASSIVE.has(input.type)) return { state, effects: [] };
  // A tick that does not reach the next step changes nothing (most ticks: the UI ticks often).
  if (input.type === 'tick' && input.t < state.simT + MODEL.stepMs) return { state, effects: [] };
  const c = begin(state);
  if (!Number.isFinite(input.t)) {
    reject(c, input.type, 'bad_time', { t: String(input.t) });
    return finish(c);
  }
  const t = Math.max(input.t, state.t);
  advance(c, t);
  // A tick only moves time as far as the simulation ran; any other input happens at its own time.
  const now = input.type === 'tick' ? Math.max(state.t, c.s.simT) : t;
  c.s.t = c.s.phase === 'ended' ? Math.min(now, c.s.endedAt ?? now) : now;
  if (c.s.phase === 'ended') {
    if (!PASSIVE.has(input.type)) reject(c, input.type, 'ended');
    return finish(c);
  }
  applyInput(c, input);
  return finish(c);
}

/** Runs inputs in order from a state; returns the final state and every effect. */
export function replay(state: SessionState, inputs: Iterable<Input>): StepResult {
  let s = state;
  const effects: StepResult['effects'] = [];
  for (const input of inputs) {
    const r = step(s, input);
    s = r.state;
    for (const e of r.effects) effects.push(e);
  }
  return { state: s, effects };
}
