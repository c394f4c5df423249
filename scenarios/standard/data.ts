// 《互联网营销师国家职业技能标准（2021年版）》 as typed constants.
// Work types (1.4), levels, occupational functions and assessment per work type (3.1–3.5),
// the work contents / skill requirements / related knowledge (section 3, from raw.ts), the weight
// tables (4.1, 4.2) and the exam rules (1.9). Pure: no Node, React or Electron imports.

import { RAW_REQUIREMENTS } from './raw.ts';
import { WorkTypeCode, type Level } from './codes.ts';
import type {
  Assessment,
  ExamRules,
  LevelInfo,
  OccupationalFunction,
  SkillRequirement,
  SkillWeight,
  TheoryWeight,
  WorkContent,
  WorkType,
} from './types.ts';

export const WORK_TYPE_CODES: readonly WorkTypeCode[] = WorkTypeCode.options;
/** All levels, lowest (5) first. */
export const ALL_LEVELS: readonly Level[] = [5, 4, 3, 2, 1];

/** 1.4: A, B, C have five levels; D (平台管理员) only 五级, 四级, 三级. */
export const workTypes: readonly WorkType[] = [
  { code: 'A', name: '选品员', nameEn: 'product selector', levels: [5, 4, 3, 2, 1] },
  { code: 'B', name: '直播销售员', nameEn: 'live-stream seller', levels: [5, 4, 3, 2, 1] },
  { code: 'C', name: '视频创推员', nameEn: 'video creator-promoter', levels: [5, 4, 3, 2, 1] },
  { code: 'D', name: '平台管理员', nameEn: 'platform administrator', levels: [5, 4, 3] },
];

export const levels: readonly LevelInfo[] = [
  { level: 5, name: '五级/初级工', short: '五级', nameEn: 'Level 5 / Junior worker' },
  { level: 4, name: '四级/中级工', short: '四级', nameEn: 'Level 4 / Intermediate worker' },
  { level: 3, name: '三级/高级工', short: '三级', nameEn: 'Level 3 / Senior worker' },
  { level: 2, name: '二级/技师', short: '二级', nameEn: 'Level 2 / Technician' },
  { level: 1, name: '一级/高级技师', short: '一级', nameEn: 'Level 1 / Senior technician' },
];

/** Function names at levels 5–3, numbered 1–7. */
const FUNCTIONS_5_TO_3 = [
  '工作准备',
  '产品信息收集',
  '产品确定及规划',
  '直播营销',
  '视频创推',
  '技术支持与互动管理',
  '售后与复盘',
] as const;
/** Function names at levels 2–1, numbered 1–5. */
const FUNCTIONS_2_TO_1 = ['产品确定及规划', '直播营销', '视频创推', '团队管理', '培训指导'] as const;

function functionNamesOf(level: Level): readonly string[] {
  return level >= 3 ? FUNCTIONS_5_TO_3 : FUNCTIONS_2_TO_1;
}

export const functions: readonly OccupationalFunction[] = ALL_LEVELS.flatMap((level) =>
  functionNamesOf(level).map((name, i) => ({ level, number: i + 1, name })),
);

/** 3.1–3.5 preambles: 选品员考核第 1、2、3 项职业功能 … */
const ASSESSED_5_TO_3: Readonly<Record<WorkTypeCode, readonly number[]>> = {
  A: [1, 2, 3],
  B: [1, 4, 7],
  C: [1, 5, 7],
  D: [1, 6, 7],
};
const ASSESSED_2_TO_1: Readonly<Partial<Record<WorkTypeCode, readonly number[]>>> = {
  A: [1, 4, 5],
  B: [2, 4, 5],
  C: [3, 4, 5],
};

export const assessed: readonly Assessment[] = ALL_LEVELS.flatMap((level) =>
  WORK_TYPE_CODES.flatMap((workType): Assessment[] => {
    const fns = level >= 3 ? ASSESSED_5_TO_3[workType] : ASSESSED_2_TO_1[workType];
    return fns === undefined ? [] : [{ level, workType, functions: fns }];
  }),
);

function assessedFunctions(level: Level, workType: WorkTypeCode): readonly number[] {
  return assessed.find((a) => a.level === level && a.workType === workType)?.functions ?? [];
}

function parseMarker(marker: string, where: string): readonly WorkTypeCode[] {
  const codes: WorkTypeCode[] = [];
  for (const ch of marker) {
    if (ch !== 'A' && ch !== 'B' && ch !== 'C' && ch !== 'D') throw new Error(`bad marker ${marker} at ${where}`);
    codes.push(ch);
  }
  return codes;
}

function functionNumberOf(code: string): number {
  return Number(code.split('.')[0]);
}

export const workContents: readonly WorkContent[] = RAW_REQUIREMENTS.flatMap((raw) =>
  raw.contents.map(
    (c): WorkContent => ({
      level: raw.level,
      code: c.code,
      function: functionNumberOf(c.code),
      name: c.name,
      knowledge: c.knowledge.map(([code, text]) => ({ code, text })),
    }),
  ),
);

export const skills: readonly SkillRequirement[] = RAW_REQUIREMENTS.flatMap((raw) => {
  const level = raw.level;
  return raw.contents.flatMap((c) =>
    c.skills.map(([code, text, markerText]): SkillRequirement => {
      const fn = functionNumberOf(code);
      const fnName = functionNamesOf(level)[fn - 1];
      if (fnName === undefined) throw new Error(`no function ${fn} at level ${level}`);
      const marker = markerText === undefined ? null : parseMarker(markerText, `${level}:${code}`);
      const onFunction = WORK_TYPE_CODES.filter((w) => assessedFunctions(level, w).includes(fn));
      return {
        id: `${level}:${code}`,
        level,
        code,
        function: fn,
        functionName: fnName,
        content: c.code,
        contentName: c.name,
        text,
        marker,
        workTypes: marker === null ? onFunction : onFunction.filter((w) => marker.includes(w)),
      };
    }),
  );
});

// ── 4.2 技能要求权重表 and 4.1 理论知识权重表 ──
// Columns per level in the order of the tables. Each row: function/part name, then one percent
// per column (null = not assessed, "--" in the table).

type Column = readonly [Level, WorkTypeCode];
const COLUMNS: readonly Column[] = ALL_LEVELS.flatMap((level) =>
  WORK_TYPE_CODES.filter((w) => workTypes.some((t) => t.code === w && t.levels.includes(level))).map(
    (w): Column => [level, w],
  ),
);

type Row = readonly [name: string, cells: readonly (number | null)[]];
const _ = null;

/** 4.2, columns: L5 A B C D · L4 A B C D · L3 A B C D · L2 A B C · L1 A B C. */
const SKILL_ROWS: readonly Row[] = [
  ['工作准备', [30, 30, 30, 30, 25, 25, 25, 25, 20, 20, 20, 20, _, _, _, _, _, _]],
  ['产品信息收集', [30, _, _, _, 25, _, _, _, 25, _, _, _, _, _, _, _, _, _]],
  ['产品确定及规划', [40, _, _, _, 50, _, _, _, 55, _, _, _, 50, _, _, 50, _, _]],
  ['直播营销', [_, 50, _, _, _, 55, _, _, _, 60, _, _, _, 50, _, _, 50, _]],
  ['视频创推', [_, _, 50, _, _, _, 55, _, _, _, 60, _, _, _, 50, _, _, 50]],
  ['技术支持与互动管理', [_, _, _, 40, _, _, _, 50, _, _, _, 55, _, _, _, _, _, _]],
  ['售后与复盘', [_, 20, 20, 30, _, 20, 20, 25, _, 20, 20, 25, _, _, _, _, _, _]],
  ['团队管理', [_, _, _, _, _, _, _, _, _, _, _, _, 25, 25, 25, 25, 25, 25]],
  // The printed table says 培训执导 here, a typo for 培训指导.
  ['培训指导', [_, _, _, _, _, _, _, _, _, _, _, _, 25, 25, 25, 25, 25, 25]],
];

/** 4.1, same columns. */
const THEORY_ROWS: readonly Row[] = [
  ['职业道德', [5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5]],
  ['基础知识', [25, 25, 25, 25, 15, 15, 15, 15, 15, 15, 15, 15, 5, 5, 5, 5, 5, 5]],
  ['工作准备', [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, _, _, _, _, _, _]],
  ['产品信息收集', [30, _, _, _, 35, _, _, _, 35, _, _, _, _, _, _, _, _, _]],
  ['产品确定及规划', [30, _, _, _, 35, _, _, _, 35, _, _, _, 40, _, _, 40, _, _]],
  ['直播营销', [_, 40, _, _, _, 45, _, _, _, 45, _, _, _, 40, _, _, 40, _]],
  ['视频创推', [_, _, 40, _, _, _, 45, _, _, _, 45, _, _, _, 40, _, _, 40]],
  ['技术支持与互动管理', [_, _, _, 30, _, _, _, 35, _, _, _, 35, _, _, _, _, _, _]],
  ['售后与复盘', [_, 20, 20, 30, _, 25, 25, 35, _, 25, 25, 35, _, _, _, _, _, _]],
  ['团队管理', [_, _, _, _, _, _, _, _, _, _, _, _, 25, 25, 25, 25, 25, 25]],
  ['培训指导', [_, _, _, _, _, _, _, _, _, _, _, _, 25, 25, 25, 25, 25, 25]],
];

function cellsOf(rows: readonly Row[]): { level: Level; workType: WorkTypeCode; name: string; percent: number }[] {
  // Column-major so that each (level, workType) column is contiguous, rows in table order.
  return COLUMNS.flatMap(([level, workType], col) =>
    rows.flatMap(([name, cells]) => {
      if (cells.length !== COLUMNS.length) throw new Error(`weight row ${name} has ${cells.length} cells`);
      const percent = cells[col];
      return percent === null || percent === undefined ? [] : [{ level, workType, name, percent }];
    }),
  );
}

export const skillWeights: readonly SkillWeight[] = cellsOf(SKILL_ROWS).map(({ level, workType, name, percent }) => {
  const number = functionNamesOf(level).indexOf(name) + 1;
  if (number === 0) throw new Error(`no function ${name} at level ${level}`);
  return { level, workType, function: number, functionName: name, percent };
});

export const theoryWeights: readonly TheoryWeight[] = cellsOf(THEORY_ROWS).map(({ level, workType, name, percent }) => ({
  level,
  workType,
  part: name,
  percent,
}));

// ── 1.9 职业技能鉴定要求 ──

export const examRules: ExamRules = {
  parts: [
    {
      id: 'theory',
      name: '理论知识考试',
      nameEn: 'theory exam',
      levels: [5, 4, 3, 2, 1],
      methods: ['笔试', '机考'],
      assesses: '从业人员从事本职业应掌握的基本要求和相关知识要求',
      venue: '标准教室或机房',
      minMinutes: 90,
    },
    {
      id: 'skill',
      name: '技能考核',
      nameEn: 'skill exam',
      levels: [5, 4, 3, 2, 1],
      methods: ['现场操作', '模拟操作'],
      assesses: '从业人员从事本职业应具备的技能水平',
      venue: '工作现场或具备网络环境、智能电子设备等考核条件的其他场所',
      minMinutes: 90,
    },
    {
      id: 'review',
      name: '综合评审',
      nameEn: 'comprehensive review',
      levels: [2, 1],
      methods: ['审阅申报材料', '答辩'],
      assesses: '针对技师和高级技师进行全面评议和审查',
      venue: null,
      minMinutes: 30,
    },
  ],
  fullMarks: 100,
  passMark: 60,
  theory: { candidatesPerInvigilator: 15, minInvigilatorsPerRoom: 2 },
  skill: { candidatesPerAssessor: 5, minAssessors: 3, assessorsMustBeOdd: true },
  review: { minReviewers: 3, reviewersMustBeOdd: true },
  minMinutes: { theory: 90, skill: 90, review: 30 },
};
