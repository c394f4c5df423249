// What the task list says when the chosen work type and level have no task: the levels of the same
// work type that do have tasks, or, when the work type has none at all, to pick another work type
// (telling the trainee to change the level then would send them to another empty list).
export type PickerAdvice = { key: 'emptyOtherLevels'; levels: number[] } | { key: 'emptyNoWorkType' };

/** `ofWorkType`: every task of the chosen work type, any level. */
export function emptyPickerAdvice(ofWorkType: readonly { level: number }[]): PickerAdvice {
  const levels = [...new Set(ofWorkType.map((s) => s.level))].sort((a, b) => b - a);
  return levels.length === 0 ? { key: 'emptyNoWorkType' } : { key: 'emptyOtherLevels', levels };
}
