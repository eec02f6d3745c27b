// The planning pages in headless Chromium: quotas (www/pages/quota/: the cascade as a tree with its
// sums, a node's months, hiring capacity) and territories (www/pages/territories/: generate,
// rebalance, move an account, export, upload a CSV). Screenshots go to test-results/screenshots/
// (UPDATE_SCREENSHOTS=1 refreshes docs/screenshots/).
//
// Hand-worked numbers (the same case as tests/golden/quota/cascade_over_assignment.json):
// Acme carries 1,000,000.00 and pads 10%: its three regions share 1,100,000.00 equally,
// 366,666.666… each; the 2 cents left go by id to central and east (366,666.67), west gets
// 366,666.66. West pads 8%: 395,999.99, split 1 : 2 by weight → w1 132,000.00 (the larger
// remainder takes the cent), w2 263,999.99. East splits 366,666.67 in two: e1 183,333.34,
// e2 183,333.33. The reps' quotas sum to 1,129,333.33 (12.93% over the target).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { openSession, closeSession, assertNoProblems as checkProblems, SCREENSHOTS, repoRoot } from './harness.mjs';

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
const cell = (nodeId, col) => text(`#tree tr[data-node-id="${nodeId}"] td:nth-child(${col})`);

test('the quota page cascades a target with over-assignment, to the cent', async () => {
  await page.goto(`${server.url}pages/quota/`);
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 60_000 });
  assert.ok((await page.locator('#tree tbody tr').count()) > 40, 'the sample company has a tree');
  const golden = JSON.parse(await readFile(path.join(repoRoot, 'tests/golden/quota/cascade_over_assignment.json'), 'utf8'));
  await page.locator('details:has(#input-json) summary').click();
  await page.locator('#input-json').fill(JSON.stringify(golden.input, null, 2));
  await page.waitForFunction(() => document.querySelectorAll('#tree tbody tr').length === 8, null, { timeout: 10_000 });
  // Columns: 1 name, 2 level, 3 quota, 4 over-assignment, 5 children sum, 6 bottom-up, 7 gap, 8 after ramp.
  assert.equal(await cell('acme', 3), '$1,000,000.00');
  assert.equal(await cell('acme', 5), '$1,100,000.00');
  assert.equal(await cell('west', 3), '$366,666.66');
  assert.equal(await cell('east', 3), '$366,666.67');
  assert.equal(await cell('central', 3), '$366,666.67');
  assert.equal(await cell('west', 5), '$395,999.99');
  assert.equal(await cell('w1', 3), '$132,000.00');
  assert.equal(await cell('w2', 3), '$263,999.99');
  assert.equal(await cell('e1', 3), '$183,333.34');
  assert.equal(await cell('e2', 3), '$183,333.33');
  assert.equal(await text('#total-leaves'), '$1,129,333.33');
  // Selecting a row shows its months, which sum to its quota (January to April take the cents).
  await page.locator('#tree tr[data-node-id="acme"]').click();
  const months = await page.locator('#node-months tbody tr td:nth-child(2)').allTextContents();
  assert.deepEqual(months.slice(0, 5), ['$83,333.34', '$83,333.34', '$83,333.34', '$83,333.34', '$83,333.33']);
  assert.ok((await page.locator('#node-explanation li').count()) > 0, 'the node explains itself');
  // A bad value is reported with its path, and the tree keeps the last good plan.
  await page.locator('#input-json').fill(JSON.stringify({ ...golden.input, target: 1000000 }));
  await page.waitForFunction(() => /DECIMAL_NOT_STRING/.test(document.getElementById('error')?.textContent ?? ''));
  assert.match(await text('#error'), /target/);
  assert.equal(await cell('w1', 3), '$132,000.00');
  await page.locator('#input-json').fill(JSON.stringify(golden.input, null, 2));
  await page.waitForFunction(() => document.getElementById('error')?.hidden === true);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'quota.png'), fullPage: true });
  assertNoProblems();
});

test('the capacity plan answers how many reps to hire and when', async () => {
  await page.locator('#cap-target').fill('60000000');
  await page.waitForFunction(() => (document.getElementById('cap-answer')?.textContent ?? '').length > 10);
  assert.equal(await page.locator('#cap-months tbody tr').count(), 12);
  assertNoProblems();
});

// Territories. The hand-worked case of tests/territory.rs: four accounts of potential 100 at
// x = 0, 1, 10, 11; T1 owns the first three (300 against 100, mean 200: ±50%). Balancing moves
// a3 to T2 (one move, 75% of owners kept); the CSV says so.
const LINE_CSV = 'id,name,potential,x,y,owner\na1,Alpha,100,0,0,T1\na2,Bravo,100,1,0,T1\na3,Charlie,100,10,0,T1\na4,Delta,100,11,0,T2\n';
const metric = (key, col) => text(`#metrics tr[data-metric="${key}"] td:nth-child(${col + 1})`);

test('the territories page balances a generated sample within ±2% and shows it', async () => {
  await page.goto(`${server.url}pages/territories/`);
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 60_000 });
  // The page opens on the active company's accounts (the sample's 900 customers, one territory
  // per rep who owns some); the generated instance is one click away.
  assert.match(await text('#data-info'), /^900 accounts in 42 territories/);
  await page.locator('#generate').click();
  await page.waitForFunction(() => /^2,000 accounts/.test(document.getElementById('data-info')?.textContent ?? ''));
  assert.match(await text('#data-info'), /^2,000 accounts in 40 territories/);
  // Columns: 1 current owners, 2 balanced, 3 now.
  const before = Number.parseFloat(await metric('maxDeviationPotential', 1));
  assert.ok(before > 5, `the sample starts out of balance (${before}%)`);
  assert.equal(await metric('maxDeviationPotential', 2), '—');
  await page.locator('#rebalance').click();
  await page.waitForFunction(() => /rebalanced in/.test(document.getElementById('balance-timing')?.textContent ?? ''));
  const after = Number.parseFloat(await metric('maxDeviationPotential', 2));
  assert.ok(after <= 2, `balanced within ±2% (${after}%)`);
  assert.match((await page.locator('#bars svg').getAttribute('aria-label')) ?? '', /^40 territories; 0 outside ±2%/);
  assert.notEqual(await metric('gap', 2), '—', 'the gap to the lower bound is reported');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'territories.png'), fullPage: true });
  assertNoProblems();
});

test('the territories page takes a CSV, rebalances, moves an account by hand and exports', async () => {
  await page.locator('#accounts-file').setInputFiles({ name: 'line.csv', mimeType: 'text/csv', buffer: Buffer.from(LINE_CSV) });
  await page.waitForFunction(() => /^4 accounts in 2 territories/.test(document.getElementById('data-info')?.textContent ?? ''));
  assert.equal(await metric('maxDeviationPotential', 1), '50%');
  await page.locator('#rebalance').click();
  await page.waitForFunction(() => (document.querySelector('#metrics tr[data-metric="moved"] td:nth-child(3)')?.textContent ?? '') === '1');
  assert.equal(await metric('maxDeviationPotential', 2), '0%');
  assert.equal(await metric('keptShare', 2), '75%');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export').click()]);
  assert.equal(await readFile(await download.path(), 'utf8'),
    'accountId,territoryId,previousOwner,moved\na1,T1,T1,false\na2,T1,T1,false\na3,T2,T1,true\na4,T2,T2,false\n');
  // Click Charlie (x = 10) on the map: the canvas is 720 × 540 with a 14 px margin, so the
  // 11 km line spans 692 px, x = 10 sits at 14 + 10 × 692 / 11 canvas pixels, and the line is
  // centred vertically (y = 270).
  const canvas = page.locator('#map');
  const box = await canvas.boundingBox();
  assert.ok(box);
  const scale = box.width / 720;
  await canvas.click({ position: { x: (14 + (10 * 692) / 11) * scale, y: 270 * scale } });
  assert.equal(await text('#selection'), 'Charlie, in T2.');
  await page.locator('#move-to').selectOption('T1');
  await page.locator('#move').click();
  await page.waitForFunction(() => (document.querySelector('#metrics tr[data-metric="moved"] td:nth-child(4)')?.textContent ?? '') === '0');
  assert.equal(await metric('maxDeviationPotential', 3), '50%');
  assert.equal(await metric('maxDeviationPotential', 2), '0%', 'the balanced column stays for comparison');
  assert.match(await text('#method'), /Then 1 move\(s\) by hand\.$/);
  assertNoProblems();
});
