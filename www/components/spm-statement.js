// <spm-statement>: the app's one statement view. It shows a payee's statement from the DTO the
// engine returns: its periods, its lines (components with their deals and tier slices, or ledger
// entries with running balances), the totals, the engine's sentences that derive each figure, and
// warnings. Used by the Payouts page (one statement beside the table), the plan designer (every
// period of one payee), the Ledger page (every period's entries) and the Rep page (a deal's
// calculation, component by component).
//
//   <spm-statement layout="single" heading-level="3"></spm-statement>
//   view.showPayout(report.statements.filter(...), { plan, warnings })   Statement[] (payout, statementsFor)
//   view.showLedger(run.payee(id), { plan, planCurrency })               PayeeLedger
//   view.showEstimate(estimate.deals[0], { currency })                   DealEstimate (explain = true)
//   view.showMessage(text) / view.showError(err, context)
//
// Attributes: `layout` "periods" (default: each period a <details id="st-PERIOD">, the latest
// open) or "single" (the statements one after another, open); `heading-level` (default 3) of the
// period headings, the parts under them one level down; `locale` for formatting (default: the
// browser's, like the rest of the app).
//
// Light DOM, styled by www/lib/styles.css, so the page's styles and tests reach inside. Text only,
// never HTML from data. JS never does arithmetic on money: amounts stay the engine's decimal
// strings and are only formatted (www/lib/format.js) and classified (zero, negative).
import { el, fillError, amountNode } from '../lib/dom.js';
import { formatMoney, formatPercent, formatCount, isZero, isNegative, listText } from '../lib/format.js';

/** Ledger entry kinds: the badge a reader sees, and its colour family. */
export const ENTRY_KINDS = Object.freeze({
  opening: ['Carried in', 'neutral'],
  earned: ['Earned', 'good'],
  adjustment: ['Adjustment', 'neutral'],
  clawback: ['Clawback', 'bad'],
  tierEffect: ['Tier effect', 'neutral'],
  hold: ['Held', 'warn'],
  release: ['Released', 'good'],
  guarantee: ['Guarantee', 'info'],
  advance: ['Draw advance', 'info'],
  recovery: ['Recovery', 'info'],
  forgiven: ['Forgiven', 'info'],
  writtenOff: ['Written off', 'bad'],
  collected: ['Collected', 'info'],
  payment: ['Payment', 'pay'],
  carried: ['Carried', 'neutral'],
  note: ['Note', 'note'],
  spiff: ['SPIFF', 'good'],
  payeeAdjustment: ['Payee adjustment', 'neutral'],
});

/** The entry kinds a period's summary flags, in this order. */
const MARKED = ['spiff', 'payeeAdjustment', 'clawback', 'advance', 'guarantee', 'recovery', 'hold', 'release', 'note', 'carried'];

/**
 * @typedef {{ id: string, name?: string, rateTable?: { mode?: string, base?: string } }} ComponentSpec
 * @typedef {{ components?: ComponentSpec[] } | null | undefined} PlanLike
 * @typedef {{ path?: string, code?: string, message: string }} Warning
 * @typedef {{ level: number, locale: string | undefined, currency: string, plan: PlanLike }} Context
 */

/** A heading of level `level` (h2 to h6). */
function heading(level, ...children) {
  return el(`h${Math.min(6, Math.max(2, level))}`, null, ...children);
}

/** A <dl> of facts from [term, value, title] triples. */
function facts(pairs, className = 'facts') {
  const dl = el('dl', { class: className });
  for (const [term, value, title] of pairs) {
    const dd = el('dd', null, value);
    if (title) dd.title = title;
    dl.append(el('div', null, el('dt', null, term), dd));
  }
  return dl;
}

/** The engine's sentences as a list (ordered when the order is the derivation). */
function sentences(lines, ordered = false) {
  return el(ordered ? 'ol' : 'ul', { class: 'explanation' }, ...lines.map((line) => el('li', null, line)));
}

/**
 * Warnings as the app shows them: a count, then "CODE at path: message" for each; the contents of
 * a `.warnings` box (the element's own, or a page's box for a whole run's warnings).
 * @param {Warning[]} warnings
 * @returns {[HTMLElement, HTMLElement]}
 */
export function warningItems(warnings) {
  const list = el('ul');
  for (const w of warnings) {
    list.append(el('li', null, el('code', null, w.code ?? 'WARNING'), ' at ', el('code', null, w.path || '(root)'), `: ${w.message}`));
  }
  return [el('strong', null, warnings.length === 1 ? '1 warning' : `${formatCount(warnings.length)} warnings`), list];
}

/**
 * One period of a statement as a <details>: the summary says the period and what it paid, and
 * flags what happened in it; the body is the period's lines.
 */
function periodFrame({ period, level, meta, marks = [], body, open }) {
  const details = el('details', { class: 'period-statement', id: `st-${period}`, 'data-period': period });
  details.open = open;
  details.append(
    el('summary', null,
      heading(level, `Statement for ${period}`),
      el('span', { class: 'statement-meta' }, ...meta),
      marks.length > 0 ? el('span', { class: 'statement-marks' }, ...marks) : null),
    el('div', { class: 'period-body' }, ...body));
  return details;
}

// ---------------------------------------------------------------------------------------------
// Payout statements (a PayoutReport's statements, or PlanEngine.statementsFor).

/** @param {any} c A ComponentResult. @param {any} s Its Statement. @param {Context} ctx */
function payoutComponent(c, s, ctx) {
  const money = (v) => formatMoney(v, s.currency, { locale: ctx.locale });
  const spec = ctx.plan?.components?.find((x) => x.id === c.componentId);
  const byAttainment = spec?.rateTable?.base === 'attainment';
  const bound = (v) => (v === null || v === undefined ? '∞' : byAttainment ? formatPercent(v, { locale: ctx.locale }) : money(v));

  const section = el('section', { class: 'component', 'data-component': c.componentId },
    heading(ctx.level, `${c.componentName}: `, amountNode('span', c.earning, s.currency, 'component-amount', ctx)),
    facts([
      ['Credit', money(c.credit), c.credit],
      ['Quota', c.quota === null || c.quota === undefined ? '—' : money(c.quota), c.quota ?? ''],
      ['Attainment', formatPercent(c.attainment, { locale: ctx.locale }), c.attainment ?? ''],
      ['Earning', money(c.earning), c.earning],
      ['Transactions', formatCount(c.transactionCount, { locale: ctx.locale })],
    ]));

  if (c.tiers?.length > 0) {
    const tbody = el('tbody');
    for (const t of c.tiers) {
      tbody.append(el('tr', null,
        el('td', null, String(t.tier)),
        el('td', null, `${bound(t.from)} – ${bound(t.to)}`),
        el('td', { class: 'num' }, money(t.base)),
        el('td', { class: 'num' }, formatPercent(t.rate, { locale: ctx.locale, maximumFractionDigits: 4 })),
        amountNode('td', t.amount, s.currency, 'num', ctx)));
    }
    section.append(el('div', { class: 'table-scroll' }, el('table', { class: 'tiers' },
      el('caption', null, `Tier slices${spec?.rateTable ? ` (${spec.rateTable.mode}, by ${spec.rateTable.base})` : ''}`),
      el('thead', null, el('tr', null,
        el('th', { scope: 'col' }, 'Tier'),
        el('th', { scope: 'col' }, 'Band'),
        el('th', { scope: 'col', class: 'num' }, 'Base'),
        el('th', { scope: 'col', class: 'num' }, 'Rate'),
        el('th', { scope: 'col', class: 'num' }, 'Amount'))),
      tbody)));
  }

  if (c.lines?.length > 0) {
    const rows = c.lines.map((l) => el('tr', { 'data-transaction-id': l.transactionId },
      el('th', { scope: 'row' }, l.transactionId),
      el('td', null, l.date),
      amountNode('td', l.credit, s.currency, 'num', ctx),
      amountNode('td', l.earning, s.currency, 'num', ctx)));
    section.append(el('details', { class: 'lines' },
      el('summary', null, `${formatCount(c.lines.length, { locale: ctx.locale })} ${c.lines.length === 1 ? 'deal' : 'deals'} counted`),
      el('div', { class: 'table-scroll' }, el('table', { class: 'lines-table' },
        el('caption', { class: 'visually-hidden' }, `Deals credited to ${c.componentName} in ${s.period}`),
        el('thead', null, el('tr', null,
          el('th', { scope: 'col' }, 'Deal'),
          el('th', { scope: 'col' }, 'Date'),
          el('th', { scope: 'col', class: 'num' }, 'Credit'),
          el('th', { scope: 'col', class: 'num' }, 'Earning'))),
        el('tbody', null, ...rows)))));
  }

  if (c.explanation?.length > 0) section.append(sentences(c.explanation));
  return section;
}

/** The lines of one payout statement. @param {any} s A Statement. @param {Context} ctx */
function payoutBody(s, ctx) {
  const money = (v) => formatMoney(v, s.currency, { locale: ctx.locale });
  const out = [facts([
    ['Payee', s.payeeName],
    ['Period', el('span', null, s.period, el('span', { class: 'sub' }, `${s.periodStart} to ${s.periodEnd}`))],
    ['Total', money(s.total), `${s.total} ${s.currency}`],
  ], 'facts facts-head')];
  for (const c of s.components) out.push(payoutComponent(c, s, ctx));
  if (s.explanation?.length > 0) {
    out.push(heading(ctx.level, 'How this was worked out'), sentences(s.explanation, true));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// A payee's ledger (LedgerRun.payee): entries with running balances, period by period.

/** @param {any} entry A LedgerEntry. */
function entryRow(entry, currency, planCurrency, ctx) {
  const [label, tone] = ENTRY_KINDS[entry.kind] ?? [entry.kind, 'neutral'];
  const row = el('tr', { 'data-kind': entry.kind, class: `entry entry-${tone}` });
  if (entry.transactionId) row.dataset.transactionId = entry.transactionId;
  row.append(el('td', { class: 'kind' }, el('span', { class: `badge badge-${tone}` }, label)));

  const text = el('td', { class: 'text' }, el('span', { class: 'sentence' }, entry.text));
  const origin = [];
  if (entry.origin && entry.origin !== entry.period) origin.push(`earned in ${entry.origin}`);
  if (entry.componentId && entry.kind !== 'earned') {
    origin.push(ctx.plan?.components?.find((c) => c.id === entry.componentId)?.name ?? entry.componentId);
  }
  if (origin.length > 0) text.append(el('span', { class: 'sub' }, origin.join(' · ')));
  row.append(text);

  const amountCell = el('td', { class: 'num amount-cell', 'data-label': 'Amount' });
  if (isZero(entry.amount) && ['note', 'carried', 'opening'].includes(entry.kind)) {
    amountCell.append(el('span', { class: 'muted', title: 'no change to the balance' }, '—'));
  } else {
    amountCell.append(amountNode('span', entry.amount, currency, 'entry-amount', ctx));
  }
  if (entry.planAmount !== undefined && entry.planAmount !== null) {
    const plan = amountNode('span', entry.planAmount, planCurrency, 'plan-amount', ctx);
    plan.prepend(el('span', { class: 'visually-hidden' }, `in ${planCurrency}: `));
    amountCell.append(plan);
  }
  row.append(amountCell);
  const balance = amountNode('td', entry.balance, currency, 'num balance', ctx);
  balance.dataset.label = 'Balance';
  row.append(balance);
  return row;
}

// ---------------------------------------------------------------------------------------------
// The element.

class SpmStatement extends HTMLElement {
  /** @returns {Context} */
  #context(currency, plan) {
    const level = Number.parseInt(this.getAttribute('heading-level') ?? '3', 10);
    return { level: Number.isInteger(level) ? level : 3, locale: this.getAttribute('locale') || undefined, currency, plan };
  }

  #show(kind, nodes) {
    this.dataset.kind = kind;
    this.replaceChildren(...nodes);
  }

  /**
   * Payout statements of one payee (a PayoutReport's, or PlanEngine.statementsFor's), with the
   * plan they were computed under (for the tier tables' captions and bands) and any warnings.
   *
   * @param {any[]} statements
   * @param {{ plan?: PlanLike, warnings?: Warning[] }} [options]
   */
  showPayout(statements, { plan = null, warnings = [] } = {}) {
    const nodes = [];
    if (warnings.length > 0) nodes.push(el('div', { class: 'warnings', role: 'note' }, ...warningItems(warnings)));
    if (statements.length === 0) {
      nodes.push(el('p', { class: 'hint' }, 'No statements: the plan pays this payee nothing in the data.'));
      this.#show('payout', nodes);
      return;
    }
    const single = this.getAttribute('layout') === 'single';
    const latest = statements[statements.length - 1].period;
    for (const s of statements) {
      if (single) {
        nodes.push(...payoutBody(s, this.#context(s.currency, plan)));
        continue;
      }
      const ctx = this.#context(s.currency, plan);
      const inner = { ...ctx, level: ctx.level + 1 };
      const paid = s.components.filter((c) => !isZero(c.earning)).length;
      nodes.push(periodFrame({
        period: s.period,
        level: ctx.level,
        meta: [`${s.periodStart} to ${s.periodEnd} · ${formatCount(paid, { locale: ctx.locale })} of ${formatCount(s.components.length, { locale: ctx.locale })} components pay · total `,
          amountNode('span', s.total, s.currency, 'strong', ctx)],
        body: payoutBody(s, inner),
        open: s.period === latest,
      }));
    }
    this.#show('payout', nodes);
  }

  /**
   * A payee's ledger: each period with entries as a statement (kind, the engine's sentence, the
   * amount in the payee's currency and, when it differs, the plan's, and the running balance).
   *
   * @param {any} ledger A PayeeLedger.
   * @param {{ plan?: PlanLike, planCurrency?: string }} [options]
   */
  showLedger(ledger, { plan = null, planCurrency = ledger.currency } = {}) {
    const currency = ledger.currency;
    const ctx = this.#context(currency, plan);
    const byPeriod = new Map();
    for (const e of ledger.entries) {
      if (!byPeriod.has(e.period)) byPeriod.set(e.period, []);
      byPeriod.get(e.period).push(e);
    }
    const periods = ledger.periods.filter((p) => byPeriod.has(p.period));
    const empty = ledger.periods.filter((p) => !byPeriod.has(p.period)).map((p) => p.period);
    const latest = periods.length > 0 ? periods[periods.length - 1].period : null;

    const nodes = [];
    if (currency !== planCurrency) {
      nodes.push(el('p', { class: 'hint' },
        `Amounts are in ${currency}. The grey figure under an amount is the same amount in ${planCurrency}, the plan's currency.`));
    }
    for (const p of periods) {
      const entries = byPeriod.get(p.period);
      const kinds = new Set(entries.map((e) => e.kind));
      const marks = MARKED.filter((k) => kinds.has(k))
        .map((k) => el('span', { class: `badge badge-${ENTRY_KINDS[k][1]} badge-small` }, ENTRY_KINDS[k][0]));
      const meta = [`${formatCount(entries.length, { locale: ctx.locale })} ${entries.length === 1 ? 'entry' : 'entries'} · paid `,
        amountNode('span', p.paid, currency, 'strong', ctx)];
      if (isNegative(p.closing)) meta.push(' · carried ', amountNode('span', p.closing, currency, '', ctx));
      const table = el('table', { class: 'entries' },
        el('caption', { class: 'visually-hidden' }, `Ledger entries for ${p.period}, ${ledger.name}`),
        el('thead', null, el('tr', null,
          el('th', { scope: 'col' }, 'Entry'),
          el('th', { scope: 'col' }, 'Explanation'),
          el('th', { scope: 'col', class: 'num' }, 'Amount'),
          el('th', { scope: 'col', class: 'num' }, 'Balance'))),
        el('tbody', null, ...entries.map((e) => entryRow(e, currency, planCurrency, ctx))));
      nodes.push(periodFrame({
        period: p.period, level: ctx.level, meta, marks, open: p.period === latest,
        body: [el('div', { class: 'table-scroll' }, table)],
      }));
    }
    if (periods.length === 0) nodes.push(el('p', { class: 'hint' }, 'No ledger entries for this payee.'));
    if (empty.length > 0) nodes.push(el('p', { class: 'hint' }, `Nothing happened in ${listText(empty)}.`));
    this.#show('ledger', nodes);
  }

  /**
   * What one estimated deal does to the period, component by component: the component's payout
   * before and after the deal and the engine's sentences for it (an estimate made with
   * explain = true).
   *
   * @param {any} deal A DealEstimate.
   * @param {{ currency: string }} options The estimate's currency.
   */
  showEstimate(deal, { currency }) {
    const ctx = this.#context(currency, null);
    const parts = deal.components.map((c) => el('section', { class: 'component', 'data-component': c.componentId },
      heading(ctx.level, `${c.componentName}: `, amountNode('span', c.before, currency, '', ctx), ' → ', amountNode('span', c.after, currency, '', ctx)),
      c.explanation.length > 0 ? sentences(c.explanation, true) : el('p', { class: 'hint' }, 'No sentences for this component.')));
    this.#show('estimate', [el('p', { class: 'hint' }, `The period ${deal.period} with the deal, as the engine computes it:`), ...parts]);
  }

  /** A line of text instead of a statement ("Running…", "Enter a valid deal…"); empty clears. */
  showMessage(text, { status = false } = {}) {
    this.#show('message', text ? [el('p', { class: status ? 'status' : 'hint' }, text)] : []);
  }

  /** An error instead of a statement, with its code and located diagnostics. */
  showError(err, context) {
    const box = el('div', { class: 'error', role: 'alert' });
    fillError(box, err, context);
    this.#show('error', [box]);
  }
}

if (!customElements.get('spm-statement')) customElements.define('spm-statement', SpmStatement);
