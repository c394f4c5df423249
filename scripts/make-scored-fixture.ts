// Regenerates test/fixtures/evidence/scored/: a copy of the committed sample package
// (test/fixtures/evidence/sample/, recorded by the evidence e2e test) scored by a panel of three
// assessors in exam mode through the real scoring service — three signed sheets under scores/
// and their hash-chained ledger. 王强 scores far lower than the others, so the total and most
// items are flagged. Signing times come from a fixed clock; ids and PIN salts are random.
// Usage: node scripts/make-scored-fixture.ts   then   npx livedrill evidence scores test/fixtures/evidence/scored
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evidenceScoresCommand } from '../electron/cli/evidence-scores.ts';
import { processIO } from '../electron/cli/usage.ts';
import type { CallContext } from '../electron/contract/index.ts';
import { createEvidencePackages } from '../electron/services/evidence/packages.ts';
import { createScoringService } from '../electron/services/scoring/service.ts';

const SAMPLE = fileURLToPath(new URL('../test/fixtures/evidence/sample/', import.meta.url));
const OUT = fileURLToPath(new URL('../test/fixtures/evidence/scored/', import.meta.url));

const PANEL = [
  { name: '张敏', pin: '2468', scores: [12, 8, 21, 12, 15, 12], note: '及时挂上商品并讲解' },
  { name: '李华', pin: '1357', scores: [12, 8, 22, 12, 16, 12], note: '卖点讲得清楚' },
  { name: '王强', pin: '9876', scores: [6, 4, 10, 6, 8, 6], note: '冷场较多' },
] as const;

const sessionId = (JSON.parse(readFileSync(join(SAMPLE, 'manifest.json'), 'utf8')) as { sessionId: string }).sessionId;
const dataDir = mkdtempSync(join(tmpdir(), 'livedrill-scored-'));
const dir = join(dataDir, 'evidence', sessionId);
cpSync(SAMPLE, dir, { recursive: true });
let tick = 0;
const { handlers } = createScoringService({ dataDir, packages: createEvidencePackages(dataDir), now: () => new Date(Date.parse('2026-12-01T09:00:00.000Z') + tick++ * 60_000) });
const ctx: CallContext = { transport: 'websocket' };
try {
  const open = await handlers['scoring.open']({ sessionId }, ctx);
  if (!open.verdict.valid) throw new Error(`the sample package does not verify: ${open.verdict.findings[0]?.message ?? ''}`);
  // Items in function order (工作准备, 直播营销, 售后与复盘), as the sheet lists them.
  const order = ['compliance', 'faults', 'selling-points', 'showcase', 'guide-orders', 'feedback'];
  if (open.rubric.some((r) => !order.includes(r.id))) throw new Error(`unexpected rubric: ${open.rubric.map((r) => r.id).join(', ')}`);
  for (const a of PANEL) {
    const id = await handlers['scoring.identify']({ name: a.name, pin: a.pin, register: true }, ctx);
    await handlers['scoring.saveDraft'](
      {
        sessionId,
        token: id.token,
        workType: 'B',
        mode: 'exam',
        scores: order.map((item, i) => ({ id: item, score: a.scores[i] ?? 0, note: '' })),
        annotations: [{ id: 'n1', t: 2002, tag: 'highlight', text: a.note }],
        comment: `${a.name}：按评分要点逐项评分。`,
      },
      ctx,
    );
    await handlers['scoring.sign']({ sessionId, token: id.token, pin: a.pin }, ctx);
  }
  rmSync(OUT, { recursive: true, force: true });
  cpSync(dir, OUT, { recursive: true });
  console.log(`wrote ${OUT}`);
  process.exitCode = await evidenceScoresCommand([OUT], processIO);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
