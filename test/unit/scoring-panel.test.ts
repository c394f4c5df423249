// Aggregation and rule checks of the assessor panel (scenarios/scoring): score validation, the
// mean of signed totals, pass at 60, mode rules, disagreement flags, blind-scoring visibility,
// signed-sheet hashing and the ledger, the CSV round trip.
import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { B5_RUBRIC as RUBRIC } from '../harness/rubric.ts';
import { webCryptoHasher } from '../../scenarios/evidence/hasher.ts';
import {
  canSeeResult,
  canSeeScores,
  checkRubric,
  checkScores,
  DEFAULT_MARGINS,
  itemMargin,
  ledgerLine,
  panelResult,
  localStamp,
  parseCsv,
  readLedger,
  resultRuleText,
  rubricView,
  sealEntry,
  sealVersion,
  sheetCsv,
  sheetFileText,
  sumScores,
  totalScore,
  verifyScores,
  type SheetContent,
  type SheetFile,
} from '../../scenarios/scoring/index.ts';
import { ZERO_HASH } from '../../scenarios/evidence/hasher.ts';

const hasher = webCryptoHasher(webcrypto.subtle as SubtleCrypto);
const enc = new TextEncoder();

let nextId = 0;
function sheet(name: string, scores: number[], mode: 'exam' | 'practice' = 'exam'): SheetContent {
  const id = `a${(0x10000000 + nextId++).toString(16)}`;
  return {
    format: 'livedrill-score-sheet/1',
    sessionId: '20261128-081525-32009f',
    evidence: { valid: true, chainHead: 'c'.repeat(64), errors: 0, firstError: null },
    candidate: { id: 'k1', name: '考生' },
    station: 'S1',
    recordedAt: '2026-11-28T08:15:25.975Z',
    scenario: { id: 'b5-navel-orange-quick', hash: 'sha256:x', title: '赣南脐橙' },
    workType: 'B',
    level: 5,
    mode,
    step: 0.5,
    rubric: RUBRIC,
    scores: RUBRIC.map((r, i) => ({ id: r.id, score: scores[i] ?? 0, note: '' })),
    total: sumScores(scores),
    annotations: [],
    comment: '',
    assessor: { id, name },
    version: 1,
    supersedes: null,
    reason: null,
  };
}
const signed = (...sheets: SheetContent[]) => sheets.map((content, i) => ({ content, signedAt: `2026-11-28T09:0${i}:00.000Z` }));

describe('score checks', () => {
  it('accepts scores within 0..max on the 0.5 step and totals them exactly', () => {
    expect(checkScores(RUBRIC, [{ id: 'showcase', score: 7.5 }])).toEqual([]);
    expect(totalScore(RUBRIC, RUBRIC.map((r) => ({ id: r.id, score: r.max - 0.5, note: '' })))).toBe(97);
    expect(sumScores([0.1 * 5, 0.5, 0.5])).toBe(1.5);
  });
  it('names the item and field of a score out of range or off the step', () => {
    const issues = checkScores(RUBRIC, [
      { id: 'showcase', score: 16 },
      { id: 'faults', score: 2.3 },
      { id: 'nope', score: 1 },
      { id: 'compliance', score: -1 },
    ]);
    expect(issues.map((i) => i.field)).toEqual(['scores[0].score', 'scores[1].score', 'scores[2].id', 'scores[3].score']);
    expect(issues[0]?.message).toContain('「产品展示」得分 16 超出范围：应在 0 到 15 分之间');
    expect(issues[1]?.message).toContain('不是 0.5 分的整数倍');
  });
  it('requires every item for a complete sheet, and the rubric to total 100', () => {
    const incomplete = checkScores(RUBRIC, [{ id: 'showcase', score: 10 }], { complete: true });
    expect(incomplete).toHaveLength(5);
    expect(incomplete[0]?.message).toContain('尚未评分');
    expect(checkRubric(RUBRIC.slice(1))[0]?.message).toContain('实际为 75 分');
    expect(() => totalScore(RUBRIC, [])).toThrow(/尚未评分/);
  });
});

describe('rubric view', () => {
  it('groups items by occupational function with the standard weights for B level 5', () => {
    const view = rubricView(RUBRIC, 'B', 5);
    expect(view.groups.map((g) => [g.function, g.functionName, g.weight, g.points])).toEqual([
      [1, '工作准备', 30, 25],
      [4, '直播营销', 50, 60],
      [7, '售后与复盘', 20, 15],
    ]);
    expect(view.total).toBe(100);
    expect(view.groups[1]?.items[0]?.skillInfo[0]?.text).toBe('能介绍销售产品的基本特性及卖点');
  });
});

describe('panel result', () => {
  it('is the mean of the signed totals, one decimal, pass at 60', () => {
    const r = panelResult({ signed: signed(sheet('甲', [20, 10, 15, 10, 5, 10]), sheet('乙', [20, 10, 15, 10, 5, 11]), sheet('丙', [20, 10, 15, 10, 6, 10])), drafts: [] });
    expect(r.finalScore).toBe(70.7); // (70 + 71 + 71) / 3 = 70.666…
    expect(r.passed).toBe(true);
    expect(r.violations).toEqual([]);
    expect(r.complete).toBe(true);
    expect(r.flags).toEqual([]);
    expect(r.rule).toContain('算术平均值');
  });
  it('fails below 60 and passes at exactly 60', () => {
    expect(panelResult({ signed: signed(sheet('甲', [15, 9, 12, 9, 6, 8.5]), sheet('乙', [15, 9, 12, 9, 6, 8.5]), sheet('丙', [15, 9, 12, 9, 6, 8.5])), drafts: [] }).passed).toBe(false);
    expect(panelResult({ signed: signed(sheet('甲', [15, 9, 12, 9, 6, 9])), drafts: [] }).finalScore).toBe(60);
  });
  it('exam mode needs at least three assessors and an odd number; practice allows one', () => {
    const one = panelResult({ signed: signed(sheet('甲', [20, 10, 15, 10, 5, 10])), drafts: [] });
    expect(one.violations.map((v) => v.rule)).toEqual(['skill.minAssessors']);
    const four = panelResult({ signed: signed(...['甲', '乙', '丙', '丁'].map((n) => sheet(n, [20, 10, 15, 10, 5, 10]))), drafts: [] });
    expect(four.violations.map((v) => v.rule)).toEqual(['skill.assessorsOdd']);
    const practice = panelResult({ signed: signed(sheet('甲', [20, 10, 15, 10, 5, 10], 'practice')), drafts: [] });
    expect(practice.violations).toEqual([]);
    expect(practice.complete).toBe(true);
    const mixed = panelResult({ signed: signed(sheet('甲', [20, 10, 15, 10, 5, 10], 'practice'), sheet('乙', [20, 10, 15, 10, 5, 10])), drafts: [] });
    expect(mixed.violations.map((v) => v.rule)).toContain('panel.mixedModes');
    expect(panelResult({ signed: [], drafts: [] }).violations.map((v) => v.rule)).toEqual(['panel.noSignedSheet']);
  });
  it('an unsigned draft keeps the panel open and does not count', () => {
    const r = panelResult({ signed: signed(sheet('甲', [20, 10, 15, 10, 5, 10], 'practice')), drafts: [{ assessorId: 'a99999999', name: '乙', total: null, mode: 'practice' }] });
    expect(r.finalScore).toBe(70);
    expect(r.members.map((m) => [m.name, m.signed])).toEqual([
      ['甲', true],
      ['乙', false],
    ]);
    expect(r.complete).toBe(false);
  });
  it('flags totals more than 10 apart and items beyond their margin, naming the outlier', () => {
    const r = panelResult({ signed: signed(sheet('甲', [20, 10, 15, 10, 5, 10]), sheet('乙', [21, 10, 15, 10, 5, 10]), sheet('丙', [8, 10, 15, 10, 5, 10])), drafts: [] });
    const total = r.flags.find((f) => f.kind === 'total');
    expect(total?.spread).toBe(13);
    expect(total?.outlier?.name).toBe('丙');
    const items = r.flags.filter((f) => f.kind === 'item');
    expect(items.map((f) => f.itemId)).toEqual(['selling-points']);
    expect(items[0]?.margin).toBe(5); // 20 % of 25
    expect(items[0]?.message).toContain('5:4.2.1');
  });
  it('does not flag at exactly the margin', () => {
    const r = panelResult({ signed: signed(sheet('甲', [20, 10, 15, 10, 5, 10]), sheet('乙', [25, 10, 15, 10, 10, 10])), drafts: [] });
    expect(r.flags.map((f) => f.kind)).toEqual(['item']); // total 70 vs 80: exactly 10, not flagged; faults 5 vs 10 > 2
    expect(itemMargin(10, DEFAULT_MARGINS)).toBe(2);
    expect(itemMargin(2, DEFAULT_MARGINS)).toBe(1);
  });
  it('states its rule with the margins', () => {
    expect(resultRuleText({ total: 8, itemShare: 0.25, itemMin: 1 })).toMatch(/超过 8 分.*25%/);
  });
});

describe('blind scoring', () => {
  const facts = { signed: new Set(['a11111111']), panelComplete: false };
  it('an assessor sees their own sheet, and others only after signing', () => {
    expect(canSeeScores({ kind: 'assessor', assessorId: 'a22222222' }, 'a22222222', facts)).toBe(true);
    expect(canSeeScores({ kind: 'assessor', assessorId: 'a22222222' }, 'a11111111', facts)).toBe(false);
    expect(canSeeScores({ kind: 'assessor', assessorId: 'a11111111' }, 'a22222222', facts)).toBe(false); // a draft stays private
    expect(canSeeResult({ kind: 'assessor', assessorId: 'a11111111' }, facts)).toBe(true);
  });
  it('the public sees scores only once the panel is complete', () => {
    expect(canSeeScores({ kind: 'public' }, 'a11111111', facts)).toBe(false);
    expect(canSeeScores({ kind: 'public' }, 'a11111111', { ...facts, panelComplete: true })).toBe(true);
    expect(canSeeResult({ kind: 'public' }, facts)).toBe(false);
  });
});

describe('signed sheets and the ledger', () => {
  async function signedFile(content: SheetContent): Promise<{ file: SheetFile; text: string; ledger: string }> {
    const v = await sealVersion(hasher, content, { assessorId: content.assessor.id, name: content.assessor.name, pinVerified: true, method: 'pin-scrypt', signedAt: '2026-11-28T09:00:00.000Z' });
    const file: SheetFile = { format: 'livedrill-score-sheet-file/1', sessionId: content.sessionId, assessorId: content.assessor.id, versions: [v] };
    const text = sheetFileText(file);
    const entry = await sealEntry(hasher, { seq: 0, hash: ZERO_HASH }, '2026-11-28T09:00:00.000Z', {
      type: 'sheet.signed',
      data: { assessorId: content.assessor.id, name: content.assessor.name, version: 1, file: `scores/${content.assessor.id}.json`, contentHash: v.contentHash, signedHash: v.signedHash, fileSha256: await hasher.sha256(text), total: content.total, reason: null },
    });
    return { file, text, ledger: ledgerLine(entry) };
  }

  it('verifies an intact sheet and finds a changed score, a changed file and a broken ledger', async () => {
    const content = sheet('甲', [20, 10, 15, 10, 5, 10]);
    const { text, ledger } = await signedFile(content);
    const path = `scores/${content.assessor.id}.json`;
    const ok = await verifyScores(hasher, { sessionId: content.sessionId, chainHead: 'c'.repeat(64), ledgerText: ledger, files: [{ path, bytes: enc.encode(text) }] });
    expect(ok.findings).toEqual([]);
    expect(ok.sheets[0]?.intact).toBe(true);

    const forged = text.replace('"score": 20', '"score": 25').replace('"total": 70', '"total": 75');
    const bad = await verifyScores(hasher, { sessionId: content.sessionId, ledgerText: ledger, files: [{ path, bytes: enc.encode(forged) }] });
    expect(bad.valid).toBe(false);
    expect(bad.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['sheet_content_changed', 'sheet_file_changed']));

    const spaced = await verifyScores(hasher, { sessionId: content.sessionId, ledgerText: ledger, files: [{ path, bytes: enc.encode(`${text} `) }] });
    expect(spaced.findings.map((f) => f.code)).toEqual(['sheet_file_changed']);

    const gone = await verifyScores(hasher, { sessionId: content.sessionId, ledgerText: ledger, files: [] });
    expect(gone.findings.map((f) => f.code)).toEqual(['sheet_missing']);

    const unrecorded = await verifyScores(hasher, { sessionId: content.sessionId, ledgerText: null, files: [{ path, bytes: enc.encode(text) }] });
    expect(unrecorded.findings.map((f) => f.code)).toEqual(['sheet_not_in_ledger']);

    const otherLog = await verifyScores(hasher, { sessionId: content.sessionId, chainHead: 'd'.repeat(64), ledgerText: ledger, files: [{ path, bytes: enc.encode(text) }] });
    expect(otherLog.findings.map((f) => f.code)).toEqual(['sheet_other_log']);

    const read = await readLedger(hasher, ledger.replace('"total":70', '"total":99'));
    expect(read.findings.map((f) => f.code)).toEqual(['ledger_hash_mismatch']);
    expect((await readLedger(hasher, ledger + ledger)).findings.map((f) => f.code)).toEqual(['ledger_seq_mismatch', 'ledger_prev_mismatch']);
  });
});

describe('CSV', () => {
  it('writes the sheet and parses back to the same figures, quotes included', () => {
    const a = sheet('张敏', [20, 10, 15, 10, 5, 10]);
    const b = sheet('李"华', [20, 10, 15, 10, 5, 10.5]);
    const c = sheet('王强, 老师', [5, 3, 4, 3, 2, 3]);
    const s = signed(a, b, c);
    const panel = panelResult({ signed: s, drafts: [] });
    const text = sheetCsv({
      header: { sessionId: 's', candidate: '考生', candidateId: 'k1', workType: '直播销售员（B）', level: '五级/初级工', scenario: '赣南脐橙', recordedAt: 'd', station: 'S1', mode: '考试', verification: '通过' },
      panel,
      sheets: s,
      time: (iso) => localStamp(iso, 480),
    });
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text);
    const header = rows.find((r) => r[0] === '评分项');
    expect(header).toEqual(['评分项', '技能要求', '满分', '张敏', '李"华', '王强, 老师', '平均', '分歧']);
    const total = rows.find((r) => r[0] === '总分');
    expect(total?.slice(3, 7).map(Number)).toEqual([70, 70.5, 20, panel.finalScore]);
    expect(rows.find((r) => r[0] === '介绍产品基本特性及卖点')?.[7]).toBe('相差 15');
    expect(rows.find((r) => r[0] === '结论')?.[1]).toBe('不合格'); // (70 + 70.5 + 20) / 3 = 53.5
    expect(() => parseCsv('"a,b\r\n')).toThrow(/引号没有闭合/);
    // Signing times in the centre's local time, not UTC with a Z (issue 10 item 8).
    const times = rows.find((r) => r[0] === '签名时间')?.slice(3, 6) ?? [];
    expect(times).toHaveLength(3);
    for (const x of times) expect(x).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC\+8\)$/);
  });

  it('localStamp: an instant as the centre wall clock, with its offset', () => {
    expect(localStamp('2026-11-28T08:32:15.408Z', 480)).toBe('2026-11-28 16:32:15 (UTC+8)');
    expect(localStamp('2026-11-28T20:05:00Z', 480)).toBe('2026-11-29 04:05:00 (UTC+8)');
    expect(localStamp('2026-07-01T12:00:00Z', -240)).toBe('2026-07-01 08:00:00 (UTC-4)');
    expect(localStamp('2026-07-01T12:00:00Z', 330)).toBe('2026-07-01 17:30:00 (UTC+5:30)');
    expect(localStamp('d', 480)).toBe('d');
  });
});
