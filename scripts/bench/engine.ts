// The session engine replaying a 90-minute session's inputs: ticks every 100 ms, mic samples every
// 100 ms and a trainee's actions (answers, mutes, faults, coupons, flash sales). Goal ≤ 1 s.
// The inputs are recorded once by the scripted trainee, then replayed from a fresh session.
import { performance } from 'node:perf_hooks';
import { computeMetrics, createSession, replay, serialize } from '../../scenarios/engine/index.ts';
import type { LiveRoomScenario } from '../../scenarios/format/index.ts';
import { libraryScenario, runTrainee } from '../../test/harness/trainee.ts';

const LIBRARY_IDS = ['b5-navel-orange', 'd5-tea-room-admin', 'b4-moisturizing-cream', 'd4-obs-faults-faq', 'b3-portable-blender', 'd3-festival-ops'];

const GOAL_MS = 1000;
const base = libraryScenario('b5-navel-orange');
// 90 minutes: the 20-minute script repeated, each round with its own event ids.
const rounds = Math.ceil(5400 / base.durationSec);
const scenario: LiveRoomScenario = {
  ...base,
  durationSec: 5400,
  events: Array.from({ length: rounds }, (_, k) => base.events.map((e, i) => ({ ...e, id: `r${k}-e${i}`, at: e.at + k * base.durationSec }))).flat().filter((e) => e.at < 5400),
};

const recorded = runTrainee(scenario, { tickMs: 100 });
const inputs = recorded.inputs;
const kinds = new Map<string, number>();
for (const i of inputs) kinds.set(i.type, (kinds.get(i.type) ?? 0) + 1);

const times: number[] = [];
let last = recorded.state;
for (let i = 0; i < 6; i++) {
  const t0 = performance.now();
  last = replay(createSession(scenario), inputs).state;
  times.push(performance.now() - t0);
}
if (JSON.stringify(last) !== JSON.stringify(recorded.state)) {
  console.error('engine: the replay did not reproduce the recorded session');
  process.exit(1);
}
const t1 = performance.now();
const metrics = computeMetrics(last);
const metricsMs = performance.now() - t1;
const cold = times[0] ?? 0;
const warm = Math.min(...times.slice(1));
const actions = inputs.length - (kinds.get('tick') ?? 0) - (kinds.get('voice') ?? 0);
console.log(
  `engine: 90-minute session, ${inputs.length} inputs (${kinds.get('tick') ?? 0} ticks, ${kinds.get('voice') ?? 0} mic samples, ${actions} actions); ` +
    `${last.commentsShown + last.commentsHidden} comments, ${last.orders.length} orders, peak ${last.peakViewers} viewers`,
);
console.log(`engine: replay ${cold.toFixed(0)} ms cold (first run, JIT warming up), ${warm.toFixed(0)} ms warm (best of ${times.length - 1}) → ${((warm / inputs.length) * 1000).toFixed(2)} µs per input; goal ≤ ${GOAL_MS} ms ${cold <= GOAL_MS ? '✓' : '✗ (missed)'}`);
console.log(`engine: computeMetrics ${metricsMs.toFixed(1)} ms (${metrics.replies.total} questions, ${metrics.series.length} minutes); final state ${(serialize(last).length / 1024).toFixed(0)} KiB as JSON`);


// The audience (issue 10 item 4), per shipped live-room task over a 20-minute session with the
// scripted good trainee: comments a minute (shown), distinct texts among them (goal ≥ 0.8), and
// how many a minute expect a reply.
const VARIETY_GOAL = 0.8;
for (const id of LIBRARY_IDS) {
  const s = libraryScenario(id);
  const run = runTrainee({ ...s, durationSec: 1200 }, { tickMs: 200 });
  const shown = run.effects.flatMap((e) => (e.type === 'comment' ? [e.comment] : []));
  const distinct = new Set(shown.map((c) => c.text)).size;
  const ratio = distinct / Math.max(1, shown.length);
  const reply = shown.filter((c) => c.replyBy !== null).length;
  console.log(
    `engine: audience ${id} (level ${s.level}, ${s.audience.baseViewers} viewers, ${s.audience.commentsPerMin}/min at base), 20 minutes: ` +
      `${shown.length} comments shown = ${(shown.length / 20).toFixed(1)}/min, ${(reply / 20).toFixed(1)}/min expect a reply; ` +
      `distinct ${distinct} = ${ratio.toFixed(2)}, goal ≥ ${VARIETY_GOAL} ${ratio >= VARIETY_GOAL ? '✓' : '✗ (missed)'}`,
  );
}
