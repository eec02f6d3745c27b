// The adversarial generator (crates/sample/src/adversary.rs, through the generators build) run
// through the JS API (www/lib/engine.js over the app build) for a bounded time, as the native
// (tests/adversarial.rs) and CLI (crates/cli/tests/adversarial.rs) runners do: plan, payees,
// transactions, rates, the payout report, the ledger with events and payee adjustments, the
// estimator. Checked for every call: no wasm trap (a RuntimeError such as `unreachable`), no other
// exception than an SpmError; every SpmError has a code other than INTERNAL and located
// diagnostics; each input finishes within PER_INPUT_MS. ADVERSARIAL_JS_SECONDS sets the budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadEngine, repoRoot } from './helpers.mjs';

const BUDGET_MS = 1000 * Number(process.env.ADVERSARIAL_JS_SECONDS ?? 30);
const PER_INPUT_MS = 20_000;

test('adversarial inputs through the JS API: no trap, every error coded and located', async () => {
  const engine = await loadEngine();
  const generators = await import('../../www/lib/generators.js');
  await generators.initGenerators(readFileSync(path.join(repoRoot, 'pkg/generators/spm_engine_bg.wasm')));
  const failures = [];
  const codes = new Map();
  let calls = 0;
  let slowest = [0, -1];

  /** Runs `f`; returns its value, or undefined after an SpmError (checked) or another exception. */
  function call(at, f, ...owned) {
    calls += 1;
    try {
      return f();
    } catch (err) {
      if (err instanceof Error && err.name === 'SpmError') {
        codes.set(err.code, (codes.get(err.code) ?? 0) + 1);
        if (err.code === 'INTERNAL') failures.push(`${at}: INTERNAL: ${err.message}`);
        if (!Array.isArray(err.diagnostics) || err.diagnostics.length === 0) {
          failures.push(`${at}: ${err.code} without a location: ${err.message}`);
        } else if (err.diagnostics.some((d) => typeof d.path !== 'string' || d.path.trim() === '')) {
          failures.push(`${at}: a ${err.code} diagnostic without a path`);
        }
      } else {
        failures.push(`${at}: ${err?.name ?? typeof err}: ${String(err?.message ?? err).slice(0, 200)}`);
      }
      return undefined;
    } finally {
      for (const o of owned) o?.free?.();
    }
  }

  const started = Date.now();
  let seed = 0;
  while (seed < 14 || Date.now() - started < BUDGET_MS) {
    const a = generators.adversarialCase(seed);
    const at = (what) => `seed ${seed} (${a.families.join(' + ')}) ${what}`;
    const t0 = Date.now();
    const plan = call(at('compilePlan'), () => engine.compilePlan(a.plan));
    const data = call(at('loadDatasetJson'), () => {
      const d = engine.loadDatasetJson({ transactions: a.transactions, payees: a.payees });
      try {
        d.setRates(a.rates);
      } catch (err) {
        d.free();
        throw err;
      }
      return d;
    });
    if (plan !== undefined) {
      if (data !== undefined) {
        call(at('payout'), () => plan.payoutJson(data));
        call(at('ledger'), () => {
          const run = plan.ledger(data, a.events, undefined, a.adjustments);
          try {
            return run.json();
          } finally {
            run.free();
          }
        });
      }
      call(at('estimator'), () => {
        const est = plan.estimator(a.state);
        try {
          est.estimate(a.deals);
          return est.pipeline(a.deals);
        } finally {
          est.free();
        }
      });
    }
    plan?.free();
    data?.free();
    const took = Date.now() - t0;
    if (took > slowest[0]) slowest = [took, seed];
    if (took > PER_INPUT_MS) failures.push(`${at('')}took ${took} ms`);
    seed += 1;
  }
  console.log(
    `adversarial (JS API, wasm): ${seed} inputs, ${calls} calls, errors by code ${JSON.stringify(Object.fromEntries(codes))}, slowest ${slowest[0]} ms (seed ${slowest[1]}), ${failures.length} problems`,
  );
  assert.deepEqual(failures.slice(0, 40), [], `${failures.length} problems`);
});
