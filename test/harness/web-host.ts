// Starts the real web host on a free port with its own, fresh data folder (one per test, as
// Actual Budget's fixtures do), serving the built renderer.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWebHost, type WebHost } from '../../electron/web/server.ts';

export const RENDERER_DIR = fileURLToPath(new URL('../../build/renderer', import.meta.url));

export function rendererMissing(): string | null {
  return existsSync(join(RENDERER_DIR, 'index.html')) ? null : `${RENDERER_DIR}/index.html missing (run npm run build:renderer)`;
}

export interface TestHost extends WebHost {
  dataDir: string;
  dispose(): Promise<void>;
}

export async function startTestHost(): Promise<TestHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'livedrill-data-'));
  const host = await startWebHost({ rendererDir: RENDERER_DIR, dataDir, port: 0 });
  return {
    ...host,
    dataDir,
    async dispose() {
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
