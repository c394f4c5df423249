// The assessor workspace end to end in Chromium (web mode): three assessors open the package an
// end-to-end test recorded (the committed sample, copied into the data folder), each identifies
// with name and PIN and scores blind; one scores far lower and is flagged; all sign; one amends
// with a reason. Attempts to change a signed sheet are refused and logged. The score sheet prints
// to an A4 PDF (rendered to PNG with pdftoppm), the CSV parses back, and `evidence scores` agrees.
// A fuller recorded session shows every lane of the timeline; clicking seeks, playing highlights.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { evidenceCommand } from '../../electron/cli/evidence.ts';
import { parseCsv } from '../../scenarios/scoring/csv.ts';
import { chromiumMissing, launchChromium } from '../harness/chromium.ts';
import { inProcessCall } from '../harness/evidence.ts';
import { onPath } from '../harness/obs.ts';
import { requirePeer } from '../harness/peers.ts';
import { recordRichSession } from '../harness/rich-session.ts';
import { rendererMissing, startTestHost, type TestHost } from '../harness/web-host.ts';
import { ffmpegMissing } from '../harness/webm.ts';

const ready =
  requirePeer('chromium', chromiumMissing()) &&
  requirePeer('renderer build', rendererMissing()) &&
  requirePeer('ffmpeg', ffmpegMissing()) &&
  requirePeer('pdftoppm', onPath('pdftoppm') ? null : 'pdftoppm not on PATH (apt-get install poppler-utils)');
const SAMPLE = fileURLToPath(new URL('../fixtures/evidence/sample/', import.meta.url));
const OUT = 'test-results';

function capture() {
  const out: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => out.push(t) }, out };
}

describe.skipIf(!ready)('assessor workspace in Chromium', () => {
  let host: TestHost;
  let browser: Browser;
  let sessionId: string;
  let dir: string;
  const errors: string[] = [];

  beforeAll(async () => {
    host = await startTestHost();
    sessionId = (JSON.parse(readFileSync(join(SAMPLE, 'manifest.json'), 'utf8')) as { sessionId: string }).sessionId;
    dir = join(host.dataDir, 'evidence', sessionId);
    cpSync(SAMPLE, dir, { recursive: true });
    browser = await launchChromium();
    mkdirSync(OUT, { recursive: true });
  });
  afterAll(async () => {
    await browser.close();
    await host.dispose();
  });

  async function openAs(id: string, name: string | null, pin = '', register = false): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(host.url);
    await page.getByRole('radio', { name: /考评/ }).click();
    await page.getByTestId('home-assessor').click();
    await page.getByTestId(`open-${id}`).click();
    await page.getByTestId('as-verdict').waitFor({ timeout: 30_000 });
    if (name !== null) {
      await page.getByTestId('as-name').fill(name);
      await page.getByTestId('as-pin').fill(pin);
      if (register) await page.getByTestId('as-register').check();
      await page.getByTestId('as-identify').click();
      await page.getByTestId('as-identity').waitFor();
    }
    return page;
  }

  async function scoreAndSign(page: Page, rubric: string[], values: number[], pin: string, note: string): Promise<void> {
    await page.getByTestId('as-mode').selectOption('exam');
    for (const [i, id] of rubric.entries()) await page.getByTestId(`score-${id}`).fill(String(values[i]));
    await page.getByTestId('tag-highlight').click();
    await page.getByTestId('as-note-text').fill(note);
    await page.getByTestId('as-note-add').click();
    await page.getByTestId('as-save').click();
    await page.getByTestId('as-sign-pin').fill(pin);
    await page.getByTestId('as-sign').click();
    await page.getByTestId('as-signed').waitFor({ timeout: 15_000 });
  }

  it('the list shows the candidate number in its own column (not the name again) and leads back home', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await page.goto(host.url);
    await page.getByRole('radio', { name: /考评/ }).click();
    await page.getByTestId('home-assessor').click();
    const row = page.locator(`tr[data-session="${sessionId}"]`);
    await expect.poll(() => row.getByTestId('as-pick-name').textContent(), { timeout: 15_000 }).toBe('试录');
    expect(await row.getByTestId('as-pick-id').textContent()).toBe('trial');
    expect(await page.locator('.as-table thead').textContent()).toContain('考生编号');
    await page.getByTestId('as-pick-back').click();
    await page.getByTestId('home-assessor').waitFor();
    await page.close();
  });

  it('three assessors score blind and sign; the outlier is flagged; PDF, CSV and CLI agree', async () => {
    const open = await host.services.handlers['scoring.open']({ sessionId }, { transport: 'websocket' });
    const rubric = open.rubric.map((r) => r.id);
    expect(rubric).toHaveLength(6);

    const a = await openAs(sessionId, '张敏', '2468', true);
    expect(await a.getByTestId('as-verdict').getAttribute('data-valid')).toBe('true');
    expect(await a.getByTestId('as-verdict').textContent()).toContain('证据校验通过');
    // A score above the item's maximum is named and signing stays off.
    await a.getByTestId(`score-${rubric[0] ?? ''}`).fill('30');
    await expect.poll(() => a.locator('.as-issue').first().textContent()).toContain('超出范围');
    expect(await a.getByTestId('as-sign').isDisabled()).toBe(true);
    await scoreAndSign(a, rubric, [20, 12, 15, 12, 8, 12], '2468', '及时挂上商品');

    const b = await openAs(sessionId, '李华', '1357', true);
    // Blind: before signing, 李华 cannot see 张敏's total.
    await b.getByTestId('as-tab-panel').click();
    expect(await b.getByTestId('total-张敏').textContent()).toBe('—');
    expect(await b.getByTestId('as-panel').textContent()).toContain('签名之后才能看到');
    await b.getByTestId('as-tab-score').click();
    await scoreAndSign(b, rubric, [21, 12, 16, 12, 8, 12], '1357', '卖点讲得清楚');

    const c = await openAs(sessionId, '王强', '9876', true);
    await scoreAndSign(c, rubric, [10, 6, 8, 6, 4, 6], '9876', '冷场较多');
    await c.getByTestId('as-tab-panel').click();
    await expect.poll(() => c.getByTestId('as-final').textContent()).toBe('66.7');
    const totalFlag = c.locator('[data-flag="total"]');
    expect(await totalFlag.getAttribute('data-outlier')).toBe('王强');
    expect(await totalFlag.textContent()).toContain('总分相差 41 分');
    expect(await c.getByTestId('total-张敏').textContent()).toBe('79');

    // Attempts to change a signed sheet are refused and logged (through the same services).
    const call = inProcessCall(host.services);
    const id = (await call('scoring.identify', { name: '王强', pin: '9876', register: false })) as { token: string };
    await expect(call('scoring.saveDraft', { sessionId, token: id.token, workType: 'B', mode: 'exam', scores: rubric.map((r) => ({ id: r, score: 10, note: '' })) })).rejects.toThrow(/已签名/);
    await expect(call('scoring.sign', { sessionId, token: id.token, pin: '9876' })).rejects.toThrow(/不可覆盖/);
    const refused = readFileSync(join(dir, 'scores', 'ledger.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"sheet.refused"'));
    expect(refused).toHaveLength(2);

    // 张敏 amends with a reason: a second version, the first kept.
    await a.getByTestId('as-amend-open').click();
    await a.getByTestId(`score-${rubric[0] ?? ''}`).fill('22');
    await a.getByTestId('as-amend-reason').fill('复核视频后，卖点讲解加 2 分');
    await a.getByTestId('as-amend-pin').fill('2468');
    await a.getByTestId('as-amend').click();
    await expect.poll(() => a.getByTestId('as-signed').textContent(), { timeout: 15_000 }).toContain('第 2 版');
    await a.getByTestId('as-tab-panel').click();
    await expect.poll(() => a.getByTestId('as-final').textContent()).toBe('67.3');
    expect(await a.getByTestId('as-refused').textContent()).toContain('不可覆盖');
    expect(await a.locator('.as-history').textContent()).toContain('复核视频后');
    await a.screenshot({ path: `${OUT}/assessor-panel-zh-CN.png`, fullPage: true });

    // The score sheet: A4 PDF through the print CSS, rendered to PNG.
    await a.getByTestId('as-tab-sheet').click();
    await a.getByTestId('as-sheet').waitFor();
    expect(await a.getByTestId('as-sheet-final').textContent()).toContain('67.3');
    expect(await a.getByTestId('as-sheet-conclusion').textContent()).toBe('合格');
    expect(await a.getByTestId('as-sheet-verification').textContent()).toContain('证据包校验通过');
    const pdf = `${OUT}/assessor-sheet.pdf`;
    await a.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\b/);
    expect(info).toMatch(/Page size:\s+59\d\.\d+ x 84\d\.\d+ pts \(A4\)/);
    execFileSync('pdftoppm', ['-png', '-r', '110', '-singlefile', pdf, `${OUT}/assessor-sheet`]);
    expect(statSync(`${OUT}/assessor-sheet.png`).size).toBeGreaterThan(50_000);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const word of ['技能考核评分表', '直播销售员', '五级/初级工', '5:4.2.1', '张敏', '李华', '王强', '67.3', '合格', '总分相差']) expect(text).toContain(word);

    // CSV: the browser downloads it (nothing written in the data folder), times in local time.
    const download = a.waitForEvent('download');
    await a.getByTestId('as-csv').click();
    const got = await download;
    expect(got.suggestedFilename()).toBe(`${sessionId}-评分表.csv`);
    await expect.poll(() => a.getByTestId('as-saved').textContent()).toContain('CSV 已下载');
    expect(existsSync(join(host.dataDir, 'exports'))).toBe(false);
    const saved = `${OUT}/assessor-sheet.csv`;
    await got.saveAs(saved);
    const rows = parseCsv(readFileSync(saved, 'utf8'));
    expect(rows.find((r) => r[0] === '考核日期')?.[1]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC[+-]\d+(:\d\d)?\)$/);
    expect(rows.find((r) => r[0] === '考生编号')?.[1]).toBe('trial');
    const head = rows.find((r) => r[0] === '评分项') ?? [];
    const totals = rows.find((r) => r[0] === '总分') ?? [];
    expect(Object.fromEntries(head.slice(3, 6).map((n, i) => [n, Number(totals[3 + i])]))).toEqual({ 张敏: 81, 李华: 81, 王强: 40 });
    expect(rows.find((r) => r[0] === '最终成绩')?.[1]).toBe('67.3');

    const cli = capture();
    expect(await evidenceCommand(['scores', dir, '--json'], cli.io), cli.out.join('\n')).toBe(0);
    const report = JSON.parse(cli.out.join('')) as { finalScore: number; passed: boolean; flags: { kind: string; outlier: { name: string } | null }[]; refused: number };
    expect(report.finalScore).toBe(67.3);
    expect(report.passed).toBe(true);
    expect(report.flags.find((f) => f.kind === 'total')?.outlier?.name).toBe('王强');
    expect(report.refused).toBe(2);

    // A package that fails verification is red from the start, and its score sheet says so.
    const video = join(dir, 'media', 'camera.webm');
    const bytes = readFileSync(video);
    bytes[bytes.length - 64] = (bytes[bytes.length - 64] ?? 0) ^ 0xff;
    writeFileSync(video, bytes);
    const d = await openAs(sessionId, null);
    expect(await d.getByTestId('as-verdict').getAttribute('data-valid')).toBe('false');
    expect(await d.getByTestId('as-verdict').textContent()).toContain('证据校验未通过');
    await d.getByTestId('as-tab-sheet').click();
    expect(await d.locator('.as-stamp-bad').first().textContent()).toBe('证据未通过校验');
    expect(await d.getByTestId('as-sheet-verification').textContent()).toContain('media/camera.webm');
    await d.getByTestId('as-sheet').screenshot({ path: `${OUT}/assessor-sheet-invalid.png` });
    expect(errors).toEqual([]);
  });

  it('shows a fuller session on one timeline: every lane, click to seek, play to highlight', async () => {
    const rich = await recordRichSession(inProcessCall(host.services), host.dataDir);
    const page = await openAs(rich.sessionId, null);
    expect(await page.getByTestId('as-verdict').getAttribute('data-valid')).toBe('true');
    for (const lane of ['comments', 'actions', 'faults', 'compliance', 'voice', 'sales', 'obs', 'checks']) {
      expect(await page.locator(`[data-lane="${lane}"]`).count(), lane).toBe(1);
    }
    expect(await page.locator('.as-series').count()).toBe(4); // viewers, orders, OBS bitrate, skipped frames
    const video = page.getByTestId('as-video');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.duration), { timeout: 20_000 }).toBeGreaterThan(170);
    // Clicking the banned-word hit seeks the video there (the media route answers byte ranges).
    await page.locator('.as-event', { hasText: '违禁词「全网最低价」' }).click();
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeCloseTo(33.2, 0);
    // A metric's moment seeks too: the fault's recovery from the rubric.
    await page.locator('.as-metric', { hasText: '故障恢复用时' }).locator('.as-moment').first().click();
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => Math.round(v.currentTime))).toBe(115);
    // Play from the network drop: its events light up as the video passes them.
    await video.evaluate((v: HTMLVideoElement) => {
      v.currentTime = 99.5;
      return v.play();
    });
    await expect.poll(() => page.locator('.as-event.as-now', { hasText: '故障：直播间断网' }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.locator('.as-mark.as-now').count()).toBeGreaterThan(0);
    await video.evaluate((v: HTMLVideoElement) => v.pause());
    await page.locator('.as-event', { hasText: '违禁词「全网最低价」' }).click();
    await page.screenshot({ path: `${OUT}/assessor-timeline-zh-CN.png`, fullPage: true });
    expect(existsSync(`${OUT}/assessor-timeline-zh-CN.png`)).toBe(true);
    expect(errors).toEqual([]);
  });
});
