// A fuller recorded task for the assessor's timeline: the 3-minute practice scenario driven on the
// real engine with a trainee's actions (pin, selling points, replies — one with a banned word —,
// coupon, flash sale on cue, the network drop handled, a stretch of silence), a live WebM made by
// ffmpeg streamed in 1-second chunks, a device-check record, and OBS telemetry samples (a
// synthetic dip in bitrate and a burst of skipped frames during the network drop). Everything goes
// through the evidence contract, as the live room does, so the package verifies.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeMetrics, createSession, serialize, step, type Effect, type Input, type SessionState } from '../../scenarios/engine/index.ts';
import { stateDigest } from '../../scenarios/evidence/replay.ts';
import { asLiveRoom, loadScenario } from '../../scenarios/format/index.ts';
import { buildRecord } from '../../scenarios/device-check/build.ts';
import type { ObsTelemetrySample } from '../../scenarios/obs/records.ts';
import type { Call } from './evidence.ts';
import { sliceChunks } from './webm.ts';

const YAML = fileURLToPath(new URL('../../scenarios/library/b5-navel-orange-quick.yaml', import.meta.url));
export const RICH_SECONDS = 180;
const SEED = 20260101;

/** A small live WebM (MediaRecorder-like: unknown sizes, a cluster a second). */
export function makeSmallLiveWebm(dir: string, seconds: number): string {
  const out = join(dir, 'rich.webm');
  execFileSync('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=15',
    '-f', 'lavfi', '-i', 'sine=frequency=330:sample_rate=48000',
    '-t', String(seconds),
    '-c:v', 'libvpx', '-b:v', '120k', '-deadline', 'realtime', '-cpu-used', '8', '-g', '15',
    '-c:a', 'libopus', '-b:a', '24k', '-f', 'webm', '-live', '1', '-cluster_time_limit', '1000', out,
  ]);
  return out;
}

const asJson = <T>(v: T) => JSON.parse(JSON.stringify(v)) as T;

function frames(skipped: number, total: number) {
  return { skipped, total, percent: total === 0 ? null : (skipped / total) * 100, cumulativeSkipped: skipped, cumulativeTotal: total, cumulativePercent: null, level: skipped > 5 ? ('bad' as const) : ('good' as const) };
}

function telemetry(seq: number, at: number, sec: number): ObsTelemetrySample {
  const down = sec >= 100 && sec < 110;
  const skipped = down ? 40 + (sec % 3) * 10 : sec % 17 === 0 ? 2 : 0;
  return {
    seq,
    at,
    intervalMs: seq === 0 ? null : 2000,
    afterGap: false,
    fps: 30,
    targetFps: 30,
    fpsLevel: 'good',
    renderMs: 4,
    frameBudgetMs: 33.3,
    renderTimeLevel: 'good',
    cpuPercent: 12,
    memoryMb: 310,
    diskFreeMb: 20000,
    renderLag: frames(0, 60),
    encodeLag: frames(down ? 4 : 0, 60),
    network: frames(skipped, 60),
    stream: { active: true, reconnecting: down, bitrateKbps: down ? 300 + (sec % 4) * 80 : 2500 + ((sec * 37) % 300), congestion: down ? 0.8 : 0.02, congestionLevel: down ? 'bad' : 'good', bytes: sec * 310000, durationMs: sec * 1000 },
    record: { active: false, paused: false, bitrateKbps: null, bytes: 0, durationMs: 0 },
    level: down ? 'bad' : 'good',
    problems: down ? [{ metric: 'network', level: 'bad', message: `网络丢帧 ${skipped} 帧：推流不稳定` }] : [],
  };
}

function deviceCheck(at: number) {
  const timing = (o: number, d: number) => ({ startedAt: at + o, finishedAt: at + o + d, durationMs: d, attempt: 1, findings: [] });
  const media = { status: 'measured' as const, error: null, deviceId: 'fake', deviceLabel: 'fake_device_0' };
  return buildRecord({
    id: 'rich-check-0001',
    startedAt: at,
    finishedAt: at + 42000,
    context: { transport: 'websocket', userAgent: 'test', language: 'zh-CN', workType: 'B', level: 5 },
    items: {
      camera: { item: 'camera', verdict: 'pass', ...timing(0, 1600), measured: { ...media, width: 1280, height: 720, settingsFps: 30, deliveredFps: 29.6, frames: 45, sampleMs: 1500, meanLuma: 118, lumaStdDev: 40, maxFrameDiff: 6, meanFrameDiff: 2, frozen: false } },
      microphone: {
        item: 'microphone',
        verdict: 'warn',
        ...timing(2000, 9000),
        measured: { ...media, sampleRate: 48000, quietMs: 2000, noiseFloorDbfs: -52, speechPhase: 'done', readingMs: 6500, speechActiveMs: 4200, speechLevelDbfs: -31, snrDb: 21, peakDbfs: -8, clippingRatio: 0, clippedSamples: 0, samples: 480000, digitalSilence: false },
      },
      speakers: null,
      network: null,
      disk: { item: 'disk', verdict: 'pass', ...timing(12000, 200), measured: { status: 'measured', error: null, dir: '/data', freeBytes: 5e10, totalBytes: 1e11, needBytes: 3e8, kbps: 2500, taskMinutes: 3, margin: 2, recordableMinutes: 2000 } },
      obs: null,
    },
  });
}

export interface RichSession {
  sessionId: string;
  /** Comment ids the trainee answered, by the scripted text. */
  effects: Effect[];
}

/** Records the rich session through `call` (the evidence contract); answers its session id. */
export async function recordRichSession(call: Call, workDir: string): Promise<RichSession> {
  const yamlText = readFileSync(YAML, 'utf8');
  const loaded = loadScenario('b5-navel-orange-quick.yaml', yamlText);
  if (!loaded.ok) throw new Error(loaded.errors[0]?.message ?? 'scenario');
  const scenario = asLiveRoom(loaded.scenario);
  const chunks = sliceChunks(makeSmallLiveWebm(workDir, RICH_SECONDS), RICH_SECONDS);
  const { sessionId } = (await call('evidence.start', {
    scenarioId: scenario.id,
    scenarioHash: `sha256:${createHash('sha256').update(yamlText).digest('hex')}`,
    seed: SEED,
    candidate: { id: 'K-2026-017', name: '林小满' },
    station: '考位 3',
  })) as { sessionId: string };
  const startedAt = Date.now();
  await call('evidence.check', { sessionId, name: 'device-check', record: asJson(deviceCheck(startedAt - 60000)) });
  await call('evidence.append', { sessionId, records: [{ type: 'engine.session', t: 0, data: { options: { obs: false } } }] });
  let state: SessionState = createSession(scenario, { seed: SEED, obs: false });
  const all: Effect[] = [];
  const pending: { type: string; t: number; data: unknown }[] = [];
  const apply = (input: Input) => {
    const out = step(state, input);
    state = out.state;
    all.push(...out.effects);
    pending.push({ type: 'engine.input', t: input.t, data: { input: asJson(input) } });
    pending.push({ type: 'engine.output', t: input.t, data: { effects: asJson(out.effects), state: stateDigest(serialize(state)), metrics: asJson(computeMetrics(state)) } });
  };
  const commentId = (text: string) => all.find((e): e is Extract<Effect, { type: 'comment' }> => e.type === 'comment' && e.comment.text === text)?.comment.id ?? null;
  const faultId = () => all.find((e): e is Extract<Effect, { type: 'fault_started' }> => e.type === 'fault_started')?.fault.id ?? null;
  const silent = (sec: number) => sec >= 118 && sec < 132;
  let seq = 0;
  for (let sec = 1; sec <= RICH_SECONDS - 2; sec++) {
    const t = sec * 1000;
    // The trainee talks (voice level, two samples a second) except for one silent stretch.
    for (let k = 0; k < 2; k++) apply({ type: 'voice', t: t - 1000 + k * 500, level: silent(sec) ? 0.01 : 0.6 });
    apply({ type: 'tick', t });
    const at = t + 200;
    if (sec === 3) apply({ type: 'pin_product', t: at, productId: 'orange-5jin' });
    if (sec === 6) apply({ type: 'cover_selling_point', t: at, productId: 'orange-5jin', pointId: 'sweet' });
    if (sec === 15) apply({ type: 'cover_selling_point', t: at, productId: 'orange-5jin', pointId: 'origin' });
    const shipping = commentId('今天下单什么时候发货？');
    if (sec === 14 && shipping) apply({ type: 'reply_faq', t: at, commentId: shipping, faqId: 'shipping' });
    const bait = commentId('主播，这是不是全网最低价？');
    if (sec === 33 && bait) apply({ type: 'reply', t: at, commentId: bait, text: '放心，我们就是全网最低价！' });
    if (sec === 40) apply({ type: 'push_coupon', t: at, productId: 'orange-5jin' });
    const complaint = commentId('上周买的有两个坏果，怎么处理？');
    if (sec === 62 && complaint) apply({ type: 'reply_faq', t: at, commentId: complaint, faqId: 'broken' });
    if (sec === 76) apply({ type: 'start_flash_sale', t: at, productId: 'orange-5jin' });
    const fault = faultId();
    if (sec === 104 && fault) apply({ type: 'ack_fault', t: at, faultId: fault, remedy: 'reconnect_stream' });
    if (sec === 107 && fault) apply({ type: 'ack_fault', t: at, faultId: fault, remedy: 'switch_network' });
    if (sec === 150) apply({ type: 'cover_selling_point', t: at, productId: 'orange-5jin', pointId: 'aftersale' });
    const intent = commentId('券怎么领？领完直接拍 1 号链接吗？');
    if (sec === 152 && intent) apply({ type: 'mark_answered', t: at, commentId: intent });
    if (sec % 2 === 0) pending.push({ type: 'obs.telemetry', t, data: asJson(telemetry(seq++, startedAt + t, sec)) });
    await call('evidence.chunk', { sessionId, index: sec - 1, data: (chunks[sec - 1] ?? Buffer.alloc(0)).toString('base64'), ...(sec === 1 ? { startedAt, mimeType: 'video/webm;codecs=vp8,opus' } : {}) });
    if (pending.length > 300 || sec === RICH_SECONDS - 2) {
      await call('evidence.append', { sessionId, records: pending.splice(0) });
    }
  }
  for (let i = RICH_SECONDS - 2; i < chunks.length; i++) await call('evidence.chunk', { sessionId, index: i, data: (chunks[i] ?? Buffer.alloc(0)).toString('base64') });
  apply({ type: 'end', t: (RICH_SECONDS - 1) * 1000 });
  await call('evidence.append', { sessionId, records: pending.splice(0) });
  await call('evidence.finish', { sessionId });
  return { sessionId, effects: all };
}
