import { describe, expect, it } from 'vitest';
import { cli } from '../harness/cli.ts';

describe('livedrill CLI', () => {
  it('--help lists the commands, --version prints the version', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/standard \[--type A\|B\|C\|D\]/);
    expect(help.out).toMatch(/web \[--port N\]/);
    const version = await cli('--version');
    expect(version.out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('standard --json prints the documented shape with all 173 items', async () => {
    const { code, out } = await cli('standard', '--json');
    expect(code).toBe(0);
    const data = JSON.parse(out) as {
      workTypes: { code: string; name: string; levels: number[] }[];
      skills: { id: string; level: number; code: string; function: number; content: string; text: string; workTypes: string[] }[];
      assessed: { level: number; workType: string; functions: number[] }[];
      weights: { skill: { level: number; workType: string; function: number; percent: number }[]; theory: { part: string; percent: number }[] };
      rules: object;
    };
    expect(data.skills).toHaveLength(173);
    expect(data.workTypes.map((w) => w.code)).toEqual(['A', 'B', 'C', 'D']);
    expect(Object.keys(data.skills[0] ?? {}).sort()).toEqual(['code', 'content', 'function', 'id', 'level', 'text', 'workTypes']);
    const item = data.skills.find((s) => s.id === '5:4.2.3');
    expect(item).toMatchObject({ level: 5, code: '4.2.3', function: 4, content: '4.2', text: '能引导用户下单' });
    expect(data.assessed).toContainEqual({ level: 5, workType: 'B', functions: [1, 4, 7] });
    expect(data.weights.skill).toContainEqual({ level: 5, workType: 'B', function: 4, percent: 50 });
    expect(data.rules).toBeTypeOf('object');
  });

  it('standard --type B --level 5 filters to that selection', async () => {
    const { code, out } = await cli('standard', '--type', 'B', '--level', '5', '--json');
    expect(code).toBe(0);
    const data = JSON.parse(out) as { skills: { level: number; workTypes: string[]; function: number }[] };
    expect(data.skills.length).toBeGreaterThan(0);
    expect(data.skills.every((s) => s.level === 5 && s.workTypes.includes('B') && [1, 4, 7].includes(s.function))).toBe(true);
  });

  it('bad arguments exit 2 with a message that names them', async () => {
    expect(await cli('standard', '--type', 'E')).toMatchObject({ code: 2, err: expect.stringMatching(/--type must be one of A, B, C, D \(got "E"\)/) as unknown });
    expect(await cli('standard', '--level', '7')).toMatchObject({ code: 2, err: expect.stringMatching(/--level must be 1\.\.5/) as unknown });
    expect(await cli('standard', '--type', 'D', '--level', '1')).toMatchObject({ code: 2, err: expect.stringMatching(/D has no level 1|no level 1/) as unknown });
    expect(await cli('standard', '--bogus')).toMatchObject({ code: 2, err: expect.stringMatching(/unexpected argument "--bogus"/) as unknown });
    expect(await cli('frobnicate')).toMatchObject({ code: 2, err: expect.stringMatching(/unknown command "frobnicate"/) as unknown });
    expect(await cli('web', '--port', 'abc')).toMatchObject({ code: 2, err: expect.stringMatching(/--port must be a number/) as unknown });
  });
});
