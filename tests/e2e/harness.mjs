// Shared set-up of the page tests: the built package must exist, a dev server on a free port,
// headless Chromium with one context and page, and every console error, page error, failed
// request, HTTP error or dialog collected as a problem the tests assert is empty.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, watch } from '../../scripts/browser.mjs';
import { startServer } from '../../scripts/serve.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The committed screenshots in docs/screenshots/ are refreshed with UPDATE_SCREENSHOTS=1; a plain
// test run writes to test-results/ so it leaves the working tree clean.
export const SCREENSHOTS = path.join(repoRoot, process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots');

/**
 * Starts the server and the browser; problems the page reports are pushed to `problems`.
 *
 * @param {string[]} problems
 * @param {object} [contextOptions] Extra Playwright context options (en-US, 1280×900 by default).
 */
export async function openSession(problems, contextOptions = {}) {
  for (const f of ['pkg/app/spm_engine.js', 'pkg/app/spm_engine_bg.wasm']) {
    assert.ok(existsSync(path.join(repoRoot, f)), `${f} is missing: run scripts/setup.sh and scripts/build.sh`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const server = await startServer({ port: 0 });
  const browser = await launch();
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  watch(page, problems);
  page.on('dialog', (dialog) => {
    problems.push(`unexpected dialog: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  return { server, browser, context, page };
}

/** Closes what `openSession` opened. */
export async function closeSession({ server, browser } = {}) {
  await browser?.close();
  await server?.close();
}

/** Fails with every problem the page reported. */
export function assertNoProblems(problems) {
  assert.deepEqual(problems, [], `the page reported problems:\n${problems.join('\n')}`);
}
