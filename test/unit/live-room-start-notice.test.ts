// The live room's start notices travel as codes (store.ts StartNotice) and are worded only in the
// locales: every code has a zh-CN and an English text that carries the error, and the English
// text has no Chinese in it.
import { describe, expect, it } from 'vitest';
import zh from '../../renderer/src/features/live-room/locale-zh.ts';
import en from '../../renderer/src/features/live-room/locale-en.ts';
import type { StartNotice } from '../../renderer/src/features/live-room/store.ts';

const CODES: readonly StartNotice['code'][] = ['camera_unavailable', 'mic_unavailable', 'evidence_not_started', 'identity_not_attached'];

describe('live room start notices', () => {
  it('every code is worded in both languages with its error', () => {
    expect(Object.keys(zh.startNotice).sort()).toEqual([...CODES].sort());
    expect(Object.keys(en.startNotice).sort()).toEqual([...CODES].sort());
    for (const code of CODES) {
      expect(zh.startNotice[code]).toMatch(/[\u4e00-\u9fff]/);
      expect(zh.startNotice[code]).toContain('{{error}}');
      expect(en.startNotice[code]).toContain('{{error}}');
      expect(en.startNotice[code]).not.toMatch(/[\u3400-\u9fff]/);
    }
  });
});
