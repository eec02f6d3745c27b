// The one file that imports the wasm package: it owns init() and re-exports a thin, documented
// API over the raw wasm-bindgen exports. Every page and test goes through here.
//
// The specifier is relative on purpose, so the same file works in both places it runs:
// - in Node (the JS tests) it resolves from www/lib/ to the repository's pkg/;
// - in the browser the page lives at /lib/engine.js, and URL resolution clamps ".." at the root,
//   so /lib/../../pkg/app/spm_engine.js is /pkg/app/spm_engine.js, which scripts/serve.mjs maps to pkg/.
import wasmInit, * as wasm from '../../pkg/app/spm_engine.js';
import { guardClasses, requireInstance, requireObject } from './boundary.js';

/** @typedef {import('../../pkg/app/spm_engine.js').PlanSpec} PlanSpec */
/** @typedef {import('../../pkg/app/spm_engine.js').PayeeSpec} PayeeSpec */
/** @typedef {import('../../pkg/app/spm_engine.js').TransactionSpec} TransactionSpec */
/** @typedef {import('../../pkg/app/spm_engine.js').Diagnostic} Diagnostic */
/** @typedef {import('../../pkg/app/spm_engine.js').SampleDataset} SampleDataset */
/** @typedef {import('../../pkg/app/spm_engine.js').Workspace} Workspace */
/** @typedef {import('../../pkg/app/spm_engine.js').WorkspaceAccountSpec} WorkspaceAccountSpec */
/** @typedef {import('../../pkg/app/spm_engine.js').WorkspaceTerritorySpec} WorkspaceTerritorySpec */
/** @typedef {import('../../pkg/app/spm_engine.js').QuotaInputOptions} QuotaInputOptions */

// Arguments: every function and method checks its arguments and throws an SpmError with code
// INVALID_ARGUMENT naming the one that is wrong (never a wasm trap): the engine checks what it
// receives (src/args.rs), www/lib/boundary.js the class arguments and the object a method is
// called on, for every class of the build, here once.
guardClasses(wasm);

export const { PlanEngine, Dataset, TerritoryModel, PlanSimulation, ScoringModel } = wasm;

/** @type {Promise<void> | null} */
let ready = null;
let initialised = false;
/** The instantiated module's exports (wasm-bindgen's InitOutput), kept for wasmMemoryBytes(). */
let instance = null;

/**
 * Loads and instantiates the wasm module. Safe to call many times: every call after the first
 * returns the same promise. A failed load may be retried.
 *
 * @param {BufferSource | WebAssembly.Module | URL | string | Response | Promise<Response>} [source]
 *   What wasm-bindgen's init accepts as `module_or_path`. In the browser leave it out (the glue
 *   fetches spm_engine_bg.wasm next to itself); in Node pass the bytes of pkg/app/spm_engine_bg.wasm.
 * @returns {Promise<void>}
 */
export function init(source) {
  if (ready === null) {
    const options = source === undefined ? undefined : { module_or_path: source };
    ready = wasmInit(options).then(
      (output) => {
        instance = output;
        initialised = true;
      },
      (err) => {
        ready = null;
        throw err;
      },
    );
  }
  return ready;
}

function assertReady() {
  if (!initialised) {
    throw new Error('spm-engine is not initialised: await init() first');
  }
}

/** The engine's version, e.g. "0.1.0". */
export function version() {
  assertReady();
  return wasm.version();
}

/**
 * Checks a plan and returns every problem found, each located by a JSON path. Never throws:
 * anything that goes wrong is itself returned as a diagnostic, so an editor can call it on
 * every keystroke.
 *
 * @param {unknown} plan A PlanSpec object or its JSON text.
 * @returns {Diagnostic[]}
 */
export function validatePlan(plan) {
  try {
    assertReady();
    return wasm.validatePlan(plan);
  } catch (err) {
    return [
      {
        path: '',
        code: (err && typeof err.code === 'string' && err.code) || 'INTERNAL',
        severity: 'error',
        message: err instanceof Error ? err.message : String(err),
        hint: 'This is a problem of the engine, not of the plan; please report it.',
      },
    ];
  }
}

/**
 * Compiles a plan once so it can compute payouts for many datasets.
 * Throws an SpmError (`name` "SpmError", `code`, `diagnostics`) for an invalid plan.
 *
 * @param {PlanSpec | string} plan
 * @returns {InstanceType<typeof wasm.PlanEngine>}
 */
export function compilePlan(plan) {
  assertReady();
  return new wasm.PlanEngine(plan);
}

/**
 * Loads transactions from CSV text (header id,date,payeeId,amount,product,type,customer) and the
 * payees; the data stays on the Rust side. Throws an SpmError on bad input.
 *
 * @param {{ transactionsCsv: string, payees: PayeeSpec[] | string }} input
 * @returns {InstanceType<typeof wasm.Dataset>}
 */
export function loadDataset(input) {
  assertReady();
  requireObject(input, 'input', 'an object { transactionsCsv, payees }');
  return wasm.Dataset.fromCsv(input.transactionsCsv, input.payees);
}

/**
 * Loads transactions given as records (or their JSON text) and the payees.
 * Throws an SpmError on bad input.
 *
 * @param {{ transactions: TransactionSpec[] | string, payees: PayeeSpec[] | string }} input
 * @returns {InstanceType<typeof wasm.Dataset>}
 */
export function loadDatasetJson(input) {
  assertReady();
  requireObject(input, 'input', 'an object { transactions, payees }');
  return wasm.Dataset.fromJson(input.transactions, input.payees);
}

/**
 * The built-in sample company: plans, payees and a year of transactions as CSV.
 * @returns {SampleDataset}
 */
export function sampleDataset() {
  assertReady();
  return wasm.sampleDataset();
}

/**
 * The size in bytes of the wasm linear memory now. It only grows: after a large run it is the
 * high-water mark of the engine's heap, not what is in use.
 * @returns {number}
 */
export function wasmMemoryBytes() {
  assertReady();
  return instance?.memory?.buffer.byteLength ?? 0;
}

/** The JSON Schema of the plan format, as JSON text (for editors). */
export function planSchema() {
  assertReady();
  return wasm.planSchema();
}

/**
 * Reads a CRM export (CSV text) with a column mapping into canonical records, and reports what
 * happened to every row: `report.rows === report.imported + report.skipped.length +
 * report.rejected`, with each problem at `row N, column "Header"`. Throws an SpmError when the
 * file cannot be read at all (wrong delimiter, a mapped column missing) or the mapping is bad.
 *
 * @param {'transactions' | 'payees' | 'hierarchy' | 'quotas'} kind
 * @param {string} csvText
 * @param {object | string} mapping A mapping such as `{ preset: 'hubspot-deals' }`, or its JSON text.
 * @param {PayeeSpec[] | string} [payees] To match owner names, and for hierarchy and quotas.
 * @returns {{ records: Array<TransactionSpec | PayeeSpec>, report: { rows: number, imported: number,
 *   rejected: number, skipped: Array<{ row: number, reason: string }>, problems: Diagnostic[],
 *   lines: Array<{ line: number, status: 'rejected' | 'warning' | 'skipped', column?: string,
 *   code: string, reason: string }> } }}
 *   The transactions, or the payees (for hierarchy and quotas: the payees with managers or quotas added).
 */
export function importCsv(kind, csvText, mapping, payees) {
  assertReady();
  return JSON.parse(wasm.importCsv(kind, csvText, mapping, payees));
}

/**
 * The ready-made mappings (Salesforce, HubSpot, Dynamics 365, Pipedrive, and our own columns).
 * @returns {Array<{ name: string, kind: string, description: string, mapping: object }>}
 */
export function importPresets() {
  assertReady();
  return JSON.parse(wasm.importPresets());
}


/**
 * The presets that fit a file's header line, best first (our own formats first on ties).
 *
 * @param {string} header The file's first line.
 * @param {'transactions' | 'payees' | 'hierarchy' | 'quotas'} [kind]
 * @returns {Array<{ name: string, kind: string, score: number, matched: string[], missing: string[] }>}
 *   `score` is the percentage of the preset's required columns the header holds.
 */
export function guessPreset(header, kind) {
  assertReady();
  return wasm.guessPreset(header, kind);
}

/**
 * The header and first `rows` data rows of CSV text, split as the importer splits them.
 *
 * @param {string} text
 * @param {number} rows
 * @returns {{ delimiter: string, header: string[], rows: string[][] }}
 */
export function previewCsv(text, rows) {
  assertReady();
  return wasm.previewCsv(text, rows);
}

/**
 * An import report's `lines` (every rejected, skipped and warned row) as CSV text for download:
 * `line,status,column,code,reason`, formula-safe.
 *
 * @param {object | string} report The `report` of importCsv or importDealsCsv.
 * @returns {string}
 */
export function importReportCsv(report) {
  assertReady();
  return wasm.importReportCsv(report);
}

/**
 * Reads a deal export like `importCsv('transactions', …)` but returns the deals as canonical
 * transaction CSV (for `Dataset.fromCsv`), so a million rows never become JS objects.
 *
 * @param {string} csvText
 * @param {object | string} mapping
 * @param {PayeeSpec[] | string} [payees]
 * @returns {{ csv: string, report: object }}
 */
export function importDealsCsv(csvText, mapping, payees) {
  assertReady();
  return wasm.importDealsCsv(csvText, mapping, payees);
}

/**
 * Merges re-imported people over existing ones by id: incoming fields win, fields an incoming
 * record leaves out keep their value, quotas merge by component and period.
 *
 * @param {PayeeSpec[] | string} existing
 * @param {PayeeSpec[] | string} incoming
 * @returns {{ people: PayeeSpec[], changes: { added: string[], updated: Array<{ id: string,
 *   fields: string[] }>, unchanged: number } }}
 */
export function mergePeople(existing, incoming) {
  assertReady();
  return wasm.mergePeople(existing, incoming);
}

/**
 * Merges re-imported deals (canonical transaction CSV) over existing ones by transaction id; the
 * existing deals keep their order and new ones follow.
 *
 * @param {string} existingCsv
 * @param {string} incomingCsv
 * @returns {{ csv: string, changes: { added: string[], updated: Array<{ id: string, fields: string[] }>,
 *   unchanged: number } }}
 */
export function mergeDeals(existingCsv, incomingCsv) {
  assertReady();
  return wasm.mergeDeals(existingCsv, incomingCsv);
}

// ---------------------------------------------------------------------------------------------
// Deal estimates (docs/estimate.md): what hypothetical deals would add to a payee's payout.

/**
 * An estimator for one payee: the plan runs on the payee's state with and without each
 * hypothetical deal. `state` is an EstimatorState `{ payee?, deals?, asOf? }` (or its JSON text);
 * every amount in it is a decimal string. Throws an SpmError for a bad state. Free the estimator
 * with `free()` when done; it does not free `plan`.
 *
 * @param {InstanceType<typeof wasm.PlanEngine>} plan A compiled plan (compilePlan).
 * @param {object | string} state
 */
export function createEstimator(plan, state) {
  assertReady();
  requireInstance(plan, 'plan', wasm.PlanEngine);
  return plan.estimator(state);
}

/**
 * An estimator for payee `payeeId` of a loaded dataset, as of `asOf` (YYYY-MM-DD; a deal
 * without a date closes on this day). Throws an SpmError for an unknown payee.
 *
 * @param {InstanceType<typeof wasm.PlanEngine>} plan
 * @param {InstanceType<typeof wasm.Dataset>} dataset
 * @param {string} payeeId
 * @param {string} [asOf]
 */
export function createEstimatorFor(plan, dataset, payeeId, asOf) {
  assertReady();
  requireInstance(plan, 'plan', wasm.PlanEngine);
  return plan.estimatorFor(dataset, payeeId, asOf);
}

// ---------------------------------------------------------------------------------------------
// The plan designer (docs/designer.md). `plan.attainmentCurve(options)` and `plan.backtest(dataset)`
// are methods of a compiled plan; comparing two plans' payouts is `plan.diff(other, dataset)`;
// what payee data it needs and who lacks it, `plan.requirements()` and `plan.missingData(payees)`
// (docs/needs.md).

/**
 * What changed between two plan documents, path by path (array items with an `id` are named by
 * it: `components[new-business].rateTable.tiers[1].rate`). Throws an SpmError when one is not JSON.
 *
 * @param {object | string} oldPlan
 * @param {object | string} newPlan
 * @returns {Array<{ path: string, change: 'added' | 'removed' | 'changed', old?: string, new?: string }>}
 */
export function planChanges(oldPlan, newPlan) {
  assertReady();
  return wasm.planChanges(oldPlan, newPlan);
}

// ---------------------------------------------------------------------------------------------
// The company workspace (issue 20, docs/workspace.md): one document of people, plans with
// versions, deals, events, rates, accounts, territories, scoring definitions and activity that
// every page works on. Results are JSON text: a workspace carries its deals as CSV text, which
// should not be copied into JS objects and back. Every function throws an SpmError with located
// diagnostics on bad input.

/**
 * The built-in sample company as a workspace: its canonical JSON text (a `Workspace`).
 * @returns {string}
 */
export function sampleWorkspace() {
  assertReady();
  return wasm.sampleWorkspace();
}

/**
 * Reads a workspace of any schema version the engine knows (version 0 is the old
 * `sampleDataset()` shape), migrates it to the current version and validates every part.
 * Returns JSON text of `{ workspace, warnings }`: the workspace in canonical form and the
 * warnings (`Diagnostic[]`, e.g. deals naming people who are not in the workspace). Throws an
 * SpmError listing every error with its path (`people[3].id`, `dealsCsv, line 7, column amount`).
 *
 * @param {Workspace | string} workspace the workspace object or the file's text
 * @returns {string} JSON text of `{ workspace: Workspace, warnings: Diagnostic[] }`
 */
export function readWorkspace(workspace) {
  assertReady();
  return wasm.readWorkspace(workspace);
}

/**
 * The Territories page's input for a workspace: JSON text of a `TerritoryInput` (accounts with
 * their territory, territories named after their holder; one territory per owner when the
 * workspace has none).
 *
 * @param {PayeeSpec[] | string} people
 * @param {WorkspaceAccountSpec[] | string} accounts
 * @param {WorkspaceTerritorySpec[] | string} territories
 * @returns {string} JSON text of a `TerritoryInput`
 */
export function territoryInputFor(people, accounts, territories) {
  assertReady();
  return wasm.territoryInputFor(people, accounts, territories);
}

/**
 * The Quotas page's input for a workspace: JSON text of a `QuotaPlanInput` whose tree is the
 * people under their managers and whose history is the deals credited to each person per year.
 *
 * @param {PayeeSpec[] | string} people
 * @param {string} dealsCsv the workspace's deals (canonical transactions CSV)
 * @param {QuotaInputOptions | string} options `{ year, growthPercent?, currency?, companyName? }`
 * @returns {string} JSON text of a `QuotaPlanInput`
 */
export function quotaInputFor(people, dealsCsv, options) {
  assertReady();
  return wasm.quotaInputFor(people, dealsCsv, options);
}

/**
 * The Leaderboard's input for a workspace: JSON text of `{ roster, eventsCsv }` (the people with
 * their teams; each won deal as a `deal` event of its payee, then the activity rows), for
 * `new ScoringModel(workspace.scoringDefinitions, roster, eventsCsv)`.
 *
 * @param {PayeeSpec[] | string} people
 * @param {string} dealsCsv
 * @param {string} activityCsv scoring events CSV (`id,payeeId,type,date`), may be ''
 * @returns {string} JSON text of a `ScoringInput`
 */
export function scoringInputFor(people, dealsCsv, activityCsv) {
  assertReady();
  return wasm.scoringInputFor(people, dealsCsv, activityCsv);
}

/**
 * Accounts and territories derived from the deals: one account per customer (potential = the
 * trailing year's bookings × 1.5, owner = the person with most bookings on it), one territory per
 * owner. JSON text of `{ accounts, territories }`.
 *
 * @param {PayeeSpec[] | string} people
 * @param {string} dealsCsv
 * @returns {string} JSON text of a `WorkspacePlaces`
 */
export function accountsFor(people, dealsCsv) {
  assertReady();
  return wasm.accountsFor(people, dealsCsv);
}

// ---------------------------------------------------------------------------------------------
// Planning (issue 7): territory balancing (docs/territory.md) and quotas (docs/quota.md).
// `new TerritoryModel(input)` keeps accounts and territories on the Rust side: `balance(options)`,
// `moveAccount(accountId, territoryId)`, `result()`, `assignmentCsv()`.

/**
 * A generated territory instance (clustered accounts with potentials, workloads and current
 * owners) as TerritoryInput JSON text. Same seed, same instance.
 *
 * @param {number} accounts
 * @param {number} territories
 * @param {number | bigint} seed
 */
export function territorySample(accounts, territories, seed) {
  assertReady();
  return wasm.territorySample(accounts, territories, seed);
}

/**
 * Quotas cascaded from a company target through the hierarchy, with bottom-up figures, gaps and
 * monthly phasing. Throws an SpmError with located diagnostics for a bad input.
 * @param {object | string} input
 */
export function quotaPlan(input) {
  assertReady();
  return wasm.quotaPlan(input);
}

/**
 * How many reps to hire and when to meet a revenue target. Throws an SpmError for a bad input.
 * @param {object | string} input
 */
export function capacityPlan(input) {
  assertReady();
  return wasm.capacityPlan(input);
}

/** A sample quota-planning input (JSON text). */
export function quotaSample() {
  assertReady();
  return wasm.quotaSample();
}

// Insight (issue 8). `PlanEngine.insights(dataset, opportunities, options)` gives the analytics,
// coaching and sentiment of a plan's back-test and an opportunity set; `PlanEngine.simulation(
// dataset, options)` (or `new PlanSimulation(plan, dataset, options)`) costs a plan by Monte
// Carlo in chunks: `step(trials)` returns the result so far, `result()` the final one, and
// `sensitivity(planDocument, dataset, options)` how the cost moves with each parameter.

/**
 * Forecasts monthly series (ETS chosen by AICc, prediction intervals, bottom-up sums for series
 * with children, an optional back-test). Throws an SpmError with located diagnostics.
 * @param {object | string} input
 */
export function forecastSeries(input) {
  assertReady();
  return wasm.forecastSeries(input);
}

/**
 * Expected bookings of open deals by stage probability (learned from closed deals when there are
 * enough), month by month with P10/P90. Throws an SpmError for a bad input.
 * @param {object | string} input
 */
export function forecastPipeline(input) {
  assertReady();
  return wasm.forecastPipeline(input);
}

/**
 * Three years of monthly bookings for the sample company (company, teams, reps) as a forecast
 * input, JSON text. Same seed, same series.
 * @param {number | bigint} seed
 */
export function forecastSample(seed) {
  assertReady();
  return wasm.forecastSample(seed);
}

/**
 * The sentiment of one English text: compound score in [-1, 1], label, and the words that drove
 * it. The text stays in the page. Throws an SpmError (`LIMIT_EXCEEDED`, path `text`) for a text
 * over 10,000 characters.
 * @param {string} text
 */
export function sentiment(text) {
  assertReady();
  return wasm.sentiment(text);
}

/**
 * A generated opportunity set for the sample company (deals with stage history, activities and
 * notes) as JSON text. Same seed, same set.
 * @param {number | bigint} seed
 */
export function insightSample(seed) {
  assertReady();
  return wasm.insightSample(seed);
}

// Gamified scoring (issue 9): `new ScoringModel(definitions, roster | null, eventsCsvOrJson)`
// keeps the events on the Rust side; `report()`, `leaderboard(spec)`, `spiffRows()`, `spiffCsv()`.

/**
 * Generated scoring events (CSV text) for `reps` reps. Same seed, same events.
 * @param {number} reps @param {number} events @param {number | bigint} seed
 */
export function scoringSample(reps, events, seed) {
  assertReady();
  return wasm.scoringSample(reps, events, seed);
}

/**
 * The roster (reps and teams) that goes with `scoringSample`.
 * @param {number} reps @param {number | bigint} seed
 */
export function scoringSampleRoster(reps, seed) {
  assertReady();
  return wasm.scoringSampleRoster(reps, seed);
}

/** Sample scoring definitions (scorecards, points, levels, badges, leaderboards, contests, goals). */
export function scoringSampleDefs() {
  assertReady();
  return wasm.scoringSampleDefs();
}
