// A form editor for a compensation plan, generated from the plan's JSON Schema
// (schema/plan.schema.json, written by schemars from the Rust DTOs), so it covers every plan
// primitive the schema knows. The JSON stays minimal and exact: absent optional fields stay absent
// ("+ Add" buttons), decimals stay the strings typed (never JS numbers), properties the schema does
// not know are kept and shown read-only. Every edit hands the host a new plan object and the path
// edited; diagnostics (the engine's `{ path, message, hint }`) are shown next to their field.
//
// Choices (see also form-schema.js):
// - null: a nullable scalar whose key is present shows an input where empty means null (placeholder
//   "none"), so tier `"to": null` is an empty "To" field; "remove" deletes the key. A present
//   null boolean shows as an indeterminate checkbox; a null object or list shows as "+ Add".
// - Tagged objects (a component's `kind`, a measure's `kind`): the tag is a <select>; only the fields
//   the current tag uses are offered; changing it keeps the common fields and drops the others.
// - Re-rendering: setValue with the same structure (same keys, lengths, tags) updates inputs in
//   place; a structural change re-renders and puts the focus back on the same field or button.
import {
  compileSchema, blankValue, isScalar, isBig, humanise, singular, lc, pathString, parentPath, isObject, getIn, setIn,
  shapeOf, parseText, display, subtitle, short, oneLine, letters, usefulHelp,
} from './form-schema.js';

/**
 * @typedef {import('./form-schema.js').Field} Field
 * @typedef {import('./form-schema.js').Tokens} Tokens
 * @typedef {import('./form-schema.js').Variant} Variant
 * @typedef {{ path: string, code?: string, severity?: 'error' | 'warning', message: string, hint?: string }} Diagnostic
 * @typedef {(plan: any, info: { path: string }) => void} ChangeHandler
 * @typedef {object} PlanForm
 * @property {(plan: unknown) => void} setValue Renders the plan, in place when its structure is unchanged.
 * @property {(diags: Diagnostic[]) => void} setDiagnostics Shows diagnostics next to their fields (replaces the previous ones).
 * @property {(path: string) => boolean} focusPath Opens, scrolls to and focuses the field for a path (or its nearest ancestor).
 * @property {(path: string) => HTMLInputElement | HTMLSelectElement | null} fieldFor The input or select for a path.
 * @typedef {object} Entry Something a diagnostic path can point at.
 * @property {'field' | 'group' | 'add' | 'note'} kind
 * @property {HTMLElement} el The input, fieldset, add button or note.
 * @property {HTMLElement} host Where messages go.
 * @property {Tokens} [tokens]
 * @property {(v: unknown) => void} [sync] Updates the input in place.
 * @typedef {{ help: boolean, removable?: boolean, tag?: Variant | null, item?: { arr: Tokens, index: number, count: number } }} Opts
 */

let instances = 0;

/**
 * Builds the form inside `container`. Nothing is shown until `setValue`.
 *
 * @param {HTMLElement} container
 * @param {{ schema: object, onChange?: ChangeHandler }} options
 * @returns {PlanForm}
 */
export function createPlanForm(container, { schema, onChange }) {
  injectStyle();
  const rootField = compileSchema(schema);
  const prefix = `pf${(instances += 1)}-`;
  const top = h('div', { class: 'pf-top' });
  const body = h('div', { class: 'pf-root' });
  /** @type {HTMLElement} */
  const form = h('div', { class: 'pf-form' }, top, body);
  container.append(form);
  // One listener per event type for the whole form (hundreds of fields render faster without
  // their own); handlers are looked up by element and die with it on the next render.
  /** @type {WeakMap<EventTarget, () => void>} */
  const handlers = new WeakMap();
  form.addEventListener('input', (e) => { if (e.target instanceof HTMLInputElement && e.target.type === 'text') handlers.get(e.target)?.(); });
  form.addEventListener('change', (e) => { if (!(e.target instanceof HTMLInputElement && e.target.type === 'text')) handlers.get(/** @type {EventTarget} */ (e.target))?.(); });
  form.addEventListener('click', (e) => {
    const b = e.target instanceof Element ? e.target.closest('button') : null;
    if (b && !b.disabled) handlers.get(b)?.();
  });
  form.addEventListener('toggle', (e) => {
    const d = e.target;
    if (!(d instanceof HTMLDetailsElement) || d.dataset.details === undefined) return;
    if (d.open) closed.delete(d.dataset.details);
    else closed.add(d.dataset.details);
  }, true);

  /** @type {any} */
  let current;
  /** @type {string | null} */
  let shape = null;
  /** @type {Map<string, Entry>} */
  let entries = new Map();
  /** @type {Map<string, HTMLElement>} Focus keys ("f:path", "add:path", "rm:path", ...) → element. */
  let focusables = new Map();
  /** @type {{ tokens: Tokens, fn: (v: unknown) => void }[]} */
  let syncs = [];
  /** @type {Diagnostic[]} */
  let diags = [];
  /** @type {(() => void)[]} */
  let shown = [];
  /** Paths of sections the user collapsed, kept across re-renders. */
  const closed = new Set();

  /** @param {string} path */
  const idFor = (path) => prefix + (path.replace(/\]/g, '').replace(/\[/g, '_').replace(/\./g, '-')
    .replace(/[^\w-]/g, (c) => `~${(c.codePointAt(0) ?? 0).toString(16)}`) || 'root');

  /** @param {string} path @param {Entry} entry */
  const register = (path, entry) => { entries.set(path, entry); };

  // ---- edits ---------------------------------------------------------------------------------

  /** A value edit: usually in place; re-renders only if the structure changed. */
  function edit(/** @type {Tokens} */ tokens, /** @type {unknown} */ value) {
    const next = structuredClone(current);
    setIn(next, tokens, value);
    current = next;
    if (shapeOf(rootField, next) !== shape) renderAll(true);
    else syncAll();
    onChange?.(next, { path: pathString(tokens) });
  }

  /**
   * A structural edit (add, remove, move, tag change): re-renders, then focuses the first of
   * `keys` that exists.
   *
   * @param {Tokens} tokens The path reported to onChange.
   * @param {(next: any) => void} mutate
   * @param {...string} keys
   */
  function structural(tokens, mutate, ...keys) {
    const next = structuredClone(current);
    mutate(next);
    current = next;
    renderAll(false);
    focusFirst(...keys);
    onChange?.(next, { path: pathString(tokens) });
  }

  /** @param {Tokens} tokens */
  const removeKey = (tokens) => structural(tokens, (next) => {
    const parent = getIn(next, tokens.slice(0, -1));
    if (isObject(parent)) delete parent[tokens[tokens.length - 1]];
  }, `add:${pathString(tokens)}`);

  /** @param {Tokens} arr @param {number} i @param {number} d */
  function moveItem(arr, i, d) {
    const to = pathString([...arr, i + d]);
    structural(arr, (next) => {
      const a = getIn(next, arr);
      [a[i], a[i + d]] = [a[i + d], a[i]];
    }, `${d < 0 ? 'up' : 'down'}:${to}`, `${d < 0 ? 'down' : 'up'}:${to}`);
  }

  /** @param {Tokens} arr @param {number} i */
  function removeItem(arr, i) {
    structural([...arr, i], (next) => getIn(next, arr).splice(i, 1),
      `rm:${pathString([...arr, i])}`, `rm:${pathString([...arr, i - 1])}`, `new:${pathString(arr)}`);
  }

  /** @param {Field} f @param {Tokens} arr */
  function addItem(f, arr) {
    const a = getIn(current, arr);
    const at = [...arr, Array.isArray(a) ? a.length : 0];
    structural(at, (next) => {
      const list = getIn(next, arr);
      if (Array.isArray(list)) list.push(blankValue(f.node));
      else setIn(next, arr, [blankValue(f.node)]);
    }, `f:${pathString(at)}`, `g:${pathString(at)}`);
  }

  /** Changing the tag keeps the common fields and drops the ones the new value does not use. */
  function changeTag(/** @type {Tokens} */ tokens, /** @type {unknown} */ value, /** @type {Variant} */ variant) {
    structural(tokens, (next) => {
      const o = getIn(next, tokens.slice(0, -1));
      o[variant.tag] = value;
      for (const [k, uses] of variant.only) if (k in o && !uses.has(String(value))) delete o[k];
    }, `f:${pathString(tokens)}`);
  }

  // ---- rendering -----------------------------------------------------------------------------

  /** @param {boolean} keepFocus Put the focus back on the same field (with its selection). */
  function renderAll(keepFocus) {
    const active = /** @type {HTMLElement | null} */ (document.activeElement);
    const key = keepFocus && active && form.contains(active) ? active.dataset.key : undefined;
    const sel = active instanceof HTMLInputElement && active.type === 'text' ? [active.selectionStart, active.selectionEnd] : null;
    entries = new Map();
    focusables = new Map();
    syncs = [];
    body.replaceChildren(isObject(current)
      ? objectBody(rootField, current, [], true)
      : h('p', { class: 'pf-msg pf-error' }, 'The plan is not a JSON object: edit it in JSON.'));
    shape = shapeOf(rootField, current);
    placeDiagnostics();
    if (key && focusFirst(key) && sel && document.activeElement instanceof HTMLInputElement) {
      document.activeElement.setSelectionRange(sel[0], sel[1]);
    }
  }

  function syncAll() {
    for (const e of entries.values()) e.sync?.(getIn(current, e.tokens ?? []));
    for (const s of syncs) s.fn(getIn(current, s.tokens));
  }

  /** @param {...string} keys Focus keys; "g:path" is the first control inside that group. */
  function focusFirst(...keys) {
    for (const k of keys) {
      let t = focusables.get(k);
      if (!t && k.startsWith('g:')) t = firstControl(entries.get(k.slice(2))?.el) ?? undefined;
      if (t && !(/** @type {HTMLButtonElement} */ (t)).disabled) {
        t.focus();
        return true;
      }
    }
    return false;
  }

  /**
   * The fields of an object: scalars in a grid, then sections, then "+ Add" for absent optional
   * fields, then properties the schema does not know.
   *
   * @param {Field} f @param {Record<string, any>} v @param {Tokens} tokens @param {boolean} help
   */
  function objectBody(f, v, tokens, help) {
    const node = f.node;
    const fields = node.fields ?? new Map();
    const required = node.required ?? new Set();
    const variant = node.variant ?? null;
    const grid = h('div', { class: 'pf-grid' });
    /** @type {HTMLElement[]} */
    const blocks = [];
    /** @type {string[]} */
    const absent = [];
    /** @type {string[]} */
    const unknown = [];
    const keys = Object.keys(v);
    for (const k of required) if (!(k in v)) keys.push(k);
    for (const k of keys) {
      const cf = fields.get(k);
      if (!cf) {
        unknown.push(k);
        continue;
      }
      const cv = v[k];
      const type = cf.node.type;
      if ((type === 'object' || type === 'array') && (cv === null || (cv === undefined && (type === 'object' || !required.has(k))))) {
        absent.push(k);
        continue;
      }
      const r = renderField(cf, cv, [...tokens, k], cf.title || humanise(k),
        { help, removable: k in v && !required.has(k), tag: variant?.tag === k ? variant : null });
      if (r.cell) grid.append(r.el);
      else blocks.push(r.el);
    }
    const tag = variant ? String(v[variant.tag]) : '';
    for (const k of fields.keys()) {
      if (!keys.includes(k) && !(variant && variant.only.get(k)?.has(tag) === false)) absent.push(k);
    }
    const out = h('div', { class: 'pf-body' });
    if (grid.childElementCount > 0) out.append(grid);
    out.append(...blocks);
    if (absent.length > 0) out.append(addBar(f, tokens, absent));
    if (unknown.length > 0) out.append(unknownNote(v, tokens, unknown));
    return out;
  }

  /**
   * @param {Field} f @param {unknown} v @param {Tokens} tokens @param {string} label @param {Opts} opts
   * @returns {{ el: HTMLElement, cell: boolean }}
   */
  function renderField(f, v, tokens, label, opts) {
    const n = f.node;
    if (n.type === 'object') return isObject(v) ? { el: objectSection(f, v, tokens, label, opts), cell: false } : { el: noteCell(v, tokens, label, opts), cell: true };
    if (n.type === 'array') {
      if (v !== undefined && !Array.isArray(v)) return { el: noteCell(v, tokens, label, opts), cell: true };
      const items = /** @type {Field} */ (n.items);
      return isScalar(items.node)
        ? { el: scalarList(f, v ?? [], tokens, label, opts), cell: true }
        : { el: arraySection(f, v ?? [], tokens, label, opts), cell: false };
    }
    if (n.type === 'any' || (v !== null && typeof v === 'object')) return { el: noteCell(v, tokens, label, opts), cell: true };
    return { el: scalarCell(f, v, tokens, label, opts), cell: true };
  }

  /** @param {Field} f @param {Record<string, any>} v @param {Tokens} tokens @param {string} label @param {Opts} opts */
  function objectSection(f, v, tokens, label, opts) {
    const path = pathString(tokens);
    const big = isBig(f.node);
    const sub = h('span', { class: 'pf-sub' });
    if (opts.item) {
      const fill = (/** @type {unknown} */ x) => { sub.textContent = subtitle(x, f); };
      fill(v);
      syncs.push({ tokens, fn: fill });
    }
    const about = opts.help && !opts.item ? usefulHelp(f.description, label) : '';
    const help = about ? h('p', { class: 'pf-help' }, about) : null;
    return shell(path, label, big, tools(tokens, label, opts, 'Remove'), help, objectBody(f, v, tokens, opts.help), sub);
  }

  /** @param {Field} f @param {unknown[]} arr @param {Tokens} tokens @param {string} label @param {Opts} opts */
  function arraySection(f, arr, tokens, label, opts) {
    const path = pathString(tokens);
    const items = /** @type {Field} */ (f.node.items);
    const big = isBig(items.node);
    const one = singular(label);
    const list = h('div', { class: 'pf-items' });
    arr.forEach((item, i) => {
      const r = renderField(items, item, [...tokens, i], `${one} ${i + 1}`,
        { help: opts.help && (big || i === 0), item: { arr: tokens, index: i, count: arr.length } });
      list.append(r.el);
    });
    const add = button(`+ Add ${lc(one)}`, null, `new:${path}`, () => addItem(items, tokens), 'pf-add');
    const content = h('div', { class: 'pf-body' }, list, h('div', { class: 'pf-addbar' }, add));
    const about = opts.help ? usefulHelp(f.description, label) : '';
    const help = about ? h('p', { class: 'pf-help' }, about) : null;
    const title = big ? `${label} (${arr.length})` : label;
    return shell(path, title, big, tools(tokens, label, opts, 'Remove'), help, content, null, !big);
  }

  /**
   * A fieldset with its legend, tools and help; big ones inside <details open>.
   *
   * @param {string} path @param {string} title @param {boolean} big @param {HTMLElement[]} toolList
   * @param {HTMLElement | null} help @param {HTMLElement} content @param {HTMLElement | null} sub
   * @param {boolean} [list] A list of small items: drawn lighter.
   */
  function shell(path, title, big, toolList, help, content, sub, list = false) {
    const legend = h('legend', { class: big ? 'pf-vh' : 'pf-legend' }, title);
    const fs = h('fieldset', { class: `pf-group${big ? ' pf-plain' : ''}${list ? ' pf-list' : ''}`, 'data-group': path }, legend);
    if (!big && sub) legend.append(sub);
    if (toolList.length > 0) fs.append(h('div', { class: 'pf-tools' }, ...toolList));
    if (help) fs.append(help);
    fs.append(content);
    register(path, { kind: 'group', el: fs, host: content });
    if (!big) return fs;
    const summary = h('summary', { class: 'pf-summary' }, h('span', { class: 'pf-title' }, title), sub);
    const details = h('details', { class: 'pf-sec', 'data-details': path }, summary, fs);
    details.open = !closed.has(path);
    return details;
  }

  /** @param {Field} f @param {unknown} v @param {Tokens} tokens @param {string} label @param {Opts} opts */
  function scalarCell(f, v, tokens, label, opts) {
    const path = pathString(tokens);
    const id = idFor(path);
    const wide = f.node.type === 'string' && /^(name|label|when|formula)$/.test(String(tokens[tokens.length - 1]));
    const cell = h('div', { class: wide ? 'pf-cell pf-wide' : 'pf-cell', 'data-cell': path });
    const lab = h('label', { class: 'pf-label', for: id }, label);
    const { input, sync, extra } = control(f, v, tokens, id, opts.tag ?? null);
    const head = h('div', { class: 'pf-head' });
    if (input instanceof HTMLInputElement && input.type === 'checkbox') head.append(input, lab);
    else head.append(lab);
    head.append(...tools(tokens, label, opts, 'remove'));
    cell.append(head);
    if (!head.contains(input)) cell.append(input);
    const description = usefulHelp(f.description, label);
    if (opts.help && (description || extra)) {
      const help = h('div', { class: 'pf-help', id: `${id}-help` }, description, extra ? ' ' : '', extra);
      cell.append(help);
      input.setAttribute('aria-describedby', help.id);
    } else if (description) {
      lab.title = description;
    }
    register(path, { kind: 'field', el: input, host: cell, tokens, sync });
    return cell;
  }

  /** A list of scalars (types, points, ...): one row per item in one cell. */
  function scalarList(/** @type {Field} */ f, /** @type {unknown[]} */ arr, /** @type {Tokens} */ tokens, /** @type {string} */ label, /** @type {Opts} */ opts) {
    const path = pathString(tokens);
    const items = /** @type {Field} */ (f.node.items);
    const one = singular(label);
    const fs = h('fieldset', { class: 'pf-cell pf-slist pf-wide', 'data-group': path }, h('legend', { class: 'pf-label' }, label));
    const t = tools(tokens, label, opts, 'remove');
    if (t.length > 0) fs.append(h('div', { class: 'pf-tools' }, ...t));
    const rows = h('div', { class: 'pf-rows' });
    arr.forEach((x, i) => {
      const ip = pathString([...tokens, i]);
      const id = idFor(ip);
      const { input, sync } = control(items, x, [...tokens, i], id, null);
      const name = `${one} ${i + 1}`;
      const wrap = h('div', { class: 'pf-li' }, h('div', { class: 'pf-row' },
        h('label', { class: 'pf-idx', for: id }, h('span', { class: 'pf-vh' }, `${one} `), String(i + 1)),
        input, ...tools([...tokens, i], name, { help: false, item: { arr: tokens, index: i, count: arr.length } }, '×')));
      rows.append(wrap);
      register(ip, { kind: 'field', el: input, host: wrap, tokens: [...tokens, i], sync });
    });
    fs.append(rows, button('+ Add', `Add ${lc(one)}`, `new:${path}`, () => addItem(items, tokens), 'pf-add pf-small'));
    const about = opts.help ? usefulHelp(f.description, label) : '';
    if (about) fs.append(h('div', { class: 'pf-help' }, about));
    register(path, { kind: 'group', el: fs, host: rows });
    return fs;
  }

  /**
   * The input for one scalar: select for enums, checkbox for booleans, text otherwise (decimals
   * keep the text typed; integers become numbers when they parse).
   *
   * @param {Field} f @param {unknown} v @param {Tokens} tokens @param {string} id @param {Variant | null} tag
   * @returns {{ input: HTMLInputElement | HTMLSelectElement, sync: (v: unknown) => void, extra: HTMLElement | null }}
   */
  function control(f, v, tokens, id, tag) {
    const n = f.node;
    const path = pathString(tokens);
    /** @type {HTMLInputElement | HTMLSelectElement} */
    let input;
    /** @type {(v: unknown) => void} */
    let sync;
    /** @type {HTMLElement | null} */
    let extra = null;
    if (n.type === 'boolean') {
      const box = h('input', { type: 'checkbox', id, class: 'pf-box' });
      sync = (x) => {
        box.checked = x === true;
        box.indeterminate = x === null;
      };
      handlers.set(box, () => edit(tokens, box.checked));
      input = box;
    } else if (n.type === 'enum') {
      const select = h('select', { id, class: 'pf-input' });
      const options = n.options ?? [];
      const note = h('span', { class: 'pf-opt' });
      extra = note;
      sync = (x) => {
        const known = options.findIndex((o) => Object.is(o.value, x));
        const want = known >= 0 ? String(known) : x === null || x === undefined ? '' : '?';
        if (select.value !== want || select.options.length === 0) {
          select.replaceChildren();
          if (f.nullable || known < 0) select.append(h('option', { value: '' }, f.nullable ? '— none —' : '— choose —'));
          if (want === '?') select.append(h('option', { value: '?' }, `${display(x)} (not allowed)`));
          options.forEach((o, i) => select.append(h('option', { value: String(i), title: o.description }, String(o.value))));
          select.value = want;
        }
        const about = known >= 0 ? options[known].description : '';
        note.textContent = about && letters(about) !== letters(String(x)) ? `${String(x)}: ${about}` : '';
      };
      handlers.set(select, () => {
        if (select.value === '?') return;
        const value = select.value === '' ? null : options[Number(select.value)].value;
        if (select.value === '' && !f.nullable) return;
        if (tag) changeTag(tokens, value, tag);
        else edit(tokens, value);
      });
      input = select;
    } else {
      const text = h('input', { type: 'text', id, class: 'pf-input', autocomplete: 'off', spellcheck: 'false' });
      if (n.type === 'decimal') text.inputMode = 'decimal';
      if (n.type === 'integer' || n.type === 'number') text.inputMode = 'numeric';
      if (n.type === 'const') text.readOnly = true;
      if (/^(when|formula)$/.test(String(tokens[tokens.length - 1]))) text.classList.add('pf-mono');
      const placeholder = f.nullable ? 'none' : n.format === 'date' ? 'YYYY-MM-DD' : '';
      if (placeholder) text.placeholder = placeholder;
      sync = (x) => {
        if (text.value !== display(x) && !Object.is(parseText(f, text.value), x)) text.value = display(x);
      };
      handlers.set(text, () => edit(tokens, parseText(f, text.value)));
      input = text;
    }
    input.dataset.path = path;
    input.dataset.key = `f:${path}`;
    focusables.set(`f:${path}`, input);
    sync(v);
    return { input, sync, extra };
  }

  /** A value the form cannot edit (the schema expects another type): shown read-only. */
  function noteCell(/** @type {unknown} */ v, /** @type {Tokens} */ tokens, /** @type {string} */ label, /** @type {Opts} */ opts) {
    const path = pathString(tokens);
    const code = h('code', { class: 'pf-json', tabindex: '-1' }, short(v));
    const cell = h('div', { class: 'pf-cell', 'data-cell': path },
      h('div', { class: 'pf-head' }, h('span', { class: 'pf-label' }, label), ...tools(tokens, label, opts, 'remove')),
      code, h('div', { class: 'pf-help' }, 'Not the type the schema expects: edit it in JSON.'));
    register(path, { kind: 'note', el: code, host: cell });
    return cell;
  }

  /** @param {Field} f @param {Tokens} tokens @param {string[]} keys */
  function addBar(f, tokens, keys) {
    const bar = h('div', { class: 'pf-addbar' }, h('span', { class: 'pf-muted' }, 'Add:'));
    for (const k of keys) {
      const cf = /** @type {Field} */ (f.node.fields?.get(k));
      const ct = [...tokens, k];
      const path = pathString(ct);
      const label = cf.title || humanise(k);
      const req = f.node.required?.has(k) ? ' (required)' : '';
      const b = button(`+ ${label}${req}`, `Add ${lc(label)}${req}`, `add:${path}`,
        () => structural(ct, (next) => setIn(next, ct, blankValue(cf.node)), `f:${path}`, `g:${path}`), 'pf-add');
      if (cf.description) b.title = oneLine(cf.description);
      b.dataset.add = path;
      bar.append(b);
      register(path, { kind: 'add', el: b, host: bar });
    }
    return bar;
  }

  /** @param {Record<string, unknown>} v @param {Tokens} tokens @param {string[]} keys */
  function unknownNote(v, tokens, keys) {
    const list = h('ul');
    for (const k of keys) {
      const path = pathString([...tokens, k]);
      const li = h('li', { 'data-unknown': path, tabindex: '-1' }, h('code', null, k), ': ', h('code', null, short(v[k])));
      list.append(li);
      register(path, { kind: 'note', el: li, host: li });
    }
    return h('div', { class: 'pf-unknown' }, h('div', { class: 'pf-label' }, 'Other fields (edit in JSON)'), list);
  }

  /**
   * Move and remove buttons of an array item, or the remove button of a present optional field.
   *
   * @param {Tokens} tokens @param {string} label @param {Opts} opts @param {string} removeText
   */
  function tools(tokens, label, opts, removeText) {
    const path = pathString(tokens);
    const name = lc(label);
    if (opts.item) {
      const { arr, index, count } = opts.item;
      const up = button('↑', `Move ${name} up`, `up:${path}`, () => moveItem(arr, index, -1), 'pf-icon');
      const down = button('↓', `Move ${name} down`, `down:${path}`, () => moveItem(arr, index, 1), 'pf-icon');
      up.disabled = index === 0;
      down.disabled = index === count - 1;
      return [up, down, button(removeText, `Remove ${name}`, `rm:${path}`, () => removeItem(arr, index), removeText === '×' ? 'pf-icon pf-rm' : 'pf-rm')];
    }
    if (!opts.removable) return [];
    return [button(removeText, `Remove ${name}`, `rm:${path}`, () => removeKey(tokens), removeText === 'remove' ? 'pf-x' : 'pf-rm')];
  }

  /** @param {string} text @param {string | null} aria @param {string} key @param {() => void} onClick @param {string} cls */
  function button(text, aria, key, onClick, cls) {
    const b = h('button', { type: 'button', class: `pf-btn ${cls}` }, text);
    if (aria) b.setAttribute('aria-label', aria);
    if (aria && text.length <= 2) b.title = aria;
    b.dataset.key = key;
    focusables.set(key, b);
    handlers.set(b, onClick);
    return b;
  }

  // ---- diagnostics ---------------------------------------------------------------------------

  function placeDiagnostics() {
    for (const undo of shown.reverse()) undo();
    shown = [];
    top.replaceChildren();
    /** @type {Map<Element, { n: number, error: boolean }>} */
    const counts = new Map();
    diags.forEach((d, i) => {
      const want = typeof d.path === 'string' ? d.path : '';
      /** @type {string | null} */
      let p = want;
      while (p && !entries.has(p)) p = parentPath(p);
      const entry = p ? entries.get(p) : undefined;
      const sev = d.severity === 'warning' ? 'warning' : 'error';
      const msg = h('div', { class: `pf-msg pf-${sev}`, id: `${prefix}diag-${i}`, 'data-diag-path': want },
        h('strong', null, sev === 'warning' ? 'Warning: ' : 'Error: '),
        p !== want || !entry ? h('code', null, want || '(plan)') : null, p !== want || !entry ? ' ' : null,
        String(d.message ?? ''), d.hint ? h('span', { class: 'pf-hint' }, ` (${d.hint})`) : null);
      if (!entry) {
        top.append(msg);
        shown.push(() => msg.remove());
        return;
      }
      if (entry.kind === 'group') entry.host.prepend(msg);
      else entry.host.append(msg);
      const target = entry.el;
      const describedBy = target.getAttribute('aria-describedby');
      const invalid = target.getAttribute('aria-invalid');
      target.setAttribute('aria-describedby', [describedBy, msg.id].filter(Boolean).join(' '));
      if (sev === 'error' && entry.kind === 'field') target.setAttribute('aria-invalid', 'true');
      target.classList.add(`pf-has-${sev}`);
      shown.push(() => {
        msg.remove();
        restore(target, 'aria-describedby', describedBy);
        restore(target, 'aria-invalid', invalid);
        target.classList.remove(`pf-has-${sev}`);
      });
      for (let det = msg.closest('details'); det; det = det.parentElement?.closest('details') ?? null) {
        const c = counts.get(det) ?? { n: 0, error: false };
        counts.set(det, { n: c.n + 1, error: c.error || sev === 'error' });
      }
    });
    for (const [det, c] of counts) {
      const summary = det.querySelector(':scope > summary');
      if (!summary) continue;
      // A count on the summary, so problems inside a collapsed section are not missed.
      const badge = h('span', { class: c.error ? 'pf-badge' : 'pf-badge pf-warn-only' }, String(c.n),
        h('span', { class: 'pf-vh' }, c.n === 1 ? ' problem' : ' problems'));
      summary.append(badge);
      summary.setAttribute('data-diags', String(c.n));
      shown.push(() => {
        badge.remove();
        summary.removeAttribute('data-diags');
      });
    }
  }

  return {
    setValue(plan) {
      current = plan;
      if (shape !== null && shapeOf(rootField, plan) === shape) syncAll();
      else renderAll(true);
    },
    setDiagnostics(list) {
      diags = Array.isArray(list) ? list.slice() : [];
      placeDiagnostics();
    },
    focusPath(path) {
      /** @type {string | null} */
      let p = String(path ?? '');
      while (p && !entries.has(p)) p = parentPath(p);
      const entry = p ? entries.get(p) : undefined;
      const target = entry ? (entry.kind === 'group' ? firstControl(entry.el) ?? entry.el : entry.el) : null;
      if (!target) {
        form.scrollIntoView({ block: 'start' });
        return false;
      }
      for (let det = target.closest('details'); det; det = det.parentElement?.closest('details') ?? null) det.open = true;
      target.scrollIntoView({ block: 'center' });
      target.focus({ preventScroll: true });
      return true;
    },
    fieldFor(path) {
      const e = entries.get(path);
      return e && e.kind === 'field' ? /** @type {HTMLInputElement | HTMLSelectElement} */ (e.el) : null;
    },
  };
}

// ---- helpers ---------------------------------------------------------------------------------

/**
 * An element with attributes and children (strings become text; null is skipped): the same
 * contract as el() in ../lib/dom.js, leaner, since a plan renders about a thousand of them.
 *
 * @param {string} tag
 * @param {Record<string, string> | null} [attrs]
 * @param {...(Node | string | null | undefined | false)} children
 * @returns {any}
 */
function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const k in attrs) {
      if (k === 'class') node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    }
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (typeof c === 'string') node.append(c);
    else node.appendChild(c);
  }
  return node;
}

/** @param {Element} target @param {string} name @param {string | null} value */
function restore(target, name, value) {
  if (value === null) target.removeAttribute(name);
  else target.setAttribute(name, value);
}

/** @param {Element | undefined | null} root @returns {HTMLElement | null} */
function firstControl(root) {
  return root?.querySelector('input:not([disabled]), select:not([disabled])')
    ?? root?.querySelector('button:not([disabled])') ?? null;
}

const CSS = `
.pf-form { --pf-surface: var(--surface, #fff); --pf-text: var(--text, #1c2330); --pf-muted: var(--muted, #5d6778);
  --pf-line: var(--line, #e2e6ec); --pf-line-strong: var(--line-strong, #cdd3dc); --pf-accent: var(--accent, #2f5fcf);
  --pf-accent-soft: var(--accent-soft, #e8eefb); --pf-danger: var(--danger, #b42318); --pf-danger-soft: var(--danger-soft, #fef3f2);
  --pf-warn: var(--warn, #93370d); --pf-warn-soft: var(--warn-soft, #fffaeb); --pf-radius: var(--radius, 8px);
  --pf-mono: var(--mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace); --pf-sunk: var(--pf-bg-sunk, #f8f9fb);
  color: var(--pf-text); font-size: 0.9rem; line-height: 1.35; min-width: 0; }
.pf-form *, .pf-form *::before, .pf-form *::after { box-sizing: border-box; }
.pf-vh { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.pf-root > .pf-body { gap: 0.75rem; }
.pf-body { display: flex; flex-direction: column; gap: 0.6rem; min-width: 0; clear: both; container: pf-body / inline-size; }
@container pf-body (max-width: 27rem) { .pf-grid { --pf-col: 8.5rem; } }
@container pf-body (min-width: 18rem) { .pf-wide { grid-column: span 2; } }
@container pf-body (max-width: 22rem) { .pf-group { padding: 0.45rem 0.5rem 0.55rem; } .pf-sec > .pf-plain { padding: 0.5rem; } }
.pf-grid { display: grid; gap: 0.55rem 0.9rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--pf-col, 13rem)), 1fr)); }
.pf-cell { display: flex; flex-direction: column; gap: 0.2rem; min-width: 0; margin: 0; padding: 0; border: 0; }
.pf-head { display: flex; align-items: center; gap: 0.35rem; min-height: 1.35rem; }
.pf-label { font-weight: 600; font-size: 0.8rem; padding: 0; }
.pf-help { margin: 0; color: var(--pf-muted); font-size: 0.76rem; line-height: 1.3; }
.pf-opt { font-style: italic; }
.pf-form .pf-input { font: inherit; color: inherit; width: 100%; min-width: 0; margin: 0; padding: 0.3rem 0.5rem;
  border: 1px solid var(--pf-line-strong); border-radius: 6px; background: var(--pf-surface); }
.pf-form .pf-input:focus { outline: 2px solid var(--pf-accent); outline-offset: -1px; border-color: var(--pf-accent); }
.pf-form .pf-input[readonly] { background: var(--pf-sunk); color: var(--pf-muted); }
.pf-form .pf-input::placeholder { color: #98a2b3; font-style: italic; }
.pf-form .pf-input[aria-invalid="true"] { border-color: var(--pf-danger); background: var(--pf-danger-soft); }
.pf-mono { font-family: var(--pf-mono) !important; font-size: 0.85em !important; }
.pf-box { width: 1rem; height: 1rem; margin: 0; accent-color: var(--pf-accent); }
.pf-group { min-width: 0; margin: 0; padding: 0.5rem 0.7rem 0.7rem; border: 1px solid var(--pf-line); border-radius: var(--pf-radius); background: var(--pf-surface); }
.pf-group > .pf-legend { float: left; padding: 0; margin: 0.1rem 0 0.5rem; font-weight: 650; font-size: 0.86rem; }
.pf-group > .pf-help { clear: both; margin: 0 0 0.45rem; }
.pf-tools { float: right; display: flex; gap: 0.25rem; margin: 0 0 0.3rem 0.5rem; }
.pf-plain { border: 0; border-radius: 0; padding: 0.6rem 0.75rem 0.75rem; background: none; }
.pf-list { background: var(--pf-sunk); }
.pf-items { display: flex; flex-direction: column; gap: 0.6rem; }
.pf-list .pf-items { gap: 0.45rem; }
.pf-sec { position: relative; border: 1px solid var(--pf-line); border-radius: var(--pf-radius); background: var(--pf-surface); min-width: 0; }
.pf-sec > .pf-plain > .pf-tools { position: absolute; top: 0.35rem; right: 0.6rem; margin: 0; }
.pf-sec:has(> .pf-plain > .pf-tools) > .pf-summary { padding-right: 10.5rem; }
.pf-sec { container: pf-sec / inline-size; }
@container pf-sec (max-width: 30rem) {
  .pf-sec > .pf-plain > .pf-tools { position: static; float: none; justify-content: flex-end; margin: 0 0 0.4rem; }
  .pf-sec:has(> .pf-plain > .pf-tools) > .pf-summary { padding-right: 0.75rem; }
}
.pf-sec .pf-sec { background: var(--pf-surface); }
.pf-summary { cursor: pointer; padding: 0.45rem 0.75rem; font-weight: 650; border-radius: var(--pf-radius); }
.pf-summary:hover { background: var(--pf-accent-soft); }
.pf-sec[open] > .pf-summary { border-bottom: 1px solid var(--pf-line); border-radius: var(--pf-radius) var(--pf-radius) 0 0; }
.pf-sub { color: var(--pf-muted); font-weight: 450; }
.pf-badge { margin-left: 0.5rem; padding: 0 0.45rem; border-radius: 999px; background: var(--pf-danger); color: #fff; font-size: 0.72rem; font-weight: 650; }
.pf-badge.pf-warn-only { background: #dc6803; }
.pf-form .pf-btn { font: inherit; font-size: 0.78rem; line-height: 1.2; padding: 0.2rem 0.5rem; margin: 0; cursor: pointer;
  color: var(--pf-text); background: var(--pf-surface); border: 1px solid var(--pf-line-strong); border-radius: 6px; }
.pf-form .pf-btn:hover:not(:disabled) { background: var(--pf-accent-soft); }
.pf-form .pf-btn:disabled { opacity: 0.35; cursor: default; }
.pf-form .pf-add { color: var(--pf-accent); border-style: dashed; background: transparent; }
.pf-form .pf-rm:hover:not(:disabled) { color: var(--pf-danger); background: var(--pf-danger-soft); }
.pf-form .pf-icon { min-width: 1.6rem; padding: 0.2rem 0.3rem; }
.pf-form .pf-x { margin-left: auto; border: 0; background: none; color: var(--pf-muted); font-size: 0.72rem; padding: 0 0.2rem; text-decoration: underline dotted; }
.pf-form .pf-x:hover, .pf-form .pf-x:focus-visible { color: var(--pf-danger); text-decoration-style: solid; }
.pf-form .pf-small { align-self: flex-start; padding: 0.1rem 0.45rem; }
.pf-addbar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem; }
.pf-addbar > .pf-msg { flex-basis: 100%; }
.pf-muted { color: var(--pf-muted); font-size: 0.78rem; }
.pf-slist { position: relative; }
.pf-slist > .pf-tools { position: absolute; top: 0; right: 0; margin: 0; }
.pf-slist > legend { float: left; margin-bottom: 0.2rem; line-height: 1.35rem; }
.pf-rows { display: flex; flex-direction: column; gap: 0.2rem; clear: both; }
.pf-row { display: flex; align-items: center; gap: 0.25rem; }
.pf-idx { min-width: 1.1rem; text-align: right; color: var(--pf-muted); font-size: 0.75rem; }
.pf-row .pf-input { flex: 1 1 auto; }
.pf-json { font-family: var(--pf-mono); font-size: 0.8rem; padding: 0.3rem 0.5rem; background: var(--pf-sunk); border-radius: 6px; overflow-wrap: anywhere; }
.pf-unknown { font-size: 0.8rem; color: var(--pf-muted); border: 1px dashed var(--pf-line-strong); border-radius: 6px; padding: 0.35rem 0.6rem; }
.pf-unknown ul { margin: 0.2rem 0 0; padding-left: 1.1rem; overflow-wrap: anywhere; }
.pf-msg { margin: 0; padding: 0.3rem 0.55rem; font-size: 0.8rem; border-radius: 6px; border-left: 3px solid; overflow-wrap: anywhere; }
.pf-msg code { font-family: var(--pf-mono); font-size: 0.95em; }
.pf-error { color: var(--pf-danger); background: var(--pf-danger-soft); border-color: var(--pf-danger); }
.pf-warning { color: var(--pf-warn); background: var(--pf-warn-soft); border-color: #dc6803; }
.pf-hint { opacity: 0.85; }
.pf-top { display: flex; flex-direction: column; gap: 0.3rem; margin-bottom: 0.6rem; }
.pf-top:empty { display: none; }
.pf-group.pf-has-error { border-color: var(--pf-danger); }
.pf-add.pf-has-error { border-color: var(--pf-danger); color: var(--pf-danger); }
`;

/** @type {CSSStyleSheet | null} */
let sheet = null;

/** The form's styles, as a constructed style sheet: the pages' CSP refuses inline <style>. */
function injectStyle() {
  if (sheet) return;
  sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
