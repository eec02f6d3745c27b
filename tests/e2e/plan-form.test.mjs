// The schema-generated plan form (www/pages/designer/form.js) in headless Chromium: it renders every
// value of the sample plan in a labelled field found by its JSON path, hands the host a new plan
// with decimal STRINGS on every edit, shows diagnostics next to their field (or the nearest
// ancestor, or the top), adds, moves and removes list items and optional fields without leaving
// traces, drops a component's kind-specific fields when its kind changes, renders names as text,
// keeps the focus while the host echoes values back, and lays out at 1280 and 400 px wide
// (screenshots in test-results/screenshots/; UPDATE_SCREENSHOTS=1 refreshes docs/screenshots/).
//
// The page is a blank document at the server's origin (served by a route, so nothing 404s) with
// the site's stylesheet; the schema is read from schema/plan.schema.json and the sample plan comes
// from the engine (the same "ae-2026-marginal" plan `spm sample` writes as plan-1.json).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openSession, closeSession, assertNoProblems as checkProblems, SCREENSHOTS, repoRoot } from './harness.mjs';
import { loadEngine } from '../js/helpers.mjs';

const schema = JSON.parse(readFileSync(path.join(repoRoot, 'schema/plan.schema.json'), 'utf8'));
let engine;
let plan;
let server;
let browser;
let page;
const problems = [];

const RATE = 'components[0].rateTable.tiers[1].rate';
const HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plan form</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/lib/styles.css"></head>
<body><main><section class="panel" id="root"></section></main></body></html>`;

before(async () => {
  engine = await loadEngine();
  plan = engine.sampleDataset().plans.find((p) => p.id === 'ae-2026-marginal');
  assert.ok(plan, 'the sample has the ae-2026-marginal plan');
  ({ server, browser, page } = await openSession(problems, {}));
  await page.route(`${server.url}plan-form-test.html`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: HTML }));
  await page.goto(`${server.url}plan-form-test.html`);
});

after(() => closeSession({ server, browser }));

const assertNoProblems = () => checkProblems(problems);

/**
 * Builds a fresh form for `value` in #root. `window.changes` collects what onChange received;
 * with `echo` the host calls setValue with each new plan, as an editor page would.
 */
async function mount(value, { echo = false } = {}) {
  await page.evaluate(async ({ schema, value, echo }) => {
    const m = await import('/pages/designer/form.js');
    const root = document.getElementById('root');
    root.replaceChildren();
    window.changes = [];
    const t0 = performance.now();
    const form = m.createPlanForm(root, {
      schema,
      onChange: (p, info) => {
        window.changes.push({ p, info });
        if (echo) form.setValue(p);
      },
    });
    form.setValue(value);
    window.renderMs = performance.now() - t0;
    window.form = form;
  }, { schema, value, echo });
}

const lastChange = () => page.evaluate(() => window.changes.at(-1));
const field = (p) => page.locator(`[data-path="${p}"]`);

/** Every scalar leaf of a JSON value with its path, in the form's path format. */
function leaves(v, p = '', out = []) {
  if (v !== null && typeof v === 'object') {
    if (Array.isArray(v)) v.forEach((x, i) => leaves(x, `${p}[${i}]`, out));
    else for (const [k, x] of Object.entries(v)) leaves(x, p ? `${p}.${k}` : k, out);
  } else {
    out.push([p, v]);
  }
  return out;
}

test('every value of the sample plan has a labelled field at its path, showing the value', async (t) => {
  await mount(plan);
  const list = leaves(plan);
  assert.ok(list.length > 60, `the sample has ${list.length} leaves`);
  const bad = await page.evaluate((list) => {
    const out = [];
    for (const [p, v] of list) {
      const el = window.form.fieldFor(p);
      if (!el) { out.push(`${p}: no field`); continue; }
      if (el.dataset.path !== p) out.push(`${p}: data-path ${el.dataset.path}`);
      const label = document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
      if (!label || label.textContent.trim() === '' || label.getBoundingClientRect().width === 0) out.push(`${p}: no visible label`);
      let shown;
      if (el.type === 'checkbox') shown = el.checked;
      else if (el.localName === 'select') shown = el.selectedOptions[0]?.textContent;
      else shown = el.value;
      const want = el.type === 'checkbox' ? v : v === null ? '' : String(v);
      if (shown !== want) out.push(`${p}: shows ${JSON.stringify(shown)}, want ${JSON.stringify(want)}`);
    }
    const ids = [...document.querySelectorAll('#root [id]')].map((e) => e.id);
    if (new Set(ids).size !== ids.length) out.push('duplicate ids');
    return out;
  }, list);
  assert.deepEqual(bad, []);

  // Types as the schema says: decimals are text with a decimal keypad, integers numeric, enums selects.
  assert.equal(await field(RATE).getAttribute('inputmode'), 'decimal');
  assert.equal(await field('payout.clawback.windowDays').getAttribute('inputmode'), 'numeric');
  assert.equal(await field('components[0].kind').evaluate((e) => e.localName), 'select');
  assert.equal(await field('payout.accounting.practicalExpedient').getAttribute('type'), 'checkbox');
  assert.equal(await field('components[0].rateTable.tiers[2].to').getAttribute('placeholder'), 'none', 'null shows as an empty "none" field');
  // Components are collapsible sections that name the component.
  assert.deepEqual(await page.locator('[data-group="components"] > .pf-body > .pf-items > details > summary').allTextContents(), [
    'Component 1 · New business commission (commission)', 'Component 2 · Renewal commission (commission)',
    'Component 3 · Quarterly attainment bonus (bonus)', 'Component 4 · Analytics launch SPIFF (spiff)',
  ]);

  // A full render, measured on fresh forms (the module is already loaded). Reported, not
  // asserted: speed targets live in benchmarks (scripts/bench-designer.mjs), and a timed
  // assertion fails on a loaded CI machine (33.5 ms against 30 once, with compilers running).
  const times = [];
  for (let i = 0; i < 9; i += 1) {
    await mount(plan);
    times.push(await page.evaluate(() => window.renderMs));
  }
  times.sort((a, b) => a - b);
  t.diagnostic(`full render of the sample plan: median ${times[4].toFixed(1)} ms, max ${times[8].toFixed(1)} ms`);
  assertNoProblems();
});

test('typing a rate hands the host a new plan with the decimal string, in place, focus kept', async () => {
  await mount(plan, { echo: true });
  await page.evaluate((p) => { window.before = window.form.fieldFor(p); }, RATE);
  await field(RATE).fill('');
  await field(RATE).pressSequentially('0.06', { delay: 10 });
  const last = await lastChange();
  const want = structuredClone(plan);
  want.components[0].rateTable.tiers[1].rate = '0.06';
  assert.deepEqual(last.p, want, 'only the rate changed, to the string "0.06"');
  assert.equal(typeof last.p.components[0].rateTable.tiers[1].rate, 'string');
  assert.deepEqual(last.info, { path: RATE });
  assert.equal(await page.evaluate(() => window.changes.length), 5, 'one change per input event');
  assert.equal(await page.evaluate((p) => window.form.fieldFor(p) === window.before && document.activeElement === window.before, RATE), true,
    'the host echoing the value back updates in place: same input, still focused');
  assert.equal(await field(RATE).inputValue(), '0.06');
  assertNoProblems();
});

test('diagnostics appear next to their field, at the nearest ancestor, or at the top; and are replaced', async () => {
  await mount(plan);
  await page.evaluate((RATE) => window.form.setDiagnostics([
    { path: RATE, code: 'DECIMAL_INVALID', severity: 'error', message: '"abc" is not a decimal number', hint: 'use digits' },
    { path: 'components[0].rateTable.tiers[7].rate', code: 'X', severity: 'warning', message: 'deep problem', hint: '' },
    { path: 'components[0].quota', code: 'MISSING_FIELD', severity: 'error', message: 'attainment tiers need a quota', hint: 'add one' },
    { path: 'nowhere.at[2].all', code: 'X', severity: 'error', message: 'top problem', hint: '' },
  ]), RATE);
  const at = await page.evaluate((RATE) => {
    const input = window.form.fieldFor(RATE);
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id));
    const msg = described.find((e) => e?.textContent.includes('is not a decimal number'));
    const where = (text) => [...document.querySelectorAll('.pf-msg')].find((e) => e.textContent.includes(text));
    const add = document.querySelector('[data-add="components[0].quota"]');
    return {
      invalid: input.getAttribute('aria-invalid'),
      msgText: msg?.textContent,
      nextToField: msg?.closest('[data-cell]')?.dataset.cell,
      deepGroup: where('deep problem')?.closest('[data-group]')?.dataset.group,
      deepText: where('deep problem')?.textContent,
      addDescribed: (add.getAttribute('aria-describedby') ?? '').split(' ').some((id) => document.getElementById(id)?.textContent.includes('need a quota')),
      topInTop: !!where('top problem')?.closest('.pf-top'),
      badge: document.querySelector('[data-group="components"] > .pf-body > .pf-items > details summary')?.getAttribute('data-diags'),
    };
  }, RATE);
  assert.equal(at.invalid, 'true');
  assert.equal(at.msgText, 'Error: "abc" is not a decimal number (use digits)');
  assert.equal(at.nextToField, RATE, 'the message sits in the field\'s own cell');
  assert.equal(at.deepGroup, 'components[0].rateTable.tiers', 'a path without a field goes to the nearest ancestor');
  assert.match(at.deepText, /^Warning: components\[0\]\.rateTable\.tiers\[7\]\.rate deep problem/);
  assert.ok(at.addDescribed, 'a missing optional field: the message describes its "+ Add" button');
  assert.ok(at.topInTop, 'no ancestor: at the top of the form');
  assert.equal(at.badge, '3', 'the component\'s summary counts its problems');

  // Replacing: the new list only.
  await page.evaluate(() => window.form.setDiagnostics([{ path: 'currency', code: 'CURRENCY_UNKNOWN', severity: 'error', message: 'not a currency', hint: '' }]));
  assert.equal(await page.locator('.pf-msg').count(), 1);
  assert.equal(await field(RATE).getAttribute('aria-invalid'), null);
  assert.equal(await field('currency').getAttribute('aria-invalid'), 'true');

  // The engine's own diagnostics land on their fields.
  const broken = structuredClone(plan);
  broken.currency = 'usd';
  broken.components[0].rateTable.tiers[1].rate = 'abc';
  broken.components[2].thresholds[1].attainment = '0.7';
  const diags = engine.validatePlan(broken);
  assert.ok(diags.length >= 3);
  await mount(broken);
  await page.evaluate((d) => window.form.setDiagnostics(d), diags);
  for (const d of diags) {
    const ok = await page.evaluate((d) => {
      const input = window.form.fieldFor(d.path);
      return !!input && input.getAttribute('aria-invalid') === 'true'
        && input.getAttribute('aria-describedby').split(' ').some((id) => document.getElementById(id)?.textContent.includes(d.message));
    }, d);
    assert.ok(ok, `${d.path}: ${d.message}`);
  }
  await page.evaluate(() => window.form.setDiagnostics([]));
  assert.equal(await page.locator('.pf-msg').count(), 0);
  assertNoProblems();
});

test('adding, moving and removing tiers; removing what was added gives back the plan', async () => {
  await mount(plan, { echo: true });
  const tiers = page.locator('[data-group="components[0].rateTable.tiers"]');
  // Keyboard: the "+ Add tier" button with Enter.
  await tiers.getByRole('button', { name: 'Add tier' }).focus();
  await page.keyboard.press('Enter');
  let last = await lastChange();
  assert.equal(last.p.components[0].rateTable.tiers.length, 4);
  assert.deepEqual(last.p.components[0].rateTable.tiers[3], { from: '0', rate: '0' }, 'a new tier has its required fields only');
  assert.deepEqual(last.info, { path: 'components[0].rateTable.tiers[3]' });
  assert.equal(await page.evaluate(() => document.activeElement.dataset.path), 'components[0].rateTable.tiers[3].from', 'the new tier\'s first field has the focus');
  assert.equal(JSON.stringify(plan.components[0].rateTable.tiers.length), '3', 'the plan given to setValue is not mutated');

  await tiers.getByRole('button', { name: 'Remove tier 4' }).click();
  last = await lastChange();
  assert.deepEqual(last.p, plan, 'add then remove: the original plan');

  await tiers.getByRole('button', { name: 'Move tier 1 down' }).click();
  last = await lastChange();
  assert.deepEqual(last.p.components[0].rateTable.tiers.map((x) => x.rate), ['0.05', '0.02', '0.08']);
  assert.deepEqual(last.info, { path: 'components[0].rateTable.tiers' });
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Move tier 2 down', 'the focus follows the item');
  await tiers.getByRole('button', { name: 'Move tier 2 up' }).click();
  assert.deepEqual((await lastChange()).p, plan);

  // A list of strings: the filter's deal types.
  const types = page.locator('[data-group="components[0].filter.types"]');
  await types.getByRole('button', { name: 'Add type' }).click();
  await field('components[0].filter.types[2]').fill('renewal');
  assert.deepEqual((await lastChange()).p.components[0].filter.types, ['new', 'expansion', 'renewal']);
  await types.getByRole('button', { name: 'Remove type 3' }).click();
  assert.deepEqual((await lastChange()).p, plan);
  assertNoProblems();
});

test('changing a component\'s kind keeps the common fields and drops the others', async () => {
  await mount(plan, { echo: true });
  await field('components[0].kind').selectOption({ label: 'bonus' });
  let c = (await lastChange()).p.components[0];
  assert.deepEqual(c, { id: 'new-business', name: 'New business commission', kind: 'bonus', filter: { types: ['new', 'expansion'] } });
  assert.deepEqual((await lastChange()).info, { path: 'components[0].kind' });
  assert.equal(await page.evaluate(() => document.activeElement.dataset.path), 'components[0].kind');
  const offered = async () => page.locator('[data-group="components[0]"] > .pf-body > .pf-addbar > [data-add]').evaluateAll((b) => b.map((e) => e.dataset.add.replace('components[0].', '')));
  const bonus = await offered();
  for (const k of ['thresholds', 'attainment', 'style', 'target', 'scope']) assert.ok(bonus.includes(k), `a bonus offers ${k}`);
  for (const k of ['rateTable', 'goals', 'window', 'pay', 'measure', 'trueUp']) assert.ok(!bonus.includes(k), `a bonus does not offer ${k}`);

  // The bonus (component 3) turned SPIFF loses attainment, thresholds, style and target.
  await field('components[2].kind').selectOption({ label: 'spiff' });
  c = (await lastChange()).p.components[2];
  assert.deepEqual(Object.keys(c), ['id', 'name', 'kind', 'modifiers', 'cap']);
  assert.ok((await offered()).includes('rateTable') === false);
  assertNoProblems();
});

test('optional fields: "+ Add" adds only that field, "remove" takes it out; an empty nullable field is null', async () => {
  await mount(plan, { echo: true });
  await page.locator('[data-add="components[0].quota"]').click();
  let last = await lastChange();
  assert.equal(last.p.components[0].quota, '0');
  assert.deepEqual(last.info, { path: 'components[0].quota' });
  assert.equal(await page.evaluate(() => document.activeElement.dataset.path), 'components[0].quota');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('100000.00');
  assert.equal((await lastChange()).p.components[0].quota, '100000.00');
  await page.getByRole('button', { name: 'Remove quota' }).first().click();
  assert.deepEqual((await lastChange()).p, plan, 'removed: no quota key, no null');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.add), 'components[0].quota');

  // An absent optional object: a rate table's cap... the plan's own cap here, with its required amount.
  await page.locator('[data-add="cap"]').click();
  last = await lastChange();
  assert.deepEqual(last.p.cap, { amount: '0' });
  await page.locator('[data-group="cap"]').getByRole('button', { name: 'Remove cap' }).click();
  assert.deepEqual((await lastChange()).p, plan);

  // Tier 3's "to" is null: an empty field; typing sets a string, clearing gives null back.
  const to = 'components[0].rateTable.tiers[2].to';
  assert.equal(await field(to).inputValue(), '');
  await field(to).fill('2.0');
  assert.equal((await lastChange()).p.components[0].rateTable.tiers[2].to, '2.0');
  await field(to).fill('');
  assert.deepEqual((await lastChange()).p, plan);

  // Integers stay numbers; a boolean is a checkbox.
  await field('payout.clawback.windowDays').fill('60');
  assert.equal((await lastChange()).p.payout.clawback.windowDays, 60);
  await field('payout.accounting.practicalExpedient').uncheck();
  assert.equal((await lastChange()).p.payout.accounting.practicalExpedient, false);
  assertNoProblems();
});

test('names are text, never HTML; unknown properties are kept and shown read-only', async () => {
  const evil = structuredClone(plan);
  evil.components[0].name = '<img src=x onerror="window.pwned=1">';
  evil.components[0].shiny = '<b onmouseover="window.pwned=2">x</b>';
  evil.extra = { note: 'kept' };
  await mount(evil, { echo: true });
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator('#root img, #root b').count(), 0);
  assert.equal(await field('components[0].name').inputValue(), evil.components[0].name);
  assert.match(await page.locator('summary', { hasText: 'Component 1' }).textContent(), /<img src=x onerror="window\.pwned=1">/);
  const other = page.locator('[data-unknown="components[0].shiny"]');
  assert.equal(await other.textContent(), `shiny: ${JSON.stringify(evil.components[0].shiny)}`);
  assert.equal(await page.locator('[data-unknown="extra"]').count(), 1);
  assert.match(await page.locator('.pf-unknown').first().textContent(), /Other fields \(edit in JSON\)/);
  // Edits elsewhere keep them; a diagnostic at an unknown property is shown beside it.
  await field('currency').fill('EUR');
  const last = (await lastChange()).p;
  assert.equal(last.components[0].shiny, evil.components[0].shiny);
  assert.deepEqual(last.extra, { note: 'kept' });
  await page.evaluate(() => window.form.setDiagnostics([{ path: 'components[0].shiny', code: 'UNKNOWN_FIELD', severity: 'error', message: 'unknown field `shiny`', hint: '' }]));
  assert.match(await other.textContent(), /unknown field `shiny`/);
  assertNoProblems();
});

test('setValue with the same structure updates in place and keeps the focus; a new structure re-renders', async () => {
  await mount(plan);
  const name = 'components[1].name';
  await field(name).click();
  await page.keyboard.press('End');
  const changed = structuredClone(plan);
  changed.components[1].name = 'Renewals (edited elsewhere)';
  changed.components[0].rateTable.tiers[0].rate = '0.025';
  changed.period = 'month';
  const same = await page.evaluate(({ name, changed }) => {
    const before = document.activeElement;
    const rate = window.form.fieldFor('components[0].rateTable.tiers[0].rate');
    window.form.setValue(changed);
    return { focused: document.activeElement === before && before.dataset.path === name, sameRate: window.form.fieldFor('components[0].rateTable.tiers[0].rate') === rate };
  }, { name, changed });
  assert.deepEqual(same, { focused: true, sameRate: true });
  assert.equal(await field(name).inputValue(), 'Renewals (edited elsewhere)');
  assert.equal(await field('components[0].rateTable.tiers[0].rate').inputValue(), '0.025');
  assert.equal(await field('period').evaluate((e) => e.selectedOptions[0].textContent), 'month');
  assert.match(await page.locator('details summary', { hasText: 'Component 2' }).textContent(), /Renewals \(edited elsewhere\)/);
  assert.equal(await page.evaluate(() => window.changes.length), 0, 'setValue does not call onChange');

  // One more tier elsewhere: a re-render, and the focus comes back to the same field.
  changed.components[1].rateTable.tiers.push({ from: '90000', rate: '0.02' });
  const after = await page.evaluate(({ name, changed }) => {
    window.form.setValue(changed);
    return { path: document.activeElement.dataset.path, tier: !!window.form.fieldFor('components[1].rateTable.tiers[2].from') };
  }, { name, changed });
  assert.deepEqual(after, { path: name, tier: true });
  assertNoProblems();
});

test('focusPath opens collapsed sections; effective-dated versions render recursively', async () => {
  await mount(plan);
  const bonus = page.locator('details', { has: page.locator('[data-group="components[2]"]') }).first();
  await bonus.locator('summary').first().click();
  assert.equal(await bonus.evaluate((d) => d.open), false);
  const ok = await page.evaluate(() => window.form.focusPath('components[2].thresholds[1].attainment'));
  assert.equal(ok, true);
  assert.equal(await bonus.evaluate((d) => d.open), true);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.path), 'components[2].thresholds[1].attainment');
  // A path without a field focuses the nearest ancestor's first control.
  await page.evaluate(() => window.form.focusPath('components[2].thresholds[9].payout'));
  assert.match(await page.evaluate(() => document.activeElement.dataset.path), /^components\[2\]\.thresholds\[0\]\./);

  const { schemaVersion, id, name, ...body } = plan;
  const versioned = { schemaVersion, id, name, versions: [{ ...structuredClone(body), effectiveFrom: '2026-01-01' }, { ...structuredClone(body), effectiveFrom: '2026-07-01', version: 'H2' }] };
  await mount(versioned, { echo: true });
  for (const [p, v] of leaves(versioned)) {
    assert.ok(await page.evaluate((p) => !!window.form.fieldFor(p), p), `${p} has a field`);
    if (typeof v === 'string') assert.equal(await field(p).evaluate((e) => (e.localName === 'select' ? e.selectedOptions[0].textContent : e.value)), v);
  }
  await field('versions[1].components[0].rateTable.tiers[1].rate').fill('0.055');
  assert.equal((await lastChange()).p.versions[1].components[0].rateTable.tiers[1].rate, '0.055');
  assert.equal((await lastChange()).p.versions[0].components[0].rateTable.tiers[1].rate, '0.05');
  assertNoProblems();
});

test('screenshots: desktop and 400 px wide, no horizontal overflow', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await mount(plan);
  await page.evaluate((RATE) => window.form.setDiagnostics([
    { path: RATE, code: 'DECIMAL_INVALID', severity: 'error', message: '"abc" is not a decimal number', hint: 'use digits, such as "0.05"' },
    { path: 'components[0].quota', code: 'MISSING_FIELD', severity: 'error', message: 'attainment tiers need a quota', hint: 'add "quota"' },
  ]), RATE);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'plan-form.png'), fullPage: true });
  await page.setViewportSize({ width: 400, height: 900 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 400 px`);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'plan-form-narrow.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  assertNoProblems();
});
