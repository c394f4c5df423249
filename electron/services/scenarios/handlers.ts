// scenarios.list / scenarios.get / scenarios.image: the shipped library, read once and cached.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Handlers } from '../../contract/index.ts';
import { ContractError } from '../../contract/define.ts';
import { formatIssue } from '../../../scenarios/format/index.ts';
import type { Library } from '../../../scenarios/library/index.ts';
import type { Service } from '../service.ts';
import { assetFile, loadShippedLibrary } from './library.ts';

type ScenarioHandlers = Pick<Handlers, 'scenarios.list' | 'scenarios.get' | 'scenarios.image'>;

const MIME: Readonly<Record<string, string>> = { '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp' };

export function createScenarioService(deps: { load?: () => Library } = {}): Service<ScenarioHandlers> {
  const load = deps.load ?? loadShippedLibrary;
  let cached: Library | null = null;
  const library = (): Library => {
    if (cached === null) {
      try {
        cached = load();
      } catch (error) {
        throw new ContractError('failed', `无法读取场景库 (${error instanceof Error ? error.message : String(error)})`);
      }
    }
    return cached;
  };
  const handlers: ScenarioHandlers = {
    'scenarios.list': ({ workType, level }) => {
      const lib = library();
      return {
        scenarios: lib.scenarios
          .filter(({ scenario: s }) => (workType === undefined || s.workTypes.includes(workType)) && (level === undefined || s.level === level))
          .map(({ file, scenario: s }) => ({ id: s.id, file, kind: s.kind, title: s.title, brief: s.brief, workTypes: s.workTypes, level: s.level, durationSec: s.durationSec, practice: s.practice, skills: s.skills })),
        errors: lib.errors.map(formatIssue),
      };
    },
    'scenarios.get': ({ id }) => {
      const entry = library().scenarios.find((e) => e.scenario.id === id);
      if (entry === undefined) throw new ContractError('failed', `场景不存在：${id} (unknown scenario id)`);
      return { file: entry.file, scenario: entry.scenario };
    },
    'scenarios.image': ({ path }) => {
      const file = assetFile(path);
      const mime = MIME[extname(path).toLowerCase()];
      if (file === null || mime === undefined) throw new ContractError('failed', `图片路径无效：${path} (must be an image under assets/)`);
      let data: Buffer;
      try {
        data = readFileSync(file);
      } catch (error) {
        throw new ContractError('failed', `图片不存在：${path} (${error instanceof Error ? error.message : String(error)})`);
      }
      return { path, mime, dataUrl: `data:${mime};base64,${data.toString('base64')}` };
    },
  };
  return { handlers, close: () => undefined };
}
