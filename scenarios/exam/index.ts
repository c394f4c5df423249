// The training centre's exam domain (考务): sittings by the rules of section 1.9, the roster with
// located issues, the seeded station draw, panels with 回避, results, analytics, 复核 and amendments.
// Pure: no Node, React or Electron; codes + params out, text in the UI.
export * from './analytics.ts';
export * from './assign.ts';
export * from './day.ts';
export * from './draw.ts';
export * from './id-number.ts';
export * from './issue.ts';
export * from './records.ts';
export * from './results.ts';
export * from './roster.ts';
export * from './sitting.ts';
