// The plan designer (www/pages/designer/) in headless Chromium: edit a tier rate and see the payout
// curve and the back-test cost change to hand-worked numbers, see a bad value's message at its
// field, undo it, reload and find the edit, export and import the plan and get the same results,
// compare with a saved version and read a known rep's difference. Screenshots go to
// test-results/screenshots/ (UPDATE_SCREENSHOTS=1 refreshes docs/screenshots/).
//
// Hand-worked numbers. Sample plan 1 ("Account Executive 2026 (marginal)"), quarterly:
// new business marginal on attainment, 2% to 50%, 5% to 100%, 8% above; renewals flat on the
// deal's amount, 1% below 50,000; a quarterly bonus of 20% of the target incentive / 4, linear
// 80% → 50%, 100% → 100%, 120% → 150%, capped at 2,000; an Analytics SPIFF in June only.
// - Curve, typical payee (quota 100,000 a quarter, target incentive 20,000: bonus target 1,000):
//   at 100%, 50,000 × 2% + 50,000 × 5% = 3,500.00 plus the bonus 1,000.00 = 4,500.00. With the
//   first tier at 3%: 1,500 + 2,500 + 1,000 = 5,000.00.
// - Back-test on an uploaded CSV: Casey Fontaine (r003, quota 475,000.00 a quarter) closes a new
//   deal of 237,500.00 (attainment 50%: all in the first tier, 237,500 × 2% = 4,750.00; no bonus
//   below 80%) and a 20,000.00 renewal (1% = 200.00): total cost 4,950.00 on 257,500.00 of
//   revenue, cost of sales 4,950 / 257,500 = 1.92%. With the first tier at 3%: 7,125.00 + 200.00
//   = 7,325.00; Casey's difference against the 2% version is 7,125 − 4,750 = 2,375.00.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { openSession, closeSession, assertNoProblems as checkProblems, SCREENSHOTS } from './harness.mjs';

let server;
let browser;
let context;
let page;
const problems = [];
const assertNoProblems = () => checkProblems(problems);

const TIER1 = 'components[0].rateTable.tiers[0].rate';
const TIER2 = 'components[0].rateTable.tiers[1].rate';
const CSV = 'id,date,payeeId,amount,product,type\nX1,2026-01-20,r003,237500.00,Platform,new\nX2,2026-02-10,r003,20000.00,Platform,renewal\n';

before(async () => {
  ({ server, browser, context, page } = await openSession(problems, { viewport: { width: 1400, height: 1000 } }));
});

after(() => closeSession({ server, browser }));

const field = (p) => page.locator(`#form-view [data-path="${p}"]`).first();
const text = async (id) => ((await page.locator(`#${id}`).textContent()) ?? '').trim();

async function open() {
  await page.goto(`${server.url}pages/designer/`);
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 60_000 });
}

/** Waits until a KPI shows `want`. */
async function waitForText(id, want, timeout = 30_000) {
  await page.waitForFunction(([i, w]) => document.getElementById(i)?.textContent?.trim() === w, [id, want], { timeout });
}

/** The curve table's total at an attainment label such as "100%". */
async function curveTotal(label) {
  return page.evaluate((l) => {
    const rows = [...document.querySelectorAll('#curve-table tbody tr')];
    const row = rows.find((r) => r.cells[0]?.textContent?.trim() === l);
    return row ? row.cells[row.cells.length - 1].textContent?.trim() : null;
  }, label);
}

async function typeInto(p, value) {
  const f = field(p);
  await f.fill(value);
}

test('the page opens the sample plan with its curve and a back-test of the sample company', async () => {
  await open();
  assert.equal(await field(TIER2).inputValue(), '0.05');
  await page.waitForFunction(() => document.querySelectorAll('#curve-table tbody tr').length === 41);
  assert.equal(await curveTotal('100%'), '$4,500.00');
  assert.equal(await curveTotal('200%'), '$13,000.00');
  await page.waitForFunction(() => document.getElementById('kpi-total')?.textContent?.startsWith('$'), null, { timeout: 60_000 });
  assert.match(await text('data-info'), /20,000 transactions, 50 payees/);
  // Data this plan needs: every rep of the sample has a new-business quota, a target incentive
  // and an NPS; directors and managers are not on the plan (eligibility: reps).
  assert.equal(await text('needs-count'), 'All 50 people have what this plan needs.');
  const needs = await page.evaluate(() => [...document.querySelectorAll('#needs-table tbody tr')].map((r) => r.dataset.kind));
  assert.deepEqual(needs, ['quota', 'quota', 'targetIncentive', 'input'], 'new business: quota; the bonus: quota, target incentive, nps');
  assertNoProblems();
});

test('a back-test of an uploaded CSV shows hand-worked totals', async () => {
  await page.locator('#data-select').selectOption('csv');
  await page.locator('#csv-preset').selectOption('spm');
  await page.locator('#csv-file').setInputFiles({ name: 'deals.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page.waitForFunction(() => /^2 transactions/.test(document.getElementById('data-info')?.textContent ?? ''), null, { timeout: 30_000 });
  await waitForText('kpi-total', '$4,950.00');
  assert.equal(await text('kpi-cos'), '1.9%');
  const casey = page.locator('#payees-table tr[data-payee-id="r003"]');
  assert.match((await casey.textContent()) ?? '', /\$4,950\.00/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'designer-backtest.png'), fullPage: true });
  assertNoProblems();
});

test('changing a tier rate changes the curve and the back-test cost', async () => {
  await page.locator('#version-name').fill('Two percent');
  await page.locator('#save-version').click();
  await page.waitForFunction(() => [...document.querySelectorAll('#compare-select option')].some((o) => o.textContent?.startsWith('Two percent')));
  const t0 = Date.now();
  await typeInto(TIER1, '0.03');
  await waitForText('kpi-total', '$7,325.00');
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('#curve-table tbody tr')];
    const row = rows.find((r) => r.cells[0]?.textContent?.trim() === '100%');
    return row?.cells[row.cells.length - 1].textContent?.trim() === '$5,000.00';
  });
  const timings = await page.evaluate(() => window.designerTimings.slice(-2));
  console.log(`# edit → curve ${timings.find((t) => t.kind === 'curve')?.ms.toFixed(1)} ms, → back-test ${timings.find((t) => t.kind === 'back-test')?.ms.toFixed(1)} ms (wall ${Date.now() - t0} ms)`);
  assertNoProblems();
});

test('comparing with the saved version shows the rep who gains and the line that changed', async () => {
  const value = await page.evaluate(() => [...document.querySelectorAll('#compare-select option')].find((o) => o.textContent?.startsWith('Two percent'))?.getAttribute('value'));
  await page.locator('#compare-select').selectOption(value ?? '');
  await page.waitForSelector('#compare-payees tr[data-payee-id="r003"]', { timeout: 30_000 });
  const row = await page.locator('#compare-payees tr[data-payee-id="r003"]').textContent();
  assert.match(row ?? '', /Casey Fontaine\$4,950\.00\$7,325\.00\$2,375\.00/);
  assert.equal(await text('compare-delta'), '$2,375.00');
  const changes = await page.locator('#plan-changes li').allTextContents();
  assert.deepEqual(changes, ['components[new-business].rateTable.tiers[0].rate changed "0.02" → "0.03"']);
  await page.locator('#compare-result').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'designer-compare.png') });
  assertNoProblems();
});

test('an invalid value is reported at its field, and undo takes it back', async () => {
  await typeInto(TIER2, 'abc');
  const f = field(TIER2);
  await page.waitForFunction((p) => document.querySelector(`#form-view [data-path="${p}"]`)?.getAttribute('aria-invalid') === 'true', TIER2);
  const described = await f.getAttribute('aria-describedby');
  assert.ok(described, 'the field points at its message');
  const message = await page.evaluate((ids) => ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '), described);
  assert.match(message, /"abc" is not a decimal number/);
  assert.match(await text('diagnostics'), /1 error/);
  await page.locator('#undo').click();
  await page.waitForFunction((p) => document.querySelector(`#form-view [data-path="${p}"]`)?.value === '0.05', TIER2);
  assert.equal(await f.getAttribute('aria-invalid'), null);
  assert.equal(await field(TIER1).inputValue(), '0.03');
  assertNoProblems();
});

test('the edit survives a reload', async () => {
  await page.waitForFunction(() => document.getElementById('save-state')?.dataset.state === 'saved');
  await open();
  assert.equal(await field(TIER1).inputValue(), '0.03');
  await page.waitForFunction(() => document.getElementById('kpi-total')?.textContent?.startsWith('$'), null, { timeout: 60_000 });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'designer.png') });
  assertNoProblems();
});

test('export then import gives the same plan and the same results', async () => {
  await page.waitForFunction(() => (window.designerTimings ?? []).some((t) => t.kind === 'back-test'), null, { timeout: 60_000 });
  const before = await text('kpi-total');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export').click()]);
  const exported = await readFile(await download.path(), 'utf8');
  assert.equal(JSON.parse(exported).components[0].rateTable.tiers[0].rate, '0.03');
  // Open another plan, then import the file.
  await page.locator('#open-select').selectOption('sample:1');
  await page.waitForFunction((t) => document.getElementById('kpi-total')?.textContent?.trim() !== t, before, { timeout: 60_000 });
  await page.locator('#import-file').setInputFiles({ name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await waitForText('kpi-total', before, 60_000);
  assert.equal(await field(TIER1).inputValue(), '0.03');
  // A file from another schema version is refused with the reason, and nothing is lost.
  const future = JSON.stringify({ ...JSON.parse(exported), schemaVersion: 2 });
  await page.locator('#import-file').setInputFiles({ name: 'future.json', mimeType: 'application/json', buffer: Buffer.from(future) });
  await page.waitForFunction(() => /future\.json was not opened/.test(document.getElementById('error')?.textContent ?? ''));
  assert.match(await text('error'), /schemaVersion/);
  assert.equal(await field(TIER1).inputValue(), '0.03');
  assertNoProblems();
});

test('a plan that reads an input the people lack says who lacks it, with the engine\'s sentence', async () => {
  // A gate on new business that reads a new input "region_score", which no one in the sample has.
  await page.locator('#tab-json').click();
  await page.evaluate(() => {
    const area = /** @type {HTMLTextAreaElement} */ (document.getElementById('json-text'));
    const plan = JSON.parse(area.value);
    plan.inputs = [...(plan.inputs ?? []), 'region_score'];
    plan.components[0].gate = { when: 'region_score >= 0' };
    area.value = JSON.stringify(plan, null, 2);
    area.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForFunction(() => /lack data this plan needs/.test(document.getElementById('needs-count')?.textContent ?? ''), null, { timeout: 30_000 });
  assert.match(await text('needs-count'), /^\d+ of 50 people lack data this plan needs\.$/);
  const avery = await page.evaluate(() => [...document.querySelectorAll('#needs-gaps tr[data-payee="r001"]')].map((r) => r.textContent));
  assert.equal(avery.length, 1);
  assert.match(avery[0], /input "region_score" for \d{4}-Q1 to \d{4}-Q4/);
  assert.match(avery[0], /New business commission reads the input "region_score" for \d{4}-Q1 to \d{4}-Q4; none is set for Avery Quinn\./);
  assert.equal(await page.locator('#needs-gaps tr[data-payee="m01"]').count(), 0, 'managers are not on the plan');
  await page.locator('#needs').screenshot({ path: path.join(SCREENSHOTS, 'designer-needs.png') });
  assertNoProblems();
});
