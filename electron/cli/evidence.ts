// `livedrill evidence verify|replay|export|import`. Exit codes: 0 valid, 1 invalid (the
// findings say what and where), 2 unusable input (no such folder, not a package, bad args).
import { resolve } from 'node:path';
import type { Replayer } from '../../scenarios/evidence/replay.ts';
import { ReplayRun } from '../../scenarios/evidence/replay.ts';
import type { Finding } from '../../scenarios/evidence/finding.ts';
import { defaultDataDir } from '../services/data-dir.ts';
import { exportPackage, importArchive, ImportRefused } from '../services/evidence/archive.ts';
import { evidenceRoot, readManifest } from '../services/evidence/package-dir.ts';
import { readDeviceKeys, SealRefused } from '../services/evidence/seal-package.ts';
import { UnusableInput, verifyPackage, type VerifyReport } from '../services/evidence/verify-package.ts';
import { engineReplayer } from './evidence-replayer.ts';
import { evidenceScoresCommand } from './evidence-scores.ts';
import { evidenceVoiceCommand } from './evidence-voice.ts';
import { rejectRest, takeFlag, takeOption, UsageError, type CliIO } from './usage.ts';

export const evidenceUsage = 'evidence verify|replay <dir> [--keys F] [--json] · export <dir> [--out F] · import <file> [--data-dir D] · scores <dir> [--json] · voice <dir> [--json] [--dead-air S]';

export interface EvidenceDeps {
  replayer: Replayer | null;
}

function where(f: Finding): string {
  const at = [f.line !== undefined ? `line ${f.line}` : null, f.seq !== undefined ? `seq ${f.seq}` : null, f.field ? `field ${f.field}` : null, f.offset !== undefined ? `byte ${f.offset}` : null]
    .filter(Boolean)
    .join(', ');
  return `${f.file}${at ? ` (${at})` : ''}`;
}

function signatureLine({ seal }: VerifyReport): string {
  if (!seal) return '未签名 unsigned (no seal.json: a whole rewrite of log and manifest cannot be detected)';
  const station = `考站签名 station ${seal.station.deviceId} at ${seal.station.signedAt}`;
  return seal.centre ? `${station} · 考点签收 centre ${seal.centre.deviceId} at ${seal.centre.receivedAt}` : `${station} · 考点未签收 not yet received`;
}

function printReport(io: CliIO, report: VerifyReport, title: string): void {
  const errors = report.findings.filter((f) => f.severity === 'error');
  const lines = [
    `${report.valid ? '✓ 有效 VALID' : '✗ 无效 INVALID'}  ${title} ${report.sessionId ?? '(unknown session)'}  status ${report.status ?? '?'}  ${report.records} records${
      report.durationMs !== null ? `  video ${(report.durationMs / 1000).toFixed(1)} s` : ''
    }`,
    `  ${signatureLine(report)}`,
    ...report.findings.map((f) => `  ${f.severity === 'error' ? '✗' : '!'} ${where(f)} [${f.code}] ${f.message}`),
  ];
  if (!report.valid) lines.push(`${errors.length} problem(s) in ${report.dir}`);
  io.out(lines.join('\n'));
}

async function verify(args: string[], io: CliIO, replayer: Replayer | null | 'none'): Promise<number> {
  const json = takeFlag(args, 'json');
  const deep = takeFlag(args, 'deep');
  const keysFile = takeOption(args, 'keys');
  const [dir, ...rest] = args;
  if (dir === undefined) throw new UsageError('which package folder?');
  rejectRest(rest, 'evidence');
  let run: ReplayRun<unknown> | null = null;
  if (replayer !== 'none') {
    if (!replayer) {
      io.err('livedrill evidence replay: 会话引擎尚未接入重放 (no engine replayer is wired in electron/cli/evidence-replayer.ts)');
      return 2;
    }
    run = new ReplayRun(replayer);
  }
  const active = run;
  let report: VerifyReport;
  try {
    const keys = keysFile === undefined ? null : await readDeviceKeys(resolve(keysFile));
    report = await verifyPackage(resolve(dir), { deep, keys, scores: true, ...(active ? { onRecord: (r, line) => active.record(r, line) } : {}) });
  } catch (error) {
    if (error instanceof UnusableInput || error instanceof SealRefused) {
      io.err(`livedrill evidence: ${error.message}`);
      return 2;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && keysFile !== undefined) {
      io.err(`livedrill evidence: ${keysFile}: 找不到设备公钥列表文件 (no such file)`);
      return 2;
    }
    throw error;
  }
  const replay = active?.end() ?? null;
  if (replay) {
    report.findings.push(...replay.findings);
    report.valid = report.valid && replay.findings.length === 0;
  }
  if (json) io.out(JSON.stringify(replay ? { ...report, replay: { inputs: replay.inputs, outputs: replay.outputs } } : report, null, 2));
  else {
    printReport(io, report, replay ? 'replay' : 'verify');
    if (replay) io.out(`  replayed ${replay.inputs} engine inputs, compared ${replay.outputs} outputs`);
  }
  return report.valid ? 0 : 1;
}

export async function evidenceCommand(args: string[], io: CliIO, deps: EvidenceDeps = { replayer: engineReplayer }): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'verify':
      return verify(rest, io, 'none');
    case 'replay':
      return verify(rest, io, deps.replayer);
    case 'export': {
      const out = takeOption(rest, 'out');
      const [dir, ...more] = rest;
      if (dir === undefined) throw new UsageError('which package folder?');
      rejectRest(more, 'evidence export');
      const full = resolve(dir);
      const manifest = await readManifest(full);
      if (!manifest) {
        io.err(`livedrill evidence export: ${full}: 没有可读的 manifest.json (not an evidence package)`);
        return 2;
      }
      const report = await verifyPackage(full);
      if (!report.valid) {
        printReport(io, report, 'export refused:');
        return 1;
      }
      const result = await exportPackage(full, manifest.sessionId, resolve(out ?? `${manifest.sessionId}.livedrill.tar`));
      io.out(`${result.file}  ${result.size} bytes  sha256 ${result.sha256}`);
      return 0;
    }
    case 'scores':
      return evidenceScoresCommand(rest, io);
    case 'voice':
      return evidenceVoiceCommand(rest, io);
    case 'import': {
      const dataDir = takeOption(rest, 'data-dir') ?? defaultDataDir();
      const [file, ...more] = rest;
      if (file === undefined) throw new UsageError('which archive file?');
      rejectRest(more, 'evidence import');
      try {
        const result = await importArchive(resolve(file), evidenceRoot(resolve(dataDir)));
        io.out(`✓ imported ${result.sessionId} → ${result.dir}`);
        return 0;
      } catch (error) {
        if (error instanceof ImportRefused) {
          io.err(`livedrill evidence import: ${error.message}`);
          if (error.report) printReport(io, error.report, 'import refused:');
          return error.report ? 1 : 2;
        }
        throw error;
      }
    }
    default:
      throw new UsageError(sub === undefined ? 'which subcommand? verify, replay, export, import, scores or voice' : `unknown subcommand "${sub}"`);
  }
}
