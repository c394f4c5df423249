// manifest.json: written when the session starts (status "recording"), rewritten atomically when
// it ends with the chain head and every file's SHA-256. Every field is also in the hash chain,
// so verify cross-checks one against the other. On disk it is canonical (sorted keys, 2-space
// indent), so any changed byte either changes a value or breaks the form, and both are found.
import { z } from 'zod';
import { Candidate, FileDigest, Hash, Seed, StopReason } from './record.ts';
import { SessionId } from './session-id.ts';
import { TRANSCRIPT_FILE } from './transcript.ts';

export const MANIFEST_FORMAT = 'livedrill-evidence/1';
export const MANIFEST_FILE = 'manifest.json';
export const EVENTS_FILE = 'events.jsonl';
export const CAMERA_FILE = 'media/camera.webm';
/** The station's signature and the centre's countersignature (seal.ts). */
export const SEAL_FILE = 'seal.json';

export const ManifestStatus = z.enum(['recording', 'complete', 'recovered']);
export type ManifestStatus = z.infer<typeof ManifestStatus>;

export const ManifestClockOffset = z.object({ at: z.number(), offsetMs: z.number(), rttMs: z.number() }).strict();

export const ExternalFile = z
  .object({
    role: z.enum(['obs']),
    path: z.string(),
    sha256: Hash.nullable(),
    size: z.number().int().nonnegative().nullable(),
    note: z.string(),
  })
  .strict();
export type ExternalFile = z.infer<typeof ExternalFile>;

export const Manifest = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    sessionId: SessionId,
    createdAt: z.string(),
    candidate: Candidate,
    station: z.string(),
    scenario: z.object({ id: z.string(), hash: z.string() }).strict(),
    seed: Seed,
    app: z.object({ name: z.string(), version: z.string() }).strict(),
    status: ManifestStatus,
    clock: z.object({ offsets: z.array(ManifestClockOffset) }).strict(),
    media: z
      .object({
        camera: z
          .object({ path: z.literal(CAMERA_FILE), mimeType: z.string(), startedAt: z.number().nullable(), durationMs: z.number().nullable() })
          .strict()
          .nullable(),
      })
      .strict(),
    stop: z.object({ reason: StopReason, message: z.string(), at: z.number() }).strict().nullable(),
    recovery: z
      .object({ at: z.number(), gapMs: z.number(), lastT: z.number(), droppedEventBytes: z.number().int().nonnegative(), mediaTailBytes: z.number().int().nonnegative() })
      .strict()
      .nullable(),
    chain: z.object({ head: Hash.nullable(), records: z.number().int().nonnegative() }).strict(),
    /** Every file of the package but the manifest itself, events.jsonl included. */
    files: z.array(FileDigest),
    external: z.array(ExternalFile),
  })
  .strict();
export type Manifest = z.infer<typeof Manifest>;

/** Relative package paths a package may hold (import refuses anything else). */
export function isPackagePath(path: string): boolean {
  return (
    path === MANIFEST_FILE ||
    path === EVENTS_FILE ||
    path === SEAL_FILE ||
    path === TRANSCRIPT_FILE ||
    /^media\/[a-z0-9][a-z0-9._-]{0,80}\.(webm|mkv|mp4)$/.test(path) ||
    /^(checks|scores)\/[a-z0-9][a-z0-9._-]{0,80}\.json$/.test(path) ||
    /^checks\/[a-z0-9][a-z0-9._-]{0,80}\.jpg$/.test(path) ||
    path === 'scores/ledger.jsonl'
  );
}

/** Score sheets are added after the session ended (by each assessor): they are not in the
 *  manifest and are checked by their own ledger (scenarios/scoring/verify.ts), not here. The
 *  seal (seal.ts) signs the manifest, so it cannot be listed in it either. */
export function isAfterSessionPath(path: string): boolean {
  return path.startsWith('scores/') || path === SEAL_FILE;
}
