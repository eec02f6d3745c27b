// The one statement view (<spm-statement>, www/components/spm-statement.js) on the four pages that
// show statements, in headless Chromium: the same element draws Payouts' panel, the designer's
// statements dialog, the Ledger's period statements and the Rep page's calculation, and the
// showcase rep's hand-worked 2026-Q1 reads the same on each.
//
// Hand-worked (src/sample, plan "ae-2026-marginal"): r001 Avery Quinn closes three new deals in
// 2026-Q1, T000001 30,000 + T000002 40,000 + T000003 50,000 = 120,000 against a 100,000 quota
// (120%). New business: 50,000 × 2% + 50,000 × 5% + 20,000 × 8% = 5,100.00; the quarterly bonus
// at the top threshold: 150% × 1,000.00 = 1,500.00; 6,600.00 for the quarter, all paid on booking.
// A 25,000 new deal on 2026-03-31 is all in tier 3: new business 5,100.00 → 7,100.00 (+2,000.00),
// the bonus stays 1,500.00.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openSession, closeSession, assertNoProblems as checkProblems, SCREENSHOTS } from './harness.mjs';
import { formatMoney } from '../../www/lib/format.js';

const PLAN = 'ae-2026-marginal';
const money = (v) => formatMoney(v, 'USD', { locale: 'en-US' });

let server;
let browser;
let page;
const problems = [];
const assertNoProblems = () => checkProblems(problems);

before(async () => {
  ({ server, browser, page } = await openSession(problems, { viewport: { width: 1400, height: 1000 } }));
});

after(() => closeSession({ server, browser }));

/** The statement view of the page: one element, of the one class defined by spm-statement.js. */
async function theView(selector) {
  const info = await page.evaluate((sel) => {
    const all = document.querySelectorAll('spm-statement');
    const view = document.querySelector(sel);
    return { count: all.length, tag: view?.localName, defined: view instanceof (customElements.get('spm-statement') ?? class {}), kind: view?.dataset.kind };
  }, selector);
  assert.deepEqual([info.count, info.tag, info.defined], [1, 'spm-statement', true], `${selector} is the page's one <spm-statement>`);
  return page.locator(selector);
}

/** The component amounts a statement view shows, by component id. */
const componentAmounts = (scope) => scope.locator('section.component[data-component]').evaluateAll((sections) => Object.fromEntries(
  sections.map((s) => [s.getAttribute('data-component'), [...s.querySelector('h2, h3, h4, h5, h6').querySelectorAll('[data-amount]')].map((n) => n.getAttribute('data-amount'))]),
));

test('Payouts: the panel is <spm-statement> with facts, tier slices, the deals counted and the sentences', async () => {
  await page.goto(`${server.url}pages/payouts/`);
  const cell = page.locator('tr[data-payee-id="r001"] button[data-period="2026-Q1"]');
  await cell.waitFor({ timeout: 60_000 });
  await cell.click();
  const view = await theView('#statement-body');
  await page.waitForSelector('#statement-body[data-kind="payout"]');
  assert.equal(await view.locator('details.period-statement').count(), 0, 'layout="single": one statement, not folded');
  assert.match(await view.locator('.facts-head').innerText(), /Avery Quinn[\s\S]*2026-Q1[\s\S]*2026-01-01 to 2026-03-31[\s\S]*\$6,600\.00/);
  const amounts = await componentAmounts(view);
  assert.deepEqual(amounts['new-business'], ['5100.00']);
  assert.deepEqual(amounts['quarterly-bonus'], ['1500.00']);
  assert.equal(await view.locator('[data-component="new-business"] table.tiers tbody tr').count(), 3, 'three tier slices');

  // The lines: the three deals credited, each with its credit and what it earned.
  const lines = view.locator('[data-component="new-business"] details.lines');
  assert.equal((await lines.locator('summary').textContent())?.trim(), '3 deals counted');
  await lines.locator('summary').click();
  const deals = await lines.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-transaction-id'), ...[...r.querySelectorAll('[data-amount]')].map((n) => n.getAttribute('data-amount'))]));
  assert.deepEqual(deals.map((d) => d.slice(0, 2)), [['T000001', '30000.00'], ['T000002', '40000.00'], ['T000003', '50000.00']]);
  const sentences = await view.locator('.explanation li').allTextContents();
  assert.ok(sentences.includes('150.00% × target USD 1,000.00 = USD 1,500.00.'), sentences.join('\n'));
  await page.locator('#statement').screenshot({ path: path.join(SCREENSHOTS, 'statement-payouts.png') });
  assertNoProblems();
});

test('designer: every period of a payee in <spm-statement>, the latest open, the same figures', async () => {
  await page.goto(`${server.url}pages/designer/`);
  await page.waitForFunction(() => (window.designerTimings ?? []).some((t) => t.kind === 'back-test'), null, { timeout: 60_000 });
  await page.locator('#payees-table button[data-payee="r001"]').click();
  const view = await theView('#statement-body');
  await page.waitForSelector('#statement-body[data-kind="payout"]', { timeout: 60_000 });
  const periods = await view.locator('details.period-statement').evaluateAll((ds) => ds.map((d) => [d.getAttribute('data-period'), /** @type {HTMLDetailsElement} */ (d).open]));
  assert.deepEqual(periods, [['2026-Q1', false], ['2026-Q2', false], ['2026-Q3', false], ['2026-Q4', true]]);
  const q1 = view.locator('details#st-2026-Q1');
  assert.equal((await q1.locator(':scope > summary h3').textContent())?.trim(), 'Statement for 2026-Q1');
  assert.equal(await q1.locator(':scope > summary .statement-meta [data-amount]').getAttribute('data-amount'), '6600.00');
  await q1.locator(':scope > summary').click();
  const amounts = await componentAmounts(q1);
  assert.deepEqual([amounts['new-business'], amounts['quarterly-bonus']], [['5100.00'], ['1500.00']]);
  assert.equal(await q1.locator('section.component h4').count(), 4, 'the parts are one level under the period heading');
  assert.ok((await q1.locator('.explanation li').allTextContents()).includes('150.00% × target USD 1,000.00 = USD 1,500.00.'));
  await page.locator('#statement-dialog').screenshot({ path: path.join(SCREENSHOTS, 'statement-designer.png') });
  await page.locator('#statement-close').click();
  assertNoProblems();
});

test('Ledger: the period statements are <spm-statement>; 2026-Q1 pays 6,600.00', async () => {
  await page.goto(`${server.url}pages/ledger/?payee=r001&plan=${PLAN}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  const view = await theView('#statements');
  assert.equal(await view.getAttribute('data-kind'), 'ledger');
  const q1 = view.locator('details#st-2026-Q1');
  assert.equal(await q1.locator(':scope > summary .statement-meta [data-amount]').first().getAttribute('data-amount'), '6600.00');
  if (!(await q1.evaluate((d) => /** @type {HTMLDetailsElement} */ (d).open))) await q1.locator(':scope > summary').click();
  const earned = await q1.locator('tr[data-kind="earned"] .entry-amount').evaluateAll((ns) => ns.map((n) => n.getAttribute('data-amount')));
  assert.ok(earned.length > 0, 'earnings are listed');
  assert.equal(await q1.locator('tr[data-kind="payment"] .entry-amount').getAttribute('data-amount'), '-6600.00', 'the payment takes the balance to zero');
  await q1.screenshot({ path: path.join(SCREENSHOTS, 'statement-ledger.png') });
  assertNoProblems();
});

test('Rep: "Show the calculation" is <spm-statement>: each component before → after the deal', async () => {
  await page.goto(`${server.url}pages/rep/?rep=r001&plan=${PLAN}&asOf=2026-03-31`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  await page.waitForSelector('#deal-result[data-state="ok"]');
  assert.equal(await page.getByLabel('Amount (USD)').inputValue(), '25,000', 'the first deal, written in the browser\'s locale');
  const view = await theView('#deal-calc-body');
  await page.getByText('Show the calculation').click();
  await page.waitForSelector('#deal-calc-body[data-kind="estimate"]');
  const amounts = await componentAmounts(view);
  assert.deepEqual(amounts['new-business'], ['5100.00', '7100.00']);
  assert.deepEqual(amounts['quarterly-bonus'], ['1500.00', '1500.00']);
  assert.ok((await view.locator('section[data-component="new-business"] li').allTextContents()).includes('Earning: USD 7,100.00.'));
  assert.match(await view.locator('p.hint').first().innerText(), /^The period 2026-Q1 with the deal/);
  await page.locator('#deal-calc').screenshot({ path: path.join(SCREENSHOTS, 'statement-rep.png') });
  assert.equal(money('7100.00'), '$7,100.00');
  assertNoProblems();
});
