// Evidence packages: records, hash chain, manifest, verification, clock maths, WebM closing.
export * from './canonical.ts';
export * from './clock.ts';
export * from './ebml.ts';
export * from './hasher.ts';
export * from './manifest.ts';
export * from './record.ts';
export * from './replay.ts';
export * from './seal.ts';
export * from './verify.ts';
export * from './webm-close.ts';
export * from './transcript.ts';
