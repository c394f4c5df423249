import { describe, expect, it } from 'vitest';
import { checkVersion, compareVersions, degradedFeatures, REQUIRED_REQUESTS } from '../../electron/services/obs/version.ts';

const all = [...REQUIRED_REQUESTS, 'GetStreamStatus', 'GetRecordStatus', 'SetInputMute'];

describe('OBS versions', () => {
  it('compares dotted versions numerically', () => {
    expect(compareVersions('5.1.0', '5.0.0')).toBeGreaterThan(0);
    expect(compareVersions('29.0.2', '29.0.10')).toBeLessThan(0);
    expect(compareVersions('5.0', '5.0.0')).toBe(0);
  });

  it('accepts OBS 28+ with obs-websocket 5, refuses older as too_old', () => {
    expect(checkVersion({ obsVersion: '29.0.2', obsWebSocketVersion: '5.1.0', rpcVersion: 1, availableRequests: all })).toBeNull();
    const old = checkVersion({ obsVersion: '27.2.4', obsWebSocketVersion: '5.0.0', rpcVersion: 1, availableRequests: all });
    expect(old?.code).toBe('too_old');
    expect(old?.message).toMatch(/升级到 OBS Studio 28/);
    expect(checkVersion({ obsVersion: '29.0.0', obsWebSocketVersion: '5.0.0', rpcVersion: 2, availableRequests: all })?.code).toBe('too_old');
    expect(checkVersion({ obsVersion: '29.0.0', obsWebSocketVersion: '5.0.0', rpcVersion: 1, availableRequests: ['GetVersion'] })?.cause).toMatch(/missing GetSceneList/);
  });

  it('lists the features a missing request switches off', () => {
    const degraded = degradedFeatures(all);
    expect(degraded.map((d) => d.request)).toContain('SetInputVolume');
    expect(degraded.map((d) => d.request)).not.toContain('GetStreamStatus');
    expect(degraded.find((d) => d.request === 'SetInputVolume')?.feature).toBe('音量演练');
  });
});
