// Checks the scores/ folder of a package: every sheet file against its own hashes and against
// the ledger (each version recorded, the file's bytes as recorded after its last version), the
// scores against the sheet's rubric, and the ledger's chain. Pure: the caller reads the files.
import type { Hasher } from '../evidence/hasher.ts';
import type { ScoreFinding } from '../evidence/finding.ts';
import { LEDGER_FILE, readLedger, type LedgerEntry, type SignedEntryData } from './ledger.ts';
import { checkRubric, checkScores, sumScores } from './rubric.ts';
import { Draft, hashContent, hashSigned, SheetFile, type SignedVersion } from './sheet.ts';

export interface VerifiedSheet {
  file: string;
  sheet: SheetFile;
  current: SignedVersion;
  /** Every check on this file passed. */
  intact: boolean;
}

export interface ScoresReport {
  sheets: VerifiedSheet[];
  drafts: { file: string; draft: Draft }[];
  ledger: LedgerEntry[];
  refused: LedgerEntry[];
  findings: ScoreFinding[];
  valid: boolean;
}

export const sheetPath = (assessorId: string) => `scores/${assessorId}.json`;
export const draftPath = (assessorId: string) => `scores/${assessorId}.draft.json`;

export interface ScoreFileInput {
  /** Package path, e.g. scores/a1b2c3d4.json. */
  path: string;
  bytes: Uint8Array;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function checkVersion(hasher: Hasher, file: string, v: SignedVersion, i: number, prev: SignedVersion | null, sessionId: string | null, add: (f: Omit<ScoreFinding, 'file' | 'severity'>) => void): Promise<void> {
  const where = `${file} 第 ${i + 1} 版`;
  const id = v.content.assessor.id;
  if ((await hashContent(hasher, v.content)) !== v.contentHash) add({ code: 'sheet_content_changed', assessorId: id, message: `${where}: 内容与签名时的哈希不符：已签名的评分表被修改` });
  if ((await hashSigned(hasher, v.contentHash, v.signature)) !== v.signedHash) add({ code: 'sheet_signature_changed', assessorId: id, message: `${where}: 签名信息与哈希不符：签名被修改` });
  if (v.content.version !== i + 1) add({ code: 'sheet_version_order', assessorId: id, message: `${where}: 版本号为 ${v.content.version}，应为 ${i + 1}` });
  if (v.signature.assessorId !== id || v.signature.name !== v.content.assessor.name) add({ code: 'sheet_signer_mismatch', assessorId: id, message: `${where}: 签名人与评分人不一致` });
  if (sessionId !== null && v.content.sessionId !== sessionId) add({ code: 'sheet_wrong_session', assessorId: id, message: `${where}: 评分表属于会话 ${v.content.sessionId}，不是本证据包 ${sessionId}` });
  if ((prev?.signedHash ?? null) !== v.content.supersedes) add({ code: 'sheet_history_broken', assessorId: id, message: `${where}: supersedes 与上一版不符：修改历史被改动` });
  if (i > 0 && (v.content.reason === null || v.content.reason.trim() === '')) add({ code: 'sheet_no_reason', assessorId: id, message: `${where}: 签名后的修改没有说明原因` });
  const issues = [...checkRubric(v.content.rubric), ...checkScores(v.content.rubric, v.content.scores, { step: v.content.step, complete: true })];
  for (const issue of issues) add({ code: 'sheet_scores_invalid', assessorId: id, message: `${where}: ${issue.field}: ${issue.message}` });
  const sum = sumScores(v.content.scores.map((s) => s.score), v.content.step);
  if (issues.length === 0 && Math.abs(sum - v.content.total) > 1e-9) add({ code: 'sheet_total_wrong', assessorId: id, message: `${where}: 总分 ${v.content.total} 与各项之和 ${sum} 不符` });
}

/** chainHead: the package's events.jsonl head (manifest); a sheet signed over another log is flagged. */
export async function verifyScores(
  hasher: Hasher,
  input: { sessionId: string | null; chainHead?: string | null; ledgerText: string | null; files: readonly ScoreFileInput[] },
): Promise<ScoresReport> {
  const ledger = await readLedger(hasher, input.ledgerText);
  const findings: ScoreFinding[] = ledger.findings.map((f) => ({ ...f, severity: 'error' }));
  const signedEntries = ledger.entries.filter((e): e is Extract<LedgerEntry, { data: SignedEntryData }> => e.type !== 'sheet.refused');
  const sheets: VerifiedSheet[] = [];
  const drafts: ScoresReport['drafts'] = [];
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (const f of input.files) {
    if (f.path === LEDGER_FILE) continue;
    if (/^scores\/\.[^/]+\.[0-9a-f]{8}\.tmp$/.test(f.path)) {
      findings.push({ severity: 'warning', code: 'scores_temp_leftover', file: f.path, message: `${f.path}: 中断的写入留下的临时文件，不计入 (temp file of an interrupted write, not counted)` });
      continue;
    }
    const text = decoder.decode(f.bytes);
    const draftMatch = /^scores\/(a[0-9a-f]{8,16})\.draft\.json$/.exec(f.path);
    const sheetMatch = /^scores\/(a[0-9a-f]{8,16})\.json$/.exec(f.path);
    if (draftMatch) {
      const d = Draft.safeParse(parseJson(text));
      if (d.success && d.data.assessor.id === draftMatch[1]) drafts.push({ file: f.path, draft: d.data });
      else findings.push({ severity: 'warning', code: 'draft_unreadable', file: f.path, message: `${f.path}: 草稿无法读取，已忽略` });
      continue;
    }
    if (!sheetMatch) {
      findings.push({ severity: 'error', code: 'scores_unknown_file', file: f.path, message: `${f.path}: scores/ 中不应有此文件` });
      continue;
    }
    const before = findings.length;
    const add = (x: Omit<ScoreFinding, 'file' | 'severity'>) => findings.push({ severity: 'error', file: f.path, ...x });
    const parsed = SheetFile.safeParse(parseJson(text));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      add({ code: 'sheet_unreadable', message: `${f.path}: 评分表格式错误 (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'not JSON'})：文件被修改或损坏` });
      continue;
    }
    const sheet = parsed.data;
    if (sheet.assessorId !== sheetMatch[1]) add({ code: 'sheet_wrong_file', message: `${f.path}: 文件名与考评员编号 ${sheet.assessorId} 不符` });
    for (const [i, v] of sheet.versions.entries()) {
      if (v.content.assessor.id !== sheet.assessorId) add({ code: 'sheet_signer_mismatch', message: `${f.path} 第 ${i + 1} 版属于另一位考评员` });
      await checkVersion(hasher, f.path, v, i, sheet.versions[i - 1] ?? null, input.sessionId, add);
      if (input.chainHead !== undefined && input.chainHead !== null && v.content.evidence.chainHead !== input.chainHead) {
        add({ code: 'sheet_other_log', assessorId: sheet.assessorId, message: `${f.path} 第 ${i + 1} 版签名时的事件日志 (${String(v.content.evidence.chainHead).slice(0, 12)}…) 与本证据包 (${input.chainHead.slice(0, 12)}…) 不同` });
      }
      if (!signedEntries.some((e) => e.data.file === f.path && e.data.version === i + 1 && e.data.signedHash === v.signedHash)) {
        add({ code: 'sheet_not_in_ledger', assessorId: sheet.assessorId, message: `${f.path} 第 ${i + 1} 版没有记录在 ${LEDGER_FILE} 中：签名后被改动或替换` });
      }
    }
    const lastEntry = signedEntries.filter((e) => e.data.file === f.path).at(-1);
    const sha = await hasher.sha256(f.bytes);
    if (lastEntry && lastEntry.data.fileSha256 !== sha) {
      add({ code: 'sheet_file_changed', assessorId: sheet.assessorId, message: `${f.path} 的 SHA-256 与签名时记录的不符：已签名的评分表被修改` });
    }
    if (lastEntry && lastEntry.data.version !== sheet.versions.length) {
      add({ code: 'sheet_versions_missing', assessorId: sheet.assessorId, message: `${f.path} 有 ${sheet.versions.length} 版，记录中为 ${lastEntry.data.version} 版：历史版本被删除或添加` });
    }
    const current = sheet.versions.at(-1);
    if (current) sheets.push({ file: f.path, sheet, current, intact: findings.length === before });
  }
  for (const e of signedEntries) {
    if (!input.files.some((f) => f.path === e.data.file)) {
      findings.push({ severity: 'error', code: 'sheet_missing', file: e.data.file, assessorId: e.data.assessorId, message: `${e.data.file}（${e.data.name} 第 ${e.data.version} 版）已签名并记录，但文件不存在：评分表被删除` });
    }
  }
  // In the order the assessors first signed: an amendment keeps its place.
  const first = (x: VerifiedSheet) => x.sheet.versions[0]?.signature.signedAt ?? '';
  sheets.sort((a, b) => (first(a) < first(b) ? -1 : first(a) > first(b) ? 1 : 0));
  return {
    sheets,
    drafts,
    ledger: ledger.entries,
    refused: ledger.entries.filter((e) => e.type === 'sheet.refused'),
    findings,
    valid: !findings.some((f) => f.severity === 'error'),
  };
}
