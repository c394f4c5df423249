// The 复盘 charts, plain SVG: viewers online (line), comments per minute (bars, blocked ones
// darker) and orders (bars), on one time axis with the session's event markers (numbered, listed
// below) and shaded spans for faults and dead air — so "why did viewers leave at 3:20" has an answer.
import { say } from '../../i18n/words.ts';
import { useTranslation } from 'react-i18next';
import type { Marker } from '../../../../scenarios/engine/index.ts';
import { formatClock } from '../live-room/clock.ts';
import type { Bucket } from '../live-room/timeline.ts';
import { linearScale, linePath, niceTicks, staggerRows, tickLabel, timeTicks, type Scale } from './chart-scale.ts';

export const W = 760;
export const H = 170;
export const PAD = { left: 44, right: 12, top: 14, bottom: 24 };
/** Room above the plot for the numbered marker labels (up to three staggered rows). */
const LABELS = 40;

export interface Span {
  start: number;
  end: number;
  kind: 'fault' | 'dead_air';
}

export interface Frame {
  x: Scale;
  y: Scale;
  ticks: number[];
  endMs: number;
  /** Top of the plot area (below the marker labels when there are any). */
  top: number;
  height: number;
}

export function Axes({ frame }: { frame: Frame }) {
  const { x, y, ticks, endMs, height } = frame;
  return (
    <g className="rv-axes">
      {ticks.map((v) => (
        <g key={v}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="rv-gridline" />
          <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end">
            {v}
          </text>
        </g>
      ))}
      {timeTicks(endMs).map((t) => (
        <text key={t} x={x(t)} y={height - 6} textAnchor="middle">
          {tickLabel(t, endMs)}
        </text>
      ))}
    </g>
  );
}

export function Overlays({ frame, markers, spans, numbered }: { frame: Frame; markers: readonly Marker[]; spans: readonly Span[]; numbered: boolean }) {
  const { t } = useTranslation();
  const { x, top, height } = frame;
  const rows = staggerRows(markers.map((m) => x(m.t)), 16);
  return (
    <g>
      {spans.map((s) => (
        <rect key={`${s.kind}-${String(s.start)}`} x={x(s.start)} width={Math.max(1, x(s.end) - x(s.start))} y={top} height={height - top - PAD.bottom} className={`rv-span ${s.kind}`} />
      ))}
      {markers.map((m, i) => (
        <g key={`${m.kind}-${String(m.t)}-${String(i)}`} className={`rv-marker ${m.kind}`}>
          <line x1={x(m.t)} x2={x(m.t)} y1={numbered ? top - 6 - 14 * (rows[i] ?? 0) : top} y2={height - PAD.bottom} />
          {numbered && (
            <>
              <circle cx={x(m.t)} cy={top - 8 - 14 * (rows[i] ?? 0)} r={7} />
              <text x={x(m.t)} y={top - 5 - 14 * (rows[i] ?? 0)} textAnchor="middle">
                {i + 1}
              </text>
            </>
          )}
          <title>{`${formatClock(m.t)} ${say(t, m)}`}</title>
        </g>
      ))}
    </g>
  );
}

export function frameFor(endMs: number, max: number, labels = false): Frame {
  const { top: yMax, ticks } = niceTicks(max);
  const top = PAD.top + (labels ? LABELS : 0);
  const height = H + (labels ? LABELS : 0);
  return { x: linearScale([0, Math.max(endMs, 1)], [PAD.left, W - PAD.right]), y: linearScale([0, yMax], [height - PAD.bottom, top]), ticks, endMs, top, height };
}

export interface ChartProps {
  buckets: readonly Bucket[];
  bucketMs: number;
  endMs: number;
  startViewers: number;
  markers: readonly Marker[];
  spans: readonly Span[];
}

export function ViewersChart({ buckets, bucketMs, endMs, startViewers, markers, spans }: ChartProps) {
  const { t } = useTranslation();
  const points = [{ t: 0, v: startViewers }, ...buckets.map((b) => ({ t: Math.min(b.t + bucketMs, endMs), v: b.viewers }))];
  const frame = frameFor(endMs, Math.max(...points.map((p) => p.v), ...buckets.map((b) => b.viewersPeak), 1), markers.length > 0);
  const path = linePath(points.map((p) => ({ x: frame.x(p.t), y: frame.y(p.v) })));
  const base = frame.y(0);
  return (
    <figure className="rv-chart" data-testid="rv-viewers-chart">
      <figcaption>
        {t('review.charts.viewers')} <small>{t('review.charts.viewersHint')}</small>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${frame.height}`} role="img" aria-label={t('review.charts.viewers')}>
        <Axes frame={frame} />
        <Overlays frame={frame} markers={markers} spans={spans} numbered />
        <path d={`${path} L${frame.x(points[points.length - 1]?.t ?? 0).toFixed(1)} ${base} L${frame.x(0)} ${base} Z`} className="rv-area" />
        <path d={path} className="rv-line" />
      </svg>
    </figure>
  );
}

function Bars({ frame, buckets, bucketMs, value, part, className }: { frame: Frame; buckets: readonly Bucket[]; bucketMs: number; value: (b: Bucket) => number; part?: (b: Bucket) => number; className: string }) {
  const { x, y } = frame;
  const width = Math.max(1, x(bucketMs) - x(0) - 1.5);
  return (
    <g className={className}>
      {buckets.map((b) => {
        const v = value(b);
        const p = part?.(b) ?? 0;
        return (
          <g key={b.t}>
            <rect x={x(b.t) + 0.75} width={width} y={y(v)} height={Math.max(0, y(0) - y(v))} />
            {p > 0 && <rect className="part" x={x(b.t) + 0.75} width={width} y={y(p)} height={Math.max(0, y(0) - y(p))} />}
            <title>{`${formatClock(b.t)}–${formatClock(b.t + bucketMs)}: ${String(Math.round(v * 10) / 10)}`}</title>
          </g>
        );
      })}
    </g>
  );
}

export function CommentsChart({ buckets, bucketMs, endMs, markers, spans }: ChartProps) {
  const { t } = useTranslation();
  const perMin = 60000 / bucketMs;
  const frame = frameFor(endMs, Math.max(1, ...buckets.map((b) => b.comments * perMin)));
  return (
    <figure className="rv-chart" data-testid="rv-comments-chart">
      <figcaption>
        {t('review.charts.comments')} <small>{t('review.charts.commentsHint')}</small>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('review.charts.comments')}>
        <Axes frame={frame} />
        <Overlays frame={frame} markers={markers} spans={spans} numbered={false} />
        <Bars frame={frame} buckets={buckets} bucketMs={bucketMs} value={(b) => b.comments * perMin} part={(b) => b.hidden * perMin} className="rv-bars comments" />
      </svg>
    </figure>
  );
}

export function OrdersChart({ buckets, bucketMs, endMs, markers, spans }: ChartProps) {
  const { t } = useTranslation();
  const frame = frameFor(endMs, Math.max(1, ...buckets.map((b) => b.orders)));
  return (
    <figure className="rv-chart" data-testid="rv-orders-chart">
      <figcaption>{t('review.charts.orders', { seconds: Math.round(bucketMs / 1000) })}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('review.charts.orders', { seconds: Math.round(bucketMs / 1000) })}>
        <Axes frame={frame} />
        <Overlays frame={frame} markers={markers} spans={spans} numbered={false} />
        <Bars frame={frame} buckets={buckets} bucketMs={bucketMs} value={(b) => b.orders} className="rv-bars orders" />
      </svg>
    </figure>
  );
}
