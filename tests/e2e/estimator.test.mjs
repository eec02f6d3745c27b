// The <spm-estimator> widget on a plain intranet page (www/pages/embed-demo/) in headless Chromium
// (playwright-core driving the Debian chromium): one script tag loads it, it shows the preloaded
// deal's estimate and tells the host page, recomputes as the user types, explains itself, refuses
// what is not an amount in plain words, is usable with the keyboard, and lays out on a desktop and
// a phone (screenshots in test-results/screenshots/; UPDATE_SCREENSHOTS=1 refreshes docs/screenshots/).
//
// Hand-worked numbers (www/components/demo-plan.json, the state inline in www/pages/embed-demo/):
// quarterly plan, one marginal commission on new and expansion deals, quota 100,000.00,
// tiers [0, 50%) 2%, [50%, 100%) 5%, [100%, ∞) 8%. Jordan Lee already has 30,000 (new, 2026-04-10)
// + 20,000 (expansion, 2026-05-02) = 50,000 in 2026-Q2: attainment 50%, earning
// 50,000 × 2% = 1,000.00. Today is 2026-05-15, so a deal without a date closes in 2026-Q2.
// - 25,000 (the demo's preloaded amount): 50% → 75%, all in tier 2: 25,000 × 5% = 1,250.00;
//   the quarter pays 2,250.00; marginal 1,250 / 25,000 = 5%; blended 2,250 / 75,000 = 3%;
//   25,000.00 more credit reaches tier 3 (8%).
// - 60,000: 50% → 110%: 50,000 × 5% + 10,000 × 8% = 2,500 + 800 = 3,300.00; the quarter pays
//   4,300.00; marginal 3,300 / 60,000 = 5.5%; blended 4,300 / 110,000 = 3.909…% ≈ 3.91%; it
//   crosses tier 3 (8.00%) at 100%; on the curve tier 3 starts at a deal of 50,000.00.
// - 60,000 at a 50% split: 30,000 credited, 50% → 80%, all in tier 2: 30,000 × 5% = 1,500.00;
//   20,000.00 more credit reaches tier 3.
// - 60,000 of type "any" (no type): the filter does not count it: adds 0.00.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { watch } from '../../scripts/browser.mjs';
import { openSession, closeSession, assertNoProblems as checkProblems, SCREENSHOTS } from './harness.mjs';
import { formatMoney } from '../../www/lib/format.js';

const money = (amount) => formatMoney(amount, 'USD', { locale: 'en-US' });
const W = 'spm-estimator';

let server;
let browser;
let context;
let page;
const problems = [];

before(async () => {
  ({ server, browser, context, page } = await openSession(problems, {}));
});

after(() => closeSession({ server, browser }));

const assertNoProblems = () => checkProblems(problems);

/** Opens the demo page and waits for its first estimate. */
async function openDemo(p = page) {
  await p.goto(`${server.url}pages/embed-demo/`);
  await p.waitForFunction(() => window.firstEstimateMs !== undefined, null, { timeout: 60_000 });
}

/** Waits until the widget shows `amount` as what the deal adds. */
async function waitForAdds(amount, p = page) {
  await p.waitForFunction(
    (want) => document.querySelector('spm-estimator')?.shadowRoot?.querySelector('[data-testid="adds"]')?.dataset.amount === want
      && !document.querySelector('spm-estimator').shadowRoot.querySelector('.output').hidden,
    amount,
    { timeout: 10_000 },
  );
}

/** Clears the amount field and types `text` key by key, as a person would. */
async function typeAmount(text) {
  const field = page.locator(`${W} #amount`);
  await field.fill('');
  await field.pressSequentially(text, { delay: 15 });
}

/** The estimate events the host page received so far. */
const hostEvents = () => page.evaluate(() => window.hostEvents.map((e) => ({ type: e.type, detail: e.detail })));

/** The element that has the focus, looking inside shadow roots: its id, else its tag name. */
const focused = () => page.evaluate(() => {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a ? a.id || a.localName : null;
});

const text = async (selector) => ((await page.locator(`${W} ${selector}`).textContent()) ?? '').trim();

test('one script tag: the demo page shows the preloaded estimate and tells the host page', async (t) => {
  await openDemo();
  assertNoProblems();
  assert.equal(await page.title(), 'Deal desk · Acme Intranet');
  const scripts = await page.locator('script[src]').evaluateAll((s) => s.map((e) => e.getAttribute('src')));
  // The host page's own script (page.js: it logs the widget's events) is not the widget's.
  assert.deepEqual(scripts.filter((s) => s !== 'page.js'), ['../../components/spm-estimator.js'], 'the page loads the widget with one script tag');

  // 25,000 preloaded: 25,000 × 5% = 1,250.00; the quarter goes from 1,000.00 to 2,250.00.
  await waitForAdds('1250.00');
  assert.equal(await text('[data-testid="adds"]'), money('1250.00'));
  assert.equal(await text('[data-testid="after"]'), `${money('2250.00')}was ${money('1000.00')}`);
  assert.equal(await text('[data-testid="marginal"]'), '5%');
  assert.equal(await text('[data-testid="blended"]'), '3%');
  assert.equal(await text('li[data-kind="next"]'), `${money('25000.00')} more to reach tier 3 (8.00%) at 100%`);
  assert.equal(await page.locator(`${W} li[data-kind="crossed"]`).count(), 0, 'no tier crossed inside tier 2');
  assert.equal(await page.locator(`${W} #date`).inputValue(), '2026-05-15', 'the close date defaults to the state\'s asOf');
  assert.equal(await page.locator(`${W} #type`).inputValue(), 'new', 'the first deal type the plan names');
  assert.deepEqual(await page.locator(`${W} #type option`).allTextContents(), ['any (not specified)', 'new', 'expansion']);
  assert.equal(await page.locator(`${W} #product`).isVisible(), false, 'the plan names no products: no product field');
  assert.equal(await text('.context'), 'Account Executive 2026 (demo) · Jordan Lee');

  // The host page heard it: the estimate event carries the engine's Estimate object.
  const events = await hostEvents();
  assert.equal(events[0].type, 'estimate');
  assert.equal(events[0].detail.currency, 'USD');
  assert.equal(events[0].detail.payeeId, 'jlee');
  assert.equal(events[0].detail.deals[0].adds, '1250.00');
  assert.equal(events[0].detail.deals[0].period, '2026-Q2');
  assert.match((await page.locator('#host-log').textContent()) ?? '', /estimate 25000(\.00)? adds 1250\.00 USD \(2026-Q2\)/);

  // Time from navigation start to the first estimate event (performance.now() in the page).
  const firstMs = await page.evaluate(() => window.firstEstimateMs);
  t.diagnostic(`first estimate ${firstMs.toFixed(0)} ms after navigation start`);
  assert.ok(Number.isFinite(firstMs), 'the page records when the first estimate came (timed in scripts/bench-estimate.mjs, not here)');
});

test('typing 60,000 crosses into tier 3: adds 3,300.00, announced in one sentence', async () => {
  const before = (await hostEvents()).length;
  await typeAmount('60,000');
  await waitForAdds('3300.00');
  assertNoProblems();
  assert.equal(await page.locator(`${W} #amount`).getAttribute('aria-invalid'), 'false');
  assert.equal(await text('[data-testid="adds"]'), money('3300.00'));
  assert.equal(await text('[data-testid="after"]'), `${money('4300.00')}was ${money('1000.00')}`);
  assert.equal(await text('[data-testid="marginal"]'), '5.5%');
  assert.equal(await text('[data-testid="blended"]'), '3.91%');
  assert.equal(await text('li[data-kind="crossed"]'), 'Crosses tier 3 (8.00%) at 100%');
  assert.equal(await text('li[data-kind="attainment"]'), 'Attainment 50% → 110%');
  assert.equal(await page.locator(`${W} li[data-kind="next"]`).count(), 0, 'no tier above tier 3');
  await page.waitForFunction(() => /3,300\.00/.test(document.querySelector('spm-estimator').shadowRoot.querySelector('[aria-live="polite"]').textContent));
  assert.equal(
    await text('[aria-live="polite"]'),
    `A ${money('60000.00')} deal adds ${money('3300.00')} to your 2026-Q2 payout, for ${money('4300.00')} in all; it crosses tier 3 (8.00%) at 100%.`,
  );
  // The debounce keeps the engine from running on every key: fewer estimates than keys typed.
  const events = (await hostEvents()).slice(before);
  assert.ok(events.length >= 1 && events.length < 6, `${events.length} estimates for 6 keys`);
  const last = events[events.length - 1];
  assert.equal(last.type, 'estimate');
  assert.equal(last.detail.deals[0].adds, '3300.00');
  assert.equal(last.detail.deals[0].components[0].tiersCrossed[0].tier, 3);
});

test('the chart draws payout against deal size with the tier break, and says so in words', async () => {
  const chart = page.locator(`${W} .chart`);
  // The curve is computed just after the figures are shown.
  await page.waitForFunction(() => document.querySelector('spm-estimator')?.shadowRoot?.querySelector('.chart')?.dataset.amount === '60000.00');
  assert.equal(await chart.getAttribute('role'), 'img');
  const label = (await chart.getAttribute('aria-label')) ?? '';
  assert.match(label, /tier 3 \(8\.00%\) starts at a deal of \$50,000\.00/i);
  assert.match(label, /This deal, \$60,000\.00, adds \$3,300\.00/);
  assert.equal(await page.locator(`${W} .chart svg line.break`).count(), 1, 'one tier break in range');
  assert.equal(await page.locator(`${W} .chart svg circle.dot`).count(), 1, 'the current deal is marked');
  assert.ok((await page.locator(`${W} .chart svg path.curve`).getAttribute('d'))?.startsWith('M'));
});

test('"Show the calculation" lists the engine\'s sentences', async () => {
  const summary = page.locator(`${W} summary`);
  assert.equal(await summary.textContent(), 'Show the calculation');
  assert.equal(await page.locator(`${W} details`).evaluate((d) => d.open), false);
  await summary.focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator(`${W} details`).evaluate((d) => d.open), true, 'Enter opens it');
  // The sentences come just after the figures (the event carries the figures, without them).
  await page.waitForFunction(() => document.querySelector('spm-estimator')?.estimate?.deals[0].components[0].explanation.length > 0);
  const shown = await page.locator(`${W} [data-testid="explanation"] li`).allTextContents();
  const deal = await page.evaluate(() => document.querySelector('spm-estimator').estimate.deals[0]);
  assert.deepEqual(shown, [...deal.explanation, ...deal.components.flatMap((c) => c.explanation)]);
  assert.ok(shown.some((s) => s.includes('USD 10,000.00 × 8.00% = USD 800.00')), shown.join('\n'));
  assertNoProblems();
});

test('a 50% split credits half the deal: adds 1,500.00', async () => {
  const share = page.locator(`${W} #share`);
  await share.fill('50');
  await waitForAdds('1500.00');
  assert.equal(await text('li[data-kind="next"]'), `${money('20000.00')} more to reach tier 3 (8.00%) at 100%`);
  assert.match(await text('.kicker'), /^Your 50% share of this deal adds to your 2026-Q2 payout$/);
  await share.fill('100');
  await waitForAdds('3300.00');
});

test('a deal type the plan does not count adds nothing, and the widget says why', async () => {
  await page.locator(`${W} #type`).selectOption('');
  await waitForAdds('0.00');
  assert.equal(await text('li[data-kind="none"]'), 'Nothing in the plan counts this deal as it is: check its type and product.');
  await page.locator(`${W} #type`).selectOption('expansion');
  await waitForAdds('3300.00');
  assertNoProblems();
});

test('what is not an amount gets a clear message next to the field and an error event, no crash', async () => {
  const field = page.locator(`${W} #amount`);
  const message = page.locator(`${W} #amount-error`);
  const cases = [
    ['12abc', /“a” cannot be part of an amount/],
    ['-', /Enter the amount in digits/],
    ['1.2.3', /“1\.2\.3” is not an amount/],
    ['-500', /cannot be negative/],
    ['25.000', /at most 2/],
  ];
  for (const [typed, expected] of cases) {
    const errorsBefore = (await hostEvents()).filter((e) => e.type === 'error').length;
    await field.fill(typed);
    await page.waitForFunction(
      (n) => window.hostEvents.filter((e) => e.type === 'error').length > n,
      errorsBefore,
      { timeout: 5_000 },
    );
    assert.equal(await field.getAttribute('aria-invalid'), 'true', typed);
    assert.ok(await message.isVisible(), `a message for ${typed}`);
    assert.match((await message.textContent()) ?? '', expected, typed);
    assert.ok(((await field.getAttribute('aria-describedby')) ?? '').split(' ').includes('amount-error'));
    assert.equal(await page.locator(`${W} .output`).isVisible(), false, 'no stale result next to a bad amount');
    const last = (await hostEvents()).filter((e) => e.type === 'error').at(-1);
    assert.equal(last.detail.code, 'INPUT_INVALID');
    assert.equal(last.detail.diagnostics[0].path, 'amount');
    assert.match(last.detail.message, expected);
  }
  assertNoProblems();
  // Corrected, everything comes back.
  await typeAmount('60000');
  await waitForAdds('3300.00');
  assert.equal(await field.getAttribute('aria-invalid'), 'false');
  assert.equal(await message.isVisible(), false);
  assertNoProblems();
});

test('amounts and splits are normalised by string operations, in the page\'s locale', async () => {
  const results = await page.evaluate(async () => {
    const { normaliseAmount, normaliseShare } = await import('/components/spm-estimator.js');
    const a = (s, locale = 'en-US', currency = 'USD') => {
      const r = normaliseAmount(s, { locale, currency });
      return 'value' in r ? r.value : 'error' in r ? 'error' : 'empty';
    };
    const s = (x) => {
      const r = normaliseShare(x);
      return 'value' in r ? r.value : 'error';
    };
    return {
      amounts: [
        a('25,000'), a('25000.50'), a('$25,000.00'), a(' 1,234,567.89 '), a('USD 900'), a('0025'), a('.5'), a('1,5'),
        a('25.000,50', 'de-DE', 'EUR'), a('25.000', 'de-DE', 'EUR'), a('1 234,5', 'fr-FR', 'EUR'), a("1'234.50", 'de-CH', 'CHF'),
        a('1,00,000', 'en-IN', 'INR'), a('12.5', 'ja-JP', 'JPY'), a(''),
        a('12abc'), a('-'), a('1.2.3'), a('1,2,3'), a('25,00,0'), a('1e5'), a('9999999999999999'),
      ],
      shares: [s('50'), s('50 %'), s('33,5'), s('100'), s(''), s('0'), s('101'), s('abc'), s('12.34567')],
    };
  });
  assert.deepEqual(results.amounts, [
    '25000', '25000.50', '25000.00', '1234567.89', '900', '25', '0.5', '1.5',
    '25000.50', '25000', '1234.5', '1234.50',
    '100000', 'error', 'empty',
    'error', 'error', 'error', 'error', 'error', 'error', 'error',
  ]);
  assert.deepEqual(results.shares, ['0.5', '0.5', '0.335', '1', '1', 'error', 'error', 'error', 'error']);
});

test('the locale attribute: German separators in and out, currency shown as a code', async () => {
  const p = await context.newPage();
  const own = [];
  watch(p, own);
  await openDemo(p);
  const widget = p.locator(W);
  await widget.evaluate((w) => {
    w.setAttribute('locale', 'de-DE');
    w.setAttribute('currency-display', 'code');
  });
  const field = p.locator(`${W} #amount`);
  await field.fill('60.000');
  await waitForAdds('3300.00', p);
  const adds = ((await p.locator(`${W} [data-testid="adds"]`).textContent()) ?? '').replace(/\s/g, ' ');
  assert.equal(adds, '3.300,00 USD');
  await field.fill('60.000,5');
  await p.waitForFunction(() => document.querySelector('spm-estimator').estimate?.deals[0].amount?.startsWith('60000.5'));
  assert.deepEqual(own, []);
  await p.close();
});

test('keyboard: Tab reaches the amount field and the calculation toggle, with a visible focus ring', async () => {
  await page.evaluate(() => {
    document.activeElement?.blur?.();
    window.scrollTo(0, 0);
  });
  await page.locator('h1').click();
  const seen = [];
  for (let i = 0; i < 25 && !(seen.includes('amount') && seen.includes('summary')); i++) {
    await page.keyboard.press('Tab');
    seen.push(await focused());
  }
  assert.ok(seen.includes('amount'), `Tab order: ${seen.join(', ')}`);
  assert.ok(seen.includes('summary'), `Tab order: ${seen.join(', ')}`);
  for (const id of ['type', 'date', 'share']) assert.ok(seen.includes(id), `${id} in the Tab order: ${seen.join(', ')}`);
  assert.ok(seen.indexOf('amount') < seen.indexOf('summary'), 'the form comes before the results');

  // Every field has a label, and the focused field shows a ring.
  const unlabelled = await page.evaluate(() => [...document.querySelector('spm-estimator').shadowRoot.querySelectorAll('input, select')]
    .filter((c) => c.labels.length === 0).map((c) => c.id));
  assert.deepEqual(unlabelled, []);
  await page.locator(`${W} #amount`).focus();
  await page.keyboard.press('End');
  const outline = await page.evaluate(() => {
    const f = document.querySelector('spm-estimator').shadowRoot.querySelector('#amount');
    const cs = getComputedStyle(f);
    return { style: cs.outlineStyle, width: cs.outlineWidth };
  });
  assert.equal(outline.style, 'solid');
  assert.equal(outline.width, '3px');
});

test('a plan that cannot be loaded or compiled is explained inside the widget and sent as an error event', async () => {
  const p = await context.newPage();
  const own = [];
  watch(p, own);
  await openDemo(p);
  const result = await p.evaluate(async () => {
    const wait = (node) => new Promise((resolve) => node.addEventListener('error', (e) => resolve(e.detail), { once: true }));
    const read = (node) => node.shadowRoot.querySelector('.error-box');

    const missing = document.createElement('spm-estimator');
    missing.setAttribute('plan', '/components/no-such-plan.json');
    const missingError = wait(missing);
    document.body.append(missing);
    const e1 = await missingError;

    const broken = document.createElement('spm-estimator');
    const script = document.createElement('script');
    script.type = 'application/json';
    script.slot = 'plan';
    script.textContent = JSON.stringify({
      schemaVersion: 1, id: 'broken', name: 'Broken', currency: 'USD', period: 'quarter',
      rounding: { mode: 'halfUp', at: 'component' },
      components: [{ id: 'c', name: 'C', kind: 'commission', quota: '100000.00',
        rateTable: { mode: 'marginal', base: 'attainment', evaluation: 'running', tiers: [{ from: '0', to: null, rate: 0.05 }] } }],
    });
    broken.append(script);
    const brokenError = wait(broken);
    document.body.append(broken);
    const e2 = await brokenError;
    return {
      e1, e2,
      box1: read(missing).textContent, shown1: !read(missing).hidden,
      box2: read(broken).textContent, shown2: !read(broken).hidden,
    };
  });
  assert.equal(result.e1.code, 'LOAD_FAILED');
  assert.ok(result.shown1);
  assert.match(result.box1, /The estimator could not start: The plan could not be loaded from \/components\/no-such-plan\.json \(HTTP 404\)/);
  assert.equal(result.e2.code, 'DECIMAL_NOT_STRING');
  assert.ok(result.e2.diagnostics.some((d) => d.path === 'components[0].rateTable.tiers[0].rate'), JSON.stringify(result.e2));
  assert.ok(result.shown2);
  assert.match(result.box2, /components\[0\]\.rateTable\.tiers\[0\]\.rate/);
  // The only problem is the 404 asked for on purpose (and Chromium's console line about it).
  assert.deepEqual(own.filter((x) => !x.includes('no-such-plan.json') && !x.includes('status of 404 (Not Found)')), []);
  await p.close();
});

test('a state that lacks what the plan needs is told so in a rep\'s words, not a code', async () => {
  const p = await context.newPage();
  const own = [];
  watch(p, own);
  await openDemo(p);
  // A quarterly bonus on the new-business measure at 20% of the target incentive; the state has a
  // Q2 deal but no quota and no target incentive: three sentences, all at once.
  const result = await p.evaluate(async () => {
    const node = document.createElement('spm-estimator');
    const plan = document.createElement('script');
    plan.type = 'application/json';
    plan.slot = 'plan';
    plan.textContent = JSON.stringify({
      schemaVersion: 1, id: 'b', name: 'B', currency: 'USD', period: 'quarter', rounding: { mode: 'halfUp', at: 'component' },
      components: [
        { id: 'new-business', name: 'New business commission', kind: 'commission',
          rateTable: { mode: 'marginal', base: 'attainment', evaluation: 'running', tiers: [{ from: '0', to: null, rate: '0.05' }] } },
        { id: 'quarterly-bonus', name: 'Quarterly bonus', kind: 'bonus', attainment: [{ measure: 'new-business', weight: '1' }],
          style: 'step', thresholds: [{ attainment: '1', payout: '1' }], target: { shareOfTargetIncentive: '0.2' } },
      ],
    });
    const state = document.createElement('script');
    state.type = 'application/json';
    state.slot = 'state';
    state.textContent = JSON.stringify({ payee: { id: 'me', name: 'Me' }, deals: [{ date: '2026-04-10', amount: '30000' }], asOf: '2026-05-15' });
    node.append(plan, state);
    const failed = new Promise((resolve) => node.addEventListener('error', (e) => resolve(e.detail), { once: true }));
    document.body.append(node);
    const detail = await failed;
    const box = node.shadowRoot.querySelector('.error-box');
    return { detail, text: box.textContent, shown: !box.hidden, items: [...box.querySelectorAll('li')].map((li) => li.textContent) };
  });
  assert.equal(result.detail.code, 'QUOTA_MISSING');
  assert.ok(result.shown);
  assert.deepEqual(result.items, [
    'Your new business commission needs your quota for 2026-Q2, which your comp admin has not entered yet.',
    'Your quarterly bonus needs your quota for 2026-Q2, which your comp admin has not entered yet.',
    'Your quarterly bonus pays a share of your target incentive, which your comp admin has not entered yet.',
  ]);
  assert.doesNotMatch(result.text, /QUOTA_MISSING|payee\.quotas/);
  assert.deepEqual(own, []);
  await p.close();
});

test('screenshots: desktop 1280 wide and phone 390 wide', async () => {
  await page.locator(`${W} #share`).fill('100');
  await page.locator(`${W} #type`).selectOption('new');
  await typeAmount('60000');
  await waitForAdds('3300.00');
  if (!(await page.locator(`${W} details`).evaluate((d) => d.open))) await page.locator(`${W} summary`).click();
  await page.locator('h1').click();
  await page.locator(W).screenshot({ path: path.join(SCREENSHOTS, 'estimator.png') });

  const phone = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const p = await phone.newPage();
  const own = [];
  watch(p, own);
  await openDemo(p);
  const field = p.locator(`${W} #amount`);
  await field.fill('60000');
  await waitForAdds('3300.00', p);
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, 'no sideways scrolling on a phone');
  const box = await p.locator(W).boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `the widget fits the screen: ${JSON.stringify(box)}`);
  await p.locator('h1').click();
  await p.locator(W).screenshot({ path: path.join(SCREENSHOTS, 'estimator-mobile.png') });
  assert.deepEqual(own, []);
  await phone.close();
  assertNoProblems();
});
