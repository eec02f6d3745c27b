// The territories page (issue 7): accounts drawn as points coloured by territory, balance bars,
// before/after metrics, reassignment by click or area, rebalance with explicit weights, and the
// assignment as CSV. The engine (a TerritoryModel kept on the Rust side) does every computation;
// this file draws (coordinates become pixels with Number(), geometry only) and formats strings.
import { init, version, TerritoryModel, territorySample, territoryInputFor, accountsFor } from '../../lib/engine.js';
import { activeCompany, reloadOnWorkspaceChange } from '../../lib/company.js';
import { $, el, fillError } from '../../lib/dom.js';
import { formatDecimal, formatPercent, formatCount } from '../../lib/format.js';
import { downloadText } from '../../lib/download.js';

const locale = navigator.language || 'en-US';

const state = {
  /** @type {any} the model on the Rust side */ model: null,
  /** @type {any} the input as given to the model */ input: null,
  /** @type {{ id: string, name: string, x: number, y: number, locked: boolean }[]} */ accounts: [],
  /** @type {string[]} */ territoryIds: [],
  /** @type {Map<string, number>} territory id → index */ territoryIndex: new Map(),
  /** @type {Int32Array} territory index per account */ owner: new Int32Array(0),
  /** @type {Set<number>} selected account indexes */ selected: new Set(),
  /** @type {any} */ before: null,
  /** @type {any} */ balanced: null,
  /** @type {any} */ now: null,
  bounds: { x0: 0, x1: 1, y0: 0, y1: 1 },
  /** @type {Array<{ kind: string, ms: number }>} */ timings: [],
};
/** @type {any} */ (window).territoryTimings = state.timings;

/** A colour per territory: hues spread by the golden angle. */
const colour = (i) => `hsl(${Math.round((i * 137.508) % 360)}, 62%, ${i % 2 ? 46 : 56}%)`;

/** Shows a full result (assignment and figures) or a summary (figures after a move by hand). */
function setResult(r) {
  state.now = r;
  for (const a of r.assignment ?? []) {
    const i = state.accountIndex.get(a.accountId);
    if (i !== undefined) state.owner[i] = state.territoryIndex.get(a.territoryId) ?? -1;
  }
}

/** Loads an input (object) into a new model and shows the current owners' metrics. */
function load(input) {
  state.model?.free();
  state.model = null;
  const t0 = performance.now();
  const model = new TerritoryModel(input);
  state.model = model;
  state.input = input;
  state.accounts = input.accounts.map((a) => ({ id: a.id, name: a.name ?? a.id, x: Number(a.x), y: Number(a.y), locked: a.locked === true }));
  state.accountIndex = new Map(state.accounts.map((a, i) => [a.id, i]));
  state.territoryIds = input.territories.map((t) => t.id);
  state.territoryIndex = new Map(state.territoryIds.map((id, i) => [id, i]));
  state.owner = new Int32Array(state.accounts.length).fill(-1);
  state.selected.clear();
  const xs = state.accounts.map((a) => a.x);
  const ys = state.accounts.map((a) => a.y);
  state.bounds = { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
  const r = model.result();
  state.before = r;
  state.balanced = null;
  setResult(r);
  $('data-info').textContent = `${formatCount(state.accounts.length, { locale })} accounts in ${formatCount(state.territoryIds.length, { locale })} territories · loaded in ${Math.round(performance.now() - t0)} ms`;
  $('move-to').replaceChildren(...input.territories.map((t) => el('option', { value: t.id }, t.name ?? t.id)));
  render();
}

function weights() {
  const w = {};
  for (const k of ['balance', 'compactness', 'disruption']) {
    const v = $(`w-${k}`).value.trim();
    if (v) w[k] = v;
  }
  return Object.keys(w).length ? w : undefined;
}

function rebalance() {
  const seed = Number.parseInt($('seed').value, 10);
  const t0 = performance.now();
  const r = state.model.balance({ weights: weights(), seed: Number.isFinite(seed) ? seed : 7 });
  const ms = performance.now() - t0;
  state.timings.push({ kind: 'balance', ms });
  $('balance-timing').textContent = `rebalanced in ${ms < 100 ? ms.toFixed(1) : Math.round(ms)} ms`;
  state.balanced = r;
  setResult(r);
  render();
}

function moveSelected() {
  const to = $('move-to').value;
  if (!to || state.selected.size === 0) return;
  const ids = [...state.selected].map((i) => state.accounts[i].id);
  const t0 = performance.now();
  const out = state.model.moveAccounts(ids, to);
  const ms = performance.now() - t0;
  const target = state.territoryIndex.get(to) ?? -1;
  for (const id of out.moved) state.owner[state.accountIndex.get(id)] = target;
  state.timings.push({ kind: 'move', ms, accounts: ids.length });
  setResult(out.summary);
  $('move-timing').textContent = `moved ${formatCount(out.moved.length, { locale })} in ${ms.toFixed(1)} ms`;
  render();
  if (out.refused.length) {
    const names = out.refused.slice(0, 5).map((r) => state.accounts[state.accountIndex.get(r.accountId)]?.name ?? r.accountId);
    const why = out.refused[0].code === 'ACCOUNT_LOCKED' ? 'locked' : out.refused[0].message;
    $('selection').textContent = `Not moved (${why}): ${names.join(', ')}${out.refused.length > 5 ? '…' : ''}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Drawing.

function render() {
  drawMap();
  drawMetrics();
  drawBars();
  const n = state.selected.size;
  $('move').disabled = n === 0;
  if (n === 0) $('selection').textContent = 'No account selected.';
  else if (n === 1) {
    const a = state.accounts[[...state.selected][0]];
    $('selection').textContent = `${a.name}, in ${state.territoryIds[state.owner[state.accountIndex.get(a.id)]] ?? '—'}${a.locked ? ' (locked)' : ''}.`;
  } else $('selection').textContent = `${formatCount(n, { locale })} accounts selected.`;
}

function toPixel(canvas) {
  const { x0, x1, y0, y1 } = state.bounds;
  const pad = 14;
  const w = canvas.width - 2 * pad;
  const h = canvas.height - 2 * pad;
  const sx = w / Math.max(1e-9, x1 - x0);
  const sy = h / Math.max(1e-9, y1 - y0);
  const s = Math.min(sx, sy);
  // The map keeps its aspect ratio and sits in the middle of the canvas.
  const ox = pad + (w - (x1 - x0) * s) / 2;
  const oy = pad + (h - (y1 - y0) * s) / 2;
  return {
    px: (x) => ox + (x - x0) * s,
    py: (y) => canvas.height - oy - (y - y0) * s,
    inv: (px, py) => ({ x: x0 + (px - ox) / s, y: y0 + (canvas.height - oy - py) / s }),
  };
}

function drawMap() {
  const canvas = /** @type {HTMLCanvasElement} */ ($('map'));
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const { px, py } = toPixel(canvas);
  const r = state.accounts.length > 3000 ? 1.6 : 2.6;
  for (let i = 0; i < state.accounts.length; i += 1) {
    const a = state.accounts[i];
    ctx.fillStyle = colour(Math.max(0, state.owner[i]));
    ctx.fillRect(px(a.x) - r, py(a.y) - r, 2 * r, 2 * r);
  }
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = '#111';
  for (const i of state.selected) {
    const a = state.accounts[i];
    ctx.strokeRect(px(a.x) - r - 2, py(a.y) - r - 2, 2 * r + 4, 2 * r + 4);
  }
  // Territory centres.
  for (const [ti, t] of (state.now?.territories ?? []).entries()) {
    if (!t.center) continue;
    const cx = px(Number(t.center.x));
    const cy = py(Number(t.center.y));
    ctx.beginPath();
    ctx.arc(cx, cy, 5, 0, 2 * Math.PI);
    ctx.fillStyle = colour(state.territoryIndex.get(t.id) ?? ti);
    ctx.fill();
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 2;
    ctx.stroke();
  }
  const summary = state.now ? `Map of ${state.accounts.length} accounts in ${state.territoryIds.length} territories; largest deviation from the mean potential ${formatPercent(state.now.metrics.maxDeviationPotential, { locale })}.` : 'No accounts loaded.';
  canvas.setAttribute('aria-label', summary);
}

function drawMetrics() {
  const cols = [['Current owners', state.before], ['Balanced', state.balanced], ['Now', state.now]];
  const pct = (v) => (v === undefined || v === null ? '—' : formatPercent(v, { locale, maximumFractionDigits: 2 }));
  const dec = (v) => (v === undefined || v === null ? '—' : formatDecimal(v, { locale, maximumFractionDigits: 2 }));
  // The objective is small near a balanced answer: all six places the engine gives.
  const small = (v) => (v === undefined || v === null ? '—' : formatDecimal(v, { locale, maximumFractionDigits: 6 }));
  const rows = [
    ['Largest deviation from the mean, potential', 'maxDeviationPotential', pct],
    ['Largest deviation from the mean, workload', 'maxDeviationWorkload', pct],
    ['Coefficient of variation, potential', 'cvPotential', pct],
    ['Coefficient of variation, workload', 'cvWorkload', pct],
    ['Compactness (mean distance to the centre)', 'compactness', dec],
    ['Accounts keeping their owner', 'keptShare', pct],
    ['Accounts moved', 'moved', (v) => (v === undefined ? '—' : formatCount(v, { locale }))],
    ['Objective (lower is better)', 'objective', small],
    ['Lower bound of the objective', 'lowerBound', small],
    ['Gap to the bound', 'gap', pct],
  ];
  $('metrics').replaceChildren(
    el('caption', null, 'Metrics of the assignment'),
    el('thead', null, el('tr', null, el('th', { scope: 'col' }, 'Metric'), ...cols.map(([h]) => el('th', { scope: 'col', class: 'num' }, h)))),
    el('tbody', null, ...rows.map(([label, key, f]) => el('tr', { 'data-metric': key }, el('th', { scope: 'row' }, label),
      ...cols.map(([, r]) => el('td', { class: 'num' }, r ? f(r.metrics[key]) : '—'))))),
  );
  $('method').textContent = state.now?.method ?? '';
}

function drawBars() {
  const ts = state.now?.territories ?? [];
  const W = Math.max(260, Math.round($('bars').clientWidth) || 320);
  const row = 16;
  const H = ts.length * row + 24;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('width', String(W));
  svg.setAttribute('height', String(H));
  svg.setAttribute('role', 'img');
  const worst = ts.reduce((m, t) => Math.max(m, Math.abs(Number(t.deviation))), 0.02);
  const span = Math.max(0.05, worst * 1.1);
  const x0 = 90;
  const mid = x0 + (W - x0 - 50) / 2;
  const scale = (W - x0 - 50) / 2 / span;
  const mk = (tag, attrs, text) => {
    const n = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
    if (text !== undefined) n.textContent = text;
    return n;
  };
  svg.append(mk('rect', { x: mid - 0.02 * scale, y: 0, width: 0.04 * scale, height: H - 20, fill: '#e8ebf0' }));
  ts.forEach((t, i) => {
    const d = Number(t.deviation);
    const y = i * row + 2;
    const w = Math.abs(d) * scale;
    const ti = state.territoryIndex.get(t.id) ?? i;
    svg.append(mk('text', { x: x0 - 6, y: y + 11, 'text-anchor': 'end', 'font-size': 11, fill: '#1c2330' }, (t.name || t.id).slice(0, 14)),
      mk('rect', { x: d < 0 ? mid - w : mid, y: y + 2, width: Math.max(1, w), height: row - 5, fill: colour(ti), 'data-id': t.id, class: 'bar' }),
      mk('text', { x: W - 4, y: y + 11, 'text-anchor': 'end', 'font-size': 11, fill: Math.abs(d) > 0.02 ? '#b42318' : '#5d6778' }, formatPercent(/^-?0\.000[0-4]/.test(t.deviation) ? '0' : t.deviation, { locale, maximumFractionDigits: 1 })));
  });
  svg.append(mk('line', { x1: mid, x2: mid, y1: 0, y2: H - 20, stroke: '#5d6778' }),
    mk('text', { x: mid, y: H - 6, 'text-anchor': 'middle', 'font-size': 11, fill: '#5d6778' }, 'mean'));
  const over = ts.filter((t) => Math.abs(Number(t.deviation)) > 0.02).length;
  svg.setAttribute('aria-label', `${ts.length} territories; ${over} outside ±2% of the mean potential.`);
  $('bars').replaceChildren(svg);
}

// ---------------------------------------------------------------------------------------------
// Selection on the map.

function wireMap() {
  const canvas = /** @type {HTMLCanvasElement} */ ($('map'));
  let drag = null;
  const pos = (e) => {
    const b = canvas.getBoundingClientRect();
    return { x: ((e.clientX - b.left) * canvas.width) / b.width, y: ((e.clientY - b.top) * canvas.height) / b.height };
  };
  canvas.addEventListener('mousedown', (e) => {
    if (e.shiftKey) drag = pos(e);
  });
  canvas.addEventListener('mouseup', (e) => {
    const p = pos(e);
    const { px, py } = toPixel(canvas);
    if (drag) {
      const [ax, bx] = [Math.min(drag.x, p.x), Math.max(drag.x, p.x)];
      const [ay, by] = [Math.min(drag.y, p.y), Math.max(drag.y, p.y)];
      state.selected.clear();
      state.accounts.forEach((a, i) => {
        const x = px(a.x);
        const y = py(a.y);
        if (x >= ax && x <= bx && y >= ay && y <= by) state.selected.add(i);
      });
      drag = null;
    } else {
      let best = -1;
      let bestD = 64;
      state.accounts.forEach((a, i) => {
        const d = (px(a.x) - p.x) ** 2 + (py(a.y) - p.y) ** 2;
        if (d < bestD) { bestD = d; best = i; }
      });
      state.selected.clear();
      if (best >= 0) state.selected.add(best);
    }
    render();
  });
}

// ---------------------------------------------------------------------------------------------
// Input.

/** A small CSV reader (quoted fields, CRLF); values stay strings. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows.filter((r) => r.some((v) => v.trim() !== ''));
}

function inputFromCsv(text) {
  const [header, ...body] = parseCsv(text.replace(/^\uFEFF/, ''));
  const h = (header ?? []).map((x) => x.trim());
  for (const need of ['id', 'potential', 'x', 'y', 'owner']) {
    if (!h.includes(need)) throw new Error(`The CSV has no "${need}" column; the header must have id, potential, x, y and owner (and may have name, workload, locked).`);
  }
  const col = (r, name) => { const i = h.indexOf(name); return i >= 0 ? (r[i] ?? '').trim() : ''; };
  const owners = [];
  const accounts = body.map((r) => {
    const a = { id: col(r, 'id'), potential: col(r, 'potential'), x: col(r, 'x'), y: col(r, 'y') };
    const name = col(r, 'name');
    const workload = col(r, 'workload');
    const owner = col(r, 'owner');
    if (name) a.name = name;
    if (workload) a.workload = workload;
    if (owner) { a.owner = owner; if (!owners.includes(owner)) owners.push(owner); }
    if (/^(true|yes|1)$/i.test(col(r, 'locked'))) a.locked = true;
    return a;
  });
  return { schemaVersion: 1, accounts, territories: owners.map((id) => ({ id })) };
}

function fail(err, context) {
  fillError($('error'), err, context);
}

function generate() {
  const n = Number.parseInt($('n-accounts').value, 10);
  const k = Number.parseInt($('n-territories').value, 10);
  const seed = Number.parseInt($('seed').value, 10);
  if (!(n > 0 && k > 0 && k <= n)) {
    fail(new Error('Give a number of accounts and a number of territories (at most the accounts), such as 2000 and 40.'), 'Generating');
    return;
  }
  $('error').hidden = true;
  load(JSON.parse(territorySample(n, k, Number.isFinite(seed) ? seed : 7)));
}

/** Loads the company's accounts and territories into the model. */
function loadCompany(company) {
  const ws = company.workspace;
  load(JSON.parse(territoryInputFor(company.payees, ws.accounts, ws.territories)));
  $('company-note').textContent = `${company.company}: ${formatCount(ws.accounts.length, { locale })} accounts in ${formatCount(ws.territories.length, { locale })} territories${company.derived ? ' (from its deals: one account per customer, one territory per owner)' : ''}.`;
}

async function main() {
  await init();
  $('engine-version').textContent = `v${version()}`;
  $('sample-form').addEventListener('submit', (e) => { e.preventDefault(); try { generate(); } catch (err) { fail(err, 'Generating'); } });
  $('weights-form').addEventListener('submit', (e) => { e.preventDefault(); try { $('error').hidden = true; rebalance(); } catch (err) { fail(err, 'Rebalancing'); } });
  $('reset').addEventListener('click', () => { try { load(state.input); } catch (err) { fail(err, 'Resetting'); } });
  $('export').addEventListener('click', () => downloadText('territory-assignment.csv', state.model.assignmentCsv()));
  $('move-form').addEventListener('submit', (e) => { e.preventDefault(); try { moveSelected(); } catch (err) { fail(err, 'Moving'); } });
  $('accounts-file').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    try {
      $('error').hidden = true;
      load(inputFromCsv(await file.text()));
    } catch (err) {
      fail(err, `Reading ${file.name}`);
    }
  });
  wireMap();
  // The active company's accounts and territories when it has them; a generated sample else.
  const company = await activeCompany();
  reloadOnWorkspaceChange(company.id);
  const ws = company.workspace;
  // A workspace without accounts gets them from its deals: one account per customer, owned by
  // the person who sold it most, one territory per owner (the engine's accountsFor).
  if (!(ws.accounts ?? []).length && company.payees.length && /\n\s*\S/.test(company.transactionsCsv)) {
    const places = JSON.parse(accountsFor(company.payees, company.transactionsCsv));
    if (places.accounts.length && places.territories.length) {
      company.workspace = { ...ws, accounts: places.accounts, territories: places.territories };
      company.derived = true;
    }
  }
  $('company-load').addEventListener('click', () => { try { $('error').hidden = true; loadCompany(company); } catch (err) { fail(err, 'Loading the company'); } });
  if ((company.workspace.accounts ?? []).length > 0 && (company.workspace.territories ?? []).length > 0) {
    loadCompany(company);
  } else {
    $('company-load').disabled = true;
    $('company-note').textContent = `The workspace “${company.company}” has no accounts and territories yet (import them on the Company page); showing a generated sample.`;
    generate();
  }
  $('status').hidden = true;
  document.body.dataset.ready = '1';
}

main().catch((err) => {
  $('status').hidden = true;
  fail(err, 'The page could not start');
});
