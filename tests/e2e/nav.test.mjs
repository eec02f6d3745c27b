// The one navigation (<spm-nav>, www/components/spm-nav.js) in headless Chromium: every app page
// in www/pages/<name>/ shows the same links in the same order from the one list, marks itself and
// only itself, and its links open the pages. The root opens the Company page, and the pages' old
// flat URLs (/ledger.html?payee=..., /designer.html) still open their pages, query included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSession, closeSession } from './harness.mjs';
import { PAGES } from '../../www/components/spm-nav.js';

let server;
let browser;
let context;
let page;
const problems = [];

before(async () => {
  ({ server, browser, context, page } = await openSession(problems, {}));
  // Only the nav is under test here: the pages' engine work is cut short by the next navigation,
  // so the requests it leaves unfinished are not problems of this test.
});

after(() => closeSession({ server, browser }));

/** The nav's links as [text, path, current]. */
const links = (p) => p.locator('spm-nav nav.nav a').evaluateAll((as) => as.map((a) => [
  a.textContent, new URL(/** @type {HTMLAnchorElement} */ (a).href).pathname, a.getAttribute('aria-current'),
]));

test('every app page shows the one nav from the one list and marks itself', async () => {
  const expected = PAGES.map(([name, label]) => [label, `/pages/${name}/`]);
  for (const [name, label] of PAGES) {
    await page.goto(`${server.url}pages/${name}/`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('spm-nav nav.nav a[aria-current="page"]');
    const shown = await links(page);
    assert.deepEqual(shown.map(([text, href]) => [text, href]), expected, `${name}: the links`);
    assert.deepEqual(shown.filter(([, , current]) => current === 'page').map(([text]) => text), [label], `${name}: marks itself only`);
    assert.equal(await page.locator('nav').filter({ has: page.locator('a[aria-current="page"]') }).count(), 1, `${name}: one app nav`);
    assert.equal(await page.getByRole('navigation', { name: 'Pages', exact: true }).count(), 1, `${name}: the nav is named for assistive tech`);
  }
});

test('a nav link opens its page, which then marks itself', async () => {
  await page.goto(`${server.url}pages/rep/`, { waitUntil: 'domcontentloaded' });
  await page.getByRole('link', { name: 'Ledger', exact: true }).click();
  await page.waitForURL(/\/pages\/ledger\/$/);
  await page.waitForSelector('spm-nav a[aria-current="page"]');
  assert.equal(await page.locator('spm-nav a[aria-current="page"]').textContent(), 'Ledger');
  assert.equal(await page.title(), 'Ledger · spm-engine');
});

test('the root opens the Company page; old URLs open their new pages with their query', async () => {
  await page.goto(server.url);
  await page.waitForURL(/\/pages\/company\/$/);
  await page.waitForSelector('spm-nav a[aria-current="page"]');
  assert.equal(await page.locator('spm-nav a[aria-current="page"]').textContent(), 'Company');

  await page.goto(`${server.url}ledger.html?payee=r041#statements-heading`);
  assert.equal(new URL(page.url()).pathname, '/pages/ledger/');
  assert.equal(new URL(page.url()).search, '?payee=r041');
  assert.equal(new URL(page.url()).hash, '#statements-heading', 'the fragment survives the redirect');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  assert.equal(await page.getByLabel('Payee', { exact: true }).inputValue(), 'r041', 'the bookmark still picks its payee');

  await page.goto(`${server.url}designer.html`);
  assert.equal(new URL(page.url()).pathname, '/pages/designer/');
  assert.equal(await page.locator('spm-nav a[aria-current="page"]').textContent(), 'Designer');
});

test('the nav fits a phone: no sideways scroll on any app page', async () => {
  const p = await context.newPage();
  await p.setViewportSize({ width: 390, height: 844 });
  for (const [name] of PAGES) {
    await p.goto(`${server.url}pages/${name}/`, { waitUntil: 'domcontentloaded' });
    await p.waitForSelector('spm-nav a[aria-current="page"]');
    const box = await p.locator('spm-nav nav').boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${name}: the nav is inside the screen (${JSON.stringify(box)})`);
  }
  await p.close();
});
