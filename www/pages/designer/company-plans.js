// The designer and the company workspace (issue 20): "Save to the company's plans" adds the plan
// being edited as the newest version of its plan id in the active workspace, the one in use (an
// invalid plan is refused with the engine's diagnostics); "Download back-test (.xlsx)" writes the
// back-test's per-payee table as a workbook. The table is CSV text of the engine's own strings
// (decimal amounts and ratios as the engine wrote them; no arithmetic here), turned into .xlsx
// by the spreadsheets build, which is loaded on the first click.

import { validatePlan } from '../../lib/engine.js';
import { addPlanVersion, withoutReload } from '../../lib/company.js';
import { openActive, savePart } from '../../lib/workspace.js';
import { downloadBlob, safeFilePart } from '../../lib/download.js';

/**
 * Saves `text` as a new version of its plan in the active workspace and makes it the one in use.
 * Throws an Error with the engine's `diagnostics` when the plan is invalid.
 *
 * @param {string} text the plan's JSON text
 * @returns {Promise<{ version: number, plan: any, workspace: string, plans: any[], sentence: string }>}
 */
export async function saveToCompany(text) {
  const errors = validatePlan(text).filter((d) => d.severity !== 'warning');
  if (errors.length > 0) {
    throw Object.assign(new Error(`the plan has ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}; fix ${errors.length === 1 ? 'it' : 'them'} first. Nothing was saved.`), {
      code: errors[0].code, diagnostics: errors,
    });
  }
  const plan = JSON.parse(text);
  const ws = await openActive();
  const { plans, version } = addPlanVersion(ws.plans, plan, { note: 'Saved from the plan designer' });
  // The designer shows this workspace: its own save must not reload it (other tabs do follow).
  await withoutReload(() => savePart(ws.id, 'plans', plans));
  const name = plan.name || plan.id;
  return { version, plan, workspace: ws.name, plans, sentence: `Saved as version ${version} of ${name} in ${ws.name}` };
}

/** One CSV field: quoted when it holds a comma, a quote or a line break. */
function field(value) {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The back-test's per-payee table as CSV: every value is the engine's string as it is.
 * @param {any} backtest the engine's back-test result
 */
export function backtestCsv(backtest) {
  const header = ['payeeId', 'name', 'role', 'currency', 'payout', 'credit', 'quota', 'attainment', 'effectiveRate'];
  const rows = backtest.payees.map((p) => [p.id, p.name, p.role, backtest.currency, p.payout, p.credit, p.quota, p.attainment, p.effectiveRate]);
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

/**
 * Downloads the back-test's per-payee table as an .xlsx workbook.
 * @param {any} backtest
 * @param {string} planId
 * @returns {Promise<string>} the file's name
 */
export async function downloadBacktestXlsx(backtest, planId) {
  const csv = backtestCsv(backtest);
  const { initSpreadsheets, xlsxFromTables, XLSX_TYPE } = await import('../../lib/spreadsheets.js');
  await initSpreadsheets();
  const name = `backtest-${safeFilePart(planId || 'plan')}.xlsx`;
  downloadBlob(name, new Blob([xlsxFromTables([{ name: 'Back-test', csv }])], { type: XLSX_TYPE }));
  return name;
}
