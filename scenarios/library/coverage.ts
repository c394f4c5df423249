// Which skill requirements of the standard the scenarios exercise, per work type and level:
// for each selection, every catalogue code of that level with the scenarios that exercise it
// (any scenario of that work type, whatever its own level), and the codes none exercises.
import type { Scenario } from '../format/index.ts';
import { skillsFor, workTypes, type Level, type WorkTypeCode } from '../standard/index.ts';

export interface CoverageSelection {
  workType: WorkTypeCode;
  level: Level;
  /** Scenarios set at this work type and level. */
  scenarios: string[];
  total: number;
  exercised: { id: string; text: string; scenarios: string[] }[];
  missing: { id: string; text: string }[];
}

export function coverage(scenarios: readonly Scenario[], filter: { workType?: WorkTypeCode; level?: Level } = {}): CoverageSelection[] {
  const out: CoverageSelection[] = [];
  for (const w of workTypes) {
    if (filter.workType !== undefined && w.code !== filter.workType) continue;
    for (const level of [...w.levels].sort((a, b) => b - a)) {
      if (filter.level !== undefined && level !== filter.level) continue;
      const ofType = scenarios.filter((s) => s.workTypes.includes(w.code)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const catalogue = skillsFor(w.code, level);
      const rows = catalogue.map((skill) => ({ id: skill.id, text: skill.text, scenarios: ofType.filter((s) => s.skills.includes(skill.id)).map((s) => s.id) }));
      out.push({
        workType: w.code,
        level,
        scenarios: ofType.filter((s) => s.level === level).map((s) => s.id),
        total: catalogue.length,
        exercised: rows.filter((r) => r.scenarios.length > 0),
        missing: rows.filter((r) => r.scenarios.length === 0).map(({ id, text }) => ({ id, text })),
      });
    }
  }
  return out;
}
