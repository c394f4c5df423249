// What the assessor needs from a package, read on the Node side through evidence's
// EvidencePackage (the verdict, cached while the files are unchanged, is evidence's): the
// scenario it was recorded with (from the shipped library, hash compared), the timeline built
// line by line from events.jsonl, the device checks and the metrics, computed from the log.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Json } from '../../../scenarios/evidence/canonical.ts';
import { RECORD_TYPE_PATTERN } from '../../../scenarios/evidence/record.ts';
import type { Manifest } from '../../../scenarios/evidence/manifest.ts';
import { computeMetrics, rebuildSession, type SessionMetrics } from '../../../scenarios/engine/index.ts';
import type { LiveRoomScenario, Scenario } from '../../../scenarios/format/index.ts';
import { TimelineBuilder, type Timeline } from '../../../scenarios/scoring/timeline.ts';
import { WorksheetAnswers } from '../../../scenarios/worksheet/answers.ts';
import type { EvidencePackage } from '../evidence/packages.ts';
import { LIBRARY_DIR, loadShippedLibrary } from '../scenarios/library.ts';

export interface ScenarioFound {
  scenario: Scenario;
  hashMatches: boolean;
}

let library: ReturnType<typeof loadShippedLibrary> | null = null;

/** The scenario a package was recorded with, by id; hashMatches compares the YAML's SHA-256. */
export function findScenario(id: string, hash: string): ScenarioFound | null {
  library ??= loadShippedLibrary();
  const entry = library.scenarios.find((e) => e.scenario.id === id);
  if (!entry) return null;
  const text = readFileSync(join(LIBRARY_DIR, entry.file), 'utf8');
  const actual = `sha256:${createHash('sha256').update(text).digest('hex')}`;
  return { scenario: entry.scenario, hashMatches: hash === '' || hash === actual };
}

/** t, type and data of a log line, or null when the line is not a record. */
function lightRecord(line: string): { t: number; type: string; data: Json } | null {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const { t, type, data } = raw as Record<string, unknown>;
  if (typeof t !== 'number' || typeof type !== 'string' || !RECORD_TYPE_PATTERN.test(type)) return null;
  return { t, type, data: (data ?? null) as Json };
}

/** A worksheet package: the sheet as submitted (the last worksheet.submit) and how it was filled. */
export interface WorksheetSubmission {
  answers: WorksheetAnswers;
  /** Session ms of the submit. */
  t: number;
  inputs: number;
  checks: number;
}

export interface SessionData {
  timeline: Timeline;
  metrics: SessionMetrics | null;
  /** Null for a live room, or a worksheet never submitted. */
  worksheet: WorksheetSubmission | null;
}

/** Streams events.jsonl once: the timeline, the checks it stored, and the metrics. The metrics
 *  are the engine's on the logged inputs (rebuildSession), like any package: a package cut off
 *  mid-session has its last minute checkpoint in the log, minutes older than its last input
 *  (a fault handled at 5:19 showed 0/1 from the 5:00 checkpoint). Only when the scenario is not
 *  in this build are logged metrics shown, and then only the end-of-session ones. */
export async function readSessionData(pkg: Pick<EvidencePackage, 'eachLogLine' | 'readText'>, manifest: Manifest, task: Scenario | null): Promise<SessionData> {
  const scenario = task?.kind === 'live_room' ? task : null;
  const builder = new TimelineBuilder(scenario);
  const logged: { final: SessionMetrics | null } = { final: null };
  const inputs: Json[] = [];
  let options: { obs?: boolean } = {};
  const checks: { t: number; path: string }[] = [];
  const sheet = { inputs: 0, checks: 0, submit: null as WorksheetSubmission | null };
  await pkg.eachLogLine((line) => {
    // Only the fields the timeline reads are checked here (a full schema parse of every line
    // costs more than the rest together on a long log); the verdict checks every record.
    const r = lightRecord(line);
    if (r === null) return Promise.resolve(); // the verdict reports broken lines; the timeline skips them
    builder.record(r);
    const data = r.data as Record<string, Json> | null;
    if (r.type === 'engine.output' && data?.metrics && typeof data.metrics === 'object' && endsSession(data.effects)) logged.final = data.metrics as unknown as SessionMetrics;
    if (r.type === 'engine.input' && data?.input !== undefined) inputs.push(data.input);
    if (r.type === 'engine.session') options = (data?.options ?? {}) as { obs?: boolean };
    // An uploaded document is stored as a check file too; it is the worksheet's, not a device check.
    if (r.type === 'check.stored' && typeof data?.path === 'string' && !data.path.startsWith('checks/upload-')) checks.push({ t: r.t, path: data.path });
    if (r.type === 'worksheet.input') sheet.inputs++;
    if (r.type === 'worksheet.check') sheet.checks++;
    if (r.type === 'worksheet.submit') {
      const answers = WorksheetAnswers.safeParse(data?.answers);
      if (answers.success) sheet.submit = { answers: answers.data, t: r.t, inputs: 0, checks: 0 };
    }
    return Promise.resolve();
  });
  for (const c of checks) {
    const text = await pkg.readText(c.path);
    try {
      builder.check(c.t, text === null ? null : JSON.parse(text));
    } catch {
      builder.check(c.t, null);
    }
  }
  const metrics = scenario && typeof manifest.seed === 'number' && inputs.length > 0 ? logMetrics(scenario, manifest.seed, options.obs === true, inputs) : logged.final;
  const worksheet = task?.kind === 'worksheet' && sheet.submit !== null ? { ...sheet.submit, inputs: sheet.inputs, checks: sheet.checks } : null;
  return { timeline: builder.end(manifest.media.camera?.durationMs ?? null), metrics, worksheet };
}

const endsSession = (effects: Json | undefined): boolean => Array.isArray(effects) && effects.some((e) => typeof e === 'object' && e !== null && !Array.isArray(e) && e.type === 'session_ended');

function logMetrics(scenario: LiveRoomScenario, seed: number, obs: boolean, inputs: Json[]): SessionMetrics | null {
  try {
    return computeMetrics(rebuildSession(scenario, { seed, options: { obs }, inputs }).state);
  } catch {
    return null;
  }
}
