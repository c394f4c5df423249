// Worksheet strings in English. Imported by locales/en.ts.
const worksheet = {
  tag: 'worksheet',
  none: 'Pick a worksheet task in the task list first.',
  brief: {
    meta: 'Work type {{workTypes}} · level {{level}} · about {{minutes}} min · {{parts}} parts to fill',
    candidate: 'Candidate name',
    start: 'Start',
    back: 'Back to the tasks',
    evidence: 'Once started, every entry, check and the submission are logged with their times in the evidence package (hash chain); submitting closes and verifies it.',
  },
  material: {
    heading: 'Given material',
    more: 'First {{shown}} of {{count}} rows',
  },
  part: { skills: 'Skills:' },
  table: {
    computed: 'computed',
    addRow: 'Add a row',
    removeRow: 'Remove the last row',
  },
  short: {
    count: '{{chars}} characters ({{min}}–{{max}})',
    compliance: 'checked for words banned by the advertising law',
  },
  upload: {
    accept: '{{types}}, up to {{max}} KB',
    stored: 'Stored in the evidence: {{name}} ({{kb}} KB, SHA-256 {{hash}}…)',
    tooBig: 'The file is over {{max}} KB; make it smaller',
  },
  check: {
    run: 'Check',
    none: 'Not checked yet',
    summary: 'Check {{run}}: {{passed}} passed · {{failed}} failed · {{incomplete}} incomplete',
    stale: 'answers changed, check again',
    more: '{{count}} more',
    status: { pass: '✓ passed', fail: '✗ failed', incomplete: '… incomplete' },
  },
  failure: {
    mismatch: 'Row {{row}} “{{column}}”: {{got}} does not match the calculation',
    mismatchExpected: 'Row {{row}} “{{column}}”: {{got}}, should be {{expected}} (tolerance {{tolerance}})',
    rule_false: 'Not met: {{rule}}',
    clash: 'Row {{row}} clashes with row {{with}}',
    wrong_choice: 'The answer chosen is not right',
    banned_word: 'Banned word “{{word}}” ({{category}}); try: {{advice}}',
    too_short: '{{chars}} characters, fewer than {{min}}',
    too_long: '{{chars}} characters, more than {{max}}',
  },
  fill: {
    progress: '{{done}} of {{total}} parts answered',
    submit: 'Submit',
    submitting: 'Submitting…',
    submitted: 'Submitted.',
    verified: 'Evidence package verified ({{records}} records).',
    notVerified: 'The evidence package did not verify; tell the exam staff.',
    home: 'Home',
  },
  assessor: {
    heading: 'The worksheet as submitted',
    submittedAt: 'Submitted at {{minutes}} min {{seconds}} s · {{inputs}} entries · {{checks}} checks',
    empty: '(not answered)',
    rubricFor: 'Rubric:',
    upload: 'Uploaded: {{name}} ({{kb}} KB, SHA-256 {{hash}}…)',
    noSubmit: 'This package has no submission (the worksheet was not handed in).',
    loading: 'Reading the worksheet…',
    checks: 'Automatic checks of the submitted sheet: {{passed}} passed · {{failed}} failed · {{incomplete}} incomplete',
  },
};

export default worksheet;
