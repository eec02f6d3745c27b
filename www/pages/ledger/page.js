// The ledger page: one payee's payout ledger under a plan of the active company: summary cards,
// a table per period, the statement of every period (<spm-statement>: each entry with its
// sentence and the running balance), the payee's commission accounting, the run's notes, and the
// exports as downloads. A CSV of SPIFF prizes and payee adjustments (a contest's SPIFF export) can
// be added: the ledger runs again with it, and a bad file is reported at its field while the last
// good run stays.
//
// The ledger is computed once per plan (a LedgerRun kept on the Rust side); choosing a payee only
// asks that run for the payee's ledger and accounting. All data is put into the page as text
// (textContent), never as HTML. JS never does arithmetic on money: amounts stay decimal strings
// from the engine and are only formatted and compared.

import { init, version, loadDataset } from '../../lib/engine.js';
import { activeCompany, reloadOnWorkspaceChange } from '../../lib/company.js';
import { formatMoney, formatPercent, formatCount, formatDecimal, isZero, isNegative, listText } from '../../lib/format.js';
import { downloadText, downloadBlob, safeFilePart } from '../../lib/download.js';
import { $, el, fillError, clearError, amountNode as amount, nextPaint } from '../../lib/dom.js';
import { engineFor, updateUrl } from '../../lib/session.js';
import '../../components/spm-statement.js';

const ui = {
  planSelect: /** @type {HTMLSelectElement} */ ($('plan-select')),
  payeeSelect: /** @type {HTMLSelectElement} */ ($('payee-select')),
  error: $('error'),
  status: $('status'),
  content: $('content'),
  company: $('company'),
  engineVersion: $('engine-version'),
  payeeHeading: $('payee-heading'),
  payeeSub: $('payee-sub'),
  cardPaid: $('card-paid'),
  cardHeld: $('card-held'),
  cardDraw: $('card-draw'),
  cardCarried: $('card-carried'),
  features: $('features'),
  periodTable: /** @type {HTMLTableElement} */ ($('period-table')),
  statements: $('statements'),
  accounting: $('accounting'),
  notes: $('notes'),
  conversions: $('conversions'),
  downloads: $('downloads'),
  adjustmentsFile: /** @type {HTMLInputElement} */ ($('adjustments-file')),
  adjustmentsClear: /** @type {HTMLButtonElement} */ ($('adjustments-clear')),
  adjustmentsStatus: $('adjustments-status'),
  adjustmentsError: $('adjustments-error'),
};

const state = {
  /** @type {any} */ sample: null,
  /** @type {any} */ dataset: null,
  /** @type {Map<string, any>} */ payeeSpecs: new Map(),
  /** The plan whose ledger is shown, its LedgerRun (freed when replaced) and overview. */
  /** @type {any} */ plan: null,
  /** @type {any} */ run: null,
  /** @type {any} */ overview: null,
  /** @type {Map<string, any>} */ overviewPayees: new Map(),
  /** @type {string | null} */ payeeId: null,
  /** SPIFF and adjustments in use: the file's text and name. */
  /** @type {{ text: string, name: string } | null} */ adjustments: null,
  busy: false,
};

/** Cost lines of the accounting that come from payee adjustments rather than a component. */
const PAYEE_LINES = { spiff: 'SPIFF', payeeAdjustment: 'Payee adjustment' };

function componentName(id) {
  return state.plan?.components?.find((c) => c.id === id)?.name ?? id;
}

// ---------------------------------------------------------------------------------------------
// Errors and status.

function showError(err, context) {
  fillError(ui.error, err, context);
  ui.status.textContent = '';
}

function setBusy(busy) {
  state.busy = busy;
  ui.planSelect.disabled = busy;
  ui.payeeSelect.disabled = busy || !state.run;
  for (const b of ui.downloads.querySelectorAll('button')) /** @type {HTMLButtonElement} */ (b).disabled = busy || !state.run;
  ui.adjustmentsFile.disabled = busy;
  ui.adjustmentsClear.disabled = busy;
  document.getElementById('main')?.setAttribute('aria-busy', busy ? 'true' : 'false');
}

// ---------------------------------------------------------------------------------------------
// The plan's ledger rules, with payees that show each one.

function examples(payees) {
  if (payees.length === 0) return null;
  const shown = payees.slice(0, 3);
  const span = el('span', { class: 'examples' }, 'See ');
  shown.forEach((p, i) => {
    if (i > 0) span.append(i === shown.length - 1 && payees.length <= 3 ? ' and ' : ', ');
    span.append(el('button', { type: 'button', class: 'link-button', 'data-payee': p.payeeId }, `${p.name} (${p.payeeId})`));
  });
  if (payees.length > 3) span.append(` and ${formatCount(payees.length - 3)} more`);
  span.append('.');
  return span;
}

function renderFeatures() {
  const plan = state.plan;
  const policy = plan.payout ?? {};
  const ov = state.overview;
  const payees = ov.payees;
  const anyPeriod = (p, field) => p.periods.some((q) => !isZero(q[field]));
  const items = [];
  const item = (title, text, who) => items.push(el('li', null, el('strong', null, `${title}. `), text, who ? ' ' : null, who ? examples(who) : null));

  if (policy.clawback) {
    item('Clawbacks',
      `A deal cancelled or refunded within ${formatCount(policy.clawback.windowDays)} days of booking gives back what it earned, and the period it counted in is recalculated without it (the “tier effect” on the other deals). Later cancellations keep their pay and are listed as notes.`,
      payees.filter((p) => anyPeriod(p, 'clawbacks')));
  } else {
    items.push(el('li', null, el('strong', null, 'No clawbacks. '), 'This plan never takes back what a deal paid.'));
  }

  const payOn = policy.payOn ?? 'booking';
  if (payOn !== 'booking') {
    const exempt = new Set(policy.payOnExempt ?? []);
    const held = plan.components.filter((c) => !exempt.has(c.id)).map((c) => c.name);
    const onBooking = plan.components.filter((c) => exempt.has(c.id)).map((c) => c.name);
    const how = payOn === 'cash' ? 'as the customer pays (in proportion to the cash collected)' : 'as the deal is invoiced (in proportion to the amount invoiced)';
    item('Paid on collection',
      `${listText(held)} ${held.length === 1 ? 'is' : 'are'} held when earned and released ${how}.` +
        (onBooking.length > 0 ? ` ${listText(onBooking)} ${onBooking.length === 1 ? 'is' : 'are'} paid when the deal is booked.` : ''),
      payees.filter((p) => anyPeriod(p, 'held')));
  }

  const owing = payees.filter((p) => !isZero(p.totals.carried) || p.periods.some((q) => isNegative(q.closing)));
  if (owing.length > 0) {
    item('Negative balances',
      'When a period takes back more than it earns, nothing is paid and the difference is carried into the next period, to come out of later pay.',
      owing);
  }

  const drawn = payees.filter((p) => !isZero(p.totals.draw) || state.payeeSpecs.get(p.payeeId)?.draw);
  if (drawn.length > 0 || policy.draw) {
    item('Draws',
      'A guaranteed minimum payment per period. A recoverable draw is an advance that later earnings pay back; a non-recoverable one is a top-up the payee keeps.',
      drawn);
  }

  const foreign = payees.filter((p) => p.currency !== ov.currency);
  if (foreign.length > 0) {
    const currencies = [...new Set(foreign.map((p) => p.currency))];
    item(`Paid in ${listText(currencies)}`,
      `The plan counts in ${ov.currency}; these payees are paid in their own currency with the exchange rates supplied, and each earning shows both amounts.`,
      foreign);
  }

  const acc = policy.accounting;
  if (acc) {
    const cap = (acc.capitalize ?? []).map(componentName);
    const expedient = acc.practicalExpedient !== false;
    item('Commission accounting (ASC 340-40)',
      `${cap.length > 0 ? `${listText(cap)} ${cap.length === 1 ? 'is an incremental cost' : 'are incremental costs'} of obtaining a contract: capitalized and amortized over the contract term (deal attribute “${acc.termAttribute ?? 'termMonths'}”)` : 'Nothing is capitalized'}` +
        `${expedient ? ', except contracts whose benefit lasts 12 months or less, which are expensed at once' : ''}. Everything else is expensed when earned.`,
      null);
  }
  ui.features.replaceChildren(...items);
}

// ---------------------------------------------------------------------------------------------
// The payee: heading, cards, periods, statements.

function drawText(spec, currency) {
  const d = spec?.draw;
  if (!d) return null;
  const span = d.from || d.to ? ` from ${d.from ?? 'the start'} to ${d.to ?? 'the end'}` : '';
  let text = `${d.kind === 'recoverable' ? 'Recoverable' : 'Non-recoverable'} draw of ${formatMoney(d.amount, currency)} a period${span}`;
  if (d.kind === 'recoverable') {
    const r = d.recovery ?? {};
    text += `; recovered${r.from ? ` from ${r.from}` : ''} at ${r.percent ? formatPercent(r.percent) : '100%'} of what is payable`;
    if (r.minimumPayment) text += `, never leaving less than ${formatMoney(r.minimumPayment, currency)} paid`;
    const onTermination = { forgive: 'forgiven', writeOff: 'written off', collect: 'collected from the final payment' }[d.onTermination ?? 'forgive'];
    if (onTermination) text += `; a balance left at termination is ${onTermination}`;
  }
  return `${text}.`;
}

function renderHead(ledger) {
  const currency = ledger.currency;
  const spec = state.payeeSpecs.get(ledger.payeeId);
  ui.payeeHeading.textContent = `${ledger.name} (${ledger.payeeId})`;
  const parts = [];
  if (spec?.role) parts.push(spec.role.charAt(0).toUpperCase() + spec.role.slice(1));
  const manager = spec?.managerId ? state.payeeSpecs.get(spec.managerId) : null;
  if (manager) parts.push(`reports to ${manager.name}`);
  if (spec?.hireDate) parts.push(`hired ${spec.hireDate}`);
  parts.push(currency === state.overview.currency
    ? `paid in ${currency}`
    : `paid in ${currency} (the plan counts in ${state.overview.currency})`);
  const draw = drawText(spec, currency);
  ui.payeeSub.textContent = `${parts.join(' · ')}.${draw ? ` ${draw}` : ''}`;

  const t = ledger.totals;
  const card = (node, value, sub) => {
    node.replaceChildren(amount('span', value, currency));
    node.dataset.amount = value;
    if (sub) node.append(el('span', { class: 'card-sub' }, sub));
  };
  const extra = [];
  if (!isZero(t.spiffs ?? '0')) extra.push(`SPIFFs ${formatMoney(t.spiffs, currency)}`);
  if (!isZero(t.payeeAdjustments ?? '0')) extra.push(`adjustments ${formatMoney(t.payeeAdjustments, currency)}`);
  card(ui.cardPaid, t.paid, [`earned ${formatMoney(t.earned, currency)}`, ...extra].join(', '));
  card(ui.cardHeld, t.held, isZero(t.held) ? 'nothing waiting for collection' : 'waiting for collection');
  card(ui.cardDraw, t.drawBalance,
    isZero(t.draw) ? 'no draw paid' : `advanced ${formatMoney(t.draw, currency)}, recovered ${formatMoney(t.recovered, currency)}`);
  card(ui.cardCarried, t.carried, isZero(t.carried) ? 'nothing owed back' : 'owed back from later pay');
}

/**
 * Period-table columns; `optional` ones show only when some period has a non-zero value. The
 * opening balance is left out: it is the previous row's "Carried".
 */
const PERIOD_COLUMNS = [
  { key: 'earned', label: 'Earned', total: 'earned' },
  { key: 'adjustments', label: 'Adjustments', optional: true },
  { key: 'clawbacks', label: 'Clawbacks' },
  { key: 'spiffs', label: 'SPIFFs', optional: true, total: 'spiffs' },
  { key: 'payeeAdjustments', label: 'Payee adjustments', optional: true, total: 'payeeAdjustments' },
  { key: 'held', label: 'Held' },
  { key: 'released', label: 'Released' },
  { key: 'draw', label: 'Draw', total: 'draw' },
  { key: 'recovered', label: 'Recovered', total: 'recovered' },
  { key: 'collected', label: 'Collected', optional: true },
  { key: 'forgiven', label: 'Forgiven', optional: true },
  { key: 'paid', label: 'Paid', total: 'paid', strong: true },
  { key: 'closing', label: 'Carried', total: 'carried' },
  { key: 'drawBalance', label: 'Draw balance', total: 'drawBalance' },
  { key: 'heldBalance', label: 'Held balance', total: 'held' },
];

function renderPeriods(ledger) {
  const currency = ledger.currency;
  const withEntries = new Set(ledger.entries.map((e) => e.period));
  const columns = PERIOD_COLUMNS.filter((c) => !c.optional || ledger.periods.some((p) => typeof p[c.key] === 'string' && !isZero(p[c.key])));

  const head = el('tr', null, el('th', { scope: 'col' }, 'Period'));
  for (const c of columns) head.append(el('th', { scope: 'col', class: 'num' }, c.label));
  ui.periodTable.tHead.replaceChildren(head);

  const body = document.createDocumentFragment();
  for (const p of ledger.periods) {
    const quiet = columns.every((c) => isZero(p[c.key]));
    const label = withEntries.has(p.period)
      ? el('a', { href: `#st-${p.period}`, 'data-period': p.period }, p.period)
      : el('span', null, p.period);
    const th = el('th', { scope: 'row' }, label);
    th.title = `ends ${p.end}`;
    const row = el('tr', { 'data-period': p.period, class: quiet ? 'quiet' : '' }, th);
    for (const c of columns) {
      const cell = amount('td', p[c.key], currency, `num${c.strong ? ' strong' : ''}`);
      cell.dataset.col = c.key;
      row.append(cell);
    }
    body.append(row);
  }
  ui.periodTable.tBodies[0].replaceChildren(body);

  const foot = el('tr', null, el('th', { scope: 'row' }, 'Plan to date'));
  for (const c of columns) {
    if (c.total) {
      const cell = amount('td', ledger.totals[c.total], currency, 'num');
      cell.dataset.col = c.key;
      foot.append(cell);
    } else {
      foot.append(el('td', { class: 'num muted' }, ''));
    }
  }
  ui.periodTable.tFoot.replaceChildren(foot);
}

/** Every period's statement, in the one statement view (<spm-statement>). */
function renderStatements(ledger) {
  ui.statements.showLedger(ledger, { plan: state.plan, planCurrency: state.overview.currency });
}

// ---------------------------------------------------------------------------------------------
// Accounting.

function assetLabel(a, currency) {
  const parts = [`Deal ${a.transactionId}`, componentName(a.componentId), `${formatMoney(a.capitalized, currency)} from ${a.start} over ${formatCount(a.months)} months`];
  if (a.terminated) parts.push(`terminated ${a.terminated}`);
  return parts.join(' · ');
}

function scheduleCaption(asset, currency) {
  return `Amortization of deal ${asset.transactionId} (${componentName(asset.componentId)}): ${formatMoney(asset.capitalized, currency)} capitalized from ${asset.start} over ${formatCount(asset.months)} months${asset.terminated ? `, contract terminated ${asset.terminated}` : ''}.`;
}

function scheduleTable(asset, currency) {
  const table = el('table', { class: 'schedule' },
    el('caption', { class: 'visually-hidden' }, scheduleCaption(asset, currency)),
    el('thead', null, el('tr', null,
      el('th', { scope: 'col' }, 'Month'),
      el('th', { scope: 'col', class: 'num' }, 'Amortization'),
      el('th', { scope: 'col', class: 'num' }, 'of which catch-up'),
      el('th', { scope: 'col', class: 'num' }, 'Balance'),
      el('th', { scope: 'col' }, 'Note'),
    )));
  const tbody = el('tbody');
  for (const r of asset.rows) {
    tbody.append(el('tr', null,
      el('th', { scope: 'row' }, r.month),
      amount('td', r.amortization, currency, 'num'),
      amount('td', r.catchUp, currency, 'num'),
      amount('td', r.balance, currency, 'num'),
      el('td', { class: 'wrap' }, r.note ?? ''),
    ));
  }
  table.append(tbody);
  return table;
}

function renderBook(book, index) {
  const currency = book.currency;
  const section = el('section', { class: 'book', 'aria-labelledby': `book-${index}` });
  const capitalized = book.costs.filter((c) => c.treatment === 'capitalize').length;
  const expensed = book.costs.length - capitalized;
  section.append(el('h3', { id: `book-${index}` }, `Commission costs in ${currency}`));
  section.append(el('p', { class: 'hint' },
    `${formatCount(book.costs.length)} costs from this payee's earnings: ${formatCount(capitalized)} capitalized, ${formatCount(expensed)} expensed.`));

  // Costs, with a filter by treatment.
  const filterId = `cost-filter-${index}`;
  const filter = /** @type {HTMLSelectElement} */ (el('select', { id: filterId, class: 'small-select' },
    el('option', { value: '' }, 'All'),
    el('option', { value: 'capitalize' }, 'Capitalized'),
    el('option', { value: 'expense' }, 'Expensed')));
  const costs = el('table', { class: 'costs' },
    el('caption', { class: 'visually-hidden' }, `Commission costs in ${currency} and their treatment`),
    el('thead', null, el('tr', null,
      el('th', { scope: 'col' }, 'Month'),
      el('th', { scope: 'col' }, 'Deal'),
      el('th', { scope: 'col' }, 'Component'),
      el('th', { scope: 'col', class: 'num' }, 'Amount'),
      el('th', { scope: 'col' }, 'Treatment'),
      el('th', { scope: 'col' }, 'Why'),
    )));
  const tbody = el('tbody');
  for (const c of book.costs) {
    const cap = c.treatment === 'capitalize';
    tbody.append(el('tr', { 'data-treatment': c.treatment },
      el('td', null, c.month),
      el('td', null, c.transactionId || '—'),
      el('td', null, !c.transactionId && PAYEE_LINES[c.componentId] ? PAYEE_LINES[c.componentId] : componentName(c.componentId)),
      amount('td', c.amount, currency, 'num'),
      el('td', null, el('span', { class: `badge ${cap ? 'badge-info' : 'badge-neutral'}` }, cap ? 'Capitalized' : 'Expensed')),
      el('td', { class: 'wrap' }, c.reason),
    ));
  }
  costs.append(tbody);
  filter.addEventListener('change', () => {
    for (const row of tbody.rows) row.hidden = filter.value !== '' && row.dataset.treatment !== filter.value;
  });
  section.append(
    el('div', { class: 'inline-control' }, el('label', { for: filterId }, 'Show'), filter),
    el('div', { class: 'table-scroll scroll-box' }, costs),
  );

  // One asset's amortization schedule.
  if (book.assets.length > 0) {
    const assetId = `asset-select-${index}`;
    const select = /** @type {HTMLSelectElement} */ (el('select', { id: assetId }));
    book.assets.forEach((a, i) => select.append(el('option', { value: String(i) }, assetLabel(a, currency))));
    // A terminated contract shows the most (catch-up and acceleration); otherwise the first.
    const preferred = book.assets.findIndex((a) => a.terminated);
    select.value = String(preferred >= 0 ? preferred : 0);
    const caption = el('p', { class: 'hint caption-text', 'aria-hidden': 'true' });
    const holder = el('div', { class: 'table-scroll scroll-box schedule-box' });
    const show = () => {
      const asset = book.assets[Number(select.value)];
      caption.textContent = scheduleCaption(asset, currency);
      holder.replaceChildren(scheduleTable(asset, currency));
    };
    select.addEventListener('change', show);
    show();
    section.append(
      el('h3', null, 'Amortization schedule'),
      el('p', { class: 'hint' }, `${formatCount(book.assets.length)} capitalized ${book.assets.length === 1 ? 'contract' : 'contracts'}; choose one to see its schedule.`),
      el('div', { class: 'inline-control wide' }, el('label', { for: assetId }, 'Asset'), select),
      caption,
      holder,
    );
  }
  return section;
}

function companyTotals(books) {
  const details = el('details', { class: 'company-totals' }, el('summary', null, el('h3', null, 'Company totals per month')));
  for (const book of books) {
    const c = book.currency;
    const table = el('table', { class: 'months' },
      el('caption', { class: 'visually-hidden' }, `Commission costs of all payees per month, ${c}`),
      el('thead', null, el('tr', null,
        el('th', { scope: 'col' }, 'Month'),
        el('th', { scope: 'col', class: 'num' }, 'Capitalized'),
        el('th', { scope: 'col', class: 'num' }, 'Expensed'),
        el('th', { scope: 'col', class: 'num' }, 'Amortization'),
        el('th', { scope: 'col', class: 'num' }, 'Asset balance'),
      )));
    const tbody = el('tbody');
    for (const m of book.months) {
      tbody.append(el('tr', null,
        el('th', { scope: 'row' }, m.month),
        amount('td', m.capitalized, c, 'num'),
        amount('td', m.expensed, c, 'num'),
        amount('td', m.amortization, c, 'num'),
        amount('td', m.balance, c, 'num'),
      ));
    }
    table.append(tbody);
    details.append(el('p', { class: 'hint caption-text', 'aria-hidden': 'true' }, `All payees, in ${c}`), el('div', { class: 'table-scroll scroll-box' }, table));
  }
  return details;
}

function renderAccounting(books) {
  const company = state.overview.accounting ?? [];
  const out = document.createDocumentFragment();
  if (company.length === 0) {
    out.append(el('p', { class: 'hint' }, 'This plan keeps no commission accounting: it has no accounting section.'));
    ui.accounting.replaceChildren(out);
    return;
  }
  const nonEmpty = books.filter((b) => b.costs.length > 0 || b.assets.length > 0);
  if (nonEmpty.length === 0) out.append(el('p', { class: 'hint' }, 'No commission costs from this payee.'));
  nonEmpty.forEach((b, i) => out.append(renderBook(b, i)));
  out.append(companyTotals(company));
  ui.accounting.replaceChildren(out);
}

// ---------------------------------------------------------------------------------------------
// The run's notes and conversions.

function renderNotes(ledger) {
  const notes = state.overview.notes ?? [];
  const mine = new Set(ledger.entries.filter((e) => e.kind === 'note' && e.transactionId).map((e) => e.transactionId));
  const conversions = state.overview.conversions?.length ?? 0;
  ui.conversions.textContent = conversions === 0
    ? 'No deal amounts needed converting into the plan currency in this run.'
    : `${formatCount(conversions)} deal ${conversions === 1 ? 'amount was' : 'amounts were'} converted into the plan currency (listed in the Ledger JSON).`;
  if (notes.length === 0) {
    ui.notes.replaceChildren(el('p', { class: 'hint' }, 'No notes: no event fell outside the clawback window.'));
    return;
  }
  const list = el('ul', { class: 'notes' });
  for (const n of notes) {
    const deal = /^Deal (\S+) /.exec(n)?.[1];
    const li = el('li', null, n);
    if (deal && mine.has(deal)) {
      li.classList.add('mine');
      li.prepend(el('span', { class: 'badge badge-note badge-small' }, 'This payee'), ' ');
    }
    list.append(li);
  }
  ui.notes.replaceChildren(
    el('p', { class: 'hint' }, `${formatCount(notes.length)} ${notes.length === 1 ? 'event' : 'events'} changed nothing, and why:`),
    list,
  );
}

// ---------------------------------------------------------------------------------------------
// Flow.

/** The payee to show first: the one asked for, else one with a draw, else with a clawback. */
function defaultPayee(wanted) {
  const payees = state.overview.payees;
  if (wanted && state.overviewPayees.has(wanted)) return wanted;
  const pick = payees.find((p) => !isZero(p.totals.draw))
    ?? payees.find((p) => p.periods.some((q) => !isZero(q.clawbacks)))
    ?? payees[0];
  return pick?.payeeId ?? null;
}

function fillPayees() {
  const options = state.overview.payees.map((p) =>
    el('option', { value: p.payeeId }, `${p.name} (${p.payeeId}) · ${p.currency}`));
  ui.payeeSelect.replaceChildren(...options);
}

function showPayee(payeeId, { focus = false } = {}) {
  if (!state.run) return;
  clearError(ui.error);
  try {
    const ledger = state.run.payee(payeeId);
    if (!ledger) throw new Error(`No payee “${payeeId}” in this ledger`);
    const books = state.overview.accounting?.length ? state.run.payeeAccounting(payeeId) : [];
    state.payeeId = payeeId;
    ui.payeeSelect.value = payeeId;
    ui.content.dataset.payeeId = payeeId;
    renderHead(ledger);
    renderPeriods(ledger);
    renderStatements(ledger);
    renderAccounting(books);
    renderNotes(ledger);
    ui.content.hidden = false;
    updateUrl({ plan: state.plan?.id, payee: state.payeeId });
    if (focus) ui.payeeHeading.focus();
  } catch (err) {
    showError(err, `Could not show the ledger of ${payeeId}`);
  }
}

/**
 * Computes and shows the ledger of a plan. `adjustments` (default: those in use) are the SPIFF
 * and payee adjustments to run with; when `fromField` is set, an error is shown at the file
 * field and the last good run stays on the page. Resolves to whether the run succeeded.
 *
 * @param {string} planId
 * @param {string} [wantedPayee]
 * @param {{ adjustments?: { text: string, name: string } | null, fromField?: boolean }} [options]
 */
async function showPlan(planId, wantedPayee, { adjustments = state.adjustments, fromField = false } = {}) {
  const plan = state.sample.plans.find((p) => p.id === planId);
  if (!plan) return false;
  clearError(ui.error);
  setBusy(true);
  ui.status.textContent = `Computing the ledger of “${plan.name}”…`;
  await nextPaint();
  try {
    const started = performance.now();
    const run = engineFor(plan).ledger(state.dataset, state.sample.eventsCsv || null, undefined, adjustments?.text ?? undefined);
    const overview = run.overview();
    const ms = performance.now() - started;
    state.run?.free();
    state.run = run;
    state.overview = overview;
    state.plan = plan;
    state.overviewPayees = new Map(overview.payees.map((p) => [p.payeeId, p]));
    fillPayees();
    renderFeatures();
    const chosen = defaultPayee(wantedPayee ?? state.payeeId);
    const missing = wantedPayee && chosen !== wantedPayee ? ` There is no payee “${wantedPayee}”; showing ${chosen}.` : '';
    ui.status.textContent =
      `${plan.name}: ${formatCount(overview.payees.length)} payees over ${formatCount(overview.periods.length)} periods (${overview.periods[0]} to ${overview.periods[overview.periods.length - 1]}), computed in ${formatDecimal(ms.toFixed(0))} ms.${missing}`;
    setBusy(false);
    if (chosen) showPayee(chosen);
    return true;
  } catch (err) {
    setBusy(false);
    if (state.plan) ui.planSelect.value = state.plan.id;
    if (fromField && adjustments) {
      ui.status.textContent = state.plan ? `Still showing the ledger of “${state.plan.name}” without ${adjustments.name}.` : '';
      fillError(ui.adjustmentsError, err, `Could not use ${adjustments.name}`);
      ui.adjustmentsFile.setAttribute('aria-invalid', 'true');
    } else {
      showError(err, `Could not compute the ledger of “${plan.name}”`);
    }
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// SPIFF prizes and payee adjustments from a file.

function clearFieldError() {
  ui.adjustmentsError.hidden = true;
  ui.adjustmentsError.replaceChildren();
  ui.adjustmentsFile.removeAttribute('aria-invalid');
}

/** Which payees the adjustments in use touched, in words. */
function adjustmentsSummary() {
  const touched = state.overview.payees.filter((p) =>
    !isZero(p.totals.spiffs ?? '0') || !isZero(p.totals.payeeAdjustments ?? '0'));
  const who = touched.slice(0, 3).map((p) => `${p.name} (${p.payeeId})`);
  if (touched.length > 3) who.push(`${formatCount(touched.length - 3)} more`);
  return touched.length === 0
    ? `${state.adjustments?.name}: nothing booked (every line is dated after the last period).`
    : `${state.adjustments?.name}: paid to ${listText(who)}. Their statements show each line with its reason.`;
}

async function useAdjustmentsFile() {
  const file = ui.adjustmentsFile.files?.[0];
  if (!file || !state.plan || state.busy) return;
  clearFieldError();
  let text;
  try {
    text = await file.text();
  } catch (err) {
    fillError(ui.adjustmentsError, err, `Could not read ${file.name}`);
    return;
  }
  const next = { text, name: file.name };
  ui.adjustmentsStatus.textContent = `Running the ledger again with ${file.name}…`;
  if (await showPlan(state.plan.id, state.payeeId ?? undefined, { adjustments: next, fromField: true })) {
    state.adjustments = next;
    ui.adjustmentsClear.hidden = false;
    ui.adjustmentsStatus.textContent = adjustmentsSummary();
  } else {
    ui.adjustmentsStatus.textContent = state.adjustments
      ? `Still using ${state.adjustments.name}.`
      : 'No SPIFF or adjustments in use.';
  }
}

async function removeAdjustments() {
  if (!state.plan || state.busy) return;
  clearFieldError();
  state.adjustments = null;
  ui.adjustmentsFile.value = '';
  ui.adjustmentsClear.hidden = true;
  if (await showPlan(state.plan.id, state.payeeId ?? undefined)) {
    ui.adjustmentsStatus.textContent = 'No SPIFF or adjustments in use.';
  }
  ui.adjustmentsFile.focus();
}

const EXPORTS = {
  payroll: { file: (id) => `payroll-${id}.csv`, make: (run) => run.payrollCsv(), type: 'text/csv;charset=utf-8' },
  statements: { file: (id) => `statements-${id}.csv`, make: (run) => run.statementsCsv(), type: 'text/csv;charset=utf-8' },
  journal: { file: (id) => `journal-${id}.csv`, make: (run) => run.journalCsv(), type: 'text/csv;charset=utf-8' },
  json: { file: (id) => `ledger-${id}.json`, make: (run) => run.json(), type: 'application/json' },
};
// The same tables as workbooks: the engine's CSV text, written by the spreadsheets build (loaded
// on the first click) with the same formula-safe cells, one sheet each.
for (const [kind, sheet] of [['payroll', 'Payroll'], ['statements', 'Statements'], ['journal', 'Journal entries']]) {
  EXPORTS[`${kind}-xlsx`] = {
    file: (id) => `${kind}-${id}.xlsx`,
    make: async (run) => {
      const csv = EXPORTS[kind].make(run);
      const { initSpreadsheets, xlsxFromTables, XLSX_TYPE } = await import('../../lib/spreadsheets.js');
      await initSpreadsheets();
      return new Blob([xlsxFromTables([{ name: sheet, csv }])], { type: XLSX_TYPE });
    },
  };
}

async function exportFile(kind) {
  const spec = EXPORTS[kind];
  if (!spec || !state.run || state.busy) return;
  const name = spec.file(safeFilePart(state.plan.id));
  clearError(ui.error);
  ui.status.textContent = `Preparing ${name}…`;
  await nextPaint();
  try {
    const made = await spec.make(state.run);
    const bytes = made instanceof Blob ? downloadBlob(name, made) : downloadText(name, made, spec.type);
    ui.status.textContent = `Saved ${name} (${formatCount(Math.max(1, Math.round(bytes / 1024)))} KB).`;
  } catch (err) {
    showError(err, `Could not make ${name}`);
  }
}

async function main() {
  const params = new URLSearchParams(location.search);
  try {
    await init();
    ui.engineVersion.textContent = `v${version()}`;
    state.sample = await activeCompany({ needs: ['plans', 'people'] });
    reloadOnWorkspaceChange(state.sample.id);
    ui.company.textContent = state.sample.company;
    for (const p of state.sample.payees) state.payeeSpecs.set(p.id, p);
    state.dataset = loadDataset({ transactionsCsv: state.sample.transactionsCsv, payees: state.sample.payees });
    if (state.sample.ratesCsv) state.dataset.setRates(state.sample.ratesCsv);
  } catch (err) {
    showError(err, err?.code === 'WORKSPACE_EMPTY' ? 'Nothing to compute yet' : 'Could not start the engine');
    return;
  }

  ui.planSelect.replaceChildren(...state.sample.plans.map((p) => el('option', { value: p.id }, p.name)));
  const wantedPlan = params.get('plan');
  if (wantedPlan && state.sample.plans.some((p) => p.id === wantedPlan)) ui.planSelect.value = wantedPlan;
  ui.planSelect.addEventListener('change', () => showPlan(ui.planSelect.value));
  ui.payeeSelect.addEventListener('change', () => showPayee(ui.payeeSelect.value));
  ui.adjustmentsFile.addEventListener('change', () => useAdjustmentsFile());
  ui.adjustmentsClear.addEventListener('click', () => removeAdjustments());
  $('controls').addEventListener('submit', (e) => e.preventDefault());

  ui.features.addEventListener('click', (e) => {
    const button = /** @type {HTMLElement} */ (e.target).closest?.('button[data-payee]');
    if (button instanceof HTMLElement && button.dataset.payee) showPayee(button.dataset.payee, { focus: true });
  });
  ui.periodTable.addEventListener('click', (e) => {
    const link = /** @type {HTMLElement} */ (e.target).closest?.('a[data-period]');
    if (!(link instanceof HTMLElement)) return;
    const details = document.getElementById(`st-${link.dataset.period}`);
    if (details instanceof HTMLDetailsElement) {
      e.preventDefault();
      details.open = true;
      details.scrollIntoView({ block: 'start' });
      details.querySelector('summary')?.focus();
    }
  });
  ui.downloads.addEventListener('click', (e) => {
    const button = /** @type {HTMLElement} */ (e.target).closest?.('button[data-export]');
    if (button instanceof HTMLElement && button.dataset.export) exportFile(button.dataset.export);
  });

  await showPlan(ui.planSelect.value, params.get('payee') ?? undefined);
  document.body.dataset.ready = 'true';
}

main();
