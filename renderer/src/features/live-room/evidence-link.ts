// The live room's evidence package (electron/contract/evidence.ts, DESIGN.md decision 3): started
// when the trainee goes live, camera + microphone recorded by renderer/src/media/recorder.ts, every
// engine input logged as it happens, closed when the live ends. Log convention (the one
// scenarios/evidence/replay.ts replays):
//   engine.session {options}                       first, the engine's session options
//   engine.input   {input}                         every input, in order (t in data.input is engine time)
//   engine.output  {effects, state?, metrics?}     after an input that had effects; state (digest)
//                  and metrics at every finished minute and at the end, so a replay that diverges
//                  anywhere is caught at the next checkpoint
// Each record's own `t` is the media timeline (the video's time), whatever the session clock's speed.
import type { z } from 'zod';
import type { AppendRecord } from '../../../../electron/contract/evidence.ts';
import type { MethodOutput } from '../../../../electron/contract/index.ts';
import { call } from '../../bridge/index.ts';
import { startRecorder, type EvidenceRecorder } from '../../media/recorder.ts';

export type LogRecord = z.input<typeof AppendRecord>;

export interface EvidenceLink {
  readonly sessionId: string;
  /** Null when the stream had no video (the package then holds the log only). */
  readonly recorder: EvidenceRecorder | null;
  /** Queues records; they go to Node in order, in batches. */
  log(records: readonly LogRecord[]): void;
  /** The first error (a refused append or chunk): the live goes on, the package is closed at the end. */
  error(): string | null;
  /** Stops the recorder, sends what is queued and closes the package. */
  finish(): Promise<MethodOutput<'evidence.finish'>>;
}

const FLUSH_MS = 250;
/** evidence.append takes at most 500 records a call. */
const BATCH = 400;

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

// The library's YAML as shipped: the package names the scenario by id and by the SHA-256 of its
// file (what `livedrill evidence replay` checks), and scenarios.get gives the parsed scenario only.
const LIBRARY_TEXT = import.meta.glob<string>('../../../../scenarios/library/*.yaml', { query: '?raw', import: 'default' });

/** "sha256:<hex>" of the library file, or '' when it is not in this build (the replay then skips the check). */
export async function scenarioHash(file: string): Promise<string> {
  const name = file.split(/[\\/]/).pop() ?? file;
  const load = Object.entries(LIBRARY_TEXT).find(([path]) => path.endsWith(`/${name}`))?.[1];
  return load === undefined ? '' : `sha256:${await sha256Hex(await load())}`;
}

export interface EvidenceStart {
  scenarioId: string;
  scenarioFile: string;
  seed: number;
  candidate: { id: string; name: string };
  stream: MediaStream | null;
  /** Encoder settings for the recording (default: recorder.ts's own); the bench compares them. */
  recording?: { mimeType?: string; videoBitsPerSecond?: number };
  /** The engine's session options, logged first so a replay starts the same session. */
  options: { obs: boolean };
  onError: (message: string) => void;
}

export async function startEvidence(opts: EvidenceStart): Promise<EvidenceLink> {
  const { sessionId } = await call('evidence.start', {
    scenarioId: opts.scenarioId,
    scenarioHash: await scenarioHash(opts.scenarioFile),
    seed: opts.seed,
    candidate: opts.candidate,
    station: 'local',
  });
  return linkEvidence(sessionId, opts, [{ type: 'engine.session', t: 0, data: { options: opts.options } }]);
}

export type ResumePoint = MethodOutput<'evidence.resume'>;

/** Goes on with a package whose page was reloaded: Node closes the cut-off segment and answers
 *  the logged session; the recorder then records the next segment (its time 0 at resumeAt). */
export async function resumeEvidence(sessionId: string, opts: Pick<EvidenceStart, 'stream' | 'recording' | 'onError'>): Promise<{ link: EvidenceLink; point: ResumePoint }> {
  const point = await call('evidence.resume', { sessionId });
  return { link: await linkEvidence(sessionId, opts, []), point };
}

async function linkEvidence(sessionId: string, opts: Pick<EvidenceStart, 'stream' | 'recording' | 'onError'>, first: LogRecord[]): Promise<EvidenceLink> {
  let failure: string | null = null;
  const fail = (message: string) => {
    if (failure !== null) return;
    failure = message;
    opts.onError(message);
  };
  let recorder: EvidenceRecorder | null = null;
  if (opts.stream !== null && opts.stream.getVideoTracks().length > 0) {
    try {
      recorder = await startRecorder({ sessionId, stream: opts.stream, onError: fail, ...opts.recording });
    } catch (error) {
      fail(`录像无法开始：${error instanceof Error ? error.message : String(error)}`);
    }
  }

  let queue: LogRecord[] = first;
  let chain: Promise<void> = Promise.resolve();
  const flush = () => {
    if (queue.length === 0) return chain;
    const batch = queue;
    queue = [];
    chain = chain.then(async () => {
      if (failure !== null) return;
      for (let i = 0; i < batch.length; i += BATCH) {
        try {
          await call('evidence.append', { sessionId, records: batch.slice(i, i + BATCH) });
        } catch (error) {
          fail(`证据日志写入失败：${error instanceof Error ? error.message : String(error)}`);
          return;
        }
      }
    });
    return chain;
  };
  const timer = window.setInterval(() => void flush(), FLUSH_MS);

  return {
    sessionId,
    recorder,
    log(records) {
      if (failure === null) for (const r of records) queue.push(r);
    },
    error: () => failure,
    async finish() {
      window.clearInterval(timer);
      if (recorder !== null) await recorder.stop().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
      await flush();
      return call('evidence.finish', { sessionId });
    },
  };
}
