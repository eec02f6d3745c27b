// Runs www/pages/bench-simulate/ in headless Chromium: 1,000 reps × 10,000 trials of Monte Carlo
// plan costing in wasm, set-up and trials timed apart, and a chunked run checked equal (a
// benchmark, not a test: it fails only when the page does or the chunked text differs).
// `node scripts/bench-simulate.mjs [--runs N] [--reps N] [--trials N]`
import { runBenchPages } from './browser.mjs';

const arg = (name, dflt) => Number(process.argv[process.argv.indexOf(name) + 1] || dflt) || dflt;
const runs = arg('--runs', 3);
const reps = arg('--reps', 1000);
const trials = arg('--trials', 10000);
const out = await runBenchPages(Array.from({ length: runs }, (_, i) => `pages/bench-simulate/?reps=${reps}&trials=${trials}&seed=${7 + i}`));
if (out.some((r) => !r.chunkedEqual)) throw new Error('the chunked run gave a different result');
console.log('| run (seed) | reps × trials | set-up ms (curves, runs) | trials ms | ns per rep-trial | set-up + trials ms | first view ms (500 trials) | P10 / P50 / P90 cost |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
out.forEach((r, i) => {
  console.log(`| ${i + 1} (${7 + i}) | ${r.reps} × ${r.trials} | ${r.setupMs.toFixed(0)} (${r.curves}, ${r.runs}) | ${r.trialsMs.toFixed(0)} | ${r.nsPerRepTrial.toFixed(1)} | ${r.totalMs.toFixed(0)} | ${r.firstViewMs.toFixed(0)} | ${r.totalCost.p10} / ${r.totalCost.p50} / ${r.totalCost.p90} |`);
});
