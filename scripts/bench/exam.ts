// Centre (考务) figures, goal ≤ 1 s each:
// 1. roster import of 5,000 rows: XLSX read (xlsx-read.ts; exceljs full load was 2.7–3.1 s) + parse with located issues (50 bad rows)
//    + store (one transaction) ; and the same from CSV.
// 2. panels for 500 candidates from 100 assessors with 回避 (same employer + 300 declarations),
//    panel of 3; then every rule re-checked.
// 3. results and analytics for 500 candidates with three signed sheets each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { importRoster } from '../../electron/services/exam/centre.ts';
import { readRosterBytes, xlsxOf } from '../../electron/services/exam/roster-file.ts';
import { openExamStore } from '../../electron/services/exam/store.ts';
import { assignmentIssues, assignPanels, parseRoster, sittingAnalytics, sittingResults, SittingPlan, type AssignInput, type CandidateEvidence } from '../../scenarios/exam/index.ts';
import { csvRows } from '../../scenarios/scoring/csv.ts';
import { badChecksumId, examSheet, ROSTER_HEADER, rosterRow, scoresAt } from '../../test/harness/exam.ts';

const tmp = mkdtempSync(join(tmpdir(), 'livedrill-bench-exam-'));
const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;
try {
  const rows = [ROSTER_HEADER, ...Array.from({ length: 5000 }, (_, i) => (i % 100 === 7 ? rosterRow(i, { id: badChecksumId(i) }) : rosterRow(i)))];
  const xlsx = await xlsxOf('考生名单', rows);
  const csv = new TextEncoder().encode(csvRows(rows));
  let t0 = performance.now();
  const table = readRosterBytes('roster.xlsx', xlsx);
  const tRead = performance.now() - t0;
  const t1 = performance.now();
  const parsed = parseRoster(table.rows);
  console.log(`roster 5,000 rows XLSX (${(xlsx.byteLength / 1024).toFixed(0)} KiB): read ${tRead.toFixed(0)} ms, parse ${ms(t1)} — ${parsed.candidates.length} kept, ${parsed.issues.length} located issues`);
  const plan = SittingPlan.parse({ title: 'bench', kind: 'mock', workType: 'B', level: 5, scenarioId: 'b5-navel-orange', date: '2026-12-03', room: '301', start: '09:00', durationMinutes: 90, stations: 100, panelSize: 3, drawSeed: 'b' });
  for (const [name, bytes] of [['roster.xlsx', xlsx], ['roster.csv', csv]] as const) {
    const store = openExamStore(join(tmp, `${name}.sqlite`));
    store.createSitting({ ...plan, id: 'sbench01' }, 'bench');
    t0 = performance.now();
    const imp = importRoster(store, 'sbench01', name, bytes, 'bench');
    console.log(`importRoster ${name} 5,000 rows end to end (read + parse + tickets + SQLite, WAL, one transaction): ${ms(t0)} — ${imp.kept.length} stored, ${imp.issues.length} issues`);
    store.close();
  }

  const employers = ['甲公司', '乙公司', '丙公司', '丁公司', '戊公司'];
  const input: AssignInput = {
    kind: 'formal',
    panelSize: 3,
    candidates: Array.from({ length: 500 }, (_, i) => ({ id: `c${i}`, employer: i % 10 === 0 ? (employers[i % 5] ?? '') : '' })),
    assessors: Array.from({ length: 100 }, (_, i) => ({ id: `a${i}`, employer: i < 10 ? (employers[i % 5] ?? '') : '' })),
    declarations: Array.from({ length: 300 }, (_, i) => ({ assessorId: `a${(i * 37) % 100}`, candidateId: `c${(i * 53) % 500}`, reason: 'trainer' as const })),
  };
  t0 = performance.now();
  const a = assignPanels(input);
  const tAssign = performance.now() - t0;
  if (!a.ok) throw new Error(JSON.stringify(a.issues.slice(0, 3)));
  t0 = performance.now();
  const bad = assignmentIssues(input, a.assignment);
  const loads = Object.values(a.assignment.load);
  console.log(`assign 500 candidates to 100 assessors, panel 3, 回避 (300 declarations + same employer): ${tAssign.toFixed(0)} ms; re-check of every rule ${ms(t0)} — ${bad.length} broken, load ${Math.min(...loads)}–${Math.max(...loads)}`);

  const A = Array.from({ length: 100 }, (_, i) => ({ id: `a${(0x10000000 + i).toString(16)}`, name: `考评员${i}` }));
  const evs: CandidateEvidence[] = Array.from({ length: 500 }, (_, i) => {
    const panel = [A[i % 100], A[(i + 1) % 100], A[(i + 2) % 100]].filter((x) => x !== undefined);
    const base = 0.35 + ((i * 7) % 60) / 100;
    return {
      candidateId: `c${i}`,
      attendance: 'present',
      sessionId: `s${i}`,
      panel: panel.map((p) => p.id),
      signed: panel.map((p, k) => ({ content: examSheet(`c${i}`, p, scoresAt(Math.min(1, base + (p.id === A[5]?.id ? 0.15 : 0) + k * 0.01))), signedAt: '2026-12-03T03:00:00Z' })),
    };
  });
  t0 = performance.now();
  const results = sittingResults(evs, 60);
  const tRes = performance.now() - t0;
  t0 = performance.now();
  const an = sittingAnalytics(results, new Map(evs.map((e) => [e.candidateId, e.signed.map((s) => s.content)])));
  console.log(
    `results for 500 candidates × 3 signed sheets: ${tRes.toFixed(0)} ms; analytics ${ms(t0)} — pass rate ${((an.passRate ?? 0) * 100).toFixed(1)}%, ${an.items.length} items, ${an.skills.length} skills, ${an.assessors.filter((x) => x.marking !== 'inline').length} assessors flagged lenient/severe`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
