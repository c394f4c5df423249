import type { Handlers } from '../../contract/index.ts';
import * as standard from '../../../scenarios/standard/index.ts';
import type { Service } from '../service.ts';

type StandardHandlers = Pick<Handlers, 'standard.catalogue' | 'standard.skills' | 'standard.weights'>;

const handlers: StandardHandlers = {
  'standard.catalogue': () => ({
    workTypes: standard.workTypes.map((w) => ({ ...w, levels: [...w.levels] })),
    levels: standard.levels.map((l) => ({ ...l })),
  }),
  'standard.skills': ({ workType, level, includeLower }) => ({
    skills: standard.skillsFor(workType, level, { includeLower }).map((s) => ({
      id: s.id,
      level: s.level,
      code: s.code,
      function: s.function,
      functionName: s.functionName,
      content: s.content,
      contentName: s.contentName,
      text: s.text,
      workTypes: [...s.workTypes],
    })),
  }),
  'standard.weights': ({ workType, level }) => ({
    skill: standard.skillWeightsFor(workType, level).map(({ function: fn, functionName, percent }) => ({ function: fn, functionName, percent })),
    theory: standard.theoryWeightsFor(workType, level).map(({ part, percent }) => ({ part, percent })),
  }),
};

/** The standard as data: nothing to open or close. */
export function createStandardService(): Service<StandardHandlers> {
  return { handlers, close: () => undefined };
}
