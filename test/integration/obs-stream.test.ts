// Streaming for real: OBS pushes RTMP to a local nginx-rtmp. The bitrate comes from OBS's byte
// counters; the stop_stream drill stops it and sees the trainee start it again; stopping nginx
// mid-stream shows up as reconnecting; restoring at task end starts a stopped stream again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OBSWebSocket } from 'obs-websocket-js/json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObsDrillRecord, ObsInventory, ObsTelemetrySample } from '../../scenarios/obs/records.ts';
import { createServices, type Services } from '../../electron/services/host.ts';
import { requirePeer } from '../harness/peers.ts';
import { nginxRtmpMissing, startNginxRtmp, type NginxRtmp } from '../harness/nginx-rtmp.ts';
import { contractClient, obsMissing, sleep, startObs, waitUntil, type ObsInstance } from '../harness/obs.ts';

const runs = requirePeer('OBS Studio + nginx-rtmp (integration: obs-stream)', obsMissing() ?? nginxRtmpMissing());

describe.skipIf(!runs)('OBS streaming to a local nginx-rtmp', () => {
  let nginx: NginxRtmp;
  let obs: ObsInstance;
  let dataDir: string;
  let services: Services;
  let ui: ReturnType<typeof contractClient>;
  let trainee: OBSWebSocket;

  beforeAll(async () => {
    nginx = await startNginxRtmp();
    obs = await startObs({ rtmpUrl: nginx.rtmpUrl });
    dataDir = mkdtempSync(join(tmpdir(), 'livedrill-obsdata-'));
    services = createServices({ dataDir });
    ui = contractClient(services.handlers, services.events);
    trainee = new OBSWebSocket();
    await trainee.connect(obs.url, obs.password ?? undefined);
    expect((await ui.call('obs.connect', { url: obs.url, password: obs.password ?? '' })).phase).toBe('connected');
  });

  afterAll(async () => {
    await (trainee as OBSWebSocket | undefined)?.call('StopStream').catch(() => undefined);
    await (trainee as OBSWebSocket | undefined)?.disconnect().catch(() => undefined);
    await (services as Services | undefined)?.close();
    await (obs as ObsInstance | undefined)?.stop();
    await (nginx as NginxRtmp | undefined)?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const streaming = (s: ObsTelemetrySample) => s.stream.active && !s.stream.reconnecting && (s.stream.bitrateKbps ?? 0) > 0;

  it('streaming gives a bitrate above zero (from byte deltas) and network frame counts', async () => {
    const from = ui.events.length;
    await trainee.call('StartStream');
    const live = await ui.waitEvent<ObsTelemetrySample>('obs.telemetry', streaming, 20_000, from);
    const next = await ui.waitEvent<ObsTelemetrySample>('obs.telemetry', (s) => s.seq > live.payload.seq, 5000, live.index + 1);
    process.stderr.write(`\n[obs-stream] bitrate ${next.payload.stream.bitrateKbps?.toFixed(0) ?? '?'} kb/s, network ${next.payload.network.skipped}/${next.payload.network.total} frames\n`);
    expect(next.payload.stream.bitrateKbps ?? 0).toBeGreaterThan(50);
    expect(next.payload.network.total).toBeGreaterThan(0);
    expect(next.payload.stream.durationMs).toBeGreaterThan(0);
    expect((await ui.call('obs.inventory', {})).inventory?.stream).toMatchObject({ active: true, reconnecting: false });
  });

  it('drill: stop the stream → the trainee starts it again', async () => {
    const injected = await ui.call('obs.drill.inject', { kind: 'stop_stream' });
    expect(injected).toMatchObject({ status: 'active', error: null });
    expect((await trainee.call('GetStreamStatus')).outputActive).toBe(false);
    await sleep(500);
    const from = ui.events.length;
    await trainee.call('StartStream');
    const done = await ui.waitEvent<ObsDrillRecord>('obs.drill', (d) => d.id === injected.id && d.status === 'recovered', 15_000, from);
    expect(done.payload.actions.map((a) => a.description)).toEqual(['推流正在开始', '推流已开始']);
    expect(done.payload.timeToDetectMs ?? 0).toBeGreaterThanOrEqual(400);
    process.stderr.write(`[obs-stream] stop_stream: detected +${done.payload.timeToDetectMs ?? '?'} ms, recovered +${done.payload.timeToRecoverMs ?? '?'} ms\n`);
    await ui.waitEvent<ObsTelemetrySample>('obs.telemetry', streaming, 15_000, done.index);
  });

  it('nginx stops mid-stream: reconnecting shows in the inventory and the telemetry; back when nginx is', async () => {
    const from = ui.events.length;
    await nginx.stopServer();
    const inv = await ui.waitEvent<ObsInventory>('obs.inventory', (i) => i.stream.reconnecting || !i.stream.active, 20_000, from);
    expect(inv.payload.stream.state).toMatch(/RECONNECTING|STOPPED/);
    const sample = await ui.waitEvent<ObsTelemetrySample>('obs.telemetry', (s) => s.stream.reconnecting || !s.stream.active, 20_000, from);
    if (sample.payload.stream.reconnecting) {
      expect(sample.payload.level).toBe('bad');
      expect(sample.payload.problems.map((p) => p.message).join()).toMatch(/正在重连/);
      expect((await ui.call('obs.check', {})).verdict.reasons.map((r) => r.code)).toContain('stream_reconnecting');
    }
    await nginx.startServer();
    await ui.waitEvent<ObsTelemetrySample>('obs.telemetry', streaming, 45_000, sample.index);
  });

  it('ending the task restarts a stream a drill stopped', async () => {
    expect((await ui.call('obs.drill.inject', { kind: 'stop_stream' })).status).toBe('active');
    const { drills } = await ui.call('obs.drill.restoreAll', {});
    expect(drills.at(-1)).toMatchObject({ kind: 'stop_stream', status: 'restored', error: null, actions: [] });
    await waitUntil('stream running again', 15_000, async () => (await trainee.call('GetStreamStatus')).outputActive);
    expect(ui.badEvents).toEqual([]);
  });
});
