// Saving text made in the page as a file: a Blob, an object URL and a temporary <a download>.
// Nothing is sent over the network; the object URL is revoked once the browser has taken it.

/** How long the object URL lives after the click (some browsers read it asynchronously). */
const REVOKE_AFTER_MS = 10_000;

/**
 * Offers `text` as a download named `filename`.
 *
 * @param {string} filename e.g. "payroll-ae-2026-marginal.csv"
 * @param {string} text the file's content
 * @param {string} [type] its media type; CSV by default
 * @returns {number} the file's size in bytes
 */
export function downloadText(filename, text, type = 'text/csv;charset=utf-8') {
  return downloadBlob(filename, new Blob([text], { type }));
}

/**
 * Offers a Blob (an .xlsx workbook, a JSON file) as a download named `filename`.
 *
 * @param {string} filename
 * @param {Blob} blob
 * @returns {number} the file's size in bytes
 */
export function downloadBlob(filename, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
  return blob.size;
}

/**
 * A file-name-safe version of an identifier: letters, digits, dot, dash and underscore kept,
 * anything else turned into a dash.
 * @param {string} id
 */
export function safeFilePart(id) {
  return String(id).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'export';
}
