// The trainee's 复盘 form: which sections a task asks for, and the checks with located errors.
import { describe, expect, it } from 'vitest';
import { debriefSections, emptyDraft, validateDebrief, parseClock, type DebriefDraft } from '../../scenarios/debrief/index.ts';

const ALL = debriefSections(['5:7.2.1', '5:7.2.2', '4:7.2.2', '3:7.2.1']);

function filled(): DebriefDraft {
  const d = emptyDraft();
  d.figures = { viewersTotal: '1,250', viewersPeak: '310', orders: '48', buyers: '45', gmv: '2390.40' };
  d.statistics = { conversionPct: '3.60', orderValue: '49.80' };
  d.problems = [{ at: '2:05', problem: '断网后一分多钟才发现，观众流失', improvement: '开播前检查网络，设置断网提醒并准备说明话术' }];
  d.dimensions = [
    { metric: 'reply_latency', standard: '回复用时中位数不超过 30 秒' },
    { metric: 'conversion', standard: '转化率不低于 3%，低于则复查讲解' },
    { metric: 'gmv', standard: '成交额达到预测的 90% 以上' },
  ];
  return d;
}

describe('debrief sections', () => {
  it('follow the codes the task claims, in form order', () => {
    expect(ALL).toEqual(['figures', 'statistics', 'problems', 'dimensions']);
    expect(debriefSections(['4:7.2.2', '4:4.2.1'])).toEqual(['problems']);
    expect(debriefSections(['5:1.3.1'])).toEqual([]);
  });
});

describe('validateDebrief', () => {
  it('takes a filled form (full-width digits, thousands separators)', () => {
    const r = validateDebrief(filled(), ALL, 600);
    expect(r).toEqual({
      ok: true,
      debrief: {
        sections: ALL,
        figures: { viewersTotal: 1250, viewersPeak: 310, orders: 48, buyers: 45, gmv: 2390.4 },
        statistics: { conversionPct: 3.6, orderValue: 49.8 },
        problems: [{ atSec: 125, problem: '断网后一分多钟才发现，观众流失', improvement: '开播前检查网络，设置断网提醒并准备说明话术' }],
        dimensions: [
          { metric: 'reply_latency', standard: '回复用时中位数不超过 30 秒' },
          { metric: 'conversion', standard: '转化率不低于 3%，低于则复查讲解' },
          { metric: 'gmv', standard: '成交额达到预测的 90% 以上' },
        ],
      },
    });
    const d = filled();
    d.figures.orders = '４８';
    expect(validateDebrief(d, ALL, 600).ok).toBe(true);
  });

  it('locates each bad field with a code', () => {
    const d = filled();
    d.figures.viewersPeak = '2000';
    d.figures.orders = '4.5';
    d.figures.gmv = '约2000';
    d.statistics.conversionPct = '36';
    d.problems = [
      { at: '12:00', problem: '断网后一分多钟才发现', improvement: '改' },
      { at: '1点', problem: '', improvement: '' },
    ];
    d.dimensions[1] = { metric: 'reply_latency', standard: '回复要快一些才行' };
    const r = validateDebrief(d, ALL, 600);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'figures.orders:notWhole',
      'figures.gmv:notNumber',
      'figures.viewersPeak:peakAboveTotal',
      'statistics.conversionPct:statMismatch',
      'problems.0.at:afterEnd',
      'problems.0.improvement:tooShort',
      'problems.1.at:badTime',
      'problems.1.problem:required',
      'problems.1.improvement:required',
      'dimensions.1.metric:repeatedMetric',
    ]);
    expect(r.errors.find((e) => e.code === 'statMismatch')?.params).toEqual({ expected: '3.60' });
    expect(r.errors.find((e) => e.code === 'afterEnd')?.params).toEqual({ end: 600 });
  });

  it('asks only for the sections given; lists too short or too long are errors of the list', () => {
    const d = emptyDraft();
    d.problems = [];
    const r = validateDebrief(d, ['problems'], 600);
    expect(r.ok ? [] : r.errors.map((e) => `${e.field}:${e.code}`)).toEqual(['problems:tooFew']);
    const long = filled();
    long.dimensions = [...long.dimensions, ...long.dimensions.slice(0, 3)];
    long.problems = [{ at: '1:00', problem: '长'.repeat(201), improvement: '开播前检查网络设置' }];
    const r2 = validateDebrief(long, ['problems', 'dimensions'], 600);
    expect(r2.ok ? [] : r2.errors.map((e) => `${e.field}:${e.code}`)).toEqual(['problems.0.problem:tooLong', 'dimensions.3.metric:repeatedMetric', 'dimensions.4.metric:repeatedMetric', 'dimensions.5.metric:repeatedMetric']);
  });

  it('reads session clock times', () => {
    expect(parseClock('2:05')).toBe(125);
    expect(parseClock('12：30')).toBe(750);
    expect(parseClock('1:02:03')).toBe(3723);
    expect(parseClock('2:65')).toBeNull();
    expect(parseClock('abc')).toBeNull();
  });
});
