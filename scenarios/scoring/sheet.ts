// A score sheet (评分表) as data: what an assessor scored, the signature, and the versions a
// signed sheet gains when it is amended. The signed content is hashed as canonical JSON
// (scenarios/evidence/canonical.ts), so the same sheet gives the same SHA-256 everywhere.
// Pure domain module: zod only; hashing is injected (Hasher).
import { z } from 'zod';
import { canonicalJson } from '../evidence/canonical.ts';
import type { Hasher } from '../evidence/hasher.ts';
import { HASH_PATTERN } from '../evidence/hasher.ts';
import { Level, SkillCode, WorkTypeCode } from '../standard/codes.ts';

export const SHEET_FORMAT = 'livedrill-score-sheet/1';
export const SHEET_FILE_FORMAT = 'livedrill-score-sheet-file/1';

/** practice: one assessor is enough; exam: the standard's panel (≥ 3, an odd number). */
export const ScoringMode = z.enum(['practice', 'exam']);
export type ScoringMode = z.infer<typeof ScoringMode>;

/** Assessor ids name files under scores/: short, lowercase, chosen by the service. */
export const AssessorId = z.string().regex(/^a[0-9a-f]{8,16}$/, '考评员编号应形如 a1b2c3d4 (assessor id)');

const Sha = z.string().regex(HASH_PATTERN, '应为 64 位小写十六进制 SHA-256');

/** Preset annotation tags (free text goes beside them). */
export const ANNOTATION_TAGS = ['highlight', 'problem', 'violation', 'fault', 'interaction', 'dead_air'] as const;
export const AnnotationTag = z.enum(ANNOTATION_TAGS);
export type AnnotationTag = z.infer<typeof AnnotationTag>;
export const Annotation = z.strictObject({
  id: z.string().regex(/^n[0-9a-z]{1,16}$/, '批注编号应形如 n1'),
  /** Session ms on the video's timeline. */
  t: z.number().nonnegative(),
  tag: AnnotationTag.nullable(),
  text: z.string().max(500),
});
export type Annotation = z.infer<typeof Annotation>;

/** The rubric as it was scored: a copy of the scenario's items, so a sheet stands on its own. */
export const RubricSnapshotItem = z.strictObject({
  id: z.string().min(1).max(100),
  title: z.string().min(1).max(200),
  skills: z.array(SkillCode).min(1),
  max: z.number().int().positive(),
  criteria: z.array(z.string()),
  metrics: z.array(z.string()),
});
export type RubricSnapshotItem = z.infer<typeof RubricSnapshotItem>;

export const ItemScore = z.strictObject({
  id: z.string().min(1).max(100),
  score: z.number().nonnegative(),
  note: z.string().max(500),
});
export type ItemScore = z.infer<typeof ItemScore>;

/** What the verification said when the assessor signed: the sheet says so if it failed. */
export const EvidenceAtSigning = z.strictObject({
  valid: z.boolean(),
  /** events.jsonl chain head: binds the sheet to exactly this package. */
  chainHead: z.string().nullable(),
  errors: z.number().int().nonnegative(),
  firstError: z.string().nullable(),
});
export type EvidenceAtSigning = z.infer<typeof EvidenceAtSigning>;

export const SheetContent = z.strictObject({
  format: z.literal(SHEET_FORMAT),
  sessionId: z.string(),
  evidence: EvidenceAtSigning,
  candidate: z.strictObject({ id: z.string(), name: z.string() }),
  station: z.string(),
  /** When the session was recorded (manifest createdAt). */
  recordedAt: z.string(),
  scenario: z.strictObject({ id: z.string(), hash: z.string(), title: z.string() }),
  workType: WorkTypeCode,
  level: Level,
  mode: ScoringMode,
  /** Points may be given in steps of this size (0.5 by default). */
  step: z.number().positive(),
  rubric: z.array(RubricSnapshotItem).min(1),
  scores: z.array(ItemScore),
  total: z.number().nonnegative(),
  annotations: z.array(Annotation),
  comment: z.string().max(2000),
  assessor: z.strictObject({ id: AssessorId, name: z.string().min(1).max(40) }),
  version: z.number().int().positive(),
  /** signedHash of the version this one replaces (null for version 1). */
  supersedes: Sha.nullable(),
  /** Why the signed sheet was changed (required from version 2 on). */
  reason: z.string().max(500).nullable(),
});
export type SheetContent = z.infer<typeof SheetContent>;

export const Signature = z.strictObject({
  assessorId: AssessorId,
  name: z.string(),
  /** The PIN was checked against the stored scrypt hash at signing time. */
  pinVerified: z.literal(true),
  method: z.literal('pin-scrypt'),
  signedAt: z.string(),
});
export type Signature = z.infer<typeof Signature>;

export const SignedVersion = z.strictObject({
  content: SheetContent,
  /** SHA-256 of canonicalJson(content). */
  contentHash: Sha,
  signature: Signature,
  /** SHA-256 of canonicalJson({ contentHash, signature }): what the ledger records. */
  signedHash: Sha,
});
export type SignedVersion = z.infer<typeof SignedVersion>;

/** scores/<assessorId>.json: every signed version, oldest first; the last one counts. */
export const SheetFile = z.strictObject({
  format: z.literal(SHEET_FILE_FORMAT),
  sessionId: z.string(),
  assessorId: AssessorId,
  versions: z.array(SignedVersion).min(1),
});
export type SheetFile = z.infer<typeof SheetFile>;

/** scores/<assessorId>.draft.json: work in progress, never counted, private to its assessor. */
export const Draft = z.strictObject({
  format: z.literal('livedrill-score-draft/1'),
  sessionId: z.string(),
  assessor: z.strictObject({ id: AssessorId, name: z.string() }),
  workType: WorkTypeCode,
  level: Level,
  mode: ScoringMode,
  scores: z.array(z.strictObject({ id: z.string(), score: z.number().nullable(), note: z.string().max(500) })),
  annotations: z.array(Annotation),
  comment: z.string().max(2000),
  updatedAt: z.string(),
});
export type Draft = z.infer<typeof Draft>;

export async function hashContent(hasher: Hasher, content: SheetContent): Promise<string> {
  return hasher.sha256(canonicalJson(content));
}

export async function hashSigned(hasher: Hasher, contentHash: string, signature: Signature): Promise<string> {
  return hasher.sha256(canonicalJson({ contentHash, signature }));
}

/** Seals content and signature into a version; the caller has verified the PIN. */
export async function sealVersion(hasher: Hasher, content: SheetContent, signature: Signature): Promise<SignedVersion> {
  const contentHash = await hashContent(hasher, content);
  return { content, contentHash, signature, signedHash: await hashSigned(hasher, contentHash, signature) };
}

/** The file as written: canonical (sorted keys), two-space indent, newline. */
export function sheetFileText(file: SheetFile): string {
  return `${JSON.stringify(JSON.parse(canonicalJson(file)), null, 2)}\n`;
}

export function currentVersion(file: SheetFile): SignedVersion {
  const last = file.versions.at(-1);
  if (last === undefined) throw new RangeError('sheet file without versions');
  return last;
}
