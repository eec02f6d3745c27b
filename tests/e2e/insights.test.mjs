// The insights page in headless Chromium: the Monte Carlo costing panel streams a first view and
// then the full run, answers the budget question, and a degenerate distribution (sd 0) costs
// exactly the deterministic payout; the forecast, pipeline, analytics, coaching and sentiment
// sections show the engine's results; typing a note rescores it (negation flips it). The
// screenshot goes to test-results/screenshots/ (UPDATE_SCREENSHOTS=1 refreshes docs/screenshots/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openSession, closeSession, assertNoProblems as checkProblems, SCREENSHOTS } from './harness.mjs';

let server;
let browser;
let context;
let page;
const problems = [];
const assertNoProblems = () => checkProblems(problems);

before(async () => {
  ({ server, browser, context, page } = await openSession(problems, { viewport: { width: 1400, height: 1000 } }));
});

after(() => closeSession({ server, browser }));

const text = async (sel) => ((await page.locator(sel).first().textContent()) ?? '').trim();
const costingDone = () => page.waitForFunction(() => /^[\d,]+ trials of/.test(document.getElementById('mc-progress')?.textContent ?? ''), null, { timeout: 60_000 });

test('the insights page costs the plan, forecasts and reads the pipeline', async () => {
  await page.goto(`${server.url}pages/insights/`);
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 60_000 });
  await costingDone();
  const timings = await page.evaluate(() => /** @type {any} */ (window).insightTimings);
  assert.ok(timings.costingFirst <= timings.costingDone, 'a first view comes before the full run');
  assert.equal(await page.locator('#mc-cards').getAttribute('data-trials'), '10000');
  assert.match(await text('#mc-progress'), /^10,000 trials of 42 reps/);
  assert.match(await text('#mc-cards .card-accent dd'), /^\$[\d,]+\.\d\d/);
  assert.ok((await page.locator('#mc-histogram rect.bar').count()) >= 10, 'the cost distribution has its shape');

  // The forecast of the company's own bookings: 51 series (the company, 8 teams: 2 directors'
  // and 6 managers', 42 reps), 12 months ahead with intervals.
  assert.equal(await page.locator('#fc-series option').count(), 51);
  assert.equal(await page.locator('#fc-chart polygon.band').count(), 2);
  assert.match(await text('#fc-model'), /^Model ETS\(/);
  assert.equal(await page.locator('#fc-accuracy tbody tr').count(), 3);
  await page.locator('#fc-series').selectOption('r001');
  await page.waitForFunction(() => /Avery Quinn/.test(document.querySelector('#fc-chart figcaption')?.textContent ?? ''));

  // The pipeline forecast, analytics and coaching.
  assert.match(await text('#pipe-total'), /^[\d,]+ open deals: expected bookings \$/);
  assert.equal(await page.locator('#pipe-stages tbody tr').count(), 4);
  assert.equal(await page.locator('#funnel tbody tr').count(), 4);
  assert.ok((await page.locator('#pvp-chart circle, #pvp-chart [role="button"]').count()) >= 40, 'a point per rep');
  assert.ok((await page.locator('#health-flags tbody tr').count()) >= 3);
  assert.match(await text('#coach-focus'), /\S+/);
  assert.ok((await page.locator('#summary li').count()) >= 3);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'insights.png'), fullPage: true });
  assertNoProblems();
});

test('the costing panel answers the budget question, and sd 0 gives the plan payout exactly', async () => {
  // Every rep at exactly 100% of quota: all trials cost the same, so P10 = P50 = P90.
  await page.locator('#mc-sd').fill('0');
  await page.locator('#mc-correlation').fill('0');
  await page.locator('#mc-budget').fill('1');
  await page.locator('#mc-trials').fill('2000');
  await page.locator('#mc-run').click();
  await page.waitForFunction(() => /^2,000 trials of/.test(document.getElementById('mc-progress')?.textContent ?? ''), null, { timeout: 60_000 });
  const sub = await text('#mc-cards .card-accent .card-sub');
  const [, p10, p90] = /^P10 (\S+) · P90 (\S+)$/.exec(sub) ?? [];
  const p50 = (await text('#mc-cards .card-accent dd')).replace(sub, '');
  assert.equal(p10, p50);
  assert.equal(p90, p50);
  // A budget of $1 is exceeded in every trial.
  assert.match(await text('#mc-cards .card:nth-child(3) dd'), /^100%/);
  assert.equal(await page.locator('#mc-histogram rect.bar').count(), 1);
  // The tornado: each rate moved ±10%.
  await page.locator('#mc-sens-run').click();
  await page.waitForFunction(() => document.querySelectorAll('#mc-sensitivity rect.bar').length > 0, null, { timeout: 60_000 });
  assertNoProblems();
});

test('a typo in the costing form is reported at its field, and a bad option by the engine', async () => {
  await page.locator('#mc-trials').fill('abc');
  await page.locator('#mc-run').click();
  await page.waitForFunction(() => !document.getElementById('error')?.hidden);
  assert.match(await text('#error'), /Trials: "abc" is not a whole number/);
  await page.locator('#mc-trials').fill('2000');
  await page.locator('#mc-correlation').fill('2');
  await page.locator('#mc-run').click();
  await page.waitForFunction(() => /OUT_OF_RANGE/.test(document.getElementById('error')?.textContent ?? ''));
  assert.match(await text('#error'), /correlation/);
  await page.locator('#mc-correlation').fill('0');
  assertNoProblems();
});

test('a note is scored as it is typed, and negation flips it', async () => {
  await page.locator('#sent-text').fill('The pilot was good.');
  await page.waitForFunction(() => document.getElementById('sent-score')?.dataset.label === 'positive');
  await page.locator('#sent-text').fill('The pilot was not good.');
  await page.waitForFunction(() => document.getElementById('sent-score')?.dataset.label === 'negative');
  assert.match(await text('#sent-drivers li'), /negated by not/);
  assertNoProblems();
});

test('the costing panel costs the plan being edited in the designer', async () => {
  // Put a draft where the designer autosaves it: the sample plan renamed.
  await page.evaluate(async () => {
    const engine = await import('/lib/engine.js');
    const store = await import('/lib/plan-store.js');
    await engine.init();
    const plan = engine.sampleDataset().plans[0];
    await (await store.openStore()).saveDraft(JSON.stringify({ ...plan, name: 'Draft under edit' }));
  });
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 60_000 });
  assert.equal(await page.locator('#mc-plan option:checked').textContent(), 'The plan being edited in the designer');
  await costingDone();
  assert.match(await text('#mc-plan-note'), /autosaved plan comes first/);
  assertNoProblems();
});
