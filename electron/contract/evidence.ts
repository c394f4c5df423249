// Evidence packages (DESIGN.md decision 3): the renderer starts a session, streams media chunks
// and engine records, measures the clock; Node chooses every path, writes, flushes, closes and
// verifies. Media chunks travel as base64 inside the JSON message, so both transports carry
// them unchanged (a 1-second 720p chunk is ~100–400 KB; see scripts/bench/evidence.ts).
import { z } from 'zod';
import { JsonValue } from '../../scenarios/evidence/record.ts';
import { Candidate, Seed, StopReason } from '../../scenarios/evidence/record.ts';
import { ManifestStatus } from '../../scenarios/evidence/manifest.ts';
import { Finding } from '../../scenarios/evidence/finding.ts';
import { SessionId } from '../../scenarios/evidence/session-id.ts';
import { PackageVoiceSchema } from '../../scenarios/voice/report.ts';
import { event, method } from './define.ts';

/** Types the package writes itself; the renderer cannot forge them. */
const RESERVED = /^(session|media|clock|check)\./;

export const AppendRecord = z.object({
  type: z
    .string()
    .regex(/^[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)+$/, '类型应形如 "engine.input"')
    .refine((t) => !RESERVED.test(t), '以 session./media./clock./check. 开头的类型由证据包自己写入'),
  /** Session ms on the media timeline (renderer: its clock − the recorder's start); Node's own time mapped when absent. */
  t: z.number().optional(),
  data: JsonValue,
});


export const VerifyResult = z.object({
  sessionId: z.string().nullable(),
  valid: z.boolean(),
  status: ManifestStatus.nullable(),
  records: z.number().int(),
  durationMs: z.number().nullable(),
  findings: z.array(Finding),
});
export type VerifyResult = z.infer<typeof VerifyResult>;

export const SessionSummary = z.object({
  sessionId: z.string(),
  status: ManifestStatus,
  createdAt: z.string(),
  candidate: Candidate,
  station: z.string(),
  scenarioId: z.string(),
  durationMs: z.number().nullable(),
  stop: z.object({ reason: StopReason, message: z.string(), at: z.number() }).nullable(),
  recording: z.boolean(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

const sessionOnly = z.object({ sessionId: SessionId }).strict();

export const evidenceMethods = {
  'evidence.start': method(
    'Create an evidence package (Node picks its id and folder), write its manifest and first record.',
    z
      .object({
        scenarioId: z.string().min(1).max(200),
        scenarioHash: z.string().max(200),
        seed: Seed,
        candidate: Candidate,
        station: z.string().max(100).default(''),
      })
      .strict(),
    z.object({ sessionId: z.string() }),
  ),
  'evidence.append': method(
    'Append records (engine inputs and outputs, device and UI events) to the hash-chained log, in order.',
    z.object({ sessionId: SessionId, records: z.array(AppendRecord).min(1).max(500) }).strict(),
    z.object({ seq: z.number().int() }),
  ),
  'evidence.chunk': method(
    'Append one MediaRecorder chunk (base64) to media/camera.webm; chunk 0 carries the recorder start (renderer clock) and MIME type.',
    z
      .object({
        sessionId: SessionId,
        index: z.number().int().nonnegative(),
        data: z.base64().max(16 * 1024 * 1024),
        startedAt: z.number().optional(),
        mimeType: z.string().max(100).optional(),
      })
      .strict(),
    z.object({ index: z.number().int(), offset: z.number().int(), size: z.number().int() }),
  ),
  'evidence.clockPing': method(
    'First half of a clock measurement: Node answers with its receive and send times.',
    z.object({ sessionId: SessionId, rendererSentAt: z.number() }).strict(),
    z.object({ pingId: z.string(), nodeReceivedAt: z.number(), nodeSentAt: z.number() }),
  ),
  'evidence.clockSync': method(
    'Second half: the renderer reports when the answer arrived; Node logs the NTP-style offset.',
    z.object({ sessionId: SessionId, pingId: z.string().max(100), rendererReceivedAt: z.number() }).strict(),
    z.object({ offsetMs: z.number(), rttMs: z.number() }),
  ),
  'evidence.check': method(
    'Store a check record (device check…) as checks/<name>.json, hashed into the log.',
    z.object({ sessionId: SessionId, name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,60}$/, '名称只能含小写字母、数字和 -'), record: JsonValue }).strict(),
    z.object({ path: z.string(), sha256: z.string() }),
  ),
  'evidence.finish': method('End the session: close the WebM, hash every file, complete the manifest.', sessionOnly, SessionSummary),
  'evidence.resumable': method(
    'Live sessions whose page is gone (a reload, a crashed window): each may be resumed or closed. Listing one holds it open while the offer is on screen.',
    z.object({}).strict(),
    z.array(
      z.object({
        sessionId: z.string(),
        scenarioId: z.string(),
        candidate: Candidate,
        createdAt: z.string(),
        /** Session time (ms, media timeline) of the last logged moment. */
        atMs: z.number(),
        /** How long nothing came from the page (ms). */
        idleMs: z.number(),
      }),
    ),
  ),
  'evidence.resume': method(
    'Go on with a session whose page is gone: its recording restarts as a new segment at the last logged moment; answers the logged engine session to rebuild the state from.',
    sessionOnly,
    z.object({
      sessionId: z.string(),
      scenarioId: z.string(),
      scenarioHash: z.string(),
      seed: Seed,
      candidate: Candidate,
      resumeAt: z.number(),
      segment: z.number().int(),
      options: JsonValue,
      inputs: z.array(JsonValue),
    }),
  ),
  'evidence.abandon': method('Do not resume a session whose page is gone: the package is closed as cut off (status recovered).', sessionOnly, SessionSummary),
  'evidence.list': method('Every package in the data folder, newest first.', z.object({}).strict(), z.array(SessionSummary)),
  'evidence.verify': method('Verify a package: chain, hashes, manifest, media.', sessionOnly, VerifyResult),
  'evidence.voice': method(
    'The voice figures of a finished package, recomputed from its recording (talk, dead air, rate, loudness, clipping, pitch, answer pauses).',
    sessionOnly,
    PackageVoiceSchema,
  ),
  'evidence.export': method(
    'Write the package as one archive under <data folder>/exports (verified first); answers the file path.',
    sessionOnly,
    z.object({ file: z.string(), size: z.number().int(), sha256: z.string() }),
  ),
};

export const evidenceEvents = {
  'evidence.stopped': event(
    'The recording stopped by itself (disk full, write error); the package was closed and is valid.',
    z.object({ sessionId: z.string(), reason: StopReason, message: z.string() }),
  ),
  'evidence.recovered': event(
    'Packages cut off by a crash were closed on start.',
    z.object({ sessions: z.array(z.object({ sessionId: z.string(), ok: z.boolean(), message: z.string() })) }),
  ),
};
