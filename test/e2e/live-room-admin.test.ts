// The platform administrator's task (平台管理员 D5, issue 10 item 5) in Chromium at 1366×768: the
// host is simulated and visible (a drawn host with a caption from the scenario's talk track), the
// trainee's camera is not shown as the host, the host's own controls (口头回复, 卖点) are gone, and
// the administrator's controls act and leave evidence: 删除评论 hides the comment, 提醒主播 gets the
// host's answer with the live figures, and both inputs are in the package's events.jsonl.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumMissing, launchChromium } from '../harness/chromium.ts';
import { makeTestMedia, mediaToolsMissing, type TestMedia } from '../harness/media.ts';
import { requirePeer } from '../harness/peers.ts';
import { libraryScenario } from '../harness/trainee.ts';
import { rendererMissing, startTestHost, type TestHost } from '../harness/web-host.ts';

const ready = requirePeer('chromium', chromiumMissing()) && requirePeer('renderer build', rendererMissing()) && requirePeer('ffmpeg, espeak-ng', mediaToolsMissing());

describe.skipIf(!ready)('平台管理员 live room (simulated host)', () => {
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

  it('shows the drawn host and its talk track, the administrator’s controls, and logs what they do', { timeout: 150_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${host.url}&clock=2`);
    await page.getByRole('radio', { name: /平台管理员/ }).click();
    await page.getByRole('radio', { name: /五级/ }).click();
    await page.getByRole('button', { name: /进入直播间/ }).click();
    await page.locator('[data-scenario="d5-tea-room-admin"]').click();
    await page.getByLabel('学员姓名').fill('李场控');
    await page.getByRole('button', { name: '开始直播' }).click();
    await page.getByTestId('live-room').waitFor({ timeout: 30_000 });

    // The host on the stage is the simulated one, drawn, saying its first line; no camera video.
    const stage = page.getByTestId('lr-stage');
    await page.getByTestId('lr-simhost-canvas').waitFor();
    expect(await stage.locator('video').count()).toBe(0);
    const lines = (libraryScenario('d5-tea-room-admin').host?.lines ?? []).map((l) => l.text);
    const caption = page.getByTestId('lr-simhost-caption');
    const lineShown = async () => {
      const text = (await caption.textContent()) ?? '';
      return lines.findIndex((l) => text.includes(l));
    };
    await expect.poll(lineShown, { timeout: 20_000 }).toBeGreaterThanOrEqual(0);
    const first = await lineShown();
    expect(await stage.locator('.lr-host').textContent()).toContain('主播 茶山阿蓉');
    // The canvas is painted (not blank): its pixels vary.
    const colours = await page.getByTestId('lr-simhost-canvas').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
      const seen = new Set<number>();
      for (let i = 0; i < d.length; i += 4 * 97) seen.add(((d[i] ?? 0) << 16) | ((d[i + 1] ?? 0) << 8) | (d[i + 2] ?? 0));
      return seen.size;
    });
    expect(colours).toBeGreaterThan(5);
    // The talk track moves on to a later line.
    await expect.poll(lineShown, { timeout: 40_000 }).toBeGreaterThan(first);

    // The host's own controls are not the administrator's: no 口头回复, no 卖点 buttons or keys.
    expect(await page.getByTestId('lr-mark-answered').count()).toBe(0);
    expect(await page.locator('[data-point]').count()).toBe(0);
    await page.getByTestId('lr-simpoints').waitFor();
    const legend = (await page.locator('.lr-foot').textContent()) ?? '';
    expect(legend).not.toContain('已口头回复');

    // 提醒主播 · 报实时数据: the host answers with the figures, and says it on the stage.
    await page.getByTestId('lr-pin-dianhong-250').click();
    await page.getByTestId('lr-prompt-data').click();
    await expect.poll(() => page.getByTestId('lr-simhost-caption').textContent(), { timeout: 10_000 }).toMatch(/收到！现在直播间 \d+ 人在线，已经 \d+ 单/);

    // 删除评论: the spam comment at 90 s (45 s at 2×) is deleted and marked so.
    const spam = page.locator('.lr-row', { hasText: '加微信送茶具，私聊更便宜' }).first();
    await spam.waitFor({ timeout: 60_000 });
    // Hovering pauses the list; nothing may then cover a row (the resume control once sat over the newest).
    await page.getByTestId('lr-stream').hover();
    await page.locator('.lr-rows.frozen').waitFor();
    const covered = await page.getByTestId('lr-stream').evaluate((box) => {
      const frame = box.getBoundingClientRect();
      return [...box.querySelectorAll('li')].flatMap((li) => {
        const r = li.getBoundingClientRect();
        if (r.top < frame.top || r.bottom > frame.bottom) return [];
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return hit !== null && li.contains(hit) ? [] : [`${li.textContent} → ${hit === null ? 'nothing' : hit.className}`];
      });
    });
    expect(covered).toEqual([]);
    await spam.click();
    expect(await page.getByTestId('lr-selected').textContent()).toContain('加微信送茶具');
    await page.getByTestId('lr-delete').click();
    await expect.poll(() => page.getByTestId('lr-delete').isDisabled(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.locator('.lr-stream').first().textContent(), { timeout: 10_000 }).toMatch(/已拦截 [1-9]/);
    await page.screenshot({ path: 'test-results/live-room-admin-1366.png' });

    // Evidence: both inputs are in the package's log (flushed as they come).
    const root = join(host.dataDir, 'evidence');
    const [sessionId] = readdirSync(root).filter((n) => /^\d{8}-/.test(n));
    const log = () => readFileSync(join(root, sessionId ?? '', 'events.jsonl'), 'utf8');
    await expect.poll(() => /"type":"delete_comment"/.test(log()) && /"type":"prompt_host"/.test(log()), { timeout: 10_000 }).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
