// Seeded random numbers whose whole state is one uint32, so it lives in the (JSON) session state.
// mulberry32 uses only Math.imul, shifts and xor: bit-identical on every JS engine. The engine
// keeps several independent streams so that, for instance, placing an order does not change which
// comment comes next.

/** A stream's state: one unsigned 32-bit integer. */
export type RngState = number;

/** A mutable cursor over a stream, used inside one step and written back to the state after. */
export interface Rng {
  s: RngState;
}

/** Next float in [0, 1). */
export function next(r: Rng): number {
  r.s = (r.s + 0x6d2b79f5) >>> 0;
  let x = r.s;
  x = Math.imul(x ^ (x >>> 15), x | 1);
  x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
}

/** Integer in [0, n). */
export function below(r: Rng, n: number): number {
  return Math.floor(next(r) * n);
}

/** Rounds x up or down at random so that the expected value is x (0.3 → 1 with probability 0.3). */
export function stochasticRound(r: Rng, x: number): number {
  if (x <= 0) return 0;
  const whole = Math.floor(x);
  return whole + (next(r) < x - whole ? 1 : 0);
}

/** Index picked with probability proportional to its weight; -1 when all weights are 0. */
export function weighted(u: number, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  if (total <= 0) return -1;
  let x = u * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i] ?? 0;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/** Integer hash (murmur3 finaliser): spreads a seed and a stream number into a state. */
export function mix(seed: number, salt: number): RngState {
  let h = (seed ^ Math.imul(salt + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
