// Which skill requirements of the standard the library covers and exercises, per work type and
// level. A task *covers* a code when it claims it (its skills and rubric); it *exercises* it only
// when a trainee action or a filled part produces the code's evidence (exercises.ts says which,
// per task kind). For each selection: every catalogue code of that level with the tasks that
// cover and that exercise it (any task of that work type, whatever its own level).
import type { Scenario } from '../format/index.ts';
import { skillsFor, workTypes, type Level, type WorkTypeCode } from '../standard/index.ts';
import { taskEvidence } from './exercises.ts';

export interface CoverageRow {
  id: string;
  text: string;
  /** Tasks that claim the code. */
  covered: string[];
  /** Tasks where a trainee action or a filled part produces its evidence. */
  exercised: string[];
}

export interface CoverageSelection {
  workType: WorkTypeCode;
  level: Level;
  /** Tasks set at this work type and level. */
  scenarios: string[];
  total: number;
  /** Codes exercised by at least one task. */
  exercised: CoverageRow[];
  /** Codes some task claims but none exercises. */
  claimedOnly: CoverageRow[];
  /** Codes no task claims. */
  missing: { id: string; text: string }[];
}

/** The evidence each claimed code of a task has: the trainee actions or parts that produce it (empty: not exercised). */
export function exercisedBy(s: Scenario): Map<string, string[]> {
  return new Map(s.skills.map((code) => [code, taskEvidence(s, code)]));
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function coverage(scenarios: readonly Scenario[], filter: { workType?: WorkTypeCode; level?: Level } = {}): CoverageSelection[] {
  const evidence = new Map(scenarios.map((s) => [s.id, exercisedBy(s)]));
  const out: CoverageSelection[] = [];
  for (const w of workTypes) {
    if (filter.workType !== undefined && w.code !== filter.workType) continue;
    for (const level of [...w.levels].sort((a, b) => b - a)) {
      if (filter.level !== undefined && level !== filter.level) continue;
      const ofType = scenarios.filter((s) => s.workTypes.includes(w.code)).sort(byId);
      const rows = skillsFor(w.code, level).map((skill): CoverageRow => {
        const covered = ofType.filter((s) => s.skills.includes(skill.id));
        return { id: skill.id, text: skill.text, covered: covered.map((s) => s.id), exercised: covered.filter((s) => (evidence.get(s.id)?.get(skill.id)?.length ?? 0) > 0).map((s) => s.id) };
      });
      out.push({
        workType: w.code,
        level,
        scenarios: ofType.filter((s) => s.level === level).map((s) => s.id),
        total: rows.length,
        exercised: rows.filter((r) => r.exercised.length > 0),
        claimedOnly: rows.filter((r) => r.covered.length > 0 && r.exercised.length === 0),
        missing: rows.filter((r) => r.covered.length === 0).map(({ id, text }) => ({ id, text })),
      });
    }
  }
  return out;
}

export interface CoverageSummary {
  /** Distinct skill requirements of the standard (a code shared by work types counts once). */
  total: number;
  covered: number;
  exercised: number;
  /** Codes claimed by some task and exercised by none, with the tasks that claim them. */
  claimedNotExercised: { id: string; scenarios: string[] }[];
}

/** The whole standard at once: how many distinct codes are covered and exercised. */
export function coverageSummary(selections: readonly CoverageSelection[]): CoverageSummary {
  const all = new Set<string>();
  const covered = new Map<string, Set<string>>();
  const exercised = new Set<string>();
  for (const sel of selections) {
    for (const m of sel.missing) all.add(m.id);
    for (const r of [...sel.exercised, ...sel.claimedOnly]) {
      all.add(r.id);
      const set = covered.get(r.id) ?? new Set<string>();
      r.covered.forEach((id) => set.add(id));
      covered.set(r.id, set);
      if (r.exercised.length > 0) exercised.add(r.id);
    }
  }
  const claimedNotExercised = [...covered].filter(([id]) => !exercised.has(id)).map(([id, set]) => ({ id, scenarios: [...set].sort() })).sort(byId);
  return { total: all.size, covered: covered.size, exercised: exercised.size, claimedNotExercised };
}
