// A child process for the crash test: the real web host (the same services and WebSocket
// transport as `livedrill web`) on a free port with the given data folder. Prints its URL and
// runs until killed; the test kills it with SIGKILL mid-recording.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHost } from '../../electron/web/server.ts';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: evidence-host.ts <data-dir>\n');
  process.exit(2);
}
const host = await startWebHost({ rendererDir: mkdtempSync(join(tmpdir(), 'livedrill-empty-ui-')), dataDir, port: 0 });
process.stdout.write(`URL ${host.url}\n`);
// SIGUSR2: collect garbage (when started with --expose-gc) and print the heap in use, for tests
// that check a connection's memory is freed when it closes.
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  process.stdout.write(`MEM heapUsed=${m.heapUsed} rss=${m.rss}\n`);
});
setInterval(() => undefined, 60_000);
