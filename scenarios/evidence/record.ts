// One line of events.jsonl: seq, t (ms on the media timeline), wall (epoch ms of the Node clock),
// type, data, and the hash chain (prev = hash of the record before, hash = SHA-256 of the
// canonical JSON of every other field). The line on disk is the canonical JSON of the record.
import { z } from 'zod';
import { canonicalJson, type Json } from './canonical.ts';
import { HASH_PATTERN, ZERO_HASH, type Hasher } from './hasher.ts';

export const RECORD_TYPE_PATTERN = /^[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)+$/;

const JsonValue: z.ZodType<Json> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(JsonValue), z.record(z.string(), JsonValue)]),
);
export { JsonValue };

export const Hash = z.string().regex(HASH_PATTERN, 'must be 64 lowercase hex digits (SHA-256)');

export const EvidenceRecord = z
  .object({
    seq: z.number().int().nonnegative(),
    t: z.number(),
    wall: z.number(),
    type: z.string().regex(RECORD_TYPE_PATTERN, 'must look like "domain.name"'),
    data: JsonValue,
    prev: Hash,
    hash: Hash,
  })
  .strict();
export type EvidenceRecord = z.infer<typeof EvidenceRecord>;

export type UnsealedRecord = Omit<EvidenceRecord, 'hash'>;

/** The bytes the hash covers: every field but the hash itself. */
export function hashInput(record: UnsealedRecord): string {
  return canonicalJson({ seq: record.seq, t: record.t, wall: record.wall, type: record.type, data: record.data, prev: record.prev });
}

export async function sealRecord(hasher: Hasher, record: UnsealedRecord): Promise<EvidenceRecord> {
  return { ...record, hash: await hasher.sha256(hashInput(record)) };
}

/** The line as written to events.jsonl (with its newline). */
export function recordLine(record: EvidenceRecord): string {
  return `${canonicalJson(record)}\n`;
}

/** Appends records in order: the chain state is the next seq and the last hash. */
export class Chain {
  #hasher: Hasher;
  #seq: number;
  #head: string;
  constructor(hasher: Hasher, next: { seq: number; head: string } = { seq: 0, head: ZERO_HASH }) {
    this.#hasher = hasher;
    this.#seq = next.seq;
    this.#head = next.head;
  }
  get seq(): number {
    return this.#seq;
  }
  get head(): string {
    return this.#head;
  }
  /** Seals the next record. Not re-entrant: callers serialise appends (the store does). */
  async append(entry: { t: number; wall: number; type: string; data: Json }): Promise<EvidenceRecord> {
    const record = await sealRecord(this.#hasher, { seq: this.#seq, t: entry.t, wall: entry.wall, type: entry.type, data: entry.data, prev: this.#head });
    this.#seq += 1;
    this.#head = record.hash;
    return record;
  }
}

// ------------------------------------------------------------ records the package itself writes

export const FileDigest = z.object({ path: z.string(), sha256: Hash, size: z.number().int().nonnegative() }).strict();
export type FileDigest = z.infer<typeof FileDigest>;

export const Candidate = z.object({ id: z.string().min(1).max(100), name: z.string().max(100) }).strict();
export type Candidate = z.infer<typeof Candidate>;

export const Seed = z.union([z.number().int(), z.string().min(1).max(200)]);
export type Seed = z.infer<typeof Seed>;

export const SessionStartData = z
  .object({
    format: z.literal('livedrill-evidence/1'),
    sessionId: z.string(),
    createdAt: z.string(),
    candidate: Candidate,
    station: z.string().max(100),
    scenario: z.object({ id: z.string().min(1).max(200), hash: z.string().max(200) }).strict(),
    seed: Seed,
    app: z.object({ name: z.string(), version: z.string() }).strict(),
  })
  .strict();
export type SessionStartData = z.infer<typeof SessionStartData>;

export const ClockSyncData = z
  .object({
    rendererSentAt: z.number(),
    nodeReceivedAt: z.number(),
    nodeSentAt: z.number(),
    rendererReceivedAt: z.number(),
    offsetMs: z.number(),
    rttMs: z.number(),
  })
  .strict();
export type ClockSyncData = z.infer<typeof ClockSyncData>;

/** A recording segment starts: media/camera.webm first; after a resume (session.resumed) the
 *  next segment, media/camera-2.webm…, whose time 0 is session time offsetMs (absent: 0). */
export const MediaStartData = z.object({ path: z.string(), mimeType: z.string(), startedAt: z.number(), offsetMs: z.number().nonnegative().optional() }).strict();
export type MediaStartData = z.infer<typeof MediaStartData>;

/** One chunk as appended: where it sits in the file and its hash, so a change is located to it. */
export const MediaChunkData = z
  .object({ path: z.string(), index: z.number().int().nonnegative(), offset: z.number().int().nonnegative(), size: z.number().int().nonnegative(), sha256: Hash })
  .strict();
export type MediaChunkData = z.infer<typeof MediaChunkData>;

/** Bytes overwritten in place after they were logged (WebM duration, sizes, seek index). */
export const BytePatch = z.object({ offset: z.number().int().nonnegative(), before: z.string(), after: z.string() }).strict();
export type BytePatch = z.infer<typeof BytePatch>;

export const ByteRange = z.object({ offset: z.number().int().nonnegative(), size: z.number().int().nonnegative(), sha256: Hash }).strict();
export type ByteRange = z.infer<typeof ByteRange>;

export const MediaFinalData = z
  .object({
    path: z.string(),
    durationMs: z.number().nonnegative(),
    /** Bytes after the last logged chunk that a crash left (kept, hashed here). */
    tail: ByteRange.nullable(),
    /** Bytes appended when closing: the Cues index and any filler. */
    appended: ByteRange.nullable(),
    patches: z.array(BytePatch),
    size: z.number().int().nonnegative(),
    clusters: z.number().int().nonnegative(),
  })
  .strict();
export type MediaFinalData = z.infer<typeof MediaFinalData>;

export const CheckStoredData = z.object({ path: z.string(), name: z.string(), sha256: Hash, size: z.number().int().nonnegative() }).strict();
export type CheckStoredData = z.infer<typeof CheckStoredData>;

export const StopReason = z.enum(['finished', 'disk_full', 'write_error', 'crash']);
export type StopReason = z.infer<typeof StopReason>;

export const SessionRecoveredData = z
  .object({
    at: z.number(),
    lastSeq: z.number().int(),
    lastT: z.number(),
    lastWall: z.number(),
    gapMs: z.number(),
    droppedEventBytes: z.number().int().nonnegative(),
  })
  .strict();
export type SessionRecoveredData = z.infer<typeof SessionRecoveredData>;

/** The trainee came back to a session whose page was gone (a reload): the engine was rebuilt from
 *  the log and recording goes on as a new segment at session time resumeAt (the gap is not
 *  session time: the clock stood still while the page was away). */
export const SessionResumedData = z
  .object({
    at: z.number(),
    lastSeq: z.number().int(),
    resumeAt: z.number().nonnegative(),
    gapMs: z.number(),
    segment: z.number().int().positive(),
  })
  .strict();
export type SessionResumedData = z.infer<typeof SessionResumedData>;

export const SessionEndData = z
  .object({
    reason: StopReason,
    message: z.string(),
    /** Every file of the package but events.jsonl and manifest.json. */
    files: z.array(FileDigest),
  })
  .strict();
export type SessionEndData = z.infer<typeof SessionEndData>;

/** Record types the package writes itself, with their data schemas. */
export const packageRecordSchemas = {
  'session.start': SessionStartData,
  'clock.sync': ClockSyncData,
  'media.start': MediaStartData,
  'media.chunk': MediaChunkData,
  'media.final': MediaFinalData,
  'check.stored': CheckStoredData,
  'session.recovered': SessionRecoveredData,
  'session.resumed': SessionResumedData,
  'session.end': SessionEndData,
} as const;
export type PackageRecordType = keyof typeof packageRecordSchemas;

export function isPackageRecordType(type: string): type is PackageRecordType {
  return Object.hasOwn(packageRecordSchemas, type);
}
