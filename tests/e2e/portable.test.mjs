// The elements are portable: served from a sub-folder of another site and from a second origin,
// out of the npm package scripts/pack-elements.sh assembles (pkg/elements/), each resolves its
// modules and wasm relative to its own script and prices a deal. The host page is plain HTML on
// its own server; the element files are on another (with CORS headers, as README states).
//
// Hand-worked number (www/components/demo-plan.json, the state below): quota 100,000.00, tiers
// [0, 50%) 2%, [50%, 100%) 5%, [100%, ∞) 8%; 50,000 already credited (50%). A 25,000 deal moves
// attainment to 75%, all in tier 2: 25,000 × 5% = 1,250.00.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { launch, watch } from '../../scripts/browser.mjs';
import { repoRoot, assertNoProblems } from './harness.mjs';

const pkgDir = path.join(repoRoot, 'pkg/elements');
const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.html': 'text/html', '.csv': 'text/csv' };

/**
 * A static server: `mounts` maps a URL prefix to a folder; `cors` adds the headers a page of
 * another origin needs to load module scripts and wasm from here.
 */
function serve(mounts, { cors = false, pages = {} } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const headers = cors ? { 'Access-Control-Allow-Origin': '*' } : {};
    if (pages[url.pathname] !== undefined) {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/html' });
      res.end(pages[url.pathname]);
      return;
    }
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = path.join(dir, decodeURIComponent(url.pathname.slice(prefix.length)));
      if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) break;
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
      return;
    }
    res.writeHead(404, headers);
    res.end('not found');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

const state = JSON.stringify({
  payee: { id: 'jlee', name: 'Jordan Lee', role: 'rep' },
  deals: [
    { id: 'D-1041', date: '2026-04-10', amount: '30000.00', type: 'new' },
    { id: 'D-1057', date: '2026-05-02', amount: '20000.00', type: 'expansion' },
  ],
  asOf: '2026-05-15',
});

/** A plain intranet page that loads the element from `scriptUrl` and the plan from `planUrl`. */
function hostPage(scriptUrl, planUrl) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Intranet</title></head><body>
<h1>Deal desk</h1>
<script type="module" src="${scriptUrl}"></script>
<spm-estimator plan="${planUrl}" amount="25000"><script type="application/json" slot="state">${state}</script></spm-estimator>
</body></html>`;
}

let browser;
const servers = [];

before(async () => {
  assert.ok(existsSync(path.join(pkgDir, 'components/spm-estimator.js')), 'pkg/elements is missing: run scripts/build.sh');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
});

async function adds(page) {
  await page.waitForFunction(
    () => document.querySelector('spm-estimator')?.shadowRoot?.querySelector('[data-testid="adds"]')?.dataset.amount !== undefined,
    null,
    { timeout: 60_000 },
  );
  return page.evaluate(() => document.querySelector('spm-estimator').shadowRoot.querySelector('[data-testid="adds"]').dataset.amount);
}

test('the estimator served from a sub-folder of the same site prices a deal', async () => {
  const plan = path.join(repoRoot, 'www/components');
  const site = await serve(
    { '/tools/comp/': pkgDir, '/plans/': plan },
    { pages: { '/intranet/deal-desk.html': hostPage('/tools/comp/components/spm-estimator.js', '/plans/demo-plan.json') } },
  );
  servers.push(site);
  const problems = [];
  const page = await browser.newPage();
  watch(page, problems);
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(`${site.url}/intranet/deal-desk.html`);
  assert.equal(await adds(page), '1250.00');
  assert.ok(requested.includes('/tools/comp/pkg/estimator/spm_engine_bg.wasm'), `the estimator build, relative to the element: ${requested.join(', ')}`);
  assert.ok(!requested.some((p) => p.includes('/app/')), 'the element never loads the app build');
  assertNoProblems(problems);
  await page.close();
});

test('the estimator served from a second origin (with CORS) prices a deal', async () => {
  const cdn = await serve({ '/elements/': pkgDir }, { cors: true });
  servers.push(cdn);
  const intranet = await serve(
    { '/plans/': path.join(repoRoot, 'www/components') },
    { pages: { '/index.html': hostPage(`${cdn.url}/elements/components/spm-estimator.js`, '/plans/demo-plan.json') } },
  );
  servers.push(intranet);
  const problems = [];
  const page = await browser.newPage();
  watch(page, problems);
  await page.goto(`${intranet.url}/index.html`);
  assert.equal(await adds(page), '1250.00');
  assertNoProblems(problems);
  await page.close();
});

test('the estimator build transfers far less than the app build', () => {
  const gz = (f) => gzipSync(readFileSync(path.join(repoRoot, f)), { level: 9 }).length;
  const estimator = gz('pkg/estimator/spm_engine_bg.wasm');
  const leaderboard = gz('pkg/leaderboard/spm_engine_bg.wasm');
  const app = gz('pkg/app/spm_engine_bg.wasm');
  console.log(`gzip -9: estimator ${estimator} B, leaderboard ${leaderboard} B, app ${app} B`);
  // Structure, not speed: the element builds leave out what they do not export.
  assert.ok(estimator < app / 2, `estimator ${estimator} B against app ${app} B`);
  assert.ok(leaderboard < app / 2, `leaderboard ${leaderboard} B against app ${app} B`);
});

test('npm pack produces a tarball with the elements, their loader and both builds', () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: pkgDir, encoding: 'utf8' });
  const files = JSON.parse(out)[0].files.map((f) => f.path).sort();
  for (const f of [
    'components/spm-estimator.js', 'components/spm-leaderboard.js', 'components/load.js', 'components/common.js', 'lib/format.js', 'lib/dom.js', 'lib/amount.js', 'lib/boundary.js',
    'pkg/estimator/spm_engine.js', 'pkg/estimator/spm_engine_bg.wasm', 'pkg/leaderboard/spm_engine.js', 'pkg/leaderboard/spm_engine_bg.wasm', 'package.json',
  ]) {
    assert.ok(files.includes(f), `${f} is in the package (${files.join(', ')})`);
  }
  assert.ok(!files.some((f) => f.startsWith('pkg/app/')), 'the app build is not in the package');
});
