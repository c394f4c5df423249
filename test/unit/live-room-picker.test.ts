// The task list's advice when the chosen work type and level have no task (issue 10, item 8): the
// levels of the work type that do have tasks, or another work type when it has none — never "change
// the level" for a work type without any task.
import { describe, expect, it } from 'vitest';
import { emptyPickerAdvice } from '../../renderer/src/features/live-room/picker-advice.ts';
import zh from '../../renderer/src/features/live-room/locale-zh.ts';

describe('emptyPickerAdvice', () => {
  it('names the levels that have tasks, highest first, each once', () => {
    expect(emptyPickerAdvice([{ level: 5 }, { level: 3 }, { level: 5 }, { level: 4 }])).toEqual({ key: 'emptyOtherLevels', levels: [5, 4, 3] });
  });

  it('sends the trainee to another work type when this one has no task at all', () => {
    expect(emptyPickerAdvice([])).toEqual({ key: 'emptyNoWorkType' });
    expect(zh.picker.emptyNoWorkType).toContain('换一个工种');
    expect(zh.picker.emptyNoWorkType).not.toContain('换一个等级');
  });

});
