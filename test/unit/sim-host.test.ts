// The platform administrator's task (issue 10 item 5): the simulated host's talk track is part of
// the scenario file (zod shape, cross-checks with located errors), the shipped D tasks have one,
// and the administrator's own controls (删除评论, 提醒主播) act on the session and leave evidence.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSession, hostLineAt, parseInput, riskyLineBefore, step, type Input, type SessionState } from '../../scenarios/engine/index.ts';
import { loadScenario, type ScenarioIssue } from '../../scenarios/format/index.ts';
import { libraryScenario } from '../harness/trainee.ts';

const D5 = join(import.meta.dirname, '..', '..', 'scenarios', 'library', 'd5-tea-room-admin.yaml');
const d5Text = readFileSync(D5, 'utf8');

function errorsOf(text: string): ScenarioIssue[] {
  const r = loadScenario('t.yaml', text);
  if (r.ok) throw new Error('expected the file to be invalid');
  return r.errors;
}

function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  expect(i).toBeGreaterThanOrEqual(0);
  return i + 1;
}

describe('the simulated host in the scenario file', () => {
  it('every shipped D task has a host with a Chinese talk track in time order', () => {
    for (const id of ['d3-festival-ops', 'd4-obs-faults-faq', 'd5-tea-room-admin']) {
      const s = libraryScenario(id);
      expect(s.audience.host).toBe('simulated');
      expect(s.host?.lines.length ?? 0).toBeGreaterThanOrEqual(15);
      expect(s.host?.lines.every((l) => /[\u4e00-\u9fff]/.test(l.text))).toBe(true);
      // Each has one rule-breaking line the administrator is to warn the host about.
      expect(s.host?.lines.some((l) => riskyLineBefore({ host: { name: 'x', lines: [l] } }, l.at * 1000) !== null)).toBe(true);
    }
  });

  it('a simulated host without a talk track is a located error', () => {
    const text = d5Text.slice(0, d5Text.indexOf('\nhost:')) + d5Text.slice(d5Text.indexOf('\nrubric:'));
    const errors = errorsOf(text);
    expect(errors).toEqual([expect.objectContaining({ path: 'audience.host', line: lineOf(text, '  host: simulated') })]);
    expect(errors[0]?.message).toMatch(/需要 host/);
  });

  it('lines out of order, after the end, or naming an unknown product are located at the line', () => {
    let text = d5Text.replace('    - { at: 30, text: 这款是一级工夫红茶', '    - { at: 5, text: 这款是一级工夫红茶');
    text = text.replace('    - { at: 1120, text: 今天的直播快结束了', '    - { at: 1300, text: 今天的直播快结束了');
    text = text.replace('    - { at: 55, text: 我现在冲一泡给大家看，三克茶叶，九十度左右的水。, product: dianhong-250 }', '    - { at: 55, text: 我现在冲一泡给大家看，三克茶叶，九十度左右的水。, product: pu-er }');
    const errors = errorsOf(text);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'host.lines[2].at', line: lineOf(text, 'at: 5, text: 这款是'), message: expect.stringMatching(/应晚于上一句的 12 秒/) as unknown }),
        expect.objectContaining({ path: 'host.lines[20].at', line: lineOf(text, 'at: 1300'), message: expect.stringMatching(/不在直播时长 1200 秒之内/) as unknown }),
        expect.objectContaining({ path: 'host.lines[3].product', line: lineOf(text, 'product: pu-er'), message: expect.stringMatching(/商品 "pu-er" 不存在/) as unknown }),
      ]),
    );
  });

  it('a trainee-hosted task may not have a simulated host; a line too long or a misspelt key is refused', () => {
    const b5 = readFileSync(join(import.meta.dirname, '..', '..', 'scenarios', 'library', 'b5-navel-orange-quick.yaml'), 'utf8');
    const withHost = b5.replace('\nrubric:', '\nhost:\n  name: 小橙\n  lines:\n    - { at: 0, text: 大家好 }\n\nrubric:');
    expect(errorsOf(withHost)).toEqual([expect.objectContaining({ path: 'host', message: expect.stringMatching(/不能再设模拟主播/) as unknown })]);
    const long = d5Text.replace('text: 大家好，欢迎来到云南凤庆的茶山直播间', `text: ${'长'.repeat(81)}大家好，欢迎来到云南凤庆的茶山直播间`);
    expect(errorsOf(long)).toEqual([expect.objectContaining({ path: 'host.lines[0].text', message: expect.stringMatching(/最多 80 个字/) as unknown })]);
    const typo = d5Text.replace('    - { at: 12, text: 场控帮我', '    - { at: 12, txt: x, text: 场控帮我');
    expect(errorsOf(typo)[0]).toMatchObject({ path: 'host.lines[1].txt', line: lineOf(typo, 'txt: x') });
  });

  it('hostLineAt: the line said at a time, until the next one or a hold', () => {
    const s = libraryScenario('d5-tea-room-admin');
    expect(hostLineAt(s, 0)?.line.text).toMatch(/^大家好/);
    expect(hostLineAt(s, 11_999)?.index).toBe(0);
    expect(hostLineAt(s, 12_000)?.index).toBe(1);
    expect(hostLineAt(s, 2_000_000)).toBeNull();
    expect(hostLineAt(libraryScenario('b5-navel-orange-quick'), 5000)).toBeNull();
  });
});

function run(state: SessionState, inputs: Input[]) {
  const effects = [];
  for (const input of inputs) {
    const r = step(state, input);
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects };
}

describe('the administrator’s controls', () => {
  const d5 = libraryScenario('d5-tea-room-admin');
  const ticks = (to: number) => Array.from({ length: to / 200 }, (_, i): Input => ({ type: 'tick', t: (i + 1) * 200 }));

  it('删除评论: a spam comment deleted counts as handled; an ordinary one is recorded as deleted by mistake', () => {
    const { state } = run(createSession(d5), ticks(100_000));
    const spam = state.recent.find((c) => c.kind === 'spam');
    const praise = state.recent.find((c) => c.kind === 'praise' || c.kind === 'question');
    if (spam === undefined || praise === undefined) throw new Error('expected spam and an ordinary comment in 100 s');
    const r = run(state, [
      { type: 'delete_comment', t: 100_100, commentId: spam.id },
      { type: 'delete_comment', t: 100_200, commentId: praise.id },
      { type: 'delete_comment', t: 100_300, commentId: spam.id },
    ]);
    expect(r.effects.flatMap((e) => (e.type === 'comment_deleted' ? [e.legit] : []))).toEqual([false, true]);
    expect(r.state.abuse.find((a) => a.commentId === spam.id)?.handledBy).toBe('delete');
    expect(r.state.deleted.map((d) => [d.commentId, d.legit])).toEqual([
      [spam.id, false],
      [praise.id, true],
    ]);
    expect(r.state.actions.slice(-3).map((a) => [a.key, a.ok])).toEqual([
      ['engine.action.comment_deleted', true],
      ['engine.action.comment_deleted_legit', true],
      ['engine.reject.already_deleted', false],
    ]);
  });

  it('提醒主播: live figures, a warning that follows a rule-breaking line, a question passed on; refused when the trainee is the host', () => {
    const { state } = run(createSession(d5), ticks(445_000));
    const r = run(state, [
      { type: 'prompt_host', t: 445_100, topic: 'data' },
      { type: 'prompt_host', t: 445_200, topic: 'compliance' },
    ]);
    expect(r.state.hostPrompts.map((p) => [p.topic, p.risky, p.viewers])).toEqual([
      ['data', false, state.viewers],
      ['compliance', true, state.viewers],
    ]);
    expect(r.state.actions.slice(-2).map((a) => a.key)).toEqual(['engine.action.host_prompted_data', 'engine.action.host_prompted_compliance_risky']);
    // Long after the line, a warning is just a reminder.
    const later = run(r.state, [...ticks(600_000).slice(445_200 / 200), { type: 'prompt_host', t: 600_100, topic: 'compliance' }]);
    expect(later.state.hostPrompts.at(-1)?.risky).toBe(false);
    const question = later.state.recent.find((c) => c.replyBy !== null);
    if (question !== undefined) {
      const q = run(later.state, [{ type: 'prompt_host', t: 600_200, topic: 'question', commentId: question.id }]);
      expect(q.effects.find((e) => e.type === 'host_prompted')).toMatchObject({ topic: 'question', comment: question.text });
    }
    const b5 = run(createSession(libraryScenario('b5-navel-orange-quick')), [{ type: 'prompt_host', t: 100, topic: 'data' }]);
    expect(b5.effects.find((e) => e.type === 'rejected')).toMatchObject({ code: 'no_simulated_host' });
  });

  it('the new inputs cross the evidence log boundary through the input schema', () => {
    expect(parseInput({ type: 'delete_comment', t: 5, commentId: 'c3' }).ok).toBe(true);
    expect(parseInput({ type: 'prompt_host', t: 5, topic: 'data' }).ok).toBe(true);
    const bad = parseInput({ type: 'prompt_host', t: 5, topic: 'gossip' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^topic:/);
  });
});
