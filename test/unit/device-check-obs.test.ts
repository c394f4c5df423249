// Reading the OBS bridge's obs.check answer into the OBS and network items (never a pass without
// a connection), and every advice code having words in both languages.
import { describe, expect, it } from 'vitest';
import { FINDING_CODES, judgeNetwork, judgeObs, obsMeasured, obsTelemetry, type NetworkMeasured, type ObsCheckAnswer } from '../../scenarios/device-check/index.ts';
import type { ObsConnectionState, ObsFrameFigures, ObsInventory, ObsTelemetrySample } from '../../scenarios/obs/records.ts';
import en from '../../renderer/src/i18n/locales/en.ts';
import zhCN from '../../renderer/src/i18n/locales/zh-CN.ts';

const state = (over: Partial<ObsConnectionState>): ObsConnectionState => ({
  phase: 'disconnected', url: null, since: 0, attempt: 0, nextRetryAt: null, error: null, obsVersion: null, obsWebSocketVersion: null,
  rpcVersion: null, platform: null, degraded: [], gaps: [], hasStoredPassword: false, ...over,
});
const output = { active: false, reconnecting: false, state: 'OBS_WEBSOCKET_OUTPUT_STOPPED', changedAt: null };
const inventory: ObsInventory = {
  revision: 3, updatedAt: 0, programScene: '直播间', previewScene: null,
  scenes: [{ name: '直播间', items: [
    { id: 1, sourceName: '背景', inputKind: 'image_source', isGroup: false, enabled: true, index: 0 },
    { id: 2, sourceName: '摄像头', inputKind: 'v4l2_input', isGroup: false, enabled: true, index: 1 },
  ] }],
  inputs: [
    { name: '背景', kind: 'image_source', unversionedKind: 'image_source', role: 'media', audio: null },
    { name: '摄像头', kind: 'v4l2_input', unversionedKind: 'v4l2_input', role: 'camera', audio: null },
    { name: '麦克风', kind: 'pulse_input_capture', unversionedKind: 'pulse_input_capture', role: 'microphone', audio: { muted: false, volumeDb: -3, volumeMul: 0.7 } },
  ],
  stream: output,
  record: { ...output, paused: false, outputPath: null },
};
const figures = (skipped: number, total: number): ObsFrameFigures => ({
  skipped, total, percent: total > 0 ? (skipped / total) * 100 : null, cumulativeSkipped: skipped, cumulativeTotal: total,
  cumulativePercent: total > 0 ? (skipped / total) * 100 : null, level: 'good',
});
const sample = (streaming: boolean): ObsTelemetrySample => ({
  seq: 5, at: 0, intervalMs: 1000, afterGap: false, fps: 30, targetFps: 30, fpsLevel: 'good', renderMs: 2, frameBudgetMs: 33.3,
  renderTimeLevel: 'good', cpuPercent: 5, memoryMb: 300, diskFreeMb: 10_000, renderLag: figures(0, 30), encodeLag: figures(0, 30),
  network: figures(streaming ? 45 : 0, streaming ? 1500 : 0),
  stream: { active: streaming, reconnecting: false, bitrateKbps: streaming ? 2500 : null, congestion: streaming ? 0.3 : null, congestionLevel: 'good', bytes: 0, durationMs: 0 },
  record: { active: false, paused: false, bitrateKbps: null, bytes: 0, durationMs: 0 }, level: 'good', problems: [],
});
const answer = (over: Partial<ObsCheckAnswer>): ObsCheckAnswer => ({ state: state({}), inventory: null, sample: null, verdict: { usable: false, level: 'bad', reasons: [] }, ...over });
const connected = state({ phase: 'connected', url: 'ws://127.0.0.1:4455', obsVersion: '29.1.3', obsWebSocketVersion: '5.1.0' });

describe('OBS item from the bridge', () => {
  it('no bridge answer, never configured, refused, wrong password: all said, none a pass', () => {
    expect(obsMeasured(null, 'unknown_method')).toMatchObject({ state: 'bridge_missing', errorMessage: 'unknown_method' });
    expect(judgeObs(obsMeasured(answer({}))).findings[0]?.code).toBe('obs.notConfigured');
    const refused = answer({ state: state({ phase: 'failed', url: 'ws://127.0.0.1:4455', error: { code: 'not_running', message: 'OBS 没有运行', cause: 'ECONNREFUSED', retryable: true } }) });
    expect(obsMeasured(refused)).toMatchObject({ state: 'failed', errorCode: 'not_running', errorMessage: 'OBS 没有运行（ECONNREFUSED）' });
    expect(judgeObs(obsMeasured(refused))).toMatchObject({ verdict: 'warn', findings: [{ code: 'obs.notRunning', params: { url: 'ws://127.0.0.1:4455' } }] });
    const auth = answer({ state: state({ phase: 'failed', url: 'ws://x:4455', error: { code: 'auth_failed', message: '密码错误', cause: '4009', retryable: false } }) });
    expect(judgeObs(obsMeasured(auth)).verdict).toBe('fail');
    expect(obsMeasured(answer({ state: state({ phase: 'reconnecting', url: 'ws://x:4455' }) })).state).toBe('not_connected');
  });

  it('connected: program scene, its camera and the microphone are read from the inventory', () => {
    const m = obsMeasured(answer({ state: connected, inventory, sample: sample(false), verdict: { usable: true, level: 'good', reasons: [] } }));
    expect(m).toMatchObject({ state: 'connected', obsVersion: '29.1.3', programScene: '直播间', cameraSource: '摄像头', cameraVisible: true, micInput: '麦克风', micMuted: false, micVolumeDb: -3 });
    expect(judgeObs(m).verdict).toBe('pass');
  });

  it('a hidden camera and a muted microphone are found', () => {
    const broken: ObsInventory = {
      ...inventory,
      scenes: [{ name: '直播间', items: inventory.scenes[0]?.items.map((i) => (i.sourceName === '摄像头' ? { ...i, enabled: false } : i)) ?? [] }],
      inputs: inventory.inputs.map((i) => (i.audio ? { ...i, audio: { ...i.audio, muted: true } } : i)),
    };
    const m = obsMeasured(answer({ state: connected, inventory: broken, sample: sample(false) }));
    expect(judgeObs(m).findings.map((f) => [f.code, f.level])).toEqual([
      ['obs.cameraHidden', 'warn'],
      ['obs.micMuted', 'fail'],
    ]);
  });
});

describe('OBS network telemetry', () => {
  const base: NetworkMeasured = { browserOnline: true, interfaces: ['eth0 IPv4'], ingestError: null, ingest: null, obs: obsTelemetry(null) };
  it('not connected and not streaming are said, not hidden', () => {
    expect(obsTelemetry(null).state).toBe('not_connected');
    expect(obsTelemetry(answer({ state: connected, inventory, sample: sample(false) })).state).toBe('not_streaming');
    expect(judgeNetwork(base).findings.map((f) => f.code)).toContain('network.obsNotConnected');
  });

  it('streaming: dropped frames and congestion from the sample, judged by the table', () => {
    const t = obsTelemetry(answer({ state: connected, inventory, sample: sample(true) }));
    expect(t).toMatchObject({ state: 'streaming', droppedPercent: 3, droppedFrames: 45, totalFrames: 1500, congestion: 0.3, bitrateKbps: 2500 });
    expect(judgeNetwork({ ...base, obs: t }).findings.map((f) => [f.code, f.level])).toEqual([
      ['network.noIngest', 'warn'],
      ['network.obsDropped', 'warn'],
      ['network.obsCongestion', 'warn'],
    ]);
  });
});

describe('advice in both languages', () => {
  const lookup = (root: unknown, code: string): unknown => code.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], root);
  it('every finding code has zh-CN and en advice, with the same placeholders', () => {
    for (const code of FINDING_CODES) {
      const zh = lookup(zhCN.deviceCheck.advice, code);
      const english = lookup(en.deviceCheck.advice, code);
      expect(typeof zh, `zh-CN deviceCheck.advice.${code}`).toBe('string');
      expect(typeof english, `en deviceCheck.advice.${code}`).toBe('string');
      const holes = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(holes(english as string), code).toEqual(holes(zh as string));
    }
  });
});
