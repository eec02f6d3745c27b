// Undo and redo of the plan designer's states (the plan as text). Pure logic, no DOM.
//
// Edits in one field come in bursts (one push per keystroke): consecutive pushes with the same
// `path` less than `coalesceMs` apart replace the top state instead of adding one, so typing
// "0.06" into a rate is one undo step. Undo, redo and reset end a burst: the state they land on is
// never overwritten. A push equal to the current state is ignored; a push after an undo drops the
// states that redo would have brought back.

/**
 * @typedef {object} History
 * @property {(text: string, options?: { path?: string }) => void} push
 * @property {() => string | null} undo the previous state, or null when there is none
 * @property {() => string | null} redo the next state, or null when there is none
 * @property {(text: string) => void} reset forget everything; `text` is the only state
 * @property {boolean} canUndo
 * @property {boolean} canRedo
 * @property {string} current
 */

/**
 * @param {string} initialText
 * @param {object} [options]
 * @param {number} [options.limit] how many undo steps are kept (the oldest are dropped)
 * @param {number} [options.coalesceMs] the longest pause between pushes of one burst
 * @param {() => number} [options.now] the clock in milliseconds (for tests)
 * @returns {History}
 */
export function createHistory(initialText, { limit = 200, coalesceMs = 1000, now = () => performance.now() } = {}) {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, not ${limit}`);
  requireText(initialText);

  /** @type {{ text: string, path?: string, at: number }[]} */
  let states;
  let index;
  /** Whether the top state may still absorb pushes of its burst. */
  let open;

  const reset = (text) => {
    requireText(text);
    states = [{ text, path: undefined, at: -Infinity }];
    index = 0;
    open = false;
  };
  reset(initialText);

  return {
    push(text, { path } = {}) {
      requireText(text);
      if (text === states[index].text) return;
      states.length = index + 1; // drop the redo branch
      const t = now();
      const top = states[index];
      if (open && path != null && top.path === path && t - top.at <= coalesceMs) {
        if (states[index - 1].text === text) {
          // The burst came back to where it started: no step at all.
          states.pop();
          index -= 1;
          open = false;
        } else {
          top.text = text;
          top.at = t;
        }
        return;
      }
      states.push({ text, path: path ?? undefined, at: t });
      index += 1;
      if (states.length > limit + 1) {
        states.splice(0, states.length - (limit + 1));
        index = states.length - 1;
      }
      open = path != null;
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

    get canUndo() {
      return index > 0;
    },

    get canRedo() {
      return index < states.length - 1;
    },

    get current() {
      return states[index].text;
    },
  };
}

function requireText(text) {
  if (typeof text !== 'string') throw new TypeError(`A plan state must be text, not ${text === null ? 'null' : typeof text}.`);
}
