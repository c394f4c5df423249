// The worksheet check of a 1,000-row data sheet (issue 13: goal ≤ 100 ms): last month's sales as
// CSV material (1,000 rows), a table part with one row per CSV row where the trainee fills the
// gross profit and the refund rate of each, three row checks, two rules over the rows (totals,
// a selection within a budget) and a schedule check. Prints the file's load (YAML, zod, CSV
// read, formulas checked) and the automatic check of the filled sheet, median of 30 runs.
import { performance } from 'node:perf_hooks';
import { loadScenario } from '../../scenarios/format/index.ts';
import { gradeWorksheet, prepare, type WorksheetAnswers } from '../../scenarios/worksheet/index.ts';

const ROWS = 1000;
const GOAL_MS = 100;
const SKUS = ['陈皮普洱茶', '红枣枸杞茶', '桂圆姜茶', '黑苦荞茶', '玫瑰花冠茶'];

const lines = ['day,sku,orders,revenue,refunds,cost,slot_start,slot_end'];
const rows: { orders: number; revenue: number; refunds: number; cost: number }[] = [];
for (let i = 0; i < ROWS; i++) {
  const orders = 20 + ((i * 37) % 180);
  const revenue = Math.round(orders * (25 + (i % 40)) * 100) / 100;
  const refunds = (i * 7) % 15;
  const cost = Math.round(revenue * 0.55 * 100) / 100;
  rows.push({ orders, revenue, refunds, cost });
  const day = `2026-11-${String(1 + (i % 30)).padStart(2, '0')}`;
  const start = (i * 13) % 1380;
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  lines.push([day, SKUS[i % SKUS.length] ?? '', orders, revenue, refunds, cost, hhmm(start), hhmm(start + 30)].join(','));
}

const yaml = `kind: worksheet
id: bench-sales-sheet
title: { zh-CN: 上月销售数据整理, en: Last month's sales }
brief: { zh-CN: 逐行算出毛利和退款率。, en: Work out each row's gross profit and refund rate. }
workTypes: [A]
level: 3
durationSec: 3600
skills: ['3:2.1.1']
material:
  - id: target
    type: figures
    title: { zh-CN: 目标, en: Targets }
    items:
      - { id: budget, title: { zh-CN: 推广预算, en: Budget }, value: 100000000, unit: 元 }
  - id: sales
    type: csv
    title: { zh-CN: 上月销售明细, en: Sales }
    columns:
      - { id: day, title: { zh-CN: 日期, en: Day }, type: date }
      - { id: sku, title: { zh-CN: 商品, en: Product }, type: text }
      - { id: orders, title: { zh-CN: 订单, en: Orders }, type: number }
      - { id: revenue, title: { zh-CN: 销售额, en: Revenue }, type: money }
      - { id: refunds, title: { zh-CN: 退款单, en: Refunds }, type: number }
      - { id: cost, title: { zh-CN: 成本, en: Cost }, type: money }
      - { id: slot_start, title: { zh-CN: 开始, en: Start }, type: time }
      - { id: slot_end, title: { zh-CN: 结束, en: End }, type: time }
    csv: |
${lines.map((l) => `      ${l}`).join('\n')}
parts:
  - id: sheet
    type: table
    title: { zh-CN: 逐行整理, en: Row by row }
    prompt: { zh-CN: 填写毛利、毛利率和退款率，勾选要追加推广的行。, en: "Fill in the profit, the margin and the refund rate." }
    skills: ['3:2.1.1']
    rowsFrom: sales
    columns:
      - { id: day, title: { zh-CN: 日期, en: Day }, type: date, from: day }
      - { id: orders, title: { zh-CN: 订单, en: Orders }, type: number, from: orders }
      - { id: revenue, title: { zh-CN: 销售额, en: Revenue }, type: money, from: revenue }
      - { id: refunds, title: { zh-CN: 退款单, en: Refunds }, type: number, from: refunds }
      - { id: cost, title: { zh-CN: 成本, en: Cost }, type: money, from: cost }
      - { id: slot_start, title: { zh-CN: 开始, en: Start }, type: time, from: slot_start }
      - { id: slot_end, title: { zh-CN: 结束, en: End }, type: time, from: slot_end }
      - { id: aov, title: { zh-CN: 客单价, en: AOV }, type: money, compute: revenue / orders }
      - { id: profit, title: { zh-CN: 毛利, en: Profit }, type: money }
      - { id: margin, title: { zh-CN: 毛利率, en: Margin }, type: percent }
      - { id: refund_rate, title: { zh-CN: 退款率, en: Refund rate }, type: percent }
      - { id: boost, title: { zh-CN: 追加推广, en: Boost }, type: boolean }
    checks:
      - { id: profit-ok, type: row, title: { zh-CN: 毛利, en: Profit }, column: profit, expect: revenue - cost, tolerance: 0.01 }
      - { id: margin-ok, type: row, title: { zh-CN: 毛利率, en: Margin }, column: margin, expect: (revenue - cost) / revenue * 100, tolerance: 0.1 }
      - { id: refund-ok, type: row, title: { zh-CN: 退款率, en: Refunds }, column: refund_rate, expect: refunds / orders * 100, tolerance: 0.1 }
      - { id: totals, type: rule, title: { zh-CN: 合计, en: Totals }, rule: sum(profit) == sum(revenue - cost) and avg(margin) > 0 }
      - { id: budget-ok, type: rule, title: { zh-CN: 预算, en: Budget }, where: boost, rule: sum(revenue * 0.1) <= budget and count() >= 1 }
      - { id: slots, type: no_clash, title: { zh-CN: 时段, en: Slots }, start: slot_start, end: slot_end, by: day }
rubric:
  - id: sheet
    skills: ['3:2.1.1']
    points: 100
    title: { zh-CN: 数据整理, en: Data }
    criteria: [逐行正确]
    parts: [sheet]
    checks: [profit-ok, margin-ok, refund-ok, totals, budget-ok, slots]
`;

const t0 = performance.now();
const loaded = loadScenario('bench-sales-sheet.yaml', yaml);
const loadMs = performance.now() - t0;
if (!loaded.ok || loaded.scenario.kind !== 'worksheet') throw new Error(loaded.ok ? 'not a worksheet' : loaded.errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join('\n'));
const s = loaded.scenario;

const answers: WorksheetAnswers = {
  parts: {
    sheet: {
      type: 'table',
      rows: rows.map((r, i) => ({
        profit: (r.revenue - r.cost).toFixed(2),
        margin: (((r.revenue - r.cost) / r.revenue) * 100).toFixed(1),
        // One row in fifty typed wrong, so the failure path is measured too.
        refund_rate: i % 50 === 0 ? '99' : ((r.refunds / r.orders) * 100).toFixed(1),
        boost: i % 10 === 0 ? 'true' : 'false',
      })),
    },
  },
};

const runs: number[] = [];
let grade = gradeWorksheet(s, answers);
for (let i = 0; i < 30; i++) {
  const a = performance.now();
  grade = gradeWorksheet(s, answers, prepare(s));
  runs.push(performance.now() - a);
}
runs.sort((a, b) => a - b);
const median = runs[Math.floor(runs.length / 2)] ?? NaN;
const worst = runs[runs.length - 1] ?? NaN;
const summary = grade.checks.map((c) => `${c.id} ${c.status}${c.failures.length > 0 ? ` (${c.failures.length})` : ''}`).join(', ');
console.log(`worksheet: load of a ${ROWS}-row CSV sheet (YAML, schema, CSV read, formulas) ${loadMs.toFixed(0)} ms`);
console.log(`worksheet: check of the filled ${ROWS}-row sheet ${median.toFixed(1)} ms median, ${worst.toFixed(1)} ms worst of ${runs.length} (goal ≤ ${GOAL_MS} ms: ${median <= GOAL_MS ? 'met' : 'MISSED'})`);
console.log(`worksheet: ${summary}`);
