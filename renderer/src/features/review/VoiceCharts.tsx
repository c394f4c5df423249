// The voice lanes of the 复盘 on the viewer chart's time axis: loudness (LUFS of the talk each
// second), pitch (F0) and speaking rate (字/分钟 over 10 s), with the same fault and dead-air
// spans, so a drop in viewers can be read against a voice that went quiet, flat or rushed.
import { useTranslation } from 'react-i18next';
import type { VoiceLanes } from '../../../../scenarios/voice/index.ts';
import { Axes, frameFor, H, Overlays, W, type Span } from './Charts.tsx';
import { linePath } from './chart-scale.ts';

export type VoiceLane = 'lufs' | 'f0Hz' | 'rate';

/** Paths of the lane's runs of values (a gap where the trainee is silent). */
function runs(values: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number): string[] {
  const out: string[] = [];
  let run: { x: number; y: number }[] = [];
  const flush = () => {
    if (run.length > 1) out.push(linePath(run));
    run = [];
  };
  values.forEach((v, i) => {
    if (v === null) flush();
    else run.push({ x: x(i), y: y(v) });
  });
  flush();
  return out;
}

export function VoiceLaneChart({ lanes, lane, endMs, speed, spans }: { lanes: VoiceLanes; lane: VoiceLane; endMs: number; speed: number; spans: readonly Span[] }) {
  const { t } = useTranslation();
  const values = lanes[lane];
  // LUFS is negative: plot its distance above −60 so louder is higher.
  const shift = lane === 'lufs' ? 60 : 0;
  const shown = values.map((v) => (v === null ? null : Math.max(0, v + shift)));
  const frame = frameFor(endMs, Math.max(1, ...shown.map((v) => v ?? 0)));
  const x = (i: number) => frame.x(Math.min(endMs, (i + 0.5) * lanes.stepMs * speed));
  const paths = runs(shown, x, frame.y);
  const label = t(`review.voice.lanes.${lane}`);
  return (
    <figure className="rv-chart rv-voice-chart" data-testid={`rv-voice-${lane}`}>
      <figcaption>
        {label} <small>{t(`review.voice.lanes.${lane}Hint`)}</small>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        <Axes frame={{ ...frame, ticks: [] }} />
        {frame.ticks.map((v) => (
          <g key={v} className="rv-axes">
            <line x1={frame.x(0)} x2={frame.x(endMs)} y1={frame.y(v)} y2={frame.y(v)} className="rv-gridline" />
            <text x={frame.x(0) - 6} y={frame.y(v) + 4} textAnchor="end">
              {v - shift}
            </text>
          </g>
        ))}
        <Overlays frame={frame} markers={[]} spans={spans} numbered={false} />
        {paths.map((d, i) => (
          <path key={i} d={d} className={`rv-line rv-voice-line ${lane}`} />
        ))}
      </svg>
    </figure>
  );
}
