// The Company page (issue 20): the workspaces kept in this browser (switch, rename, duplicate,
// delete, new, restore the sample, storage used), importing files into the active workspace (a
// mapping step with the preset guessed from the header and a preview; the import itself in a
// worker with progress and Cancel; counts, what changed, and a data-quality report of every
// rejected, skipped or warned line), the workspace as one file (export, import), its plans and
// their versions (plans.js), and its people.
// All data is put into the page as text, never as HTML. No money arithmetic: amounts are shown
// as the engine's decimal strings, formatted.

import { init, version } from '../../lib/engine.js';
import { formatCount, formatMoney } from '../../lib/format.js';
import { $, el, fillError, clearError } from '../../lib/dom.js';
import { downloadText, safeFilePart } from '../../lib/download.js';
import {
  listWorkspaces, activeWorkspaceId, setActive, openWorkspace, savePart, createWorkspace, renameWorkspace,
  duplicateWorkspace, deleteWorkspace, restoreSample, storageUsed, exportWorkspace, importWorkspaceFile,
  guessPreset, previewCsv, importPresets, importReportCsv, mergePeople,
} from '../../lib/workspace.js';
import { createPlansPanel } from './plans.js';

const ui = {
  error: $('error'),
  status: $('status'),
  activeName: $('active-name'),
  sumName: $('sum-name'),
  sumPeople: $('sum-people'),
  sumDeals: $('sum-deals'),
  sumPlans: $('sum-plans'),
  storageLine: $('storage-line'),
  workspaceBody: $('workspace-table').querySelector('tbody'),
  newForm: $('new-form'),
  newName: $('new-name'),
  restoreSample: $('restore-sample'),
  importTarget: $('import-target'),
  dropZone: $('drop-zone'),
  files: $('import-files'),
  queue: $('file-queue'),
  mapping: $('mapping'),
  mappingTitle: $('mapping-title'),
  sheetControl: $('sheet-control'),
  sheetSelect: $('sheet-select'),
  sheetNote: $('sheet-note'),
  kindSelect: $('kind-select'),
  presetSelect: $('preset-select'),
  presetNote: $('preset-note'),
  previewCaption: $('preview-caption'),
  previewTable: $('preview-table'),
  importRun: $('import-run'),
  importSkip: $('import-skip'),
  progress: $('import-progress'),
  stage: $('import-stage'),
  cancel: $('import-cancel'),
  result: $('result'),
  resultTitle: $('result-title'),
  resultCounts: $('result-counts'),
  resultChanges: $('result-changes'),
  reportBox: $('report-box'),
  reportHeading: $('report-heading'),
  reportDownload: $('report-download'),
  reportBody: $('report-table').querySelector('tbody'),
  history: $('history'),
  historyList: $('history-list'),
  exportButton: $('export-workspace'),
  workspaceFile: $('workspace-file'),
  fileWarnings: $('file-warnings'),
  peopleFilter: $('people-filter'),
  peopleHint: $('people-hint'),
  peopleBody: $('people-table').querySelector('tbody'),
  ask: $('ask-dialog'),
  askTitle: $('ask-title'),
  askText: $('ask-text'),
  askField: $('ask-field'),
  askLabel: $('ask-label'),
  askInput: $('ask-input'),
  askOk: $('ask-ok'),
};

/** What the file holds → the engine's kind of preset. */
const PRESET_KIND = { deals: 'transactions', people: 'payees', hierarchy: 'hierarchy', quotas: 'quotas' };
const KIND_OF_PRESET = { transactions: 'deals', payees: 'people', hierarchy: 'hierarchy', quotas: 'quotas' };
/** How the presets are named in the list (the engine's description is the title). */
const PRESET_LABEL = {
  spm: "This app's deals CSV",
  'spm-payees': "This app's people CSV",
  'spm-hierarchy': "This app's hierarchy CSV",
  'spm-quotas': "This app's quota CSV",
  'salesforce-opportunities': 'Salesforce opportunities',
  'salesforce-opportunity-splits': 'Salesforce opportunity splits',
  'hubspot-deals': 'HubSpot deals',
  'dynamics-opportunities': 'Dynamics 365 opportunities',
  'pipedrive-deals': 'Pipedrive deals',
};
const KIND_LABEL = { deals: 'deals', people: 'people', hierarchy: 'hierarchy rows', quotas: 'quota rows' };
/** How many import reports the workspace keeps, and how many lines of each. */
const KEEP_REPORTS = 5;
const KEEP_LINES = 5000;
const PEOPLE_SHOWN = 200;
const REPORT_SHOWN = 1000;

const state = {
  /** @type {any} */ ws: null,
  /** @type {any[]} */ presets: [],
  /** Files waiting: { file, name, text?, sheets?, sheet? } @type {any[]} */ queue: [],
  /** @type {Worker | null} */ worker: null,
  /** The report shown, for the download. @type {any} */ shown: null,
};

const count = (v) => (Array.isArray(v) ? v.length : Number(v ?? 0));
const asObject = (v) => (typeof v === 'string' ? JSON.parse(v) : v);

function formatBytes(n) {
  if (n === null || n === undefined) return '—';
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return i === 0 ? `${formatCount(n)} bytes` : `${new Intl.NumberFormat('en-US', { maximumFractionDigits: v < 10 ? 1 : 0 }).format(v)} ${units[i]}`;
}

function formatWhen(iso) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

function showError(err, context) {
  fillError(ui.error, err, context);
  ui.status.textContent = '';
}

function say(text) {
  ui.status.textContent = text;
}

/**
 * A question in the page's dialog (never window.confirm): resolves with true/false, or with the
 * typed text (null on Cancel) when `value` is given.
 */
function ask({ title, text, ok = 'OK', value = null, label = 'Name' }) {
  ui.askTitle.textContent = title;
  ui.askText.textContent = text;
  ui.askOk.textContent = ok;
  ui.askField.hidden = value === null;
  ui.askLabel.textContent = label;
  ui.askInput.value = value ?? '';
  ui.askInput.required = value !== null;
  ui.ask.returnValue = '';
  return new Promise((resolve) => {
    ui.ask.addEventListener('close', () => {
      const yes = ui.ask.returnValue === 'ok';
      resolve(value === null ? yes : yes ? ui.askInput.value.trim() || null : null);
    }, { once: true });
    ui.ask.showModal();
    if (value !== null) ui.askInput.select();
  });
}

// ---------------------------------------------------------------------------------------------
// Workspaces.

async function renderWorkspaces() {
  const [list, activeId, storage] = await Promise.all([listWorkspaces(), activeWorkspaceId(), storageUsed()]);
  const rows = list.map((w) => {
    const active = w.id === activeId;
    const actions = el('td', { class: 'actions' },
      active
        ? el('span', { class: 'badge badge-info' }, 'Active')
        : el('button', { type: 'button', class: 'link-button', 'data-action': 'switch', 'aria-label': `Switch to ${w.name}` }, 'Switch'),
      el('button', { type: 'button', class: 'link-button', 'data-action': 'rename', 'aria-label': `Rename ${w.name}` }, 'Rename'),
      el('button', { type: 'button', class: 'link-button', 'data-action': 'duplicate', 'aria-label': `Duplicate ${w.name}` }, 'Duplicate'),
      el('button', { type: 'button', class: 'link-button danger', 'data-action': 'delete', 'aria-label': `Delete ${w.name}` }, 'Delete'),
    );
    const tr = el('tr', { 'data-id': w.id, class: active ? 'active' : '' },
      el('th', { scope: 'row', class: 'ws-name' }, w.name, w.sample ? el('span', { class: 'badge badge-neutral badge-small' }, 'sample') : null),
      el('td', { class: 'num', 'data-col': 'people' }, formatCount(w.people)),
      el('td', { class: 'num', 'data-col': 'deals' }, formatCount(w.deals)),
      el('td', { class: 'num', 'data-col': 'bytes' }, formatBytes(w.bytes)),
      el('td', { 'data-col': 'updated' }, formatWhen(w.updatedAt)),
      actions,
    );
    tr.dataset.name = w.name;
    return tr;
  });
  ui.workspaceBody.replaceChildren(...rows);
  const ours = storage.workspaces.reduce((a, w) => a + w.bytes, 0);
  ui.storageLine.textContent = storage.quota
    ? `Storage: ${formatBytes(storage.usage)} used of ${formatBytes(storage.quota)} this browser allows (workspaces: ${formatBytes(ours)})${storage.persisted ? '' : '; the browser may clear it when the disk is full'}.`
    : `Storage: workspaces take ${formatBytes(ours)}.`;
}

async function onWorkspaceAction(event) {
  const button = event.target.closest('button[data-action]');
  if (!button) return;
  const row = button.closest('tr');
  const id = row.dataset.id;
  const name = row.dataset.name;
  clearError(ui.error);
  ui.fileWarnings.hidden = true;
  try {
    switch (button.dataset.action) {
      case 'switch':
        await setActive(id);
        say(`Switched to ${name}.`);
        break;
      case 'rename': {
        const next = await ask({ title: 'Rename the workspace', text: `A new name for “${name}”.`, ok: 'Rename', value: name });
        if (!next) return;
        await renameWorkspace(id, next);
        say(`Renamed to ${next}.`);
        break;
      }
      case 'duplicate': {
        const next = await ask({ title: 'Duplicate the workspace', text: `A copy of “${name}” with everything in it.`, ok: 'Duplicate', value: `${name} (copy)` });
        if (!next) return;
        say(`Copying ${name}…`);
        await duplicateWorkspace(id, next);
        say(`${next} is a copy of ${name}.`);
        break;
      }
      case 'delete': {
        const yes = await ask({ title: 'Delete the workspace?', text: `“${name}” and everything in it will be removed from this browser. Export it first to keep a copy.`, ok: 'Delete' });
        if (!yes) return;
        await deleteWorkspace(id);
        say(`Deleted ${name}.`);
        break;
      }
      default:
        return;
    }
    await refresh();
  } catch (err) {
    showError(err, 'Workspaces');
  }
}

// ---------------------------------------------------------------------------------------------
// The active workspace: summary, people, earlier imports.

async function refresh() {
  const ws = await openWorkspace(await activeWorkspaceId());
  state.ws = ws;
  ui.activeName.textContent = ws.name;
  ui.sumName.textContent = ws.name;
  ui.importTarget.textContent = ws.name;
  ui.sumPeople.textContent = formatCount(ws.people.length);
  const deals = (await listWorkspaces()).find((w) => w.id === ws.id)?.deals ?? 0;
  ui.sumDeals.textContent = formatCount(deals);
  ui.sumPlans.textContent = formatCount(ws.plans.length);
  document.body.dataset.workspace = ws.id;
  await renderWorkspaces();
  renderPeople();
  renderHistory();
  await plansPanel.render(ws);
}

function managerOf(p) {
  if (p.managerId) return p.managerId;
  const spans = Array.isArray(p.managers) ? p.managers : [];
  return spans.length ? spans.map((s) => s.managerId).filter(Boolean).join(', ') : '';
}

function renderPeople() {
  const people = state.ws?.people ?? [];
  const needle = ui.peopleFilter.value.trim().toLowerCase();
  const matching = needle
    ? people.filter((p) => [p.id, p.name, p.role, p.team, managerOf(p)].some((v) => v && String(v).toLowerCase().includes(needle)))
    : people;
  const shown = matching.slice(0, PEOPLE_SHOWN);
  ui.peopleBody.replaceChildren(...shown.map((p) => el('tr', null,
    el('td', null, el('code', null, p.id)),
    el('th', { scope: 'row' }, p.name ?? ''),
    el('td', null, p.role ?? ''),
    el('td', null, p.team ?? ''),
    el('td', null, managerOf(p)),
    el('td', null, p.currency ?? ''),
    el('td', { class: 'num' }, p.targetIncentive ? formatMoney(p.targetIncentive, p.currency || state.ws.settings?.currency || 'USD') : ''),
    el('td', { class: 'num' }, formatCount((p.quotas ?? []).length)),
  )));
  if (shown.length === 0) {
    ui.peopleBody.append(el('tr', null, el('td', { colspan: '8', class: 'muted' }, people.length ? 'Nobody matches the filter.' : 'No people yet: import a roster above.')));
  }
  ui.peopleHint.textContent = matching.length > PEOPLE_SHOWN
    ? `The first ${formatCount(PEOPLE_SHOWN)} of ${formatCount(matching.length)}${needle ? ' matching' : ''}.`
    : `${formatCount(matching.length)} ${matching.length === 1 ? 'person' : 'people'}${needle ? ` match of ${formatCount(people.length)}` : ''}.`;
}

function renderHistory() {
  const reports = state.ws?.settings?.importReports ?? [];
  ui.history.hidden = reports.length === 0;
  ui.historyList.replaceChildren(...reports.map((r, i) => {
    const button = el('button', { type: 'button', class: 'link-button', 'data-index': String(i) }, 'Show');
    return el('li', null, `${formatWhen(r.at)} · ${r.file} (${KIND_LABEL[r.kind] ?? r.kind}, ${r.preset}): ${formatCount(r.report.imported)} imported, ${formatCount(r.report.rejected)} rejected `, button);
  }));
  // The newest report stays on the page after a reload.
  if (reports.length && ui.result.hidden) showResult(reports[0], { stored: true });
}

// ---------------------------------------------------------------------------------------------
// Import: the queue, the mapping step, the worker.

/** The presets for a kind, with the remembered, guessed and own ones first. */
function rankPresets(kind, header) {
  const engineKind = PRESET_KIND[kind];
  const guesses = asObject(guessPreset(header, engineKind));
  const byName = new Map(state.presets.map((p) => [p.name, p]));
  const ranked = guesses.filter((g) => byName.has(g.name));
  for (const p of state.presets) if (p.kind === engineKind && !ranked.some((g) => g.name === p.name)) ranked.push({ name: p.name, kind: p.kind, score: 0, matched: [], missing: [] });
  return ranked;
}

/** The remembered mapping of this source (header) in the workspace, if any. */
function remembered(header) {
  const source = sourceKey(header);
  return (state.ws?.settings?.mappings ?? []).find((m) => m.source === source) ?? null;
}

const sourceKey = (header) => header.trim().toLowerCase();

function currentItem() {
  return state.queue[0] ?? null;
}

function headerLine(text) {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const nl = t.indexOf('\n');
  return (nl < 0 ? t : t.slice(0, nl)).replace(/\r$/, '');
}

function renderQueue() {
  ui.queue.replaceChildren(...state.queue.map((item, i) => el('li', { class: i === 0 ? 'current' : '' },
    item.file.name, ' ', el('span', { class: 'muted' }, `(${formatBytes(item.file.size)})`), i === 0 ? el('span', { class: 'muted' }, ' — now') : null)));
}

async function addFiles(fileList) {
  clearError(ui.error);
  const files = [...fileList];
  if (!files.length) return;
  for (const file of files) state.queue.push({ file });
  renderQueue();
  if (state.queue.length === files.length) await prepareCurrent();
}

/** Reads the current file and fills in the mapping step. */
async function prepareCurrent() {
  const item = currentItem();
  ui.mapping.hidden = !item;
  renderQueue();
  if (!item) return;
  ui.mappingTitle.textContent = `Mapping of ${item.file.name}`;
  try {
    const lower = item.file.name.toLowerCase();
    if (lower.endsWith('.xlsx')) {
      ui.sheetControl.hidden = false;
      if (!item.sheets) {
        say(`Reading the sheets of ${item.file.name}…`);
        const bytes = new Uint8Array(await item.file.arrayBuffer());
        const { sheets } = await runWorker({ type: 'sheets', bytes }, [bytes.buffer]);
        item.sheets = sheets;
        item.sheet = 0;
      }
      ui.sheetSelect.replaceChildren(...item.sheets.map((s, i) => el('option', { value: String(i) }, `${s.name} (${formatCount(s.rows)} rows)`)));
      ui.sheetSelect.value = String(item.sheet);
      item.text = item.sheets[item.sheet]?.csv ?? '';
      showSheetWarnings(item);
    } else {
      ui.sheetControl.hidden = true;
      ui.sheetNote.textContent = '';
      item.text ??= await item.file.text();
      if (lower.endsWith('.json')) {
        await importJsonFile(item);
        return;
      }
    }
    chooseDefaults(item);
    renderPreview();
    say(`Check the mapping of ${item.file.name}, then Import.`);
  } catch (err) {
    // The file cannot be read (not text, an .xlsx this build cannot open, not JSON): say so and go on.
    showError(err, `Reading ${item.file.name}`);
    if (currentItem() === item) state.queue.shift();
    ui.mapping.hidden = state.queue.length === 0;
    renderQueue();
    if (state.queue.length) await prepareCurrent(); // the error stays shown
  }
}

/** What the engine said reading the chosen sheet (merged cells, formulas without values, …). */
function showSheetWarnings(item) {
  const warnings = item.sheets?.[item.sheet]?.warnings ?? [];
  ui.sheetNote.textContent = warnings.map((w) => (typeof w === 'string' ? w : `${w.path ? `${w.path}: ` : ''}${w.message}`)).join(' · ');
}

/** The kind and preset the current file most likely is: remembered, else the best guess. */
function chooseDefaults(item) {
  const header = headerLine(item.text);
  const memory = remembered(header);
  let kind;
  let preset;
  if (memory) {
    kind = KIND_OF_PRESET[memory.kind] ?? memory.kind;
    preset = memory.mapping?.preset;
  } else {
    const best = asObject(guessPreset(header))[0];
    kind = best && best.score > 0 ? KIND_OF_PRESET[best.kind] ?? 'deals' : 'deals';
  }
  ui.kindSelect.value = kind;
  fillPresets(item, preset);
}

function fillPresets(item, preferred) {
  const header = headerLine(item.text);
  const ranked = rankPresets(ui.kindSelect.value, header);
  const memory = remembered(header);
  ui.presetSelect.replaceChildren(...ranked.map((g) => {
    const p = state.presets.find((x) => x.name === g.name);
    const fits = g.missing.length === 0 && g.score > 0;
    const label = `${PRESET_LABEL[g.name] ?? g.name}${memory?.mapping?.preset === g.name ? ' — remembered' : fits ? ' — fits the header' : ''}`;
    return el('option', { value: g.name, title: p?.description ?? g.name }, label);
  }));
  const pick = preferred && ranked.some((g) => g.name === preferred) ? preferred : ranked[0]?.name;
  if (pick) ui.presetSelect.value = pick;
}

/** The preview of the first 10 rows, with the columns the preset reads marked. */
function renderPreview() {
  const item = currentItem();
  if (!item) return;
  const preview = asObject(previewCsv(item.text.slice(0, 1 << 20), 10));
  const preset = state.presets.find((p) => p.name === ui.presetSelect.value);
  const fieldOf = new Map();
  for (const [field, col] of Object.entries(preset?.mapping?.columns ?? {})) {
    for (const c of Array.isArray(col) ? col : [col]) fieldOf.set(String(c).toLowerCase(), field);
  }
  const header = preview.header ?? [];
  const head = el('tr', null, ...header.map((h) => {
    const field = fieldOf.get(String(h).trim().toLowerCase());
    return el('th', { scope: 'col', class: field ? 'mapped' : 'unmapped' }, h, field ? el('span', { class: 'maps-to' }, `→ ${field}`) : el('span', { class: 'maps-to' }, 'not read'));
  }));
  ui.previewTable.tHead.replaceChildren(head);
  ui.previewTable.tBodies[0].replaceChildren(...(preview.rows ?? []).map((r) => el('tr', null, ...header.map((_, i) => el('td', null, r[i] ?? '')))));
  const guess = rankPresets(ui.kindSelect.value, headerLine(item.text)).find((g) => g.name === ui.presetSelect.value);
  ui.presetNote.textContent = guess && guess.missing.length
    ? `The header lacks ${guess.missing.map((m) => `“${m}”`).join(', ')}: choose another preset or another kind.`
    : '';
  ui.previewCaption.textContent = `The first ${formatCount((preview.rows ?? []).length)} rows of ${item.file.name}${preview.delimiter && preview.delimiter !== ',' ? ` (separated by ${preview.delimiter === '\t' ? 'tabs' : `“${preview.delimiter}”`})` : ''}`;
}

/** Runs one job in a new worker; rejects with the engine's error; `cancel()` terminates it. */
function runWorker(message, transfer = [], onProgress = () => {}) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../../lib/import-worker.js', import.meta.url), { type: 'module' });
    state.worker = worker;
    state.rejectWorker = reject;
    worker.onmessage = (event) => {
      const msg = event.data;
      if (msg.type === 'progress') { onProgress(msg); return; }
      worker.terminate();
      state.worker = null;
      if (msg.type === 'done') resolve(msg.result);
      else reject(Object.assign(new Error(msg.error.message), { name: 'SpmError', code: msg.error.code, diagnostics: msg.error.diagnostics }));
    };
    worker.onerror = (event) => {
      worker.terminate();
      state.worker = null;
      reject(new Error(`The import stopped: ${event.message || 'the worker failed'}`));
    };
    worker.postMessage(message, transfer);
  });
}

function cancelImport() {
  if (!state.worker) return;
  state.worker.terminate();
  state.worker = null;
  const reject = state.rejectWorker;
  state.rejectWorker = null;
  const err = new Error('Cancelled: nothing was saved.');
  err.name = 'Cancelled';
  reject?.(err);
}

function busy(on) {
  ui.importRun.disabled = on;
  ui.importSkip.disabled = on;
  ui.kindSelect.disabled = on;
  ui.presetSelect.disabled = on;
  ui.sheetSelect.disabled = on;
  ui.cancel.hidden = !on;
  ui.progress.hidden = !on;
  document.body.dataset.importing = on ? '1' : '0';
}

async function runImport() {
  const item = currentItem();
  if (!item || !state.ws) return;
  clearError(ui.error);
  const kind = ui.kindSelect.value;
  const preset = ui.presetSelect.value;
  const mapping = { preset };
  const wsId = state.ws.id;
  busy(true);
  ui.progress.value = 0;
  ui.stage.textContent = 'Starting…';
  try {
    const result = await runWorker(
      { type: 'import', kind, csv: item.text, mapping, people: state.ws.people, dealsCsv: kind === 'deals' ? state.ws.dealsCsv : '' },
      [],
      (p) => { ui.progress.max = p.steps; ui.progress.value = p.step; ui.stage.textContent = `${p.stage}…`; },
    );
    ui.stage.textContent = 'Saving…';
    if (kind === 'deals') await savePart(wsId, 'dealsCsv', result.dealsCsv);
    else await savePart(wsId, 'people', result.people);
    // Remember the mapping for this source, and keep the report.
    const header = headerLine(item.text);
    const settings = structuredClone(state.ws.settings ?? { currency: null, mappings: [] });
    settings.mappings = (settings.mappings ?? []).filter((m) => m.source !== sourceKey(header));
    settings.mappings.unshift({ source: sourceKey(header), kind: PRESET_KIND[kind], mapping });
    const report = { ...result.report, lines: (result.report.lines ?? []).slice(0, KEEP_LINES), linesTotal: (result.report.lines ?? []).length };
    const entry = { at: new Date().toISOString(), file: item.file.name, kind, preset, report, changes: result.changes };
    settings.importReports = [entry, ...(settings.importReports ?? [])].slice(0, KEEP_REPORTS);
    await savePart(wsId, 'settings', settings);
    state.queue.shift();
    showResult(entry, { reportCsv: result.reportCsv });
    await refresh();
    say(`Imported ${item.file.name}: ${formatCount(result.report.imported)} of ${formatCount(result.report.rows)} rows.`);
    await prepareCurrent();
  } catch (err) {
    if (err?.name === 'Cancelled') say(err.message);
    else showError(err, `Importing ${item.file.name}`);
  } finally {
    busy(false);
    ui.stage.textContent = '';
  }
}

/** A .json file in the import: a workspace file (a new workspace) or a people list (merged). */
async function importJsonFile(item) {
  let doc;
  try { doc = JSON.parse(item.text); } catch { doc = null; }
  if (Array.isArray(doc)) {
    const { people, changes } = asObject(mergePeople(state.ws.people, doc));
    await savePart(state.ws.id, 'people', people);
    state.queue.shift();
    showResult({ at: new Date().toISOString(), file: item.file.name, kind: 'people', preset: 'JSON', report: { rows: doc.length, imported: doc.length, rejected: 0, skipped: 0, lines: [] }, changes });
    say(`Imported ${item.file.name}: ${formatCount(doc.length)} people.`);
  } else {
    state.queue.shift();
    await importWorkspaceText(item.text, item.file.name);
  }
  await refresh();
  await prepareCurrent();
}

function changesText(kind, changes) {
  if (!changes) return '';
  const noun = kind === 'deals' ? 'deals' : 'people';
  const updated = count(changes.updated);
  const parts = [`${formatCount(count(changes.added))} ${noun} added`, `${formatCount(updated)} updated`, `${formatCount(count(changes.unchanged))} unchanged`];
  let text = `In the workspace: ${parts.join(', ')}.`;
  if (Array.isArray(changes.updated) && changes.updated.length) {
    const some = changes.updated.slice(0, 5).map((u) => `${u.id} (${(u.fields ?? []).join(', ')})`);
    text += ` Updated: ${some.join('; ')}${changes.updated.length > 5 ? `; and ${formatCount(changes.updated.length - 5)} more` : ''}.`;
  }
  return text;
}

/** Shows an import's counts, changes and data-quality report. */
function showResult(entry, { reportCsv = null, stored = false } = {}) {
  const r = entry.report;
  state.shown = { entry, reportCsv };
  ui.result.hidden = false;
  ui.resultTitle.textContent = `${stored ? 'Last import' : 'Imported'}: ${entry.file}`;
  const cells = [
    ['Rows', r.rows, 'rows'], ['Imported', r.imported, 'imported'], ['Rejected', r.rejected, 'rejected'],
    ['Skipped', count(r.skipped), 'skipped'], ['Warnings', (r.lines ?? []).filter((l) => l.status === 'warning').length, 'warnings'],
  ];
  ui.resultCounts.replaceChildren(...cells.map(([label, n, key]) => el('div', { class: `count count-${key}` }, el('dt', null, label), el('dd', { 'data-count': key }, formatCount(Number(n ?? 0))))));
  ui.resultChanges.textContent = changesText(entry.kind, entry.changes);
  const lines = r.lines ?? [];
  ui.reportBox.hidden = lines.length === 0;
  const total = r.linesTotal ?? lines.length;
  ui.reportHeading.textContent = `Data-quality report: ${formatCount(total)} ${total === 1 ? 'line' : 'lines'} to look at`;
  ui.reportBody.replaceChildren(...lines.slice(0, REPORT_SHOWN).map((l) => el('tr', { class: `line-${l.status}`, 'data-line': String(l.line ?? '') },
    el('td', { class: 'num' }, l.line === null || l.line === undefined ? '—' : String(l.line)),
    el('td', null, el('span', { class: `badge badge-small ${l.status === 'rejected' ? 'badge-bad' : l.status === 'warning' ? 'badge-warn' : 'badge-neutral'}` }, l.status)),
    el('td', null, l.column ?? ''),
    el('td', { class: 'reason' }, l.reason ?? '', l.code ? el('code', { class: 'code' }, ` ${l.code}`) : null),
  )));
  if (lines.length > REPORT_SHOWN || total > lines.length) {
    ui.reportBody.append(el('tr', null, el('td', { colspan: '4', class: 'muted' }, `The first ${formatCount(Math.min(lines.length, REPORT_SHOWN))} of ${formatCount(total)} lines are shown; the download has ${total > lines.length ? `the first ${formatCount(lines.length)}` : 'them all'}.`)));
  }
}

function downloadReport() {
  if (!state.shown) return;
  const { entry } = state.shown;
  let csv = state.shown.reportCsv;
  if (!csv) {
    csv = importReportCsv(entry.report);
  }
  downloadText(`${safeFilePart(entry.file.replace(/\.[^.]+$/, ''))}-import-report.csv`, csv);
}

// ---------------------------------------------------------------------------------------------
// Workspace file.

async function importWorkspaceText(text, fileName) {
  ui.fileWarnings.hidden = true;
  const { id, name, warnings } = await importWorkspaceFile(text);
  await setActive(id);
  if (warnings.length) {
    ui.fileWarnings.replaceChildren(
      el('strong', null, `${fileName} was imported as “${name}” with ${warnings.length === 1 ? 'a warning' : `${warnings.length} warnings`}:`),
      el('ul', null, ...warnings.map((w) => el('li', null, w.path ? el('code', null, w.path) : null, ` ${w.message}`, w.hint ? ` (${w.hint})` : ''))),
    );
    ui.fileWarnings.hidden = false;
  }
  say(`${fileName} is now the workspace “${name}”.`);
}

async function onWorkspaceFile() {
  const file = ui.workspaceFile.files?.[0];
  ui.workspaceFile.value = '';
  if (!file) return;
  clearError(ui.error);
  try {
    say(`Reading ${file.name}…`);
    await importWorkspaceText(await file.text(), file.name);
    await refresh();
  } catch (err) {
    showError(err, `Importing ${file.name}`);
  }
}

async function onExport() {
  clearError(ui.error);
  try {
    const blob = await exportWorkspace(state.ws.id);
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: `${safeFilePart(state.ws.name)}.spm-workspace.json`, hidden: '' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    say(`Exported ${state.ws.name} (${formatBytes(blob.size)}).`);
  } catch (err) {
    showError(err, 'Exporting the workspace');
  }
}

// ---------------------------------------------------------------------------------------------
// Wiring.

function wire() {
  ui.workspaceBody.addEventListener('click', onWorkspaceAction);
  ui.newForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearError(ui.error);
    const name = ui.newName.value.trim();
    if (!name) return;
    try {
      const id = await createWorkspace(name);
      await setActive(id);
      ui.newName.value = '';
      say(`Created ${name}; it is the active workspace.`);
      await refresh();
    } catch (err) {
      showError(err, 'Creating the workspace');
    }
  });
  ui.restoreSample.addEventListener('click', async () => {
    clearError(ui.error);
    try {
      say('Restoring the sample company…');
      const id = await restoreSample();
      await setActive(id);
      say('The sample company is back as it came.');
      await refresh();
    } catch (err) {
      showError(err, 'Restoring the sample');
    }
  });
  ui.files.addEventListener('change', () => { addFiles(ui.files.files ?? []); ui.files.value = ''; });
  ui.dropZone.addEventListener('dragover', (event) => { event.preventDefault(); ui.dropZone.classList.add('over'); });
  ui.dropZone.addEventListener('dragleave', () => ui.dropZone.classList.remove('over'));
  ui.dropZone.addEventListener('drop', (event) => {
    event.preventDefault();
    ui.dropZone.classList.remove('over');
    addFiles(event.dataTransfer?.files ?? []);
  });
  ui.sheetSelect.addEventListener('change', () => {
    const item = currentItem();
    if (!item?.sheets) return;
    item.sheet = Number(ui.sheetSelect.value);
    item.text = item.sheets[item.sheet]?.csv ?? '';
    showSheetWarnings(item);
    chooseDefaults(item);
    renderPreview();
  });
  ui.kindSelect.addEventListener('change', () => { const item = currentItem(); if (item) { fillPresets(item); renderPreview(); } });
  ui.presetSelect.addEventListener('change', renderPreview);
  ui.importRun.addEventListener('click', runImport);
  ui.importSkip.addEventListener('click', async () => { state.queue.shift(); say('Skipped.'); await prepareCurrent(); });
  ui.cancel.addEventListener('click', cancelImport);
  ui.reportDownload.addEventListener('click', () => {
    try { downloadReport(); } catch (err) { showError(err, 'Downloading the report'); }
  });
  ui.historyList.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-index]');
    const entry = state.ws?.settings?.importReports?.[Number(button?.dataset.index)];
    if (entry) showResult(entry, { stored: true });
  });
  ui.exportButton.addEventListener('click', onExport);
  ui.workspaceFile.addEventListener('change', onWorkspaceFile);
  ui.peopleFilter.addEventListener('input', renderPeople);
  // Another tab switched or changed a workspace: show it.
  window.addEventListener('workspacechange', (event) => {
    if (event.detail?.remote) refresh().catch((err) => showError(err, 'Reading the workspace'));
  });
}

const plansPanel = createPlansPanel({ ask, say, changed: () => refresh(), formatWhen });

async function main() {
  wire();
  try {
    await init();
    state.presets = asObject(importPresets());
    await refresh();
    say(`Engine ${version()} · ${state.ws.name} is the active workspace.`);
    document.body.dataset.ready = '1';
  } catch (err) {
    showError(err, 'Opening the workspace');
  }
}

main();
