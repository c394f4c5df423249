// The centre's store under a hard kill: a child process writes roster imports and audit
// records in a loop and is killed with SIGKILL mid-write, five times on the same database.
// Every record the child saw committed is there afterwards, the audit chain re-hashes, and each
// roster import is whole (20 candidates per import record, never a part).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openExamStore } from '../../electron/services/exam/store.ts';
import { SittingPlan } from '../../scenarios/exam/index.ts';

const CHILD = fileURLToPath(new URL('../harness/exam-store-child.ts', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'livedrill-exam-crash-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function runAndKill(file: string, sittingId: string, afterCommits: number, base: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, file, sittingId, String(base)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const seen: number[] = [];
    let text = '';
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString();
      const lines = text.split('\n');
      text = lines.pop() ?? '';
      for (const l of lines) {
        const m = /^committed (\d+)$/.exec(l);
        if (m?.[1]) seen.push(Number(m[1]));
      }
      if (seen.length >= afterCommits && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.once('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(seen) : reject(new Error(`child exited ${String(code)}`))));
  });
}

describe('exam store: SIGKILL mid-write', () => {
  it('keeps every committed record and never half an import', async () => {
    const file = join(tmp, 'centre.sqlite');
    const store = openExamStore(file);
    const plan = SittingPlan.parse({ title: '崩溃测试', kind: 'mock', workType: 'B', level: 5, scenarioId: 'b5-navel-orange', date: '2026-12-03', room: '301', start: '09:00', durationMinutes: 90, stations: 10, panelSize: 3, drawSeed: 'x' });
    store.createSitting({ ...plan, id: 'scrash1' }, '考务');
    store.close();
    const committed: number[] = [];
    for (let run = 0; run < 5; run++) committed.push(...(await runAndKill(file, 'scrash1', 30 + run * 17, run * 8000)));
    const after = openExamStore(file);
    const seqs = new Set(after.audit().map((r) => r.seq));
    expect(committed.length).toBeGreaterThan(100);
    for (const s of committed) expect(seqs.has(s)).toBe(true);
    expect(after.verifyAudit()).toEqual({ records: seqs.size, firstBad: null });
    const imports = after.audit('scrash1').filter((r) => r.type === 'roster.imported').length;
    expect(after.candidates('scrash1')).toHaveLength(imports * 20);
    // still writable after the kills
    expect(after.log('scrash1', 'incident', { candidateId: null, station: null, kind: 'other', note: 'after' }, '考务').seq).toBe(seqs.size + 1);
    after.close();
  });
});
