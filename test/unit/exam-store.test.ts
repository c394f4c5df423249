// The centre's store (electron/services/exam/store.ts) on a real SQLite file: migrations, WAL,
// every change with its audit record, the hash chain catching an edited record.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, openDb } from '../../electron/services/exam/db.ts';
import { openExamStore, StoreError } from '../../electron/services/exam/store.ts';
import { drawStations, parseRoster, SittingPlan } from '../../scenarios/exam/index.ts';
import { ROSTER_HEADER, rosterRow } from '../harness/exam.ts';

const tmp = mkdtempSync(join(tmpdir(), 'livedrill-exam-store-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const plan = SittingPlan.parse({ title: '五级模拟', kind: 'formal', workType: 'B', level: 5, scenarioId: 'b5-navel-orange', date: '2026-12-03', room: '301', start: '09:00', durationMinutes: 90, stations: 6, panelSize: 3, drawSeed: 'seed' });
let clock = Date.UTC(2026, 11, 3, 0, 0);
const now = () => new Date((clock += 1000));

describe('exam store', () => {
  it('migrates a new file to the current version in WAL mode and refuses a newer one', () => {
    const file = join(tmp, 'm.sqlite');
    const d = openDb(file);
    expect(d.version).toBe(MIGRATIONS.length);
    expect((d.db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe('wal');
    d.close();
    const raw = new DatabaseSync(file);
    raw.exec(`PRAGMA user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openDb(file)).toThrow(/newer than this app knows/);
  });
  it('keeps sittings, roster, assessors, 回避, panels, seats and sessions, each change audited', () => {
    const file = join(tmp, 's.sqlite');
    const store = openExamStore(file, { now });
    store.createSitting({ ...plan, id: 'stest01' }, '考务甲');
    expect(() => store.createSitting({ ...plan, id: 'stest01' }, '考务甲')).toThrow(StoreError);
    const parsed = parseRoster([ROSTER_HEADER, ...Array.from({ length: 5 }, (_, i) => rosterRow(i))]);
    store.addCandidates('stest01', parsed.candidates.map((c) => c.candidate), { file: 'r.csv', sha256: 'h', rows: 5, kept: 5, rejected: 0 }, '考务甲');
    const ids = store.candidates('stest01').map((c) => c.id);
    expect(ids).toEqual(parsed.candidates.map((c) => c.candidate.id));
    store.setAssessor('stest01', { assessorId: 'a00000001', name: '甲', employer: '' }, '考务甲');
    store.addDeclaration('stest01', { assessorId: 'a00000001', candidateId: ids[0] ?? '', reason: 'relative', note: '表亲' }, '考务甲');
    store.savePanels('stest01', { [ids[1] ?? '']: ['a00000001'] }, [], '考务甲');
    const draw = drawStations(ids, 6, 'seed');
    store.saveSeats('stest01', 'seed', draw.seats, '考务甲');
    store.linkSession('stest01', { candidateId: ids[1] ?? '', sessionId: '20261203-090000-abcdef', manifestSha256: 'f'.repeat(64), station: 2 }, '考务甲');
    store.log('stest01', 'recheck.requested', { requestId: 'r1', candidateId: ids[1] ?? '', reason: '分数有疑问' }, '考务甲');
    expect(() => store.log('stest01', 'recheck.requested', { requestId: 'r2', candidateId: 'x', reason: '' }, '考务甲')).toThrow();
    store.close();

    const again = openExamStore(file, { now });
    expect(again.sitting('stest01')).toEqual({ ...plan, id: 'stest01' });
    expect(again.declarations('stest01')).toEqual([{ assessorId: 'a00000001', candidateId: ids[0], reason: 'relative', note: '表亲' }]);
    expect(again.panels('stest01')).toEqual({ [ids[1] ?? '']: ['a00000001'] });
    expect(again.seats('stest01')).toEqual(draw.seats);
    expect(again.sessions('stest01')[0]?.sessionId).toBe('20261203-090000-abcdef');
    expect(again.audit('stest01').map((r) => r.type)).toEqual([
      'sitting.created',
      'roster.imported',
      'assessor.assigned',
      'declaration.added',
      'panels.assigned',
      'stations.drawn',
      'task.linked',
      'recheck.requested',
    ]);
    expect(again.audit('stest01').every((r) => r.actor === '考务甲')).toBe(true);
    expect(again.verifyAudit()).toEqual({ records: 8, firstBad: null });
    again.close();

    const raw = new DatabaseSync(file);
    raw.prepare("UPDATE audit SET data = ? WHERE seq = 8").run(JSON.stringify({ requestId: 'r1', candidateId: ids[1], reason: '改过' }));
    raw.close();
    const tampered = openExamStore(file);
    expect(tampered.verifyAudit()).toEqual({ records: 8, firstBad: 8 });
    tampered.close();
  });
  it('a failed change leaves no trace: no rows and no audit record', () => {
    const store = openExamStore(join(tmp, 'r.sqlite'), { now });
    store.createSitting({ ...plan, id: 'stest02' }, 'x');
    const parsed = parseRoster([ROSTER_HEADER, rosterRow(1), rosterRow(2)]);
    const dup = [...parsed.candidates.map((c) => c.candidate), parsed.candidates[0]?.candidate].filter((c) => c !== undefined);
    expect(() => store.addCandidates('stest02', dup, { file: 'r.csv', sha256: 'h', rows: 3, kept: 3, rejected: 0 }, 'x')).toThrow();
    expect(store.candidates('stest02')).toEqual([]);
    expect(store.audit('stest02').map((r) => r.type)).toEqual(['sitting.created']);
    expect(() => store.log('nosuch1', 'incident', { candidateId: null, station: null, kind: 'other', note: '' }, 'x')).toThrow(/store.noSitting/);
    store.close();
  });
});
