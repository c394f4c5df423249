// Public API of the banned-word check (广告法 / platform rules) used by the scenario format and the engine.
export type { BannedCategory, BannedCategoryId, BannedEntry, BannedSeverity } from './banned-words.ts';
export { BANNED_CATEGORIES, FALSE_POSITIVES } from './banned-words.ts';
export type { BannedHit } from './scan.ts';
export { bannedOnly, normalise, scanText } from './scan.ts';
export type { SpokenHit, SpokenPoint, TranscriptFindings } from './transcript.ts';
export { scanTranscript, spokenPoints, transcriptFindings, TranscriptFindingsSchema } from './transcript.ts';
