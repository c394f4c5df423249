// A trial recording ("试录"): the 3-minute practice scenario run by the real session engine for
// a few seconds while camera and microphone record, so the trainee (and the end-to-end test)
// sees a complete package (video, engine log, clock) that verifies and replays. Every engine
// input and output is logged with its session time on the video's timeline.
import yamlText from '../../../../scenarios/library/b5-navel-orange-quick.yaml?raw';
import { computeMetrics, createSession, serialize, step, type Input, type SessionState } from '../../../../scenarios/engine/index.ts';
import { stateDigest } from '../../../../scenarios/evidence/replay.ts';
import { asLiveRoom, loadScenario } from '../../../../scenarios/format/index.ts';
import type { MethodOutput } from '../../../../electron/contract/index.ts';
import { call } from '../../bridge/index.ts';
import { openRecordingStream, startRecorder } from '../../media/recorder.ts';

export const TRIAL_SEED = 20260101;

export interface TrialProgress {
  phase: 'starting' | 'recording' | 'finishing' | 'verifying';
  seconds: number;
  chunks: number;
  sessionId: string | null;
}

export interface TrialResult {
  sessionId: string;
  verdict: MethodOutput<'evidence.verify'>;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const asJson = <T>(value: T) => JSON.parse(JSON.stringify(value)) as T;

export async function runTrial(seconds: number, onProgress: (p: TrialProgress) => void, signal?: AbortSignal): Promise<TrialResult> {
  const loaded = loadScenario('b5-navel-orange-quick.yaml', yamlText);
  if (!loaded.ok) throw new Error(`练习场景无法加载: ${loaded.errors[0]?.message ?? ''}`);
  const scenario = asLiveRoom(loaded.scenario);
  onProgress({ phase: 'starting', seconds: 0, chunks: 0, sessionId: null });
  const stream = await openRecordingStream();
  try {
    const { sessionId } = await call('evidence.start', {
      scenarioId: scenario.id,
      scenarioHash: `sha256:${await sha256Hex(yamlText)}`,
      seed: TRIAL_SEED,
      candidate: { id: 'trial', name: '试录' },
      station: 'local',
    });
    // Set by the recorder when Node refused a chunk (disk full): the trial ends there.
    const halt: { reason: string | null } = { reason: null };
    const recorder = await startRecorder({ sessionId, stream, onError: (m) => (halt.reason = m) });
    let state: SessionState = createSession(scenario, { seed: TRIAL_SEED, obs: false });
    await call('evidence.append', { sessionId, records: [{ type: 'engine.session', t: 0, data: { options: { obs: false } } }] });
    const apply = async (input: Input) => {
      const out = step(state, input);
      state = out.state;
      await call('evidence.append', {
        sessionId,
        records: [
          { type: 'engine.input', t: input.t, data: { input: asJson(input) } },
          { type: 'engine.output', t: input.t, data: { effects: asJson(out.effects), state: stateDigest(serialize(state)), metrics: asJson(computeMetrics(state)) } },
        ],
      });
    };
    const product = scenario.products[0]?.id;
    for (let s = 1; s <= seconds && halt.reason === null && signal?.aborted !== true; s++) {
      await new Promise((r) => setTimeout(r, Math.max(0, s * 1000 - recorder.sessionTime())));
      const t = Math.round(recorder.sessionTime());
      await apply({ type: 'tick', t });
      if (s === 2 && product) await apply({ type: 'pin_product', t, productId: product });
      onProgress({ phase: 'recording', seconds: s, chunks: recorder.stats().chunks, sessionId });
    }
    onProgress({ phase: 'finishing', seconds, chunks: recorder.stats().chunks, sessionId });
    await recorder.stop().catch(() => undefined);
    if (halt.reason === null) await apply({ type: 'end', t: Math.round(recorder.sessionTime()) });
    await call('evidence.finish', { sessionId });
    if (halt.reason !== null) throw new Error(halt.reason); // the package is closed and valid; the trial is not
    onProgress({ phase: 'verifying', seconds, chunks: recorder.stats().chunks, sessionId });
    return { sessionId, verdict: await call('evidence.verify', { sessionId }) };
  } finally {
    for (const track of stream.getTracks()) track.stop();
  }
}
