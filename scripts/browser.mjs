// Shared by the page tests and the browser benchmark: how to start Debian's Chromium headless on
// this kind of machine, and how to collect everything a page does wrong.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium tries to reach Google's hosts at every start,
// which this machine's closed network refuses.
export const ARGS = [
  '--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
];

/** Launches headless Chromium. */
export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/**
 * Records console errors, page errors, failed requests and HTTP errors of `page` in `problems`.
 *
 * @param {import('playwright-core').Page} page
 * @param {string[]} problems
 */
export function watch(page, problems) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  // No request may leave the machine: the pages are served from loopback and must load nothing
  // from anywhere else (issue 10; the dev server's Content-Security-Policy also forbids it).
  page.on('request', (req) => {
    const u = new URL(req.url());
    if ((u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:' || u.protocol === 'wss:') && !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) {
      problems.push(`off-origin request: ${req.url()}`);
    }
  });
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
}

/**
 * Opens each of `paths` (relative to the served www/) in a fresh page of one headless Chromium,
 * waits for the page to set `document.body.dataset.done`, and returns each page's
 * `window.benchResults`. Throws when a page reports an error or a console problem.
 *
 * @param {string[]} paths e.g. `pages/bench-territory/?seed=7`
 * @returns {Promise<any[]>}
 */
export async function runBenchPages(paths) {
  const { startServer } = await import('./serve.mjs');
  const server = await startServer({ port: 0 });
  const browser = await launch();
  const out = [];
  try {
    for (const p of paths) {
      const page = await browser.newPage();
      const problems = [];
      watch(page, problems);
      await page.goto(`${server.url}${p}`);
      await page.waitForFunction(() => document.body.dataset.done === '1', null, { timeout: 600000 });
      const r = await page.evaluate(() => /** @type {any} */ (window).benchResults);
      if (r.error || problems.length) throw new Error(`${p}: the page failed: ${r.error ?? problems.join('\n')}`);
      out.push(r);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}
