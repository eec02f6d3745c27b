// The estimate benchmark (issue 5): one payee with 1,000 deals so far this year under the sample's
// marginal plan (four components: running commission, renewals, quarterly bonus with a
// multiplier and a cap, SPIFF); how long the engine takes to answer an estimate of one more deal.
// performance.now() is coarse in a page without cross-origin isolation, so estimates are timed
// in batches and each batch is divided by its size. The deal amounts below are benchmark data,
// not money arithmetic. Results go to window.benchResults and <pre id="results">.
import { init, sampleDataset, compilePlan } from '../../lib/engine.js';

const BATCH = 50;
const BATCHES = 40;
const WARM_MS = 1500;
const DEAL = '[{"amount":"25000.00","type":"new","product":"Platform","date":"2026-05-20"}]';

function median(v) {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function state(n) {
  const deals = [];
  for (let i = 0; i < n; i += 1) {
    const month = String(1 + (i % 5)).padStart(2, '0');
    const day = String(1 + (i % 28)).padStart(2, '0');
    deals.push({ id: `s${i}`, date: `2026-${month}-${day}`, amount: `${1000 + ((i * 37) % 9000)}.00`, type: 'new', product: 'Platform' });
  }
  return {
    payee: { id: 'me', name: 'Me', targetIncentive: '20000', inputs: [{ name: 'nps', value: '50' }],
      quotas: [{ component: 'new-business', amount: '1500000.00' }] },
    deals,
    asOf: '2026-05-20',
  };
}

async function run() {
  const t0 = performance.now();
  await init();
  const tInit = performance.now();
  const plan = compilePlan(sampleDataset().plans[0]);
  const t1 = performance.now();
  const est = plan.estimator(state(1000));
  const tPrepared = performance.now();
  const first = est.estimateJson(DEAL, false);
  const tFirst = performance.now();
  const timed = (explain) => {
    // Warm up for WARM_MS: V8 first runs wasm from its baseline compiler and moves hot functions
    // to the optimizing one in the background, which takes a while for a 1.7 MB module.
    const w = performance.now();
    while (performance.now() - w < WARM_MS) est.estimateJson(DEAL, explain);
    const perEstimate = [];
    for (let b = 0; b < BATCHES; b += 1) {
      const s = performance.now();
      for (let i = 0; i < BATCH; i += 1) est.estimateJson(DEAL, explain);
      perEstimate.push(((performance.now() - s) * 1000) / BATCH);
    }
    return { medianUs: median(perEstimate), minUs: Math.min(...perEstimate), maxUs: Math.max(...perEstimate) };
  };
  const quick = timed(false);
  const explained = timed(true);
  const results = {
    deals: 1000,
    initMs: tInit - t0,
    compileMs: t1 - tInit,
    prepareMs: tPrepared - t1,
    firstEstimateMs: tFirst - tPrepared,
    estimate: quick,
    estimateWithSentences: explained,
    adds: JSON.parse(first).deals[0].adds,
  };
  est.free();
  plan.free();
  return results;
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
