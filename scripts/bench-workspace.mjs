// Runs www/pages/bench-workspace/ in headless Chromium (issue 20): a company of 10,000 people and
// 1,000,000 deals imported from CSV and from .xlsx the way the Company page imports, then the
// page reloaded and the workspace reopened, in one browser profile. Reports the times and the
// peak resident memory of the whole browser (every Chromium process) above its idle level while
// the import runs (the files are made first, in a page closed before).
// A benchmark, not a test: it fails only when the page does.
//   node scripts/bench-workspace.mjs [--runs N] [--people N] [--deals N] [--xlsx 0]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ARGS, CHROMIUM, watch } from './browser.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const runs = arg('--runs', 1);
const people = arg('--people', 10000);
const deals = arg('--deals', 1000000);
const xlsx = arg('--xlsx', 1);

/** Resident memory (bytes) of every Chromium process, summed. */
function chromiumRss() {
  try {
    const out = execFileSync('ps', ['-C', 'chromium', '-o', 'rss='], { encoding: 'utf8' });
    return out.split('\n').reduce((sum, l) => sum + (Number(l.trim()) || 0) * 1024, 0);
  } catch {
    return 0;
  }
}

async function page(context, url, problems) {
  const p = await context.newPage();
  watch(p, problems);
  await p.goto(url);
  await p.waitForFunction(() => document.body.dataset.done === '1', null, { timeout: 1200000, polling: 500 });
  const r = await p.evaluate(() => /** @type {any} */ (window).benchResults);
  await p.close();
  if (r.error || problems.length) throw new Error(`${url}: ${r.error ?? problems.join('\n')}`);
  return r;
}

const { startServer } = await import('./serve.mjs');
const server = await startServer({ port: 0 });
const results = [];
try {
  for (let i = 0; i < runs; i += 1) {
    const dir = mkdtempSync(join(tmpdir(), 'spm-bench-ws-'));
    const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: ARGS, headless: true });
    try {
      const problems = [];
      // The files are made in a page of their own, closed before the import starts, so the
      // memory measured is the import's: the browser's resident memory above its idle level.
      await page(context, `${server.url}pages/bench-workspace/?phase=generate&people=${people}&deals=${deals}&seed=${7 + i}&xlsx=${xlsx}`, problems);
      await new Promise((r) => setTimeout(r, 3000));
      const idle = chromiumRss();
      let peak = idle;
      const timer = setInterval(() => { peak = Math.max(peak, chromiumRss()); }, 100);
      const imported = await page(context, `${server.url}pages/bench-workspace/?phase=import&xlsx=${xlsx}`, problems);
      clearInterval(timer);
      // A reload: a new page of the same profile opens what the first one saved.
      const opened = await page(context, `${server.url}pages/bench-workspace/?phase=open&id=${encodeURIComponent(imported.csvId)}`, problems);
      results.push({ imported, opened, peakMb: (peak - idle) / 2 ** 20 });
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  await server.close();
}
const s = (ms) => (ms / 1000).toFixed(2);
console.log('| run | people | deals | CSV import s (people + deals + save) | .xlsx import s (read sheet) | reopen after reload s | peak memory MB |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
results.forEach((r, i) => {
  const x = r.imported.xlsx;
  console.log(`| ${i + 1} | ${r.imported.people} | ${r.imported.csv.imported} | ${s(r.imported.csv.ms)} (${s(r.imported.csv.peopleMs)} + ${s(r.imported.csv.dealsMs)} + ${s(r.imported.csv.saveMs)}) | ${x ? `${s(x.ms)} (${s(x.readMs)})` : '—'} | ${s(r.opened.ms)} | ${r.peakMb.toFixed(0)} |`);
});
console.log(JSON.stringify(results));
