// Runners of the network, disk and OBS items (measured by the Node services through the bridge),
// the full check, and saving the record.
import {
  buildRecord,
  itemResult,
  judgeDisk,
  judgeNetwork,
  judgeObs,
  obsMeasured,
  obsTelemetry,
  recordableMinutes,
  recordingNeedBytes,
  THRESHOLDS,
  type DiskMeasured,
  type ItemName,
  type NetworkMeasured,
  type ObsCheckAnswer,
} from '../../../../scenarios/device-check/index.ts';
import { DEFAULT_OBS_URL } from '../../../../electron/contract/obs.ts';
import { call, transportKind } from '../../bridge/index.ts';
import { i18next } from '../../i18n/index.ts';
import { useSelection } from '../../stores/selection.ts';
import { releaseMedia, runCamera, runMicrophone, runSpeakers } from './run-media.ts';
import { useDeviceCheck } from './store.ts';

const T = THRESHOLDS;
const store = () => useDeviceCheck.getState();
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function busy(item: ItemName): boolean {
  const phase = store().items[item].phase;
  return phase !== 'idle' && phase !== 'done' && phase !== 'answer';
}

/** The bridge's obs.check, or null with the reason when the bridge cannot be asked. */
async function obsCheck(): Promise<{ answer: ObsCheckAnswer | null; error: string | null }> {
  try {
    return { answer: await call('obs.check', {}), error: null };
  } catch (error) {
    return { answer: null, error: message(error) };
  }
}

export async function runNetwork(ingestUrl?: string | null): Promise<void> {
  if (busy('network')) return;
  const attempt = store().begin('network');
  const startedAt = Date.now();
  store().setPhase('network', 'measuring');
  const [network, obs] = await Promise.all([
    call('devices.network', ingestUrl === undefined ? {} : { ingestUrl }).then(
      (value) => ({ value, error: null }),
      (error: unknown) => ({ value: null, error: message(error) }),
    ),
    obsCheck(),
  ]);
  const measured: NetworkMeasured = {
    browserOnline: navigator.onLine,
    interfaces: network.value?.interfaces ?? [],
    ingestError: network.value?.ingestError ?? network.error,
    ingest: network.value?.ingest ?? null,
    obs: obsTelemetry(obs.answer),
  };
  store().setResult('network', itemResult('network', measured, judgeNetwork(measured), { startedAt, finishedAt: Date.now(), attempt }));
  store().setPhase('network', 'done');
}

/** Stores the ingest server (host and port only) and measures it. */
export async function saveIngest(ingestUrl: string): Promise<string | null> {
  try {
    const saved = await call('devices.setSettings', { ingestUrl: ingestUrl.trim() === '' ? null : ingestUrl });
    await runNetwork(saved.ingestUrl);
    return saved.ingestUrl;
  } catch (error) {
    await runNetwork(ingestUrl);
    throw error;
  }
}

export async function runDisk(): Promise<void> {
  if (busy('disk')) return;
  const attempt = store().begin('disk');
  const startedAt = Date.now();
  store().setPhase('disk', 'measuring');
  const kbps = T.disk.videoKbps.value + T.disk.audioKbps.value;
  const taskMinutes = T.disk.taskMinutes.value;
  const margin = T.disk.margin.value;
  const base = { kbps, taskMinutes, margin, needBytes: recordingNeedBytes(kbps, taskMinutes, margin) };
  let measured: DiskMeasured;
  try {
    const disk = await call('devices.disk', {});
    measured = { ...base, status: 'measured', error: null, dir: disk.dir, freeBytes: disk.freeBytes, totalBytes: disk.totalBytes, recordableMinutes: recordableMinutes(disk.freeBytes, kbps) };
  } catch (error) {
    measured = { ...base, status: 'error', error: message(error), dir: '', freeBytes: null, totalBytes: null, recordableMinutes: null };
  }
  store().setResult('disk', itemResult('disk', measured, judgeDisk(measured), { startedAt, finishedAt: Date.now(), attempt }));
  store().setPhase('disk', 'done');
}

/**
 * Asks the OBS bridge. Never configured: one attempt at OBS's default address (no retrying), so
 * the item can say "OBS is not running" rather than only "not set up". Just connected: waits
 * briefly for the first telemetry sample, which the bridge takes right after connecting.
 */
export async function runObs(options: { probeDefault?: boolean } = {}): Promise<void> {
  if (busy('obs')) return;
  const attempt = store().begin('obs');
  const startedAt = Date.now();
  store().setPhase('obs', 'measuring');
  let { answer, error } = await obsCheck();
  if (answer && options.probeDefault === true && answer.state.url === null && answer.state.phase === 'disconnected') {
    await Promise.race([call('obs.connect', { url: DEFAULT_OBS_URL, autoReconnect: false }).catch(() => null), sleep(T.obs.connectTimeoutMs.value)]);
    ({ answer, error } = await obsCheck());
  }
  for (let waited = 0; answer?.state.phase === 'connected' && answer.sample === null && waited < 2000; waited += 250) {
    await sleep(250);
    ({ answer, error } = await obsCheck());
  }
  const measured = obsMeasured(answer, error);
  store().setResult('obs', itemResult('obs', measured, judgeObs(measured), { startedAt, finishedAt: Date.now(), attempt }));
  store().setPhase('obs', 'done');
}

/** Connects to OBS with what the trainee typed (the password stays in Node), then checks again. */
export async function connectObs(url: string, password: string): Promise<void> {
  try {
    await call('obs.connect', { url, ...(password === '' ? {} : { password }) });
  } finally {
    await runObs();
  }
}

/** 开始检测: every item at once; speakers after the microphone (the tone would spoil its figures). */
export async function runAll(): Promise<void> {
  if (store().startedAt === null) store().setStarted(Date.now());
  await Promise.all([
    runCamera(),
    runMicrophone().then(() => runSpeakers()),
    runNetwork(),
    runDisk(),
    runObs({ probeDefault: true }),
  ]);
}

function recordId(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const random = Array.from(crypto.getRandomValues(new Uint8Array(3)), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${stamp}-${random}`;
}

/** 完成: the record of everything measured so far, written by Node under checks/. */
export async function saveRecord(): Promise<void> {
  const s = store();
  const now = new Date();
  const { workType, level } = useSelection.getState();
  const items = {
    camera: s.items.camera.result?.item === 'camera' ? s.items.camera.result : null,
    microphone: s.items.microphone.result?.item === 'microphone' ? s.items.microphone.result : null,
    speakers: s.items.speakers.result?.item === 'speakers' ? s.items.speakers.result : null,
    network: s.items.network.result?.item === 'network' ? s.items.network.result : null,
    disk: s.items.disk.result?.item === 'disk' ? s.items.disk.result : null,
    obs: s.items.obs.result?.item === 'obs' ? s.items.obs.result : null,
  };
  const record = buildRecord({
    id: recordId(now),
    startedAt: s.startedAt ?? now.getTime(),
    finishedAt: now.getTime(),
    items,
    context: { transport: transportKind(), userAgent: navigator.userAgent, language: i18next.language, workType, level },
  });
  try {
    const saved = await call('devices.saveCheck', { record });
    store().setSaved({ path: saved.path, at: now.getTime() }, null);
  } catch (error) {
    store().setSaved(null, message(error));
  }
}

export async function leave(): Promise<void> {
  await releaseMedia();
  store().reset();
}
