#!/usr/bin/env node
// Entry of `npx livedrill`. The CLI is TypeScript run by Node's own type stripping
// (default from Node 22.18 / 23.6); older Node 22 gets the flag by a re-exec.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../electron/cli/main.ts', import.meta.url));
if (process.features.typescript) {
  const { run } = await import(main);
  process.exitCode = await run(process.argv.slice(2));
} else {
  const child = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exitCode = child.status ?? 1;
}
