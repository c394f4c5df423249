// `livedrill scenarios validate` and `coverage`: exit codes, located errors, JSON shape.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../harness/cli.ts';
import { LIBRARY_FILES } from '../../scenarios/library/index.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'scenarios');

describe('livedrill scenarios', () => {
  it('is listed in --help', async () => {
    expect((await cli('--help')).out).toMatch(/scenarios validate <file\|dir>… \| coverage/);
  });

  it('validate passes the shipped library (exit 0)', async () => {
    const r = await cli('scenarios', 'validate', 'scenarios/library');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`✓ ${LIBRARY_FILES.length} 个场景全部有效`));
  });

  it('validate prints file:line:col field.path: message for each bad file (exit 1)', async () => {
    const files = ['bad-wrong-type.yaml', 'bad-unknown-skill.yaml', 'bad-missing-field.yaml', 'bad-yaml-syntax.yaml', 'bad-event-after-end.yaml'].map((f) => join(fixtures, f));
    const r = await cli('scenarios', 'validate', ...files);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines).toContain(`${join(fixtures, 'bad-wrong-type.yaml')}:6:14 durationSec: 应为数字，实际是 string "两分钟" (expected number, got string "两分钟")`);
    expect(lines).toContainEqual(expect.stringMatching(/bad-unknown-skill\.yaml:7:32 skills\[2\]: 技能要求 "5:9\.9\.9" 在标准中不存在/));
    expect(lines).toContainEqual(expect.stringMatching(/bad-missing-field\.yaml:9:5 products\[0\]\.price: 缺少必填字段/));
    expect(lines).toContainEqual(expect.stringMatching(/bad-yaml-syntax\.yaml:3:1 \(yaml\): YAML 语法错误/));
    expect(lines).toContainEqual(expect.stringMatching(/bad-event-after-end\.yaml:24:11 events\[0\]\.at: 事件时间 300 秒/));
    expect(r.out).toMatch(/✗ \d+ 个错误，涉及 5 个文件/);
  });

  it('validate a folder mixes valid and invalid files; a missing path or no path is unusable input (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'livedrill-scenarios-'));
    writeFileSync(join(dir, 'a.yaml'), 'id: [\n');
    expect((await cli('scenarios', 'validate', dir)).code).toBe(1);
    const missing = await cli('scenarios', 'validate', join(dir, 'nope.yaml'));
    expect(missing).toMatchObject({ code: 2, err: expect.stringMatching(/找不到 .*nope\.yaml/) as unknown });
    expect((await cli('scenarios', 'validate', mkdtempSync(join(tmpdir(), 'livedrill-empty-')))).code).toBe(2);
    expect(await cli('scenarios', 'validate')).toMatchObject({ code: 2, err: expect.stringMatching(/needs a file or folder/) as unknown });
    expect(await cli('scenarios', 'frob')).toMatchObject({ code: 2, err: expect.stringMatching(/unknown subcommand "frob"/) as unknown });
  });

  it('coverage lists exercised and missing codes for a selection', async () => {
    const r = await cli('scenarios', 'coverage', '--type', 'B', '--level', '5');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^B L5: \d+\/18 项技能要求被练到（场景声明 \d+\/18）；本级场景：b5-navel-orange, b5-navel-orange-quick/);
    expect(r.out).toMatch(/✓ 5:4\.2\.3 +能引导用户下单 +← b5-navel-orange, b5-navel-orange-quick/);
    expect(r.out).toMatch(/○ 5:4\.1\.1 +能将产品特性整理成直播脚本 +← 仅声明，无学员操作产生证据 \(claimed, not exercised\): b5-navel-orange/);
    expect(r.out).toMatch(/全部标准：173 项技能要求，练到 \d+，声明 \d+/);
    expect(r.out).toMatch(/· 5:1\.2\.2 +能下载安装直播软件/);
  });

  it('coverage --json has one selection per work type and level', async () => {
    const r = await cli('scenarios', 'coverage', '--json', '--type', 'd');
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out) as {
      scenarios: string[];
      summary: { total: number; covered: number; exercised: number; claimedNotExercised: { id: string }[] };
      selections: { workType: string; level: number; total: number; exercised: { id: string; exercised: string[] }[]; claimedOnly: { id: string }[]; missing: { id: string }[] }[];
      errors: string[];
    };
    expect(data.selections.map((s) => `${s.workType}${s.level}`)).toEqual(['D5', 'D4', 'D3']);
    expect(data.errors).toEqual([]);
    for (const s of data.selections) expect(s.exercised.length + s.claimedOnly.length + s.missing.length).toBe(s.total);
    expect(data.summary.total).toBe(173);
    expect(data.summary.exercised).toBe(data.summary.covered - data.summary.claimedNotExercised.length);
    expect(data.selections[1]?.exercised.map((x) => x.id)).toContain('4:6.2.2');
    const all = JSON.parse((await cli('scenarios', 'coverage', '--json')).out) as { selections: unknown[] };
    expect(all.selections).toHaveLength(18);
  });

  it('coverage: bad arguments exit 2; an invalid library exits 1 and says which files', async () => {
    expect(await cli('scenarios', 'coverage', '--type', 'E')).toMatchObject({ code: 2, err: expect.stringMatching(/--type must be one of A, B, C, D/) as unknown });
    expect(await cli('scenarios', 'coverage', '--type', 'D', '--level', '1')).toMatchObject({ code: 2, err: expect.stringMatching(/D has no level 1/) as unknown });
    expect((await cli('scenarios', 'coverage', '--bogus')).code).toBe(2);
    const bad = await cli('scenarios', 'coverage', '--dir', fixtures, '--type', 'B', '--level', '5');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/bad-wrong-type\.yaml:6:14/);
    expect(bad.out).toMatch(/B L5: \d+\/18 项技能要求被练到（场景声明 2\/18）/);
  });
});
