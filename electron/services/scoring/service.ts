// The scoring service behind the contract (scoring.*): identities, drafts, signing, amending,
// the panel, CSV. Every write to a package's scores/ goes through one queue per package; every
// refused attempt to change a signed sheet is written to scores/ledger.jsonl before the error.
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractError, type Handlers } from '../../contract/index.ts';
import type { Manifest } from '../../../scenarios/evidence/manifest.ts';
import { metricEvidence } from '../../../scenarios/scoring/metrics.ts';
import { checkRubric, checkScores, rubricSnapshot, totalScore, DEFAULT_STEP } from '../../../scenarios/scoring/rubric.ts';
import { Draft, SHEET_FILE_FORMAT, SHEET_FORMAT, sealVersion, sheetFileText, type SheetContent, type SheetFile } from '../../../scenarios/scoring/sheet.ts';
import { draftPath, sheetPath } from '../../../scenarios/scoring/verify.ts';
import type { Viewer } from '../../../scenarios/scoring/visibility.ts';
import type { EvidencePackage, EvidencePackages } from '../evidence/packages.ts';
import { SESSION_ID_PATTERN } from '../../../scenarios/evidence/session-id.ts';
import type { Service } from '../service.ts';
import { nodeHasher, sha256Hex } from '../platform/hash.ts';
import { AssessorStore, IdentityError, type Assessor } from './assessors.ts';
import { appendLedger, exclusive, removeScoreFile, scoresReport, writeScoreFile } from './package-scores.ts';
import { panelView } from './panel-view.ts';
import { findScenario, readSessionData, type SessionData } from './session-data.ts';
import { sheetCsvFor, sheetCsvName } from './sheet-csv.ts';

type ScoringHandlers = Pick<Handlers, 'scoring.sessions' | 'scoring.open' | 'scoring.identify' | 'scoring.saveDraft' | 'scoring.sign' | 'scoring.amend' | 'scoring.panel' | 'scoring.csv' | 'scoring.pdf'>;

export interface ScoringOptions {
  dataDir: string;
  /** The evidence packages, read through evidence's own interface (never its files' layout). */
  packages: EvidencePackages;
  /** Clock for signatures and the ledger (tests and the fixture script pass a fixed one). */
  now?: () => Date;
  /** Prints the open score sheet as PDF (Electron's printToPDF); without one (web mode, CLI)
   *  scoring.pdf answers 'unavailable' and the browser's own print → save as PDF is the way. */
  printSheetPdf?: SheetPdfPrinter;
}

export type SheetPdfPrinter = (sessionId: string) => Promise<{ file: string; size: number }>;

async function guard<T>(what: string, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (error instanceof ContractError) throw error;
    if (error instanceof IdentityError) throw new ContractError('failed', error.message);
    const e = error as NodeJS.ErrnoException;
    throw new ContractError('failed', `${what}失败 (${e.code ?? e.name}: ${e.message})`);
  }
}

export function createScoringService(options: ScoringOptions): Service<ScoringHandlers> & { assessors: AssessorStore } {
  const now = options.now ?? (() => new Date());
  const store = new AssessorStore(options.dataDir, () => now().getTime());
  const tokens = new Map<string, Assessor>();
  const dataCache = new Map<string, { key: string; data: SessionData }>();
  const { packages } = options;

  const who = (token: string): Assessor => {
    const a = tokens.get(token);
    if (!a) throw new ContractError('forbidden', '身份已失效，请重新输入姓名和 PIN (unknown token)');
    return a;
  };
  const viewerOf = (token: string | undefined): Viewer => (token === undefined ? { kind: 'public' } : { kind: 'assessor', assessorId: who(token).id });

  const open = async (sessionId: string) => {
    if (!SESSION_ID_PATTERN.test(sessionId)) throw new ContractError('bad_input', `会话编号无效：${sessionId}`);
    const pkg = packages.open(sessionId);
    const dir = pkg.dir;
    const manifest = await pkg.manifest();
    if (!manifest) throw new ContractError('failed', `没有可读的证据包 ${sessionId}（缺少或损坏的 manifest.json）`);
    if (manifest.status === 'recording') throw new ContractError('failed', '该会话仍在录制，结束后才能评分');
    return { pkg, dir, manifest };
  };
  const scenarioOf = (manifest: Manifest) => {
    const found = findScenario(manifest.scenario.id, manifest.scenario.hash);
    if (!found) throw new ContractError('failed', `场景库中没有 ${manifest.scenario.id}，无法取得评分项 (scenario not in the library)`);
    return found;
  };
  const refuse = async (dir: string, a: Assessor, action: string, message: string): Promise<never> => {
    await appendLedger(dir, { type: 'sheet.refused', data: { assessorId: a.id, name: a.name, action, message } }, now().toISOString());
    throw new ContractError('failed', message);
  };
  const verifyPin = async (a: Assessor, pin: string) => {
    const checked = await store.verify(a.name, pin);
    if (checked.id !== a.id) throw new IdentityError('PIN 与当前考评员不符');
  };

  /** Builds, signs and writes one version; the caller holds the package queue. */
  const writeVersion = async (pkg: EvidencePackage, manifest: Manifest, a: Assessor, content: Omit<SheetContent, 'evidence' | 'total'>, previous: SheetFile | null) => {
    const { dir } = pkg;
    const verdict = await pkg.verdict();
    const errors = verdict.findings.filter((f) => f.severity === 'error');
    const total = totalScore(content.rubric, content.scores, content.step);
    const full: SheetContent = {
      ...content,
      total,
      evidence: { valid: verdict.valid, chainHead: verdict.chainHead ?? manifest.chain.head, errors: errors.length, firstError: errors[0] ? `${errors[0].file}: ${errors[0].message}` : null },
    };
    const signedAt = now().toISOString();
    const version = await sealVersion(nodeHasher, full, { assessorId: a.id, name: a.name, pinVerified: true, method: 'pin-scrypt', signedAt });
    const file: SheetFile = previous ? { ...previous, versions: [...previous.versions, version] } : { format: SHEET_FILE_FORMAT, sessionId: manifest.sessionId, assessorId: a.id, versions: [version] };
    const text = sheetFileText(file);
    const path = sheetPath(a.id);
    await writeScoreFile(dir, path, text);
    await appendLedger(
      dir,
      {
        type: previous ? 'sheet.amended' : 'sheet.signed',
        data: { assessorId: a.id, name: a.name, version: full.version, file: path, contentHash: version.contentHash, signedHash: version.signedHash, fileSha256: sha256Hex(text), total, reason: full.reason },
      },
      signedAt,
    );
    return { file: path, version: full.version, contentHash: version.contentHash, signedHash: version.signedHash };
  };

  const handlers: ScoringHandlers = {
    'scoring.sessions': () =>
      guard('读取证据包列表', async () => {
        const out = [];
        for (const name of await packages.ids()) {
          const pkg = packages.open(name);
          const m = await pkg.manifest();
          if (!m) continue;
          const scores = await readdir(join(pkg.dir, 'scores')).catch(() => [] as string[]);
          out.push({
            ...packages.summary(m, m.status === 'recording'),
            signed: scores.filter((f) => /^a[0-9a-f]+\.json$/.test(f)).length,
            drafts: scores.filter((f) => f.endsWith('.draft.json')).length,
          });
        }
        return out;
      }),

    'scoring.open': ({ sessionId, token }) =>
      guard('打开会话', async () => {
        const { pkg, dir, manifest } = await open(sessionId);
        const verdict = await pkg.verdict();
        const found = findScenario(manifest.scenario.id, manifest.scenario.hash);
        const rubric = found ? rubricSnapshot(found.scenario) : [];
        const key = verdict.version;
        let data = dataCache.get(dir)?.key === key ? dataCache.get(dir)?.data : undefined;
        if (!data) {
          data = await readSessionData(pkg, manifest, found?.scenario ?? null);
          dataCache.set(dir, { key, data });
        }
        const metricIds = [...new Set(rubric.flatMap((r) => r.metrics))];
        const report = await scoresReport(dir, manifest.sessionId, manifest.chain.head);
        const viewer = viewerOf(token);
        const me = token === undefined ? null : who(token);
        const mine = me ? report.drafts.find((d) => d.draft.assessor.id === me.id)?.draft ?? null : null;
        return {
          verdict: { valid: verdict.valid, status: verdict.status, records: verdict.records, durationMs: verdict.durationMs, findings: verdict.findings },
          session: {
            sessionId,
            status: manifest.status,
            createdAt: manifest.createdAt,
            candidate: manifest.candidate,
            station: manifest.station,
            scenarioId: manifest.scenario.id,
            durationMs: manifest.media.camera?.durationMs ?? null,
            stop: manifest.stop,
            recording: false,
            media: manifest.files
              .filter((f) => f.path.startsWith('media/'))
              .map((f) => ({ name: f.path.slice('media/'.length), size: f.size, mimeType: f.path === manifest.media.camera?.path ? manifest.media.camera.mimeType : 'video/webm' })),
          },
          scenario: found
            ? { id: found.scenario.id, title: found.scenario.title['zh-CN'], workTypes: found.scenario.workTypes, level: found.scenario.level, practice: found.scenario.practice, hashMatches: found.hashMatches }
            : null,
          rubric,
          metrics: metricIds.map((id) => metricEvidence(data.metrics, id)),
          timeline: data.timeline,
          worksheet: data.worksheet,
          me: me ? { assessorId: me.id, name: me.name, draft: mine, signed: report.sheets.some((s) => s.current.content.assessor.id === me.id) } : null,
          panel: panelView(report, viewer),
        };
      }),

    'scoring.identify': ({ name, pin, register }) =>
      guard('验证身份', async () => {
        const a = register ? await store.register(name, pin) : await store.verify(name, pin);
        const token = randomBytes(24).toString('base64url');
        tokens.set(token, a);
        return { assessorId: a.id, name: a.name, token };
      }),

    'scoring.saveDraft': (input) =>
      guard('保存草稿', async () => {
        const a = who(input.token);
        const { dir, manifest } = await open(input.sessionId);
        const { scenario } = scenarioOf(manifest);
        const rubric = rubricSnapshot(scenario);
        return exclusive(dir, async () => {
          const report = await scoresReport(dir, manifest.sessionId, manifest.chain.head);
          if (report.sheets.some((s) => s.current.content.assessor.id === a.id)) {
            await refuse(dir, a, 'save_draft', `${a.name} 的评分表已签名，不能再改草稿；如需修改请使用“修改已签名评分表”并说明原因（将生成新版本）`);
          }
          if (!scenario.workTypes.includes(input.workType)) throw new ContractError('bad_input', `工种 ${input.workType} 不属于该任务（可选 ${scenario.workTypes.join('、')}）`);
          const issues = checkScores(rubric, input.scores, { step: DEFAULT_STEP });
          if (issues.length > 0) throw new ContractError('bad_input', issues.map((i) => `${i.field}: ${i.message}`).join('；'));
          const scores = rubric.map((item) => input.scores.find((s) => s.id === item.id) ?? { id: item.id, score: null, note: '' });
          const draft = Draft.parse({
            format: 'livedrill-score-draft/1',
            sessionId: input.sessionId,
            assessor: { id: a.id, name: a.name },
            workType: input.workType,
            level: input.level ?? scenario.level,
            mode: input.mode,
            scores,
            annotations: input.annotations,
            comment: input.comment,
            updatedAt: now().toISOString(),
          });
          await writeScoreFile(dir, draftPath(a.id), `${JSON.stringify(draft, null, 2)}\n`);
          const open = checkScores(rubric, scores, { step: DEFAULT_STEP, complete: true });
          const given = scores.flatMap((s) => (s.score === null ? [] : [s.score]));
          return { draft, issues: open, total: given.reduce((x, y) => x + y, 0) };
        });
      }),

    'scoring.sign': ({ sessionId, token, pin }) =>
      guard('签名', async () => {
        const a = who(token);
        const { pkg, dir, manifest } = await open(sessionId);
        const found = scenarioOf(manifest);
        await verifyPin(a, pin);
        const written = await exclusive(dir, async () => {
          const report = await scoresReport(dir, manifest.sessionId, manifest.chain.head);
          if (report.sheets.some((s) => s.current.content.assessor.id === a.id)) {
            await refuse(dir, a, 'sign_again', `${a.name} 已签名，签名后的评分表不可覆盖；如需修改请说明原因（生成新版本）`);
          }
          const draft = report.drafts.find((d) => d.draft.assessor.id === a.id)?.draft;
          if (!draft) throw new ContractError('failed', '还没有评分草稿：请先评分并保存');
          const rubric = rubricSnapshot(found.scenario);
          const issues = [...checkRubric(rubric), ...checkScores(rubric, draft.scores, { step: DEFAULT_STEP, complete: true })];
          if (issues.length > 0) throw new ContractError('failed', `评分未完成，不能签名：${issues.map((i) => i.message).join('；')}`);
          const result = await writeVersion(
            pkg,
            manifest,
            a,
            {
              format: SHEET_FORMAT,
              sessionId,
              candidate: manifest.candidate,
              station: manifest.station,
              recordedAt: manifest.createdAt,
              scenario: { id: manifest.scenario.id, hash: manifest.scenario.hash, title: found.scenario.title['zh-CN'] },
              workType: draft.workType,
              level: draft.level,
              mode: draft.mode,
              step: DEFAULT_STEP,
              rubric,
              scores: draft.scores.map((s) => ({ id: s.id, score: s.score ?? 0, note: s.note })),
              annotations: draft.annotations,
              comment: draft.comment,
              assessor: { id: a.id, name: a.name },
              version: 1,
              supersedes: null,
              reason: null,
            },
            null,
          );
          await removeScoreFile(dir, draftPath(a.id));
          return result;
        });
        return { ...written, panel: panelView(await scoresReport(dir, manifest.sessionId, manifest.chain.head), { kind: 'assessor', assessorId: a.id }) };
      }),

    'scoring.amend': (input) =>
      guard('修改评分表', async () => {
        const a = who(input.token);
        const { pkg, dir, manifest } = await open(input.sessionId);
        try {
          await verifyPin(a, input.pin);
        } catch (error) {
          if (error instanceof IdentityError) await refuse(dir, a, 'amend_bad_pin', `修改已签名评分表被拒绝：${error.message}`);
          throw error;
        }
        const written = await exclusive(dir, async () => {
          const report = await scoresReport(dir, manifest.sessionId, manifest.chain.head);
          const mine = report.sheets.find((s) => s.current.content.assessor.id === a.id);
          if (!mine) throw new ContractError('failed', '还没有已签名的评分表，无需修改：请直接签名');
          if (!mine.intact) await refuse(dir, a, 'amend_tampered', `${mine.file} 未通过哈希校验，不能在被改动的评分表上继续修改`);
          const prev = mine.current.content;
          const issues = checkScores(prev.rubric, input.scores, { step: prev.step, complete: true });
          if (issues.length > 0) await refuse(dir, a, 'amend_invalid', `修改被拒绝：${issues.map((i) => i.message).join('；')}`);
          return writeVersion(
            pkg,
            manifest,
            a,
            {
              ...prev,
              scores: prev.rubric.map((item) => {
                const s = input.scores.find((x) => x.id === item.id);
                return { id: item.id, score: s?.score ?? 0, note: s?.note ?? '' };
              }),
              annotations: input.annotations,
              comment: input.comment,
              version: prev.version + 1,
              supersedes: mine.current.signedHash,
              reason: input.reason,
            },
            mine.sheet,
          );
        });
        return { ...written, panel: panelView(await scoresReport(dir, manifest.sessionId, manifest.chain.head), { kind: 'assessor', assessorId: a.id }) };
      }),

    'scoring.panel': ({ sessionId, token }) =>
      guard('读取评分结果', async () => {
        const { dir, manifest } = await open(sessionId);
        return panelView(await scoresReport(dir, manifest.sessionId, manifest.chain.head), viewerOf(token));
      }),

    'scoring.csv': ({ sessionId, token }) =>
      guard('导出 CSV', async () => {
        const { pkg, dir, manifest } = await open(sessionId);
        const view = panelView(await scoresReport(dir, manifest.sessionId, manifest.chain.head), viewerOf(token));
        if (!view.visible) throw new ContractError('failed', `暂不能导出：${view.hiddenReason ?? ''}`);
        // Handed to the UI, which offers it as a download: nothing is written on this machine.
        return { fileName: sheetCsvName(sessionId), csv: sheetCsvFor(manifest, await pkg.verdict(), view) };
      }),

    'scoring.pdf': ({ sessionId }) => {
      const print = options.printSheetPdf;
      if (print === undefined) {
        throw new ContractError('unavailable', '网页模式下请使用浏览器的“打印 → 另存为 PDF”（评分表已按 A4 排版）(printToPDF is desktop only)');
      }
      return guard('导出 PDF', () => print(sessionId));
    },
  };
  return { handlers, assessors: store, close: () => undefined };
}
