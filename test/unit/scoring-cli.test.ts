// `livedrill evidence scores` on the committed scored fixture (scripts/make-scored-fixture.ts):
// three signed sheets in exam mode, the outlier flagged; and on broken copies: a changed
// score, a deleted sheet, a panel that breaks its mode's rules, a folder that is not a package.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { evidenceCommand } from '../../electron/cli/evidence.ts';
import { verifyPackage } from '../../electron/services/evidence/verify-package.ts';

const SCORED = fileURLToPath(new URL('../fixtures/evidence/scored/', import.meta.url));

function capture() {
  const out: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => out.push(t) }, out };
}

interface Report {
  ok: boolean;
  mode: string;
  members: { name: string; total: number; signed: boolean }[];
  finalScore: number;
  passed: boolean;
  flags: { kind: string; outlier: { name: string } | null }[];
  violations: { rule: string }[];
  findings: { code: string; file: string }[];
}

async function scores(dir: string): Promise<{ code: number; report: Report; text: string }> {
  const json = capture();
  const code = await evidenceCommand(['scores', dir, '--json'], json.io);
  const text = capture();
  await evidenceCommand(['scores', dir], text.io);
  return { code, report: JSON.parse(json.out.join('')) as Report, text: text.out.join('\n') };
}

const temps: string[] = [];
function copy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'livedrill-scored-')), 'pkg');
  temps.push(dir);
  cpSync(SCORED, dir, { recursive: true });
  return dir;
}
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(join(d, '..'), { recursive: true, force: true });
});

describe('evidence scores on the committed scored fixture', () => {
  it('reports three signed sheets, the mean, pass and the flagged outlier (exit 0)', async () => {
    const { code, report, text } = await scores(SCORED);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.mode).toBe('exam');
    expect(report.members.map((m) => [m.name, m.total, m.signed])).toEqual([
      ['张敏', 80, true],
      ['李华', 82, true],
      ['王强', 40, true],
    ]);
    expect(report.finalScore).toBe(67.3);
    expect(report.passed).toBe(true);
    expect(report.flags.find((f) => f.kind === 'total')?.outlier?.name).toBe('王强');
    expect(text).toContain('最终成绩 67.3 分  合格 PASS');
    expect(text).toContain('算术平均值');
  });

  it('the package itself still verifies once the scores/ files are left to their ledger', async () => {
    const report = await verifyPackage(SCORED);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it.each([
    ['a changed score', (dir: string, sheet: string) => writeFileSync(join(dir, 'scores', sheet), readFileSync(join(dir, 'scores', sheet), 'utf8').replace(/"score": (\d)/, (_m, d: string) => `"score": ${String((Number(d) + 1) % 10)}`)), 'sheet_content_changed'],
    ['a deleted sheet', (dir: string, sheet: string) => rmSync(join(dir, 'scores', sheet)), 'sheet_missing'],
    ['a dot-file sheet', (dir: string) => writeFileSync(join(dir, 'scores', '.a0000000f.json'), '{}'), 'scores_unknown_file'],
    ['an extra file', (dir: string) => writeFileSync(join(dir, 'scores', 'notes.txt'), 'x'), 'scores_unknown_file'],
  ])('evidence verify covers scores/: %s makes the package invalid', async (_name, tamper, code) => {
    const dir = copy();
    const [sheet] = readdirSync(join(dir, 'scores')).filter((f) => /^a[0-9a-f]+\.json$/.test(f));
    tamper(dir, sheet ?? '');
    const out = capture();
    expect(await evidenceCommand(['verify', dir, '--json'], out.io)).toBe(1);
    const report = JSON.parse(out.out.join('')) as { valid: boolean; findings: { code: string; file: string }[] };
    expect(report.valid).toBe(false);
    expect(report.findings.map((f) => f.code)).toContain(code);
  });

  it('evidence verify: an untouched scored package, or one with a leftover temp file of an interrupted write, is valid', async () => {
    const dir = copy();
    const clean = capture();
    expect(await evidenceCommand(['verify', dir], clean.io)).toBe(0);
    writeFileSync(join(dir, 'scores', '.ledger.jsonl.0a1b2c3d.tmp'), 'partial');
    const out = capture();
    expect(await evidenceCommand(['verify', dir, '--json'], out.io)).toBe(0);
    expect(JSON.parse(out.out.join('')) as unknown).toMatchObject({ findings: [expect.objectContaining({ severity: 'warning', code: 'scores_temp_leftover' })] });
  });

  it('exits 1 when a signed score was changed, naming the file', async () => {
    const dir = copy();
    const [sheet] = readdirSync(join(dir, 'scores')).filter((f) => /^a[0-9a-f]+\.json$/.test(f));
    const path = join(dir, 'scores', sheet ?? '');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/"score": (\d+)/, (_m, n: string) => `"score": ${Number(n) + 1}`));
    const { code, report, text } = await scores(dir);
    expect(code).toBe(1);
    expect(report.findings.filter((f) => f.file === `scores/${sheet ?? ''}`).map((f) => f.code)).toEqual(expect.arrayContaining(['sheet_content_changed', 'sheet_file_changed']));
    expect(text).toContain('已签名的评分表被修改');
  });

  it.each([
    ['one flipped byte', (text: string) => text.replace(/"score": (\d)/, (_m, d: string) => `"score": ${String((Number(d) + 1) % 10)}`)],
    ['a broken byte (unreadable sheet)', (text: string) => text.replace('{', '#')],
  ])('a signed sheet with %s counts for nothing: no final score and no 合格, the result is incomplete', async (_name, tamper) => {
    const dir = copy();
    const [sheet] = readdirSync(join(dir, 'scores')).filter((f) => /^a[0-9a-f]+\.json$/.test(f));
    const path = join(dir, 'scores', sheet ?? '');
    writeFileSync(path, tamper(readFileSync(path, 'utf8')));
    const { code, report, text } = await scores(dir);
    expect(code).toBe(1);
    expect(report.finalScore).toBeNull();
    expect(report.passed).toBeNull();
    expect(report.violations.map((v) => v.rule)).toContain('scores.incomplete');
    expect(text).not.toMatch(/最终成绩 \d/);
    expect(text).not.toMatch(/合格 PASS|不合格 FAIL/);
    expect(text).toContain('结果不完整');
  });

  it('exits 1 when a signed sheet was deleted: the ledger remembers it, and two assessors break the exam rules', async () => {
    const dir = copy();
    const [sheet] = readdirSync(join(dir, 'scores')).filter((f) => /^a[0-9a-f]+\.json$/.test(f));
    rmSync(join(dir, 'scores', sheet ?? ''));
    const { code, report } = await scores(dir);
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.code)).toContain('sheet_missing');
    expect(report.violations.map((v) => v.rule)).toEqual(['skill.minAssessors', 'skill.assessorsOdd', 'scores.incomplete']);
    expect(report.finalScore).toBeNull();
  });

  it('exits 1 without any signed sheet and 2 for a folder that is not a package', async () => {
    const dir = copy();
    rmSync(join(dir, 'scores'), { recursive: true });
    const { code, report } = await scores(dir);
    expect(code).toBe(1);
    expect(report.violations.map((v) => v.rule)).toEqual(['panel.noSignedSheet']);
    const notPackage = capture();
    expect(await evidenceCommand(['scores', join(dir, 'media')], notPackage.io)).toBe(2);
    expect(notPackage.out.join('')).toContain('not an evidence package');
  });
});
