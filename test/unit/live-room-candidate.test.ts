// Who a package names (issue 10 item 8): the assessor's list showed the name twice and the score
// sheet's 考生编号 was the name, because a practice run stored the name as the candidate id.
import { describe, expect, it } from 'vitest';
import { candidateOf, PRACTICE_NAME } from '../../renderer/src/features/live-room/candidate.ts';
import { Candidate } from '../../scenarios/evidence/record.ts';

const at = new Date(2026, 11, 4, 10, 15, 2);

describe('candidateOf', () => {
  it('a name without a number gets a practice number from the local start time, not the name', () => {
    const c = candidateOf('王小明', '', at);
    expect(c).toEqual({ id: 'LX-20261204-101502', name: '王小明' });
    expect(c.id).not.toBe(c.name);
    expect(Candidate.parse(c)).toEqual(c);
  });

  it('keeps a typed 考生编号 (trimmed) and names an anonymous run 练习学员', () => {
    expect(candidateOf('  李华 ', ' 2026-B5-017 ', at)).toEqual({ id: '2026-B5-017', name: '李华' });
    expect(candidateOf('', '', at)).toEqual({ id: 'LX-20261204-101502', name: PRACTICE_NAME });
  });

  it('fits the package schema however long the input', () => {
    const c = candidateOf('名'.repeat(300), '9'.repeat(300), at);
    expect(Candidate.safeParse(c).success).toBe(true);
  });
});
