// A reload mid-session (issue 10 item 2), at 1366×768 as a trainee meets it: leaving the page
// while live asks first (the browser's beforeunload dialog; staying keeps the live going); after
// the reload the app offers to go on with the same session; going on finds the same package, the
// clock where it stopped, the question answered and the network drop handled before the reload
// still there; the live is finished, and the one package verifies (both recording segments), its
// log replays, and the metrics computed from it count the answer and the fault handled.
// The session clock runs at its real speed: the network drop comes at 1:40 and lasts 40 s, time
// enough to handle it in software-rendered Chromium on a loaded machine (at 2× it ran out).
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Dialog, Page } from 'playwright-core';
import { evidenceCommand } from '../../electron/cli/evidence.ts';
import { computeMetrics, rebuildSession } from '../../scenarios/engine/index.ts';
import { loadScenario } from '../../scenarios/format/index.ts';
import { asLiveRoom } from '../../scenarios/format/task.ts';
import { chromiumMissing, launchChromium } from '../harness/chromium.ts';
import { makeTestMedia, mediaToolsMissing, type TestMedia } from '../harness/media.ts';
import { requirePeer } from '../harness/peers.ts';
import { rendererMissing, startTestHost, type TestHost } from '../harness/web-host.ts';

const ready = requirePeer('chromium', chromiumMissing()) && requirePeer('renderer build', rendererMissing()) && requirePeer('ffmpeg, espeak-ng', mediaToolsMissing());
const VIEWPORT = { width: 1366, height: 768 };
const FILE = 'b5-navel-orange-quick.yaml';

function capture() {
  const out: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => out.push(t) }, out };
}

/** mm:ss of the live room's timer, as seconds. */
async function timerSeconds(page: Page): Promise<number> {
  const text = (await page.getByTestId('lr-timer').locator('strong').textContent()) ?? '';
  const [mm, ss] = text.split(':').map(Number);
  return (mm ?? 0) * 60 + (ss ?? 0);
}

/** The latest session time of an engine input in the (only) package's log so far, ms (the
 *  package's own media.chunk records are stamped when written, so they run ahead). */
function loggedUntil(dataDir: string): number {
  const root = join(dataDir, 'evidence');
  const [id] = readdirSync(root).filter((n) => /^\d{8}-/.test(n));
  const lines = readFileSync(join(root, id ?? '', 'events.jsonl'), 'utf8').split('\n');
  let max = 0;
  for (const line of lines) {
    try {
      const r = JSON.parse(line) as { t: number; type: string };
      if (r.type === 'engine.input') max = Math.max(max, r.t);
    } catch {
      // a line being written
    }
  }
  return max;
}

describe.skipIf(!ready)('a reload mid-session at 1366×768', () => {
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

  it('warns, offers the same session, resumes it with its state, and the package verifies', { timeout: 420_000 }, async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    const page = await context.newPage();
    const dialogs: string[] = [];
    let answer: (d: Dialog) => Promise<void> = (d) => d.dismiss();
    page.on('dialog', (d) => {
      dialogs.push(d.type());
      void answer(d);
    });
    await page.goto(host.url);
    await page.getByRole('radio', { name: /直播销售员/ }).click();
    await page.getByRole('radio', { name: /五级/ }).click();
    await page.getByRole('button', { name: /进入直播间/ }).click();
    await page.locator('[data-scenario="b5-navel-orange-quick"]').click();
    await page.getByLabel('学员姓名').fill('张三');
    await page.getByRole('button', { name: '开始直播' }).click();
    await page.getByTestId('live-room').waitFor({ timeout: 30_000 });

    // Something handled before the reload: a question answered by typing, the network drop fixed.
    await page.locator('.lr-queue li').first().waitFor({ timeout: 30_000 });
    await page.locator('.lr-queue li').first().click();
    const reply = page.locator('#lr-reply-input');
    await reply.fill('产地直发，下单后 48 小时内发出');
    await reply.press('Enter');
    await expect.poll(() => reply.inputValue()).toBe('');
    const fault = page.locator('[data-fault="network_drop"]');
    await fault.waitFor({ timeout: 150_000 });
    await fault.locator('input[value="switch_network"]').check();
    await fault.getByRole('button', { name: '确认处理办法' }).click();
    await expect.poll(() => fault.count(), { timeout: 20_000 }).toBe(0);
    // The evidence is still recording (no append or chunk was refused).
    expect(await page.locator('.lr-rec').getAttribute('class'), (await page.locator('.lr-rec').getAttribute('title')) ?? '').toBe('lr-rec recording');
    const ordersBefore = Number(await page.getByTestId('lr-orders').locator('strong').textContent());

    // Leaving asks first; staying keeps the live going.
    await page.evaluate(() => {
      location.reload();
    });
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toBe('beforeunload');
    await page.waitForTimeout(500);
    await page.getByTestId('live-room').waitFor();
    expect(await page.locator('[data-testid="resume-offer"]').count()).toBe(0);

    // Leaving for real (the trainee confirms the browser's question): the reload.
    answer = (d) => d.accept();
    // Records still on their way when the page goes are lost with it (the log is the truth: the
    // session resumes from the last logged moment). On a loaded machine the log can lag the
    // room by many seconds (17 s seen at load 35), so the reload waits until it caught up.
    const before = await timerSeconds(page);
    await expect.poll(() => loggedUntil(host.dataDir), { timeout: 90_000 }).toBeGreaterThanOrEqual((before - 0.5) * 1000);
    const reloadAt = Date.now();
    await page.reload();
    expect(dialogs).toEqual(['beforeunload', 'beforeunload']);
    const offer = page.getByTestId('resume-offer');
    await offer.waitFor({ timeout: 20_000 });
    const root = join(host.dataDir, 'evidence');
    const packages = () => readdirSync(root).filter((n) => /^\d{8}-/.test(n));
    expect(packages()).toHaveLength(1);
    const [sessionId] = packages();
    expect(await offer.getAttribute('data-session')).toBe(sessionId);
    const offerText = await offer.innerText();
    expect(offerText).toContain('上次的直播没有结束');
    expect(offerText).toContain('张三');
    const stopped = /停在 (\d\d):(\d\d)/.exec(offerText);
    expect(stopped).not.toBeNull();
    const stoppedAt = Number(stopped?.[1]) * 60 + Number(stopped?.[2]);
    const awayFrom = Date.now();
    await page.screenshot({ path: 'test-results/live-room-1366-resume-offer.png' });

    // Going on: the same package, the clock where it stopped, the earlier state still there.
    await page.waitForTimeout(3000); // the trainee reads the offer: time away, not session time
    const clickedAt = Date.now();
    await offer.getByRole('button', { name: '继续直播' }).click();
    await page.getByTestId('live-room').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(2000);
    expect(`${await page.locator('.lr-rec').getAttribute('class')} ${await page.locator('.lr-rec').getAttribute('title')}`).toBe(`lr-rec recording ${sessionId}`);
    // The clock goes on from where the log stopped; the time away (reload, reading the offer) is not counted.
    const after = await timerSeconds(page);
    const sinceClick = (Date.now() - clickedAt) / 1000;
    expect(clickedAt - awayFrom).toBeGreaterThanOrEqual(3000);
    expect(after).toBeGreaterThanOrEqual(stoppedAt);
    const resumed = readFileSync(join(root, sessionId ?? '', 'events.jsonl'), 'utf8').split('\n').find((l) => l.includes('"session.resumed"'));
    const diag = `stopped ${stoppedAt} s, after ${after} s, ${sinceClick.toFixed(1)} s since the click, away ${((clickedAt - reloadAt) / 1000).toFixed(1)} s; ${resumed ?? ''}`;
    expect(after, diag).toBeLessThanOrEqual(stoppedAt + sinceClick + 2);
    expect(await page.locator('[data-fault="network_drop"]').count()).toBe(0);
    expect(Number(await page.getByTestId('lr-orders').locator('strong').textContent())).toBeGreaterThanOrEqual(ordersBefore);
    expect(packages()).toHaveLength(1);
    await page.waitForTimeout(3000);
    expect(await timerSeconds(page)).toBeGreaterThan(after);
    await page.screenshot({ path: 'test-results/live-room-1366-resumed.png' });

    // Finish; the 复盘 shows the answer and the handled fault.
    answer = (d) => d.dismiss();
    await page.getByRole('button', { name: '结束直播' }).click();
    await page.getByRole('button', { name: '结束', exact: true }).click();
    await page.getByTestId('review').waitFor({ timeout: 60_000 });
    expect(await page.locator('.rv-legend').innerText()).toContain('直播间断网');
    expect(dialogs).toHaveLength(2);

    // The one package: verifies (both segments), replays, and its metrics (from the log) have it all.
    expect(packages()).toEqual([sessionId]);
    const dir = join(root, sessionId ?? '');
    expect(readdirSync(join(dir, 'media')).sort()).toEqual(['camera-2.webm', 'camera.webm']);
    const verify = capture();
    expect(await evidenceCommand(['verify', dir], verify.io), verify.out.join('\n')).toBe(0);
    const replay = capture();
    expect(await evidenceCommand(['replay', dir, '--json'], replay.io), replay.out.join('\n')).toBe(0);
    const log = readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; data: { input?: unknown; options?: { obs?: boolean } } });
    expect(log.filter((r) => r.type === 'session.resumed')).toHaveLength(1);
    const loaded = loadScenario(FILE, readFileSync(fileURLToPath(new URL(`../../scenarios/library/${FILE}`, import.meta.url)), 'utf8'));
    if (!loaded.ok) throw new Error('scenario');
    const inputs = log.filter((r) => r.type === 'engine.input').map((r) => r.data.input);
    const m = computeMetrics(rebuildSession(asLiveRoom(loaded.scenario), { seed: asLiveRoom(loaded.scenario).audience.seed, options: { obs: false }, inputs }).state);
    expect(m.faults.detected).toBe(1);
    expect(m.faults.items[0]?.recoveredAt).not.toBeNull();
    expect(m.replies.items.filter((r) => r.via === 'typed').length).toBeGreaterThanOrEqual(1);
    await context.close();
  });
});
