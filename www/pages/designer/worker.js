// The designer's back-test worker: the dataset lives here, and every run over it (back-test,
// comparison of two plans, one payee's statements) happens off the main thread so typing in the
// editor never waits for it. Only the newest request of each kind is run: an edit that arrives
// while a back-test runs replaces the one queued after it.
//
// Messages in:  { type: 'load', source: 'company', transactionsCsv, payees }
//               | { type: 'load', source: 'csv', csv, preset, payees } (the company's people)
//               { type: 'backtest', id, plan } | { type: 'compare', id, old, new }
//               { type: 'statements', id, plan, payeeId }
// Messages out: the same type and id, with `result` and `ms` (time in the engine), or `error`
//               ({ message, code, diagnostics }).
import { init, loadDataset, loadDatasetJson, compilePlan, importCsv } from '../../lib/engine.js';

/** @type {any} */
let dataset = null;
/** @type {any[]} the active company's people (an uploaded CSV's owners are matched to them) */
let payees = [];
/** Newest request per type, waiting to run. @type {Map<string, any>} */
const queued = new Map();
let running = false;
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

/** @param {any} msg */
function handle(msg) {
  const t0 = performance.now();
  switch (msg.type) {
    case 'load': {
      dataset?.free();
      dataset = null;
      payees = msg.payees ?? [];
      if (msg.source === 'csv') {
        const { records, report } = importCsv('transactions', msg.csv, msg.preset ? { preset: msg.preset } : { preset: 'spm' }, payees);
        dataset = loadDatasetJson({ transactions: records, payees });
        return { transactions: dataset.transactionCount, payees: dataset.payeeCount, import: report, ms: performance.now() - t0 };
      }
      dataset = loadDataset({ transactionsCsv: msg.transactionsCsv, payees });
      return { transactions: dataset.transactionCount, payees: dataset.payeeCount, ms: performance.now() - t0 };
    }
    case 'backtest': {
      const engine = compilePlan(msg.plan);
      try {
        return engine.backtest(dataset);
      } finally {
        engine.free();
      }
    }
    case 'compare': {
      const a = compilePlan(msg.old);
      try {
        const b = compilePlan(msg.new);
        try {
          return a.diff(b, dataset);
        } finally {
          b.free();
        }
      } finally {
        a.free();
      }
    }
    case 'statements': {
      const engine = compilePlan(msg.plan);
      try {
        return engine.statementsFor(dataset, msg.payeeId);
      } finally {
        engine.free();
      }
    }
    default:
      throw new Error(`unknown request ${msg.type}`);
  }
}

async function drain() {
  if (running) return;
  running = true;
  try {
    await ready;
    // Loading first, then the newest request of each kind.
    for (;;) {
      const next = queued.get('load') ?? queued.values().next().value;
      if (!next) break;
      queued.delete(next.type);
      const t0 = performance.now();
      try {
        if (!dataset && next.type !== 'load') throw new Error('no data loaded yet');
        const result = handle(next);
        postMessage({ type: next.type, id: next.id, result, ms: performance.now() - t0 });
      } catch (err) {
        postMessage({ type: next.type, id: next.id, error: plain(err), ms: performance.now() - t0 });
      }
      // Let newer messages arrive before choosing the next request.
      await new Promise((r) => setTimeout(r, 0));
    }
  } finally {
    running = false;
  }
}

self.onmessage = (event) => {
  const msg = event.data;
  if (!msg || typeof msg.type !== 'string') return;
  queued.set(msg.type, msg);
  drain();
};
