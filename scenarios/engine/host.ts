// The simulated host of a 平台管理员 task: which line of the scenario's talk track is said at a
// session time, and which lines break the rules (banned words), so a warning from the
// administrator can be judged. Pure; the live room draws the host and captions the line.
import { bannedOnly, scanText } from '../compliance/index.ts';
import type { HostLine, LiveRoomScenario } from '../format/schema.ts';

/** A last line (or a line before a long gap) stays up this long. */
export const HOST_LINE_HOLD_MS = 12_000;
/** A warning within this long after a rule-breaking line answers it. */
export const HOST_WARN_WINDOW_MS = 60_000;

export interface SaidLine {
  index: number;
  line: HostLine;
  from: number;
  until: number;
}

/** The line said at `t` (ms), or null between lines, before the first and when there is no simulated host. */
export function hostLineAt(scenario: Pick<LiveRoomScenario, 'host'>, t: number): SaidLine | null {
  const lines = scenario.host?.lines ?? [];
  let index = -1;
  for (let i = 0; i < lines.length && (lines[i]?.at ?? Infinity) * 1000 <= t; i++) index = i;
  const line = lines[index];
  if (line === undefined) return null;
  const from = line.at * 1000;
  const next = lines[index + 1];
  const until = Math.min(next === undefined ? Infinity : next.at * 1000, from + HOST_LINE_HOLD_MS);
  return t < until ? { index, line, from, until } : null;
}

/** The banned words of a host line ([] for a compliant one). */
export function hostLineBanned(line: HostLine): string[] {
  return bannedOnly(scanText(line.text)).map((h) => h.word);
}

/** The latest rule-breaking line said in the warning window before `t`, or null. */
export function riskyLineBefore(scenario: Pick<LiveRoomScenario, 'host'>, t: number): { index: number; words: string[] } | null {
  const lines = scenario.host?.lines ?? [];
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (line === undefined || line.at * 1000 > t) continue;
    if (t - line.at * 1000 > HOST_WARN_WINDOW_MS) return null;
    const words = hostLineBanned(line);
    if (words.length > 0) return { index: i, words };
  }
  return null;
}
