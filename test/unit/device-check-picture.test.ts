// Camera, network and disk measurement maths on inputs whose figures are known.
import { describe, expect, it } from 'vitest';
import {
  connectStats,
  deliveredFps,
  detectFrozen,
  formatBytes,
  lumaPlane,
  mean,
  meanAbsDiff,
  measureCamera,
  parseIngestUrl,
  recordableMinutes,
  recordingNeedBytes,
  stdDev,
  type FrameSample,
} from '../../scenarios/device-check/index.ts';

function rgba(pixels: number, r: number, g: number, b: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(pixels * 4);
  for (let i = 0; i < out.length; i += 4) out.set([r, g, b, 255], i);
  return out;
}

describe('luma', () => {
  it('BT.601: white 255, black 0, grey stays grey, pure red 76.245, pure green 149.685', () => {
    expect(mean(lumaPlane(rgba(16, 255, 255, 255)))).toBeCloseTo(255, 3);
    expect(mean(lumaPlane(rgba(16, 0, 0, 0)))).toBe(0);
    expect(mean(lumaPlane(rgba(16, 128, 128, 128)))).toBeCloseTo(128, 3);
    expect(mean(lumaPlane(rgba(16, 255, 0, 0)))).toBeCloseTo(76.245, 3);
    expect(mean(lumaPlane(rgba(16, 0, 255, 0)))).toBeCloseTo(149.685, 3);
  });

  it('a flat picture has no detail; a half-black half-white one has σ = 127.5', () => {
    expect(stdDev(lumaPlane(rgba(64, 90, 90, 90)))).toBeCloseTo(0, 4);
    const half = new Float32Array(100).map((_, i) => (i < 50 ? 0 : 255));
    expect(stdDev(half)).toBeCloseTo(127.5, 6);
  });

  it('frame difference: identical planes 0, a uniform shift of 5 levels gives 5', () => {
    const a = new Float32Array(100).map((_, i) => i);
    expect(meanAbsDiff(a, a)).toBe(0);
    expect(meanAbsDiff(a, a.map((v) => v + 5))).toBeCloseTo(5, 5);
    expect(() => meanAbsDiff(a, new Float32Array(3))).toThrow(/100 vs 3 pixels/);
  });
});

describe('delivered frame rate', () => {
  it('30 frames a second from 33.3 ms ticks', () => {
    const ticks = Array.from({ length: 46 }, (_, i) => ({ t: 1000 + (i * 1000) / 30, presented: 10 + i }));
    const rate = deliveredFps(ticks);
    expect(rate.fps).toBeCloseTo(30, 6);
    expect(rate.frames).toBe(45);
    expect(rate.spanMs).toBeCloseTo(1500, 6);
  });

  it('frames the page did not see between callbacks still count (presented jumps by 2)', () => {
    const ticks = Array.from({ length: 16 }, (_, i) => ({ t: i * 100, presented: i * 2 }));
    expect(deliveredFps(ticks).fps).toBeCloseTo(20, 6);
  });

  it('no rate from fewer than two frames', () => {
    expect(deliveredFps([]).fps).toBeNull();
    expect(deliveredFps([{ t: 5, presented: 1 }]).fps).toBeNull();
  });
});

describe('frozen picture', () => {
  it('identical frames with detail are frozen; sensor noise is not; a flat picture cannot be told', () => {
    expect(detectFrozen([0, 0, 0.01], [30, 30, 30], 0.1, 2).frozen).toBe(true);
    expect(detectFrozen([0.02, 0.6, 0.4], [30, 30, 30], 0.1, 2).frozen).toBe(false);
    expect(detectFrozen([0, 0, 0], [0.3, 0.3, 0.3], 0.1, 2).frozen).toBeNull();
    expect(detectFrozen([], [], 0.1, 2).frozen).toBeNull();
  });

  it('measureCamera sums a sampled run into the record figures', () => {
    const frames: FrameSample[] = Array.from({ length: 31 }, (_, i) => ({ t: i * 50, presented: i, meanLuma: 100 + (i % 2), detail: 40, diff: i === 0 ? null : 1 }));
    const m = measureCamera({ deviceId: 'cam', deviceLabel: 'Cam', width: 1280, height: 720, settingsFps: 20, sampleMs: 1500, frames });
    expect(m.deliveredFps).toBeCloseTo(20, 6);
    expect(m.frames).toBe(30);
    expect(m.meanLuma).toBeCloseTo(100 + 15 / 31, 6);
    expect(m.frozen).toBe(false);
    expect(m.maxFrameDiff).toBe(1);
  });
});

describe('network', () => {
  it('connect statistics: median of successes, jitter as mean |Δ| of consecutive successes', () => {
    const s = connectStats([10, 12, 11, null, 15]);
    expect(s).toMatchObject({ attempts: 5, ok: 4, failed: 1, medianMs: 11.5, minMs: 10, maxMs: 15 });
    expect(s.jitterMs).toBeCloseTo((2 + 1 + 4) / 3, 9);
    expect(connectStats([null, null])).toMatchObject({ ok: 0, medianMs: null, jitterMs: null });
    expect(connectStats([7]).jitterMs).toBeNull();
    expect(connectStats([5, 5, 5, 5]).jitterMs).toBe(0);
  });

  it('reads ingest addresses and never keeps the stream key', () => {
    const rtmp = parseIngestUrl('rtmp://live-push.example.com/live/SECRET-KEY?auth=1');
    expect(rtmp).toEqual({ ok: true, target: { scheme: 'rtmp', host: 'live-push.example.com', port: 1935, display: 'rtmp://live-push.example.com:1935' } });
    expect(JSON.stringify(rtmp)).not.toContain('SECRET');
    expect(parseIngestUrl('rtmps://a.example.com/app')).toMatchObject({ ok: true, target: { port: 443 } });
    expect(parseIngestUrl(' 127.0.0.1:1936 ')).toMatchObject({ ok: true, target: { scheme: 'rtmp', host: '127.0.0.1', port: 1936 } });
    expect(parseIngestUrl('srt://[::1]:9001')).toMatchObject({ ok: true, target: { host: '::1', port: 9001, display: 'srt://[::1]:9001' } });
    expect(parseIngestUrl('https://push.example.com/x')).toMatchObject({ ok: true, target: { port: 443 } });
  });

  it('says what is wrong with a bad ingest address', () => {
    expect(parseIngestUrl('')).toEqual({ ok: false, error: '推流服务器地址为空' });
    expect(parseIngestUrl('ftp://x.example.com')).toMatchObject({ ok: false, error: expect.stringContaining('不支持的协议「ftp」') as unknown });
    expect(parseIngestUrl('rtmp://host:99999/live')).toMatchObject({ ok: false });
    expect(parseIngestUrl('rtmp://')).toMatchObject({ ok: false });
  });
});

describe('disk', () => {
  it('need = bitrate × duration × margin', () => {
    // 2628 kbps for 90 min with 1.5× margin: 2628000/8 B/s × 5400 s × 1.5.
    expect(recordingNeedBytes(2628, 90, 1.5)).toBe(2_660_850_000);
    expect(recordingNeedBytes(1000, 1, 1)).toBe(7_500_000);
    expect(() => recordingNeedBytes(1000, 10, 0.5)).toThrow(/margin must be ≥ 1/);
  });

  it('recordable minutes and readable sizes', () => {
    expect(recordableMinutes(7_500_000, 1000)).toBeCloseTo(1, 9);
    expect(formatBytes(2_660_850_000)).toBe('2.7 GB');
    expect(formatBytes(12_345_678)).toBe('12.3 MB');
    expect(formatBytes(2048)).toBe('2 KB');
  });
});
