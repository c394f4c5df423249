// Delivery metrics from the microphone: pure DSP on Float32Array samples (no WebAudio, no Node),
// shared by the renderer's worker, the CLI on a recording, and the tests.
export { VoiceAnalyser, ANALYSER_DEFAULTS, type AnalyserOptions, type VoiceFrames } from './analyser.ts';
export { integratedLoudness, loudnessRange, lufs, prefixSums } from './loudness.ts';
export { answerPauses, voiceReport, VoiceReportSchema, PackageVoiceSchema, REPORT_DEFAULTS, type ReportOptions, type VoiceReport, type VoiceMinute, type VoiceLanes, type PackageVoice } from './report.ts';
export { voiceImprovements, DELIVERY_SKILLS, VOICE_IMPROVEMENTS, VOICE_NORMS, type VoiceImprovement, type VoiceImprovementCode } from './improve.ts';
