// The faults a session can have and the remedies a trainee can choose for each (5:1.3.1 能提出断网、
// 断电等简单故障解决方法; 4:6.1.2 能排除现场设备故障). A remedy that fixes the fault takes
// `takesSec` before the room is back; one that does not is recorded as a wrong choice.
import type { FaultKind } from '../format/schema.ts';

/** Scripted faults plus camera_lost, which comes from the device (the browser lost the camera). */
export type SessionFaultKind = FaultKind | 'camera_lost';

/** What viewers experience: the stream is gone, they hear nothing, they see nothing, or nothing at all. */
export type FaultImpact = 'stream_down' | 'no_sound' | 'no_picture' | 'none';

export interface Remedy {
  id: string;
  /** i18n key of what the remedy is (engine.fault.<kind>.remedy.<id>). */
  key: RemedyKey;
  fixes: boolean;
  /** Seconds from choosing it until the room is back (only when it fixes the fault). */
  takesSec: number;
}

export interface FaultInfo {
  /** i18n key of the fault's name (engine.fault.<kind>.title). */
  key: FaultKey;
  impact: FaultImpact;
  /** Leaving strength relative to the impact's full strength (mic_volume_low is half a mute). */
  strength: number;
  remedies: readonly Remedy[];
}


export type FaultKey = `engine.fault.${SessionFaultKind}.title`;

const r = <I extends string>(id: I, fixes: boolean, takesSec = 0) => ({ id, fixes, takesSec });

const TABLE = {
  network_drop: {
    impact: 'stream_down',
    strength: 1,
    remedies: [
      r('switch_network', true, 8),
      r('restart_router', true, 60),
      r('reconnect_stream', false),
      r('restart_computer', false),
      r('wait', false),
    ],
  },
  power_cut: {
    impact: 'stream_down',
    strength: 1,
    remedies: [
      r('switch_ups', true, 10),
      r('backup_phone', true, 30),
      r('wait_power', false),
      r('end_live', false),
    ],
  },
  mute_mic: {
    impact: 'no_sound',
    strength: 1,
    remedies: [r('unmute_mic', true, 2), r('replug_mic', false), r('speak_louder', false)],
  },
  mic_volume_low: {
    impact: 'no_sound',
    strength: 0.5,
    remedies: [r('raise_volume', true, 3), r('speak_louder', false), r('replug_mic', false)],
  },
  hide_camera: {
    impact: 'no_picture',
    strength: 1,
    remedies: [r('show_camera', true, 2), r('replug_camera', false), r('restart_obs', false)],
  },
  wrong_scene: {
    impact: 'no_picture',
    strength: 1,
    remedies: [r('switch_scene', true, 2), r('restart_obs', false), r('replug_camera', false)],
  },
  stop_stream: {
    impact: 'stream_down',
    strength: 1,
    remedies: [r('start_stream', true, 5), r('restart_computer', false), r('wait', false)],
  },
  stop_record: {
    impact: 'none',
    strength: 0,
    remedies: [r('start_record', true, 2), r('ignore', false)],
  },
  camera_lost: {
    impact: 'no_picture',
    strength: 1,
    remedies: [r('reconnect_camera', true, 0), r('ignore', false)],
  },
} as const satisfies Readonly<Record<SessionFaultKind, Omit<FaultInfo, 'key' | 'remedies'> & { remedies: readonly Omit<Remedy, 'key'>[] }>>;

export type RemedyId<K extends SessionFaultKind = SessionFaultKind> = (typeof TABLE)[K]['remedies'][number]['id'];
/** Every remedy's i18n key: the locale must have each (a missing one fails typecheck). */
export type RemedyKey = { [K in SessionFaultKind]: `engine.fault.${K}.remedy.${RemedyId<K>}` }[SessionFaultKind];

export const FAULTS: Readonly<Record<SessionFaultKind, FaultInfo>> = Object.fromEntries(
  (Object.keys(TABLE) as SessionFaultKind[]).map((kind): [SessionFaultKind, FaultInfo] => {
    const x = TABLE[kind];
    const remedies = x.remedies.map((m: Omit<Remedy, 'key'>): Remedy => ({ ...m, key: `engine.fault.${kind}.remedy.${m.id}` as RemedyKey }));
    return [kind, { key: `engine.fault.${kind}.title`, impact: x.impact, strength: x.strength, remedies }];
  }),
) as Record<SessionFaultKind, FaultInfo>;

/** Comments viewers post while they cannot see or hear the room. */
export const REACTIONS: Readonly<Record<Exclude<FaultImpact, 'none'>, readonly string[]>> = {
  stream_down: ['卡了吗？', '怎么不动了', '画面卡住了', '主播网卡了？', '直播间怎么了'],
  no_sound: ['没声音了？', '主播说话啊', '听不到声音', '麦克风坏了吗', '声音太小了'],
  no_picture: ['黑屏了？', '看不到主播了', '画面呢？', '怎么换画面了', '镜头没了'],
};

export function remedyFor(kind: SessionFaultKind, remedyId: string): Remedy | undefined {
  return FAULTS[kind].remedies.find((x) => x.id === remedyId);
}
