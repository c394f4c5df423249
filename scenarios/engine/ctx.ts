// The working context of one `step` call. The reducer is pure from the outside: it shallow-copies
// the state once, and copies any nested array or record the first time it changes it (`own`), so
// the caller's state is never touched and unchanged parts are shared. Tests deep-freeze the input
// state to prove it.
import type { Rng } from './rng.ts';
import type { ActionCode, ActionRecord, Effect, InputType, Marker, MarkerCode, MarkerKind, MessageParams, RejectCode, SessionState } from './types.ts';

export interface Ctx {
  s: SessionState;
  fx: Effect[];
  rng: { content: Rng; flow: Rng; orders: Rng };
  owned: Set<keyof SessionState>;
}

export function begin(state: SessionState): Ctx {
  return {
    s: { ...state },
    fx: [],
    rng: { content: { s: state.rng.content }, flow: { s: state.rng.flow }, orders: { s: state.rng.orders } },
    owned: new Set(),
  };
}

export function finish(c: Ctx): { state: SessionState; effects: Effect[] } {
  const { content, flow, orders } = c.rng;
  if (content.s !== c.s.rng.content || flow.s !== c.s.rng.flow || orders.s !== c.s.rng.orders) {
    c.s.rng = { content: content.s, flow: flow.s, orders: orders.s };
  }
  return { state: c.s, effects: c.fx };
}

type Copyable = { [K in keyof SessionState]: SessionState[K] extends readonly unknown[] | Record<string, unknown> ? K : never }[keyof SessionState];

/** The state's array or record at `key`, copied on first use in this step so it may be changed. */
export function own<K extends Copyable>(c: Ctx, key: K): SessionState[K] {
  if (!c.owned.has(key)) {
    const value = c.s[key];
    c.s[key] = (Array.isArray(value) ? [...value] : { ...(value as object) }) as SessionState[K];
    c.owned.add(key);
  }
  return c.s[key];
}

export function emit(c: Ctx, effect: Effect): void {
  c.fx.push(effect);
}

export function mark(c: Ctx, t: number, kind: MarkerKind, code: MarkerCode, params: MessageParams = {}): void {
  const marker: Marker = { t, kind, code, key: `engine.marker.${code}`, params };
  own(c, 'markers').push(marker);
}

/** An applied action, for the action list: what it did as a code and params (the UI words it). */
export function record(c: Ctx, type: InputType, target: string | null, code: ActionCode, params: MessageParams = {}): void {
  const rec: ActionRecord = { t: c.s.t, type, target, key: `engine.action.${code}`, params, ok: true };
  own(c, 'actions').push(rec);
}

export function reject(c: Ctx, input: InputType, code: RejectCode, params: MessageParams = {}, target: string | null = null): void {
  const key = `engine.reject.${code}` as const;
  emit(c, { type: 'rejected', t: c.s.t, input, code, key, params });
  const rec: ActionRecord = { t: c.s.t, type: input, target, key, params, ok: false };
  own(c, 'actions').push(rec);
}
