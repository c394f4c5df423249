// The network and OBS cards' advice points at their own form by the field's label, never by a
// direction: the form sits above the findings, and the advice said "请在下方填写" (issue 10 item 8).
import { describe, expect, it } from 'vitest';
import en from '../../renderer/src/features/device-check/locale-en.ts';
import zh from '../../renderer/src/features/device-check/locale-zh.ts';

const DIRECTIONS = /下方|上方|below|above/i;

describe.each([
  ['zh-CN', zh, (label: string) => `「${label}」`],
  ['en', en, (label: string) => `"${label}"`],
] as const)('device check advice (%s)', (_lang, l, quoted) => {
  it('names the ingest field instead of saying where it is', () => {
    expect(l.advice.network.noIngest).not.toMatch(DIRECTIONS);
    expect(l.advice.network.noIngest).toContain(quoted(l.network.ingest));
    expect(l.advice.network.noIngest).toContain(quoted(l.network.save));
  });

  it('names the OBS fields instead of saying where they are', () => {
    for (const text of [l.advice.obs.notConfigured, l.advice.obs.auth]) {
      expect(text).not.toMatch(DIRECTIONS);
      expect(text).toContain(quoted(l.obs.password));
      expect(text).toContain(quoted(l.obs.connect));
    }
    expect(l.advice.obs.notConfigured).toContain(quoted(l.obs.url));
  });
});
