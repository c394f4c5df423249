// INTERIM (issue 15, being removed): Chinese names for the places that still build Chinese text in
// the domain (improvements, the assessor's timeline and metric moments) until they carry codes and
// params as the engine now does. The UI's own words are in renderer/src/i18n/locales/engine-*.ts.
import type { Marker } from './types.ts';
import type { SessionFaultKind } from './remedies.ts';

export const FAULT_TITLE_ZH: Readonly<Record<SessionFaultKind, string>> = {
  network_drop: '直播间断网',
  power_cut: '直播间断电',
  mute_mic: '麦克风被静音',
  mic_volume_low: '麦克风音量过低',
  hide_camera: '摄像头画面被隐藏',
  wrong_scene: '切到了错误的场景',
  stop_stream: '推流中断',
  stop_record: '录制中断',
  camera_lost: '摄像头断开',
};

export const REMEDY_ZH: Readonly<Record<string, string>> = {
  switch_network: '切换到备用网络（手机热点 / 4G 路由器）后重新推流',
  restart_router: '重启路由器，等网络恢复后重新推流',
  reconnect_stream: '不换网络，直接点重新推流',
  restart_computer: '重启电脑',
  wait: '等待恢复',
  switch_ups: '启用 UPS / 移动电源为电脑和路由器供电，重新推流',
  backup_phone: '用充满电的备用手机开播，向观众说明情况',
  wait_power: '等待来电',
  end_live: '直接下播',
  unmute_mic: '在 OBS 混音器中取消麦克风静音',
  replug_mic: '重新插拔麦克风',
  speak_louder: '提高说话音量',
  raise_volume: '在 OBS 混音器中把麦克风音量调回 0 dB 左右',
  show_camera: '在 OBS 来源列表中重新显示摄像头',
  replug_camera: '重新插拔摄像头',
  restart_obs: '重启 OBS',
  switch_scene: '在 OBS 中切回直播场景',
  start_stream: '在 OBS 中重新开始推流',
  start_record: '在 OBS 中重新开始录制',
  ignore: '先不管',
  reconnect_camera: '检查并重新连接摄像头（或换备用摄像头）',
};

export function markerZh(k: Marker): string {
  const p = k.params;
  switch (k.code) {
    case 'surge':
      return `平台推流 +${String(p.viewers)}`;
    case 'note':
      return String(p.note);
    case 'sold_out':
      return `${String(p.product)} 售罄`;
    case 'coupon':
      return `发券：满 ${String(p.threshold)} 减 ${String(p.amount)}`;
    case 'flash_sale_start':
      return `开启秒杀 ¥${String(p.price)}`;
    default:
      return k.code;
  }
}
