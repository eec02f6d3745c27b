// The typed JS boundary (ARCHITECTURE.md, the binding; issue 19, item 2): every exported function,
// constructor, method and getter of pkg/app, pkg/estimator, pkg/leaderboard (and pkg/generators),
// found from the module's exports and the classes' prototypes (so a new export is covered without
// editing this file), is called with hostile arguments, one position at a time, the others valid:
//   undefined, null, numbers (42, -1, 1.5, NaN, Infinity), garbage text, a plain object, an
//   array, a function, a BigInt, a Symbol, a freed engine object, a live one of another class;
// and on hostile receivers (a freed object, a plain object, another class's object).
// The declared TypeScript type of each parameter (the build's .d.ts) says which values fit:
// - a value that does not fit must throw an SpmError with code INVALID_ARGUMENT whose message
//   names the argument (or `this`);
// - a value that fits may return or throw an SpmError of any code;
// - nothing may throw a RuntimeError (a wasm trap) or any other kind of error.
// Every parameter that takes objects or arrays is also given a NaN and an Infinity deep inside
// (DECIMAL_NOT_STRING at its path), a cycle, and nesting 10,000 and 1,000,000 levels deep.
// The functions of www/lib/engine.js, the app's API, throw only SpmErrors too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadEngine, repoRoot } from './helpers.mjs';
import { guardClasses } from '../../www/lib/boundary.js';

// -- the declared types ----------------------------------------------------------------------

/** Splits `text` at top-level occurrences of `sep` (outside (), [], {}, <>). */
function splitTop(text, sep) {
  const out = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if ('([{<'.includes(c)) depth += 1;
    else if (')]}>'.includes(c)) depth -= 1;
    else if (depth === 0 && text.startsWith(sep, i)) {
      out.push(text.slice(start, i));
      start = i + sep.length;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim()).filter(Boolean);
}

/** `a: T, b?: U` → [{ name, type, optional }]. */
function params(list) {
  return splitTop(list, ',').map((p) => {
    const m = /^(\w+)(\??):\s*([\s\S]+)$/.exec(p);
    assert.ok(m, `cannot read parameter ${p}`);
    return { name: m[1], optional: m[2] === '?', type: m[3] };
  });
}

/** The functions, classes (constructor, methods, getters), interfaces and aliases of a .d.ts. */
function declarations(dts) {
  const text = dts.replace(/\/\*[\s\S]*?\*\//g, '').replace(/export interface InitOutput \{[\s\S]*?\n\}/, '');
  const functions = new Map();
  for (const m of text.matchAll(/^export function (\w+)\(([^\n]*)\): [^\n]*;$/gm)) {
    if (m[1] !== 'initSync') functions.set(m[1], params(m[2]));
  }
  const classes = new Map();
  for (const m of text.matchAll(/^export class (\w+) \{\n([\s\S]*?)\n\}/gm)) {
    const c = { ctor: null, methods: new Map(), statics: new Map(), getters: new Set() };
    for (const line of m[2].split('\n').map((l) => l.trim()).filter(Boolean)) {
      let g;
      if (line === 'private constructor();') continue;
      if ((g = /^constructor\(([^\n]*)\);$/.exec(line))) c.ctor = params(g[1]);
      else if ((g = /^static (\w+)\(([^\n]*)\): [^\n]*;$/.exec(line))) c.statics.set(g[1], params(g[2]));
      else if ((g = /^(\w+)\(([^\n]*)\): [^\n]*;$/.exec(line))) c.methods.set(g[1], params(g[2]));
      else if ((g = /^(?:readonly |get )?(\w+): [^\n]*;$/.exec(line))) c.getters.add(g[1]);
      else if (!line.startsWith('[Symbol.dispose]')) assert.fail(`cannot read class member: ${line}`);
    }
    classes.set(m[1], c);
  }
  const interfaces = new Set([...text.matchAll(/^export interface (\w+)/gm)].map((m) => m[1]));
  const aliases = new Map([...text.matchAll(/^export type (\w+)(?:<[^=]*>)? = ([^\n]*);$/gm)].map((m) => [m[1], m[2]]));
  return { functions, classes, interfaces, aliases };
}

const isPlain = (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && typeof v.__wbg_ptr !== 'number';

/**
 * Whether `v` fits the declared type. Every `number` parameter of the API is a count or a seed,
 * so a number fits when it is a whole number from 0 up; a `bigint` from 0 to 2^64 - 1.
 */
function fits(v, type, ctx) {
  return splitTop(type, '|').some((atom) => {
    if (atom === 'unknown' || atom === 'any') return true;
    if (atom === 'string') return typeof v === 'string';
    if (atom === 'number') return Number.isSafeInteger(v) && v >= 0;
    if (atom === 'bigint') return typeof v === 'bigint' && v >= 0n && v < 2n ** 64n;
    if (atom === 'boolean') return typeof v === 'boolean';
    if (atom === 'null') return v === null;
    if (atom === 'undefined') return v === undefined;
    if (atom === 'object') return isPlain(v);
    if (atom.endsWith('[]')) return Array.isArray(v);
    if (atom === 'Uint8Array') return v instanceof Uint8Array;
    if (ctx.classes.has(atom)) return v instanceof ctx.glue[atom] && v.__wbg_ptr !== 0;
    if (ctx.aliases.has(atom)) return fits(v, ctx.aliases.get(atom), ctx);
    if (ctx.interfaces.has(atom)) return isPlain(v);
    throw new Error(`the test does not know the parameter type ${atom}: teach fits() and valid()`);
  });
}

/** A value that fits the type, cheap to use: "none" where allowed, else text, else the simplest. */
function valid(type, ctx) {
  const atoms = splitTop(type, '|');
  const has = (a) => atoms.includes(a);
  if (has('undefined')) return undefined;
  if (has('null')) return null;
  if (has('string')) return 'x';
  for (const atom of atoms) {
    if (atom === 'number') return 1;
    if (atom === 'bigint') return 1n;
    if (atom === 'boolean') return true;
    if (atom === 'unknown' || atom === 'object' || ctx.interfaces.has(atom)) return {};
    if (atom.endsWith('[]')) return [];
    if (atom === 'Uint8Array') return new Uint8Array();
    if (ctx.classes.has(atom)) return ctx.live[atom];
    if (ctx.aliases.has(atom)) return valid(ctx.aliases.get(atom), ctx);
  }
  throw new Error(`no valid value for ${type}`);
}

const camel = (name) => name.replace(/^_+/, '').replace(/_(\w)/g, (_, c) => c.toUpperCase());

// -- the calls -------------------------------------------------------------------------------

/** The hostile values, with a label each. `ctx.freed` and `ctx.other` are engine objects. */
function hostile(ctx, type) {
  const classes = splitTop(type, '|').filter((a) => ctx.classes.has(a));
  const otherClass = Object.keys(ctx.live).find((c) => !classes.includes(c));
  const freedClass = classes[0] ?? Object.keys(ctx.freed)[0];
  return [
    ['undefined', undefined],
    ['null', null],
    ['42', 42],
    ['-1', -1],
    ['1.5', 1.5],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['garbage text', 'garbage \u0000 {"'],
    ['a plain object', { a: 1 }],
    ['an array', [1, 'x']],
    ['a function', () => 1],
    ['a BigInt', 10n],
    ['a negative BigInt', -1n],
    ['a Symbol', Symbol('s')],
    [`a freed ${freedClass}`, ctx.freed[freedClass]],
    [`a live ${otherClass}`, ctx.live[otherClass]],
  ];
}

/** Calls `f`; returns { value } or { error }. */
function attempt(f) {
  try {
    return { value: f() };
  } catch (error) {
    return { error };
  }
}

const describe = (e) => `${e?.constructor?.name ?? typeof e} ${e?.name}${e?.code ? ` ${e.code}` : ''}: ${String(e?.message).slice(0, 160)}`;

/**
 * Judges one call. `argName` is the hostile argument's name (or "this"), `fitting` whether the
 * hostile value fits its type. Returns a problem text, or null.
 */
function judge(outcome, argName, fitting) {
  const e = outcome.error;
  if (e === undefined) return fitting ? null : 'returned instead of throwing';
  if (e instanceof WebAssembly.RuntimeError || e?.name === 'RuntimeError') return `TRAP ${describe(e)}`;
  if (!(e instanceof Error)) return `threw a non-Error: ${describe(e)}`;
  if (fitting) return e.name === 'SpmError' ? null : `threw ${describe(e)}`;
  if (e.name === 'TypeError' && e.message.includes(argName)) return null;
  if (e.name !== 'SpmError' || e.code !== 'INVALID_ARGUMENT') return `threw ${describe(e)}`;
  if (!e.message.includes(argName)) return `the message does not name ${argName}: ${e.message}`;
  if (!Array.isArray(e.diagnostics) || e.diagnostics[0]?.path !== argName) return `diagnostic path ${e.diagnostics?.[0]?.path} is not ${argName}`;
  return null;
}

/** A 10,000- or 1,000,000-deep object or array, made once. */
const deeps = new Map();
function deep(levels, array) {
  const key = `${levels} ${array}`;
  if (!deeps.has(key)) {
    let v = array ? [] : {};
    for (let i = 0; i < levels; i += 1) v = array ? [v] : { a: v };
    deeps.set(key, v);
  }
  return deeps.get(key);
}

/**
 * Every export of a build, called as the header says. `ctx`: glue (module namespace), decls,
 * live and freed (one engine object of each class), never (functions that return diagnostics
 * instead of throwing). Returns the problems and how many calls were traps.
 */
function exercise(ctx) {
  const problems = [];
  let calls = 0;
  let traps = 0;
  const note = (what, problem) => {
    calls += 1;
    if (problem === null) return;
    if (problem.startsWith('TRAP')) traps += 1;
    problems.push(`${what}: ${problem}`);
  };
  const neverThrows = (name, outcome, argName, fitting) => {
    if (outcome.error !== undefined) return `threw ${describe(outcome.error)}`;
    if (fitting) return null;
    const d = outcome.value;
    if (!Array.isArray(d) || !d.some((x) => x.code === 'INVALID_ARGUMENT' && x.path === argName)) {
      return `${name} gave no INVALID_ARGUMENT diagnostic at ${argName}: ${JSON.stringify(d)?.slice(0, 200)}`;
    }
    return null;
  };

  /** Hostile values in each position of one callable. */
  const positions = (label, ps, call, name) => {
    ps.forEach((p, i) => {
      const argName = camel(p.name);
      const base = ps.map((q) => valid(q.type + (q.optional ? ' | undefined' : ''), ctx));
      const type = p.type + (p.optional ? ' | undefined' : '');
      for (const [kind, v] of hostile(ctx, type)) {
        const args = base.slice();
        args[i] = v;
        const fitting = fits(v, type, ctx);
        const outcome = attempt(() => call(args));
        const problem = ctx.never.has(name) ? neverThrows(name, outcome, argName, fitting) : judge(outcome, argName, fitting);
        note(`${label} with ${argName} = ${kind}`, problem);
      }
      // Objects and arrays: what JSON cannot hold, deep inside.
      const takesObject = splitTop(type, '|').some((a) => a === 'unknown' || a === 'object' || ctx.interfaces.has(a));
      const takesArray = splitTop(type, '|').some((a) => a.endsWith('[]') && a !== 'string[]');
      const cyclic = {};
      cyclic.self = { back: cyclic };
      const loop = [];
      loop.push([loop]);
      const cases = [
        ...(takesObject ? [['NaN inside', { a: { b: [1, NaN] } }, 'DECIMAL_NOT_STRING', 'a.b[1]'], ['a cycle', cyclic, 'INVALID_ARGUMENT', null], ['10,000 levels', deep(10_000, false), null, null], ['1,000,000 levels', deep(1_000_000, false), 'LIMIT_EXCEEDED', null]] : []),
        ...(takesArray ? [['Infinity inside', [{ x: -Infinity }], 'DECIMAL_NOT_STRING', '[0].x'], ['a cycle', loop, 'INVALID_ARGUMENT', null], ['1,000,000 levels', deep(1_000_000, true), 'LIMIT_EXCEEDED', null]] : []),
      ];
      for (const [kind, v, code, at] of cases) {
        const args = base.slice();
        args[i] = v;
        const outcome = attempt(() => call(args));
        let problem = null;
        if (ctx.never.has(name)) {
          const d = outcome.error === undefined ? outcome.value : [];
          if (outcome.error !== undefined) problem = `threw ${describe(outcome.error)}`;
          else if (code !== null && !d.some((x) => x.code === code && (at === null || x.path === at))) problem = `no ${code} diagnostic${at ? ` at ${at}` : ''}: ${JSON.stringify(d).slice(0, 200)}`;
        } else {
          const e = outcome.error;
          if (e === undefined) problem = 'returned';
          else if (e?.name === 'RuntimeError' || e instanceof WebAssembly.RuntimeError) problem = `TRAP ${describe(e)}`;
          else if (e?.name !== 'SpmError') problem = `threw ${describe(e)}`;
          else if (code !== null && e.code !== code) problem = `threw ${describe(e)}, not ${code}`;
          else if (at !== null && !e.diagnostics.some((x) => x.path === at)) problem = `no diagnostic at ${at}: ${JSON.stringify(e.diagnostics).slice(0, 200)}`;
          else if (code !== null && !e.message.includes(argName)) problem = `the message does not name ${argName}: ${e.message}`;
        }
        note(`${label} with ${argName} = ${kind}`, problem);
      }
    });
  };

  const { glue, decls } = ctx;
  const exported = Object.keys(glue).filter((k) => k !== 'default' && k !== 'initSync');
  for (const name of exported) {
    assert.ok(decls.functions.has(name) || decls.classes.has(name), `${name} is exported but not declared in the .d.ts`);
  }
  for (const [name, ps] of decls.functions) {
    assert.equal(typeof glue[name], 'function', `${name} is declared but not exported`);
    positions(`${name}()`, ps, (args) => glue[name](...args), name);
  }
  for (const [className, c] of decls.classes) {
    const cls = glue[className];
    if (c.ctor !== null) positions(`new ${className}()`, c.ctor, (args) => new cls(...args), className);
    for (const [m, ps] of c.statics) positions(`${className}.${m}()`, ps, (args) => cls[m](...args), m);
    const members = [...c.methods.keys(), ...c.getters];
    assert.deepEqual(
      Object.getOwnPropertyNames(cls.prototype).filter((k) => k !== 'constructor' && !k.startsWith('__')).sort(),
      members.sort(),
      `${className}: the prototype's members are the declared ones`,
    );
    const live = ctx.live[className];
    for (const [m, ps] of c.methods) {
      if (ps.length > 0) positions(`${className}.${m}()`, ps, (args) => live[m](...args), m);
      // Receivers: a freed object (free() may ignore it), a plain object, another class's object.
      const other = Object.entries(ctx.live).find(([k]) => k !== className)?.[1] ?? new Date();
      const args = ps.map((q) => valid(q.type + (q.optional ? ' | undefined' : ''), ctx));
      const receivers = [
        [`a freed ${className}`, ctx.freed[className]],
        ['a plain object', {}],
        [`a ${other.constructor.name}`, other],
        [`a bare ${className} (not made by the engine)`, Object.create(cls.prototype)],
      ];
      for (const [kind, self] of receivers) {
        const outcome = attempt(() => cls.prototype[m].apply(self, args));
        const ok = m === 'free' && self === ctx.freed[className] && outcome.error === undefined;
        note(`${className}.${m}() on ${kind}`, ok ? null : judge(outcome, 'this', false));
      }
    }
    for (const g of c.getters) {
      const get = Object.getOwnPropertyDescriptor(cls.prototype, g)?.get;
      for (const [kind, self] of [[`a freed ${className}`, ctx.freed[className]], ['a plain object', {}], ['a bare object of the class', Object.create(cls.prototype)]]) {
        note(`${className}.${g} on ${kind}`, judge(attempt(() => get.call(self)), 'this', false));
      }
    }
  }
  return { problems, calls, traps };
}

/** Loads a build's glue directly, initialised with its bytes, guarded as www/components/load.js does. */
async function loadBuild(build) {
  const dir = path.join(repoRoot, 'pkg', build);
  const glue = await import(path.join(dir, 'spm_engine.js'));
  await glue.default({ module_or_path: readFileSync(path.join(dir, 'spm_engine_bg.wasm')) });
  guardClasses(glue);
  return glue;
}

function report(build, { problems, calls, traps }) {
  const count = (re) => problems.filter((p) => re.test(p.replace(/^.*?: /, ''))).length;
  const returned = count(/^returned/);
  const other = count(/^threw (?!Error SpmError)/);
  console.log(`${build}: ${calls} calls, ${problems.length} problems: ${traps} wasm traps, ${returned} returned instead of refusing, ${other} threw something other than an SpmError`);
  assert.deepEqual(problems.slice(0, 60), [], `${build}: ${problems.length} of ${calls} calls went wrong (${traps} wasm traps)`);
}

// -- the builds ------------------------------------------------------------------------------

const demoPlan = readFileSync(path.join(repoRoot, 'www/components/demo-plan.json'), 'utf8');

test('pkg/app: every export refuses hostile arguments with an SpmError naming them, never a trap', async () => {
  const engine = await loadEngine();
  const glue = await import('../../pkg/app/spm_engine.js');
  const decls = declarations(readFileSync(path.join(repoRoot, 'pkg/app/spm_engine.d.ts'), 'utf8'));
  const s = engine.sampleDataset();
  const csv = s.transactionsCsv.split('\n').slice(0, 300).join('\n');
  const make = {
    PlanEngine: () => new glue.PlanEngine(s.plans[0]),
    Dataset: () => {
      const d = glue.Dataset.fromCsv(csv, s.payees);
      d.setRates(s.ratesCsv);
      return d;
    },
    LedgerRun: () => live.PlanEngine.ledger(live.Dataset, null),
    // The demo plan has one quota for all: an estimator needs no payee.
    Estimator: () => new glue.PlanEngine(demoPlan).estimator({ asOf: '2026-06-30' }),
    PlanSimulation: () => live.PlanEngine.simulation(live.Dataset, { trials: 20 }),
    ScoringModel: () => new glue.ScoringModel(glue.scoringSampleDefs(), glue.scoringSampleRoster(7, 1n), glue.scoringSample(7, 50, 1n)),
    TerritoryModel: () => new glue.TerritoryModel(glue.territorySample(30, 3, 1n)),
  };
  const live = {};
  const freed = {};
  for (const [name, f] of Object.entries(make)) live[name] = f();
  for (const [name, f] of Object.entries(make)) {
    freed[name] = f();
    freed[name].free();
  }
  assert.deepEqual(Object.keys(live).sort(), [...decls.classes.keys()].sort(), 'an engine object of every class');
  report('pkg/app', exercise({ glue, decls, ...decls, live, freed, never: new Set(['validatePlan']) }));
});

test('pkg/estimator: every export refuses hostile arguments with an SpmError naming them, never a trap', async () => {
  const engine = await loadEngine();
  const glue = await loadBuild('estimator');
  const decls = declarations(readFileSync(path.join(repoRoot, 'pkg/estimator/spm_engine.d.ts'), 'utf8'));
  const make = { PlanEngine: () => new glue.PlanEngine(demoPlan), Estimator: () => live.PlanEngine.estimator({ asOf: '2026-06-30' }) };
  const live = {};
  const freed = {};
  for (const [name, f] of Object.entries(make)) live[name] = f();
  for (const [name, f] of Object.entries(make)) {
    freed[name] = f();
    freed[name].free();
  }
  assert.deepEqual(Object.keys(live).sort(), [...decls.classes.keys()].sort(), 'an engine object of every class');
  report('pkg/estimator', exercise({ glue, decls, ...decls, live, freed, never: new Set(['validatePlan']) }));
});

test('pkg/leaderboard: every export refuses hostile arguments with an SpmError naming them, never a trap', async () => {
  const engine = await loadEngine();
  const glue = await loadBuild('leaderboard');
  const decls = declarations(readFileSync(path.join(repoRoot, 'pkg/leaderboard/spm_engine.d.ts'), 'utf8'));
  const make = { ScoringModel: () => new glue.ScoringModel(engine.scoringSampleDefs(), engine.scoringSampleRoster(7, 1n), engine.scoringSample(7, 50, 1n)) };
  const live = {};
  const freed = {};
  for (const [name, f] of Object.entries(make)) live[name] = f();
  freed.ScoringModel = make.ScoringModel();
  freed.ScoringModel.free();
  assert.deepEqual(Object.keys(live).sort(), [...decls.classes.keys()].sort(), 'an engine object of every class');
  report('pkg/leaderboard', exercise({ glue, decls, ...decls, live, freed, never: new Set() }));
});

test('pkg/generators (not a product): its functions refuse hostile arguments the same way', async () => {
  const engine = await loadEngine();
  const glue = await loadBuild('generators');
  const decls = declarations(readFileSync(path.join(repoRoot, 'pkg/generators/spm_engine.d.ts'), 'utf8'));
  assert.equal(decls.classes.size, 0);
  // Engine objects of the app stand for the foreign objects.
  const live = { PlanEngine: engine.compilePlan(demoPlan) };
  const freed = { PlanEngine: engine.compilePlan(demoPlan) };
  freed.PlanEngine.free();
  report('pkg/generators', exercise({ glue, decls, ...decls, live, freed, never: new Set() }));
});

test('www/lib/engine.js: its functions throw only SpmErrors, whatever they are given', async () => {
  const engine = await loadEngine();
  const ctx = { live: { PlanEngine: engine.compilePlan(engine.sampleDataset().plans[0]) }, freed: {} };
  ctx.freed.PlanEngine = engine.compilePlan(engine.sampleDataset().plans[0]);
  ctx.freed.PlanEngine.free();
  const problems = [];
  const fns = Object.entries(engine).filter(([name, f]) => typeof f === 'function' && name !== 'init' && !f.prototype?.free);
  for (const [name, f] of fns) {
    for (let i = 0; i < Math.max(f.length, 1); i += 1) {
      for (const [kind, v] of hostile(ctx, '')) {
        const args = Array.from({ length: Math.max(f.length, 1) }, () => undefined);
        args[i] = v;
        const { error } = attempt(() => f(...args));
        if (error === undefined) continue;
        if (name === 'validatePlan' || error?.name !== 'SpmError') problems.push(`${name}(argument ${i} = ${kind}): ${describe(error)}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

// -- the cases issue 19 found, by hand ---------------------------------------------------------

test('the calls that trapped: a TypeError-like SpmError naming the argument instead', async () => {
  const engine = await loadEngine();
  const s = engine.sampleDataset();
  const thrown = (f) => attempt(f).error;
  let e = thrown(() => engine.loadDataset({ transactionsCsv: { a: 1 }, payees: '[]' }));
  assert.equal(e.name, 'SpmError');
  assert.equal(e.code, 'INVALID_ARGUMENT');
  assert.equal(e.message, 'transactionsCsv must be a string (CSV text), got an object');
  e = thrown(() => engine.loadDataset({ transactionsCsv: 42, payees: '[]' }));
  assert.equal(e.message, 'transactionsCsv must be a string (CSV text), got a number (42)');
  const plan = engine.compilePlan(s.plans[0]);
  const data = engine.loadDataset({ transactionsCsv: s.transactionsCsv.split('\n').slice(0, 50).join('\n'), payees: s.payees });
  e = thrown(() => plan.ledger(data, null, { x: 1 }));
  assert.equal(e.message, 'through must be a period label (a string), null or undefined, got an object');
  assert.deepEqual(e.diagnostics.map((d) => d.path), ['through']);
  e = thrown(() => plan.payout({}));
  assert.equal(e.message, 'data must be a Dataset (not freed), got an object');
  const gone = engine.loadDataset({ transactionsCsv: 'id,date,payeeId,amount\n', payees: s.payees });
  gone.free();
  e = thrown(() => plan.payout(gone));
  assert.equal(e.message, 'data must be a Dataset (not freed), got a freed Dataset');
  assert.equal(gone.free(), undefined, 'free() twice does nothing');
  e = thrown(() => gone.transactionCount);
  assert.match(e.message, /^this must be a Dataset \(not freed\), got a freed Dataset/);
  e = thrown(() => new engine.PlanSimulation(plan, gone, null));
  assert.equal(e.message, 'data must be a Dataset (not freed), got a freed Dataset');
  plan.free();
  data.free();
});

test('NaN and Infinity in a plan are DECIMAL_NOT_STRING at their paths, not absent', async () => {
  const engine = await loadEngine();
  const plan = structuredClone(engine.sampleDataset().plans[0]);
  plan.components[0].rateTable.tiers[1].rate = NaN;
  plan.components[0].rateTable.tiers[0].to = Infinity;
  const e = attempt(() => engine.compilePlan(plan)).error;
  assert.equal(e.name, 'SpmError');
  assert.equal(e.code, 'DECIMAL_NOT_STRING');
  assert.deepEqual(e.diagnostics.map((d) => d.path), ['components[0].rateTable.tiers[0].to', 'components[0].rateTable.tiers[1].rate']);
  assert.match(e.diagnostics[1].message, /^NaN .* in plan$/);
  const diags = engine.validatePlan(plan);
  assert.deepEqual(diags.map((d) => `${d.code} ${d.path}`), ['DECIMAL_NOT_STRING components[0].rateTable.tiers[0].to', 'DECIMAL_NOT_STRING components[0].rateTable.tiers[1].rate']);
  // A plain null is still a null: the same plan without the NaN compiles.
  plan.components[0].rateTable.tiers[1].rate = engine.sampleDataset().plans[0].components[0].rateTable.tiers[1].rate;
  plan.components[0].rateTable.tiers[0].to = engine.sampleDataset().plans[0].components[0].rateTable.tiers[0].to;
  engine.compilePlan(plan).free();
});

test('a cycle and a very deep object are clear errors, not a stack overflow', async () => {
  const engine = await loadEngine();
  const plan = structuredClone(engine.sampleDataset().plans[0]);
  plan.components[0].loop = { back: plan.components };
  const e = attempt(() => engine.compilePlan(plan)).error;
  assert.equal(e.code, 'INVALID_ARGUMENT');
  assert.deepEqual(e.diagnostics.map((d) => d.path), ['components[0].loop.back']);
  assert.match(e.message, /plan contains itself here: this is components again \(a cycle\)/);
  const deepPlan = deep(1_000_000, false);
  const d = attempt(() => engine.compilePlan(deepPlan)).error;
  assert.equal(d.code, 'LIMIT_EXCEEDED');
  assert.match(d.message, /nesting deeper than 127 levels in plan/);
});

test('what a getter, a Proxy or a sparse array does inside an argument is an SpmError, and the engine stays usable', async () => {
  const engine = await loadEngine();
  const s = engine.sampleDataset();
  const plan = engine.compilePlan(s.plans[0]);
  const make = () => engine.loadDataset({ transactionsCsv: s.transactionsCsv.split('\n').slice(0, 100).join('\n'), payees: s.payees });
  const thrown = (f) => attempt(f).error;
  const data = make();
  // A getter that frees, changes or reads the dataset the call is using: refused (wasm-bindgen
  // would throw from inside Rust and leave the dataset borrowed for good), and the dataset
  // still works and can be freed.
  for (const callBack of [() => data.free(), () => data.setRates('[]'), () => data.transactionCount]) {
    const e = thrown(() => plan.ledger(data, [{ get x() { callBack(); return NaN; } }]));
    assert.equal(e.code, 'INVALID_ARGUMENT');
    assert.match(e.message, /\[0\]: an object that cannot be read \(this is in use by an engine call that has not returned/);
  }
  assert.equal(data.transactionCount, 99);
  let e;
  const boom = new Proxy({}, { ownKeys() { throw new Error('boom'); } });
  e = thrown(() => plan.ledger(data, [boom]));
  assert.deepEqual([e.code, e.diagnostics[0].path, e.message], ['INVALID_ARGUMENT', '[0]', '[0]: an object that cannot be read (boom) in events']);
  const sparse = [];
  sparse.length = 4e9;
  e = thrown(() => plan.ledger(data, sparse));
  assert.deepEqual([e.code, e.message], ['LIMIT_EXCEEDED', 'events: events is an array of 4000000000 items, above the limit of 10000000']);
  // eslint-disable-next-line no-sparse-arrays
  e = thrown(() => plan.ledger(data, [, 1]));
  assert.deepEqual([e.code, e.diagnostics[0].path], ['INVALID_ARGUMENT', '[0]']);
  // An engine object of another build is named as such.
  const other = await loadBuild('estimator');
  const foreign = new other.PlanEngine(demoPlan);
  e = thrown(() => plan.diff(foreign, data));
  assert.equal(e.message, 'other must be a PlanEngine (not freed), got a PlanEngine of another engine build');
  foreign.free();
  assert.equal(plan.payout(data).statements.length > 0, true, 'the engine still pays');
  plan.free();
  data.free();
});
