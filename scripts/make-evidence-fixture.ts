// Regenerates the committed evidence fixtures:
//   test/fixtures/evidence/sample/         a real package recorded by the e2e test (the trial
//                                          recording in Chromium with fake devices): try
//                                          `npx livedrill evidence verify test/fixtures/evidence/sample`
//   test/fixtures/evidence/chrome-chunks/  five raw 1-second MediaRecorder chunks (VP8 + Opus)
//                                          as Chromium emits them, for the WebM unit tests
// Usage: node scripts/make-evidence-fixture.ts   (needs chromium and ffmpeg, like the e2e tests)
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../test/harness/chromium.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${String(result.status ?? result.signal)}`);
}

run('npm', ['run', 'build:renderer']);
run(npx, ['vitest', 'run', 'test/e2e/evidence.test.ts'], { LIVEDRILL_WRITE_FIXTURE: '1' });

// Raw chunks: a page on a loopback origin (getUserMedia needs a secure context).
const server = createServer((_q, s) => s.end('<!doctype html><title>chunks</title>')).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  const chunks = await page.evaluate(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720, frameRate: 30 }, audio: true });
    const recorder = new MediaRecorder(stream, { mimeType: 'video/webm;codecs=vp8,opus' });
    const blobs: Blob[] = [];
    recorder.ondataavailable = (e) => blobs.push(e.data); // in order, synchronously
    const stopped = new Promise((r) => recorder.addEventListener('stop', r, { once: true }));
    recorder.start(1000);
    await new Promise((r) => setTimeout(r, 5500));
    recorder.stop();
    await stopped;
    for (const t of stream.getTracks()) t.stop();
    return Promise.all(blobs.map(async (b) => Array.from(new Uint8Array(await b.arrayBuffer()))));
  });
  const dir = fileURLToPath(new URL('../test/fixtures/evidence/chrome-chunks/', import.meta.url));
  if (chunks.length < 5) throw new Error(`only ${chunks.length} chunks recorded; the old ones are kept`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  chunks.slice(0, 5).forEach((c, i) => writeFileSync(`${dir}chunk${i}.bin`, Buffer.from(c)));
  console.log(`wrote 5 chunks to ${dir}`);
} finally {
  await browser.close();
  server.close();
}
