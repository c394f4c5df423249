// How long the catalogue queries take (they run on every selection change in the UI).
import { performance } from 'node:perf_hooks';
import { skillsFor, skillWeightsFor, workTypes } from '../../scenarios/standard/index.ts';

const rounds = 2000;
const t0 = performance.now();
let n = 0;
for (let i = 0; i < rounds; i++) {
  for (const w of workTypes) {
    for (const level of w.levels) {
      n += skillsFor(w.code, level, { includeLower: true }).length + skillWeightsFor(w.code, level).length;
    }
  }
}
const ms = performance.now() - t0;
const queries = rounds * workTypes.reduce((s, w) => s + w.levels.length, 0);
console.log(`standard: ${queries} skillsFor+weights queries in ${ms.toFixed(1)} ms → ${((ms / queries) * 1000).toFixed(2)} µs per selection (${n} rows)`);
