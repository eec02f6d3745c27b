// The .xlsx exports (issue 20) in headless Chromium: the Ledger page's payroll and statements
// workbooks hold the same table as the CSV downloads. Each workbook is read with exceljs; its
// header row equals the CSV's header, and a known cell (the first data row) equals the CSV's same
// cell, as text, so an amount keeps its decimal string or its exact number.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { openSession, closeSession, assertNoProblems } from './harness.mjs';

let session;
let page;
const problems = [];

before(async () => {
  session = await openSession(problems, { acceptDownloads: true });
  page = session.page;
  page.setDefaultTimeout(60_000);
});

after(() => closeSession(session));

/** Clicks a download button; returns the file's suggested name and bytes. */
async function download(label) {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByRole('button', { name: label, exact: true }).click(),
  ]);
  assert.equal(await file.failure(), null, `the download of ${label} failed`);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
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
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** A cell's value as the text the CSV has: numbers in their shortest decimal text. */
function cellText(cell) {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'formula' in v) throw new Error(`a formula in ${cell.address}: ${v.formula}`);
  return String(v);
}

/** The same number: "6600.00" in the CSV and 6600 in a numeric cell are the same figure. */
function same(csvValue, xlsxValue) {
  if (csvValue === xlsxValue) return true;
  return /^-?\d+(\.\d+)?$/.test(csvValue) && Number(csvValue) === Number(xlsxValue);
}

for (const [csvLabel, xlsxLabel, sheet] of [['Payroll CSV', 'Payroll (.xlsx)', 'Payroll'], ['Statements CSV', 'Statements (.xlsx)', 'Statements']]) {
  test(`the Ledger page's ${xlsxLabel} holds the ${csvLabel}'s table`, async () => {
    await page.goto(`${session.server.url}pages/ledger/`);
    await page.waitForSelector('body[data-ready="true"]');
    const csv = await download(csvLabel);
    const xlsx = await download(xlsxLabel);
    assert.equal(xlsx.name, csv.name.replace(/\.csv$/, '.xlsx'));
    assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx is a zip');
    const rows = parseCsv(csv.bytes.toString('utf8')).filter((r) => r.some((c) => c !== ''));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes);
    const ws = workbook.getWorksheet(sheet) ?? workbook.worksheets[0];
    assert.ok(ws, 'the workbook has a worksheet');
    const header = rows[0].map((_, i) => cellText(ws.getRow(1).getCell(i + 1)));
    assert.deepEqual(header, rows[0], 'the header row is the CSV header');
    assert.equal(ws.rowCount, rows.length, 'as many rows as the CSV');
    // A known cell: the first data row's amount column (the last column with a number), and its first column.
    const first = rows[1];
    const amountCol = first.findLastIndex((c) => /^-?\d+\.\d+$/.test(c));
    assert.ok(amountCol >= 0, `the first row has an amount: ${first.join(',')}`);
    for (const col of [0, amountCol]) {
      const got = cellText(ws.getRow(2).getCell(col + 1));
      assert.ok(same(first[col], got), `${rows[0][col]} of row 2: ${JSON.stringify(got)} in the workbook, ${JSON.stringify(first[col])} in the CSV`);
    }
    assertNoProblems(problems);
  });
}

test("the designer's back-test downloads as .xlsx: one row per payee of the table, the engine's figures", async () => {
  await page.goto(`${session.server.url}pages/designer/`);
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 60_000 });
  await page.waitForSelector('#backtest-xlsx:not([disabled])');
  const shown = await page.locator('#payees-table tbody tr').count();
  const xlsx = await download('Download back-test (.xlsx)');
  assert.match(xlsx.name, /^backtest-.+\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.bytes);
  const ws = workbook.worksheets[0];
  const header = ws.getRow(1).values.slice(1).map(String);
  assert.deepEqual(header, ['payeeId', 'name', 'role', 'currency', 'payout', 'credit', 'quota', 'attainment', 'effectiveRate']);
  assert.equal(ws.rowCount, shown + 1, 'a row per payee in the table');
  // The first payee's payout is the amount the table shows for them.
  const firstId = await page.locator('#payees-table tbody tr').first().getAttribute('data-payee-id');
  const payout = await page.evaluate(() => document.querySelector('#payees-table tbody tr td.num').textContent);
  assert.equal(cellText(ws.getRow(2).getCell(1)), firstId);
  assert.equal(Number(payout.replace(/[^0-9.-]/g, '')), Number(cellText(ws.getRow(2).getCell(5))));
  assertNoProblems(problems);
});
