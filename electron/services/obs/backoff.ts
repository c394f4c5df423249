// Reconnect schedule: exponential, capped, with jitter so that many stations whose OBS came back
// at the same moment (a classroom's power cut) do not all retry in step. Pure.

export interface BackoffOptions {
  /** Delay before the first retry. */
  baseMs: number;
  /** Longest delay between two retries. */
  capMs: number;
  factor: number;
  /** Fraction of the delay (0..1) taken off at random: 0.5 gives delays in [d/2, d]. */
  jitter: number;
}

/** 0.5 s, 1 s, 2 s, 4 s, 8 s, then every 10 s (each up to half shorter at random): a restarted
 *  OBS (about 2 s to come up) is found within a few seconds, a closed one costs little. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 10_000, factor: 2, jitter: 0.5 };

/** Delay before retry number `attempt` (1 = the first retry). `random` gives [0, 1). */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const step = Math.max(0, Math.floor(attempt) - 1);
  // Cap the exponent too, so a session left retrying overnight never overflows to Infinity.
  const raw = Math.min(options.capMs, options.baseMs * options.factor ** Math.min(step, 30));
  const jitter = Math.min(1, Math.max(0, options.jitter));
  const r = Math.min(1, Math.max(0, random()));
  return Math.max(0, Math.round(raw * (1 - jitter * r)));
}
