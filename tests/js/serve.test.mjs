// scripts/serve.mjs: mounts, MIME types, caching header, and no way out of the roots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { repoRoot } from './helpers.mjs';

let srv;
before(async () => {
  srv = await startServer({ port: 0 });
});
after(() => srv.close());

/** A raw GET, so the path is sent exactly as written (fetch would normalise "..") . */
function get(rawPath) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: srv.port, path: rawPath, method: 'GET' }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('listens on 127.0.0.1 on the port asked for (0 = any free one)', () => {
  assert.ok(srv.port > 0);
  assert.equal(srv.url, `http://127.0.0.1:${srv.port}/`);
  assert.equal(srv.server.address().address, '127.0.0.1');
});

test('serves www/ at / with the right types and no-cache', async () => {
  const index = await get('/');
  assert.equal(index.status, 200);
  assert.match(index.headers['content-type'], /^text\/html/);
  assert.equal(index.headers['cache-control'], 'no-cache');
  // The root is the app's entry: it sends the browser on to the Company page.
  assert.match(index.body.toString(), /<meta http-equiv="refresh" content="0; url=pages\/company\/"/);
  const payouts = await get('/pages/payouts/');
  assert.equal(payouts.status, 200);
  assert.match(payouts.body.toString(), /<select id="plan-select"/);

  const js = await get('/pages/payouts/page.js?v=1');
  assert.equal(js.status, 200);
  assert.match(js.headers['content-type'], /^text\/javascript/);
  assert.match((await get('/lib/styles.css')).headers['content-type'], /^text\/css/);
  assert.match((await get('/lib/engine.js')).headers['content-type'], /^text\/javascript/);
});

test('the pages\' old URLs redirect to www/pages/<name>/ with their query string', async () => {
  for (const [old, moved] of [
    ['/ledger.html?payee=r041&plan=ae-2026-retro', '/pages/ledger/?payee=r041&plan=ae-2026-retro'],
    ['/designer.html', '/pages/designer/'],
    ['/rep.html?rep=r001', '/pages/rep/?rep=r001'],
    ['/insights.html', '/pages/insights/'],
    ['/leaderboard.html', '/pages/leaderboard/'],
    ['/territories.html', '/pages/territories/'],
    ['/quota.html', '/pages/quota/'],
    ['/embed-demo.html', '/pages/embed-demo/'],
    ['/embed-leaderboard.html', '/pages/embed-leaderboard/'],
    ['/bench.html?runs=1', '/pages/bench/?runs=1'],
    ['/bench-estimate.html?seed=3', '/pages/bench-estimate/?seed=3'],
  ]) {
    const res = await get(old);
    assert.equal(res.status, 301, old);
    assert.equal(res.headers.location, moved, old);
    assert.ok(res.headers['content-security-policy'], `${old}: the redirect carries the security headers`);
    assert.equal((await get(moved)).status, 200, `${moved} is served`);
  }
});

test('serves the chart library under /vendor/ and nothing else from node_modules', async () => {
  const chart = await get('/vendor/chart.umd.js');
  assert.equal(chart.status, 200);
  assert.match(chart.headers['content-type'], /^text\/javascript/);
  assert.equal((await get('/vendor/chart.js')).status, 404);
  assert.ok([403, 404].includes((await get('/vendor/../package.json')).status));
  assert.equal((await get('/node_modules/chart.js/package.json')).status, 404);
});

test('serves pkg/ with application/wasm', { skip: !existsSync(path.join(repoRoot, 'pkg/app/spm_engine_bg.wasm')) && 'pkg/ not built' }, async () => {
  const wasm = await get('/pkg/app/spm_engine_bg.wasm');
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers['content-type'], 'application/wasm');
  assert.deepEqual([...wasm.body.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d]);
  assert.match((await get('/pkg/app/spm_engine.js')).headers['content-type'], /^text\/javascript/);
  // What the page's relative import resolves to: /lib/../../pkg/ clamps to /pkg/.
  assert.equal(new URL('../../pkg/app/spm_engine.js', `${srv.url}lib/engine.js`).pathname, '/pkg/app/spm_engine.js');
});

test('rejects paths that escape their root', async () => {
  for (const p of [
    '/../package.json',
    '/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/pkg/..%2f..%2fCargo.toml',
    '/pkg/%2e%2e/Cargo.toml',
    '/lib/..%2f..%2f..%2fetc%2fpasswd',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/..\\package.json',
    '/pages/payouts/page.js%00.html',
    '/%E0%A4%A',
  ]) {
    const res = await get(p);
    assert.ok(res.status === 403 || res.status === 404, `${p} -> ${res.status}`);
    assert.doesNotMatch(res.body.toString(), /"name"|\[package\]|root:/, p);
  }
  assert.equal((await get('/no-such-file.html')).status, 404);
});

test('only GET and HEAD', async () => {
  const res = await new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: srv.port, path: '/', method: 'POST' }, resolve);
    req.on('error', reject);
    req.end();
  });
  res.resume();
  assert.equal(res.statusCode, 405);
});
