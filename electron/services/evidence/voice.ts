// The voice figures of an evidence package, recomputed from its recording: the camera WebM is
// streamed through the project's WebM reader, its Opus audio decoded by opus-decoder (libopus in
// WebAssembly, no ffmpeg) at 16 kHz, and fed to the pure voice analysis in scenarios/voice.
// Questions from the log (comments that expect an answer) give the pause before answering. A
// transcript.json, if the package carries one, goes through the typed text's banned-word check and
// the scenario's selling points (scenarios/compliance/transcript.ts).
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OpusDecoder } from 'opus-decoder';
import { z } from 'zod';
import { MODEL } from '../../../scenarios/engine/index.ts';
import { WebmReader, type TrackInfo } from '../../../scenarios/evidence/ebml.ts';
import { transcriptFindings, type TranscriptFindings } from '../../../scenarios/compliance/transcript.ts';
import { EVENTS_FILE } from '../../../scenarios/evidence/manifest.ts';
import { TRANSCRIPT_FILE } from '../../../scenarios/evidence/transcript.ts';
import { REPLY_KINDS } from '../../../scenarios/format/schema.ts';
import { answerPauses, VoiceAnalyser, voiceReport, type PackageVoice } from '../../../scenarios/voice/index.ts';
export { PackageVoiceSchema, type PackageVoice } from '../../../scenarios/voice/index.ts';
import { streamFile } from '../platform/fs.ts';
import { findScenario } from '../scoring/session-data.ts';
import { readManifest } from './package-dir.ts';
import { UnusableInput } from './verify-package.ts';

/** Decoding rate: speech needs nothing above 8 kHz, and a quarter of the samples is a quarter of the work. */
export const VOICE_DECODE_RATE = 16000;
/** A question unanswered by voice for this long has no answer pause. */
export const ANSWER_CAP_MS = 60000;


export interface VoiceOptions {
  deadAirMs?: number;
}

interface OpusHead {
  channels: number;
  preSkip: number;
}

/** The OpusHead in a WebM track's CodecPrivate (RFC 7845 §5.1). */
export function opusHead(track: TrackInfo, file: string): OpusHead {
  const p = track.codecPrivate;
  if (p === null || p.length < 19 || new TextDecoder().decode(p.subarray(0, 8)) !== 'OpusHead') throw new UnusableInput(`${file}: audio track ${track.number} has no OpusHead in its CodecPrivate`);
  const view = new DataView(p.buffer, p.byteOffset, p.byteLength);
  const channels = view.getUint8(9);
  if (channels < 1 || channels > 2) throw new UnusableInput(`${file}: audio track ${track.number} has ${channels} channels (1 or 2 supported)`);
  return { channels, preSkip: view.getUint16(10, true) };
}

/** The tracks of a WebM file, from its first bytes (the track list comes before the first cluster). */
async function webmTracks(path: string): Promise<TrackInfo[]> {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
    const reader = new WebmReader();
    reader.push(head.subarray(0, bytesRead));
    return reader.end().tracks;
  } finally {
    await handle.close();
  }
}
const HEAD_BYTES = 256 * 1024;

/** Decodes the Opus audio of a WebM file into the analyser, keeping the timeline: gaps in the block timestamps become silence. */
export async function analyseWebmAudio(path: string, file: string, analyser: VoiceAnalyser): Promise<void> {
  const tracks = await webmTracks(path).catch((error: unknown) => {
    throw new UnusableInput(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const audio = tracks.find((t) => t.type === 2);
  if (audio === undefined) throw new UnusableInput(`${file}: no audio track (the recording has no microphone)`);
  if (audio.codecId !== 'A_OPUS') throw new UnusableInput(`${file}: audio track ${audio.number} is ${audio.codecId ?? 'of an unnamed codec'}, not Opus`);
  const head = opusHead(audio, file);
  const rate = analyser.sampleRate;
  if (rate !== VOICE_DECODE_RATE) throw new RangeError(`the analyser must run at ${VOICE_DECODE_RATE} Hz`);
  const decoder = new OpusDecoder({ sampleRate: VOICE_DECODE_RATE, channels: head.channels, preSkip: Math.round((head.preSkip * VOICE_DECODE_RATE) / 48000) });
  await decoder.ready;
  let pushed = 0;
  const errors: string[] = [];
  const reader = new WebmReader({
    wantFrames: (t) => t.number === audio.number,
    onFrame: (f) => {
      const due = Math.round((f.timestampMs / 1000) * rate);
      if (due - pushed > rate / 10) {
        analyser.push(new Float32Array(due - pushed));
        pushed = due;
      }
      const out = decoder.decodeFrame(f.data);
      for (const e of out.errors) errors.push(`${file}: Opus frame at ${f.timestampMs} ms: ${e.message}`);
      const mono = downmix(out.channelData, out.samplesDecoded);
      analyser.push(mono);
      pushed += mono.length;
    },
  });
  try {
    await streamFile(path, (bytes) => reader.push(bytes));
  } finally {
    decoder.free();
  }
  const scan = reader.end();
  if (scan.error) throw new UnusableInput(`${file}: ${scan.error.message}`);
  if (errors.length > 0) throw new UnusableInput(errors.slice(0, 3).join('; '));
}

function downmix(channels: Float32Array[], n: number): Float32Array {
  const [a, b] = channels;
  if (a === undefined) return new Float32Array(0);
  if (b === undefined) return a.subarray(0, n);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = ((a[i] ?? 0) + (b[i] ?? 0)) / 2;
  return out;
}

const CommentEffect = z.object({ type: z.literal('comment'), comment: z.object({ id: z.string(), kind: z.string(), t: z.number() }) });
const OutputRecord = z.object({ type: z.literal('engine.output'), data: z.object({ effects: z.array(z.unknown()) }) });

/** Comments that expect an answer, from the package's log (time = session ms = recording ms). */
export async function questionsOf(dir: string): Promise<Array<{ commentId: string; t: number }>> {
  const text = await readFile(join(dir, EVENTS_FILE), 'utf8').catch(() => '');
  const out: Array<{ commentId: string; t: number }> = [];
  const reply = new Set<string>(REPLY_KINDS);
  for (const line of text.split('\n')) {
    if (!line.includes('"comment"')) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      continue; // a torn last line; verify reports it
    }
    const rec = OutputRecord.safeParse(json);
    if (!rec.success) continue;
    for (const e of rec.data.data.effects) {
      const c = CommentEffect.safeParse(e);
      if (c.success && reply.has(c.data.comment.kind)) out.push({ commentId: c.data.comment.id, t: c.data.comment.t });
    }
  }
  return out;
}

/** The voice figures of the package in `dir`. Throws UnusableInput (with the file) when it cannot be read. */
export async function packageVoice(dir: string, options: VoiceOptions = {}): Promise<PackageVoice> {
  const manifest = await readManifest(dir);
  if (manifest === null) throw new UnusableInput(`${join(dir, 'manifest.json')}: missing or not a LiveDrill manifest`);
  const camera = manifest.media.camera;
  if (camera === null) throw new UnusableInput(`${join(dir, 'manifest.json')}: field media.camera: the package has no recording`);
  const path = join(dir, camera.path);
  const analyser = new VoiceAnalyser({ sampleRate: VOICE_DECODE_RATE });
  await analyseWebmAudio(path, camera.path, analyser);
  const report = voiceReport(analyser.frames(), { deadAirMs: options.deadAirMs ?? MODEL.deadAirAfterMs });
  const questions = await questionsOf(dir);
  const pauses = answerPauses(report.talk.segments, questions.map((q) => q.t), ANSWER_CAP_MS);
  const transcript = await packageTranscript(dir, manifest.scenario);
  return { sessionId: manifest.sessionId, file: camera.path, report, answers: questions.map((q, i) => ({ ...q, pauseMs: pauses[i] ?? null })), transcript };
}

/** The findings of the package's transcript.json; null when it carries none. */
export async function packageTranscript(dir: string, scenario: { id: string; hash: string }): Promise<TranscriptFindings | null> {
  let text: string;
  try {
    text = await readFile(join(dir, TRANSCRIPT_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return { status: 'invalid', message: `${TRANSCRIPT_FILE}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const found = findScenario(scenario.id, scenario.hash);
  return transcriptFindings(text, found?.scenario.kind === 'live_room' ? found.scenario.products : null);
}
