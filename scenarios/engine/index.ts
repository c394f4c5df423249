// Public API of the session engine. See README.md here for how the live room uses it and
// MODEL.md for the audience and conversion formulas.
export type * from './types.ts';
export { HOST_PROMPT_TOPICS } from './types.ts';
export { HOST_LINE_HOLD_MS, HOST_WARN_WINDOW_MS, hostLineAt, hostLineBanned, riskyLineBefore, type SaidLine } from './host.ts';
export { createSession, deserialize, serialize, fen, type SessionOptions, ARRIVAL_REASONS, LEAVE_REASONS } from './session.ts';
export { replay, step } from './step.ts';
export { rebuildSession, type LoggedSession, type Rebuilt } from './rebuild.ts';
export { InputSchema, parseInput } from './inputs.ts';
export { computeMetrics, percentile, type FaultMetric, type KindCount, type ReplyItem, type SeriesRow, type SessionMetrics } from './metrics.ts';
export { improvements, type Improvement, type ImprovementKey } from './improve.ts';
export { metricLine, metricTable, rubricEvidence, type MetricLine, type MetricValue, type MetricValueKey, type RubricEvidence } from './summary.ts';
export { FAULTS, REACTIONS, remedyFor, type FaultImpact, type FaultInfo, type FaultKey, type Remedy, type RemedyId, type RemedyKey, type SessionFaultKind } from './remedies.ts';
export { MODEL } from './model.ts';
export { sessionCsv, type SessionCsv } from './export.ts';
export { activeFaults, currentQuestion, openQuestions, viewerReasonKey, type ViewerReasonKey } from './queries.ts';
