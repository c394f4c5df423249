// `livedrill evidence voice <dir> [--json] [--dead-air S]`: the delivery figures recomputed from
// the package's recording (talk, dead air, rate, loudness, clipping, pitch, answer pauses).
// Exit 0 when computed, 2 when the package or its recording cannot be read.
import { resolve } from 'node:path';
import { BANNED_CATEGORIES } from '../../scenarios/compliance/index.ts';
import { packageVoice, type PackageVoice } from '../services/evidence/voice.ts';
import { UnusableInput } from '../services/evidence/verify-package.ts';
import { rejectRest, takeFlag, takeOption, UsageError, type CliIO } from './usage.ts';

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const or = (v: number | null, unit: string) => (v === null ? '—' : `${v} ${unit}`);
const at = (ms: number) => `${Math.floor(ms / 60000)}:${String(Math.floor((ms % 60000) / 1000)).padStart(2, '0')}`;

export function voiceText(v: PackageVoice): string {
  const r = v.report;
  const answered = v.answers.filter((a) => a.pauseMs !== null);
  const lines = [
    `语音 VOICE  ${v.sessionId}  ${v.file}  ${s(r.durationMs)}`,
    `  说话占比 talk ratio      ${Math.round(r.talk.ratio * 100)}%  (${s(r.talk.talkMs)} in ${r.talk.segments.length} segments)`,
    `  冷场 dead air (≥ ${s(r.deadAir.thresholdMs)})  ${r.deadAir.stretches.length} ×, total ${s(r.deadAir.totalMs)}, longest ${s(r.deadAir.longestMs)}${r.deadAir.stretches.map((d) => `  ${at(d.start)}–${at(d.end)}`).join('')}`,
    `  语速 speaking rate       ${or(r.rate.perMinute, '字/分钟 syllables/min')}  (${r.rate.syllables} syllables in ${s(r.rate.speakingMs)} of speech)`,
    `  响度 loudness            ${or(r.loudness.integratedLufs, 'LUFS')}, range ${or(r.loudness.rangeLu, 'LU')}, peak ${or(r.loudness.peakDbfs, 'dBFS')}`,
    `  削波 clipping            ${r.loudness.clippedSamples} samples${r.loudness.clipping.map((c) => `  ${at(c.start)}`).join('')}`,
    `  音量过低 too quiet (< ${r.loudness.quietLufs} LUFS)  ${r.loudness.quiet.length} ×${r.loudness.quiet.map((q) => `  ${at(q.start)}–${at(q.end)}`).join('')}`,
    `  音高 pitch               median ${or(r.pitch.medianHz, 'Hz')}, range ${or(r.pitch.rangeSt, 'semitones')}`,
    `  回答前停顿 answer pause   ${answered.length}/${v.answers.length} answered by voice within 60 s${answered.length > 0 ? `, longest ${s(Math.max(...answered.map((a) => a.pauseMs ?? 0)))}` : ''}`,
    ...transcriptLines(v),
    '  分钟 minute  talk  syllables  rate  LUFS  F0 Hz  F0 range st',
    ...r.minutes.map((m) => `  ${String(m.minute + 1).padStart(4)}  ${String(Math.round(m.talkRatio * 100)).padStart(4)}%  ${String(m.syllables).padStart(9)}  ${String(m.rate ?? '—').padStart(4)}  ${String(m.lufs ?? '—').padStart(5)}  ${String(m.f0MedianHz ?? '—').padStart(5)}  ${String(m.f0RangeSt ?? '—').padStart(5)}`),
  ];
  return lines.join('\n');
}

const CATEGORY_NAMES = new Map(BANNED_CATEGORIES.map((c) => [c.id, c.name]));

/** The transcript.json findings: banned words said (with when) and the selling points spoken. */
function transcriptLines(v: PackageVoice): string[] {
  const x = v.transcript;
  if (x === null) return ['  口播转写 transcript      — (no transcript.json in the package)'];
  if (x.status === 'invalid') return [`  口播转写 transcript      unusable: ${x.message}`];
  const spoken = x.points?.filter((p) => p.spokenAt !== null) ?? [];
  return [
    `  口播转写 transcript      ${x.segments} segments, ${x.language}, by ${x.source}`,
    `  口播违禁词 banned said   ${x.banned.length === 0 ? 'none' : x.banned.map((h) => `“${h.word}” ${CATEGORY_NAMES.get(h.category) ?? h.category}${h.severity === 'sensitive' ? '(敏感)' : ''} @${at(h.at * 1000)}`).join('  ')}`,
    `  口播卖点 points spoken   ${x.points === null ? '— (the scenario is not in the library)' : `${spoken.length}/${x.points.length}${spoken.map((p) => `  ${p.productId}/${p.pointId} @${at((p.spokenAt ?? 0) * 1000)}`).join('')}`}`,
  ];
}

export async function evidenceVoiceCommand(args: string[], io: CliIO): Promise<number> {
  const json = takeFlag(args, 'json');
  const deadAir = takeOption(args, 'dead-air');
  const [dir, ...rest] = args;
  if (dir === undefined) throw new UsageError('which package folder?');
  rejectRest(rest, 'evidence voice');
  const deadAirS = deadAir === undefined ? undefined : Number(deadAir);
  if (deadAirS !== undefined && !(Number.isFinite(deadAirS) && deadAirS > 0)) throw new UsageError(`--dead-air must be seconds above 0, not "${deadAir ?? ''}"`);
  try {
    const v = await packageVoice(resolve(dir), deadAirS === undefined ? {} : { deadAirMs: deadAirS * 1000 });
    io.out(json ? JSON.stringify(v, null, 2) : voiceText(v));
    return 0;
  } catch (error) {
    if (error instanceof UnusableInput) {
      io.err(`livedrill evidence voice: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
