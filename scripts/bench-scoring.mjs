// Runs www/pages/bench-scoring/ in headless Chromium: 10,000 reps and 1,000,000 events loaded
// into a ScoringModel in wasm, then leaderboards recomputed (target: under 200 ms each) and
// the whole report (a benchmark, not a test: it fails only when the page does).
// `node scripts/bench-scoring.mjs [--runs N] [--reps N] [--events N]`
import { runBenchPages } from './browser.mjs';

const arg = (name, dflt) => Number(process.argv[process.argv.indexOf(name) + 1] || dflt) || dflt;
const runs = arg('--runs', 3);
const reps = arg('--reps', 10000);
const events = arg('--events', 1000000);
const out = await runBenchPages(Array.from({ length: runs }, (_, i) => `pages/bench-scoring/?reps=${reps}&events=${events}&seed=${42 + i}`));
const ids = out[0].leaderboards.map((b) => b.id);
console.log(`| run (seed) | load ms | ${ids.join(' ms | ')} ms | report ms |`);
console.log(`| --- | ---: | ${ids.map(() => '---:').join(' | ')} | ---: |`);
out.forEach((r, i) => {
  const cells = r.leaderboards.map((b) => b.medianMs.toFixed(1)).join(' | ');
  console.log(`| ${i + 1} (${42 + i}) | ${r.loadMs.toFixed(0)} | ${cells} | ${r.reportMs.toFixed(0)} |`);
});
const worst = Math.max(...out.map((r) => r.worstLeaderboardMs));
console.log(`\nslowest leaderboard recompute: ${worst.toFixed(1)} ms (target < 200 ms)`);
