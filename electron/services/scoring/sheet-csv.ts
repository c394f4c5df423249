// The CSV of the score sheet for one package, as a viewer may see it.
import type { Manifest } from '../../../scenarios/evidence/manifest.ts';
import { localStamp, sheetCsv, type SheetHeader } from '../../../scenarios/scoring/csv.ts';
import { levels, workTypes } from '../../../scenarios/standard/index.ts';
import type { PanelView } from '../../contract/scoring.ts';
import type { Verdict } from '../evidence/packages.ts';

export function verificationText(verdict: Pick<Verdict, 'valid' | 'records' | 'findings'>, scoresValid: boolean): string {
  const first = verdict.findings.find((f) => f.severity === 'error');
  const evidence = verdict.valid ? `证据包校验通过（${verdict.records} 条记录，哈希链与文件完整）` : `证据包未通过校验：${first ? `${first.file}: ${first.message}` : ''}`;
  return scoresValid ? evidence : `${evidence}；评分表未通过哈希校验`;
}

export function sheetHeader(manifest: Manifest, verdict: Verdict, view: PanelView): SheetHeader {
  const first = view.sheets[0]?.content;
  const wt = workTypes.find((w) => w.code === first?.workType);
  const lv = levels.find((l) => l.level === first?.level);
  return {
    sessionId: manifest.sessionId,
    candidate: manifest.candidate.name,
    candidateId: manifest.candidate.id,
    workType: wt ? `${wt.name}（${wt.code}）` : '',
    level: lv ? lv.name : '',
    scenario: first ? `${first.scenario.title}（${first.scenario.id}）` : manifest.scenario.id,
    recordedAt: manifest.createdAt,
    station: manifest.station,
    mode: view.mode === 'exam' ? '考试' : view.mode === 'practice' ? '练习' : '',
    verification: verificationText(verdict, view.scoresValid),
  };
}

/** An ISO instant in this machine's (the centre's) time zone, with the offset it had then. */
export function centreTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? localStamp(iso, -new Date(ms).getTimezoneOffset()) : iso;
}

export function sheetCsvFor(manifest: Manifest, verdict: Verdict, view: PanelView): string {
  return sheetCsv({ header: sheetHeader(manifest, verdict, view), panel: { ...view, rubric: view.sheets[0]?.content.rubric ?? null }, sheets: view.sheets.map((s) => ({ content: s.content, signedAt: s.signedAt })), time: centreTime });
}

/** The file name the score sheet is offered under (the browser's download, the desktop save dialog). */
export function sheetCsvName(sessionId: string): string {
  return `${sessionId}-评分表.csv`;
}
