// The Company page's Plans panel (issue 20) in headless Chromium: a new, empty workspace gets a
// plan file made here; a second file of the same plan id becomes version 2 and the one in use;
// choosing version 1 again is kept over a reload (and is what the pages compute with); an
// invalid plan file is refused with the diagnostic's path; the sample workspace's plans are
// copied in; a version downloads as JSON; a plan is deleted after the page asks. The screenshot
// goes to test-results/screenshots/company-plans.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { openSession, closeSession, assertNoProblems, SCREENSHOTS } from './harness.mjs';

let session;
let page;
const problems = [];

const plan = (id, name, rate) => ({
  schemaVersion: 1, id, name, currency: 'USD', period: 'quarter', rounding: { mode: 'halfUp', at: 'component' },
  components: [{ id: 'commission', name: 'Commission', kind: 'commission', rateTable: { mode: 'flat', base: 'amount', evaluation: 'perTransaction', tiers: [{ from: '0', to: null, rate }] } }],
});
const PLAN_V1 = plan('test-plan', 'Test plan', '0.05');
const PLAN_V2 = plan('test-plan', 'Test plan, richer', '0.07');
// A rate that is no decimal: the engine names the field.
const PLAN_BAD = plan('test-plan', 'Test plan', 'lots');
const BAD_PATH = /components\[0\]\.rateTable\.tiers\[0\]\.rate/;

before(async () => {
  session = await openSession(problems, { acceptDownloads: true });
  page = session.page;
  page.setDefaultTimeout(30_000);
});

after(() => closeSession(session));

const text = async (selector) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

async function open() {
  await page.goto(`${session.server.url}pages/company/`);
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 60_000 });
}

/** The plans listed: [id, name, versions, version in use]. */
const plans = () => page.locator('#plans-table tbody tr[data-plan]').evaluateAll((rows) => rows.map((r) => [
  r.dataset.plan, r.querySelector('th').textContent, r.querySelector('[data-col="versions"]').textContent, r.querySelector('select').value,
]));

async function addPlanFile(name, plan) {
  await page.locator('#plan-files').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(plan, null, 2)) });
}

test('plans in a workspace: add, a second version, the version in use kept over a reload, an invalid file, copy from the sample', async () => {
  await open();
  const sampleName = await text('#active-name');
  assert.match(sampleName, /\(sample\)$/);
  const samplePlans = (await plans()).map((p) => p[0]);
  assert.ok(samplePlans.length >= 2, `the sample has its plans: ${samplePlans}`);

  // A new, empty workspace has no plans.
  await page.locator('#new-name').fill('Plans Test');
  await page.locator('#new-form button[type="submit"]').click();
  await page.waitForFunction(() => document.getElementById('active-name')?.textContent === 'Plans Test');
  await page.waitForFunction(() => document.querySelectorAll('#plans-table tbody tr[data-plan]').length === 0);
  assert.match(await text('#plans-hint'), /^0 plans/);

  await addPlanFile('test-plan.json', PLAN_V1);
  await page.waitForFunction(() => document.querySelectorAll('#plans-table tbody tr[data-plan]').length === 1);
  assert.deepEqual(await plans(), [['test-plan', 'Test plan', '1', '1']]);
  assert.equal(await text('#sum-plans'), '1');
  assert.equal(await text('#plans-table [data-col="note"]'), 'Added from test-plan.json');

  // The same id again: version 2, in use.
  await addPlanFile('test-plan-v2.json', PLAN_V2);
  await page.waitForFunction(() => document.querySelector('#plans-table [data-col="versions"]')?.textContent === '2');
  assert.deepEqual(await plans(), [['test-plan', 'Test plan, richer', '2', '2']]);
  assert.equal(await text('#plans-table [data-col="note"]'), 'Added from test-plan-v2.json');

  // Back to version 1; kept over a reload, and it is what the pages see as the active plan.
  await page.getByLabel('Version of test-plan in use').selectOption('1');
  await page.waitForFunction(() => document.querySelector('#plans-table tbody th')?.textContent === 'Test plan');
  await open();
  assert.deepEqual(await plans(), [['test-plan', 'Test plan', '2', '1']]);
  const active = await page.evaluate(async () => {
    const { activeCompany } = await import('/lib/company.js');
    return (await activeCompany()).plans.map((p) => [p.id, p.components[0].rateTable.tiers[0].rate]);
  });
  assert.deepEqual(active, [['test-plan', '0.05']]);

  // An invalid plan file is refused, with the path the engine names.
  await addPlanFile('broken.json', PLAN_BAD);
  await page.waitForSelector('#plan-error:not([hidden])');
  const error = await text('#plan-error');
  assert.match(error, /broken\.json was not added/);
  assert.match(error, BAD_PATH, error);
  assert.deepEqual(await plans(), [['test-plan', 'Test plan', '2', '1']], 'nothing was added');
  await page.locator('#plans-panel').screenshot({ path: path.join(SCREENSHOTS, 'company-plans-error.png') });

  // The sample's plans copied in.
  await page.locator('#copy-from').selectOption({ label: new RegExp(`^${sampleName.replace(/[()]/g, '\\$&')}`) }).catch(async () => {
    const value = await page.locator('#copy-from option').evaluateAll((os, n) => os.find((o) => o.textContent.startsWith(n))?.value, sampleName);
    await page.locator('#copy-from').selectOption(value);
  });
  await page.locator('#copy-plans').click();
  await page.waitForFunction((n) => document.querySelectorAll('#plans-table tbody tr[data-plan]').length === n, samplePlans.length + 1);
  const listed = await plans();
  assert.deepEqual(listed.map((p) => p[0]).sort(), ['test-plan', ...samplePlans].sort());
  assert.match(await text('#status'), new RegExp(`Copied from .*${samplePlans[0]}`));
  assert.equal(await text('#sum-plans'), String(samplePlans.length + 1));
  await page.locator('#plans-panel').screenshot({ path: path.join(SCREENSHOTS, 'company-plans.png') });

  // A version downloads as JSON: the plan in use.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download version 1 of test-plan as JSON' }).click()]);
  assert.equal(download.suggestedFilename(), 'test-plan-v1.json');
  assert.deepEqual(JSON.parse(await readFile(await download.path(), 'utf8')), PLAN_V1);

  // Delete, after the page asks.
  await page.getByRole('button', { name: 'Delete the plan test-plan' }).click();
  await page.waitForSelector('#ask-dialog[open]');
  await page.locator('#ask-ok').click();
  await page.waitForFunction(() => !document.querySelector('#plans-table tr[data-plan="test-plan"]'));
  await open();
  assert.deepEqual((await plans()).map((p) => p[0]).sort(), [...samplePlans].sort());
  assertNoProblems(problems);
});

test('the designer saves the plan it edits into the active workspace as a new version, in use; an invalid plan is refused', async () => {
  await open();
  const wsName = await text('#active-name');
  const before = await plans();
  assert.ok(before.length > 0, 'the workspace has plans (copied from the sample above)');
  await page.goto(`${session.server.url}pages/designer/`);
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 60_000 });
  const planId = await page.evaluate(() => JSON.parse(document.getElementById('json-text').value).id);
  const entry = before.find((p) => p[0] === planId);
  assert.ok(entry, `the designer opens a plan of the workspace: ${planId}`);
  const next = Number(entry[2]) + 1;
  const planName = await page.evaluate(() => JSON.parse(document.getElementById('json-text').value).name);

  await page.locator('#save-company').click();
  await page.waitForSelector('#company-status:not([hidden])');
  assert.equal(await text('#company-status'), `Saved as version ${next} of ${planName} in ${wsName}.`);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'designer-save-company.png') });

  // An invalid plan (a rate that is no decimal) is refused with the engine's path.
  await page.locator('#tab-json').click();
  const bad = await page.evaluate(() => {
    const plan = JSON.parse(document.getElementById('json-text').value);
    plan.components[0].rateTable.tiers[0].rate = 'lots';
    return JSON.stringify(plan, null, 2);
  });
  await page.locator('#json-text').fill(bad);
  await page.waitForSelector('#diagnostics li.error');
  await page.locator('#save-company').click();
  await page.waitForSelector('#error:not([hidden])');
  assert.match(await text('#error'), /Saving to the company's plans: the plan has \d+ errors?/);
  assert.match(await text('#error'), BAD_PATH);

  await open();
  const after = (await plans()).find((p) => p[0] === planId);
  assert.deepEqual(after.slice(2), [String(next), String(next)], 'one version more, and it is in use');
  assertNoProblems(problems);
});
