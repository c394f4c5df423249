// 复盘 states one figure each (issue 10 item 7), at 1366×768: after a session with a question
// answered, others left unanswered, a complaint and a network drop, every figure on the screen —
// the headline, each rubric metric line, the full metric table, the advice, the replies count —
// is read and compared with the SessionMetrics computed from the package's log (the engine
// rebuilt from the logged inputs). Any figure on screen that disagrees fails the test.
// The session clock runs 2× (`?clock=2`): the 3-minute task ends by itself after 90 s.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { computeMetrics, improvements, metricTable, rebuildSession, rubricEvidence, type SessionMetrics } from '../../scenarios/engine/index.ts';
import { loadScenario } from '../../scenarios/format/index.ts';
import { asLiveRoom } from '../../scenarios/format/task.ts';
import { formatClock } from '../../renderer/src/features/live-room/clock.ts';
import { chromiumMissing, launchChromium } from '../harness/chromium.ts';
import { zh, zhParts } from '../harness/i18n.ts';
import { makeTestMedia, mediaToolsMissing, type TestMedia } from '../harness/media.ts';
import { requirePeer } from '../harness/peers.ts';
import { rendererMissing, startTestHost, type TestHost } from '../harness/web-host.ts';

const ready = requirePeer('chromium', chromiumMissing()) && requirePeer('renderer build', rendererMissing()) && requirePeer('ffmpeg, espeak-ng', mediaToolsMissing());
const VIEWPORT = { width: 1366, height: 768 };
const FILE = 'b5-navel-orange-quick.yaml';

/** The headline as ReviewScreen's Headline states it, from the metrics. */
function headline(m: SessionMetrics): [string, string][] {
  return [
    [zh('review.head.duration'), formatClock(m.durationMs)],
    [zh('review.head.entered'), String(m.audience.total)],
    [zh('review.head.peak'), String(m.audience.peak)],
    [zh('review.head.orders'), `${String(m.sales.orders)} / ${String(m.sales.units)}`],
    [zh('review.head.gmv'), `¥${m.sales.gmv.toFixed(2)}`],
    [zh('review.head.conversion'), `${(m.sales.conversion * 100).toFixed(1)}%`],
    [zh('review.head.answered'), `${String(m.replies.answered)} / ${String(m.replies.due)}`],
    [zh('review.head.latency'), m.replies.p50Ms === null ? '—' : `${(m.replies.p50Ms / 1000).toFixed(1)} / ${((m.replies.p90Ms ?? 0) / 1000).toFixed(1)} s`],
  ];
}

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

async function screenFigures(page: Page) {
  return page.evaluate(() => {
    const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    return {
      head: [...document.querySelectorAll('.rv-head-figures > div')].map((d) => [text(d.querySelector('dt')), text(d.querySelector('dd'))]),
      rubric: [...document.querySelectorAll('.rv-rubric > table > tbody > tr')].map((tr) =>
        [...tr.querySelectorAll('li:not(.rv-voice-hint)')].map((li) => [text(li.querySelector('span')), text(li.querySelector('b'))]),
      ),
      table: [...document.querySelectorAll('.rv-all-metrics tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => text(td))),
      advice: [...document.querySelectorAll('.rv-improve li')].map((li) => ({ id: li.getAttribute('data-improvement') ?? '', title: text(li.querySelector('strong')), detail: text(li.querySelector('p')) })),
      replies: text(document.querySelector('#rv-replies-h')),
      replyRows: document.querySelectorAll('.rv-replies tbody tr').length,
    };
  });
}

describe.skipIf(!ready)('复盘 figures at 1366×768', () => {
  let host: TestHost;
  let browser: Browser;
  let media: TestMedia;

  beforeAll(async () => {
    media = await makeTestMedia();
    host = await startTestHost();
    browser = await launchChromium({ video: media.productY4m, audio: media.speechWav });
    mkdirSync('test-results', { recursive: true });
  });
  afterAll(async () => {
    await browser.close();
    await host.dispose();
    media.dispose();
  });

  it('every figure on the 复盘 screen is the session metrics of its log', { timeout: 240_000 }, async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('dialog', (d) => void d.dismiss());
    await page.goto(`${host.url}&clock=2`);
    await page.getByRole('radio', { name: /直播销售员/ }).click();
    await page.getByRole('radio', { name: /五级/ }).click();
    await page.getByRole('button', { name: /进入直播间/ }).click();
    await page.locator('[data-scenario="b5-navel-orange-quick"]').click();
    await page.getByLabel('学员姓名').fill('张三');
    await page.getByRole('button', { name: '开始直播' }).click();
    await page.getByTestId('live-room').waitFor({ timeout: 30_000 });

    // The first question answered by voice (A); the rest, the complaint and the fault left to run.
    await page.getByTestId('lr-pin-orange-5jin').click();
    await page.locator('.lr-queue li').first().waitFor({ timeout: 30_000 });
    await page.locator('.lr-top').click();
    await page.keyboard.press('a');
    await page.locator('[data-fault="network_drop"]').waitFor({ timeout: 90_000 });

    // The task ends by itself at 3:00; then 复盘.
    await page.getByTestId('review').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.locator('.rv-sub').textContent(), { timeout: 30_000 }).toContain('证据包');
    const shown = await screenFigures(page);
    await page.screenshot({ path: 'test-results/review-1366-figures.png' });

    // The metrics of the package's log.
    const root = join(host.dataDir, 'evidence');
    const [sessionId] = readdirSync(root).filter((n) => /^\d{8}-/.test(n));
    const log = readFileSync(join(root, sessionId ?? '', 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; data: { input?: unknown } });
    const loaded = loadScenario(FILE, readFileSync(fileURLToPath(new URL(`../../scenarios/library/${FILE}`, import.meta.url)), 'utf8'));
    if (!loaded.ok) throw new Error('scenario');
    const scenario = asLiveRoom(loaded.scenario);
    const inputs = log.filter((r) => r.type === 'engine.input').map((r) => r.data.input);
    const m = computeMetrics(rebuildSession(scenario, { seed: scenario.audience.seed, options: { obs: false }, inputs }).state);

    // The session had what the figures are about.
    expect(m.replies.answered).toBeGreaterThanOrEqual(1);
    expect(m.replies.items.filter((r) => r.status === 'unanswered' || r.status === 'late').length).toBeGreaterThanOrEqual(1);
    expect(m.replies.items.filter((r) => r.kind === 'complaint').length).toBeGreaterThanOrEqual(1);
    expect(m.faults.items).toHaveLength(1);

    expect(shown.head).toEqual(headline(m));
    expect(shown.rubric).toEqual(rubricEvidence(scenario, m).map((r) => r.metrics.map((line) => [zh(line.key), squash(zhParts(line.value))])));
    expect(shown.table).toEqual(metricTable(m).map((line) => [zh(line.key), squash(zhParts(line.value))]));
    // Advice: the engine's, most urgent first (voice advice may rank among them once the
    // recording is analysed; each engine item shown is the next of the engine's own list).
    const engine = improvements(m, scenario);
    const shownEngine = shown.advice.filter((a) => engine.some((x) => x.id === a.id));
    expect(shown.advice.length).toBeGreaterThan(0);
    expect(shownEngine).toEqual(engine.slice(0, shownEngine.length).map((x) => ({ id: x.id, title: squash(zh(x.title)), detail: squash(zh(x.detail.key, x.detail.params as Record<string, string | number>)) })));
    expect(shown.replies).toBe(squash(zh('review.replies.title', { count: m.replies.items.length })));
    expect(shown.replyRows).toBe(m.replies.items.length);
    await context.close();
  });
});
