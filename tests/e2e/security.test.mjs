// Issue 10, safe pages: every page is served with a strict Content-Security-Policy and works under
// it (no violation reported), makes no request outside its own origin (the harness fails a test on
// any), and renders names and notes from a plan, a CSV or a JSON file as text, never as HTML.
//
// The hostile strings carry an <img> whose onerror would set window.__xss, and a </script> break.
// A rendering bug would show up as an element that the data created (an <img src="x"> or any
// element with an onerror attribute, in the document or in a shadow root), or as __xss set: the
// checks do not rely on the CSP, which would also stop the handler from running.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openSession, closeSession } from './harness.mjs';
import { CSP } from '../../scripts/serve.mjs';

const XSS = '<img src=x onerror="window.__xss=1">';
const XSS2 = '"><script>window.__xss=2</script><b>';

/** @type {string[]} */
const problems = [];
let session;
let page;
let server;

before(async () => {
  session = await openSession(problems);
  ({ page, server } = session);
  // Every CSP violation the page sees, with what was refused.
  await session.context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} refused ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
});

let seen = 0;
afterEach((t) => {
  for (const p of problems.slice(seen)) console.log(`# problem during "${t.name}": ${p}`);
  seen = problems.length;
});

after(async () => {
  await closeSession(session);
  // Going from page to page cuts off what the page left was still loading (a worker it starts
  // late, say): that is the test navigating, not the page failing.
  const real = problems.filter((p) => !/^request failed: .* net::ERR_ABORTED$/.test(p));
  assert.deepEqual(real, [], 'no console errors, failed or off-origin requests, or dialogs');
});

/** Opens a page once the current one is quiet (so no request of it is cut off). */
async function open(file, ready) {
  await page.waitForLoadState('networkidle');
  await page.goto(`${server.url}${file}`);
  await page.waitForFunction(ready, null, { timeout: 60_000 });
}

/** What the data could have injected, in the document and every open shadow root. */
async function injected() {
  return page.evaluate(() => {
    const found = [];
    const visit = (root) => {
      for (const node of root.querySelectorAll('*')) {
        if (node.matches('img[src="x"], [onerror], script:not([src]):not([type="application/json"]):not([type="text/csv"])')) {
          found.push(node.outerHTML.slice(0, 80));
        }
        if (node.shadowRoot) visit(node.shadowRoot);
      }
    };
    visit(document);
    return { found, xss: window.__xss ?? null, csp: window.__csp ?? [] };
  });
}

/** The visible text of the page, shadow roots included. */
async function allText() {
  return page.evaluate(() => {
    const parts = [document.body.innerText];
    const visit = (root) => {
      for (const node of root.querySelectorAll('*')) {
        if (node.shadowRoot) {
          parts.push(node.shadowRoot.textContent ?? '');
          visit(node.shadowRoot);
        }
      }
    };
    visit(document);
    return parts.join('\n');
  });
}

const PAGES = [
  ['pages/company/', () => document.body.dataset.ready === '1'],
  ['pages/payouts/', () => document.body.dataset.ready === 'true'],
  ['pages/designer/', () => (window.designerTimings ?? []).some((t) => t.kind === 'back-test')],
  ['pages/ledger/', () => document.body.dataset.ready === 'true'],
  ['pages/rep/', () => document.body.dataset.ready === 'true'],
  ['pages/territories/', () => document.body.dataset.ready === '1'],
  ['pages/quota/', () => document.body.dataset.ready === '1'],
  ['pages/insights/', () => document.body.dataset.ready === '1'],
  ['pages/leaderboard/', () => document.querySelector('#board tbody tr, table tbody tr')],
  ['pages/embed-demo/', () => window.firstEstimateMs !== undefined],
  ['pages/embed-leaderboard/', () => document.querySelector('spm-leaderboard')?.shadowRoot?.querySelector('table')],
];

test('every page is served with the strict CSP and works under it, with no off-origin request', async () => {
  for (const [file, ready] of PAGES) {
    const response = await page.goto(`${server.url}${file}`);
    assert.equal(response?.headers()['content-security-policy'], CSP, `${file}: the CSP header`);
    await page.waitForFunction(ready, null, { timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const r = await injected();
    assert.deepEqual(r.csp, [], `${file}: no CSP violation`);
    assert.deepEqual(r.found, [], `${file}: no injected element`);
  }
  assert.match(CSP, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(CSP, /'unsafe-inline'|'unsafe-eval'/);
});

test('the CSP stops an injected inline script and handler (the page is not relying on luck)', async () => {
  await open('pages/payouts/', () => document.body.dataset.ready === 'true');
  const r = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__xss = 3';
    document.body.append(s);
    const img = document.createElement('img');
    img.setAttribute('src', 'data:,');
    img.setAttribute('onerror', 'window.__xss = 4');
    document.body.append(img);
    await new Promise((resolve) => setTimeout(resolve, 200));
    img.remove();
    s.remove();
    return { xss: window.__xss ?? null, violations: window.__csp.length };
  });
  assert.equal(r.xss, null, 'neither the injected script nor the handler ran');
  assert.ok(r.violations >= 2, `the browser reported the refused script and handler (${r.violations})`);
  // The violations above are the point of this test: clear them so they are not counted later.
  problems.splice(0, problems.length, ...problems.filter((p) => !/Content Security Policy/i.test(p)));
});

test('designer: a plan file with hostile names is shown as text', async () => {
  await open('pages/designer/', () => (window.designerTimings ?? []).some((t) => t.kind === 'back-test'));
  const plan = {
    schemaVersion: 1, id: 'evil', name: `Plan ${XSS}`, currency: 'USD', period: 'quarter',
    components: [{
      id: 'c1', name: `Commission ${XSS2}`, kind: 'commission', quota: '100000.00',
      rateTable: { mode: 'marginal', base: 'attainment', evaluation: 'running', tiers: [{ from: '0', to: null, rate: '0.05' }] },
    }],
  };
  await page.locator('#import-file').setInputFiles({ name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(plan)) });
  await page.waitForFunction(() => document.body.innerText.includes('onerror='), null, { timeout: 30_000 });
  await page.waitForTimeout(500);
  const r = await injected();
  assert.deepEqual([r.found, r.xss, r.csp], [[], null, []]);
  const text = await allText();
  assert.ok(text.includes(XSS) || text.includes('onerror="window.__xss=1"'), 'the name shows literally');
});

test('territories: account and territory names from a CSV are shown as text', async () => {
  await open('pages/territories/', () => document.body.dataset.ready === '1');
  const csv = `id,name,potential,x,y,owner\na1,"${XSS.replaceAll('"', '""')}",100,0,0,T1\na2,"${XSS2.replaceAll('"', '""')}",100,1,0,T2\n`;
  await page.locator('#accounts-file').setInputFiles({ name: 'evil.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForFunction(() => /^2 accounts in 2 territories/.test(document.getElementById('data-info')?.textContent ?? ''), null, { timeout: 30_000 });
  const r = await injected();
  assert.deepEqual([r.found, r.xss, r.csp], [[], null, []]);
});

test('quota: node names typed as JSON are shown as text', async () => {
  await open('pages/quota/', () => document.body.dataset.ready === '1');
  await page.locator('details:has(#input-json) summary').click();
  const input = {
    schemaVersion: 1, currency: 'USD', year: 2026, target: '1000.00', method: { split: 'equal' },
    nodes: [{ id: 'root', name: XSS }, { id: 'a', name: XSS2, parent: 'root' }, { id: 'b', name: 'Plain', parent: 'root' }],
  };
  await page.locator('#input-json').fill(JSON.stringify(input));
  await page.waitForFunction(() => document.querySelectorAll('#tree tbody tr').length === 3, null, { timeout: 10_000 });
  const r = await injected();
  assert.deepEqual([r.found, r.xss, r.csp], [[], null, []]);
  assert.ok((await allText()).includes('<img src=x onerror='), 'the name shows literally');
});

test('leaderboard: rep names and a contest name from files are shown as text; the SPIFF CSV is neutralized', async () => {
  await open('pages/leaderboard/', () => document.querySelector('table tbody tr'));
  const defs = {
    schemaVersion: 1, asOf: '2026-04-30',
    points: { rules: [{ eventType: 'deal', points: '10' }] },
    leaderboards: [{ id: 'b', metric: 'points' }],
    contests: [{ id: 'c', name: `=HYPERLINK("http://x.test","win") ${XSS}`, metric: 'count:deal', from: '2026-04-01', to: '2026-04-30', currency: 'USD', prizes: [{ place: 1, amount: '100.00' }] }],
  };
  const roster = [{ id: 'r1', name: XSS }, { id: 'r2', name: XSS2 }];
  const events = 'id,payeeId,type,date\ne1,r1,deal,2026-04-02\ne2,r1,deal,2026-04-03\ne3,r2,deal,2026-04-04\n';
  await page.locator('#files-all').setInputFiles([
    { name: 'defs.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(defs)) },
    { name: 'roster.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(roster)) },
    { name: 'events.csv', mimeType: 'text/csv', buffer: Buffer.from(events) },
  ]);
  await page.waitForFunction(() => document.body.innerText.includes('onerror='), null, { timeout: 30_000 });
  const r = await injected();
  assert.deepEqual([r.found, r.xss, r.csp], [[], null, []]);
  // The prize row: the contest's name starts the reason, so the cell is neutralized and quoted.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#spiff-download').click()]);
  const csv = await readFile(await download.path(), 'utf8');
  const row = csv.split('\n')[1];
  assert.ok(row.startsWith('r1,2026-04-30,100.00,USD,"\'=HYPERLINK('), row);
  await page.waitForLoadState('networkidle');
});
