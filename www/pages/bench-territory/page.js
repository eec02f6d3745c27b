// The territory benchmark (issue 7): 10,000 accounts into 100 territories (the engine's seeded
// generator: clustered coordinates, skewed potentials, current owners), rebalanced by the wasm
// engine in this page; then single-account moves re-evaluating the metrics. Timings and the
// balance reached go to window.benchResults and <pre id="results">. `?accounts=&territories=&seed=`
// change the instance.
import { init, TerritoryModel, territorySample } from '../../lib/engine.js';

const q = new URLSearchParams(location.search);
const ACCOUNTS = Number(q.get('accounts') ?? 10000);
const TERRITORIES = Number(q.get('territories') ?? 100);
const SEED = Number(q.get('seed') ?? 7);
const MOVES = 50;

function median(v) {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function run() {
  await init();
  const input = JSON.parse(territorySample(ACCOUNTS, TERRITORIES, SEED));
  const t0 = performance.now();
  const model = new TerritoryModel(input);
  const tLoaded = performance.now();
  const before = model.result();
  const t1 = performance.now();
  const balanced = model.balance({ seed: SEED });
  const tBalanced = performance.now();
  // Moves: each unlocked account of a spread sample goes to the next territory and back.
  const moves = [];
  const ids = input.territories.map((t) => t.id);
  const free = balanced.assignment.filter((_, i) => !input.accounts[i].locked);
  for (let i = 0; i < MOVES; i += 1) {
    const a = free[(i * 197) % free.length];
    const to = ids[(ids.indexOf(a.territoryId) + 1) % ids.length];
    const s = performance.now();
    model.moveAccount(a.accountId, to);
    moves.push(performance.now() - s);
    model.moveAccount(a.accountId, a.territoryId);
  }
  model.free();
  return {
    accounts: ACCOUNTS,
    territories: TERRITORIES,
    loadMs: tLoaded - t0,
    resultMs: t1 - tLoaded,
    balanceMs: tBalanced - t1,
    moveMedianMs: median(moves),
    moveMaxMs: Math.max(...moves),
    before: before.metrics,
    after: balanced.metrics,
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
