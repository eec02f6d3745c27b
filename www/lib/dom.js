// DOM helpers shared by the pages: elements are built with text only (never HTML from data), and
// engine errors are shown with their code and every located diagnostic.

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
