// Absurd values a held-out probe fed the validator: numbers far beyond what a task can mean
// (1e12-second flash sales, 1e308 prices, counts above 2^53 or with fractions) and texts that
// show nothing (only zero-width characters or whitespace). Each must be a located error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isVisibleText, loadScenario, type ScenarioIssue } from '../../scenarios/format/index.ts';

const valid = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'scenarios', 'valid-minimal.yaml'), 'utf8');

function edit(text: string, from: string, to: string): string {
  expect(text.split(from)).toHaveLength(2);
  return text.replace(from, to);
}

function errorsOf(text: string): ScenarioIssue[] {
  const r = loadScenario('t.yaml', text);
  if (r.ok) throw new Error('expected the file to be invalid');
  return r.errors;
}

const product = (extra: string) => edit(valid, '    stock: 100\n', `    stock: 100\n${extra}`);

describe('numbers are bounded by what a task can mean', () => {
  const cases: [string, string, string][] = [
    ['a 1e12-second flash sale', product('    flashSale: { price: 19.9, stock: 10, durationSec: 1e12 }\n'), 'products[0].flashSale.durationSec'],
    ['a flash sale longer than the live', product('    flashSale: { price: 19.9, stock: 10, durationSec: 600 }\n'), 'products[0].flashSale.durationSec'],
    ['a price of 1e9 yuan', edit(valid, 'price: 29.9', 'price: 1e9'), 'products[0].price'],
    ['a price of 1e308 yuan', edit(valid, 'price: 29.9', 'price: 1e308'), 'products[0].price'],
    ['an infinite price', edit(valid, 'price: 29.9', 'price: .inf'), 'products[0].price'],
    ['a stock above 2^53', edit(valid, 'stock: 100', 'stock: 9007199254740993'), 'products[0].stock'],
    ['a fractional stock', edit(valid, 'stock: 100', 'stock: 10.5'), 'products[0].stock'],
    ['a coupon stock of 1e15', product('    coupon: { amount: 5, stock: 1e15 }\n'), 'products[0].coupon.stock'],
    ['a coupon threshold of 1e300', product('    coupon: { amount: 5, threshold: 1e300, stock: 10 }\n'), 'products[0].coupon.threshold'],
    ['a coupon valid for a year', product('    coupon: { amount: 5, stock: 10, validSec: 31536000 }\n'), 'products[0].coupon.validSec'],
    ['a weight of 1e308', edit(valid, 'kindWeights: { question: 1 }', 'kindWeights: { question: 1e308 }'), 'audience.kindWeights.question'],
    ['1e9 viewers', edit(valid, 'baseViewers: 50', 'baseViewers: 1e9'), 'audience.baseViewers'],
    ['1e9 comments a minute', edit(valid, 'commentsPerMin: 10', 'commentsPerMin: 1e9'), 'audience.commentsPerMin'],
    ['a viewer who stays 1e10 s', edit(valid, 'commentsPerMin: 10', 'commentsPerMin: 10\n  meanStaySec: 1e10'), 'audience.meanStaySec'],
    ['an event at 2^60 s', edit(valid, '{ at: 30,', '{ at: 1152921504606846976,'), 'events[0].at'],
    ['a reply window of 1e9 s', edit(valid, 'text: 多少钱？ }', 'text: 多少钱？, replyWithinSec: 1e9 }'), 'events[0].replyWithinSec'],
    ['a surge of 2^53 viewers', edit(valid, '  - { at: 30,', '  - { at: 10, type: surge, viewers: 9007199254740992 }\n  - { at: 30,'), 'events[0].viewers'],
    ['a fault lasting longer than the live', edit(valid, '  - { at: 30,', '  - { at: 10, type: fault, fault: network_drop, maxSec: 3600 }\n  - { at: 30,'), 'events[0].maxSec'],
    ['a rubric item worth 1e9 points', edit(valid, 'points: 40', 'points: 1e9'), 'rubric[1].points'],
  ];
  it.each(cases)('%s is an error at its field', (_name, text, path) => {
    expect(errorsOf(text)).toContainEqual(expect.objectContaining({ file: 't.yaml', path, line: expect.any(Number) as unknown }));
  });

  it('the largest meaningful values still load', () => {
    const text = edit(
      edit(product('    flashSale: { price: 19.9, stock: 100, durationSec: 120 }\n    coupon: { amount: 5, threshold: 29.9, stock: 10000000, validSec: 120 }\n'), 'stock: 100\n', 'stock: 10000000\n'),
      'commentsPerMin: 10',
      'commentsPerMin: 12000',
    );
    const r = loadScenario('t.yaml', text);
    expect(r.ok ? [] : r.errors).toEqual([]);
  });
});

describe('text that shows nothing counts as empty', () => {
  const blanks = ['\u200B', '\u2060', '\u180E', '\uFEFF', '\u200B\u200C\u200D', ' \u3000\t', '\u00AD'];
  it.each(blanks.map((b) => [JSON.stringify(b), b]))('%s is not visible text', (_n, b) => {
    expect(isVisibleText(b)).toBe(false);
  });
  it('text with a visible character is kept', () => {
    expect(isVisibleText('\u200B多少钱\u200B')).toBe(true);
  });

  const zwsp = '"\\u200B\\u2060\\u180E"';
  const cases: [string, string, string][] = [
    ['a viewer name', edit(valid, 'text: 多少钱？ }', `text: 多少钱？, user: ${zwsp} }`), 'events[0].user'],
    ['an FAQ answer', product(`    faqs: [{ id: ship, topic: shipping, q: 包邮吗？, a: ${zwsp} }]\n`), 'products[0].faqs[0].a'],
    ['a rubric title', edit(valid, 'title: { zh-CN: 下单, en: Orders }', `title: { zh-CN: 下单, en: ${zwsp} }`), 'rubric[1].title.en'],
    ['a product name of a BOM and spaces', edit(valid, 'name: 苹果 5斤装', 'name: "\\uFEFF  \\u3000"'), 'products[0].name'],
    ['a comment-bank line', edit(valid, 'price: [多少钱？]', `price: [多少钱？, ${zwsp}]`), 'audience.comments.question.price[1]'],
  ];
  it.each(cases)('%s of zero-width characters is an error at its field', (_name, text, path) => {
    expect(errorsOf(text)).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(/零宽|至少 1 个字符/) as unknown }));
  });
});
