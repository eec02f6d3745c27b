// The workspace benchmark (issue 20): a company of `people` reps (with their managers) and
// `deals` deals, imported the way the Company page imports (its import worker, off the main
// thread, then the store), from CSV and from an .xlsx workbook; and, after a reload, the
// workspace reopened. Three phases, each a page of its own, driven by scripts/bench-workspace.mjs
// in one browser profile (so the memory of making the files is not counted in the import's):
//   ?phase=generate&people=10000&deals=1000000&seed=7  makes the files (people CSV, deals CSV and
//                                                       the deals as .xlsx) in the private file system
//   ?phase=import                                       imports them; reports timings
//   ?phase=open&id=…                                    opens the saved workspace after a reload
// Making the files is not timed; reading, mapping, merging, reporting and saving are.
import { init } from '../../lib/engine.js';
import { initSpreadsheets, xlsxFromTables } from '../../lib/spreadsheets.js';
import { initGenerators, sampleLarge } from '../../lib/generators.js';
import { createWorkspace, savePart, openWorkspace, deleteWorkspace, listWorkspaces } from '../../lib/workspace.js';

const q = new URLSearchParams(location.search);
const PHASE = q.get('phase') ?? 'import';
const PEOPLE = Number(q.get('people') ?? 10000);
const DEALS = Number(q.get('deals') ?? 1000000);
const SEED = Number(q.get('seed') ?? 7);
const XLSX = q.get('xlsx') !== '0';

/** Runs one request on a fresh import worker (the Company page's), returning its result. */
function work(message, transfer = []) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../../lib/import-worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = (e) => {
      if (e.data.type === 'progress') return;
      worker.terminate();
      if (e.data.type === 'done') resolve(e.data.result);
      else reject(Object.assign(new Error(e.data.error?.message ?? 'worker failed'), e.data.error ?? {}));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'worker failed'));
    };
    worker.postMessage(message, transfer);
  });
}

/** The people as the project's own payee CSV (text only: ids, names, roles, managers). */
function peopleCsv(payees) {
  const cell = (v) => (v == null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines = ['id,name,role,managerId'];
  for (const p of payees) lines.push([p.id, p.name, p.role, p.managerId].map(cell).join(','));
  return `${lines.join('\n')}\n`;
}

const ownMapping = (preset) => ({ preset });

/** Imports people then deals into workspace `id`; returns the time and the deal count. */
async function importInto(id, people, deals) {
  const t0 = performance.now();
  const p = await work({ type: 'import', kind: 'people', csv: people, mapping: ownMapping('spm-payees'), people: [] });
  await savePart(id, 'people', p.people);
  const tPeople = performance.now();
  const d = await work({ type: 'import', kind: 'deals', csv: deals, mapping: ownMapping('spm'), people: p.people, dealsCsv: '' });
  const tDeals = performance.now();
  await savePart(id, 'dealsCsv', d.dealsCsv);
  const tSaved = performance.now();
  return {
    ms: tSaved - t0,
    peopleMs: tPeople - t0,
    dealsMs: tDeals - tPeople,
    saveMs: tSaved - tDeals,
    people: p.people.length,
    peopleWasmMb: p.wasmBytes / 2 ** 20,
    dealsWasmMb: d.wasmBytes / 2 ** 20,
    imported: d.report.imported,
    rejected: d.report.rejected,
  };
}

/** The benchmark's input files, in the origin's private file system. */
async function inputs() {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle('bench-workspace-input', { create: true });
}

async function writeFile(dir, name, data) {
  const handle = await dir.getFileHandle(name, { create: true });
  const w = await handle.createWritable();
  await w.write(data);
  await w.close();
}

async function generatePhase() {
  await Promise.all([initGenerators(), initSpreadsheets()]);
  const company = sampleLarge(PEOPLE, DEALS, SEED);
  const dir = await inputs();
  await writeFile(dir, 'people.csv', peopleCsv(company.payees));
  await writeFile(dir, 'deals.csv', company.transactionsCsv);
  if (XLSX) await writeFile(dir, 'deals.xlsx', xlsxFromTables([{ name: 'Deals', csv: company.transactionsCsv }]));
  return { phase: 'generate', people: company.payees.length, deals: DEALS };
}

async function importPhase() {
  await init();
  for (const w of await listWorkspaces()) if (w.name.startsWith('Benchmark ')) await deleteWorkspace(w.id);
  const dir = await inputs();
  const read = async (name) => (await dir.getFileHandle(name)).getFile();
  const people = await (await read('people.csv')).text();
  const deals = await (await read('deals.csv')).text();
  const xlsxFile = XLSX ? await read('deals.xlsx') : null;
  const csvId = await createWorkspace(`Benchmark CSV ${PEOPLE}×${DEALS}`);
  const csv = await importInto(csvId, people, deals);
  let xlsx = null;
  let xlsxId = null;
  if (XLSX) {
    // The workbook was made by the engine's writer in the generate phase; reading it is timed.
    const bytes = new Uint8Array(await xlsxFile.arrayBuffer());
    const size = bytes.byteLength;
    xlsxId = await createWorkspace(`Benchmark XLSX ${PEOPLE}×${DEALS}`);
    const t0 = performance.now();
    const { sheets } = await work({ type: 'sheets', bytes }, [bytes.buffer]);
    const tRead = performance.now();
    const sheet = sheets[0];
    const p = await work({ type: 'import', kind: 'people', csv: people, mapping: ownMapping('spm-payees'), people: [] });
    await savePart(xlsxId, 'people', p.people);
    const d = await work({ type: 'import', kind: 'deals', csv: sheet.csv, mapping: ownMapping('spm'), people: p.people, dealsCsv: '' });
    await savePart(xlsxId, 'dealsCsv', d.dealsCsv);
    xlsx = { ms: performance.now() - t0, readMs: tRead - t0, bytes: size, imported: d.report.imported, rejected: d.report.rejected };
  }
  const jsHeapMb = (performance.memory?.usedJSHeapSize ?? 0) / 2 ** 20;
  return { phase: 'import', people: csv.people, deals: csv.imported, dealsBytes: deals.length, csv, xlsx, csvId, xlsxId, jsHeapMb };
}

async function openPhase() {
  const id = q.get('id');
  const t0 = performance.now();
  await init();
  const tInit = performance.now();
  const ws = await openWorkspace(id);
  const t1 = performance.now();
  return { phase: 'open', ms: t1 - t0, initMs: tInit - t0, openMs: t1 - tInit, people: ws.people.length, dealsBytes: ws.dealsCsv.length };
}

(PHASE === 'open' ? openPhase() : PHASE === 'generate' ? generatePhase() : importPhase()).then(
  (r) => {
    window.benchResults = r;
    document.getElementById('results').textContent = JSON.stringify(r, null, 2);
    document.getElementById('status').textContent = 'Done.';
    document.body.dataset.done = '1';
  },
  (err) => {
    window.benchResults = { error: String(err && err.message ? err.message : err) };
    document.getElementById('status').textContent = `Failed: ${window.benchResults.error}`;
    document.body.dataset.done = '1';
  },
);
