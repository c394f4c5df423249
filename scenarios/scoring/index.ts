// Scoring: rubric by skill code and function, score checks, signed sheets, the ledger, the
// panel's result and disagreement, blind-scoring visibility, CSV, the assessor's timeline.
export * from './csv.ts';
export * from './ledger.ts';
export * from './metrics.ts';
export * from './panel.ts';
export * from './rubric.ts';
export * from './sheet.ts';
export * from './timeline.ts';
export * from './verify.ts';
export * from './visibility.ts';
