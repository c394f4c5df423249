// Types of 《互联网营销师国家职业技能标准（2021年版）》 (occupation 4-01-02-07) as data.
// Pure domain module: no Node, React or Electron imports.

import type { Level, WorkTypeCode } from './codes.ts';

export type { Level, WorkTypeCode } from './codes.ts';

export interface WorkType {
  code: WorkTypeCode;
  /** Chinese name, e.g. 选品员. */
  name: string;
  nameEn: string;
  /** Levels at which this work type is certified, 5 (lowest) first. */
  levels: readonly Level[];
}

export interface LevelInfo {
  level: Level;
  /** Full name as in the standard, e.g. 五级/初级工. */
  name: string;
  /** Short name, e.g. 五级. */
  short: string;
  nameEn: string;
}

/** 职业功能. Numbering is per level: 1–7 at levels 5–3, 1–5 at levels 2–1. */
export interface OccupationalFunction {
  level: Level;
  number: number;
  name: string;
}

/** One 相关知识要求 item (a separate list from the 技能要求, with its own codes). */
export interface KnowledgeItem {
  code: string;
  text: string;
}

/** 工作内容, e.g. level 5 "1.2" 设备、软件和材料准备. */
export interface WorkContent {
  level: Level;
  /** e.g. "1.2". */
  code: string;
  /** Number of the occupational function at this level. */
  function: number;
  name: string;
  /** 相关知识要求 of this work content. */
  knowledge: readonly KnowledgeItem[];
}

/** One 技能要求 item. */
export interface SkillRequirement {
  /** `${level}:${code}`, e.g. "5:4.2.3". */
  id: string;
  level: Level;
  /** e.g. "4.2.3". */
  code: string;
  function: number;
  functionName: string;
  /** Work content code, e.g. "4.2". */
  content: string;
  contentName: string;
  /** Text as in the standard (line breaks joined), without the trailing work-type marker. */
  text: string;
  /** The trailing （ABC）-style marker, or null when the item is common. */
  marker: readonly WorkTypeCode[] | null;
  /** Work types the item applies to: the marker, or every type assessed on the function at this level. */
  workTypes: readonly WorkTypeCode[];
}

/** 技能要求权重表 cell. */
export interface SkillWeight {
  level: Level;
  workType: WorkTypeCode;
  function: number;
  functionName: string;
  percent: number;
}

/** 理论知识权重表 cell. `part` is 职业道德, 基础知识 or an occupational function name. */
export interface TheoryWeight {
  level: Level;
  workType: WorkTypeCode;
  part: string;
  percent: number;
}

/** Which occupational functions a work type is assessed on at a level. */
export interface Assessment {
  level: Level;
  workType: WorkTypeCode;
  functions: readonly number[];
}

/** A failed exam-organisation rule. */
export interface RuleViolation {
  /** Stable rule id, e.g. "skill.assessorsOdd". */
  rule: string;
  /** Chinese message saying what is wrong. */
  message: string;
}

/** 鉴定方式 part ids. */
export type ExamPartId = 'theory' | 'skill' | 'review';

export interface ExamPart {
  id: ExamPartId;
  /** 理论知识考试 / 技能考核 / 综合评审. */
  name: string;
  nameEn: string;
  /** Levels at which this part is held. */
  levels: readonly Level[];
  /** Methods named by 1.9.2. */
  methods: readonly string[];
  /** What the part assesses (1.9.2). */
  assesses: string;
  /** 1.9.5 venue. */
  venue: string | null;
  /** 1.9.4 minimum duration in minutes. */
  minMinutes: number;
}

/** The rules of section 1.9 职业技能鉴定要求. */
export interface ExamRules {
  /** 1.9.2: theory exam, skill exam, and (levels 2 and 1 only) comprehensive review. */
  parts: readonly ExamPart[];
  /** 1.9.2: every part is scored out of 100 (百分制). */
  fullMarks: number;
  /** 1.9.2: 60 or more (含) passes. */
  passMark: number;
  /** 1.9.3 theory exam: invigilator-to-candidate ratio not below 1:15, at least 2 per room. */
  theory: { candidatesPerInvigilator: number; minInvigilatorsPerRoom: number };
  /** 1.9.3 skill exam: assessor-to-candidate ratio 1:5; 3 or more assessors, an odd number. */
  skill: { candidatesPerAssessor: number; minAssessors: number; assessorsMustBeOdd: boolean };
  /** 1.9.3 comprehensive review: 3 or more reviewers, an odd number. */
  review: { minReviewers: number; reviewersMustBeOdd: boolean };
  /** 1.9.4 minimum durations in minutes. */
  minMinutes: { theory: number; skill: number; review: number };
}
