import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it, expect } from 'vitest';
import {
  WORK_TYPE_CODES,
  assessed,
  checkDuration,
  checkReviewPanel,
  checkSkillExamPanel,
  checkTheoryRoom,
  examRules,
  functionName,
  functions,
  isLevel,
  isPass,
  isWorkTypeCode,
  levels,
  skillById,
  skillWeights,
  skillWeightsFor,
  skills,
  skillsFor,
  theoryWeights,
  theoryWeightsFor,
  workContents,
  workTypeHasLevel,
  workTypes,
} from '../../scenarios/standard/index.ts';
import type { Level, WorkTypeCode } from '../../scenarios/standard/index.ts';

const LEVELS: readonly Level[] = [5, 4, 3, 2, 1];
const EXPECTED_COUNTS: Readonly<Record<Level, number>> = { 5: 42, 4: 45, 3: 40, 2: 24, 1: 22 };

/** The (level, workType) columns of both weight tables. */
const columns = LEVELS.flatMap((level) =>
  WORK_TYPE_CODES.filter((w) => workTypeHasLevel(w, level)).map((workType) => ({ level, workType })),
);

describe('work types, levels, functions', () => {
  it('has the four work types; D only at levels 5, 4, 3', () => {
    expect(workTypes.map((w) => `${w.code}${w.name}`)).toEqual(['A选品员', 'B直播销售员', 'C视频创推员', 'D平台管理员']);
    expect(workTypes.find((w) => w.code === 'D')?.levels).toEqual([5, 4, 3]);
    expect(workTypeHasLevel('D', 2)).toBe(false);
    expect(workTypeHasLevel('D', 3)).toBe(true);
    expect(workTypeHasLevel('A', 1)).toBe(true);
    expect(columns).toHaveLength(18);
  });

  it('names the levels', () => {
    expect(levels.map((l) => l.name)).toEqual(['五级/初级工', '四级/中级工', '三级/高级工', '二级/技师', '一级/高级技师']);
    expect(levels.map((l) => l.short)).toEqual(['五级', '四级', '三级', '二级', '一级']);
  });

  it('numbers the functions per level', () => {
    expect(functions.filter((f) => f.level === 4)).toHaveLength(7);
    expect(functions.filter((f) => f.level === 2)).toHaveLength(5);
    expect(functionName(5, 1)).toBe('工作准备');
    expect(functionName(3, 6)).toBe('技术支持与互动管理');
    expect(functionName(3, 7)).toBe('售后与复盘');
    expect(functionName(2, 1)).toBe('产品确定及规划');
    expect(functionName(1, 5)).toBe('培训指导');
    expect(() => functionName(2, 6)).toThrow(RangeError);
  });

  it('knows which functions each work type is assessed on', () => {
    const of = (level: Level, w: WorkTypeCode) => assessed.find((a) => a.level === level && a.workType === w)?.functions;
    expect(of(5, 'A')).toEqual([1, 2, 3]);
    expect(of(4, 'B')).toEqual([1, 4, 7]);
    expect(of(3, 'C')).toEqual([1, 5, 7]);
    expect(of(5, 'D')).toEqual([1, 6, 7]);
    expect(of(2, 'A')).toEqual([1, 4, 5]);
    expect(of(1, 'B')).toEqual([2, 4, 5]);
    expect(of(1, 'C')).toEqual([3, 4, 5]);
    expect(of(2, 'D')).toBeUndefined();
    expect(assessed).toHaveLength(18);
  });

  it('type guards', () => {
    expect(isWorkTypeCode('A')).toBe(true);
    expect(isWorkTypeCode('E')).toBe(false);
    expect(isWorkTypeCode('a')).toBe(false);
    expect(isLevel(3)).toBe(true);
    expect(isLevel(0)).toBe(false);
    expect(isLevel(2.5)).toBe(false);
  });
});

describe('weights', () => {
  it.each(columns)('skill weights of L$level $workType sum to 100', ({ level, workType }) => {
    const col = skillWeightsFor(workType, level);
    expect(col.length).toBeGreaterThan(0);
    expect(col.reduce((s, w) => s + w.percent, 0)).toBe(100);
    // Weighted functions are exactly the assessed functions.
    const fns = assessed.find((a) => a.level === level && a.workType === workType)?.functions;
    expect(col.map((w) => w.function)).toEqual(fns);
    for (const w of col) expect(w.functionName).toBe(functionName(level, w.function));
  });

  it.each(columns)('theory weights of L$level $workType sum to 100', ({ level, workType }) => {
    const col = theoryWeightsFor(workType, level);
    expect(col.reduce((s, w) => s + w.percent, 0)).toBe(100);
    expect(col[0]).toMatchObject({ part: '职业道德', percent: 5 });
    expect(col[1]?.part).toBe('基础知识');
    const fns = assessed.find((a) => a.level === level && a.workType === workType)?.functions ?? [];
    expect(col.slice(2).map((w) => w.part)).toEqual(fns.map((f) => functionName(level, f)));
  });

  it('has no weights for D at levels 2 and 1', () => {
    expect(skillWeightsFor('D', 2)).toEqual([]);
    expect(theoryWeightsFor('D', 1)).toEqual([]);
    expect(skillWeights.filter((w) => w.workType === 'D').every((w) => w.level >= 3)).toBe(true);
    expect(theoryWeights.filter((w) => w.workType === 'D').every((w) => w.level >= 3)).toBe(true);
  });

  it('samples cells of both tables', () => {
    const sk = (w: WorkTypeCode, l: Level, fn: string) => skillWeightsFor(w, l).find((x) => x.functionName === fn)?.percent;
    const th = (w: WorkTypeCode, l: Level, part: string) => theoryWeightsFor(w, l).find((x) => x.part === part)?.percent;
    expect(sk('A', 5, '产品确定及规划')).toBe(40);
    expect(sk('B', 3, '直播营销')).toBe(60);
    expect(sk('D', 4, '售后与复盘')).toBe(25);
    expect(sk('C', 2, '视频创推')).toBe(50);
    expect(sk('A', 1, '培训指导')).toBe(25);
    expect(th('A', 5, '基础知识')).toBe(25);
    expect(th('B', 4, '直播营销')).toBe(45);
    expect(th('D', 3, '售后与复盘')).toBe(35);
    expect(th('C', 1, '视频创推')).toBe(40);
  });
});

describe('skill requirements', () => {
  it('has 173 items: 42, 45, 40, 24, 22 for levels 5..1', () => {
    expect(skills).toHaveLength(173);
    for (const level of LEVELS) expect(skills.filter((s) => s.level === level)).toHaveLength(EXPECTED_COUNTS[level]);
  });

  it('codes are unique per level and consistent with function and content', () => {
    for (const level of LEVELS) {
      const codes = skills.filter((s) => s.level === level).map((s) => s.code);
      expect(new Set(codes).size).toBe(codes.length);
      const kcodes = workContents.filter((c) => c.level === level).flatMap((c) => c.knowledge.map((k) => k.code));
      expect(new Set(kcodes).size).toBe(kcodes.length);
      const ccodes = workContents.filter((c) => c.level === level).map((c) => c.code);
      expect(new Set(ccodes).size).toBe(ccodes.length);
    }
    expect(new Set(skills.map((s) => s.id)).size).toBe(173);
    for (const s of skills) {
      expect(s.id).toBe(`${s.level}:${s.code}`);
      expect(s.code.startsWith(`${s.content}.`)).toBe(true);
      expect(s.content.startsWith(`${s.function}.`)).toBe(true);
      expect(s.functionName).toBe(functionName(s.level, s.function));
      const c = workContents.find((w) => w.level === s.level && w.code === s.content);
      expect(c?.name).toBe(s.contentName);
      expect(s.text.startsWith('能')).toBe(true);
      expect(s.text).not.toMatch(/\s|（[ABCD]+）$/);
      expect(s.workTypes.length).toBeGreaterThan(0);
    }
  });

  it('matches a sample of the text, with markers', () => {
    const sample: [id: string, text: string, marker: string | null, workTypes: string][] = [
      ['5:4.2.3', '能引导用户下单', null, 'B'],
      ['5:1.1.1', '能搜集产品图文素材', 'ABC', 'ABC'],
      ['5:1.1.2', '能使用网络搜索工具核实、整理产品素材信息', null, 'ABCD'],
      ['5:1.2.1', '能连接硬件设备', 'BCD', 'BCD'],
      ['5:1.2.2', '能下载安装直播软件', 'ABD', 'ABD'],
      ['5:1.2.3', '能下载安装视频平台软件', 'C', 'C'],
      ['5:1.2.4', '能按照直播计划准备直播样品', 'A', 'A'],
      // No （道具） here: the text reads 选择道具、场地, the marker （BD） is split onto the next line.
      ['5:1.2.5', '能根据直播计划选择道具、场地', 'BD', 'BD'],
      ['5:2.1.1', '能收集和汇总营销产品相关信息', null, 'A'],
      ['5:6.2.1', '能使用评论、回复等功能与用户进行沟通', null, 'D'],
      ['5:7.2.2', '能统计营销数据', null, 'BCD'],
      ['4:1.1.5', '能运用工具对素材进行转码', 'D', 'D'],
      ['4:1.1.6', '能汇总统计相关网络舆情风险信息', null, 'ABCD'],
      ['4:1.2.2', '能制定样品（道具）搭配计划', 'ABC', 'ABC'],
      ['4:1.2.3', '能制定出镜者形象方案', 'BC', 'BC'],
      ['4:5.2.2', '能用推广工具增加视频观看、互动等指标', null, 'C'],
      ['3:1.1.3', '能协调引流资源并扩大宣传渠道', 'ABC', 'ABC'],
      ['3:1.2.2', '能根据营销计划选购硬件设备', 'BCD', 'BCD'],
      ['3:3.1.1', '能比对产品与竞品之间的价格差异', null, 'A'],
      ['3:6.2.2', '能查看动态网络舆论监控数据', null, 'D'],
      ['2:1.1.1', '能参照产品标准组织产品检验', null, 'A'],
      ['2:5.2.1', '能指导三级/高级工及以下级别人员工作', null, 'ABC'],
      ['1:3.2.1', '能依据数据变化情况监控传播路径', null, 'C'],
      ['1:5.2.1', '能指导二级/技师及以下级别人员工作', null, 'ABC'],
    ];
    for (const [id, text, marker, types] of sample) {
      const s = skillById(id);
      expect(s, id).toBeDefined();
      expect(s?.text, id).toBe(text);
      expect(s?.marker === null ? null : s?.marker.join(''), id).toBe(marker);
      expect(s?.workTypes.join(''), id).toBe(types);
    }
    expect(skillById('5:1.2.1')).toMatchObject({ function: 1, functionName: '工作准备', content: '1.2', contentName: '设备、软件和材料准备' });
    expect(skillById('9:1.1.1')).toBeUndefined();
  });

  it('resolves applicability from markers and assessed functions', () => {
    for (const s of skills) {
      const onFn = WORK_TYPE_CODES.filter((w) =>
        assessed.some((a) => a.level === s.level && a.workType === w && a.functions.includes(s.function)),
      );
      expect(s.workTypes).toEqual(s.marker === null ? onFn : onFn.filter((w) => s.marker?.includes(w)));
      if (s.marker !== null) expect(s.workTypes).toEqual(s.marker); // every marker sits on a function all its types take
    }
    // Markers only occur at levels 5–3, in function 1 工作准备: 6 + 10 + 5 items.
    const marked = skills.filter((s) => s.marker !== null);
    expect(marked.every((s) => s.level >= 3 && s.function === 1)).toBe(true);
    expect([5, 4, 3].map((l) => marked.filter((s) => s.level === l).length)).toEqual([6, 10, 5]);
  });

  it('D has no items at levels 2 and 1', () => {
    expect(skills.filter((s) => s.level <= 2 && s.workTypes.includes('D'))).toEqual([]);
    expect(skillsFor('D', 2)).toEqual([]);
    expect(skillsFor('D', 1, { includeLower: true })).toEqual([]);
  });

  it('skillsFor(B, 5) holds 4.2.3 and nothing of functions 2, 3, 5, 6', () => {
    const b5 = skillsFor('B', 5);
    expect(b5.map((s) => s.id)).toContain('5:4.2.3');
    expect(b5.some((s) => [2, 3, 5, 6].includes(s.function))).toBe(false);
    expect(b5.every((s) => s.level === 5 && s.workTypes.includes('B'))).toBe(true);
    // 1.2.2 (ABD) applies to B; 1.2.3 (C) and 1.2.4 (A) do not.
    expect(b5.map((s) => s.code)).toContain('1.2.2');
    expect(b5.map((s) => s.code)).not.toContain('1.2.3');
    expect(b5.map((s) => s.code)).not.toContain('1.2.4');
    expect(b5.map((s) => s.code)).toEqual([...b5.map((s) => s.code)].sort());
  });

  it('includeLower adds the lower levels, level desc then code', () => {
    const a4 = skillsFor('A', 4, { includeLower: true });
    expect(a4.filter((s) => s.level === 5)).toEqual(skillsFor('A', 5));
    expect(a4.filter((s) => s.level === 4)).toEqual(skillsFor('A', 4));
    expect(a4).toHaveLength(skillsFor('A', 5).length + skillsFor('A', 4).length);
    expect(a4[0]?.level).toBe(5);
    expect(a4.at(-1)?.level).toBe(4);
    const d3 = skillsFor('D', 3, { includeLower: true });
    expect(new Set(d3.map((s) => s.level))).toEqual(new Set([5, 4, 3]));
    const c1 = skillsFor('C', 1, { includeLower: true });
    expect(new Set(c1.map((s) => s.level))).toEqual(new Set([5, 4, 3, 2, 1]));
    expect(skillsFor('C', 1)).toHaveLength(skills.filter((s) => s.level === 1 && s.workTypes.includes('C')).length);
    expect(skillsFor('A', 3, { includeLower: false })).toEqual(skillsFor('A', 3));
  });

  it('lists related knowledge separately per work content', () => {
    const c = workContents.find((w) => w.level === 5 && w.code === '7.1');
    expect(c?.knowledge).toEqual([
      { code: '7.1.1', text: '发货进度查询方法' },
      { code: '7.1.2', text: '投诉问题的处理方法' },
    ]);
    const c4 = workContents.find((w) => w.level === 4 && w.code === '2.3');
    expect(c4?.knowledge.map((k) => k.code)).toEqual(['2.3.1', '2.3.2', '2.3.3']);
    expect(workContents.find((w) => w.level === 3 && w.code === '7.1')?.knowledge[1]?.text).toBe('售后工作报告主要内容和撰写技巧');
    for (const w of workContents) {
      expect(w.knowledge.length).toBeGreaterThan(0);
      for (const k of w.knowledge) {
        expect(k.code.startsWith(`${w.code}.`)).toBe(true);
        expect(k.text.startsWith('能')).toBe(false);
      }
    }
  });
});

describe('exam rules (1.9)', () => {
  it('encodes the rules', () => {
    expect(examRules.fullMarks).toBe(100);
    expect(examRules.passMark).toBe(60);
    expect(examRules.parts.map((p) => p.id)).toEqual(['theory', 'skill', 'review']);
    expect(examRules.parts.find((p) => p.id === 'review')?.levels).toEqual([2, 1]);
    expect(examRules.minMinutes).toEqual({ theory: 90, skill: 90, review: 30 });
  });

  it('skill exam panel: 1:5, at least 3, odd', () => {
    expect(checkSkillExamPanel({ candidates: 10, assessors: 1 }).map((v) => v.rule)).toEqual(
      expect.arrayContaining(['skill.minAssessors', 'skill.assessorRatio']),
    );
    expect(checkSkillExamPanel({ candidates: 15, assessors: 3 })).toEqual([]);
    expect(checkSkillExamPanel({ candidates: 15, assessors: 4 }).map((v) => v.rule)).toEqual(['skill.assessorsOdd']);
    expect(checkSkillExamPanel({ candidates: 16, assessors: 3 }).map((v) => v.rule)).toEqual(['skill.assessorRatio']);
    expect(checkSkillExamPanel({ candidates: 16, assessors: 5 })).toEqual([]);
    expect(checkSkillExamPanel({ candidates: 2, assessors: 3 })).toEqual([]);
    const v = checkSkillExamPanel({ candidates: 10, assessors: 2 });
    expect(v.every((x) => /[\u4e00-\u9fff]/.test(x.message))).toBe(true);
    expect(() => checkSkillExamPanel({ candidates: -1, assessors: 3 })).toThrow(RangeError);
    expect(() => checkSkillExamPanel({ candidates: 5, assessors: 2.5 })).toThrow(RangeError);
  });

  it('theory room: 1:15, at least 2 per room', () => {
    expect(checkTheoryRoom({ candidates: 30, invigilators: 2 })).toEqual([]);
    expect(checkTheoryRoom({ candidates: 31, invigilators: 2 }).map((v) => v.rule)).toEqual(['theory.invigilatorRatio']);
    expect(checkTheoryRoom({ candidates: 10, invigilators: 1 }).map((v) => v.rule)).toEqual(['theory.minInvigilators']);
    expect(checkTheoryRoom({ candidates: 20, invigilators: 1 }).map((v) => v.rule)).toEqual(['theory.minInvigilators', 'theory.invigilatorRatio']);
    expect(checkTheoryRoom({ candidates: 45, invigilators: 3 })).toEqual([]);
  });

  it('review panel: at least 3, odd', () => {
    expect(checkReviewPanel({ reviewers: 3 })).toEqual([]);
    expect(checkReviewPanel({ reviewers: 7 })).toEqual([]);
    expect(checkReviewPanel({ reviewers: 4 }).map((v) => v.rule)).toEqual(['review.reviewersOdd']);
    expect(checkReviewPanel({ reviewers: 1 }).map((v) => v.rule)).toEqual(['review.minReviewers']);
    expect(checkReviewPanel({ reviewers: 2 }).map((v) => v.rule)).toEqual(['review.minReviewers', 'review.reviewersOdd']);
  });

  it('durations', () => {
    expect(checkDuration('theory', 90)).toEqual([]);
    expect(checkDuration('theory', 89)).toHaveLength(1);
    expect(checkDuration('skill', 120)).toEqual([]);
    expect(checkDuration('skill', 60)[0]?.rule).toBe('duration.skill');
    expect(checkDuration('review', 30)).toEqual([]);
    expect(checkDuration('review', 29)[0]?.message).toContain('综合评审');
    expect(() => checkDuration('theory', Number.NaN)).toThrow(RangeError);
  });

  it('pass mark', () => {
    expect(isPass(60)).toBe(true);
    expect(isPass(59.5)).toBe(false);
    expect(isPass(100)).toBe(true);
    expect(isPass(0)).toBe(false);
    expect(() => isPass(101)).toThrow(RangeError);
    expect(() => isPass(-1)).toThrow(RangeError);
    expect(() => isPass(Number.NaN)).toThrow(RangeError);
  });
});

// ── Drift guard: re-derive section 3 from the raw text with an independent parser ──

function findStandardText(): string {
  const candidates = [
    process.env.LIVEDRILL_STANDARD_TEXT,
    // A copy of ../shared/standard/ kept in the repository, so the test needs nothing outside it.
    resolve(import.meta.dirname, '../fixtures/standard/hulianwang-yingxiaoshi-2021.txt'),
  ];
  const found = candidates.find((p): p is string => p !== undefined && existsSync(p));
  if (found === undefined) throw new Error(`standard text not found; set LIVEDRILL_STANDARD_TEXT (tried ${candidates.join(', ')})`);
  return readFileSync(found, 'utf8');
}

/** Section 3.1 … 3.5 text per level, up to 4. 权重表. */
function sectionsOf(text: string): Map<Level, string> {
  const heads = [...text.matchAll(/^ ?3\.([1-5]) (?:五级\/初级工|四级\/中级工|三级\/高级工|二级\/技师|一级\/高级技师)\s*$/gm)];
  const end = text.search(/^ ?4\. ?权重表/m);
  const out = new Map<Level, string>();
  heads.forEach((h, i) => {
    const level = 6 - Number(h[1]);
    if (!isLevel(level)) throw new Error(`bad heading ${h[0]}`);
    out.set(level, text.slice(h.index, heads[i + 1]?.index ?? end));
  });
  return out;
}

/** Items that the extraction interleaved with other cells; checked as an in-order subsequence. */
const INTERLEAVED = new Set(['skill 5:2.1.1', 'knowledge 5:2.1.1', 'knowledge 3:7.1.2']);

function isSubsequence(needle: string, hay: string): boolean {
  let i = 0;
  for (const ch of hay) if (ch === needle[i]) i++;
  return i === needle.length;
}

describe('data matches the raw text of the standard', () => {
  const text = findStandardText();
  const sections = sectionsOf(text);
  const flat = new Map([...sections].map(([l, s]) => [l, s.replace(/\s+/g, '')]));

  it('finds the five sections', () => {
    expect([...sections.keys()]).toEqual([5, 4, 3, 2, 1]);
  });

  it.each(LEVELS)('level %i: skill and knowledge codes equal the text', (level) => {
    const section = sections.get(level) ?? '';
    const skillCodes: string[] = [];
    const knowledgeCodes: string[] = [];
    // A code is N.N.N (optionally followed by a stray dot); skills begin with 能, knowledge does not.
    for (const m of section.matchAll(/(?:^|\s)(\d\.\d\.\d)\.?\s*(\S)/g)) {
      const code = m[1] ?? '';
      (m[2] === '能' ? skillCodes : knowledgeCodes).push(code);
    }
    expect(skillCodes).toHaveLength(EXPECTED_COUNTS[level]);
    expect([...skillCodes].sort()).toEqual(skills.filter((s) => s.level === level).map((s) => s.code).sort());
    expect([...knowledgeCodes].sort()).toEqual(
      workContents
        .filter((c) => c.level === level)
        .flatMap((c) => c.knowledge.map((k) => k.code))
        .sort(),
    );
  });

  it.each(LEVELS)('level %i: markers equal the text', (level) => {
    const f = flat.get(level) ?? '';
    const fromText = new Map<string, string>();
    let last: string | undefined;
    for (const m of f.matchAll(/(\d\.\d\.\d)\.?能|（([ABCD]+)）/g)) {
      if (m[1] !== undefined) last = m[1];
      else if (last !== undefined && m[2] !== undefined) fromText.set(last, m[2]);
    }
    const fromData = new Map(
      skills.filter((s) => s.level === level && s.marker !== null).map((s) => [s.code, s.marker?.join('') ?? '']),
    );
    expect(fromData).toEqual(fromText);
  });

  it('every skill text (with its marker), knowledge text and content name occurs in its section', () => {
    const misses: string[] = [];
    for (const s of skills) {
      const f = flat.get(s.level) ?? '';
      const full = s.text + (s.marker === null ? '' : `（${s.marker.join('')}）`);
      const key = `skill ${s.id}`;
      const at = f.search(new RegExp(`${s.code.replaceAll('.', '\\.')}\\.?能`));
      const ok = INTERLEAVED.has(key)
        ? at >= 0 && isSubsequence(full, f.slice(at, at + full.length * 3 + 40))
        : f.includes(`${s.code}${full}`) || f.includes(`${s.code}.${full}`);
      if (!ok) misses.push(key);
    }
    for (const c of workContents) {
      const f = flat.get(c.level) ?? '';
      for (const k of c.knowledge) {
        const key = `knowledge ${c.level}:${k.code}`;
        const ok = INTERLEAVED.has(key)
          ? [...f.matchAll(new RegExp(`${k.code.replaceAll('.', '\\.')}\\.?(?!能)`, 'g'))].some((m) =>
              isSubsequence(k.text, f.slice(m.index, m.index + k.text.length * 3 + 40)),
            )
          : f.includes(`${k.code}${k.text}`) || f.includes(`${k.code}.${k.text}`);
        if (!ok) misses.push(key);
      }
      // Content names may be split around other cells (e.g. 市场调 … 研); check as subsequence.
      const starts = [...f.matchAll(new RegExp(`${c.code.replaceAll('.', '\\.')}${c.name[0] ?? ''}`, 'g'))];
      if (!starts.some((m) => isSubsequence(c.name, f.slice(m.index, m.index + c.code.length + c.name.length * 3 + 40)))) {
        misses.push(`content ${c.level}:${c.code}`);
      }
    }
    expect(misses).toEqual([]);
  });
});
