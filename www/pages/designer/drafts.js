// The plan designer's drafts: every state the plan was in (one draft per undo step, the newest
// KEEP kept) and the undo history itself (the ids of its steps and the current one), in this
// browser's localStorage, so that a reload opens the same plan with the same undo, and a plan
// replaced by an import or an edit is one click away in the Drafts list. No DOM, no engine.
//
// Why localStorage (the working copy and named versions stay in IndexedDB, www/lib/plan-store.js):
// its writes are synchronous, so a write made on `pagehide` is stored before the page goes and
// two writes never land out of order. Each draft is its own key (`spm-designer:drafts:v1:draft:<id>`),
// so an unreadable value costs only itself; the format version is in every key, so a later format
// can live beside this one. Nothing here throws at the page: reads skip what they cannot read and
// say so in `problems`, writes answer `{ ok: false, error }` (a full storage first makes room by
// dropping unreadable entries, then the oldest drafts beyond KEEP_UNDER_PRESSURE).

/** The format of the stored records; it is part of every key. */
export const DRAFTS_FORMAT = 1;
export const PREFIX = `spm-designer:drafts:v${DRAFTS_FORMAT}:`;
const DRAFT_PREFIX = `${PREFIX}draft:`;
export const SESSION_KEY = `${PREFIX}session`;
/** How many drafts are kept (the oldest beyond are dropped). */
export const KEEP = 50;
/** How many drafts a full storage may cut the list down to before a write is given up. */
export const KEEP_UNDER_PRESSURE = 20;

const EXPORT_IT = 'Export the plan as a file to keep it.';

/**
 * @typedef {object} DraftInfo
 * @property {string} id
 * @property {string} savedAt ISO 8601 time of the last write
 * @property {string} name the plan's name then
 * @property {string} description what the step did ("Imported plan.json", "tiers[0].rate 0.02 → 0.03")
 * @property {number} size the plan text's length
 *
 * @typedef {DraftInfo & { planText: string }} Draft
 *
 * @typedef {{ ok: true, pruned: number } | { ok: false, error: Error, pruned: number }} WriteResult
 *
 * @typedef {object} Session the undo history: draft ids oldest first, and the current one's index
 * @property {string[]} ids
 * @property {number} index
 */

/** A StoreError-like Error with a message a person can act on; the browser's error is its cause. */
export function draftsError(err, doing) {
  const name = err?.name ?? 'Error';
  const detail = err?.message ? `${name}: ${err.message}` : name;
  const message = isQuota(err)
    ? `This browser's storage for this site is full (QuotaExceededError), so the drafts could not ${doing}. ${EXPORT_IT} Deleting saved versions or other sites' data frees space.`
    : `This browser does not let the page keep drafts (${detail}); private windows and some privacy settings do that. ${EXPORT_IT}`;
  const error = new Error(message, { cause: err });
  error.name = 'DraftsError';
  /** @type {any} */ (error).code = isQuota(err) ? 'QuotaExceededError' : name;
  return error;
}

function isQuota(err) {
  return err?.name === 'QuotaExceededError' || err?.name === 'NS_ERROR_DOM_QUOTA_REACHED' || err?.code === 22;
}

/** The page's localStorage, or null when the browser refuses it (reading it can throw). */
function pageStorage() {
  try {
    const s = globalThis.localStorage;
    if (!s) return null;
    s.getItem(SESSION_KEY);
    return s;
  } catch {
    return null;
  }
}

let seq = 0;
/** A draft id: the time in base 36 (so ids sort by creation), a counter and a random part (tabs). */
export function newDraftId(now = Date.now()) {
  seq = (seq + 1) % 1296;
  const rand = Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, '0');
  return `${now.toString(36).padStart(9, '0')}${seq.toString(36).padStart(2, '0')}${rand}`;
}

const ID = /^[0-9a-z]{1,40}$/;

/** The draft in a stored value, or null when the value is not one (corrupt, edited, another format). */
function readDraft(key, value) {
  let r;
  try {
    r = JSON.parse(value);
  } catch {
    return null;
  }
  const id = key.slice(DRAFT_PREFIX.length);
  if (!r || typeof r !== 'object' || r.format !== DRAFTS_FORMAT || r.id !== id || typeof r.planText !== 'string'
    || typeof r.savedAt !== 'string' || Number.isNaN(Date.parse(r.savedAt))) return null;
  return {
    id,
    savedAt: r.savedAt,
    name: typeof r.name === 'string' ? r.name : '',
    description: typeof r.description === 'string' ? r.description : '',
    size: r.planText.length,
    planText: r.planText,
  };
}

const newestFirst = (a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * Opens the drafts of this origin.
 *
 * @param {object} [options]
 * @param {Storage | null} [options.storage] localStorage by default; null: none (the page says so)
 * @param {number} [options.keep]
 * @param {number} [options.keepUnderPressure]
 * @param {() => Date} [options.now]
 */
export function openDrafts({ storage = pageStorage(), keep = KEEP, keepUnderPressure = KEEP_UNDER_PRESSURE, now = () => new Date() } = {}) {
  /** Every key of ours, read afresh (another tab may have written). */
  const keys = () => {
    const out = [];
    try {
      for (let i = 0; i < storage.length; i++) {
        const k = storage.key(i);
        if (k !== null && k.startsWith(PREFIX)) out.push(k);
      }
    } catch {
      /* a storage that fails to list has nothing we can read */
    }
    return out;
  };
  const get = (key) => {
    try {
      return storage.getItem(key);
    } catch {
      return null;
    }
  };
  const tryWrite = (key, value) => {
    try {
      storage.setItem(key, value);
      return null;
    } catch (err) {
      return err ?? new Error('the write failed');
    }
  };
  const remove = (key) => {
    try {
      storage.removeItem(key);
    } catch {
      /* nothing more to do */
    }
  };

  /** Every draft (with its text), and the keys whose values are not drafts. */
  const scan = () => {
    const drafts = [];
    const unreadable = [];
    for (const k of keys()) {
      if (k === SESSION_KEY) continue;
      const value = get(k);
      const d = k.startsWith(DRAFT_PREFIX) && ID.test(k.slice(DRAFT_PREFIX.length)) && value !== null ? readDraft(k, value) : null;
      if (d) drafts.push(d);
      else unreadable.push(k);
    }
    drafts.sort(newestFirst);
    return { drafts, unreadable };
  };

  /** Writes `value` at `key`; a full storage first loses unreadable entries, then the oldest drafts. */
  const write = (key, value, protect, doing) => {
    let err = tryWrite(key, value);
    let pruned = 0;
    if (err && isQuota(err)) {
      const { drafts, unreadable } = scan();
      const oldest = drafts.filter((d) => !protect.has(d.id)).reverse();
      const victims = [...unreadable, ...oldest.slice(0, Math.max(0, drafts.length - keepUnderPressure)).map((d) => DRAFT_PREFIX + d.id)];
      for (const victim of victims) {
        remove(victim);
        pruned += 1;
        err = tryWrite(key, value);
        if (!err || !isQuota(err)) break;
      }
    }
    return err ? { ok: false, error: draftsError(err, doing), pruned } : { ok: true, pruned };
  };

  return {
    /** Whether drafts can be kept at all. */
    available: storage !== null,

    newId: () => newDraftId(now().getTime()),

    /**
     * The drafts, newest first, without their text, and a sentence for what could not be read.
     * @returns {{ drafts: DraftInfo[], problems: string[] }}
     */
    list() {
      if (!storage) return { drafts: [], problems: [] };
      const { drafts, unreadable } = scan();
      const problems = unreadable.length
        ? [`${unreadable.length === 1 ? 'One stored draft' : `${unreadable.length} stored drafts`} could not be read and ${unreadable.length === 1 ? 'was' : 'were'} skipped (${unreadable.slice(0, 3).join(', ')}${unreadable.length > 3 ? ', …' : ''}); the others are all here.`]
        : [];
      return { drafts: drafts.map(({ planText, ...rest }) => rest), problems };
    },

    /** @returns {Draft | null} */
    get(id) {
      if (!storage || typeof id !== 'string' || !ID.test(id)) return null;
      const value = get(DRAFT_PREFIX + id);
      return value === null ? null : readDraft(DRAFT_PREFIX + id, value);
    },

    /**
     * Stores a draft (a new one, or the same step's newer text), then drops the oldest beyond `keep`
     * (never the ones in `protect`).
     * @param {{ id: string, planText: string, name?: string, description?: string }} draft
     * @param {Iterable<string>} [protect] ids that must stay (the current step)
     * @returns {WriteResult}
     */
    put(draft, protect = []) {
      if (!storage) return { ok: false, error: draftsError({ name: 'SecurityError', message: 'localStorage is not available' }, 'be saved'), pruned: 0 };
      if (!ID.test(draft.id) || typeof draft.planText !== 'string') throw new TypeError(`Not a draft: ${JSON.stringify(draft.id)}`);
      const keepIds = new Set([...protect, draft.id]);
      const record = { format: DRAFTS_FORMAT, id: draft.id, savedAt: now().toISOString(), name: draft.name ?? '', description: draft.description ?? '', planText: draft.planText };
      const result = write(DRAFT_PREFIX + draft.id, JSON.stringify(record), keepIds, 'be saved');
      if (!result.ok) return result;
      // Beyond `keep`: the oldest by id (ids begin with their creation time), without reading them.
      const ids = keys().filter((k) => k.startsWith(DRAFT_PREFIX)).map((k) => k.slice(DRAFT_PREFIX.length)).sort();
      let excess = ids.length - keep;
      for (const id of ids) {
        if (excess <= 0) break;
        if (keepIds.has(id)) continue;
        remove(DRAFT_PREFIX + id);
        excess -= 1;
      }
      return result;
    },

    /**
     * The undo history saved last, or null; a sentence when it was there but could not be read.
     * @returns {{ session: Session | null, problem: string | null }}
     */
    loadSession() {
      if (!storage) return { session: null, problem: null };
      const value = get(SESSION_KEY);
      if (value === null) return { session: null, problem: null };
      try {
        const r = JSON.parse(value);
        if (r?.format === DRAFTS_FORMAT && Array.isArray(r.ids) && r.ids.length > 0 && r.ids.every((id) => typeof id === 'string' && ID.test(id))
          && Number.isInteger(r.index) && r.index >= 0 && r.index < r.ids.length) {
          return { session: { ids: r.ids, index: r.index }, problem: null };
        }
      } catch {
        /* below */
      }
      return { session: null, problem: 'The undo history stored in this browser could not be read, so Undo starts afresh; the drafts are all here.' };
    },

    /**
     * @param {Session} session
     * @returns {WriteResult}
     */
    saveSession({ ids, index }) {
      if (!storage) return { ok: false, error: draftsError({ name: 'SecurityError', message: 'localStorage is not available' }, 'be saved'), pruned: 0 };
      return write(SESSION_KEY, JSON.stringify({ format: DRAFTS_FORMAT, ids, index, savedAt: now().toISOString() }), new Set(ids.slice(index, index + 1)), 'keep the undo history');
    },
  };
}

/**
 * @typedef {'idle' | 'pending' | 'saved' | 'error'} DraftSaveState
 *
 * @typedef {object} DraftEntry a step's text to keep as its draft
 * @property {string} id the step's id (history.js)
 * @property {string} planText
 * @property {string} [name]
 * @property {() => string} describe called when written (the step's text may still change)
 */

/**
 * Debounced writes of drafts and the undo history: a burst of edits to one step makes one write,
 * a new step writes the previous step's last text at once (so no step is ever skipped), and
 * `flush()` writes everything now (on `pagehide`). A write that fails is kept and tried again.
 *
 * @param {ReturnType<typeof openDrafts>} drafts
 * @param {object} [options]
 * @param {number} [options.delayMs]
 * @param {(state: DraftSaveState, info: { error?: Error, pruned?: number }) => void} [options.onState]
 */
export function createDraftSaver(drafts, { delayMs = 300, onState = () => {} } = {}) {
  /** @type {Map<string, DraftEntry>} steps not written yet, oldest first */
  const unsaved = new Map();
  /** @type {Session | null} */
  let session = null;
  let sessionWritten = '';
  let timer = null;
  let state = 'idle';

  const tell = (next, info = {}) => {
    state = next;
    try {
      onState(next, info);
    } catch (err) {
      setTimeout(() => { throw err; });
    }
  };

  const flush = () => {
    clearTimeout(timer);
    timer = null;
    let error = null;
    let pruned = 0;
    const protect = session ? session.ids.slice(session.index, session.index + 1) : [];
    for (const [id, entry] of unsaved) {
      let description = '';
      try {
        description = entry.describe();
      } catch {
        /* a step without words is still kept */
      }
      const r = drafts.put({ id, planText: entry.planText, name: entry.name, description }, protect);
      pruned += r.pruned;
      if (r.ok) unsaved.delete(id);
      else error ??= r.error;
    }
    // At most the newest steps stay queued while the storage refuses them (the page holds them anyway).
    while (unsaved.size > KEEP) unsaved.delete(unsaved.keys().next().value);
    if (session) {
      const text = JSON.stringify(session);
      if (text !== sessionWritten) {
        const r = drafts.saveSession(session);
        pruned += r.pruned;
        if (r.ok) sessionWritten = text;
        else error ??= r.error;
      }
    }
    if (error) tell('error', { error, pruned });
    else if (state !== 'saved' || pruned) tell('saved', { pruned });
  };

  return {
    /**
     * @param {DraftEntry | null} entry the current step's text, or null when only the undo
     *   position moved (undo, redo)
     * @param {Session} snapshot the undo history now
     */
    schedule(entry, snapshot) {
      if (entry && [...unsaved.keys()].some((id) => id !== entry.id)) flush();
      if (entry) {
        unsaved.delete(entry.id); // re-inserted last: the newest step is written last
        unsaved.set(entry.id, entry);
      }
      session = { ids: [...snapshot.ids], index: snapshot.index };
      if (state !== 'pending') tell('pending');
      clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
    get state() {
      return state;
    },
  };
}
