// <spm-leaderboard>: a sales leaderboard, or one rep's scorecard, computed in the page by the

import { loadBuild, loadFailure } from './load.js';
import { adoptStyle, elementLocale, showError, toWidgetError } from './common.js';
// scoring engine (docs/scoring.md): ranks with the declared tie rule, levels, badges with their
// evidence, the ineligible listed apart with the reason, goals and points to the next level.
//
// Embedding (one script tag; the files resolve relative to this script, from any folder or origin;
// README "Embedding" lists what to copy):
//
//   <script type="module" src="/components/spm-leaderboard.js"></script>
//   <spm-leaderboard definitions="/components/demo-scoring.json" roster="/components/demo-roster.json"
//                    events="/components/demo-events.csv" me="r001" limit="5"></spm-leaderboard>
//
//   <spm-leaderboard view="scorecard" rep="r001" definitions="…" roster="…" events="…"></spm-leaderboard>
//
// Attributes
//   definitions  URL of the scoring definitions JSON (relative to the page). Or, instead, a child
//                <script type="application/json" slot="definitions">…</script>.
//   roster       URL of the roster JSON ([{id, name, team, role, hire}]), or a child
//                <script type="application/json" slot="roster">. Optional: without it the reps
//                are the events' payee ids, with no names or teams.
//   events       URL of the events, CSV (header id,payeeId,type,date[,amount][,attr.NAME]) or a
//                JSON array; or a child <script type="text/csv" slot="events"> (or application/json).
//   as-of        YYYY-MM-DD: "today" for standings, badges, goals and windows without a period
//                (overrides the definitions' asOf).
//   board        id of a leaderboard of the definitions (default: the first one).
//   metric       an ad-hoc board instead: "points", "count:TYPE", "amount:TYPE", "kpi:ID",
//                "score:ID" (no eligibility rules); with
//   period       a window label ("2026-03", "2026-Q2", "2026-H1", "2026"); also overrides the
//                window of a declared board;
//   scope        "individual" (default) or "team";
//   ties         "competition" (1224, default), "dense" (1223) or "ordinal" (1234).
//   me           a rep id: its row is highlighted and shown even when it is outside the top rows.
//   limit        how many ranked rows to show (default 10).
//   view         "board" (default) or "scorecard" (one rep's scorecard, points, level, badges,
//                goals and rank on the board: give `rep`).
//   rep          the rep of the scorecard view.
//   currency     ISO 4217 code: show amount metrics as money (default: plain numbers).
//   heading-level  the level of the element's heading, 1–6 (default 2).
//   locale       BCP 47 tag for numbers and dates; default: the nearest `lang`, else the browser's.
//
// Changing any attribute re-renders; changing definitions, roster, events or as-of reloads them
// (a file is fetched once per page: elements on the same URLs share it). `refresh()` fetches the
// files again and reloads (after the host page changed them or a slotted <script>).
//
// Events (CustomEvent on the element)
//   ready  detail = { reps, events, asOf }: the data is loaded and the first view is shown.
//          Bubbles (and crosses shadow roots).
//   rank   detail = the engine's LeaderboardResult, after every render of a board (in the
//          scorecard view: the board the rep's rank is read from). Bubbles.
//   error  detail = { code, message, diagnostics }: a file could not be loaded, the engine
//          refused the definitions, roster or events (every diagnostic with its JSON path or
//          CSV line), the board or rep is unknown. Does not bubble, so a page-wide window
//          "error" handler (crash reporters) never mistakes it for a crash.
//
// Theming (CSS custom properties, set them on the element or any ancestor)
//   --spm-accent   accent colour: the "me" row, chips, bars, focus rings       (default #1f55c8)
//   --spm-font     font family                                                 (default system-ui)
//   --spm-radius   corner radius of the box                                    (default 10px)
//   --spm-bg       background                                                  (default #ffffff)
//   --spm-fg       text colour; borders and muted text are mixed from it       (default #1c2330)
//
// Numbers: points, amounts and scores are decimal strings from the engine, formatted with Intl
// (../lib/format.js); the element never does arithmetic on them and never re-orders what the
// engine ranked. The progress bars are the one place numbers appear (their geometry).
// Everything from the data is put in with textContent: no HTML from data.

/**
 * @typedef {{ path: string, code: string, severity?: string, message: string, hint?: string | null }} Diagnostic
 * @typedef {{ code: string, message: string, diagnostics: Diagnostic[] }} WidgetError
 * @typedef {{ rank?: number, id: string, name: string, value?: string, ineligible?: string }} Entry
 * @typedef {{ id: string, metric: string, from: string, to: string, ties: string, entries: Entry[] }} LeaderboardResult
 */

const VIEWS = new Set(['board', 'scorecard']);
const SCOPES = new Set(['individual', 'team']);
const TIES = new Set(['competition', 'dense', 'ordinal']);
const DEFAULT_LIMIT = 10;
const SOURCES = ['definitions', 'roster', 'events', 'as-of'];

const STYLE = `
:host {
  --_accent: var(--spm-accent, #1f55c8);
  --_fg: var(--spm-fg, #1c2330);
  --_bg: var(--spm-bg, #ffffff);
  --_radius: var(--spm-radius, 10px);
  --_muted: color-mix(in srgb, var(--_fg) 66%, var(--_bg));
  --_line: color-mix(in srgb, var(--_fg) 14%, var(--_bg));
  --_soft: color-mix(in srgb, var(--_accent) 10%, var(--_bg));
  --_danger: #b42318;
  --_ok: #1b7a45;
  --_warn: #9a5b00;
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
  min-width: 0;
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.wrap { container-type: inline-size; padding: 1rem 1.15rem 1.05rem; }
.head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.2rem 1rem; margin-bottom: 0.7rem; }
.title { margin: 0; font-size: 1.1rem; font-weight: 650; line-height: 1.3; overflow-wrap: anywhere; }
.context { margin: 0; color: var(--_muted); font-size: 0.85rem; }
.status { margin: 0.2rem 0; color: var(--_muted); }
table { width: 100%; border-collapse: collapse; font-size: 0.92rem; }
caption { text-align: left; color: var(--_muted); font-size: 0.82rem; padding-bottom: 0.3rem; }
th, td { text-align: left; padding: 0.4rem 0.45rem; border-bottom: 1px solid var(--_line); vertical-align: middle; }
thead th { font-size: 0.78rem; font-weight: 600; color: var(--_muted); text-transform: uppercase; letter-spacing: 0.03em; }
tbody th { font-weight: 600; overflow-wrap: break-word; }
table.board th.name { min-width: 9rem; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.rank { width: 3.2rem; font-weight: 700; font-variant-numeric: tabular-nums; white-space: nowrap; }
.tie { color: var(--_muted); font-weight: 400; font-size: 0.8em; margin-left: 0.15em; }
tr.me { background: var(--_soft); }
tr.me th, tr.me td { border-bottom-color: color-mix(in srgb, var(--_accent) 35%, var(--_bg)); }
tr.me td.rank { box-shadow: inset 3px 0 0 var(--_accent); }
tr.gap td { text-align: center; color: var(--_muted); padding: 0.1rem; letter-spacing: 0.3em; }
.you { display: inline-block; margin-left: 0.4rem; padding: 0 0.4rem; border-radius: 999px; font-size: 0.72rem; font-weight: 700;
  background: var(--_accent); color: var(--_bg); vertical-align: 0.1em; }
.chips { display: flex; flex-wrap: wrap; gap: 0.25rem; }
.chip { display: inline-block; padding: 0.05rem 0.5rem; border-radius: 999px; font-size: 0.78rem; line-height: 1.5;
  border: 1px solid color-mix(in srgb, var(--_accent) 30%, var(--_bg)); background: var(--_soft); color: var(--_fg); white-space: nowrap; }
.chip.level { font-weight: 650; border-color: var(--_line); background: transparent; }
.chip.level[data-level-index="1"] { background: color-mix(in srgb, #8a8f98 16%, var(--_bg)); }
.chip.level[data-level-index="2"] { background: color-mix(in srgb, #c99a06 20%, var(--_bg)); }
.chip.level[data-level-index="3"] { background: color-mix(in srgb, #6b5bd2 16%, var(--_bg)); }
.chip.badge::before { content: "★ "; content: "★ " / ""; color: var(--_accent); }
.chip.status-done { border-color: var(--_ok); color: var(--_ok); background: transparent; }
.chip.status-onTrack { border-color: var(--_accent); background: transparent; }
.chip.status-atRisk { border-color: var(--_warn); color: var(--_warn); background: transparent; }
.chip.status-missed { border-color: var(--_danger); color: var(--_danger); background: transparent; }
.muted { color: var(--_muted); }
.foot { margin: 0.55rem 0 0; color: var(--_muted); font-size: 0.8rem; }
details { margin-top: 0.6rem; }
summary { cursor: pointer; font-weight: 600; color: var(--_accent); width: fit-content; border-radius: 4px; }
details ul { margin: 0.35rem 0 0; padding-left: 1.2rem; font-size: 0.9rem; }
details li { margin: 0.15rem 0; }
details li.me { font-weight: 650; }
.reason { color: var(--_muted); }
:focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
.error-box { margin: 0 0 0.6rem; padding: 0.6rem 0.8rem; border: 1px solid var(--_danger); border-radius: calc(var(--_radius) * 0.6);
  background: color-mix(in srgb, var(--_danger) 6%, var(--_bg)); font-size: 0.92rem; overflow-wrap: anywhere; }
.error-box strong { color: var(--_danger); }
.error-box ul { margin: 0.3rem 0 0; padding-left: 1.2rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85em; }
.note { margin: 0.3rem 0; padding: 0.5rem 0.7rem; border-left: 3px solid var(--_line); color: var(--_fg); }
/* Scorecard view. */
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr)); gap: 0.6rem; margin: 0 0 0.9rem; }
.card { margin: 0; padding: 0.6rem 0.75rem; border: 1px solid var(--_line); border-radius: calc(var(--_radius) * 0.7); min-width: 0; }
.card dt { color: var(--_muted); font-size: 0.76rem; text-transform: uppercase; letter-spacing: 0.04em; }
.card dd { margin: 0.15rem 0 0; font-size: 1.35rem; font-weight: 700; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.card dd.accent { color: var(--_accent); }
.card .sub { display: block; font-size: 0.8rem; font-weight: 400; color: var(--_muted); line-height: 1.35; margin-top: 0.15rem; }
h3.sec, h4.sec, h5.sec, h6.sec, p.sec { margin: 0.9rem 0 0.35rem; font-size: 0.82rem; color: var(--_muted); text-transform: uppercase; letter-spacing: 0.04em; font-weight: 650; }
progress { display: block; width: 100%; height: 0.55rem; margin: 0.35rem 0 0.1rem; appearance: none; border: 0; border-radius: 999px;
  background: var(--_line); overflow: hidden; }
progress::-webkit-progress-bar { background: var(--_line); border-radius: 999px; }
progress::-webkit-progress-value { background: var(--_accent); border-radius: 999px; }
progress::-moz-progress-bar { background: var(--_accent); border-radius: 999px; }
td progress { min-width: 4rem; margin: 0.15rem 0; }
.badges { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.4rem; }
.badges li { display: grid; grid-template-columns: auto 1fr; gap: 0.1rem 0.6rem; align-items: baseline; padding: 0.45rem 0.6rem;
  border: 1px solid var(--_line); border-radius: calc(var(--_radius) * 0.6); }
.badges .when { color: var(--_muted); font-size: 0.82rem; white-space: nowrap; }
.badges .why { grid-column: 1 / -1; font-size: 0.88rem; color: var(--_muted); }
.sentence { display: block; font-size: 0.82rem; color: var(--_muted); font-weight: 400; }
.scroll { overflow-x: auto; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
[hidden] { display: none !important; }
/* Narrow boxes (a phone, a sidebar): a board row becomes two lines, level and badges under the name. */
@container (max-width: 479px) {
  table.board thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  table.board tr:not(.gap) { display: grid; grid-template-columns: 2.6rem minmax(0, 1fr) auto; border-bottom: 1px solid var(--_line); }
  table.board tr.gap { display: block; }
  table.board tr.gap td { display: block; }
  table.board th, table.board td { border-bottom: 0; }
  table.board td.rank { grid-row: span 2; width: auto; }
  table.board td.level, table.board td.badges { grid-column: 2 / -1; padding-top: 0; }
  table.board td.level:empty { display: none; }
  .wrap { padding: 0.8rem 0.75rem; }
}
/* Narrow boxes: a KPI or goal row becomes a block, the figures under the name with their labels. */
@container (max-width: 559px) {
  table.kpis thead, table.goals thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  table.kpis tr, table.goals tr { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); border-bottom: 1px solid var(--_line); }
  table.goals tr { grid-template-columns: minmax(0, 1.3fr) minmax(0, 1fr) minmax(0, 1fr); }
  table.kpis tbody th, table.goals tbody th { grid-column: 1 / -1; padding-bottom: 0.1rem; }
  table.kpis tfoot th { grid-column: 1 / 4; }
  table.kpis th, table.kpis td, table.goals th, table.goals td { border-bottom: 0; }
  table.kpis td, table.goals td { text-align: left; white-space: normal; }
  table.kpis td[data-label]::before, table.goals td[data-label]::before { content: attr(data-label); display: block;
    font-size: 0.7rem; color: var(--_muted); text-transform: uppercase; letter-spacing: 0.03em; }
}
`;

// ---------------------------------------------------------------------------------------------
// Loading (./load.js): the leaderboard build (pkg/leaderboard/, scoring only) is fetched and
// compiled while the rest of this file's modules load; once per page.

function loadEngine() {
  return loadBuild('leaderboard');
}

loadEngine().catch(() => {
  /* each element reports the failure when it starts */
});

const [{ formatDecimal, formatMoney, formatPercent, isDecimalString }, { el }] = await Promise.all([
  import('../lib/format.js'),
  import('../lib/dom.js'),
]);

// ---------------------------------------------------------------------------------------------
// Small helpers.

/** @param {string} code @param {string} message @param {string} [path] @returns {WidgetError} */
function problem(code, message, path) {
  return { code, message, diagnostics: path ? [{ path, code, severity: 'error', message, hint: null }] : [] };
}

const isDate = (s) => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s);
const asArray = (v) => (Array.isArray(v) ? v : []);
const str = (v) => (typeof v === 'string' ? v : '');

/**
 * The texts fetched, by absolute URL, shared by every element of the page: three boards on the
 * same files fetch them once, and a new as-of date re-reads them without the network.
 * `refresh()` forgets an element's files. @type {Map<string, Promise<string>>}
 */
const texts = new Map();

/** A decimal string as a Number, for bar geometry only (never for a figure shown). */
const geometry = (v) => (isDecimalString(v) ? Number(v) : 0);

// ---------------------------------------------------------------------------------------------
// The element.

export /** A team's label: its name, with "Team" in front unless the name starts with it already. */
const teamLabel = (name) => (/^team\b/i.test(String(name)) ? String(name) : `Team ${name}`);

class SpmLeaderboard extends HTMLElement {
  static observedAttributes = [
    'definitions', 'roster', 'events', 'as-of', 'board', 'metric', 'period', 'scope', 'ties', 'me', 'limit',
    'view', 'rep', 'locale', 'currency', 'heading-level',
  ];

  /** @type {ShadowRoot} */ #root;
  /** @type {Record<string, HTMLElement>} */ #ui = {};
  /** @type {any} */ #model = null;
  /** The parsed definitions (names, weights, levels, goal due days). @type {any} */ #defs = null;
  /** Roster entries by id. @type {Map<string, any>} */ #roster = new Map();
  /** @type {any} */ #report = null;
  /** @type {LeaderboardResult | null} */ #last = null;
  #generation = 0;
  #initialised = false;
  #renderQueued = false;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    adoptStyle(this.#root, STYLE, el);
    const ui = this.#ui;
    ui.title = el('div', { class: 'title', role: 'heading', 'aria-level': '2', id: 'title' }, 'Leaderboard');
    ui.context = el('p', { class: 'context', id: 'context' });
    ui.errorBox = el('div', { class: 'error-box', role: 'alert', 'data-testid': 'error' });
    ui.errorBox.hidden = true;
    ui.status = el('p', { class: 'status', role: 'status' }, 'Loading the leaderboard…');
    ui.body = el('div', { class: 'body', 'aria-busy': 'true' });
    // What changed, in one sentence, for screen readers (the tables are not re-read on each change).
    ui.live = el('p', { class: 'sr-only', 'aria-live': 'polite', 'data-testid': 'live' });
    this.#root.append(el('section', { class: 'wrap', 'aria-labelledby': 'title' },
      el('div', { class: 'head' }, ui.title, ui.context),
      ui.errorBox, ui.status, ui.body, ui.live));
  }

  /** The last leaderboard shown (the `rank` event's detail), or null. */
  get result() {
    return this.#last;
  }

  connectedCallback() {
    if (this.#initialised) return;
    this.#initialised = true;
    // A script may run before the parser has reached the element's <script slot> children.
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => this.#load(), { once: true });
    else this.#load();
  }

  disconnectedCallback() {
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.#dispose();
      this.#generation += 1;
      this.#initialised = false;
    });
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.#initialised) return;
    if (SOURCES.includes(name)) this.#load();
    else this.#queueRender();
  }

  /** Reloads the definitions, roster and events (after the host page changed a slotted script). */
  refresh() {
    for (const which of ['definitions', 'roster', 'events']) {
      const url = this.getAttribute(which);
      if (url) texts.delete(new URL(url, document.baseURI).href);
    }
    if (this.#initialised) this.#load();
  }

  // -- formatting -----------------------------------------------------------------------------

  get #locale() {
    return elementLocale(this);
  }

  /** @param {string | undefined} v @param {number} [digits] */
  #num(v, digits = 6) {
    return formatDecimal(v, { locale: this.#locale, maximumFractionDigits: digits });
  }

  #day(iso) {
    if (!isDate(iso)) return iso ?? '—';
    const d = new Date(`${iso}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? iso
      : new Intl.DateTimeFormat(this.#locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
  }

  #span(from, to) {
    if (!isDate(from) || !isDate(to)) return `${from ?? ''} – ${to ?? ''}`;
    try {
      const f = new Intl.DateTimeFormat(this.#locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
      return f.formatRange(new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`));
    } catch {
      return `${this.#day(from)} – ${this.#day(to)}`;
    }
  }

  /** "10th" in English, "10." style elsewhere is left to the number: "no. 10". */
  #ordinal(n) {
    const loc = this.#locale ?? 'en';
    if (!/^en\b/i.test(loc)) return `no. ${new Intl.NumberFormat(loc).format(n)}`;
    const rule = new Intl.PluralRules('en', { type: 'ordinal' }).select(n);
    return `${n}${{ one: 'st', two: 'nd', few: 'rd' }[rule] ?? 'th'}`;
  }

  #kpi(id) {
    return asArray(this.#defs?.kpis).find((k) => k?.id === id) ?? null;
  }

  /** What a metric is called in a column head: "Points", "Deal amount", "Revenue won". */
  #metricLabel(metric) {
    const [kind, arg = ''] = String(metric).split(/:(.*)/s);
    const type = arg ? arg.charAt(0).toUpperCase() + arg.slice(1) : '';
    if (kind === 'points') return 'Points';
    if (kind === 'count') return `${type}s`;
    if (kind === 'amount') return `${type} amount`;
    if (kind === 'kpi') return str(this.#kpi(arg)?.name) || arg;
    if (kind === 'score') return str(asArray(this.#defs?.scorecards).find((s) => s?.id === arg)?.name) || `Score (${arg})`;
    return String(metric);
  }

  /** A metric's value as text: money for amounts when `currency` is set, percent for ratios. */
  #value(metric, v) {
    if (v === undefined || v === null) return '—';
    const [kind, arg = ''] = String(metric).split(/:(.*)/s);
    const currency = this.getAttribute('currency');
    const kpi = kind === 'kpi' ? this.#kpi(arg) : null;
    if (kpi?.kind === 'ratio' || kpi?.kind === 'planAttainment') return formatPercent(v, { locale: this.#locale, maximumFractionDigits: 1 });
    if ((kind === 'amount' || kpi?.kind === 'sum' || kpi?.kind === 'planCredit') && currency && /^[A-Z]{3}$/.test(currency)) {
      try {
        return formatMoney(v, currency, { locale: this.#locale, maximumFractionDigits: 0 });
      } catch {
        /* an unknown currency: plain number */
      }
    }
    return this.#num(v, kind === 'score' ? 6 : 2);
  }

  // -- loading --------------------------------------------------------------------------------

  /**
   * The text of a source: from the attribute's URL, else from a child
   * <script slot="…">, else null.
   * @param {'definitions' | 'roster' | 'events'} which
   */
  async #source(which) {
    const url = this.getAttribute(which);
    if (url) {
      const href = new URL(url, document.baseURI).href;
      let text = texts.get(href);
      if (!text) {
        text = (async () => {
          let response;
          try {
            response = await fetch(href);
          } catch (err) {
            throw problem('LOAD_FAILED', `The ${which} could not be loaded from ${url}: ${err instanceof Error ? err.message : err}.`, which);
          }
          if (!response.ok) throw problem('LOAD_FAILED', `The ${which} could not be loaded from ${url} (HTTP ${response.status}).`, which);
          return response.text();
        })();
        texts.set(href, text);
        text.catch(() => texts.delete(href));
      }
      return text;
    }
    const child = [...this.children].find((c) => c.localName === 'script' && c.getAttribute('slot') === which);
    return child ? child.textContent ?? '' : null;
  }

  #dispose() {
    try {
      this.#model?.free();
    } catch {
      /* already freed */
    }
    this.#model = null;
    this.#report = null;
  }

  async #load() {
    const generation = ++this.#generation;
    this.#ui.body.setAttribute('aria-busy', 'true');
    this.#ui.errorBox.hidden = true;
    this.#showStatus('Loading the leaderboard…');
    try {
      const [engine, defsText, rosterText, eventsText] = await Promise.all([
        loadEngine().catch((err) => {
          throw loadFailure('leaderboard', err);
        }),
        this.#source('definitions'),
        this.#source('roster'),
        this.#source('events'),
      ]);
      if (generation !== this.#generation) return;
      if (defsText === null) {
        throw problem('DEFINITIONS_MISSING', 'No scoring definitions: give the element a definitions="URL" attribute or a <script type="application/json" slot="definitions"> child.', 'definitions');
      }
      if (eventsText === null) {
        throw problem('EVENTS_MISSING', 'No events: give the element an events="URL" attribute (CSV or JSON) or a <script slot="events"> child.', 'events');
      }
      let defs = null;
      try {
        defs = JSON.parse(defsText);
      } catch {
        /* the engine reports the syntax error with its line and column */
      }
      let defsForEngine = defsText;
      const asOf = this.getAttribute('as-of');
      if (asOf && defs && typeof defs === 'object' && !Array.isArray(defs)) {
        if (!isDate(asOf)) throw problem('DATE_INVALID', `as-of="${asOf}" is not a date: write it as YYYY-MM-DD.`, 'as-of');
        defs = { ...defs, asOf };
        defsForEngine = JSON.stringify(defs);
      }
      const rosterGiven = rosterText !== null && rosterText.trim() !== '';
      const model = new engine.ScoringModel(defsForEngine, rosterGiven ? rosterText : null, eventsText);
      if (generation !== this.#generation) {
        model.free();
        return;
      }
      this.#dispose();
      this.#model = model;
      this.#defs = defs;
      this.#roster = new Map();
      if (rosterGiven) {
        try {
          for (const r of asArray(JSON.parse(rosterText))) if (typeof r?.id === 'string') this.#roster.set(r.id, r);
        } catch {
          /* the engine accepted it, so it parses */
        }
      }
      this.#report = model.report();
      if (this.#render()) {
        this.dispatchEvent(new CustomEvent('ready', {
          detail: { reps: model.reps, events: model.events, asOf: this.#report.asOf }, bubbles: true, composed: true,
        }));
      }
    } catch (err) {
      if (generation !== this.#generation) return;
      this.#dispose();
      this.#ui.body.replaceChildren();
      this.#fail(toWidgetError(err, 'LOAD_FAILED'), 'The leaderboard could not be shown');
    }
  }

  #showStatus(text) {
    this.#ui.status.textContent = text;
    this.#ui.status.hidden = false;
  }

  /** Shows an error in plain words inside the element and tells the host page. @param {WidgetError} error */
  #fail(error, context) {
    showError(this.#ui.errorBox, error, context, el);
    this.#ui.status.hidden = true;
    this.#ui.body.setAttribute('aria-busy', 'false');
    this.dispatchEvent(new CustomEvent('error', { detail: error, bubbles: false, composed: false }));
  }

  // -- rendering ------------------------------------------------------------------------------

  #queueRender() {
    if (!this.#model || this.#renderQueued) return;
    this.#renderQueued = true;
    // Several attributes set one after the other render once.
    queueMicrotask(() => {
      this.#renderQueued = false;
      if (this.#model) this.#render();
    });
  }

  /** The heading level asked for (1–6). */
  get #level() {
    const n = Number(this.getAttribute('heading-level'));
    return Number.isInteger(n) && n >= 1 && n <= 6 ? n : 2;
  }

  /** The board spec to ask the engine for: a declared board, or an ad-hoc one from the attributes. */
  #boardSpec() {
    const boards = asArray(this.#defs?.leaderboards);
    const wanted = this.getAttribute('board');
    const metric = this.getAttribute('metric');
    /** @type {any} */
    let spec;
    if (metric) {
      spec = { id: wanted || 'custom', metric };
    } else if (wanted) {
      spec = boards.find((b) => b?.id === wanted);
      if (!spec) {
        const known = boards.map((b) => b?.id).filter((x) => typeof x === 'string');
        throw problem('UNKNOWN_REFERENCE', `There is no leaderboard "${wanted}" in the definitions${known.length ? ` (there are: ${known.join(', ')})` : ''}.`, 'board');
      }
      spec = { ...spec };
    } else if (boards.length > 0) {
      spec = { ...boards[0] };
    } else {
      throw problem('BOARD_MISSING', 'The definitions declare no leaderboard: add one under "leaderboards", or give the element a metric attribute (e.g. metric="points").', 'leaderboards');
    }
    const period = this.getAttribute('period');
    if (period) spec.window = { period };
    const scope = this.getAttribute('scope');
    if (scope) {
      if (!SCOPES.has(scope)) throw problem('INPUT_INVALID', `scope="${scope}" is not "individual" or "team".`, 'scope');
      spec.scope = scope;
    }
    const ties = this.getAttribute('ties');
    if (ties) {
      if (!TIES.has(ties)) throw problem('INPUT_INVALID', `ties="${ties}" is not "competition", "dense" or "ordinal".`, 'ties');
      spec.ties = ties;
    }
    return spec;
  }

  /** Renders the current view; false (with the error shown) when it cannot. */
  #render() {
    const ui = this.#ui;
    ui.title.setAttribute('aria-level', String(this.#level));
    try {
      const view = VIEWS.has(this.getAttribute('view') ?? '') ? this.getAttribute('view') : 'board';
      const spec = this.#boardSpec();
      const result = /** @type {LeaderboardResult} */ (this.#model.leaderboard(spec));
      ui.errorBox.hidden = true;
      ui.status.hidden = true;
      ui.body.setAttribute('aria-busy', 'false');
      this.#last = result;
      if (view === 'scorecard') {
        const missing = this.#renderScorecard(spec, result);
        if (missing) {
          // Not a failure of the data: a note in the box, and the host page is told.
          this.dispatchEvent(new CustomEvent('error', { detail: missing, bubbles: false, composed: false }));
          return true;
        }
      } else {
        this.#renderBoard(spec, result);
      }
      this.dispatchEvent(new CustomEvent('rank', { detail: result, bubbles: true, composed: true }));
      return true;
    } catch (err) {
      ui.body.replaceChildren();
      this.#fail(toWidgetError(err, 'INTERNAL'), this.getAttribute('view') === 'scorecard' ? 'The scorecard could not be shown' : 'The leaderboard could not be shown');
      return false;
    }
  }

  /** Badges held by `holder`, in the order earned. */
  #badgesOf(holder) {
    return asArray(this.#report?.badges).filter((b) => b.holder === holder);
  }

  #badgeName(id) {
    return str(asArray(this.#defs?.badges).find((b) => b?.id === id)?.name) || id;
  }

  #standing(id) {
    return asArray(this.#report?.standings).find((s) => s.id === id) ?? null;
  }

  /** The index of a level in the definitions (for its colour), by name. */
  #levelIndex(name) {
    return asArray(this.#defs?.levels).findIndex((l) => l?.name === name);
  }

  /** A level chip with the points and what is still needed in its title. */
  #levelChip(id) {
    const s = this.#standing(id);
    if (!s?.level) return null;
    const chip = el('span', { class: 'chip level', 'data-level': s.level, 'data-level-index': String(this.#levelIndex(s.level)) }, s.level);
    chip.title = s.nextLevel
      ? `${this.#num(s.points, 2)} points; ${this.#num(s.toNext, 2)} more to ${s.nextLevel}`
      : `${this.#num(s.points, 2)} points; the top level`;
    return chip;
  }

  /** Badge chips: the name, and the day and the evidence sentence as the title (and for screen readers). */
  #badgeChips(holder) {
    const badges = this.#badgesOf(holder);
    if (badges.length === 0) return null;
    return el('span', { class: 'chips' }, ...badges.map((b) => {
      const chip = el('span', { class: 'chip badge', 'data-badge': b.badge }, this.#badgeName(b.badge),
        el('span', { class: 'sr-only' }, `, earned ${this.#day(b.date)}: ${b.sentence}`));
      chip.title = `${this.#day(b.date)}: ${b.sentence}`;
      return chip;
    }));
  }

  /**
   * @param {any} spec
   * @param {LeaderboardResult} result
   */
  #renderBoard(spec, result) {
    const ui = this.#ui;
    const team = spec.scope === 'team';
    const me = this.getAttribute('me');
    const limitAttr = Number(this.getAttribute('limit') ?? DEFAULT_LIMIT);
    const limit = Number.isInteger(limitAttr) && limitAttr > 0 ? limitAttr : DEFAULT_LIMIT;
    const name = str(spec.name) || `${this.#metricLabel(spec.metric)}${team ? ' by team' : ''}`;
    ui.title.textContent = name;
    ui.context.textContent = this.#span(result.from, result.to);

    const ranked = result.entries.filter((e) => e.rank !== undefined && e.rank !== null);
    const unranked = result.entries.filter((e) => e.rank === undefined || e.rank === null);
    /** How many entrants hold each rank, to mark ties. */
    const holders = new Map();
    for (const e of ranked) holders.set(e.rank, (holders.get(e.rank) ?? 0) + 1);

    const row = (e) => {
      const tied = (holders.get(e.rank) ?? 0) > 1;
      const rank = el('td', { class: 'rank', 'data-rank': String(e.rank) }, String(e.rank));
      if (tied) {
        rank.append(el('span', { class: 'tie', 'aria-hidden': 'true' }, '='), el('span', { class: 'sr-only' }, ' (tied)'));
        rank.title = `Tied for ${this.#ordinal(e.rank)}`;
      }
      const isMe = e.id === me;
      const tr = el('tr', { 'data-id': e.id, class: isMe ? 'me' : '' },
        rank,
        el('th', { scope: 'row', class: 'name' }, e.name, isMe ? el('span', { class: 'you' }, 'you') : null),
        el('td', { class: 'num value', 'data-value': e.value ?? '' }, this.#value(result.metric, e.value)));
      if (isMe) tr.setAttribute('aria-current', 'true');
      if (!team) tr.append(el('td', { class: 'level' }, this.#levelChip(e.id)));
      tr.append(el('td', { class: 'badges' }, this.#badgeChips(e.id)));
      return tr;
    };

    const shown = ranked.slice(0, limit);
    const rows = shown.map(row);
    const meEntry = me ? ranked.find((e) => e.id === me) : undefined;
    const meOutside = meEntry !== undefined && !shown.includes(meEntry);
    const cols = team ? 4 : 5;
    if (meOutside) {
      rows.push(el('tr', { class: 'gap', 'aria-hidden': 'true' }, el('td', { colspan: String(cols) }, '⋯')));
      rows.push(row(meEntry));
    }
    const head = el('tr', null,
      el('th', { scope: 'col' }, 'Rank'),
      el('th', { scope: 'col' }, team ? 'Team' : 'Name'),
      el('th', { scope: 'col', class: 'num' }, this.#metricLabel(result.metric)));
    if (!team) head.append(el('th', { scope: 'col' }, 'Level'));
    head.append(el('th', { scope: 'col' }, 'Badges'));
    const tieWords = { competition: 'equal values share a rank, the next rank skips', dense: 'equal values share a rank, the next follows', ordinal: 'ties broken by the rules' };
    const table = ranked.length > 0
      ? el('div', { class: 'scroll' }, el('table', { class: 'board', 'data-board': result.id },
        el('caption', { class: 'sr-only' }, `${name}, ${this.#span(result.from, result.to)}: ${tieWords[result.ties] ?? result.ties}`),
        el('thead', null, head),
        el('tbody', null, ...rows)))
      : el('p', { class: 'note' }, 'Nobody is ranked on this board yet.');

    const parts = [table];
    parts.push(el('p', { class: 'foot' },
      `${ranked.length > shown.length ? `Top ${shown.length} of ${ranked.length} ranked` : `${ranked.length} ranked`}`
      + ` · ${result.ties === 'dense' ? 'ties share a rank (1, 2, 2, 3)' : result.ties === 'ordinal' ? 'ties broken (1, 2, 3, 4)' : 'ties share a rank (1, 2, 2, 4)'}`
      + ` · as of ${this.#day(this.#report?.asOf)}`));
    if (unranked.length > 0) {
      const meUnranked = unranked.some((e) => e.id === me);
      const details = el('details', { class: 'unranked' },
        el('summary', null, `Not ranked (${unranked.length})`),
        el('ul', null, ...unranked.map((e) => el('li', { 'data-id': e.id, class: e.id === me ? 'me' : '' },
          e.name, e.id === me ? ' (you)' : '', el('span', { class: 'reason' }, ` — ${e.ineligible ?? 'not ranked'}`)))));
      if (meUnranked) details.open = true;
      parts.push(details);
    }
    ui.body.replaceChildren(...parts);
    const first = ranked[0];
    const mine = me ? result.entries.find((e) => e.id === me) : undefined;
    ui.live.textContent = [
      `${name}: ${ranked.length} ranked`,
      first ? `first ${first.name} with ${this.#value(result.metric, first.value)}` : '',
      mine ? (mine.rank !== undefined && mine.rank !== null
        ? `you are ${this.#ordinal(mine.rank)} with ${this.#value(result.metric, mine.value)}`
        : `you are not ranked: ${mine.ineligible ?? ''}`) : '',
    ].filter(Boolean).join('; ') + '.';
  }

  /**
   * One rep's scorecard, points, level, badges, goals and rank; the problem when the rep has none.
   * @param {any} spec
   * @param {LeaderboardResult} result
   * @returns {WidgetError | null}
   */
  #renderScorecard(spec, result) {
    const ui = this.#ui;
    const rep = this.getAttribute('rep') ?? this.getAttribute('me');
    const report = this.#report;
    if (!rep) throw problem('INPUT_INVALID', 'The scorecard view needs a rep: give the element a rep="ID" attribute.', 'rep');
    const standing = this.#standing(rep);
    if (!standing) {
      const missing = problem('UNKNOWN_REFERENCE', `“${rep}” is not on the scoring roster, so there is no scorecard for them.`, 'rep');
      ui.title.textContent = 'Scorecard';
      ui.context.textContent = `as of ${this.#day(report.asOf)}`;
      ui.body.replaceChildren(el('p', { class: 'note', 'data-testid': 'no-scorecard' }, missing.message));
      ui.live.textContent = missing.message;
      return missing;
    }
    const who = this.#roster.get(rep);
    const name = str(who?.name) || rep;
    ui.title.textContent = name;
    const teamId = str(who?.team);
    const teamName = teamId ? teamLabel(str(this.#roster.get(teamId)?.name) ? this.#roster.get(teamId).name : teamId) : '';
    ui.context.textContent = [teamName, `as of ${this.#day(report.asOf)}`].filter(Boolean).join(' · ');
    const lvl = this.#level;
    const sec = (text) => el(lvl < 6 ? `h${lvl + 1}` : 'p', { class: 'sec' }, text);

    // Cards: score, points and level, rank.
    const card = el('dl', { class: 'cards' });
    const sc = asArray(report.scorecards)[0];
    const scDef = asArray(this.#defs?.scorecards)[0];
    const line = sc ? asArray(sc.reps).find((r) => r.id === rep) : null;
    if (line) {
      card.append(el('div', { class: 'card' }, el('dt', null, str(scDef?.name) || 'Score'),
        el('dd', { class: 'accent', 'data-testid': 'score', 'data-value': line.score }, this.#num(line.score),
          el('span', { class: 'sub' }, `Weighted KPIs, ${this.#span(sc.from, sc.to)}`))));
    }
    const pointsDd = el('dd', { 'data-testid': 'points', 'data-value': standing.points }, this.#num(standing.points, 2));
    const levels = asArray(this.#defs?.levels);
    const at = levels.findIndex((l) => l?.name === standing.level);
    if (standing.level) {
      pointsDd.append(' ', el('span', { class: 'chip level', 'data-level': standing.level, 'data-level-index': String(at) }, standing.level));
    }
    if (standing.nextLevel && at >= 0 && levels[at + 1]) {
      // Bar geometry only: how far from this level's threshold to the next one.
      const lo = geometry(levels[at].threshold);
      const hi = geometry(levels[at + 1].threshold);
      const bar = el('progress', { max: String(Math.max(hi - lo, 1)), value: String(Math.min(Math.max(geometry(standing.points) - lo, 0), hi - lo)),
        'aria-label': `Progress from ${standing.level} to ${standing.nextLevel}` });
      pointsDd.append(bar, el('span', { class: 'sub', 'data-testid': 'to-next', 'data-value': standing.toNext ?? '' },
        `${this.#num(standing.toNext, 2)} points to ${standing.nextLevel}`));
    } else if (standing.level) {
      pointsDd.append(el('span', { class: 'sub', 'data-testid': 'to-next' }, 'The top level'));
    }
    card.append(el('div', { class: 'card' }, el('dt', null, 'Points and level'), pointsDd));

    const ranked = result.entries.filter((e) => e.rank !== undefined && e.rank !== null);
    const mine = result.entries.find((e) => e.id === rep);
    const boardName = str(spec.name) || this.#metricLabel(spec.metric);
    const rankDd = el('dd', { 'data-testid': 'rank', 'data-rank': mine?.rank !== undefined ? String(mine.rank) : '', 'data-of': String(ranked.length) });
    if (mine && mine.rank !== undefined && mine.rank !== null) {
      const tied = ranked.filter((e) => e.rank === mine.rank).length > 1;
      rankDd.append(`${tied ? '=' : ''}${this.#ordinal(mine.rank)} of ${ranked.length}`,
        el('span', { class: 'sub' }, `${boardName}: ${this.#value(result.metric, mine.value)}`));
    } else {
      rankDd.append('Not ranked', el('span', { class: 'sub' }, `${boardName}: ${mine?.ineligible ?? 'not on this board'}`));
    }
    card.append(el('div', { class: 'card' }, el('dt', null, 'Rank'), rankDd));
    const parts = [card];

    // The scorecard's KPI lines.
    if (line && Array.isArray(line.kpis)) {
      const rows = line.kpis.map((k, i) => {
        const def = asArray(scDef?.kpis)[i];
        const target = def?.normalize === 'target' && def.target ? `target ${this.#value(k.metric, def.target)}` : def?.normalize ?? '';
        return el('tr', { 'data-metric': k.metric },
          el('th', { scope: 'row' }, this.#metricLabel(k.metric), el('span', { class: 'sentence' }, [target, def?.cap ? `capped at ${this.#num(def.cap)}` : ''].filter(Boolean).join(', '))),
          el('td', { class: 'num', 'data-col': 'value', 'data-label': 'Value', 'data-value': k.value ?? '' }, this.#value(k.metric, k.value)),
          el('td', { class: 'num', 'data-col': 'normalized', 'data-label': 'Normalized', 'data-value': k.normalized }, this.#num(k.normalized)),
          el('td', { class: 'num', 'data-col': 'weight', 'data-label': 'Weight', 'data-value': str(def?.weight) }, def?.weight ? this.#num(def.weight) : '—'),
          el('td', { class: 'num', 'data-col': 'weighted', 'data-label': 'Weighted', 'data-value': k.weighted }, this.#num(k.weighted)));
      });
      parts.push(sec('Scorecard'), el('div', { class: 'scroll' }, el('table', { class: 'kpis' },
        el('caption', { class: 'sr-only' }, `${str(scDef?.name) || 'Scorecard'}: each KPI's value, normalized, weight and weighted`),
        el('thead', null, el('tr', null,
          el('th', { scope: 'col' }, 'KPI'),
          el('th', { scope: 'col', class: 'num' }, 'Value'),
          el('th', { scope: 'col', class: 'num' }, 'Normalized'),
          el('th', { scope: 'col', class: 'num' }, 'Weight'),
          el('th', { scope: 'col', class: 'num' }, 'Weighted'))),
        el('tbody', null, ...rows),
        el('tfoot', null, el('tr', null, el('th', { scope: 'row', colspan: '4' }, 'Score'),
          el('td', { class: 'num', 'data-col': 'score', 'data-value': line.score }, this.#num(line.score)))))));
    }

    // Badges: the rep's and their team's.
    const badges = [...this.#badgesOf(rep).map((b) => ({ b, team: false })), ...(teamId ? this.#badgesOf(teamId).map((b) => ({ b, team: true })) : [])];
    parts.push(sec(`Badges (${badges.length})`));
    parts.push(badges.length === 0
      ? el('p', { class: 'note' }, 'No badges yet.')
      : el('ul', { class: 'badges' }, ...badges.map(({ b, team }) => el('li', { 'data-badge': b.badge },
        el('span', { class: 'chip badge' }, this.#badgeName(b.badge), team ? ` (${teamName || 'team'})` : ''),
        el('span', { class: 'when' }, this.#day(b.date)),
        el('span', { class: 'why' }, b.sentence)))));

    // Goals: the rep's and their team's.
    const goals = asArray(report.goals).filter((g) => g.owner === rep || (teamId && g.owner === teamId));
    const statusText = { done: 'Done', onTrack: 'On track', atRisk: 'At risk', missed: 'Missed' };
    if (goals.length > 0) {
      const rows = goals.map((g) => {
        const def = asArray(this.#defs?.goals).find((x) => x?.id === g.id);
        const metric = str(def?.metric);
        const bar = el('progress', { max: '1', value: String(Math.min(geometry(g.progress), 1)), 'aria-label': `${str(def?.name) || g.id}: progress` });
        return el('tr', { 'data-goal': g.id, 'data-status': g.status },
          el('th', { scope: 'row' }, str(def?.name) || g.id, el('span', { class: 'sentence' }, g.sentence)),
          el('td', { class: 'num', 'data-col': 'progress', 'data-label': 'Progress', 'data-value': g.progress },
            formatPercent(g.progress, { locale: this.#locale, maximumFractionDigits: 1 }), bar,
            el('span', { class: 'sentence' }, `${this.#value(metric, g.value)} of ${this.#value(metric, g.target)}`)),
          el('td', { 'data-label': 'Status' }, el('span', { class: `chip status-${g.status}` }, statusText[g.status] ?? g.status),
            g.completed ? el('span', { class: 'sentence' }, `on ${this.#day(g.completed)}`) : null),
          el('td', { 'data-col': 'due', 'data-label': 'Due' }, this.#day(str(def?.due))));
      });
      parts.push(sec('Goals'), el('div', { class: 'scroll' }, el('table', { class: 'goals' },
        el('caption', { class: 'sr-only' }, 'Goals with progress, status and due day'),
        el('thead', null, el('tr', null,
          el('th', { scope: 'col' }, 'Goal'),
          el('th', { scope: 'col', class: 'num' }, 'Progress'),
          el('th', { scope: 'col' }, 'Status'),
          el('th', { scope: 'col' }, 'Due'))),
        el('tbody', null, ...rows))));
    }
    ui.body.replaceChildren(...parts);
    ui.live.textContent = [
      `${name}`,
      line ? `score ${this.#num(line.score)}` : '',
      `${this.#num(standing.points, 2)} points${standing.level ? ` (${standing.level})` : ''}`,
      mine?.rank !== undefined && mine?.rank !== null ? `${this.#ordinal(mine.rank)} of ${ranked.length} on ${boardName}` : `not ranked on ${boardName}`,
    ].filter(Boolean).join(', ') + '.';
    return null;
  }
}

if (!customElements.get('spm-leaderboard')) customElements.define('spm-leaderboard', SpmLeaderboard);
