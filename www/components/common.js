// What both elements share besides loading (./load.js): the locale they read and write amounts
// in, the plain error shape they report, the error box they show, and their style sheet. No
// imports, so it arrives with load.js and delays nothing.

/**
 * @typedef {{ path: string, code: string, severity?: string, message: string, hint?: string | null }} Diagnostic
 * @typedef {{ code: string, message: string, diagnostics: Diagnostic[] }} WidgetError
 */

/** A locale Intl accepts, or undefined (the runtime's default). @param {string | null | undefined} tag */
export function validLocale(tag) {
  if (!tag) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/**
 * An element's locale: its `locale` attribute, else the nearest `lang`, else the browser's.
 * @param {HTMLElement} element
 */
export function elementLocale(element) {
  return validLocale(element.getAttribute('locale') ?? '')
    ?? validLocale(element.closest('[lang]')?.getAttribute('lang') ?? '')
    ?? validLocale(navigator.language);
}

/**
 * A plain error shape from anything thrown (an SpmError keeps its code and diagnostics).
 * @param {unknown} err
 * @param {string} fallbackCode
 * @returns {WidgetError}
 */
export function toWidgetError(err, fallbackCode) {
  const e = /** @type {{ code?: unknown, diagnostics?: unknown, message?: unknown }} */ (err ?? {});
  return {
    code: typeof e.code === 'string' ? e.code : fallbackCode,
    message: err instanceof Error ? err.message : typeof e.message === 'string' ? e.message : String(err),
    diagnostics: Array.isArray(e.diagnostics) ? /** @type {Diagnostic[]} */ (e.diagnostics) : [],
  };
}

/**
 * Fills an error box: "<context>: <message> CODE", then each diagnostic with its path and hint.
 * Text only (the message may hold what a user typed).
 * @param {HTMLElement} box
 * @param {WidgetError} error
 * @param {string} context
 * @param {(tag: string, attrs?: object | null, ...children: any[]) => HTMLElement} el The DOM builder (../lib/dom.js).
 */
export function showError(box, error, context, el) {
  box.replaceChildren(el('strong', null, `${context}: `), error.message, ' ', el('code', { 'data-code': error.code }, error.code));
  if (error.diagnostics.length > 0) {
    box.append(el('ul', null, ...error.diagnostics.map((d) =>
      el('li', null, d.path ? el('code', null, d.path) : null, d.path ? ' ' : null, d.message, d.hint ? ` (${d.hint})` : null))));
  }
  box.hidden = false;
}

/** @type {Map<string, CSSStyleSheet>} */
const sheets = new Map();

/**
 * Gives a shadow root its styles: one constructed style sheet per style text, shared by every
 * instance (the pages' Content-Security-Policy allows no inline style); a <style> element where
 * constructed sheets are missing.
 * @param {ShadowRoot} root
 * @param {string} css
 * @param {(tag: string, attrs?: object | null, ...children: any[]) => HTMLElement} el
 */
export function adoptStyle(root, css, el) {
  if ('adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
    let sheet = sheets.get(css);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(css, sheet);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    root.append(el('style', null, css));
  }
}
