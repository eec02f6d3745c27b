// Runs www/pages/bench-territory/ in headless Chromium: a rebalance of 10,000 accounts into 100
// territories in wasm, and single-account moves (a benchmark, not a test: it fails only when the
// page does). `node scripts/bench-territory.mjs [--runs N] [--accounts N] [--territories N]`
import { runBenchPages } from './browser.mjs';

const arg = (name, dflt) => Number(process.argv[process.argv.indexOf(name) + 1] || dflt) || dflt;
const runs = arg('--runs', 3);
const accounts = arg('--accounts', 10000);
const territories = arg('--territories', 100);
const out = await runBenchPages(Array.from({ length: runs }, (_, i) => `pages/bench-territory/?accounts=${accounts}&territories=${territories}&seed=${7 + i}`));
const pct = (v) => `${(Number(v) * 100).toFixed(2)}%`;
console.log(`| run (seed) | rebalance ms | move median ms (max) | max deviation, potential: before → after | CV potential after | kept owners | gap to bound |`);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
out.forEach((r, i) => {
  console.log(`| ${i + 1} (${7 + i}) | ${r.balanceMs.toFixed(0)} | ${r.moveMedianMs.toFixed(2)} (${r.moveMaxMs.toFixed(2)}) | ${pct(r.before.maxDeviationPotential)} → ${pct(r.after.maxDeviationPotential)} | ${pct(r.after.cvPotential)} | ${pct(r.after.keptShare)} | ${pct(r.after.gap)} |`);
});
