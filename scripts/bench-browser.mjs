// Runs www/pages/bench/ in headless Chromium (playwright-core driving the Debian chromium) and
// prints a Markdown table of the medians; the raw results go to test-results/bench-browser.json.
//
//   node scripts/bench-browser.mjs [--reps N] [--deals N] [--runs N] [--seed N] [--screenshot FILE]
//
// A benchmark, not a test: it exits non-zero only when the page fails (console error, page
// error, failed request, timeout), never because a figure is slow.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, watch } from './browser.mjs';
import { startServer } from './serve.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TIMEOUT_MS = 15 * 60 * 1000;
const USAGE = 'usage: node scripts/bench-browser.mjs [--reps N] [--deals N] [--runs N] [--seed N] [--screenshot FILE]';

function parseArgs(argv) {
  const opts = { screenshot: path.join(repoRoot, 'test-results/bench.png') };
  const query = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      console.log(USAGE);
      process.exit(0);
    }
    const m = /^--(reps|deals|runs|seed|screenshot)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unknown argument: ${arg}\n${USAGE}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    if (m[1] === 'screenshot') {
      opts.screenshot = path.resolve(value);
      continue;
    }
    if (!/^\d+$/.test(value)) throw new Error(`--${m[1]} must be a whole number, got ${value}`);
    query[m[1]] = value;
  }
  opts.query = new URLSearchParams(query).toString();
  return opts;
}

const fmtMs = (v) => v.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const fmtInt = (v) => Math.round(v).toLocaleString('en-US');
const fmtMiB = (b) => (b / 1048576).toLocaleString('en-US', { maximumFractionDigits: 1 });

function markdown(r) {
  const { reps, deals, runs } = r.params;
  const out = [];
  out.push(`Benchmark company: ${fmtInt(reps)} reps, ${fmtInt(r.generate.payees)} payees, ${fmtInt(deals)} deals ` +
    `(${fmtMiB(r.generate.csvBytes)} MiB CSV), ${runs} runs, spm-engine ${r.environment.engineVersion}`);
  out.push('');
  out.push('| step | median ms | min ms | max ms |');
  out.push('| --- | ---: | ---: | ---: |');
  const label = {
    loadMs: 'load: CSV bytes to dataset',
    compileMs: 'compile plan',
    reportMs: 'credit + calculate + summary JSON',
    totalMs: '**CSV bytes to summary report**',
  };
  for (const key of ['loadMs', 'compileMs', 'reportMs', 'totalMs']) {
    const s = r.summary[key];
    out.push(`| ${label[key]} | ${fmtMs(s.median)} | ${fmtMs(s.min)} | ${fmtMs(s.max)} |`);
  }
  out.push('');
  out.push(`| figure | value |`);
  out.push('| --- | ---: |');
  out.push(`| deals per second (median total) | ${fmtInt(r.summary.dealsPerSecond)} |`);
  out.push(`| statements | ${fmtInt(r.report.statements)} |`);
  out.push(`| credit lines counted by components | ${r.report.creditedLines === null ? 'n/a (summary report)' : fmtInt(r.report.creditedLines)} |`);
  out.push(`| summary JSON | ${fmtMiB(r.report.jsonBytes)} MiB |`);
  out.push(`| same report every run | ${r.report.identicalAcrossRuns ? 'yes' : 'NO'} |`);
  out.push(`| generate company (not measured) | ${fmtMs(r.generate.generateMs)} ms |`);
  out.push(`| encode CSV to bytes (not measured) | ${fmtMs(r.generate.encodeMs)} ms |`);
  out.push(`| wasm memory, high-water | ${fmtMiB(r.memory.wasmBytesPeak)} MiB |`);
  if (r.runner) {
    const { before, after } = r.runner.loadAverage1m;
    out.push(`| machine load (1-min average, ${r.runner.cpus} CPUs) before / after | ${before.toFixed(2)} / ${after.toFixed(2)} |`);
  }
  if (r.memory.jsHeap) out.push(`| JS heap used at the end | ${fmtMiB(r.memory.jsHeap.usedBytes)} MiB |`);
  const s = r.sample;
  out.push('');
  out.push(`Built-in sample (${fmtInt(s.transactions)} deals, ${fmtInt(s.payees)} payees, plan ${s.planId}), measured once:`);
  out.push('');
  out.push('| step | ms |');
  out.push('| --- | ---: |');
  out.push(`| load: CSV text to dataset | ${fmtMs(s.loadMs)} |`);
  out.push(`| compile plan | ${fmtMs(s.compileMs)} |`);
  out.push(`| credit + calculate + full report JSON | ${fmtMs(s.reportMs)} |`);
  out.push(`| **CSV text to full report** | ${fmtMs(s.totalMs)} |`);
  out.push(`| (${fmtInt(s.statements)} statements, ${fmtInt(s.lines)} transaction lines, ${fmtMiB(s.reportJsonBytes)} MiB JSON) | |`);
  return out.join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  for (const f of ['pkg/app/spm_engine.js', 'pkg/app/spm_engine_bg.wasm']) {
    if (!existsSync(path.join(repoRoot, f))) throw new Error(`${f} is missing: run scripts/build.sh`);
  }
  const outDir = path.join(repoRoot, 'test-results');
  mkdirSync(outDir, { recursive: true });

  const problems = [];
  const server = await startServer({ port: 0 });
  let browser;
  try {
    browser = await launch();
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    watch(page, problems);
    page.on('crash', () => problems.push('the page crashed (out of memory?)'));

    const url = `${server.url}pages/bench/${opts.query ? `?${opts.query}` : ''}`;
    console.error(`bench: ${url}`);
    const started = Date.now();
    const loadBefore = os.loadavg()[0];
    await page.goto(url);
    // Wait for done, but give up early if the page reported a problem or crashed.
    const done = page.waitForFunction(() => document.body?.dataset.done, null, { timeout: TIMEOUT_MS, polling: 500 });
    const failed = new Promise((resolve) => {
      const timer = setInterval(() => {
        if (problems.length > 0) {
          clearInterval(timer);
          resolve('problem');
        }
      }, 500);
      done.finally(() => clearInterval(timer)).catch(() => {});
    });
    const outcome = await Promise.race([done.then((h) => h.jsonValue()), failed]).catch((err) => {
      problems.push(err.message.split('\n')[0]);
      return 'error';
    });
    console.error(`bench: page finished in ${((Date.now() - started) / 1000).toFixed(1)} s (${outcome})`);

    // A screenshot either way: on failure it shows what the page said.
    await page.screenshot({ path: opts.screenshot, fullPage: true, timeout: 30_000 }).catch((err) => {
      console.error(`bench: no screenshot: ${err.message.split('\n')[0]}`);
    });
    const results = await page.evaluate(() => /** @type {any} */ (window).benchResults ?? null).catch(() => null);
    if (results) {
      results.runner = {
        chromium: browser.version(),
        nodeVersion: process.version,
        wallSeconds: (Date.now() - started) / 1000,
        cpus: os.cpus().length,
        // Other work on the machine skews the figures: the 1-minute load average before and after.
        loadAverage1m: { before: loadBefore, after: os.loadavg()[0] },
      };
      writeFileSync(path.join(outDir, 'bench-browser.json'), `${JSON.stringify(results, null, 2)}\n`);
    }
    if (outcome !== '1' || problems.length > 0 || !results || results.error) {
      throw new Error(`the benchmark page failed:\n${[...problems, results?.error].filter(Boolean).join('\n') || outcome}`);
    }
    console.log(markdown(results));
    console.error(`bench: raw results in ${path.relative(process.cwd(), path.join(outDir, 'bench-browser.json'))}`);
  } finally {
    await browser?.close().catch(() => {});
    await server.close();
  }
}

main().catch((err) => {
  console.error(`bench-browser: ${err.message}`);
  process.exitCode = 1;
});
