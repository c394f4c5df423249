// Review strings in English, typed from the Chinese shape. Imported by locales/en.ts.
import type reviewZh from './locale-zh.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const review: Shape<typeof reviewZh> = {
  title: 'Review',
  none: 'No session to review yet. Run a task in the live room first.',
  ended: { time_up: 'Time up: the live ended by itself', trainee: 'You ended the live' },
  evidence: { saved: 'Video and data saved in evidence package {{id}}', failed: 'Evidence recording error: {{message}}', off: 'No evidence package this time' },
  speed: 'sped up ×{{speed}} (test mode)',
  again: 'Practise again',
  openEvidence: 'Open evidence',
  home: 'Home',
  head: { duration: 'Duration', entered: 'Entered', peak: 'Peak online', orders: 'Orders / units', gmv: 'GMV', conversion: 'Conversion', answered: 'Answered / due', latency: 'Reply time p50/p90' },
  improve: { title: 'Three things most worth improving', none: 'Nothing stands out to improve this time. Keep it up!' },
  charts: {
    title: 'Over time',
    viewers: 'Viewers online',
    viewersHint: 'numbered circles: the events listed below',
    comments: 'Comments per minute',
    commentsHint: 'darker: hidden by a mute or a blocked keyword',
    orders: 'Orders (per {{seconds}} s)',
    faultSpan: 'fault',
    deadAirSpan: 'dead air',
  },
  video: 'Recording: click a time to jump there (a voice answer’s mark is the moment you answered)',
  csv: {
    title: 'Export data (CSV)',
    hint: 'Counting marketing data is itself assessed (5:7.2.1, 5:7.2.2). UTF-8 files; Excel opens them directly.',
    minutes: 'By minute',
    replies: 'Questions & replies',
    actions: 'All actions',
    orders: 'Orders',
  },
  rubric: { title: 'Rubric items and automatic metrics', item: 'Item', skills: 'Skill requirements', metrics: 'Automatic metrics (for the assessor)', points: '{{points}} pts', all: 'All automatic metrics' },
  replies: {
    title: 'Comments that needed an answer ({{count}})',
    asked: 'Time',
    comment: 'Comment',
    status: 'Result',
    answered: 'Answered (took)',
    how: 'How',
    seek: 'Jump to this moment in the recording',
    statuses: { on_time: 'on time', late: 'late', unanswered: 'unanswered', pending: 'not yet due at the end' },
    via: { voice: 'voice', typed: 'typed', faq: 'FAQ' },
    with: 'answered with a same-topic question',
  },
};

export default review;
