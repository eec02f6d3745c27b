// The Company page and the workspace store (issue 20) in headless Chromium, reading what the page
// shows: the first visit creates the sample workspace and lists it; a new workspace gets a people
// CSV in the app's own payee format and a deals CSV with two bad rows (an impossible date on line
// 3, a missing amount on line 4), the counts and both rejected lines are shown; after a reload the
// workspace, its counts and the last report are still there; rename, duplicate, export (the
// download is read back), delete, and the exported file imported again gives the same counts; a
// file of the older sample layout imports as a workspace too. Also: quotas, managers and people
// JSON imported and merged by id; a broken .xlsx said and skipped; Cancel terminates the import
// worker and saves nothing; Restore sample; names shown as text; a switch made in another tab
// shows in this one. The screenshot goes to
// test-results/screenshots/company.png (UPDATE_SCREENSHOTS=1: docs/screenshots/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { openSession, closeSession, assertNoProblems, SCREENSHOTS } from './harness.mjs';

let session;
let page;
const problems = [];

const PEOPLE_CSV = [
  'id,name,role,managerId,currency,targetIncentive',
  'm1,Ana Manager,manager,,USD,20000.00',
  'r1,Rob Rep,ae,m1,USD,10000.00',
  'r2,Sue Rep,ae,m1,USD,12000.00',
  '',
].join('\n');

// Line 1 is the header: line 3 has a date that is no date, line 4 no amount.
const DEALS_CSV = [
  'id,date,payeeId,amount',
  'D1,2026-01-10,r1,1000.00',
  'D2,2026-13-45,r1,500.00',
  'D3,2026-02-01,r2,',
  'D4,2026-02-03,r2,2500.50',
  '',
].join('\n');

before(async () => {
  session = await openSession(problems);
  page = session.page;
  page.setDefaultTimeout(30_000);
});

after(() => closeSession(session));

const text = async (selector) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

async function open() {
  await page.goto(`${session.server.url}pages/company/`);
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 60_000 });
}

/** The workspaces listed: [name, people, deals]. */
const listed = () => page.locator('#workspace-table tbody tr').evaluateAll((rows) => rows.map((r) => [
  r.dataset.name, r.querySelector('[data-col="people"]').textContent, r.querySelector('[data-col="deals"]').textContent,
]));

const row = (name) => page.locator(`#workspace-table tbody tr[data-name="${name}"]`);

/** Waits until `name` is the active workspace, in the heading and in the list. */
async function waitActive(name, p = page) {
  await p.waitForFunction((n) => document.getElementById('active-name')?.textContent === n
    && document.querySelector('#workspace-table tbody tr.active')?.dataset.name === n, name, { polling: 100 });
}

async function answer(value) {
  await page.waitForSelector('#ask-dialog[open]');
  if (value !== undefined) await page.locator('#ask-input').fill(value);
  await page.locator('#ask-ok').click();
}

async function importFile(name, content, kind, preset) {
  await page.locator('#import-files').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
  await page.waitForSelector('#mapping:not([hidden]) #preview-table tbody tr');
  assert.equal(await page.locator('#kind-select').inputValue(), kind, `${name}: the kind guessed from the header`);
  assert.equal(await page.locator('#preset-select').inputValue(), preset, `${name}: the preset guessed from the header`);
  const before = await page.locator('#result-title').textContent();
  await page.locator('#import-run').click();
  await page.waitForFunction((b) => {
    const t = document.getElementById('result-title')?.textContent;
    return t !== b && t?.startsWith('Imported') && document.body.dataset.importing === '0';
  }, before);
}

const counts = () => page.locator('#result-counts dd').evaluateAll((dds) => Object.fromEntries(dds.map((d) => [d.dataset.count, d.textContent])));
const reportLines = () => page.locator('#report-table tbody tr[data-line]').evaluateAll((rows) => rows.map((r) => [
  r.dataset.line, r.children[1].textContent, r.children[2].textContent, r.children[3].textContent,
]));

test('a company workspace: sample on first visit, imports with a report, reload, rename, duplicate, export, delete, import back', async () => {
  await open();
  let list = await listed();
  assert.equal(list.length, 1, 'the first visit has one workspace');
  assert.match(list[0][0], /\(sample\)$/);
  assert.equal(list[0][1], '50');
  assert.ok(Number(list[0][2].replace(/,/g, '')) > 1000, `the sample has its deals: ${list[0][2]}`);
  assert.equal(await text('#active-name'), list[0][0]);
  assert.match(await text('#storage-line'), /^Storage: .+ used of .+/);
  assert.equal(await page.locator('#people-table tbody tr').count(), 50);

  // A new, empty workspace becomes the active one.
  await page.locator('#new-name').fill('Acme Test');
  await page.locator('#new-form button[type="submit"]').click();
  await waitActive('Acme Test');
  assert.deepEqual((await listed()).find(([n]) => n === 'Acme Test'), ['Acme Test', '0', '0']);

  // People in the app's own format, then deals with two bad rows.
  await importFile('people.csv', PEOPLE_CSV, 'people', 'spm-payees');
  assert.deepEqual(await counts(), { rows: '3', imported: '3', rejected: '0', skipped: '0', warnings: '0' });
  assert.match(await text('#result-changes'), /3 people added/);
  assert.equal(await text('#sum-people'), '3');
  assert.equal(await page.locator('#people-table tbody tr').count(), 3);

  await importFile('deals.csv', DEALS_CSV, 'deals', 'spm');
  const c = await counts();
  assert.equal(c.rows, '4');
  assert.equal(c.imported, '2');
  assert.equal(c.rejected, '2');
  let lines = await reportLines();
  assert.deepEqual(lines.filter((l) => l[1] === 'rejected').map((l) => [l[0], l[2]]), [['3', 'date'], ['4', 'amount']], `the rejected lines:\n${lines.join('\n')}`);
  assert.match(lines.find((l) => l[0] === '3')[3], /2026-13-45/);
  assert.match(await text('#result-changes'), /2 deals added/);
  assert.equal(await text('#sum-deals'), '2');

  // The report downloads as CSV naming both lines.
  const [reportDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#report-download').click()]);
  const reportCsv = await readFile(await reportDownload.path(), 'utf8');
  assert.match(reportCsv.split('\n')[0], /line/);
  assert.match(reportCsv, /^3,rejected,/m);
  assert.match(reportCsv, /^4,rejected,/m);

  // A reload keeps the workspace, its counts and the last report.
  await open();
  assert.equal(await text('#active-name'), 'Acme Test');
  assert.equal(await text('#sum-people'), '3');
  assert.equal(await text('#sum-deals'), '2');
  assert.deepEqual((await listed()).find(([n]) => n === 'Acme Test'), ['Acme Test', '3', '2']);
  lines = await reportLines();
  assert.deepEqual(lines.filter((l) => l[1] === 'rejected').map((l) => l[0]), ['3', '4'], 'the last report survives the reload');

  // Re-importing the same deals changes nothing and says so.
  await importFile('deals.csv', DEALS_CSV, 'deals', 'spm');
  assert.match(await text('#result-changes'), /0 deals added, 0 updated, 2 unchanged/);
  assert.equal(await text('#sum-deals'), '2');

  // Rename, duplicate.
  await row('Acme Test').getByRole('button', { name: 'Rename Acme Test' }).click();
  await answer('Acme Renamed');
  await waitActive('Acme Renamed');
  await row('Acme Renamed').getByRole('button', { name: 'Duplicate Acme Renamed' }).click();
  await answer('Acme Copy');
  await page.waitForSelector('#workspace-table tbody tr[data-name="Acme Copy"]');
  assert.deepEqual((await listed()).find(([n]) => n === 'Acme Copy'), ['Acme Copy', '3', '2']);

  // Export the active workspace; the download is the workspace file.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-workspace').click()]);
  assert.equal(download.suggestedFilename(), 'Acme-Renamed.spm-workspace.json');
  const exported = await readFile(await download.path(), 'utf8');
  const file = JSON.parse(exported);
  assert.equal(file.format, 'spm-workspace');
  assert.equal(file.schemaVersion, 1);
  assert.equal(file.name, 'Acme Renamed');
  assert.deepEqual(file.people.map((p) => p.id), ['m1', 'r1', 'r2']);
  assert.equal(file.dealsCsv.trim().split('\n').length, 3, 'a header and two deals');
  assert.equal(file.id, undefined, 'the browser id stays out of the file');
  assert.deepEqual(file.settings.mappings.map((m) => [m.source, m.mapping.preset]),
    [['id,date,payeeid,amount', 'spm'], ['id,name,role,managerid,currency,targetincentive', 'spm-payees']], 'the mappings remembered per source');

  // Delete the active one (confirmed in the page's dialog): another becomes active.
  await row('Acme Renamed').getByRole('button', { name: 'Delete Acme Renamed' }).click();
  await answer();
  await page.waitForFunction(() => !document.querySelector('#workspace-table tbody tr[data-name="Acme Renamed"]'));
  assert.notEqual(await text('#active-name'), 'Acme Renamed');

  // Import the exported file back: the same counts.
  await page.locator('#workspace-file').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(exported) });
  await waitActive('Acme Renamed');
  assert.deepEqual((await listed()).find(([n]) => n === 'Acme Renamed'), ['Acme Renamed', '3', '2']);
  assert.equal(await text('#sum-people'), '3');
  assert.equal(await text('#sum-deals'), '2');
  assert.equal(await page.locator('#people-table tbody tr').count(), 3);

  // The older sample layout (company, payees, plans, transactionsCsv) imports as a workspace.
  const legacy = JSON.stringify({
    company: 'Legacy Co',
    payees: [{ id: 'a1', name: 'Al One' }, { id: 'a2', name: 'Bo Two' }],
    plans: [],
    transactionsCsv: 'id,date,payeeId,amount\nL1,2026-03-01,a1,100.00\n',
    eventsCsv: '',
    ratesCsv: '',
  });
  await page.locator('#workspace-file').setInputFiles({ name: 'legacy.json', mimeType: 'application/json', buffer: Buffer.from(legacy) });
  await waitActive('Legacy Co');
  assert.deepEqual((await listed()).find(([n]) => n === 'Legacy Co'), ['Legacy Co', '2', '1']);

  await page.locator('#people-filter').fill('bo');
  assert.equal(await page.locator('#people-table tbody tr').count(), 1);
  await page.locator('#people-filter').fill('');

  // Back to a workspace with an import report for the screenshot.
  await row('Acme Copy').getByRole('button', { name: 'Switch to Acme Copy' }).click();
  await waitActive('Acme Copy');
  await page.locator('#import-files').setInputFiles({ name: 'deals.csv', mimeType: 'text/csv', buffer: Buffer.from(DEALS_CSV) });
  await page.waitForSelector('#mapping:not([hidden]) #preview-table tbody tr');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'company.png'), fullPage: true });
  assertNoProblems(problems);
});

test('Restore sample brings the sample back after it was deleted', async () => {
  await open();
  const sample = (await listed()).find(([n]) => /\(sample\)$/.test(n))[0];
  await row(sample).getByRole('button', { name: `Delete ${sample}` }).click();
  await answer();
  await page.waitForFunction((n) => !document.querySelector(`#workspace-table tbody tr[data-name="${n}"]`), sample);
  await page.locator('#restore-sample').click();
  await waitActive(sample);
  assert.equal((await listed()).find(([n]) => n === sample)[1], '50');
  assertNoProblems(problems);
});

test('Cancel stops an import in its worker and saves nothing', async () => {
  await open();
  await page.locator('#new-name').fill('Cancel Test');
  await page.locator('#new-form button[type="submit"]').click();
  await waitActive('Cancel Test');
  await importFile('people.csv', PEOPLE_CSV, 'people', 'spm-payees');
  // Quotas and a hierarchy in the app's own columns: the kind and preset are guessed from the header.
  await importFile('quotas.csv', 'payeeId,component,period,amount\nr1,new-business,2026,100000.00\nr2,new-business,2026,120000.00\n', 'quotas', 'spm-quotas');
  assert.equal((await counts()).imported, '2');
  assert.match(await text('#result-changes'), /2 updated/);
  assert.deepEqual(await page.locator('#people-table tbody tr td:last-child').allTextContents(), ['0', '1', '1'], 'the quotas per person');
  await importFile('managers.csv', 'payeeId,managerId,from\nr2,r1,2026-01-01\n', 'hierarchy', 'spm-hierarchy');
  assert.equal((await counts()).imported, '1');
  assert.deepEqual(await page.locator('#people-table tbody tr td:nth-child(5)').allTextContents(), ['', 'm1', 'r1'], 'the managers');
  // A file that is no spreadsheet although named .xlsx: said next to the import, nothing changes.
  await page.locator('#import-files').setInputFiles({ name: 'broken.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('not a zip file') });
  await page.waitForSelector('#error:not([hidden])');
  assert.match(await text('#error'), /^Reading broken\.xlsx: /);
  assert.equal(await page.locator('#file-queue li').count(), 0);
  assert.equal(await text('#sum-people'), '3');
  // People as JSON (PayeeSpec[]) in the same drop zone: merged by id.
  await page.locator('#import-files').setInputFiles({ name: 'more.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify([{ id: 'r3', name: 'Cy Three', role: 'ae', managerId: 'm1' }])) });
  await page.waitForFunction(() => document.getElementById('result-title')?.textContent === 'Imported: more.json');
  assert.match(await text('#result-changes'), /1 people added/);
  await page.waitForFunction(() => document.getElementById('sum-people')?.textContent === '4');
  const big = ['id,date,payeeId,amount', ...Array.from({ length: 300_000 }, (_, i) => `B${i},2026-01-${String((i % 28) + 1).padStart(2, '0')},r${(i % 2) + 1},${(i % 900) + 100}.00`), ''].join('\n');
  await page.locator('#import-files').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(big) });
  await page.waitForSelector('#mapping:not([hidden]) #preview-table tbody tr');
  await page.locator('#import-run').click();
  // Cancel once the worker has the engine and reads the rows (no request of it is cut short).
  await page.waitForFunction(() => document.getElementById('import-stage')?.textContent === 'Reading the rows…');
  assert.equal(await page.locator('#import-progress').isVisible(), true, 'the progress bar shows');
  await page.locator('#import-cancel').click();
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Cancelled: nothing was saved.');
  assert.equal(await page.evaluate(() => document.body.dataset.importing), '0');
  assert.equal(await text('#sum-deals'), '0');
  await open();
  assert.deepEqual((await listed()).find(([n]) => n === 'Cancel Test'), ['Cancel Test', '4', '0']);
  assertNoProblems(problems);
});

test('names from a file are shown as text; a switch in another tab shows in this one', async () => {
  await open();
  await page.locator('#new-name').fill('<img src=x onerror="window.__xss=1">');
  await page.locator('#new-form button[type="submit"]').click();
  await waitActive('<img src=x onerror="window.__xss=1">');
  const hostile = 'id,name,role\nx1,"<img src=x onerror=""window.__xss=2"">",<b>boss</b>\n';
  await importFile('hostile.csv', hostile, 'people', 'spm-payees');
  assert.equal(await text('#people-table tbody th'), '<img src=x onerror="window.__xss=2">');
  assert.equal(await page.locator('main img, main b').count(), 0, 'no element made from the data');
  assert.equal(await page.evaluate(() => window.__xss ?? null), null);

  // A second tab switches the workspace: this tab hears it (BroadcastChannel) and shows it.
  const other = await session.context.newPage();
  await other.goto(`${session.server.url}pages/company/`);
  await other.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 60_000 });
  const sample = (await listed()).find(([n]) => /\(sample\)$/.test(n))[0];
  await other.locator(`#workspace-table tbody tr[data-name="${sample}"]`).getByRole('button', { name: `Switch to ${sample}` }).click();
  // Polled on a timer: a tab in the background gets no animation frames.
  await waitActive(sample);
  await other.close();
  assertNoProblems(problems);
});
