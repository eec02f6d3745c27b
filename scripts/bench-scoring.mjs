// Runs www/bench-scoring.html in headless Chromium: 10,000 reps and 1,000,000 events loaded
// into a ScoringModel in wasm, then leaderboards recomputed (target: under 200 ms each) and
// the whole report (a benchmark, not a test: it fails only when the page does).
// `node scripts/bench-scoring.mjs [--runs N] [--reps N] [--events N]`
import { launch, watch } from './browser.mjs';
import { startServer } from './serve.mjs';

const arg = (name, dflt) => Number(process.argv[process.argv.indexOf(name) + 1] || dflt) || dflt;
const runs = arg('--runs', 3);
const reps = arg('--reps', 10000);
const events = arg('--events', 1000000);
const server = await startServer({ port: 0 });
const browser = await launch();
const out = [];
try {
  for (let i = 0; i < runs; i += 1) {
    const page = await browser.newPage();
    const problems = [];
    watch(page, problems);
    await page.goto(`${server.url}bench-scoring.html?reps=${reps}&events=${events}&seed=${42 + i}`);
    await page.waitForFunction(() => document.body.dataset.done === '1', null, { timeout: 600000 });
    const r = await page.evaluate(() => /** @type {any} */ (window).benchResults);
    if (r.error || problems.length) throw new Error(`the page failed: ${r.error ?? problems.join('\n')}`);
    out.push(r);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const ids = out[0].leaderboards.map((b) => b.id);
console.log(`| run (seed) | load ms | ${ids.join(' ms | ')} ms | report ms |`);
console.log(`| --- | ---: | ${ids.map(() => '---:').join(' | ')} | ---: |`);
out.forEach((r, i) => {
  const cells = r.leaderboards.map((b) => b.medianMs.toFixed(1)).join(' | ');
  console.log(`| ${i + 1} (${42 + i}) | ${r.loadMs.toFixed(0)} | ${cells} | ${r.reportMs.toFixed(0)} |`);
});
const worst = Math.max(...out.map((r) => r.worstLeaderboardMs));
console.log(`\nslowest leaderboard recompute: ${worst.toFixed(1)} ms (target < 200 ms)`);
