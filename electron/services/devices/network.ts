// The network as Node sees it: which interfaces have a routable address, and TCP connect times to
// the ingest server (resolved once, then connected to by address, so DNS time is not in the samples).
import { lookup } from 'node:dns/promises';
import { isIP, Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { performance } from 'node:perf_hooks';
import { measureIngest, type IngestTarget } from '../../../scenarios/device-check/index.ts';
import type { IngestMeasured } from '../../../scenarios/device-check/record.ts';

/** "eth0 IPv4" for each interface address that is not loopback or link-local. */
export function routableInterfaces(table = networkInterfaces()): string[] {
  const names = new Set<string>();
  for (const [name, addresses] of Object.entries(table)) {
    for (const a of addresses ?? []) {
      if (a.internal) continue;
      if (a.family === 'IPv4' && a.address.startsWith('169.254.')) continue;
      if (a.family === 'IPv6' && /^fe80:/i.test(a.address)) continue;
      names.add(`${name} ${a.family}`);
    }
  }
  return [...names].sort();
}

/** One TCP connect: ms until established, or the error (code and message). */
export function connectOnce(host: string, port: number, timeoutMs: number): Promise<{ ms: number } | { error: string }> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const started = performance.now();
    const done = (result: { ms: number } | { error: string }) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done({ error: `超时（${timeoutMs} ms 内未连上）` }));
    socket.once('connect', () => done({ ms: performance.now() - started }));
    socket.once('error', (error: NodeJS.ErrnoException) => done({ error: `${error.code ?? 'ERROR'}: ${error.message}` }));
    socket.connect({ host, port });
  });
}

export async function probeIngest(target: IngestTarget, samples: number, timeoutMs: number): Promise<IngestMeasured> {
  let address: string | null = null;
  let dnsMs: number | null = null;
  if (isIP(target.host) === 0) {
    const started = performance.now();
    try {
      address = (await lookup(target.host)).address;
      dnsMs = performance.now() - started;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'ERROR';
      return measureIngest({ target, address: null, dnsMs: null, samples: Array<null>(samples).fill(null), errors: [`无法解析主机名 ${target.host}（${code}）`] });
    }
  }
  const times: (number | null)[] = [];
  const errors: string[] = [];
  // One after another: parallel connects would measure the server's accept queue, not the path.
  for (let i = 0; i < samples; i++) {
    const result = await connectOnce(address ?? target.host, target.port, timeoutMs);
    if ('ms' in result) times.push(result.ms);
    else {
      times.push(null);
      if (!errors.includes(result.error)) errors.push(result.error);
    }
  }
  return measureIngest({ target, address, dnsMs, samples: times, errors });
}
