// `livedrill obs check`: version, inventory, one telemetry sample and a verdict for an OBS.
// Exit 0 usable (maybe with warnings), 1 OBS cannot be used (the reason is printed), 2 bad arguments.
import { readFile, stat } from 'node:fs/promises';
import type { HealthLevel, ObsInput } from '../../scenarios/obs/records.ts';
import { DEFAULT_OBS_URL } from '../contract/obs.ts';
import { runObsCheck, type ObsCheckReport } from '../services/obs/check.ts';
import { validateObsUrl } from '../services/obs/errors.ts';
import { rejectRest, takeFlag, takeOption, UsageError, type CliIO } from './usage.ts';

const LEVEL_WORD: Record<HealthLevel, string> = { good: '良好 good', warn: '注意 warn', bad: '不合格 bad' };
const ROLE_WORD: Record<ObsInput['role'], string> = {
  microphone: '麦克风',
  camera: '摄像头',
  desktop_audio: '桌面音频',
  screen: '屏幕',
  media: '媒体',
  other: '其他',
};

async function readPassword(file: string, io: CliIO): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
    if (process.platform !== 'win32' && ((await stat(file)).mode & 0o077) !== 0) {
      io.err(`注意: 密码文件 ${file} 其他用户也能读取，建议 chmod 600 (password file is readable by others)`);
    }
  } catch (error) {
    throw new UsageError(`--password-file: 读不到 ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  // One trailing newline is the editor's, not the password's.
  return text.replace(/\r?\n$/, '');
}

export async function obsCommand(args: string[], io: CliIO): Promise<number> {
  const sub = args.shift();
  if (sub !== 'check') throw new UsageError(sub === undefined ? 'obs: missing subcommand (check)' : `obs: unknown subcommand "${sub}" (check)`);
  const url = takeOption(args, 'url') ?? DEFAULT_OBS_URL;
  const passwordFile = takeOption(args, 'password-file');
  const json = takeFlag(args, 'json');
  rejectRest(args, 'obs check');
  const invalid = validateObsUrl(url);
  if (invalid) throw new UsageError(`--url: ${invalid.message}`);
  const password = passwordFile === undefined ? null : await readPassword(passwordFile, io);

  const report = await runObsCheck({ url, password });
  if (json) io.out(JSON.stringify(report, null, 2));
  else io.out(formatReport(report));
  return report.verdict.usable ? 0 : 1;
}

const f1 = (n: number) => n.toFixed(1);
const pct = (p: number | null) => (p === null ? '—' : `${f1(p)}%`);

export function formatReport(r: ObsCheckReport): string {
  const lines = [`OBS 检查 (check) ${r.url}`];
  const s = r.state;
  if (s.phase === 'connected') {
    lines.push(`版本 version: OBS ${s.obsVersion ?? '?'} · obs-websocket ${s.obsWebSocketVersion ?? '?'} · RPC ${s.rpcVersion ?? '?'}${s.platform ? ` · ${s.platform}` : ''}`);
  } else {
    // The reason follows under the verdict.
    lines.push(`连接 connection: ${s.phase}${s.error ? ` (${s.error.code})` : ''}`);
  }
  const inv = r.inventory;
  if (inv) {
    lines.push(`场景 scenes (${inv.scenes.length}):`);
    for (const scene of inv.scenes) {
      const mark = scene.name === inv.programScene ? ' [节目 program]' : scene.name === inv.previewScene ? ' [预览 preview]' : '';
      const items = scene.items.map((i) => `${i.sourceName}${i.enabled ? '' : ' (隐藏 hidden)'}`).join(', ');
      lines.push(`  ${scene.name}${mark}: ${items || '(空 empty)'}`);
    }
    lines.push(`输入 inputs (${inv.inputs.length}):`);
    for (const input of inv.inputs) {
      const audio = input.audio ? ` · ${input.audio.muted ? '静音 muted' : '开 on'} ${f1(input.audio.volumeDb)} dB` : '';
      lines.push(`  ${input.name} — ${ROLE_WORD[input.role]} (${input.kind})${audio}`);
    }
    lines.push(`推流 stream: ${inv.stream.active ? (inv.stream.reconnecting ? '重连中 reconnecting' : '进行中 live') : '未开始 off'} · 录制 record: ${inv.record.active ? '进行中 on' : '未开始 off'}`);
  }
  const t = r.sample;
  if (t) {
    lines.push(
      `遥测 telemetry (${t.intervalMs === null ? 'totals' : `${f1(t.intervalMs / 1000)} s`}): ` +
        `${f1(t.fps)}/${f1(t.targetFps)} fps · 渲染 render ${f1(t.renderMs)}/${f1(t.frameBudgetMs)} ms · ` +
        `渲染丢帧 ${pct(t.renderLag.percent ?? t.renderLag.cumulativePercent)} · 编码跳帧 ${pct(t.encodeLag.percent ?? t.encodeLag.cumulativePercent)} · ` +
        `网络丢帧 ${t.stream.active ? pct(t.network.percent) : '—'} · 码率 ${t.stream.bitrateKbps === null || !t.stream.active ? '—' : `${Math.round(t.stream.bitrateKbps)} kb/s`} · ` +
        `CPU ${f1(t.cpuPercent)}% · 内存 ${Math.round(t.memoryMb)} MB`,
    );
  }
  lines.push(`结论 verdict: ${r.verdict.usable ? '可用 usable' : '不可用 NOT usable'} · ${LEVEL_WORD[r.verdict.level]}`);
  for (const reason of r.verdict.reasons) lines.push(`  - [${reason.level}] ${reason.message}`);
  return lines.join('\n');
}
