// What the centre screen does: every call goes through the bridge; results land in the store.
import { call } from '../../bridge/index.ts';
import type { MethodInput } from '../../../../electron/contract/index.ts';
import { scenarioForStation } from '../../../../scenarios/exam/sitting.ts';
import { useNavigation } from '../../stores/navigation.ts';
import { openBriefing } from '../live-room/session.ts';
import { useLiveRoom } from '../live-room/store.ts';
import { useCentre, type CentreTab } from './store.ts';

const st = () => useCentre.getState();
const fail = (error: unknown) => st().set({ notice: { kind: 'bad', key: 'raw', params: { text: error instanceof Error ? error.message : String(error) } } });

export async function loadList() {
  try {
    st().set({ list: (await call('exam.list', {})).sittings });
  } catch (e) {
    fail(e);
  }
}

export async function openSitting(sittingId: string | null, tab: CentreTab = 'roster') {
  st().set({ sittingId, tab, view: null, results: null, importReport: null, notice: null });
  if (sittingId === null) await loadList();
  else await reload();
}

export async function reload() {
  const id = st().sittingId;
  if (id === null) return;
  try {
    st().set({ view: await call('exam.get', { sittingId: id }) });
  } catch (e) {
    fail(e);
  }
}

export async function createSitting(plan: MethodInput<'exam.create'>['plan']) {
  try {
    const r = await call('exam.create', { plan, actor: st().actor });
    if (!r.ok || r.sittingId === null) {
      st().set({ notice: { kind: 'bad', key: 'form.refused', issues: r.check.issues } });
      return;
    }
    await openSitting(r.sittingId);
    st().set({ notice: { kind: 'ok', key: 'form.created', params: { id: r.sittingId } } });
  } catch (e) {
    fail(e);
  }
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export async function importRosterFile(file: File) {
  const id = st().sittingId;
  if (id === null) return;
  try {
    const data = toBase64(new Uint8Array(await file.arrayBuffer()));
    const r = await call('exam.importRoster', { sittingId: id, name: file.name, dataBase64: data, actor: st().actor });
    st().set({ importReport: r, notice: r.fileIssue ? { kind: 'bad', key: 'issue', issues: [r.fileIssue] } : null });
    await reload();
  } catch (e) {
    fail(e);
  }
}

export async function exportRoster(format: 'xlsx' | 'csv') {
  const id = st().sittingId;
  if (id === null) return;
  download(await call('exam.exportRoster', { sittingId: id, format }));
}

export async function addAssessor(input: { assessorId?: string; name: string; pin?: string; employer: string }) {
  const id = st().sittingId;
  if (id === null) return;
  try {
    const r = await call('exam.setAssessor', { sittingId: id, ...input, actor: st().actor });
    st().set({ notice: r.ok ? { kind: 'ok', key: 'assessors.added', params: { name: input.name } } : { kind: 'bad', key: r.message === 'pinRequired' ? 'assessors.pinRequired' : 'raw', params: { text: r.message ?? '' } } });
    await reload();
  } catch (e) {
    fail(e);
  }
}

export async function removeAssessor(assessorId: string) {
  const id = st().sittingId;
  if (id === null) return;
  await call('exam.removeAssessor', { sittingId: id, assessorId, actor: st().actor }).catch(fail);
  await reload();
}

export async function declare(input: Omit<MethodInput<'exam.declare'>, 'sittingId' | 'actor'>) {
  const id = st().sittingId;
  if (id === null) return;
  await call('exam.declare', { sittingId: id, ...input, actor: st().actor }).catch(fail);
  await reload();
}

export async function assign() {
  const id = st().sittingId;
  if (id === null) return;
  try {
    const r = await call('exam.assign', { sittingId: id, actor: st().actor });
    st().set({ notice: r.ok ? { kind: 'ok', key: 'assessors.assigned', params: { size: st().view?.sitting.panelSize ?? 0 }, issues: r.breaks } : { kind: 'bad', key: 'assessors.cannot', issues: r.issues } });
    await reload();
  } catch (e) {
    fail(e);
  }
}

export async function draw() {
  const id = st().sittingId;
  if (id === null) return;
  try {
    const r = await call('exam.draw', { sittingId: id, actor: st().actor });
    st().set({ notice: r.ok ? null : { kind: 'bad', key: 'issue', issues: r.issues } });
    await reload();
  } catch (e) {
    fail(e);
  }
}

export async function loadResults() {
  const id = st().sittingId;
  if (id === null) return;
  try {
    st().set({ results: await call('exam.results', { sittingId: id }) });
  } catch (e) {
    fail(e);
  }
}

export async function publish() {
  const id = st().sittingId;
  if (id === null) return;
  await call('exam.publish', { sittingId: id, actor: st().actor }).catch(fail);
  await reload();
  await loadResults();
}

export async function recheck(candidateId: string, reason: string) {
  const id = st().sittingId;
  if (id === null) return;
  try {
    const r = await call('exam.recheck', { sittingId: id, candidateId, reason, actor: st().actor });
    st().set({ notice: { kind: r.outcome === 'confirmed' ? 'ok' : 'info', key: 'results.recheckDone', params: { id: r.requestId, outcome: r.outcome, score: r.score ?? 0 }, issues: r.findings } });
    await loadResults();
  } catch (e) {
    fail(e);
  }
}

function download(r: { name: string; mime: string; dataBase64: string }) {
  const bin = atob(r.dataBase64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([bytes], { type: r.mime }));
  a.download = r.name;
  a.click();
  URL.revokeObjectURL(a.href);
}

/** The sitting's paperwork (PDF, or the result list as XLSX), downloaded. */
export async function downloadDocument(documentKind: 'seating' | 'tickets' | 'signin' | 'results', format: 'pdf' | 'xlsx') {
  const id = st().sittingId;
  if (id === null) return;
  try {
    download(await call('exam.document', { sittingId: id, document: documentKind, format }));
  } catch (e) {
    fail(e);
  }
}

export async function loadDay() {
  const id = st().sittingId;
  if (id === null) return;
  try {
    const fetchedAt = Date.now();
    st().set({ day: { ...(await call('exam.day', { sittingId: id })), fetchedAt } });
  } catch (e) {
    fail(e);
  }
}

const nameOf = (candidateId: string) => st().view?.candidates.find((c) => c.id === candidateId)?.name ?? candidateId;

export async function startClock(round: number) {
  const id = st().sittingId;
  if (id === null) return;
  try {
    const r = await call('exam.startClock', { sittingId: id, round, actor: st().actor });
    st().set({ notice: r.ok ? { kind: 'ok', key: 'day.notice.clockStarted', params: { round } } : { kind: 'bad', key: 'issue', issues: r.issues } });
    await loadDay();
  } catch (e) {
    fail(e);
  }
}

export async function arrive(candidateId: string) {
  const id = st().sittingId;
  if (id === null) return;
  try {
    const r = await call('exam.arrive', { sittingId: id, candidateId, actor: st().actor });
    const params = { name: nameOf(candidateId), minutes: r.lateMinutes, limit: r.limit };
    st().set({ notice: r.admitted ? { kind: 'ok', key: r.lateMinutes > 0 ? 'day.notice.arrivedLate' : 'day.notice.arrived', params } : { kind: 'bad', key: 'day.notice.barred', params } });
    await loadDay();
  } catch (e) {
    fail(e);
  }
}

export async function absent(candidateId: string) {
  const id = st().sittingId;
  if (id === null) return;
  try {
    await call('exam.absent', { sittingId: id, candidateId, actor: st().actor });
    st().set({ notice: { kind: 'info', key: 'day.notice.absent', params: { name: nameOf(candidateId) } } });
    await loadDay();
  } catch (e) {
    fail(e);
  }
}

export async function identify(candidateId: string, entered: string, photoBase64: string | null) {
  const id = st().sittingId;
  if (id === null) return;
  try {
    const r = await call('exam.identify', { sittingId: id, candidateId, entered, method: 'typed', photoBase64, actor: st().actor });
    st().set({ notice: r.match && r.issues.length === 0 ? { kind: 'ok', key: 'day.notice.identified', params: { name: nameOf(candidateId) } } : { kind: r.match ? 'info' : 'bad', key: 'day.notice.identityFailed', issues: r.issues } });
    await loadDay();
  } catch (e) {
    fail(e);
  }
}

export async function incident(input: Omit<MethodInput<'exam.incident'>, 'sittingId' | 'actor'>) {
  const id = st().sittingId;
  if (id === null) return;
  try {
    await call('exam.incident', { sittingId: id, ...input, actor: st().actor });
    st().set({ notice: { kind: 'ok', key: 'day.notice.incident', params: { kind: input.kind } } });
    await loadDay();
  } catch (e) {
    fail(e);
  }
}

/** The station's task for a signed-in candidate: the briefing of the station's scenario, following the round's clock. */
export async function enterStation(candidateId: string) {
  const { view, day, sittingId } = st();
  const c = view?.candidates.find((x) => x.id === candidateId);
  const seat = view?.seats.find((x) => x.candidateId === candidateId);
  const clock = seat ? day?.clocks.find((x) => x.round === seat.round) : undefined;
  if (!view || !day || !c || !seat || !clock || sittingId === null) return;
  try {
    useLiveRoom.getState().set({
      candidate: c.name,
      // the package names the candidate by 准考证号, as the score sheet's 考生编号
      candidateId: c.ticketNo === '' ? c.id : c.ticketNo,
      exam: { sittingId, candidateId: c.id, round: seat.round, station: seat.station, startedAt: clock.startedAt, durationMs: clock.durationMs, skew: day.now - day.fetchedAt },
    });
    await openBriefing(scenarioForStation(view.sitting, seat.station));
    useNavigation.getState().go('live-room');
  } catch (e) {
    useLiveRoom.getState().set({ exam: null });
    fail(e);
  }
}
