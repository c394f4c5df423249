// What a verification found, declared once: the package check (verify.ts), the score-sheet check
// (scoring/verify.ts) and the contract all use these schemas. Every finding names its file and,
// where it can, the line, seq, field or byte offset.
import { z } from 'zod';

export const Severity = z.enum(['error', 'warning']);
export type Severity = z.infer<typeof Severity>;

export const Finding = z.object({
  severity: Severity,
  code: z.string(),
  file: z.string(),
  line: z.number().int().optional(),
  seq: z.number().int().optional(),
  field: z.string().optional(),
  offset: z.number().int().optional(),
  message: z.string(),
});
export type Finding = z.infer<typeof Finding>;

/** A finding of the score-sheet check: by line of a file, and the assessor whose sheet it is. */
export const ScoreFinding = Finding.pick({ severity: true, code: true, file: true, line: true, message: true }).extend({
  assessorId: z.string().optional(),
});
export type ScoreFinding = z.infer<typeof ScoreFinding>;

/** A finding of the ledger's chain, before it is given a severity. */
export type LedgerFinding = Omit<ScoreFinding, 'severity' | 'assessorId'>;
