// SVG charts shared by the plan designer and the insights page, drawn as inline SVG: the payout
// curve against attainment (with its table), the payout distribution, pay against performance,
// and bar lists of totals or changes.
//
// Amounts arrive as the engine's decimal strings. Number() turns them into pixel positions only;
// every number shown as text is formatted from its string (www/lib/format.js), and JS never adds
// money up. The DOM is built with createElementNS and text nodes only (names are data). Colours
// are CSS custom properties with fallbacks, set through the CSSOM so a page can restyle them
// (--chart-1 … --chart-6, --text, --muted, --line, --accent, --danger).

import { compareDecimal, formatCount, formatMoney, formatPercent, isDecimalString } from './format.js';
import { el } from './dom.js';

/**
 * @typedef {{ id: string, name: string }} CurveComponent
 * @typedef {{ attainment: string, credit: string, total: string, earnings: string[] }} CurvePoint
 * @typedef {{ attainment: string, componentId: string, label: string }} CurveBreak
 * @typedef {{ componentId: string, attainment: string, amount: string }} CapMark
 * @typedef {{ currency: string, period: string, componentId: string, quota: string,
 *   components: CurveComponent[], points: CurvePoint[], breaks: CurveBreak[], caps: CapMark[],
 *   method: string }} AttainmentCurve The engine's payout curve (src/spec/design.rs).
 * @typedef {{ from: string, to: string, count: number }} Bin
 * @typedef {{ id: string, label: string, x: string | null, y: string | null }} ScatterPoint
 * @typedef {{ id: string, label: string, value: string, delta?: string | null }} BarItem
 */

const NS = 'http://www.w3.org/2000/svg';
const PALETTE = ['#2f5fcf', '#d97008', '#15936b', '#8748d6', '#cf3f7f', '#7b6126'];
const TEXT = 'var(--text, #1c2330)';
const MUTED = 'var(--muted, #5d6778)';
const LINE = 'var(--line, #e2e6ec)';
const AXIS = 'var(--line-strong, #cdd3dc)';
const ACCENT = 'var(--accent, #2f5fcf)';
const DANGER = 'var(--danger, #b42318)';
const FONT = 11;

/** The i-th series colour (6 that stay apart, then round again). @param {number} i */
const color = (i) => `var(--chart-${(i % 6) + 1}, ${PALETTE[i % 6]})`;

// -- payout curve ------------------------------------------------------------------------------

/**
 * The payout curve: payout against attainment, one line per component that pays anything, a
 * thicker total, dashed lines where tiers or thresholds start, and a mark where a cap cuts.
 *
 * @param {{ curve: AttainmentCurve, currency?: string, locale?: string, width: number,
 *   highlight?: string | null }} options `highlight`: an attainment to mark on the total line.
 * @returns {HTMLElement} A <figure>.
 */
export function payoutCurveChart({ curve, currency = curve.currency, locale, width, highlight = null }) {
  /** @param {string} v @param {number} [digits] */
  const money = (v, digits) => formatMoney(v, currency, { locale, maximumFractionDigits: digits });
  const pct = (/** @type {string} */ v) => formatPercent(v, { locale });
  const pts = curve.points.filter((p) => isDecimalString(p.attainment) && isDecimalString(p.total));
  const W = Math.max(320, Math.round(width));
  const H = 320;
  const paying = curve.components.map((_, i) => pts.some((p) => isDecimalString(p.earnings[i]) && compareDecimal(p.earnings[i], '0') !== 0));

  // Geometry: the highest value drawn (a total, an earning or a cap) sets the payout axis.
  // Breaks and caps outside the points' range are left out.
  const xMaxRaw = Math.max(...pts.map((p) => Number(p.attainment)), 0.01);
  const x = axisScale(0, xMaxRaw, 5);
  const inRange = (/** @type {string} */ a) => isDecimalString(a) && Number(a) >= 0 && Number(a) <= xMaxRaw;
  const breaks = curve.breaks.filter((b) => inRange(b.attainment));
  const capMarks = curve.caps.filter((c) => inRange(c.attainment) && isDecimalString(c.amount));
  const values = pts.flatMap((p) => [p.total, ...p.earnings]).concat(capMarks.map((c) => c.amount)).map(Number).filter(Number.isFinite);
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const y = axisScale(lo, hi, 5, hi - lo >= 1 || hi === lo);
  const yLabels = y.ticks.map((t) => money(t.text, y.decimals));
  const m = { l: Math.ceil(Math.max(...yLabels.map((t) => textWidth(t)))) + 14, r: 18, t: 0, b: 42 };
  const px = (/** @type {number} */ v) => m.l + (v / x.max) * (W - m.l - m.r);

  // Break tags above the plot: "T2" when the label names a tier, else the attainment; breaks at the
  // same attainment share one tag, and tags that would touch go to the next row (at most 3).
  /** @type {Map<string, CurveBreak[]>} */
  const groups = new Map();
  for (const b of [...breaks].sort((a, b) => compareDecimal(a.attainment, b.attainment))) {
    const key = [...groups.keys()].find((k) => compareDecimal(k, b.attainment) === 0) ?? b.attainment;
    groups.set(key, [...(groups.get(key) ?? []), b]);
  }
  const rowEnds = [-Infinity, -Infinity, -Infinity];
  const tags = [...groups].map(([at, group]) => {
    const text = [...new Set(group.map((b) => /\btier\s+(\d+)/i.exec(b.label)?.[1]).map((n, i) => (n ? `T${n}` : pct(group[i].attainment))))].join(' · ');
    const w = textWidth(text, FONT, 600);
    const cx = Math.min(Math.max(px(Number(at)), m.l + w / 2), W - m.r - w / 2);
    let row = rowEnds.findIndex((end) => cx - w / 2 > end + 6);
    if (row < 0) row = rowEnds.indexOf(Math.min(...rowEnds));
    rowEnds[row] = cx + w / 2;
    const ids = new Set(group.map((b) => b.componentId));
    const ci = curve.components.findIndex((c) => c.id === group[0].componentId);
    return { at, group, text, cx, row, fill: ids.size === 1 && ci >= 0 ? color(ci) : TEXT };
  });
  const rows = Math.max(0, ...tags.map((t) => t.row + 1));
  m.t = 10 + rows * 14 + (rows ? 6 : 8);
  const py = (/** @type {number} */ v) => m.t + (1 - (v - y.min) / (y.max - y.min)) * (H - m.t - m.b);

  const svg = chartSvg(W, H);
  drawAxes(svg, { W, H, m, px, py, x, y, xLabels: x.ticks.map((t) => pct(t.text)), yLabels });
  svg.append(axisTitle(W, H, m, `Attainment (quota ${money(curve.quota)})`));

  for (const t of tags) {
    svg.append(svgEl('text', { class: 'break-tag', x: t.cx, y: 10 + t.row * 14 + 9, 'text-anchor': 'middle', style: { fill: t.fill, 'font-weight': '600' } },
      svgEl('title', {}, t.group.map((b) => `${b.label} (from ${pct(b.attainment)})`).join('\n')), t.text));
    for (const b of t.group) {
      const ci = curve.components.findIndex((c) => c.id === b.componentId);
      svg.append(svgEl('line', {
        class: 'break', 'data-component': b.componentId, x1: px(Number(b.attainment)), x2: px(Number(b.attainment)), y1: m.t, y2: py(y.min),
        style: { stroke: ci >= 0 ? color(ci) : MUTED, 'stroke-width': '1', 'stroke-dasharray': '4 3', opacity: '0.75' },
      }, svgEl('title', {}, b.label)));
    }
  }

  const path = (/** @type {(p: CurvePoint) => string} */ pick) => `M${pts.map((p) => `${f1(px(Number(p.attainment)))},${f1(py(Number(pick(p))))}`).join(' L')}`;
  curve.components.forEach((c, i) => {
    if (!paying[i] || pts.length === 0) return;
    svg.append(svgEl('path', {
      class: 'series', 'data-component': c.id, d: path((p) => p.earnings[i] ?? '0'),
      style: { fill: 'none', stroke: color(i), 'stroke-width': '2', 'stroke-linejoin': 'round' },
    }));
  });
  if (pts.length) svg.append(svgEl('path', { class: 'total', d: path((p) => p.total), style: { fill: 'none', stroke: TEXT, 'stroke-width': '3', 'stroke-linejoin': 'round' } }));

  // Caps: a red diamond where the cap starts to cut and a dashed line at its amount.
  const capTexts = [];
  for (const c of capMarks) {
    const cx = px(Number(c.attainment));
    const cy = py(Number(c.amount));
    const text = `cap ${money(c.amount)} from ${pct(c.attainment)}`;
    capTexts.push(text);
    const w = textWidth(text);
    // Right of the diamond, else left of it, else above it against the right edge.
    const side = cx + 9 + w <= W - m.r ? 'right' : cx - 9 - w >= m.l ? 'left' : 'above';
    const name = curve.components.find((k) => k.id === c.componentId)?.name ?? 'the plan';
    svg.append(svgEl('g', { class: 'cap', 'data-component': c.componentId },
      svgEl('title', {}, `${name}: ${text}`),
      svgEl('line', { x1: cx, x2: W - m.r, y1: cy, y2: cy, style: { stroke: DANGER, 'stroke-width': '1.25', 'stroke-dasharray': '5 3' } }),
      svgEl('path', { d: `M${f1(cx)},${f1(cy - 6)} L${f1(cx + 6)},${f1(cy)} L${f1(cx)},${f1(cy + 6)} L${f1(cx - 6)},${f1(cy)} Z`, style: { fill: DANGER, stroke: '#fff', 'stroke-width': '1' } }),
      svgEl('text', {
        x: f1(side === 'right' ? cx + 9 : side === 'left' ? cx - 9 : W - m.r),
        y: f1(side === 'above' ? (cy - 20 < m.t ? cy + 20 : cy - 10) : cy - 12 < m.t ? cy + 15 : cy - 6),
        'text-anchor': side === 'right' ? 'start' : 'end', style: { fill: DANGER, 'font-weight': '600' },
      }, text)));
  }

  // The highlighted attainment: on a point when there is one, else between its neighbours.
  let marked = '';
  if (highlight && isDecimalString(highlight) && pts.length) {
    const exact = pts.find((p) => compareDecimal(p.attainment, highlight) === 0);
    const h = Number(highlight);
    const after = pts.findIndex((p) => Number(p.attainment) >= h);
    let yv = Number(pts[pts.length - 1].total);
    if (exact) yv = Number(exact.total);
    else if (after === 0) yv = Number(pts[0].total);
    else if (after > 0) {
      const a = pts[after - 1];
      const b = pts[after];
      const s = (h - Number(a.attainment)) / (Number(b.attainment) - Number(a.attainment) || 1);
      yv = Number(a.total) + s * (Number(b.total) - Number(a.total));
    }
    marked = exact ? `${money(exact.total)} at ${pct(highlight)}` : pct(highlight);
    svg.append(svgEl('circle', {
      class: 'highlight', cx: f1(px(Math.min(h, x.max))), cy: f1(py(yv)), r: 5.5, style: { fill: ACCENT, stroke: '#fff', 'stroke-width': '2' },
    }, svgEl('title', {}, `Marked: ${marked}`)));
  }

  // The text alternative: the curve at its ends and at 100%, where tiers start, what caps.
  const said = [pts[0], pts.find((p) => compareDecimal(p.attainment, '1') === 0), pts[pts.length - 1]]
    .filter((p, i, all) => p !== undefined && all.indexOf(p) === i).map((p) => `${money(/** @type {CurvePoint} */ (p).total)} at ${pct(/** @type {CurvePoint} */ (p).attainment)}`);
  const starts = [...groups.keys()].map((a) => pct(a));
  const caps = capMarks.map((c) => pct(c.attainment));
  const names = curve.components.filter((_, i) => paying[i]).map((c) => c.name);
  svg.setAttribute('aria-label',
    `Payout against attainment for ${curve.period}: ${said.join(', ') || 'no points'}; `
    + `${starts.length ? `tiers or thresholds start at ${list(starts)}` : 'no tier or threshold starts in this range'}`
    + `${caps.length === 1 ? `; a cap cuts from ${caps[0]}` : caps.length ? `; caps cut from ${list(caps)}` : ''}. `
    + `${names.length ? `Lines for ${list(names)}, and the total.` : 'Only the total is drawn.'}`
    + `${marked ? ` Marked: ${marked}.` : ''}`);

  // The legend, in HTML so long names wrap; names are text nodes.
  const legend = el('ul', { class: 'chart-legend' });
  styleLegend(legend);
  curve.components.forEach((c, i) => {
    legend.append(legendItem(c.name, paying[i] ? color(i) : null, 2, paying[i] ? null : 'pays nothing in this range'));
  });
  legend.append(legendItem('Total', TEXT, 3, null));

  const caption = el('figcaption', null, el('strong', null, `Payout against attainment, ${curve.period}`));
  if (curve.method) caption.append(el('span', { class: 'chart-note' }, ` — ${curve.method}`));
  return figure(caption, svg, legend);
}

/**
 * The curve as a table (the "show as table" view): attainment, each component, total.
 *
 * @param {AttainmentCurve} curve
 * @param {{ currency?: string, locale?: string }} [options]
 * @returns {HTMLTableElement}
 */
export function curveTable(curve, { currency = curve.currency, locale } = {}) {
  const money = (/** @type {string} */ v) => formatMoney(v, currency, { locale });
  const table = /** @type {HTMLTableElement} */ (el('table', { class: 'curve-table' },
    el('caption', null, `Payout against attainment, ${curve.period}`),
    el('thead', null, el('tr', null,
      el('th', { scope: 'col' }, 'Attainment'),
      ...curve.components.map((c) => el('th', { scope: 'col', class: 'num' }, c.name)),
      el('th', { scope: 'col', class: 'num' }, 'Total'))),
    el('tbody', null, ...curve.points.map((p) => el('tr', { 'data-attainment': p.attainment },
      el('th', { scope: 'row' }, formatPercent(p.attainment, { locale })),
      ...curve.components.map((_, i) => el('td', { class: 'num' }, money(p.earnings[i]))),
      el('td', { class: 'num' }, money(p.total)))))));
  return table;
}

// -- distribution ------------------------------------------------------------------------------

/**
 * A histogram of payout per payee: one bar per bin, its count above it.
 *
 * @param {{ bins: Bin[], currency: string, locale?: string, width: number, title?: string }} options
 * @returns {HTMLElement} A <figure>.
 */
export function distributionChart({ bins, currency, locale, width, title = 'Payout per payee' }) {
  const money = (/** @type {string} */ v) => formatMoney(v, currency, { locale });
  const W = Math.max(300, Math.round(width));
  const H = 240;
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  const y = axisScale(0, maxCount, 4, true);
  const yLabels = y.ticks.map((t) => formatCount(Number(t.text), { locale }));
  const m = { l: Math.ceil(Math.max(...yLabels.map((t) => textWidth(t)))) + 14, r: 14, t: 26, b: 42 };
  const bw = (W - m.l - m.r) / Math.max(1, bins.length);
  const px = (/** @type {number} */ i) => m.l + i * bw;
  const py = (/** @type {number} */ v) => m.t + (1 - v / y.max) * (H - m.t - m.b);

  // Boundary labels ("$1K"), every k-th one so they do not touch.
  const bounds = bins.length ? [bins[0].from, ...bins.map((b) => b.to)] : [];
  const boundLabels = bounds.map((v) => compactMoney(v, currency, locale));
  const widest = Math.max(0, ...boundLabels.map((t) => textWidth(t)));
  const every = Math.max(1, Math.ceil((widest + 10) / bw));

  const svg = chartSvg(W, H);
  drawAxes(svg, { W, H, m, px: () => 0, py, x: null, y, xLabels: [], yLabels });
  svg.append(svgEl('text', { x: 2, y: 12, style: { fill: MUTED } }, 'Payees'), axisTitle(W, H, m, title));
  bounds.forEach((_, i) => {
    if (i % every !== 0 && i !== bounds.length - 1) return;
    if (i === bounds.length - 1 && i % every !== 0 && bw * (i % every) < widest + 10) return;
    const anchor = i === 0 ? 'start' : i === bounds.length - 1 ? 'end' : 'middle';
    svg.append(svgEl('line', { x1: px(i), x2: px(i), y1: py(0), y2: py(0) + 4, style: { stroke: AXIS } }),
      svgEl('text', { x: px(i), y: py(0) + 16, 'text-anchor': anchor, style: { fill: MUTED } }, boundLabels[i]));
  });
  bins.forEach((b, i) => {
    const range = `${money(b.from)} to ${money(b.to)}`;
    const top = py(b.count);
    const bar = svgEl('rect', {
      class: 'bar', 'data-count': b.count, x: f1(px(i) + 1), y: f1(top), width: f1(Math.max(1, bw - 2)), height: f1(py(0) - top),
      style: { fill: color(0), opacity: '0.85' },
    }, svgEl('title', {}, `${range}: ${payees(b.count, locale)}`));
    svg.append(bar);
    if (b.count > 0 && bw >= textWidth(formatCount(b.count, { locale })) + 2) {
      svg.append(svgEl('text', { x: f1(px(i) + bw / 2), y: f1(top - 4), 'text-anchor': 'middle', style: { fill: TEXT } }, formatCount(b.count, { locale })));
    }
  });

  const total = bins.reduce((s, b) => s + b.count, 0);
  const filled = bins.filter((b) => b.count > 0);
  const say = (/** @type {Bin} */ b) => `${formatCount(b.count, { locale })} from ${money(b.from)} to ${money(b.to)}`;
  const busiest = (/** @type {Bin[]} */ bs) => [...bs].sort((a, b) => b.count - a.count).slice(0, 3);
  const most = filled.reduce((best, b) => (b.count > (best?.count ?? -1) ? b : best), /** @type {Bin | null} */ (null));
  const nBins = `${formatCount(bins.length, { locale })} ${bins.length === 1 ? 'bin' : 'bins'}`;
  let summary = `${title}: no payees.`;
  if (total > 0) {
    summary = `${title}, ${payees(total, locale)} in ${nBins} from ${money(bounds[0])} to ${money(bounds[bounds.length - 1])}: `;
    if (filled.length > 8) summary += `the busiest ranges are ${list(busiest(filled).map(say))}.`;
    else {
      summary += `${filled.map(say).join('; ')}${filled.length < bins.length ? ' (empty bins left out)' : ''}`
        + `${most && filled.length > 1 ? `; the most common range is ${money(most.from)} to ${money(most.to)}` : ''}.`;
    }
  }
  svg.setAttribute('aria-label', summary);
  return figure(el('figcaption', null, el('strong', null, `${title}: distribution`)), svg, null);
}

// -- pay against performance -------------------------------------------------------------------

/**
 * Pay against performance: one focusable point per payee (Enter, Space or a click selects it),
 * attainment across, payout up, a light line at 100%. The <svg> is a role="group" rather than an
 * "img": an image's children are hidden from assistive technology, and these points are buttons.
 *
 * @param {{ points: ScatterPoint[], currency: string, locale?: string, width: number,
 *   xLabel?: string, yLabel?: string, title?: string, onSelect?: (id: string) => void }} options
 * @returns {HTMLElement} A <figure>.
 */
export function scatterChart({ points, currency, locale, width, xLabel = 'Attainment', yLabel = 'Payout', title = 'Pay against performance', onSelect }) {
  const money = (/** @type {string} */ v) => formatMoney(v, currency, { locale });
  const pct = (/** @type {string} */ v) => formatPercent(v, { locale });
  const shown = points.filter((p) => isDecimalString(p.x) && isDecimalString(p.y));
  const W = Math.max(320, Math.round(width));
  const H = 320;
  const ys = shown.map((p) => Number(p.y));
  const y = axisScale(Math.min(0, ...ys), Math.max(1, ...ys), 5, Math.max(1, ...ys) - Math.min(0, ...ys) >= 1);
  const yLabels = y.ticks.map((t) => formatMoney(t.text, currency, { locale, maximumFractionDigits: y.decimals }));
  const x = axisScale(0, Math.max(1.05, ...shown.map((p) => Number(p.x))), 5);
  const m = { l: Math.ceil(Math.max(...yLabels.map((t) => textWidth(t)))) + 14, r: 18, t: 26, b: 42 };
  const px = (/** @type {number} */ v) => m.l + (v / x.max) * (W - m.l - m.r);
  const py = (/** @type {number} */ v) => m.t + (1 - (v - y.min) / (y.max - y.min)) * (H - m.t - m.b);

  const svg = chartSvg(W, H);
  svg.setAttribute('role', 'group');
  drawAxes(svg, { W, H, m, px, py, x, y, xLabels: x.ticks.map((t) => pct(t.text)), yLabels });
  svg.append(svgEl('text', { x: 2, y: 12, style: { fill: MUTED } }, yLabel), axisTitle(W, H, m, xLabel));
  svg.append(svgEl('line', { class: 'target-line', x1: px(1), x2: px(1), y1: m.t - 6, y2: py(y.min), style: { stroke: MUTED, opacity: '0.45', 'stroke-width': '1' } }),
    svgEl('text', { x: px(1), y: m.t - 9, 'text-anchor': 'middle', style: { fill: MUTED } }, 'quota'));

  for (const p of shown) {
    const text = `${p.label}: ${pct(/** @type {string} */ (p.x))} attainment, ${money(/** @type {string} */ (p.y))} payout`;
    const dot = svgEl('circle', {
      class: 'point', 'data-id': p.id, cx: f1(px(Number(p.x))), cy: f1(py(Number(p.y))), r: 5, tabindex: 0, role: 'button', 'aria-label': text,
      style: { fill: color(0), 'fill-opacity': '0.7', stroke: '#fff', 'stroke-width': '1.5', cursor: onSelect ? 'pointer' : 'default', outline: 'none' },
    }, svgEl('title', {}, text));
    // The focus ring is drawn last, above the neighbours (moving the point itself would blur it).
    const ring = svgEl('circle', {
      class: 'focus-ring', cx: dot.getAttribute('cx'), cy: dot.getAttribute('cy'), r: 8, 'aria-hidden': 'true',
      style: { fill: 'none', stroke: TEXT, 'stroke-width': '2.5', 'pointer-events': 'none' },
    });
    const mark = (/** @type {boolean} */ on) => (on ? svg.append(ring) : ring.remove());
    dot.addEventListener('focus', () => mark(true));
    dot.addEventListener('blur', () => mark(false));
    dot.addEventListener('click', () => onSelect?.(p.id));
    dot.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        onSelect?.(p.id);
      }
    });
    svg.append(dot);
  }

  const lo = (/** @type {'x' | 'y'} */ k, sign) => shown.reduce((a, p) => (compareDecimal(/** @type {string} */ (p[k]), a) * sign > 0 ? /** @type {string} */ (p[k]) : a), /** @type {string} */ (shown[0]?.[k] ?? '0'));
  const atQuota = shown.filter((p) => compareDecimal(/** @type {string} */ (p.x), '1') >= 0).length;
  const left = points.length - shown.length;
  svg.setAttribute('aria-label', shown.length === 0 ? `${title}: no payees with an attainment.`
    : `${title} for ${payees(shown.length, locale)}: attainment from ${pct(lo('x', -1))} to ${pct(lo('x', 1))}, `
      + `payout from ${money(lo('y', -1))} to ${money(lo('y', 1))}; ${formatCount(atQuota, { locale })} at or above 100%.`
      + `${left ? ` ${payees(left, locale)} without an attainment ${left === 1 ? 'is' : 'are'} not drawn.` : ''} Each point is a button.`);
  return figure(el('figcaption', null, el('strong', null, title)), svg, null);
}

// -- bar list ----------------------------------------------------------------------------------

/**
 * Horizontal bars, one row per item: its `delta` when any item has one (changes: decreases to the
 * left of the zero axis in the danger colour, increases to the right), else its `value`.
 *
 * @param {{ items: BarItem[], currency: string, locale?: string, width: number, title?: string }} options
 * @returns {HTMLElement} A <figure>.
 */
export function barList({ items, currency, locale, width, title }) {
  const money = (/** @type {string} */ v) => formatMoney(v, currency, { locale });
  const deltas = items.some((i) => isDecimalString(i.delta ?? null));
  const label = title ?? (deltas ? 'Change in payout' : 'Payout');
  const rows = items.map((it) => {
    const v = (deltas ? it.delta : it.value) ?? '0';
    const ok = isDecimalString(v);
    const sign = ok ? compareDecimal(v, '0') : 0;
    const text = ok ? `${deltas && sign > 0 ? '+' : ''}${money(v)}` : '—';
    return { it, v: ok ? v : '0', n: ok ? Number(v) : 0, sign, text };
  });
  const W = Math.max(300, Math.round(width));
  const rowH = 26;
  const m = { t: 6, b: 6 };
  const H = m.t + Math.max(1, rows.length) * rowH + m.b;
  const labelW = Math.min(Math.max(60, ...rows.map((r) => textWidth(r.it.label, 12))), W * 0.34);
  const valueW = Math.max(40, ...rows.map((r) => textWidth(r.text))) + 8;
  const hasNeg = rows.some((r) => r.sign < 0);
  const hasPos = rows.some((r) => r.sign > 0) || !hasNeg;
  const left = labelW + 14 + (hasNeg ? valueW : 0);
  const right = W - 6 - (hasPos ? valueW : 0);
  const lo = Math.min(0, ...rows.map((r) => r.n));
  const hi = Math.max(0, ...rows.map((r) => r.n));
  const span = hi - lo || 1;
  const px = (/** @type {number} */ v) => left + ((v - lo) / span) * (right - left);
  const zero = px(0);

  const svg = chartSvg(W, H);
  rows.forEach((r, i) => {
    const cy = m.t + i * rowH + rowH / 2;
    const x0 = Math.min(zero, px(r.n));
    const w = Math.abs(px(r.n) - zero);
    const shownLabel = fitText(r.it.label, labelW, 12);
    const full = `${r.it.label}: ${deltas ? `${r.text} (now ${money(r.it.value)})` : r.text}`;
    svg.append(svgEl('g', { class: 'row', 'data-id': r.it.id },
      svgEl('title', {}, full),
      svgEl('text', { x: 0, y: f1(cy + 4), style: { fill: TEXT, 'font-size': '12px' } }, shownLabel),
      svgEl('rect', {
        class: `bar ${r.sign < 0 ? 'neg' : 'pos'}`, 'data-id': r.it.id, x: f1(x0), y: f1(cy - 7), width: f1(w), height: 14, rx: 2,
        style: { fill: r.sign < 0 ? DANGER : ACCENT, opacity: '0.9' },
      }),
      svgEl('text', { class: 'value', x: f1(r.sign < 0 ? x0 - 5 : x0 + w + 5), y: f1(cy + 4), 'text-anchor': r.sign < 0 ? 'end' : 'start', style: { fill: r.sign < 0 ? DANGER : TEXT } }, r.text)));
  });
  svg.append(svgEl('line', { class: 'zero-axis', x1: f1(zero), x2: f1(zero), y1: 2, y2: H - 2, style: { stroke: MUTED, 'stroke-width': '1' } }));

  let summary;
  if (rows.length === 0) summary = `${label}: nothing to show.`;
  else if (deltas) {
    const up = rows.filter((r) => r.sign > 0);
    const down = rows.filter((r) => r.sign < 0);
    const most = (/** @type {typeof rows} */ rs, s) => rs.reduce((a, r) => (compareDecimal(r.v, a.v) * s > 0 ? r : a), rs[0]);
    const count = (/** @type {number} */ n) => formatCount(n, { locale });
    summary = `${label}: ${count(up.length)} up, ${count(down.length)} down, ${count(rows.length - up.length - down.length)} unchanged`
      + `${up.length ? `; largest increase ${most(up, 1).it.label} ${most(up, 1).text}` : ''}`
      + `${down.length ? `; largest decrease ${most(down, -1).it.label} ${most(down, -1).text}` : ''}.`;
  } else {
    const listed = rows.slice(0, 8).map((r) => `${r.it.label} ${r.text}`);
    summary = `${label}: ${listed.join('; ')}${rows.length > 8 ? `; and ${formatCount(rows.length - 8, { locale })} more` : ''}.`;
  }
  svg.setAttribute('aria-label', summary);
  return figure(el('figcaption', null, el('strong', null, label)), svg, null);
}

// -- helpers -----------------------------------------------------------------------------------

/**
 * Round axis ticks from 0 to at least `max`, about `count` steps of 1, 2, 2.5 or 5 × 10ⁿ
 * (geometry only). niceTicks(2, 4) is [0, 0.5, 1, 1.5, 2].
 * @param {number} max
 * @param {number} count
 * @param {boolean} [whole] Steps of at least 1 (counts).
 */
function niceTicks(max, count, whole = false) {
  const step = niceStep(max, count, whole);
  const ticks = [];
  for (let i = 0; i <= 1000; i++) {
    ticks.push(i * step);
    if (i * step >= max - step * 1e-9) break;
  }
  return { step, ticks };
}

/** @param {number} span @param {number} count @param {boolean} whole */
function niceStep(span, count, whole) {
  const raw = span > 0 ? span / count : 1;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
  return whole ? Math.max(1, Math.round(step)) : step;
}

/**
 * An axis from `min` (0 or below) to `max`: its round ticks as numbers and as decimal strings for
 * the formatters, and the fraction digits the step needs.
 * @param {number} min @param {number} max @param {number} count @param {boolean} [whole]
 */
function axisScale(min, max, count, whole = false) {
  const up = niceTicks(max > 0 ? max : 1, count, whole);
  const step = min < 0 ? niceStep(Math.max(max, 0) - min, count, whole) : up.step;
  const ticks = min < 0 ? rangeTicks(min, max, step) : up.ticks;
  let decimals = 0;
  while (decimals < 8 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-6) decimals++;
  return {
    min: ticks[0], max: ticks[ticks.length - 1], decimals,
    ticks: ticks.map((v) => ({ v, text: (Math.abs(v) < step * 1e-9 ? 0 : v).toFixed(decimals) })),
  };
}

/** @param {number} min @param {number} max @param {number} step */
function rangeTicks(min, max, step) {
  const out = [];
  for (let i = Math.floor(min / step + 1e-9); out.length < 1000; i++) {
    out.push(i * step);
    if (i * step >= max - step * 1e-9) break;
  }
  return out;
}

/** Grid lines and labels of the value axis, the baseline, and the x ticks when given. */
function drawAxes(svg, { W, H, m, px, py, x, y, xLabels, yLabels }) {
  y.ticks.forEach((t, i) => {
    svg.append(svgEl('line', { class: 'grid', x1: m.l, x2: W - m.r, y1: f1(py(t.v)), y2: f1(py(t.v)), style: { stroke: t.v === 0 ? AXIS : LINE, 'stroke-width': '1' } }),
      svgEl('text', { x: m.l - 8, y: f1(py(t.v) + 4), 'text-anchor': 'end', style: { fill: MUTED } }, yLabels[i]));
  });
  svg.append(svgEl('line', { class: 'axis', x1: m.l, x2: m.l, y1: m.t, y2: H - m.b, style: { stroke: AXIS } }));
  if (!x) return;
  const base = py(y.min);
  x.ticks.forEach((t, i) => {
    const anchor = i === x.ticks.length - 1 && px(t.v) + textWidth(xLabels[i]) / 2 > W ? 'end' : 'middle';
    svg.append(svgEl('line', { x1: f1(px(t.v)), x2: f1(px(t.v)), y1: base, y2: base + 4, style: { stroke: AXIS } }),
      svgEl('text', { x: f1(px(t.v)), y: f1(base + 16), 'text-anchor': anchor, style: { fill: MUTED } }, xLabels[i]));
  });
}

/** The x axis title, centred under the tick labels. */
function axisTitle(W, H, m, text) {
  return svgEl('text', { class: 'axis-title', x: f1(m.l + (W - m.l - m.r) / 2), y: H - 6, 'text-anchor': 'middle', style: { fill: MUTED } }, text);
}

/** @param {number} W @param {number} H */
function chartSvg(W, H) {
  return svgEl('svg', {
    role: 'img', width: W, height: H, viewBox: `0 0 ${W} ${H}`,
    style: { display: 'block', 'max-width': '100%', height: 'auto', overflow: 'visible', 'font-size': `${FONT}px` },
  });
}

/** A <figure>: caption, chart, legend. */
function figure(caption, svg, legend) {
  const fig = el('figure', { class: 'spm-chart' }, caption, svg, legend);
  fig.style.setProperty('margin', '0 0 1rem');
  caption.style.setProperty('margin', '0 0 0.4rem');
  caption.style.setProperty('font-size', '0.9rem');
  const note = caption.querySelector('.chart-note');
  if (note instanceof HTMLElement) note.style.setProperty('color', MUTED);
  return fig;
}

/** @param {HTMLElement} ul */
function styleLegend(ul) {
  for (const [k, v] of [['display', 'flex'], ['flex-wrap', 'wrap'], ['gap', '0.3rem 1.1rem'], ['list-style', 'none'], ['margin', '0.4rem 0 0'], ['padding', '0'], ['font-size', '12px']]) {
    ul.style.setProperty(k, v);
  }
}

/** A legend entry: a line swatch in `stroke` (none when null) and the name as text. */
function legendItem(name, stroke, weight, note) {
  const swatch = svgEl('svg', { width: 20, height: 10, 'aria-hidden': 'true', style: { 'flex-shrink': '0' } },
    stroke ? svgEl('line', { x1: 0, x2: 20, y1: 5, y2: 5, style: { stroke, 'stroke-width': String(weight) } }) : null);
  const li = el('li', { class: 'legend-item' }, swatch, el('span', { class: 'legend-name' }, name), note ? el('span', { class: 'legend-note' }, ` (${note})`) : null);
  li.style.setProperty('display', 'flex');
  li.style.setProperty('align-items', 'center');
  li.style.setProperty('gap', '0.35rem');
  li.style.setProperty('color', stroke ? TEXT : MUTED);
  return li;
}

/**
 * An SVG element; `style` is an object set through the CSSOM (so var() works), strings among the
 * children become text nodes.
 * @param {string} tag @param {Record<string, any>} attrs @param {...(Node | string | null)} children
 */
function svgEl(tag, attrs, ...children) {
  const node = /** @type {SVGElement} */ (document.createElementNS(NS, tag));
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'style') for (const [p, s] of Object.entries(v)) node.style.setProperty(p, s);
    else if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

/** A short money label for an axis ("$1K", "$12.5K"), from the decimal string. */
function compactMoney(amount, currency, locale) {
  if (!isDecimalString(amount)) return String(amount);
  return new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 })
    .format(/** @type {any} */ (amount));
}

/** "1 payee", "12 payees". */
const payees = (n, locale) => `${formatCount(n, { locale })} ${n === 1 ? 'payee' : 'payees'}`;

/** "a, b and c". @param {string[]} items */
const list = (items) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** @param {number} v */
const f1 = (v) => (Math.round(v * 10) / 10).toString();

/** @type {CanvasRenderingContext2D | null | undefined} */
let measure;
/** The width of `text` in the page's font (an estimate when there is no canvas). */
function textWidth(text, size = FONT, weight = 400) {
  if (measure === undefined) measure = document.createElement('canvas').getContext('2d');
  if (!measure) return text.length * size * 0.6;
  measure.font = `${weight} ${size}px ${getComputedStyle(document.body).fontFamily || 'system-ui, sans-serif'}`;
  return measure.measureText(text).width;
}

/** `text` cut with an ellipsis to fit `max` pixels. */
function fitText(text, max, size) {
  if (textWidth(text, size) <= max) return text;
  let s = text;
  while (s.length > 1 && textWidth(`${s}…`, size) > max) s = s.slice(0, -1);
  return `${s.trimEnd()}…`;
}
