// The engine's inputs as a zod schema, for inputs that cross a boundary (the evidence log's
// events.jsonl, the contract): parseInput turns untrusted JSON into an Input or says what is wrong.
import { z } from 'zod';
import { QUESTION_TOPICS } from '../format/schema.ts';
import { HOST_PROMPT_TOPICS, type Input } from './types.ts';

const T = z.number().nonnegative();
const Id = z.string().min(1).max(200);
const Text = z.string().max(20000);

export const InputSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('tick'), t: T }),
  z.strictObject({ type: z.literal('mark_answered'), t: T, commentId: Id.nullable().optional() }),
  z.strictObject({ type: z.literal('reply'), t: T, commentId: Id, text: Text }),
  z.strictObject({ type: z.literal('reply_faq'), t: T, commentId: Id, faqId: Id }),
  z.strictObject({ type: z.literal('add_faq'), t: T, question: Text, answer: Text, topic: z.enum(QUESTION_TOPICS), productId: Id.nullable().optional() }),
  z.strictObject({ type: z.literal('pin_comment'), t: T, commentId: Id }),
  z.strictObject({ type: z.literal('unpin_comment'), t: T }),
  z.strictObject({ type: z.literal('mute_user'), t: T, commentId: Id, durationSec: z.number().int().min(1).max(86400) }),
  z.strictObject({ type: z.literal('unmute_user'), t: T, userId: Id }),
  z.strictObject({ type: z.literal('block_keyword'), t: T, keyword: z.string().max(20) }),
  z.strictObject({ type: z.literal('unblock_keyword'), t: T, keyword: z.string().max(20) }),
  z.strictObject({ type: z.literal('pin_product'), t: T, productId: Id }),
  z.strictObject({ type: z.literal('unpin_product'), t: T }),
  z.strictObject({ type: z.literal('push_coupon'), t: T, productId: Id }),
  z.strictObject({ type: z.literal('start_flash_sale'), t: T, productId: Id }),
  z.strictObject({ type: z.literal('ack_fault'), t: T, faultId: Id, remedy: Id, note: Text.nullable().optional() }),
  z.strictObject({ type: z.literal('cover_selling_point'), t: T, productId: Id, pointId: Id }),
  z.strictObject({ type: z.literal('set_text'), t: T, field: z.enum(['title', 'script', 'notice']), text: Text }),
  z.strictObject({ type: z.literal('delete_comment'), t: T, commentId: Id }),
  z.strictObject({ type: z.literal('prompt_host'), t: T, topic: z.enum(HOST_PROMPT_TOPICS), commentId: Id.nullable().optional() }),
  z.strictObject({ type: z.literal('end'), t: T, by: z.enum(['trainee', 'exam_clock']).optional() }),
  z.strictObject({ type: z.literal('voice'), t: T, level: z.number().min(0).max(1) }),
  z.strictObject({ type: z.literal('camera'), t: T, available: z.boolean() }),
  z.strictObject({ type: z.literal('obs_drill'), t: T, faultId: Id, status: z.enum(['active', 'detected', 'recovered', 'restored', 'failed']), drillId: Id.nullable().optional() }),
]);

// Compile-time check that the schema and the Input type agree both ways.
type Parsed = z.infer<typeof InputSchema>;
const _toInput = (x: Parsed): Input => x;
const _toParsed = (x: Input): Parsed => x;
export const _inputSchemaMatches = [_toInput, _toParsed] as const;

export function parseInput(data: unknown): { ok: true; input: Input } | { ok: false; message: string } {
  const r = InputSchema.safeParse(data);
  if (r.success) return { ok: true, input: r.data };
  return { ok: false, message: r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
}
