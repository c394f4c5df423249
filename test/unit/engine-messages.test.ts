// The engine says what happened as codes and params; the words are the UI's (renderer/src/i18n).
// Every message a real session produces, every fault and every remedy reads in zh-CN and English,
// nested references ($t(engine.fault.…)) resolve, and the English has no Chinese left in it
// beyond the scenario's own content (comment text, product and user names).
import { describe, expect, it } from 'vitest';
import { FAULTS, step, type Input, type SessionFaultKind } from '../../scenarios/engine/index.ts';
import { enText, zh } from '../harness/i18n.ts';
import { libraryScenario, runTrainee } from '../harness/trainee.ts';
import { busyScenario, drive } from '../harness/scenarios.ts';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

describe('engine messages', () => {
  it('every fault title and remedy has zh-CN and English text', () => {
    for (const [kind, info] of Object.entries(FAULTS) as [SessionFaultKind, (typeof FAULTS)[SessionFaultKind]][]) {
      expect(zh(info.key)).toMatch(CJK);
      expect(enText(info.key)).not.toMatch(CJK);
      for (const r of info.remedies) {
        expect(r.key).toBe(`engine.fault.${kind}.remedy.${r.id}`);
        expect(zh(r.key).length).toBeGreaterThan(1);
        expect(enText(r.key)).not.toMatch(CJK);
        const line = { fault: kind, remedy: r.id };
        expect(zh('engine.action.remedy_wrong', line)).toBe(`${zh(info.key)}：${zh(r.key)}（无效）`);
        expect(enText('engine.action.remedy_right', line)).toBe(`${enText(info.key)}: ${enText(r.key)}`);
      }
    }
  });

  it('a whole trainee session: every action, rejection and marker is worded, nested keys resolved', () => {
    const run = runTrainee(libraryScenario('b5-navel-orange-quick'));
    const busy = drive(busyScenario(), 90_000).state;
    const bad: Input[] = [
      { type: 'reply', t: 90_000, commentId: 'c99999', text: 'x' },
      { type: 'ack_fault', t: 90_000, faultId: 'f99', remedy: 'wait' },
      { type: 'unpin_product', t: 90_000 },
      { type: 'block_keyword', t: 90_000, keyword: '' },
    ];
    const refused = bad.flatMap((input) => step(busy, input).effects.flatMap((e) => (e.type === 'rejected' ? [e] : [])));
    expect(refused).toHaveLength(bad.length);
    const messages = [...run.state.actions, ...run.state.markers, ...busy.actions, ...busy.markers, ...refused];
    expect(messages.length).toBeGreaterThan(10);
    expect(new Set(messages.map((m) => m.key.split('.')[1])).size).toBeGreaterThanOrEqual(2);
    for (const m of messages) {
      const z = zh(m.key, m.params);
      const e = enText(m.key, m.params);
      for (const text of [z, e]) {
        expect(text).not.toMatch(/\$t\(|engine\.|\{\{/);
        expect(text.length).toBeGreaterThan(0);
      }
      // English: Chinese only where a param (scenario content) brought it.
      const content = Object.values(m.params).map(String);
      const stripped = content.reduce((s, p) => s.split(p).join(''), e);
      expect(stripped, `${m.key} → ${e}`).not.toMatch(CJK);
    }
  });
});
