// The one module that imports the spreadsheets build (pkg/spreadsheets/): .xlsx workbooks read
// into CSV and CSV tables written as workbooks. A build of its own because the zip and
// spreadsheet code would grow the app's module by a quarter; it is loaded only where a workbook is opened
// or saved (the Company page's import worker, the export buttons), on first use.
import spreadsheetsInit, * as wasm from '../../pkg/spreadsheets/spm_engine.js';
import { onceLoader } from './loader.js';
import { guardClasses } from './boundary.js';

guardClasses(wasm);

/** @typedef {import('../../pkg/spreadsheets/spm_engine.js').Diagnostic} Diagnostic */

const loader = onceLoader(spreadsheetsInit, 'the spreadsheets module is not loaded: await initSpreadsheets() first');

/**
 * Loads the spreadsheets build. Safe to call many times; a failed load may be retried.
 * @param {BufferSource | WebAssembly.Module | URL | string} [source] in Node, the bytes of
 *   pkg/spreadsheets/spm_engine_bg.wasm; in the browser leave it out.
 * @returns {Promise<void>}
 */
export const initSpreadsheets = loader.init;

const assertReady = loader.assertReady;

/**
 * Every worksheet of an `.xlsx` workbook as CSV text that `importCsv` reads (docs/import.md):
 * numbers in their shortest decimal text, dates as YYYY-MM-DD, error cells empty with a warning
 * at their address (`Sheet1!C7`). Throws an SpmError (CSV_INVALID) for a file that is not .xlsx.
 *
 * @param {Uint8Array} bytes The file's bytes (`new Uint8Array(await file.arrayBuffer())`).
 * @returns {Array<{ name: string, csv: string, rows: number, warnings: Diagnostic[] }>}
 */
export function xlsxSheets(bytes) {
  assertReady();
  return wasm.xlsxSheets(bytes);
}

/**
 * An `.xlsx` workbook of CSV tables (statements, payroll, back-test), one worksheet each, header
 * bold and frozen; cells are text or numbers, never formulas.
 *
 * @param {Array<{ name: string, csv: string }>} tables
 * @returns {Uint8Array} The workbook's bytes, for a Blob of type
 *   `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`.
 */
export function xlsxFromTables(tables) {
  assertReady();
  try {
    return wasm.xlsxFromTables(tables);
  } catch (err) {
    // A panic in the module ("unreachable") says nothing to a person: say whose fault it is.
    if (err instanceof WebAssembly.RuntimeError) {
      throw Object.assign(new Error(`the engine's workbook writer failed (${err.message}). This is a problem of the engine, not of your data.`), { code: 'INTERNAL' });
    }
    throw err;
  }
}

/** The MIME type of an .xlsx file. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
