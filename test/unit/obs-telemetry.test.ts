import { describe, expect, it } from 'vitest';
import {
  bitrateKbps,
  computeSample,
  congestionLevel,
  counterDelta,
  fpsLevel,
  frameFigures,
  missedFramesLevel,
  renderTimeLevel,
  type RawPoll,
} from '../../electron/services/obs/telemetry.ts';

function poll(mono: number, patch: { stats?: Partial<RawPoll['stats']>; stream?: Partial<NonNullable<RawPoll['stream']>> | null; record?: Partial<NonNullable<RawPoll['record']>> | null } = {}): RawPoll {
  return {
    at: 1_700_000_000_000 + mono,
    mono,
    targetFps: 30,
    stats: {
      activeFps: 30,
      averageFrameRenderTime: 5,
      cpuUsage: 10,
      memoryUsage: 200,
      availableDiskSpace: 80_000,
      renderSkippedFrames: 0,
      renderTotalFrames: 0,
      outputSkippedFrames: 0,
      outputTotalFrames: 0,
      ...patch.stats,
    },
    stream:
      patch.stream === null
        ? null
        : { outputActive: false, outputReconnecting: false, outputBytes: 0, outputDuration: 0, outputCongestion: 0, outputSkippedFrames: 0, outputTotalFrames: 0, ...patch.stream },
    record: patch.record === null ? null : { outputActive: false, outputPaused: false, outputBytes: 0, outputDuration: 0, ...patch.record },
  };
}

describe("OBS's own thresholds", () => {
  it('missed frames: 0–1 % good, over 1 % warn, over 5 % bad', () => {
    expect([null, 0, 1, 1.01, 5, 5.01, 50].map(missedFramesLevel)).toEqual(['good', 'good', 'good', 'warn', 'warn', 'bad', 'bad']);
  });
  it('FPS: below 95 % of the target warn, below 80 % bad', () => {
    expect([30, 28.5, 28.49, 24, 23.99].map((f) => fpsLevel(f, 30))).toEqual(['good', 'good', 'warn', 'warn', 'bad']);
  });
  it('render time: above 75 % of the frame budget warn, above it bad', () => {
    const budget = 1000 / 30;
    expect([10, budget * 0.75, budget * 0.75 + 0.01, budget, budget + 0.01].map((ms) => renderTimeLevel(ms, budget))).toEqual(['good', 'good', 'warn', 'warn', 'bad']);
  });
  it('congestion: green at 0, red at 1', () => {
    expect([null, 0, 0.05, 0.3, 0.95, 1].map(congestionLevel)).toEqual(['good', 'good', 'good', 'warn', 'bad', 'bad']);
  });
});

describe('interval maths', () => {
  it('counter deltas survive resets (OBS or the output restarted)', () => {
    expect(counterDelta(150, 100)).toBe(50);
    expect(counterDelta(20, 100)).toBe(20);
  });
  it('bitrate from bytes over milliseconds', () => {
    expect(bitrateKbps(125_000, 1000)).toBe(1000);
    expect(bitrateKbps(62_500, 500)).toBe(1000);
    expect(bitrateKbps(100, 0)).toBe(0);
  });
  it('frame figures per interval and cumulative, judged on the interval', () => {
    const f = frameFigures(12, 400, { skipped: 10, total: 300 });
    expect(f).toMatchObject({ skipped: 2, total: 100, percent: 2, cumulativeSkipped: 12, cumulativeTotal: 400, cumulativePercent: 3, level: 'warn' });
    // No interval yet: judged on OBS's totals, as its stats dock does.
    expect(frameFigures(30, 100, null)).toMatchObject({ skipped: 0, total: 0, percent: null, cumulativePercent: 30, level: 'bad' });
    expect(frameFigures(0, 0, { skipped: 0, total: 0 })).toMatchObject({ percent: null, level: 'good' });
  });
});

describe('computeSample', () => {
  it('first sample: totals only, no interval, no bitrate', () => {
    const s = computeSample(null, poll(0, { stats: { renderTotalFrames: 100 } }), 0, false);
    expect(s.intervalMs).toBeNull();
    expect(s.stream.bitrateKbps).toBeNull();
    expect(s.renderLag.percent).toBeNull();
    expect(s.level).toBe('good');
    expect(s.frameBudgetMs).toBeCloseTo(33.333, 2);
  });

  it('a streaming interval: bitrate from the byte delta, network drops as a percentage', () => {
    const a = poll(1000, { stats: { renderTotalFrames: 300, outputTotalFrames: 300 }, stream: { outputActive: true, outputBytes: 1_000_000, outputTotalFrames: 300 } });
    const b = poll(2000, {
      stats: { renderTotalFrames: 330, outputTotalFrames: 330 },
      stream: { outputActive: true, outputBytes: 1_250_000, outputTotalFrames: 330, outputSkippedFrames: 3, outputCongestion: 0.02 },
    });
    const s = computeSample(a, b, 7, false);
    expect(s.seq).toBe(7);
    expect(s.intervalMs).toBe(1000);
    expect(s.stream.bitrateKbps).toBe(2000);
    expect(s.network).toMatchObject({ skipped: 3, total: 30, percent: 10, level: 'bad' });
    expect(s.stream.congestionLevel).toBe('good');
    expect(s.level).toBe('bad');
    expect(s.problems.map((p) => p.metric)).toEqual(['network']);
    expect(s.problems[0]?.message).toMatch(/网络丢帧 10\.0%（3\/30 帧），超过 5%/);
  });

  it('render lag, low FPS and slow rendering are each reported with their level', () => {
    const a = poll(0, { stats: { renderTotalFrames: 1000, renderSkippedFrames: 0 } });
    const b = poll(1000, { stats: { renderTotalFrames: 1027, renderSkippedFrames: 3, activeFps: 27, averageFrameRenderTime: 30 } });
    const s = computeSample(a, b, 1, false);
    expect(s.renderLag).toMatchObject({ skipped: 3, total: 27, level: 'bad' });
    expect(s.fpsLevel).toBe('warn');
    expect(s.renderTimeLevel).toBe('warn');
    expect(s.problems.map((p) => p.metric).sort()).toEqual(['fps', 'render_lag', 'render_time']);
  });

  it('reconnecting stream is bad; a stopped stream has bitrate 0, not null', () => {
    const a = poll(0, { stream: { outputActive: true, outputBytes: 5000 } });
    const b = poll(1000, { stream: { outputActive: true, outputReconnecting: true, outputBytes: 5000 } });
    const s = computeSample(a, b, 1, false);
    expect(s.stream).toMatchObject({ reconnecting: true, bitrateKbps: 0 });
    expect(s.level).toBe('bad');
    const stopped = computeSample(b, poll(2000), 2, false);
    expect(stopped.stream).toMatchObject({ active: false, bitrateKbps: 0, congestion: null });
  });

  it('OBS restarted between polls: counters went back, figures count from zero', () => {
    const a = poll(0, { stats: { renderTotalFrames: 90_000, renderSkippedFrames: 500 } });
    const b = poll(1000, { stats: { renderTotalFrames: 30, renderSkippedFrames: 0 } });
    expect(computeSample(a, b, 1, true)).toMatchObject({ afterGap: true, renderLag: { skipped: 0, total: 30, percent: 0 } });
  });

  it('degraded OBS (no GetStreamStatus/GetRecordStatus): the sample still comes', () => {
    const s = computeSample(poll(0, { stream: null, record: null }), poll(1000, { stream: null, record: null }), 1, false);
    expect(s.stream).toMatchObject({ active: false, bitrateKbps: null });
    expect(s.record.bitrateKbps).toBeNull();
  });

  it('recording: bitrate while recording, paused counts 0, low disk warns', () => {
    const a = poll(0, { record: { outputActive: true, outputBytes: 0 }, stats: { availableDiskSpace: 1000 } });
    const b = poll(500, { record: { outputActive: true, outputBytes: 50_000 }, stats: { availableDiskSpace: 1000 } });
    const s = computeSample(a, b, 1, false);
    expect(s.record.bitrateKbps).toBe(800);
    expect(s.problems.find((p) => p.metric === 'disk')?.level).toBe('warn');
    const paused = computeSample(b, poll(1000, { record: { outputActive: true, outputPaused: true, outputBytes: 50_000 } }), 2, false);
    expect(paused.record).toMatchObject({ paused: true, bitrateKbps: 0 });
  });
});
