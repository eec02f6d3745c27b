// The insights page's charts, as inline SVG: a forecast fan (history, point forecast and its
// prediction intervals), columns of counts (attainment bins, cycle lengths, simulated costs),
// and a tornado of how cost moves with each plan parameter.
//
// Amounts arrive as the engine's decimal strings. Number() turns them into pixel positions
// only; every number shown as text is formatted from its string (www/lib/format.js). The DOM is
// built with createElementNS and text nodes only, because names are data.

import { formatCount, formatMoney } from '../../lib/format.js';
import { el } from '../../lib/dom.js';

const NS = 'http://www.w3.org/2000/svg';
const ACCENT = 'var(--accent, #2f5fcf)';
const MUTED = 'var(--muted, #5d6778)';
const LINE = 'var(--line, #e2e6ec)';
const DANGER = 'var(--danger, #b42318)';
const GOOD = '#15936b';

/**
 * @param {string} tag
 * @param {Record<string, string | number>} attrs
 * @param {string} [text]
 */
function svgEl(tag, attrs, text) {
  const n = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  if (text !== undefined) n.textContent = text;
  return n;
}

/** @param {number} W @param {number} H @param {string} label */
function svgRoot(W, H, label) {
  const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': label });
  svg.style.maxWidth = '100%';
  svg.style.height = 'auto';
  return svg;
}

/** A round step for about `n` ticks over [0, max]. @param {number} max @param {number} n */
function niceStep(max, n) {
  const raw = Math.max(max, 1e-9) / n;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/** "$1.2M"-style labels for axes. @param {number} v @param {string} currency @param {string} locale */
function compact(v, currency, locale) {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(v);
  } catch {
    return String(Math.round(v));
  }
}

/**
 * History, fitted values, the point forecast and its intervals (widest first, lighter).
 *
 * @param {{ title: string, start: string, history: string[], forecast: { month: string, mean: string,
 *   intervals: { level: string, lower: string, upper: string }[] }[], currency: string, locale?: string,
 *   width: number }} o
 * @returns {HTMLElement}
 */
export function fanChart({ title, start, history, forecast, currency, locale = 'en-US', width }) {
  const W = Math.max(360, Math.round(width));
  const H = 280;
  const m = { l: 64, r: 16, t: 16, b: 34 };
  const n = history.length + forecast.length;
  const uppers = forecast.flatMap((f) => f.intervals.map((i) => Number(i.upper)));
  const lowers = forecast.flatMap((f) => f.intervals.map((i) => Number(i.lower)));
  const vals = [...history.map(Number), ...forecast.map((f) => Number(f.mean)), ...uppers];
  const lo = Math.min(0, ...lowers, ...history.map(Number));
  const step = niceStep(Math.max(...vals) - lo, 4);
  const y0 = Math.floor(lo / step) * step;
  const y1 = Math.ceil(Math.max(...vals) / step) * step || step;
  const px = (/** @type {number} */ i) => m.l + (i * (W - m.l - m.r)) / Math.max(1, n - 1);
  const py = (/** @type {number} */ v) => m.t + (1 - (v - y0) / (y1 - y0)) * (H - m.t - m.b);
  const last = forecast[forecast.length - 1];
  const widest = last?.intervals[last.intervals.length - 1];
  const label = `${title}: ${history.length} months of history from ${start}, then a forecast of ${forecast.length} months`
    + (last ? `, ending at ${formatMoney(last.mean, currency, { locale })} in ${last.month}` : '')
    + (widest ? ` (${Math.round(Number(widest.level) * 100)}% interval ${formatMoney(widest.lower, currency, { locale })} to ${formatMoney(widest.upper, currency, { locale })})` : '')
    + '.';
  const svg = svgRoot(W, H, label);
  for (let v = y0; v <= y1 + step / 2; v += step) {
    svg.append(svgEl('line', { x1: m.l, x2: W - m.r, y1: py(v), y2: py(v), stroke: LINE }),
      svgEl('text', { x: m.l - 6, y: py(v) + 4, 'text-anchor': 'end', 'font-size': 11, fill: MUTED }, compact(v, currency, locale)));
  }
  // Intervals, widest first so the narrower sits on top.
  const levels = forecast[0]?.intervals.length ?? 0;
  for (let k = levels - 1; k >= 0; k -= 1) {
    const top = forecast.map((f, i) => `${px(history.length + i).toFixed(1)},${py(Number(f.intervals[k].upper)).toFixed(1)}`);
    const bottom = forecast.map((f, i) => `${px(history.length + i).toFixed(1)},${py(Number(f.intervals[k].lower)).toFixed(1)}`).reverse();
    svg.append(svgEl('polygon', { points: [...top, ...bottom].join(' '), fill: ACCENT, opacity: k === levels - 1 ? 0.14 : 0.26, class: 'band' }));
  }
  const line = (/** @type {number[]} */ ys, /** @type {number} */ from, /** @type {Record<string, string | number>} */ attrs) => svgEl('polyline', {
    points: ys.map((v, i) => `${px(from + i).toFixed(1)},${py(v).toFixed(1)}`).join(' '), fill: 'none', ...attrs,
  });
  svg.append(line(history.map(Number), 0, { stroke: 'var(--text, #1c2330)', 'stroke-width': 1.6, class: 'history' }));
  if (forecast.length) {
    const joined = [Number(history[history.length - 1]), ...forecast.map((f) => Number(f.mean))];
    svg.append(line(joined, history.length - 1, { stroke: ACCENT, 'stroke-width': 2, 'stroke-dasharray': '5 3', class: 'forecast' }));
  }
  // Year ticks on January.
  const [sy, sm] = start.split('-').map(Number);
  for (let i = 0; i < n; i += 1) {
    const month = ((sm - 1 + i) % 12) + 1;
    if (month === 1) {
      const year = sy + Math.floor((sm - 1 + i) / 12);
      svg.append(svgEl('line', { x1: px(i), x2: px(i), y1: H - m.b, y2: H - m.b + 4, stroke: MUTED }),
        svgEl('text', { x: px(i), y: H - m.b + 16, 'text-anchor': 'middle', 'font-size': 11, fill: MUTED }, String(year)));
    }
  }
  svg.append(svgEl('line', { x1: px(history.length - 1), x2: px(history.length - 1), y1: m.t, y2: H - m.b, stroke: MUTED, 'stroke-dasharray': '2 3' }));
  return el('figure', { class: 'chart' }, el('figcaption', null, title), svg);
}

/**
 * Columns of counts with their labels underneath (every k-th label when they would touch).
 *
 * @param {{ title: string, items: { label: string, count: number, tooltip?: string }[], unit: string,
 *   locale?: string, width: number, mark?: number }} o `mark`: index of a column to draw in the
 *   accent colour (the others are muted), e.g. the bin at quota.
 * @returns {HTMLElement}
 */
export function columnChart({ title, items, unit, locale = 'en-US', width, mark = -1 }) {
  const W = Math.max(300, Math.round(width));
  const H = 220;
  const m = { l: 36, r: 10, t: 18, b: 40 };
  const max = Math.max(1, ...items.map((i) => i.count));
  const bw = (W - m.l - m.r) / Math.max(1, items.length);
  const py = (/** @type {number} */ v) => m.t + (1 - v / max) * (H - m.t - m.b);
  const total = items.reduce((s, i) => s + i.count, 0);
  const busiest = [...items].sort((a, b) => b.count - a.count)[0];
  const svg = svgRoot(W, H, `${title}: ${formatCount(total, { locale })} ${unit} in ${items.length} columns`
    + (busiest ? `; the most in ${busiest.label} (${formatCount(busiest.count, { locale })}).` : '.'));
  const every = Math.max(1, Math.ceil(60 / bw));
  items.forEach((it, i) => {
    const x = m.l + i * bw;
    const top = py(it.count);
    const rect = svgEl('rect', { x: (x + 1).toFixed(1), y: top.toFixed(1), width: Math.max(1, bw - 2).toFixed(1), height: (py(0) - top).toFixed(1),
      fill: mark < 0 || i === mark ? ACCENT : 'var(--chart-muted, #9fb3e6)', class: 'bar', 'data-count': it.count });
    rect.append(svgEl('title', {}, it.tooltip ?? `${it.label}: ${formatCount(it.count, { locale })} ${unit}`));
    svg.append(rect);
    if (it.count > 0 && bw > 22) svg.append(svgEl('text', { x: x + bw / 2, y: top - 3, 'text-anchor': 'middle', 'font-size': 10, fill: MUTED }, formatCount(it.count, { locale })));
    if (i % every === 0) svg.append(svgEl('text', { x: x + bw / 2, y: H - m.b + 14, 'text-anchor': 'middle', 'font-size': 10, fill: MUTED }, it.label));
  });
  svg.append(svgEl('line', { x1: m.l, x2: W - m.r, y1: py(0), y2: py(0), stroke: MUTED }));
  return el('figure', { class: 'chart' }, el('figcaption', null, title), svg);
}

/**
 * A tornado: per parameter, the change in median cost when it moves down (left) and up (right).
 *
 * @param {{ parameters: { path: string, low?: { deltaP50: string }, high?: { deltaP50: string }, error?: string }[],
 *   currency: string, locale?: string, width: number, step: string }} o
 * @returns {HTMLElement}
 */
export function tornadoChart({ parameters, currency, locale = 'en-US', width, step }) {
  const rows = parameters.filter((p) => !p.error).slice(0, 10);
  const W = Math.max(320, Math.round(width));
  const row = 26;
  const H = rows.length * row + 30;
  const labelW = Math.min(230, W * 0.42);
  const mid = labelW + (W - labelW - 10) / 2;
  const span = Math.max(1, ...rows.flatMap((p) => [Math.abs(Number(p.low?.deltaP50 ?? 0)), Math.abs(Number(p.high?.deltaP50 ?? 0))]));
  const scale = ((W - labelW - 10) / 2 - 60) / span;
  const pct = Math.round(Number(step) * 100);
  const svg = svgRoot(W, H, `How the median cost moves when each parameter moves ${pct}% down or up: `
    + rows.slice(0, 3).map((p) => `${p.path} ${formatMoney(p.low?.deltaP50 ?? '0', currency, { locale })} / +${formatMoney(p.high?.deltaP50 ?? '0', currency, { locale })}`).join('; ') + '.');
  rows.forEach((p, i) => {
    const y = i * row + 6;
    svg.append(svgEl('text', { x: labelW - 8, y: y + 14, 'text-anchor': 'end', 'font-size': 11, fill: 'var(--text, #1c2330)' }, p.path.length > 38 ? `…${p.path.slice(-37)}` : p.path));
    for (const [side, run] of /** @type {const} */ ([['low', p.low], ['high', p.high]])) {
      if (!run) continue;
      const d = Number(run.deltaP50);
      const w = Math.abs(d) * scale;
      svg.append(svgEl('rect', { x: (d < 0 ? mid - w : mid).toFixed(1), y: y + 3, width: Math.max(1, w).toFixed(1), height: row - 10,
        fill: d < 0 ? GOOD : DANGER, opacity: side === 'low' ? 0.65 : 0.9, class: `bar ${side}` }));
      const text = `${d > 0 ? '+' : ''}${compact(d, currency, locale)}`;
      svg.append(svgEl('text', { x: d < 0 ? mid - w - 4 : mid + w + 4, y: y + 14, 'text-anchor': d < 0 ? 'end' : 'start', 'font-size': 10, fill: MUTED }, text));
    }
  });
  svg.append(svgEl('line', { x1: mid, x2: mid, y1: 0, y2: H - 22, stroke: MUTED }),
    svgEl('text', { x: mid, y: H - 6, 'text-anchor': 'middle', 'font-size': 11, fill: MUTED }, `median cost, each parameter −${pct}% (light) and +${pct}%`));
  return el('figure', { class: 'chart' }, el('figcaption', null, 'Sensitivity of the median cost'), svg);
}
