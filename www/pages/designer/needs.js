// The designer's "Data this plan needs" panel: what the plan reads of each payee (quotas per
// component and period, target incentive, inputs, MBO scores, exchange rates), from
// PlanEngine.requirements(), and which people lack what, from PlanEngine.missingData(payees),
// each with the engine's sentence. The payees are a plain PayeeSpec[]: the sample's today, the
// workspace's people later. No arithmetic here: the engine decides what is missing.

import { el, fillError } from '../../lib/dom.js';
import { formatCount, listText } from '../../lib/format.js';

/** Periods as the engine lists them, shortened when they are all the periods looked at. */
function periodsText(periods, all) {
  if (periods.length === 0) return 'the year';
  if (periods.length === all.length && periods.length > 1) return `every period (${periods[0]} to ${periods[periods.length - 1]})`;
  return listText(periods);
}

/**
 * Draws the panel into `container`.
 * @param {HTMLElement} container
 * @param {{ requirements(): any, missingData(payees: any, ratesCsv?: string | null): any }} engine a compiled PlanEngine
 * @param {object[]} payees PayeeSpec[]
 * @param {{ locale?: string, ratesCsv?: string }} [options]
 */
export function renderNeeds(container, engine, payees, { locale, ratesCsv } = {}) {
  let req;
  let gaps;
  try {
    req = engine.requirements();
    gaps = engine.missingData(payees, ratesCsv ?? null);
  } catch (err) {
    const box = el('div', { class: 'error' });
    fillError(box, err, 'Could not check the payees against this plan');
    container.replaceChildren(box);
    return;
  }
  const needs = el('table', { class: 'data-table', id: 'needs-table' },
    el('caption', { class: 'sr-only' }, 'What the plan reads of each payee'),
    el('thead', null, el('tr', null, el('th', { scope: 'col' }, 'Component'), el('th', { scope: 'col' }, 'Needs'),
      el('th', { scope: 'col' }, 'When'), el('th', { scope: 'col' }, 'Of whom'))),
    el('tbody', null, ...req.needs.map((n) => el('tr', { 'data-kind': n.kind },
      el('td', null, n.componentName),
      el('td', null, n.what.charAt(0).toUpperCase() + n.what.slice(1), n.stopsPayout ? '' : ' (optional: pays nothing without it)'),
      el('td', null, n.kind === 'mbo' && n.due ? `due ${n.due}` : periodsText(n.periods, req.periods)),
      el('td', null, n.payees ? listText(n.payees) : n.roles ? `role ${listText(n.roles)}` : 'everyone on the plan')))));
  const count = gaps.length;
  const summary = el('p', { id: 'needs-count', class: count ? 'warnings' : 'hint', role: 'status' },
    count === 0
      ? `All ${formatCount(payees.length, { locale })} people have what this plan needs.`
      : `${formatCount(count, { locale })} of ${formatCount(payees.length, { locale })} people lack data this plan needs.`);
  const rows = gaps.flatMap((g) => g.items.map((item, i) => el('tr', { 'data-payee': g.payeeId, 'data-kind': item.kind },
    i === 0 ? el('th', { scope: 'row', rowspan: String(g.items.length) }, `${g.name} (${g.payeeId})`) : null,
    el('td', null, item.what),
    el('td', null, item.sentence))));
  const people = count === 0 ? null : el('div', { class: 'table-wrap' }, el('table', { class: 'data-table', id: 'needs-gaps' },
    el('caption', { class: 'sr-only' }, 'Who lacks what'),
    el('thead', null, el('tr', null, el('th', { scope: 'col' }, 'Person'), el('th', { scope: 'col' }, 'What is missing'),
      el('th', { scope: 'col' }, 'Why it matters'))),
    el('tbody', null, ...rows)));
  container.replaceChildren(
    el('p', { class: 'hint' }, `Over ${periodsText(req.periods, req.periods)} in ${req.currency}. ${req.rates}`),
    el('div', { class: 'table-wrap' }, needs),
    summary,
    people,
  );
}
