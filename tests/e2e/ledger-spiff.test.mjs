// SPIFF prizes and payee adjustments on the ledger page (headless Chromium): a CSV chosen in the
// "SPIFF and adjustments (CSV)" field runs the ledger again; the SPIFF shows in the payee's
// statement with its sentence, in the period table and in the payroll download; a prize in USD
// for the EUR rep is converted at the period-end rate with the plan-currency amount beside it; a
// bad file is reported at the field (code and path) while the last good run stays; Remove
// returns to the ledger without them. Needs a pkg built with the adjustments argument.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { openSession, closeSession, assertNoProblems as checkProblems, SCREENSHOTS } from './harness.mjs';
import { formatMoney } from '../../www/lib/format.js';

// Avery Quinn's 2026-Q1 under plan 1 pays 6,600.00 (tests/e2e/ledger.test.mjs: 5,100.00
// commission + 1,500.00 bonus, paid on booking, no draw). With a 500.00 SPIFF dated 2026-03-31
// the quarter pays 6,600.00 + 500.00 = 7,100.00.
const R001 = { id: 'r001', period: '2026-Q1', paid: '6600.00', withSpiff: '7100.00' };
const R041 = { id: 'r041', currency: 'EUR' };
const SPIFFS = 'payeeId,date,amount,currency,reason\n' +
  'r001,2026-03-31,500.00,USD,"March madness: place 1"\n' +
  'r041,2026-02-15,250.00,USD,"Kick-off: place 2"\n';

let server;
let browser;
let context;
let page;
const problems = [];

before(async () => {
  ({ server, browser, context, page } = await openSession(problems, { acceptDownloads: true }));
});

after(() => closeSession({ server, browser }));

const assertNoProblems = () => checkProblems(problems);

async function chooseFile(name, text) {
  await page.getByLabel('SPIFF and adjustments (CSV)').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
}

async function statusStartsWith(prefix) {
  await page.waitForFunction((p) => document.getElementById('adjustments-status')?.textContent?.startsWith(p), prefix, { timeout: 60_000 });
}

async function openStatement(period) {
  const details = page.locator(`details#st-${period}`);
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  return details;
}

const paidIn = (period) => page.locator(`#period-table tr[data-period="${period}"] td[data-col="paid"]`).getAttribute('data-amount');

test('a SPIFF file runs the ledger again and shows in the statement with its sentence', async () => {
  await page.goto(`${server.url}pages/ledger/?payee=${R001.id}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  assert.equal(await paidIn(R001.period), R001.paid);
  assert.equal(await page.locator('#period-table th', { hasText: 'SPIFFs' }).count(), 0, 'no SPIFF column before');

  await chooseFile('spiffs.csv', SPIFFS);
  await statusStartsWith('spiffs.csv: paid to');
  assert.match(await page.locator('#adjustments-status').textContent() ?? '', /Avery Quinn \(r001\)/);
  assert.equal(await page.locator('#error').isVisible(), false);
  assert.equal(await page.locator('#adjustments-error').isVisible(), false);

  // The period table: 500.00 in the SPIFF column, 7,100.00 paid.
  assert.equal(await paidIn(R001.period), R001.withSpiff);
  const spiffCell = page.locator(`#period-table tr[data-period="${R001.period}"] td[data-col="spiffs"]`);
  assert.equal(await spiffCell.getAttribute('data-amount'), '500.00');
  assert.equal((await spiffCell.textContent())?.trim(), formatMoney('500.00', 'USD', { locale: 'en-US' }));

  // The statement line, its badge and its sentence.
  const q1 = await openStatement(R001.period);
  const row = q1.locator('tr[data-kind="spiff"]');
  assert.equal(await row.count(), 1);
  assert.equal((await row.locator('.badge').textContent())?.trim(), 'SPIFF');
  assert.equal((await row.locator('.sentence').textContent())?.trim(), 'SPIFF: March madness: place 1: USD 500.00.');
  assert.equal(await row.locator('.entry-amount').getAttribute('data-amount'), '500.00');
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'ledger-spiff.png'), fullPage: false });
  assertNoProblems();
});

test('the payroll download pays the SPIFF in its own column', async () => {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByRole('button', { name: 'Payroll CSV', exact: true }).click(),
  ]);
  const text = await readFile(await file.path(), 'utf8');
  const [header, ...rows] = text.trim().split('\n').map((l) => l.split(','));
  assert.deepEqual(header.slice(-2), ['spiffs', 'payeeAdjustments']);
  const row = rows.find((r) => r[0] === R001.id && r[2] === R001.period);
  assert.ok(row, `a payroll row for ${R001.id} ${R001.period}`);
  assert.equal(row[header.indexOf('amount')], R001.withSpiff);
  assert.equal(row[header.indexOf('spiffs')], '500.00');
  assertNoProblems();
});

test('a USD prize for the EUR rep is converted at the period-end rate', async () => {
  await page.getByLabel('Payee', { exact: true }).selectOption(R041.id);
  await page.waitForSelector(`#content[data-payee-id="${R041.id}"]`);
  const q1 = await openStatement('2026-Q1');
  const row = q1.locator('tr[data-kind="spiff"]');
  assert.equal(await row.count(), 1);
  assert.match(
    (await row.locator('.sentence').textContent())?.trim() ?? '',
    /^SPIFF: Kick-off: place 2: EUR [\d,]+\.\d\d \(USD 250\.00 at [\d.]+ USD→EUR, the rate of 2026-03-31\)\.$/,
  );
  assert.equal(await row.locator('.plan-amount').getAttribute('data-amount'), '250.00');
  assert.match(await row.locator('.entry-amount').textContent() ?? '', /^€/);
  assertNoProblems();
});

test('a bad file is reported at the field and the last good run stays', async () => {
  await page.getByLabel('Payee', { exact: true }).selectOption(R001.id);
  await page.waitForSelector(`#content[data-payee-id="${R001.id}"]`);
  await chooseFile('bad.csv', 'payeeId,date,amount\nzz,2026-03-31,5.00\nr001,2026-03-31,500\n');
  await page.waitForSelector('#adjustments-error:not([hidden])', { timeout: 60_000 });
  const error = page.locator('#adjustments-error');
  const text = (await error.textContent()) ?? '';
  assert.match(text, /Could not use bad\.csv/);
  assert.match(text, /UNKNOWN_REFERENCE/);
  assert.match(text, /line 2, column payeeId/);
  assert.match(text, /"zz"/);
  assert.equal(await page.getByLabel('SPIFF and adjustments (CSV)').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#error').isVisible(), false, 'the page-level error box stays hidden');
  assert.equal(await page.locator('#adjustments-status').textContent(), 'Still using spiffs.csv.');
  // The ledger with spiffs.csv is still shown.
  assert.equal(await paidIn(R001.period), R001.withSpiff);
  assert.equal(await page.locator(`details#st-${R001.period} tr[data-kind="spiff"]`).count(), 1);
  assertNoProblems();
});

test('Remove returns to the ledger without SPIFFs', async () => {
  await page.getByRole('button', { name: 'Remove', exact: true }).click();
  await statusStartsWith('No SPIFF or adjustments in use.');
  assert.equal(await paidIn(R001.period), R001.paid);
  assert.equal(await page.locator('tr[data-kind="spiff"]').count(), 0);
  assert.equal(await page.locator('#adjustments-error').isVisible(), false);
  assert.equal(await page.getByLabel('SPIFF and adjustments (CSV)').getAttribute('aria-invalid'), null);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'adjustments-file');
  assertNoProblems();
});
