// The session clock. The engine has no clock of its own: every input carries `t`, ms of session
// time since going live, read here. `real()` is ms since go-live on the page's monotonic clock
// (or the recorder's media timeline when evidence is recorded, so engine times land on the
// frames they belong to); `now()` is the engine's session time, which equals real() unless the
// page was opened with the test-only `?clock=N` parameter (N × faster, 1–20). The evidence log
// always stamps records with real() — the video's own time — and keeps the engine time in the
// input itself.

export interface SessionClock {
  /** Engine session time, ms (integer). */
  now(): number;
  /** Real ms since go-live (media timeline when recording). */
  real(): number;
  readonly speed: number;
}

export const MAX_CLOCK_SPEED = 20;

/** `?clock=N` from a location search string: a speed-up for tests and demos; 1 when absent or invalid. */
export function clockSpeed(search: string): number {
  const raw = new URLSearchParams(search).get('clock');
  if (raw === null) return 1;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, MAX_CLOCK_SPEED) : 1;
}

/** A clock whose real time is `elapsed()` (ms since go-live, never negative). */
export function createClock(elapsed: () => number, speed = 1): SessionClock {
  const real = () => Math.max(0, elapsed());
  return {
    speed,
    real,
    now: () => Math.round(real() * speed),
  };
}

/** mm:ss (or h:mm:ss) of ms, for the timer and the review. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h > 0 ? `${h}:` : ''}${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}
