// Groups skill requirements for display: level (when lower levels are included) → function →
// work content, keeping the standard's order.
import type { SkillItem } from '../../../../electron/contract/standard.ts';

export interface ContentGroup {
  content: string;
  contentName: string;
  skills: SkillItem[];
}
export interface FunctionGroup {
  key: string;
  level: number;
  function: number;
  functionName: string;
  contents: ContentGroup[];
}

export function groupSkills(skills: readonly SkillItem[]): FunctionGroup[] {
  const groups: FunctionGroup[] = [];
  for (const skill of skills) {
    const key = `${skill.level}:${skill.function}`;
    let group = groups.find((g) => g.key === key);
    if (!group) {
      group = { key, level: skill.level, function: skill.function, functionName: skill.functionName, contents: [] };
      groups.push(group);
    }
    let content = group.contents.find((c) => c.content === skill.content);
    if (!content) {
      content = { content: skill.content, contentName: skill.contentName, skills: [] };
      group.contents.push(content);
    }
    content.skills.push(skill);
  }
  return groups;
}
