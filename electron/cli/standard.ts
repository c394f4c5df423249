// `livedrill standard`: the 2021 standard as data, as a table or as JSON.
import * as standard from '../../scenarios/standard/index.ts';
import { rejectRest, takeFlag, takeOption, UsageError, type CliIO } from './usage.ts';

function parseType(value: string | undefined): standard.WorkTypeCode | undefined {
  if (value === undefined) return undefined;
  const upper = value.toUpperCase();
  if (!standard.isWorkTypeCode(upper)) throw new UsageError(`--type must be one of A, B, C, D (got "${value}")`);
  return upper;
}

function parseLevel(value: string | undefined): standard.Level | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^[1-5]$/.test(value) || !standard.isLevel(n)) throw new UsageError(`--level must be 1..5 (got "${value}")`);
  return n;
}

export function standardJson(type?: standard.WorkTypeCode, level?: standard.Level, includeLower = false) {
  const typeOk = (w: standard.WorkTypeCode) => type === undefined || w === type;
  const levelOk = (l: standard.Level) => level === undefined || l === level;
  const skills =
    type !== undefined && level !== undefined
      ? standard.skillsFor(type, level, { includeLower })
      : standard.skills.filter(
          (s) => (level === undefined || (includeLower ? s.level >= level : s.level === level)) && (type === undefined || s.workTypes.includes(type)),
        );
  return {
    workTypes: standard.workTypes.filter((w) => typeOk(w.code)).map((w) => ({ code: w.code, name: w.name, levels: [...w.levels] })),
    skills: skills.map((s) => ({
      id: s.id,
      level: s.level,
      code: s.code,
      function: s.function,
      content: s.content,
      text: s.text,
      workTypes: [...s.workTypes],
    })),
    assessed: standard.assessed
      .filter((a) => typeOk(a.workType) && levelOk(a.level))
      .map((a) => ({ level: a.level, workType: a.workType, functions: [...a.functions] })),
    weights: {
      skill: standard.skillWeights
        .filter((w) => typeOk(w.workType) && levelOk(w.level))
        .map((w) => ({ level: w.level, workType: w.workType, function: w.function, percent: w.percent })),
      theory: standard.theoryWeights
        .filter((w) => typeOk(w.workType) && levelOk(w.level))
        .map((w) => ({ level: w.level, workType: w.workType, part: w.part, percent: w.percent })),
    },
    rules: standard.examRules,
  };
}

export function standardCommand(args: string[], io: CliIO): Promise<number> {
  const type = parseType(takeOption(args, 'type'));
  const level = parseLevel(takeOption(args, 'level'));
  const includeLower = takeFlag(args, 'include-lower');
  const json = takeFlag(args, 'json');
  rejectRest(args, 'standard');
  if (type !== undefined && level !== undefined && !standard.workTypeHasLevel(type, level)) {
    throw new UsageError(`work type ${type} has no level ${level} (平台管理员 D 只设五级、四级、三级)`);
  }
  const data = standardJson(type, level, includeLower);
  if (json) {
    io.out(JSON.stringify(data, null, 2));
    return Promise.resolve(0);
  }
  const lines: string[] = [];
  for (const w of data.workTypes) lines.push(`${w.code} ${w.name}  levels ${w.levels.join(', ')}`);
  lines.push('');
  let lastLevel = 0;
  for (const s of data.skills) {
    if (s.level !== lastLevel) {
      lines.push(`— ${standard.levels.find((l) => l.level === s.level)?.name ?? String(s.level)} —`);
      lastLevel = s.level;
    }
    lines.push(`${s.id.padEnd(9)} ${s.text}  (${s.workTypes.join('')})`);
  }
  lines.push('', `${data.skills.length} skill requirements`);
  for (const a of data.assessed) {
    const weights = data.weights.skill.filter((w) => w.level === a.level && w.workType === a.workType);
    const parts = weights.map((w) => `${standard.functionName(w.level, w.function)} ${w.percent}%`).join(' · ');
    lines.push(`L${a.level} ${a.workType}: ${parts}`);
  }
  io.out(lines.join('\n'));
  return Promise.resolve(0);
}
