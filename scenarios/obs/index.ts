// OBS records for the engine, the evidence and the UI (see records.ts).
export * from './records.ts';
