import { describe, expect, it } from 'vitest';
import type { ObsInventory } from '../../scenarios/obs/records.ts';
import { ObsDrillRecord } from '../../scenarios/obs/records.ts';
import {
  isRecovered,
  lowVolumeDb,
  newDrill,
  observe,
  observeDrill,
  outputPhase,
  restoreDrill,
  selectDrill,
  TEMP_WRONG_SCENE,
  volumeRecoveredDb,
} from '../../electron/services/obs/drills.ts';
import { applyEvent, buildInventory, idleRecord, idleStream, OUTPUT } from '../../electron/services/obs/inventory.ts';

function inventory(scenes = ['直播间', '暂停画面']): ObsInventory {
  return buildInventory(
    {
      programScene: '直播间',
      previewScene: null,
      scenes: scenes.map((sceneName, i) => ({ sceneName, sceneIndex: scenes.length - 1 - i })),
      inputs: [
        { inputName: '麦克风', inputKind: 'pulse_input_capture', unversionedInputKind: 'pulse_input_capture' },
        { inputName: '摄像头', inputKind: 'v4l2_input', unversionedInputKind: 'v4l2_input' },
      ],
      sceneItems: {
        直播间: [
          { sceneItemId: 2, sourceName: '摄像头', inputKind: 'v4l2_input', sceneItemEnabled: true, sceneItemIndex: 1 },
          { sceneItemId: 3, sourceName: '麦克风', inputKind: 'pulse_input_capture', sceneItemEnabled: true, sceneItemIndex: 0 },
        ],
      },
      audio: { 麦克风: { muted: false, volumeDb: -3, volumeMul: 0.7 }, 摄像头: null },
      stream: { ...idleStream(), active: true, state: OUTPUT.started },
      record: idleRecord(),
    },
    1,
    0,
  );
}

/** Runs a drill against an inventory fed with events, as the bridge does. */
function run(kind: Parameters<typeof selectDrill>[0], inv: ObsInventory) {
  const sel = selectDrill(kind, inv);
  if (!sel.ok) throw new Error(sel.error.message);
  let record = newDrill({ id: 'd1', kind, target: sel.target, before: sel.before, broken: sel.broken, at: 1000 });
  let current = inv;
  return {
    sel,
    get record() {
      return record;
    },
    event(name: string, data: unknown, at: number) {
      current = applyEvent(current, name, data, at).inventory;
      record = observeDrill(record, observe(kind, sel.target, current), at);
      return record;
    },
  };
}

describe('drill targets', () => {
  it('finds the microphone, the camera in the program scene, another scene, a running stream', () => {
    const inv = inventory();
    expect(selectDrill('mute_mic', inv)).toMatchObject({ ok: true, target: { inputName: '麦克风' }, before: { muted: false }, broken: { muted: true } });
    expect(selectDrill('mic_volume_low', inv)).toMatchObject({ ok: true, before: { volumeDb: -3 }, broken: { volumeDb: -40 } });
    expect(selectDrill('hide_camera', inv)).toMatchObject({ ok: true, target: { sceneName: '直播间', sceneItemId: 2, inputName: '摄像头' } });
    expect(selectDrill('wrong_scene', inv)).toMatchObject({ ok: true, target: { wrongScene: '暂停画面' }, before: { programScene: '直播间' } });
    expect(selectDrill('stop_stream', inv).ok).toBe(true);
  });

  it('says why a drill cannot start', () => {
    const inv = inventory();
    const noRecord = selectDrill('stop_record', inv);
    expect(noRecord.ok ? null : noRecord.error).toMatchObject({ code: 'wrong_state' });
    const named = selectDrill('mute_mic', inv, { inputName: '不存在' });
    expect(named.ok ? null : named.error.message).toMatch(/没有名为「不存在」的输入/);
    const muted = applyEvent(inv, 'InputMuteStateChanged', { inputName: '麦克风', inputMuted: true }, 1).inventory;
    const again = selectDrill('mute_mic', muted);
    expect(again.ok ? null : again.error.message).toMatch(/已经是静音/);
  });

  it('with a single scene, wrong_scene asks for a temporary scene', () => {
    expect(selectDrill('wrong_scene', inventory(['直播间']))).toMatchObject({ ok: true, target: { wrongScene: null }, broken: { programScene: TEMP_WRONG_SCENE } });
  });

  it('very low volume and what counts as audible again', () => {
    expect(lowVolumeDb(0)).toBe(-40);
    expect(lowVolumeDb(-30)).toBe(-50);
    expect(volumeRecoveredDb(0)).toBe(-20);
    expect(volumeRecoveredDb(-30)).toBe(-36);
  });
});

describe('drill state machine', () => {
  it('mute: the echo of the injection is no action; unmuting detects and recovers', () => {
    const d = run('mute_mic', inventory());
    d.event('InputMuteStateChanged', { inputName: '麦克风', inputMuted: true }, 1005); // echo
    expect(d.record).toMatchObject({ status: 'active', detectedAt: null, actions: [] });
    d.event('InputVolumeChanged', { inputName: '麦克风', inputVolumeDb: -10, inputVolumeMul: 0.3 }, 2000); // not watched
    expect(d.record.status).toBe('active');
    const r = d.event('InputMuteStateChanged', { inputName: '麦克风', inputMuted: false }, 4500);
    expect(r).toMatchObject({ status: 'recovered', detectedAt: 4500, recoveredAt: 4500, timeToDetectMs: 3500, timeToRecoverMs: 3500 });
    expect(r.actions.map((a) => a.description)).toEqual(['取消静音「麦克风」']);
    expect(ObsDrillRecord.parse(r)).toEqual(r);
  });

  it('volume: a wrong first try detects, the right one recovers', () => {
    const d = run('mic_volume_low', inventory());
    d.event('InputVolumeChanged', { inputName: '麦克风', inputVolumeDb: -40, inputVolumeMul: 0.01 }, 1001);
    d.event('InputVolumeChanged', { inputName: '麦克风', inputVolumeDb: -30, inputVolumeMul: 0.03 }, 3000);
    expect(d.record).toMatchObject({ status: 'detected', detectedAt: 3000, recoveredAt: null });
    d.event('InputVolumeChanged', { inputName: '麦克风', inputVolumeDb: -6, inputVolumeMul: 0.5 }, 5000);
    expect(d.record).toMatchObject({ status: 'recovered', recoveredAt: 5000, timeToRecoverMs: 4000 });
    expect(d.record.actions).toHaveLength(2);
    expect(d.record.actions[0]?.description).toBe('把「麦克风」的音量调到 -30.0 dB');
  });

  it('stream: STOPPING/STOPPED echoes are no action; STARTING detects, STARTED recovers', () => {
    const d = run('stop_stream', inventory());
    d.event('StreamStateChanged', { outputActive: false, outputState: OUTPUT.stopping }, 1010);
    d.event('StreamStateChanged', { outputActive: false, outputState: OUTPUT.stopped }, 1200);
    expect(d.record.status).toBe('active');
    d.event('StreamStateChanged', { outputActive: false, outputState: OUTPUT.starting }, 6000);
    expect(d.record).toMatchObject({ status: 'detected', detectedAt: 6000 });
    d.event('StreamStateChanged', { outputActive: true, outputState: OUTPUT.started }, 6400);
    expect(d.record).toMatchObject({ status: 'recovered', recoveredAt: 6400 });
    expect(d.record.actions.map((a) => a.description)).toEqual(['推流正在开始', '推流已开始']);
  });

  it('camera and scene drills', () => {
    const cam = run('hide_camera', inventory());
    cam.event('SceneItemEnableStateChanged', { sceneName: '直播间', sceneItemId: 2, sceneItemEnabled: true }, 2500);
    expect(cam.record).toMatchObject({ status: 'recovered', timeToRecoverMs: 1500 });
    const scene = run('wrong_scene', inventory(['直播间', '暂停画面', '商品特写']));
    scene.event('CurrentProgramSceneChanged', { sceneName: '暂停画面' }, 1001); // echo
    scene.event('CurrentProgramSceneChanged', { sceneName: '商品特写' }, 2000);
    expect(scene.record.status).toBe('detected');
    scene.event('CurrentProgramSceneChanged', { sceneName: '直播间' }, 3000);
    expect(scene.record).toMatchObject({ status: 'recovered', detectedAt: 2000, recoveredAt: 3000 });
  });

  it('restoring at task end closes the drill; later events are not trainee actions', () => {
    const d = run('mute_mic', inventory());
    const restored = restoreDrill(d.record, 9000);
    expect(restored).toMatchObject({ status: 'restored', restoredAt: 9000, recoveredAt: null });
    expect(observeDrill(restored, { muted: false }, 9001)).toBe(restored);
  });

  it('recovery rules per kind', () => {
    expect(isRecovered('stop_record', {}, { outputState: 'started' })).toBe(true);
    expect(isRecovered('stop_record', {}, { outputState: 'starting' })).toBe(false);
    expect(isRecovered('wrong_scene', { programScene: 'A' }, { programScene: 'A' })).toBe(true);
    expect(outputPhase(OUTPUT.reconnected)).toBe('started');
    expect(outputPhase(OUTPUT.stopping)).toBe('stopped');
  });
});
