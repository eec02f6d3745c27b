// The plan designer's SVG charts (www/lib/charts.js) in headless Chromium, on hand-made data:
// each chart says in words what it draws (with the engine's decimal strings formatted, never
// recomputed), draws one mark per datum, keeps names as text, and the pay-vs-performance points
// work from the keyboard. One screenshot of all four at 760 px: test-results/screenshots/designer-charts.png.
//
// The payout curve is worked out here from the plan's rules (quota 100,000.00 per quarter):
// - new-business: marginal commission, 2% of credit up to 50% attainment, 5% to 100%, 8% above:
//   at 100% 50,000 × 2% + 50,000 × 5% = 3,500.00; at 200% 3,500 + 100,000 × 8% = 11,500.00.
// - quarterly-bonus (target 1,000.00): nothing below 80%; 50% of target at 80% rising linearly to
//   100% at 100%, then to 150% at 120%, flat after; capped at 2,000.00, which it never reaches,
//   so the cap mark passed in is drawn for show only.
// Totals: 0.00 at 0%, 3,500 + 1,000 = 4,500.00 at 100%, 5,100 + 1,500 = 6,600.00 at 120%,
// 11,500 + 1,500 = 13,000.00 at 200%.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openSession, closeSession, assertNoProblems as checkProblems, SCREENSHOTS } from './harness.mjs';

const EVIL = '<img src=x onerror="window.pwned=1">';

/** Cents as a decimal string: 450000 -> "4500.00". @param {number} cents */
const dec = (cents) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

/** The curve every 5% from 0 to 200%, in whole cents (integers: exact in JS). */
function makeCurve() {
  const points = [];
  for (let k = 0; k <= 40; k++) {
    const credit = 5000 * k; // whole dollars: k × 5% of 100,000
    const band = (lo, hi) => Math.max(0, Math.min(credit, hi) - lo);
    // Dollars × rate% = cents.
    const commission = band(0, 50_000) * 2 + band(50_000, 100_000) * 5 + band(100_000, Infinity) * 8;
    // Share of the 1,000.00 target in tenths of a percent: 50% at 80% (k = 16), +12.5% per 5%.
    let share = 0;
    if (k >= 16 && k <= 24) share = 500 + (k - 16) * 125;
    else if (k > 24) share = 1500;
    const bonus = Math.min(100_000 * share / 1000, 200_000); // cents; the 2,000.00 cap never binds
    points.push({
      attainment: (k * 5 / 100).toFixed(2),
      credit: dec(credit * 100),
      total: dec(commission + bonus),
      earnings: [dec(commission), dec(bonus)],
    });
  }
  return {
    currency: 'USD',
    period: '2026-Q1',
    componentId: 'new-business',
    quota: '100000.00',
    components: [{ id: 'new-business', name: 'New business commission' }, { id: 'quarterly-bonus', name: 'Quarterly bonus' }],
    points,
    breaks: [
      { attainment: '0.5', componentId: 'new-business', label: 'New business commission: tier 2 at 5.00%' },
      { attainment: '0.8', componentId: 'quarterly-bonus', label: 'Quarterly bonus: threshold at 80% pays 50% of target' },
      { attainment: '1', componentId: 'new-business', label: 'New business commission: tier 3 at 8.00%' },
      { attainment: '1', componentId: 'quarterly-bonus', label: 'Quarterly bonus: 100% of target at 100%' },
      { attainment: '1.2', componentId: 'quarterly-bonus', label: 'Quarterly bonus: 150% of target from 120%' },
    ],
    caps: [{ componentId: 'quarterly-bonus', attainment: '1.05', amount: '2000.00' }],
    method: 'one payee at the plan\'s quota, credit added in steps of 5% of quota on the first day of the quarter',
  };
}

const BINS = [
  ['0.00', '1000.00', 3], ['1000.00', '2000.00', 5], ['2000.00', '3000.00', 9], ['3000.00', '4000.00', 12],
  ['4000.00', '5000.00', 7], ['5000.00', '6000.00', 4], ['6000.00', '7000.00', 0], ['7000.00', '8000.00', 2],
  ['8000.00', '9000.00', 0], ['9000.00', '10000.00', 1],
].map(([from, to, count]) => ({ from, to, count }));

const SCATTER = [
  ['r1', 'Avery Quinn', '1.2', '6600.00'], ['r2', 'Blake Ortiz', '0.45', '900.00'], ['r3', 'Casey Lin', '0.8', '2500.00'],
  ['r4', 'Devon Park', '1.05', '4900.00'], ['r5', 'Emery Stone', '0.95', '3775.00'], ['r6', 'Finley Ruiz', '1.6', '9700.00'],
  ['r7', 'Gray Adams', '0.3', '600.00'], ['r8', 'Harper Cho', '1', '4500.00'], ['r9', 'Indy Moss', '0.65', '1750.00'],
].map(([id, label, x, y]) => ({ id, label, x, y }));

const TOTALS = [
  { id: 'new-business', label: 'New business commission', value: '412500.00' },
  { id: 'quarterly-bonus', label: 'Quarterly bonus', value: '38250.00' },
];

const CHANGES = [
  { id: 'r1', label: 'Avery Quinn', value: '6600.00', delta: '480.00' },
  { id: 'r6', label: 'Finley Ruiz', value: '9700.00', delta: '1250.00' },
  { id: 'r2', label: 'Blake Ortiz', value: '900.00', delta: '-120.00' },
  { id: 'r9', label: 'Indy Moss with a rather long name that has to be cut short', value: '1750.00', delta: '-310.50' },
  { id: 'r5', label: 'Emery Stone', value: '3775.00', delta: '0.00' },
];

let server;
let browser;
let page;
const problems = [];

before(async () => {
  ({ server, browser, page } = await openSession(problems, { viewport: { width: 820, height: 900 } }));
  await page.goto(`${server.url}pages/payouts/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  // An empty test page on the dev server's origin, with the module loaded.
  await page.evaluate(async () => {
    const box = document.createElement('div');
    box.id = 'charts';
    box.style.cssText = 'width:760px;background:#fff;padding:0;margin:0';
    document.body.replaceChildren(box);
    document.body.style.background = '#fff';
    window.charts = await import('/lib/charts.js');
    window.selected = [];
  });
});

after(() => closeSession({ server, browser }));

const assertNoProblems = () => checkProblems(problems);

/** Renders one chart into #charts (call is the export's name, args its options without width). */
async function render(testId, call, args) {
  await page.evaluate(({ testId, call, args }) => {
    const opts = { ...args, width: 760 };
    if (call === 'scatterChart') opts.onSelect = (id) => window.selected.push(id);
    const fig = window.charts[call](opts);
    fig.dataset.testid = testId;
    document.getElementById('charts').append(fig);
  }, { testId, call, args });
  return page.locator(`[data-testid="${testId}"]`);
}

test('the payout curve: lines, tier and threshold breaks, the cap, and a sentence that says it', async () => {
  const curve = makeCurve();
  assert.equal(curve.points[20].total, '4500.00');
  assert.equal(curve.points[24].total, '6600.00');
  assert.equal(curve.points[40].total, '13000.00');
  const fig = await render('curve', 'payoutCurveChart', { curve, currency: 'USD', locale: 'en-US', highlight: '1.20' });
  const svg = fig.locator('svg[role="img"]');
  const label = (await svg.getAttribute('aria-label')) ?? '';
  assert.match(label, /^Payout against attainment for 2026-Q1: \$0\.00 at 0%, \$4,500\.00 at 100%, \$13,000\.00 at 200%; /, label);
  assert.match(label, /tiers or thresholds start at 50%, 80%, 100% and 120%; a cap cuts from 105%\./, label);
  assert.match(label, /Marked: \$6,600\.00 at 120%\./, label);
  assert.equal(await fig.locator('svg line.break').count(), curve.breaks.length, 'one dashed line per break');
  assert.equal(await fig.locator('svg path.series').count(), 2, 'one line per paying component');
  assert.equal(await fig.locator('svg path.total').count(), 1);
  assert.equal(await fig.locator('svg circle.highlight').count(), 1);
  assert.equal((await fig.locator('svg g.cap text').textContent()), 'cap $2,000.00 from 105%');
  // Tags: "T2" at 50%, "80%", "T3 · 100%" (two breaks, one tag), "120%"; full labels in <title>.
  assert.deepEqual(await fig.locator('svg text.break-tag').evaluateAll((ts) => ts.map((t) => t.lastChild.textContent)), ['T2', '80%', 'T3 · 100%', '120%']);
  assert.match(await fig.locator('svg text.break-tag title').nth(2).textContent(), /tier 3 at 8\.00%.*\n.*100% of target/s);
  assert.deepEqual(await fig.locator('.legend-name').allTextContents(), ['New business commission', 'Quarterly bonus', 'Total']);
  assert.equal(await fig.locator('figcaption').count(), 1);
  // No two break tags overlap.
  const boxes = await fig.locator('svg text.break-tag').evaluateAll((ts) => ts.map((t) => t.getBBox()).map((b) => ({ x: b.x, y: b.y, w: b.width, h: b.height })));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
      assert.ok(!overlap, `break tags ${i} and ${j} overlap`);
    }
  }
  assertNoProblems();
});

test('the curve as a table: attainment, each component, total', async () => {
  const rows = await page.evaluate((curve) => {
    const table = window.charts.curveTable(curve, { currency: 'USD', locale: 'en-US' });
    return [...table.rows].map((r) => [...r.cells].map((c) => c.textContent));
  }, makeCurve());
  assert.equal(rows.length, 42, 'a header and 41 points');
  assert.deepEqual(rows[0], ['Attainment', 'New business commission', 'Quarterly bonus', 'Total']);
  assert.deepEqual(rows[21], ['100%', '$3,500.00', '$1,000.00', '$4,500.00']);
  assert.deepEqual(rows[18], ['85%', '$2,750.00', '$625.00', '$3,375.00']);
});

test('the histogram: one bar per bin, counts above, money ranges in words', async () => {
  const fig = await render('distribution', 'distributionChart', { bins: BINS, currency: 'USD', locale: 'en-US' });
  assert.equal(await fig.locator('svg rect.bar').count(), BINS.length);
  assert.deepEqual(await fig.locator('svg rect.bar').evaluateAll((rs) => rs.map((r) => Number(r.dataset.count))), BINS.map((b) => b.count));
  const label = (await fig.locator('svg[role="img"]').getAttribute('aria-label')) ?? '';
  assert.match(label, /^Payout per payee, 43 payees in 10 bins from \$0\.00 to \$10,000\.00: 3 from \$0\.00 to \$1,000\.00; 5 from/, label);
  assert.match(label, /1 from \$9,000\.00 to \$10,000\.00 \(empty bins left out\); the most common range is \$3,000\.00 to \$4,000\.00\./, label);
  const texts = await fig.locator('svg text').allTextContents();
  for (const t of ['$0', '$1K', '$5K', '$10K', '12']) assert.ok(texts.includes(t), `${t} in ${texts.join('|')}`);
  // A taller bar for a bigger count.
  const heights = await fig.locator('svg rect.bar').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('height'))));
  assert.ok(heights[3] > heights[2] && heights[2] > heights[0] && heights[6] === 0);
});

test('pay against performance: focusable points, Enter and Space select, a line at 100%', async () => {
  const fig = await render('scatter', 'scatterChart', {
    points: [...SCATTER, { id: 'r0', label: 'No attainment', x: null, y: '100.00' }], currency: 'USD', locale: 'en-US', xLabel: 'Attainment (new business)', yLabel: 'Payout',
  });
  const svg = fig.locator('svg[aria-label]');
  const label = (await svg.getAttribute('aria-label')) ?? '';
  assert.equal(label, 'Pay against performance for 9 payees: attainment from 30% to 160%, payout from $600.00 to $9,700.00; '
    + '4 at or above 100%. 1 payee without an attainment is not drawn. Each point is a button.');
  const points = fig.locator('svg circle.point');
  assert.equal(await points.count(), SCATTER.length);
  assert.deepEqual(await points.evaluateAll((cs) => cs.map((c) => [c.getAttribute('tabindex'), c.getAttribute('role')])), SCATTER.map(() => ['0', 'button']));
  const p3 = fig.locator('svg circle.point[data-id="r3"]');
  assert.equal(await p3.getAttribute('aria-label'), 'Casey Lin: 80% attainment, $2,500.00 payout');
  assert.equal(await p3.locator('title').textContent(), 'Casey Lin: 80% attainment, $2,500.00 payout');
  await p3.focus();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-id')), 'r3');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab'); // the next point in document order
  const next = await page.evaluate(() => document.activeElement?.getAttribute('data-id'));
  await page.keyboard.press('Space');
  await fig.locator('svg circle.point[data-id="r6"]').click();
  assert.deepEqual(await page.evaluate(() => window.selected), ['r3', next, 'r6']);
  await p3.focus();
  await page.evaluate(() => document.activeElement?.blur());
  // The 100% line sits at the 100% tick.
  const lineX = Number(await fig.locator('svg line.target-line').getAttribute('x1'));
  const r8 = Number(await fig.locator('svg circle.point[data-id="r8"]').getAttribute('cx'));
  assert.ok(Math.abs(lineX - r8) < 0.2, `100% line at ${lineX}, a 100% point at ${r8}`);
  assertNoProblems();
});

test('bar lists: totals from zero, changes around a zero axis with decreases to its left', async () => {
  const totals = await render('totals', 'barList', { items: TOTALS, currency: 'USD', locale: 'en-US', title: 'Payout by component' });
  assert.equal(await totals.locator('svg').getAttribute('aria-label'), 'Payout by component: New business commission $412,500.00; Quarterly bonus $38,250.00.');
  assert.equal(await totals.locator('svg rect.bar.neg').count(), 0);

  const changes = await render('changes', 'barList', { items: CHANGES, currency: 'USD', locale: 'en-US', title: 'Winners and losers' });
  assert.equal(await changes.locator('svg').getAttribute('aria-label'),
    'Winners and losers: 2 up, 2 down, 1 unchanged; largest increase Finley Ruiz +$1,250.00; largest decrease Indy Moss with a rather long name that has to be cut short -$310.50.');
  const axis = Number(await changes.locator('svg line.zero-axis').getAttribute('x1'));
  const bars = await changes.locator('svg rect.bar').evaluateAll((rs) => rs.map((r) => ({
    id: r.dataset.id, neg: r.classList.contains('neg'), x: Number(r.getAttribute('x')), w: Number(r.getAttribute('width')),
  })));
  assert.equal(bars.length, CHANGES.length);
  for (const b of bars) {
    if (b.neg) assert.ok(b.x + b.w <= axis + 0.01 && b.w > 0, `${b.id} ends at the axis, left of it`);
    else assert.ok(b.x >= axis - 0.01, `${b.id} starts at the axis`);
  }
  assert.deepEqual(bars.filter((b) => b.neg).map((b) => b.id), ['r2', 'r9']);
  assert.ok(bars.find((b) => b.id === 'r9').w > bars.find((b) => b.id === 'r2').w, 'a bigger loss draws a longer bar');
  const texts = await changes.locator('svg text.value').allTextContents();
  assert.deepEqual(texts, ['+$480.00', '+$1,250.00', '-$120.00', '-$310.50', '$0.00']);
  const cut = await changes.locator('svg g.row[data-id="r9"] > text').first().textContent();
  assert.ok(cut.endsWith('…') && cut.length < CHANGES[3].label.length, `long label cut: ${cut}`);

  // Nothing is clipped: every text stays inside its svg.
  const outside = await page.evaluate(() => [...document.querySelectorAll('#charts svg[role] text')].filter((t) => {
    const box = t.getBoundingClientRect();
    const svg = t.ownerSVGElement.getBoundingClientRect();
    return box.left < svg.left - 0.5 || box.right > svg.right + 0.5 || box.top < svg.top - 0.5 || box.bottom > svg.bottom + 0.5;
  }).map((t) => t.textContent));
  assert.deepEqual(outside, []);

  await page.locator('#charts').screenshot({ path: path.join(SCREENSHOTS, 'designer-charts.png') });
  assertNoProblems();
});

test('names are text: markup in a name is shown, never run', async () => {
  const curve = makeCurve();
  curve.components[1].name = EVIL;
  curve.breaks[1].label = EVIL;
  const shown = await page.evaluate(({ curve, evil }) => {
    const box = document.createElement('div');
    const c = window.charts;
    box.append(
      c.payoutCurveChart({ curve, currency: 'USD', locale: 'en-US', width: 500 }),
      c.curveTable(curve, { currency: 'USD', locale: 'en-US' }),
      c.scatterChart({ points: [{ id: evil, label: evil, x: '0.5', y: '10.00' }], currency: 'USD', locale: 'en-US', width: 400 }),
      c.barList({ items: [{ id: evil, label: evil, value: '5.00', delta: '-1.00' }], currency: 'USD', locale: 'en-US', width: 400 }),
    );
    document.body.append(box);
    const out = {
      imgs: box.querySelectorAll('img').length,
      legend: [...box.querySelectorAll('.legend-name')].map((n) => n.textContent),
      th: [...box.querySelectorAll('th')].map((n) => n.textContent).includes(evil),
      scatter: box.querySelector('circle.point')?.getAttribute('aria-label'),
    };
    return out;
  }, { curve, evil: EVIL });
  await page.waitForTimeout(200);
  assert.equal(shown.imgs, 0);
  assert.deepEqual(shown.legend, ['New business commission', EVIL, 'Total']);
  assert.ok(shown.th);
  assert.equal(shown.scatter, `${EVIL}: 50% attainment, $10.00 payout`);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assertNoProblems();
});
