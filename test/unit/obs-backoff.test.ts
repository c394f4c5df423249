import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../electron/services/obs/backoff.ts';

describe('OBS reconnect backoff', () => {
  it('doubles from the base up to the cap (no jitter)', () => {
    const opts = { ...DEFAULT_BACKOFF, jitter: 0 };
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((a) => backoffDelay(a, opts))).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
  });

  it('jitter takes off at most its fraction, at random', () => {
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0)).toBe(2000);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.999999)).toBe(1000);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.5)).toBe(1500);
  });

  it('stays within [cap·(1-jitter), cap] and finite for any attempt', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (attempt, r) => {
        const d = backoffDelay(attempt, DEFAULT_BACKOFF, () => r);
        const raw = Math.min(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.baseMs * 2 ** (attempt - 1));
        return Number.isFinite(d) && d <= raw && d >= Math.floor(raw * (1 - DEFAULT_BACKOFF.jitter));
      }),
    );
  });

  it('never schedules retries in step across clients (jitter spreads them)', () => {
    const seq = [0.1, 0.7, 0.3, 0.9];
    const delays = seq.map((r) => backoffDelay(4, DEFAULT_BACKOFF, () => r));
    expect(new Set(delays).size).toBe(4);
  });
});
