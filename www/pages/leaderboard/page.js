// The leaderboard page (issue 9): a ScoringModel built from definitions JSON, an optional roster
// and events (the built-in sample, or the user's files), and every view of it: a leaderboard the
// user picks or builds (metric, window, scope, tie rule), recomputed by the engine on each change,
// with levels and badges from the report; contests with their prize splits and the SPIFF CSV;
// goals; the latest badges; a rep's scorecard in a drawer. The engine computes, ranks, splits and
// words everything; this file maps fields and formats the engine's strings.
import { init, version, ScoringModel, scoringSample, scoringSampleRoster, scoringSampleDefs } from '../../lib/engine.js';
import { activeCompany, scoringTexts, reloadOnWorkspaceChange } from '../../lib/company.js';
import { $, el, fillError, nextPaint } from '../../lib/dom.js';
import { formatCount } from '../../lib/format.js';
import { downloadText } from '../../lib/download.js';
import {
  locale, makeContext, metricLabel, formatValue, periodLabel, periodsBetween, windowLabel, nameOf,
  badgeChips, levelChip, rankText, renderContests, renderGoals, renderFeed, scorecardContent,
} from './views.js';

const SEED = 7;
const KINDS = /** @type {const} */ (['defs', 'roster', 'events']);

const state = {
  /** @type {string | undefined} the workspace shown (when the data is the active company) */ companyId: undefined,
  /** @type {any} the live ScoringModel */ model: null,
  /** @type {import('./views.js').Context | null} */ ctx: null,
  /** The texts the live model was built from, and where each came from. */
  texts: /** @type {{defs: string, roster: string | null, events: string}} */ ({ defs: '', roster: null, events: '' }),
  sources: { defs: '', roster: '', events: '' },
  /** Files given but not yet accepted by the engine (kept so nothing the user chose is lost). */
  pending: /** @type {Record<string, {text: string | null, label: string}>} */ ({}),
  /** @type {any} the current leaderboard result */ board: null,
  /** @type {any} the request that produced it */ request: null,
  /** Data range: the first event's month to asOf. */
  range: { from: '', to: '' },
  page: 0,
  /** @type {{id: string, scope: string} | null} */ drawer: null,
  /** @type {HTMLElement | null} what opened the drawer, to return focus to */ opener: null,
  busy: false,
  /** @type {Set<string>} event types seen in the events */ types: new Set(),
  /** @type {Record<string, number>} */ timings: {},
};
/** @type {any} */ (window).leaderboardTimings = state.timings;

const ms = (t) => `${formatCount(Math.round(t), { locale })} ms`;

// -- busy state -----------------------------------------------------------------------------------

function setBusy(text) {
  state.busy = Boolean(text);
  $('busy').hidden = !text;
  $('busy-text').textContent = text || '';
  $('main').setAttribute('aria-busy', text ? 'true' : 'false');
  for (const node of document.querySelectorAll('.data-panel select, .data-panel input, .data-panel button, #board-form select, #board-form input')) {
    /** @type {any} */ (node).disabled = Boolean(text);
  }
  $('spiff-download').disabled = Boolean(text) || !state.ctx?.report.contests.length;
}

// -- loading --------------------------------------------------------------------------------------

/**
 * The sample definitions declare no goals; the page adds a few for the sample's first reps and
 * team (they exist at every sample size) so the goals panel shows the engine's statuses.
 */
function withSampleGoals(defsText) {
  const defs = JSON.parse(defsText);
  if (defs.goals && defs.goals.length) return { text: defsText, added: false };
  defs.goals = [
    { id: 'q4-revenue', name: 'Q4 deal revenue', owner: 'r00001', metric: 'amount:deal', target: '60000', from: '2026-10-01', due: '2026-12-31', weight: '1' },
    { id: 'h2-meetings', name: '40 meetings by November', owner: 'r00002', metric: 'count:meeting', target: '40', from: '2026-07-01', due: '2026-11-30', weight: '1' },
    { id: 'winter-points', name: '500 points over the winter', owner: 'r00003', metric: 'points', target: '500', from: '2026-10-01', due: '2027-03-31', weight: '1', tolerance: '0.1' },
    { id: 'team-deals', name: 'Team: 150 deals in H2', owner: 'm0001', ownerKind: 'team', metric: 'count:deal', target: '150', from: '2026-07-01', due: '2026-12-31', weight: '1' },
  ];
  return { text: JSON.stringify(defs), added: true };
}

/** The active company's scoring: its rules, its people as the roster, its deals and activity. */
async function loadCompany() {
  setBusy('Loading the active company…');
  await nextPaint();
  const t0 = performance.now();
  const company = await activeCompany({ needs: ['people'] });
  state.companyId ??= company.id;
  const texts = scoringTexts(company);
  if (!texts) {
    setBusy('');
    fillError($('error'), new Error(`The workspace “${company.company}” has no scoring rules yet: load definitions below, or pick a generated sample.`), 'Leaderboard');
    return false;
  }
  state.timings.generate = performance.now() - t0;
  state.pending = {};
  return build(
    { defs: texts.definitions, roster: texts.roster, events: texts.events },
    {
      defs: `${company.company}: scoring rules`,
      roster: `${company.company}: ${formatCount(company.payees.length, { locale })} people`,
      events: `${company.company}: won deals and activity`,
    },
    ['defs'],
  );
}

async function loadSample() {
  if ($('sample-size').value === 'company') return loadCompany();
  const [reps, events] = $('sample-size').value.split('x').map(Number);
  setBusy(`Generating ${formatCount(events, { locale })} sample events for ${formatCount(reps, { locale })} reps…`);
  await nextPaint();
  const t0 = performance.now();
  const csv = scoringSample(reps, events, SEED);
  const roster = scoringSampleRoster(reps, SEED);
  const defs = withSampleGoals(scoringSampleDefs());
  state.timings.generate = performance.now() - t0;
  state.pending = {};
  const ok = await build(
    { defs: defs.text, roster, events: csv },
    {
      defs: `Sample definitions${defs.added ? ' (goals added by this page)' : ''}`,
      roster: `Sample roster, ${formatCount(reps, { locale })} reps in teams of 7`,
      events: `Sample events, ${formatCount(events, { locale })} (seed ${SEED})`,
    },
    ['defs'],
  );
  return ok;
}

/**
 * Builds a model from `texts`; on success it replaces the live one and everything is redrawn, on
 * failure the engine's error is shown next to the field it most likely concerns and the previous
 * model stays. Returns whether it succeeded.
 * @param {{defs: string, roster: string | null, events: string}} texts
 * @param {Record<string, string>} labels
 * @param {string[]} changed the kinds that changed (where an error is shown)
 */
async function build(texts, labels, changed) {
  setBusy(`Building the model from ${describeEvents(texts.events)}…`);
  await nextPaint();
  let model = null;
  try {
    const t1 = performance.now();
    model = new ScoringModel(texts.defs, texts.roster, texts.events);
    state.timings.build = performance.now() - t1;
    setBusy('Computing standings, badges, contests and goals…');
    await nextPaint();
    const t2 = performance.now();
    const report = JSON.parse(model.reportJson());
    state.timings.report = performance.now() - t2;
    const defs = JSON.parse(texts.defs);
    const roster = texts.roster === null ? null : JSON.parse(texts.roster);
    const t3 = performance.now();
    const types = new Set(model.eventTypes);
    state.timings.scan = performance.now() - t3;
    // Accepted: swap in the new model.
    state.model?.free();
    state.model = model;
    model = null;
    state.texts = texts;
    Object.assign(state.sources, labels);
    state.ctx = makeContext(defs, roster, report);
    state.types = types;
    for (const k of KINDS) clearFieldError(k);
    const range = state.model.leaderboard({ id: 'range', metric: 'points' });
    state.range = { from: range.from, to: range.to };
    closeDrawer(false);
    setupControls();
    recompute();
    renderPanels();
    showSources();
    return true;
  } catch (err) {
    model?.free();
    showFieldError(blame(err, changed), err);
    return false;
  } finally {
    setBusy('');
    showStatus();
  }
}

function describeEvents(text) {
  if (text.trimStart().startsWith('[')) return 'the events (JSON)';
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines += 1;
  return `${formatCount(Math.max(0, lines - (text.endsWith('\n') ? 1 : 0)), { locale })} events`;
}

// -- the user's files -----------------------------------------------------------------------------

/** What a file holds, from its name and its first characters. */
function classify(name, text) {
  const head = text.trimStart().slice(0, 4000);
  if (/\.csv$/i.test(name) || !/^[[{]/.test(head)) return 'events';
  if (head.startsWith('{')) return 'defs';
  return /"payeeId"\s*:/.test(head) ? 'events' : 'roster';
}

/** @param {{kind: string, text: string | null, label: string}[]} files */
async function useFiles(files) {
  if (files.length === 0 || state.busy) return;
  const changed = [];
  for (const f of files) {
    state.pending[f.kind] = { text: f.text, label: f.label };
    changed.push(f.kind);
  }
  const texts = { ...state.texts };
  const labels = {};
  for (const [k, p] of Object.entries(state.pending)) {
    texts[k] = p.text;
    labels[k] = p.label;
  }
  showSources();
  if (await build(texts, labels, changed)) state.pending = {};
  showSources();
}

async function readFiles(fileList, forcedKind) {
  const out = [];
  for (const file of fileList) {
    const text = await file.text();
    out.push({ kind: forcedKind ?? classify(file.name, text), text, label: `${file.name} (${formatCount(file.size, { locale })} bytes)` });
  }
  return out;
}

/** Which field an error belongs to: the only kind that changed, else by the error's path. */
function blame(err, changed) {
  if (changed.length === 1) return changed[0];
  const path = /** @type {any} */ (err)?.diagnostics?.[0]?.path ?? '';
  if (/^events\[|column (id|payeeId|type|date|amount|attr\.)/.test(path) && changed.includes('events')) return 'events';
  if (/^\[/.test(path) && changed.includes('roster')) return 'roster';
  if (changed.includes('defs')) return 'defs';
  return changed[0] ?? 'defs';
}

function showFieldError(kind, err) {
  const box = $(`${kind}-error`);
  const names = { defs: 'The definitions', roster: 'The roster', events: 'The events' };
  fillError(box, err, `${names[kind]} were not loaded`);
  box.append(el('p', { class: 'kept' }, state.model ? 'The previous data stays on screen.' : ''));
  $(`file-${kind}`).setAttribute('aria-invalid', 'true');
}

function clearFieldError(kind) {
  $(`${kind}-error`).hidden = true;
  $(`${kind}-error`).replaceChildren();
  $(`file-${kind}`).removeAttribute('aria-invalid');
}

function showSources() {
  for (const k of KINDS) {
    const p = state.pending[k];
    const live = k === 'roster' && state.texts.roster === null ? 'None: the reps are the events’ payee ids' : state.sources[k];
    $(`${k}-source`).replaceChildren(
      el('span', { class: 'source-live' }, 'In use: ', el('strong', null, live || '—')),
      p ? el('span', { class: 'source-pending' }, ` · waiting: ${p.label}`) : '',
    );
  }
}

// -- the leaderboard controls ---------------------------------------------------------------------

function setupControls() {
  const ctx = /** @type {any} */ (state.ctx);
  const defs = ctx.defs;
  const boards = defs.leaderboards ?? [];
  $('lb-board').replaceChildren(
    ...boards.map((b, i) => el('option', { value: `d:${i}` }, `${b.name ?? b.id}`)),
    el('option', { value: 'custom' }, 'Custom (no eligibility rules)'),
  );

  // Metrics: points, every declared KPI and scorecard, count and amount of every event type, and
  // any metric the definitions name elsewhere.
  const types = new Set(state.types);
  for (const r of defs.points?.rules ?? []) types.add(r.eventType);
  for (const k of defs.kpis ?? []) for (const t of [k.eventType, k.denominatorType]) if (t) types.add(t);
  const sorted = [...types].filter(Boolean).sort();
  const named = new Set();
  for (const list of [defs.leaderboards, defs.contests, defs.goals, defs.badges]) for (const x of list ?? []) if (x.metric) named.add(x.metric);
  const groups = [
    ['Points', ['points']],
    ['KPIs', (defs.kpis ?? []).map((k) => `kpi:${k.id}`)],
    ['Scorecards', (defs.scorecards ?? []).map((s) => `score:${s.id}`)],
    ['Event counts', sorted.map((t) => `count:${t}`)],
    ['Event amounts', sorted.map((t) => `amount:${t}`)],
  ];
  const all = new Set(groups.flatMap(([, m]) => m));
  const extra = [...named].filter((m) => !all.has(m));
  if (extra.length) groups.push(['Named in the definitions', extra]);
  const metricGroups = groups.filter(([, m]) => m.length).map(([label, metrics]) =>
    el('optgroup', { label }, ...metrics.map((m) => el('option', { value: m }, metricLabel(ctx, m)))));
  $('lb-metric').replaceChildren(...metricGroups);
  $('lb-secondary').replaceChildren(el('option', { value: '' }, 'None (then by id)'),
    ...metricGroups.map((g) => /** @type {HTMLElement} */ (g.cloneNode(true))));

  const periods = periodsBetween(state.range.from, state.range.to);
  $('lb-window').replaceChildren(
    el('option', { value: '' }, `All: ${state.range.from} to ${state.range.to}`),
    ...periods.map((g) => el('optgroup', { label: String(g.year) }, ...g.periods.map((p) => el('option', { value: `p:${p}` }, periodLabel(p))))),
    el('option', { value: 'range' }, 'Custom dates…'),
  );
  for (const id of ['lb-from', 'lb-to']) {
    $(id).min = state.range.from;
    $(id).max = state.range.to;
  }
  $('lb-from').value = state.range.from;
  $('lb-to').value = state.range.to;
  // The search box is left as typed across loads.
  applyBoard(boards.length ? 'd:0' : 'custom');
}

/** The declared leaderboard behind the current choice, or null for a custom one. */
function baseBoard() {
  const v = $('lb-board').value;
  return v.startsWith('d:') ? (state.ctx?.defs.leaderboards ?? [])[Number(v.slice(2))] ?? null : null;
}

function ensureOption(select, value, label) {
  if (![...select.options].some((o) => o.value === value)) select.append(el('option', { value }, label));
}

/** Puts a declared board's settings into the controls. */
function applyBoard(value) {
  $('lb-board').value = value;
  const b = baseBoard();
  if (!b) return;
  ensureOption($('lb-metric'), b.metric, metricLabel(state.ctx, b.metric));
  $('lb-metric').value = b.metric;
  if (b.window?.period) {
    ensureOption($('lb-window'), `p:${b.window.period}`, periodLabel(b.window.period));
    $('lb-window').value = `p:${b.window.period}`;
  } else if (b.window?.from) {
    $('lb-window').value = 'range';
    $('lb-from').value = b.window.from;
    $('lb-to').value = b.window.to;
  } else {
    $('lb-window').value = '';
  }
  $('lb-scope').value = b.scope ?? 'individual';
  $('lb-ties').value = b.ties ?? 'competition';
  if (b.secondary) ensureOption($('lb-secondary'), b.secondary, metricLabel(state.ctx, b.secondary));
  $('lb-secondary').value = b.secondary ?? '';
}

function currentRequest() {
  const b = baseBoard();
  const r = /** @type {any} */ ({ id: b?.id ?? 'custom', metric: $('lb-metric').value, scope: $('lb-scope').value, ties: $('lb-ties').value });
  if (b?.name) r.name = b.name;
  const w = $('lb-window').value;
  if (w.startsWith('p:')) r.window = { period: w.slice(2) };
  else if (w === 'range') r.window = { from: $('lb-from').value, to: $('lb-to').value };
  if (r.ties === 'ordinal' && $('lb-secondary').value) r.secondary = $('lb-secondary').value;
  if (b?.eligibility) r.eligibility = b.eligibility;
  return r;
}

function rulesText(req) {
  const e = req.eligibility;
  const parts = [];
  if (e?.roles?.length) parts.push(`roles ${e.roles.join(', ')}`);
  if (e?.hiredOnOrBefore) parts.push(`hired on or before ${e.hiredOnOrBefore}`);
  if (e?.minEvents) parts.push(`at least ${e.minEvents} event${e.minEvents === 1 ? '' : 's'} in the window`);
  if (e?.exclude?.length) parts.push(`excluding ${e.exclude.join(', ')}`);
  return parts.length ? `Eligibility (from “${req.name ?? req.id}”): ${parts.join('; ')}.` : baseBoard() ? `“${req.name ?? req.id}” has no eligibility rules: everyone with a value is ranked.` : 'A custom board: everyone with a value is ranked.';
}

/** Asks the engine for the leaderboard of the controls; on an error the previous table stays. */
function recompute() {
  if (!state.model) return;
  $('lb-range').hidden = $('lb-window').value !== 'range';
  $('lb-secondary-control').hidden = $('lb-ties').value !== 'ordinal';
  const req = currentRequest();
  if (req.window && 'from' in req.window && (!req.window.from || !req.window.to)) {
    fillError($('lb-error'), new Error('give both the first and the last day of the window'), 'The window');
    return;
  }
  let board;
  const t0 = performance.now();
  try {
    board = state.model.leaderboard(req);
  } catch (err) {
    fillError($('lb-error'), err, 'The leaderboard was not recomputed');
    return;
  }
  state.timings.leaderboard = performance.now() - t0;
  $('lb-error').hidden = true;
  state.board = board;
  state.request = req;
  state.page = 0;
  $('lb-rules').textContent = rulesText(req);
  $('board-timing').textContent = `recomputed in ${ms(state.timings.leaderboard)}`;
  renderBoard();
  announce();
  showStatus();
  if (state.drawer) openDrawer(state.drawer.id, state.drawer.scope, null);
}

function announce() {
  const ctx = /** @type {any} */ (state.ctx);
  const b = state.board;
  const ranked = b.entries.filter((e) => e.rank !== undefined);
  const leaders = ranked.filter((e) => e.rank === 1);
  const unit = metricLabel(ctx, b.metric);
  const win = state.request.window ? windowLabel(state.request.window) : 'all dates';
  let lead = 'No one is ranked.';
  if (leaders.length === 1) lead = `Leader: ${leaders[0].name}, ${formatValue(ctx, b.metric, leaders[0].value)}.`;
  else if (leaders.length > 1) lead = `${leaders.map((e) => e.name).slice(0, 3).join(', ')}${leaders.length > 3 ? ` and ${leaders.length - 3} more` : ''} tie for first with ${formatValue(ctx, b.metric, leaders[0].value)}.`;
  const unranked = b.entries.length - ranked.length;
  $('lb-summary').replaceChildren(
    el('strong', null, `${unit}, ${win}`), ` (${b.from} to ${b.to}): `,
    `${formatCount(ranked.length, { locale })} ranked${unranked ? `, ${formatCount(unranked, { locale })} not ranked` : ''}. `, lead);
}

// -- the table ------------------------------------------------------------------------------------

function renderBoard() {
  const ctx = /** @type {any} */ (state.ctx);
  const b = state.board;
  const scope = state.request.scope;
  const entries = b.entries;
  const q = $('lb-search').value.trim().toLocaleLowerCase();
  const indexes = [];
  for (let i = 0; i < entries.length; i += 1) {
    if (!q || entries[i].name.toLocaleLowerCase().includes(q) || entries[i].id.toLocaleLowerCase().includes(q)) indexes.push(i);
  }
  const size = Number($('page-size').value);
  const pages = Math.max(1, Math.ceil(indexes.length / size));
  state.page = Math.min(state.page, pages - 1);
  const slice = indexes.slice(state.page * size, state.page * size + size);

  $('value-head').textContent = metricLabel(ctx, b.metric);
  $('board-caption').textContent = `${metricLabel(ctx, b.metric)}, ${b.from} to ${b.to}, ${b.ties} ranking`;
  document.querySelector('.team-col').textContent = scope === 'team' ? 'Members' : 'Team';
  const rows = [];
  let dividerDone = false;
  for (const i of slice) {
    const e = entries[i];
    if (e.rank === undefined && !dividerDone) {
      dividerDone = true;
      rows.push(el('tr', { class: 'divider' }, el('th', { scope: 'rowgroup', colspan: '6' }, 'Not ranked')));
    }
    const rep = scope === 'individual' ? ctx.reps.get(e.id) : null;
    const standing = scope === 'individual' ? ctx.standings.get(e.id) : null;
    const selected = state.drawer && state.drawer.id === e.id && state.drawer.scope === scope;
    rows.push(el('tr', { 'data-id': e.id, 'data-rank': e.rank === undefined ? '' : String(e.rank), class: `${e.rank === undefined ? 'ineligible' : ''}${e.rank === 1 ? ' first' : ''}${selected ? ' selected' : ''}`.trim() || null },
      el('td', { class: 'num rank' }, rankText(entries, i)),
      el('th', { scope: 'row', class: 'who' },
        el('button', { type: 'button', class: 'name-button', 'data-open': e.id, 'aria-label': `${e.name}: open the scorecard` }, e.name),
        e.name !== e.id ? el('span', { class: 'rep-id' }, e.id) : null,
        e.ineligible ? el('span', { class: 'reason' }, e.ineligible) : null),
      el('td', { class: 'team' }, scope === 'team' ? formatCount(ctx.teamSizes.get(e.id) ?? 0, { locale }) : rep?.team ? nameOf(ctx, rep.team, 'team') : '—'),
      el('td', { class: 'num value' }, formatValue(ctx, b.metric, e.value)),
      el('td', { class: 'level-cell' }, scope === 'individual' ? levelChip(ctx, standing?.level) : el('span', { class: 'muted' }, '—')),
      el('td', { class: 'badges-cell' }, badgeChips(ctx, e.id, scope))));
  }
  if (rows.length === 0) rows.push(el('tr', { class: 'empty-row' }, el('td', { colspan: '6' }, q ? `No one matches “${$('lb-search').value.trim()}”.` : 'No entrants.')));
  $('board-body').replaceChildren(...rows);
  const from = indexes.length ? state.page * size + 1 : 0;
  const to = Math.min(indexes.length, (state.page + 1) * size);
  $('page-info').textContent = `${formatCount(from, { locale })}–${formatCount(to, { locale })} of ${formatCount(indexes.length, { locale })}${q ? ` matching (${formatCount(entries.length, { locale })} in all)` : ''} · page ${state.page + 1} of ${pages}`;
  $('page-prev').disabled = state.page === 0;
  $('page-next').disabled = state.page >= pages - 1;
}

// -- panels and drawer ----------------------------------------------------------------------------

function renderPanels() {
  const ctx = /** @type {any} */ (state.ctx);
  renderContests(ctx, $('contests'), (id, scope, opener) => openDrawer(id, scope, opener));
  $('spiff-download').disabled = ctx.report.contests.length === 0;
  renderGoals(ctx, $('goals'));
  $('goals-count').textContent = ctx.report.goals.length ? `${ctx.report.goals.length} goal${ctx.report.goals.length === 1 ? '' : 's'} as of ${ctx.report.asOf}` : '';
  $('goals-note').textContent = state.sources.defs.includes('goals added by this page')
    ? 'The sample definitions declare no goals, so this page adds four for the sample’s first reps and team. Pace is the share of the goal’s time gone (the mark on each bar).'
    : 'Pace is the share of the goal’s time gone (the mark on each bar); a goal is at risk when progress is behind it by more than its tolerance.';
  renderFeed(ctx, $('feed'));
  $('feed-count').textContent = `${formatCount(ctx.report.badges.length, { locale })} awarded in all`;
}

function openDrawer(id, scope, opener) {
  const ctx = /** @type {any} */ (state.ctx);
  if (!ctx) return;
  const entries = state.board?.entries ?? [];
  const i = state.request?.scope === scope ? entries.findIndex((e) => e.id === id) : -1;
  const onBoard = i >= 0 ? { rank: rankText(entries, i), reason: entries[i].ineligible, value: formatValue(ctx, state.board.metric, entries[i].value), metric: state.board.metric } : null;
  const rep = scope === 'individual' ? ctx.reps.get(id) : null;
  $('drawer-kicker').textContent = scope === 'team' ? 'Team scorecard' : 'Scorecard';
  $('drawer-title').textContent = nameOf(ctx, id, scope);
  $('drawer-sub').textContent = scope === 'team'
    ? id
    : [id, rep?.team ? nameOf(ctx, rep.team, 'team') : null, rep?.role, rep?.hire ? `hired ${rep.hire}` : null].filter(Boolean).join(' · ');
  $('drawer-body').replaceChildren(...scorecardContent(ctx, id, scope, onBoard));
  $('drawer').hidden = false;
  $('drawer').dataset.id = id;
  document.querySelector('.board-layout').classList.add('with-drawer');
  state.drawer = { id, scope };
  for (const tr of $('board-body').querySelectorAll('tr.selected')) tr.classList.remove('selected');
  for (const tr of $('board-body').querySelectorAll('tr[data-id]')) if (tr.getAttribute('data-id') === id && state.request.scope === scope) tr.classList.add('selected');
  if (opener) {
    state.opener = opener;
    $('drawer').focus({ preventScroll: window.innerWidth > 1100 });
  }
}

function closeDrawer(returnFocus = true) {
  if ($('drawer').hidden) return;
  $('drawer').hidden = true;
  document.querySelector('.board-layout').classList.remove('with-drawer');
  state.drawer = null;
  for (const tr of $('board-body').querySelectorAll('tr.selected')) tr.classList.remove('selected');
  if (returnFocus && state.opener?.isConnected) state.opener.focus();
  state.opener = null;
}

function showStatus() {
  const t = state.timings;
  if (!state.model) return;
  const parts = [
    `${formatCount(state.model.reps, { locale })} reps`,
    `${formatCount(state.model.events, { locale })} events`,
    `as of ${state.ctx?.report.asOf}`,
  ];
  const steps = [];
  if (t.generate !== undefined && state.sources.events.startsWith('Sample')) steps.push(`sample generated in ${ms(t.generate)}`);
  if (t.build !== undefined) steps.push(`model built in ${ms(t.build)}`);
  if (t.report !== undefined) steps.push(`report in ${ms(t.report)}`);
  if (t.leaderboard !== undefined) steps.push(`leaderboard recomputed in ${ms(t.leaderboard)}`);
  $('status').textContent = `${parts.join(' · ')} — ${steps.join(' · ')}`;
  $('data-timing').textContent = t.build !== undefined ? `built in ${ms(t.build)}, report in ${ms(t.report ?? 0)}` : '';
}

// -- wiring ---------------------------------------------------------------------------------------

function wire() {
  $('sample-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (!state.busy) loadSample();
  });
  $('sample-size').addEventListener('change', () => {
    if (!state.busy) loadSample();
  });
  for (const kind of KINDS) {
    $(`file-${kind}`).addEventListener('change', async (e) => {
      const input = /** @type {HTMLInputElement} */ (e.target);
      const files = await readFiles([...(input.files ?? [])], kind);
      input.value = '';
      await useFiles(files);
    });
  }
  $('roster-none').addEventListener('click', () => useFiles([{ kind: 'roster', text: null, label: 'None: the reps are the events’ payee ids' }]));
  $('files-choose').addEventListener('click', () => $('files-all').click());
  $('files-all').addEventListener('change', async (e) => {
    const input = /** @type {HTMLInputElement} */ (e.target);
    const files = await readFiles([...(input.files ?? [])]);
    input.value = '';
    await useFiles(files);
  });
  const zone = $('drop-zone');
  for (const type of ['dragenter', 'dragover']) zone.addEventListener(type, (e) => {
    e.preventDefault();
    zone.classList.add('dragging');
  });
  for (const type of ['dragleave', 'drop']) zone.addEventListener(type, () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', async (e) => {
    e.preventDefault();
    await useFiles(await readFiles([...(e.dataTransfer?.files ?? [])]));
  });
  // Dropping a file anywhere else must not navigate away from the page.
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());

  $('lb-board').addEventListener('change', () => {
    applyBoard($('lb-board').value);
    recompute();
  });
  for (const id of ['lb-metric', 'lb-window', 'lb-scope', 'lb-ties', 'lb-secondary', 'lb-from', 'lb-to']) $(id).addEventListener('change', recompute);
  $('board-form').addEventListener('submit', (e) => e.preventDefault());
  $('lb-search').addEventListener('input', () => {
    state.page = 0;
    if (state.board) renderBoard();
  });
  $('page-size').addEventListener('change', () => {
    state.page = 0;
    if (state.board) renderBoard();
  });
  $('page-prev').addEventListener('click', () => {
    state.page = Math.max(0, state.page - 1);
    renderBoard();
  });
  $('page-next').addEventListener('click', () => {
    state.page += 1;
    renderBoard();
  });
  $('board-body').addEventListener('click', (e) => {
    const target = /** @type {HTMLElement} */ (e.target);
    const row = target.closest('tr[data-id]');
    if (!row) return;
    const button = row.querySelector('button[data-open]');
    openDrawer(row.getAttribute('data-id'), state.request.scope, button);
  });
  $('drawer-close').addEventListener('click', () => closeDrawer());
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !$('drawer').hidden) closeDrawer();
  });
  $('spiff-download').addEventListener('click', () => {
    if (!state.model) return;
    try {
      const csv = state.model.spiffCsv();
      downloadText('contest-spiffs.csv', csv);
    } catch (err) {
      fillError($('error'), err, 'The SPIFF CSV could not be made');
    }
  });
}

async function main() {
  await init();
  $('engine-version').textContent = `v${version()}`;
  wire();
  const ok = await loadSample();
  if (state.companyId) reloadOnWorkspaceChange(state.companyId);
  if (!ok) {
    // The sample itself failed: show it as a page error, not only at the field.
    $('error').hidden = false;
    $('error').textContent = 'The built-in sample could not be loaded; see the definitions field.';
  }
  document.body.dataset.ready = '1';
}

main().catch((err) => {
  setBusy('');
  $('status').textContent = '';
  fillError($('error'), err, 'The page could not start');
});
