// The sitting's documents as rows (for CSV, XLSX and PDF alike): roster, seating plan with the
// 准考证号, and the 成绩登记表. Codes and numbers only where the reader is a program; the header
// row is Chinese because the documents are the centre's paperwork.
import { maskId, rosterRows, type Candidate, type CandidateResult, type Seat, type Sitting } from '../../../scenarios/exam/index.ts';
import { levels, workTypes } from '../../../scenarios/standard/index.ts';

export const workTypeName = (s: Pick<Sitting, 'workType'>) => workTypes.find((w) => w.code === s.workType)?.name ?? s.workType;
export const levelName = (s: Pick<Sitting, 'level'>) => levels.find((l) => l.level === s.level)?.name ?? String(s.level);
export const kindName = (s: Pick<Sitting, 'kind'>) => (s.kind === 'formal' ? '正式考核' : '模拟考试');

export { rosterRows };

export function seatingRows(candidates: readonly Candidate[], seats: readonly Seat[]): string[][] {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  return [
    ['批次', '考位', '准考证号', '姓名', '证件号码', '单位'],
    ...seats.map((s) => {
      const c = byId.get(s.candidateId);
      return [String(s.round), String(s.station), c?.ticketNo ?? '', c?.name ?? s.candidateId, c ? maskId(c.idNumber) : '', c?.employer ?? ''];
    }),
  ];
}

const STATUS: Readonly<Record<CandidateResult['status'], string>> = { final: '', pending: '待签名', absent: '缺考', barred: '迟到未入场', noEvidence: '未考' };

export function resultRows(candidates: readonly Candidate[], results: readonly CandidateResult[], seats: readonly Seat[], assessorNames: ReadonlyMap<string, string>): string[][] {
  const byId = new Map(results.map((r) => [r.candidateId, r]));
  const seatOf = new Map(seats.map((s) => [s.candidateId, s]));
  return [
    ['序号', '准考证号', '姓名', '证件号码', '考位', '考评员评分', '成绩', '结论', '备注'],
    ...candidates.map((c, i) => {
      const r = byId.get(c.id);
      const seat = seatOf.get(c.id);
      const totals = r ? Object.entries(r.totals).map(([a, t]) => `${assessorNames.get(a) ?? a} ${t}`).join('；') : '';
      const verdict = r?.passed === true ? '合格' : r?.passed === false ? '不合格' : '';
      const notes = [r ? STATUS[r.status] : '', r?.amended ? '经复核更正' : '', r && r.flags.length > 0 ? '评分分歧' : ''].filter((x) => x !== '').join('，');
      return [String(i + 1), c.ticketNo, c.name, maskId(c.idNumber), seat ? `${seat.round}-${seat.station}` : '', totals, r?.score === null || r === undefined ? '' : String(r.score), verdict, notes];
    }),
  ];
}
