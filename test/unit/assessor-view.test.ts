// The assessor form's running total (renderer/src/features/assessor/view.ts): a refused score
// (over the item's maximum, off the step, not a number) is not added to the total (issue 10 item 8:
// 30 typed for a 25-point item was refused, yet the total showed 91/100).
import { describe, expect, it } from 'vitest';
import { B5_RUBRIC as RUBRIC } from '../harness/rubric.ts';
import { formIssues, formTotal, type Form } from '../../renderer/src/features/assessor/view.ts';

function form(scores: Record<string, string>): Form {
  return {
    workType: 'B',
    mode: 'exam',
    scores: Object.fromEntries(Object.entries(scores).map(([id, score]) => [id, { score, note: '' }])),
    annotations: [],
    comment: '',
  };
}

describe('assessor form total', () => {
  it('adds the accepted scores', () => {
    const f = form({ 'selling-points': '20', showcase: '12', 'guide-orders': '16', compliance: '13', faults: '8', feedback: '12' });
    expect(formTotal(f, RUBRIC)).toEqual({ total: 81, missing: 0 });
  });

  it('does not count a score over the item maximum, and the item stays missing', () => {
    const f = form({ 'selling-points': '30', showcase: '12', 'guide-orders': '16', compliance: '13', faults: '8', feedback: '12' });
    expect(formIssues(f, RUBRIC)['selling-points']).toBeDefined();
    expect(formTotal(f, RUBRIC)).toEqual({ total: 61, missing: 1 });
  });

  it('does not count a score off the step or a negative one', () => {
    const f = form({ 'selling-points': '20.3', showcase: '-2', 'guide-orders': '16' });
    expect(formTotal(f, RUBRIC)).toEqual({ total: 16, missing: 5 });
  });
});
