// Blind scoring: an assessor sees only their own sheet until they have signed it; drafts are
// never shown to anyone else; anyone who is not on the panel (考务, the printed sheet) sees the
// scores once the panel is complete. Pure: the service and the UI both ask this function.

export interface VisibilityFacts {
  /** Assessors with a signed sheet. */
  signed: ReadonlySet<string>;
  /** Every draft signed and the panel keeps the rules of its mode. */
  panelComplete: boolean;
}

export type Viewer = { kind: 'assessor'; assessorId: string } | { kind: 'public' };

/** Whether `viewer` may see the scores on `owner`'s sheet. */
export function canSeeScores(viewer: Viewer, owner: string, facts: VisibilityFacts): boolean {
  if (viewer.kind === 'assessor' && viewer.assessorId === owner) return true;
  if (!facts.signed.has(owner)) return false; // drafts stay private
  if (viewer.kind === 'assessor') return facts.signed.has(viewer.assessorId);
  return facts.panelComplete;
}

/** Whether `viewer` may see the panel's result (final score, flags). */
export function canSeeResult(viewer: Viewer, facts: VisibilityFacts): boolean {
  if (viewer.kind === 'assessor') return facts.signed.has(viewer.assessorId);
  return facts.panelComplete;
}

/** Why the scores are hidden, for the UI (null when they are shown). */
export function hiddenReason(viewer: Viewer, facts: VisibilityFacts): string | null {
  if (canSeeResult(viewer, facts)) return null;
  return viewer.kind === 'assessor' ? '独立评分：签名之后才能看到其他考评员的评分' : '评分尚未完成：全部考评员签名且考评组符合规定后才公布成绩';
}
