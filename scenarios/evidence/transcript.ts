// transcript.json: an optional file of a package, what the trainee said with times, written by a
// speech recogniser outside LiveDrill (none ships here). If a package carries one, its text goes
// through the same banned-word check as typed text, and the selling points it speaks are found
// (scenarios/compliance/transcript.ts). Times are seconds from the session's start.
import { z } from 'zod';

export const TRANSCRIPT_FILE = 'transcript.json';
export const TRANSCRIPT_FORMAT = 'livedrill-transcript/1';

const Seconds = z.number().nonnegative();

export const TranscriptSegment = z.strictObject({ start: Seconds, end: Seconds, text: z.string().max(4000) }).refine((s) => s.end >= s.start, { error: 'end before start', path: ['end'] });
export type TranscriptSegment = z.infer<typeof TranscriptSegment>;

export const Transcript = z
  .strictObject({
    format: z.literal(TRANSCRIPT_FORMAT),
    language: z.string().min(2).max(20),
    /** Which recogniser wrote it (name and version), for the record. */
    source: z.string().min(1).max(200),
    segments: z.array(TranscriptSegment).max(100_000),
  })
  .superRefine((t, ctx) => {
    for (let i = 1; i < t.segments.length; i++) {
      const prev = t.segments[i - 1];
      const cur = t.segments[i];
      if (prev !== undefined && cur !== undefined && cur.start < prev.start) ctx.addIssue({ code: 'custom', path: ['segments', i, 'start'], message: `segment starts at ${cur.start} s, before the previous one (${prev.start} s): segments must be in time order` });
    }
  });
export type Transcript = z.infer<typeof Transcript>;

/** Parses transcript.json text; a bad file is an error naming the field. */
export function parseTranscript(text: string): Transcript {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${TRANSCRIPT_FILE}: not JSON (${(e as Error).message})`, { cause: e });
  }
  const r = Transcript.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`${TRANSCRIPT_FILE}: ${issue === undefined ? 'invalid' : `${issue.path.join('.') || '(root)'}: ${issue.message}`}`);
  }
  return r.data;
}
