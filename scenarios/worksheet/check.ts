// Cross-checks of a worksheet file that has the right shape: unique ids, material cells of the
// right type (CSV read line by line), every formula parsed with each name it reads resolved,
// checks pointing at input columns, choice keys among the options, parts' skills declared, every
// claimed skill produced by some part, and the rubric's parts and checks existing. Each problem
// is a field path and a message (the loader turns it into file, line, column).
import type { CheckIssue } from '../format/check.ts';
import type { FieldPath } from '../format/locate.ts';
import { ExprError, hasAggregate, parseExpr, refsOf } from './expr.ts';
import { roleOf } from './model.ts';
import type { Column, TablePart, WorksheetScenario } from './schema.ts';
import { parseCsv, readCell } from './values.ts';

function dupes(ids: readonly { id: string; path: FieldPath }[], what: string, out: CheckIssue[]): void {
  const seen = new Map<string, number>();
  ids.forEach(({ id, path }, i) => {
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else out.push({ path, message: `${what} "${id}" 重复 (duplicate id)` });
  });
}

const CELL_MESSAGES: Readonly<Record<string, string>> = {
  not_number: '应为数字',
  not_boolean: '应为 是/否 (true/false)',
  not_option: '不在可选值之中',
  not_date: '应为日期 YYYY-MM-DD',
  not_time: '应为时间 HH:MM',
};

function checkColumns(columns: readonly Column[], at: (i: number) => FieldPath, out: CheckIssue[]): void {
  dupes(columns.map((c, i) => ({ id: c.id, path: [...at(i), 'id'] })), '列 id', out);
  columns.forEach((c, i) => {
    if (c.type === 'choice' && c.options === undefined) out.push({ path: [...at(i), 'type'], message: '选项列 (choice) 需要 options (a choice column needs options)' });
    if (c.type !== 'choice' && c.options !== undefined) out.push({ path: [...at(i), 'options'], message: `只有 choice 列可以有 options，此列为 ${c.type} (options only on a choice column)` });
  });
}

function checkMaterial(s: WorksheetScenario, out: CheckIssue[]): void {
  s.material.forEach((m, i) => {
    const at = (...rest: (string | number)[]): FieldPath => ['material', i, ...rest];
    if (m.type === 'figures') {
      dupes(m.items.map((f, j) => ({ id: f.id, path: at('items', j, 'id') })), '数据项 id', out);
      return;
    }
    if (m.type === 'text') return;
    checkColumns(m.columns, (j) => at('columns', j), out);
    const byId = new Map(m.columns.map((c) => [c.id, c]));
    if (m.type === 'table') {
      m.rows.forEach((row, r) => {
        for (const [key, cell] of Object.entries(row)) {
          const col = byId.get(key);
          if (col === undefined) {
            out.push({ path: at('rows', r, key), message: `列 "${key}" 未在 columns 中定义，可选：${[...byId.keys()].join(', ')} (unknown column)` });
            continue;
          }
          const read = readCell(cell, col);
          if (!read.ok) out.push({ path: at('rows', r, key), message: `“${String(cell)}” ${CELL_MESSAGES[read.code] ?? read.code}（列 ${key}，${col.type}）(cell does not match the column type)` });
        }
      });
      return;
    }
    const parsed = parseCsv(m.csv);
    if (!parsed.ok) {
      out.push({ path: at('csv'), message: `CSV 第 ${parsed.line} 行：${parsed.message}` });
      return;
    }
    const { header, rows } = parsed.table;
    const missing = m.columns.filter((c) => !header.includes(c.id)).map((c) => c.id);
    const extra = header.filter((h) => !byId.has(h));
    if (missing.length > 0 || extra.length > 0) {
      out.push({ path: at('csv'), message: `CSV 第 1 行（表头）应为 ${m.columns.map((c) => c.id).join(',')}${missing.length > 0 ? `，缺少 ${missing.join(', ')}` : ''}${extra.length > 0 ? `，多出 ${extra.join(', ')}` : ''} (header must list the columns)` });
      return;
    }
    if (rows.length === 0) out.push({ path: at('csv'), message: 'CSV 只有表头，没有数据行 (no data rows)' });
    let reported = 0;
    for (const r of rows) {
      if (reported >= 5) break;
      if (r.fields.length !== header.length) {
        out.push({ path: at('csv'), message: `CSV 第 ${r.line} 行有 ${r.fields.length} 个字段，表头有 ${header.length} 个 (field count differs from the header)` });
        reported++;
        continue;
      }
      header.forEach((h, k) => {
        const col = byId.get(h);
        const read = col ? readCell(r.fields[k], col) : { ok: true as const };
        if (!read.ok && reported < 5) {
          out.push({ path: at('csv'), message: `CSV 第 ${r.line} 行 ${h} 列：“${r.fields[k] ?? ''}” ${CELL_MESSAGES[read.code] ?? read.code} (cell does not match the column type)` });
          reported++;
        }
      });
    }
  });
}

/** Parses a formula and checks each name it reads; `names` are the row's columns, `figures` the task's. */
function checkFormula(src: string, path: FieldPath, names: ReadonlySet<string>, figures: ReadonlySet<string>, out: CheckIssue[], allowAggregate: boolean): void {
  try {
    const e = parseExpr(src);
    if (!allowAggregate && hasAggregate(e)) out.push({ path, message: `公式“${src}”不能使用 sum/avg/min/max/count (no aggregates here)` });
    for (const ref of refsOf(e)) {
      if (!names.has(ref.name) && !figures.has(ref.name)) {
        out.push({ path, message: `公式“${src}”第 ${ref.at + 1} 个字符：未知名称 “${ref.name}”，可用：${[...names, ...figures].join(', ')} (unknown name)` });
      }
    }
  } catch (error) {
    if (!(error instanceof ExprError)) throw error;
    out.push({ path, message: `公式“${src}”第 ${error.at + 1} 个字符：${error.message}` });
  }
}

function checkTable(s: WorksheetScenario, p: TablePart, i: number, figures: ReadonlySet<string>, checkIds: { id: string; path: FieldPath }[], out: CheckIssue[]): void {
  const at = (...rest: (string | number)[]): FieldPath => ['parts', i, ...rest];
  checkColumns(p.columns, (j) => at('columns', j), out);
  const source = p.rowsFrom === undefined ? undefined : s.material.find((m) => m.id === p.rowsFrom);
  if (p.rowsFrom !== undefined && (source === undefined || (source.type !== 'table' && source.type !== 'csv'))) {
    const tables = s.material.filter((m) => m.type === 'table' || m.type === 'csv').map((m) => m.id);
    out.push({ path: at('rowsFrom'), message: `材料 "${p.rowsFrom}" 不是表格或 CSV 材料，可选：${tables.join(', ') || '无'} (rowsFrom must name a table or csv material)` });
  }
  const sourceCols = source !== undefined && (source.type === 'table' || source.type === 'csv') ? new Map(source.columns.map((c) => [c.id, c])) : null;
  const names = new Set(p.columns.map((c) => c.id));
  p.columns.forEach((c, j) => {
    if (c.from !== undefined && c.compute !== undefined) out.push({ path: at('columns', j, 'compute'), message: '一列只能是 from（给定）或 compute（计算）之一 (from and compute are exclusive)' });
    if (c.from !== undefined) {
      if (p.rowsFrom === undefined) out.push({ path: at('columns', j, 'from'), message: 'from 需要表格的 rowsFrom (from needs rowsFrom)' });
      else if (sourceCols !== null && !sourceCols.has(c.from)) out.push({ path: at('columns', j, 'from'), message: `材料 "${p.rowsFrom}" 没有列 "${c.from}"，可选：${[...sourceCols.keys()].join(', ')} (unknown material column)` });
      else if (sourceCols?.get(c.from)?.type !== undefined && sourceCols.get(c.from)?.type !== c.type) out.push({ path: at('columns', j, 'type'), message: `类型 ${c.type} 与材料列 ${c.from} 的类型 ${String(sourceCols.get(c.from)?.type)} 不同 (type must match the material column)` });
    }
    if (c.compute !== undefined) checkFormula(c.compute, at('columns', j, 'compute'), names, figures, out, true);
  });
  if (!p.columns.some((c) => roleOf(c) === 'input')) out.push({ path: at('columns'), message: '表格没有需要填写的列：至少一列既无 from 也无 compute (a table part needs an input column)' });
  if (p.minRows > p.maxRows) out.push({ path: at('minRows'), message: `minRows ${p.minRows} 大于 maxRows ${p.maxRows}` });
  const byId = new Map(p.columns.map((c) => [c.id, c]));
  p.checks.forEach((c, k) => {
    const cp = (...rest: (string | number)[]): FieldPath => at('checks', k, ...rest);
    checkIds.push({ id: c.id, path: cp('id') });
    if (c.where !== undefined) checkFormula(c.where, cp('where'), names, figures, out, false);
    if (c.type === 'row') {
      const col = byId.get(c.column);
      if (col === undefined) out.push({ path: cp('column'), message: `列 "${c.column}" 不存在，可选：${[...byId.keys()].join(', ')} (unknown column)` });
      else if (roleOf(col) !== 'input') out.push({ path: cp('column'), message: `列 "${c.column}" 不是填写列，逐行检查只能检查学员填写的列 (a row check checks an input column)` });
      checkFormula(c.expect, cp('expect'), names, figures, out, true);
    } else if (c.type === 'rule') {
      checkFormula(c.rule, cp('rule'), names, figures, out, true);
    } else {
      for (const key of ['start', 'end'] as const) {
        const col = byId.get(c[key]);
        if (col === undefined) out.push({ path: cp(key), message: `列 "${c[key]}" 不存在 (unknown column)` });
        else if (col.type !== 'time' && col.type !== 'date' && col.type !== 'number') out.push({ path: cp(key), message: `列 "${c[key]}" 的类型 ${col.type} 不是时间、日期或数字 (start/end must be time, date or number)` });
      }
      if (c.by !== undefined && !byId.has(c.by)) out.push({ path: cp('by'), message: `列 "${c.by}" 不存在 (unknown column)` });
    }
  });
}

export function checkWorksheet(s: WorksheetScenario, out: CheckIssue[]): void {
  checkMaterial(s, out);
  dupes(s.material.map((m, i) => ({ id: m.id, path: ['material', i, 'id'] })), '材料 id', out);
  dupes(s.parts.map((p, i) => ({ id: p.id, path: ['parts', i, 'id'] })), '作答部分 id', out);
  const figures = new Set(s.material.flatMap((m) => (m.type === 'figures' ? m.items.map((f) => f.id) : [])));
  const checkIds: { id: string; path: FieldPath }[] = [];
  const produced = new Set<string>();
  s.parts.forEach((p, i) => {
    const at = (...rest: (string | number)[]): FieldPath => ['parts', i, ...rest];
    p.skills.forEach((code, j) => {
      produced.add(code);
      if (!s.skills.includes(code)) out.push({ path: at('skills', j), message: `作答部分的技能要求 "${code}" 未在 skills 中声明 (part skill must be listed in skills)` });
    });
    if (p.type === 'table') checkTable(s, p, i, figures, checkIds, out);
    if (p.type === 'choice') {
      dupes(p.options.map((o, j) => ({ id: o.id, path: at('options', j, 'id') })), '选项 id', out);
      const ids = new Set(p.options.map((o) => o.id));
      (p.answer ?? []).forEach((a, j) => {
        if (!ids.has(a)) out.push({ path: at('answer', j), message: `答案 "${a}" 不是选项之一，可选：${[...ids].join(', ')} (answer must be an option id)` });
      });
      if (!p.multiple && (p.answer?.length ?? 0) > 1) out.push({ path: at('answer'), message: '单选题只能有一个答案 (multiple: false allows one answer)' });
      if (p.answer !== undefined) checkIds.push({ id: p.id, path: at('id') });
    }
    if (p.type === 'short_answer') {
      if (p.minChars > p.maxChars) out.push({ path: at('minChars'), message: `minChars ${p.minChars} 大于 maxChars ${p.maxChars}` });
      checkIds.push({ id: p.id, path: at('id') });
    }
  });
  dupes(checkIds, '检查 id', out);
  s.skills.forEach((code, i) => {
    if (!produced.has(code)) out.push({ path: ['skills', i], message: `技能要求 "${code}" 没有作答部分产生证据：在某个 parts[].skills 中列出它 (no part produces evidence of this skill)` });
  });
  const partIds = new Set(s.parts.map((p) => p.id));
  const known = new Set(checkIds.map((c) => c.id));
  s.rubric.forEach((r, i) => {
    r.parts.forEach((id, j) => {
      if (!partIds.has(id)) out.push({ path: ['rubric', i, 'parts', j], message: `作答部分 "${id}" 不存在，可选：${[...partIds].join(', ')} (unknown part)` });
    });
    r.checks.forEach((id, j) => {
      if (!known.has(id)) out.push({ path: ['rubric', i, 'checks', j], message: `自动检查 "${id}" 不存在，可选：${[...known].join(', ') || '无'} (unknown check)` });
    });
    if (r.metrics.length > 0) out.push({ path: ['rubric', i, 'metrics'], message: '作业任务没有直播指标，请用 checks 引用自动检查 (worksheets cite checks, not live-room metrics)' });
  });
}
