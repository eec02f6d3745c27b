// One benchmark report for the whole engine (issue 10): runs every benchmark — native (criterion
// and the release examples) and the browser benchmark pages in headless Chromium — and writes one
// table into README.md between the bench-report markers, each row with its target from the issues
// and the machine it ran on. Raw figures: test-results/bench-report.json.
//
//   bash scripts/bench-report.sh              set-up and release build first, then this
//   node scripts/bench-report.mjs [--runs N] [--only native|browser|sizes] [--no-write]
//
// A benchmark, not a test: it fails only when a benchmark itself fails (a page error, a crash),
// never because a figure misses its target; a missed target reads "not met" in the table.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launch, runBenchPages, watch } from './browser.mjs';
import { startServer } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const RUNS = Number(opt('--runs', '3')) || 3;
const ONLY = opt('--only', 'all');
const WRITE = !argv.includes('--no-write');
const BEGIN = '<!-- bench-report:begin -->';
const END = '<!-- bench-report:end -->';

/** @type {Array<{ area: string, what: string, figure: string, target: string, met: boolean | null, command: string }>} */
const rows = [];
const raw = {};
const row = (area, what, figure, target, met, command) => rows.push({ area, what, figure, target, met, command });
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)];
const range = (v, digits = 0) => {
  const lo = Math.min(...v).toFixed(digits);
  const hi = Math.max(...v).toFixed(digits);
  return lo === hi ? lo : `${lo}–${hi}`;
};
const int = (v) => Math.round(v).toLocaleString('en-US');

function run(cmd, args, { env = {} } = {}) {
  console.error(`bench-report: $ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr?.slice(-4000)}`);
  return r.stdout;
}

/** A criterion estimate (median, ns) from target/criterion. */
function criterion(id) {
  const file = path.join(root, 'target/criterion', id, 'new/estimates.json');
  return JSON.parse(readFileSync(file, 'utf8')).median.point_estimate;
}

async function native() {
  run('cargo', ['bench', '--no-default-features', '--bench', 'payout', '--', 'large|compile_plan'], { env: { CARGO_TERM_COLOR: 'never' } });
  const load = criterion('large/load_csv_1m') / 1e6;
  const credit = criterion('large/credit_1m') / 1e6;
  const calc = criterion('large/calculate_3m_credited_lines');
  raw.criterion = { loadMs: load, creditMs: credit, calculateNs: calc, compilePlanUs: criterion('compile_plan') / 1e3 };
  row('payout', 'native: calculation per credited line (3,000,000 lines)', `${(calc / 3e6).toFixed(1)} ns`, '< 60 ns', calc / 3e6 < 60, 'cargo bench --no-default-features --bench payout -- large');
  row('payout', 'native: load 1,000,000-deal CSV; crediting', `${load.toFixed(0)} ms; ${credit.toFixed(0)} ms`, '', null, 'same');

  const terr = run('cargo', ['run', '--release', '--no-default-features', '--example', 'territory_bench']);
  const sets = [...terr.matchAll(/### (.+?)\n\n[^\n]+\n[^\n]+\n\| (\d+) \| (-?[\d.]+) \| (-?[\d.]+) \| ([\d.]+) \|/g)];
  const targets = { gap: 1, pmedcap: 3, Pfizer: 1 };
  raw.territoryQuality = sets.map((m) => ({ set: m[1], instances: Number(m[2]), meanGap: Math.abs(Number(m[3])), worstGap: Math.abs(Number(m[4])), meanMs: Number(m[5]) }));
  for (const s of raw.territoryQuality) {
    const key = Object.keys(targets).find((k) => s.set.startsWith(k));
    const t = key ? targets[key] : null;
    row('territory', `quality, ${s.set}: mean gap to the known optimum (${s.instances} instances)`, `${s.meanGap.toFixed(3)}% (worst ${s.worstGap.toFixed(2)}%), ${s.meanMs.toFixed(0)} ms each`, t ? `< ${t}%` : '', t ? s.meanGap < t : null, 'cargo run --release --no-default-features --example territory_bench');
  }
  if (!sets.length) row('territory', 'quality on published instances', 'skipped: ../shared/benchmarks not found (SPM_BENCHMARKS=dir)', '< 1% / 3%', null, 'same');

  const fc = run('cargo', ['run', '--release', '--no-default-features', '--example', 'forecast_timing']);
  const fcMs = Math.max(...[...fc.matchAll(/fit \+ forecast median ([\d.]+) ms/g)].map((m) => Number(m[1])));
  raw.forecastTiming = fc.trim();
  if (Number.isFinite(fcMs)) row('forecast', 'one 36-month series: 15 ETS models fitted, AICc choice, 12 months ahead (native, median; seasonal and not)', `${fcMs.toFixed(2)} ms`, '< 1 ms', fcMs < 1, 'cargo run --release --no-default-features --example forecast_timing');

  try {
    const m3 = run('bash', ['scripts/bench-m3.sh']);
    const ets = /\| ETS[^|]*\| ([\d.]+) \| ([\d.]+) \|/.exec(m3);
    const naive2 = /\| Naive2 \| ([\d.]+) \|/.exec(m3);
    raw.m3 = m3.trim();
    if (ets) row('forecast', 'accuracy on M3 monthly (1,428 series, horizon 18): sMAPE / MASE of automatic ETS', `${ets[1]} / ${ets[2]}`, `beat Naive2 (${naive2?.[1] ?? '16.76'})`, naive2 ? Number(ets[1]) < Number(naive2[1]) : null, 'bash scripts/bench-m3.sh');
  } catch (err) {
    row('forecast', 'accuracy on M3', `skipped: ${String(err.message).split('\n')[0]}`, '', null, 'bash scripts/bench-m3.sh');
  }
}

async function browser() {
  // The payout benchmark company in wasm (writes test-results/bench-browser.json).
  run('node', ['scripts/bench-browser.mjs', '--runs', String(Math.max(RUNS, 3))]);
  const b = JSON.parse(readFileSync(path.join(root, 'test-results/bench-browser.json'), 'utf8'));
  raw.payout = b.summary;
  row('payout', 'wasm: 1,000,000 deals, CSV bytes → summary report JSON (9,990 payees, 3,000,000 credited lines)', `${int(b.summary.totalMs.median)} ms median (${int(b.summary.totalMs.min)}–${int(b.summary.totalMs.max)}); ${int(b.summary.dealsPerSecond)} deals/s`, '≤ 1,000 ms', b.summary.totalMs.median <= 1000, 'node scripts/bench-browser.mjs --runs 3');
  row('payout', 'wasm memory high-water for 1,000,000 deals', `${(b.memory.wasmBytesPeak / 1048576).toFixed(0)} MiB`, '', null, 'same');

  const pages = (p, n = RUNS) => runBenchPages(Array.from({ length: n }, (_, i) => p.replace('SEED', String(7 + i))));
  const est = await pages('pages/bench-estimate/?seed=SEED');
  raw.estimate = est;
  row('estimate', 'wasm: one deal estimated for a payee with 1,000 deals this year', `${range(est.map((r) => r.estimate.medianUs))} µs median`, '< 50 µs', Math.max(...est.map((r) => r.estimate.medianUs)) < 50, 'node scripts/bench-estimate.mjs --runs 3');

  const terr = await pages('pages/bench-territory/?accounts=10000&territories=100&seed=SEED');
  raw.territory = terr;
  row('territory', 'wasm: rebalance 10,000 accounts into 100 territories', `${range(terr.map((r) => r.balanceMs / 1000), 2)} s; largest deviation after ${range(terr.map((r) => Number(r.after.maxDeviationPotential) * 100), 2)}%`, '< 2 s, ±2%', terr.every((r) => r.balanceMs < 2000), 'node scripts/bench-territory.mjs --runs 3');
  row('territory', 'wasm: move one account, figures recomputed', `${range(terr.map((r) => r.moveMedianMs), 2)} ms median`, '< 16 ms', terr.every((r) => r.moveMedianMs < 16), 'same');

  const sim = await pages('pages/bench-simulate/?reps=1000&trials=10000&seed=SEED');
  raw.simulate = sim;
  row('simulate', 'wasm: Monte Carlo, 1,000 reps × 10,000 trials (trials; with set-up)', `${range(sim.map((r) => r.trialsMs))} ms; ${range(sim.map((r) => r.totalMs))} ms`, '< 1,000 ms', sim.every((r) => r.totalMs < 1000), 'node scripts/bench-simulate.mjs --runs 3');

  const sc = await pages('pages/bench-scoring/?reps=10000&events=1000000&seed=SEED');
  raw.scoring = sc;
  row('scoring', 'wasm: leaderboard recompute, 10,000 reps, 1,000,000 events (slowest of the benchmark boards)', `${range(sc.map((r) => r.worstLeaderboardMs), 1)} ms`, '< 200 ms', sc.every((r) => r.worstLeaderboardMs < 200), 'node scripts/bench-scoring.mjs --runs 3');
  row('scoring', 'wasm: load 1,000,000 events (parse, points, sort, limits); full report', `${range(sc.map((r) => r.loadMs / 1000), 2)} s; ${range(sc.map((r) => r.reportMs))} ms`, '', null, 'same');

  const designer = run('node', ['scripts/bench-designer.mjs', '--edits', '10']);
  const shown = /edit → back-test shown[^|]*\| ([\d.]+) \| ([\d.]+) \|/.exec(designer);
  const curve = /edit → payout curve redrawn[^|]*\| ([\d.]+) \|/.exec(designer);
  raw.designer = designer.trim();
  if (shown) row('pages', 'designer: a tier rate edited → back-test of 20,000 deals shown (median of 10 edits)', `${shown[1]} ms (max ${shown[2]}); curve redrawn ${curve?.[1]} ms`, '≤ 100 ms', Number(shown[1]) <= 100, 'node scripts/bench-designer.mjs --edits 10');

  await firstEstimateRow();
}

/** The estimator element's first estimate after navigation, 10 cold loads (issue 18's target). */
async function firstEstimateRow() {
  const first = await widgetFirstEstimate(10);
  raw.widgetFirstEstimateMs = first;
  row('pages', 'estimator element on a plain page: navigation → first estimate shown (10 cold loads)', `${int(median(first))} ms median (${range(first)})`, '≤ 150 ms', median(first) <= 150, 'node scripts/bench-report.mjs --only elements --no-write');
}

/** Loads www/pages/embed-demo/ n times and reads the widget's first-estimate time. */
async function widgetFirstEstimate(n) {
  const server = await startServer({ port: 0 });
  const browser = await launch();
  const out = [];
  try {
    for (let i = 0; i < n; i += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems = [];
      watch(page, problems);
      await page.goto(`${server.url}pages/embed-demo/`);
      await page.waitForFunction(() => window.firstEstimateMs !== undefined, null, { timeout: 60_000 });
      out.push(await page.evaluate(() => window.firstEstimateMs));
      if (problems.length) throw new Error(`pages/embed-demo/: ${problems.join('\n')}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}

function sizes() {
  const size = (f) => {
    const bytes = readFileSync(path.join(root, f));
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const sum = (xs) => xs.reduce((s, x) => s + x.gzip, 0);
  raw.sizes = {};
  for (const build of ['app', 'estimator', 'leaderboard']) {
    const wasm = size(`pkg/${build}/spm_engine_bg.wasm`);
    const glue = size(`pkg/${build}/spm_engine.js`);
    raw.sizes[build] = { wasm, glue };
    row('size', `\`pkg/${build}/\` wasm (wasm-opt ${build === 'app' ? '-O3' : '-Oz'}) + glue`, `${int(wasm.raw)} + ${int(glue.raw)} bytes; ${int(wasm.gzip)} + ${int(glue.gzip)} gzipped`, '', null, 'bash scripts/build.sh');
  }
  // Everything an element transfers: its script, the shared loader and helpers, its build, and
  // (for the estimator) the amount reader and the demo plan.
  const shared = ['www/components/load.js', 'www/components/common.js', 'www/lib/format.js', 'www/lib/dom.js'].map(size);
  const element = (file, build, extra) => {
    const own = size(file);
    const b = raw.sizes[build];
    return { own, total: own.gzip + sum(shared) + b.wasm.gzip + b.glue.gzip + sum(extra.map(size)) };
  };
  const KB150 = 150 * 1024;
  raw.sizes.estimatorElement = element('www/components/spm-estimator.js', 'estimator', ['www/lib/amount.js', 'www/components/demo-plan.json']);
  row('size', '`<spm-estimator>`: everything it transfers (script, loader, build, plan), gzipped', `${int(raw.sizes.estimatorElement.total)} bytes`, '≤ 153,600 bytes (150 KB)', raw.sizes.estimatorElement.total <= KB150, 'this report');
  raw.sizes.leaderboardElement = element('www/components/spm-leaderboard.js', 'leaderboard', []);
  row('size', '`<spm-leaderboard>`: everything it transfers (script, loader, build), gzipped', `${int(raw.sizes.leaderboardElement.total)} bytes`, '≤ 153,600 bytes (150 KB)', raw.sizes.leaderboardElement.total <= KB150, 'this report');
}

function machine() {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  let browserVersion = 'unknown';
  try {
    browserVersion = execFileSync(chromium, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch { /* not installed */ }
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch { /* not a clone */ }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${browserVersion}, Node ${process.version}; ` +
    `commit ${commit}, ${new Date().toISOString().slice(0, 10)}; 1-minute load average at the end ${os.loadavg()[0].toFixed(2)}`;
}

const rowText = (r) =>
  `| ${r.area} | ${r.what} | ${r.figure} | ${r.target || '—'} | ${r.met === null ? '—' : r.met ? 'yes' : '**not met**'} | \`${r.command}\` |`.replace('`same`', 'same').replace('`this report`', 'this report');
/** A row's key: its area and what it measures (the first two cells). */
const rowKey = (line) => line.split(' | ').slice(0, 2).join(' | ');

/**
 * The table: every row of this run; with `--only`, the rows of the README's table this run did not
 * measure are kept where they were (and marked by the machine line as from an earlier run).
 */
function table(previous) {
  let body = rows.map(rowText);
  let machineLine = `Machine: ${machine()}. Reproduce: \`bash scripts/bench-report.sh\` (about 15 minutes; it rewrites this table).`;
  if (ONLY !== 'all' && previous) {
    const fresh = new Map(body.map((l) => [rowKey(l), l]));
    const old = previous.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| area |') && !l.startsWith('| --- |'));
    const kept = old.map((l) => fresh.get(rowKey(l)) ?? l);
    const seen = new Set(old.map(rowKey));
    body = [...kept, ...body.filter((l) => !seen.has(rowKey(l)))];
    machineLine += ` Rows of \`--only ${ONLY}\` measured then; the others come from an earlier full run.`;
  }
  const lines = [
    BEGIN,
    machineLine,
    '',
    '| area | what | figure | target (from the issues) | met | reproduce alone |',
    '| --- | --- | --- | --- | --- | --- |',
    ...body,
    END,
  ];
  return lines.join('\n');
}

if (ONLY === 'all' || ONLY === 'sizes' || ONLY === 'elements') sizes();
if (ONLY === 'elements') await firstEstimateRow();
if (ONLY === 'all' || ONLY === 'native') await native();
if (ONLY === 'all' || ONLY === 'browser') await browser();
const readmeBefore = readFileSync(path.join(root, 'README.md'), 'utf8');
const text = table(readmeBefore.slice(readmeBefore.indexOf(BEGIN), readmeBefore.indexOf(END)));
console.log(text);
mkdirSync(path.join(root, 'test-results'), { recursive: true });
writeFileSync(path.join(root, 'test-results/bench-report.json'), `${JSON.stringify({ machine: machine(), rows, raw }, null, 2)}\n`);
if (WRITE) {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const a = readme.indexOf(BEGIN);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md has no ${BEGIN} … ${END} block to replace`);
  writeFileSync(path.join(root, 'README.md'), readme.slice(0, a) + text + readme.slice(b + END.length));
  console.error('bench-report: README.md updated');
}
