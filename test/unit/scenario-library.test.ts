// The shipped library: the manifest matches the folder, every file validates (images included),
// the required work types and levels are there, and coverage reports what they exercise.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverage, coverageSummary, exercisedBy } from '../../scenarios/library/coverage.ts';
import { LIVE_ROOM_EXERCISES } from '../../scenarios/library/exercises.ts';
import { LIBRARY_FILES, loadLibrary } from '../../scenarios/library/index.ts';
import { skillById, skillsFor } from '../../scenarios/standard/index.ts';
import { assetExists, assetFile, LIBRARY_DIR, loadShippedLibrary } from '../../electron/services/scenarios/library.ts';
import { formatIssue } from '../../scenarios/format/index.ts';

describe('scenario library', () => {
  it('the manifest lists exactly the YAML files of the folder', () => {
    const onDisk = readdirSync(LIBRARY_DIR).filter((f) => f.endsWith('.yaml')).sort();
    expect([...LIBRARY_FILES].sort()).toEqual(onDisk);
  });

  it('every shipped scenario is valid, images included', () => {
    const lib = loadShippedLibrary();
    expect(lib.errors.map(formatIssue)).toEqual([]);
    expect(lib.scenarios).toHaveLength(LIBRARY_FILES.length);
  });

  it('covers 直播销售员 and 平台管理员 at levels 5, 4 and 3, with a short level-5 practice task', () => {
    const scenarios = loadShippedLibrary().scenarios.map((e) => e.scenario);
    for (const wt of ['B', 'D'] as const) {
      for (const level of [5, 4, 3] as const) {
        expect(scenarios.some((s) => s.workTypes.includes(wt) && s.level === level && !s.practice), `${wt} ${level}`).toBe(true);
      }
    }
    const quick = scenarios.find((s) => s.practice && s.workTypes.includes('B') && s.level === 5);
    expect(quick?.durationSec).toBeLessThanOrEqual(180);
    for (const s of scenarios) {
      if (s.kind !== 'live_room') continue;
      expect(s.events.length, s.id).toBeGreaterThanOrEqual(6);
      expect(s.events.some((e) => e.type === 'fault'), s.id).toBe(true);
    }
  });

  it('scenario ids must be unique across files', () => {
    const lib = loadShippedLibrary();
    const first = lib.scenarios[0];
    if (first === undefined) throw new Error('empty library');
    const text = readFileSync(join(LIBRARY_DIR, first.file), 'utf8');
    const twice = loadLibrary([
      { file: 'a.yaml', text },
      { file: 'b.yaml', text },
    ]);
    expect(twice.scenarios).toHaveLength(1);
    expect(twice.errors).toEqual([expect.objectContaining({ file: 'b.yaml', path: 'id', line: expect.any(Number) as unknown, message: expect.stringMatching(/与 a\.yaml 重复/) as unknown })]);
  });

  it('asset paths stay inside assets/', () => {
    expect(assetExists('assets/products/navel-orange.svg')).toBe(true);
    expect(assetExists('assets/products/none.svg')).toBe(false);
    expect(assetFile('assets/../package.json')).toBeNull();
    expect(assetFile('assets/../../etc/passwd')).toBeNull();
  });

  it('coverage lists exercised codes with their scenarios and the missing ones', () => {
    const scenarios = loadShippedLibrary().scenarios.map((e) => e.scenario);
    const [d5] = coverage(scenarios, { workType: 'D', level: 5 });
    expect(d5?.scenarios).toEqual(['d5-tea-room-admin']);
    expect(d5?.total).toBe(skillsFor('D', 5).length);
    expect((d5?.exercised.length ?? 0) + (d5?.claimedOnly.length ?? 0) + (d5?.missing.length ?? 0)).toBe(d5?.total);
    expect(d5?.exercised).toContainEqual(expect.objectContaining({ id: '5:6.2.2', exercised: expect.arrayContaining(['d5-tea-room-admin', 'd3-festival-ops']) as unknown }));
    expect(d5?.claimedOnly).toContainEqual(expect.objectContaining({ id: '5:7.2.1', covered: ['d5-tea-room-admin'], exercised: [] }));
    expect(d5?.missing.map((m) => m.id)).toContain('5:1.2.2');
    expect(coverage(scenarios).map((s) => `${s.workType}${s.level}`)).toHaveLength(18);
    expect(coverage(scenarios, { level: 1 }).map((s) => s.workType)).toEqual(['A', 'B', 'C']);
    // 选品员 is exercised by worksheets: the A level-4 one fills in margins and a settlement plan.
    expect(coverage(scenarios, { workType: 'A', level: 4 })[0]?.exercised).toContainEqual(expect.objectContaining({ id: '4:3.3.2', exercised: ['a4-tea-selection-pricing'] }));
  });

  it('the coverage rule on every shipped task: a code counts only when a trainee action produces its evidence', () => {
    const scenarios = loadShippedLibrary().scenarios.map((e) => e.scenario);
    const notExercised: string[] = [];
    for (const s of scenarios) {
      for (const [code, evidence] of exercisedBy(s)) {
        expect(skillById(code), code).toBeDefined();
        if (evidence.length === 0) notExercised.push(`${code} ${s.id}`);
      }
    }
    // Claimed by a task but produced by nothing the trainee does: the 复盘 figures the engine
    // computes itself, the live script with no editor, the timeliness review and the real-time data.
    expect(notExercised.sort()).toEqual([
      '3:1.3.2 b3-portable-blender',
      '3:1.3.2 d3-festival-ops',
      '3:6.2.3 d3-festival-ops',
      '3:7.2.1 d3-festival-ops',
      '4:7.2.2 b4-moisturizing-cream',
      '5:4.1.1 b5-navel-orange',
      '5:7.2.1 b5-navel-orange',
      '5:7.2.1 d5-tea-room-admin',
      '5:7.2.2 b5-navel-orange',
    ]);
    const summary = coverageSummary(coverage(scenarios));
    expect(summary.total).toBe(173);
    expect(summary.claimedNotExercised.map((x) => x.id)).toEqual(['3:1.3.2', '3:6.2.3', '3:7.2.1', '4:7.2.2', '5:4.1.1', '5:7.2.1', '5:7.2.2']);
    expect(summary.exercised).toBe(summary.covered - 7);
  });

  it('the rule needs the material for the action: no fault in the task, no fault handling exercised', () => {
    const b5 = loadShippedLibrary().scenarios.find((e) => e.scenario.id === 'b5-navel-orange')?.scenario;
    if (b5?.kind !== 'live_room') throw new Error('b5-navel-orange missing');
    expect(exercisedBy(b5).get('5:1.3.1')).toEqual(['ack_fault']);
    const calm = { ...b5, events: b5.events.filter((e) => e.type !== 'fault') };
    expect(exercisedBy(calm).get('5:1.3.1')).toEqual([]);
    const noOffers = { ...b5, products: b5.products.map((p) => ({ ...p, coupon: undefined, flashSale: undefined })) };
    expect(exercisedBy(noOffers).get('5:4.2.3')).toEqual(['reply']);
    for (const code of Object.keys(LIVE_ROOM_EXERCISES)) expect(skillById(code), code).toBeDefined();
  });
});
