// The import worker of the Company page (and of the workspace benchmark): reading a file into the workspace's shape happens here, off
// the main thread, so the page stays responsive and Cancel (terminating this worker) leaves the
// workspace as it was. One worker per job; the page saves what it sends back.
//
// Messages in:  { type: 'sheets', bytes: Uint8Array }
//               { type: 'import', kind: 'deals' | 'people' | 'hierarchy' | 'quotas', csv, mapping,
//                 people: PayeeSpec[], dealsCsv: string }
// Messages out: { type: 'progress', stage: string, step: number, steps: number }
//               { type: 'done', result } | { type: 'error', error: { message, code, diagnostics } }
//   result of 'sheets': { sheets: [{ name, csv, rows, warnings }] }
//   result of 'import': { kind, report, reportCsv, changes, people?, dealsCsv?, ms }
import { init, wasmMemoryBytes } from './engine.js';
import { importCsv, importDealsCsv, importReportCsv, mergePeople, mergeDeals } from './workspace.js';
import { initSpreadsheets, xlsxSheets } from './spreadsheets.js';

const ready = init();

/** @param {unknown} err */
function plain(err) {
  const e = /** @type {any} */ (err);
  return {
    message: err instanceof Error ? err.message : String(err),
    code: e && typeof e.code === 'string' ? e.code : 'INTERNAL',
    diagnostics: e && Array.isArray(e.diagnostics) ? e.diagnostics : [],
  };
}

const asObject = (v) => (typeof v === 'string' ? JSON.parse(v) : v);
const STEPS = 3;
const progress = (step, stage) => postMessage({ type: 'progress', stage, step, steps: STEPS });

/** The engine kind of what the file is. */
const ENGINE_KIND = { deals: 'transactions', people: 'payees', hierarchy: 'hierarchy', quotas: 'quotas' };

function runImport(msg) {
  const t0 = performance.now();
  progress(1, 'Reading the rows');
  if (msg.kind === 'deals') {
    const { csv, report } = asObject(importDealsCsv(msg.csv, msg.mapping, msg.people ?? []));
    progress(2, 'Merging with the deals already in the workspace');
    // A workspace's first deals are the file as it is: no merge pass (and no list of a million
    // added ids) is needed to say that every imported deal was added.
    const merged = /\S/.test(msg.dealsCsv ?? '')
      ? asObject(mergeDeals(msg.dealsCsv ?? '', csv))
      : { csv, changes: { added: report.imported, updated: [], unchanged: 0 } };
    progress(3, 'Writing the report');
    return { kind: msg.kind, report, reportCsv: importReportCsv(report), changes: merged.changes, dealsCsv: merged.csv, ms: performance.now() - t0 };
  }
  const kind = ENGINE_KIND[msg.kind];
  if (!kind) throw new Error(`unknown kind of file: ${msg.kind}`);
  const { records, report } = asObject(importCsv(kind, msg.csv, msg.mapping, msg.people ?? []));
  progress(2, 'Merging with the people already in the workspace');
  const merged = asObject(mergePeople(msg.people ?? [], records));
  // A hierarchy or quota file comes back as the whole roster with its managers or quotas set (a
  // manager span replaces a managerId): that roster is the new one; the merge says what changed.
  const people = kind === 'payees' ? merged.people : records;
  progress(3, 'Writing the report');
  return { kind: msg.kind, report, reportCsv: importReportCsv(report), changes: merged.changes, people, ms: performance.now() - t0 };
}

self.onmessage = async (event) => {
  const msg = event.data;
  try {
    await ready;
    let result;
    if (msg.type === 'sheets') {
      await initSpreadsheets();
      result = { sheets: asObject(xlsxSheets(msg.bytes)) };
    }
    else if (msg.type === 'import') result = runImport(msg);
    else throw new Error(`unknown request ${msg.type}`);
    // The engine's heap after the job (wasm memory only grows: its high-water mark), for the
    // workspace benchmark's memory figures.
    postMessage({ type: 'done', result: { ...result, wasmBytes: wasmMemoryBytes() } });
  } catch (err) {
    postMessage({ type: 'error', error: plain(err) });
  }
};
