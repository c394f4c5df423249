// The screen's calls to the services (scoring.*), each updating the store and saying what went
// wrong in the banner. Components call these; they never call the bridge themselves.
import { downloadText } from '../../app/download.ts';
import { call } from '../../bridge/index.ts';
import { i18next } from '../../i18n/index.ts';
import { useAssessor } from './store.ts';
import { formFrom, formScores } from './view.ts';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const fail = (e: unknown) => useAssessor.getState().setBanner({ kind: 'bad', text: message(e) });

/** (Re)loads the open session as the current assessor sees it; resets the form when asked. */
export async function reload(resetForm: boolean): Promise<void> {
  const { sessionId, identity, setData } = useAssessor.getState();
  if (sessionId === null) return;
  try {
    const data = await call('scoring.open', { sessionId, ...(identity ? { token: identity.token } : {}) });
    setData(data, resetForm ? formFrom(data) : undefined);
  } catch (e) {
    fail(e);
  }
}

export async function identify(name: string, pin: string, register: boolean): Promise<boolean> {
  const { sessionId } = useAssessor.getState();
  if (sessionId === null) return false;
  try {
    const id = await call('scoring.identify', { name, pin, register });
    const data = await call('scoring.open', { sessionId, token: id.token });
    // Identity, session and form change together: the form is never shown before it is loaded.
    useAssessor.setState({ identity: id, data, form: formFrom(data), banner: null, savedAt: null });
    return true;
  } catch (e) {
    fail(e);
    return false;
  }
}

export function signOut(): void {
  useAssessor.setState({ identity: null, form: null, savedAt: null });
  void reload(true);
}

async function saveDraftNow(): Promise<boolean> {
  const { sessionId, identity, form, data, setSavedAt } = useAssessor.getState();
  if (sessionId === null || identity === null || form === null || data === null) return false;
  const saved = await call('scoring.saveDraft', {
    sessionId,
    token: identity.token,
    workType: form.workType,
    mode: form.mode,
    scores: formScores(form, data.rubric),
    annotations: form.annotations,
    comment: form.comment,
  });
  setSavedAt(saved.draft.updatedAt);
  return true;
}

export async function saveDraft(): Promise<void> {
  try {
    await saveDraftNow();
  } catch (e) {
    fail(e);
  }
}

export async function sign(pin: string): Promise<boolean> {
  const { sessionId, identity } = useAssessor.getState();
  if (sessionId === null || identity === null) return false;
  try {
    await saveDraftNow();
    const r = await call('scoring.sign', { sessionId, token: identity.token, pin });
    useAssessor.getState().setBanner({ kind: 'ok', text: i18next.t('assessor.banner.signed', { version: r.version, hash: r.contentHash.slice(0, 16) }) });
    await reload(true);
    return true;
  } catch (e) {
    fail(e);
    return false;
  }
}

export async function amend(pin: string, reason: string): Promise<boolean> {
  const { sessionId, identity, form, data } = useAssessor.getState();
  if (sessionId === null || identity === null || form === null || data === null) return false;
  try {
    const r = await call('scoring.amend', { sessionId, token: identity.token, pin, reason, scores: formScores(form, data.rubric), annotations: form.annotations, comment: form.comment });
    useAssessor.getState().setBanner({ kind: 'ok', text: i18next.t('assessor.banner.amended', { version: r.version }) });
    await reload(true);
    return true;
  } catch (e) {
    fail(e);
    await reload(false);
    return false;
  }
}

/** The score sheet as a CSV download (the file name, or null when it could not be made). */
export async function exportCsv(): Promise<string | null> {
  const { sessionId, identity } = useAssessor.getState();
  if (sessionId === null) return null;
  try {
    const r = await call('scoring.csv', { sessionId, ...(identity ? { token: identity.token } : {}) });
    downloadText(r.fileName, r.csv, 'text/csv;charset=utf-8');
    return r.fileName;
  } catch (e) {
    fail(e);
    return null;
  }
}

/** Desktop: printToPDF through the main process. Web: the browser's print dialog (save as PDF). */
export async function printSheet(): Promise<string | null> {
  const { sessionId } = useAssessor.getState();
  if (sessionId === null) return null;
  try {
    const r = await call('scoring.pdf', { sessionId });
    return r.file;
  } catch (e) {
    if ((e as { code?: string }).code === 'unavailable') {
      window.print();
      return null;
    }
    fail(e);
    return null;
  }
}
