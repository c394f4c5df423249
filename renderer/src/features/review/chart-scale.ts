// Scales and paths for the 复盘 charts (pure, SVG coordinates): linear scales, "nice" axis ticks
// (1, 2, 5 × 10ⁿ), time ticks in whole minutes or seconds, and the polyline of a series.

export interface Scale {
  (value: number): number;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
}

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps everything to r0. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const f = (v: number) => r0 + (v - d0) * k;
  return Object.assign(f, { domain, range });
}

/** A step of 1, 2 or 5 × 10ⁿ giving about `count` intervals over [0, max]. */
export function niceStep(max: number, count = 4): number {
  if (!(max > 0)) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  const nice = unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10;
  return Math.max(nice * power, Number.EPSILON);
}

/** The axis top (a multiple of the step at or above max, at least one step) and the ticks from 0. */
export function niceTicks(max: number, count = 4, integer = true): { top: number; ticks: number[] } {
  let step = niceStep(max, count);
  if (integer) step = Math.max(1, Math.round(step));
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return { top, ticks };
}

/** Time ticks (ms) over [0, endMs]: every 30 s, 1, 2, 5, 10, 15 or 30 min, about `count` of them. */
export function timeTicks(endMs: number, count = 6): number[] {
  const steps = [10, 30, 60, 120, 300, 600, 900, 1800, 3600].map((s) => s * 1000);
  const step = steps.find((s) => endMs / s <= count) ?? 3600_000;
  const out: number[] = [];
  for (let t = 0; t <= endMs; t += step) out.push(t);
  return out;
}

/** "M x y L x y …" through the points (empty for none). */
export function linePath(points: readonly { x: number; y: number }[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' ');
}

/** Rows for numbered markers so close ones do not overlap: each x (ascending) takes the lowest row
 *  whose previous label is at least `gap` away. */
export function staggerRows(xs: readonly number[], gap: number, rows = 3): number[] {
  const last: number[] = [];
  return xs.map((x) => {
    let row = last.findIndex((prev) => x - prev >= gap);
    if (row < 0) row = last.length < rows ? last.length : last.indexOf(Math.min(...last));
    last[row] = x;
    return row;
  });
}

/** A label for a time tick: m:ss under 10 minutes, else whole minutes. */
export function tickLabel(ms: number, endMs: number): string {
  const s = Math.round(ms / 1000);
  if (endMs >= 600_000) return `${Math.round(s / 60)}′`;
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
