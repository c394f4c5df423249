// Issue 10 item 4, the audience: comments vary (templates with slots filled from the scenario), no
// text comes twice within MODEL.noRepeatMs, a viewer does not repeat themself, and what a comment
// claims is true of the room when it is said (已拍 only from a viewer who has ordered, 抢到券了 only
// while a coupon is out, …), at the volume the room had before.
import { describe, expect, it } from 'vitest';
import { scanText } from '../../scenarios/compliance/index.ts';
import { MODEL, type Comment, type SessionState } from '../../scenarios/engine/index.ts';
import { REACTION_TEMPLATES, TEMPLATES } from '../../scenarios/engine/templates.ts';
import { COMMENT_CLAIMS, COMMENT_SLOTS, slotsOf } from '../../scenarios/format/index.ts';
import { libraryScenario, runTrainee } from '../harness/trainee.ts';

const ORDER_WORDS = /已拍|已下单|刚下单|刚拍|拍了|下单了/u;

function holds(s: SessionState, c: Comment): boolean {
  const at = (list: { t: number; productId: string | null }[]) => list.filter((x) => x.t <= c.t).at(-1)?.productId ?? null;
  switch (c.claim) {
    case null:
      return true;
    case 'ordered':
      return s.orders.some((o) => o.userId === c.userId && o.t <= c.t);
    case 'coupon':
      return s.couponPushes.some((p) => {
        const def = s.scenario.products.find((x) => x.id === p.productId);
        return p.t <= c.t && c.t < p.t + (def?.coupon?.validSec ?? 0) * 1000;
      });
    case 'flash_sale':
      return s.flashSales.some((f) => f.t <= c.t && (f.endedAt === null || c.t < f.endedAt));
    case 'pinned':
      return at(s.pinHistory) !== null;
    case 'unpinned':
      return at(s.pinHistory) === null;
  }
}

describe('the audience over a 20-minute session', () => {
  for (const id of ['d5-tea-room-admin', 'b5-navel-orange', 'd3-festival-ops']) {
    const scenario = libraryScenario(id);
    const run = runTrainee({ ...scenario, durationSec: 1200 }, { tickMs: 200 });
    const s = run.state;
    const all = run.effects.flatMap((e) => (e.type === 'comment' || e.type === 'comment_hidden' ? [e.comment] : []));
    const shown = run.effects.flatMap((e) => (e.type === 'comment' ? [e.comment] : []));
    const generated = all.filter((c) => !c.scripted);

    it(`${id}: at least 80 % of the shown texts are distinct, at no less than commentsPerMin a minute`, () => {
      const ratio = new Set(shown.map((c) => c.text)).size / shown.length;
      expect(ratio).toBeGreaterThanOrEqual(0.8);
      expect(shown.length).toBeGreaterThanOrEqual(scenario.audience.commentsPerMin * 20);
    });

    it(`${id}: no text twice within ${MODEL.noRepeatMs / 60000} minutes, and no viewer says the same thing twice`, () => {
      const last = new Map<string, number>();
      for (const c of generated) {
        const before = last.get(c.text);
        if (before !== undefined) expect(c.t - before, `${c.text} at ${before} and ${c.t}`).toBeGreaterThan(MODEL.noRepeatMs);
        last.set(c.text, c.t);
      }
      const byViewer = new Map<string, Set<string>>();
      let repeats = 0;
      for (const c of generated) {
        const mine = byViewer.get(c.userId) ?? new Set<string>();
        if (mine.has(c.text)) repeats++;
        mine.add(c.text);
        byViewer.set(c.userId, mine);
      }
      expect(repeats).toBe(0);
    });

    it(`${id}: every claim is true when it is made, and order words come only with claim: ordered`, () => {
      const claims = generated.filter((c) => c.claim !== null);
      expect(claims.length).toBeGreaterThan(5);
      for (const c of claims) expect(holds(s, c), `${c.user} said ${c.text} (${c.claim}) at ${c.t}`).toBe(true);
      for (const c of generated.filter((x) => ORDER_WORDS.test(x.text))) expect(c.claim, c.text).toBe('ordered');
    });
  }

  it('a coupon claim (抢到券了) is made while a coupon is out, and none without one', () => {
    const s = libraryScenario('d5-tea-room-admin');
    const run = runTrainee({ ...s, durationSec: 1200 }, { tickMs: 200 });
    const coupon = run.effects.flatMap((e) => (e.type === 'comment' && e.comment.claim === 'coupon' ? [e.comment] : []));
    expect(coupon.length).toBeGreaterThan(0);
    const none = runTrainee({ ...s, durationSec: 1200, products: s.products.map(({ coupon: _, ...p }) => p) }, { tickMs: 200 });
    expect(none.effects.some((e) => e.type === 'comment' && (e.comment.claim === 'coupon' || /券了|领到券/u.test(e.comment.text)))).toBe(false);
  });
});

describe("the engine's own templates", () => {
  const all = [...Object.entries(TEMPLATES).flatMap(([kind, list]) => list.map((x) => ({ kind, ...x }))), ...Object.values(REACTION_TEMPLATES).flat().map((x) => ({ kind: 'reaction', ...x }))];

  it('use only the format’s slots and claims', () => {
    for (const x of all) {
      for (const name of slotsOf(x.text)) expect(COMMENT_SLOTS, x.text).toContain(name);
      if (x.claim !== undefined) expect(COMMENT_CLAIMS).toContain(x.claim);
    }
  });

  it('bait invites a banned claim, and order words carry claim: ordered', () => {
    for (const x of TEMPLATES.bait) expect(scanText(x.text.replace(/\{[^}]*\}/gu, '苹果')).length, x.text).toBeGreaterThan(0);
    for (const x of all) if (ORDER_WORDS.test(x.text)) expect(x.claim, x.text).toBe('ordered');
  });
});
