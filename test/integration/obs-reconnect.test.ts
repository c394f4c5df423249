// OBS goes away mid-session and comes back: closed with SIGINT (as a user quitting it) and
// started again. The bridge shows "reconnecting", reconnects by itself, reports the gap (and
// that OBS was restarted), telemetry marks the first sample after it, and an open drill carries
// on. Also: OBS running with its WebSocket server switched off.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OBSWebSocket } from 'obs-websocket-js/json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObsConnectionState, ObsDrillRecord, ObsTelemetrySample } from '../../scenarios/obs/records.ts';
import { createServices, type Services } from '../../electron/services/host.ts';
import { requirePeer } from '../harness/peers.ts';
import { contractClient, DRILL_MIC, freePort, obsMissing, startObs, type ObsInstance } from '../harness/obs.ts';

const runs = requirePeer('OBS Studio (integration: obs-reconnect)', obsMissing());

describe.skipIf(!runs)('OBS killed and restarted mid-session', () => {
  let obs: ObsInstance;
  let dataDir: string;
  let services: Services;
  let ui: ReturnType<typeof contractClient>;

  beforeAll(async () => {
    obs = await startObs();
    dataDir = mkdtempSync(join(tmpdir(), 'livedrill-obsdata-'));
    services = createServices({ dataDir });
    ui = contractClient(services.handlers, services.events);
  });

  afterAll(async () => {
    await (services as Services | undefined)?.close();
    await (obs as ObsInstance | undefined)?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('reconnects by itself and reports the gap; an open drill survives the restart', async () => {
    expect((await ui.call('obs.connect', { url: obs.url, password: obs.password ?? '' })).phase).toBe('connected');
    await ui.waitEvent<ObsTelemetrySample>('obs.telemetry', (s) => s.intervalMs !== null, 5000);
    const drill = await ui.call('obs.drill.inject', { kind: 'mute_mic' });
    expect(drill.status).toBe('active');

    const fromStop = ui.events.length;
    const stoppedAt = Date.now();
    await obs.stopObs(); // SIGINT: OBS closes its sessions with 1001 and saves its scene collection
    const lost = await ui.waitEvent<ObsConnectionState>('obs.state', (s) => s.phase === 'reconnecting', 10_000, fromStop);
    // OBS sends 1001 "Server stopping." on SIGINT, unless it is gone before the frame is out.
    expect(['server_stopping', 'connection_lost']).toContain(lost.payload.error?.code);
    expect(lost.payload.error?.message).toMatch(/OBS 正在关闭|连接意外断开/);
    // While OBS is away the retries find nobody there (server_disabled if another OBS runs here).
    await ui.waitEvent<ObsConnectionState>('obs.state', (s) => s.phase === 'reconnecting' && ['not_running', 'server_disabled'].includes(s.error?.code ?? ''), 10_000, lost.index + 1);

    await obs.startObs();
    const back = await ui.waitEvent<ObsConnectionState>('obs.state', (s) => s.phase === 'connected', 30_000, fromStop);
    const gap = back.payload.gaps.at(-1);
    expect(gap).toBeDefined();
    expect(gap?.obsRestarted).toBe(true);
    expect(gap?.cause).toMatch(/close 100[16]/);
    expect(gap?.lostAt ?? 0).toBeGreaterThanOrEqual(stoppedAt - 50);
    expect(gap?.durationMs ?? 0).toBeGreaterThan(obs.startupMs);
    expect(gap?.durationMs ?? 0).toBeLessThan(30_000);
    process.stderr.write(`\n[obs-reconnect] gap ${gap?.durationMs ?? '?'} ms (OBS startup ${obs.startupMs} ms), cause ${gap?.cause ?? '?'}\n`);

    const after = await ui.waitEvent<ObsTelemetrySample>('obs.telemetry', () => true, 5000, back.index);
    expect(after.payload.afterGap).toBe(true);
    expect(after.payload.intervalMs).toBeNull();
    const next = await ui.waitEvent<ObsTelemetrySample>('obs.telemetry', (s) => s.seq > after.payload.seq, 5000, after.index + 1);
    expect(next.payload.afterGap).toBe(false);
    expect(next.payload.intervalMs).not.toBeNull();
    expect((await ui.call('obs.telemetry', {})).gaps).toHaveLength(1);

    // OBS saved the muted microphone on exit: the drill is still open, and the fix still counts.
    expect((await ui.call('obs.inventory', {})).inventory?.inputs.find((i) => i.name === DRILL_MIC)?.audio?.muted).toBe(true);
    const trainee = new OBSWebSocket();
    await trainee.connect(obs.url, obs.password ?? undefined);
    try {
      const from = ui.events.length;
      await trainee.call('SetInputMute', { inputName: DRILL_MIC, inputMuted: false });
      const fixed = await ui.waitEvent<ObsDrillRecord>('obs.drill', (d) => d.id === drill.id && d.status === 'recovered', 5000, from);
      expect(fixed.payload.timeToRecoverMs ?? 0).toBeGreaterThan(gap?.durationMs ?? 0);
    } finally {
      await trainee.disconnect();
    }
    expect(ui.badEvents).toEqual([]);
  });

  it('OBS running with its WebSocket server off: server_disabled, in Chinese', async () => {
    const off = await startObs({ serverEnabled: false, collection: 'empty' });
    try {
      const state = await ui.call('obs.connect', { url: off.url, password: 'x', autoReconnect: false });
      expect(state.phase).toBe('failed');
      expect(state.error?.code).toBe('server_disabled');
      expect(state.error?.message).toMatch(/开启 WebSocket 服务器/);
      expect(state.error?.cause).toMatch(/ECONNREFUSED/);
    } finally {
      await off.stop();
    }
  });

  it('nothing on the port: retrying in the background with backoff', async () => {
    const port = await freePort();
    const state = await ui.call('obs.connect', { url: `ws://127.0.0.1:${port}`, password: 'x' });
    expect(state.phase).toBe('reconnecting');
    expect(['not_running', 'server_disabled']).toContain(state.error?.code);
    expect(state.nextRetryAt).not.toBeNull();
    expect((await ui.call('obs.disconnect', {})).phase).toBe('disconnected');
  });
});
