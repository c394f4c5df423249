// The held-out replies (test/fixtures/compliance/held-out-replies.json), parsed, and the banned-word
// checker's error rates on them: a compliant reply with any hit is a false positive, a violating
// reply with no hit a false negative. Used by the unit test and `npm run bench`.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { scanText } from '../../scenarios/compliance/index.ts';

const HeldOut = z.object({ about: z.string(), compliant: z.array(z.string().min(1)).min(40), violating: z.array(z.string().min(1)).min(40) });
export type HeldOut = z.infer<typeof HeldOut>;

export const HELD_OUT_FILE = new URL('../fixtures/compliance/held-out-replies.json', import.meta.url);

export function loadHeldOut(): HeldOut {
  const parsed = HeldOut.safeParse(JSON.parse(readFileSync(HELD_OUT_FILE, 'utf8')));
  if (!parsed.success) throw new Error(`${HELD_OUT_FILE.pathname}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export interface CheckerRates {
  falsePositives: string[];
  falseNegatives: string[];
  fpRate: number;
  fnRate: number;
}

export function checkerRates(list: HeldOut): CheckerRates {
  const falsePositives = list.compliant.filter((t) => scanText(t).length > 0);
  const falseNegatives = list.violating.filter((t) => scanText(t).length === 0);
  return { falsePositives, falseNegatives, fpRate: falsePositives.length / list.compliant.length, fnRate: falseNegatives.length / list.violating.length };
}
