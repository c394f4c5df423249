// The day of a sitting through the centre's handlers on a real data folder: the round's exam clock
// (a station's task follows it, not its own start), sign-in with the lateness rule (configurable
// per sitting), identity checks against the roster with the 18-digit checksum and the photo kept
// by hash, incidents with time and who; and the paperwork as PDF (read back with pdftotext) and
// the result list as XLSX.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEventHub } from '../../electron/services/events.ts';
import { createEvidenceService } from '../../electron/services/evidence/service.ts';
import { verifyPackage } from '../../electron/services/evidence/verify-package.ts';
import { createExamService } from '../../electron/services/exam/service.ts';
import { identityDir } from '../../electron/services/exam/day.ts';
import { readXlsxTable } from '../../electron/services/exam/xlsx-read.ts';
import { candidateDays, checkIdentity, entryVerdict, roundClocks, SittingPlan, startMs, taskClock } from '../../scenarios/exam/index.ts';
import { csvRows } from '../../scenarios/scoring/csv.ts';
import { badChecksumId, ROSTER_HEADER, rosterRow, validId } from '../harness/exam.ts';

const tmp = mkdtempSync(join(tmpdir(), 'livedrill-exam-day-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const ctx = { transport: 'websocket' as const };
// a tiny real JPEG (SOI, APP0 … EOI are all the checks need; the bytes are kept as given)
const JPEG = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=', 'base64');

describe('exam day domain', () => {
  it('checks the number typed against the roster, checksum first, and names another candidate’s number', () => {
    const a = { id: 'caaaa1', idNumber: validId(1) };
    const b = { id: 'cbbbb2', idNumber: validId(2) };
    expect(checkIdentity(a, ` ${validId(1).toLowerCase()} `)).toEqual({ entered: validId(1), match: true, problem: null, otherCandidateId: null });
    expect(checkIdentity(a, badChecksumId(1)).problem).toBe('checksum');
    expect(checkIdentity(a, '1101011990').problem).toBe('format');
    expect(checkIdentity(a, validId(2), [a, b])).toEqual({ entered: validId(2), match: false, problem: 'mismatch', otherCandidateId: 'cbbbb2' });
  });
  it('runs a task by its round’s clock, whenever the station started', () => {
    const clock = { startedAt: 1_000_000, durationMs: 90 * 60_000, stoppedAt: null };
    expect(taskClock(null, 5, 90 * 60_000)).toEqual({ state: 'waiting', elapsedMs: 0, remainingMs: 90 * 60_000, endsAt: null });
    // a station that presses start 10 minutes in has 80 minutes left, not 90
    expect(taskClock(clock, 1_000_000 + 10 * 60_000)).toMatchObject({ state: 'running', elapsedMs: 600_000, remainingMs: 80 * 60_000 });
    expect(taskClock(clock, 1_000_000 + 91 * 60_000)).toMatchObject({ state: 'over', remainingMs: 0, endsAt: 1_000_000 + 90 * 60_000 });
    expect(taskClock({ ...clock, stoppedAt: 1_000_000 + 60_000 }, 1_000_000 + 5 * 60_000)).toMatchObject({ state: 'over', elapsedMs: 60_000 });
  });
  it('bars entry after the sitting’s limit, counted from the round’s clock when it has started', () => {
    const s = { date: '2026-12-03', start: '09:00', lateEntryMinutes: 30 };
    const t0 = startMs(s);
    expect(entryVerdict(s, null, t0 + 30 * 60_000 + 59_000)).toEqual({ admitted: true, lateMinutes: 30, limit: 30, from: 'plan' });
    expect(entryVerdict(s, null, t0 + 31 * 60_000)).toMatchObject({ admitted: false, lateMinutes: 31 });
    expect(entryVerdict({ ...s, lateEntryMinutes: 15 }, { startedAt: t0 + 5 * 60_000 }, t0 + 21 * 60_000)).toEqual({ admitted: false, lateMinutes: 16, limit: 15, from: 'clock' });
  });
  it('folds the records into each candidate’s day and the rounds’ clocks', () => {
    const rec = (seq: number, type: string, data: unknown) => ({ seq, at: '2026-12-03T01:00:00Z', actor: '监考甲', type, data });
    const log = [
      rec(1, 'clock.started', { round: 1, startedAt: 10, durationMs: 100 }),
      rec(2, 'clock.started', { round: 1, startedAt: 99, durationMs: 100 }),
      rec(3, 'candidate.arrived', { candidateId: 'c1', lateMinutes: 3, admitted: true }),
      rec(4, 'identity.checked', { candidateId: 'c1', method: 'typed', entered: 'x', match: false, photo: null }),
      rec(5, 'identity.checked', { candidateId: 'c1', method: 'typed', entered: 'y', match: true, photo: { file: 'identity/x.jpg', sha256: 'h', bytes: 3 } }),
      rec(6, 'incident', { candidateId: 'c1', station: 2, kind: 'deviceFailure', note: '' }),
      rec(7, 'candidate.arrived', { candidateId: 'c2', lateMinutes: 40, admitted: false }),
    ];
    expect(roundClocks(log)).toEqual([{ round: 1, startedAt: 10, durationMs: 100, stoppedAt: null, actor: '监考甲' }]);
    expect(candidateDays([{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }], log)).toEqual([
      { candidateId: 'c1', identity: 'matched', arrival: 'present', lateMinutes: 3, incidents: 1, photo: true },
      { candidateId: 'c2', identity: 'unchecked', arrival: 'barred', lateMinutes: 40, incidents: 0, photo: false },
      { candidateId: 'c3', identity: 'unchecked', arrival: 'expected', lateMinutes: null, incidents: 0, photo: false },
    ]);
  });
});

describe('exam day handlers and paperwork', () => {
  let clock = Date.UTC(2026, 11, 3, 1, 0); // 09:00 in UTC+8, the planned start
  const dataDir = join(tmp, 'data');
  const evidence = createEvidenceService({ dataDir, events: createEventHub() });
  const service = createExamService({ dataDir, now: () => new Date(clock), evidence });
  const h = service.handlers;
  afterAll(async () => {
    service.close();
    await evidence.close();
  });
  const plan = SittingPlan.parse({ title: '直播销售员五级模拟', kind: 'mock', workType: 'B', level: 5, scenarioId: 'b5-navel-orange', date: '2026-12-03', room: '301', start: '09:00', durationMinutes: 60, stations: 2, panelSize: 3, lateEntryMinutes: 20, drawSeed: 'seed' });
  let sittingId = '';
  let ids: string[] = [];

  it('starts a round once, signs candidates in by its clock, checks identity with a photo, logs incidents', async () => {
    const created = await h['exam.create']({ plan, actor: '考务甲' }, ctx);
    sittingId = created.sittingId ?? '';
    const rows = [ROSTER_HEADER, ...Array.from({ length: 3 }, (_, i) => rosterRow(i))];
    await h['exam.importRoster']({ sittingId, name: 'r.csv', dataBase64: Buffer.from(csvRows(rows)).toString('base64'), actor: '考务甲' }, ctx);
    await h['exam.draw']({ sittingId, actor: '考务甲' }, ctx);
    const view = await h['exam.get']({ sittingId }, ctx);
    ids = view.candidates.map((c) => c.id);
    const [c0, c1, c2] = view.candidates;
    if (!c0 || !c1 || !c2) throw new Error('roster');
    const roundOf = (id: string) => view.seats.find((s) => s.candidateId === id)?.round ?? 0;

    clock += 5 * 60_000; // the clock starts at 09:05
    const started = await h['exam.startClock']({ sittingId, round: 1, actor: '监考甲' }, ctx);
    expect(started).toMatchObject({ ok: true, clock: { round: 1, startedAt: clock, durationMs: 3_600_000 } });
    const again = await h['exam.startClock']({ sittingId, round: 1, actor: '监考甲' }, ctx);
    expect(again.ok).toBe(false);
    expect(again.issues[0]?.code).toBe('day.clockStarted');
    expect((await h['exam.startClock']({ sittingId, round: 9, actor: '监考甲' }, ctx)).issues[0]).toEqual({ code: 'day.noSuchRound', params: { round: 9, rounds: 2 } });

    clock += 20 * 60_000; // 09:25: 20 min after round 1's clock, 25 after the plan
    const first = view.candidates.find((c) => roundOf(c.id) === 1) ?? c0;
    expect(await h['exam.arrive']({ sittingId, candidateId: first.id, actor: '监考甲' }, ctx)).toEqual({ admitted: true, lateMinutes: 20, limit: 20, from: 'clock' });
    clock += 60_000;
    const late = view.candidates.find((c) => roundOf(c.id) === 1 && c.id !== first.id);
    if (late) expect(await h['exam.arrive']({ sittingId, candidateId: late.id, actor: '监考甲' }, ctx)).toMatchObject({ admitted: false, lateMinutes: 21 });

    const bad = await h['exam.identify']({ sittingId, candidateId: first.id, entered: badChecksumId(ids.indexOf(first.id)), method: 'typed', photoBase64: null, actor: '监考甲' }, ctx);
    expect(bad).toMatchObject({ match: false, problem: 'checksum', photo: null });
    expect(bad.issues[0]).toMatchObject({ code: 'day.identity.checksum', params: { candidate: first.name, candidateId: first.id } });
    const other = view.candidates.find((c) => c.id !== first.id) ?? c1;
    const wrong = await h['exam.identify']({ sittingId, candidateId: first.id, entered: other.idNumber, method: 'scanned', photoBase64: null, actor: '监考甲' }, ctx);
    expect(wrong.issues[0]).toMatchObject({ code: 'day.identity.mismatchOther', params: { other: `${other.name} (${other.id})` } });
    expect((await h['exam.identify']({ sittingId, candidateId: first.id, entered: first.idNumber, method: 'typed', photoBase64: Buffer.from('GIF89a').toString('base64'), actor: '监考甲' }, ctx)).issues[0]?.code).toBe('day.photoNotJpeg');
    const ok = await h['exam.identify']({ sittingId, candidateId: first.id, entered: first.idNumber.toLowerCase(), method: 'typed', photoBase64: JPEG.toString('base64'), actor: '监考甲' }, ctx);
    const sha = createHash('sha256').update(JPEG).digest('hex');
    expect(ok).toMatchObject({ match: true, problem: null, issues: [], photo: { sha256: sha, bytes: JPEG.length } });
    expect(createHash('sha256').update(readFileSync(join(identityDir(dataDir, sittingId), (ok.photo?.file ?? '').replace('identity/', '')))).digest('hex')).toBe(sha);

    await h['exam.incident']({ sittingId, candidateId: first.id, station: 1, kind: 'deviceFailure', note: '摄像头断开，已更换', actor: '监考乙' }, ctx);
    await h['exam.incident']({ sittingId, candidateId: null, station: null, kind: 'other', note: '考场停电 2 分钟', actor: '监考乙' }, ctx);
    await h['exam.absent']({ sittingId, candidateId: c2.id === first.id ? c1.id : c2.id, actor: '监考甲' }, ctx);

    const day = await h['exam.day']({ sittingId }, ctx);
    expect(day.now).toBe(clock);
    expect(day.clocks).toHaveLength(1);
    const mine = day.candidates.find((d) => d.candidateId === first.id);
    expect(mine).toEqual({ candidateId: first.id, identity: 'matched', arrival: 'present', lateMinutes: 20, incidents: 1, photo: true });
    expect(day.log.map((r) => r.type)).toEqual(['clock.started', 'candidate.arrived', ...(late ? ['candidate.arrived'] : []), 'identity.checked', 'identity.checked', 'identity.checked', 'identity.checked', 'incident', 'incident', 'candidate.absent']);
    expect(day.log.filter((r) => r.type === 'incident').map((r) => r.actor)).toEqual(['监考乙', '监考乙']);
    expect(day.log.every((r) => r.at !== '')).toBe(true);
  });

  it('puts the identity check and its photo into the task’s evidence package at the start, hashed into its log', async () => {
    const day = await h['exam.day']({ sittingId }, ctx);
    const checked = day.candidates.find((d) => d.photo);
    const unchecked = day.candidates.find((d) => d.identity === 'unchecked');
    if (!checked || !unchecked) throw new Error('the first test identifies one candidate with a photo');
    const start = { candidate: { id: checked.candidateId, name: '考生' }, station: 'S01', scenarioId: 'b5-navel-orange', scenarioHash: '', seed: 1 };
    const { sessionId } = await evidence.handlers['evidence.start'](start, ctx);
    const attached = await h['exam.attachIdentity']({ sittingId, candidateId: checked.candidateId, sessionId, actor: '考位 1' }, ctx);
    expect(attached).toMatchObject({ ok: true, issues: [], photo: { path: 'checks/identity-photo.jpg', sha256: createHash('sha256').update(JPEG).digest('hex') } });
    await evidence.handlers['evidence.finish']({ sessionId }, ctx);

    const dir = join(evidence.root, sessionId);
    expect(readFileSync(join(dir, 'checks', 'identity-photo.jpg'))).toEqual(JPEG);
    const identity = JSON.parse(readFileSync(join(dir, 'checks', 'identity.json'), 'utf8')) as Record<string, unknown>;
    expect(identity).toMatchObject({ sittingId, candidateId: checked.candidateId, match: true, method: 'typed', checkedBy: '监考甲', photo: { path: 'checks/identity-photo.jpg' } });
    const report = await verifyPackage(dir);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.files.map((f) => f.path)).toEqual(expect.arrayContaining(['checks/identity-photo.jpg', 'checks/identity.json']));
    const audit = await h['exam.audit']({ sittingId }, ctx);
    expect(audit.records.at(-1)).toMatchObject({ type: 'identity.attached', actor: '考位 1', data: { candidateId: checked.candidateId, sessionId } });

    // a candidate never checked gets no identity record, and says so
    const other = await evidence.handlers['evidence.start']({ ...start, candidate: { id: unchecked.candidateId, name: '考生' } }, ctx);
    const refused = await h['exam.attachIdentity']({ sittingId, candidateId: unchecked.candidateId, sessionId: other.sessionId, actor: '考位 2' }, ctx);
    expect(refused).toMatchObject({ ok: false, photo: null, issues: [{ code: 'day.identity.notChecked' }] });
    await evidence.handlers['evidence.finish']({ sessionId: other.sessionId }, ctx);
  });

  // four PDFs with a 10 MB CJK font: seconds each on a loaded 2-core machine (not a speed test)
  it('prints the seating plan, 准考证, sign-in sheet and 成绩登记表 as PDF, and the result list as XLSX', { timeout: 120_000 }, async () => {
    const view = await h['exam.get']({ sittingId }, ctx);
    const text = async (document: 'seating' | 'tickets' | 'signin' | 'results') => {
      const d = await h['exam.document']({ sittingId, document, format: 'pdf' }, ctx);
      expect(d.mime).toBe('application/pdf');
      const file = join(tmp, `${document}.pdf`);
      writeFileSync(file, Buffer.from(d.dataBase64, 'base64'));
      return { name: d.name, text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }) };
    };
    const seating = await text('seating');
    expect(seating.name).toBe(`${sittingId}-考位安排表.pdf`);
    expect(seating.text).toContain('考位安排表');
    expect(seating.text).toContain('抽签种子 seed');
    // a mock sitting that breaks 1.9 says which rule, on every document
    expect(seating.text).toContain('模拟考试，不符合标准 1.9 的以下规定');
    expect(seating.text).toContain('技能考核时长 60 分钟，不少于 90 分钟');
    for (const c of view.candidates) {
      expect(seating.text).toContain(c.name);
      expect(seating.text).toContain(c.ticketNo);
      expect(seating.text).not.toContain(c.idNumber);
    }
    const tickets = await text('tickets');
    expect(tickets.text).toContain('准考证');
    expect(tickets.text).toContain('开考 20 分钟后不得入场');
    for (const c of view.candidates) expect(tickets.text).toContain(`准考证 ${c.ticketNo}`);
    const signin = await text('signin');
    expect(signin.text).toContain('考生签到表');
    expect(signin.text).toContain('考生签名');
    const results = await text('results');
    expect(results.text).toContain('成绩登记表');
    expect(results.text).toContain('缺考');
    expect(results.text).toContain('考务负责人签名');

    const x = await h['exam.document']({ sittingId, document: 'results', format: 'xlsx' }, ctx);
    const rows = readXlsxTable(new Uint8Array(Buffer.from(x.dataBase64, 'base64')));
    expect(rows[0]).toEqual(['序号', '准考证号', '姓名', '证件号码', '考位', '考评员评分', '成绩', '结论', '备注']);
    expect(rows.slice(1).map((r) => r[2])).toEqual(view.candidates.map((c) => c.name));
    await expect(h['exam.document']({ sittingId, document: 'seating', format: 'xlsx' }, ctx)).rejects.toThrow(/document\.xlsxResultsOnly/);
  });
});
