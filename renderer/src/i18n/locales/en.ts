import assessor from '../../features/assessor/locale-en.ts';
import centre from '../../features/centre/locale-en.ts';
import deviceCheck from '../../features/device-check/locale-en.ts';
import evidence from '../../features/evidence/locale-en.ts';
import liveRoom from '../../features/live-room/locale-en.ts';
import timeline from './timeline-en.ts';
import engine from './engine-en.ts';
import review from '../../features/review/locale-en.ts';
import worksheet from '../../features/worksheet/locale-en.ts';
import type zhCN from './zh-CN.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const en: Shape<typeof zhCN> = {
  app: {
    title: 'LiveDrill',
    subtitle: 'Internet Marketer national skill standard (2021) · practical-skill training',
    language: '中文',
    connecting: 'Connecting to the local service…',
    connectionFailed: 'Cannot reach the local service: {{message}}',
    tokenRefused: 'The access token is out of date or wrong: this address is from an earlier start. Open the full address (with ?token=) that the app printed this time.',
    tokenMissing: 'The address has no access token: open the full address (with ?token=) that the app printed at start.',
    transport: { ipc: 'Desktop', websocket: 'Browser mode' },
    dataDir: 'Data folder',
    version: 'Version',
  },
  role: {
    heading: 'I am here to',
    trainee: 'Practise',
    traineeHint: 'Trainee: device check, practical tasks, review',
    assessor: 'Assess',
    assessorHint: 'Assessor: open evidence, score by skill code',
    centre: 'Organise',
    centreHint: 'Training centre: run mock exams',
  },
  selection: {
    workType: 'Work type',
    level: 'Level',
    notOffered: '{{workType}} has no {{level}}',
  },
  catalogue: {
    heading: '{{workType}} · {{level}}: skill requirements',
    count: '{{count}} items',
    includeLower: 'Include lower levels (higher levels cover the lower ones)',
    weights: 'Skill-exam weights',
    theoryWeights: 'Theory-exam weights',
    function: 'Occupational function',
    percent: 'Weight',
    total: 'Total',
    fromLevel: '{{level}} requirement',
    appliesTo: 'Work types: {{types}}',
    allTypes: 'Common to every work type assessed on this function',
    empty: 'No skill requirement matches.',
    loading: 'Reading the standard…',
    rules: 'Exam rules: skill exam scored out of 100, pass at 60; one assessor per 5 candidates, at least 3 and an odd number; the skill exam lasts at least 90 minutes.',
  },
  deviceCheck,
  assessor,
  centre,
  evidence,
  liveRoom,
  review,
  worksheet,
  engine,
  timeline,
};

export default en;
