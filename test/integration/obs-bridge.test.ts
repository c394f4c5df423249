// The OBS bridge against a real OBS 29 (headless, Xvfb): password handling, inventory kept
// current, telemetry, every device drill injected and fixed with times measured, restoring at
// task end, recording with its file, the CLI check. The "trainee" is a second obs-websocket
// client acting on OBS, which is what OBS's own buttons do.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OBSWebSocket } from 'obs-websocket-js/json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObsDrillRecord, ObsInventory, ObsTelemetrySample } from '../../scenarios/obs/records.ts';
import { run } from '../../electron/cli/main.ts';
import { createObsClient } from '../../electron/services/obs/client.ts';
import { ObsBridgeError } from '../../electron/services/obs/errors.ts';
import { createServices, type Services } from '../../electron/services/host.ts';
import { requirePeer } from '../harness/peers.ts';
import { contractClient, DRILL_CAMERA, DRILL_MIC, DRILL_OTHER_SCENE, DRILL_SCENE, obsMissing, sleep, startObs, waitUntil, type ObsInstance } from '../harness/obs.ts';

const runs = requirePeer('OBS Studio (integration: obs-bridge)', obsMissing());

describe.skipIf(!runs)('OBS bridge against a real OBS', () => {
  let obs: ObsInstance;
  let dataDir: string;
  let services: Services;
  let ui: ReturnType<typeof contractClient>;
  let trainee: OBSWebSocket;
  const password = 'testpass123';
  const timings: string[] = [];

  beforeAll(async () => {
    obs = await startObs({ password });
    dataDir = mkdtempSync(join(tmpdir(), 'livedrill-obsdata-'));
    services = createServices({ dataDir });
    ui = contractClient(services.handlers, services.events);
    trainee = new OBSWebSocket();
    await trainee.connect(obs.url, password);
  });

  afterAll(async () => {
    if (timings.length > 0) process.stderr.write(`\n[obs-bridge] measured:\n  ${timings.join('\n  ')}\n`);
    await (trainee as OBSWebSocket | undefined)?.disconnect().catch(() => undefined);
    await (services as Services | undefined)?.close();
    await (obs as ObsInstance | undefined)?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const latestInventory = async () => (await ui.call('obs.inventory', {})).inventory as ObsInventory;

  it('wrong password: auth_failed in Chinese, no retry, nothing stored', async () => {
    const state = await ui.call('obs.connect', { url: obs.url, password: 'not-the-password' });
    expect(state.phase).toBe('failed');
    expect(state.error?.code).toBe('auth_failed');
    expect(state.error?.message).toMatch(/密码错误/);
    expect(state.error?.cause).toMatch(/4009/);
    await sleep(1500);
    expect((await ui.call('obs.status', {})).phase).toBe('failed');
    expect(existsSync(join(dataDir, 'secrets', 'secrets.json'))).toBe(false);
  });

  it('no password at all: password_required', async () => {
    const state = await ui.call('obs.connect', { url: obs.url, autoReconnect: false });
    expect(state.error?.code).toBe('password_required');
  });

  it('connects; the password is kept in a 0600 file and never reaches the UI', async () => {
    const started = performance.now();
    const state = await ui.call('obs.connect', { url: obs.url, password });
    timings.push(`connect + inventory: ${Math.round(performance.now() - started)} ms`);
    expect(state).toMatchObject({ phase: 'connected', obsVersion: expect.stringMatching(/^(2[89]|[3-9]\d)\./) as unknown, rpcVersion: 1, hasStoredPassword: true, error: null });
    const file = join(dataDir, 'secrets', 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain(password);
    // Reconnect with no password: the stored one is used.
    await ui.call('obs.disconnect', {});
    expect((await ui.call('obs.connect', { url: obs.url })).phase).toBe('connected');
    await ui.waitEvent('obs.telemetry', () => true, 5000);
    expect(JSON.stringify(ui.events)).not.toContain(password);
    expect(ui.badEvents).toEqual([]);
  });

  it('inventory: scenes, program scene, inputs with roles and audio, scene items', async () => {
    const inv = await latestInventory();
    expect(inv.programScene).toBe(DRILL_SCENE);
    expect(inv.scenes.map((s) => s.name)).toEqual([DRILL_SCENE, DRILL_OTHER_SCENE]);
    expect(inv.inputs.find((i) => i.name === DRILL_MIC)).toMatchObject({ role: 'microphone', audio: { muted: false, volumeDb: 0 } });
    expect(inv.inputs.find((i) => i.name === DRILL_CAMERA)).toMatchObject({ role: 'camera', audio: null });
    expect(inv.scenes[0]?.items.map((i) => [i.sourceName, i.enabled])).toEqual([
      [DRILL_MIC, true],
      [DRILL_CAMERA, true],
      ['背景', true],
    ]);
    expect(inv.stream.active).toBe(false);
  });

  it('inventory is kept current from OBS events (and the latency measured)', async () => {
    const cases: [string, () => Promise<unknown>, (i: ObsInventory) => boolean][] = [
      ['mute', () => trainee.call('SetInputMute', { inputName: DRILL_MIC, inputMuted: true }), (i) => i.inputs.find((x) => x.name === DRILL_MIC)?.audio?.muted === true],
      ['volume', () => trainee.call('SetInputVolume', { inputName: DRILL_MIC, inputVolumeDb: -12 }), (i) => Math.abs((i.inputs.find((x) => x.name === DRILL_MIC)?.audio?.volumeDb ?? 0) + 12) < 0.1],
      ['hide', () => trainee.call('SetSceneItemEnabled', { sceneName: DRILL_SCENE, sceneItemId: 2, sceneItemEnabled: false }), (i) => i.scenes[0]?.items.find((x) => x.id === 2)?.enabled === false],
      ['scene', () => trainee.call('SetCurrentProgramScene', { sceneName: DRILL_OTHER_SCENE }), (i) => i.programScene === DRILL_OTHER_SCENE],
      ['new input (reload)', () => trainee.call('CreateInput', { sceneName: DRILL_OTHER_SCENE, inputName: '商品图', inputKind: 'color_source_v3', inputSettings: {} }), (i) => i.inputs.some((x) => x.name === '商品图')],
      ['removed input (reload)', () => trainee.call('RemoveInput', { inputName: '商品图' }), (i) => !i.inputs.some((x) => x.name === '商品图')],
    ];
    for (const [label, act, seen] of cases) {
      const from = ui.events.length;
      const t0 = performance.now();
      await act();
      const got = await ui.waitEvent<ObsInventory>('obs.inventory', seen, 5000, from);
      timings.push(`OBS change → obs.inventory event (${label}): ${(got.t - t0).toFixed(1)} ms`);
      expect(got.t - t0).toBeLessThan(2000);
    }
    // Back to the starting point for the drills.
    await trainee.call('SetInputMute', { inputName: DRILL_MIC, inputMuted: false });
    await trainee.call('SetInputVolume', { inputName: DRILL_MIC, inputVolumeDb: 0 });
    await trainee.call('SetSceneItemEnabled', { sceneName: DRILL_SCENE, sceneItemId: 2, sceneItemEnabled: true });
    await trainee.call('SetCurrentProgramScene', { sceneName: DRILL_SCENE });
    await waitUntil('inventory back to start', 5000, async () => {
      const i = await latestInventory();
      return i.programScene === DRILL_SCENE && i.inputs.find((x) => x.name === DRILL_MIC)?.audio?.muted === false;
    });
  });

  it('telemetry: one sample a second with interval figures, kept as history', async () => {
    const from = ui.events.length;
    const a = await ui.waitEvent<ObsTelemetrySample>('obs.telemetry', (s) => s.intervalMs !== null, 5000, from);
    const b = await ui.waitEvent<ObsTelemetrySample>('obs.telemetry', (s) => s.seq > a.payload.seq, 5000, a.index + 1);
    expect(b.payload.intervalMs).toBeGreaterThan(700);
    expect(b.payload.intervalMs).toBeLessThan(1600);
    expect(b.payload.targetFps).toBe(30);
    expect(b.payload.fps).toBeGreaterThan(0);
    expect(b.payload.renderLag.total).toBeGreaterThan(0);
    expect(['good', 'warn', 'bad']).toContain(b.payload.level);
    const history = await ui.call('obs.telemetry', { sinceSeq: a.payload.seq - 1 });
    expect(history.samples.map((s) => s.seq).slice(0, 2)).toEqual([a.payload.seq, b.payload.seq]);
    const check = await ui.call('obs.check', {});
    expect(check.verdict.usable).toBe(true);
  });

  async function drill(kind: ObsDrillRecord['kind'], fix: () => Promise<unknown>, broken: () => Promise<boolean>) {
    const injected = await ui.call('obs.drill.inject', { kind });
    expect(injected.error).toBeNull();
    expect(injected.status).toBe('active');
    expect(await broken()).toBe(true); // OBS really changed
    await sleep(400); // the trainee notices
    const from = ui.events.length;
    await fix();
    const done = await ui.waitEvent<ObsDrillRecord>('obs.drill', (d) => d.id === injected.id && d.status === 'recovered', 15_000, from);
    const r = done.payload;
    expect(r.detectedAt).not.toBeNull();
    expect(r.detectedAt ?? 0).toBeGreaterThanOrEqual(r.injectedAt + 300);
    expect(r.timeToRecoverMs).toBeGreaterThanOrEqual(300);
    expect(r.timeToRecoverMs).toBeLessThan(5000);
    expect(r.actions.length).toBeGreaterThanOrEqual(1);
    timings.push(`drill ${kind}: detected +${r.timeToDetectMs ?? '?'} ms, recovered +${r.timeToRecoverMs ?? '?'} ms, actions: ${r.actions.map((a) => a.description).join(' / ')}`);
    return r;
  }

  it('drill: mute the microphone → the trainee unmutes', async () => {
    const r = await drill(
      'mute_mic',
      () => trainee.call('SetInputMute', { inputName: DRILL_MIC, inputMuted: false }),
      async () => (await trainee.call('GetInputMute', { inputName: DRILL_MIC })).inputMuted,
    );
    expect(r.actions.map((a) => a.description)).toEqual([`取消静音「${DRILL_MIC}」`]);
    expect(r.skills).toContain('4:6.1.2');
  });

  it('drill: microphone volume very low → a wrong try, then audible again', async () => {
    const r = await drill(
      'mic_volume_low',
      async () => {
        await trainee.call('SetInputVolume', { inputName: DRILL_MIC, inputVolumeDb: -35 });
        await sleep(200);
        await trainee.call('SetInputVolume', { inputName: DRILL_MIC, inputVolumeDb: -3 });
      },
      async () => (await trainee.call('GetInputVolume', { inputName: DRILL_MIC })).inputVolumeDb <= -39.9,
    );
    expect(r.actions).toHaveLength(2);
    expect((r.recoveredAt ?? 0) - (r.detectedAt ?? 0)).toBeGreaterThanOrEqual(150);
    await trainee.call('SetInputVolume', { inputName: DRILL_MIC, inputVolumeDb: 0 });
  });

  it('drill: hide the camera source → shown again', async () => {
    await drill(
      'hide_camera',
      () => trainee.call('SetSceneItemEnabled', { sceneName: DRILL_SCENE, sceneItemId: 2, sceneItemEnabled: true }),
      async () => !(await trainee.call('GetSceneItemEnabled', { sceneName: DRILL_SCENE, sceneItemId: 2 })).sceneItemEnabled,
    );
  });

  it('drill: wrong program scene → switched back', async () => {
    await drill(
      'wrong_scene',
      () => trainee.call('SetCurrentProgramScene', { sceneName: DRILL_SCENE }),
      async () => (await trainee.call('GetCurrentProgramScene')).currentProgramSceneName === DRILL_OTHER_SCENE,
    );
  });

  it('drill: wrong scene with a single scene uses a temporary scene and removes it', async () => {
    await trainee.call('RemoveScene', { sceneName: DRILL_OTHER_SCENE });
    await waitUntil('scene removed in inventory', 5000, async () => (await latestInventory()).scenes.length === 1);
    const r = await drill(
      'wrong_scene',
      () => trainee.call('SetCurrentProgramScene', { sceneName: DRILL_SCENE }),
      async () => (await trainee.call('GetCurrentProgramScene')).currentProgramSceneName.startsWith('LiveDrill'),
    );
    expect(r.broken.programScene).toMatch(/^LiveDrill/);
    await waitUntil('temporary scene removed', 5000, async () => (await trainee.call('GetSceneList')).scenes.length === 1);
    await trainee.call('CreateScene', { sceneName: DRILL_OTHER_SCENE });
    await waitUntil('scene back in inventory', 5000, async () => (await latestInventory()).scenes.length === 2);
  });

  it('a drill that cannot run says why (and is recorded as failed)', async () => {
    const r = await ui.call('obs.drill.inject', { kind: 'stop_stream' });
    expect(r).toMatchObject({ status: 'failed', error: { code: 'wrong_state' } });
    expect(r.error?.message).toMatch(/推流没有在进行/);
    const named = await ui.call('obs.drill.inject', { kind: 'mute_mic', target: { inputName: '不存在的麦克风' } });
    expect(named.error?.code).toBe('not_found');
  });

  it('ending the task restores what open drills changed', async () => {
    const kinds = ['mute_mic', 'mic_volume_low', 'hide_camera', 'wrong_scene'] as const;
    for (const kind of kinds) expect((await ui.call('obs.drill.inject', { kind })).status).toBe('active');
    expect(await trainee.call('GetInputMute', { inputName: DRILL_MIC })).toEqual({ inputMuted: true });
    const { drills } = await ui.call('obs.drill.restoreAll', {});
    const ours = drills.filter((d) => (kinds as readonly string[]).includes(d.kind) && d.status !== 'recovered' && d.status !== 'failed');
    expect(ours.map((d) => d.status)).toEqual(['restored', 'restored', 'restored', 'restored']);
    for (const d of ours) {
      expect(d.restoredAt).not.toBeNull();
      expect(d.actions).toEqual([]); // our own restore is not a trainee action
      expect(d.error).toBeNull();
    }
    expect(await trainee.call('GetInputMute', { inputName: DRILL_MIC })).toEqual({ inputMuted: false });
    expect((await trainee.call('GetInputVolume', { inputName: DRILL_MIC })).inputVolumeDb).toBeCloseTo(0, 1);
    expect((await trainee.call('GetSceneItemEnabled', { sceneName: DRILL_SCENE, sceneItemId: 2 })).sceneItemEnabled).toBe(true);
    expect((await trainee.call('GetCurrentProgramScene')).currentProgramSceneName).toBe(DRILL_SCENE);
    expect((await ui.call('obs.drill.list', {})).drills).toEqual([]);
  });

  it('recording: start, stop with the file path; a stop_record drill makes a second file', async () => {
    const started = await ui.call('obs.recording.start', {});
    expect(started.record.active).toBe(true);
    expect(started.files.at(-1)).toMatchObject({ stoppedAt: null, local: true });
    const first = started.files.at(-1)?.path ?? '';
    expect(first.startsWith(obs.recordingsDir)).toBe(true);
    await sleep(1500);

    const r = await drill(
      'stop_record',
      () => trainee.call('StartRecord'),
      async () => !(await trainee.call('GetRecordStatus')).outputActive,
    );
    expect(r.actions.at(-1)?.description).toBe('录制已开始');
    await sleep(1200);
    const stopped = await ui.call('obs.recording.stop', {});
    expect(stopped.record.active).toBe(false);
    expect(stopped.files).toHaveLength(2);
    expect(stopped.outputPath).toBe(stopped.files[1]?.path);
    for (const f of stopped.files) {
      expect(f.stoppedAt).not.toBeNull();
      expect(statSync(f.path).size).toBeGreaterThan(1000);
    }
    expect(stopped.files[0]?.path).toBe(first);
  });

  it('a request this OBS does not know (204) is a clear error and the connection stays up', async () => {
    const client = createObsClient({ events: [], onEvent: () => undefined, onClose: () => undefined });
    await client.connect(obs.url, password, 5000);
    try {
      const error = await client.call('CreateRecordChapter', { chapterName: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ObsBridgeError);
      expect((error as ObsBridgeError).obs).toMatchObject({ code: 'unknown_request' });
      expect((error as ObsBridgeError).obs.message).toMatch(/不支持请求 CreateRecordChapter/);
      expect(await client.call('GetVersion')).toMatchObject({ obsWebSocketVersion: expect.any(String) as unknown });
    } finally {
      await client.disconnect();
    }
    expect((await ui.call('obs.status', {})).phase).toBe('connected');
  });

  it('livedrill obs check: exit 0 with the verdict; exit 1 with a wrong password', async () => {
    const good = join(dataDir, 'pw-good');
    const bad = join(dataDir, 'pw-bad');
    writeFileSync(good, `${password}\n`, { mode: 0o600 });
    writeFileSync(bad, 'nope\n', { mode: 0o600 });
    const io = () => {
      const out: string[] = [];
      return { out, io: { out: (t: string) => out.push(t), err: (t: string) => out.push(t) } };
    };
    const ok = io();
    expect(await run(['obs', 'check', '--url', obs.url, '--password-file', good], ok.io)).toBe(0);
    expect(ok.out.join('\n')).toMatch(/OBS 29|OBS [3-9]\d/);
    expect(ok.out.join('\n')).toMatch(/结论 verdict: 可用 usable/);
    const json = io();
    expect(await run(['obs', 'check', '--url', obs.url, '--password-file', good, '--json'], json.io)).toBe(0);
    const report = JSON.parse(json.out.join('')) as { verdict: { usable: boolean }; sample: { intervalMs: number } };
    expect(report.verdict.usable).toBe(true);
    expect(report.sample.intervalMs).toBeGreaterThan(500);
    const wrong = io();
    expect(await run(['obs', 'check', '--url', obs.url, '--password-file', bad], wrong.io)).toBe(1);
    expect(wrong.out.join('\n')).toMatch(/密码错误/);
  });
});
