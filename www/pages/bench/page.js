// The benchmark page: generates a large company once, then measures, run by run, what turning its
// CSV bytes into a full payout summary costs in this browser: load (CSV bytes to a Dataset),
// compile (plan to PlanEngine) and report (credit + calculate + summary JSON). It also measures
// the built-in 20,000-deal sample's full report once.
//
// Query parameters: reps (9000), deals (1000000), runs (5), seed (2026).
// When finished the raw results are in <pre id="results"> and window.benchResults, and
// document.body.dataset.done is "1" ("error" if the benchmark failed; the error is also logged).

import {
  init,
  version,
  Dataset,
  PlanEngine,
  sampleDataset,
  wasmMemoryBytes,
} from '../../lib/engine.js';
import { initGenerators, sampleLarge } from '../../lib/generators.js';
import { formatCount } from '../../lib/format.js';
import { $ } from '../../lib/dom.js';

const DEFAULTS = { reps: 9000, deals: 1_000_000, runs: 5, seed: 2026 };
/** The measured steps, in order, with their labels. */
const STEPS = [
  ['loadMs', 'Load: CSV bytes to dataset'],
  ['compileMs', 'Compile the plan'],
  ['reportMs', 'Credit, calculate, summary JSON'],
  ['totalMs', 'CSV bytes to summary report'],
];

/** Reads a positive integer query parameter, or the default; throws on anything else. */
function intParam(params, name) {
  const raw = params.get(name);
  if (raw === null || raw === '') return DEFAULTS[name];
  const n = Number(raw);
  const min = name === 'seed' ? 0 : 1;
  if (!Number.isSafeInteger(n) || n < min || n > 0xffff_ffff) {
    throw new Error(`query parameter ${name} must be a whole number ≥ ${min}, got ${JSON.stringify(raw)}`);
  }
  return n;
}

/** Lets the page paint (and the collector run) between steps; never inside a measurement. */
const breathe = () => new Promise((resolve) => setTimeout(resolve, 30));

function setStatus(text) {
  $('status').textContent = text;
}

/** Median, min and max of a list of numbers. */
function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

const ms = (v) => `${v.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} ms`;
const mib = (bytes) => `${(bytes / 1048576).toLocaleString('en-US', { maximumFractionDigits: 1 })} MiB`;

/** The JS heap as Chromium reports it (coarse unless precise memory info is on), or null. */
function jsHeap() {
  const m = /** @type {any} */ (performance).memory;
  if (!m) return null;
  return { usedBytes: m.usedJSHeapSize, totalBytes: m.totalJSHeapSize, limitBytes: m.jsHeapSizeLimit };
}

/**
 * Counts what a report holds: statements, and the transactions credited to each component
 * (summed over statements, so a deal credited to a rep and two managers counts three times).
 * `lines` counts the transaction lines actually listed (zero in a summary report).
 */
function countReport(report) {
  let creditedLines = 0;
  let lines = 0;
  let credited = false;
  for (const s of report.statements ?? []) {
    for (const c of s.components ?? []) {
      creditedLines += c.transactionCount ?? 0;
      lines += c.lines?.length ?? 0;
      if (typeof c.credit === 'string' && /[1-9]/.test(c.credit)) credited = true;
    }
  }
  return {
    statements: report.statements?.length ?? 0,
    // A summary report may leave transactionCount at 0 although credit was counted: then the
    // number is not available rather than zero.
    creditedLines: creditedLines === 0 && credited ? null : creditedLines,
    lines,
    periods: report.periods?.length ?? 0,
    payout: report.totals?.payout ?? null,
    currency: report.currency ?? null,
    warnings: report.warnings?.length ?? 0,
  };
}

/** Fills a <dl class="facts"> with [label, value] pairs. */
function facts(dl, pairs) {
  dl.replaceChildren();
  for (const [label, value] of pairs) {
    const div = document.createElement('div');
    const dt = document.createElement('dt');
    const dd = document.createElement('dd');
    dt.textContent = label;
    dd.textContent = value;
    div.append(dt, dd);
    dl.append(div);
  }
}

function cell(tag, text, className) {
  const el = document.createElement(tag);
  el.textContent = text;
  if (className) el.className = className;
  if (tag === 'th' && !className?.includes('num')) el.scope = 'row';
  return el;
}

/** The per-step table for the large company: median, min, max, then every run. */
function renderLargeTable(runs, summary) {
  const table = $('large-table');
  const head = document.createElement('tr');
  head.append(cell('th', 'Step'), cell('th', 'Median', 'num'), cell('th', 'Min', 'num'), cell('th', 'Max', 'num'));
  runs.forEach((_, i) => head.append(cell('th', `Run ${i + 1}`, 'num')));
  for (const th of head.children) th.setAttribute('scope', 'col');
  table.querySelector('thead').replaceChildren(head);

  const body = table.querySelector('tbody');
  body.replaceChildren();
  for (const [key, label] of STEPS) {
    const tr = document.createElement('tr');
    if (key === 'totalMs') tr.className = 'total';
    if (summary) {
      const s = summary[key];
      tr.append(cell('th', label), cell('td', ms(s.median), 'num median'), cell('td', ms(s.min), 'num'), cell('td', ms(s.max), 'num'));
    } else {
      tr.append(cell('th', label), cell('td', '…', 'num'), cell('td', '…', 'num'), cell('td', '…', 'num'));
    }
    for (const run of runs) tr.append(cell('td', ms(run[key]), 'num run'));
    body.append(tr);
  }
}

function renderSampleTable(sample) {
  const table = $('sample-table');
  const head = document.createElement('tr');
  head.append(cell('th', 'Step'), cell('th', 'Time', 'num'));
  for (const th of head.children) th.setAttribute('scope', 'col');
  table.querySelector('thead').replaceChildren(head);
  const rows = [
    ['loadMs', 'Load: CSV text to dataset'],
    ['compileMs', 'Compile the plan'],
    ['reportMs', 'Credit, calculate, full report JSON'],
    ['totalMs', 'CSV text to full report'],
  ];
  const body = table.querySelector('tbody');
  body.replaceChildren();
  for (const [key, label] of rows) {
    const tr = document.createElement('tr');
    if (key === 'totalMs') tr.className = 'total';
    tr.append(cell('th', label), cell('td', ms(sample[key]), 'num median'));
    body.append(tr);
  }
}

/** The built-in sample: load (CSV text, as the payouts page does it) + compile + full report. */
function benchSample() {
  const sample = sampleDataset();
  const plan = sample.plans[0];
  const t0 = performance.now();
  const data = Dataset.fromCsv(sample.transactionsCsv, sample.payees);
  const t1 = performance.now();
  const engine = new PlanEngine(plan);
  const t2 = performance.now();
  const json = engine.payoutJson(data);
  const t3 = performance.now();
  const result = {
    company: sample.company,
    planId: plan.id,
    payees: data.payeeCount,
    transactions: data.transactionCount,
    csvChars: sample.transactionsCsv.length,
    loadMs: t1 - t0,
    compileMs: t2 - t1,
    reportMs: t3 - t2,
    totalMs: t3 - t0,
    reportJsonBytes: json.length,
    ...countReport(JSON.parse(json)),
    wasmMemoryBytes: wasmMemoryBytes(),
  };
  engine.free();
  data.free();
  return result;
}

async function run() {
  const params = new URLSearchParams(location.search);
  const reps = intParam(params, 'reps');
  const deals = intParam(params, 'deals');
  const runs = intParam(params, 'runs');
  const seed = intParam(params, 'seed');

  await Promise.all([init(), initGenerators()]);
  $('engine-version').textContent = version();
  const results = {
    params: { reps, deals, runs, seed },
    environment: {
      engineVersion: version(),
      userAgent: navigator.userAgent,
      hardwareConcurrency: navigator.hardwareConcurrency ?? null,
      deviceMemoryGiB: /** @type {any} */ (navigator).deviceMemory ?? null,
      startedAt: new Date().toISOString(),
    },
    memory: { wasmBytesAtStart: wasmMemoryBytes() },
  };

  // The small sample first, so its memory figure is not the large company's high-water mark.
  setStatus('Measuring the built-in 20,000-deal sample…');
  await breathe();
  results.sample = benchSample();
  renderSampleTable(results.sample);
  facts($('sample-facts'), [
    ['Payees', formatCount(results.sample.payees)],
    ['Deals', formatCount(results.sample.transactions)],
    ['Statements', formatCount(results.sample.statements)],
    ['Transaction lines', formatCount(results.sample.lines)],
    ['Report JSON', mib(results.sample.reportJsonBytes)],
    ['Wasm memory after', mib(results.sample.wasmMemoryBytes)],
  ]);

  setStatus(`Generating the benchmark company (${formatCount(reps)} reps, ${formatCount(deals)} deals)…`);
  await breathe();
  let t0 = performance.now();
  const company = sampleLarge(reps, deals, seed);
  const generateMs = performance.now() - t0;
  const plan = company.plans[0];
  const payees = company.payees;
  t0 = performance.now();
  const bytes = new TextEncoder().encode(company.transactionsCsv);
  const encodeMs = performance.now() - t0;
  // Only the bytes are measured from here on; let the collector have the string.
  company.transactionsCsv = '';
  results.generate = {
    company: company.company,
    planId: plan.id,
    planName: plan.name,
    components: plan.components?.length ?? null,
    payees: payees.length,
    generateMs,
    encodeMs,
    csvBytes: bytes.byteLength,
  };
  $('headline-size').textContent = `${formatCount(payees.length)} · ${formatCount(deals)}`;
  $('large-hint').textContent =
    `${formatCount(reps)} reps under managers and directors (${formatCount(payees.length)} payees), ` +
    `${formatCount(deals)} deals (${mib(bytes.byteLength)} of CSV), plan “${plan.name}” ` +
    `(${plan.components?.length ?? '?'} components, seed ${seed}). Each run loads the CSV bytes, compiles ` +
    'the plan and computes the summary report; the dataset and engine are freed after each run.';

  const runResults = [];
  let firstJson = null;
  let identical = true;
  for (let i = 0; i < runs; i += 1) {
    setStatus(`Run ${i + 1} of ${runs}…`);
    renderLargeTable(runResults, null);
    await breathe();
    const a = performance.now();
    const data = Dataset.fromCsvBytes(bytes, payees);
    const b = performance.now();
    const engine = new PlanEngine(plan);
    const c = performance.now();
    const json = engine.payoutSummaryJson(data);
    const d = performance.now();
    const run = { loadMs: b - a, compileMs: c - b, reportMs: d - c, totalMs: d - a, wasmMemoryBytes: wasmMemoryBytes() };
    if (i === 0) {
      firstJson = json;
      results.dataset = { payees: data.payeeCount, transactions: data.transactionCount };
      results.report = { jsonBytes: json.length, ...countReport(JSON.parse(json)) };
    } else if (json !== firstJson) {
      identical = false;
    }
    engine.free();
    data.free();
    runResults.push(run);
  }
  results.report.identicalAcrossRuns = identical;
  results.runs = runResults;
  results.summary = Object.fromEntries(STEPS.map(([key]) => [key, stats(runResults.map((r) => r[key]))]));
  results.summary.dealsPerSecond = deals / (results.summary.totalMs.median / 1000);
  results.memory.wasmBytesPeak = wasmMemoryBytes();
  results.memory.jsHeap = jsHeap();
  results.environment.finishedAt = new Date().toISOString();

  renderLargeTable(runResults, results.summary);
  const r = results.report;
  facts($('large-facts'), [
    ['Generate company (not measured)', ms(generateMs)],
    ['Encode CSV (not measured)', ms(encodeMs)],
    ['Transactions loaded', formatCount(results.dataset.transactions)],
    ['Statements', formatCount(r.statements)],
    ['Credit lines counted by components', r.creditedLines === null ? 'not in a summary report' : formatCount(r.creditedLines)],
    ['Summary JSON', mib(r.jsonBytes)],
    ['Same report every run', identical ? 'yes' : 'NO'],
    ['JS heap used', results.memory.jsHeap ? mib(results.memory.jsHeap.usedBytes) : 'n/a'],
  ]);
  $('headline-total').textContent = ms(results.summary.totalMs.median);
  $('headline-throughput').textContent = formatCount(Math.round(results.summary.dealsPerSecond));
  $('headline-memory').textContent = mib(results.memory.wasmBytesPeak);
  if (!identical) console.warn('bench: the summary report differed between runs');
  return results;
}

function finish(results) {
  /** @type {any} */ (window).benchResults = results;
  $('results').textContent = JSON.stringify(results, null, 2);
}

run().then(
  (results) => {
    finish(results);
    setStatus(`Done: ${results.runs.length} runs.`);
    document.body.dataset.done = '1';
  },
  (err) => {
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    const box = $('error');
    box.textContent = `The benchmark failed: ${message}`;
    box.hidden = false;
    setStatus('Failed.');
    finish({ error: message, code: err?.code ?? null });
    console.error('bench failed:', err);
    document.body.dataset.done = 'error';
  },
);
