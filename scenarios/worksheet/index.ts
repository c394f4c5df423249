// Public API of the worksheet task kind: the file schema, the filled answers, the checks.
export * from './schema.ts';
export * from './answers.ts';
export * from './grade.ts';
export { checkWorksheet } from './check.ts';
export { evaluate, parseExpr, ExprError, type Expr, type Value } from './expr.ts';
export { prepare, roleOf, givenText, givenValue, materialRows, type ColumnRole, type PreparedWorksheet, type PreparedTable, type MaterialTable } from './model.ts';
export { parseCsv, readCell } from './values.ts';
