// The OBS item against a real OBS Studio (headless under Xvfb, its 'drill' scene collection):
// a wrong password is a fail with the fix, the right one a connection whose program scene,
// camera source and microphone the item reads through the OBS bridge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumMissing, launchChromium } from '../harness/chromium.ts';
import { card, findingCodes, openDeviceCheck, waitForItem } from '../harness/device-check-page.ts';
import { DRILL_CAMERA, DRILL_MIC, DRILL_SCENE, obsMissing, startObs, type ObsInstance } from '../harness/obs.ts';
import { requirePeer } from '../harness/peers.ts';
import { rendererMissing, startTestHost, type TestHost } from '../harness/web-host.ts';

const ready = requirePeer('chromium', chromiumMissing()) && requirePeer('renderer build', rendererMissing()) && requirePeer('obs', obsMissing());

describe.skipIf(!ready)('device check: the OBS item with a real OBS', () => {
  let host: TestHost;
  let browser: Browser;
  let obs: ObsInstance;

  beforeAll(async () => {
    [host, browser, obs] = await Promise.all([startTestHost(), launchChromium(), startObs({ password: 'drill-pass-42' })]);
  });
  afterAll(async () => {
    await browser.close();
    await host.dispose();
    await obs.stop();
  });

  it('fails on a wrong password with the fix, then reads the scene, camera and microphone', async () => {
    const { page, errors } = await openDeviceCheck(browser, host.url);
    const obsCard = card(page, 'obs');
    await obsCard.getByLabel('OBS WebSocket 地址').fill(obs.url);
    await obsCard.getByLabel('WebSocket 密码').fill('wrong-password');
    await obsCard.getByRole('button', { name: '连接 OBS' }).click();
    await expect.poll(() => findingCodes(page, 'obs'), { timeout: 20_000 }).toEqual(['obs.auth']);
    expect(await obsCard.getAttribute('data-verdict')).toBe('fail');
    expect(await obsCard.innerText()).toContain('显示连接信息');

    await obsCard.getByLabel('WebSocket 密码').fill('drill-pass-42');
    await obsCard.getByRole('button', { name: '连接 OBS' }).click();
    await expect.poll(() => obsCard.locator('[data-value="state"] dd').textContent(), { timeout: 20_000 }).toContain('已连接');
    await waitForItem(page, 'obs');
    const text = await obsCard.innerText();
    expect(text).toMatch(/OBS \d+\.\d+\.\d+ · obs-websocket 5\./);
    expect(await obsCard.locator('[data-value="scene"] dd').textContent()).toBe(DRILL_SCENE);
    expect(await obsCard.locator('[data-value="cameraSource"] dd').textContent()).toBe(DRILL_CAMERA);
    expect(await obsCard.locator('[data-value="micInput"] dd').textContent()).toBe(DRILL_MIC);
    // The scene has a visible camera and an unmuted microphone: none of the item's own problems;
    // anything else comes from the bridge's own verdict (e.g. render lag under software GL).
    const codes = await findingCodes(page, 'obs');
    expect(codes.filter((c) => c !== 'obs.bridge' && c !== 'obs.ok')).toEqual([]);
    // The password never comes back to the page.
    expect(await page.content()).not.toContain('drill-pass-42');
    expect(errors).toEqual([]);
  });
});
