// The training centre (考务): sittings by the rules of section 1.9, roster import with located
// issues, assessors and 回避, panels, the station draw, results with analytics, 复核. Issues
// cross as codes + params; the screens say them in words. Every change names who made it (actor).
import { z } from 'zod';
import { SessionId } from '../../scenarios/evidence/session-id.ts';
import { Candidate, ConflictReason, IncidentKind, Sitting, SittingPlan } from '../../scenarios/exam/index.ts';
import { method } from './define.ts';

const Params = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export const IssueSchema = z.object({ code: z.string(), params: Params });
export const LocatedIssueSchema = IssueSchema.extend({ row: z.number().int(), column: z.string().nullable(), field: z.string().nullable() });
const Actor = z.string().trim().min(1).max(40);
const SittingIdIn = z.string().regex(/^s[0-9a-z]{4,24}$/);
const Check = z.object({ kind: z.enum(['mock', 'formal']), issues: z.array(IssueSchema), allowed: z.boolean() });
const Seat = z.object({ candidateId: z.string(), station: z.number().int(), round: z.number().int() });
const AssessorRow = z.object({ assessorId: z.string(), name: z.string(), employer: z.string() });
const DeclarationRow = z.object({ assessorId: z.string(), candidateId: z.string(), reason: ConflictReason, note: z.string() });

export const SittingView = z.object({
  sitting: Sitting,
  check: Check,
  candidates: z.array(Candidate),
  assessors: z.array(AssessorRow),
  declarations: z.array(DeclarationRow),
  panels: z.record(z.string(), z.array(z.string())),
  /** Whether panels can be assigned now, and if not exactly why. */
  assignment: z.object({ ok: z.boolean(), issues: z.array(IssueSchema) }),
  seats: z.array(Seat),
  sessions: z.array(z.object({ candidateId: z.string(), sessionId: z.string(), manifestSha256: z.string(), station: z.number().int() })),
  published: z.string().nullable(),
  retention: z.object({ paper: z.string(), electronic: z.string() }),
});
export type SittingView = z.infer<typeof SittingView>;

const Flag = z.object({ kind: z.enum(['total', 'item']), itemId: z.string().nullable(), title: z.string(), spread: z.number(), low: z.number(), high: z.number() });
export const ResultRow = z.object({
  candidateId: z.string(),
  sessionId: z.string().nullable(),
  status: z.enum(['final', 'pending', 'absent', 'barred', 'noEvidence']),
  score: z.number().nullable(),
  panelScore: z.number().nullable(),
  passed: z.boolean().nullable(),
  amended: z.boolean(),
  flags: z.array(Flag),
  totals: z.record(z.string(), z.number()),
  missing: z.array(z.string()),
  issues: z.array(IssueSchema),
});
export const AnalyticsSchema = z.object({
  scored: z.number().int(),
  passed: z.number().int(),
  passRate: z.number().nullable(),
  mean: z.number().nullable(),
  distribution: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int() })),
  items: z.array(z.object({ id: z.string(), title: z.string(), skills: z.array(z.string()), max: z.number(), mean: z.number(), share: z.number(), candidates: z.number().int() })),
  skills: z.array(z.object({ skill: z.string(), share: z.number(), items: z.number().int() })),
  assessors: z.array(
    z.object({ assessorId: z.string(), name: z.string(), sheets: z.number().int(), meanTotal: z.number(), meanDeviation: z.number(), spread: z.number(), marking: z.enum(['lenient', 'severe', 'inline']) }),
  ),
  markingThreshold: z.number(),
});
export const AuditRow = z.object({ seq: z.number().int(), at: z.string(), actor: z.string(), type: z.string(), data: z.unknown() });
const Done = z.object({ ok: z.boolean(), issues: z.array(IssueSchema) });
const Clock = z.object({ round: z.number().int(), startedAt: z.number(), durationMs: z.number().int(), stoppedAt: z.number().nullable(), actor: z.string() });
const CandidateDayRow = z.object({
  candidateId: z.string(),
  identity: z.enum(['unchecked', 'matched', 'failed']),
  arrival: z.enum(['expected', 'present', 'barred', 'absent']),
  lateMinutes: z.number().int().nullable(),
  incidents: z.number().int(),
  photo: z.boolean(),
});
const CandidateIdIn = z.string().regex(/^c[0-9a-z]{4,24}$/);
const Doc = z.object({ name: z.string(), mime: z.string(), dataBase64: z.string() });


export const examMethods = {
  'exam.list': method(
    'The centre’s sittings, newest first, each with its rule check.',
    z.strictObject({}),
    z.object({ sittings: z.array(z.object({ sitting: Sitting, createdAt: z.string(), published: z.string().nullable(), candidates: z.number().int(), check: Check })) }),
  ),
  'exam.create': method(
    'Creates a sitting. A formal one (正式考核) that breaks a section 1.9 rule is refused with the rules it breaks; a mock one is created and reports them.',
    z.strictObject({ plan: SittingPlan, actor: Actor }),
    z.object({ ok: z.boolean(), sittingId: z.string().nullable(), check: Check }),
  ),
  'exam.get': method('One sitting with everything the centre keeps about it.', z.strictObject({ sittingId: SittingIdIn }), SittingView),
  'exam.importRoster': method(
    'Imports a roster file (CSV or XLSX, base64): good rows are added, every bad cell is reported by row and column.',
    z.strictObject({ sittingId: SittingIdIn, name: z.string().min(1).max(200), dataBase64: z.string().max(30_000_000), actor: Actor }),
    z.object({ rows: z.number().int(), kept: z.number().int(), issues: z.array(LocatedIssueSchema), fileIssue: IssueSchema.nullable() }),
  ),
  'exam.exportRoster': method(
    'The roster as XLSX or CSV (base64), with LiveDrill’s headers.',
    z.strictObject({ sittingId: SittingIdIn, format: z.enum(['xlsx', 'csv']) }),
    z.object({ name: z.string(), mime: z.string(), dataBase64: z.string() }),
  ),
  'exam.assessorDirectory': method('Registered assessors (name + PIN, the scoring panel’s register).', z.strictObject({}), z.object({ assessors: z.array(z.object({ id: z.string(), name: z.string() })) })),
  'exam.setAssessor': method(
    'Assigns a registered assessor to the sitting, or registers a new one with a PIN first.',
    z.strictObject({ sittingId: SittingIdIn, assessorId: z.string().optional(), name: z.string().trim().min(1).max(40), pin: z.string().regex(/^\d{4,8}$/).optional(), employer: z.string().max(80), actor: Actor }),
    z.object({ ok: z.boolean(), assessorId: z.string().nullable(), message: z.string().nullable() }),
  ),
  'exam.removeAssessor': method('Takes an assessor off the sitting (panels are cleared).', z.strictObject({ sittingId: SittingIdIn, assessorId: z.string(), actor: Actor }), Done),
  'exam.declare': method(
    'A 回避 declaration: the assessor is kept off this candidate’s panel.',
    z.strictObject({ sittingId: SittingIdIn, assessorId: z.string(), candidateId: z.string(), reason: ConflictReason, note: z.string().max(200), actor: Actor }),
    Done,
  ),
  'exam.assign': method(
    'Assigns panels keeping ratio, panel size and 回避 together, or says exactly which rule cannot be met (nothing saved then).',
    z.strictObject({ sittingId: SittingIdIn, actor: Actor }),
    z.object({ ok: z.boolean(), issues: z.array(IssueSchema), breaks: z.array(IssueSchema) }),
  ),
  'exam.draw': method('Draws candidates to stations by lot with the sitting’s seed (repeatable).', z.strictObject({ sittingId: SittingIdIn, actor: Actor }), z.object({ ok: z.boolean(), issues: z.array(IssueSchema), seats: z.array(Seat) })),
  'exam.link': method(
    'Links a candidate’s finished task (an evidence package) to the sitting by session id and manifest hash.',
    z.strictObject({ sittingId: SittingIdIn, candidateId: z.string(), sessionId: z.string(), actor: Actor }),
    Done,
  ),
  'exam.results': method(
    'Per-candidate results from the signed sheets of each panel, and the cohort analytics.',
    z.strictObject({ sittingId: SittingIdIn }),
    z.object({ results: z.array(ResultRow), analytics: AnalyticsSchema, published: z.string().nullable(), evidence: z.array(IssueSchema), rules: z.array(IssueSchema) }),
  ),
  'exam.publish': method('Publishes the results as they stand (a published score changes only by amendment).', z.strictObject({ sittingId: SittingIdIn, actor: Actor }), Done),
  'exam.recheck': method(
    '复核: logs the request with its reason, re-checks additions and entries (not the marking) and logs the outcome; a corrected score is an amendment.',
    z.strictObject({ sittingId: SittingIdIn, candidateId: z.string(), reason: z.string().trim().min(1).max(500), actor: Actor }),
    z.object({ requestId: z.string(), outcome: z.enum(['confirmed', 'corrected']), findings: z.array(IssueSchema), score: z.number().nullable() }),
  ),
  'exam.audit': method('The sitting’s audit trail, oldest first, and whether the chain verifies.', z.strictObject({ sittingId: SittingIdIn }), z.object({ records: z.array(AuditRow), intact: z.boolean() })),
  'exam.day': method(
    'The day of a sitting: each round’s exam clock, each candidate’s identity check, arrival and incidents, and the on-the-day log (time and who logged it), with the server’s clock for the stations to follow.',
    z.strictObject({ sittingId: SittingIdIn }),
    z.object({ now: z.number(), clocks: z.array(Clock), candidates: z.array(CandidateDayRow), log: z.array(AuditRow) }),
  ),
  'exam.startClock': method(
    'Starts a round’s exam clock (the sitting’s duration from now): every station of that round follows it. A round starts once.',
    z.strictObject({ sittingId: SittingIdIn, round: z.number().int().min(1).max(20), actor: Actor }),
    Done.extend({ clock: Clock.nullable() }),
  ),
  'exam.arrive': method(
    'Signs a candidate in: admitted, or refused when later than the sitting’s entry limit after the round’s clock started (or the planned start).',
    z.strictObject({ sittingId: SittingIdIn, candidateId: CandidateIdIn, actor: Actor }),
    z.object({ admitted: z.boolean(), lateMinutes: z.number().int(), limit: z.number().int(), from: z.enum(['clock', 'plan']) }),
  ),
  'exam.absent': method('Marks a candidate absent (缺考).', z.strictObject({ sittingId: SittingIdIn, candidateId: CandidateIdIn, actor: Actor }), Done),
  'exam.identify': method(
    'The identity check at the station: the ID number typed or scanned, checked (18-digit checksum) against the roster, with the camera photo (JPEG, base64) kept in the sitting’s evidence by its SHA-256.',
    z.strictObject({
      sittingId: SittingIdIn,
      candidateId: CandidateIdIn,
      entered: z.string().max(40),
      method: z.enum(['typed', 'scanned']),
      photoBase64: z.string().max(4_000_000).nullable(),
      actor: Actor,
    }),
    z.object({ match: z.boolean(), problem: z.enum(['format', 'birthDate', 'checksum', 'mismatch']).nullable(), otherCandidateId: z.string().nullable(), photo: z.object({ file: z.string(), sha256: z.string(), bytes: z.number().int() }).nullable(), issues: z.array(IssueSchema) }),
  ),
  'exam.attachIdentity': method(
    'At the start of a station’s task: copies the candidate’s latest identity check and its camera photo into the task’s evidence package (checks/identity.json, checks/identity-photo.jpg), hashed into its log.',
    z.strictObject({ sittingId: SittingIdIn, candidateId: CandidateIdIn, sessionId: SessionId, actor: Actor }),
    Done.extend({ photo: z.object({ path: z.string(), sha256: z.string() }).nullable() }),
  ),
  'exam.incident': method(
    'Logs an incident (违纪, device failure, restart, other) with the candidate and station it concerns, its note, the time and who logged it.',
    z.strictObject({ sittingId: SittingIdIn, candidateId: CandidateIdIn.nullable(), station: z.number().int().positive().max(500).nullable(), kind: IncidentKind, note: z.string().trim().max(500), actor: Actor }),
    Done,
  ),
  'exam.document': method(
    'The sitting’s paperwork: seating plan, 准考证, sign-in sheet or 成绩登记表 as PDF (A4, Noto Sans SC), or the 成绩登记表 as XLSX.',
    z.strictObject({ sittingId: SittingIdIn, document: z.enum(['seating', 'tickets', 'signin', 'results']), format: z.enum(['pdf', 'xlsx']) }),
    Doc,
  ),
};
