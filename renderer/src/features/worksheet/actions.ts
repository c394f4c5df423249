// What the trainee does on a worksheet, and its evidence: the package is opened when the trainee
// starts (evidence.start, no media), every committed entry is logged as worksheet.input with its
// session time, every check run as worksheet.check, an upload is stored as a check file, and the
// submit logs worksheet.submit with the whole filled sheet and its checks, closes and verifies.
import { call } from '../../bridge/index.ts';
import type { Json } from '../../../../scenarios/evidence/canonical.ts';
import { asWorksheet } from '../../../../scenarios/format/task.ts';
import { evidencedSkills, gradeWorksheet, type PartAnswer } from '../../../../scenarios/worksheet/index.ts';
import { scenarioHash } from '../live-room/evidence-link.ts';
import { emptyAnswers, useWorksheet } from './store.ts';

const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as Json;
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Loads a worksheet task for its brief. */
export async function openWorksheet(id: string): Promise<void> {
  const { scenario, file } = await call('scenarios.get', { id });
  useWorksheet.getState().set({ stage: 'brief', scenario: asWorksheet(scenario), scenarioFile: file, answers: emptyAnswers(), grade: null, stale: false, checks: 0, sessionId: null, error: null, verified: null });
}

const now = () => Math.max(0, Math.round(performance.now() - useWorksheet.getState().origin));

// Records go to Node one call at a time, in order.
let queue: Promise<unknown> = Promise.resolve();
function log(type: string, data: unknown): void {
  const { sessionId } = useWorksheet.getState();
  if (sessionId === null) return;
  const t = now();
  queue = queue
    .then(() => call('evidence.append', { sessionId, records: [{ type, t, data: asJson(data) }] }))
    .catch((e: unknown) => useWorksheet.getState().set({ error: message(e) }));
}

/** Opens the evidence package and shows the parts. */
export async function startWorksheet(): Promise<void> {
  const st = useWorksheet.getState();
  const s = st.scenario;
  if (s === null) return;
  const candidate = st.candidate.trim();
  try {
    const { sessionId } = await call('evidence.start', {
      scenarioId: s.id,
      scenarioHash: await scenarioHash(st.scenarioFile ?? ''),
      seed: 0,
      candidate: { id: candidate === '' ? 'trainee' : candidate.slice(0, 100), name: candidate === '' ? '练习学员' : candidate.slice(0, 100) },
      station: '',
    });
    useWorksheet.getState().set({ stage: 'fill', sessionId, origin: performance.now(), error: null });
    log('worksheet.start', { scenario: s.id, parts: s.parts.map((p) => p.id) });
  } catch (e) {
    useWorksheet.getState().set({ error: message(e) });
  }
}

/** Changes a part's answer on screen (not yet logged: commit() logs it). */
export function edit(partId: string, answer: PartAnswer): void {
  useWorksheet.getState().setPart(partId, answer);
}

export function editCell(partId: string, row: number, column: string, value: string): void {
  const current = useWorksheet.getState().answers.parts[partId];
  const rows = current?.type === 'table' ? [...current.rows] : [];
  while (rows.length <= row) rows.push({});
  rows[row] = { ...rows[row], [column]: value };
  edit(partId, { type: 'table', rows });
}

/** Logs one entry as the trainee leaves it (a cell on blur, a choice at once). */
export function commit(partId: string, entry: { row?: number; column?: string; value?: string; selected?: string[]; text?: string; file?: string }): void {
  log('worksheet.input', { part: partId, ...entry });
}

/** Adds or removes a row of a table the trainee builds (no rowsFrom). */
export function setRowCount(partId: string, count: number): void {
  const current = useWorksheet.getState().answers.parts[partId];
  const rows = current?.type === 'table' ? current.rows.slice(0, count) : [];
  while (rows.length < count) rows.push({});
  edit(partId, { type: 'table', rows });
  log('worksheet.input', { part: partId, rows: count });
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function base64(bytes: ArrayBuffer): string {
  let out = '';
  const view = new Uint8Array(bytes);
  for (let i = 0; i < view.length; i += 0x8000) out += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(out);
}

/** Stores an uploaded document in the package (checks/upload-<part>.json) and answers with it. */
export async function upload(partId: string, file: File, maxKb: number): Promise<'too_big' | 'ok' | 'failed'> {
  const { sessionId } = useWorksheet.getState();
  if (sessionId === null) return 'failed';
  if (file.size > maxKb * 1024) return 'too_big';
  try {
    const bytes = await file.arrayBuffer();
    const sha256 = await sha256Hex(bytes);
    const stored = await call('evidence.check', { sessionId, name: `upload-${partId}`.slice(0, 60), record: { name: file.name, size: file.size, mime: file.type, sha256, base64: base64(bytes) } });
    const answer: PartAnswer = { type: 'upload', file: { name: file.name.slice(0, 200), size: file.size, sha256, mime: file.type.slice(0, 100), path: stored.path } };
    edit(partId, answer);
    commit(partId, { file: file.name });
    return 'ok';
  } catch (e) {
    useWorksheet.getState().set({ error: message(e) });
    return 'failed';
  }
}

/** Runs the automatic checks on the answers so far; the run is logged. */
export function runCheck(): void {
  const st = useWorksheet.getState();
  if (st.scenario === null) return;
  const grade = gradeWorksheet(st.scenario, st.answers);
  st.set({ grade, stale: false, checks: st.checks + 1 });
  log('worksheet.check', { run: st.checks + 1, passed: grade.passed, failed: grade.failed, incomplete: grade.incomplete, checks: grade.checks.map((c) => ({ id: c.id, status: c.status, failures: c.failures.length })) });
}

/** Hands the worksheet in: the filled sheet and its checks logged, the package closed and verified. */
export async function submitWorksheet(): Promise<void> {
  const st = useWorksheet.getState();
  const s = st.scenario;
  const sessionId = st.sessionId;
  if (s === null || sessionId === null) return;
  const grade = gradeWorksheet(s, st.answers);
  st.set({ stage: 'submitting', grade, stale: false });
  log('worksheet.submit', { answers: st.answers, grade, evidenced: [...evidencedSkills(s, grade)].sort() });
  try {
    await queue;
    await call('evidence.finish', { sessionId });
    const v = await call('evidence.verify', { sessionId });
    useWorksheet.getState().set({ stage: 'submitted', verified: { valid: v.valid, records: v.records } });
  } catch (e) {
    useWorksheet.getState().set({ stage: 'fill', error: message(e) });
  }
}
