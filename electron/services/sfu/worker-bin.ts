// Where the mediasoup worker is: MEDIASOUP_WORKER_BIN, or the one scripts/mediasoup/ensure-worker.sh
// built into the cache for this mediasoup version (no prebuilt can be downloaded). mediasoup reads
// the variable when its module loads, so it is set before the first import.
import { accessSync, constants, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CentreError } from '../centre/registry.ts';

type Mediasoup = typeof import('mediasoup');

export function mediasoupVersion(): string {
  // The package's exports hide package.json; its main file sits at node/lib/index.js.
  const main = createRequire(import.meta.url).resolve('mediasoup');
  const pkg = JSON.parse(readFileSync(join(dirname(main), '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export function workerBinPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MEDIASOUP_WORKER_BIN) return env.MEDIASOUP_WORKER_BIN;
  const cache = env.LIVEDRILL_CACHE_DIR ?? join(homedir(), '.cache', 'livedrill');
  return join(cache, `mediasoup-worker-${mediasoupVersion()}`, 'mediasoup-worker');
}

let loaded: Promise<Mediasoup> | null = null;

/** mediasoup with its worker found; a missing worker is `sfu_no_worker` with the path looked at. */
export function loadMediasoup(): Promise<Mediasoup> {
  const bin = workerBinPath();
  try {
    accessSync(bin, constants.X_OK);
  } catch {
    return Promise.reject(new CentreError(503, 'sfu_no_worker', { path: bin }));
  }
  process.env.MEDIASOUP_WORKER_BIN = bin;
  return (loaded ??= import('mediasoup'));
}
