// Runs www/pages/bench-estimate/ in headless Chromium and prints the estimate latency (a benchmark,
// not a test: it fails only when the page does). `node scripts/bench-estimate.mjs [--runs N]`
import { launch, watch } from './browser.mjs';
import { startServer } from './serve.mjs';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 3) || 3;
const server = await startServer({ port: 0 });
const browser = await launch();
const out = [];
try {
  for (let i = 0; i < runs; i += 1) {
    const page = await browser.newPage();
    const problems = [];
    watch(page, problems);
    await page.goto(`${server.url}pages/bench-estimate/`);
    await page.waitForFunction(() => document.body.dataset.done === '1', null, { timeout: 120000 });
    const r = await page.evaluate(() => /** @type {any} */ (window).benchResults);
    if (r.error || problems.length) throw new Error(`the page failed: ${r.error ?? problems.join('\n')}`);
    out.push(r);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close?.();
}
const f = (v) => v.toLocaleString('en-US', { maximumFractionDigits: 1 });
console.log('| run | estimate median µs (min) | with sentences median µs | first estimate ms | prepare 1,000 deals ms |');
console.log('| --- | ---: | ---: | ---: | ---: |');
out.forEach((r, i) => {
  console.log(`| ${i + 1} | ${f(r.estimate.medianUs)} (${f(r.estimate.minUs)}) | ${f(r.estimateWithSentences.medianUs)} | ${f(r.firstEstimateMs)} | ${f(r.prepareMs)} |`);
});
