// A scenario's OBS fault as a real drill: with OBS Studio connected (headless under Xvfb, its
// 'drill' collection), the 平台管理员 · 四级 task's "microphone muted in OBS" is injected into OBS by
// the live room (obs.drill.inject), the trainee unmutes it in OBS (a second obs-websocket client
// plays the trainee's hands), the bridge reports the drill recovered, the engine ends the fault,
// and 复盘 and the evidence replay show it. The session clock runs 20× (?clock=20): 180 s → 9 s.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { OBSWebSocket } from 'obs-websocket-js/json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { evidenceCommand } from '../../electron/cli/evidence.ts';
import { chromiumMissing, launchChromium } from '../harness/chromium.ts';
import { contractClient, DRILL_MIC, obsMissing, startObs, type ObsInstance } from '../harness/obs.ts';
import { requirePeer } from '../harness/peers.ts';
import { rendererMissing, startTestHost, type TestHost } from '../harness/web-host.ts';

const ready = requirePeer('chromium', chromiumMissing()) && requirePeer('renderer build', rendererMissing()) && requirePeer('obs', obsMissing());
const PASSWORD = 'live-room-obs-7';

function capture() {
  const out: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => out.push(t) }, out };
}

describe.skipIf(!ready)('live room: an OBS fault drill with a real OBS', () => {
  let host: TestHost;
  let browser: Browser;
  let obs: ObsInstance;
  let hands: OBSWebSocket;

  beforeAll(async () => {
    [host, browser, obs] = await Promise.all([startTestHost(), launchChromium(), startObs({ password: PASSWORD })]);
    hands = new OBSWebSocket();
    await hands.connect(obs.url, PASSWORD);
  });
  afterAll(async () => {
    await hands.disconnect().catch(() => undefined);
    await browser.close();
    await host.dispose();
    await obs.stop();
  });

  it('injects the scenario’s mute_mic into OBS, ends the fault when OBS is put right, and records it', { timeout: 150_000 }, async () => {
    const ui = contractClient(host.services.handlers, host.services.events);
    await ui.call('obs.connect', { url: obs.url, password: PASSWORD, rememberPassword: false });
    await expect.poll(async () => (await ui.call('obs.status', {})).phase, { timeout: 20_000 }).toBe('connected');

    const page = await browser.newPage({ viewport: { width: 1600, height: 960 }, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${host.url}&clock=20`);
    await page.getByRole('radio', { name: /平台管理员/ }).click();
    await page.getByRole('radio', { name: /四级/ }).click();
    await page.getByRole('button', { name: /进入直播间/ }).click();
    await page.locator('[data-scenario="d4-obs-faults-faq"]').click();
    await page.getByRole('button', { name: '开始直播' }).click();
    await page.getByTestId('live-room').waitFor({ timeout: 30_000 });

    // 180 s (9 s here): the drill is in OBS for real, and the room says to fix it there.
    const fault = page.locator('[data-fault="mute_mic"]');
    await fault.waitFor({ timeout: 30_000 });
    expect(await fault.innerText()).toContain('OBS 中的真实演练');
    await expect.poll(async () => (await hands.call('GetInputMute', { inputName: DRILL_MIC })).inputMuted, { timeout: 10_000 }).toBe(true);
    const drills = await ui.call('obs.drill.list', {});
    expect(drills.drills.map((d) => [d.kind, d.status])).toContainEqual(['mute_mic', 'active']);

    // The trainee notices and says what they will do (detection), then unmutes in OBS (recovery).
    await fault.locator('input[value="unmute_mic"]').check();
    await fault.getByRole('button', { name: '确认处理办法' }).click();
    await hands.call('SetInputMute', { inputName: DRILL_MIC, inputMuted: false });
    await expect.poll(() => fault.count(), { timeout: 15_000 }).toBe(0);
    await page.getByRole('button', { name: '结束直播' }).click();
    await page.getByRole('button', { name: '结束', exact: true }).click();

    await page.getByTestId('review').waitFor({ timeout: 60_000 });
    const legend = await page.locator('.rv-legend').innerText();
    expect(legend).toContain('麦克风');
    expect(await page.locator('.rv-rubric').innerText()).toMatch(/故障恢复用时\s*1\/1 已恢复/);
    expect(errors).toEqual([]);

    // The log holds the drill's inputs; the engine replays them to the same outputs.
    const root = join(host.dataDir, 'evidence');
    const [sessionId] = readdirSync(root).filter((n) => /^\d{8}-/.test(n));
    const replay = capture();
    expect(await evidenceCommand(['replay', join(root, sessionId ?? ''), '--json'], replay.io), replay.out.join('\n')).toBe(0);
    await page.close();
  });
});
