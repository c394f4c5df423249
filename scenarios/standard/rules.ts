// Checks of the 1.9 职业技能鉴定要求 rules. Each returns the violations found (empty = ok).
// Counts must be non-negative integers and durations/scores finite numbers; anything else is a
// caller error and throws RangeError. Pure: no Node, React or Electron imports.

import { examRules } from './data.ts';
import type { ExamPartId, RuleViolation } from './types.ts';

function requireCount(name: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
}

/** 1.9.3 技能考核: 考评员与考生配比 1:5 (at most 5 candidates per assessor); 3 人（含）以上单数. */
export function checkSkillExamPanel(p: { candidates: number; assessors: number }): RuleViolation[] {
  requireCount('candidates', p.candidates);
  requireCount('assessors', p.assessors);
  const r = examRules.skill;
  const out: RuleViolation[] = [];
  if (p.assessors < r.minAssessors) {
    out.push({ rule: 'skill.minAssessors', message: `技能考核考评人员为 ${p.assessors} 人，少于规定的 ${r.minAssessors} 人` });
  }
  if (r.assessorsMustBeOdd && p.assessors % 2 === 0) {
    out.push({ rule: 'skill.assessorsOdd', message: `技能考核考评人员为 ${p.assessors} 人，应为单数` });
  }
  const needed = Math.ceil(p.candidates / r.candidatesPerAssessor);
  if (p.assessors < needed) {
    out.push({
      rule: 'skill.assessorRatio',
      message: `技能考核考评员与考生配比应为 1:${r.candidatesPerAssessor}，${p.candidates} 名考生至少需要 ${needed} 名考评员，现有 ${p.assessors} 名`,
    });
  }
  return out;
}

/** 1.9.3 理论知识考试: 监考人员与考生配比不低于 1:15, 每个考场不少于 2 名监考人员. */
export function checkTheoryRoom(p: { candidates: number; invigilators: number }): RuleViolation[] {
  requireCount('candidates', p.candidates);
  requireCount('invigilators', p.invigilators);
  const r = examRules.theory;
  const out: RuleViolation[] = [];
  if (p.invigilators < r.minInvigilatorsPerRoom) {
    out.push({
      rule: 'theory.minInvigilators',
      message: `考场监考人员为 ${p.invigilators} 名，每个考场应不少于 ${r.minInvigilatorsPerRoom} 名监考人员`,
    });
  }
  const needed = Math.ceil(p.candidates / r.candidatesPerInvigilator);
  if (p.invigilators < needed) {
    out.push({
      rule: 'theory.invigilatorRatio',
      message: `监考人员与考生配比不低于 1:${r.candidatesPerInvigilator}，${p.candidates} 名考生至少需要 ${needed} 名监考人员，现有 ${p.invigilators} 名`,
    });
  }
  return out;
}

/** 1.9.3 综合评审: 评审委员为 3 人（含）以上单数. */
export function checkReviewPanel(p: { reviewers: number }): RuleViolation[] {
  requireCount('reviewers', p.reviewers);
  const r = examRules.review;
  const out: RuleViolation[] = [];
  if (p.reviewers < r.minReviewers) {
    out.push({ rule: 'review.minReviewers', message: `综合评审委员为 ${p.reviewers} 人，少于规定的 ${r.minReviewers} 人` });
  }
  if (r.reviewersMustBeOdd && p.reviewers % 2 === 0) {
    out.push({ rule: 'review.reviewersOdd', message: `综合评审委员为 ${p.reviewers} 人，应为单数` });
  }
  return out;
}

const PART_NAMES: Readonly<Record<ExamPartId, string>> = {
  theory: '理论知识考试',
  skill: '技能操作考核',
  review: '综合评审',
};

/** 1.9.4 鉴定时间: 理论 ≥ 90 min, 技能 ≥ 90 min, 综合评审 ≥ 30 min. */
export function checkDuration(part: ExamPartId, minutes: number): RuleViolation[] {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be a finite non-negative number, got ${minutes}`);
  const min = examRules.minMinutes[part];
  return minutes >= min
    ? []
    : [{ rule: `duration.${part}`, message: `${PART_NAMES[part]}时间为 ${minutes} min，应不少于 ${min} min` }];
}

/** 1.9.2: 百分制, 60 分（含）以上为合格. Throws RangeError outside 0..100 (or NaN). */
export function isPass(score: number): boolean {
  if (!(score >= 0 && score <= examRules.fullMarks)) {
    throw new RangeError(`score must be within 0..${examRules.fullMarks}, got ${score}`);
  }
  return score >= examRules.passMark;
}
