// The simulated host of a 平台管理员 task, as the viewers see the room: a host drawn on a canvas
// (breathing, blinking, the mouth moving while a line is said) with a caption of what it says,
// from the scenario's talk track (scenarios/engine/host.ts) or, for a few seconds, its answer to
// the administrator's latest prompt. The trainee's own camera is not shown: they are backstage.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { hostLineAt, type SessionState } from '../../../../scenarios/engine/index.ts';
import { useLiveRoom } from './store.ts';
import type { HostReply } from './view.ts';

/** How long the host's answer to a prompt replaces the talk track. */
export const HOST_REPLY_MS = 8000;

function draw(ctx: CanvasRenderingContext2D, w: number, h: number, now: number, speaking: boolean): void {
  // Room: warm wall, a shelf line, a desk.
  const wall = ctx.createLinearGradient(0, 0, 0, h);
  wall.addColorStop(0, '#f3e3cf');
  wall.addColorStop(1, '#e2c7a6');
  ctx.fillStyle = wall;
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#c9a27a';
  ctx.fillRect(0, h * 0.3, w, h * 0.02);
  for (let i = 0; i < 5; i++) {
    ctx.fillStyle = ['#8e3b2f', '#b5562f', '#6f4a2f', '#a0412f', '#7d5a3a'][i] ?? '#8e3b2f';
    ctx.fillRect(w * 0.06 + i * w * 0.05, h * 0.2, w * 0.035, h * 0.1);
  }
  const cx = w / 2;
  const breathe = Math.sin(now / 900) * h * 0.006;
  const headR = h * 0.13;
  const headY = h * 0.42 + breathe;
  // Body and shoulders.
  ctx.fillStyle = '#b23a3a';
  ctx.beginPath();
  ctx.ellipse(cx, h * 0.92 + breathe, w * 0.2, h * 0.3, 0, Math.PI, 0);
  ctx.fill();
  ctx.fillStyle = '#f6d2b5';
  ctx.fillRect(cx - headR * 0.32, headY + headR * 0.8, headR * 0.64, headR * 0.5);
  // Hair behind, head, hair fringe.
  ctx.fillStyle = '#2b1d16';
  ctx.beginPath();
  ctx.ellipse(cx, headY + headR * 0.25, headR * 1.12, headR * 1.3, 0, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#f8dcc2';
  ctx.beginPath();
  ctx.ellipse(cx, headY, headR * 0.86, headR, 0, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#2b1d16';
  ctx.beginPath();
  ctx.ellipse(cx, headY - headR * 0.72, headR * 0.9, headR * 0.42, 0, Math.PI, 0);
  ctx.fill();
  // Eyes (a blink every few seconds), cheeks, mouth.
  const blink = now % 4200 < 140;
  ctx.fillStyle = '#2b1d16';
  for (const dx of [-0.34, 0.34]) {
    ctx.beginPath();
    ctx.ellipse(cx + dx * headR, headY - headR * 0.05, headR * 0.09, blink ? headR * 0.015 : headR * 0.11, 0, 0, Math.PI * 2);
    ctx.fill();
  }
  ctx.fillStyle = 'rgba(230, 120, 120, 0.35)';
  for (const dx of [-0.5, 0.5]) {
    ctx.beginPath();
    ctx.ellipse(cx + dx * headR, headY + headR * 0.25, headR * 0.14, headR * 0.08, 0, 0, Math.PI * 2);
    ctx.fill();
  }
  const open = speaking ? (Math.sin(now / 70) * 0.5 + 0.5) * headR * 0.16 + headR * 0.03 : headR * 0.02;
  ctx.fillStyle = '#a8343a';
  ctx.beginPath();
  ctx.ellipse(cx, headY + headR * 0.48, headR * 0.2, open, 0, 0, Math.PI * 2);
  ctx.fill();
  // The desk with a teacup in front.
  ctx.fillStyle = '#7a5230';
  ctx.fillRect(0, h * 0.86, w, h * 0.14);
  ctx.fillStyle = '#fffaf2';
  ctx.beginPath();
  ctx.ellipse(cx + w * 0.22, h * 0.86, w * 0.04, h * 0.05, 0, 0, Math.PI);
  ctx.fill();
}

/** What the host says at the session time: its answer to a recent prompt, else the talk track's line. */
export function useHostCaption(state: SessionState, reply: HostReply | null): { text: string | null; speaking: boolean } {
  const { t } = useTranslation();
  if (reply !== null && state.t - reply.t < HOST_REPLY_MS) {
    const text =
      reply.topic === 'data'
        ? t('liveRoom.simHost.reply.data', { viewers: reply.viewers, orders: reply.orders, gmv: reply.gmv })
        : reply.topic === 'question'
          ? t('liveRoom.simHost.reply.question', { comment: reply.comment ?? '' })
          : reply.risky
            ? t('liveRoom.simHost.reply.compliance')
            : t('liveRoom.simHost.reply.complianceNone');
    return { text, speaking: true };
  }
  const said = hostLineAt(state.scenario, state.t);
  return { text: said?.line.text ?? null, speaking: said !== null };
}

export function SimHost({ state, silent }: { state: SessionState; silent: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLCanvasElement>(null);
  const reply = useLiveRoom((s) => s.view.hostReply);
  const caption = useHostCaption(state, reply);
  const speaking = useRef(false);
  const talking = caption.speaking && !silent;
  useEffect(() => {
    speaking.current = talking;
  }, [talking]);

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (canvas === null || ctx === null || ctx === undefined) return;
    let frame = 0;
    let last = 0;
    // About 15 frames a second is plenty for a drawn figure and leaves the page its time.
    const loop = (now: number) => {
      frame = requestAnimationFrame(loop);
      if (now - last < 66) return;
      last = now;
      draw(ctx, canvas.width, canvas.height, now, speaking.current);
    };
    frame = requestAnimationFrame(loop);
    return () => cancelAnimationFrame(frame);
  }, []);

  const name = state.scenario.host?.name ?? t('liveRoom.simHost.label');
  return (
    <div className="lr-simhost" data-testid="lr-simhost">
      <canvas ref={ref} width={480} height={270} aria-label={t('liveRoom.simHost.label')} data-testid="lr-simhost-canvas" />
      <p className="lr-simhost-caption" data-testid="lr-simhost-caption" aria-live="polite">
        <b>{t('liveRoom.simHost.says', { name })}</b>
        {caption.text ?? t('liveRoom.simHost.quiet')}
      </p>
    </div>
  );
}
