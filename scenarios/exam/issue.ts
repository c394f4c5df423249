// What the exam domain reports: a stable code and the params the UI needs to say it in words.
// Text lives in the UI (renderer/src/i18n) and the CLI; these modules only name things.

export type IssueParams = Readonly<Record<string, string | number | boolean | null>>;

export interface ExamIssue {
  /** Stable code, e.g. "skill.panelOdd", "roster.idChecksum". */
  code: string;
  params: IssueParams;
}

/** An issue found at a place in an imported file. Rows and columns count from 1, as in a spreadsheet. */
export interface LocatedIssue extends ExamIssue {
  row: number;
  /** Spreadsheet column letter (A, B, …), or null when the issue is about the whole row or file. */
  column: string | null;
  /** The header of that column as the file spells it, or null. */
  field: string | null;
}

export function issue(code: string, params: IssueParams = {}): ExamIssue {
  return { code, params };
}

/** Spreadsheet letters for a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
