// Child of test/integration/exam-store-crash.test.ts: opens the exam store and writes records
// as fast as it can (roster imports of 20 candidates, incidents), printing "committed <seq>"
// after each commit returns, until it is killed.
import { openExamStore } from '../../electron/services/exam/store.ts';
import { rosterRow, ROSTER_HEADER } from './exam.ts';
import { parseRoster } from '../../scenarios/exam/index.ts';

const [file = '', sittingId = '', baseArg = '0'] = process.argv.slice(2);
const base = Number(baseArg);
const store = openExamStore(file);
let n = 0;
for (;;) {
  n++;
  let seq: number;
  if (n % 2 === 0) {
    const rows = [ROSTER_HEADER, ...Array.from({ length: 20 }, (_, i) => rosterRow(base + n * 20 + i))];
    const parsed = parseRoster(rows);
    seq = store.addCandidates(sittingId, parsed.candidates.map((c) => c.candidate), { file: `batch-${n}.csv`, sha256: 'x', rows: 20, kept: 20, rejected: 0 }, '考务').seq;
  } else {
    seq = store.log(sittingId, 'incident', { candidateId: null, station: null, kind: 'other', note: `note ${n}` }, '考务').seq;
  }
  process.stdout.write(`committed ${seq}\n`);
}
