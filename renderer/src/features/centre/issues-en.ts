// The exam-domain codes in English, typed from the Chinese shape (issues-zh.ts).
import type issuesZh from './issues-zh.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const issuesEn: Shape<typeof issuesZh> = {
  duration: { skill: 'The skill exam lasts {{minutes}} min; it must last at least {{min}} min (standard 1.9.4)' },
  skill: {
    panelMin: 'Each candidate’s panel has {{panelSize}} assessors; it needs {{min}} or more (standard 1.9.3)',
    panelOdd: 'A panel of {{panelSize}} assessors must be an odd number (standard 1.9.3)',
    minAssessors: 'The sitting has {{assessors}} assessors, fewer than the {{min}} required (standard 1.9.3)',
    panelUnfilled: '{{assessors}} assessors cannot form a panel of {{panelSize}}',
    assessorRatio: 'Assessors to candidates must be 1:{{per}}: {{candidates}} candidates need at least {{needed}} assessors, there are {{assessors}} (standard 1.9.3)',
  },
  marks: {
    fullMarks: 'Full marks are {{fullMarks}}; the standard scores out of {{required}}',
    passMark: 'The pass mark is {{passMark}}; the standard passes at {{required}} or more',
  },
  assign: {
    conflicts: 'After conflicts of interest candidate {{candidate}} ({{candidateId}}) has only {{eligible}} eligible assessors; the panel needs {{panelSize}} (assessors kept off: {{excludedNames}})',
    noPanel: 'Candidate {{candidate}} ({{candidateId}}) has no panel',
    panelSize: 'Candidate {{candidate}} ({{candidateId}}) has a panel of {{size}}; it should be {{panelSize}}',
    repeatedAssessor: 'Candidate {{candidate}} ({{candidateId}})’s panel lists an assessor twice',
    unknownAssessor: 'Assessor {{assessorId}} is not assigned to this sitting (candidate {{candidate}})',
    conflictKept: 'Assessor {{assessor}} ({{assessorId}}) must not score candidate {{candidate}} ({{candidateId}})',
  },
  day: {
    clockStarted: 'Round {{round}} started at {{startedAt}}; it cannot start again',
    noSuchRound: 'There is no round {{round}} (the sitting has {{rounds}})',
    photoTooLarge: 'The photo is {{bytes}} bytes, over {{max}}',
    photoNotJpeg: 'The photo is not a JPEG image',
    identity: {
      format: '“{{entered}}” is not an 18-digit citizen ID number (candidate {{candidate}})',
      birthDate: '“{{entered}}” has an invalid birth date (candidate {{candidate}})',
      checksum: '“{{entered}}” has a wrong check character (GB 11643): type or scan it again (candidate {{candidate}})',
      mismatch: '“{{entered}}” is not the ID number on the roster for candidate {{candidate}} ({{candidateId}})',
      mismatchOther: '“{{entered}}” is not the ID number on the roster for candidate {{candidate}} ({{candidateId}}): it is candidate {{other}}’s',
      notChecked: 'Candidate {{candidate}} ({{candidateId}}) has not had an identity check: the package holds no identity record',
      noPhoto: 'Candidate {{candidate}} ({{candidateId}}) was checked without a photo: the package holds the check only',
      photoChanged: 'Candidate {{candidate}}’s identity photo {{file}} is missing or changed: it was not put into the package',
      unmatched: 'Candidate {{candidate}} ({{candidateId}}) failed the latest identity check',
      noEvidence: 'No evidence service here: the identity record cannot be put into the package',
    },
  },
  draw: {
    noCandidates: 'No candidates to draw yet',
    noStations: 'No stations to draw to',
    tooManyRounds: '{{candidates}} candidates on {{stations}} stations need {{rounds}} rounds, more than {{maxRounds}}: add stations',
  },
  roster: {
    noHeader: 'The file has no header row',
    missingColumn: 'Column “{{column}}” is missing',
    duplicateColumn: 'Column “{{column}}” appears twice',
    empty: 'Must not be empty',
    tooLong: 'Longer than {{max}} characters',
    id: {
      format: 'ID number “{{value}}” is not an 18-character resident ID',
      birthDate: 'ID number “{{value}}” has an invalid birth date',
      checksum: 'ID number “{{value}}” fails its check digit',
    },
    unknownWorkType: 'Unknown work type “{{value}}” (选品员, 直播销售员, 视频创推员 or 平台管理员)',
    otherWorkType: 'Work type “{{value}}” is not this sitting’s',
    unknownLevel: 'Unknown level “{{value}}” (五级 to 一级)',
    otherLevel: 'Level “{{value}}” is not this sitting’s',
    levelNotOffered: 'This work type has no level {{level}}',
    unknownAttempt: '“{{value}}” should be 新考 (first attempt) or 补考 (retake)',
    duplicate: 'Same candidate as row {{firstRow}} (ID {{value}})',
    duplicateTicket: 'Ticket number {{value}} repeats row {{firstRow}}',
    alreadyInSitting: '{{value}} is already on this sitting’s roster',
  },
  rosterFile: {
    unreadable: 'The file cannot be read ({{detail}})',
    tooLarge: 'The file is too large ({{bytes}} bytes, limit {{max}})',
    unknownFormat: 'Unsupported file type: use CSV or XLSX',
    badXlsx: 'Not a valid XLSX file ({{detail}})',
    noSheet: 'The XLSX file has no worksheet',
  },
  result: {
    noEvidence: 'No recorded task yet',
    notOnPanel: 'Assessor {{assessorId}} is not on this candidate’s panel; their sheet does not count',
    unsigned: '{{count}} assessors have not signed yet',
  },
  panel: {
    mixedModes: 'The score sheets are in different modes',
    rubricDiffers: 'The score sheets do not share the same rubric',
  },
  evidence: {
    missing: 'Evidence package {{sessionId}} of candidate {{candidateId}} is not in the data folder',
    changed: 'The manifest of package {{sessionId}} (candidate {{candidateId}}) changed since it was linked',
  },
  recheck: {
    itemMissing: 'Assessor {{assessorId}}’s sheet has no entry for “{{item}}”',
    itemOverMax: 'Assessor {{assessorId}} gave “{{item}}” {{score}}, above its maximum {{max}}',
    sheetSum: 'Assessor {{assessorId}}’s items add up to {{sum}}, not the total {{total}}',
    mean: 'The re-added sheets average {{mean}}, not the published {{published}}',
  },
  store: {
    noSitting: 'No sitting {{sittingId}}',
    sittingExists: 'Sitting {{sittingId}} already exists',
    noCandidate: 'No candidate {{candidateId}}',
    noAssessor: 'No assessor {{assessorId}}',
  },
};
export default issuesEn;
