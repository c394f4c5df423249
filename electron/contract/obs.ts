// OBS Studio through the bridge in Node (DESIGN.md decision 4): connection, inventory, telemetry,
// fault drills, recording. The password goes in with obs.connect and is never answered or
// emitted: outputs carry only `hasStoredPassword`.
import { z } from 'zod';
import {
  ObsConnectionState,
  ObsDrillKind,
  ObsDrillRecord,
  ObsGap,
  ObsInventory,
  ObsRecordingStatus,
  ObsTelemetrySample,
  ObsVerdict,
} from '../../scenarios/obs/records.ts';
import { event, method } from './define.ts';

export const DEFAULT_OBS_URL = 'ws://127.0.0.1:4455';

export const ObsUrl = z
  .string()
  .trim()
  .max(300)
  .regex(/^wss?:\/\/[^\s/]+/, '地址应为 ws://主机:端口，例如 ws://127.0.0.1:4455');

export const ObsCheckResult = z.object({
  state: ObsConnectionState,
  inventory: ObsInventory.nullable(),
  sample: ObsTelemetrySample.nullable(),
  verdict: ObsVerdict,
});
export type ObsCheckResult = z.infer<typeof ObsCheckResult>;

const empty = z.object({}).strict();

export const obsMethods = {
  'obs.connect': method(
    'Connect to OBS (replacing any connection). Without a password, the one stored for this URL is used; rememberPassword stores a working one in Node (never returned). Answers after the first attempt; with autoReconnect it keeps retrying with backoff.',
    z
      .object({
        url: ObsUrl.default(DEFAULT_OBS_URL),
        password: z.string().max(1024).optional(),
        rememberPassword: z.boolean().default(true),
        autoReconnect: z.boolean().default(true),
      })
      .strict(),
    ObsConnectionState,
  ),
  'obs.disconnect': method('Close the OBS connection and stop retrying.', empty, ObsConnectionState),
  'obs.forgetPassword': method(
    'Delete the stored OBS password for a URL.',
    z.object({ url: ObsUrl.default(DEFAULT_OBS_URL) }).strict(),
    z.object({ removed: z.boolean() }),
  ),
  'obs.status': method('Connection state: phase, version, error (Chinese + cause), degraded features, gaps.', empty, ObsConnectionState),
  'obs.inventory': method('Scenes, program scene, inputs with roles and audio, scene items, stream and record state.', empty, z.object({ inventory: ObsInventory.nullable() })),
  'obs.telemetry': method(
    'Telemetry history (one sample a second): samples after sinceSeq, the newest `limit`, and the connection gaps.',
    z
      .object({
        sinceSeq: z.number().int().min(-1).optional(),
        limit: z.number().int().positive().max(86_400).default(600),
      })
      .strict(),
    z.object({ samples: z.array(ObsTelemetrySample), gaps: z.array(ObsGap) }),
  ),
  'obs.check': method('The device-check item: state, inventory, latest telemetry sample and the verdict (usable, level, reasons in Chinese).', empty, ObsCheckResult),
  'obs.drill.inject': method(
    'Inject a fault into OBS for real (mute mic, very low mic volume, hide camera, wrong program scene, stop stream, stop recording). Answers the drill record; status "failed" with the reason when it could not be injected.',
    z
      .object({
        kind: ObsDrillKind,
        target: z
          .object({
            inputName: z.string().min(1).max(256).optional(),
            sceneName: z.string().min(1).max(256).optional(),
            sceneItemId: z.number().int().nonnegative().optional(),
            wrongScene: z.string().min(1).max(256).optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
    ObsDrillRecord,
  ),
  'obs.drill.list': method('The drills of the current task, with their times and the trainee actions.', empty, z.object({ drills: z.array(ObsDrillRecord) })),
  'obs.drill.restoreAll': method(
    'End of task: put back everything open drills changed in OBS; answers the final records (then forgets them). Drills that cannot be restored now are restored when OBS is back.',
    empty,
    z.object({ drills: z.array(ObsDrillRecord) }),
  ),
  'obs.recording.start': method("Start OBS's recording (no-op when it runs); answers once OBS reports the file.", empty, ObsRecordingStatus),
  'obs.recording.stop': method(
    "Stop OBS's recording; answers once the file is finalised, with its path for the evidence.",
    empty,
    ObsRecordingStatus.extend({ outputPath: z.string().nullable() }),
  ),
  'obs.recording.status': method('Recording state and every file recorded while the bridge watched.', empty, ObsRecordingStatus),
};

export const obsEvents = {
  'obs.state': event('The OBS connection changed phase, error, degraded features or gaps.', ObsConnectionState),
  'obs.inventory': event('The OBS inventory changed (whole inventory; `revision` orders them).', ObsInventory),
  'obs.telemetry': event('One telemetry sample (every second while connected).', ObsTelemetrySample),
  'obs.drill': event('A drill record changed: injected, failed, trainee action, recovered or restored.', ObsDrillRecord),
  'obs.recording': event('OBS started or finished a recording file.', ObsRecordingStatus),
};
