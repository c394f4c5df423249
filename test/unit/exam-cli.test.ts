// `livedrill exam` on real files: a roster CSV and XLSX with bad rows (located file:row:column),
// sitting files (YAML/JSON, located errors exit 2), and a data folder with a sitting whose one
// candidate's package is the committed scored fixture (three signed sheets): results and archive.
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { examDbFile, importRoster } from '../../electron/services/exam/centre.ts';
import { xlsxOf } from '../../electron/services/exam/roster-file.ts';
import { openExamStore } from '../../electron/services/exam/store.ts';
import { csvRows } from '../../scenarios/scoring/csv.ts';
import { SittingPlan } from '../../scenarios/exam/index.ts';
import { cli } from '../harness/cli.ts';
import { badChecksumId, ROSTER_HEADER, rosterRow } from '../harness/exam.ts';
import { mkdirSync } from 'node:fs';

const SCORED = fileURLToPath(new URL('../fixtures/evidence/scored/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'livedrill-exam-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const rows = [ROSTER_HEADER, ...Array.from({ length: 12 }, (_, i) => (i === 3 ? rosterRow(i, { id: badChecksumId(i) }) : i === 8 ? rosterRow(i, { workType: '带货员' }) : rosterRow(i)))];

describe('exam roster validate', () => {
  it('locates each bad row in a CSV and exits 1', async () => {
    const file = join(tmp, 'roster.csv');
    writeFileSync(file, csvRows(rows));
    const r = await cli('exam', 'roster', 'validate', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${file}:5:B 证件号码 — 证件号码“${badChecksumId(3)}”校验位错误 [roster.id.checksum]`);
    expect(r.out).toContain(`${file}:10:C 工种 — 未知的工种“带货员”`);
    expect(r.out).toContain('12 行考生，10 行有效，2 行有问题');
  });
  it('reads the same roster from XLSX, with --json', async () => {
    const file = join(tmp, 'roster.xlsx');
    writeFileSync(file, await xlsxOf('考生名单', rows));
    const r = await cli('exam', 'roster', 'validate', file, '--type', 'B', '--level', '5', '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { format: string; rows: number; valid: number; issues: { row: number; column: string }[] };
    expect(j).toMatchObject({ format: 'xlsx', rows: 12, valid: 10 });
    expect(j.issues.map((i) => `${i.row}${i.column}`)).toEqual(['5B', '10C']);
  });
  it('exits 0 on a clean file and 2 on an unusable one', async () => {
    const good = join(tmp, 'good.csv');
    writeFileSync(good, csvRows(rows.filter((_, i) => i !== 4 && i !== 9)));
    expect((await cli('exam', 'roster', 'validate', good)).code).toBe(0);
    const junk = join(tmp, 'junk.xlsx');
    writeFileSync(junk, 'not a zip');
    const r = await cli('exam', 'roster', 'validate', junk);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${junk}: 不是有效的 XLSX 文件`);
    expect((await cli('exam', 'roster', 'validate', join(tmp, 'none.csv'))).code).toBe(2);
    expect((await cli('exam', 'roster', 'validate', good, '--level', '9')).code).toBe(2);
  });
});

const planYaml = `title: 直播销售员五级正式考核
kind: formal
workType: B
level: 5
scenarioId: b5-navel-orange
date: "2026-12-03"
room: 实训楼 301
start: "09:00"
durationMinutes: 60
stations: 6
panelSize: 3
drawSeed: abc
candidates: 12
assessors: 2
`;

describe('exam rules-check', () => {
  it('names every broken rule of a formal sitting file and exits 1', async () => {
    const file = join(tmp, 'sitting.yaml');
    writeFileSync(file, planYaml);
    const r = await cli('exam', 'rules-check', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain('[duration.skill] 技能考核时长 60 分钟，不少于 90 分钟');
    expect(r.out).toContain('[skill.minAssessors] 本场考评员 2 人，少于规定的 3 人');
    expect(r.out).toContain('✗ 正式考核不符合 4 条规定：不能进行');
    writeFileSync(file, planYaml.replace('60', '90').replace('assessors: 2', 'assessors: 3'));
    expect((await cli('exam', 'rules-check', file)).code).toBe(0);
  });
  it('locates a bad field by line and column and exits 2', async () => {
    const file = join(tmp, 'bad.yaml');
    writeFileSync(file, planYaml.replace('kind: formal', 'kind: real'));
    const r = await cli('exam', 'rules-check', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`${file}:2:7 kind: `));
  });
});

describe('exam results and archive on a data folder', () => {
  const dataDir = join(tmp, 'data');
  it('computes results from the linked package and archives the sitting', async () => {
    mkdirSync(join(dataDir, 'centre'), { recursive: true });
    const sessionId = '20261128-083215-aeeabe';
    cpSync(SCORED, join(dataDir, 'evidence', sessionId), { recursive: true });
    const store = openExamStore(examDbFile(dataDir));
    const plan = SittingPlan.parse({ title: "五级模拟", kind: "mock", workType: "B", level: 5, scenarioId: "b5-navel-orange-quick", date: "2026-12-03", room: "301", start: "09:00", durationMinutes: 90, stations: 6, panelSize: 3, drawSeed: "abc" });
    store.createSitting({ ...plan, id: 'scli0001' }, '考务');
    const imported = importRoster(store, 'scli0001', 'roster.csv', new TextEncoder().encode(csvRows(rows.slice(0, 3))), '考务');
    expect(imported.kept).toHaveLength(2);
    const cand = imported.kept[0]?.id ?? '';
    for (const [id, name] of [['a574d62d8', '张敏'], ['a79016f77', '李华'], ['aa026a2ae', '王强']] as const) store.setAssessor('scli0001', { assessorId: id, name, employer: '' }, '考务');
    store.savePanels('scli0001', { [cand]: ['a574d62d8', 'a79016f77', 'aa026a2ae'] }, [], '考务');
    const manifestSha = createHash('sha256').update(readFileSync(join(SCORED, 'manifest.json'))).digest('hex');
    store.linkSession('scli0001', { candidateId: cand, sessionId, manifestSha256: manifestSha, station: 1 }, '考务');
    store.close();

    const r = await cli('exam', 'results', 'scli0001', '--data-dir', dataDir, '--json');
    const j = JSON.parse(r.out) as { results: { candidateId: string; score: number | null; status: string; flags: unknown[] }[]; analytics: { scored: number; assessors: { name: string; marking: string }[] } };
    expect(j.results[0]).toMatchObject({ candidateId: cand, score: 67.3, status: 'final' });
    expect(j.results[0]?.flags.length).toBeGreaterThan(0);
    expect(j.results[1]?.status).toBe('noEvidence');
    expect(r.code).toBe(1); // one candidate has no result yet
    expect(j.analytics.assessors.find((a) => a.name === '王强')?.marking).toBe('severe');
    const text = await cli('exam', 'results', 'scli0001', '--data-dir', dataDir);
    expect(text.out).toContain('67.3  合格');

    const out = join(tmp, 'out.tar');
    const a = await cli('exam', 'archive', 'scli0001', '--data-dir', dataDir, '--out', out);
    expect(a.code).toBe(0);
    const tar = readFileSync(out);
    const names: string[] = [];
    for (let off = 0; off + 512 <= tar.length; ) {
      const name = tar.subarray(off, off + 100).toString('utf8').replace(/\0.*$/s, '');
      if (name === '') break;
      const size = parseInt(tar.subarray(off + 124, off + 136).toString('ascii').trim(), 8);
      names.push(name);
      off += 512 + Math.ceil(size / 512) * 512;
    }
    expect(names).toContain('scli0001/results.csv');
    expect(names).toContain(`scli0001/evidence/${sessionId}/manifest.json`);
    expect(names).toContain(`scli0001/evidence/${sessionId}/scores/ledger.jsonl`);
    expect(names.at(-1)).toBe('scli0001/archive-manifest.json');
    expect(a.out).toContain('纸质至 2029-12-03，电子至 2031-12-03');
    expect((await cli('exam', 'results', 'snope01', '--data-dir', dataDir)).code).toBe(2);
    expect((await cli('exam', 'results', 'scli0001', '--data-dir', join(tmp, 'empty'))).code).toBe(2);
  });
});
