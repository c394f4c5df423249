// `livedrill exam …`: the centre's sittings from the terminal.
//   rules-check <sitting>     a sitting in the data folder (by id) or a sitting file (JSON/YAML,
//                              optionally with "candidates" and "assessors" counts): 1.9 rules
//   roster validate <file>    a CSV or XLSX roster: each bad cell located (file:row:column)
//   results <sitting> [--json] per-candidate results and the cohort analytics
//   archive <sitting> [--out F] one archive with every record, package and the manifest
// Exit 0 ok · 1 the thing checked is not ok · 2 bad arguments or unusable input (located).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { checkSitting, parseRoster, SittingPlan } from '../../scenarios/exam/index.ts';
import { formatPath, locate, parseYaml } from '../../scenarios/format/locate.ts';
import { isLevel, isWorkTypeCode } from '../../scenarios/standard/index.ts';
import { defaultDataDir } from '../services/data-dir.ts';
import { archiveSitting } from '../services/exam/archive.ts';
import { computeResults, examDbFile, sittingCheckOf } from '../services/exam/centre.ts';
import { RosterFileError, readRosterFile } from '../services/exam/roster-file.ts';
import { openExamStore, type ExamStore } from '../services/exam/store.ts';
import { issueText, locatedText } from './exam-text.ts';
import { rejectRest, takeFlag, takeOption, UsageError, type CliIO } from './usage.ts';

export const examUsage = 'exam rules-check <sitting|file> | roster validate <file> [--type B --level 5] | results <sitting> [--json] | archive <sitting> [--out F]  [--data-dir DIR]';

const SittingFile = SittingPlan.extend({
  candidates: z.number().int().nonnegative().optional(),
  assessors: z.number().int().nonnegative().optional(),
});

function openStore(dataDir: string, io: CliIO): ExamStore | null {
  const file = examDbFile(dataDir);
  if (!existsSync(file)) {
    io.err(`livedrill exam: ${file}: 没有考务数据库 (no centre database in this data folder; use --data-dir)`);
    return null;
  }
  return openExamStore(file);
}

function withSitting<T>(io: CliIO, dataDir: string, id: string, run: (store: ExamStore) => Promise<T>): Promise<T | 2> {
  const store = openStore(dataDir, io);
  if (!store) return Promise.resolve(2);
  if (!store.sitting(id)) {
    store.close();
    io.err(`livedrill exam: ${id}: ${issueText({ code: 'store.noSitting', params: { sittingId: id } })} (${examDbFile(dataDir)})`);
    return Promise.resolve(2);
  }
  return run(store).finally(() => store.close());
}

async function rulesCheck(args: string[], io: CliIO, dataDir: string, json: boolean): Promise<number> {
  const [target, ...rest] = args;
  if (target === undefined) throw new UsageError('which sitting (id or file)?');
  rejectRest(rest, 'exam rules-check');
  let check;
  let label: string;
  if (/\.(json|ya?ml)$/i.test(target) || existsSync(target)) {
    const file = resolve(target);
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) {
      io.err(`livedrill exam rules-check: ${file}: 无法读取 (cannot read)`);
      return 2;
    }
    const parsed = parseYaml(text);
    if (parsed.doc.errors.length > 0) {
      const e = parsed.doc.errors[0];
      const pos = e?.linePos?.[0];
      io.err(`${file}:${pos?.line ?? 1}:${pos?.col ?? 1}: ${e?.message.split('\n')[0] ?? 'syntax error'}`);
      return 2;
    }
    const r = SittingFile.safeParse(parsed.doc.toJS());
    if (!r.success) {
      for (const i of r.error.issues) {
        const p = locate(parsed, i.path as (string | number)[]);
        io.err(`${file}:${p.line}:${p.column} ${formatPath(i.path as (string | number)[])}: ${i.message}`);
      }
      return 2;
    }
    const counts = r.data.candidates !== undefined && r.data.assessors !== undefined ? { candidates: r.data.candidates, assessors: r.data.assessors } : undefined;
    check = checkSitting(r.data, counts);
    label = `${file}（${r.data.title}）`;
  } else {
    const got = await withSitting(io, dataDir, target, (store) => {
      const s = store.sitting(target);
      return Promise.resolve(s ? { check: sittingCheckOf(store, s), title: s.title } : null);
    });
    if (got === 2 || got === null) return 2;
    check = got.check;
    label = `${target}（${got.title}）`;
  }
  if (json) {
    io.out(JSON.stringify({ ...check, messages: check.issues.map(issueText) }, null, 2));
    return check.issues.length === 0 ? 0 : 1;
  }
  const kind = check.kind === 'formal' ? '正式考核' : '模拟考试';
  const lines = [`场次 ${label} · ${kind}`];
  for (const i of check.issues) lines.push(`  ✗ [${i.code}] ${issueText(i)}`);
  lines.push(
    check.issues.length === 0
      ? '✓ 符合标准 1.9 的鉴定要求'
      : check.allowed
        ? `! 模拟考试不符合 ${check.issues.length} 条规定：可以进行，每份报告都会注明`
        : `✗ 正式考核不符合 ${check.issues.length} 条规定：不能进行`,
  );
  io.out(lines.join('\n'));
  return check.issues.length === 0 ? 0 : 1;
}

async function rosterValidate(args: string[], io: CliIO, json: boolean): Promise<number> {
  const type = takeOption(args, 'type');
  const levelArg = takeOption(args, 'level');
  const [sub, fileArg, ...rest] = args;
  if (sub !== 'validate') throw new UsageError(`roster: unknown subcommand "${sub ?? ''}" (validate)`);
  if (fileArg === undefined) throw new UsageError('roster validate: which file?');
  rejectRest(rest, 'exam roster validate');
  if (type !== undefined && !isWorkTypeCode(type)) throw new UsageError(`--type must be A, B, C or D, got "${type}"`);
  const level = levelArg === undefined ? undefined : Number(levelArg);
  if (level !== undefined && !isLevel(level)) throw new UsageError(`--level must be 1..5, got "${levelArg ?? ''}"`);
  const file = resolve(fileArg);
  let table;
  try {
    table = await readRosterFile(file);
  } catch (error) {
    if (error instanceof RosterFileError) {
      io.err(`${file}: ${issueText(error)} [${error.code}]`);
      return 2;
    }
    throw error;
  }
  const parsed = parseRoster(table.rows, { workType: type, level: level });
  if (json) {
    io.out(JSON.stringify({ file, format: table.format, sha256: table.sha256, rows: parsed.rows, valid: parsed.candidates.length, issues: parsed.issues.map((i) => ({ ...i, message: issueText(i) })) }, null, 2));
    return parsed.issues.length === 0 ? 0 : 1;
  }
  const lines = parsed.issues.map((i) => locatedText(file, i));
  const bad = new Set(parsed.issues.map((i) => i.row)).size;
  lines.push(`${parsed.issues.length === 0 ? '✓' : '✗'} ${file}: ${parsed.rows} 行考生，${parsed.candidates.length} 行有效${parsed.issues.length > 0 ? `，${bad} 行有问题（${parsed.issues.length} 处）` : ''}`);
  io.out(lines.join('\n'));
  return parsed.issues.length === 0 ? 0 : 1;
}

async function results(args: string[], io: CliIO, dataDir: string, json: boolean): Promise<number> {
  const [id, ...rest] = args;
  if (id === undefined) throw new UsageError('results: which sitting?');
  rejectRest(rest, 'exam results');
  return withSitting(io, dataDir, id, async (store) => {
    const r = await computeResults(store, dataDir, id);
    const check = sittingCheckOf(store, r.sitting);
    const names = new Map(store.candidates(id).map((c) => [c.id, c]));
    const ok = r.evidence.length === 0 && r.results.every((x) => x.status !== 'pending' && x.status !== 'noEvidence');
    if (json) {
      io.out(JSON.stringify({ sitting: r.sitting, rules: check, published: r.published, results: r.results, analytics: r.analytics, evidence: r.evidence }, null, 2));
      return ok ? 0 : 1;
    }
    const lines = [`场次 ${id}（${r.sitting.title}）${r.published ? ` · 已公布 ${r.published}` : ' · 未公布'}`];
    for (const i of check.issues) lines.push(`  ! 不符合规定 [${i.code}] ${issueText(i)}`);
    for (const x of r.results) {
      const c = names.get(x.candidateId);
      const verdict = x.passed === true ? '合格' : x.passed === false ? '不合格' : '—';
      lines.push(`  ${c?.ticketNo ?? ''} ${c?.name ?? x.candidateId}  ${x.score ?? '—'}  ${verdict}  ${x.status}${x.amended ? ' 已更正' : ''}${x.flags.length > 0 ? ' 分歧' : ''}`);
    }
    const a = r.analytics;
    lines.push(`考生 ${r.results.length} 名，有成绩 ${a.scored} 名，合格 ${a.passed} 名${a.passRate === null ? '' : `，合格率 ${(a.passRate * 100).toFixed(1)}%`}${a.mean === null ? '' : `，平均 ${a.mean} 分`}`);
    for (const e of r.evidence) lines.push(`  ✗ ${issueText(e)}`);
    io.out(lines.join('\n'));
    return ok ? 0 : 1;
  });
}

async function archive(args: string[], io: CliIO, dataDir: string): Promise<number> {
  const out = takeOption(args, 'out');
  const [id, ...rest] = args;
  if (id === undefined) throw new UsageError('archive: which sitting?');
  rejectRest(rest, 'exam archive');
  return withSitting(io, dataDir, id, async (store) => {
    const file = resolve(out ?? `${id}.sitting.tar`);
    const a = await archiveSitting(store, dataDir, id, file);
    io.out(`✓ ${a.file}  ${a.entries} 个文件（${a.packages} 个证据包），${a.size} 字节，SHA-256 ${a.sha256}\n  保存期限：纸质至 ${a.retention.paper}，电子至 ${a.retention.electronic}`);
    return 0;
  });
}

export async function examCommand(args: string[], io: CliIO): Promise<number> {
  const json = takeFlag(args, 'json');
  const dataDir = resolve(takeOption(args, 'data-dir') ?? defaultDataDir());
  const [sub, ...rest] = args;
  switch (sub) {
    case 'rules-check':
      return rulesCheck(rest, io, dataDir, json);
    case 'roster':
      return rosterValidate(rest, io, json);
    case 'results':
      return results(rest, io, dataDir, json);
    case 'archive':
      return archive(rest, io, dataDir);
    default:
      throw new UsageError(`unknown subcommand "${sub ?? ''}" (rules-check, roster validate, results, archive)`);
  }
}
