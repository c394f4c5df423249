// The banned-word checker on the held-out replies (test/fixtures/compliance/held-out-replies.json):
// false-positive rate (a compliant reply flagged), false-negative rate (a violating one missed),
// and how long a scan of one reply takes (it runs on every keystroke in the reply box).
import { performance } from 'node:perf_hooks';
import { scanText } from '../../scenarios/compliance/index.ts';
import { checkerRates, loadHeldOut } from '../../test/harness/held-out-replies.ts';

const list = loadHeldOut();
const r = checkerRates(list);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(`compliance: held-out list of ${list.compliant.length} compliant and ${list.violating.length} violating replies`);
console.log(`compliance: false positives ${r.falsePositives.length}/${list.compliant.length} = ${pct(r.fpRate)}; false negatives ${r.falseNegatives.length}/${list.violating.length} = ${pct(r.fnRate)}`);
for (const t of r.falsePositives) console.log(`  false positive: ${t} → ${scanText(t).map((h) => h.word).join(', ')}`);
for (const t of r.falseNegatives) console.log(`  false negative: ${t}`);
const all = [...list.compliant, ...list.violating];
const rounds = 200;
const t0 = performance.now();
for (let i = 0; i < rounds; i++) for (const t of all) scanText(t);
const us = ((performance.now() - t0) / (rounds * all.length)) * 1000;
console.log(`compliance: scanText ${us.toFixed(1)} µs per reply (mean of ${rounds * all.length})`);
