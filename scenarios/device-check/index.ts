// The device check as pure domain logic: thresholds, measurement maths, verdicts, the record.
export * from './thresholds.ts';
export * from './signal.ts';
export * from './picture.ts';
export * from './network.ts';
export * from './disk.ts';
export * from './record.ts';
export * from './findings.ts';
export * from './measure.ts';
export * from './judge-media.ts';
export * from './judge-system.ts';
export * from './build.ts';
export * from './obs.ts';
