// The payouts page: the active company's plans, one payout report per plan, a table of payees
// by period, a chart, and a statement panel (<spm-statement>) explaining any one amount.
// All data is put into the page as text (textContent), never as HTML.

import { init, version, loadDataset } from '../../lib/engine.js';
import { activeCompany, reloadOnWorkspaceChange } from '../../lib/company.js';
import { formatMoney, formatCount, formatDecimal, compareDecimal, isZero } from '../../lib/format.js';
import { $, el, fillError, clearError } from '../../lib/dom.js';
import { engineFor } from '../../lib/session.js';
import { warningItems } from '../../components/spm-statement.js';

const ui = {
  select: /** @type {HTMLSelectElement} */ ($('plan-select')),
  error: $('error'),
  warnings: $('warnings'),
  status: $('status'),
  company: $('company'),
  engineVersion: $('engine-version'),
  planName: $('plan-name'),
  total: $('total-payout'),
  payeeCount: $('payee-count'),
  transactionCount: $('transaction-count'),
  table: /** @type {HTMLTableElement} */ ($('payout-table')),
  canvas: /** @type {HTMLCanvasElement} */ ($('payout-chart')),
  statement: $('statement'),
  statementTitle: $('statement-title'),
  statementBody: $('statement-body'),
  statementClose: $('statement-close'),
};

const state = {
  /** @type {any} */ sample: null,
  /** @type {any} */ dataset: null,
  /** @type {Map<string, any>} */ payees: new Map(),
  /** @type {any} */ report: null,
  /** @type {any} */ plan: null,
  /** @type {any} */ chart: null,
  /** The cell button whose statement is open, to give focus back on close. */
  /** @type {HTMLElement | null} */ opener: null,
};

// ---------------------------------------------------------------------------------------------
// Errors and status.

function showError(err, context) {
  fillError(ui.error, err, context);
  ui.status.textContent = '';
}

/** Engine warnings (the payout was computed, but something deserves a look). */
function renderWarnings(warnings) {
  ui.warnings.hidden = warnings.length === 0;
  ui.warnings.replaceChildren(...warningItems(warnings));
}

// ---------------------------------------------------------------------------------------------
// Rendering.

function money(amount) {
  return formatMoney(amount, state.report?.currency ?? state.plan?.currency ?? 'USD');
}

function renderSummary(report) {
  ui.planName.textContent = report.planName;
  ui.total.textContent = money(report.totals.payout);
  ui.total.title = `${report.totals.payout} ${report.currency}`;
  ui.total.dataset.amount = report.totals.payout;
  ui.payeeCount.textContent = formatCount(state.dataset.payeeCount);
  ui.transactionCount.textContent = formatCount(state.dataset.transactionCount);
}

function renderTable(report) {
  const statements = new Map();
  for (const s of report.statements) statements.set(`${s.payeeId}\u0000${s.period}`, s);
  const totals = new Map(report.totals.byPayee.map((t) => [t.payeeId, t.payout]));

  const headRow = el('tr', null,
    el('th', { scope: 'col' }, 'Payee'),
    el('th', { scope: 'col' }, 'Role'),
    el('th', { scope: 'col' }, 'Manager'),
  );
  for (const period of report.periods) headRow.append(el('th', { scope: 'col', class: 'num' }, period));
  headRow.append(el('th', { scope: 'col', class: 'num' }, 'Total'));
  ui.table.tHead.replaceChildren(headRow);

  const body = document.createDocumentFragment();
  // Payees the plan does not cover (managers and directors of a rep plan) are not listed: a row of
  // dashes read as "paid nothing". The note under the table names how many were left out.
  const onPlan = new Set(report.statements.map((s) => s.payeeId));
  const listed = state.sample.payees.filter((p) => onPlan.has(p.id));
  const off = state.sample.payees.length - listed.length;
  let note = document.getElementById('off-plan');
  if (!note) {
    note = el('p', { id: 'off-plan', class: 'hint' });
    ui.table.closest('section')?.append(note);
  }
  note.textContent = off === 0 ? '' : `${off} ${off === 1 ? 'payee is' : 'payees are'} not on this plan (by role or eligibility) and not listed.`;
  for (const payee of listed) {
    const manager = payee.managerId ? state.payees.get(payee.managerId) : null;
    const row = el('tr', { 'data-payee-id': payee.id },
      el('th', { scope: 'row' }, payee.name),
      el('td', { class: 'muted' }, payee.role ?? ''),
      el('td', { class: 'muted' }, manager ? manager.name : '—'),
    );
    for (const period of report.periods) {
      const s = statements.get(`${payee.id}\u0000${period}`);
      const cell = el('td', { class: 'num' });
      if (s) {
        const button = el('button', {
          type: 'button',
          class: 'amount',
          'data-period': period,
          'data-payee-id': payee.id,
          'data-amount': s.total,
          'aria-label': `${payee.name}, ${period}: ${money(s.total)}. Show the statement.`,
        }, money(s.total));
        if (isZero(s.total)) button.classList.add('zero');
        cell.append(button);
      } else {
        cell.append(el('span', { class: 'muted', 'aria-label': 'no statement' }, '—'));
      }
      row.append(cell);
    }
    row.append(el('td', { class: 'num total' }, totals.has(payee.id) ? money(totals.get(payee.id)) : '—'));
    body.append(row);
  }
  ui.table.tBodies[0].replaceChildren(body);

  const byPeriod = new Map(report.totals.byPeriod.map((t) => [t.period, t.payout]));
  const footRow = el('tr', null, el('th', { scope: 'row', colspan: '3' }, 'All payees'));
  for (const period of report.periods) {
    footRow.append(el('td', { class: 'num' }, byPeriod.has(period) ? money(byPeriod.get(period)) : '—'));
  }
  footRow.append(el('td', { class: 'num total' }, money(report.totals.payout)));
  ui.table.tFoot.replaceChildren(footRow);
}

function renderChart(report) {
  const Chart = /** @type {any} */ (window).Chart;
  if (!Chart) {
    ui.canvas.replaceWith(el('p', { class: 'hint' }, 'The chart library did not load.'));
    return;
  }
  const rows = [...report.totals.byPayee].sort((a, b) => compareDecimal(b.payout, a.payout));
  const labels = rows.map((r) => r.payeeName);
  // Chart.js draws with numbers: converting here is for bar heights only. Every figure a person
  // reads (tooltip, axis) is formatted from the exact decimal string or Intl.
  const values = rows.map((r) => Number(r.payout));
  const exact = rows.map((r) => r.payout);
  const currency = report.currency;
  const axisFormat = new Intl.NumberFormat(undefined, {
    style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1,
  });

  if (state.chart) {
    state.chart.data.labels = labels;
    state.chart.data.datasets[0].data = values;
    state.chart.$exact = exact;
    state.chart.options.scales.y.ticks.callback = (v) => axisFormat.format(v);
    state.chart.update();
    return;
  }
  const chart = new Chart(ui.canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: [{
        label: 'Total payout',
        data: values,
        backgroundColor: '#3b6fd8',
        hoverBackgroundColor: '#2451b0',
        borderRadius: 3,
        maxBarThickness: 28,
      }],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (ctx) => formatMoney(chart.$exact[ctx.dataIndex], currency),
          },
        },
      },
      scales: {
        x: { ticks: { autoSkip: false, maxRotation: 60, minRotation: 45, font: { size: 11 } }, grid: { display: false } },
        y: { beginAtZero: true, ticks: { callback: (v) => axisFormat.format(v) }, grid: { color: '#e7eaf0' } },
      },
    },
  });
  chart.$exact = exact;
  state.chart = chart;
}

function openStatement(payeeId, period, opener) {
  const s = state.report.statements.find((x) => x.payeeId === payeeId && x.period === period);
  if (!s) return;
  state.opener = opener ?? null;
  for (const b of ui.table.querySelectorAll('button[aria-pressed]')) b.removeAttribute('aria-pressed');
  opener?.setAttribute('aria-pressed', 'true');

  ui.statementTitle.textContent = `${s.payeeName} · ${s.period}`;
  ui.statementBody.showPayout([s], { plan: state.plan });
  ui.statement.hidden = false;
  ui.statement.scrollTop = 0;
  ui.statement.focus();
}

function closeStatement() {
  if (ui.statement.hidden) return;
  ui.statement.hidden = true;
  for (const b of ui.table.querySelectorAll('button[aria-pressed]')) b.removeAttribute('aria-pressed');
  const opener = state.opener;
  state.opener = null;
  if (opener && opener.isConnected) opener.focus();
}

// ---------------------------------------------------------------------------------------------
// Flow.

function showPlan(planId) {
  const plan = state.sample.plans.find((p) => p.id === planId);
  if (!plan) return;
  clearError(ui.error);
  closeStatement();
  try {
    const started = performance.now();
    const report = engineFor(plan).payout(state.dataset);
    const ms = performance.now() - started;
    state.plan = plan;
    state.report = report;
    renderSummary(report);
    renderTable(report);
    renderChart(report);
    ui.status.textContent =
      `${report.planName}: ${formatCount(report.statements.length)} statements computed in ${formatDecimal(ms.toFixed(0))} ms.`;
    renderWarnings(report.warnings ?? []);
  } catch (err) {
    showError(err, `Could not compute the payouts of “${plan.name}”`);
  }
}

async function main() {
  try {
    await init();
    ui.engineVersion.textContent = `v${version()}`;
    state.sample = await activeCompany({ needs: ['plans', 'people'] });
    reloadOnWorkspaceChange(state.sample.id);
    ui.company.textContent = state.sample.company;
    for (const p of state.sample.payees) state.payees.set(p.id, p);
    state.dataset = loadDataset({ transactionsCsv: state.sample.transactionsCsv, payees: state.sample.payees });
  } catch (err) {
    showError(err, err?.code === 'WORKSPACE_EMPTY' ? 'Nothing to compute yet' : 'Could not start the engine');
    return;
  }

  ui.select.replaceChildren(...state.sample.plans.map((p) => el('option', { value: p.id }, p.name)));
  ui.select.disabled = false;
  ui.select.addEventListener('change', () => showPlan(ui.select.value));
  $('controls').addEventListener('submit', (e) => e.preventDefault());

  ui.table.addEventListener('click', (e) => {
    const button = /** @type {HTMLElement} */ (e.target).closest?.('button[data-period]');
    if (button instanceof HTMLElement) {
      openStatement(button.dataset.payeeId ?? '', button.dataset.period ?? '', button);
    }
  });
  ui.statementClose.addEventListener('click', closeStatement);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') closeStatement();
  });

  showPlan(ui.select.value);
  document.body.dataset.ready = 'true';
}

main();
