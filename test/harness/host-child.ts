// The real web host in a child process (test/harness/evidence-host.ts), for tests that must see
// whether the host survives (hostile input) or that kill it (crash safety).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HOST = fileURLToPath(new URL('./evidence-host.ts', import.meta.url));

export async function startHostChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--expose-gc', HOST, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('host did not print its URL in 20 s')), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString();
      const m = /URL (\S+)/.exec(text);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`host exited (${String(code)})`)));
  });
  return { child, url };
}

/** The child's heap in use after a full garbage collection, in MB. */
export function heapAfterGcMb(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('host did not report its memory in 10 s')), 10_000);
    const onData = (d: Buffer) => {
      const m = /MEM heapUsed=(\d+)/.exec(d.toString());
      if (!m) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve(Number(m[1]) / 1024 / 1024);
    };
    child.stdout?.on('data', onData);
    child.kill('SIGUSR2');
  });
}
