// Debian's Chromium driven by playwright-core, with fake media devices (optionally file-backed).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.LIVEDRILL_CHROMIUM ?? '/usr/bin/chromium';

export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `${CHROMIUM_PATH} not found (apt-get install chromium fonts-noto-cjk)`;
}

export interface FakeMedia {
  /** A .y4m file for the fake camera. */
  video?: string;
  /** A .wav file for the fake microphone. */
  audio?: string;
}

export function chromiumArgs(media: FakeMedia = {}): string[] {
  const args = [
    '--no-sandbox',
    '--headless=new',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--autoplay-policy=no-user-gesture-required',
  ];
  if (media.video) args.push(`--use-file-for-fake-video-capture=${media.video}`);
  if (media.audio) args.push(`--use-file-for-fake-audio-capture=${media.audio}`);
  return args;
}

export function launchChromium(media: FakeMedia = {}): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs(media), timeout: 60_000 });
}
