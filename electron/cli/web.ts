import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultDataDir } from '../services/data-dir.ts';
import { startWebHost } from '../web/server.ts';
import { rejectRest, takeFlag, takeOption, UsageError, type CliIO } from './usage.ts';

export const rendererBuildDir = fileURLToPath(new URL('../../build/renderer', import.meta.url));

export function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`--port must be a number 0..65535, got "${value}"`);
  return Number(value);
}

export async function webCommand(args: string[], io: CliIO): Promise<number> {
  const port = parsePort(takeOption(args, 'port'));
  const dataDir = takeOption(args, 'data-dir') ?? defaultDataDir();
  const open = takeFlag(args, 'open');
  rejectRest(args, 'web');
  if (!existsSync(`${rendererBuildDir}/index.html`)) {
    io.err(`livedrill web: the UI is not built (${rendererBuildDir}/index.html is missing). Run "npm run build:renderer" first.`);
    return 2;
  }
  const host = await startWebHost({ rendererDir: rendererBuildDir, dataDir, port, log: (line) => io.err(line) });
  io.out(`LiveDrill web: ${host.url}`);
  io.out(`数据目录 data folder: ${dataDir}`);
  if (open) openBrowser(host.url);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  return 0;
}

/** Best effort: a desktop opener if the platform has one; the URL is printed either way. */
function openBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}
