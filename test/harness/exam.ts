// Fixtures for the centre's exam domain: valid 18-digit ID numbers, roster rows in the shape a
// 考务系统 exports, and signed-sheet contents for results and analytics. Used by unit tests,
// the e2e roster file and the benches.
import { idCheckChar } from '../../scenarios/exam/index.ts';
import { sumScores, type RubricSnapshotItem, type SheetContent } from '../../scenarios/scoring/index.ts';

/** A valid 身份证号码 for the nth person (born 1990–2005, region 110101). */
export function validId(n: number): string {
  const year = 1990 + (n % 16);
  const month = String((n % 12) + 1).padStart(2, '0');
  const day = String((n % 28) + 1).padStart(2, '0');
  const seq = String(n % 1000).padStart(3, '0');
  const first17 = `110101${year}${month}${day}${seq}`;
  return first17 + idCheckChar(first17);
}

/** The same number with a wrong check character. */
export function badChecksumId(n: number): string {
  const id = validId(n);
  const wrong = '10X98765432'.split('').find((c) => c !== id[17]) ?? '0';
  return id.slice(0, 17) + wrong;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛'];

export const ROSTER_HEADER = ['姓名', '证件号码', '工种', '等级', '准考证号', '单位', '新考/补考'];

export function rosterRow(n: number, over: Partial<Record<'name' | 'id' | 'workType' | 'level' | 'ticket' | 'employer' | 'attempt', string>> = {}): string[] {
  return [
    over.name ?? `${SURNAMES[n % SURNAMES.length] ?? '王'}${GIVEN[(n * 7) % GIVEN.length] ?? '伟'}`,
    over.id ?? validId(n),
    over.workType ?? '直播销售员',
    over.level ?? '五级/初级工',
    over.ticket ?? `ZK2026${String(n + 1).padStart(5, '0')}`,
    over.employer ?? `第${(n % 4) + 1}电商公司`,
    over.attempt ?? (n % 5 === 4 ? '补考' : '新考'),
  ];
}

export const EXAM_RUBRIC: RubricSnapshotItem[] = [
  { id: 'selling-points', title: '介绍产品基本特性及卖点', skills: ['5:4.2.1'], max: 25, criteria: [], metrics: [] },
  { id: 'showcase', title: '产品展示', skills: ['5:4.2.2'], max: 15, criteria: [], metrics: [] },
  { id: 'guide-orders', title: '引导用户下单', skills: ['5:4.2.3'], max: 20, criteria: [], metrics: [] },
  { id: 'compliance', title: '判断法律法规风险', skills: ['5:1.3.2'], max: 15, criteria: [], metrics: [] },
  { id: 'faults', title: '断网的处理办法', skills: ['5:1.3.1'], max: 10, criteria: [], metrics: [] },
  { id: 'feedback', title: '处理用户反馈的问题', skills: ['5:7.1.2', '5:6.2.1'], max: 15, criteria: [], metrics: [] },
];

/** A signed sheet's content: item scores as given (defaults to a share of each maximum). */
export function examSheet(candidateId: string, assessor: { id: string; name: string }, scores: readonly number[]): SheetContent {
  return {
    format: 'livedrill-score-sheet/1',
    sessionId: `20261203-090000-${candidateId.slice(-6).padStart(6, '0')}`,
    evidence: { valid: true, chainHead: 'c'.repeat(64), errors: 0, firstError: null },
    candidate: { id: candidateId, name: candidateId },
    station: '1',
    recordedAt: '2026-12-03T01:00:00.000Z',
    scenario: { id: 'b5-navel-orange-quick', hash: 'sha256:x', title: '赣南脐橙' },
    workType: 'B',
    level: 5,
    mode: 'exam',
    step: 0.5,
    rubric: EXAM_RUBRIC,
    scores: EXAM_RUBRIC.map((r, i) => ({ id: r.id, score: Math.min(r.max, scores[i] ?? 0), note: '' })),
    total: sumScores(EXAM_RUBRIC.map((r, i) => Math.min(r.max, scores[i] ?? 0))),
    annotations: [],
    comment: '',
    assessor,
    version: 1,
    supersedes: null,
    reason: null,
  };
}

/** Item scores that add up to about `share` of each maximum, on the 0.5 step. */
export function scoresAt(share: number): number[] {
  return EXAM_RUBRIC.map((r) => Math.round(r.max * share * 2) / 2);
}
