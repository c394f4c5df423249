// The scenario loader: valid files load; every kind of bad file gets errors located at the
// exact line, column and field path, with a message that says what was expected.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, loadScenario, type ScenarioIssue } from '../../scenarios/format/index.ts';

const dir = join(import.meta.dirname, '..', 'fixtures', 'scenarios');
const valid = readFileSync(join(dir, 'valid-minimal.yaml'), 'utf8');

function errorsOf(text: string, options?: Parameters<typeof loadScenario>[2]): ScenarioIssue[] {
  const r = loadScenario('t.yaml', text, options);
  if (r.ok) throw new Error('expected the file to be invalid');
  return r.errors;
}

function fixture(name: string): ScenarioIssue[] {
  const r = loadScenario(name, readFileSync(join(dir, name), 'utf8'));
  if (r.ok) throw new Error(`${name} should be invalid`);
  return r.errors;
}

/** Replaces exactly one occurrence, so a test cannot silently edit nothing. */
function edit(text: string, from: string, to: string): string {
  expect(text.split(from)).toHaveLength(2);
  return text.replace(from, to);
}

describe('task kinds', () => {
  it('a file without kind is a live-room task; kind: live_room says the same', () => {
    const implicit = loadScenario('a.yaml', valid);
    const explicit = loadScenario('b.yaml', `kind: live_room\n${valid}`);
    expect(implicit.ok && implicit.scenario.kind).toBe('live_room');
    expect(explicit.ok && explicit.scenario).toEqual(implicit.ok && implicit.scenario);
  });

  it('an unknown kind is a located error at kind that names the kinds there are', () => {
    const errors = errorsOf(`id: x\nkind: video_edit\n${valid.replace(/^id: .*\n/, '')}`);
    expect(errors).toEqual([expect.objectContaining({ line: 2, column: 7, path: 'kind', message: expect.stringMatching(/任务类型 kind 应为 live_room/) as unknown })]);
  });

  it('a live-room field in another place is still an unknown key of the live-room member', () => {
    const errors = errorsOf(edit(valid, 'level: 5\n', 'level: 5\nparts: []\n'));
    expect(errors).toEqual([expect.objectContaining({ path: 'parts', message: expect.stringMatching(/未知字段 "parts"/) as unknown })]);
  });
});

describe('loadScenario', () => {
  it('loads a valid file and fills in the defaults', () => {
    const r = loadScenario('valid-minimal.yaml', valid);
    expect(r.ok).toBe(true);
    if (!r.ok || r.scenario.kind !== 'live_room') throw new Error('expected a live room');
    expect(r.scenario.id).toBe('fixture-minimal');
    expect(r.scenario.audience.meanStaySec).toBe(180);
    expect(r.scenario.audience.host).toBe('trainee');
    expect(r.scenario.audience.kindWeights.troll).toBe(0);
    expect(r.scenario.products[0]?.faqs).toEqual([]);
    expect(r.scenario.rubric[1]?.metrics).toEqual([]);
  });

  it('wrong type: file, line, column, path and what was expected', () => {
    const [e, ...rest] = fixture('bad-wrong-type.yaml');
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ file: 'bad-wrong-type.yaml', line: 6, column: 14, path: 'durationSec' });
    expect(e?.message).toMatch(/expected number, got string "两分钟"/);
    expect(formatIssue(e as ScenarioIssue)).toMatch(/^bad-wrong-type\.yaml:6:14 durationSec: 应为数字/);
  });

  it('unknown skill code: located at the list item, also reported as unscored', () => {
    const errors = fixture('bad-unknown-skill.yaml');
    expect(errors).toContainEqual(expect.objectContaining({ line: 7, column: 32, path: 'skills[2]', message: expect.stringMatching(/"5:9\.9\.9" 在标准中不存在/) as unknown }));
    expect(errors).toContainEqual(expect.objectContaining({ line: 7, column: 32, message: expect.stringMatching(/没有评分项/) as unknown }));
  });

  it('a skill of another work type or level is named as such', () => {
    const errors = errorsOf(edit(valid, "skills: ['5:4.2.1', '5:4.2.3']", "skills: ['5:4.2.1', '5:4.2.3', '4:6.1.2', '4:4.2.1']"));
    expect(errors).toContainEqual(expect.objectContaining({ path: 'skills[2]', message: expect.stringMatching(/"4:6\.1\.2" 不属于 B 5 级/) as unknown }));
    expect(errors).toContainEqual(expect.objectContaining({ path: 'skills[3]', message: expect.stringMatching(/"4:4\.2\.1" 不属于 B 5 级/) as unknown }));
  });

  it('missing field: located at the object that lacks it', () => {
    const errors = fixture('bad-missing-field.yaml');
    expect(errors).toEqual([expect.objectContaining({ line: 9, column: 5, path: 'products[0].price', message: expect.stringMatching(/缺少必填字段.*expected number/) as unknown })]);
  });

  it('YAML syntax error: located where the parser failed, with its code', () => {
    const errors = fixture('bad-yaml-syntax.yaml');
    expect(errors[0]).toMatchObject({ line: 3, column: 1, path: '(yaml)' });
    expect(errors[0]?.message).toMatch(/YAML 语法错误.*\(BAD_INDENT\)/);
  });

  it('event after the end: located at its `at`', () => {
    expect(fixture('bad-event-after-end.yaml')).toEqual([
      expect.objectContaining({ line: 24, column: 11, path: 'events[0].at', message: expect.stringMatching(/300 秒不在直播时长 120 秒之内/) as unknown }),
    ]);
  });

  it('unknown key: located at the key itself', () => {
    const errors = errorsOf(edit(valid, '    stock: 100\n', '    stock: 100\n    stok: 5\n'));
    expect(errors).toEqual([expect.objectContaining({ line: 13, column: 5, path: 'products[0].stok', message: expect.stringMatching(/未知字段 "stok"/) as unknown })]);
  });

  it('enum and nested errors name the allowed values', () => {
    const errors = errorsOf(edit(valid, 'kind: question, topic: price', 'kind: qestion, topic: price'));
    expect(errors[0]).toMatchObject({ line: 24, path: 'events[0].kind' });
    expect(errors[0]?.message).toMatch(/"question", "objection"/);
  });

  it('duplicate keys are YAML errors', () => {
    const errors = errorsOf(edit(valid, 'level: 5\n', 'level: 5\nlevel: 4\n'));
    expect(errors[0]).toMatchObject({ line: 6, path: '(yaml)', message: expect.stringMatching(/DUPLICATE_KEY/) as unknown });
  });

  it('rubric points must sum to 100', () => {
    const errors = errorsOf(edit(valid, 'points: 40', 'points: 30'));
    expect(errors).toEqual([expect.objectContaining({ line: 26, column: 3, path: 'rubric', message: expect.stringMatching(/合计应为 100，实际为 90/) as unknown })]);
  });

  it('rubric skills must be declared; declared skills must be scored', () => {
    const errors = errorsOf(edit(valid, "    skills: ['5:4.2.3']", "    skills: ['5:4.2.2']"));
    expect(errors).toContainEqual(expect.objectContaining({ path: 'rubric[1].skills[0]', message: expect.stringMatching(/未在 skills 中声明/) as unknown }));
    expect(errors).toContainEqual(expect.objectContaining({ path: 'skills[1]', message: expect.stringMatching(/"5:4\.2\.3" 没有评分项/) as unknown }));
  });

  it('product references must exist and ids must be unique', () => {
    const text = edit(
      edit(valid, '  - { at: 30, type: comment', '  - { at: 60, type: flash_sale_cue, product: pear }\n  - { at: 30, type: comment'),
      "      - { id: crisp, text: 脆甜多汁 }\n",
      "      - { id: crisp, text: 脆甜多汁 }\n      - { id: crisp, text: 个大 }\n",
    );
    const errors = errorsOf(text);
    expect(errors).toContainEqual(expect.objectContaining({ path: 'events[0].product', message: expect.stringMatching(/商品 "pear" 不存在，可选：apple/) as unknown }));
    expect(errors).toContainEqual(expect.objectContaining({ path: 'products[0].sellingPoints[1].id', message: expect.stringMatching(/卖点 id "crisp" 重复/) as unknown }));
  });

  it('a flash-sale cue needs a product with a flash sale', () => {
    const errors = errorsOf(edit(valid, '  - { at: 30, type: comment', '  - { at: 60, type: flash_sale_cue, product: apple }\n  - { at: 30, type: comment'));
    expect(errors).toEqual([expect.objectContaining({ path: 'events[0].product', message: expect.stringMatching(/没有 flashSale/) as unknown })]);
  });

  it('images are checked through the injected function, at the list item', () => {
    const text = edit(valid, '    stock: 100\n', '    stock: 100\n    images: [assets/products/navel-orange.svg, assets/products/nope.svg]\n');
    expect(loadScenario('t.yaml', text).ok).toBe(true);
    const seen: string[] = [];
    const errors = errorsOf(text, { assetExists: (p) => (seen.push(p), p.endsWith('navel-orange.svg')) });
    expect(seen).toEqual(['assets/products/navel-orange.svg', 'assets/products/nope.svg']);
    expect(errors).toEqual([expect.objectContaining({ line: 13, path: 'products[0].images[1]', message: expect.stringMatching(/图片 "assets\/products\/nope\.svg" 不存在/) as unknown })]);
    expect(errorsOf(edit(valid, '    stock: 100\n', '    stock: 100\n    images: [../secret.png]\n'))[0]?.message).toMatch(/assets\//);
  });

  it('seller text with a banned word is an error that names the category and advice', () => {
    const errors = errorsOf(edit(valid, 'text: 脆甜多汁', 'text: 全网最低价，最好吃的苹果'));
    expect(errors.map((e) => e.path)).toEqual(['products[0].sellingPoints[0].text', 'products[0].sellingPoints[0].text']);
    expect(errors[0]?.message).toMatch(/“全网最低价”（价格欺诈.*今天直播间专享价/);
    expect(errors[1]?.message).toMatch(/“最好吃”（极限词/);
  });

  it('bait must invite a banned claim; weights need a comment bank', () => {
    const text = edit(valid, '  kindWeights: { question: 1 }\n', '  kindWeights: { question: 1, troll: 1 }\n');
    expect(errorsOf(text)).toEqual([expect.objectContaining({ path: 'audience.comments.troll', message: expect.stringMatching(/没有弹幕文本/) as unknown })]);
    const bait = edit(valid, '      price: [多少钱？]\n', '      price: [多少钱？]\n    bait: [好吃吗？]\n');
    expect(errorsOf(bait)).toEqual([expect.objectContaining({ path: 'audience.comments.bait[0]', message: expect.stringMatching(/起不到诱导作用/) as unknown })]);
  });

  it('D has no level 1 or 2; a question needs a topic', () => {
    const errors = errorsOf(edit(edit(valid, 'workTypes: [B]', 'workTypes: [D]'), 'level: 5', 'level: 2'));
    expect(errors).toContainEqual(expect.objectContaining({ path: 'level', message: expect.stringMatching(/工种 D 没有 2 级/) as unknown }));
    expect(errorsOf(edit(valid, 'kind: question, topic: price, text', 'kind: question, text'))).toEqual([expect.objectContaining({ path: 'events[0].topic' })]);
  });

  it('a document that is not a mapping, or empty, is located at the start', () => {
    expect(errorsOf('- a\n- b\n')[0]).toMatchObject({ line: 1, column: 1, path: '(root)' });
    expect(errorsOf('')[0]).toMatchObject({ line: 1, column: 1 });
  });

  it('errors come sorted by position', () => {
    const errors = errorsOf(edit(edit(valid, 'durationSec: 120', 'durationSec: -5'), 'stock: 100', 'stock: many'));
    expect(errors.map((e) => e.line)).toEqual([6, 12]);
  });
});
