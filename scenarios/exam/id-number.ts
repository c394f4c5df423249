// 公民身份号码 (GB 11643-1999): 17 digits, then a check character from ISO 7064 MOD 11-2.
// Positions 7–14 are the birth date (YYYYMMDD).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

export type IdProblem = 'format' | 'birthDate' | 'checksum';

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? '?';
}

/** Upper-cases a trailing x and strips spaces, as typed or scanned. */
export function normaliseId(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** null when the number is a valid 18-digit 身份证号码; else what is wrong. */
export function idProblem(id: string): IdProblem | null {
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'birthDate';
  return idCheckChar(id.slice(0, 17)) === id[17] ? null : 'checksum';
}

/** Shown masked on screens and sheets that others see: 110101********123X. */
export function maskId(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : id;
}
