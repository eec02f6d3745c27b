// <spm-estimator>: "what would this deal pay me?", answered by the real plan engine in the page.

import { loadBuild, loadFailure } from './load.js';
import { adoptStyle, elementLocale, showError, toWidgetError } from './common.js';
//
// Embedding (one script tag; the files resolve relative to this script, from any folder or origin;
// README "Embedding" lists what to copy):
//
//   <script type="module" src="/components/spm-estimator.js"></script>
//   <spm-estimator plan="/components/demo-plan.json">
//     <script type="application/json" slot="state">{ "payee": { … }, "deals": [ … ], "asOf": "2026-05-15" }</script>
//   </spm-estimator>
//
// Attributes
//   plan              URL of the plan JSON (relative to the page). Or, instead, a child
//                     <script type="application/json" slot="plan">…</script> with the plan itself.
//   state             URL of the EstimatorState JSON (docs/estimate.md: payee, deals already
//                     credited this year, asOf). Or a child <script type="application/json"
//                     slot="state">. Optional: without it the payee has no deals and no own quotas.
//   locale            BCP 47 tag for numbers and money; default: the nearest `lang` attribute,
//                     else navigator.language.
//   currency-display  "symbol" (default), "narrowSymbol", "code" or "name" (Intl.NumberFormat).
//   amount, type, product, share, close-date
//                     initial values of the form (share in percent, e.g. "50"); with `amount`
//                     the first estimate is shown as soon as the engine is ready.
//
// Events (CustomEvent on the element)
//   estimate  detail = the engine's Estimate object, after every successful estimate. Bubbles
//             (and crosses shadow roots), so a listener on document works too.
//   error     detail = { code, message, diagnostics }: the plan or state could not be loaded or
//             compiled, the engine refused the deal, or a field holds something that is not an
//             amount (code "INPUT_INVALID"). Listen on the element: it does not bubble, so a
//             page-wide window "error" handler (crash reporters) never mistakes it for a crash.
//
// Theming (CSS custom properties, set them on the element or any ancestor)
//   --spm-accent   accent colour: focus rings, the figure, the chart line   (default #1f55c8)
//   --spm-font     font family                                              (default system-ui)
//   --spm-radius   corner radius of the box and the fields                  (default 10px)
//   --spm-bg       background                                               (default #ffffff)
//   --spm-fg       text colour; borders and muted text are mixed from it    (default #1c2330)
//
// Money: amounts are decimal strings from the engine, formatted with Intl (../lib/format.js);
// the widget never does arithmetic on them. Typed amounts are normalised to decimal strings by
// string operations only. The one place numbers appear is the chart's geometry (pixel positions
// and the rounded deal size the curve is drawn up to); every plotted amount comes from the engine.
// Everything is built with createElement/createElementNS and textContent: no HTML from data.


/**
 * @typedef {{ path: string, code: string, severity?: string, message: string, hint?: string | null }} Diagnostic
 * @typedef {{ code: string, message: string, diagnostics: Diagnostic[] }} WidgetError
 * @typedef {{ amount: string, date?: string, product?: string, type?: string, share?: string }} DealSpec
 * @typedef {{ tier: number, from: string, rate: string, retroactive?: boolean }} TierRef
 * @typedef {{ tier: number, from: string, rate: string, creditNeeded: string }} NextTier
 * @typedef {{ componentId: string, componentName: string, before: string, after: string, adds: string,
 *   attainmentBefore?: string, attainmentAfter?: string, tiersCrossed?: TierRef[], gateUnlocked?: string,
 *   capped?: string, nextTier?: NextTier, explanation: string[] }} ComponentEstimate
 * @typedef {{ id: string, amount: string, credit: string, period: string, before: string, after: string,
 *   adds: string, marginalRate?: string | null, blendedRate?: string | null,
 *   components: ComponentEstimate[], explanation: string[] }} DealEstimate
 * @typedef {{ schemaVersion: number, currency: string, payeeId: string, asOf: string,
 *   deals: DealEstimate[], all?: { before: string, after: string, adds: string } }} Estimate
 * @typedef {{ currency: string, period: string, points: Array<{ amount: string, adds: string, after: string }>,
 *   breaks: Array<{ amount: string, componentId: string, tier: number, rate: string }> }} EstimateCurve
 * @typedef {{ estimate(deals: DealSpec[]): Estimate, curve(deal: DealSpec, points: number): EstimateCurve,
 *   free(): void }} Estimator
 */

const DEBOUNCE_MS = 120;
const CURVE_POINTS = 40;
/**
 * Whether an error is the engine's check of the state against what the plan needs (a quota, the
 * target incentive or an input the payee lacks): every diagnostic at `payee.quotas`,
 * `payee.targetIncentive` or `payee.inputs`, its message a sentence for the rep.
 * @param {WidgetError} error
 */
function missingData(error) {
  return error.diagnostics.length > 0 && error.diagnostics.every((d) => /^payee\.(quotas|targetIncentive|inputs)$/.test(d.path));
}

const CURRENCY_DISPLAYS = new Set(['symbol', 'narrowSymbol', 'code', 'name']);
const SVG_NS = 'http://www.w3.org/2000/svg';

const STYLE = `
:host {
  --_accent: var(--spm-accent, #1f55c8);
  --_fg: var(--spm-fg, #1c2330);
  --_bg: var(--spm-bg, #ffffff);
  --_radius: var(--spm-radius, 10px);
  --_muted: color-mix(in srgb, var(--_fg) 68%, var(--_bg));
  --_line: color-mix(in srgb, var(--_fg) 16%, var(--_bg));
  --_soft: color-mix(in srgb, var(--_accent) 9%, var(--_bg));
  --_danger: #b42318;
  display: block;
  color: var(--_fg);
  background: var(--_bg);
  font-family: var(--spm-font, system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif);
  font-size: 15px;
  line-height: 1.45;
  border: 1px solid var(--_line);
  border-radius: var(--_radius);
  box-sizing: border-box;
  max-width: 100%;
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.wrap { container-type: inline-size; padding: 1rem 1.25rem 1.1rem; }
.head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.25rem 1rem; margin-bottom: 0.85rem; }
h2 { margin: 0; font-size: 1.1rem; font-weight: 650; line-height: 1.3; }
.context { margin: 0; color: var(--_muted); font-size: 0.85rem; }
.grid { display: grid; gap: 1rem 1.5rem; }
@container (min-width: 660px) {
  .grid { grid-template-columns: minmax(230px, 0.85fr) minmax(0, 1.6fr); }
  form { border-right: 1px solid var(--_line); padding-right: 1.5rem; }
}
form { display: grid; gap: 0.8rem; align-content: start; }
.row2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr)); gap: 0.8rem; align-items: start; }
.field { display: grid; gap: 0.2rem; min-width: 0; }
.field[hidden] { display: none; }
label { font-weight: 600; font-size: 0.88rem; }
input, select {
  font: inherit; color: inherit; background: var(--_bg);
  width: 100%; min-width: 0; height: 2.5rem; padding: 0.3rem 0.6rem;
  border: 1px solid color-mix(in srgb, var(--_fg) 35%, var(--_bg));
  border-radius: calc(var(--_radius) * 0.6);
}
input[type="date"] { padding-right: 0.35rem; }
input#amount { font-size: 1.15rem; height: 2.75rem; font-variant-numeric: tabular-nums; }
input[aria-invalid="true"] { border-color: var(--_danger); box-shadow: 0 0 0 1px var(--_danger); }
:focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
input:focus-visible, select:focus-visible { outline-offset: 1px; }
.hint { margin: 0; color: var(--_muted); font-size: 0.8rem; }
.field-error { margin: 0; color: var(--_danger); font-size: 0.85rem; font-weight: 600; }
.field-error[hidden] { display: none; }
.results { min-width: 0; }
.status { margin: 0.2rem 0 0.6rem; color: var(--_muted); }
.headline { margin: 0 0 0.6rem; }
.kicker { display: block; color: var(--_muted); font-size: 0.88rem; }
.adds { display: block; font-size: 2.3rem; font-weight: 700; line-height: 1.15; color: var(--_accent);
  font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 5.5rem), 1fr)); gap: 0.5rem 0.75rem; margin: 0 0 0.75rem; }
.figures div { min-width: 0; }
.figures dt { color: var(--_muted); font-size: 0.8rem; }
.figures dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.figures .was { display: block; color: var(--_muted); font-weight: 400; font-size: 0.8rem; }
.notes { list-style: none; margin: 0 0 0.75rem; padding: 0; display: grid; gap: 0.3rem; }
.notes li { padding: 0.35rem 0.6rem; border-radius: calc(var(--_radius) * 0.6); background: var(--_soft);
  border-left: 3px solid var(--_accent); font-size: 0.92rem; }
.notes li[data-kind="next"], .notes li[data-kind="attainment"] { background: transparent; border-left-color: var(--_line); }
.notes li[data-kind="cap"], .notes li[data-kind="none"] { border-left-color: var(--_danger); }
.components { width: 100%; border-collapse: collapse; margin: 0 0 0.75rem; font-size: 0.9rem; }
.components th, .components td { text-align: left; padding: 0.25rem 0.4rem; border-bottom: 1px solid var(--_line); }
.components td.num, .components th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 0 0 0.6rem; }
figcaption { color: var(--_muted); font-size: 0.8rem; margin-bottom: 0.2rem; }
.chart { width: 100%; min-height: 190px; }
.chart svg { display: block; width: 100%; height: 190px; overflow: visible; }
.chart text { font: 11px var(--spm-font, system-ui, sans-serif); fill: var(--_muted); }
.chart .curve { fill: none; stroke: var(--_accent); stroke-width: 2.5; }
.chart .area { fill: var(--_accent); opacity: 0.1; }
.chart .axis { stroke: color-mix(in srgb, var(--_fg) 35%, var(--_bg)); stroke-width: 1; }
.chart .grid-line { stroke: var(--_line); stroke-width: 1; }
.chart .break { stroke: var(--_muted); stroke-width: 1; stroke-dasharray: 4 3; }
.chart .break-label { fill: var(--_fg); font-weight: 600; }
.chart .current { stroke: var(--_fg); stroke-width: 1.5; }
.chart .dot { fill: var(--_accent); stroke: var(--_bg); stroke-width: 2; }
.chart .current-label { fill: var(--_fg); font-weight: 700; }
details { border-top: 1px solid var(--_line); padding-top: 0.5rem; }
summary { cursor: pointer; font-weight: 600; color: var(--_accent); width: fit-content; border-radius: 4px; }
details ol, details ul { margin: 0.4rem 0 0; padding-left: 1.3rem; font-size: 0.9rem; }
details li { margin: 0.15rem 0; }
details .sub { margin: 0.6rem 0 0; font-weight: 600; font-size: 0.9rem; }
.error-box { margin: 0 0 0.8rem; padding: 0.6rem 0.8rem; border: 1px solid var(--_danger); border-radius: calc(var(--_radius) * 0.6);
  background: color-mix(in srgb, var(--_danger) 6%, var(--_bg)); color: var(--_fg); font-size: 0.92rem; }
.error-box[hidden] { display: none; }
.error-box strong { color: var(--_danger); }
.error-box ul { margin: 0.3rem 0 0; padding-left: 1.2rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85em; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
[hidden] { display: none !important; }
@media (prefers-reduced-motion: no-preference) { .adds { transition: color 0.2s; } }
`;

// ---------------------------------------------------------------------------------------------
// Loading (./load.js): the estimator build (pkg/estimator/, the plan engine and the estimator
// only) is fetched and compiled while the rest of this file's modules load; once per page.

const estimatorBuild = loadBuild('estimator');
estimatorBuild.catch(() => {
  /* each element reports the failure when it starts */
});

const [{ compareDecimal, formatMoney, formatPercent, isDecimalString, shiftDecimal }, { el }, { parseAmount }] = await Promise.all([
  import('../lib/format.js'),
  import('../lib/dom.js'),
  import('../lib/amount.js'),
]);

// ---------------------------------------------------------------------------------------------
// Input normalisation: typed text -> decimal strings, by string operations only.

/**
 * Reads a typed amount in the element's locale: the app's one amount reader (www/lib/amount.js),
 * "25,000" -> "25000", "25.000,50" (de) -> "25000.50", "1.2.3" refused with a message. Kept under
 * this name for pages that imported it from the element.
 * @type {(text: string, options?: { locale?: string, currency?: string }) => ({ value: string } | { empty: true } | { error: string })}
 */
export const normaliseAmount = parseAmount;

/**
 * Normalises a split share typed in percent ("50", "50 %", "33,5") to a ratio string ("0.5",
 * "0.335") by moving the decimal point. Empty means the whole deal ("1").
 *
 * @param {string} text
 * @returns {{ value: string } | { error: string }}
 */
export function normaliseShare(text) {
  let t = String(text).replace(/\s/g, '');
  if (t.endsWith('%')) t = t.slice(0, -1);
  if (t === '') return { value: '1' };
  if (!/^\d{1,3}(?:[.,]\d{1,4})?$/.test(t)) return { error: 'Enter your split as a percentage, e.g. 50 (more than 0, at most 100).' };
  t = t.replace(',', '.');
  if (compareDecimal(t, '0') <= 0 || compareDecimal(t, '100') > 0) {
    return { error: 'Your split must be more than 0% and at most 100%.' };
  }
  return { value: shiftDecimal(t, -2) };
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

/** Today as YYYY-MM-DD in the person's time zone. */
function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * Every product and deal type the plan's filters mention (components and measures, all versions),
 * and each component's rate table base ("attainment" or "amount") by id.
 * @param {any} plan The parsed plan JSON.
 */
function planFacts(plan) {
  const products = new Set();
  const types = new Set();
  /** @type {Map<string, string>} */
  const bases = new Map();
  const bodies = Array.isArray(plan?.versions) ? plan.versions : [plan];
  const collect = (filter) => {
    for (const p of Array.isArray(filter?.products) ? filter.products : []) if (typeof p === 'string') products.add(p);
    for (const t of Array.isArray(filter?.types) ? filter.types : []) if (typeof t === 'string') types.add(t);
  };
  for (const body of bodies) {
    for (const c of Array.isArray(body?.components) ? body.components : []) {
      collect(c?.filter);
      if (typeof c?.id === 'string' && typeof c?.rateTable?.base === 'string' && !bases.has(c.id)) bases.set(c.id, c.rateTable.base);
    }
    for (const m of Array.isArray(body?.measures) ? body.measures : []) collect(m?.filter);
  }
  return { products: [...products], types: [...types], bases, name: typeof plan?.name === 'string' ? plan.name : '' };
}

/**
 * An SVG element with attributes and optional text.
 * @param {string} tag
 * @param {Record<string, string | number>} attrs
 * @param {string} [text]
 */
function svgEl(tag, attrs, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * The deal size the chart is drawn up to: a round number a little beyond both the typed amount
 * and the next tier (chart geometry, not money: the engine computes every plotted payout).
 * @param {string} amount
 * @param {number} reach
 */
function chartEnd(amount, reach) {
  const x = Math.max(Number(amount) * 1.25, reach * 1.08, 100);
  const exp = Math.floor(Math.log10(x));
  const unit = 10 ** exp;
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((s) => s * unit >= x) ?? 10;
  return String(Math.round(step * unit));
}

// ---------------------------------------------------------------------------------------------
// The element.

export class SpmEstimator extends HTMLElement {
  static observedAttributes = ['plan', 'state', 'locale', 'currency-display'];

  /** @type {ShadowRoot} */ #root;
  /** @type {Record<string, any>} */ #ui = {};
  /** @type {any} */ #engine = null;
  /** @type {Estimator | null} */ #estimator = null;
  /** @type {{ products: string[], types: string[], bases: Map<string, string>, name: string }} */
  #facts = { products: [], types: [], bases: new Map(), name: '' };
  #currency = 'USD';
  #generation = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */ #timer;
  /** @type {Estimate | null} */ #last = null;
  /** @type {EstimateCurve | null} */ #lastCurve = null;
  /** @type {DealSpec | null} */ #lastDeal = null;
  #initialised = false;
  /** @type {ResizeObserver | null} */ #resize = null;
  #chartWidth = 0;
  #curveToken = 0;
  /** @type {DealSpec | null} the deal #lastCurve was computed for */ #curveDeal = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#build();
  }

  /** The last successful estimate (the `estimate` event's detail), or null. */
  get estimate() {
    return this.#last;
  }

  connectedCallback() {
    if (!this.#estimator && !this.#initialised) {
      this.#initialised = true;
      this.#applyInitialValues();
      // An async script may run before the parser has reached the element's <script slot> children.
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => this.#load(), { once: true });
      else this.#load();
    }
    if (!this.#resize && typeof ResizeObserver !== 'undefined') {
      this.#resize = new ResizeObserver(() => {
        const w = Math.round(this.#ui.chart.clientWidth);
        if (w > 0 && w !== this.#chartWidth && this.#lastCurve) this.#drawChart();
      });
      this.#resize.observe(this.#ui.chart);
    }
  }

  disconnectedCallback() {
    // A move in the document disconnects and reconnects at once: only free what a removal leaves.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.#resize?.disconnect();
      this.#resize = null;
      this.#dispose();
      this.#initialised = false;
    });
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.#initialised) return;
    if (name === 'plan' || name === 'state') this.#load();
    else if (this.#last && this.#lastDeal) this.#render(this.#last, this.#lastCurve, this.#lastDeal);
  }

  /** Runs the estimate now (after the host page changed a field's value, say). */
  refresh() {
    clearTimeout(this.#timer);
    this.#run();
  }

  // -- locale and formatting ------------------------------------------------------------------

  get #locale() {
    return elementLocale(this);
  }

  /** @param {string | null | undefined} amount */
  #money(amount) {
    const display = this.getAttribute('currency-display') ?? 'symbol';
    if (display === 'symbol' || !CURRENCY_DISPLAYS.has(display) || !isDecimalString(amount)) {
      return formatMoney(amount, this.#currency, { locale: this.#locale });
    }
    const currencyDisplay = /** @type {'symbol' | 'narrowSymbol' | 'code' | 'name'} */ (display);
    return new Intl.NumberFormat(this.#locale, { style: 'currency', currency: this.#currency, currencyDisplay })
      .format(/** @type {any} */ (amount));
  }

  /** A short money label for chart axes ("$120K"). @param {string} amount */
  #moneyShort(amount) {
    if (!isDecimalString(amount)) return String(amount);
    return new Intl.NumberFormat(this.#locale, {
      style: 'currency', currency: this.#currency, notation: 'compact', maximumFractionDigits: 1,
    }).format(/** @type {any} */ (amount));
  }

  /** A rate as a percentage with two decimals ("8.00%"), by moving the decimal point. @param {string} rate */
  #rate(rate) {
    if (!isDecimalString(rate)) return String(rate);
    return new Intl.NumberFormat(this.#locale, { style: 'unit', unit: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 })
      .format(/** @type {any} */ (shiftDecimal(rate, 2)));
  }

  /** @param {string | null | undefined} ratio */
  #percent(ratio) {
    return formatPercent(ratio, { locale: this.#locale });
  }

  /** A tier's lower bound in the words of its table: "100%" of quota or "$50,000.00" of credit. */
  #bound(componentId, from) {
    return this.#facts.bases.get(componentId) === 'amount' ? this.#money(from) : this.#percent(from);
  }

  // -- building -------------------------------------------------------------------------------

  #build() {
    adoptStyle(this.#root, STYLE, el);

    const ui = this.#ui;
    const field = (id, labelText, control, hint) => {
      const hintId = `${id}-hint`;
      const errId = `${id}-error`;
      control.id = id;
      control.name = id;
      control.setAttribute('aria-describedby', hint ? `${hintId} ${errId}` : errId);
      const error = el('p', { id: errId, class: 'field-error' });
      error.hidden = true;
      const label = el('label', { for: id }, labelText);
      const wrap = el('div', { class: 'field' }, label, control, hint ? el('p', { id: hintId, class: 'hint' }, hint) : null, error);
      return { wrap, control, error, label };
    };

    ui.amount = field('amount', 'Deal amount', el('input', {
      type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', placeholder: '25,000',
    }), 'Digits, e.g. 25,000 or 25000.50');
    ui.product = field('product', 'Product', el('select'), null);
    ui.type = field('type', 'Deal type', el('select'), null);
    ui.date = field('date', 'Close date', el('input', { type: 'date' }), null);
    ui.share = field('share', 'Your split (%)', el('input', {
      type: 'text', inputmode: 'decimal', autocomplete: 'off', value: '100',
    }), 'Your share of the deal');
    ui.product.wrap.hidden = true;

    ui.form = el('form', { novalidate: '', 'aria-label': 'Deal' },
      ui.amount.wrap,
      el('div', { class: 'row2' }, ui.type.wrap, ui.product.wrap),
      el('div', { class: 'row2' }, ui.date.wrap, ui.share.wrap),
    );

    ui.title = el('h2', { id: 'title' }, 'What would this deal pay?');
    ui.context = el('p', { class: 'context' });
    ui.errorBox = el('div', { class: 'error-box', role: 'alert' });
    ui.errorBox.hidden = true;
    ui.status = el('p', { class: 'status' }, 'Loading the estimator…');

    ui.addsKicker = el('span', { class: 'kicker' }, 'This deal adds');
    ui.adds = el('span', { class: 'adds', 'data-testid': 'adds' });
    ui.headline = el('p', { class: 'headline' }, ui.addsKicker, ui.adds);
    ui.after = el('dd', { 'data-testid': 'after' });
    ui.afterLabel = el('dt', null, 'Period total with it');
    ui.marginal = el('dd', { 'data-testid': 'marginal' });
    ui.blended = el('dd', { 'data-testid': 'blended' });
    ui.figures = el('dl', { class: 'figures' },
      el('div', null, ui.afterLabel, ui.after),
      el('div', null, el('dt', null, 'Marginal rate'), ui.marginal),
      el('div', null, el('dt', null, 'Blended rate'), ui.blended),
    );
    ui.notes = el('ul', { class: 'notes', 'aria-label': 'What the deal changes' });
    ui.components = el('table', { class: 'components' });
    ui.chart = el('div', { class: 'chart', role: 'img', 'aria-label': 'Chart of payout against deal size' });
    ui.chartCaption = el('figcaption', { id: 'chart-caption' }, 'Payout this deal adds, by deal size');
    ui.figure = el('figure', null, ui.chartCaption, ui.chart);
    ui.explanation = el('div', { class: 'explanation', 'data-testid': 'explanation' });
    ui.details = el('details', null, el('summary', null, 'Show the calculation'), ui.explanation);
    ui.output = el('div', { class: 'output' }, ui.headline, ui.figures, ui.notes, ui.components, ui.figure, ui.details);
    ui.output.hidden = true;
    ui.live = el('div', { class: 'sr-only', 'aria-live': 'polite', 'data-testid': 'live' });
    ui.results = el('section', { class: 'results', 'aria-label': 'Estimate', 'aria-busy': 'true' }, ui.errorBox, ui.status, ui.output);

    this.#root.append(el('div', { class: 'wrap' },
      el('div', { class: 'head' }, ui.title, ui.context),
      el('div', { class: 'grid' }, ui.form, ui.results),
      ui.live,
    ));

    const later = () => this.#schedule(DEBOUNCE_MS);
    const now = () => this.#schedule(0);
    ui.amount.control.addEventListener('input', later);
    ui.share.control.addEventListener('input', later);
    ui.product.control.addEventListener('change', now);
    ui.type.control.addEventListener('change', now);
    ui.date.control.addEventListener('change', now);
    ui.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.refresh();
    });
  }

  #applyInitialValues() {
    const amount = this.getAttribute('amount');
    if (amount !== null) this.#ui.amount.control.value = amount;
    const share = this.getAttribute('share');
    if (share !== null) this.#ui.share.control.value = share;
    const date = this.getAttribute('close-date');
    if (date !== null) this.#ui.date.control.value = date;
  }

  /** Fills a select with "any" and the values; keeps the current choice when it is still offered. */
  #fillSelect(select, values, preferred) {
    const previous = select.value;
    select.replaceChildren(el('option', { value: '' }, 'any (not specified)'), ...values.map((v) => el('option', { value: v }, v)));
    const wanted = preferred === 'any' ? '' : preferred;
    select.value = [previous, wanted].find((v) => v && values.includes(v)) ?? (wanted === '' ? '' : values[0] ?? '');
  }

  // -- loading --------------------------------------------------------------------------------

  /**
   * The text of the plan or state: from the attribute's URL, else from a child
   * <script type="application/json" slot="…">, else null.
   * @param {'plan' | 'state'} which
   */
  async #source(which) {
    const url = this.getAttribute(which);
    if (url) {
      let response;
      try {
        response = await fetch(new URL(url, document.baseURI));
      } catch (err) {
        throw { code: 'LOAD_FAILED', message: `The ${which} could not be loaded from ${url}: ${err instanceof Error ? err.message : err}.`, diagnostics: [] };
      }
      if (!response.ok) {
        throw { code: 'LOAD_FAILED', message: `The ${which} could not be loaded from ${url} (HTTP ${response.status}).`, diagnostics: [] };
      }
      return response.text();
    }
    const child = [...this.children].find((c) => c.localName === 'script' && c.getAttribute('slot') === which);
    return child ? child.textContent ?? '' : null;
  }

  async #load() {
    const generation = ++this.#generation;
    this.#dispose();
    this.#ui.results.setAttribute('aria-busy', 'true');
    this.#showStatus('Loading the estimator…');
    try {
      const [wasm, planText, stateText] = await Promise.all([
        loadBuild('estimator').catch((err) => {
          throw loadFailure('estimator', err);
        }),
        this.#source('plan'),
        this.#source('state'),
      ]);
      if (generation !== this.#generation) return;
      if (planText === null) {
        throw { code: 'PLAN_MISSING', message: 'No plan: give the element a plan="URL" attribute or a <script type="application/json" slot="plan"> child.', diagnostics: [] };
      }
      let planJson = null;
      try {
        planJson = JSON.parse(planText);
      } catch {
        /* the engine reports the syntax error with its line and column */
      }
      let state = {};
      if (stateText !== null && stateText.trim() !== '') {
        try {
          state = JSON.parse(stateText);
        } catch (err) {
          throw { code: 'JSON_SYNTAX', message: `The state is not valid JSON: ${err instanceof Error ? err.message : err}.`, diagnostics: [] };
        }
      }
      // "Today" is the close date of a deal without one; the engine needs it when the state has
      // no deals (an unversioned plan has no first day to fall back on).
      if (state && typeof state === 'object' && !Array.isArray(state) && !('asOf' in state)) state = { ...state, asOf: today() };
      const engine = new wasm.PlanEngine(planText);
      let estimator;
      try {
        estimator = engine.estimator(state);
      } catch (err) {
        engine.free();
        throw err;
      }
      this.#engine = engine;
      this.#estimator = estimator;
      this.#currency = typeof engine.currency === 'string' ? engine.currency : planJson?.currency ?? 'USD';
      this.#facts = planFacts(planJson);
      this.#setupForm(/** @type {any} */ (state));
      this.#ui.errorBox.hidden = true;
      this.#run();
    } catch (err) {
      if (generation !== this.#generation) return;
      this.#ui.results.setAttribute('aria-busy', 'false');
      this.#fail(toWidgetError(err, 'LOAD_FAILED'), 'The estimator could not start');
    }
  }

  /** @param {{ asOf?: string, payee?: { name?: string } }} state */
  #setupForm(state) {
    const ui = this.#ui;
    ui.amount.label.textContent = `Deal amount (${this.#currency})`;
    this.#fillSelect(ui.type.control, this.#facts.types, this.getAttribute('type'));
    this.#fillSelect(ui.product.control, this.#facts.products, this.getAttribute('product'));
    ui.type.wrap.hidden = this.#facts.types.length === 0;
    ui.product.wrap.hidden = this.#facts.products.length === 0;
    if (!ui.date.control.value) ui.date.control.value = typeof state.asOf === 'string' ? state.asOf : today();
    const who = typeof state.payee?.name === 'string' ? state.payee.name : '';
    ui.context.textContent = [this.#facts.name, who].filter(Boolean).join(' · ');
  }

  #dispose() {
    clearTimeout(this.#timer);
    try {
      this.#estimator?.free();
      this.#engine?.free();
    } catch {
      /* already freed */
    }
    this.#estimator = null;
    this.#engine = null;
    this.#curveToken += 1;
  }

  // -- estimating -----------------------------------------------------------------------------

  #schedule(ms) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#run(), ms);
  }

  /**
   * Reads the form into a deal, marking each bad field.
   * @returns {{ deal: DealSpec | null, errors: Diagnostic[] }}
   */
  #readDeal() {
    const ui = this.#ui;
    /** @type {Diagnostic[]} */
    const errors = [];
    const mark = (f, message, path) => {
      f.control.setAttribute('aria-invalid', message ? 'true' : 'false');
      f.error.textContent = message ?? '';
      f.error.hidden = !message;
      if (message) errors.push({ path, code: 'INPUT_INVALID', severity: 'error', message, hint: null });
    };
    const amount = parseAmount(ui.amount.control.value, { locale: this.#locale, currency: this.#currency });
    mark(ui.amount, 'error' in amount ? amount.error : null, 'amount');
    const share = normaliseShare(ui.share.control.value);
    mark(ui.share, 'error' in share ? share.error : null, 'share');
    const date = ui.date.control.value;
    mark(ui.date, ui.date.control.validity?.badInput ? 'Choose a real date.' : null, 'date');
    if (errors.length > 0 || !('value' in amount) || !('value' in share)) return { deal: null, errors };
    /** @type {DealSpec} */
    const deal = { amount: amount.value };
    if (date) deal.date = date;
    if (ui.type.control.value) deal.type = ui.type.control.value;
    if (ui.product.control.value) deal.product = ui.product.control.value;
    if (share.value !== '1') deal.share = share.value;
    return { deal, errors };
  }

  #run() {
    if (!this.#estimator) return;
    const { deal, errors } = this.#readDeal();
    this.#ui.results.setAttribute('aria-busy', 'false');
    if (errors.length > 0) {
      this.#ui.output.hidden = true;
      this.#ui.errorBox.hidden = true;
      this.#showStatus('Fix the highlighted field to see an estimate.');
      this.#emitError({ code: 'INPUT_INVALID', message: errors.map((e) => e.message).join(' '), diagnostics: errors });
      return;
    }
    if (deal === null) {
      this.#ui.output.hidden = true;
      this.#ui.errorBox.hidden = true;
      this.#showStatus('Type a deal amount to see what it would pay you.');
      return;
    }
    /** @type {Estimate} */
    let est;
    try {
      // The figures first, without the engine's step-by-step sentences (no sentence code runs
      // before the first answer); the sentences follow with the chart.
      est = this.#estimator.estimate([deal], false);
    } catch (err) {
      this.#ui.output.hidden = true;
      this.#fail(toWidgetError(err, 'INTERNAL'), 'No estimate');
      return;
    }
    this.#ui.errorBox.hidden = true;
    this.#last = est;
    this.#lastDeal = deal;
    this.#render(est, this.#lastCurve, deal);
    this.dispatchEvent(new CustomEvent('estimate', { detail: est, bubbles: true, composed: true }));
    // The chart's curve is 40 more runs of the plan: computed after the figures are on screen and
    // the host page has its event, so the first estimate shows sooner and typing stays smooth.
    const token = ++this.#curveToken;
    setTimeout(() => {
      if (token !== this.#curveToken || !this.#estimator) return;
      try {
        const full = this.#estimator.estimate([deal], true);
        this.#last = full;
        this.#renderExplanation(full);
      } catch {
        /* the figures are shown; the sentences are a bonus */
      }
      const first = est.deals[0];
      const next = first?.components.find((c) => c.nextTier)?.nextTier;
      // How far the next tier is, as a deal size: geometry for the chart's range only.
      const reach = next ? Number(deal.amount) + Number(next.creditNeeded) / Number(deal.share ?? '1') : 0;
      try {
        this.#lastCurve = this.#estimator.curve({ ...deal, amount: chartEnd(deal.amount, reach) }, CURVE_POINTS);
      } catch {
        this.#lastCurve = null; // the estimate above is shown; a chart is a bonus
      }
      this.#curveDeal = deal;
      this.#drawChart();
    }, 0);
  }

  #showStatus(text) {
    this.#ui.status.textContent = text;
    this.#ui.status.hidden = false;
  }

  /** Shows an error in plain words inside the widget and tells the host page. @param {WidgetError} error */
  #fail(error, context) {
    if (missingData(error)) {
      // The plan needs data the rep's state lacks: the engine's sentences say what, in the rep's
      // words; the code stays on the element's `error` event and in data-code for scripts.
      const box = this.#ui.errorBox;
      box.replaceChildren(el('strong', null, 'Your estimate needs data your comp admin has not entered yet:'),
        el('ul', { class: 'missing-data' }, ...error.diagnostics.map((d) => el('li', null, d.message))));
      box.dataset.code = error.code;
      box.hidden = false;
    } else {
      delete this.#ui.errorBox.dataset.code;
      showError(this.#ui.errorBox, error, context, el);
    }
    this.#ui.status.hidden = true;
    this.#emitError(error);
  }

  /** @param {WidgetError} error */
  #emitError(error) {
    this.dispatchEvent(new CustomEvent('error', { detail: error, bubbles: false, composed: false }));
  }

  // -- rendering ------------------------------------------------------------------------------

  /**
   * @param {Estimate} est
   * @param {EstimateCurve | null} curve
   * @param {DealSpec} deal
   */
  #render(est, curve, deal) {
    const ui = this.#ui;
    const d = est.deals[0];
    if (!d) return;
    ui.status.hidden = true;
    ui.output.hidden = false;
    ui.adds.textContent = this.#money(d.adds);
    ui.adds.dataset.amount = d.adds;
    ui.addsKicker.textContent = deal.share
      ? `Your ${this.#percent(deal.share)} share of this deal adds to your ${d.period} payout`
      : `This deal adds to your ${d.period} payout`;
    ui.afterLabel.textContent = `${d.period} total with it`;
    ui.after.replaceChildren(this.#money(d.after), el('span', { class: 'was' }, `was ${this.#money(d.before)}`));
    ui.after.dataset.amount = d.after;
    ui.marginal.textContent = this.#percent(d.marginalRate);
    ui.blended.textContent = this.#percent(d.blendedRate);

    // What changes, component by component.
    const notes = [];
    const many = d.components.length > 1;
    /** @type {string[]} */
    const crossings = [];
    for (const c of d.components) {
      const who = many ? `${c.componentName}: ` : '';
      if (c.attainmentBefore && c.attainmentAfter && compareDecimal(c.attainmentBefore, c.attainmentAfter) !== 0) {
        notes.push(['attainment', `${who}attainment ${this.#percent(c.attainmentBefore)} → ${this.#percent(c.attainmentAfter)}`]);
      }
      for (const t of c.tiersCrossed ?? []) {
        const text = `crosses tier ${t.tier} (${this.#rate(t.rate)}) at ${this.#bound(c.componentId, t.from)}`;
        crossings.push(text);
        notes.push(['crossed', `${who}${many ? text : text.charAt(0).toUpperCase() + text.slice(1)}${t.retroactive ? ', re-rating the credit below it' : ''}`]);
      }
      if (c.gateUnlocked) notes.push(['gate', `${who}${c.gateUnlocked}`]);
      if (c.capped && compareDecimal(c.capped, '0') > 0) {
        notes.push(['cap', `${who}a cap takes ${this.#money(c.capped)} off what this deal would add`]);
      }
      if (c.nextTier) {
        const n = c.nextTier;
        notes.push(['next', `${who}${this.#money(n.creditNeeded)} more to reach tier ${n.tier} (${this.#rate(n.rate)}) at ${this.#bound(c.componentId, n.from)}`]);
      }
    }
    if (compareDecimal(d.adds, '0') === 0 && d.components.every((c) => compareDecimal(c.adds, '0') === 0)
      && !d.components.some((c) => c.attainmentBefore !== c.attainmentAfter)) {
      notes.push(['none', 'Nothing in the plan counts this deal as it is: check its type and product.']);
    }
    ui.notes.replaceChildren(...notes.map(([kind, text]) => el('li', { 'data-kind': kind }, text.charAt(0).toUpperCase() + text.slice(1))));
    ui.notes.hidden = notes.length === 0;

    // Per component, when there is more than one.
    if (many) {
      ui.components.replaceChildren(
        el('caption', { class: 'sr-only' }, 'What each component adds'),
        el('thead', null, el('tr', null, el('th', { scope: 'col' }, 'Component'), el('th', { scope: 'col', class: 'num' }, 'Adds'), el('th', { scope: 'col', class: 'num' }, 'With the deal'))),
        el('tbody', null, ...d.components.map((c) => el('tr', { 'data-component-id': c.componentId },
          el('th', { scope: 'row' }, c.componentName), el('td', { class: 'num' }, this.#money(c.adds)), el('td', { class: 'num' }, this.#money(c.after))))),
      );
    }
    ui.components.hidden = !many;

    this.#renderExplanation(est);

    // The curve of an earlier deal stays until this deal's is computed (see #run).
    if (this.#curveDeal === deal) this.#drawChart();

    const sentence = `${deal.share ? `Your ${this.#percent(deal.share)} of a ${this.#money(d.amount)} deal` : `A ${this.#money(d.amount)} deal`}`
      + ` adds ${this.#money(d.adds)} to your ${d.period} payout, for ${this.#money(d.after)} in all`
      + `${crossings.length ? `; it ${crossings.join(' and ')}` : ''}.`;
    if (ui.live.textContent !== sentence) ui.live.textContent = sentence;
  }

  /** The calculation in the engine's words. @param {Estimate} est */
  #renderExplanation(est) {
    const d = est.deals[0];
    if (!d) return;
    const blocks = [];
    if (d.explanation.length > 0) blocks.push(el('ul', null, ...d.explanation.map((s) => el('li', null, s))));
    for (const c of d.components) {
      if (c.explanation.length === 0) continue;
      blocks.push(el('p', { class: 'sub' }, c.componentName), el('ol', null, ...c.explanation.map((s) => el('li', null, s))));
    }
    this.#ui.explanation.replaceChildren(...blocks);
  }

  /** Draws the payout curve as inline SVG at the chart's real width (so text keeps its size). */
  #drawChart() {
    const ui = this.#ui;
    const curve = this.#lastCurve;
    const d = this.#last?.deals[0];
    if (!curve || !d || curve.points.length < 2) {
      ui.figure.hidden = true;
      return;
    }
    ui.figure.hidden = false;
    ui.chart.dataset.amount = d.amount;
    const W = Math.max(260, Math.round(ui.chart.clientWidth) || 560);
    this.#chartWidth = W;
    const H = 190;
    const m = { l: 58, r: 14, t: 26, b: 26 };
    const end = curve.points[curve.points.length - 1].amount;
    const xMax = Number(end) || 1;
    // The highest payout on the curve, or this deal's, labels the top of the axis.
    let top = curve.points.reduce((best, p) => (compareDecimal(p.adds, best) > 0 ? p.adds : best), '0');
    if (compareDecimal(d.adds, top) > 0) top = d.adds;
    const yMax = Number(top) > 0 ? Number(top) : 1;
    const x = (a) => m.l + (Math.min(Number(a), xMax) / xMax) * (W - m.l - m.r);
    const y = (v) => H - m.b - (Math.max(0, Number(v)) / yMax) * (H - m.t - m.b);

    const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, 'aria-hidden': 'true', focusable: 'false' });
    svg.append(
      svgEl('line', { class: 'grid-line', x1: m.l, x2: W - m.r, y1: y(top), y2: y(top) }),
      svgEl('line', { class: 'axis', x1: m.l, x2: W - m.r, y1: y(0), y2: y(0) }),
      svgEl('line', { class: 'axis', x1: m.l, x2: m.l, y1: m.t - 6, y2: y(0) }),
      svgEl('text', { x: m.l - 6, y: y(top) + 4, 'text-anchor': 'end' }, this.#moneyShort(top)),
      svgEl('text', { x: m.l - 6, y: y(0) + 4, 'text-anchor': 'end' }, this.#moneyShort('0')),
      svgEl('text', { x: m.l, y: H - 6, 'text-anchor': 'start' }, this.#moneyShort('0')),
    );
    const pts = curve.points.map((p) => `${x(p.amount).toFixed(1)},${y(p.adds).toFixed(1)}`);
    svg.append(
      svgEl('path', { class: 'area', d: `M${x(0).toFixed(1)},${y(0).toFixed(1)} L${pts.join(' L')} L${x(end).toFixed(1)},${y(0).toFixed(1)} Z` }),
      svgEl('path', { class: 'curve', d: `M${pts.join(' L')}` }),
    );
    // Tier breaks: dashed lines labelled with the tier and its rate (one label per position).
    let lastLabelX = -Infinity;
    for (const b of curve.breaks) {
      const bx = x(b.amount);
      if (Number(b.amount) <= 0 || Number(b.amount) > xMax) continue;
      svg.append(svgEl('line', { class: 'break', x1: bx, x2: bx, y1: m.t - 8, y2: y(0) }));
      if (bx - lastLabelX > 70) {
        const anchor = bx > W - m.r - 60 ? 'end' : 'middle';
        svg.append(svgEl('text', { class: 'break-label', x: bx, y: m.t - 12, 'text-anchor': anchor }, `Tier ${b.tier} · ${this.#rate(b.rate)}`));
        lastLabelX = bx;
      }
    }
    // This deal.
    const cx = x(d.amount);
    svg.append(
      svgEl('line', { class: 'current', x1: cx, x2: cx, y1: y(d.adds), y2: y(0) }),
      svgEl('circle', { class: 'dot', cx, cy: y(d.adds), r: 5 }),
    );
    // Under the axis: this deal's size, and the end of the range when there is room for both.
    const labelX = Math.min(Math.max(cx, m.l + 40), W - m.r - 24);
    if (W - m.r - labelX > 64) svg.append(svgEl('text', { x: W - m.r, y: H - 6, 'text-anchor': 'end' }, this.#moneyShort(end)));
    svg.append(svgEl('text', { class: 'current-label', x: labelX, y: H - 6, 'text-anchor': 'middle' }, this.#moneyShort(d.amount)));
    ui.chart.replaceChildren(svg);

    // The text alternative says what the picture shows.
    const breaks = curve.breaks.filter((b) => Number(b.amount) > 0 && Number(b.amount) <= xMax)
      .map((b) => `tier ${b.tier} (${this.#rate(b.rate)}) starts at a deal of ${this.#money(b.amount)}`);
    const last = curve.points[curve.points.length - 1];
    ui.chart.setAttribute('aria-label',
      `Chart of the payout a deal adds, for deal sizes from ${this.#money('0')} to ${this.#money(end)}. `
      + `${breaks.length ? `${breaks.join('; ')}. `.replace(/^t/, 'T') : 'No tier changes in this range. '}`
      + `This deal, ${this.#money(d.amount)}, adds ${this.#money(d.adds)}; a deal of ${this.#money(last.amount)} would add ${this.#money(last.adds)}.`);
  }
}

if (!customElements.get('spm-estimator')) customElements.define('spm-estimator', SpmEstimator);
