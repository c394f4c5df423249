// The scenarios.* contract methods: handlers read the shipped library, outputs pass the contract's schemas.
import { describe, expect, it } from 'vitest';
import { methods } from '../../electron/contract/index.ts';
import { ContractError } from '../../electron/contract/define.ts';
import { createScenarioService } from '../../electron/services/scenarios/handlers.ts';
import { loadLibrary } from '../../scenarios/library/index.ts';
import { LIBRARY_FILES } from '../../scenarios/library/index.ts';

const ctx = { transport: 'websocket' as const };

describe('scenarios.* services', () => {
  const h = createScenarioService().handlers;

  it('list: every shipped scenario, filtered by work type and level; the output fits the contract', async () => {
    const all = await h['scenarios.list']({}, ctx);
    expect(all.errors).toEqual([]);
    expect(all.scenarios).toHaveLength(LIBRARY_FILES.length);
    expect(methods['scenarios.list'].output.parse(all)).toEqual(all);
    const b5 = await h['scenarios.list']({ workType: 'B', level: 5 }, ctx);
    expect(b5.scenarios.map((s) => s.id)).toEqual(['b5-navel-orange', 'b5-navel-orange-quick']);
    expect(b5.scenarios[1]).toMatchObject({ practice: true, durationSec: 180, title: { 'zh-CN': '赣南脐橙助农直播（3 分钟练习）' } });
  });

  it('get: the full scenario, parsed unchanged by the contract; unknown ids fail in Chinese', async () => {
    const r = await h['scenarios.get']({ id: 'd4-obs-faults-faq' }, ctx);
    expect(r.file).toBe('d4-obs-faults-faq.yaml');
    expect(methods['scenarios.get'].output.parse(r)).toEqual(r);
    expect(() => h['scenarios.get']({ id: 'nope' }, ctx)).toThrow(ContractError);
    expect(() => h['scenarios.get']({ id: 'nope' }, ctx)).toThrow(/场景不存在：nope/);
  });

  it('image: a data URL for an asset; paths outside assets/ are refused by the contract', async () => {
    const img = await h['scenarios.image']({ path: 'assets/products/navel-orange.svg' }, ctx);
    expect(img.mime).toBe('image/svg+xml');
    expect(Buffer.from(img.dataUrl.replace('data:image/svg+xml;base64,', ''), 'base64').toString('utf8')).toMatch(/^<svg /);
    expect(methods['scenarios.image'].input.safeParse({ path: 'assets/../package.json' }).success).toBe(false);
    expect(() => h['scenarios.image']({ path: 'assets/products/none.svg' }, ctx)).toThrow(/图片不存在/);
  });

  it('a library with invalid files still lists the valid ones and reports the errors', async () => {
    const broken = createScenarioService({ load: () => loadLibrary([{ file: 'x.yaml', text: 'id: [\n' }]) }).handlers;
    const r = await broken['scenarios.list']({}, ctx);
    expect(r.scenarios).toEqual([]);
    expect(r.errors[0]).toMatch(/^x\.yaml:\d+:\d+ \(yaml\): YAML 语法错误/);
  });
});
