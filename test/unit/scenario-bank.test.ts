// Comment banks (issue 10 item 4): a bank entry is a text or { text, claim }; a claim is a flag the
// engine keeps true, not a word it recognises. Slots, claims and order words are located errors.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, type ScenarioIssue } from '../../scenarios/format/index.ts';
import { asLiveRoom } from '../../scenarios/format/task.ts';

const valid = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'scenarios', 'valid-minimal.yaml'), 'utf8');

function withBank(lines: string): string {
  const from = '      price: [多少钱？]\n';
  expect(valid.split(from)).toHaveLength(2);
  return valid.replace(from, `${from}${lines}`);
}

function errorsOf(text: string): ScenarioIssue[] {
  const r = loadScenario('t.yaml', text);
  if (r.ok) throw new Error('expected the file to be invalid');
  return r.errors;
}

describe('comment bank entries', () => {
  it('a text and { text, claim } both load; the claim is kept as a flag (a text with a slot is quoted in a flow list)', () => {
    const r = loadScenario('t.yaml', withBank('    intent: [怎么拍？, { text: "已拍{qty}箱", claim: ordered }]\n'));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(asLiveRoom(r.scenario).audience.comments.intent).toEqual([{ text: '怎么拍？' }, { text: '已拍{qty}箱', claim: 'ordered' }]);
  });

  it('an unknown claim is an error at the claim that lists the claims there are', () => {
    const errors = errorsOf(withBank('    intent: [{ text: 已拍, claim: bought }]\n'));
    expect(errors).toEqual([expect.objectContaining({ path: 'audience.comments.intent[0].claim', line: 23, message: expect.stringMatching(/"ordered", "coupon"/) as unknown })]);
  });

  it('a misspelt key, a number and an unknown slot are located errors', () => {
    expect(errorsOf(withBank('    intent: [{ txt: 已拍 }]\n')).map((e) => [e.path, e.message.includes('未知字段') || e.message.includes('缺少')])).toEqual([
      ['audience.comments.intent[0].text', true],
      ['audience.comments.intent[0].txt', true],
    ]);
    expect(errorsOf(withBank('    praise: [5]\n'))).toEqual([expect.objectContaining({ path: 'audience.comments.praise[0]', message: expect.stringMatching(/应为文本或 \{ text, claim \}/) as unknown })]);
    expect(errorsOf(withBank('    praise: ["{price}元太值了", "{colour}好看"]\n'))).toEqual([
      expect.objectContaining({ path: 'audience.comments.praise[1]', message: expect.stringMatching(/未知的占位符 \{colour\}.*\{product\}/) as unknown }),
    ]);
  });

  it('an order claim written as plain text is an error: 已拍 must be claim: ordered', () => {
    const errors = errorsOf(withBank('    intent: [已拍两箱]\n'));
    expect(errors).toEqual([expect.objectContaining({ path: 'audience.comments.intent[0]', message: expect.stringMatching(/claim: ordered/) as unknown })]);
  });

  it('a coupon claim or a {coupon} slot with no product that has a coupon is an error', () => {
    const errors = errorsOf(withBank('    intent: [{ text: 抢到券了, claim: coupon }, "满{threshold}减多少？"]\n'));
    expect(errors.map((e) => e.path)).toEqual(['audience.comments.intent[0].claim', 'audience.comments.intent[1]']);
  });
});
