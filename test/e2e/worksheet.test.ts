// The A level-4 worksheet end to end in Chromium (web mode): the trainee picks 选品员 四级, opens
// the tea selection and pricing worksheet, fills every part with the T01 margin wrong (the 5 %
// service fee forgotten), runs the automatic check, which catches it on row 1; corrects it,
// checks again (all pass), submits; the package verifies (CLI too) and holds every entry with its
// time; the assessor opens it and sees the worksheet as filled beside the rubric. Screenshots in
// Chinese: the failed check, the submitted sheet, the assessor's view.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { evidenceCommand } from '../../electron/cli/evidence.ts';
import { chromiumMissing, launchChromium } from '../harness/chromium.ts';
import { requirePeer } from '../harness/peers.ts';
import { rendererMissing, startTestHost, type TestHost } from '../harness/web-host.ts';
import { A4_ID, A4_PRICING, A4_PROPOSAL, A4_SCRIPT, A4_SETTLEMENT, A4_WRONG_MARGIN } from '../harness/worksheet.ts';

const ready = requirePeer('chromium', chromiumMissing()) && requirePeer('renderer build', rendererMissing());
const OUT = 'test-results';

describe.skipIf(!ready)('A level-4 worksheet in Chromium', () => {
  let host: TestHost;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    host = await startTestHost();
    browser = await launchChromium();
    mkdirSync(OUT, { recursive: true });
  });
  afterAll(async () => {
    await browser.close();
    await host.dispose();
  });

  async function cell(page: Page, part: string, row: number, column: string, value: string): Promise<void> {
    const input = page.locator(`[data-cell="${part}:${String(row)}:${column}"]`);
    await input.fill(value);
    await input.blur();
  }

  it('a wrong margin is caught, corrected, submitted; the evidence verifies; the assessor sees the sheet', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(host.url);
    await page.getByRole('radio', { name: /选品员/ }).click();
    await page.getByRole('radio', { name: /四级/ }).click();
    await page.getByRole('button', { name: /进入直播间/ }).click();
    await page.locator(`[data-scenario="${A4_ID}"]`).click();
    await page.getByTestId('ws-candidate').fill('林小满');
    await page.getByTestId('ws-start').click();
    await page.getByTestId('ws-part-pricing').waitFor();

    for (const [i, r] of A4_PRICING.entries()) {
      await cell(page, 'pricing', i, 'low', r.low);
      await cell(page, 'pricing', i, 'price', r.price);
      await cell(page, 'pricing', i, 'margin', i === A4_WRONG_MARGIN.row ? A4_WRONG_MARGIN.value : r.margin);
      await cell(page, 'pricing', i, 'margin_pct', r.margin_pct);
      if (r.picked) await page.locator(`[data-cell="pricing:${String(i)}:picked"]`).check();
    }
    // The computed column (比最低价低 = 最低价 − 直播价) follows the typed cells.
    expect(await page.getByTestId('ws-table-pricing').locator('tbody tr').first().locator('td.ws-computed').textContent()).toBe('0');
    for (const [i, r] of A4_SETTLEMENT.entries()) {
      await cell(page, 'settlement', i, 'income', r.income);
      await cell(page, 'settlement', i, 'breakeven', r.breakeven);
    }
    await page.locator('[data-option="mode:slot-2000"]').check();
    await page.getByTestId('ws-text-proposal').fill(A4_PROPOSAL);
    await page.getByTestId('ws-text-script').fill(A4_SCRIPT);
    await page.getByTestId('ws-text-script').blur();
    await page.locator('[data-option="sample-issue:fix-first"]').check();

    // The check catches the margin on row 1 and marks the cell.
    await page.getByTestId('ws-check').click();
    expect(await page.getByTestId('ws-summary').getAttribute('data-failed')).toBe('1');
    const margin = page.locator('[data-testid="ws-checks-pricing"] [data-check="margin-ok"]');
    expect(await margin.getAttribute('data-status')).toBe('fail');
    expect(await margin.textContent()).toContain('第 1 行「单件毛利」：填写 33.4，与计算结果不符');
    expect(await page.locator('[data-cell="pricing:0:margin"]').locator('xpath=..').getAttribute('data-mark')).toBe('wrong');
    await page.getByTestId('ws-part-pricing').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUT}/worksheet-a4-wrong-margin-zh-CN.png` });

    // Corrected: every check passes.
    await cell(page, 'pricing', 0, 'margin', A4_PRICING[0]?.margin ?? '');
    await page.getByTestId('ws-check').click();
    expect(await page.getByTestId('ws-summary').getAttribute('data-failed')).toBe('0');
    expect(await page.getByTestId('ws-summary').textContent()).toContain('第 2 次检查：通过 11 · 未通过 0 · 未完成 0');

    await page.getByTestId('ws-submit').click();
    await page.getByTestId('ws-submitted').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('ws-submitted').getAttribute('data-valid')).toBe('true');
    await page.screenshot({ path: `${OUT}/worksheet-a4-submitted-zh-CN.png` });
    const sessionId = (await page.getByTestId('ws-submitted').locator('.ws-mono').textContent()) ?? '';
    expect(sessionId).toMatch(/\S/);

    // The package: verifies by the CLI; every entry logged with its time; the submit holds the sheet.
    const out: string[] = [];
    const code = await evidenceCommand(['verify', join(host.dataDir, 'evidence', sessionId)], { out: (t) => out.push(t), err: (t) => out.push(t) });
    expect(code, out.join('\n')).toBe(0);
    const records = readFileSync(join(host.dataDir, 'evidence', sessionId, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { t: number; type: string; data: Record<string, unknown> });
    const inputs = records.filter((r) => r.type === 'worksheet.input');
    expect(inputs.length).toBeGreaterThanOrEqual(6 * 4 + 6);
    expect(inputs.some((r) => r.data.part === 'pricing' && r.data.column === 'margin' && r.data.value === A4_WRONG_MARGIN.value)).toBe(true);
    expect(inputs.every((r, i) => i === 0 || r.t >= (inputs[i - 1]?.t ?? 0))).toBe(true);
    expect(records.filter((r) => r.type === 'worksheet.check').map((r) => r.data.failed)).toEqual([1, 0]);
    const submit = records.find((r) => r.type === 'worksheet.submit');
    expect((submit?.data.evidenced as string[] | undefined)?.length).toBe(6);

    // The assessor opens the package: the worksheet as filled beside the rubric.
    const a = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    a.on('pageerror', (e) => errors.push(e.message));
    await a.goto(host.url);
    await a.getByRole('radio', { name: /考评/ }).click();
    await a.getByTestId('home-assessor').click();
    await a.getByTestId(`open-${sessionId}`).click();
    await a.getByTestId('as-verdict').waitFor({ timeout: 30_000 });
    expect(await a.getByTestId('as-verdict').getAttribute('data-valid')).toBe('true');
    await a.getByTestId('as-worksheet').waitFor({ timeout: 15_000 });
    expect(await a.locator('[data-testid="as-worksheet"] [data-cell="pricing:0:margin"]').textContent()).toBe(A4_PRICING[0]?.margin);
    expect(await a.getByTestId('as-ws-part-script').textContent()).toContain('新会陈皮普洱茶');
    expect(await a.locator('[data-testid="as-worksheet"] [data-check="margin-ok"]').getAttribute('data-status')).toBe('pass');
    expect(await a.getByTestId('score-margin').count()).toBe(1);
    await a.screenshot({ path: `${OUT}/worksheet-a4-assessor-zh-CN.png` });
    expect(errors).toEqual([]);
  });
});
