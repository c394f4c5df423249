// The first screen, for real: web mode served by the Node host, opened in Debian's Chromium.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumMissing, launchChromium } from '../harness/chromium.ts';
import { requirePeer } from '../harness/peers.ts';
import { rendererMissing, startTestHost, type TestHost } from '../harness/web-host.ts';

const ready = requirePeer('chromium', chromiumMissing()) && requirePeer('renderer build', rendererMissing());

describe.skipIf(!ready)('first screen in Chromium (web mode)', () => {
  let host: TestHost;
  let browser: Browser;

  beforeAll(async () => {
    host = await startTestHost();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    await host.dispose();
  });

  it('browses 直播销售员 · 五级 and finds 4.2.3 能引导用户下单', async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(host.url);
    await page.getByRole('radio', { name: /练习/ }).click();
    await page.getByRole('radio', { name: /直播销售员/ }).click();
    await page.getByRole('radio', { name: /五级/ }).click();
    const item = page.locator('li[data-skill-id="5:4.2.3"]');
    await expect.poll(() => item.textContent(), { timeout: 15_000 }).toContain('能引导用户下单');
    expect(await item.locator('.skill-code').textContent()).toBe('4.2.3');
    await expect.poll(() => page.locator('h2#skills-heading').textContent()).toContain('直播销售员 · 五级');
    // Weights for B at level 5: 工作准备 30, 直播营销 50, 售后与复盘 20.
    const weights = await page.locator('aside.weights tbody').first().innerText();
    expect(weights).toMatch(/工作准备\s+30%/);
    expect(weights).toMatch(/直播营销\s+50%/);
    expect(weights).toMatch(/售后与复盘\s+20%/);
    // D (平台管理员) has no 二级/一级: those levels are disabled when it is picked.
    await page.getByRole('radio', { name: /平台管理员/ }).click();
    expect(await page.getByRole('radio', { name: /二级/ }).isDisabled()).toBe(true);
    await page.getByRole('radio', { name: /直播销售员/ }).click();
    await expect.poll(() => item.count()).toBe(1);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/home-zh-CN.png', fullPage: false });
    expect(errors).toEqual([]);
  });

  it('an address from an earlier run (old token) says to use the address the app printed, not only 无法连接', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`http://127.0.0.1:${host.port}/?token=old-token-from-yesterday`);
    const said = page.getByTestId('connection-error');
    await expect.poll(() => said.textContent(), { timeout: 15_000 }).toContain('访问令牌已过期');
    expect(await said.textContent()).toContain('本次启动时打印的完整地址');
    await page.close();
  });

  it('shows the transport and data folder from app.info over WebSocket', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    await expect.poll(() => page.locator('.transport').textContent(), { timeout: 15_000 }).toContain('浏览器模式');
    expect(await page.locator('.transport').getAttribute('title')).toContain(host.dataDir);
  });

  it('switches to English and back', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('LiveDrill');
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('直播实训考评台');
  });

  it('without the token the page says how to open it', async () => {
    const page = await browser.newPage();
    await page.goto(host.url.replace(/\?token=.*/, ''));
    await expect.poll(() => page.locator('body').textContent(), { timeout: 15_000 }).toContain('访问令牌');
  });
});
