// scores/ledger.jsonl: the package's record of every signed sheet and every refused attempt to
// change one, hash-chained like events.jsonl (each line carries the hash of the line before).
// The evidence store offers no append after a session has ended, so scoring keeps its own
// chain beside the sheets. One canonical JSON object a line. Pure; hashing injected.
import { z } from 'zod';
import { canonicalJson } from '../evidence/canonical.ts';
import type { LedgerFinding } from '../evidence/finding.ts';
import { HASH_PATTERN, ZERO_HASH, type Hasher } from '../evidence/hasher.ts';

export const LEDGER_FILE = 'scores/ledger.jsonl';

const Sha = z.string().regex(HASH_PATTERN);

export const SignedEntryData = z.strictObject({
  assessorId: z.string(),
  name: z.string(),
  version: z.number().int().positive(),
  file: z.string(),
  contentHash: Sha,
  signedHash: Sha,
  /** SHA-256 of the whole sheet file after this version was written. */
  fileSha256: Sha,
  total: z.number(),
  reason: z.string().nullable(),
});
export type SignedEntryData = z.infer<typeof SignedEntryData>;

export const RefusedEntryData = z.strictObject({
  assessorId: z.string().nullable(),
  name: z.string().nullable(),
  action: z.string(),
  message: z.string(),
});
export type RefusedEntryData = z.infer<typeof RefusedEntryData>;

export const LedgerEntry = z.discriminatedUnion('type', [
  z.strictObject({ seq: z.number().int().nonnegative(), at: z.string(), type: z.literal('sheet.signed'), data: SignedEntryData, prev: Sha, hash: Sha }),
  z.strictObject({ seq: z.number().int().nonnegative(), at: z.string(), type: z.literal('sheet.amended'), data: SignedEntryData, prev: Sha, hash: Sha }),
  z.strictObject({ seq: z.number().int().nonnegative(), at: z.string(), type: z.literal('sheet.refused'), data: RefusedEntryData, prev: Sha, hash: Sha }),
]);
export type LedgerEntry = z.infer<typeof LedgerEntry>;
export type LedgerPayload = Pick<LedgerEntry, 'type' | 'data'>;

function hashInput(e: Omit<LedgerEntry, 'hash'>): string {
  return canonicalJson({ seq: e.seq, at: e.at, type: e.type, data: e.data, prev: e.prev });
}

export async function sealEntry(hasher: Hasher, head: { seq: number; hash: string }, at: string, payload: LedgerPayload): Promise<LedgerEntry> {
  const base = { seq: head.seq, at, prev: head.hash, ...payload } as Omit<LedgerEntry, 'hash'>;
  return { ...base, hash: await hasher.sha256(hashInput(base)) } as LedgerEntry;
}

export const ledgerLine = (e: LedgerEntry) => `${canonicalJson(e)}\n`;

export interface ReadLedger {
  entries: LedgerEntry[];
  /** Where the next entry goes. */
  head: { seq: number; hash: string };
  findings: LedgerFinding[];
}

/** Parses and checks the chain; a broken line is reported and the chain picked up after it. */
export async function readLedger(hasher: Hasher, text: string | null): Promise<ReadLedger> {
  const findings: LedgerFinding[] = [];
  const entries: LedgerEntry[] = [];
  let head = { seq: 0, hash: ZERO_HASH };
  if (text === null || text === '') return { entries, head, findings };
  const lines = text.split('\n');
  const last = lines.pop();
  if (last !== '') findings.push({ code: 'ledger_partial_line', file: LEDGER_FILE, line: lines.length + 1, message: `${LEDGER_FILE} 第 ${lines.length + 1} 行没有结束换行：只写了一半` });
  for (const [i, line] of lines.entries()) {
    const n = i + 1;
    let parsed;
    try {
      parsed = LedgerEntry.safeParse(JSON.parse(line));
    } catch {
      findings.push({ code: 'ledger_not_json', file: LEDGER_FILE, line: n, message: `${LEDGER_FILE} 第 ${n} 行不是 JSON` });
      continue;
    }
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      findings.push({ code: 'ledger_invalid', file: LEDGER_FILE, line: n, message: `${LEDGER_FILE} 第 ${n} 行格式错误: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}` });
      continue;
    }
    const e = parsed.data;
    if (canonicalJson(e) !== line) findings.push({ code: 'ledger_not_canonical', file: LEDGER_FILE, line: n, message: `${LEDGER_FILE} 第 ${n} 行被改写过（不是规范 JSON）` });
    if ((await hasher.sha256(hashInput(e))) !== e.hash) findings.push({ code: 'ledger_hash_mismatch', file: LEDGER_FILE, line: n, message: `${LEDGER_FILE} 第 ${n} 行的内容与其哈希不符：记录被修改` });
    if (e.seq !== head.seq) findings.push({ code: 'ledger_seq_mismatch', file: LEDGER_FILE, line: n, message: `${LEDGER_FILE} 第 ${n} 行: 期望 seq ${head.seq}，实际 ${e.seq}（记录被删除或插入）` });
    if (e.prev !== head.hash) findings.push({ code: 'ledger_prev_mismatch', file: LEDGER_FILE, line: n, message: `${LEDGER_FILE} 第 ${n} 行的 prev 与上一行的哈希不符：链条断开` });
    entries.push(e);
    head = { seq: e.seq + 1, hash: e.hash };
  }
  return { entries, head, findings };
}
