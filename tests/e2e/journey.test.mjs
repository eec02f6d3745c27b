// A company the engine has never seen, end to end (issue 20): an HR roster export (Workday
// columns, .xlsx), a CRM deal export (HubSpot columns, CSV) and a quota sheet (.xlsx), each with
// a bad row or two, imported on the Company page with a plan file; then every page works on that
// company: the designer's back-test, the payouts and a statement explained, the ledger, a rep's
// estimate, the leaderboard, the quota tree and a territory rebalance. After a reload everything
// is still there; the workspace exported and imported into a fresh browser profile gives the same
// figures to the cent.
//
// The spreadsheets are written by exceljs (an independent writer), so reading them proves the
// engine reads what a spreadsheet program writes, not only its own files.
//
// Every expected figure is worked out by hand from the files below (plan: 8% of every deal, plus
// a quarterly bonus of half the annual target incentive / 4, linear in attainment up to 100%):
//   Q1  Ari Novak: deals 40,000.00 + 25,000.50 = 65,000.50; commission 3,200.00 + 2,000.04
//       = 5,200.04; attainment 65,000.50 / 50,000 > 1, bonus capped at 20,000 × 0.5 / 4 = 2,500.00;
//       7,700.04.
//       Bea Costa: 60,000.00; commission 4,800.00; attainment 0.75 × 3,000.00 = 2,250.00; 7,050.00.
//       Cal Ortiz: 30,000.00; commission 2,400.00; attainment 1 × 2,000.00 = 2,000.00; 4,400.00.
//   Q2  Ari Novak: 10,000.00; commission 800.00; attainment 0.2 × 2,500.00 = 500.00; 1,300.00.
//   Total 7,700.04 + 7,050.00 + 4,400.00 + 1,300.00 = 20,450.04; Ari's year 9,000.04.
//   Ari's estimate as of 2026-04-10 for a new 40,000.00 deal: commission 3,200.00; Q2 attainment
//   (10,000 + 40,000) / 50,000 = 1, bonus 2,500.00 instead of 500.00: +2,000.00; +5,200.00.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { launch, watch } from '../../scripts/browser.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { SCREENSHOTS } from './harness.mjs';

const PLAN = {
  schemaVersion: 1,
  id: 'acme-ae-2026',
  name: 'Acme AE 2026',
  currency: 'USD',
  period: 'quarter',
  rounding: { mode: 'halfUp', at: 'component' },
  eligibility: { roles: ['Account Executive'] },
  measures: [{ id: 'bookings', kind: 'amount' }],
  components: [
    { id: 'commission', name: 'Commission', kind: 'commission', rateTable: { mode: 'flat', base: 'amount', evaluation: 'perTransaction', tiers: [{ from: '0', to: null, rate: '0.08' }] } },
    {
      id: 'bonus', name: 'Quarterly bonus', kind: 'bonus', attainment: [{ measure: 'bookings', weight: '1' }],
      thresholds: [{ attainment: '0', payout: '0' }, { attainment: '1', payout: '1' }], style: 'linear', target: { shareOfTargetIncentive: '0.5' },
    },
  ],
};

/** The HR roster: Workday's worker report columns; one row has no name (rejected). */
async function rosterXlsx() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Workers');
  ws.addRow(['Employee ID', 'Legal Name', 'Manager ID', 'Hire Date', 'Business Title', 'Supervisory Organization', 'Currency', 'Target Incentive Amount']);
  ws.addRow(['M100', 'Dana Lead', '', new Date(Date.UTC(2024, 0, 8)), 'Sales Manager', 'West', 'USD', 30000]);
  ws.addRow(['E201', 'Ari Novak', 'M100', new Date(Date.UTC(2025, 0, 15)), 'Account Executive', 'West', 'USD', 20000]);
  ws.addRow(['E202', 'Bea Costa', 'M100', new Date(Date.UTC(2025, 2, 1)), 'Account Executive', 'West', 'USD', 24000]);
  ws.addRow(['E203', 'Cal Ortiz', 'M100', new Date(Date.UTC(2025, 5, 1)), 'Account Executive', 'West', 'USD', 16000]);
  ws.addRow(['E204', '', 'M100', new Date(Date.UTC(2025, 6, 1)), 'Account Executive', 'West', 'USD', 16000]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The quota sheet: every AE's bonus quota for every quarter; one row names nobody (rejected). */
async function quotasXlsx() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Quotas 2026');
  ws.addRow(['payeeId', 'component', 'period', 'amount']);
  for (const q of ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']) {
    ws.addRow(['E201', 'bonus', q, 50000]);
    ws.addRow(['E202', 'bonus', q, 80000]);
    ws.addRow(['E203', 'bonus', q, 30000]);
  }
  ws.addRow(['E999', 'bonus', '2026-Q1', 10000]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** HubSpot's deals export: one lost deal (skipped), an unknown owner and a bad amount (rejected). */
const DEALS_CSV = [
  'Record ID,Deal Name,Deal Stage,Close Date,Amount,Deal owner,Associated Company,Pipeline',
  'H1,Alpha renewal,Closed Won,2026-01-20,40000,Ari Novak,Alpha Corp,Sales',
  'H2,Beta expansion,Closed Won,2026-02-14,25000.50,Ari Novak,Beta LLC,Sales',
  'H3,Gamma platform,Closed Won,2026-03-03,60000,Bea Costa,Gamma Inc,Sales',
  'H4,Delta pilot,Closed Lost,2026-03-10,99000,Cal Ortiz,Delta Co,Sales',
  'H5,Epsilon seats,Closed Won,2026-02-20,30000,Cal Ortiz,Epsilon AG,Sales',
  'H6,Zeta deal,Closed Won,2026-03-15,12000,Zed Unknown,Zeta SA,Sales',
  'H7,Eta add-on,Closed Won,2026-03-28,abc,Bea Costa,Eta BV,Sales',
  'H8,Theta start,Closed Won,2026-04-05,10000,Ari Novak,Alpha Corp,Sales',
  '',
].join('\n');

let server;
let browser;

before(async () => {
  server = await startServer({ port: 0 });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh browser profile with one page, watched for errors. */
async function fresh(problems) {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  watch(page, problems);
  return { context, page };
}

const text = async (page, selector) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
const ready = (page) => page.waitForFunction(() => ['1', 'true'].includes(document.body.dataset.ready ?? ''), null, { timeout: 60_000 });

async function openPage(page, name) {
  await page.goto(`${server.url}pages/${name}/`);
  await ready(page);
}

/** Imports one file on the Company page as what the header says it is; returns the report. */
async function importFile(page, file, { kind, preset, sheet } = {}) {
  await page.locator('#import-files').setInputFiles(file);
  await page.waitForFunction((name) => !document.getElementById('mapping')?.hidden
    && (document.getElementById('preview-caption')?.textContent ?? '').includes(name)
    && document.querySelector('#preview-table tbody tr'), file.name);
  if (sheet) await page.locator('#sheet-select').selectOption({ label: sheet }).catch(() => {});
  if (kind) assert.equal(await page.locator('#kind-select').inputValue(), kind, `${file.name}: the kind guessed from the header ${await page.locator('#preview-table').innerText()} ${await page.locator('#sheet-select').innerText()}`);
  if (preset) assert.equal(await page.locator('#preset-select').inputValue(), preset, `${file.name}: the preset guessed from the header`);
  const before = await page.locator('#result-title').textContent();
  await page.locator('#import-run').click();
  await page.waitForFunction((b) => {
    const t = document.getElementById('result-title')?.textContent;
    return t !== b && t?.startsWith('Imported') && document.body.dataset.importing === '0';
  }, before);
  const counts = await page.locator('#result-counts dd').evaluateAll((dds) => Object.fromEntries(dds.map((d) => [d.dataset.count, d.textContent])));
  const lines = await page.locator('#report-table tbody tr[data-line]').evaluateAll((rows) => rows.map((r) => ({
    line: r.dataset.line, status: r.children[1].textContent, column: r.children[2].textContent, reason: r.children[3].textContent,
  })));
  return { counts, lines };
}

/** The figures every page shows for the company, to compare before and after a move. */
async function figures(page) {
  await openPage(page, 'payouts');
  await page.waitForSelector('#payout-table tbody tr[data-payee-id] button[data-period]');
  const total = await page.locator('#total-payout').getAttribute('data-amount');
  const cells = await page.locator('#payout-table tbody tr[data-payee-id] button[data-period]').evaluateAll((bs) => bs
    .map((b) => `${b.dataset.payeeId} ${b.dataset.period} ${b.dataset.amount ?? b.textContent}`));
  return { total, cells };
}

test('a company the engine has never seen, on every page, across a reload and into another browser', async () => {
  const problems = [];
  const { context, page } = await fresh(problems);
  await openPage(page, 'company');

  // A new workspace for the company.
  await page.locator('#new-name').fill('Acme Robotics');
  await page.locator('#new-form button[type="submit"]').click();
  await page.waitForFunction(() => document.getElementById('active-name')?.textContent === 'Acme Robotics');

  // The HR roster (.xlsx, Workday columns): four people, the row without a name rejected.
  const roster = await importFile(page, { name: 'workers.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await rosterXlsx() }, { kind: 'people', preset: 'workday-workers' });
  assert.equal(roster.counts.imported, '4');
  assert.equal(roster.counts.rejected, '1');
  assert.deepEqual(roster.lines.filter((l) => l.status === 'rejected').map((l) => l.line), ['6']);

  // The CRM deals (HubSpot CSV): six won deals of known owners; the lost one skipped; two rejected.
  const deals = await importFile(page, { name: 'hubspot-deals.csv', mimeType: 'text/csv', buffer: Buffer.from(DEALS_CSV) }, { kind: 'deals', preset: 'hubspot-deals' });
  assert.equal(deals.counts.rows, '8');
  assert.equal(deals.counts.imported, '5');
  assert.equal(deals.counts.rejected, '2');
  assert.equal(deals.counts.skipped, '1');
  const rejected = deals.lines.filter((l) => l.status === 'rejected');
  assert.deepEqual([...new Set(rejected.map((l) => l.line))], ['7', '8'], JSON.stringify(deals.lines));
  assert.match(rejected.find((l) => l.line === '7').reason, /Zed Unknown/);
  assert.match(rejected.find((l) => l.line === '8').reason, /abc/);
  assert.deepEqual(deals.lines.filter((l) => l.status === 'skipped').map((l) => l.line), ['5']);

  // The quota sheet (.xlsx): twelve quotas, the one naming nobody rejected.
  const quotas = await importFile(page, { name: 'quotas.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await quotasXlsx() }, { kind: 'quotas', preset: 'spm-quotas' });
  assert.equal(quotas.counts.imported, '12');
  assert.equal(quotas.counts.rejected, '1');
  assert.deepEqual(quotas.lines.filter((l) => l.status === 'rejected').map((l) => l.line), ['14']);

  // The plan, from a file.
  await page.locator('#plan-files').setInputFiles({ name: 'acme-ae-2026.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(PLAN)) });
  await page.waitForSelector('#plans-table tbody tr[data-plan="acme-ae-2026"]');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'journey-company.png'), fullPage: true });

  // Designer: the back-test of the company's plan on its people, quotas and deals.
  await openPage(page, 'designer');
  await page.waitForFunction(() => /\d/.test(document.getElementById('kpi-total')?.textContent ?? ''), null, { timeout: 60_000 });
  assert.match(await text(page, '#kpi-total'), /20,450\.04/);
  assert.match(await text(page, '#data-company'), /Acme Robotics \(4 people\)/);

  // Payouts: the total and Ari's first quarter, explained.
  const first = await figures(page);
  assert.equal(first.total, '20450.04');
  await page.locator('#payout-table tr[data-payee-id="E201"] button[data-period="2026-Q1"]').click();
  await page.waitForSelector('#statement:not([hidden]) #statement-body');
  const statement = await text(page, '#statement-body');
  assert.match(statement, /7,700\.04/);
  assert.match(statement, /2,500\.00/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'journey-payouts.png'), fullPage: true });

  // Ledger: Ari's year, paid in full (the plan holds nothing back).
  await page.goto(`${server.url}pages/ledger/?plan=acme-ae-2026&payee=E201`);
  await ready(page);
  assert.equal(await page.locator('#period-table tfoot td[data-col="paid"]').getAttribute('data-amount'), '9000.04');

  // Rep: Ari's estimate of a new 40,000 deal on 2026-04-10.
  await page.goto(`${server.url}pages/rep/?plan=acme-ae-2026&rep=E201&asOf=2026-04-10`);
  await ready(page);
  await page.locator('#deal-amount').fill('40000');
  await page.waitForFunction(() => document.getElementById('deal-result')?.dataset.state === 'ok'
    && /40,000\.00 deal/.test(document.getElementById('deal-result')?.textContent ?? ''));
  assert.match(await text(page, '#deal-result'), /adds USD 5,200\.00 to 2026-Q2: the payout goes from USD 1,300\.00 to USD 6,500\.00/);

  // Leaderboard: the same people, ranked on their won deals.
  await openPage(page, 'leaderboard');
  await page.waitForSelector('#board-body tr[data-id]');
  const board = await page.locator('#board-body tr[data-id]').evaluateAll((trs) => trs.map((tr) => tr.dataset.id));
  for (const id of ['E201', 'E202', 'E203']) assert.ok(board.includes(id), `${id} is on the leaderboard: ${board}`);

  // Quotas: the tree from the roster (Dana above her three reps).
  await openPage(page, 'quota');
  await page.waitForSelector('#tree tbody tr[data-node-id="E201"]');
  assert.match(await text(page, '#tree tr[data-node-id="M100"]'), /Dana Lead/);

  // Territories: accounts from the won deals' companies (Alpha Corp, Beta LLC, Gamma Inc,
  // Epsilon AG), one territory per owner (Ari, Bea, Cal), rebalanced.
  await openPage(page, 'territories');
  assert.match(await text(page, '#company-note'), /Acme Robotics: 4 accounts in 3 territories/);
  await page.locator('#rebalance').click();
  await page.waitForFunction(() => /rebalanced in/.test(document.getElementById('balance-timing')?.textContent ?? ''));

  // A reload keeps everything.
  await page.reload();
  await ready(page);
  const again = await figures(page);
  assert.deepEqual(again, first);

  // Export the workspace and import it into a fresh browser profile: the same figures.
  await openPage(page, 'company');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-workspace').click()]);
  const file = await readFile(await download.path(), 'utf8');
  assert.equal(JSON.parse(file).format, 'spm-workspace');
  await context.close();

  const other = await fresh(problems);
  await openPage(other.page, 'company');
  await other.page.locator('#workspace-file').setInputFiles({ name: 'acme.spm-workspace.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await other.page.waitForFunction(() => /Acme Robotics/.test(document.getElementById('workspace-table')?.textContent ?? ''));
  const row = other.page.locator('#workspace-table tbody tr[data-name="Acme Robotics"]');
  if (await row.locator('button[data-action="switch"]').count()) await row.locator('button[data-action="switch"]').click();
  await other.page.waitForFunction(() => document.getElementById('active-name')?.textContent === 'Acme Robotics');
  const moved = await figures(other.page);
  assert.deepEqual(moved, first, 'the same figures to the cent in another browser profile');
  await other.context.close();
  assert.deepEqual(problems, []);
});
