// Who the package names: the name typed on the briefing (or 练习学员) and a candidate number. The
// number is the one typed (准考证号 / 考生编号) or, for a practice run without one, a practice number
// from the local start time (LX-20261204-101502): never the name, so the assessor's list and the
// score sheet's 考生编号 show a number, not the name twice. Pure.
import type { Candidate } from '../../../../scenarios/evidence/record.ts';

export const PRACTICE_NAME = '练习学员';
const MAX = 100;
const pad = (n: number) => String(n).padStart(2, '0');

/** `now`: the start time; its local date and time make the practice number. */
export function candidateOf(name: string, id: string, now: Date): Candidate {
  const n = name.trim().slice(0, MAX);
  const typed = id.trim().slice(0, MAX);
  const practice = `LX-${String(now.getFullYear())}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return { id: typed === '' ? practice : typed, name: n === '' ? PRACTICE_NAME : n };
}
