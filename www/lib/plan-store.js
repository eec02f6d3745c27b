// Plans kept in the browser for the plan designer (the insights page reads its working copy from
// here), so nothing the user typed is lost: the working copy (one draft record, overwritten by the
// autosave) and named versions, in IndexedDB (no library). Every request is wrapped in a Promise
// and every write resolves only once its transaction has committed, so a reload right after sees
// it. Failures reject with an Error that says in plain words what happened and what to do; the
// browser's own error is its `cause`.
// Also: saving a plan as a file and reading one back.

import { downloadText, safeFilePart } from './download.js';

const DB_VERSION = 1;
const DRAFT = 'draft';
const DRAFT_KEY = 'current';
const VERSIONS = 'versions';
const BY_SAVED_AT = 'savedAt';

/** The largest plan file `readPlanFile` accepts. */
export const MAX_PLAN_FILE_BYTES = 5 * 1024 * 1024;

const KEEP_IT = 'Export the plan as a file to keep it.';

/**
 * @typedef {object} Draft
 * @property {string} planText
 * @property {object} [meta]
 * @property {string} savedAt ISO 8601 time
 *
 * @typedef {object} VersionInfo
 * @property {number} id
 * @property {string} name
 * @property {string} note
 * @property {string} savedAt ISO 8601 time
 *
 * @typedef {VersionInfo & { planText: string }} Version
 *
 * @typedef {object} Store
 * @property {(planText: string, meta?: object) => Promise<void>} saveDraft
 * @property {() => Promise<Draft | null>} loadDraft
 * @property {(name: string, planText: string, note?: string) => Promise<VersionInfo>} saveVersion
 * @property {() => Promise<VersionInfo[]>} listVersions newest first, without the plan text
 * @property {(id: number | string) => Promise<Version | null>} loadVersion
 * @property {(id: number | string, name: string) => Promise<void>} renameVersion
 * @property {(id: number | string) => Promise<void>} deleteVersion
 * @property {() => void} close
 */

/**
 * Turns what the browser threw into an Error with a message a person can act on.
 *
 * @param {unknown} err a DOMException, an Error or anything else
 * @param {string} doing what we were doing, e.g. "save the draft"
 * @returns {Error}
 */
export function storageError(err, doing) {
  const name = err?.name ?? 'Error';
  const detail = err?.message ? `${name}: ${err.message}` : name;
  let message;
  switch (name) {
    case 'QuotaExceededError':
      message = `Your browser refused to store the plan (QuotaExceededError). ${KEEP_IT} Freeing disk space or deleting old versions may help.`;
      break;
    case 'SecurityError':
    case 'InvalidStateError':
    case 'UnknownError':
    case 'NotAllowedError':
      message = `Your browser does not let this page store plans (${detail}); private windows and some privacy settings do that. ${KEEP_IT}`;
      break;
    case 'VersionError':
      message = `The plans stored in this browser were saved by a newer version of the designer (${detail}). Reload the page to use them.`;
      break;
    case 'DataCloneError':
      message = `The plan's details could not be stored (${detail}): they contain something that is not plain data. ${KEEP_IT}`;
      break;
    case 'AbortError':
      message = `Your browser stopped storing the plan before it was saved (${detail}). Try again; if it keeps failing, ${KEEP_IT.toLowerCase()}`;
      break;
    default:
      message = `Your browser could not ${doing} (${detail}). ${KEEP_IT}`;
  }
  const error = new Error(message, { cause: err });
  error.name = 'StoreError';
  error.code = name;
  return error;
}

/** The browser's IndexedDB factory, or null when there is none (old browser, some private modes). */
function factory() {
  try {
    return globalThis.indexedDB ?? null;
  } catch {
    // Some browsers throw a SecurityError merely on reading `indexedDB` when storage is blocked.
    return null;
  }
}

/** Creates the version-1 schema. */
function upgrade(db, oldVersion) {
  if (oldVersion < 1) {
    db.createObjectStore(DRAFT);
    const versions = db.createObjectStore(VERSIONS, { keyPath: 'id', autoIncrement: true });
    versions.createIndex(BY_SAVED_AT, 'savedAt');
  }
}

/** Opens (creating or upgrading) the database. */
function openDatabase(name) {
  return new Promise((resolve, reject) => {
    const idb = factory();
    if (!idb) {
      reject(storageError({ name: 'UnknownError', message: 'IndexedDB is not available' }, 'open the plan store'));
      return;
    }
    let request;
    try {
      request = idb.open(name, DB_VERSION);
    } catch (err) {
      reject(storageError(err, 'open the plan store'));
      return;
    }
    let settled = false;
    request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion);
    request.onsuccess = () => {
      const db = request.result;
      if (settled) {
        db.close(); // we gave up waiting (blocked) and nobody holds this connection
        return;
      }
      settled = true;
      resolve(db);
    };
    request.onerror = () => {
      if (settled) return;
      settled = true;
      reject(storageError(request.error, 'open the plan store'));
    };
    request.onblocked = () => {
      if (settled) return;
      settled = true;
      reject(new Error('Another tab holds an older copy of the plan store open. Close the other designer tabs and reload this page.'));
    };
  });
}

/**
 * Runs `body` in one transaction and resolves with what it returns (a request's result, read once
 * the transaction has completed) only when the transaction has committed.
 *
 * @param {() => IDBDatabase} getDb
 * @param {string | string[]} storeNames
 * @param {IDBTransactionMode} mode
 * @param {string} doing for the error message
 * @param {(tx: IDBTransaction) => IDBRequest | (() => unknown) | void} body a request whose result
 *   is the answer, or a function called after commit that returns the answer
 * @param {IDBTransactionOptions} [options]
 */
function run(getDb, storeNames, mode, doing, body, options) {
  return new Promise((resolve, reject) => {
    let tx;
    let outcome;
    try {
      tx = getDb().transaction(storeNames, mode, options);
      outcome = body(tx);
    } catch (err) {
      try { tx?.abort(); } catch { /* already finished */ }
      reject(err?.name === 'StoreError' ? err : storageError(err, doing));
      return;
    }
    tx.oncomplete = () => {
      try {
        resolve(typeof outcome === 'function' ? outcome() : outcome instanceof IDBRequest ? outcome.result : undefined);
      } catch (err) {
        reject(storageError(err, doing));
      }
    };
    // A failed request aborts the transaction (nothing here prevents that), and the abort carries
    // the error (e.g. QuotaExceededError, also raised at commit time) on tx.error.
    tx.onabort = () => reject(storageError(tx.error ?? { name: 'AbortError', message: 'the transaction was aborted' }, doing));
  });
}

/** A version id as IndexedDB stored it (a number), also from a DOM attribute's string. */
function versionId(id) {
  const n = typeof id === 'string' && /^\d+$/.test(id.trim()) ? Number(id) : id;
  if (!Number.isSafeInteger(n) || n < 1) throw new TypeError(`Not a version id: ${JSON.stringify(id)}`);
  return n;
}

/** A version name: text, trimmed, not empty. */
function versionName(name) {
  const s = typeof name === 'string' ? name.trim() : '';
  if (!s) throw new TypeError('A version needs a name.');
  return s;
}

function requireText(planText) {
  if (typeof planText !== 'string') throw new TypeError(`The plan must be text, not ${planText === null ? 'null' : typeof planText}.`);
}

/** The version record without its plan text. */
const info = ({ id, name, note, savedAt }) => ({ id, name, note, savedAt });

/**
 * Opens the plan store of this origin.
 *
 * @param {string} [name] the IndexedDB database name
 * @returns {Promise<Store>}
 */
export async function openStore(name = 'spm-designer') {
  let db = await openDatabase(name);
  let closedBecause = null;
  // Another tab (a newer page) wants to upgrade the schema: let it, and say so if we are used again.
  db.onversionchange = () => {
    db.close();
    closedBecause = 'A newer version of the designer opened in another tab. Reload this page to keep saving.';
  };
  db.onclose = () => {
    closedBecause ??= 'The browser closed the plan store (storage was cleared or the disk failed). Reload the page; export the plan as a file to keep it.';
  };
  const getDb = () => {
    if (closedBecause) {
      const error = new Error(closedBecause);
      error.name = 'StoreError';
      error.code = 'Closed';
      throw error;
    }
    return db;
  };

  return {
    async saveDraft(planText, meta = {}) {
      requireText(planText);
      const record = { planText, meta, savedAt: new Date().toISOString() };
      await run(getDb, DRAFT, 'readwrite', 'save the draft', (tx) => {
        tx.objectStore(DRAFT).put(record, DRAFT_KEY);
      });
    },

    async loadDraft() {
      const record = await run(getDb, DRAFT, 'readonly', 'read the draft', (tx) => tx.objectStore(DRAFT).get(DRAFT_KEY));
      return record ?? null;
    },

    async saveVersion(name, planText, note = '') {
      requireText(planText);
      const record = { name: versionName(name), note: String(note ?? ''), savedAt: new Date().toISOString(), planText };
      const id = await run(getDb, VERSIONS, 'readwrite', 'save the version', (tx) => tx.objectStore(VERSIONS).add(record),
        { durability: 'strict' });
      return info({ ...record, id });
    },

    async listVersions() {
      const list = [];
      await run(getDb, VERSIONS, 'readonly', 'list the saved versions', (tx) => {
        // Newest first: descending savedAt, and for equal times descending id (later saves first).
        const cursor = tx.objectStore(VERSIONS).index(BY_SAVED_AT).openCursor(null, 'prev');
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (!c) return;
          list.push(info(c.value));
          c.continue();
        };
      });
      return list;
    },

    async loadVersion(id) {
      const key = versionId(id);
      const record = await run(getDb, VERSIONS, 'readonly', 'read the version', (tx) => tx.objectStore(VERSIONS).get(key));
      return record ? { ...info(record), planText: record.planText } : null;
    },

    async renameVersion(id, newName) {
      const key = versionId(id);
      const name = versionName(newName);
      let found = false;
      await run(getDb, VERSIONS, 'readwrite', 'rename the version', (tx) => {
        const versions = tx.objectStore(VERSIONS);
        const get = versions.get(key);
        get.onsuccess = () => {
          if (!get.result) return;
          found = true;
          versions.put({ ...get.result, name });
        };
      }, { durability: 'strict' });
      if (!found) throw new Error(`Version ${key} no longer exists; it may have been deleted in another tab.`);
    },

    async deleteVersion(id) {
      const key = versionId(id);
      await run(getDb, VERSIONS, 'readwrite', 'delete the version', (tx) => {
        tx.objectStore(VERSIONS).delete(key);
      }, { durability: 'strict' });
    },

    close() {
      if (!closedBecause) closedBecause = 'The plan store was closed. Reload the page.';
      db.close();
    },
  };
}

/**
 * @typedef {'idle' | 'pending' | 'saving' | 'saved' | 'error'} AutosaveState
 *
 * @typedef {object} Autosave
 * @property {(planText: string, meta?: object) => void} schedule saves after `delayMs` of quiet
 * @property {() => Promise<void>} flush saves what is pending now and waits for every write
 *   started so far; never rejects (failures go to onState)
 * @property {AutosaveState} state
 */

/**
 * A debounced `saveDraft`: many `schedule` calls in a burst make one write, writes never overlap
 * (so an older text never lands after a newer one), and the page hears each change of state.
 *
 * @param {Pick<Store, 'saveDraft'>} store
 * @param {object} [options]
 * @param {number} [options.delayMs] quiet time before writing
 * @param {(state: AutosaveState, error?: Error) => void} [options.onState] called on every change
 *   of state ('pending' → 'saving' → 'saved', or 'error' with the error)
 * @returns {Autosave}
 */
export function createAutosave(store, { delayMs = 300, onState = () => {} } = {}) {
  let state = 'idle';
  let pending = null; // { planText, meta } not yet written
  let timer = null;
  let chain = Promise.resolve(); // the writes, one after another

  const setState = (next, error) => {
    if (next === state && next !== 'error') return;
    state = next;
    try {
      onState(next, error);
    } catch (err) {
      // A broken listener must not stop the saving; let the page see it.
      setTimeout(() => { throw err; });
    }
  };

  const write = async () => {
    if (!pending) return;
    const item = pending;
    pending = null;
    setState('saving');
    try {
      await store.saveDraft(item.planText, item.meta);
      if (!pending) setState('saved');
      else setState('pending');
    } catch (err) {
      // Keep the text so the next flush (or schedule) tries again.
      pending ??= item;
      setState('error', err);
    }
  };

  const flush = () => {
    clearTimeout(timer);
    timer = null;
    if (pending) chain = chain.then(write);
    return chain;
  };

  return {
    schedule(planText, meta) {
      pending = { planText, meta };
      if (state !== 'saving') setState('pending');
      clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
    get state() {
      return state;
    },
  };
}

/**
 * Offers the plan as a file download.
 *
 * @param {string} planText
 * @param {string} [fileName] ".json" is added when it has no extension
 * @returns {number} the file's size in bytes
 */
export function exportPlanFile(planText, fileName = 'plan.json') {
  requireText(planText);
  let safe = safeFilePart(fileName);
  if (!/\.[A-Za-z0-9]+$/.test(safe)) safe += '.json';
  return downloadText(safe, planText, 'application/json;charset=utf-8');
}

/**
 * Reads a plan file the user chose: UTF-8 text (a byte-order mark is dropped), at most 5 MB.
 *
 * @param {File | Blob} file
 * @returns {Promise<string>}
 */
export async function readPlanFile(file) {
  if (!(file instanceof Blob)) throw new TypeError('No file was chosen.');
  const label = file.name ? `"${file.name}"` : 'The file';
  if (file.size > MAX_PLAN_FILE_BYTES) {
    const mb = (file.size / (1024 * 1024)).toFixed(1);
    throw new Error(`${label} is ${mb} MB; a plan file can be at most 5 MB. Choose the plan's JSON file.`);
  }
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (err) {
    throw new Error(`${label} could not be read (${err?.name ?? 'Error'}); it may have been moved or changed. Choose it again.`, { cause: err });
  }
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    throw new Error(`${label} is not a text file (it is not UTF-8). Choose the plan's JSON file.`, { cause: err });
  }
  if (text.includes('\u0000')) {
    throw new Error(`${label} is not a text file (it contains binary data). Choose the plan's JSON file.`);
  }
  return text;
}
