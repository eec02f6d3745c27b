// The rep page: one sales rep of the active company under one plan. It shows the rep's period to
// date (a zero deal on the as-of date: its `before` is what the period pays so far, and each
// component's attainment and next tier), estimates a deal as the user types (the plan engine runs
// the period with and without it), and weighs a small pipeline (expected, best and worst case).
//
// One Estimator (kept on the Rust side) per plan × rep × as-of date; it is freed when any of the
// three changes. Everything is put into the page as text (textContent via el()), never as HTML.
// JS never does arithmetic on money: amounts typed by the user are read in the browser's locale
// by string operations only (www/lib/amount.js: "25,000" -> "25000", "25.000,50" in de-DE ->
// "25000.50"), sent to the engine as decimal strings, and the engine's decimal strings are only
// formatted and compared. "Show the calculation" is the one statement view (<spm-statement>).

import { init, version, loadDataset, createEstimatorFor } from '../../lib/engine.js';
import { activeCompany, reloadOnWorkspaceChange, feedLeaderboard } from '../../lib/company.js';
import { formatMoney, formatPercent, formatDecimal, isDecimalString, shiftDecimal, compareDecimal, isZero } from '../../lib/format.js';
import { $, el, fillError, amountNode, nextPaint } from '../../lib/dom.js';
import { parseAmount } from '../../lib/amount.js';
import { engineFor, updateUrl } from '../../lib/session.js';
import '../../components/spm-statement.js';

const DEFAULT_REP = 'r001';
const DEFAULT_AS_OF = '2026-06-15';
const YEAR = { min: '2026-01-01', max: '2026-12-31' };
const DEBOUNCE_MS = 120;
const PIPELINE_MIN = 1;
const PIPELINE_MAX = 12; // the engine's limit for the exact expectation (2^12 combinations)
/** The pipeline's first rows; amounts as decimal strings, shown in the browser's locale. */
const PIPELINE_START = [
  { amount: '25000', type: 'new', probability: '60' },
  { amount: '40000', type: 'expansion', probability: '30' },
];
/** The deal's first amount, and the amounts shown as examples in empty fields. */
const DEAL_START = '25000';
const PIPELINE_EXAMPLE = '10000';
const TYPES = [['new', 'New business'], ['expansion', 'Expansion'], ['renewal', 'Renewal']];

const ui = {
  planSelect: /** @type {HTMLSelectElement} */ ($('plan-select')),
  repSelect: /** @type {HTMLSelectElement} */ ($('rep-select')),
  asOf: /** @type {HTMLInputElement} */ ($('asof-input')),
  error: $('error'),
  status: $('status'),
  content: $('content'),
  company: $('company'),
  engineVersion: $('engine-version'),
  repHeading: $('rep-heading'),
  repSub: $('rep-sub'),
  cards: $('ptd-cards'),
  components: /** @type {HTMLTableElement} */ ($('ptd-components')),
  dealForm: /** @type {HTMLFormElement} */ ($('deal-form')),
  amount: /** @type {HTMLInputElement} */ ($('deal-amount')),
  type: /** @type {HTMLSelectElement} */ ($('deal-type')),
  product: /** @type {HTMLSelectElement} */ ($('deal-product')),
  date: /** @type {HTMLInputElement} */ ($('deal-date')),
  share: /** @type {HTMLInputElement} */ ($('deal-share')),
  dealResult: $('deal-result'),
  dealBody: $('deal-body'),
  calc: /** @type {HTMLDetailsElement} */ ($('deal-calc')),
  calcBody: $('deal-calc-body'),
  pipelineForm: /** @type {HTMLFormElement} */ ($('pipeline-form')),
  pipelineRows: $('pipeline-rows'),
  pipelineAdd: /** @type {HTMLButtonElement} */ ($('pipeline-add')),
  pipelineLimit: $('pipeline-limit'),
  pipelineResult: $('pipeline-result'),
  pipelineBody: $('pipeline-body'),
  scorecard: $('scorecard'),
};

const state = {
  /** @type {any} */ sample: null,
  /** @type {any[]} the people who sell (the rep choices) */ reps: [],
  /** @type {any} */ dataset: null,
  /** @type {Map<string, any>} */ payees: new Map(),
  /** @type {any} */ plan: null,
  /** @type {string | null} */ repId: null,
  asOf: DEFAULT_AS_OF,
  /** The estimator for plan × rep × asOf (freed when replaced). */
  /** @type {any} */ est: null,
  /** The zero deal's estimate: the period to date. */
  /** @type {any} */ period: null,
  /** Errors shown in the alert box, by source, so one part clearing does not hide another's. */
  /** @type {Map<string, { err: unknown, context: string }>} */ errors: new Map(),
  /** @type {number | undefined} */ dealTimer: undefined,
  /** @type {number | undefined} */ pipelineTimer: undefined,
  /** When the last input happened (for the latency shown: the pause for typing, then the engine). */
  /** @type {number | null} */ typedAt: null,
  nextRow: 1,
};

// ---------------------------------------------------------------------------------------------
// Formatting helpers (display only: no arithmetic on amounts).

/** The currency the rep's estimates are in (the plan's). */
const currency = () => state.period?.currency ?? state.plan?.currency ?? 'USD';
const money = (amount) => formatMoney(amount, currency());

const pct2Format = new Intl.NumberFormat(undefined, { style: 'unit', unit: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** A ratio as a percent with two decimals, "1.2" -> "120.00%", by moving the decimal point. */
function pct2(ratio) {
  if (!isDecimalString(ratio)) return ratio == null ? '—' : String(ratio);
  return pct2Format.format(shiftDecimal(ratio, 2));
}

/** A money span: formatted text, the exact decimal in data-amount and the title. */
const amount = (tag, value, className = '') => amountNode(tag, value, currency(), className);

const dateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
function formatDay(iso) {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : null;
  return d && !Number.isNaN(d.getTime()) ? dateFormat.format(d) : iso;
}

/** Engine sentences after the first of a summary may start in lower case; show them as sentences. */
const sentence = (s) => (typeof s === 'string' && s.length > 0 ? s[0].toUpperCase() + s.slice(1) : s);

function ms(value) {
  return value < 1 ? `${value.toFixed(2)} ms` : `${value.toFixed(1)} ms`;
}

// ---------------------------------------------------------------------------------------------
// Input normalisation: string operations only, never parseFloat.

/**
 * What the user typed as an amount, read in the browser's locale (www/lib/amount.js):
 * { value } with the decimal string, { empty }, or { error } with what to type instead.
 */
const readAmount = (text) => parseAmount(text, { currency: currency() });

/** A value the page refused before asking the engine, shaped like the engine's errors. */
function inputError(path, typed, message) {
  return Object.assign(new Error(`“${String(typed).trim()}” was not read as an amount`), {
    code: 'INPUT_INVALID',
    diagnostics: [{ path, code: 'INPUT_INVALID', severity: 'error', message, hint: '' }],
  });
}

/** A percent typed by the user ("60", "60%", "12.5") as a fraction ("0.6"); non-decimals as typed. */
function percentToFraction(text) {
  const t = String(text).replace(/[\s\u00a0\u202f]/g, '').replace(/%$/, '');
  return isDecimalString(t) ? shiftDecimal(t, -2) : t;
}

// ---------------------------------------------------------------------------------------------
// Field messages and the alert box.

/** Marks a field invalid with a message next to it (aria-invalid + aria-describedby). */
function setFieldError(input, message) {
  const msg = document.getElementById(`${input.id}-msg`);
  if (message) {
    input.setAttribute('aria-invalid', 'true');
    if (msg) {
      msg.textContent = message;
      msg.hidden = false;
    }
  } else {
    input.removeAttribute('aria-invalid');
    if (msg) {
      msg.textContent = '';
      msg.hidden = true;
    }
  }
}

function setError(source, err, context) {
  if (err) state.errors.set(source, { err, context });
  else state.errors.delete(source);
  renderErrors();
}

function renderErrors() {
  ui.error.replaceChildren();
  for (const { err, context } of state.errors.values()) {
    const part = el('div', { class: 'rep-error-part' });
    fillError(part, err, context);
    ui.error.append(part);
  }
  ui.error.hidden = state.errors.size === 0;
}

/** The diagnostics of an SpmError (or one pseudo-diagnostic for anything else). */
function diagnosticsOf(err) {
  const e = /** @type {any} */ (err);
  if (e && Array.isArray(e.diagnostics) && e.diagnostics.length > 0) return e.diagnostics;
  return [{ path: '', code: e?.code ?? 'INTERNAL', message: err instanceof Error ? err.message : String(err) }];
}

/** The field message for an engine diagnostic on `field` (amount, share, date, probability). */
function friendly(field, d, typed) {
  switch (field) {
    case 'amount':
      if (d.code === 'NEGATIVE_VALUE') return 'An amount cannot be below zero.';
      if (d.code === 'DECIMAL_INVALID' || d.code === 'DECIMAL_NOT_STRING') return `“${typed}” is not an amount: use digits, such as 25000 or 25,000.50.`;
      break;
    case 'share':
      return 'Enter your share as a percent above 0 and at most 100, such as 50.';
    case 'probability':
      return 'Enter a chance from 0 to 100 (a percent).';
    case 'date':
      return 'Choose a real date (YYYY-MM-DD).';
    default:
  }
  return d.message;
}

// ---------------------------------------------------------------------------------------------
// The plan: what the page needs to phrase tiers.

function componentSpec(id) {
  return state.plan?.components?.find((c) => c.id === id) ?? null;
}

/** A tier's start as the user reads it: a percent of quota for attainment tables, else money. */
function tierFrom(componentId, from) {
  const base = componentSpec(componentId)?.rateTable?.base;
  return base === 'attainment' ? `${formatPercent(from)} of quota` : money(from);
}

/** "USD 9,214.21 more to reach tier 3 (8%)", or for per-deal tables what size of deal pays it. */
function nextTierText(componentId, next) {
  if (!next) return null;
  const table = componentSpec(componentId)?.rateTable;
  if (table?.evaluation === 'perTransaction') {
    return `A single deal of ${money(next.from)} or more pays tier ${next.tier} (${formatPercent(next.rate)})`;
  }
  return `${money(next.creditNeeded)} more to reach tier ${next.tier} (${formatPercent(next.rate)})`;
}

/** When a tiered table has no next tier and attainment is past the last tier's start. */
function topTierText(componentId, attainment) {
  const tiers = componentSpec(componentId)?.rateTable?.tiers;
  if (!Array.isArray(tiers) || tiers.length === 0 || !isDecimalString(attainment)) return null;
  const last = tiers[tiers.length - 1];
  if (compareDecimal(attainment, last.from) < 0) return null;
  return `In the top tier, tier ${tiers.length} (${formatPercent(last.rate)})`;
}

// ---------------------------------------------------------------------------------------------
// Period to date.

function renderRepHead() {
  const p = state.payees.get(state.repId);
  ui.repHeading.textContent = p ? `${p.name} · ${p.id}` : state.repId ?? 'Rep';
  const bits = [];
  const manager = p?.managerId ? state.payees.get(p.managerId) : null;
  if (manager) bits.push(`Team of ${manager.name}`);
  for (const q of p?.quotas ?? []) {
    const c = componentSpec(q.component);
    bits.push(`${c?.name ?? q.component} quota ${money(q.amount)} a ${state.plan?.period ?? 'period'}`);
  }
  if (p?.targetIncentive) bits.push(`target incentive ${money(p.targetIncentive)} a year`);
  if (p?.hireDate) bits.push(`hired ${formatDay(p.hireDate)}`);
  if (p?.currency && p.currency !== state.plan?.currency) bits.push(`paid in ${p.currency} (estimates in the plan currency, ${state.plan?.currency})`);
  ui.repSub.textContent = bits.join(' · ');
}

function card(label, value, { id, sub, accent = false, data } = {}) {
  const dd = el('dd', id ? { id } : null);
  if (value instanceof Node) dd.append(value);
  else dd.textContent = value;
  if (data) for (const [k, v] of Object.entries(data)) dd.dataset[k] = v;
  const node = el('div', { class: `card rep-card${accent ? ' card-accent' : ''}` }, el('dt', null, label), dd);
  if (sub) dd.append(el('span', { class: 'card-sub' }, sub));
  return node;
}

function renderPeriod() {
  const d = state.period.deals[0];
  const cards = [
    card('Period', d.period, { id: 'ptd-period', sub: `as of ${formatDay(state.asOf)}` }),
    card('Payout to date', amount('span', d.before), { id: 'ptd-payout', accent: true, sub: `so far in ${d.period}` }),
  ];
  const rows = [];
  for (const c of d.components) {
    const kind = componentSpec(c.componentId)?.kind;
    const next = nextTierText(c.componentId, c.nextTier) ?? (c.attainmentBefore ? topTierText(c.componentId, c.attainmentBefore) : null);
    if (kind === 'commission' && c.attainmentBefore !== undefined) {
      cards.push(card(`${c.componentName} attainment`, pct2(c.attainmentBefore), {
        sub: next ?? undefined,
        data: { component: c.componentId, ratio: c.attainmentBefore },
      }));
    }
    const earned = el('td', { class: 'num' }, amount('span', c.before));
    rows.push(el('tr', { 'data-component': c.componentId },
      el('th', { scope: 'row' }, c.componentName),
      earned,
      el('td', { class: `num rep-att${c.attainmentBefore === undefined ? ' rep-empty' : ''}`, 'data-label': 'Attainment' }, c.attainmentBefore !== undefined ? pct2(c.attainmentBefore) : el('span', { class: 'muted' }, '—')),
      el('td', { class: `rep-wrap rep-note${next ? '' : ' rep-empty'}`, 'data-label': 'Next tier' }, next ?? el('span', { class: 'muted' }, '—'))));
  }
  ui.cards.replaceChildren(...cards);
  ui.components.tBodies[0].replaceChildren(...rows);
  ui.content.dataset.period = d.period;
}

// ---------------------------------------------------------------------------------------------
// The estimator: one per plan × rep × as-of date.

/** Builds the estimator for the current choices and shows the period to date. */
function rebuild() {
  const plan = state.plan;
  // "My scorecard": the <spm-leaderboard> element follows the rep and the date; its roster and
  // events are the company's own people and deals (fed once in main()).
  ui.scorecard.setAttribute('rep', state.repId ?? '');
  ui.scorecard.setAttribute('as-of', state.asOf);
  const started = performance.now();
  let est;
  try {
    est = createEstimatorFor(engineFor(plan), state.dataset, state.repId, state.asOf);
    const period = est.estimate([{ amount: '0.00', date: state.asOf }], false);
    state.est?.free();
    state.est = est;
    state.period = period;
  } catch (err) {
    est?.free();
    state.est?.free();
    state.est = null;
    state.period = null;
    ui.content.hidden = true;
    setError('setup', err, `Could not estimate for ${state.repId} under “${plan.name}”`);
    ui.status.textContent = '';
    return false;
  }
  setError('setup', null);
  const took = performance.now() - started;
  renderRepHead();
  renderPeriod();
  ui.content.hidden = false;
  ui.content.dataset.rep = state.repId ?? '';
  ui.content.dataset.plan = plan.id;
  ui.content.dataset.asOf = state.asOf;
  for (const n of document.querySelectorAll('.rep-currency')) n.textContent = state.period.currency;
  ui.status.textContent = `${plan.name} · ${state.payees.get(state.repId)?.name ?? state.repId} as of ${formatDay(state.asOf)}: the estimator was ready in ${ms(took)}.`;
  updateUrl({ plan: state.plan?.id, rep: state.repId, asOf: state.asOf });
  return true;
}

/** After a change of plan, rep or date: a new estimator, then the deal and the pipeline again. */
function refresh() {
  if (rebuild()) {
    runDeal();
    runPipeline();
  } else {
    ui.dealBody.replaceChildren();
    ui.pipelineBody.replaceChildren();
  }
}

// ---------------------------------------------------------------------------------------------
// Estimate a deal.

/**
 * The deal in the form: { typed, deal }, or { typed, refused } when the amount could not be read
 * (an error to show), or null (nothing typed, or a date missing) with the field messages set.
 */
function readDeal() {
  const typed = ui.amount.value;
  const amount = readAmount(typed);
  let ok = true;
  setFieldError(ui.amount, null);
  setFieldError(ui.share, null);
  setFieldError(ui.date, null);
  if ('empty' in amount) {
    ok = false; // nothing typed yet: no message, just nothing to estimate
  }
  if (ui.date.value === '') {
    setFieldError(ui.date, ui.date.validity.badInput ? 'Not a complete date: use YYYY-MM-DD.' : 'Choose a close date.');
    ok = false;
  }
  if ('error' in amount) return { typed, refused: inputError('deals[0].amount', typed, amount.error) };
  const shareText = ui.share.value.trim() === '' ? '100' : ui.share.value;
  if (!ok || !('value' in amount)) return null;
  return {
    typed,
    deal: { amount: amount.value, type: ui.type.value, product: ui.product.value, date: ui.date.value, share: percentToFraction(shareText) },
  };
}

const FIELD_INPUT = { amount: () => ui.amount, share: () => ui.share, date: () => ui.date };

/** Puts an engine error on the deal's fields (by the diagnostics' paths) and in the alert box. */
function dealError(err, typed) {
  let placed = false;
  for (const d of diagnosticsOf(err)) {
    const m = /^deals\[0\]\.(\w+)/.exec(d.path ?? '');
    const input = m && FIELD_INPUT[m[1]]?.();
    if (input) {
      setFieldError(input, friendly(m[1], d, typed));
      placed = true;
    }
  }
  if (!placed) setFieldError(ui.amount, 'The engine could not estimate this deal; see the message above.');
  setError('deal', err, 'Could not estimate the deal');
}

function runDeal() {
  clearTimeout(state.dealTimer);
  state.dealTimer = undefined;
  if (!state.est) return;
  ui.dealResult.dataset.typed = ui.amount.value;
  const input = readDeal();
  if (!input) {
    setError('deal', null);
    ui.dealResult.dataset.state = 'empty';
    const hint = ui.amount.value.trim() === '' ? 'Type an amount to see what the deal adds.' : 'Fix the field marked above to see the estimate.';
    ui.dealBody.replaceChildren(el('p', { class: 'hint' }, hint));
    ui.calcBody.showMessage('');
    state.typedAt = null;
    return;
  }
  const started = performance.now();
  let result;
  try {
    if ('refused' in input) throw input.refused; // not an amount: the same path as the engine's refusals
    result = state.est.estimate([input.deal], false);
  } catch (err) {
    dealError(err, input.typed);
    ui.dealResult.dataset.state = 'invalid';
    ui.dealBody.replaceChildren(el('p', { class: 'hint' }, 'Fix the field marked above to see the estimate.'));
    ui.calcBody.showMessage('');
    state.typedAt = null;
    return;
  }
  const engineMs = performance.now() - started;
  setError('deal', null);
  renderDeal(result.deals[0], result.currency);
  if (ui.calc.open) runCalculation(input.deal);
  const shown = performance.now();
  ui.dealResult.dataset.state = 'ok';
  ui.dealResult.dataset.engineMs = engineMs.toFixed(3);
  const timing = el('p', { class: 'rep-timing', id: 'deal-timing' }, `Estimated by the engine in ${ms(engineMs)}`);
  if (state.typedAt !== null) {
    ui.dealResult.dataset.latencyMs = (shown - state.typedAt).toFixed(1);
    timing.append(`; ${ms(shown - state.typedAt)} from your last keystroke to this answer, with the ${DEBOUNCE_MS} ms pause for typing.`);
  } else {
    timing.append('.');
  }
  document.getElementById('deal-timing')?.remove();
  ui.dealResult.after(timing);
  state.typedAt = null;
}

function renderDeal(d, currency) {
  const head = el('div', { class: 'rep-adds' },
    el('span', { class: 'rep-adds-label' }, 'Adds'),
    amount('strong', d.adds, 'rep-adds-value'),
    el('span', { class: 'rep-adds-sub' }, 'to ', el('strong', null, d.period), `: ${money(d.before)} → ${money(d.after)}`));
  head.querySelector('.rep-adds-value')?.setAttribute('id', 'deal-adds');

  const crossed = [];
  for (const c of d.components) {
    for (const t of c.tiersCrossed ?? []) crossed.push(`${c.componentName} tier ${t.tier} (${formatPercent(t.rate)} from ${tierFrom(c.componentId, t.from)})`);
  }
  const facts = el('dl', { class: 'facts rep-facts' },
    el('div', null, el('dt', null, 'Payout with the deal'), el('dd', { id: 'deal-after' }, amount('span', d.after))),
    el('div', null, el('dt', null, 'Credited to you'), el('dd', null, amount('span', d.credit))),
    el('div', null, el('dt', null, 'Marginal rate'), el('dd', { id: 'deal-marginal', 'data-ratio': d.marginalRate }, pct2(d.marginalRate)),
      el('span', { class: 'sub' }, 'what the deal adds ÷ its credit')),
    el('div', null, el('dt', null, 'Blended rate'), el('dd', { id: 'deal-blended', 'data-ratio': d.blendedRate }, pct2(d.blendedRate)),
      el('span', { class: 'sub' }, `the ${d.period} payout ÷ its credit`)),
    el('div', { class: 'rep-facts-wide' }, el('dt', null, 'Tiers crossed'), el('dd', { id: 'deal-tiers' }, crossed.length ? crossed.join('; ') : 'None')));

  const rows = d.components.map((c) => {
    const notes = [];
    for (const t of c.tiersCrossed ?? []) notes.push(`Crosses tier ${t.tier} (${formatPercent(t.rate)} from ${tierFrom(c.componentId, t.from)})`);
    if (c.gateUnlocked) notes.push(`Gate: ${c.gateUnlocked}`);
    if (c.capped !== undefined && c.capped !== null) notes.push(`Cap: takes ${money(c.capped)} off what the deal would add`);
    // The next tier only where the deal counts: a new-business deal says nothing about renewals.
    const touched = !isZero(c.adds) || (c.attainmentBefore !== undefined && c.attainmentBefore !== c.attainmentAfter);
    const next = touched ? nextTierText(c.componentId, c.nextTier) : null;
    if (next) notes.push(`Next: ${next}`);
    const att = c.attainmentBefore !== undefined
      ? `${pct2(c.attainmentBefore)} → ${pct2(c.attainmentAfter)}`
      : null;
    const tr = el('tr', { 'data-component': c.componentId },
      el('th', { scope: 'row' }, c.componentName),
      el('td', { class: 'num' }, amount('span', c.adds)),
      el('td', { class: `num rep-att${att ? '' : ' rep-empty'}`, 'data-label': 'Attainment' }, att ?? el('span', { class: 'muted' }, '—')),
      el('td', { class: `rep-wrap rep-note${notes.length ? '' : ' rep-empty'}` }, notes.length ? notes.join('. ') + '.' : el('span', { class: 'muted' }, '—')));
    if (isZero(c.adds) && notes.length === 0) tr.classList.add('rep-quiet');
    return tr;
  });
  const table = el('div', { class: 'table-scroll' },
    el('table', { class: 'rep-table rep-deal-components', id: 'deal-components' },
      el('caption', { class: 'visually-hidden' }, 'What the deal adds per component'),
      el('thead', null, el('tr', null,
        el('th', { scope: 'col' }, 'Component'),
        el('th', { scope: 'col', class: 'num' }, 'Adds'),
        el('th', { scope: 'col', class: 'num' }, 'Attainment'),
        el('th', { scope: 'col' }, 'Tiers, gate, cap'))),
      el('tbody', null, ...rows)));

  const summary = el('ul', { class: 'explanation rep-summary', id: 'deal-summary' }, ...d.explanation.map((s) => el('li', null, sentence(s))));
  ui.dealBody.replaceChildren(head, facts, table, summary);
  ui.dealResult.dataset.currency = currency;
}

/** The components' engine sentences (explain = true), when "Show the calculation" is open. */
function runCalculation(deal) {
  if (!state.est) return;
  let result;
  try {
    result = state.est.estimate([deal], true);
  } catch (err) {
    ui.calcBody.showMessage('No calculation to show: the deal is not valid.');
    return;
  }
  ui.calcBody.showEstimate(result.deals[0], { currency: result.currency });
}

function scheduleDeal() {
  state.typedAt = performance.now();
  clearTimeout(state.dealTimer);
  state.dealTimer = window.setTimeout(runDeal, DEBOUNCE_MS);
}

// ---------------------------------------------------------------------------------------------
// Pipeline.

function pipelineRow({ amount: a = '', type = 'new', probability = '50' } = {}) {
  // Amounts are decimal strings, shown as the browser's locale writes them ("25,000", "25.000").
  const n = state.nextRow++;
  const amountInput = el('input', {
    type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', class: 'rep-pipe-amount',
    id: `pipe-amount-${n}`, 'aria-describedby': `pipe-amount-${n}-msg`, placeholder: formatDecimal(PIPELINE_EXAMPLE),
  });
  amountInput.value = a === '' ? '' : formatDecimal(a);
  const typeSelect = el('select', { id: `pipe-type-${n}`, class: 'rep-pipe-type' }, ...TYPES.map(([v, label]) => el('option', { value: v }, label)));
  typeSelect.value = type;
  const probInput = el('input', {
    type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', class: 'rep-pipe-prob',
    id: `pipe-prob-${n}`, 'aria-describedby': `pipe-prob-${n}-msg`,
  });
  probInput.value = probability;
  const remove = el('button', { type: 'button', class: 'rep-icon-button', 'data-remove': String(n) }, '×');
  const tr = el('tr', { 'data-row': String(n) },
    el('td', { class: 'rep-pipe-amount-cell', 'data-label': 'Amount' }, amountInput, el('span', { id: `pipe-amount-${n}-msg`, class: 'rep-field-msg', hidden: '' })),
    el('td', { class: 'rep-pipe-type-cell', 'data-label': 'Type' }, typeSelect),
    el('td', { class: 'rep-pipe-prob-cell', 'data-label': 'Chance (%)' }, probInput, el('span', { id: `pipe-prob-${n}-msg`, class: 'rep-field-msg', hidden: '' })),
    el('td', { class: 'rep-pipe-remove-cell' }, remove));
  return tr;
}

/** Labels follow the row's position: "Deal 2 amount", "Remove deal 2". */
function relabelPipeline() {
  const rows = [...ui.pipelineRows.rows];
  rows.forEach((tr, i) => {
    tr.querySelector('.rep-pipe-amount')?.setAttribute('aria-label', `Deal ${i + 1} amount`);
    tr.querySelector('.rep-pipe-type')?.setAttribute('aria-label', `Deal ${i + 1} type`);
    tr.querySelector('.rep-pipe-prob')?.setAttribute('aria-label', `Deal ${i + 1} chance of closing (%)`);
    const remove = tr.querySelector('button[data-remove]');
    remove?.setAttribute('aria-label', `Remove deal ${i + 1}`);
    if (remove instanceof HTMLButtonElement) remove.disabled = rows.length <= PIPELINE_MIN;
  });
  ui.pipelineAdd.disabled = rows.length >= PIPELINE_MAX;
  ui.pipelineLimit.textContent = rows.length >= PIPELINE_MAX
    ? `${PIPELINE_MAX} deals at most: the engine weighs every combination of deals closing or not.`
    : `${rows.length} of at most ${PIPELINE_MAX} deals. Empty rows are left out.`;
}

function runPipeline() {
  clearTimeout(state.pipelineTimer);
  state.pipelineTimer = undefined;
  if (!state.est) return;
  const rows = [...ui.pipelineRows.rows];
  const sent = [];
  const deals = [];
  /** Rows whose amount could not be read. */
  const refused = [];
  for (const tr of rows) {
    const a = /** @type {HTMLInputElement} */ (tr.querySelector('.rep-pipe-amount'));
    const p = /** @type {HTMLInputElement} */ (tr.querySelector('.rep-pipe-prob'));
    const t = /** @type {HTMLSelectElement} */ (tr.querySelector('.rep-pipe-type'));
    setFieldError(a, null);
    setFieldError(p, null);
    const amount = readAmount(a.value);
    if ('empty' in amount) continue;
    if ('error' in amount) {
      setFieldError(a, amount.error);
      refused.push(inputError(`deals[${sent.length + refused.length}].amount`, a.value, amount.error));
      continue;
    }
    sent.push({ tr, a, p });
    deals.push({ amount: amount.value, type: t.value, date: state.asOf, probability: percentToFraction(p.value.trim() === '' ? '100' : p.value) });
  }
  if (refused.length > 0) {
    setError('pipeline', Object.assign(new Error('Some amounts were not read'), {
      code: 'INPUT_INVALID', diagnostics: refused.flatMap((e) => e.diagnostics),
    }), 'Could not weigh the pipeline');
    ui.pipelineResult.dataset.state = 'invalid';
    ui.pipelineBody.replaceChildren(el('p', { class: 'hint' }, 'Fix the marked rows to see what the pipeline adds.'));
    return;
  }
  if (deals.length === 0) {
    setError('pipeline', null);
    ui.pipelineResult.dataset.state = 'empty';
    ui.pipelineBody.replaceChildren(el('p', { class: 'hint' }, 'Type an amount in a row to weigh the pipeline.'));
    return;
  }
  let result;
  const started = performance.now();
  try {
    result = state.est.pipeline(deals);
  } catch (err) {
    let placed = false;
    for (const d of diagnosticsOf(err)) {
      const m = /^deals\[(\d+)\]\.(\w+)/.exec(d.path ?? '');
      const row = m ? sent[Number(m[1])] : null;
      if (!row) continue;
      if (m[2] === 'amount') setFieldError(row.a, friendly('amount', d, row.a.value));
      else if (m[2] === 'probability') setFieldError(row.p, friendly('probability', d, row.p.value));
      else continue;
      placed = true;
    }
    setError('pipeline', err, placed ? 'Could not weigh the pipeline' : 'Could not weigh the pipeline (no single field to blame)');
    ui.pipelineResult.dataset.state = 'invalid';
    ui.pipelineBody.replaceChildren(el('p', { class: 'hint' }, 'Fix the marked rows to see what the pipeline adds.'));
    return;
  }
  const took = performance.now() - started;
  setError('pipeline', null);
  renderPipeline(result, sent, took);
}

function renderPipeline(r, sent, took) {
  const facts = el('dl', { class: 'facts rep-facts rep-pipeline-facts' },
    el('div', { class: 'rep-expected' }, el('dt', null, 'Expected'), el('dd', { id: 'pipe-expected' }, amount('span', r.expected))),
    el('div', null, el('dt', null, 'Best case'), el('dd', { id: 'pipe-best' }, amount('span', r.bestCase)), el('span', { class: 'sub' }, 'every deal closes')),
    el('div', null, el('dt', null, 'Worst case'), el('dd', { id: 'pipe-worst' }, amount('span', r.worstCase)), el('span', { class: 'sub' }, 'none closes')));
  const rows = r.deals.map((d, i) => el('tr', { 'data-deal': d.id },
    el('th', { scope: 'row' }, `Deal ${[...ui.pipelineRows.rows].indexOf(sent[i]?.tr) + 1}`),
    el('td', { class: 'num' }, amount('span', d.amount)),
    el('td', { class: 'num' }, pct2(d.probability)),
    el('td', { class: 'num' }, amount('span', d.adds))));
  const table = el('div', { class: 'table-scroll' },
    el('table', { class: 'rep-table', id: 'pipe-deals' },
      el('caption', { class: 'visually-hidden' }, 'What each deal adds if it closes alone'),
      el('thead', null, el('tr', null,
        el('th', { scope: 'col' }, 'Deal'),
        el('th', { scope: 'col', class: 'num' }, 'Amount'),
        el('th', { scope: 'col', class: 'num' }, 'Chance'),
        el('th', { scope: 'col', class: 'num' }, 'Adds alone'))),
      el('tbody', null, ...rows)));
  const method = el('p', { class: 'hint rep-method', id: 'pipe-method' }, `${sentence(r.method)}. Weighed in ${ms(took)}.`);
  ui.pipelineBody.replaceChildren(facts, table, method);
  ui.pipelineResult.dataset.state = 'ok';
}

function schedulePipeline() {
  clearTimeout(state.pipelineTimer);
  state.pipelineTimer = window.setTimeout(runPipeline, DEBOUNCE_MS);
}

// ---------------------------------------------------------------------------------------------
// Choices: plan, rep, as-of date.

/**
 * The people who sell: those with role "rep" when the company uses that label, else everyone
 * who manages nobody (an imported roster names roles by job title, such as "Account Executive").
 */
function sellers() {
  const people = state.sample.payees;
  const labelled = people.filter((p) => p.role === 'rep');
  if (labelled.length) return labelled;
  const managers = new Set(people.flatMap((p) => [p.managerId, ...(p.managers ?? []).map((m) => m.managerId)]).filter(Boolean));
  const leaves = people.filter((p) => !managers.has(p.id));
  return leaves.length ? leaves : people;
}

function fillReps() {
  state.reps = sellers();
  ui.repSelect.replaceChildren(...state.reps.map((p) => el('option', { value: p.id }, `${p.name} (${p.id})`)));
}

function validAsOf(value) {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && value >= YEAR.min && value <= YEAR.max;
}

function onAsOf() {
  const value = ui.asOf.value;
  if (!validAsOf(value)) {
    setFieldError(ui.asOf, value === '' ? 'Choose a date in 2026, the sample’s year.' : 'Choose a date in 2026, the sample’s year.');
    return;
  }
  setFieldError(ui.asOf, null);
  if (value === state.asOf) return;
  // A close date left on the old "as of" date follows it.
  if (ui.date.value === state.asOf || ui.date.value === '') ui.date.value = value;
  state.asOf = value;
  refresh();
}

function setBusy(busy) {
  ui.planSelect.disabled = busy;
  ui.repSelect.disabled = busy;
  ui.asOf.disabled = busy;
  $('main').setAttribute('aria-busy', busy ? 'true' : 'false');
}

async function main() {
  const params = new URLSearchParams(location.search);
  try {
    await init();
    ui.engineVersion.textContent = `v${version()}`;
    ui.status.textContent = 'Loading the company…';
    await nextPaint();
    state.sample = await activeCompany({ needs: ['plans', 'people'] });
    reloadOnWorkspaceChange(state.sample.id);
    ui.company.textContent = state.sample.company;
    for (const p of state.sample.payees) state.payees.set(p.id, p);
    state.dataset = loadDataset({ transactionsCsv: state.sample.transactionsCsv, payees: state.sample.payees });
    if (state.sample.ratesCsv) state.dataset.setRates(state.sample.ratesCsv);
  } catch (err) {
    setError('setup', err, err?.code === 'WORKSPACE_EMPTY' ? 'Nothing to compute yet' : 'Could not start the engine');
    ui.status.textContent = '';
    return;
  }

  ui.planSelect.replaceChildren(...state.sample.plans.map((p) => el('option', { value: p.id }, p.name)));
  const wantedPlan = params.get('plan');
  if (wantedPlan && state.sample.plans.some((p) => p.id === wantedPlan)) ui.planSelect.value = wantedPlan;
  state.plan = state.sample.plans.find((p) => p.id === ui.planSelect.value) ?? state.sample.plans[0];

  fillReps();
  const wantedRep = params.get('rep');
  const isRep = (id) => state.reps.some((p) => p.id === id);
  state.repId = wantedRep && isRep(wantedRep) ? wantedRep : isRep(DEFAULT_REP) ? DEFAULT_REP : state.reps[0]?.id;
  ui.repSelect.value = state.repId;

  const wantedAsOf = params.get('asOf');
  state.asOf = wantedAsOf && validAsOf(wantedAsOf) ? wantedAsOf : DEFAULT_AS_OF;
  ui.asOf.value = state.asOf;
  ui.date.value = state.asOf;
  // The first deal, written as the browser's locale writes amounts (the parser reads it back).
  ui.amount.value = formatDecimal(DEAL_START);
  ui.amount.placeholder = formatDecimal(DEAL_START);

  for (const tr of PIPELINE_START.map(pipelineRow)) ui.pipelineRows.append(tr);
  relabelPipeline();

  ui.planSelect.addEventListener('change', () => {
    const plan = state.sample.plans.find((p) => p.id === ui.planSelect.value);
    if (!plan) return;
    state.plan = plan;
    refresh();
  });
  ui.repSelect.addEventListener('change', () => {
    state.repId = ui.repSelect.value;
    refresh();
  });
  ui.asOf.addEventListener('change', onAsOf);
  ui.asOf.addEventListener('input', onAsOf);
  $('controls').addEventListener('submit', (e) => e.preventDefault());

  ui.dealForm.addEventListener('input', scheduleDeal);
  ui.dealForm.addEventListener('change', scheduleDeal);
  ui.dealForm.addEventListener('submit', (e) => {
    e.preventDefault();
    runDeal();
  });
  ui.calc.addEventListener('toggle', () => {
    if (!ui.calc.open) return;
    const input = readDeal();
    if (input && 'deal' in input) runCalculation(input.deal);
    else ui.calcBody.showMessage('Enter a valid deal to see its calculation.');
  });

  ui.pipelineForm.addEventListener('input', schedulePipeline);
  ui.pipelineForm.addEventListener('submit', (e) => {
    e.preventDefault();
    runPipeline();
  });
  ui.pipelineAdd.addEventListener('click', () => {
    if (ui.pipelineRows.rows.length >= PIPELINE_MAX) return;
    const tr = pipelineRow();
    ui.pipelineRows.append(tr);
    relabelPipeline();
    /** @type {HTMLInputElement | null} */ (tr.querySelector('.rep-pipe-amount'))?.focus();
  });
  ui.pipelineRows.addEventListener('click', (e) => {
    const button = /** @type {HTMLElement} */ (e.target).closest?.('button[data-remove]');
    if (!(button instanceof HTMLButtonElement) || ui.pipelineRows.rows.length <= PIPELINE_MIN) return;
    const tr = button.closest('tr');
    const next = tr?.nextElementSibling ?? tr?.previousElementSibling;
    tr?.remove();
    relabelPipeline();
    /** @type {HTMLElement | null} */ (next?.querySelector('.rep-pipe-amount') ?? ui.pipelineAdd).focus();
    runPipeline();
  });

  setBusy(false);
  refresh();
  if (wantedRep && !isRep(wantedRep)) {
    ui.status.textContent += ` There is no rep “${wantedRep}” in this company; showing ${state.repId}.`;
  }
  // The scorecard element is loaded once it has its rep and date, so it loads its data once; the
  // page is ready when the scorecard is shown too (or has said why not).
  const scorecardShown = new Promise((resolve) => {
    ui.scorecard.addEventListener('ready', resolve, { once: true });
    ui.scorecard.addEventListener('error', resolve, { once: true });
  });
  try {
    if (!feedLeaderboard(ui.scorecard, state.sample)) {
      $('scorecard-hint').textContent = `The workspace “${state.sample.company}” has no scoring rules; add them on the Company page to see a scorecard here.`;
      ui.scorecard.hidden = true;
    } else {
      await import('../../components/spm-leaderboard.js');
      await scorecardShown;
    }
  } catch (err) {
    setError('scorecard', err, 'Could not load the scorecard');
  }
  document.body.dataset.ready = 'true';
}

main();
