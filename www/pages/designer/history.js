// Undo and redo of the plan designer's states (the plan as text). Pure logic, no DOM.
//
// Edits in one field come in bursts (one push per keystroke): consecutive pushes with the same
// `path` less than `coalesceMs` apart replace the top state instead of adding one, so typing
// "0.06" into a rate is one undo step. Undo, redo and reset end a burst: the state they land on is
// never overwritten. A push equal to the current state is ignored; a push after an undo drops the
// states that redo would have brought back.
//
// Every state has an id that stays with it while a burst rewrites its text, so the page can keep
// each step as one saved draft (drafts.js) and, after a reload, rebuild the same undo history
// from the ids it saved (`snapshot()` then `restore()`).

/**
 * @typedef {'step' | 'merge' | 'back' | 'same'} PushOutcome what a push did: added a state, rewrote
 *   the top state (same burst), removed the top state (the burst came back to where it started),
 *   or nothing (the text is the current one)
 *
 * @typedef {object} History
 * @property {(text: string, options?: { path?: string }) => PushOutcome} push
 * @property {() => string | null} undo the previous state, or null when there is none
 * @property {() => string | null} redo the next state, or null when there is none
 * @property {(text: string, options?: { id?: string }) => void} reset forget everything; `text` is
 *   the only state
 * @property {(entries: { id: string, text: string }[], index: number) => void} restore a history
 *   saved earlier: its states, oldest first, and the index of the current one
 * @property {() => { ids: string[], index: number }} snapshot the ids of the states and the current index
 * @property {boolean} canUndo
 * @property {boolean} canRedo
 * @property {string} current
 * @property {string} currentId
 * @property {string | null} previous the text of the state before the current one
 */

let counter = 0;
/** A state id unique in this page (the page passes its own, unique across reloads). */
const localId = () => `s${++counter}`;

/**
 * @param {string} initialText
 * @param {object} [options]
 * @param {number} [options.limit] how many undo steps are kept (the oldest are dropped)
 * @param {number} [options.coalesceMs] the longest pause between pushes of one burst
 * @param {() => number} [options.now] the clock in milliseconds (for tests)
 * @param {() => string} [options.newId] the id of a new state
 * @returns {History}
 */
export function createHistory(initialText, { limit = 200, coalesceMs = 1000, now = () => performance.now(), newId = localId } = {}) {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, not ${limit}`);
  requireText(initialText);

  /** @type {{ id: string, text: string, path?: string, at: number }[]} */
  let states;
  let index;
  /** Whether the top state may still absorb pushes of its burst. */
  let open;

  const reset = (text, { id } = {}) => {
    requireText(text);
    states = [{ id: id ?? newId(), text, path: undefined, at: -Infinity }];
    index = 0;
    open = false;
  };
  reset(initialText);

  return {
    push(text, { path } = {}) {
      requireText(text);
      if (text === states[index].text) return 'same';
      states.length = index + 1; // drop the redo branch
      const t = now();
      const top = states[index];
      if (open && path != null && top.path === path && t - top.at <= coalesceMs) {
        if (states[index - 1].text === text) {
          // The burst came back to where it started: no step at all.
          states.pop();
          index -= 1;
          open = false;
          return 'back';
        }
        top.text = text;
        top.at = t;
        return 'merge';
      }
      states.push({ id: newId(), text, path: path ?? undefined, at: t });
      index += 1;
      if (states.length > limit + 1) {
        states.splice(0, states.length - (limit + 1));
        index = states.length - 1;
      }
      open = path != null;
      return 'step';
    },

    undo() {
      if (index === 0) return null;
      index -= 1;
      open = false;
      return states[index].text;
    },

    redo() {
      if (index === states.length - 1) return null;
      index += 1;
      open = false;
      return states[index].text;
    },

    reset,

    restore(entries, at) {
      if (!Array.isArray(entries) || entries.length === 0) throw new TypeError('A history needs at least one state.');
      for (const e of entries) requireText(e?.text);
      const kept = entries.slice(-(limit + 1));
      const i = Math.min(Math.max(0, at - (entries.length - kept.length)), kept.length - 1);
      states = kept.map((e) => ({ id: typeof e.id === 'string' ? e.id : newId(), text: e.text, path: undefined, at: -Infinity }));
      index = Number.isInteger(i) ? i : kept.length - 1;
      open = false;
    },

    snapshot() {
      return { ids: states.map((s) => s.id), index };
    },

    get canUndo() {
      return index > 0;
    },

    get canRedo() {
      return index < states.length - 1;
    },

    get current() {
      return states[index].text;
    },

    get currentId() {
      return states[index].id;
    },

    get previous() {
      return index > 0 ? states[index - 1].text : null;
    },
  };
}

function requireText(text) {
  if (typeof text !== 'string') throw new TypeError(`A plan state must be text, not ${text === null ? 'null' : typeof text}.`);
}
