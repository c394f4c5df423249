// Ties OBS to a live evidence session, so the package holds what OBS saw: while a session
// records, every OBS event (state, telemetry, drills, recording) is logged into its hash chain on
// the media timeline, and OBS's own recording runs with the session and is referenced (hashed at
// the end) in the manifest. Without OBS connected, sessions record exactly as before.
import type { Handlers } from '../contract/index.ts';
import type { Json } from '../../scenarios/evidence/canonical.ts';
import type { EventHub } from './events.ts';
import type { EvidenceService } from './evidence/service.ts';
import type { ObsService } from './obs/service.ts';

const LOGGED_OBS_EVENTS = new Set(['obs.state', 'obs.telemetry', 'obs.drill', 'obs.recording']);

export function linkObsToEvidence(handlers: Handlers, events: EventHub, evidence: EvidenceService, obs: ObsService): void {
  const live = new Set<string>();
  const obsRecordingFor = new Set<string>();
  const logQuietly = (sessionId: string, type: string, data: unknown) => {
    // A failing log (disk full) is already reported by the evidence service itself.
    evidence.log(sessionId, type, JSON.parse(JSON.stringify(data ?? null)) as Json).catch(() => undefined);
  };

  events.subscribe((name, payload) => {
    if (!LOGGED_OBS_EVENTS.has(name)) return;
    for (const sessionId of live) logQuietly(sessionId, name, payload);
  });

  const start = handlers['evidence.start'];
  handlers['evidence.start'] = async (input, context) => {
    const started = await start(input, context);
    live.add(started.sessionId);
    if (obs.bridge.state().phase === 'connected') {
      try {
        await obs.bridge.startRecording();
        obsRecordingFor.add(started.sessionId);
      } catch (error) {
        logQuietly(started.sessionId, 'obs.recording.error', { message: error instanceof Error ? error.message : String(error) });
      }
    }
    return started;
  };

  const finish = handlers['evidence.finish'];
  handlers['evidence.finish'] = async (input, context) => {
    const { sessionId } = input;
    live.delete(sessionId);
    if (obsRecordingFor.delete(sessionId)) {
      try {
        const stopped = await obs.bridge.stopRecording();
        if (stopped.outputPath) {
          evidence.referenceExternal(sessionId, { role: 'obs', path: stopped.outputPath, sha256: null, size: null, note: 'OBS 录制文件（随会话开始与结束）' });
        }
      } catch (error) {
        logQuietly(sessionId, 'obs.recording.error', { message: error instanceof Error ? error.message : String(error) });
      }
    }
    return finish(input, context);
  };
}
