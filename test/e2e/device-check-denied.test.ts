// Camera permission denied (through CDP): the camera item says exactly how to allow it, the
// other items still measure, nothing crashes, allowing it then re-running the item works, and
// taking it back mid-preview is reported at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type CDPSession } from 'playwright-core';
import { CHROMIUM_PATH, chromiumArgs, chromiumMissing } from '../harness/chromium.ts';
import { card, findingCodes, openDeviceCheck, waitForAll, waitForItem } from '../harness/device-check-page.ts';
import { requirePeer } from '../harness/peers.ts';
import { rendererMissing, startTestHost, type TestHost } from '../harness/web-host.ts';

const ready = requirePeer('chromium', chromiumMissing()) && requirePeer('renderer build', rendererMissing());

describe.skipIf(!ready)('device check with the camera permission denied', () => {
  let host: TestHost;
  let browser: Browser;
  let cdp: CDPSession;

  beforeAll(async () => {
    host = await startTestHost();
    // Without --use-fake-ui-for-media-stream, so the permissions set below decide.
    const args = chromiumArgs().filter((a) => a !== '--use-fake-ui-for-media-stream');
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args, timeout: 60_000 });
    cdp = await browser.newBrowserCDPSession();
  });
  afterAll(async () => {
    await browser.close();
    await host.dispose();
  });

  async function setPermission(name: 'camera' | 'microphone', setting: 'granted' | 'denied', browserContextId: string) {
    await cdp.send('Browser.setPermission', { permission: { name }, setting, origin: new URL(host.url).origin, browserContextId });
  }

  it('says how to allow the camera, keeps measuring the rest, and recovers after the fix', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openDeviceCheck(context, host.url);
    const { targetInfos } = await cdp.send('Target.getTargets');
    const contextId = targetInfos.find((t) => t.type === 'page' && t.url.startsWith(new URL(host.url).origin))?.browserContextId;
    if (contextId === undefined) throw new Error('no browserContextId for the page');
    await setPermission('camera', 'denied', contextId);
    await setPermission('microphone', 'granted', contextId);

    await page.getByRole('button', { name: '开始检测' }).click();
    await waitForItem(page, 'camera');
    expect(await card(page, 'camera').getAttribute('data-verdict')).toBe('fail');
    expect(await findingCodes(page, 'camera')).toEqual(['camera.deniedBrowser']);
    const text = await card(page, 'camera').innerText();
    expect(text).toContain('浏览器拒绝了摄像头权限');
    expect(text).toContain('摄像头选「允许」');
    expect(text).toContain('NotAllowedError');

    // The microphone and the rest go on regardless.
    await page.getByRole('button', { name: '读完了' }).click({ timeout: 15_000 });
    await waitForAll(page);
    expect(await card(page, 'microphone').getAttribute('data-verdict')).not.toBe('');
    expect(await card(page, 'disk').getAttribute('data-verdict')).toBe('pass');

    // The trainee allows the camera and re-runs only that item.
    await setPermission('camera', 'granted', contextId);
    await card(page, 'camera').getByRole('button', { name: '重新检测' }).click();
    await expect.poll(() => card(page, 'camera').innerText(), { timeout: 15_000 }).toContain('第 2 次检测');
    await waitForItem(page, 'camera');
    expect(await findingCodes(page, 'camera')).not.toContain('camera.deniedBrowser');
    expect(await card(page, 'camera').innerText()).toContain('1280×720');

    // Taking the permission back while the preview runs ends the track: the item says so at once.
    await setPermission('camera', 'denied', contextId);
    await expect.poll(() => findingCodes(page, 'camera'), { timeout: 10_000 }).toEqual(['camera.deniedBrowser']);
    expect(await card(page, 'camera').innerText()).toContain('MediaStreamTrack ended');
    expect(errors).toEqual([]);
    await context.close();
  });
});
