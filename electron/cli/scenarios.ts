// `livedrill scenarios validate <file|dir>…` and `livedrill scenarios coverage [--type X] [--level N] [--json]`.
// validate: 0 when every file is valid, 1 with located errors (file:line:col field.path: message),
// 2 when a path is missing or unreadable. coverage: per work type and level, which skill codes the
// library exercises (a trainee action or a filled part produces the evidence), which it only claims,
// and which none covers; then the whole standard in distinct codes (1 if the library is invalid).
import { formatIssue } from '../../scenarios/format/index.ts';
import { coverage, coverageSummary } from '../../scenarios/library/coverage.ts';
import { isLevel, isWorkTypeCode, workTypeHasLevel, type Level, type WorkTypeCode } from '../../scenarios/standard/index.ts';
import { loadFiles, ScenarioPathError, LIBRARY_DIR } from '../services/scenarios/library.ts';
import { rejectRest, takeFlag, takeOption, UsageError, type CliIO } from './usage.ts';

function parseType(value: string | undefined): WorkTypeCode | undefined {
  if (value === undefined) return undefined;
  const upper = value.toUpperCase();
  if (!isWorkTypeCode(upper)) throw new UsageError(`--type must be one of A, B, C, D (got "${value}")`);
  return upper;
}

function parseLevel(value: string | undefined): Level | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^[1-5]$/.test(value) || !isLevel(n)) throw new UsageError(`--level must be 1..5 (got "${value}")`);
  return n;
}

function validate(args: string[], io: CliIO): number {
  const paths = args.filter((a) => !a.startsWith('--'));
  rejectRest(args.filter((a) => a.startsWith('--')), 'scenarios validate');
  if (paths.length === 0) throw new UsageError('scenarios validate needs a file or folder, e.g. scenarios/library');
  let lib;
  try {
    lib = loadFiles(paths);
  } catch (error) {
    if (error instanceof ScenarioPathError) {
      io.err(`livedrill scenarios validate: ${error.message}`);
      return 2;
    }
    throw error;
  }
  if (lib.errors.length > 0) {
    io.out(lib.errors.map(formatIssue).join('\n'));
    const files = new Set(lib.errors.map((e) => e.file)).size;
    io.out(`\n✗ ${lib.errors.length} 个错误，涉及 ${files} 个文件；${lib.scenarios.length} 个场景有效 (${lib.errors.length} errors in ${files} files)`);
    return 1;
  }
  io.out(`✓ ${lib.scenarios.length} 个场景全部有效 (${lib.scenarios.map((s) => s.scenario.id).join(', ')})`);
  return 0;
}

function coverageCommand(args: string[], io: CliIO): number {
  const workType = parseType(takeOption(args, 'type'));
  const level = parseLevel(takeOption(args, 'level'));
  const dir = takeOption(args, 'dir') ?? LIBRARY_DIR;
  const json = takeFlag(args, 'json');
  rejectRest(args, 'scenarios coverage');
  if (workType !== undefined && level !== undefined && !workTypeHasLevel(workType, level)) {
    throw new UsageError(`work type ${workType} has no level ${level} (平台管理员 D 只设五级、四级、三级)`);
  }
  let lib;
  try {
    lib = loadFiles([dir]);
  } catch (error) {
    if (error instanceof ScenarioPathError) {
      io.err(`livedrill scenarios coverage: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const selections = coverage(
    lib.scenarios.map((e) => e.scenario),
    { ...(workType === undefined ? {} : { workType }), ...(level === undefined ? {} : { level }) },
  );
  const errors = lib.errors.map(formatIssue);
  const summary = coverageSummary(workType === undefined && level === undefined ? selections : coverage(lib.scenarios.map((e) => e.scenario)));
  if (json) {
    io.out(JSON.stringify({ scenarios: lib.scenarios.map((e) => e.scenario.id), summary, selections, errors }, null, 2));
  } else {
    const lines: string[] = [];
    for (const sel of selections) {
      const covered = sel.exercised.length + sel.claimedOnly.length;
      lines.push(`${sel.workType} L${sel.level}: ${sel.exercised.length}/${sel.total} 项技能要求被练到（场景声明 ${covered}/${sel.total}）；本级场景：${sel.scenarios.join(', ') || '无'}`);
      for (const x of sel.exercised) lines.push(`  ✓ ${x.id.padEnd(8)} ${x.text}  ← ${x.exercised.join(', ')}`);
      for (const x of sel.claimedOnly) lines.push(`  ○ ${x.id.padEnd(8)} ${x.text}  ← 仅声明，无学员操作产生证据 (claimed, not exercised): ${x.covered.join(', ')}`);
      for (const x of sel.missing) lines.push(`  · ${x.id.padEnd(8)} ${x.text}`);
    }
    lines.push(`全部标准：${summary.total} 项技能要求，练到 ${summary.exercised}，声明 ${summary.covered} (whole standard: ${summary.exercised}/${summary.total} exercised, ${summary.covered} covered)`);
    if (summary.claimedNotExercised.length > 0) lines.push(`仅声明未练到 (claimed, not exercised): ${summary.claimedNotExercised.map((x) => x.id).join(', ')}`);
    io.out(lines.join('\n'));
  }
  if (errors.length > 0) {
    io.err(`场景库中有无效文件，未计入覆盖 (invalid scenario files were left out):\n${errors.join('\n')}`);
    return 1;
  }
  return 0;
}

export function scenariosCommand(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'validate') return Promise.resolve(validate(rest, io));
  if (sub === 'coverage') return Promise.resolve(coverageCommand(rest, io));
  throw new UsageError(sub === undefined ? 'scenarios needs a subcommand: validate or coverage' : `unknown subcommand "${sub}" (validate, coverage)`);
}
