// `livedrill evidence scores <dir> [--json]`: the panel's result from a package's scores/ —
// each assessor's total and whether signed, the final score, pass or fail, the disagreement
// flags — after checking every signed sheet against its hashes and scores/ledger.jsonl.
// Exit 0 ok · 1 a signed sheet fails its check or the panel breaks the rules of its mode ·
// 2 not a package. The CLI is the 考务's tool: it shows every signed score (no blind view).
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readManifest } from '../services/evidence/package-dir.ts';
import { scoresReport } from '../services/scoring/package-scores.ts';
import { panelOf } from '../services/scoring/panel-view.ts';
import { rejectRest, takeFlag, UsageError, type CliIO } from './usage.ts';

export const scoresUsage = 'evidence scores <dir> [--json]';

export async function evidenceScoresCommand(args: string[], io: CliIO): Promise<number> {
  const json = takeFlag(args, 'json');
  const [dirArg, ...rest] = args;
  if (dirArg === undefined) throw new UsageError('which package folder?');
  rejectRest(rest, 'evidence scores');
  const dir = resolve(dirArg);
  if (!(await stat(dir).catch(() => null))?.isDirectory()) {
    io.err(`livedrill evidence scores: ${dir}: 不是一个文件夹 (not a directory)`);
    return 2;
  }
  const manifest = await readManifest(dir);
  if (!manifest) {
    io.err(`livedrill evidence scores: ${dir}: 没有可读的 manifest.json (not an evidence package)`);
    return 2;
  }
  const report = await scoresReport(dir, manifest.sessionId, manifest.chain.head);
  const { result } = panelOf(report);
  const tampered = report.sheets.filter((s) => !s.intact).map((s) => ({ assessorId: s.current.content.assessor.id, name: s.current.content.assessor.name, file: s.file }));
  const ok = report.valid && result.violations.length === 0;
  if (json) {
    io.out(
      JSON.stringify(
        {
          sessionId: manifest.sessionId,
          ok,
          mode: result.mode,
          members: result.members,
          tampered,
          signedCount: result.signedCount,
          finalScore: result.finalScore,
          passed: result.passed,
          flags: result.flags,
          violations: result.violations,
          rule: result.rule,
          findings: report.findings,
          refused: report.refused.length,
        },
        null,
        2,
      ),
    );
    return ok ? 0 : 1;
  }
  const modeName = result.mode === 'exam' ? '考试模式' : result.mode === 'practice' ? '练习模式' : '模式未定';
  const lines = [`评分 ${manifest.sessionId}  ${manifest.candidate.name}（${manifest.candidate.id}）  ${modeName}  已签名 ${result.signedCount} 份`];
  for (const m of result.members) {
    const total = m.total === null ? '—' : `${m.total} 分`;
    lines.push(`  ${m.signed ? '✓' : '·'} ${m.name}  ${total}  ${m.signed ? `已签名 ${m.signedAt ?? ''}${m.version !== null && m.version > 1 ? ` (第 ${m.version} 版)` : ''}` : '未签名（草稿）'}`);
  }
  for (const t of tampered) lines.push(`  ✗ ${t.name}  —  评分表未通过哈希校验，不计入 (${t.file})`);
  lines.push(
    result.finalScore === null ? `最终成绩 —${report.valid ? '' : '  结果不完整：评分表未通过校验，不计分 (result incomplete)'}` : `最终成绩 ${result.finalScore} 分  ${result.passed === true ? '合格 PASS' : '不合格 FAIL'}${result.violations.length > 0 ? '（考评组不符合规定，成绩不成立）' : ''}`,
  );
  for (const f of result.flags) lines.push(`  ! 分歧 ${f.message}`);
  for (const v of result.violations) lines.push(`  ✗ [${v.rule}] ${v.message}`);
  for (const f of report.findings) lines.push(`  ${f.severity === 'error' ? '✗' : '!'} ${f.file}${f.line !== undefined ? ` (line ${f.line})` : ''} [${f.code}] ${f.message}`);
  if (report.refused.length > 0) lines.push(`  已拒绝并记录 ${report.refused.length} 次修改已签名评分表的尝试 (scores/ledger.jsonl)`);
  lines.push(`规则: ${result.rule}`);
  lines.push(ok ? '✓ 评分表校验通过，考评组符合规定' : '✗ 评分未通过：见上');
  io.out(lines.join('\n'));
  return ok ? 0 : 1;
}
