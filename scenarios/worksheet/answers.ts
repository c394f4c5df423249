// The filled worksheet as the trainee hands it in (and as it is kept in evidence): per part, the
// cells as typed (strings, read by each column's type when checked), the options chosen, the text
// written, the document uploaded (its name, size and SHA-256; the bytes are a stored check file).
import { z } from 'zod';
import { Id } from '../format/schema.ts';
import { Ident } from './schema.ts';

export const CellText = z.string().max(500);

export const TableAnswer = z.strictObject({ type: z.literal('table'), rows: z.array(z.record(Ident, CellText)).max(5000) });
export const ChoiceAnswer = z.strictObject({ type: z.literal('choice'), selected: z.array(Id).max(20) });
export const ShortAnswer = z.strictObject({ type: z.literal('short_answer'), text: z.string().max(5000) });
export const UploadedFile = z.strictObject({
  name: z.string().min(1).max(200),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mime: z.string().max(100),
  /** Where the package keeps it (checks/<name>.json). */
  path: z.string().max(200).nullable(),
});
export type UploadedFile = z.infer<typeof UploadedFile>;
export const UploadAnswer = z.strictObject({ type: z.literal('upload'), file: UploadedFile.nullable() });

export const PartAnswer = z.discriminatedUnion('type', [TableAnswer, ChoiceAnswer, ShortAnswer, UploadAnswer]);
export type PartAnswer = z.infer<typeof PartAnswer>;

export const WorksheetAnswers = z.strictObject({ parts: z.record(Id, PartAnswer) });
export type WorksheetAnswers = z.infer<typeof WorksheetAnswers>;
