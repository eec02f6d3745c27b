// The insights page (issue 8): plan costing by Monte Carlo (in a worker, streamed), the bookings
// forecast with prediction intervals and its measured accuracy, the pipeline forecast by stage
// probability, attainment and pay, velocity, conversion, cycle, coverage and health, coaching,
// and deal-note sentiment. The engine computes everything; this file maps fields, formats the
// engine's strings and draws.
import { init, version, compilePlan, loadDataset, insightSample, forecastSeries, forecastPipeline, sentiment } from '../../lib/engine.js';
import { activeCompany, reloadOnWorkspaceChange } from '../../lib/company.js';
import { $, el, fillError } from '../../lib/dom.js';
import { formatMoney, formatPercent, formatCount, formatDecimal } from '../../lib/format.js';
import { scatterChart } from '../../lib/charts.js';
import { openStore } from '../../lib/plan-store.js';
import { fanChart, columnChart, tornadoChart } from './charts.js';

const locale = navigator.language || 'en-US';
const state = {
  /** @type {any} */ insights: null,
  /** @type {any} */ forecast: null,
  /** @type {any} the opportunity set */ opportunities: null,
  /** @type {string[]} plan texts offered for costing */ plans: [],
  /** @type {any} */ worker: null,
  runId: 0,
  /** @type {any} the last complete simulation */ simulation: null,
  /** @type {Record<string, number>} */ timings: {},
};
/** @type {any} */ (window).insightTimings = state.timings;

const width = (id) => Math.max(320, Math.round($(id).clientWidth || 560));
const money = (v, currency) => (v === undefined || v === null ? '—' : formatMoney(v, currency, { locale }));
const pct = (v, digits = 1) => (v === undefined || v === null ? '—' : formatPercent(v, { locale, maximumFractionDigits: digits }));
const num = (v, digits = 1) => (v === undefined || v === null ? '—' : formatDecimal(v, { locale, maximumFractionDigits: digits }));
const list = (id, lines) => $(id).replaceChildren(...(lines ?? []).map((t) => el('li', null, t)));
const card = (label, value, sub, accent = false) => el('div', { class: `card${accent ? ' card-accent' : ''}` }, el('dt', null, label), el('dd', null, value, sub ? el('span', { class: 'card-sub' }, sub) : null));

/**
 * A table from column specs: [header, cell(row) → string, numeric?].
 * @param {string} id @param {string} caption @param {any[]} rows @param {[string, (r: any) => string, boolean?][]} cols
 * @param {(r: any) => Record<string, string>} [rowAttrs]
 */
function table(id, caption, rows, cols, rowAttrs) {
  $(id).replaceChildren(
    el('caption', null, caption),
    el('thead', null, el('tr', null, ...cols.map(([h, , n]) => el('th', { scope: 'col', class: n ? 'num' : null }, h)))),
    el('tbody', null, ...rows.map((r) => el('tr', rowAttrs ? rowAttrs(r) : null, ...cols.map(([, f, n], i) => (i === 0 ? el('th', { scope: 'row' }, f(r)) : el('td', { class: n ? 'num' : null }, f(r))))))),
  );
}

// -- plan costing -------------------------------------------------------------------------------

function costingOptions() {
  // Whole numbers only: a typo is reported at its field, never replaced by a default.
  const whole = (id, label) => {
    const v = $(id).value.trim();
    if (!/^\d+$/.test(v)) throw new Error(`${label}: "${v}" is not a whole number; type digits only, such as ${id === 'mc-seed' ? '7' : '10000'}.`);
    return Number(v);
  };
  const o = { seed: whole('mc-seed', 'Seed'), trials: whole('mc-trials', 'Trials') };
  const sd = $('mc-sd').value.trim();
  if (sd) {
    o.fitHistory = false;
    o.defaultDistribution = { kind: 'normal', mean: '1', sd };
  }
  const corr = $('mc-correlation').value.trim();
  if (corr) o.correlation = corr;
  const budget = $('mc-budget').value.trim();
  if (budget) o.budget = budget;
  return o;
}

function runCosting() {
  const options = costingOptions();
  $('mc-sens-run').disabled = true;
  $('mc-sensitivity').replaceChildren();
  state.runId += 1;
  state.simulation = null;
  state.timings.costingStart = performance.now();
  delete state.timings.costingFirst;
  delete state.timings.costingDone;
  $('mc-progress').textContent = 'Running…';
  state.worker.postMessage({ type: 'run', id: state.runId, plan: state.plans[Number($('mc-plan').value)] ?? state.plans[0], options });
}

function showCosting(r, done, ms) {
  const c = r.currency;
  $('mc-progress').textContent = done
    ? `${formatCount(r.trialsDone, { locale })} trials of ${formatCount(r.reps.length, { locale })} reps in ${Math.round(ms)} ms.`
    : `${formatCount(r.trialsDone, { locale })} of ${formatCount(r.trials, { locale })} trials… (first view after ${Math.round(ms)} ms)`;
  $('mc-cards').replaceChildren(
    card('Total cost, P50', money(r.totalCost.p50, c), `P10 ${money(r.totalCost.p10, c)} · P90 ${money(r.totalCost.p90, c)}`, true),
    card('Cost of sales', pct(r.costOfSales.overall), `P10 ${pct(r.costOfSales.p10)} · P90 ${pct(r.costOfSales.p90)}`),
    card('Chance of exceeding the budget', r.exceedBudget ? pct(r.exceedBudget) : '—', r.budget ? `budget ${money(r.budget, c)}` : 'give a budget to see it'),
    card('Reps at or above quota', pct(r.atOrAboveQuota), `${formatCount(r.reps.length, { locale })} reps, ${r.period}`),
  );
  $('mc-cards').dataset.trials = String(r.trialsDone);
  const bins = r.costHistogram.map((b) => ({ label: compactMoney(b.from, c), count: b.count, tooltip: `${money(b.from, c)} to ${money(b.to, c)}: ${formatCount(b.count, { locale })} trials` }));
  $('mc-histogram').replaceChildren(columnChart({ title: `Total cost over ${formatCount(r.trialsDone, { locale })} trials`, items: bins, unit: 'trials', locale, width: width('mc-histogram') }));
  $('mc-method').textContent = r.method;
}

function compactMoney(v, currency) {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(Number(v));
  } catch {
    return v;
  }
}

function onWorker(e) {
  const m = e.data;
  if (m.id !== state.runId) return;
  if (m.type === 'error') {
    $('mc-progress').textContent = '';
    fail(Object.assign(new Error(m.error.message), m.error), 'Costing the plan');
    return;
  }
  if (m.type === 'sensitivity') {
    $('mc-sensitivity').replaceChildren(tornadoChart({ parameters: m.result.parameters, currency: m.result.currency, locale, width: width('mc-sensitivity'), step: m.result.step }));
    $('mc-sens-run').disabled = false;
    $('mc-sens-run').textContent = 'How cost moves with each rate (±10%)';
    state.timings.sensitivity = m.ms;
    return;
  }
  state.timings.costingFirst ??= performance.now() - state.timings.costingStart;
  const done = m.type === 'done';
  showCosting(m.result, done, m.ms);
  if (done) {
    state.simulation = m.result;
    state.timings.costingDone = performance.now() - state.timings.costingStart;
    $('mc-timing').textContent = `first view ${Math.round(state.timings.costingFirst)} ms · all trials ${Math.round(state.timings.costingDone)} ms`;
    $('mc-sens-run').disabled = false;
  }
}

function runSensitivity() {
  const opts = costingOptions();
  $('mc-sens-run').disabled = true;
  $('mc-sens-run').textContent = 'Running the sensitivity…';
  opts.trials = Math.min(opts.trials, 2000);
  state.worker.postMessage({ type: 'sensitivity', id: state.runId, plan: state.plans[Number($('mc-plan').value)] ?? state.plans[0], options: opts, sens: { step: '0.1', trials: opts.trials } });
}

async function offerPlans(samplePlans) {
  const options = [];
  state.plans = [];
  try {
    const store = await openStore();
    const draft = await store.loadDraft();
    if (draft?.planText) {
      state.plans.push(draft.planText);
      options.push(el('option', { value: '0' }, 'The plan being edited in the designer'));
    }
  } catch {
    // No IndexedDB (private mode): the sample plans only.
  }
  for (const p of samplePlans) {
    options.push(el('option', { value: String(state.plans.length) }, `${p.name ?? p.id}`));
    state.plans.push(JSON.stringify(p));
  }
  $('mc-plan').replaceChildren(...options);
  $('mc-plan-note').textContent = options.length > samplePlans.length
    ? 'The designer’s autosaved plan comes first: edit it there, then run the costing here.'
    : 'Open the designer to cost your own plan: its autosaved draft appears here.';
}

// -- forecasts ----------------------------------------------------------------------------------

function showForecast() {
  const f = state.forecast;
  const s = f.series.find((x) => x.id === $('fc-series').value) ?? f.series[0];
  $('fc-chart').replaceChildren(fanChart({ title: `${s.name ?? s.id}: monthly bookings`, start: s.start, history: s.history, forecast: s.forecast, currency: 'USD', locale, width: width('fc-chart') }));
  const total = s.forecast.slice(0, 12);
  $('fc-model').textContent = `Model ${s.model}${s.aicc ? ` (AICc ${num(s.aicc, 1)})` : ''}; next month ${money(total[0]?.mean, 'USD')}.`;
  const methods = s.accuracy?.methods ?? [];
  table('fc-accuracy', s.accuracy ? `Accuracy over ${s.accuracy.origins} rolling origins, horizon ${s.accuracy.horizon} (lower is better)` : 'No back-test', methods,
    [['Method', (m) => m.method], ['sMAPE', (m) => num(m.smape, 2), true], ['MASE', (m) => num(m.mase, 3), true]], (m) => ({ 'data-method': m.method }));
  list('fc-explanation', s.explanation);
}

function showPipeline(p) {
  $('pipe-total').textContent = `${formatCount(p.total.deals, { locale })} open deals: expected bookings ${money(p.total.expected, 'USD')} (P10 ${money(p.total.p10, 'USD')}, P90 ${money(p.total.p90, 'USD')}).`;
  table('pipe-months', 'Expected bookings by month of close', p.months,
    [['Month', (m) => m.month], ['Deals', (m) => formatCount(m.deals, { locale }), true], ['Expected', (m) => money(m.expected, 'USD'), true], ['P10', (m) => money(m.p10, 'USD'), true], ['P90', (m) => money(m.p90, 'USD'), true]]);
  table('pipe-stages', 'Win probability by stage', p.stages,
    [['Stage', (s) => s.name], ['Probability', (s) => pct(s.probability), true], ['Source', (s) => (s.learned ? `learned from ${s.sample} closed deals (${s.won} won)` : 'given')]]);
  list('pipe-explanation', p.explanation);
}

/** The open and closed deals of an opportunity set as a pipeline-forecast input (fields only). */
function pipelineInput(set, asOf) {
  const last = (d) => d.stageHistory[d.stageHistory.length - 1]?.stage ?? '';
  return {
    asOf: asOf.slice(0, 7),
    deals: set.deals.filter((d) => d.status === 'open').map((d) => ({ id: d.id, amount: d.amount, stage: last(d), closeMonth: d.closeDate.slice(0, 7) })),
    history: set.deals.filter((d) => d.status !== 'open').map((d) => ({ id: d.id, amount: d.amount, stages: d.stageHistory.map((s) => s.stage), won: d.status === 'won' })),
    minSample: 20,
  };
}

// -- analytics, coaching, sentiment -------------------------------------------------------------

function showInsights(r) {
  const c = r.currency;
  list('summary', r.summary);
  const a = r.attainment;
  $('perf-cards').replaceChildren(
    card('Median attainment', pct(a.median), `mean ${pct(a.mean)}`, true),
    card('Reps at quota', `${formatCount(a.atQuota, { locale })} of ${formatCount(a.reps, { locale })}`, pct(a.shareAtQuota)),
    card('Cost of sales', pct(r.costOfSales.costOfSales), `${money(r.costOfSales.totalPayout, c)} on ${money(r.costOfSales.revenue, c)}`),
    card('Pay and performance correlate', r.payVsPerformance.correlation ? num(r.payVsPerformance.correlation, 2) : '—', 'Pearson, attainment vs payout'),
  );
  $('att-chart').replaceChildren(columnChart({ title: 'Attainment distribution', items: a.bins.map((b) => ({ label: b.label, count: b.count })), unit: 'reps', locale, width: width('att-chart'), mark: -1 }));
  $('pvp-chart').replaceChildren(scatterChart({ points: r.payVsPerformance.points.map((p) => ({ id: p.payeeId, label: p.name, x: p.attainment, y: p.payout })), currency: c, locale, width: width('pvp-chart') }));
  list('perf-explanation', [...a.explanation, ...r.payVsPerformance.explanation, ...r.costOfSales.explanation]);

  const v = r.velocity.company;
  $('funnel-cards').replaceChildren(
    card('Sales velocity', `${money(v.perMonth, c)} / 30 days`, v.explanation, true),
    card('Win rate', pct(r.funnel.winRate), `${formatCount(v.wonDeals, { locale })} won of ${formatCount(v.closedDeals, { locale })} closed`),
    card('Cycle, won deals', r.cycle.won.medianDays ? `${num(r.cycle.won.medianDays, 0)} days` : '—', `median; mean ${num(r.cycle.won.meanDays, 0)} days`),
    card('Pipeline coverage', r.coverage.company.coverage ? `${num(r.coverage.company.coverage, 2)}×` : '—', r.coverage.company.explanation),
  );
  table('funnel', 'Conversion by stage', r.funnel.stages,
    [['Stage', (s) => s.stage], ['Reached', (s) => formatCount(s.reached, { locale }), true], ['Advanced', (s) => formatCount(s.advanced, { locale }), true], ['Conversion', (s) => pct(s.conversion), true], ['Avg days', (s) => num(s.averageDays, 0), true], ['Open', (s) => formatCount(s.openDeals, { locale }), true]],
    (s) => ({ 'data-stage': s.stage }));
  table('velocity', 'Sales velocity by team', r.velocity.teams,
    [['Team', (t) => t.name], ['Win rate', (t) => pct(t.winRate), true], ['Avg deal', (t) => money(t.averageDealSize, c), true], ['Cycle (days)', (t) => num(t.averageCycleDays, 0), true], ['Per 30 days', (t) => money(t.perMonth, c), true]]);
  table('coverage', `Pipeline coverage of the quota left (to ${r.coverage.to})`, [r.coverage.company, ...r.coverage.teams],
    [['', (t) => t.name], ['Open pipeline', (t) => money(t.openPipeline, c), true], ['Quota left', (t) => money(t.remainingQuota, c), true], ['Coverage', (t) => (t.coverage ? `${num(t.coverage, 2)}×` : '—'), true]]);
  table('health-flags', `Pipeline health: ${formatCount(r.health.openDeals, { locale })} open deals, ${money(r.health.openAmount, c)}`, r.health.flags,
    [['Flag', (f) => f.label], ['Deals', (f) => formatCount(f.deals, { locale }), true], ['Amount', (f) => money(f.amount, c), true]], (f) => ({ 'data-flag': f.flag }));
  table('health-deals', 'Open deals with a flag, largest first', r.health.deals.slice(0, 40),
    [['Deal', (d) => d.name ?? d.id], ['Rep', (d) => d.payeeId], ['Stage', (d) => d.stage], ['Amount', (d) => money(d.amount, c), true], ['Why', (d) => d.reasons.join('; ')]]);
  list('funnel-explanation', [...r.funnel.explanation, ...r.cycle.explanation, ...r.health.explanation]);

  const reps = r.coaching.reps;
  $('coach-rep').replaceChildren(...reps.map((x) => el('option', { value: x.payeeId }, `${x.name} (${x.team})`)));
  const firstWithFocus = reps.find((x) => x.focus);
  if (firstWithFocus) $('coach-rep').value = firstWithFocus.payeeId;
  showCoaching();
  table('coach-all', 'The focus of every benchmarked rep', reps.filter((x) => x.focus),
    [['Rep', (x) => x.name], ['Team', (x) => x.team], ['Focus', (x) => x.focus.finding], ['Suggestion', (x) => x.focus.suggestion]], (x) => ({ 'data-payee': x.payeeId }));

  const notes = new Map(state.opportunities.deals.map((d) => [d.id, d.notes?.[d.notes.length - 1]?.text ?? '']));
  const worst = [...r.sentiment.deals].filter((d) => d.status === 'open').sort((p, q) => Number(p.score) - Number(q.score)).slice(0, 8);
  table('sent-deals', `Open deals with the most negative notes (${formatCount(r.sentiment.notes, { locale })} notes: ${r.sentiment.positive} positive, ${r.sentiment.neutral} neutral, ${r.sentiment.negative} negative)`, worst,
    [['Deal', (d) => d.dealId], ['Rep', (d) => d.payeeId], ['Score', (d) => num(d.score, 2), true], ['Latest note', (d) => notes.get(d.dealId) ?? '']]);
}

function showCoaching() {
  const rep = state.insights.coaching.reps.find((x) => x.payeeId === $('coach-rep').value);
  if (!rep) return;
  $('coach-focus').textContent = rep.focus ? `${rep.focus.finding} ${rep.focus.suggestion}` : rep.sentences.join(' ');
  table('coach-metrics', `${rep.name}: funnel metrics against the company`, rep.metrics,
    [['Metric', (m) => m.label], ['Rep', (m) => metricValue(m, m.value), true], ['Median', (m) => metricValue(m, m.median), true], ['Top quartile', (m) => metricValue(m, m.topQuartile), true], ['Velocity gain at the median', (m) => pct(m.gap), true]],
    (m) => ({ 'data-metric': m.metric }));
}

function metricValue(m, v) {
  if (v === undefined || v === null) return '—';
  if (m.metric === 'winRate' || m.metric === 'conversion') return pct(v);
  if (m.metric === 'dealSize') return money(v, state.insights.currency);
  return num(v, 1);
}

function scoreNote() {
  let s;
  try {
    s = sentiment($('sent-text').value);
  } catch (err) {
    // A text over the engine's limit (10,000 characters) is refused with LIMIT_EXCEEDED.
    $('sent-score').textContent = err.message;
    delete $('sent-score').dataset.label;
    list('sent-drivers', []);
    return;
  }
  $('sent-score').textContent = `${s.label[0].toUpperCase()}${s.label.slice(1)}: ${num(s.compound, 3)} (from −1 to 1).`;
  $('sent-score').dataset.label = s.label;
  list('sent-drivers', s.drivers.map((d) => `“${d.word}” ${Number(d.valence) >= 0 ? '+' : ''}${num(d.valence, 2)}${d.rules.length ? `: ${d.rules.join(', ')}` : ''}`));
}

function fail(err, context) {
  fillError($('error'), err, context);
}

async function main() {
  await init();
  $('engine-version').textContent = `v${version()}`;
  const t0 = performance.now();
  const sample = await activeCompany({ needs: ['plans', 'people', 'deals'] });
  reloadOnWorkspaceChange(sample.id);
  $('company').textContent = sample.company;
  const payees = sample.payees;
  const dataset = loadDataset({ transactionsCsv: sample.transactionsCsv, payees });
  // The opportunity set is the sample company's generated pipeline; another company's
  // workspace holds no open deals yet, so its pipeline and coaching panels are empty, never
  // another company's.
  const people = new Set(payees.map((p) => p.id));
  const generated = JSON.parse(insightSample(7));
  const opportunities = { ...generated, deals: generated.deals.filter((d) => people.has(d.payeeId)) };
  state.opportunities = opportunities;
  const engine = compilePlan(sample.plans[0]);
  let forecastInput;
  try {
    state.insights = engine.insights(dataset, opportunities, null);
    forecastInput = dataset.forecastInput(sample.company);
  } finally {
    engine.free();
    dataset.free();
  }
  showInsights(state.insights);
  state.timings.insights = performance.now() - t0;

  const t1 = performance.now();
  state.forecast = forecastSeries(forecastInput);
  state.timings.forecast = performance.now() - t1;
  $('fc-timing').textContent = `${state.forecast.series.length} series fitted in ${Math.round(state.timings.forecast)} ms`;
  $('fc-series').replaceChildren(...state.forecast.series.map((s) => el('option', { value: s.id }, `${'  '.repeat(s.level === 'rep' ? 2 : s.level === 'team' ? 1 : 0)}${s.name ?? s.id}`)));
  showForecast();
  showPipeline(forecastPipeline(pipelineInput(opportunities, state.insights.asOf)));
  scoreNote();

  await offerPlans(sample.plans);
  state.worker = new Worker(new URL('./sim-worker.js', import.meta.url), { type: 'module' });
  state.worker.onmessage = onWorker;
  state.worker.postMessage({ type: 'data', transactionsCsv: sample.transactionsCsv, payees: sample.payees });
  state.worker.onerror = (e) => fail(new Error(e.message || 'The costing worker failed'), 'Costing the plan');
  $('mc-form').addEventListener('submit', (e) => {
    e.preventDefault();
    $('error').hidden = true;
    try {
      runCosting();
    } catch (err) {
      $('mc-progress').textContent = '';
      fail(err, 'Costing the plan');
    }
  });
  $('mc-sens-run').addEventListener('click', () => {
    try {
      runSensitivity();
    } catch (err) {
      $('mc-sens-run').disabled = false;
      fail(err, 'Running the sensitivity');
    }
  });
  $('fc-series').addEventListener('change', showForecast);
  $('coach-rep').addEventListener('change', showCoaching);
  $('sent-text').addEventListener('input', scoreNote);
  runCosting();
  $('status').hidden = true;
  document.body.dataset.ready = '1';
}

main().catch((err) => {
  $('status').hidden = true;
  fail(err, 'The page could not start');
});
