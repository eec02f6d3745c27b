// Page interaction timings of the plan designer (issue 6) in headless Chromium: a benchmark, not a
// test. It opens www/pages/designer/ on the sample company (50 payees, 20,000 deals), then changes
// a tier rate N times and reads, for each edit, the time from the edit to the redrawn payout curve
// and to the back-test shown (www/pages/designer/page.js records both in window.designerTimings),
// the engine's time in the worker, and the main thread's long tasks (over 50 ms) meanwhile.
//   node scripts/bench-designer.mjs [--edits N]
import { launch, watch } from './browser.mjs';
import { startServer } from './serve.mjs';

const arg = (name, dflt) => Number(process.argv[process.argv.indexOf(name) + 1] || dflt) || dflt;
const edits = arg('--edits', 20);
const server = await startServer({ port: 0 });
const browser = await launch();
const problems = [];
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  watch(page, problems);
  await page.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  });
  const t0 = Date.now();
  await page.goto(`${server.url}pages/designer/`);
  await page.waitForFunction(() => (window.designerTimings ?? []).some((t) => t.kind === 'back-test'), null, { timeout: 120_000 });
  const firstMs = Date.now() - t0;
  await page.waitForTimeout(1000);
  await page.evaluate(() => { window.longTasks.length = 0; });
  const field = page.locator('#form-view [data-path="components[0].rateTable.tiers[1].rate"]');
  const curve = [];
  const backtest = [];
  const engine = [];
  for (let i = 0; i < edits; i += 1) {
    const before = await page.evaluate(() => window.designerTimings.length);
    await field.fill(`0.0${50 + (i % 9)}`.replace('0.05', '0.05'));
    await page.waitForFunction((n) => window.designerTimings.slice(n).some((t) => t.kind === 'back-test'), before, { timeout: 60_000 });
    const t = await page.evaluate((n) => window.designerTimings.slice(n), before);
    curve.push(t.find((x) => x.kind === 'curve').ms);
    backtest.push(t.find((x) => x.kind === 'back-test').ms);
    engine.push(Number(/engine (\d+) ms/.exec(await page.locator('#backtest-timing').getAttribute('title') ?? '')?.[1] ?? NaN));
    await page.waitForTimeout(150);
  }
  const long = await page.evaluate(() => window.longTasks);
  const med = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  const f = (v) => v.toFixed(1);
  console.log(`first load to first back-test: ${firstMs} ms`);
  console.log(`| over ${edits} edits | median ms | max ms |`);
  console.log('| --- | ---: | ---: |');
  console.log(`| edit → payout curve redrawn (main thread) | ${f(med(curve))} | ${f(Math.max(...curve))} |`);
  console.log(`| edit → back-test shown (worker + drawing) | ${f(med(backtest))} | ${f(Math.max(...backtest))} |`);
  console.log(`| back-test in the worker (engine) | ${f(med(engine))} | ${f(Math.max(...engine))} |`);
  console.log(`main-thread tasks over 50 ms during the edits: ${long.length}${long.length ? ` (${long.map((d) => Math.round(d)).join(', ')} ms)` : ''}`);
  if (problems.length) throw new Error(`the page reported problems:\n${problems.join('\n')}`);
} finally {
  await browser.close();
  await server.close();
}
