// OBS's answers are input from another program: parsed here before anything uses them, so a
// surprising OBS fails with a clear message instead of a NaN deep in the telemetry.
import { z } from 'zod';
import { ObsBridgeError, obsError } from './errors.ts';

export const VersionAnswer = z.object({
  obsVersion: z.string(),
  obsWebSocketVersion: z.string(),
  rpcVersion: z.number().int(),
  availableRequests: z.array(z.string()),
  platform: z.string().optional(),
  platformDescription: z.string().optional(),
});

export const StatsAnswer = z.object({
  activeFps: z.number(),
  averageFrameRenderTime: z.number(),
  cpuUsage: z.number(),
  memoryUsage: z.number(),
  availableDiskSpace: z.number().nullable(),
  renderSkippedFrames: z.number(),
  renderTotalFrames: z.number(),
  outputSkippedFrames: z.number(),
  outputTotalFrames: z.number(),
});

export const StreamStatusAnswer = z.object({
  outputActive: z.boolean(),
  outputReconnecting: z.boolean(),
  outputBytes: z.number(),
  outputDuration: z.number(),
  outputCongestion: z.number().nullable(),
  outputSkippedFrames: z.number(),
  outputTotalFrames: z.number(),
});

export const RecordStatusAnswer = z.object({
  outputActive: z.boolean(),
  outputPaused: z.boolean(),
  outputBytes: z.number(),
  outputDuration: z.number(),
});

export const VideoSettingsAnswer = z.object({ fpsNumerator: z.number(), fpsDenominator: z.number() });

export const SceneListAnswer = z.object({
  currentProgramSceneName: z.string().nullable(),
  currentPreviewSceneName: z.string().nullable().optional(),
  scenes: z.array(z.object({ sceneName: z.string(), sceneIndex: z.number() })),
});

export const InputListAnswer = z.object({
  inputs: z.array(z.object({ inputName: z.string(), inputKind: z.string(), unversionedInputKind: z.string() })),
});

export const SceneItemListAnswer = z.object({
  sceneItems: z.array(
    z.object({
      sceneItemId: z.number().int(),
      sourceName: z.string(),
      inputKind: z.string().nullable().optional(),
      isGroup: z.boolean().nullable().optional(),
      sceneItemEnabled: z.boolean(),
      sceneItemIndex: z.number().int(),
    }),
  ),
});

export const InputMuteAnswer = z.object({ inputMuted: z.boolean() });
export const InputVolumeAnswer = z.object({ inputVolumeDb: z.number().nullable(), inputVolumeMul: z.number() });
export const OutputPathAnswer = z.object({ outputPath: z.string().nullable().optional() });

export function parseAnswer<T>(schema: z.ZodType<T>, requestType: string, data: unknown): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new ObsBridgeError(obsError('request_failed', `OBS 对 ${requestType} 的回答格式不对：这个 OBS 版本可能不受支持。`, `${requestType}: ${issues}`, false));
}
