// From the checked scores/ folder to the panel as a given viewer may see it (blind scoring),
// shared by the service (per caller) and the CLI (which sees everything: it is the 考务's tool).
import { panelResult, type PanelResult } from '../../../scenarios/scoring/panel.ts';
import { sumScores } from '../../../scenarios/scoring/rubric.ts';
import type { ScoresReport } from '../../../scenarios/scoring/verify.ts';
import { canSeeResult, canSeeScores, hiddenReason, type Viewer, type VisibilityFacts } from '../../../scenarios/scoring/visibility.ts';
import type { PanelView } from '../../contract/scoring.ts';

export function draftTotal(scores: readonly { score: number | null }[], items: number): number | null {
  const given = scores.filter((s): s is { score: number } => s.score !== null);
  return given.length === items && items > 0 ? sumScores(given.map((s) => s.score)) : null;
}

/** The panel over intact signed sheets only: a sheet that fails its hash check does not count. */
export function panelOf(report: ScoresReport): { result: PanelResult; facts: VisibilityFacts } {
  const intact = report.sheets.filter((s) => s.intact);
  const result = panelResult({
    signed: intact.map((s) => ({ content: s.current.content, signedAt: s.current.signature.signedAt, order: s.sheet.versions[0]?.signature.signedAt ?? s.current.signature.signedAt })),
    drafts: report.drafts.map((d) => ({
      assessorId: d.draft.assessor.id,
      name: d.draft.assessor.name,
      total: draftTotal(d.draft.scores, d.draft.scores.length),
      mode: d.draft.mode,
    })),
  });
  const tampered = report.sheets.filter((s) => !s.intact);
  if (tampered.length > 0) {
    result.violations.push({ rule: 'scores.tampered', message: `${tampered.map((s) => s.current.content.assessor.name).join('、')} 的评分表未通过哈希校验，不计入成绩` });
    result.complete = false;
  }
  if (!report.valid) {
    // A sheet that fails its check counts for nothing, and neither does a result without it.
    result.violations.push({ rule: 'scores.incomplete', message: '评分记录未通过校验（评分表被修改、删除或无法读取），成绩不完整，不给出最终成绩 (result incomplete: scores/ fails its check)' });
    result.complete = false;
    result.finalScore = null;
    result.passed = null;
    result.flags = [];
  }
  return { result, facts: { signed: new Set(intact.map((s) => s.current.content.assessor.id)), panelComplete: result.complete && report.valid } };
}

export function panelView(report: ScoresReport, viewer: Viewer): PanelView {
  const { result, facts } = panelOf(report);
  const visible = canSeeResult(viewer, facts);
  const tamperedIds = new Set(report.sheets.filter((s) => !s.intact).map((s) => s.current.content.assessor.id));
  const members = [
    ...result.members.map((m) => ({
      assessorId: m.assessorId,
      name: m.name,
      signed: m.signed,
      total: canSeeScores(viewer, m.assessorId, facts) ? m.total : null,
      version: m.version,
      signedAt: m.signedAt,
      tampered: false,
    })),
    ...report.sheets
      .filter((s) => tamperedIds.has(s.current.content.assessor.id))
      .map((s) => ({ assessorId: s.current.content.assessor.id, name: s.current.content.assessor.name, signed: true, total: null, version: s.sheet.versions.length, signedAt: s.current.signature.signedAt, tampered: true })),
  ];
  const sheets = report.sheets
    .filter((s) => s.intact && canSeeScores(viewer, s.current.content.assessor.id, facts))
    .map((s) => ({
      content: s.current.content,
      signedAt: s.current.signature.signedAt,
      signedHash: s.current.signedHash,
      history: s.sheet.versions.map((v) => ({ version: v.content.version, signedAt: v.signature.signedAt, total: v.content.total, reason: v.content.reason, signedHash: v.signedHash })),
    }));
  return {
    visible,
    hiddenReason: hiddenReason(viewer, facts),
    mode: result.mode,
    members,
    signedCount: result.signedCount,
    violations: result.violations,
    finalScore: visible ? result.finalScore : null,
    passed: visible ? result.passed : null,
    flags: visible ? result.flags : [],
    complete: result.complete,
    rule: result.rule,
    sheets,
    refused: report.refused.flatMap((e) => (e.type === 'sheet.refused' ? [{ at: e.at, name: e.data.name, action: e.data.action, message: e.data.message }] : [])),
    scoresValid: report.valid,
    scoreFindings: report.findings,
  };
}
