// Helper of scripts/bench/obs.ts (the leading "_" keeps bench.mjs from running it alone): a
// process holding only the OBS bridge, so its CPU and memory are the bridge's.
// Args: url password seconds. Prints one JSON line.
import { performance } from 'node:perf_hooks';
import { ObsBridge } from '../../electron/services/obs/bridge.ts';

const [url = '', password = '', secondsArg = '30'] = process.argv.slice(2);
const seconds = Number(secondsArg);

function cpuPercentOver(ms: number): Promise<number> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  return new Promise((resolve) =>
    setTimeout(() => {
      const cpu = process.cpuUsage(cpu0);
      resolve(((cpu.user + cpu.system) / 1000 / (performance.now() - t0)) * 100);
    }, ms),
  );
}

// What an idle Node process costs here, to read the bridge's figure against.
const idleCpuPercent = await cpuPercentOver(3000);
const bridge = new ObsBridge();
let samples = 0;
bridge.on('telemetry', () => samples++);
const state = await bridge.connect(url, password, { autoReconnect: false });
if (state.phase !== 'connected') {
  console.log(JSON.stringify({ error: state.error }));
  process.exit(1);
}
await new Promise((r) => setTimeout(r, 3000)); // warm up (JIT, first reload)
const rss0 = process.memoryUsage().rss;
samples = 0;
const cpuPercent = await cpuPercentOver(seconds * 1000);
const mem = process.memoryUsage();
await bridge.close();
console.log(
  JSON.stringify({
    seconds,
    samples,
    cpuPercent,
    idleCpuPercent,
    rssMb: mem.rss / 2 ** 20,
    heapUsedMb: mem.heapUsed / 2 ** 20,
    rssGrowthMb: (mem.rss - rss0) / 2 ** 20,
  }),
);
