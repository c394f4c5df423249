import { describe, expect, it } from 'vitest';
import type { ObsConnectionState, ObsInventory } from '../../scenarios/obs/records.ts';
import { applyEvent, buildInventory, idleRecord, idleStream } from '../../electron/services/obs/inventory.ts';
import { computeSample } from '../../electron/services/obs/telemetry.ts';
import { judgeObs } from '../../electron/services/obs/verdict.ts';

const connected: ObsConnectionState = {
  phase: 'connected',
  url: 'ws://127.0.0.1:4455',
  since: 0,
  attempt: 0,
  nextRetryAt: null,
  error: null,
  obsVersion: '29.0.2',
  obsWebSocketVersion: '5.1.0',
  rpcVersion: 1,
  platform: 'linux',
  degraded: [],
  gaps: [],
  hasStoredPassword: false,
};

function inventory(): ObsInventory {
  return buildInventory(
    {
      programScene: '直播间',
      previewScene: null,
      scenes: [{ sceneName: '直播间', sceneIndex: 0 }],
      inputs: [
        { inputName: '麦克风', inputKind: 'pulse_input_capture', unversionedInputKind: 'pulse_input_capture' },
        { inputName: '摄像头', inputKind: 'v4l2_input', unversionedInputKind: 'v4l2_input' },
      ],
      sceneItems: { 直播间: [{ sceneItemId: 1, sourceName: '摄像头', inputKind: 'v4l2_input', sceneItemEnabled: true, sceneItemIndex: 0 }] },
      audio: { 麦克风: { muted: false, volumeDb: 0, volumeMul: 1 }, 摄像头: null },
      stream: idleStream(),
      record: idleRecord(),
    },
    1,
    0,
  );
}

const stats = { activeFps: 30, averageFrameRenderTime: 5, cpuUsage: 5, memoryUsage: 100, availableDiskSpace: 50_000, renderSkippedFrames: 0, renderTotalFrames: 100, outputSkippedFrames: 0, outputTotalFrames: 0 };
const sample = computeSample(null, { at: 0, mono: 0, targetFps: 30, stats, stream: null, record: null }, 0, false);

describe('OBS verdict', () => {
  it('a connected OBS with camera and microphone is usable and good', () => {
    expect(judgeObs({ state: connected, inventory: inventory(), sample })).toEqual({ usable: true, level: 'good', reasons: [] });
  });

  it('not connected: unusable, with the connection error as the reason', () => {
    const state: ObsConnectionState = {
      ...connected,
      phase: 'failed',
      error: { code: 'auth_failed', message: 'OBS WebSocket 密码错误', cause: 'close 4009', retryable: false },
    };
    const v = judgeObs({ state, inventory: null, sample: null });
    expect(v.usable).toBe(false);
    expect(v.reasons[0]).toMatchObject({ code: 'auth_failed', level: 'bad' });
    expect(v.reasons[0]?.message).toMatch(/密码错误.*close 4009/);
  });

  it('muted microphone, hidden camera and lag are warnings, not blockers', () => {
    let inv = applyEvent(inventory(), 'InputMuteStateChanged', { inputName: '麦克风', inputMuted: true }, 1).inventory;
    inv = applyEvent(inv, 'SceneItemEnableStateChanged', { sceneName: '直播间', sceneItemId: 1, sceneItemEnabled: false }, 1).inventory;
    const laggy = computeSample(null, { at: 0, mono: 0, targetFps: 30, stats: { ...stats, activeFps: 20 }, stream: null, record: null }, 0, false);
    const v = judgeObs({ state: connected, inventory: inv, sample: laggy });
    expect(v.usable).toBe(true);
    expect(v.level).toBe('bad');
    expect(v.reasons.map((r) => r.code)).toEqual(['nothing_visible', 'camera_hidden', 'microphone_muted', 'fps']);
  });

  it('degraded features are listed', () => {
    const v = judgeObs({ state: { ...connected, degraded: [{ request: 'GetStreamStatus', feature: '推流遥测' }] }, inventory: inventory(), sample });
    expect(v).toMatchObject({ usable: true, level: 'warn' });
    expect(v.reasons[0]?.message).toMatch(/不支持 GetStreamStatus/);
  });
});
