// The golden checker's JS port: the same matching rules and messages as the Rust checker
// (crates/testkit/src/rules.rs), and each area's engine call made through the JS API
// (www/lib/engine.js over the wasm build) as crates/testkit/src/areas.rs makes it natively.
// Both run the cases of crates/testkit/checker_cases.json; tests/js/golden.test.mjs runs every
// golden file through here and compares each result with the native one byte for byte.
//
// The rules, in short (crates/testkit/src/rules.rs has them in full): objects match as subsets
// (an expected null also matches an absent key); arrays have the same length and match element by
// element, unless the expected array ends with "...", when each listed element matches a different
// element of the result in any order; strings (decimals included) compare exactly, numbers as
// numbers; every message starts with the JSON path.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './helpers.mjs';

/** The last element of an expected array that lists only some elements. */
export const MORE = '...';

export const goldenDir = path.join(repoRoot, 'tests/golden');
/** Where tests/golden.rs writes the native results. */
export const nativeDir = path.join(repoRoot, 'target/golden-native');

/** Every mismatch between an expectation and a result, each starting with its path below `$`. */
export function mismatches(expected, actual) {
  const out = [];
  compare(expected, actual, '$', out);
  return out;
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function compare(expected, actual, where, out) {
  if (isObject(expected) && isObject(actual)) {
    for (const [k, ev] of Object.entries(expected)) {
      const p = `${where}.${k}`;
      if (Object.hasOwn(actual, k) && actual[k] !== undefined) compare(ev, actual[k], p, out);
      else if (ev !== null) out.push(`${p}: missing from the result`);
    }
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const partial = expected.length > 0 && expected[expected.length - 1] === MORE;
    const listed = partial ? expected.slice(0, -1) : expected;
    const misplaced = listed.indexOf(MORE);
    if (misplaced >= 0) {
      out.push(`${where}[${misplaced}]: "${MORE}" may only end an array`);
    } else if (partial) {
      someElements(listed, actual, where, out);
    } else if (expected.length !== actual.length) {
      out.push(`${where}: expected ${elements(expected.length)}, found ${actual.length}`);
    } else {
      expected.forEach((ev, i) => compare(ev, actual[i], `${where}[${i}]`, out));
    }
    return;
  }
  const sameType =
    (typeof expected === 'number' && typeof actual === 'number') ||
    (typeof expected === 'string' && typeof actual === 'string') ||
    (typeof expected === 'boolean' && typeof actual === 'boolean') ||
    (expected === null && actual === null);
  if (sameType && expected === actual) return;
  out.push(`${where}: expected ${describe(expected)}, found ${describe(actual)}`);
}

/** The listed elements of a partial array, each matched to a different element of the result. */
function someElements(listed, actual, where, out) {
  if (actual.length < listed.length) {
    out.push(`${where}: expected at least ${elements(listed.length)}, found ${actual.length}`);
    return;
  }
  const used = actual.map(() => false);
  listed.forEach((ev, i) => {
    let nearest = null;
    for (let j = 0; j < actual.length; j += 1) {
      if (used[j]) continue;
      const m = [];
      compare(ev, actual[j], `${where}[${j}]`, m);
      if (m.length === 0) {
        used[j] = true;
        return;
      }
      if (nearest === null || m.length < nearest.m.length) nearest = { j, m };
    }
    if (nearest === null) {
      out.push(`${where}: no element is left for listed element ${i}`);
    } else {
      out.push(`${where}: no element matches listed element ${i}; the nearest is [${nearest.j}]:`);
      out.push(...nearest.m);
    }
  });
}

const elements = (n) => (n === 1 ? '1 element' : `${n} elements`);

/** A value in a message: scalars as canonical JSON, arrays and objects by their kind. */
function describe(v) {
  if (Array.isArray(v)) return `an array of ${elements(v.length)}`;
  if (isObject(v)) return 'an object';
  return canonical(v);
}

/**
 * The canonical JSON text of a value, as `canonical` in crates/testkit/src/rules.rs writes it: no
 * whitespace, object keys sorted, strings and numbers as JSON.stringify writes them.
 */
export function canonical(v) {
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonical(x))).join(',')}]`;
  if (isObject(v)) {
    const keys = Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** FNV-1a 64 of a file's bytes as 16 hex digits, as `spm_testkit::digest` writes it. */
export function digest(bytes) {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/** Every golden file as `{ area, name, file }`, sorted as the Rust checker sorts them. */
export function goldenFiles() {
  const out = [];
  for (const area of readdirSync(goldenDir, { withFileTypes: true })) {
    if (!area.isDirectory()) continue;
    for (const f of readdirSync(path.join(goldenDir, area.name))) {
      if (f.endsWith('.json')) out.push({ area: area.name, name: f.slice(0, -5), file: path.join(goldenDir, area.name, f) });
    }
  }
  return out.sort((a, b) => (a.area === b.area ? cmp(a.name, b.name) : cmp(a.area, b.area)));
}

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** The named arguments of an area whose input is an object of them (as `Args` checks them in Rust). */
function args(input, required, optional) {
  if (!isObject(input)) throw new Error('input is not an object of arguments');
  for (const k of Object.keys(input)) {
    if (!required.includes(k) && !optional.includes(k)) {
      throw new Error(`input.${k} is no argument of this area (it takes ${[...required, ...optional].join(', ')})`);
    }
  }
  const missing = required.find((k) => !(k in input));
  if (missing !== undefined) throw new Error(`input.${missing} is missing`);
  // null counts as absent, as Rust reads it.
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null));
}

/** Calls `f(x)`, then frees `x` (a wasm object). */
function using(x, f) {
  try {
    return f(x);
  } finally {
    x.free();
  }
}

function withPlanAndData(engine, a, f) {
  return using(engine.loadDatasetJson({ transactions: a.transactions, payees: a.payees }), (data) => {
    if (a.rates !== undefined) data.setRates(a.rates);
    return using(engine.compilePlan(a.plan), (plan) => f(plan, data));
  });
}

/** Each area's engine call through the JS API; crates/testkit/src/areas.rs makes the same natively. */
const AREAS = {
  payout: (engine, input) => {
    const a = args(input, ['plan', 'payees', 'transactions'], ['rates']);
    return withPlanAndData(engine, a, (plan, data) => plan.payout(data));
  },
  ledger: (engine, input) => {
    const a = args(input, ['plan', 'payees', 'transactions'], ['rates', 'events', 'through']);
    return withPlanAndData(engine, a, (plan, data) => ({
      payout: plan.payout(data),
      ledger: using(plan.ledger(data, a.events ?? null, a.through), (run) => run.report()),
    }));
  },
  estimate: (engine, input) => {
    const a = args(input, ['plan'], ['state', 'deals', 'pipeline']);
    return using(engine.compilePlan(a.plan), (plan) =>
      using(plan.estimator(a.state ?? null), (est) => {
        const out = {};
        if (a.deals !== undefined) out.estimate = est.estimate(a.deals);
        if (a.pipeline !== undefined) out.pipeline = est.pipeline(a.pipeline);
        return out;
      }),
    );
  },
  quota: (engine, input) => engine.quotaPlan(input),
  capacity: (engine, input) => engine.capacityPlan(input),
  territory: (engine, input) => {
    const a = args(input, ['model'], ['balance']);
    return using(new engine.TerritoryModel(a.model), (m) => {
      const out = { initial: m.result() };
      if (a.balance !== undefined) out.balanced = m.balance(a.balance);
      return out;
    });
  },
  scoring: (engine, input) => {
    const a = args(input, ['defs', 'events'], ['roster']);
    return using(new engine.ScoringModel(a.defs, a.roster ?? null, a.events), (m) => m.report());
  },
  forecast: (engine, input) => engine.forecastSeries(input),
  forecast_pipeline: (engine, input) => engine.forecastPipeline(input),
  import: (engine, input) => {
    const a = args(input, ['kind', 'csv', 'mapping'], ['payees']);
    const csv = Array.isArray(a.csv) ? a.csv.join('') : a.csv;
    if (typeof csv !== 'string') throw new Error("input.csv must be the file's text or its lines");
    return engine.importCsv(a.kind, csv, a.mapping, a.payees);
  },
  insight: (engine, input) => {
    const a = args(input, ['plan', 'payees', 'transactions', 'opportunities'], ['options']);
    return withPlanAndData(engine, a, (plan, data) => plan.insights(data, a.opportunities, a.options ?? null));
  },
  simulate: (engine, input) => {
    const a = args(input, ['plan', 'payees', 'transactions', 'options'], []);
    return withPlanAndData(engine, a, (plan, data) => using(plan.simulation(data, a.options), (s) => s.result()));
  },
};

export const areas = Object.keys(AREAS);

/**
 * Runs `input` through the engine call of `area`. An SpmError is a result too:
 * `{ error: { code, message, diagnostics } }`. A problem of the file itself throws.
 */
export function run(engine, area, input) {
  const call = AREAS[area];
  if (call === undefined) throw new Error(`unknown area ${JSON.stringify(area)}: the areas are ${areas.join(', ')}`);
  try {
    return call(engine, input);
  } catch (err) {
    if (err instanceof Error && err.name === 'SpmError') {
      return { error: { code: err.code, message: err.message, diagnostics: err.diagnostics } };
    }
    throw err;
  }
}

const FIELDS = ['area', 'description', 'source', 'workings', 'input', 'expect'];

/**
 * Runs one golden file's text through the wasm build and checks it: `{ result, failures }`, as
 * `spm_testkit::check` gives natively.
 */
export function check(engine, text) {
  const g = JSON.parse(text);
  const failures = [];
  for (const k of Object.keys(g)) if (!FIELDS.includes(k)) failures.push(`the golden file has an unknown field ${k}`);
  for (const k of ['area', 'description', 'source', 'input', 'expect']) {
    if (!(k in g)) failures.push(`the golden file has no ${k}`);
  }
  for (const k of ['description', 'source']) {
    if (typeof g[k] === 'string' && g[k].trim() === '') failures.push(`the golden file's ${k} is empty`);
  }
  if (failures.length > 0) return { result: undefined, failures };
  const result = run(engine, g.area, g.input);
  failures.push(...mismatches(g.expect, result));
  return { result, failures };
}

/** The native result of a golden file: `{ digest, text }`, or undefined when there is none. */
export function nativeResult(area, name) {
  let body;
  try {
    body = readFileSync(path.join(nativeDir, area, `${name}.out`), 'utf8');
  } catch {
    return undefined;
  }
  const [d, text] = body.split('\n');
  return { digest: d, text };
}
