// DOM helpers shared by the pages and the elements: elements are built with text only (never
// HTML from data), amounts are shown formatted with their exact decimal kept beside them, and
// engine errors are shown with their code and every located diagnostic.
import { formatMoney, isNegative, isZero } from './format.js';

/**
 * The element with this id (the pages' `$`).
 * @param {string} id
 * @returns {any}
 */
export const $ = (id) => document.getElementById(id);

/**
 * An element with attributes and children; strings become text nodes, null/undefined/false are skipped.
 *
 * @param {string} tag
 * @param {Record<string, string> | null} [attrs]
 * @param {...(Node | string | null | undefined | false)} children
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (k === 'class') node.className = v;
    // Through the CSSOM: the pages' CSP refuses style attributes set as markup.
    else if (k === 'style') node.style.cssText = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/**
 * Fills an alert box with an error: its message, its `code`, and each diagnostic's path, message
 * and hint (the shape of the engine's SpmError). Shows the box.
 *
 * @param {HTMLElement} box
 * @param {unknown} err
 * @param {string} [context] What was being done, e.g. "Loading the sample".
 */
export function fillError(box, err, context) {
  box.replaceChildren();
  const e = /** @type {any} */ (err);
  const code = e && typeof e.code === 'string' ? e.code : null;
  const message = err instanceof Error ? err.message : String(err);
  box.append(el('strong', null, context ? `${context}: ` : 'Error: '), message);
  if (code) box.append(' ', el('code', null, code));
  const diagnostics = e && Array.isArray(e.diagnostics) ? e.diagnostics : [];
  if (diagnostics.length > 0) {
    const list = el('ul');
    for (const d of diagnostics) {
      list.append(el('li', null, el('code', null, d.path || '(root)'), ` ${d.message}`, d.hint ? ` (${d.hint})` : ''));
    }
    box.append(list);
  }
  box.hidden = false;
}

/**
 * An amount as a person reads it, with the engine's exact decimal kept: `<tag>` holding the
 * formatted money, the decimal string in data-amount and the title ("6600.00 USD"), and the
 * classes "zero" or "neg" for styling. `value` is shown as it is when it is not a string.
 *
 * @param {string} tag
 * @param {string | null | undefined} value A decimal string from the engine.
 * @param {string} currency ISO 4217 code.
 * @param {string} [className]
 * @param {{ locale?: string }} [options]
 */
export function amountNode(tag, value, currency, className = '', { locale } = {}) {
  const node = el(tag, { class: className }, formatMoney(value, currency, { locale }));
  if (typeof value === 'string') {
    node.dataset.amount = value;
    node.title = `${value} ${currency}`.trim();
    if (isZero(value)) node.classList.add('zero');
    if (isNegative(value)) node.classList.add('neg');
  }
  return node;
}

/** Hides and empties an alert box. @param {HTMLElement} box */
export function clearError(box) {
  box.hidden = true;
  box.replaceChildren();
}

/** Resolves after the browser has painted (a status line) and before a long synchronous call. */
export function nextPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
