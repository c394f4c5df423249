// The centre's exam domain (scenarios/exam): section 1.9 rules on a sitting, roster rows with
// located issues, the seeded draw, panels with 回避 (property: every assignment returned keeps
// every rule; a refusal names a rule that really cannot be met), results, analytics, 复核.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignPanels,
  assignmentIssues,
  assignTickets,
  candidateResult,
  checkSitting,
  conflictPairs,
  drawStations,
  entryAllowed,
  idProblem,
  maskId,
  parseLevel,
  parseRoster,
  parseWorkType,
  recheckAdditions,
  retentionDates,
  rosterRows,
  sittingAnalytics,
  sittingResults,
  type AssignInput,
  type SittingPlan,
} from '../../scenarios/exam/index.ts';
import { badChecksumId, examSheet, ROSTER_HEADER, rosterRow, scoresAt, validId } from '../harness/exam.ts';

const PLAN: SittingPlan = {
  title: '直播销售员五级模拟考试',
  kind: 'formal',
  workType: 'B',
  level: 5,
  scenarioId: 'b5-navel-orange',
  stationScenarios: {},
  date: '2026-12-03',
  room: '实训楼 301',
  start: '09:00',
  durationMinutes: 90,
  stations: 6,
  panelSize: 3,
  fullMarks: 100,
  passMark: 60,
  lateEntryMinutes: 30,
  drawSeed: 'seed-1',
};
const codes = (xs: readonly { code: string }[]) => xs.map((x) => x.code);

describe('sitting rules (1.9)', () => {
  it('accepts a formal sitting that keeps every rule', () => {
    expect(checkSitting(PLAN, { candidates: 15, assessors: 3 })).toEqual({ kind: 'formal', issues: [], allowed: true });
  });
  it('refuses 2 assessors for 10 candidates and accepts 3', () => {
    const two = checkSitting(PLAN, { candidates: 10, assessors: 2 });
    expect(two.allowed).toBe(false);
    expect(codes(two.issues)).toEqual(['skill.minAssessors', 'skill.panelUnfilled']);
    expect(checkSitting(PLAN, { candidates: 10, assessors: 3 }).allowed).toBe(true);
  });
  it('names each broken rule with its numbers; a mock sitting goes ahead and still reports them', () => {
    const mock = { ...PLAN, kind: 'mock' as const, durationMinutes: 45, panelSize: 2, passMark: 50 };
    const c = checkSitting(mock, { candidates: 16, assessors: 3 });
    expect(c.allowed).toBe(true);
    expect(codes(c.issues)).toEqual(['duration.skill', 'skill.panelMin', 'skill.panelOdd', 'marks.passMark', 'skill.assessorRatio']);
    expect(c.issues[0]?.params).toEqual({ minutes: 45, min: 90 });
    expect(c.issues.at(-1)?.params).toEqual({ candidates: 16, assessors: 3, needed: 4, per: 5 });
    expect(checkSitting({ ...mock, kind: 'formal' }, { candidates: 16, assessors: 3 }).allowed).toBe(false);
  });
  it('admits up to the late-entry limit (UTC+8 start)', () => {
    const start = Date.UTC(2026, 11, 3, 1, 0); // 09:00 in Beijing
    expect(entryAllowed(PLAN, start + 30 * 60_000)).toEqual({ allowed: true, lateMinutes: 30 });
    expect(entryAllowed(PLAN, start + 31 * 60_000)).toEqual({ allowed: false, lateMinutes: 31 });
    expect(entryAllowed(PLAN, start - 5 * 60_000).lateMinutes).toBe(0);
  });
});

describe('ID numbers', () => {
  it('checks format, birth date and the GB 11643 check character', () => {
    expect(idProblem('11010519491231002X')).toBeNull();
    expect(idProblem(validId(7))).toBeNull();
    expect(idProblem(badChecksumId(7))).toBe('checksum');
    expect(idProblem('11010519491331002X')).toBe('birthDate');
    expect(idProblem('1101051949123100')).toBe('format');
    expect(maskId('11010519491231002X')).toBe('110105********002X');
  });
  it('every generated fixture id is valid and a changed digit is caught', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.integer({ min: 0, max: 16 }), (n, pos) => {
        const id = validId(n);
        expect(idProblem(id)).toBeNull();
        const d = Number(id[pos]);
        const changed = id.slice(0, pos) + String((d + 1) % 10) + id.slice(pos + 1);
        expect(idProblem(changed)).not.toBeNull();
      }),
    );
  });
});

describe('roster', () => {
  it('reads work types and levels as exports write them', () => {
    expect(parseWorkType('互联网营销师（直播销售员）')).toBe('B');
    expect(parseWorkType('D')).toBe('D');
    expect(parseWorkType('主播')).toBeNull();
    expect(parseLevel('五级/初级工')).toBe(5);
    expect(parseLevel('四级（中级工）')).toBe(4);
    expect(parseLevel('高级技师')).toBe(1);
    expect(parseLevel('3')).toBe(3);
    expect(parseLevel('六级')).toBeNull();
  });
  it('keeps the good rows and locates each bad cell by row, column and header', () => {
    const rows = [
      ROSTER_HEADER,
      rosterRow(0),
      rosterRow(1, { id: badChecksumId(1) }),
      rosterRow(2),
      [],
      rosterRow(3, { workType: '主播' }),
      rosterRow(4, { id: validId(0) }),
      rosterRow(5, { level: '三级' }),
    ];
    const r = parseRoster(rows, { workType: 'B', level: 5 });
    expect(r.candidates.map((c) => c.row)).toEqual([2, 4]);
    expect(r.rows).toBe(6);
    expect(r.issues.map((i) => [i.row, i.column, i.field, i.code])).toEqual([
      [3, 'B', '证件号码', 'roster.id.checksum'],
      [6, 'C', '工种', 'roster.unknownWorkType'],
      [7, 'B', '证件号码', 'roster.duplicate'],
      [8, 'D', '等级', 'roster.otherLevel'],
    ]);
    expect(r.issues[2]?.params).toMatchObject({ firstRow: 2 });
  });
  it('reports a missing required column once, at the header', () => {
    const r = parseRoster([['姓名', '工种', '等级'], ['王伟', 'B', '5']]);
    expect(r.candidates).toEqual([]);
    expect(r.issues).toEqual([{ row: 1, column: null, field: '证件号码', code: 'roster.missingColumn', params: { column: '证件号码' } }]);
  });
  it('flags candidates already in the sitting and round-trips its own export', () => {
    const first = parseRoster([ROSTER_HEADER, rosterRow(0), rosterRow(1, { ticket: '' })]);
    const again = parseRoster([ROSTER_HEADER, rosterRow(0)], { existing: first.candidates.map((c) => c.candidate) });
    expect(codes(again.issues)).toEqual(['roster.alreadyInSitting']);
    const withTickets = assignTickets(first.candidates.map((c) => c.candidate), 'S01-');
    expect(withTickets.map((c) => c.ticketNo)).toEqual(['ZK202600001', 'S01-001']);
    const back = parseRoster(rosterRows(withTickets));
    expect(back.issues).toEqual([]);
    expect(back.candidates.map((c) => c.candidate)).toEqual(withTickets);
  });
  it('never drops a good row whatever else is in the file', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat(3)), { maxLength: 30 }), (spec) => {
        const rows = [ROSTER_HEADER, ...spec.map(([good, kind], i) => (good ? rosterRow(i) : rosterRow(i, [{ id: badChecksumId(i) }, { workType: 'X' }, { level: '九级' }, { name: '' }][kind] ?? {})))];
        const r = parseRoster(rows);
        const goodRows = spec.flatMap(([good], i) => (good ? [i + 2] : []));
        expect(r.candidates.map((c) => c.row)).toEqual(goodRows);
        expect(new Set(r.issues.map((x) => x.row))).toEqual(new Set(spec.flatMap(([good], i) => (good ? [] : [i + 2]))));
      }),
    );
  });
});

describe('station draw', () => {
  const ids = Array.from({ length: 12 }, (_, i) => `c${String(i).padStart(5, '0')}`);
  it('is repeatable from the seed, independent of input order, and fills rounds', () => {
    const a = drawStations(ids, 6, 'seed-1');
    expect(drawStations([...ids].reverse(), 6, 'seed-1')).toEqual(a);
    expect(drawStations(ids, 6, 'seed-2').seats).not.toEqual(a.seats);
    expect(a.rounds).toBe(2);
    expect(a.seats.filter((s) => s.round === 1).map((s) => s.station)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(a.seats.map((s) => s.candidateId))).toEqual(new Set(ids));
  });
  it('gives every candidate exactly one seat and no seat twice', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 60 }), fc.integer({ min: 1, max: 20 }), fc.string(), (cs, st, seed) => {
        const d = drawStations(cs, st, seed);
        expect(d.seats).toHaveLength(cs.length);
        expect(new Set(d.seats.map((s) => `${s.round}/${s.station}`)).size).toBe(cs.length);
        expect(d.seats.every((s) => s.station >= 1 && s.station <= st)).toBe(true);
      }),
    );
  });
});

describe('panels with 回避', () => {
  const people = (p: string, n: number, employer?: (i: number) => string) => Array.from({ length: n }, (_, i) => ({ id: `${p}${i}`, ...(employer ? { employer: employer(i) } : {}) }));
  it('keeps declared and same-employer assessors off a panel and balances load', () => {
    const input: AssignInput = {
      kind: 'formal',
      panelSize: 3,
      candidates: people('c', 10, (i) => (i === 0 ? '甲公司' : '')),
      assessors: people('a', 5, (i) => (i === 4 ? '甲公司' : '')),
      declarations: [{ assessorId: 'a0', candidateId: 'c1', reason: 'relative' }],
    };
    const r = assignPanels(input);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.assignment.panels.c0).not.toContain('a4');
    expect(r.assignment.panels.c1).not.toContain('a0');
    expect(assignmentIssues(input, r.assignment)).toEqual([]);
    const loads = Object.values(r.assignment.load);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  });
  it('says which rule it cannot meet and for whom', () => {
    const base: AssignInput = { kind: 'formal', panelSize: 3, candidates: people('c', 10), assessors: people('a', 3), declarations: [] };
    const two = assignPanels({ ...base, assessors: people('a', 2) });
    expect(two.ok ? [] : codes(two.issues)).toEqual(['skill.minAssessors', 'skill.panelUnfilled']);
    const r = assignPanels({ ...base, declarations: [{ assessorId: 'a1', candidateId: 'c7', reason: 'trainer' }] });
    expect(r).toEqual({ ok: false, issues: [{ code: 'assign.conflicts', params: { candidateId: 'c7', candidate: 'c7', eligible: 2, panelSize: 3, excluded: 'a1', excludedNames: 'a1' } }] });
    // named people: the issue names the candidate and each assessor kept off by name and id
    const named = assignPanels({
      ...base,
      candidates: base.candidates.map((c) => ({ ...c, name: c.id === 'c7' ? '陈静' : `考生${c.id}` })),
      assessors: base.assessors.map((a, i) => ({ ...a, name: ['张敏', '李华', '王强'][i] ?? a.id })),
      declarations: [{ assessorId: 'a1', candidateId: 'c7', reason: 'trainer' }],
    });
    expect(named.ok ? null : named.issues[0]?.params).toMatchObject({ candidateId: 'c7', candidate: '陈静', excluded: 'a1', excludedNames: '李华 (a1)' });
    const even = assignPanels({ ...base, panelSize: 2 });
    expect(even.ok ? [] : codes(even.issues)).toEqual(['skill.panelMin', 'skill.panelOdd']);
    const mock = assignPanels({ ...base, kind: 'mock', panelSize: 2, candidates: people('c', 16) });
    expect(mock.ok && codes(mock.assignment.breaks)).toEqual(['skill.panelMin', 'skill.panelOdd', 'skill.assessorRatio']);
  });
  it('property: every assignment returned keeps every rule; every refusal names a rule that truly fails', () => {
    const arb = fc
      .record({
        kind: fc.constantFrom('formal' as const, 'mock' as const),
        panelSize: fc.integer({ min: 1, max: 6 }),
        nc: fc.integer({ min: 1, max: 30 }),
        na: fc.integer({ min: 1, max: 9 }),
        decl: fc.array(fc.tuple(fc.nat(8), fc.nat(29), fc.constantFrom('relative' as const, 'employer' as const, 'trainer' as const)), { maxLength: 40 }),
        emp: fc.array(fc.constantFrom('', '甲', '乙'), { minLength: 40, maxLength: 40 }),
      })
      .map(({ kind, panelSize, nc, na, decl, emp }): AssignInput => ({
        kind,
        panelSize,
        candidates: people('c', nc, (i) => emp[i] ?? ''),
        assessors: people('a', na, (i) => emp[39 - i] ?? ''),
        declarations: decl.filter(([a, c]) => a < na && c < nc).map(([a, c, reason]) => ({ assessorId: `a${a}`, candidateId: `c${c}`, reason })),
      }));
    fc.assert(
      fc.property(arb, (input) => {
        const r = assignPanels(input);
        const conflicts = conflictPairs(input);
        if (r.ok) {
          expect(assignmentIssues(input, r.assignment)).toEqual([]);
          return;
        }
        expect(r.issues.length).toBeGreaterThan(0);
        for (const i of r.issues) {
          if (i.code === 'assign.conflicts') {
            const off = conflicts.get(String(i.params.candidateId)) ?? new Set();
            expect(input.assessors.filter((a) => !off.has(a.id)).length).toBeLessThan(input.panelSize);
          } else if (i.code === 'skill.panelUnfilled') expect(input.assessors.length).toBeLessThan(input.panelSize);
          else if (i.code === 'skill.panelMin') expect(input.panelSize).toBeLessThan(3);
          else if (i.code === 'skill.minAssessors') expect(input.assessors.length).toBeLessThan(3);
          else if (i.code === 'skill.panelOdd') expect(input.panelSize % 2).toBe(0);
          else if (i.code === 'skill.assessorRatio') expect(input.assessors.length * 5).toBeLessThan(input.candidates.length);
          else throw new Error(`unexpected ${i.code}`);
          if (i.code.startsWith('skill.panelM') || i.code === 'skill.minAssessors' || i.code === 'skill.panelOdd' || i.code === 'skill.assessorRatio') expect(input.kind).toBe('formal');
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('results, analytics, 复核', () => {
  const A = [
    { id: 'a10000001', name: '考评员甲' },
    { id: 'a10000002', name: '考评员乙' },
    { id: 'a10000003', name: '考评员丙' },
  ];
  const panel = A.map((a) => a.id);
  const signedAt = '2026-12-03T03:00:00.000Z';
  const ev = (candidateId: string, shares: number[]) => ({
    candidateId,
    attendance: 'present' as const,
    sessionId: `s-${candidateId}`,
    panel,
    signed: A.map((a, i) => ({ content: examSheet(candidateId, a, scoresAt(shares[i] ?? 0)), signedAt })),
  });
  it('scores the mean of the panel, passes at 60, flags discordance and waits for missing signers', () => {
    const r = candidateResult(ev('c1', [0.7, 0.72, 0.5]), 60);
    expect(r.status).toBe('final');
    expect(r.score).toBeCloseTo(64, 0);
    expect(r.passed).toBe(true);
    expect(r.flags.some((f) => f.kind === 'total')).toBe(true);
    const partial = { ...ev('c2', [0.5, 0.55]), signed: ev('c2', [0.5, 0.55]).signed.slice(0, 2) };
    const p = candidateResult(partial, 60);
    expect(p.status).toBe('pending');
    expect(p.missing).toEqual(['a10000003']);
    expect(p.passed).toBe(false);
    expect(candidateResult({ ...ev('c3', []), attendance: 'absent' }, 60).status).toBe('absent');
  });
  it('an amendment changes the score and says so', () => {
    const r = candidateResult(ev('c1', [0.55, 0.55, 0.58]), 60, [{ candidateId: 'c1', score: 61, at: '2026-12-04T00:00:00Z' }]);
    expect(r).toMatchObject({ score: 61, passed: true, amended: true });
    expect(r.panelScore).toBeLessThan(60);
  });
  it('analytics: distribution, pass rate, per item and skill, and a lenient assessor shows', () => {
    const evs = Array.from({ length: 20 }, (_, i) => {
      const base = 0.4 + (i % 10) * 0.05;
      return ev(`c${i}`, [base, base, Math.min(1, base + 0.15)]);
    });
    const results = sittingResults(evs, 60);
    const sheets = new Map(evs.map((e) => [e.candidateId, e.signed.map((s) => s.content)]));
    const a = sittingAnalytics(results, sheets);
    expect(a.scored).toBe(20);
    expect(a.distribution.reduce((s, b) => s + b.count, 0)).toBe(20);
    expect(a.passRate).toBe(results.filter((r) => r.passed).length / 20);
    expect(a.items.map((i) => i.id)).toContain('guide-orders');
    expect(a.skills.find((s) => s.skill === '5:6.2.1')?.items).toBe(1);
    const marking = Object.fromEntries(a.assessors.map((x) => [x.name, x.marking]));
    expect(marking).toEqual({ 考评员甲: 'inline', 考评员乙: 'inline', 考评员丙: 'lenient' });
  });
  it('复核 re-adds the entries and finds a total that does not add up', () => {
    const e = ev('c1', [0.6, 0.6, 0.6]);
    const sheets = e.signed.map((s) => s.content);
    const published = candidateResult(e, 60).score;
    expect(recheckAdditions(sheets, published)).toEqual({ findings: [], score: published });
    const wrong = sheets.map((s, i) => (i === 0 ? { ...s, total: s.total + 5 } : s));
    const mean = (wrong.reduce((x, s) => x + s.total, 0) / 3);
    const r = recheckAdditions(wrong, Math.round(mean * 10) / 10);
    expect(codes(r.findings)).toEqual(['recheck.sheetSum', 'recheck.mean']);
    expect(r.score).toBe(published);
  });
  it('retention dates: paper 3 years, electronic 5', () => {
    expect(retentionDates('2026-12-03')).toEqual({ paper: '2029-12-03', electronic: '2031-12-03' });
    expect(retentionDates('2028-02-29')).toEqual({ paper: '2031-02-28', electronic: '2033-02-28' });
  });
});
