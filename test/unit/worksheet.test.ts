// The worksheet task kind: its formula language, the held-out malformed files refused with
// located errors, the automatic checks of the A level-4 worksheet (a wrong margin caught, a
// selection outside the constraints, banned words in the script, a wrong choice), a schedule
// clash, and the coverage rule (a code is evidenced only by a filled part that names it).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadShippedLibrary } from '../../electron/services/scenarios/library.ts';
import { formatIssue, loadScenario } from '../../scenarios/format/index.ts';
import { exercisedBy } from '../../scenarios/library/coverage.ts';
import { evaluate, evidencedSkills, gradeWorksheet, parseExpr, type WorksheetScenario } from '../../scenarios/worksheet/index.ts';
import { A4_ID, A4_SCRIPT_BANNED, A4_WRONG_MARGIN, a4Answers } from '../harness/worksheet.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'worksheets');

function worksheet(id: string): WorksheetScenario {
  const s = loadShippedLibrary().scenarios.find((e) => e.scenario.id === id)?.scenario;
  if (s?.kind !== 'worksheet') throw new Error(`${id} is not a shipped worksheet`);
  return s;
}

const at = (s: string) => evaluate(parseExpr(s), { row: null, figure: (n) => (n === 'cap' ? 100 : null), rows: [] });

describe('worksheet formulas', () => {
  it('computes arithmetic, comparisons, least/greatest and rounding', () => {
    expect(at('(59.9 - 22 - 4.5 - 59.9 * 5 / 100) / 59.9 * 100')).toBeCloseTo(50.7596, 3);
    expect(at('least(69, 72, 59.9)')).toBe(59.9);
    expect(at('greatest(1, 3, 2) == 3 and not (1 > 2)')).toBe(true);
    expect(at('round(2.345, 2)')).toBe(2.35);
    expect(at('cap >= 100')).toBe(true);
    expect(at('1 / 0')).toBeNull();
  });

  it('aggregates over the rows in scope', () => {
    const rows = [2, 3, 5].map((q) => (n: string) => (n === 'qty' ? q : undefined));
    const scope = { row: null, figure: () => null, rows };
    expect(evaluate(parseExpr('sum(qty * 2)'), scope)).toBe(20);
    expect(evaluate(parseExpr('count() == 3 and min(qty) >= 2 and max(qty) == 5'), scope)).toBe(true);
    expect(evaluate(parseExpr('avg(qty)'), scope)).toBeCloseTo(10 / 3);
  });

  it('refuses bad formulas with the offset of the problem', () => {
    expect(() => parseExpr('qty *')).toThrow(/公式不完整/);
    expect(() => parseExpr('median(qty)')).toThrow(/未知函数/);
    try {
      parseExpr('qty # 2');
    } catch (e) {
      expect((e as { at: number }).at).toBe(4);
    }
  });
});

describe('worksheet files', () => {
  it('the valid fixture loads, CSV material read by column type', () => {
    const r = loadScenario('valid-worksheet.yaml', readFileSync(join(FIXTURES, 'valid-worksheet.yaml'), 'utf8'));
    expect(r.ok ? [] : r.errors.map(formatIssue)).toEqual([]);
  });

  // Each held-out malformed file, the line and field of its error and what the message says.
  const EXPECTED: Record<string, { line: number; path: string; message: RegExp }> = {
    'bad-check-given.yaml': { line: 40, path: 'parts[0].checks[0].column', message: /不是填写列/ },
    'bad-csv-cell.yaml': { line: 22, path: 'material[1].csv', message: /CSV 第 3 行 qty 列：“三” 应为数字/ },
    'bad-csv-header.yaml': { line: 22, path: 'material[1].csv', message: /缺少 fee，多出 price/ },
    'bad-formula-name.yaml': { line: 40, path: 'parts[0].checks[0].expect', message: /第 7 个字符：未知名称 “price”/ },
    'bad-formula-syntax.yaml': { line: 41, path: 'parts[0].checks[1].rule', message: /此处应为 “\)”/ },
    'bad-part-type.yaml': { line: 43, path: 'parts[1].type', message: /作答部分类型 type 应为/ },
    'bad-rows-from.yaml': { line: 32, path: 'parts[0].rowsFrom', message: /不是表格或 CSV 材料，可选：samples/ },
    'bad-rubric-check.yaml': { line: 55, path: 'rubric[0].checks[1]', message: /自动检查 "budget-check" 不存在/ },
    'bad-skill-no-part.yaml': { line: 8, path: 'skills[2]', message: /没有作答部分产生证据/ },
    'bad-unknown-key.yaml': { line: 48, path: 'parts[1].maxChar', message: /未知字段 "maxChar"/ },
  };

  it('every held-out malformed file is refused with its file, line and field', () => {
    const bad = readdirSync(FIXTURES).filter((f) => f.startsWith('bad-')).sort();
    expect(bad).toEqual(Object.keys(EXPECTED).sort());
    for (const file of bad) {
      const r = loadScenario(file, readFileSync(join(FIXTURES, file), 'utf8'));
      expect(r.ok, file).toBe(false);
      if (r.ok) continue;
      const want = EXPECTED[file];
      const hit = r.errors.find((e) => e.path === want?.path && want.message.test(e.message));
      expect(hit, `${file}: ${r.errors.map(formatIssue).join('\n')}`).toBeDefined();
      expect(hit?.file).toBe(file);
      expect(hit?.line, file).toBe(want?.line);
      expect(hit?.message, file).toMatch(want?.message ?? /./);
    }
  });
});

describe('the A level-4 pricing and selection worksheet', () => {
  const s = worksheet(A4_ID);

  it('a right answer passes every automatic check', () => {
    const g = gradeWorksheet(s, a4Answers());
    expect(g.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${JSON.stringify(c.failures)}`)).toEqual([]);
    expect(g.parts.every((p) => p.filled)).toBe(true);
  });

  it('a margin without the 5 % service fee is caught on its row, with the expected value', () => {
    const g = gradeWorksheet(s, a4Answers({ marginRow0: A4_WRONG_MARGIN.value }));
    const margin = g.checks.find((c) => c.id === 'margin-ok');
    expect(margin?.status).toBe('fail');
    expect(margin?.failures).toEqual([{ row: 0, column: 'margin', code: 'mismatch', params: { expected: 30.405, got: 33.4, tolerance: 0.01 } }]);
    expect(g.failed).toBe(1);
  });

  it('a chosen product under the 30 % margin rate, or too many chosen, breaks the selection rules', () => {
    const g = gradeWorksheet(s, a4Answers({ picked: [true, true, true, true, true, true] }));
    expect(g.checks.find((c) => c.id === 'pick-margin')?.status).toBe('fail');
    expect(g.checks.find((c) => c.id === 'pick-count')?.status).toBe('fail');
  });

  it('banned words in the script and a wrong sample decision fail their checks', () => {
    const g = gradeWorksheet(s, a4Answers({ script: A4_SCRIPT_BANNED, sample: 'drop-claim' }));
    const script = g.checks.find((c) => c.id === 'script');
    expect(script?.status).toBe('fail');
    expect(script?.failures.map((f) => f.params.word)).toEqual(expect.arrayContaining(['全网最低价']));
    expect(g.checks.find((c) => c.id === 'sample-issue')?.status).toBe('fail');
  });

  it('a cell that is not a number is a located cell error, not a zero', () => {
    const answers = a4Answers();
    const pricing = answers.parts.pricing;
    if (pricing?.type !== 'table') throw new Error('pricing');
    pricing.rows[2] = { ...pricing.rows[2], price: '十六块八' };
    const g = gradeWorksheet(s, answers);
    expect(g.parts.find((p) => p.id === 'pricing')?.cellErrors).toEqual([{ row: 2, column: 'price', code: 'not_number' }]);
    expect(g.checks.find((c) => c.id === 'margin-ok')?.status).toBe('incomplete');
  });
});

describe('worksheet evidence and coverage', () => {
  it('a claimed code counts as exercised only through a part that names it; an empty sheet evidences nothing', () => {
    for (const { scenario: s } of loadShippedLibrary().scenarios) {
      if (s.kind !== 'worksheet') continue;
      const by = exercisedBy(s);
      for (const code of s.skills) {
        expect(by.get(code)?.length, `${s.id} ${code}`).toBeGreaterThan(0);
        expect(by.get(code)).toEqual(s.parts.filter((p) => p.skills.includes(code)).map((p) => `part:${p.id}`));
      }
      expect([...evidencedSkills(s, gradeWorksheet(s, { parts: {} }))], s.id).toEqual([]);
    }
    const s = worksheet(A4_ID);
    const onlyScript = gradeWorksheet(s, { parts: { script: { type: 'short_answer', text: '家人们看过来，这款陈皮普洱茶' } } });
    expect([...evidencedSkills(s, onlyScript)]).toEqual(['4:3.2.2']);
  });
});

describe('schedules', () => {
  it('finds overlapping rows of the same host and ignores other hosts', () => {
    const text = readFileSync(join(FIXTURES, 'valid-worksheet.yaml'), 'utf8')
      .replace("    minChars: 10\n", "    minChars: 10\n  - id: plan\n    type: table\n    title: { zh-CN: 排班, en: Rota }\n    prompt: { zh-CN: 排班, en: Rota }\n    skills: ['5:2.2.1']\n    columns:\n      - { id: host, title: { zh-CN: 主播, en: Host }, type: text }\n      - { id: start, title: { zh-CN: 开始, en: Start }, type: time }\n      - { id: stop, title: { zh-CN: 结束, en: End }, type: time }\n    checks:\n      - { id: no-clash, type: no_clash, title: { zh-CN: 不冲突, en: No clash }, start: start, end: stop, by: host }\n");
    const r = loadScenario('rota.yaml', text);
    if (!r.ok || r.scenario.kind !== 'worksheet') throw new Error(r.ok ? 'kind' : r.errors.map(formatIssue).join('\n'));
    const rows = [
      { host: '小林', start: '19:00', stop: '20:00' },
      { host: '小林', start: '19:30', stop: '21:00' },
      { host: '阿杰', start: '19:30', stop: '20:30' },
    ];
    const g = gradeWorksheet(r.scenario, { parts: { plan: { type: 'table', rows } } });
    expect(g.checks.find((c) => c.id === 'no-clash')?.failures).toEqual([{ row: 1, column: 'start', code: 'clash', params: { with: 1, by: '小林' } }]);
  });
});
