// A local RTMP ingest: nginx with the rtmp module (apt: nginx libnginx-mod-rtmp) on a free
// loopback port, its own prefix, config, logs and pid under a temp folder, in the foreground
// (daemon off) so its master is our child and is stopped by its PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, onPath, portOpen, stopChild, track, waitUntil } from './obs.ts';

const MODULE_CANDIDATES = ['/usr/lib/nginx/modules/ngx_rtmp_module.so', '/usr/lib64/nginx/modules/ngx_rtmp_module.so', '/usr/share/nginx/modules/ngx_rtmp_module.so'];

function rtmpModule(): string | undefined {
  return MODULE_CANDIDATES.find((p) => existsSync(p));
}

/** Why a local nginx-rtmp cannot run here, or null when it can. */
export function nginxRtmpMissing(): string | null {
  if (!onPath('nginx') && !existsSync('/usr/sbin/nginx')) return 'nginx not installed (apt-get install nginx libnginx-mod-rtmp)';
  if (!rtmpModule()) return 'the nginx RTMP module is missing (apt-get install libnginx-mod-rtmp)';
  return null;
}

export interface NginxRtmp {
  readonly port: number;
  /** Where OBS streams to (rtmp://127.0.0.1:PORT/live). */
  readonly rtmpUrl: string;
  readonly pid: number | undefined;
  readonly dir: string;
  /** Stops nginx (SIGTERM to its master, by PID), keeping its folder so it can start again. */
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  /** Stops it and removes the folder. */
  stop(): Promise<void>;
  errorLog(): string;
}

export async function startNginxRtmp(port?: number): Promise<NginxRtmp> {
  const missing = nginxRtmpMissing();
  if (missing) throw new Error(missing);
  const modulePath = rtmpModule() ?? '';
  const listenPort = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'livedrill-nginx-'));
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    [
      `load_module ${modulePath};`,
      'daemon off;',
      'worker_processes 1;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'logs', 'error.log')} info;`,
      'events { worker_connections 64; }',
      'rtmp {',
      '  server {',
      `    listen 127.0.0.1:${listenPort};`,
      '    chunk_size 4096;',
      '    application live { live on; record off; }',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  const bin = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
  let child: ChildProcess | undefined;

  async function startServer(): Promise<void> {
    if (child && child.exitCode === null && child.signalCode === null) throw new Error('nginx is already running');
    const log = openSync(join(dir, 'logs', 'stderr.log'), 'a');
    // -e: nginx opens its default error log before reading the config; keep it in our folder.
    const c = spawn(bin, ['-p', dir, '-c', conf, '-e', join(dir, 'logs', 'error.log')], { stdio: ['ignore', log, log] });
    closeSync(log);
    child = c;
    track(c);
    try {
      await waitUntil(`nginx-rtmp on 127.0.0.1:${listenPort}`, 15_000, async () => {
        if (c.exitCode !== null) throw new Error(`nginx exited (${c.exitCode}): ${readTail(join(dir, 'logs', 'stderr.log'))} ${readTail(join(dir, 'logs', 'error.log'))}`);
        return portOpen(listenPort);
      });
    } catch (error) {
      await stopChild(c, 'SIGTERM', 5000);
      throw error;
    }
  }

  const server: NginxRtmp = {
    port: listenPort,
    rtmpUrl: `rtmp://127.0.0.1:${listenPort}/live`,
    get pid() {
      return child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
    },
    dir,
    // SIGTERM is nginx's fast shutdown: the master stops its worker and open connections drop.
    stopServer: () => stopChild(child, 'SIGTERM', 10_000),
    startServer,
    async stop() {
      await stopChild(child, 'SIGTERM', 10_000);
      if (process.env.LIVEDRILL_KEEP_TMP !== '1') rmSync(dir, { recursive: true, force: true });
    },
    errorLog: () => readTail(join(dir, 'logs', 'error.log')),
  };
  await startServer();
  return server;
}

function readTail(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-10).join('\n') : '';
}
