// The worksheet task kind (结构化作业): given material (tables, a CSV of sales data, figures such as
// a budget, texts) and typed parts the trainee fills (tables with given, input and computed
// columns, choices, short answers, an uploaded document). Automatic checks where an answer can be
// checked (a margin or a break-even computed right, a selection within the constraints, a budget
// that adds up, a schedule without clashes); rubric items for the assessor where it cannot.
// Each part names the skill codes its evidence serves. Pure: zod only.
import { z } from 'zod';
import { Id, Localized, RubricItem, TaskBase, Text } from '../format/schema.ts';
import { SkillCode } from '../standard/codes.ts';

/** A name a formula can use: a column or a figure (lowercase, digits, underscore). */
export const Ident = z.string().regex(/^[a-z][a-z0-9_]*$/, { error: '应为公式可用的名称：小写字母开头，只含小写字母、数字和下划线，如 "unit_cost" (expected an identifier)' });

export const VALUE_TYPES = ['text', 'number', 'money', 'percent', 'boolean', 'choice', 'date', 'time'] as const;
export const ValueType = z.enum(VALUE_TYPES);
export type ValueType = z.infer<typeof ValueType>;

/** A cell as written in a material table: text, number or yes/no. */
export const Cell = z.union([z.string().max(500), z.number(), z.boolean()]);
export type Cell = z.infer<typeof Cell>;

export const Column = z.strictObject({
  id: Ident,
  title: Localized,
  type: ValueType,
  /** 元, 件, %, 人 … shown after the value. */
  unit: Text.optional(),
  /** The values a choice column allows. */
  options: z.array(Text).min(2).max(50).optional(),
});
export type Column = z.infer<typeof Column>;

const MaterialBase = { id: Ident, title: Localized, note: Localized.optional() };

export const TableMaterial = z.strictObject({ ...MaterialBase, type: z.literal('table'), columns: z.array(Column).min(1).max(30), rows: z.array(z.record(z.string(), Cell)).min(1).max(5000) });
/** Data as the trainee would get it (last month's sales export): a header line of column ids, then rows. */
export const CsvMaterial = z.strictObject({ ...MaterialBase, type: z.literal('csv'), columns: z.array(Column).min(1).max(30), csv: z.string().min(1).max(2_000_000) });
export const TextMaterial = z.strictObject({ ...MaterialBase, type: z.literal('text'), text: Localized });
/** Named numbers a formula can read (budget, target GMV, commission rate). */
export const FiguresMaterial = z.strictObject({
  ...MaterialBase,
  type: z.literal('figures'),
  items: z.array(z.strictObject({ id: Ident, title: Localized, value: z.number(), unit: Text.optional() })).min(1).max(50),
});

export const Material = z.discriminatedUnion('type', [TableMaterial, CsvMaterial, TextMaterial, FiguresMaterial], {
  error: '材料类型 type 应为 table、csv、text 或 figures (expected type: table | csv | text | figures)',
});
export type Material = z.infer<typeof Material>;

/**
 * A column of a part's table: given (`from`, copied from the material row), computed (`compute`,
 * shown to the trainee), or input (neither: the trainee fills it).
 */
export const PartColumn = Column.extend({
  from: Ident.optional(),
  compute: z.string().min(1).max(500).optional(),
  /** An input cell may be left empty (default: every input cell must be filled). */
  optional: z.boolean().default(false),
});
export type PartColumn = z.infer<typeof PartColumn>;

const CheckBase = {
  id: Id,
  /** What the check verifies, as the trainee and assessor read it. */
  title: Localized,
  /** Only the rows where this formula is true (e.g. `picked` for the chosen products). */
  where: z.string().min(1).max(500).optional(),
};

/** Each row's input `column` equals `expect` within `tolerance` (a margin, a break-even, a total). */
export const RowCheck = z.strictObject({ ...CheckBase, type: z.literal('row'), column: Ident, expect: z.string().min(1).max(500), tolerance: z.number().nonnegative().max(1e9).default(0) });
/** A rule over the rows, which may aggregate: `sum(qty * cost) <= budget`, `count() == 3`, `min(margin) >= 20`. */
export const RuleCheck = z.strictObject({ ...CheckBase, type: z.literal('rule'), rule: z.string().min(1).max(500) });
/** No two rows (of the same `by`, e.g. the same host or room) overlap between `start` and `end`. */
export const ClashCheck = z.strictObject({ ...CheckBase, type: z.literal('no_clash'), start: Ident, end: Ident, by: Ident.optional() });

export const TableCheck = z.discriminatedUnion('type', [RowCheck, RuleCheck, ClashCheck], {
  error: '检查类型 type 应为 row、rule 或 no_clash (expected type: row | rule | no_clash)',
});
export type TableCheck = z.infer<typeof TableCheck>;

const PartBase = {
  id: Id,
  title: Localized,
  /** What to do, as the trainee reads it. */
  prompt: Localized,
  /** The skill codes this part's filled answer is evidence of. */
  skills: z.array(SkillCode).min(1),
};

export const TablePart = z.strictObject({
  ...PartBase,
  type: z.literal('table'),
  /** One row per row of this material table (or CSV); without it the trainee adds rows. */
  rowsFrom: Ident.optional(),
  /** Rows the trainee adds (without rowsFrom). */
  minRows: z.number().int().min(1).max(200).default(1),
  maxRows: z.number().int().min(1).max(200).default(20),
  columns: z.array(PartColumn).min(1).max(30),
  checks: z.array(TableCheck).default([]),
});
export type TablePart = z.infer<typeof TablePart>;

export const ChoicePart = z.strictObject({
  ...PartBase,
  type: z.literal('choice'),
  options: z.array(z.strictObject({ id: Id, text: Localized })).min(2).max(20),
  multiple: z.boolean().default(false),
  /** The right option(s), checked automatically; without it the assessor judges the choice. */
  answer: z.array(Id).min(1).optional(),
});
export type ChoicePart = z.infer<typeof ChoicePart>;

export const ShortAnswerPart = z.strictObject({
  ...PartBase,
  type: z.literal('short_answer'),
  minChars: z.number().int().min(1).max(5000).default(10),
  maxChars: z.number().int().min(1).max(5000).default(800),
  /** Seller-facing text (an introduction, a script): banned words of the advertising law are flagged. */
  compliance: z.boolean().default(false),
});
export type ShortAnswerPart = z.infer<typeof ShortAnswerPart>;

export const UPLOAD_TYPES = ['pdf', 'docx', 'xlsx', 'pptx', 'png', 'jpg', 'txt', 'csv'] as const;
export const UploadPart = z.strictObject({
  ...PartBase,
  type: z.literal('upload'),
  accept: z.array(z.enum(UPLOAD_TYPES)).min(1),
  maxKb: z.number().int().min(1).max(8192).default(2048),
});
export type UploadPart = z.infer<typeof UploadPart>;

export const Part = z.discriminatedUnion('type', [TablePart, ChoicePart, ShortAnswerPart, UploadPart], {
  error: '作答部分类型 type 应为 table、choice、short_answer 或 upload (expected type: table | choice | short_answer | upload)',
});
export type Part = z.infer<typeof Part>;
export type PartType = Part['type'];

/** A worksheet rubric item names the parts the assessor reads for it and the automatic checks shown beside it. */
export const WorksheetRubricItem = RubricItem.extend({
  parts: z.array(Id).min(1),
  checks: z.array(Id).default([]),
});
export type WorksheetRubricItem = z.infer<typeof WorksheetRubricItem>;

export const WorksheetScenario = z.strictObject({
  kind: z.literal('worksheet'),
  ...TaskBase,
  material: z.array(Material).min(1).max(20),
  parts: z.array(Part).min(1).max(30),
  rubric: z.array(WorksheetRubricItem).min(1),
});
export type WorksheetScenario = z.infer<typeof WorksheetScenario>;

