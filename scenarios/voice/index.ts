// Delivery metrics from the microphone: pure DSP on Float32Array samples (no WebAudio, no Node),
// shared by the renderer's worker, the CLI on a recording, and the tests.
export { VoiceAnalyser, ANALYSER_DEFAULTS, type AnalyserOptions, type VoiceFrames } from './analyser.ts';
export { integratedLoudness, loudnessRange, lufs, prefixSums } from './loudness.ts';
export { answerPauses, voiceReport, VoiceReportSchema, REPORT_DEFAULTS, type ReportOptions, type VoiceReport, type VoiceMinute, type VoiceLanes } from './report.ts';
