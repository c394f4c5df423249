// Public API of the 2021 互联网营销师 standard: typed data and queries.
export type {
  Assessment,
  ExamPart,
  ExamPartId,
  ExamRules,
  KnowledgeItem,
  LevelInfo,
  OccupationalFunction,
  RuleViolation,
  SkillRequirement,
  SkillWeight,
  TheoryWeight,
  WorkContent,
  WorkType,
} from './types.ts';
export { Level, WorkTypeCode } from './codes.ts';
export {
  ALL_LEVELS,
  WORK_TYPE_CODES,
  assessed,
  examRules,
  functions,
  levels,
  skillWeights,
  skills,
  theoryWeights,
  workContents,
  workTypes,
} from './data.ts';
export {
  compareCodes,
  functionName,
  isLevel,
  isWorkTypeCode,
  skillById,
  skillWeightsFor,
  skillsFor,
  theoryWeightsFor,
  workTypeHasLevel,
} from './queries.ts';
export { checkDuration, checkReviewPanel, checkSkillExamPanel, checkTheoryRoom, isPass } from './rules.ts';
