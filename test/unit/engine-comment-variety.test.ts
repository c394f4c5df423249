// Issue 10 item 4: nobody in the generated audience claims 已拍 (an order) without having ordered.
import { describe, expect, it } from 'vitest';
import { libraryScenario, runTrainee } from '../harness/trainee.ts';

describe('truthful claims', () => {
  for (const id of ['d5-tea-room-admin', 'b5-navel-orange']) {
    const run = runTrainee(libraryScenario(id), { tickMs: 200 });
    const s = run.state;
    const all = run.effects.flatMap((e) => (e.type === 'comment' ? [e.comment] : []));

    it(`${id}: a 已拍 comment comes only from a viewer who has ordered before it`, () => {
      const claims = all.filter((x) => !x.scripted && x.text.startsWith('已拍'));
      for (const x of claims) expect(s.orders.some((o) => o.userId === x.userId && o.t <= x.t), `${x.user} said ${x.text} at ${x.t}`).toBe(true);
    });
  }
});
