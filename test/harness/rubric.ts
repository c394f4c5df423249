// A B level-5 rubric snapshot (100 points over six items), shared by the tests of the assessor's
// form and of the scoring panel.
import type { RubricSnapshotItem } from '../../scenarios/scoring/index.ts';

export const B5_RUBRIC: RubricSnapshotItem[] = [
  { id: 'selling-points', title: '介绍产品基本特性及卖点', skills: ['5:4.2.1'], max: 25, criteria: ['讲清卖点'], metrics: ['selling_points'] },
  { id: 'showcase', title: '产品展示', skills: ['5:4.2.2'], max: 15, criteria: ['实物展示'], metrics: ['pinned_product'] },
  { id: 'guide-orders', title: '引导用户下单', skills: ['5:4.2.3'], max: 20, criteria: ['说明下单路径'], metrics: ['orders'] },
  { id: 'compliance', title: '判断法律法规风险', skills: ['5:1.3.2'], max: 15, criteria: ['不用违禁词'], metrics: ['banned_words'] },
  { id: 'faults', title: '断网的处理办法', skills: ['5:1.3.1'], max: 10, criteria: ['及时处理'], metrics: ['fault_recovery'] },
  { id: 'feedback', title: '处理用户反馈的问题', skills: ['5:7.1.2'], max: 15, criteria: ['回复投诉'], metrics: ['complaints'] },
];
