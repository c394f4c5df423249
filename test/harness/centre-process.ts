// The centre host as a real process (`livedrill centre` on loopback, TLS), for the tests that
// need one: its port and certificate fingerprint read off its own output, as a person would.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

export interface CentreProcess {
  child: ChildProcess;
  port: number;
  fingerprint: string;
  out: string[];
  stop(): Promise<void>;
}

/** `port` 0 takes a free one; a restart passes the port it had, so devices find it again. */
export function startCentreProcess(dataDir: string, extra: string[] = [], port = 0): Promise<CentreProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/livedrill.mjs'), 'centre', '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  const out: string[] = [];
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    await gone;
  };
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString();
      out.push(d.toString());
      const port = /listening on 127\.0\.0\.1:(\d+)/.exec(text)?.[1];
      const fingerprint = /SHA-256[^:]*: ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})/.exec(text)?.[1];
      if (port && fingerprint) resolve({ child, port: Number(port), fingerprint, out, stop });
    });
    child.stderr.on('data', (d: Buffer) => out.push(d.toString()));
    child.once('exit', (code) => reject(new Error(`centre exited ${code}: ${out.join('')}`)));
  });
}
