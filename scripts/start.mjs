#!/usr/bin/env node
// `npm start`: the desktop app when an Electron binary is installed; otherwise (CI, a server,
// an install with ELECTRON_SKIP_BINARY_DOWNLOAD=1) one line saying so, then the same app in
// web mode, opened in the browser where one can be opened. Extra arguments go to the child
// (e.g. `npm start -- --port 5173` in web mode). SIGINT/SIGTERM are forwarded to the child.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

/**
 * The Electron executable, or null when none is installed. require('electron') itself answers
 * with the path, but when the binary is missing it first tries to download one (and throws when
 * that fails), so the install's own files are checked before asking it.
 */
function electronBinary() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  if (!process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    if (!existsSync(join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim()))) return null;
  }
  try {
    const executable = require('electron');
    return typeof executable === 'string' && existsSync(executable) ? executable : null;
  } catch {
    return null;
  }
}

/** `npm run <script>`, with the npm that started us when there is one. */
function npmRun(script) {
  const npmCli = process.env.npm_execpath;
  const result =
    npmCli && /\.(c|m)?js$/.test(npmCli)
      ? spawnSync(process.execPath, [npmCli, 'run', script], { cwd: root, stdio: 'inherit' })
      : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', script], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.error !== undefined) throw result.error;
  if (result.status !== 0) {
    console.error(`start: "npm run ${script}" failed (exit ${String(result.status ?? result.signal)})`);
    process.exit(result.status ?? 1);
  }
}

/**
 * Runs the child in its own process group (POSIX), so a terminal Ctrl+C reaches it exactly once:
 * through us. Our exit code is the child's.
 */
function runForwardingSignals(command, childArgs, env) {
  const child = spawn(command, childArgs, { cwd: root, stdio: 'inherit', env, detached: process.platform !== 'win32' });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (error) => {
    console.error(`start: could not run ${command}: ${error.message}`);
    process.exitCode = 1;
  });
  child.on('exit', (code, signal) => {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
    process.exitCode = code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1);
  });
}

const electron = electronBinary();
if (electron !== null) {
  npmRun('build');
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  runForwardingSignals(electron, ['.', ...args], env);
} else {
  console.log('LiveDrill: 未安装 Electron 程序 / the Electron binary is not installed, so it starts in web mode instead (npm run web).');
  if (!existsSync(join(root, 'build', 'renderer', 'index.html'))) npmRun('build:renderer');
  runForwardingSignals(process.execPath, [join(root, 'bin', 'livedrill.mjs'), 'web', '--open', ...args], process.env);
}
