// The Monte Carlo benchmark (issue 8): the benchmark company's 1,000 reps (a three-component
// plan: marginal commission on YTD attainment, a quarterly bonus, a SPIFF) through 10,000 trials
// in the wasm engine in this page. The set-up (history fit and every payout curve from real plan
// runs) and the trials are timed apart; a chunked run (a first view after 500 trials, then the
// rest) must give the same text. Timings go to window.benchResults and <pre id="results">.
// `?reps=&trials=&seed=&correlation=` change the case.
import { init, compilePlan, loadDataset, PlanSimulation } from '../../lib/engine.js';
import { initGenerators, sampleLarge } from '../../lib/generators.js';

const q = new URLSearchParams(location.search);
const REPS = Number(q.get('reps') ?? 1000);
const TRIALS = Number(q.get('trials') ?? 10000);
const SEED = Number(q.get('seed') ?? 7);
const CORRELATION = q.get('correlation') ?? '0.2';
const FIRST = 500;

async function run() {
  await Promise.all([init(), initGenerators()]);
  const sample = sampleLarge(REPS, REPS * 100, SEED);
  const plan = compilePlan(sample.plans[0]);
  const data = loadDataset({ transactionsCsv: sample.transactionsCsv, payees: sample.payees });
  const options = { trials: TRIALS, seed: SEED, roles: ['rep'], correlation: CORRELATION };
  // In one go: set-up, then every trial.
  const t0 = performance.now();
  const sim = new PlanSimulation(plan, data, options);
  const t1 = performance.now();
  const whole = sim.resultJson();
  const t2 = performance.now();
  sim.free();
  // Chunked: a first view after FIRST trials, then the rest.
  const c0 = performance.now();
  const chunked = new PlanSimulation(plan, data, options);
  const first = chunked.step(FIRST);
  const c1 = performance.now();
  const rest = chunked.resultJson();
  chunked.free();
  const result = JSON.parse(whole);
  plan.free();
  data.free();
  return {
    reps: result.reps.length,
    trials: result.trials,
    setupMs: t1 - t0,
    trialsMs: t2 - t1,
    totalMs: t2 - t0,
    nsPerRepTrial: ((t2 - t1) * 1e6) / (result.reps.length * result.trials),
    firstViewMs: c1 - c0,
    firstViewP50: first.totalCost.p50,
    chunkedEqual: rest === whole,
    curves: result.curves.length,
    runs: result.curves.reduce((s, c) => s + c.runs, 0),
    totalCost: result.totalCost,
    costOfSalesP50: result.costOfSales.p50,
    atOrAboveQuota: result.atOrAboveQuota,
  };
}

run().then(
  (r) => {
    window.benchResults = r;
    document.getElementById('results').textContent = JSON.stringify(r, null, 2);
    document.getElementById('status').textContent = 'Done.';
    document.body.dataset.done = '1';
  },
  (err) => {
    window.benchResults = { error: String(err && err.message ? err.message : err) };
    document.getElementById('status').textContent = `Failed: ${window.benchResults.error}`;
    document.body.dataset.done = '1';
  },
);
