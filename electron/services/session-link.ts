// Ties what Node knows to a live evidence session, so the package holds it: the trainee's latest
// device check (taken before the session, so it lives in <data>/checks) is stored in the
// package's checks/; while a session records, every OBS event (state, telemetry, drills,
// recording) is logged into its hash chain on the media timeline, and OBS's own recording runs
// with the session and is referenced (hashed at the end) in the manifest. Without OBS connected,
// sessions record exactly as before.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Json } from '../../scenarios/evidence/canonical.ts';
import type { EventHub } from './events.ts';
import type { EvidenceService } from './evidence/service.ts';
import type { ObsService } from './obs/service.ts';
import type { Service } from './service.ts';

const LOGGED_OBS_EVENTS = new Set(['obs.state', 'obs.telemetry', 'obs.drill', 'obs.recording']);

/** A device check older than this belongs to another day's session, not to this one. */
const DEVICE_CHECK_MAX_AGE_MS = 12 * 60 * 60 * 1000;

/** The newest device-check record in <dataDir>/checks, if one was saved recently. */
export async function latestDeviceCheck(dataDir: string, now = Date.now()): Promise<{ file: string; record: Json } | null> {
  const dir = join(dataDir, 'checks');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /^device-check-[A-Za-z0-9-]+\.json$/.test(n));
  let newest: { file: string; mtime: number } | null = null;
  for (const name of names) {
    const info = await stat(join(dir, name)).catch(() => null);
    if (info && (newest === null || info.mtimeMs > newest.mtime)) newest = { file: join(dir, name), mtime: info.mtimeMs };
  }
  if (newest === null || now - newest.mtime > DEVICE_CHECK_MAX_AGE_MS) return null;
  try {
    return { file: newest.file, record: JSON.parse(await readFile(newest.file, 'utf8')) as Json };
  } catch {
    return null; // a damaged record is not evidence; the session records without it
  }
}

export interface SessionLinkDeps {
  dataDir: string;
  events: EventHub;
  evidence: Pick<EvidenceService, 'onSession' | 'log' | 'storeCheck' | 'referenceExternal'>;
  obs: Pick<ObsService, 'bridge'>;
}

/** A service with no methods of its own: it subscribes to evidence's session hooks and to the
 *  event hub, and unsubscribes on close. */
export function createSessionLinkService(deps: SessionLinkDeps): Service {
  const { dataDir, events, evidence, obs } = deps;
  const live = new Set<string>();
  const obsRecordingFor = new Set<string>();
  const logQuietly = (sessionId: string, type: string, data: unknown) => {
    // A failing log (disk full) is already reported by the evidence service itself.
    evidence.log(sessionId, type, JSON.parse(JSON.stringify(data ?? null)) as Json).catch(() => undefined);
  };

  const unsubscribeEvents = events.subscribe((name, payload) => {
    if (!LOGGED_OBS_EVENTS.has(name)) return;
    for (const sessionId of live) logQuietly(sessionId, name, payload);
  });

  const unsubscribeSessions = evidence.onSession({
    started: async (sessionId) => {
      live.add(sessionId);
      const check = await latestDeviceCheck(dataDir);
      if (check) {
        try {
          await evidence.storeCheck(sessionId, 'device-check', check.record);
        } catch (error) {
          logQuietly(sessionId, 'device-check.error', { file: check.file, message: error instanceof Error ? error.message : String(error) });
        }
      }
      if (obs.bridge.state().phase === 'connected') {
        try {
          await obs.bridge.startRecording();
          obsRecordingFor.add(sessionId);
        } catch (error) {
          logQuietly(sessionId, 'obs.recording.error', { message: error instanceof Error ? error.message : String(error) });
        }
      }
    },
    finishing: async (sessionId) => {
      live.delete(sessionId);
      if (!obsRecordingFor.delete(sessionId)) return;
      try {
        const stopped = await obs.bridge.stopRecording();
        if (stopped.outputPath) {
          evidence.referenceExternal(sessionId, { role: 'obs', path: stopped.outputPath, sha256: null, size: null, note: 'OBS 录制文件（随会话开始与结束）' });
        }
      } catch (error) {
        logQuietly(sessionId, 'obs.recording.error', { message: error instanceof Error ? error.message : String(error) });
      }
    },
  });

  return {
    handlers: {},
    close() {
      unsubscribeSessions();
      unsubscribeEvents();
      live.clear();
    },
  };
}
