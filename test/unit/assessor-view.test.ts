// The assessor form's running total (renderer/src/features/assessor/view.ts): a refused score
// (over the item's maximum, off the step, not a number) is not added to the total (issue 10 item 8:
// 30 typed for a 25-point item was refused, yet the total showed 91/100).
import { describe, expect, it } from 'vitest';
import { formIssues, formTotal, type Form } from '../../renderer/src/features/assessor/view.ts';
import type { RubricSnapshotItem } from '../../scenarios/scoring/index.ts';

const RUBRIC: RubricSnapshotItem[] = [
  { id: 'selling-points', title: '介绍产品基本特性及卖点', skills: ['5:4.2.1'], max: 25, criteria: ['讲清卖点'], metrics: ['selling_points'] },
  { id: 'showcase', title: '产品展示', skills: ['5:4.2.2'], max: 15, criteria: ['实物展示'], metrics: ['pinned_product'] },
  { id: 'guide-orders', title: '引导用户下单', skills: ['5:4.2.3'], max: 20, criteria: ['说明下单路径'], metrics: ['orders'] },
  { id: 'compliance', title: '判断法律法规风险', skills: ['5:1.3.2'], max: 15, criteria: ['不用违禁词'], metrics: ['banned_words'] },
  { id: 'faults', title: '断网的处理办法', skills: ['5:1.3.1'], max: 10, criteria: ['及时处理'], metrics: ['fault_recovery'] },
  { id: 'feedback', title: '处理用户反馈的问题', skills: ['5:7.1.2'], max: 15, criteria: ['回复投诉'], metrics: ['complaints'] },
];

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
