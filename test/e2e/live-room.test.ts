// The level-5 直播销售员 practice task end to end, for real: web mode served by the Node host, Debian's
// Chromium with a file-backed camera (a product on a table) and microphone (Chinese speech). From
// the home screen to the task, live with real backstage actions — pin the product, mark selling
// points, push the coupon, answer by voice (A), type a compliant reply to the 全网最低价 bait after
// seeing the banned-word hint, answer the complaint from the FAQ and add to it, mute a troll, block
// a keyword, start the flash sale on cue, handle the network drop (a wrong remedy, then the right
// one) — to 复盘 and its CSV, and the evidence package verifies and replays.
// The session clock runs 4× (`?clock=4`, documented in renderer/src/features/live-room/clock.ts):
// the 3-minute task takes 45 s; the evidence records real time.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { evidenceCommand } from '../../electron/cli/evidence.ts';
import { chromiumMissing, launchChromium } from '../harness/chromium.ts';
import { makeTestMedia, mediaToolsMissing, type TestMedia } from '../harness/media.ts';
import { requirePeer } from '../harness/peers.ts';
import { rendererMissing, startTestHost, type TestHost } from '../harness/web-host.ts';

const ready = requirePeer('chromium', chromiumMissing()) && requirePeer('renderer build', rendererMissing()) && requirePeer('ffmpeg, espeak-ng', mediaToolsMissing());
const SPEED = 4;

function capture() {
  const out: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => out.push(t) }, out };
}

/** Selects the comment waiting in 待回复 with this text (clicking it, as the trainee would). */
async function selectQuestion(page: Page, text: string): Promise<void> {
  const item = page.locator('.lr-queue li', { hasText: text });
  await item.waitFor({ timeout: 40_000 });
  // The queue re-renders as comments arrive: click again if a click landed during a refresh.
  for (let attempt = 0; attempt < 10; attempt++) {
    await item.click();
    const label = page.locator('.lr-reply label');
    const chosen = await expect
      .poll(() => label.textContent(), { timeout: 1500 })
      .toContain(text)
      .then(
        () => true,
        () => false,
      );
    if (chosen) return;
  }
  throw new Error(`the question "${text}" could not be selected in 10 clicks`);
}

/** The stream's rows are recycled as comments pour in (a virtual list refreshed every 200 ms), so a
 *  click can land as a row is replaced: click again until the moderation panel shows a selection. */
async function selectStreamRow(page: Page, row: Locator): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    await row.click();
    const selected = page.getByTestId('lr-selected');
    if (await selected.waitFor({ timeout: 1500 }).then(() => true, () => false)) return;
  }
  throw new Error('no comment of the stream could be selected in 10 clicks');
}

/** The row of a comment in the review's table of questions (time, result, answer time, how). */
async function answeredInReview(page: Page, text: string): Promise<string> {
  return page.locator('.rv-replies tr', { hasText: text }).innerText();
}

describe.skipIf(!ready)('live room: the level-5 直播销售员 practice task from start to 复盘', () => {
  let host: TestHost;
  let browser: Browser;
  let media: TestMedia;

  beforeAll(async () => {
    media = await makeTestMedia();
    host = await startTestHost();
    browser = await launchChromium({ video: media.productY4m, audio: media.speechWav });
  });
  afterAll(async () => {
    await browser.close();
    await host.dispose();
    media.dispose();
  });

  it('goes live, handles the room with real backstage actions, and reviews the session', { timeout: 170_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 960 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    mkdirSync('test-results', { recursive: true });

    // Home → 直播销售员 · 五级 → the task list → the briefing.
    await page.goto(`${host.url}&clock=${String(SPEED)}`);
    await page.getByRole('radio', { name: /直播销售员/ }).click();
    await page.getByRole('radio', { name: /五级/ }).click();
    await page.getByRole('button', { name: /进入直播间/ }).click();
    await page.locator('[data-scenario="b5-navel-orange-quick"]').click();
    await expect.poll(() => page.locator('.lr-brief').innerText(), { timeout: 15_000 }).toContain('5:1.3.1');
    expect(await page.locator('.lr-brief').innerText()).toContain('赣南脐橙 5斤装');
    await page.getByLabel('学员姓名').fill('张三');
    await page.getByRole('button', { name: '开始直播' }).click();
    await page.getByTestId('live-room').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.lr-rec').textContent(), { timeout: 10_000 }).toContain('录制中');

    // Present the product: 讲解中, two selling points by key, the coupon by key.
    await page.getByTestId('lr-pin-orange-5jin').click();
    await page.getByTestId('lr-bubble').waitFor();
    await page.keyboard.press('1');
    await page.keyboard.press('2');
    await page.keyboard.press('c');
    await expect.poll(() => page.locator('.lr-points li.done').count()).toBe(2);
    await page.locator('.lr-chip.coupon').waitFor();

    // 8 s: the shipping question, answered by voice (A while speaking).
    await selectQuestion(page, '今天下单什么时候发货？');
    await page.keyboard.press('a');
    await expect.poll(() => page.locator('.lr-queue li', { hasText: '今天下单什么时候发货？' }).count()).toBe(0);

    // 25 s: the bait. Typing 全网最低价 shows the hint with its category; the compliant reply goes out.
    await selectQuestion(page, '这是不是全网最低价');
    const reply = page.locator('#lr-reply-input');
    await reply.fill('是全网最低价');
    await expect.poll(() => page.getByTestId('lr-banned-hint').first().innerText()).toMatch(/全网最低价.*违禁词/s);
    await reply.fill('这是直播间专属活动价，领券满 39 减 5，到手 34.9 元');
    await expect.poll(() => page.getByTestId('lr-banned-hint').count()).toBe(0);
    await reply.press('Enter');
    await expect.poll(() => page.locator('.lr-queue li', { hasText: '这是不是全网最低价' }).count()).toBe(0);
    await reply.press('Escape');

    // Moderation: a troll or spammer from the 恶意/广告 view is muted; 加V becomes a blocked keyword.
    await page.getByRole('tab', { name: '恶意/广告' }).click();
    const bad = page.locator('.lr-row:not(.hidden)').first();
    await bad.waitFor({ timeout: 60_000 });
    await selectStreamRow(page, bad);
    await page.getByTestId('lr-mute').click();
    await expect.poll(() => page.locator('.lr-tags.muted li').count()).toBe(1);
    await page.getByLabel('屏蔽词').fill('加V');
    await page.getByLabel('屏蔽词').press('Enter');
    await expect.poll(() => page.locator('.lr-keywords .lr-tags li').innerText()).toContain('加V');
    await page.getByRole('tab', { name: '全部' }).click();
    await page.keyboard.press('Escape');

    // 50 s: the complaint, answered from the FAQ library; then a new FAQ.
    await selectQuestion(page, '上周买的有两个坏果');
    await page.locator('.lr-faq li button', { hasText: '坏果怎么办？' }).click();
    await expect.poll(() => page.locator('.lr-queue li', { hasText: '上周买的有两个坏果' }).count()).toBe(0);
    await page.getByRole('button', { name: '+ 新增' }).click();
    await page.getByLabel('问题', { exact: true }).fill('能开发票吗？');
    await page.getByLabel('答案').fill('可以，签收后联系客服开电子发票。');
    await page.getByLabel('话题').selectOption('after_sales');
    await page.getByRole('button', { name: '加入问题库' }).click();
    await page.locator('.lr-faq li', { hasText: '能开发票吗？' }).waitFor();

    // 70 s: the 运营提示 to start the flash sale, started with F.
    await page.locator('.lr-cue').waitFor({ timeout: 40_000 });
    await page.locator('.lr-top').click(); // focus out of any field
    await page.keyboard.press('f');
    await page.locator('.lr-chip.flash').waitFor({ timeout: 5_000 });

    // 100 s: the network drops. The stream freezes; a wrong remedy is refused, the right one fixes it.
    const fault = page.locator('[data-fault="network_drop"]');
    await page.getByTestId('lr-frozen').waitFor({ timeout: 40_000 });
    expect(await page.locator('.lr-stage video').evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
    await page.locator('.lr-center').evaluate((el) => el.scrollTo(0, 0));
    await page.screenshot({ path: 'test-results/live-room-network-drop.png' });
    await fault.locator('input[value="reconnect_stream"]').check();
    await fault.getByRole('button', { name: '确认处理办法' }).click();
    await expect.poll(() => fault.locator('.lr-fault-wrong').count()).toBe(1);
    await fault.locator('input[value="switch_network"]').check();
    await fault.locator('textarea').fill('切到手机热点，重新推流后向观众说明');
    await fault.getByRole('button', { name: '确认处理办法' }).click();
    await expect.poll(() => fault.count(), { timeout: 15_000 }).toBe(0);
    expect(await page.getByTestId('lr-frozen').count()).toBe(0);
    await page.locator('.lr-center').evaluate((el) => el.scrollTo(0, 0));
    await page.screenshot({ path: 'test-results/live-room-zh-CN.png' });

    // 140 s: a purchase-intent question, by voice; then end the live.
    await selectQuestion(page, '券怎么领？领完直接拍 1 号链接吗？');
    await page.keyboard.press('a');
    await expect.poll(() => page.locator('.lr-queue li', { hasText: '券怎么领？领完直接拍' }).count()).toBe(0);
    const viewers = Number(await page.getByTestId('lr-viewers').locator('strong').textContent());
    expect(viewers).toBeGreaterThan(0);
    await page.getByRole('button', { name: '结束直播' }).click();
    await page.getByRole('button', { name: '结束', exact: true }).click();

    // 复盘.
    const review = page.getByTestId('review');
    await review.waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('.rv-sub').textContent(), { timeout: 10_000 }).toContain('证据包');
    expect(await page.locator('.rv-improve li').count()).toBeGreaterThan(0);
    expect(await page.locator('.rv-improve li').count()).toBeLessThanOrEqual(3);
    for (const id of ['rv-viewers-chart', 'rv-comments-chart', 'rv-orders-chart']) expect(await page.getByTestId(id).locator('svg').count()).toBe(1);
    expect(await page.locator('[data-testid="rv-viewers-chart"] .rv-line').count()).toBe(1);
    expect(await page.locator('.rv-legend').innerText()).toContain('直播间断网');
    const rubric = await page.locator('.rv-rubric').innerText();
    expect(rubric).toContain('5:1.3.1');
    expect(rubric).toContain('5:1.3.2');
    expect(await answeredInReview(page, '今天下单什么时候发货？')).toMatch(/按时回复[\s\S]*口头/);
    expect(await answeredInReview(page, '这是不是全网最低价')).toMatch(/按时回复[\s\S]*打字/);
    expect(await answeredInReview(page, '上周买的有两个坏果')).toMatch(/按时回复[\s\S]*FAQ/);
    // The recording plays in 复盘, and a voice answer's time seeks it to that moment (session time / 4).
    const video = page.locator('.rv-video video');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThan(0);
    const shipping = page.locator('.rv-replies tr', { hasText: '今天下单什么时候发货？' });
    const answeredAt = (await shipping.locator('.rv-seek').nth(1).innerText()).replace('▶', '').trim();
    await shipping.locator('.rv-seek').nth(1).click();
    const [mm, ss] = answeredAt.split(':').map(Number);
    const expected = ((mm ?? 0) * 60 + (ss ?? 0)) / SPEED;
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 }).toBeGreaterThanOrEqual(expected - 0.5);
    expect(await video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeLessThan(expected + 1.5);
    await page.screenshot({ path: 'test-results/review-zh-CN.png', fullPage: true });

    // The CSV, as a browser download: BOM, Chinese headers, one row per minute.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-csv="minutes"]').click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.startsWith('\uFEFF分钟 minute,在线人数 viewers')).toBe(true);
    expect(csv.trim().split('\r\n').length).toBeGreaterThanOrEqual(2);
    expect(download.suggestedFilename()).toMatch(/^b5-navel-orange-quick-\d{8}-\d{6}-[0-9a-f]{6}-minutes\.csv$/);
    const [actionsCsv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-csv="actions"]').click()]);
    const actions = readFileSync(await actionsCsv.path(), 'utf8');
    for (const type of ['pin_product', 'cover_selling_point', 'push_coupon', 'mark_answered', 'reply', 'reply_faq', 'add_faq', 'mute_user', 'block_keyword', 'start_flash_sale', 'ack_fault', 'end']) expect(actions).toContain(`,${type},`);

    // The evidence package: verifies (chain, hashes, video) and the engine log replays.
    const root = join(host.dataDir, 'evidence');
    const [sessionId] = readdirSync(root).filter((n) => /^\d{8}-/.test(n));
    const dir = join(root, sessionId ?? '');
    const verify = capture();
    expect(await evidenceCommand(['verify', dir], verify.io), verify.out.join('\n')).toBe(0);
    const replay = capture();
    expect(await evidenceCommand(['replay', dir, '--json'], replay.io), replay.out.join('\n')).toBe(0);
    const replayed = JSON.parse(replay.out.join('')) as { replay: { inputs: number; outputs: number } };
    expect(replayed.replay.inputs).toBeGreaterThan(200); // ticks and mic samples for 45 s, and the actions
    expect(errors).toEqual([]);
    await context.close();
  });
});
