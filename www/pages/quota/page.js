// The quota page (issue 7): the company target cascaded through regions and teams to reps, shown
// as a tree with each node's quota, over-assignment, the sum of its children, the bottom-up
// figure and the gap; a selected node's monthly phasing; and a hiring-capacity plan. The engine
// computes every number (quotaPlan, capacityPlan); this file edits the input and formats strings.
import { init, version, quotaPlan, capacityPlan, quotaSample, quotaInputFor } from '../../lib/engine.js';
import { activeCompany, reloadOnWorkspaceChange } from '../../lib/company.js';
import { $, el, fillError } from '../../lib/dom.js';
import { formatMoney, formatPercent, formatDecimal } from '../../lib/format.js';

const locale = navigator.language || 'en-US';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const state = {
  /** @type {any} */ input: null,
  /** @type {any} */ result: null,
  selected: '',
};

const money = (v) => (v === null || v === undefined ? '—' : formatMoney(v, state.input?.currency ?? 'USD', { locale }));
const pct = (v) => (v === null || v === undefined ? '—' : formatPercent(v, { locale, maximumFractionDigits: 2 }));

function fail(err, context) {
  fillError($('error'), err, context);
}

/** Copies the form's fields into the input, leaving the rest as it is. */
function fromForm() {
  const input = state.input;
  const target = $('target').value.trim();
  if (target) input.target = target;
  input.method = { ...(input.method ?? {}), split: $('split').value };
  const oa = {};
  for (const level of ['company', 'region', 'team']) {
    const v = $(`oa-${level}`).value.trim();
    if (v) oa[level] = v;
  }
  if (Object.keys(oa).length) input.overAssignment = oa;
  else delete input.overAssignment;
  $('input-json').value = JSON.stringify(input, null, 2);
}

function toForm({ json = true } = {}) {
  const input = state.input;
  $('target').value = input.target ?? '';
  $('split').value = input.method?.split ?? 'equal';
  for (const level of ['company', 'region', 'team']) $(`oa-${level}`).value = input.overAssignment?.[level] ?? '';
  if (json) $('input-json').value = JSON.stringify(input, null, 2);
}

function run() {
  try {
    state.result = quotaPlan(state.input);
    $('error').hidden = true;
  } catch (err) {
    fail(err, 'The quota plan');
    return;
  }
  if (!state.result.nodes.some((n) => n.id === state.selected)) state.selected = state.result.nodes[0]?.id ?? '';
  renderTotals();
  renderTree();
  renderNode();
}

function renderTotals() {
  const t = state.result.totals;
  const card = (label, value, id, accent) => el('div', { class: `card${accent ? ' card-accent' : ''}` }, el('dt', null, label), el('dd', { id }, value));
  $('totals').replaceChildren(
    card('Company target', money(t.target), 'total-target', true),
    card('Sum of rep quotas', money(t.leafSum), 'total-leaves'),
    card('Over-assignment, compounded', pct(t.overAssignment), 'total-oa'),
    card('Bottom-up', money(t.bottomUp), 'total-bottom-up'),
    card('Top-down − bottom-up', t.gap === null ? '—' : `${money(t.gap)} (${pct(t.gapRatio)})`, 'total-gap'),
    card('Unassigned by ramp', money(t.rampGap), 'total-ramp'),
  );
}

function renderTree() {
  const head = ['Name', 'Level', 'Quota', 'Over-assignment', 'Children sum', 'Bottom-up', 'Gap', 'After ramp'];
  const rows = state.result.nodes.map((n) => {
    const tr = el('tr', { 'data-node-id': n.id, tabindex: '0', 'aria-selected': String(n.id === state.selected) },
      el('td', { class: 'name', style: `--depth: ${n.depth}` }, n.name),
      el('td', null, n.level),
      el('td', { class: 'num' }, money(n.quota)),
      el('td', { class: 'num' }, n.children.length ? pct(n.overAssignment) : ''),
      el('td', { class: 'num' }, n.childrenSum === null ? '' : money(n.childrenSum)),
      el('td', { class: 'num' }, money(n.bottomUp)),
      el('td', { class: `num${n.gap && n.gap.startsWith('-') ? ' gap-neg' : ''}` }, n.gap === null ? '—' : money(n.gap)),
      el('td', { class: 'num' }, money(n.effective)));
    if (n.id === state.selected) tr.classList.add('selected');
    const pick = () => { state.selected = n.id; renderTree(); renderNode(); };
    tr.addEventListener('click', pick);
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); } });
    return tr;
  });
  $('tree').replaceChildren(el('caption', null, `${state.result.totals.nodes} nodes, ${state.result.totals.leaves} reps`),
    el('thead', null, el('tr', null, ...head.map((h, i) => el('th', { scope: 'col', class: i >= 2 ? 'num' : '' }, h)))),
    el('tbody', null, ...rows));
}

/** Monthly quota as columns (geometry from Number(); labels from the strings). */
function seasonChart(node) {
  const ns = 'http://www.w3.org/2000/svg';
  const mk = (tag, attrs, text) => {
    const n = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
    if (text !== undefined) n.textContent = text;
    return n;
  };
  const W = Math.max(280, Math.round($('season-chart').clientWidth) || 420);
  const H = 200;
  const m = { l: 8, r: 8, t: 18, b: 22 };
  const vals = node.months.map(Number);
  const eff = node.effectiveMonths.map(Number);
  const max = Math.max(1, ...vals);
  const bw = (W - m.l - m.r) / 12;
  const y = (v) => H - m.b - (v / max) * (H - m.t - m.b);
  const svg = mk('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img' });
  vals.forEach((v, i) => {
    const x = m.l + i * bw;
    svg.append(mk('rect', { x: x + 3, y: y(v), width: bw - 6, height: H - m.b - y(v), fill: '#c9d6f5', class: 'month' }, undefined));
    svg.append(mk('rect', { x: x + 3, y: y(eff[i]), width: bw - 6, height: H - m.b - y(eff[i]), fill: '#2f5fcf', opacity: 0.85 }));
    svg.append(mk('text', { x: x + bw / 2, y: H - 6, 'text-anchor': 'middle', 'font-size': 11, fill: '#5d6778' }, MONTHS[i]));
  });
  const peak = node.months.reduce((best, v, i) => (Number(v) > Number(node.months[best]) ? i : best), 0);
  svg.setAttribute('aria-label', `${node.name}: ${money(node.quota)} a year, phased by month; the largest month is ${MONTHS[peak]} with ${money(node.months[peak])}.`);
  const fig = el('figure', { class: 'season' }, el('figcaption', null, `${node.name}: ${money(node.quota)} by month (light: quota; dark: after proration and ramp)`));
  fig.append(svg);
  const table = el('table', { class: 'data-table', id: 'node-months' }, el('caption', { class: 'sr-only' }, 'By month'),
    el('thead', null, el('tr', null, ...['Month', 'Quota', 'After ramp'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', null, ...node.months.map((v, i) => el('tr', null, el('th', { scope: 'row' }, MONTHS[i]), el('td', { class: 'num' }, money(v)), el('td', { class: 'num' }, money(node.effectiveMonths[i]))))));
  return [fig, el('details', null, el('summary', null, 'Months as a table'), table)];
}

function renderNode() {
  const node = state.result.nodes.find((n) => n.id === state.selected);
  if (!node) return;
  $('node-heading').textContent = node.name;
  $('season-chart').replaceChildren(...seasonChart(node));
  $('node-explanation').replaceChildren(...node.explanation.map((s) => el('li', null, s)));
}

function runCapacity() {
  const v = (id) => $(id).value.trim();
  const input = {
    currency: state.input?.currency ?? 'USD',
    year: state.input?.year ?? 2026,
    target: v('cap-target'),
    productivity: v('cap-productivity'),
    startingReps: Number.parseInt(v('cap-reps'), 10),
    attrition: v('cap-attrition') || undefined,
    ramp: v('cap-ramp') ? v('cap-ramp').split(/[\s,;]+/).filter(Boolean) : undefined,
    hireLeadMonths: v('cap-lead') ? Number.parseInt(v('cap-lead'), 10) : undefined,
    maxHiresPerMonth: v('cap-max') ? Number.parseInt(v('cap-max'), 10) : undefined,
  };
  let r;
  try {
    r = capacityPlan(input);
    $('error').hidden = true;
  } catch (err) {
    fail(err, 'The capacity plan');
    return;
  }
  const m = (x) => formatMoney(x, r.currency, { locale });
  $('cap-answer').textContent = r.answer;
  const head = ['Month', 'Requisitions', 'Hires', 'Headcount', 'Ramped', 'Attrition', 'Bookings', 'Cumulative'];
  $('cap-how').replaceChildren(...r.explanation.map((x) => el('li', null, x)));
  $('cap-months').replaceChildren(el('caption', null, 'Month by month'),
    el('thead', null, el('tr', null, ...head.map((h, i) => el('th', { scope: 'col', class: i ? 'num' : '' }, h)))),
    el('tbody', null, ...r.months.map((x) => el('tr', { 'data-month': String(x.month) }, el('th', { scope: 'row' }, x.label),
      el('td', { class: 'num' }, String(x.requisitions)), el('td', { class: 'num' }, String(x.hires)),
      el('td', { class: 'num' }, formatDecimal(x.headcount, { locale, maximumFractionDigits: 2 })),
      el('td', { class: 'num' }, formatDecimal(x.rampedHeadcount, { locale, maximumFractionDigits: 2 })),
      el('td', { class: 'num' }, formatDecimal(x.attrition, { locale, maximumFractionDigits: 2 })),
      el('td', { class: 'num' }, m(x.bookings)), el('td', { class: 'num' }, m(x.cumulative))))));
}

function debounce(fn, ms) {
  let t = 0;
  return () => { clearTimeout(t); t = window.setTimeout(fn, ms); };
}

async function main() {
  await init();
  $('engine-version').textContent = `v${version()}`;
  // The quota tree is the active company's roster (managers above their people) with each
  // person's bookings as history; a workspace without people gets the generated sample.
  const company = await activeCompany();
  reloadOnWorkspaceChange(company.id);
  if (company.payees.length > 0) {
    state.input = JSON.parse(quotaInputFor(company.payees, company.transactionsCsv, {}));
    $('company-note').textContent = `${company.company}: ${company.payees.length} people, their managers and their bookings.`;
  } else {
    state.input = JSON.parse(quotaSample());
    $('company-note').textContent = `The workspace “${company.company}” has no people yet; showing a generated sample.`;
  }
  toForm();
  $('setup').addEventListener('input', debounce(() => { fromForm(); run(); }, 150));
  $('setup').addEventListener('submit', (e) => e.preventDefault());
  $('input-json').addEventListener('input', debounce(() => {
    try {
      state.input = JSON.parse($('input-json').value);
    } catch (err) {
      fail(err, 'The JSON');
      return;
    }
    toForm({ json: false }); // the text being typed stays as it is
    run();
  }, 300));
  $('capacity').addEventListener('input', debounce(runCapacity, 150));
  $('capacity').addEventListener('submit', (e) => e.preventDefault());
  run();
  runCapacity();
  $('status').hidden = true;
  document.body.dataset.ready = '1';
}

main().catch((err) => {
  $('status').hidden = true;
  fail(err, 'The page could not start');
});
