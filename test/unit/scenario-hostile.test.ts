// Hostile YAML a held-out probe fed the validator: alias bombs, unresolved aliases, nesting deep
// enough to exhaust the parser's stack, huge files. Each is one located error, never a crash, and
// a folder run goes on to the files after it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, YAML_LIMITS } from '../../scenarios/format/index.ts';
import { cli } from '../harness/cli.ts';

const valid = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'scenarios', 'valid-minimal.yaml'), 'utf8');

const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i] ?? ''}`).join(', ')}]`), 'id: boom', ''].join('\n');
const nope = valid.replace('title: { zh-CN: 测试场景, en: Fixture }', 'title: *nope');
const deepSeq = (n: number) => `id: ${'['.repeat(n)}${']'.repeat(n)}\n`;
const deepBlock = (n: number) => `id:\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n')} 1\n`;
const deepAliasChain = `a: &a [1]\n${Array.from({ length: 5 }, (_, i) => `k${i}: &k${i} [${i === 0 ? '*a' : `*k${i - 1}`}]`).join('\n')}\n`;

const HOSTILE: [string, string, RegExp, number][] = [
  ['an alias bomb', bomb, /别名展开超过 100 次.*alias expansion/, 2],
  ['an unresolved alias *nope', nope, /别名 \*nope 没有对应的锚点.*unresolved alias/, 2],
  ['a list nested 100,000 deep', deepSeq(100_000), /嵌套超过 32 层/, 1],
  ['a mapping nested 50,000 deep', `id: ${'{a: '.repeat(50_000)}1${'}'.repeat(50_000)}\n`, /嵌套超过 32 层/, 1],
  ['a list nested 100,000 deep in compact block style', `id:\n${'- '.repeat(100_000)}x\n`, /嵌套超过 32 层/, 2],
  ['a mapping nested 700 deep in block style', deepBlock(700), /嵌套超过 32 层/, 33],
  ['a list nested 33 deep', deepSeq(33), /嵌套超过 32 层/, 1],
  ['a file over the size limit', `id: x\nnote: "${'x'.repeat(YAML_LIMITS.maxChars)}"\n`, /文件过大/, 1],
];

describe('hostile YAML is a located error', () => {
  it.each(HOSTILE)('%s', (_name, text, message, line) => {
    const r = loadScenario('h.yaml', text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ file: 'h.yaml', line, message: expect.stringMatching(message) as unknown });
  });

  it('aliases within the limits still work', () => {
    const r = loadScenario('t.yaml', valid.replace('  comments:\n    question:\n      price: [多少钱？]', '  comments:\n    question:\n      price: &ask [多少钱？]\n      other: *ask'));
    expect(r.ok ? [] : r.errors).toEqual([]);
    const chain = loadScenario('c.yaml', deepAliasChain);
    expect(chain.ok ? [] : chain.errors.map((e) => e.message)).not.toContainEqual(expect.stringMatching(/别名|嵌套/));
  });
});

describe('livedrill scenarios validate on a folder of hostile files', () => {
  it('reports each file at a line, exits 1 and goes on to the valid file after them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'livedrill-hostile-'));
    HOSTILE.forEach(([, text], i) => writeFileSync(join(dir, `${String(i)}-hostile.yaml`), text));
    writeFileSync(join(dir, 'z-valid.yaml'), valid);
    const r = await cli('scenarios', 'validate', dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    HOSTILE.forEach(([, , message, line], i) => {
      expect(r.out.split('\n')).toContainEqual(expect.stringMatching(new RegExp(`${i}-hostile\\.yaml:${line}:\\d+ \\(yaml\\): .*${message.source}`)));
    });
    expect(r.out).toMatch(new RegExp(`涉及 ${HOSTILE.length} 个文件；1 个场景有效`));
  });
});
