// The plan designer (issue 6): a comp designer edits a plan in a form generated from the plan's
// JSON Schema or as JSON (kept in sync), sees every diagnostic next to its field, and on every
// edit sees the payout curve (main thread, a few ms) and a back-test over the sample company or
// an uploaded CSV (in a Web Worker, so typing never waits), and can compare the plan with a saved
// version or a sample plan. Nothing is lost: the working copy autosaves to IndexedDB (the insights
// page reads it there); every undo step is also a draft in localStorage (drafts.js), with the undo
// history, so a reload keeps both and the Drafts list restores any of the last 50 states; an import
// or an opened plan is a new step, never a rewrite of the current one. Named versions, import and
// export as before. All money arithmetic happens in the engine; this file moves decimal strings
// around and formats them.
import { init, version, validatePlan, compilePlan, planSchema, planChanges, importPresets } from '../../lib/engine.js';
import { activeCompany, activePlans, reloadOnWorkspaceChange } from '../../lib/company.js';
import { saveToCompany, downloadBacktestXlsx } from './company-plans.js';
import { $, el, fillError } from '../../lib/dom.js';
import { formatMoney, formatPercent, formatCount, isZero } from '../../lib/format.js';
import { createPlanForm } from './form.js';
import { payoutCurveChart, curveTable, distributionChart, scatterChart, barList } from '../../lib/charts.js';
import { openStore, createAutosave, exportPlanFile, readPlanFile } from '../../lib/plan-store.js';
import { createHistory } from './history.js';
import { openDrafts, createDraftSaver } from './drafts.js';
import { renderNeeds } from './needs.js';
import '../../components/spm-statement.js';
const locale = navigator.language || 'en-US';

/** Everything the page knows. */
const state = {
  /** @type {string} the plan text being edited (what autosave stores and export writes) */
  text: '',
  /** @type {any} the parsed plan, or null while the JSON view holds a syntax error */
  plan: null,
  currency: 'USD',
  /** @type {any} the last back-test */
  backtest: null,
  /** @type {string[]} sample plan texts */
  samples: [],
  /** @type {any[]} the people checked against the plan's needs (PayeeSpec[]) */
  needsPayees: [],
  /** @type {string} exchange rates (CSV) for people paid in another currency */
  needsRates: '',
  /** @type {any} */ store: null,
  /** @type {any} */ autosave: null,
  /** @type {any} */ history: null,
  /** @type {ReturnType<typeof openDrafts> | null} */ drafts: null,
  /** @type {ReturnType<typeof createDraftSaver> | null} */ draftSaver: null,
  /** @type {{ id: string, base: string | null, how: any } | null} the undo step being written */
  step: null,
  /** what the two saves last said: the working copy (IndexedDB) and the drafts (localStorage) */
  saves: { copy: 'idle', copyError: null, drafts: 'idle', draftsError: null },
  /** @type {string[]} notes about stored drafts that could not be read, shown on the page */
  draftNotes: [],
  /** @type {any} */ form: null,
  /** @type {Worker | null} */ worker: null,
  seq: 0,
  /** the request id of the newest back-test, and when its edit happened */
  pending: { backtest: 0, compare: 0, statements: 0 },
  editAt: new Map(),
  /** @type {Array<{ kind: string, ms: number }>} timings the tests and README read */
  timings: [],
};
/** @type {any} */ (window).designerTimings = state.timings;

const money = (v) => formatMoney(v, state.currency, { locale });
const pct = (v) => formatPercent(v, { locale, maximumFractionDigits: 1 });

/** A worker's plain error as an Error with the engine's code and diagnostics, for fillError. */
function asError(e) {
  return Object.assign(new Error(e.message), { code: e.code, diagnostics: e.diagnostics });
}

function timing(kind, ms, target) {
  state.timings.push({ kind, ms });
  $(target).textContent = `${kind} ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

// ---------------------------------------------------------------------------------------------
// Editing: every change goes through apply().

/**
 * Makes `text` the plan: syncs the form or the JSON view (whichever did not make the change),
 * validates, redraws the curve, queues a back-test, autosaves and records an undo step (and its
 * draft).
 * @param {string} text
 * @param {{ from: 'form' | 'json' | 'history' | 'open' | 'import' | 'restore' | 'load' | 'start', path?: string, description?: string }} how
 *   'history': undo/redo; 'load': the state the reload restored; 'start': the first state of a new
 *   history; 'open', 'import', 'restore': another plan, always a new step with `description`
 */
function apply(text, how) {
  const t0 = performance.now();
  state.text = text;
  let plan = null;
  try {
    plan = JSON.parse(text);
  } catch {
    /* validatePlan reports the syntax error with its line and column */
  }
  state.plan = plan;
  if (how.from !== 'json') /** @type {HTMLTextAreaElement} */ ($('json-text')).value = text;
  if (plan && how.from !== 'form') state.form.setValue(plan);
  const diags = validatePlan(text);
  showDiagnostics(diags);
  state.autosave.schedule(text, { name: plan?.name ?? '' });
  recordStep(text, plan, how);
  updateUndo();
  $('plan-title').textContent = plan?.name ? `${plan.name}` : 'Untitled plan';
  if (diags.some((d) => d.severity === 'error')) {
    $('curve-timing').textContent = 'fix the plan to see the curve';
    return;
  }
  state.currency = typeof plan?.currency === 'string' ? plan.currency : 'USD';
  drawCurve(text);
  timing('curve', performance.now() - t0, 'curve-timing');
  requestBacktest(text, t0);
  if (/** @type {HTMLSelectElement} */ ($('compare-select')).value) requestCompare();
}

function showDiagnostics(diags) {
  state.form.setDiagnostics(diags);
  const box = $('diagnostics');
  box.replaceChildren();
  if (diags.length === 0) return;
  const errors = diags.filter((d) => d.severity === 'error').length;
  const list = el('ul');
  for (const d of diags) {
    const link = el('button', { type: 'button', class: 'linklike' }, d.path || '(plan)');
    link.addEventListener('click', () => {
      if (!$('json-view').hidden) selectTab('form');
      state.form.focusPath(d.path);
    });
    list.append(el('li', { class: d.severity }, link, ` ${d.message}`, d.hint ? ` (${d.hint})` : ''));
  }
  box.append(el('p', null, el('strong', null, errors ? `${errors} error${errors === 1 ? '' : 's'}` : 'Warnings'), errors ? ': the curve and back-test wait until the plan is valid.' : ''), list);
}

/**
 * The undo step of this change, and its draft: a new step is a new draft, an edit in the same
 * burst rewrites its step's draft, undo and redo only move the saved undo position. Opened,
 * imported and restored plans never share a step with anything.
 */
function recordStep(text, plan, how) {
  const edit = how.from === 'form' || how.from === 'json';
  let outcome = 'same';
  if (how.from === 'start') outcome = 'step';
  else if (how.from !== 'history' && how.from !== 'load') outcome = state.history.push(text, { path: edit ? (how.path ?? how.from) : undefined });
  const id = state.history.currentId;
  if (outcome === 'step' || (outcome === 'merge' && state.step?.id !== id)) {
    state.step = { id, base: how.from === 'start' ? null : state.history.previous, how };
  }
  const step = state.step;
  const entry = (outcome === 'step' || outcome === 'merge') && step
    ? { id, planText: text, name: typeof plan?.name === 'string' ? plan.name : '', describe: () => describeStep(step, text) }
    : null;
  state.draftSaver.schedule(entry, state.history.snapshot());
}

/** A short sentence for a draft: what its step did. */
function describeStep(step, text) {
  if (step.how.description) return step.how.description;
  if (step.base === null) return 'Opened';
  let changes;
  try {
    changes = planChanges(step.base, text);
  } catch {
    return step.how.from === 'json' ? 'Edited the JSON (it does not parse yet)' : 'Edited the plan';
  }
  const short = (v) => (typeof v === 'string' && v.length > 32 ? `${v.slice(0, 31)}…` : v);
  if (changes.length === 0) return 'Edited the layout of the JSON';
  if (changes.length === 1) {
    const c = changes[0];
    const where = c.path || '(plan)';
    return c.change === 'changed' ? `${where}: ${short(c.old)} → ${short(c.new)}` : `${where} ${c.change}`;
  }
  return `${changes.length} changes: ${changes.slice(0, 2).map((c) => c.path || '(plan)').join(', ')}${changes.length > 2 ? ', …' : ''}`;
}

function updateUndo() {
  /** @type {HTMLButtonElement} */ ($('undo')).disabled = !state.history.canUndo;
  /** @type {HTMLButtonElement} */ ($('redo')).disabled = !state.history.canRedo;
}

function undo() {
  const t = state.history.undo();
  if (t !== null) apply(t, { from: 'history' });
}

function redo() {
  const t = state.history.redo();
  if (t !== null) apply(t, { from: 'history' });
}

/**
 * Opens another plan as a new step (a new draft); Undo, the Drafts list and the notice's button go
 * back to the one before.
 * @param {string} text
 * @param {{ from?: 'open' | 'import', description: string, notice: () => string, doing: string }} how
 *   `notice` is worded once the plan is open (it counts the plan's errors); `doing` names the
 *   change for the draft the notice's button makes ("importing plan.json")
 */
function openPlan(text, { from = 'open', description, notice, doing }) {
  const before = { text: state.text, name: state.plan?.name, doing };
  apply(prettify(text), { from, description });
  if (state.text !== before.text) showReplaced(notice(), before);
}

/** Says what replaced the plan on screen, with one button back to the plan that was there. */
function showReplaced(message, before) {
  const box = $('notice');
  const back = el('button', { type: 'button', class: 'button', id: 'notice-back' }, `Back to ${before.name ? `“${before.name}”` : 'the plan before'}`);
  back.addEventListener('click', () => {
    hideNotice();
    apply(before.text, { from: 'restore', description: `Back to the plan before ${before.doing}` });
  });
  const dismiss = el('button', { type: 'button', class: 'linklike', id: 'notice-dismiss' }, 'Dismiss');
  dismiss.addEventListener('click', hideNotice);
  box.replaceChildren(el('span', null, `${message} The plan you had is kept in Drafts. `), back, ' ', dismiss);
  box.hidden = false;
}

function hideNotice() {
  $('notice').hidden = true;
  $('notice').replaceChildren();
}

function prettify(text) {
  if (typeof text !== 'string') return JSON.stringify(text, null, 2);
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------------------------------------
// The payout curve (main thread: a compile and 41 resumed runs, a few ms).

function typicalOptions() {
  const v = (id) => /** @type {HTMLInputElement} */ ($(id)).value.trim();
  const inputs = [...$('typical-inputs').querySelectorAll('input')].map((i) => ({ name: i.dataset.name ?? '', value: i.value.trim() || '0' }));
  return { quota: v('typical-quota'), targetIncentive: v('typical-ti'), asOf: v('typical-asof'), inputs };
}

/** One field per formula input the plan declares (a score a modifier reads), default 50. */
function syncTypicalInputs(plan) {
  const names = Array.isArray(plan?.inputs) ? plan.inputs.filter((n) => typeof n === 'string') : [];
  const box = $('typical-inputs');
  const have = [...box.querySelectorAll('input')].map((i) => i.dataset.name);
  if (have.join('\u0000') === names.join('\u0000')) return;
  box.replaceChildren(...names.map((n, i) => {
    const input = el('input', { id: `typical-input-${i}`, inputmode: 'decimal', value: '50' });
    input.dataset.name = n;
    return el('div', { class: 'control' }, el('label', { for: `typical-input-${i}` }, `Input ${n}`), input);
  }));
}

let lastCurve = null;
function drawCurve(text) {
  syncTypicalInputs(state.plan);
  const box = $('curve-chart');
  let engine;
  try {
    engine = compilePlan(text);
    const curve = engine.attainmentCurve(typicalOptions());
    lastCurve = curve;
    const width = Math.max(320, Math.round(box.clientWidth) || 640);
    box.replaceChildren(payoutCurveChart({ curve, currency: curve.currency, locale, width }));
    $('curve-table').replaceChildren(curveTable(curve, { currency: curve.currency, locale }));
    renderNeeds($('needs'), engine, state.needsPayees, { locale, ratesCsv: state.needsRates });
  } catch (err) {
    lastCurve = null;
    const note = el('div', { class: 'error' });
    fillError(note, err, 'No curve');
    box.replaceChildren(note);
    $('curve-table').replaceChildren();
  } finally {
    engine?.free();
  }
}

// ---------------------------------------------------------------------------------------------
// Back-test, comparison and statements: in the worker.

function post(type, body) {
  state.seq += 1;
  state.pending[type] = state.seq;
  state.worker?.postMessage({ type, id: state.seq, ...body });
  return state.seq;
}

function requestBacktest(text, t0) {
  const id = post('backtest', { plan: text });
  state.editAt.set(id, t0);
  $('backtest-timing').textContent = 'running…';
}

function onWorker(event) {
  const msg = event.data;
  if (msg.type === 'load') return onLoaded(msg);
  if (msg.id !== state.pending[msg.type]) return; // an older request: a newer one is on its way
  if (msg.type === 'backtest') {
    if (msg.error) showBacktestError(msg.error);
    else renderBacktest(msg.result);
    const t0 = state.editAt.get(msg.id);
    state.editAt.clear();
    if (t0 !== undefined) timing('back-test', performance.now() - t0, 'backtest-timing');
    $('backtest-timing').title = `engine ${Math.round(msg.ms)} ms in the worker`;
  } else if (msg.type === 'compare') {
    renderCompare(msg);
  } else if (msg.type === 'statements') {
    renderStatements(msg);
  }
}

function onLoaded(msg) {
  if (msg.error) {
    fillError($('error'), asError(msg.error), 'Loading the data');
    $('data-info').textContent = '';
    return;
  }
  const r = msg.result;
  const imp = r.import ? ` · ${formatCount(r.import.imported, { locale })} of ${formatCount(r.import.rows, { locale })} rows imported${r.import.rejected ? `, ${r.import.rejected} rejected` : ''}` : '';
  $('data-info').textContent = `${formatCount(r.transactions, { locale })} transactions, ${formatCount(r.payees, { locale })} payees${imp}`;
  // Every row left out is named with its line and reason (the first few here; the Company page
  // imports into the workspace with the full data-quality report).
  const left = [...(r.import?.lines ?? []).filter((l) => l.status !== 'warning').map((l) => `line ${l.line}${l.column ? `, ${l.column}` : ''}: ${l.reason}`),
    ...(r.import?.lines ? [] : (r.import?.problems ?? []).map((p) => `${p.path}: ${p.message}`))];
  if (left.length) $('data-info').textContent += `. Left out: ${left.slice(0, 3).join('; ')}${left.length > 3 ? `; and ${left.length - 3} more` : ''}.`;
  if (state.plan && state.text) requestBacktest(state.text, performance.now());
}

function showBacktestError(error) {
  $('backtest-xlsx').disabled = true;
  const box = $('components-chart');
  const note = el('div', { class: 'error' });
  fillError(note, asError(error), 'The back-test failed');
  box.replaceChildren(note);
  for (const id of ['distribution-chart', 'scatter-chart', 'payees-table']) $(id).replaceChildren();
}

function renderBacktest(b) {
  state.backtest = b;
  $('backtest-xlsx').disabled = false;
  const cur = b.currency;
  const m = (v) => formatMoney(v, cur, { locale });
  $('kpi-total').textContent = m(b.totalPayout);
  $('kpi-cos').textContent = pct(b.costOfSales);
  $('kpi-cos').title = `${m(b.totalPayout)} paid on ${m(b.revenue)} of revenue`;
  $('kpi-payees').textContent = formatCount(b.payeesPaid, { locale });
  $('kpi-median').textContent = m(b.spread.median);
  $('kpi-top').textContent = pct(b.spread.topDecileShare);
  const width = (id) => Math.max(300, Math.round($(id).clientWidth) || 560);
  $('components-chart').replaceChildren(barList({ items: b.components.map((c) => ({ id: c.id, label: c.name, value: c.total })), currency: cur, locale, width: width('components-chart') }));
  $('distribution-chart').replaceChildren(distributionChart({ bins: b.distribution, currency: cur, locale, width: width('distribution-chart') }));
  const points = b.payees.filter((p) => p.attainment !== null).map((p) => ({ id: p.id, label: p.name, x: p.attainment, y: p.payout }));
  $('scatter-chart').replaceChildren(scatterChart({
    points, currency: cur, locale, width: width('scatter-chart'),
    xLabel: `Attainment (${b.attainmentComponent ?? 'no quota'})`, yLabel: 'Payout', onSelect: openStatements,
  }));
  renderPayees(b);
}

function renderPayees(b) {
  const cur = b.currency;
  const m = (v) => formatMoney(v, cur, { locale });
  const head = el('tr', null, ...['Payee', 'Role', 'Payout', 'Credit', 'Attainment', 'Effective rate', ''].map((h) => el('th', { scope: 'col' }, h)));
  const rows = b.payees.map((p) => {
    const open = el('button', { type: 'button', class: 'linklike', 'data-payee': p.id, 'aria-label': `Statements of ${p.name}` }, 'Statements');
    open.addEventListener('click', () => openStatements(p.id));
    return el('tr', { 'data-payee-id': p.id },
      el('th', { scope: 'row' }, p.name),
      el('td', null, p.role),
      el('td', { class: 'num' }, m(p.payout)),
      el('td', { class: 'num' }, m(p.credit)),
      el('td', { class: 'num' }, p.attainment === null ? '—' : pct(p.attainment)),
      el('td', { class: 'num' }, p.effectiveRate === null ? '—' : formatPercent(p.effectiveRate, { locale, maximumFractionDigits: 2 })),
      el('td', null, open));
  });
  $('payees-table').replaceChildren(el('caption', null, `Every payee on the plan (${b.payees.length})`), el('thead', null, head), el('tbody', null, ...rows));
}

function openStatements(payeeId) {
  const p = state.backtest?.payees.find((x) => x.id === payeeId);
  $('statement-heading').textContent = `Statements of ${p?.name ?? payeeId}`;
  $('statement-body').showMessage('Running the plan with every line and sentence…', { status: true });
  const dialog = /** @type {HTMLDialogElement} */ ($('statement-dialog'));
  if (!dialog.open) dialog.showModal();
  post('statements', { plan: state.text, payeeId });
}

/** Every period's statement of one payee, in the one statement view (<spm-statement>). */
function renderStatements(msg) {
  const view = $('statement-body');
  if (msg.error) view.showError(asError(msg.error), 'No statements');
  else view.showPayout(msg.result, { plan: state.plan });
}

async function compareText() {
  const v = /** @type {HTMLSelectElement} */ ($('compare-select')).value;
  if (v.startsWith('sample:')) return prettify(state.samples[Number(v.slice(7))] ?? '');
  if (v.startsWith('version:')) return (await state.store.loadVersion(Number(v.slice(8))))?.planText ?? '';
  return '';
}

async function requestCompare() {
  const other = await compareText();
  if (!other || !state.plan) {
    $('compare-result').replaceChildren();
    return;
  }
  $('compare-timing').textContent = 'running…';
  state.compareOld = other;
  post('compare', { old: other, new: state.text });
}

function renderCompare(msg) {
  const box = $('compare-result');
  $('compare-timing').textContent = `${Math.round(msg.ms)} ms`;
  if (msg.error) {
    const note = el('div', { class: 'error' });
    fillError(note, asError(msg.error), 'The comparison failed');
    box.replaceChildren(note);
    return;
  }
  const d = msg.result;
  const m = (v) => formatMoney(v, d.currency, { locale });
  const t = d.totals;
  const cards = el('dl', { class: 'cards' },
    el('div', { class: 'card' }, el('dt', null, 'Other version'), el('dd', { id: 'compare-old' }, m(t.old))),
    el('div', { class: 'card' }, el('dt', null, 'This plan'), el('dd', { id: 'compare-new' }, m(t.new))),
    el('div', { class: 'card card-accent' }, el('dt', null, 'Difference'), el('dd', { id: 'compare-delta' }, m(t.difference))),
    el('div', { class: 'card' }, el('dt', null, 'Better / worse off'), el('dd', null, `${d.summary.betterOff} / ${d.summary.worseOff}`)));
  const movers = [...d.summary.topWinners, ...d.summary.topLosers].filter((p) => !isZero(p.difference));
  const chart = movers.length
    ? barList({ items: movers.map((p) => ({ id: p.payeeId, label: p.payeeName, value: p.new, delta: p.difference })), currency: d.currency, locale, width: Math.max(300, Math.round(box.clientWidth) || 560) })
    : el('p', { class: 'hint' }, 'No payee is paid differently.');
  const rows = d.payees.filter((p) => !isZero(p.difference)).map((p) => el('tr', { 'data-payee-id': p.payeeId },
    el('th', { scope: 'row' }, p.payeeName), el('td', { class: 'num' }, m(p.old)), el('td', { class: 'num' }, m(p.new)), el('td', { class: 'num' }, m(p.difference))));
  const table = el('table', { class: 'data-table', id: 'compare-payees' }, el('caption', null, `Payees paid differently (${rows.length})`),
    el('thead', null, el('tr', null, ...['Payee', 'Other', 'This plan', 'Difference'].map((h) => el('th', { scope: 'col' }, h)))), el('tbody', null, ...rows));
  let changes = [];
  try {
    changes = planChanges(state.compareOld, state.text);
  } catch (err) {
    changes = [{ path: '', change: 'changed', old: '', new: err instanceof Error ? err.message : String(err) }];
  }
  const list = el('ul', { class: 'changes', id: 'plan-changes' }, ...changes.map((c) => el('li', { class: c.change },
    el('code', null, c.path || '(plan)'), ` ${c.change}`, c.old !== undefined ? el('span', { class: 'old' }, ` ${c.old}`) : '', c.new !== undefined ? el('span', { class: 'new' }, ` → ${c.new}`) : '')));
  box.replaceChildren(cards, chart, el('div', { class: 'table-wrap' }, table), el('h3', null, `What changed in the plan (${changes.length})`), changes.length ? list : el('p', { class: 'hint' }, 'The two plans are the same.'));
}

// ---------------------------------------------------------------------------------------------
// Versions, import, export.

async function refreshVersions() {
  const versions = await state.store.listVersions();
  const fill = (select, first) => {
    const keep = select.value;
    select.replaceChildren(el('option', { value: '' }, first),
      el('optgroup', { label: `Plans of ${state.company?.company ?? 'the company'}` }, ...state.samples.map((t, i) => el('option', { value: `sample:${i}` }, sampleName(t, i)))),
      el('optgroup', { label: 'Saved versions' }, ...versions.map((v) => el('option', { value: `version:${v.id}` }, `${v.name} (${new Date(v.savedAt).toLocaleString(locale)})`))));
    if ([...select.querySelectorAll('option')].some((o) => o.value === keep)) select.value = keep;
  };
  fill($('open-select'), 'Open…');
  fill($('compare-select'), 'Choose a version…');
}

function sampleName(text, i) {
  try {
    return JSON.parse(text).name;
  } catch {
    return `Sample plan ${i + 1}`;
  }
}

async function saveVersion() {
  const input = /** @type {HTMLInputElement} */ ($('version-name'));
  const name = input.value.trim() || `${state.plan?.name ?? 'Plan'} ${new Date().toLocaleString(locale)}`;
  await state.store.saveVersion(name, state.text);
  input.value = '';
  await refreshVersions();
  $('save-state').textContent = `Saved version “${name}”`;
}

/** The plan as the newest version of its plan in the active workspace (company-plans.js). */
async function saveCompanyVersion() {
  $('error').hidden = true;
  $('company-status').hidden = true;
  const out = await saveToCompany(state.text);
  state.samples = activePlans({ plans: out.plans }).map((p) => JSON.stringify(p));
  await refreshVersions();
  $('company-status').textContent = `${out.sentence}.`;
  $('company-status').hidden = false;
}

async function importFile(file) {
  try {
    const text = await readPlanFile(file);
    // A file that is not JSON, or of another schema version, is refused before it replaces the
    // plan being edited; any other problem opens it, to be fixed at its field.
    const fatal = validatePlan(text).filter((d) => d.code === 'JSON_SYNTAX' || d.path === 'schemaVersion');
    if (fatal.length > 0) {
      throw Object.assign(new Error(`${file.name} was not opened: ${fatal[0].message}`), { code: fatal[0].code, diagnostics: fatal });
    }
    $('error').hidden = true;
    openPlan(text, { from: 'import', description: `Imported ${file.name}`, notice: () => importSentence(file.name), doing: `importing ${file.name}` });
  } catch (err) {
    fillError($('error'), err, `Importing ${file.name}`);
  }
}

/** What an import did, with the number of errors the imported plan has. */
function importSentence(fileName) {
  const errors = [...$('diagnostics').querySelectorAll('li.error')].length;
  return `Imported “${fileName}” as a new draft${errors ? ` (${errors} error${errors === 1 ? '' : 's'} to fix)` : ''}.`;
}

// ---------------------------------------------------------------------------------------------
// Drafts: the list, restore, and what the two saves say.

const whenFormat = () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });

/** The Drafts button's count and, when open, the list. */
function refreshDrafts() {
  if (!state.drafts) return;
  const { drafts, problems } = state.drafts.list();
  showDraftNotes(problems);
  $('drafts-button').textContent = `Drafts (${drafts.length})`;
  if (/** @type {HTMLDialogElement} */ ($('drafts-dialog')).open) renderDrafts(drafts);
}

function renderDrafts(drafts) {
  const fmt = whenFormat();
  const current = state.history.currentId;
  const items = drafts.map((d) => {
    const when = el('time', { datetime: d.savedAt }, fmt.format(new Date(d.savedAt)));
    const isCurrent = d.id === current;
    const action = isCurrent
      ? el('span', { class: 'badge badge-info' }, 'Open now')
      : el('button', { type: 'button', class: 'button', 'data-restore': d.id, 'aria-label': `Restore the draft of ${fmt.format(new Date(d.savedAt))}` }, 'Restore');
    if (!isCurrent) action.addEventListener('click', () => restoreDraft(d.id));
    return el('li', { class: `draft${isCurrent ? ' current' : ''}`, 'data-draft-id': d.id },
      el('div', { class: 'draft-text' },
        el('div', { class: 'draft-when' }, when, ' · ', el('span', { class: 'draft-name' }, d.name || 'Untitled plan')),
        el('div', { class: 'draft-desc' }, d.description || 'Edited')),
      action);
  });
  $('drafts-list').replaceChildren(...items);
  if (items.length === 0) $('drafts-list').replaceChildren(el('li', { class: 'hint' }, state.drafts.available ? 'No drafts yet.' : 'Drafts cannot be kept in this browser.'));
}

function showDraftsDialog() {
  state.draftSaver.flush(); // the list shows the step being typed too
  refreshDrafts();
  const dialog = /** @type {HTMLDialogElement} */ ($('drafts-dialog'));
  renderDrafts(state.drafts.list().drafts);
  if (!dialog.open) dialog.showModal();
}

function restoreDraft(id) {
  const d = state.drafts.get(id);
  /** @type {HTMLDialogElement} */ ($('drafts-dialog')).close();
  if (!d) {
    showDraftNotes(['That draft is no longer stored (another tab may have replaced it).']);
    return;
  }
  hideNotice();
  apply(d.planText, { from: 'restore', description: `Restored the draft of ${whenFormat().format(new Date(d.savedAt))}` });
  $('editor-heading').focus();
}

/**
 * Notes about the stored drafts on the page and in the dialog: `state.draftNotes` (a blocked
 * storage, an unreadable undo history, a refused or pruning write) and `extra` (what the list
 * could not read now).
 */
function showDraftNotes(extra = []) {
  const notes = [...new Set([...state.draftNotes, ...extra])];
  for (const id of ['drafts-note', 'drafts-dialog-note']) {
    const box = $(id);
    box.replaceChildren(...(notes.length === 1 ? [el('strong', null, 'Drafts: '), notes[0]] : [el('strong', null, 'Drafts:'), el('ul', null, ...notes.map((n) => el('li', null, n)))]));
    box.hidden = notes.length === 0;
  }
}

/** The toolbar's save state: saved only when both the working copy and the drafts are. */
function showSaveState() {
  const { copy, copyError, drafts, draftsError } = /** @type {any} */ (state.saves);
  const box = $('save-state');
  let s;
  let text;
  const why = (e) => (e instanceof Error ? e.message : String(e));
  if (copy === 'error') {
    s = 'error';
    text = `Not saved: ${why(copyError)}`;
  } else if (drafts === 'error') {
    // The working copy is saved (or on its way); the drafts' full reason is in the note below.
    s = 'error';
    text = draftsError?.code === 'QuotaExceededError' ? 'Drafts not saved: storage is full (see below)' : 'Drafts cannot be kept in this browser (see below)';
  } else if (copy === 'saving') {
    s = 'saving';
    text = 'Saving…';
  } else if (copy === 'pending' || drafts === 'pending') {
    s = 'pending';
    text = 'Unsaved changes…';
  } else {
    s = 'saved';
    text = 'All changes saved in this browser';
  }
  box.textContent = text;
  box.dataset.state = s;
}

function onDraftsSaved(s, { error, pruned }) {
  state.saves.drafts = s;
  state.saves.draftsError = error ?? null;
  const notes = state.draftNotes.filter((n) => !n.startsWith('Not kept as a draft') && !n.startsWith('The browser\'s storage was full'));
  if (error && state.drafts?.available) notes.push(`Not kept as a draft: ${error.message}`);
  if (pruned) notes.push(`The browser's storage was full: ${pruned === 1 ? 'one old draft or unreadable entry was' : `${pruned} old drafts or unreadable entries were`} removed to make room for the newest.`);
  state.draftNotes = notes;
  showSaveState();
  if (s !== 'pending') refreshDrafts();
}

// ---------------------------------------------------------------------------------------------
// Wiring.

function selectTab(which) {
  const form = which === 'form';
  $('tab-form').setAttribute('aria-selected', String(form));
  $('tab-json').setAttribute('aria-selected', String(!form));
  $('tab-form').tabIndex = form ? 0 : -1;
  $('tab-json').tabIndex = form ? -1 : 0;
  $('form-view').hidden = !form;
  $('json-view').hidden = form;
}

function wire() {
  $('undo').addEventListener('click', undo);
  $('drafts-button').addEventListener('click', showDraftsDialog);
  $('drafts-close').addEventListener('click', () => /** @type {HTMLDialogElement} */ ($('drafts-dialog')).close());
  // Another tab of the designer wrote drafts: the count and the list follow.
  window.addEventListener('storage', (e) => { if (e.key === null || e.key.startsWith('spm-designer:')) refreshDrafts(); });
  $('redo').addEventListener('click', redo);
  document.addEventListener('keydown', (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'z') return;
    if (e.target instanceof HTMLTextAreaElement) return; // the JSON view has its own undo
    e.preventDefault();
    if (e.shiftKey) redo();
    else undo();
  });
  $('tab-form').addEventListener('click', () => selectTab('form'));
  $('tab-json').addEventListener('click', () => selectTab('json'));
  for (const tab of ['tab-form', 'tab-json']) {
    $(tab).addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      const next = tab === 'tab-form' ? 'json' : 'form';
      selectTab(next);
      $(`tab-${next}`).focus();
    });
  }
  let jsonTimer = 0;
  $('json-text').addEventListener('input', () => {
    clearTimeout(jsonTimer);
    jsonTimer = window.setTimeout(() => apply(/** @type {HTMLTextAreaElement} */ ($('json-text')).value, { from: 'json' }), 250);
  });
  const save = () => { saveVersion().catch((err) => fillError($('error'), err, 'Saving the version')); };
  $('save-version').addEventListener('click', save);
  $('save-company').addEventListener('click', () => { saveCompanyVersion().catch((err) => fillError($('error'), err, "Saving to the company's plans")); });
  $('backtest-xlsx').addEventListener('click', () => {
    if (!state.backtest) return;
    downloadBacktestXlsx(state.backtest, state.plan?.id).catch((err) => fillError($('error'), err, 'Downloading the back-test'));
  });
  $('version-name').addEventListener('keydown', (e) => { if (e.key === 'Enter') save(); });
  $('export').addEventListener('click', () => exportPlanFile(state.text, `${state.plan?.id ?? 'plan'}.json`));
  $('import-file').addEventListener('change', (e) => {
    const input = /** @type {HTMLInputElement} */ (e.target);
    const file = input.files?.[0];
    if (file) importFile(file);
    input.value = '';
  });
  $('open-select').addEventListener('change', async (e) => {
    const select = /** @type {HTMLSelectElement} */ (e.target);
    const v = select.value;
    select.value = '';
    if (v.startsWith('sample:')) {
      const i = Number(v.slice(7));
      const name = sampleName(state.samples[i] ?? '', i);
      openPlan(state.samples[i] ?? '', { description: `Opened the sample plan “${name}”`, notice: () => `Opened the sample plan “${name}” as a new draft.`, doing: `opening the sample plan “${name}”` });
    } else if (v.startsWith('version:')) {
      const rec = await state.store.loadVersion(Number(v.slice(8)));
      if (rec) openPlan(rec.planText, { description: `Opened the version “${rec.name}”`, notice: () => `Opened the version “${rec.name}” as a new draft.`, doing: `opening the version “${rec.name}”` });
    }
  });
  $('compare-select').addEventListener('change', () => { requestCompare(); });
  let typicalTimer = 0;
  $('typical').addEventListener('input', () => {
    clearTimeout(typicalTimer);
    typicalTimer = window.setTimeout(() => { if (state.plan) drawCurve(state.text); }, 150);
  });
  $('typical').addEventListener('submit', (e) => e.preventDefault());
  $('data-select').addEventListener('change', (e) => {
    const csv = /** @type {HTMLSelectElement} */ (e.target).value === 'csv';
    $('data-upload').hidden = !csv;
    if (!csv) loadCompanyData();
  });
  $('csv-file').addEventListener('change', async (e) => {
    const file = /** @type {HTMLInputElement} */ (e.target).files?.[0];
    if (!file) return;
    const csv = await file.text();
    $('data-info').textContent = `Importing ${file.name}…`;
    state.worker?.postMessage({ type: 'load', source: 'csv', csv, preset: /** @type {HTMLSelectElement} */ ($('csv-preset')).value, payees: state.company.payees });
  });
  $('statement-close').addEventListener('click', () => /** @type {HTMLDialogElement} */ ($('statement-dialog')).close());
  // Leaving or hiding the page: the drafts are written at once (localStorage is synchronous, so
  // this lands before the page goes), and the working copy's write is started.
  const flush = () => {
    state.draftSaver.flush();
    state.autosave.flush().catch(() => {});
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flush(); });
  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(() => { if (state.plan) drawCurve(state.text); if (state.backtest) renderBacktest(state.backtest); }, 200);
  });
}

/** The plan a company without plans starts from: 10% of every deal, paid each quarter. */
const STARTER_PLAN = {
  schemaVersion: 1,
  id: 'new-plan',
  name: 'New plan',
  currency: 'USD',
  period: 'quarter',
  components: [
    { id: 'commission', name: 'Commission', kind: 'commission', rateTable: { mode: 'flat', base: 'amount', evaluation: 'perTransaction', tiers: [{ from: '0', to: null, rate: '0.10' }] } },
  ],
};

/** Back-tests run on the active company: its people (with their quotas and targets) and deals. */
function loadCompanyData() {
  const c = state.company;
  state.worker?.postMessage({ type: 'load', source: 'company', transactionsCsv: c.transactionsCsv, payees: c.payees });
}

async function main() {
  await init();
  $('engine-version').textContent = `v${version()}`;
  const sample = await activeCompany();
  state.company = sample;
  reloadOnWorkspaceChange(sample.id);
  state.samples = sample.plans.map((p) => (typeof p === 'string' ? p : JSON.stringify(p)));
  // A company without plans yet starts from a one-component plan to shape (its diagnostics say
  // what is still missing); "Save to the company's plans" then gives the company its first plan.
  if (state.samples.length === 0) state.samples = [JSON.stringify(STARTER_PLAN)];
  $('data-company').textContent = `Active company: ${sample.company} (${formatCount(sample.payees.length)} people)`;
  state.needsPayees = sample.payees; // the workspace's people and rates: who lacks what this plan needs
  state.needsRates = sample.ratesCsv;
  const schema = JSON.parse(planSchema());
  // The project's own columns first: the documented CSV imports as it is, with no preset to pick.
  const presets = importPresets().filter((x) => x.kind === 'transactions');
  for (const p of [...presets.filter((x) => x.name === 'spm'), ...presets.filter((x) => x.name !== 'spm')]) {
    $('csv-preset').append(el('option', { value: p.name }, `${p.name}: ${p.description}`));
  }
  state.store = await openStore();
  state.autosave = createAutosave(state.store, {
    onState: (s, err) => {
      state.saves.copy = s;
      state.saves.copyError = err ?? null;
      showSaveState();
    },
  });
  state.drafts = openDrafts();
  state.draftSaver = createDraftSaver(state.drafts, { onState: onDraftsSaved });
  state.form = createPlanForm($('form-view'), {
    schema,
    onChange: (plan, info) => apply(JSON.stringify(plan, null, 2), { from: 'form', path: info?.path }),
  });
  const start = await startingPoint();
  state.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  state.worker.onmessage = onWorker;
  state.worker.onerror = (e) => fillError($('error'), new Error(`The back-test worker failed: ${e.message}`), 'Back-test');
  loadCompanyData();
  wire();
  $('status').hidden = true;
  $('editor-panel').hidden = false;
  $('results').hidden = false;
  await refreshVersions();
  apply(state.history.current, { from: start.restored ? 'load' : 'start', description: start.description });
  if (start.recovered) apply(prettify(start.recovered.text), { from: 'open', description: start.recovered.description });
  // The first state and the undo position, stored at once (nothing here is an unsaved change).
  state.draftSaver.flush();
  state.autosave.flush().catch(() => {});
  refreshDrafts();
  document.body.dataset.ready = '1';
}

/**
 * Where the page starts: the undo history saved with the drafts (the current step and the steps
 * before and after it that are still stored), else the newest draft, else the working copy, else
 * the sample plan. A working copy newer than the drafts and different (the drafts could not be
 * written) opens as a new step on top, so it is not lost either.
 */
async function startingPoint() {
  const drafts = state.drafts;
  const notes = [];
  if (!drafts.available) notes.push('This browser does not let the page keep drafts (localStorage is blocked), so there is no Drafts list and Undo starts afresh after a reload. Export the plan as a file to keep it.');
  const listed = drafts.list();
  const { session, problem } = drafts.loadSession();
  if (problem) notes.push(problem);
  state.draftNotes = notes; // what the list cannot read is said afresh by each refreshDrafts()
  showDraftNotes(listed.problems);

  /** @type {{ id: string, text: string, savedAt: string }[]} */
  const entries = [];
  let index = 0;
  for (const [i, id] of (session?.ids ?? []).entries()) {
    const d = drafts.get(id);
    if (!d) continue;
    if (i <= (session?.index ?? 0)) index = entries.length;
    entries.push({ id, text: d.planText, savedAt: d.savedAt });
  }
  if (entries.length === 0 && listed.drafts.length > 0) {
    const d = drafts.get(listed.drafts[0].id);
    if (d) entries.push({ id: d.id, text: d.planText, savedAt: d.savedAt });
  }
  const copy = await state.store.loadDraft().catch(() => null);
  const copyText = typeof copy?.planText === 'string' ? copy.planText : null;
  if (entries.length > 0) {
    state.history = createHistory(entries[index].text, { newId: drafts.newId });
    state.history.restore(entries, index);
    const current = entries[index];
    const newer = copyText !== null && copyText !== current.text && String(copy.savedAt) > current.savedAt;
    return {
      restored: true,
      recovered: newer ? { text: copyText, description: `Recovered the working copy saved at ${whenFormat().format(new Date(copy.savedAt))}` } : null,
    };
  }
  const first = sampleName(state.samples[0], 0);
  state.history = createHistory(prettify(copyText ?? state.samples[0]), { newId: drafts.newId });
  return { restored: false, description: copyText !== null ? 'The working copy saved in this browser' : `Started from the sample plan “${first}”` };
}

main().catch((err) => {
  $('status').hidden = true;
  fillError($('error'), err, 'The designer could not start');
});
