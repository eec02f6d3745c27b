// The plan-costing worker: the active company's dataset lives here (the page posts its deals and
// people once, in a 'data' message), and a Monte Carlo run goes in
// chunks of trials, each chunk posting the result so far, so the page shows a first view within a
// few hundred trials and refines it without ever blocking the main thread. A new run replaces
// the one in progress (its remaining chunks are dropped).
//
// Messages in:  { type: 'data', transactionsCsv, payees } | { type: 'run', id, plan, options } | { type: 'sensitivity', id, plan, options, sens }
// Messages out: { type: 'progress' | 'done', id, result, ms } | { type: 'sensitivity', id, result, ms }
//               | { type: 'error', id, error: { message, code, diagnostics } }
import { init, loadDataset, compilePlan } from '../../lib/engine.js';

/** Trials in the first chunk (a first view at once), then in each later one. */
const FIRST_CHUNK = 500;
const CHUNK = 5000;

/** @type {any} */
let dataset = null;
/** The company's deals and people, as the page posted them. */
/** @type {{ transactionsCsv: string, payees: any[] } | null} */
let company = null;
/** The id of the run in progress; a chunk of an older run stops it. */
let current = -1;
const ready = init();

/** @param {unknown} err */
function plain(err) {
  const e = /** @type {any} */ (err);
  return {
    message: err instanceof Error ? err.message : String(err),
    code: e && typeof e.code === 'string' ? e.code : 'INTERNAL',
    diagnostics: e && Array.isArray(e.diagnostics) ? e.diagnostics : [],
  };
}

function data() {
  if (!dataset) {
    if (!company) throw new Error('The page has not sent the company’s deals to the costing worker yet.');
    dataset = loadDataset({ transactionsCsv: company.transactionsCsv, payees: company.payees });
  }
  return dataset;
}

/** @param {any} msg */
function run(msg) {
  const t0 = performance.now();
  const engine = compilePlan(msg.plan);
  let sim;
  try {
    sim = engine.simulation(data(), msg.options);
  } finally {
    engine.free();
  }
  current = msg.id;
  let size = FIRST_CHUNK;
  const chunk = () => {
    if (current !== msg.id) {
      sim.free();
      return;
    }
    try {
      const result = sim.step(size);
      size = CHUNK;
      const done = result.done;
      self.postMessage({ type: done ? 'done' : 'progress', id: msg.id, result, ms: performance.now() - t0 });
      if (done) sim.free();
      else setTimeout(chunk, 0);
    } catch (err) {
      sim.free();
      self.postMessage({ type: 'error', id: msg.id, error: plain(err) });
    }
  };
  chunk();
}

/** @param {any} msg */
function sensitivity(msg) {
  const t0 = performance.now();
  const engine = compilePlan(msg.plan);
  try {
    const sim = engine.simulation(data(), msg.options);
    try {
      const result = sim.sensitivity(msg.plan, data(), msg.sens);
      self.postMessage({ type: 'sensitivity', id: msg.id, result, ms: performance.now() - t0 });
    } finally {
      sim.free();
    }
  } finally {
    engine.free();
  }
}

self.onmessage = async (/** @type {MessageEvent} */ e) => {
  const msg = e.data;
  try {
    await ready;
    if (msg.type === 'data') {
      dataset?.free();
      dataset = null;
      company = { transactionsCsv: msg.transactionsCsv, payees: msg.payees };
    } else if (msg.type === 'run') run(msg);
    else if (msg.type === 'sensitivity') sensitivity(msg);
  } catch (err) {
    self.postMessage({ type: 'error', id: msg.id, error: plain(err) });
  }
};
