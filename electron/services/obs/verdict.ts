// The verdict of an OBS check (the device-check item and `livedrill obs check`): can OBS be used
// for a live task, and what should the trainee fix first. Pure.
import type { HealthLevel, ObsConnectionState, ObsInventory, ObsTelemetrySample, ObsVerdict, ObsVerdictReason } from '../../../scenarios/obs/records.ts';
import { programItems } from './inventory.ts';
import { worst } from './telemetry.ts';

export interface VerdictInput {
  state: ObsConnectionState;
  inventory: ObsInventory | null;
  sample: ObsTelemetrySample | null;
}

/** Below this a microphone is as good as silent for the audience. */
export const QUIET_MIC_DB = -30;

export function judgeObs({ state, inventory, sample }: VerdictInput): ObsVerdict {
  const reasons: ObsVerdictReason[] = [];
  const add = (code: string, level: HealthLevel, message: string) => reasons.push({ code, level, message });

  if (state.phase !== 'connected') {
    const e = state.error;
    add(e?.code ?? 'not_connected', 'bad', e ? `${e.message}（${e.cause}）` : '没有连接 OBS。');
    return { usable: false, level: 'bad', reasons };
  }
  for (const d of state.degraded) add('degraded', 'warn', `这台 OBS 不支持 ${d.request}：${d.feature}不可用。`);

  let usable = true;
  if (!inventory) {
    add('no_inventory', 'bad', '读不到 OBS 的场景和来源。');
    usable = false;
  } else {
    if (inventory.programScene === null) {
      add('no_program_scene', 'bad', 'OBS 没有节目场景。');
      usable = false;
    } else {
      const items = programItems(inventory);
      if (items.length === 0) add('empty_scene', 'warn', `节目场景「${inventory.programScene}」是空的：观众会看到黑屏。`);
      else if (!items.some((x) => x.item.enabled)) add('nothing_visible', 'warn', `节目场景「${inventory.programScene}」中的源都被隐藏了：观众会看到黑屏。`);
      const cameras = items.filter((x) => x.input?.role === 'camera');
      if (cameras.length === 0) add('no_camera', 'warn', `节目场景「${inventory.programScene}」中没有摄像头源（视频采集设备）。`);
      else if (!cameras.some((x) => x.item.enabled)) add('camera_hidden', 'warn', `节目场景中的摄像头「${cameras[0]?.item.sourceName ?? ''}」被隐藏了。`);
    }
    const mics = inventory.inputs.filter((i) => i.role === 'microphone' && i.audio !== null);
    if (mics.length === 0) add('no_microphone', 'warn', 'OBS 中没有麦克风输入（音频输入采集）：观众听不到讲解。');
    else if (mics.every((m) => m.audio?.muted === true)) add('microphone_muted', 'warn', `麦克风「${mics[0]?.name ?? ''}」处于静音状态。`);
    else if (mics.every((m) => m.audio?.muted === true || (m.audio?.volumeDb ?? 0) < QUIET_MIC_DB)) {
      add('microphone_quiet', 'warn', `麦克风「${mics[0]?.name ?? ''}」音量很低（低于 ${QUIET_MIC_DB} dB）。`);
    }
    if (inventory.stream.reconnecting) add('stream_reconnecting', 'bad', '推流断开，OBS 正在重连直播服务器：检查网络和推流地址。');
  }

  if (!sample) {
    add('no_telemetry', 'bad', '读不到 OBS 的运行数据（GetStats）。');
    usable = false;
  } else {
    for (const p of sample.problems) {
      if (p.metric === 'stream_reconnecting' && reasons.some((r) => r.code === 'stream_reconnecting')) continue;
      add(p.metric, p.level, p.message);
    }
  }
  const level = worst(reasons.map((r) => r.level));
  return { usable, level, reasons };
}
