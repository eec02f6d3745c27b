// The ledger page in headless Chromium (playwright-core driving the Debian chromium): it loads a
// payee from the URL without console errors, shows the draw of the EUR rep with the plan-currency
// amounts, explains a clawback, offers the exports as downloads whose figures match the page (and
// whose journal entries balance), switches plans, and lays out cleanly on a desktop and a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { watch } from '../../scripts/browser.mjs';
import { openSession, closeSession, assertNoProblems as checkProblems, SCREENSHOTS } from './harness.mjs';
import { formatMoney } from '../../www/lib/format.js';

// The showcase rep's 2026-Q1 under plan 1 (src/sample): 5,100.00 commission + 1,500.00 bonus,
// all paid on booking, so the ledger pays 6,600.00 for the quarter.
const R001 = { id: 'r001', name: 'Avery Quinn', period: '2026-Q1', paid: '6600.00', currency: 'USD' };
// The EUR rep with a recoverable draw of EUR 20,000.00 a quarter in 2026-Q2 and 2026-Q3,
// recovered from 2026-Q4 at 50% with a 15,000.00 minimum payment.
const R041 = { id: 'r041', name: 'Parker Nakamura', currency: 'EUR', planCurrency: 'USD' };
const PLAN_ID = 'ae-2026-marginal';


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

/** Loads the page (query string included) and waits for the first ledger to be shown. */
async function open(p, query) {
  await p.goto(`${server.url}pages/ledger/${query}`);
  await p.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
}

/** Chooses a payee in the selector and waits for the page to show them. */
async function choosePayee(id) {
  await page.getByLabel('Payee', { exact: true }).selectOption(id);
  await page.waitForSelector(`#content[data-payee-id="${id}"]`);
}

/** Opens the statement of `period` (a <details>) by its summary, as a person would. */
async function openStatement(period) {
  const details = page.locator(`details#st-${period}`);
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  assert.equal(await details.evaluate((d) => d.open), true, `the ${period} statement is open`);
  return details;
}

/** A minimal RFC 4180 reader: quoted fields, doubled quotes, embedded commas and newlines. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/** Rows as objects keyed by the header. */
function records(rows) {
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** "1234.5" -> 123450n: a two-decimal money string as integer cents, by string operations only. */
function cents(value) {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  assert.ok(m, `not a money amount with at most two decimals: ${JSON.stringify(value)}`);
  const v = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -v : v;
}

/** Clicks a download button and returns the file's suggested name and text. */
async function download(label) {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByRole('button', { name: label, exact: true }).click(),
  ]);
  const failure = await file.failure();
  assert.equal(failure, null, `the download of ${label} failed: ${failure}`);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

test('the page loads the payee named in the URL, with a recoverable draw in EUR', async () => {
  await open(page, `?payee=${R041.id}`);
  assertNoProblems();
  assert.equal(await page.title(), 'Ledger · spm-engine');
  assert.equal(await page.locator('#error').isVisible(), false, 'no error shown');
  assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), 'Ledger');

  const payee = page.getByLabel('Payee', { exact: true });
  assert.equal(await payee.evaluate((e) => e.id), 'payee-select');
  assert.equal(await payee.inputValue(), R041.id);
  assert.equal((await payee.locator('option:checked').textContent())?.trim(), `${R041.name} (${R041.id}) · ${R041.currency}`);
  assert.ok((await payee.locator(`option[value="${R001.id}"]`).count()) === 1, `${R001.name} can be chosen`);
  assert.equal(await page.getByLabel('Plan', { exact: true }).inputValue(), PLAN_ID);
  assert.equal((await page.locator('#payee-heading').textContent())?.trim(), `${R041.name} (${R041.id})`);

  // One row per period from 2026-Q2 on, each with the amounts in the payee's currency.
  const periods = await page.locator('#period-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-period')));
  for (const p of ['2026-Q2', '2026-Q3', '2026-Q4']) assert.ok(periods.includes(p), `a row for ${p} in ${periods}`);
  const paidQ2 = page.locator('#period-table tr[data-period="2026-Q2"] td[data-col="paid"]');
  assert.equal((await paidQ2.textContent())?.trim(), formatMoney(await paidQ2.getAttribute('data-amount'), R041.currency, { locale: 'en-US' }));
  assert.match((await paidQ2.textContent()) ?? '', /^€[\d,]+\.\d\d$/);
  assert.notEqual(await page.locator('#period-table tr[data-period="2026-Q2"] td[data-col="draw"]').getAttribute('data-amount'), '0.00', 'a draw is paid in 2026-Q2');

  // The draw advance, in EUR, with its sentence.
  const q2 = await openStatement('2026-Q2');
  assert.equal((await q2.locator('summary h3').textContent())?.trim(), 'Statement for 2026-Q2');
  const advance = q2.locator('tr[data-kind="advance"], tr[data-kind="guarantee"]').first();
  assert.equal(await advance.isVisible(), true, 'a draw entry is shown');
  assert.equal((await advance.locator('.badge').textContent())?.trim(), 'Draw advance');
  assert.match(await advance.locator('.sentence').textContent() ?? '', /^Recoverable draw: EUR 20,000\.00 guaranteed\b.*EUR [\d,]+\.\d\d/);
  const advanceAmount = advance.locator('.entry-amount');
  assert.equal((await advanceAmount.textContent())?.trim(), formatMoney(await advanceAmount.getAttribute('data-amount'), 'EUR', { locale: 'en-US' }));
  assert.match(await advanceAmount.textContent() ?? '', /^€/);

  // Earnings show the plan-currency (USD) amount under the EUR one.
  const earned = q2.locator('tr[data-kind="earned"]').first();
  const planAmount = earned.locator('.plan-amount');
  assert.equal(await planAmount.isVisible(), true, 'the USD plan amount is visible');
  assert.ok((await planAmount.innerText()).includes(formatMoney(await planAmount.getAttribute('data-amount'), R041.planCurrency, { locale: 'en-US' })));
  assert.match(await earned.locator('.entry-amount').textContent() ?? '', /^€/);

  // Recovery from 2026-Q4, and the cards agree with the period table's last row.
  const q4 = await openStatement('2026-Q4');
  assert.match(await q4.locator('tr[data-kind="recovery"] .sentence').textContent() ?? '', /^Draw recovery: EUR [\d,]+\.\d\d\b.*50\.00%/);
  const last = page.locator('#period-table tbody tr').last();
  assert.equal(await page.locator('#card-draw').getAttribute('data-amount'), await last.locator('td[data-col="drawBalance"]').getAttribute('data-amount'));
  assert.equal(await page.locator('#card-paid').getAttribute('data-amount'), await page.locator('#period-table tfoot td[data-col="paid"]').getAttribute('data-amount'));

  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /NaN|undefined|\[object Object\]/);
  assertNoProblems();
});

test('a clawback is shown with its badge and its sentence', async () => {
  // Find a payee and period with a clawback from the engine itself (the page's module instance).
  const found = await page.evaluate(async () => {
    const m = await import('/lib/engine.js');
    const s = m.sampleDataset();
    const ds = m.loadDataset({ transactionsCsv: s.transactionsCsv, payees: s.payees });
    ds.setRates(s.ratesCsv);
    const engine = m.compilePlan(s.plans[0]);
    const run = engine.ledger(ds, s.eventsCsv, undefined);
    try {
      for (const p of run.overview().payees) {
        for (const q of p.periods) if (!/^-?0+(\.0+)?$/.test(q.clawbacks)) return { payeeId: p.payeeId, period: q.period };
      }
      return null;
    } finally {
      run.free();
      engine.free();
      ds.free();
    }
  });
  assert.ok(found, 'the sample has a clawback under plan 1');

  await choosePayee(found.payeeId);
  assert.equal(new URL(page.url()).searchParams.get('payee'), found.payeeId, 'the URL follows the payee');
  const details = await openStatement(found.period);
  assert.ok((await details.locator('summary .badge', { hasText: 'Clawback' }).count()) === 1, 'the summary flags the clawback');
  const row = details.locator('tr[data-kind="clawback"]').first();
  assert.equal((await row.locator('.badge').textContent())?.trim(), 'Clawback');
  assert.match(await row.locator('.sentence').textContent() ?? '', /^Deal T\S+ (cancelled|refunded)/);
  assert.ok(await row.locator('.entry-amount.neg').count() === 1, 'a clawback takes money back');

  // The plan's rules name payees to look at; choosing one shows them.
  const link = page.locator('#features button[data-payee]').first();
  const target = await link.getAttribute('data-payee');
  await link.click();
  await page.waitForSelector(`#content[data-payee-id="${target}"]`);
  assert.equal(await page.getByLabel('Payee', { exact: true }).inputValue(), target);
  assertNoProblems();
});

test(`the payroll CSV pays ${R001.name} what the page shows for ${R001.period}`, async () => {
  await choosePayee(R001.id);
  const cell = page.locator(`#period-table tr[data-period="${R001.period}"] td[data-col="paid"]`);
  const shown = await cell.getAttribute('data-amount');
  assert.equal(shown, R001.paid, `the page pays ${R001.name} ${R001.paid} for ${R001.period}`);
  assert.equal((await cell.textContent())?.trim(), formatMoney(R001.paid, R001.currency, { locale: 'en-US' }));

  const { name, text } = await download('Payroll CSV');
  assert.equal(name, `payroll-${PLAN_ID}.csv`);
  const rows = parseCsv(text);
  assert.deepEqual(rows[0].slice(0, 6), ['payeeId', 'name', 'period', 'payDate', 'currency', 'amount']);
  const row = records(rows).find((r) => r.payeeId === R001.id && r.period === R001.period);
  assert.ok(row, `a payroll row for ${R001.id} ${R001.period}`);
  assert.equal(row.name, R001.name);
  assert.equal(row.currency, R001.currency);
  assert.equal(row.amount, shown, 'the payroll amount is the amount the page shows');
  assertNoProblems();
});

test('every journal entry in the journal CSV balances', async () => {
  const { name, text } = await download('Journal entries CSV');
  assert.equal(name, `journal-${PLAN_ID}.csv`);
  const rows = parseCsv(text);
  assert.deepEqual(rows[0], ['date', 'entry', 'account', 'debit', 'credit', 'currency', 'payeeId', 'memo']);
  const lines = records(rows);
  assert.ok(lines.length > 0, 'the journal has lines');
  // Each currency keeps its own books, numbered on their own: the EUR and the USD books both
  // have a JE-2026-03-001. An entry is therefore identified by its currency and number.
  const entries = new Map();
  for (const l of lines) {
    const key = `${l.currency} ${l.entry}`;
    const e = entries.get(key) ?? { debit: 0n, credit: 0n, lines: 0 };
    e.debit += cents(l.debit);
    e.credit += cents(l.credit);
    e.lines += 1;
    entries.set(key, e);
  }
  for (const [entry, e] of entries) {
    assert.ok(e.lines >= 2, `entry ${entry} has a debit and a credit line`);
    assert.equal(e.debit, e.credit, `entry ${entry}: debits ${e.debit} ≠ credits ${e.credit} (cents)`);
    assert.notEqual(e.debit, 0n, `entry ${entry} moves money`);
  }
  assertNoProblems();
});

test('the statements CSV and the ledger JSON download too', async () => {
  const statements = await download('Statements CSV');
  assert.equal(statements.name, `statements-${PLAN_ID}.csv`);
  const header = parseCsv(statements.text)[0];
  for (const col of ['payeeId', 'period', 'kind', 'amount', 'balance', 'text']) assert.ok(header.includes(col), `statements column ${col}`);

  const json = await download('Ledger JSON');
  assert.equal(json.name, `ledger-${PLAN_ID}.json`);
  const report = JSON.parse(json.text);
  assert.equal(report.schemaVersion, 1);
  assert.equal(report.planId, PLAN_ID);
  assert.ok(report.payees.some((p) => p.payeeId === R001.id && p.entries.length > 0));
  assertNoProblems();
});

test('switching plans recomputes the ledger and keeps the payee', async () => {
  await choosePayee(R041.id);
  const plan = page.getByLabel('Plan', { exact: true });
  const second = await plan.locator('option').nth(1).getAttribute('value');
  const secondName = (await plan.locator('option').nth(1).textContent())?.trim() ?? '';
  await plan.selectOption(second);
  await page.waitForFunction((n) => document.getElementById('status')?.textContent?.startsWith(`${n}:`), secondName, { timeout: 60_000 });
  assert.equal(await page.getByLabel('Payee', { exact: true }).inputValue(), R041.id);
  assert.match(await page.locator('#accounting').innerText(), /no commission accounting/);
  await openStatement('2026-Q2');
  assert.equal(await page.locator('details#st-2026-Q2 tr[data-kind="advance"]').count(), 1, 'the draw is paid under plan 2 as well');

  await plan.selectOption(PLAN_ID);
  await page.waitForFunction(() => document.querySelector('#accounting table.costs') !== null, null, { timeout: 60_000 });
  assert.equal(new URL(page.url()).searchParams.get('plan'), PLAN_ID);
  assertNoProblems();
});

test('the layout holds on a desktop and on a phone', async () => {
  for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['mobile', { width: 390, height: 844 }]]) {
    const p = await context.newPage();
    await p.setViewportSize(viewport);
    watch(p, problems);
    await open(p, `?payee=${R041.id}`);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${name}: the page scrolls sideways by ${overflow}px`);
    await p.screenshot({ path: path.join(SCREENSHOTS, `ledger-${name}.png`) });
    await p.screenshot({ path: path.join(SCREENSHOTS, `ledger-${name}-full.png`), fullPage: true });
    await p.close();
  }
  assertNoProblems();
});

test('keyboard: a period link opens its statement, Enter toggles a statement', async () => {
  await choosePayee(R041.id);
  const summary = page.locator('details#st-2026-Q3 > summary');
  if (await page.locator('details#st-2026-Q3').evaluate((d) => d.open)) await summary.click();
  await page.locator('#period-table a[data-period="2026-Q3"]').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('details#st-2026-Q3').evaluate((d) => d.open), true, 'the link opened the statement');
  assert.equal(await summary.evaluate((s) => s === document.activeElement), true, 'focus moved to the statement');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('details#st-2026-Q3').evaluate((d) => d.open), false, 'Enter closes it');
  assertNoProblems();
});
