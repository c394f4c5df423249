// The transcript seam: spoken text (a package's transcript.json) through the same banned-word
// check as typed text (scanText), each hit with the time it was said, and the selling points it
// speaks. A selling point is spoken when at least half of its clauses (split on punctuation,
// compared without spaces or punctuation after NFKC) occur in the transcript; its time is the end
// of the segment where the last of those clauses was first completed.
import { z } from 'zod';
import type { SellingPoint } from '../format/schema.ts';
import { parseTranscript, type Transcript } from '../evidence/transcript.ts';
import { BANNED_CATEGORIES, type BannedCategoryId } from './banned-words.ts';
import { normalise, scanText, type BannedHit } from './scan.ts';

export interface SpokenHit extends BannedHit {
  /** Index of the segment and its times (seconds from the session's start). */
  segment: number;
  at: number;
  until: number;
}

export interface SpokenPoint {
  productId: string;
  pointId: string;
  /** Clauses of the point heard, of all its clauses. */
  heard: number;
  clauses: number;
  /** When it counted as spoken (seconds), null when fewer than half its clauses were heard. */
  spokenAt: number | null;
}

const STRIP = /[\s\p{P}\p{S}]/gu;
const squash = (text: string): string => normalise(text).replace(STRIP, '');

/** Banned and sensitive words said, in time order, each with its segment's times. */
export function scanTranscript(t: Transcript): SpokenHit[] {
  return t.segments.flatMap((s, i) => scanText(s.text).map((h) => ({ ...h, segment: i, at: s.start, until: s.end })));
}

/** Which selling points the transcript speaks, and when. */
export function spokenPoints(t: Transcript, products: readonly { id: string; sellingPoints: readonly SellingPoint[] }[]): SpokenPoint[] {
  // The running text after each segment, so a clause said across two segments still counts.
  const ends: number[] = [];
  let joined = '';
  for (const s of t.segments) {
    joined += squash(s.text);
    ends.push(joined.length);
  }
  const firstEnd = (clause: string): number | null => {
    const i = joined.indexOf(clause);
    if (i === -1) return null;
    const k = ends.findIndex((e) => e >= i + clause.length);
    return t.segments[k]?.end ?? null;
  };
  return products.flatMap((p) =>
    p.sellingPoints.map((x): SpokenPoint => {
      const clauses = normalise(x.text).split(/[，。！？；、,.!?;:：…]+/u).map(squash).filter((c) => c.length >= 2);
      const times = clauses.map(firstEnd).filter((v): v is number => v !== null).sort((a, b) => a - b);
      const need = Math.ceil(clauses.length / 2);
      return { productId: p.id, pointId: x.id, heard: times.length, clauses: clauses.length, spokenAt: clauses.length > 0 && times.length >= need ? (times[need - 1] ?? null) : null };
    }),
  );
}

const Seconds = z.number().nonnegative();

/** What a package's transcript.json says, as codes and numbers for the CLI, the contract and the 复盘. */
export const TranscriptFindingsSchema = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('read'),
    source: z.string(),
    language: z.string(),
    segments: z.number().int().nonnegative(),
    /** Banned and sensitive words said, in time order. */
    banned: z.array(
      z.strictObject({
        word: z.string(),
        category: z.custom<BannedCategoryId>((v) => BANNED_CATEGORIES.some((c) => c.id === v), { error: 'not a banned-word category' }),
        severity: z.enum(['banned', 'sensitive']),
        segment: z.number().int().nonnegative(),
        at: Seconds,
        until: Seconds,
      }),
    ),
    /** Every selling point of the scenario's products; null when the scenario is not in the library. */
    points: z
      .array(z.strictObject({ productId: z.string(), pointId: z.string(), heard: z.number().int().nonnegative(), clauses: z.number().int().nonnegative(), spokenAt: Seconds.nullable() }))
      .nullable(),
  }),
  /** The file is there but cannot be used: message names the file and the field. */
  z.strictObject({ status: z.literal('invalid'), message: z.string() }),
]);
export type TranscriptFindings = z.infer<typeof TranscriptFindingsSchema>;

/** The findings of a transcript.json's text (null products: the scenario is unknown). */
export function transcriptFindings(text: string, products: readonly { id: string; sellingPoints: readonly SellingPoint[] }[] | null): TranscriptFindings {
  let t: Transcript;
  try {
    t = parseTranscript(text);
  } catch (error) {
    return { status: 'invalid', message: error instanceof Error ? error.message : String(error) };
  }
  return {
    status: 'read',
    source: t.source,
    language: t.language,
    segments: t.segments.length,
    banned: scanTranscript(t).map((h) => ({ word: h.word, category: h.category, severity: h.severity, segment: h.segment, at: h.at, until: h.until })),
    points: products === null ? null : spokenPoints(t, products),
  };
}
