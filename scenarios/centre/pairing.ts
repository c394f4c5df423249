// Pairing a device with the centre, as pure rules. The centre shows a short one-time code; the
// device sends it with its Ed25519 public key, a name, and a signature over all three made with
// its private key (so the key it registers is one it holds). A code is good for one device, for
// PAIRING_TTL_MS, and only for the role (and sittings) it was issued for; a code used, expired
// or withdrawn is refused, and so is a replay of a request that already paired.
import { z } from 'zod';
import { PublicKey, SignatureText } from '../evidence/seal.ts';

export const PAIR_FORMAT = 'livedrill-pair/1';
/** No 0/O, 1/I/L, U: a code read off a screen across a room is typed right. */
export const PAIRING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PAIRING_CODE_PATTERN = /^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/;
export const PAIRING_TTL_MS = 10 * 60_000;

export const CentreRole = z.enum(['station', 'assessor']);
export type CentreRole = z.infer<typeof CentreRole>;

/** 8 characters from 8 random bytes (30^8 ≈ 6.6e11 codes), shown as XXXX-XXXX. */
export function pairingCodeFrom(random: Uint8Array): string {
  if (random.length < 8) throw new RangeError('a pairing code needs 8 random bytes');
  let out = '';
  for (let i = 0; i < 8; i++) out += PAIRING_ALPHABET.charAt((random[i] ?? 0) % PAIRING_ALPHABET.length);
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

/** What a person typed, as a code: case, spaces and dashes do not matter; null when it cannot be one. */
export function normalisePairingCode(typed: string): string | null {
  const bare = typed.toUpperCase().replace(/[\s-]/g, '');
  const code = `${bare.slice(0, 4)}-${bare.slice(4)}`;
  return PAIRING_CODE_PATTERN.test(code) ? code : null;
}

export const DeviceName = z
  .string()
  .transform((s) => s.normalize('NFKC').replace(/[\p{Cf}\p{Cc}]/gu, '').trim())
  .pipe(z.string().min(1, 'empty').max(60, 'too_long'));

export const PairRequest = z.strictObject({
  format: z.literal(PAIR_FORMAT),
  code: z.string().max(20),
  publicKey: PublicKey,
  name: DeviceName,
  signature: SignatureText,
});
export type PairRequest = z.infer<typeof PairRequest>;

/** The exact text the device signs. */
export const pairMessage = (code: string, publicKey: string, name: string): string => `${PAIR_FORMAT}\n${code}\n${publicKey}\n${name}`;

export interface IssuedCode {
  code: string;
  role: CentreRole;
  /** Sittings an assessor's device may watch and score; empty for a station. */
  sittings: string[];
  issuedAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedBy: string | null;
  withdrawnAt: string | null;
}

export type PairingRefusal = 'bad_code' | 'unknown_code' | 'code_used' | 'code_expired' | 'code_withdrawn' | 'key_already_paired' | 'bad_signature';
export type PairingVerdict = { ok: true } | { ok: false; code: PairingRefusal; status: 400 | 404 | 409 | 410 };

export function issueCode(code: string, role: CentreRole, sittings: readonly string[], now: Date): IssuedCode {
  return { code, role, sittings: role === 'assessor' ? [...sittings] : [], issuedAt: now.toISOString(), expiresAt: new Date(now.getTime() + PAIRING_TTL_MS).toISOString(), usedAt: null, usedBy: null, withdrawnAt: null };
}

/** May this issued code pair a device now? (The signature and the key are checked by the caller.) */
export function judgeCode(issued: IssuedCode | null, now: Date): PairingVerdict {
  if (!issued) return { ok: false, code: 'unknown_code', status: 404 };
  if (issued.usedAt !== null) return { ok: false, code: 'code_used', status: 409 };
  if (issued.withdrawnAt !== null) return { ok: false, code: 'code_withdrawn', status: 410 };
  if (now.getTime() >= Date.parse(issued.expiresAt)) return { ok: false, code: 'code_expired', status: 410 };
  return { ok: true };
}
