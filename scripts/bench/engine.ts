// The session engine replaying a 90-minute session's inputs: ticks every 100 ms, mic samples every
// 100 ms and a trainee's actions (answers, mutes, faults, coupons, flash sales). Goal ≤ 1 s.
// The inputs are recorded once by the scripted trainee, then replayed from a fresh session.
import { performance } from 'node:perf_hooks';
import { computeMetrics, createSession, replay, serialize } from '../../scenarios/engine/index.ts';
import type { LiveRoomScenario } from '../../scenarios/format/index.ts';
import { libraryScenario, runTrainee } from '../../test/harness/trainee.ts';

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


// The audience's variety (issue 10 item 4): distinct texts over all comments in a 20-minute session
// (scripted ones included), goal ≥ 0.8.
const VARIETY_GOAL = 0.8;
for (const id of ['d5-tea-room-admin', 'b5-navel-orange']) {
  const s = libraryScenario(id);
  const run = runTrainee({ ...s, durationSec: 1200 }, { tickMs: 200 });
  const texts = run.effects.flatMap((e) => (e.type === 'comment' ? [e.comment.text] : []));
  const ratio = new Set(texts).size / Math.max(1, texts.length);
  console.log(`engine: audience variety ${id}, 20 minutes: ${new Set(texts).size} distinct of ${texts.length} comments = ${ratio.toFixed(2)}; goal ≥ ${VARIETY_GOAL} ${ratio >= VARIETY_GOAL ? '✓' : '✗ (missed)'}`);
}
