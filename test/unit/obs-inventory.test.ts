import { describe, expect, it } from 'vitest';
import type { ObsInventory } from '../../scenarios/obs/records.ts';
import { applyEvent, buildInventory, dbOrFloor, idleRecord, idleStream, OUTPUT, programItems, roleOfKind, sameInventoryContent } from '../../electron/services/obs/inventory.ts';

function inventory(): ObsInventory {
  return buildInventory(
    {
      programScene: '直播间',
      previewScene: null,
      scenes: [
        { sceneName: '暂停画面', sceneIndex: 0 },
        { sceneName: '直播间', sceneIndex: 1 },
      ],
      inputs: [
        { inputName: '麦克风', inputKind: 'pulse_input_capture', unversionedInputKind: 'pulse_input_capture' },
        { inputName: '摄像头', inputKind: 'v4l2_input', unversionedInputKind: 'v4l2_input' },
        { inputName: '背景', inputKind: 'color_source_v3', unversionedInputKind: 'color_source' },
      ],
      sceneItems: {
        直播间: [
          { sceneItemId: 1, sourceName: '背景', inputKind: 'color_source_v3', isGroup: null, sceneItemEnabled: true, sceneItemIndex: 0 },
          { sceneItemId: 2, sourceName: '摄像头', inputKind: 'v4l2_input', isGroup: null, sceneItemEnabled: true, sceneItemIndex: 1 },
        ],
        暂停画面: [{ sceneItemId: 1, sourceName: '背景', inputKind: 'color_source_v3', isGroup: null, sceneItemEnabled: true, sceneItemIndex: 0 }],
      },
      audio: { 麦克风: { muted: false, volumeDb: 0, volumeMul: 1 }, 摄像头: null, 背景: null },
      stream: idleStream(),
      record: idleRecord(),
    },
    1,
    1000,
  );
}

describe('OBS inventory', () => {
  it('roles by input kind on every platform', () => {
    expect(['pulse_input_capture', 'wasapi_input_capture', 'coreaudio_input_capture'].map(roleOfKind)).toEqual(['microphone', 'microphone', 'microphone']);
    expect(['v4l2_input', 'dshow_input', 'av_capture_input', 'macos-avcapture'].map(roleOfKind)).toEqual(['camera', 'camera', 'camera', 'camera']);
    expect(roleOfKind('wasapi_output_capture')).toBe('desktop_audio');
    expect(roleOfKind('color_source')).toBe('other');
  });

  it('builds scenes in OBS list order (top first) and items top first', () => {
    const inv = inventory();
    expect(inv.scenes.map((s) => s.name)).toEqual(['直播间', '暂停画面']);
    expect(inv.scenes[0]?.items.map((i) => i.sourceName)).toEqual(['摄像头', '背景']);
    expect(inv.inputs.find((i) => i.name === '摄像头')).toMatchObject({ role: 'camera', audio: null });
    expect(programItems(inv).map((x) => x.input?.role)).toEqual(['camera', 'other']);
  });

  it('applies value events in place and bumps the revision', () => {
    let inv = inventory();
    const step = (name: string, data: unknown) => {
      const r = applyEvent(inv, name, data, 2000);
      inv = r.inventory;
      return r;
    };
    expect(step('InputMuteStateChanged', { inputName: '麦克风', inputMuted: true })).toMatchObject({ changed: true, reload: false });
    expect(inv.inputs[0]?.audio?.muted).toBe(true);
    expect(inv.revision).toBe(2);
    // The same value again (our own echo) changes nothing.
    expect(step('InputMuteStateChanged', { inputName: '麦克风', inputMuted: true }).changed).toBe(false);
    step('InputVolumeChanged', { inputName: '麦克风', inputVolumeDb: -40, inputVolumeMul: 0.01 });
    expect(inv.inputs[0]?.audio).toMatchObject({ volumeDb: -40, volumeMul: 0.01, muted: true });
    step('SceneItemEnableStateChanged', { sceneName: '直播间', sceneItemId: 2, sceneItemEnabled: false });
    expect(inv.scenes[0]?.items.find((i) => i.id === 2)?.enabled).toBe(false);
    step('CurrentProgramSceneChanged', { sceneName: '暂停画面' });
    expect(inv.programScene).toBe('暂停画面');
    step('InputNameChanged', { oldInputName: '摄像头', inputName: 'Camera' });
    expect(inv.scenes[0]?.items.find((i) => i.id === 2)?.sourceName).toBe('Camera');
    step('SceneNameChanged', { oldSceneName: '暂停画面', sceneName: 'BRB' });
    expect(inv.programScene).toBe('BRB');
  });

  it('tracks outputs, including reconnecting and the recording path', () => {
    let inv = inventory();
    inv = applyEvent(inv, 'StreamStateChanged', { outputActive: true, outputState: OUTPUT.started }, 3000).inventory;
    expect(inv.stream).toMatchObject({ active: true, reconnecting: false, changedAt: 3000 });
    inv = applyEvent(inv, 'StreamStateChanged', { outputActive: true, outputState: OUTPUT.reconnecting }, 4000).inventory;
    expect(inv.stream.reconnecting).toBe(true);
    inv = applyEvent(inv, 'RecordStateChanged', { outputActive: true, outputState: OUTPUT.started, outputPath: '/r/a.mkv' }, 5000).inventory;
    inv = applyEvent(inv, 'RecordStateChanged', { outputActive: false, outputState: OUTPUT.stopping, outputPath: null }, 6000).inventory;
    expect(inv.record).toMatchObject({ active: false, outputPath: '/r/a.mkv' });
  });

  it('structural events and unknown targets ask for a reload; junk is ignored', () => {
    const inv = inventory();
    expect(applyEvent(inv, 'SceneItemCreated', {}, 1).reload).toBe(true);
    expect(applyEvent(inv, 'CurrentSceneCollectionChanged', {}, 1).reload).toBe(true);
    expect(applyEvent(inv, 'InputMuteStateChanged', { inputName: 'new mic', inputMuted: true }, 1).reload).toBe(true);
    expect(applyEvent(inv, 'InputMuteStateChanged', { inputName: 42 }, 1)).toMatchObject({ changed: false, reload: false });
    expect(applyEvent(inv, 'SomethingNew', null, 1)).toMatchObject({ changed: false, reload: false });
  });

  it('a reload that finds the same content is no change (revision and time aside)', () => {
    const a = inventory();
    expect(sameInventoryContent(a, { ...a, revision: 9, updatedAt: 5 })).toBe(true);
    expect(sameInventoryContent(a, applyEvent(a, 'CurrentProgramSceneChanged', { sceneName: '暂停画面' }, 1).inventory)).toBe(false);
  });

  it("OBS's -inf dB (sent as null) becomes its floor", () => {
    expect(dbOrFloor(null)).toBe(-100);
    expect(dbOrFloor(-12.5)).toBe(-12.5);
    expect(dbOrFloor(-500)).toBe(-100);
  });
});
