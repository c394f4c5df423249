// Drives the device-check screen in a real page (e2e tests and the bench share it).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DeviceCheckRecord, ITEM_NAMES, type ItemName } from '../../scenarios/device-check/index.ts';

export interface CheckPage {
  readonly page: Page;
  /** Page errors and console errors seen so far. */
  readonly errors: string[];
}

export async function openDeviceCheck(target: Browser | BrowserContext, url: string): Promise<CheckPage> {
  const page = await target.newPage({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(url);
  await page.getByRole('button', { name: '开始设备检测' }).click();
  await page.getByRole('heading', { name: '设备检测' }).waitFor();
  return { page, errors };
}

export const card = (page: Page, item: ItemName) => page.locator(`[data-item="${item}"]`);

/** Waits until the item is neither idle nor running (speakers: waiting for the answer counts). */
export async function waitForItem(page: Page, item: ItemName, timeoutMs = 30_000): Promise<void> {
  await page.waitForSelector(`[data-item="${item}"]:is([data-phase="done"],[data-phase="answer"])`, { timeout: timeoutMs });
}

export async function waitForAll(page: Page, timeoutMs = 40_000): Promise<void> {
  for (const item of ITEM_NAMES) await waitForItem(page, item, timeoutMs);
}

/** The advice codes an item shows, in order. */
export async function findingCodes(page: Page, item: ItemName): Promise<string[]> {
  return card(page, item)
    .locator('.dc-finding')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-code') ?? ''));
}

/** Presses 完成 and reads back the record Node wrote under <dataDir>/checks/. */
export async function saveAndRead(page: Page, dataDir: string): Promise<{ record: DeviceCheckRecord; path: string }> {
  await page.getByRole('button', { name: '完成，保存结果' }).click();
  const saved = page.getByTestId('dc-saved');
  await saved.waitFor({ timeout: 15_000 });
  const dir = join(dataDir, 'checks');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const newest = files[files.length - 1];
  if (newest === undefined) throw new Error(`no record in ${dir}`);
  const path = join(dir, newest);
  expectText(await saved.textContent(), path);
  return { record: DeviceCheckRecord.parse(JSON.parse(readFileSync(path, 'utf8'))), path };
}

function expectText(text: string | null, part: string): void {
  if (!text?.includes(part)) throw new Error(`"${text ?? ''}" does not mention ${part}`);
}
