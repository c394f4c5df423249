// The faults a session can have and the remedies a trainee can choose for each (5:1.3.1 能提出断网、
// 断电等简单故障解决方法; 4:6.1.2 能排除现场设备故障). A remedy that fixes the fault takes
// `takesSec` before the room is back; one that does not is recorded as a wrong choice.
import { DRILL_TITLES } from '../obs/records.ts';
import type { FaultKind } from '../format/schema.ts';

/** Scripted faults plus camera_lost, which comes from the device (the browser lost the camera). */
export type SessionFaultKind = FaultKind | 'camera_lost';

/** What viewers experience: the stream is gone, they hear nothing, they see nothing, or nothing at all. */
export type FaultImpact = 'stream_down' | 'no_sound' | 'no_picture' | 'none';

export interface Remedy {
  id: string;
  label: string;
  fixes: boolean;
  /** Seconds from choosing it until the room is back (only when it fixes the fault). */
  takesSec: number;
}

export interface FaultInfo {
  title: string;
  impact: FaultImpact;
  /** Leaving strength relative to the impact's full strength (mic_volume_low is half a mute). */
  strength: number;
  remedies: readonly Remedy[];
}

const r = (id: string, label: string, fixes: boolean, takesSec = 0): Remedy => ({ id, label, fixes, takesSec });

export const FAULTS: Readonly<Record<SessionFaultKind, FaultInfo>> = {
  network_drop: {
    title: '直播间断网',
    impact: 'stream_down',
    strength: 1,
    remedies: [
      r('switch_network', '切换到备用网络（手机热点 / 4G 路由器）后重新推流', true, 8),
      r('restart_router', '重启路由器，等网络恢复后重新推流', true, 60),
      r('reconnect_stream', '不换网络，直接点重新推流', false),
      r('restart_computer', '重启电脑', false),
      r('wait', '什么都不做，等网络自己恢复', false),
    ],
  },
  power_cut: {
    title: '直播间断电',
    impact: 'stream_down',
    strength: 1,
    remedies: [
      r('switch_ups', '启用 UPS / 移动电源为电脑和路由器供电，重新推流', true, 10),
      r('backup_phone', '用充满电的备用手机开播，向观众说明情况', true, 30),
      r('wait_power', '等待来电', false),
      r('end_live', '直接下播', false),
    ],
  },
  mute_mic: {
    title: DRILL_TITLES.mute_mic,
    impact: 'no_sound',
    strength: 1,
    remedies: [r('unmute_mic', '在 OBS 混音器中取消麦克风静音', true, 2), r('replug_mic', '重新插拔麦克风', false), r('speak_louder', '提高说话音量', false)],
  },
  mic_volume_low: {
    title: DRILL_TITLES.mic_volume_low,
    impact: 'no_sound',
    strength: 0.5,
    remedies: [r('raise_volume', '在 OBS 混音器中把麦克风音量调回 0 dB 左右', true, 3), r('speak_louder', '提高说话音量', false), r('replug_mic', '重新插拔麦克风', false)],
  },
  hide_camera: {
    title: DRILL_TITLES.hide_camera,
    impact: 'no_picture',
    strength: 1,
    remedies: [r('show_camera', '在 OBS 来源列表中重新显示摄像头', true, 2), r('replug_camera', '重新插拔摄像头', false), r('restart_obs', '重启 OBS', false)],
  },
  wrong_scene: {
    title: DRILL_TITLES.wrong_scene,
    impact: 'no_picture',
    strength: 1,
    remedies: [r('switch_scene', '在 OBS 中切回直播场景', true, 2), r('restart_obs', '重启 OBS', false), r('replug_camera', '重新插拔摄像头', false)],
  },
  stop_stream: {
    title: DRILL_TITLES.stop_stream,
    impact: 'stream_down',
    strength: 1,
    remedies: [r('start_stream', '在 OBS 中重新开始推流', true, 5), r('restart_computer', '重启电脑', false), r('wait', '等待自动恢复', false)],
  },
  stop_record: {
    title: DRILL_TITLES.stop_record,
    impact: 'none',
    strength: 0,
    remedies: [r('start_record', '在 OBS 中重新开始录制', true, 2), r('ignore', '不影响直播，先不管', false)],
  },
  camera_lost: {
    title: '摄像头断开',
    impact: 'no_picture',
    strength: 1,
    remedies: [r('reconnect_camera', '检查并重新连接摄像头（或换备用摄像头）', true, 0), r('ignore', '先不管，继续讲', false)],
  },
};

/** Comments viewers post while they cannot see or hear the room. */
export const REACTIONS: Readonly<Record<Exclude<FaultImpact, 'none'>, readonly string[]>> = {
  stream_down: ['卡了吗？', '怎么不动了', '画面卡住了', '主播网卡了？', '直播间怎么了'],
  no_sound: ['没声音了？', '主播说话啊', '听不到声音', '麦克风坏了吗', '声音太小了'],
  no_picture: ['黑屏了？', '看不到主播了', '画面呢？', '怎么换画面了', '镜头没了'],
};

export function remedyFor(kind: SessionFaultKind, remedyId: string): Remedy | undefined {
  return FAULTS[kind].remedies.find((x) => x.id === remedyId);
}
