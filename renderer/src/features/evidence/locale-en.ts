// Evidence UI strings in English, typed from the Chinese shape. Imported by locales/en.ts.
import type evidenceZh from './locale-zh.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const evidenceEn: Shape<typeof evidenceZh> = {
  title: 'Evidence',
  topButton: 'Evidence',
  intro: "Every task's video, event log and check results are kept in the local data folder, hash-chained record by record, so any change can be detected; a package cut off by a crash is recovered on the next start.",
  trial: {
    heading: 'Trial recording',
    hint: 'Record a few seconds of the 3-minute practice scenario (camera and microphone) into a complete package and verify it.',
    length: 'Length',
    seconds: '{{seconds}} s',
    start: 'Start trial',
    stop: 'Stop',
    starting: 'Opening camera and microphone…',
    recording: 'Recording {{seconds}} s · {{chunks}} chunks written',
    finishing: 'Finishing…',
    verifying: 'Verifying…',
    failed: 'Trial failed: {{message}}',
  },
  list: {
    heading: 'Packages on this computer',
    empty: 'No packages yet.',
    refresh: 'Refresh',
    session: 'Session',
    candidate: 'Candidate',
    scenario: 'Scenario',
    duration: 'Video',
    status: 'Status',
    actions: 'Actions',
    verify: 'Verify',
    export: 'Export',
    exported: 'Exported: {{file}}',
    exportFailed: 'Export failed: {{message}}',
  },
  status: { recording: 'Recording', complete: 'Complete', recovered: 'Recovered' },
  stop: { finished: 'Finished', disk_full: 'Disk full', write_error: 'Write error', crash: 'Crashed' },
  verdict: {
    valid: 'Valid: chain, file hashes, manifest and video are intact ({{records}} records)',
    invalid: 'Invalid: {{count}} problem(s) found',
    where: 'Where',
  },
  stopped: 'Recording stopped by itself: {{message}}',
  recovered: '{{count}} package(s) cut off last time were recovered.',
};

export default evidenceEn;
