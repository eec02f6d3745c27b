// The company workspace (issue 20): the one source of data every page works on, kept in this
// browser. Several workspaces side by side (the sample company is one of them); one is active.
//
// Storage, no library:
// - IndexedDB database "spm-workspaces": store "meta" (one record per workspace: id, name,
//   sample, createdAt, updatedAt, bytes, counts, where its large texts are) and store "parts"
//   (key "<id>/<part>": each small top-level part of the workspace file: name, people, plans,
//   accounts, territories, scoringDefinitions, settings, eventsCsv, ratesCsv);
// - the large texts (dealsCsv, activityCsv) in the Origin Private File System, one directory per
//   workspace id under "spm-workspaces/"; where OPFS (or its createWritable) is missing, in the
//   IndexedDB store "blobs" (key "<id>/<part>", a Blob).
// Every write resolves once it is stored (transactions committed, files closed). Failures reject
// with plan-store.js's plain-words StoreError. A change of the active workspace or of its content
// fires `workspacechange` on window (detail { id, reason, keys }) and is posted on the
// BroadcastChannel "spm-workspace", so other tabs hear it (their event has detail.remote = true).
// The active workspace's id is in localStorage ("spm-active-workspace").
//
// The engine functions the Company page and its import worker use are re-exported from here, so
// they have one import line (www/lib/engine.js holds them).
import { init } from './engine.js';
import { sampleWorkspace, readWorkspace } from './engine.js';
import { storageError } from './plan-store.js';

export {
  sampleWorkspace, readWorkspace, guessPreset, previewCsv, importCsv, importPresets, importDealsCsv,
  importReportCsv, mergePeople, mergeDeals,
} from './engine.js';

const DB_NAME = 'spm-workspaces';
const DB_VERSION = 1;
const META = 'meta';
const PARTS = 'parts';
const BLOBS = 'blobs';
const OPFS_DIR = 'spm-workspaces';
const ACTIVE_KEY = 'spm-active-workspace';
const CHANNEL = 'spm-workspace';
export const FORMAT = 'spm-workspace';
export const SCHEMA_VERSION = 1;
/** The name of the sample workspace when the engine's sample has none. */
export const SAMPLE_NAME = 'Northwind Analytics (sample)';

/** The workspace file's top-level keys, in the order an exported file has them. */
export const KEYS = Object.freeze(['format', 'schemaVersion', 'name', 'people', 'plans', 'dealsCsv', 'eventsCsv', 'ratesCsv',
  'accounts', 'territories', 'scoringDefinitions', 'activityCsv', 'settings']);
/** The parts kept as files (OPFS), not in IndexedDB. */
export const LARGE = Object.freeze(['dealsCsv', 'activityCsv']);
const SMALL = KEYS.filter((k) => !LARGE.includes(k) && k !== 'format' && k !== 'schemaVersion');

/**
 * @typedef {object} Workspace The workspace file's shape, plus its id in this browser.
 * @property {string} [id]
 * @property {'spm-workspace'} format
 * @property {1} schemaVersion
 * @property {string} name
 * @property {object[]} people PayeeSpec[]
 * @property {Array<{ id: string, active: number, versions: Array<{ version: number, savedAt: string | null, note: string | null, plan: object }> }>} plans
 * @property {string} dealsCsv
 * @property {string} eventsCsv
 * @property {string} ratesCsv
 * @property {object[]} accounts
 * @property {object[]} territories
 * @property {object | null} scoringDefinitions
 * @property {string} activityCsv
 * @property {{ currency: string | null, mappings: Array<{ source: string, kind: string, mapping: object }>, importReports?: object[] }} settings
 *
 * @typedef {object} WorkspaceInfo
 * @property {string} id
 * @property {string} name
 * @property {string} updatedAt ISO 8601 time
 * @property {number} bytes what its parts take, as UTF-8
 * @property {number} people
 * @property {number} deals
 * @property {boolean} sample
 */

// ---------------------------------------------------------------------------------------------
// IndexedDB.

/** @type {Promise<IDBDatabase> | null} */
let dbPromise = null;

function openDb() {
  if (dbPromise) return dbPromise;
  dbPromise = new Promise((resolve, reject) => {
    let idb = null;
    try { idb = globalThis.indexedDB ?? null; } catch { idb = null; }
    if (!idb) {
      reject(storageError({ name: 'UnknownError', message: 'IndexedDB is not available' }, 'open the workspace store'));
      return;
    }
    let request;
    try {
      request = idb.open(DB_NAME, DB_VERSION);
    } catch (err) {
      reject(storageError(err, 'open the workspace store'));
      return;
    }
    request.onupgradeneeded = (event) => {
      const db = request.result;
      if (event.oldVersion < 1) {
        db.createObjectStore(META, { keyPath: 'id' });
        db.createObjectStore(PARTS);
        db.createObjectStore(BLOBS);
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => { db.close(); dbPromise = null; };
      db.onclose = () => { dbPromise = null; };
      resolve(db);
    };
    request.onerror = () => reject(storageError(request.error, 'open the workspace store'));
    request.onblocked = () => reject(new Error('Another tab holds an older copy of the workspace store open. Close the other tabs of this app and reload this page.'));
  }).catch((err) => { dbPromise = null; throw err; });
  return dbPromise;
}

/**
 * Runs `body` in one transaction; resolves with what `body` returned (a request's result, or a
 * function's value, read after commit) once the transaction has committed.
 */
async function run(storeNames, mode, doing, body) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    let tx;
    let outcome;
    try {
      tx = db.transaction(storeNames, mode, mode === 'readwrite' ? { durability: 'strict' } : undefined);
      outcome = body(tx);
    } catch (err) {
      try { tx?.abort(); } catch { /* finished */ }
      reject(storageError(err, doing));
      return;
    }
    tx.oncomplete = () => resolve(typeof outcome === 'function' ? outcome() : outcome instanceof IDBRequest ? outcome.result : undefined);
    tx.onabort = () => reject(storageError(tx.error ?? { name: 'AbortError', message: 'the transaction was aborted' }, doing));
  });
}

const partKey = (id, key) => `${id}/${key}`;
const partRange = (id) => IDBKeyRange.bound(`${id}/`, `${id}/\uffff`);

// ---------------------------------------------------------------------------------------------
// Large texts: OPFS, or IndexedDB blobs.

/** The OPFS root when files can be written there from this context, else null. */
async function opfsRoot() {
  try {
    if (!globalThis.navigator?.storage?.getDirectory) return null;
    if (typeof globalThis.FileSystemFileHandle === 'undefined' || !('createWritable' in FileSystemFileHandle.prototype)) return null;
    return await navigator.storage.getDirectory();
  } catch {
    return null;
  }
}

async function opfsDir(id, create) {
  const root = await opfsRoot();
  if (!root) return null;
  try {
    const top = await root.getDirectoryHandle(OPFS_DIR, { create: true });
    return await top.getDirectoryHandle(id, { create });
  } catch (err) {
    if (err?.name === 'NotFoundError') return null;
    throw err;
  }
}

/** Stores one large text; returns where ('opfs' or 'idb'). */
async function writeLarge(id, key, text) {
  const blob = new Blob([text ?? ''], { type: 'text/csv' });
  const dir = await opfsDir(id, true);
  if (dir) {
    try {
      const handle = await dir.getFileHandle(`${key}.csv`, { create: true });
      const writable = await handle.createWritable();
      await writable.write(blob);
      await writable.close();
      return 'opfs';
    } catch (err) {
      throw storageError(err, `store the workspace's ${key}`);
    }
  }
  await run(BLOBS, 'readwrite', `store the workspace's ${key}`, (tx) => { tx.objectStore(BLOBS).put(blob, partKey(id, key)); });
  return 'idb';
}

async function readLarge(id, key, where) {
  if (where === 'opfs') {
    const dir = await opfsDir(id, false);
    if (!dir) return '';
    try {
      const handle = await dir.getFileHandle(`${key}.csv`);
      return await (await handle.getFile()).text();
    } catch (err) {
      if (err?.name === 'NotFoundError') return '';
      throw storageError(err, `read the workspace's ${key}`);
    }
  }
  const blob = await run(BLOBS, 'readonly', `read the workspace's ${key}`, (tx) => tx.objectStore(BLOBS).get(partKey(id, key)));
  return blob ? await blob.text() : '';
}

async function deleteLarge(id) {
  const root = await opfsRoot();
  if (root) {
    try {
      const top = await root.getDirectoryHandle(OPFS_DIR, { create: true });
      await top.removeEntry(id, { recursive: true });
    } catch (err) {
      if (err?.name !== 'NotFoundError') throw storageError(err, 'delete the workspace files');
    }
  }
  await run(BLOBS, 'readwrite', 'delete the workspace files', (tx) => { tx.objectStore(BLOBS).delete(partRange(id)); });
}

// ---------------------------------------------------------------------------------------------
// Sizes, counts, events, cache.

const utf8Bytes = (value) => {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'string') return new Blob([value]).size;
  return new Blob([JSON.stringify(value)]).size;
};

/** Data lines of a CSV text (lines after the header that are not blank). */
function csvRows(text) {
  if (!text) return 0;
  let n = 0;
  let start = 0;
  let first = true;
  // Line breaks inside quoted fields are rare in exports; a row count for a listing may be off by those.
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (!first && text.slice(start, end).trim() !== '') n++;
    first = false;
    start = end + 1;
  }
  return n;
}

function countsOf(part, value, counts) {
  if (part === 'people') counts.people = Array.isArray(value) ? value.length : 0;
  if (part === 'dealsCsv') counts.deals = csvRows(value);
  if (part === 'plans') counts.plans = Array.isArray(value) ? value.length : 0;
}

/** @type {BroadcastChannel | null} */
let channel = null;
try {
  channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  channel?.unref?.(); // Node (the JS tests): the channel must not keep the process alive
} catch {
  channel = null;
}

/** The last workspace opened, whole: { id, ws } (a page asking twice does not reread the files). */
let cache = null;

if (channel) {
  channel.onmessage = (event) => {
    const detail = event.data ?? {};
    if (!cache || !detail.id || cache.id === detail.id) cache = null;
    writes++;
    reading = null;
    // localStorage reaches other tabs asynchronously, maybe after this message: take the id from it.
    if (detail.reason === 'active' && detail.id) storeActive(detail.id);
    if (typeof dispatchEvent === 'function' && typeof CustomEvent === 'function') {
      dispatchEvent(new CustomEvent('workspacechange', { detail: { ...detail, remote: true } }));
    }
  };
}

/** Tells this page and the other tabs. @param {{ id: string | null, reason: string, keys?: string[] }} detail */
function changed(detail) {
  if (typeof dispatchEvent === 'function' && typeof CustomEvent === 'function') {
    dispatchEvent(new CustomEvent('workspacechange', { detail }));
  }
  try { channel?.postMessage(detail); } catch { /* another tab will reread on its next open */ }
}

const newId = () => `ws-${Date.now().toString(36)}-${(globalThis.crypto?.randomUUID?.() ?? Math.random().toString(16).slice(2)).slice(0, 8)}`;

function activeFromStorage() {
  try { return globalThis.localStorage?.getItem(ACTIVE_KEY) ?? null; } catch { return null; }
}

function storeActive(id) {
  try { globalThis.localStorage?.setItem(ACTIVE_KEY, id); } catch { /* private mode: active for this page only */ }
  memoryActive = id;
}

let memoryActive = null;

/** An empty workspace with the given name. */
export function emptyWorkspace(name = 'New workspace') {
  return {
    format: FORMAT, schemaVersion: SCHEMA_VERSION, name, people: [], plans: [], dealsCsv: '', eventsCsv: '', ratesCsv: '',
    accounts: [], territories: [], scoringDefinitions: null, activityCsv: '', settings: { currency: null, mappings: [] },
  };
}

function requireName(name) {
  const s = typeof name === 'string' ? name.trim() : '';
  if (!s) throw new TypeError('A workspace needs a name.');
  return s;
}

async function getMeta(id) {
  return run(META, 'readonly', 'read the workspace list', (tx) => tx.objectStore(META).get(id));
}

async function requireMeta(id) {
  const meta = await getMeta(id);
  if (!meta) throw new Error(`Workspace ${id} no longer exists; it may have been deleted in another tab.`);
  return meta;
}

/** Writes `parts` (some top-level keys) of workspace `id`, creating its record when `create`. */
async function writeParts(id, parts, { create = false, sample = false } = {}) {
  writes++;
  if (reading?.id === id) reading = null;
  const meta = create
    ? { id, name: parts.name ?? 'Workspace', sample, createdAt: new Date().toISOString(), updatedAt: null, bytes: 0, partBytes: {}, counts: { people: 0, deals: 0, plans: 0 }, large: {} }
    : await requireMeta(id);
  meta.partBytes ??= {};
  meta.large ??= {};
  meta.counts ??= { people: 0, deals: 0, plans: 0 };
  // Files first: a workspace record never points at a file that was not written.
  for (const key of LARGE) {
    if (!(key in parts)) continue;
    meta.large[key] = await writeLarge(id, key, parts[key]);
    meta.partBytes[key] = utf8Bytes(parts[key]);
    countsOf(key, parts[key], meta.counts);
  }
  const small = SMALL.filter((k) => k in parts);
  for (const key of small) {
    meta.partBytes[key] = utf8Bytes(parts[key]);
    countsOf(key, parts[key], meta.counts);
  }
  if ('name' in parts) meta.name = requireName(parts.name);
  meta.bytes = Object.values(meta.partBytes).reduce((a, b) => a + b, 0);
  meta.updatedAt = new Date().toISOString();
  await run([META, PARTS], 'readwrite', 'save the workspace', (tx) => {
    const store = tx.objectStore(PARTS);
    for (const key of small) store.put(parts[key], partKey(id, key));
    tx.objectStore(META).put(meta);
  });
  if (cache?.id === id) {
    for (const key of [...small, ...LARGE.filter((k) => k in parts)]) cache.ws[key] = parts[key];
    cache.ws.updatedAt = meta.updatedAt;
  }
  return meta;
}

const info = (m) => ({
  id: m.id, name: m.name, updatedAt: m.updatedAt, bytes: m.bytes ?? 0,
  people: m.counts?.people ?? 0, deals: m.counts?.deals ?? 0, plans: m.counts?.plans ?? 0, sample: Boolean(m.sample),
});

// ---------------------------------------------------------------------------------------------
// The API.

/**
 * Every workspace in this browser, most recently changed first.
 * @returns {Promise<WorkspaceInfo[]>}
 */
export async function listWorkspaces() {
  const all = await run(META, 'readonly', 'read the workspace list', (tx) => tx.objectStore(META).getAll());
  return all.map(info).sort((a, b) => String(b.updatedAt).localeCompare(String(a.updatedAt)));
}

/**
 * The sample company as a new workspace (from the engine's sampleWorkspace()).
 * @returns {Promise<string>} its id
 */
async function createSample() {
  await init();
  const text = sampleWorkspace();
  const ws = JSON.parse(typeof text === 'string' ? text : JSON.stringify(text));
  if (!ws.name) ws.name = SAMPLE_NAME;
  if (!/\(sample\)\s*$/i.test(ws.name)) ws.name = `${ws.name} (sample)`;
  const id = newId();
  await writeParts(id, ws, { create: true, sample: true });
  return id;
}

/** @type {Promise<string> | null} one first-use at a time */
let choosing = null;

/**
 * The id of the active workspace. On first use (or when the active one is gone) it is the most
 * recently changed workspace, or, when there is none, a new sample workspace.
 * @returns {Promise<string>}
 */
export function activeWorkspaceId() {
  choosing ??= (async () => {
    const stored = activeFromStorage() ?? memoryActive;
    if (stored && (await getMeta(stored))) return stored;
    const list = await listWorkspaces();
    const id = list[0]?.id ?? (await createSample());
    storeActive(id);
    return id;
  })().finally(() => { choosing = null; });
  return choosing;
}

/**
 * Makes workspace `id` the active one (for every page and tab).
 * @param {string} id
 */
export async function setActive(id) {
  await requireMeta(id);
  storeActive(id);
  changed({ id, reason: 'active' });
}

/**
 * A whole workspace: the file's shape plus `id`. Kept in memory, so a second call for the same
 * workspace does not reread it. Treat the result as read-only; change it with savePart or
 * saveWorkspace.
 * @param {string} [id] the active workspace when left out
 * @returns {Promise<Workspace & { id: string, sample: boolean, updatedAt: string }>}
 */
export async function openWorkspace(id) {
  const wsId = id ?? (await activeWorkspaceId());
  if (cache?.id === wsId) return cache.ws;
  // Two callers at once (a page's modules at start-up) share one read.
  if (reading?.id === wsId) return reading.promise;
  const promise = readWorkspaceParts(wsId).finally(() => { if (reading?.promise === promise) reading = null; });
  reading = { id: wsId, promise };
  return promise;
}

/** @type {{ id: string, promise: Promise<any> } | null} the read under way */
let reading = null;

/** Counts the writes, so a read that overlapped one does not keep its (older) copy. */
let writes = 0;

async function readWorkspaceParts(wsId) {
  const startedAt = writes;
  const meta = await requireMeta(wsId);
  const parts = await run(PARTS, 'readonly', 'read the workspace', (tx) => {
    const out = {};
    const cursor = tx.objectStore(PARTS).openCursor(partRange(wsId));
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return;
      out[String(c.key).slice(wsId.length + 1)] = c.value;
      c.continue();
    };
    return () => out;
  });
  const ws = { ...emptyWorkspace(meta.name), ...parts, id: wsId, sample: Boolean(meta.sample), updatedAt: meta.updatedAt };
  for (const key of LARGE) ws[key] = meta.large?.[key] ? await readLarge(wsId, key, meta.large[key]) : '';
  ws.format = FORMAT;
  ws.schemaVersion = SCHEMA_VERSION;
  ws.name = meta.name;
  if (writes === startedAt) cache = { id: wsId, ws };
  return ws;
}

/** The active workspace, whole (what pages call). */
export function openActive() {
  return openWorkspace();
}

/**
 * Saves a whole workspace (`ws.id` says which); every top-level key it has is written.
 * @param {Workspace & { id: string }} ws
 */
export async function saveWorkspace(ws) {
  if (!ws?.id) throw new TypeError('saveWorkspace needs a workspace with its id (createWorkspace makes a new one).');
  const parts = Object.fromEntries(KEYS.filter((k) => k in ws && k !== 'format' && k !== 'schemaVersion').map((k) => [k, ws[k]]));
  await writeParts(ws.id, parts);
  changed({ id: ws.id, reason: 'content', keys: Object.keys(parts) });
}

/**
 * Replaces one top-level part of a workspace, e.g. savePart(id, 'people', people) or
 * savePart(id, 'dealsCsv', csv).
 * @param {string} id
 * @param {string} key one of KEYS but format and schemaVersion
 * @param {unknown} value
 */
export async function savePart(id, key, value) {
  if (!KEYS.includes(key) || key === 'format' || key === 'schemaVersion') throw new TypeError(`Not a part of a workspace: ${JSON.stringify(key)}.`);
  await writeParts(id, { [key]: value });
  changed({ id, reason: 'content', keys: [key] });
}

/**
 * A new workspace, empty or with the content of `ws` (the file's shape).
 * @param {string} name
 * @param {Partial<Workspace>} [ws]
 * @returns {Promise<string>} its id
 */
export async function createWorkspace(name, ws) {
  const doc = { ...emptyWorkspace(requireName(name)), ...(ws ?? {}) };
  doc.name = requireName(name);
  const id = newId();
  const parts = Object.fromEntries(KEYS.filter((k) => k !== 'format' && k !== 'schemaVersion').map((k) => [k, doc[k]]));
  await writeParts(id, parts, { create: true });
  changed({ id, reason: 'created' });
  return id;
}

/** @param {string} id @param {string} name */
export async function renameWorkspace(id, name) {
  await writeParts(id, { name: requireName(name) });
  if (cache?.id === id) cache.ws.name = requireName(name);
  changed({ id, reason: 'renamed', keys: ['name'] });
}

/**
 * A copy of workspace `id` under a new name.
 * @returns {Promise<string>} the copy's id
 */
export async function duplicateWorkspace(id, name) {
  const ws = await openWorkspace(id);
  return createWorkspace(name ?? `${ws.name} (copy)`, structuredClone({ ...ws, id: undefined }));
}

/**
 * Deletes a workspace and its files. When it was the active one, the most recently changed other
 * workspace becomes active (the sample is re-created when none is left).
 * @param {string} id
 */
export async function deleteWorkspace(id) {
  const wasActive = (activeFromStorage() ?? memoryActive) === id;
  await deleteLarge(id);
  await run([META, PARTS], 'readwrite', 'delete the workspace', (tx) => {
    tx.objectStore(PARTS).delete(partRange(id));
    tx.objectStore(META).delete(id);
  });
  if (cache?.id === id) cache = null;
  if (wasActive) {
    const next = await activeWorkspaceId();
    changed({ id: next, reason: 'active', deleted: id });
  } else changed({ id, reason: 'deleted' });
}

/**
 * The sample company back: resets the sample workspace to the engine's sample, or creates it when
 * it was deleted.
 * @returns {Promise<string>} its id
 */
export async function restoreSample() {
  const old = (await listWorkspaces()).find((w) => w.sample);
  const id = await createSample();
  if (old) {
    if ((activeFromStorage() ?? memoryActive) === old.id) storeActive(id);
    await deleteWorkspace(old.id);
  }
  changed({ id, reason: 'created' });
  return id;
}

/**
 * What this origin stores and may store (navigator.storage.estimate()), and what each workspace takes.
 * @returns {Promise<{ usage: number | null, quota: number | null, persisted: boolean | null, workspaces: Array<{ id, name, bytes }> }>}
 */
export async function storageUsed() {
  let estimate = {};
  let persisted = null;
  try { estimate = (await navigator.storage?.estimate?.()) ?? {}; } catch { estimate = {}; }
  try { persisted = (await navigator.storage?.persisted?.()) ?? null; } catch { persisted = null; }
  const list = await listWorkspaces();
  return {
    usage: estimate.usage ?? null,
    quota: estimate.quota ?? null,
    persisted,
    workspaces: list.map(({ id, name, bytes }) => ({ id, name, bytes })),
  };
}

/**
 * The workspace as one file (JSON, the keys in the file's order), without its browser id.
 * @param {string} [id] the active workspace when left out
 * @returns {Promise<Blob>}
 */
export async function exportWorkspace(id) {
  const ws = await openWorkspace(id);
  const pieces = ['{'];
  KEYS.forEach((key, i) => {
    const value = key === 'format' ? FORMAT : key === 'schemaVersion' ? SCHEMA_VERSION : ws[key];
    pieces.push(`${i ? ',\n' : '\n'}${JSON.stringify(key)}: `, JSON.stringify(value ?? null));
  });
  pieces.push('\n}\n');
  return new Blob(pieces, { type: 'application/json' });
}

/**
 * A workspace file (or the older sample layout) as a new workspace. The engine reads it first
 * (readWorkspace: migrated, checked); its warnings are returned for the page to show.
 * Throws the engine's SpmError when the file is not a workspace.
 * @param {string} text
 * @param {string} [name] the new workspace's name; the file's by default
 * @returns {Promise<{ id: string, name: string, warnings: object[] }>}
 */
export async function importWorkspaceFile(text, name) {
  await init();
  const out = readWorkspace(text);
  const { workspace, warnings } = typeof out === 'string' ? JSON.parse(out) : out;
  const finalName = name?.trim() || workspace.name || 'Imported workspace';
  const id = await createWorkspace(finalName, workspace);
  return { id, name: finalName, warnings: warnings ?? [] };
}

/** Forgets the in-memory copy (tests; a page that knows another tab changed the files). */
export function dropCache() {
  cache = null;
}
