// One telemetry sample a second from OBS's counters (GetStats, GetStreamStatus, GetRecordStatus):
// interval figures from the deltas between two polls, judged with OBS's own thresholds (the
// colours of its stats dock, window-basic-stats.cpp). Pure.
import type { HealthLevel, ObsFrameFigures, ObsTelemetryProblem, ObsTelemetrySample } from '../../../scenarios/obs/records.ts';

export interface RawStats {
  activeFps: number;
  averageFrameRenderTime: number;
  cpuUsage: number;
  memoryUsage: number;
  availableDiskSpace: number | null;
  renderSkippedFrames: number;
  renderTotalFrames: number;
  /** Skipped because the encoder lagged. */
  outputSkippedFrames: number;
  outputTotalFrames: number;
}

export interface RawStream {
  outputActive: boolean;
  outputReconnecting: boolean;
  outputBytes: number;
  outputDuration: number;
  outputCongestion: number | null;
  /** Dropped by the network. */
  outputSkippedFrames: number;
  outputTotalFrames: number;
}

export interface RawRecord {
  outputActive: boolean;
  outputPaused: boolean;
  outputBytes: number;
  outputDuration: number;
}

/** One poll of OBS. `mono` is a monotonic clock (performance.now) for the interval. */
export interface RawPoll {
  at: number;
  mono: number;
  targetFps: number;
  stats: RawStats;
  /** null when OBS does not answer GetStreamStatus (degraded). */
  stream: RawStream | null;
  record: RawRecord | null;
}

// OBS's thresholds.
export const MISSED_WARN_PERCENT = 1; // > 1 % of frames missed: yellow
export const MISSED_BAD_PERCENT = 5; // > 5 %: red
export const FPS_WARN_RATIO = 0.95; // below 95 % of the target FPS: yellow
export const FPS_BAD_RATIO = 0.8; // below 80 %: red
export const RENDER_WARN_RATIO = 0.75; // render time above 75 % of the frame budget: yellow
export const RENDER_BAD_RATIO = 1; // above the budget: red
// OBS's status-bar square is green at congestion 0 and red at 1, mixed between.
export const CONGESTION_WARN = 0.05;
export const CONGESTION_BAD = 0.95;
// Ours (OBS only warns when a recording is about to fill the disk): free space for the recording.
export const DISK_WARN_MB = 5 * 1024;
export const DISK_BAD_MB = 500;

const RANK: Record<HealthLevel, number> = { good: 0, warn: 1, bad: 2 };

export function worst(levels: readonly HealthLevel[]): HealthLevel {
  return levels.reduce<HealthLevel>((a, b) => (RANK[b] > RANK[a] ? b : a), 'good');
}

export function missedFramesLevel(percent: number | null): HealthLevel {
  if (percent === null) return 'good';
  if (percent > MISSED_BAD_PERCENT) return 'bad';
  if (percent > MISSED_WARN_PERCENT) return 'warn';
  return 'good';
}

export function fpsLevel(fps: number, targetFps: number): HealthLevel {
  if (!(targetFps > 0)) return 'good';
  if (fps < targetFps * FPS_BAD_RATIO) return 'bad';
  if (fps < targetFps * FPS_WARN_RATIO) return 'warn';
  return 'good';
}

export function renderTimeLevel(renderMs: number, frameBudgetMs: number): HealthLevel {
  if (!(frameBudgetMs > 0)) return 'good';
  if (renderMs > frameBudgetMs * RENDER_BAD_RATIO) return 'bad';
  if (renderMs > frameBudgetMs * RENDER_WARN_RATIO) return 'warn';
  return 'good';
}

export function congestionLevel(congestion: number | null): HealthLevel {
  if (congestion === null) return 'good';
  if (congestion >= CONGESTION_BAD) return 'bad';
  if (congestion > CONGESTION_WARN) return 'warn';
  return 'good';
}

export function diskLevel(freeMb: number | null): HealthLevel {
  if (freeMb === null) return 'good';
  if (freeMb < DISK_BAD_MB) return 'bad';
  if (freeMb < DISK_WARN_MB) return 'warn';
  return 'good';
}

/** Growth of a counter; a counter that went back was reset (OBS or the output restarted), so
 *  everything it counts now happened since the reset. */
export function counterDelta(current: number, previous: number): number {
  return current >= previous ? current - previous : current;
}

function percent(part: number, whole: number): number | null {
  return whole > 0 ? (part / whole) * 100 : null;
}

/** kbit/s from a byte delta over milliseconds (bytes · 8 / ms = kbit/s). */
export function bitrateKbps(bytesDelta: number, intervalMs: number): number {
  return intervalMs > 0 ? (bytesDelta * 8) / intervalMs : 0;
}

export function frameFigures(curSkipped: number, curTotal: number, prev: { skipped: number; total: number } | null): ObsFrameFigures {
  const cumulativeSkipped = Math.max(0, Math.round(curSkipped));
  const cumulativeTotal = Math.max(0, Math.round(curTotal));
  const skipped = prev === null ? 0 : counterDelta(cumulativeSkipped, prev.skipped);
  const total = prev === null ? 0 : counterDelta(cumulativeTotal, prev.total);
  const intervalPercent = prev === null ? null : percent(skipped, total);
  const cumulativePercent = percent(cumulativeSkipped, cumulativeTotal);
  // Judge the interval (what happens now); without one, OBS's running totals as its dock does.
  const level = missedFramesLevel(intervalPercent ?? cumulativePercent);
  return { skipped, total, percent: intervalPercent, cumulativeSkipped, cumulativeTotal, cumulativePercent, level };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

function frameProblem(metric: 'render_lag' | 'encode_lag' | 'network', label: string, f: ObsFrameFigures): ObsTelemetryProblem | null {
  if (f.level === 'good') return null;
  const p = f.percent ?? f.cumulativePercent ?? 0;
  const counts = f.percent === null ? `${f.cumulativeSkipped}/${f.cumulativeTotal}` : `${f.skipped}/${f.total}`;
  const limit = f.level === 'bad' ? MISSED_BAD_PERCENT : MISSED_WARN_PERCENT;
  return { metric, level: f.level, message: `${label} ${fmt(p)}%（${counts} 帧），超过 ${limit}%` };
}

/**
 * The sample for `cur`, given the previous poll of the same connection (null for the first poll
 * after connecting: no interval figures yet).
 */
export function computeSample(prev: RawPoll | null, cur: RawPoll, seq: number, afterGap: boolean): ObsTelemetrySample {
  const intervalMs = prev === null ? null : cur.mono - prev.mono > 0 ? cur.mono - prev.mono : null;
  const p = intervalMs === null ? null : prev;
  const s = cur.stats;
  const targetFps = cur.targetFps > 0 ? cur.targetFps : 30;
  const frameBudgetMs = 1000 / targetFps;

  const renderLag = frameFigures(s.renderSkippedFrames, s.renderTotalFrames, p && { skipped: p.stats.renderSkippedFrames, total: p.stats.renderTotalFrames });
  const encodeLag = frameFigures(s.outputSkippedFrames, s.outputTotalFrames, p && { skipped: p.stats.outputSkippedFrames, total: p.stats.outputTotalFrames });
  const st = cur.stream;
  const ps = p?.stream ?? null;
  const network = frameFigures(st?.outputSkippedFrames ?? 0, st?.outputTotalFrames ?? 0, p && { skipped: ps?.outputSkippedFrames ?? 0, total: ps?.outputTotalFrames ?? 0 });

  const streamActive = st?.outputActive ?? false;
  const streamBitrate = intervalMs === null || st === null ? null : streamActive ? bitrateKbps(counterDelta(st.outputBytes, ps?.outputBytes ?? 0), intervalMs) : 0;
  const congestion = streamActive ? (st?.outputCongestion ?? null) : null;
  const rec = cur.record;
  const pr = p?.record ?? null;
  const recordActive = rec?.outputActive ?? false;
  const recordBitrate =
    intervalMs === null || rec === null ? null : recordActive && !rec.outputPaused ? bitrateKbps(counterDelta(rec.outputBytes, pr?.outputBytes ?? 0), intervalMs) : 0;

  const levels = {
    fps: fpsLevel(s.activeFps, targetFps),
    render: renderTimeLevel(s.averageFrameRenderTime, frameBudgetMs),
    congestion: congestionLevel(congestion),
    disk: recordActive ? diskLevel(s.availableDiskSpace) : 'good',
    reconnecting: st?.outputReconnecting === true ? 'bad' : 'good',
  } satisfies Record<string, HealthLevel>;

  const problems: ObsTelemetryProblem[] = [];
  if (levels.fps !== 'good') {
    const ratio = levels.fps === 'bad' ? FPS_BAD_RATIO : FPS_WARN_RATIO;
    problems.push({ metric: 'fps', level: levels.fps, message: `帧率 ${fmt(s.activeFps)}，低于目标 ${fmt(targetFps, 0)} fps 的 ${ratio * 100}%` });
  }
  if (levels.render !== 'good') {
    const ratio = levels.render === 'bad' ? RENDER_BAD_RATIO : RENDER_WARN_RATIO;
    problems.push({ metric: 'render_time', level: levels.render, message: `平均渲染耗时 ${fmt(s.averageFrameRenderTime)} ms，超过每帧 ${fmt(frameBudgetMs)} ms 的 ${ratio * 100}%` });
  }
  for (const problem of [frameProblem('render_lag', '渲染延迟丢帧', renderLag), frameProblem('encode_lag', '编码延迟跳帧', encodeLag), frameProblem('network', '网络丢帧', network)]) {
    if (problem) problems.push(problem);
  }
  if (levels.congestion !== 'good') {
    problems.push({ metric: 'congestion', level: levels.congestion, message: `推流网络拥塞 ${fmt((congestion ?? 0) * 100, 0)}%` });
  }
  if (levels.reconnecting === 'bad') {
    problems.push({ metric: 'stream_reconnecting', level: 'bad', message: '推流断开，OBS 正在重连直播服务器' });
  }
  if (levels.disk !== 'good') {
    problems.push({ metric: 'disk', level: levels.disk, message: `录制盘剩余空间 ${fmt((s.availableDiskSpace ?? 0) / 1024)} GB` });
  }

  return {
    seq,
    at: cur.at,
    intervalMs,
    afterGap,
    fps: s.activeFps,
    targetFps,
    fpsLevel: levels.fps,
    renderMs: s.averageFrameRenderTime,
    frameBudgetMs,
    renderTimeLevel: levels.render,
    cpuPercent: s.cpuUsage,
    memoryMb: s.memoryUsage,
    diskFreeMb: s.availableDiskSpace,
    renderLag,
    encodeLag,
    network,
    stream: {
      active: streamActive,
      reconnecting: st?.outputReconnecting ?? false,
      bitrateKbps: streamBitrate,
      congestion,
      congestionLevel: levels.congestion,
      bytes: Math.max(0, st?.outputBytes ?? 0),
      durationMs: Math.max(0, st?.outputDuration ?? 0),
    },
    record: {
      active: recordActive,
      paused: rec?.outputPaused ?? false,
      bitrateKbps: recordBitrate,
      bytes: Math.max(0, rec?.outputBytes ?? 0),
      durationMs: Math.max(0, rec?.outputDuration ?? 0),
    },
    level: worst([levels.fps, levels.render, renderLag.level, encodeLag.level, network.level, levels.congestion, levels.reconnecting, levels.disk]),
    problems,
  };
}
