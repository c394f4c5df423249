// The assessor workspace (考评): open a recorded session for scoring (verification verdict
// first, then the timeline, the rubric and the caller's own sheet), identify with name and PIN,
// save a draft, sign, amend a signed sheet with a reason, the panel's result (blind until the
// caller has signed), the score sheet as CSV and (desktop) PDF.
import { z } from 'zod';
import { Annotation, Draft, RubricSnapshotItem, ScoringMode, SheetContent } from '../../scenarios/scoring/sheet.ts';
import { method } from './define.ts';
import { SessionId } from '../../scenarios/evidence/session-id.ts';
import { Finding, ScoreFinding } from '../../scenarios/evidence/finding.ts';
import { SessionSummary } from './evidence.ts';
import { Level, WorkTypeCode } from '../../scenarios/standard/codes.ts';
import { WorksheetAnswers } from '../../scenarios/worksheet/answers.ts';

const Token = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, '身份令牌无效，请重新验证身份');
const Pin = z.string().regex(/^[0-9]{4,12}$/, 'PIN 应为 4–12 位数字');


/** A text as the UI's i18n key and its params (the services send codes, the UI words them). */
const Params = z.record(z.string(), z.union([z.string(), z.number()]));
export const MessageSchema = z.object({ key: z.string(), params: Params });

const Tone = z.enum(['info', 'good', 'warn', 'bad']);
export const TimelineSchema = z.object({
  durationMs: z.number(),
  items: z.array(
    z.object({
      id: z.string(),
      lane: z.enum(['comments', 'actions', 'faults', 'compliance', 'voice', 'sales', 'obs', 'checks']),
      t: z.number(),
      end: z.number().nullable(),
      kind: z.string(),
      label: MessageSchema,
      detail: z.array(MessageSchema),
      tone: Tone,
      ref: z.string().nullable(),
    }),
  ),
  series: z.array(z.object({ id: z.enum(['viewers', 'bitrate', 'skipped', 'orders']), points: z.array(z.tuple([z.number(), z.number()])) })),
  skipped: z.record(z.string(), z.number()),
});

export const MetricEvidenceSchema = z.object({
  id: z.string(),
  key: z.string(),
  value: z.array(MessageSchema),
  moments: z.array(z.object({ t: z.number(), key: z.string(), params: Params, tone: Tone })),
});

const Violation = z.object({ rule: z.string(), message: z.string() });
export const PanelSchema = z.object({
  /** The caller may see the others' scores and the result. */
  visible: z.boolean(),
  hiddenReason: z.string().nullable(),
  mode: ScoringMode.nullable(),
  members: z.array(
    z.object({
      assessorId: z.string(),
      name: z.string(),
      signed: z.boolean(),
      /** null while hidden (blind scoring) or not yet complete. */
      total: z.number().nullable(),
      version: z.number().int().nullable(),
      signedAt: z.string().nullable(),
      /** The sheet failed its hash check: left out of the result. */
      tampered: z.boolean(),
    }),
  ),
  signedCount: z.number().int(),
  violations: z.array(Violation),
  finalScore: z.number().nullable(),
  passed: z.boolean().nullable(),
  flags: z.array(
    z.object({
      kind: z.enum(['total', 'item']),
      itemId: z.string().nullable(),
      title: z.string(),
      skills: z.array(z.string()),
      max: z.number(),
      margin: z.number(),
      spread: z.number(),
      low: z.number(),
      high: z.number(),
      outlier: z.object({ assessorId: z.string(), name: z.string(), score: z.number() }).nullable(),
      message: z.string(),
    }),
  ),
  complete: z.boolean(),
  rule: z.string(),
  /** Signed sheets the caller may see, with their history (every version). */
  sheets: z.array(
    z.object({
      content: SheetContent,
      signedAt: z.string(),
      signedHash: z.string(),
      history: z.array(z.object({ version: z.number().int(), signedAt: z.string(), total: z.number(), reason: z.string().nullable(), signedHash: z.string() })),
    }),
  ),
  /** Refused attempts to change a signed sheet, as logged in scores/ledger.jsonl. */
  refused: z.array(z.object({ at: z.string(), name: z.string().nullable(), action: z.string(), message: z.string() })),
  scoresValid: z.boolean(),
  scoreFindings: z.array(ScoreFinding),
});
export type PanelView = z.infer<typeof PanelSchema>;

export const VerdictSchema = z.object({
  valid: z.boolean(),
  status: z.string().nullable(),
  records: z.number().int(),
  durationMs: z.number().nullable(),
  findings: z.array(Finding),
});

const Me = z.object({ assessorId: z.string(), name: z.string(), draft: Draft.nullable(), signed: z.boolean() });

export const OpenResult = z.object({
  verdict: VerdictSchema,
  session: SessionSummary.extend({ media: z.array(z.object({ name: z.string(), mimeType: z.string(), size: z.number().int() })) }),
  scenario: z
    .object({ id: z.string(), title: z.string(), workTypes: z.array(WorkTypeCode), level: Level, practice: z.boolean(), hashMatches: z.boolean() })
    .nullable(),
  rubric: z.array(RubricSnapshotItem),
  metrics: z.array(MetricEvidenceSchema),
  timeline: TimelineSchema,
  me: Me.nullable(),
  panel: PanelSchema,
  /** A worksheet task: the sheet as submitted (the UI checks it again with the task's pure checks). */
  worksheet: z.object({ answers: WorksheetAnswers, t: z.number(), inputs: z.number().int(), checks: z.number().int() }).nullable(),
});
export type OpenResult = z.infer<typeof OpenResult>;

const ScoresInput = z.array(z.strictObject({ id: z.string().min(1).max(100), score: z.number().nullable(), note: z.string().max(500).default('') })).max(100);
const sessionAndToken = { sessionId: SessionId, token: Token };
const SignResult = z.object({ file: z.string(), version: z.number().int(), contentHash: z.string(), signedHash: z.string(), panel: PanelSchema });

export const scoringMethods = {
  'scoring.sessions': method(
    'Packages in the data folder with how many sheets are signed and drafted (for the assessor to pick one).',
    z.strictObject({}),
    z.array(SessionSummary.extend({ signed: z.number().int(), drafts: z.number().int() })),
  ),
  'scoring.open': method(
    'Open a session for scoring: the verification verdict, the session, its rubric with metric evidence, the timeline, my draft (with a token) and the panel as I may see it.',
    z.strictObject({ sessionId: SessionId, token: Token.optional() }),
    OpenResult,
  ),
  'scoring.identify': method(
    'An assessor identifies with name and PIN (register: first time, the PIN is stored as a salted scrypt hash). Answers a token for this run.',
    z.strictObject({ name: z.string().trim().min(1, '请输入姓名').max(40), pin: Pin, register: z.boolean().default(false) }),
    z.object({ assessorId: z.string(), name: z.string(), token: z.string() }),
  ),
  'scoring.saveDraft': method(
    'Save my unsigned sheet (scores may be incomplete; each given score is checked). Refused (and logged) once I have signed.',
    z.strictObject({
      ...sessionAndToken,
      workType: WorkTypeCode,
      level: Level.optional(),
      mode: ScoringMode,
      scores: ScoresInput,
      annotations: z.array(Annotation).max(500).default([]),
      comment: z.string().max(2000).default(''),
    }),
    z.object({ draft: Draft, issues: z.array(z.object({ field: z.string(), itemId: z.string().nullable(), message: z.string() })), total: z.number() }),
  ),
  'scoring.sign': method('Sign my draft with my PIN: written to scores/<id>.json, its hash recorded in scores/ledger.jsonl.', z.strictObject({ ...sessionAndToken, pin: Pin }), SignResult),
  'scoring.amend': method(
    'Change my signed sheet: a new signed version with a reason; the earlier versions stay in the file and the ledger.',
    z.strictObject({
      ...sessionAndToken,
      pin: Pin,
      reason: z.string().trim().min(2, '请说明修改原因').max(500),
      scores: ScoresInput,
      annotations: z.array(Annotation).max(500).default([]),
      comment: z.string().max(2000).default(''),
    }),
    SignResult,
  ),
  'scoring.panel': method('The panel: members, result, flags (blind: only after I have signed, or for everyone once the panel is complete).', z.strictObject({ sessionId: SessionId, token: Token.optional() }), PanelSchema),
  'scoring.csv': method(
    'The score sheet as CSV (UTF-8 with BOM, times in the centre\'s local time) and the file name to offer it under; the UI downloads it (nothing is written by the service).',
    z.strictObject({ sessionId: SessionId, token: Token.optional() }),
    z.object({ fileName: z.string(), csv: z.string() }),
  ),
  'scoring.pdf': method(
    'Desktop only: print the score sheet now on screen to PDF (A4) with Electron printToPDF, into <data folder>/exports. Web mode: use the browser\'s print → save as PDF.',
    z.strictObject({ sessionId: SessionId }),
    z.object({ file: z.string(), size: z.number().int() }),
  ),
};
