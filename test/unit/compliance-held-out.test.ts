// Negated and quoted uses of a banned word are mentions, not claims (issue 10, item 3): the rules
// in scan.ts, and the checker's error rates on a held-out list of replies labelled by hand.
import { describe, expect, it } from 'vitest';
import { scanText } from '../../scenarios/compliance/index.ts';
import { checkerRates, loadHeldOut } from '../harness/held-out-replies.ts';

const words = (text: string) => scanText(text).map((h) => h.word);

describe('negation and quotation', () => {
  it('does not flag the reply from the trial: 亲，我们不说绝对化的话…', () => {
    expect(scanText('亲，我们不说绝对化的话，给您看检测报告')).toEqual([]);
  });

  it('does not flag a word negated in its own clause (不说/不能说/不是/没有/绝不…)', () => {
    for (const t of ['我们不能说最好', '不是全网最低价', '没有最低价这回事', '绝不承诺稳赚', '不敢说 100% 有效', '不可以加微信', '从不宣传美白']) expect(words(t), t).toEqual([]);
  });

  it('does not flag a word inside 「」, 『』, “” or "" quotes', () => {
    for (const t of ['「最好」这个词不能用', '『第一』不能说', '“绝对”两个字我们不说', '"顶级"是极限词']) expect(words(t), t).toEqual([]);
  });

  it('still flags a claim in another clause, a question of the 是不是 kind, and a long quotation', () => {
    expect(words('不用犹豫，最好的茶就是这款')).toEqual(['最好']);
    expect(words('不是吹，我们是第一')).toEqual(['第一']);
    expect(words('是不是全网最低价？')).toEqual(['全网最低价']);
    expect(words('有没有降血压的效果')).toEqual(['降血压']);
    expect(words('“今天这是全网最低价，大家快来抢购吧”')).toEqual(['全网最低价']);
    expect(words('“最好”不能说，但这是最好的')).toEqual(['最好']);
  });
});

describe('held-out replies', () => {
  it('has at least 40 compliant and 40 violating replies, with few errors', () => {
    const list = loadHeldOut();
    const r = checkerRates(list);
    expect(list.compliant.length).toBeGreaterThanOrEqual(40);
    expect(list.violating.length).toBeGreaterThanOrEqual(40);
    // Measured when the rules were written: 3 of 42 false positives, 1 of 43 false negatives.
    expect(r.fpRate, r.falsePositives.join(' | ')).toBeLessThanOrEqual(0.1);
    expect(r.fnRate, r.falseNegatives.join(' | ')).toBeLessThanOrEqual(0.05);
  });
});
