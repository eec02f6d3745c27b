// Schema resolution for the plan form (www/pages/designer/form.js): turns the plan's JSON Schema (as
// schemars writes it: `$defs`, `$ref`, `anyOf [X, null]` for optional fields, `oneOf` of consts
// for enums, the `Decimal` def for decimal strings) into a small tree of typed nodes; plus the
// path helpers (`components[0].rateTable.tiers[1].rate`) and the value helpers the form uses
// (text ↔ JSON value, labels, the structure of a value). No DOM here.

/**
 * @typedef {'object' | 'array' | 'enum' | 'decimal' | 'string' | 'integer' | 'number' | 'boolean' | 'const' | 'any'} NodeType
 *
 * @typedef {object} SchemaNode A resolved type.
 * @property {NodeType} type
 * @property {Map<string, Field>} [fields] Object: properties in schema order.
 * @property {Set<string>} [required] Object: required property names.
 * @property {Variant | null} [variant] Object: the tag property and the properties only some of its values use.
 * @property {Field} [items] Array: the item type.
 * @property {{ value: unknown, description: string }[]} [options] Enum: the allowed values.
 * @property {unknown} [constValue] Const: the only value.
 * @property {string} [format] String: such as "date".
 *
 * @typedef {object} Field A type where it is used: with the use-site description and nullability.
 * @property {SchemaNode} node
 * @property {boolean} nullable `null` is allowed.
 * @property {string} description
 * @property {string} title
 *
 * @typedef {object} Variant A tagged object: `tag` is a required enum property; `only` maps each
 *   property that applies to some tag values only to those values.
 * @property {string} tag
 * @property {Map<string, Set<string>>} only
 *
 * @typedef {(string | number)[]} Tokens A path as keys and indices.
 */

const DECIMAL_SAMPLES = ['0.05', '125000', '-1.5'];

/**
 * Resolves a JSON Schema document into the field of its root. Recursive definitions (a plan's
 * `versions` are plans) resolve to the same node objects, so the tree may be cyclic.
 *
 * @param {any} schema
 * @returns {Field}
 */
export function compileSchema(schema) {
  const hit = compiled.get(schema);
  if (hit) return hit;
  const root = compileFresh(schema);
  if (schema && typeof schema === 'object') compiled.set(schema, root);
  return root;
}

/** Compiled schemas by schema object: forms made from the same schema share one tree. */
const compiled = new WeakMap();

/** @param {any} schema @returns {Field} */
function compileFresh(schema) {
  const defs = schema?.$defs ?? schema?.definitions ?? {};
  /** @type {Map<string, Field>} */
  const cache = new Map();

  /** @param {string} name */
  function def(name) {
    const hit = cache.get(name);
    if (hit) return hit;
    // A placeholder first, filled in place, so a definition that refers to itself terminates.
    /** @type {Field} */
    const f = { node: { type: 'any' }, nullable: false, description: '', title: '' };
    cache.set(name, f);
    const s = defs[name];
    if (s) {
      const built = field(s, name);
      Object.assign(f.node, built.node);
      f.nullable = built.nullable;
      f.description = built.description;
      f.title = built.title;
    }
    return f;
  }

  /**
   * @param {any} s
   * @param {string} [defName]
   * @returns {Field}
   */
  function field(s, defName) {
    if (!s || typeof s !== 'object') return { node: { type: 'any' }, nullable: false, description: '', title: '' };
    const description = typeof s.description === 'string' ? s.description : '';
    const title = typeof s.title === 'string' ? s.title : '';
    if (typeof s.$ref === 'string') {
      const base = def(s.$ref.replace(/^#\/(\$defs|definitions)\//, ''));
      if (s.properties || s.required) {
        // The document root: `$ref` to the plan plus a few overriding properties.
        const over = field({ type: 'object', properties: s.properties ?? {}, required: s.required ?? [] }).node;
        for (const [k, f] of over.fields ?? []) {
          const was = base.node.fields?.get(k);
          if (was && !f.description) over.fields?.set(k, { ...f, description: was.description });
        }
        /** @type {SchemaNode} */
        const node = {
          ...base.node,
          type: 'object',
          fields: new Map([...(base.node.fields ?? []), ...(over.fields ?? [])]),
          required: new Set([...(base.node.required ?? []), ...(over.required ?? [])]),
        };
        node.variant = variantOf(node);
        return { node, nullable: false, description: description || base.description, title: title || base.title };
      }
      return { node: base.node, nullable: base.nullable, description: description || base.description, title: title || base.title };
    }
    const alternatives = s.anyOf ?? s.oneOf;
    if (Array.isArray(alternatives)) {
      const nonNull = alternatives.filter((a) => !(a?.type === 'null' || (a && 'const' in a && a.const === null)));
      const nullable = nonNull.length < alternatives.length;
      if (nonNull.length > 0 && nonNull.every((a) => a && 'const' in a)) {
        const options = nonNull.map((a) => ({ value: a.const, description: typeof a.description === 'string' ? a.description : '' }));
        return { node: { type: 'enum', options }, nullable, description, title };
      }
      if (nonNull.length === 1) {
        const inner = field(nonNull[0]);
        return { node: inner.node, nullable: nullable || inner.nullable, description: description || inner.description, title: title || inner.title };
      }
      return { node: { type: 'any' }, nullable, description, title };
    }
    if (Array.isArray(s.enum)) {
      /** @type {unknown[]} */
      const values = s.enum;
      const options = values.filter((v) => v !== null).map((value) => ({ value, description: '' }));
      return { node: { type: 'enum', options }, nullable: s.enum.includes(null), description, title };
    }
    if ('const' in s) return { node: { type: 'const', constValue: s.const }, nullable: false, description, title };
    /** @type {string[]} */
    let types = Array.isArray(s.type) ? s.type : typeof s.type === 'string' ? [s.type] : [];
    const nullable = types.includes('null');
    types = types.filter((t) => t !== 'null');
    if (types.length > 1) return { node: { type: 'any' }, nullable, description, title };
    const t = types[0] ?? (s.properties ? 'object' : s.items ? 'array' : 'any');
    /** @type {SchemaNode} */
    let node;
    if (t === 'object') {
      node = { type: 'object', fields: new Map(), required: new Set(Array.isArray(s.required) ? s.required : []) };
      for (const [k, v] of Object.entries(s.properties ?? {})) node.fields?.set(k, field(v));
      node.variant = variantOf(node);
    } else if (t === 'array') {
      node = { type: 'array', items: field(s.items ?? {}) };
    } else if (t === 'string') {
      node = defName === 'Decimal' || isDecimalPattern(s.pattern) ? { type: 'decimal' } : { type: 'string', format: s.format };
    } else if (t === 'integer' || t === 'number' || t === 'boolean') {
      node = { type: t };
    } else {
      node = { type: 'any' };
    }
    return { node, nullable, description, title };
  }

  return field(schema);
}

/** @param {unknown} pattern */
function isDecimalPattern(pattern) {
  if (typeof pattern !== 'string') return false;
  try {
    const re = new RegExp(pattern);
    return DECIMAL_SAMPLES.every((x) => re.test(x)) && !re.test('abc');
  } catch {
    return false;
  }
}

/**
 * Finds the tag of a tagged object. schemars writes the component DTO flat (one `kind` enum and
 * every kind's fields side by side); which fields a kind uses is said in each field's description,
 * either as a closing parenthesis ("Rate table (commission).", "What 100% pays (bonus, MBO).") or
 * as a leading "Weighted: parts.". Those words are matched against the tag's values, so the form
 * knows which fields to offer and which to drop when the tag changes.
 *
 * @param {SchemaNode} node
 * @returns {Variant | null}
 */
function variantOf(node) {
  for (const tag of node.required ?? []) {
    const tf = node.fields?.get(tag);
    if (!tf || tf.node.type !== 'enum') continue;
    const values = new Map((tf.node.options ?? []).map((o) => [String(o.value).toLowerCase(), String(o.value)]));
    /** @type {Map<string, Set<string>>} */
    const only = new Map();
    for (const [k, f] of node.fields ?? []) {
      if (k === tag) continue;
      const m = /^(\w+):/.exec(f.description) ?? /\(([^)]*)\)\.?\s*$/.exec(f.description);
      if (!m) continue;
      const words = m[1].split(';')[0].split(/[^A-Za-z]+/).filter(Boolean).map((w) => w.toLowerCase());
      if (!values.has(words[0])) continue;
      only.set(k, new Set(words.filter((w) => values.has(w)).map((w) => /** @type {string} */ (values.get(w)))));
    }
    if (only.size > 0) return { tag, only };
  }
  return null;
}

/**
 * A fresh value for a newly added field or item: required properties only, decimals "0".
 *
 * @param {SchemaNode} node
 * @returns {unknown}
 */
export function blankValue(node) {
  switch (node.type) {
    case 'object': {
      /** @type {Record<string, unknown>} */
      const o = {};
      for (const k of node.required ?? []) {
        const f = node.fields?.get(k);
        if (f) o[k] = blankValue(f.node);
      }
      return o;
    }
    case 'array': return [];
    case 'enum': return node.options?.[0]?.value ?? '';
    case 'const': return node.constValue;
    case 'decimal': return '0';
    case 'integer': case 'number': return 0;
    case 'boolean': return false;
    default: return '';
  }
}

/** Scalar types render as one input. @param {SchemaNode} node */
export function isScalar(node) {
  return node.type !== 'object' && node.type !== 'array' && node.type !== 'any';
}

/**
 * "rateTable" → "Rate table", "payeeId" → "Payee ID".
 *
 * @param {string} key
 */
export function humanise(key) {
  const words = String(key).replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().split(/\s+/);
  return words
    .map((w, i) => {
      const lower = w.toLowerCase();
      if (lower === 'id') return 'ID';
      return i === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
    })
    .join(' ');
}

/** "Tiers" → "Tier", "Territories" → "Territory". @param {string} label */
export function singular(label) {
  if (/ies$/.test(label)) return label.replace(/ies$/, 'y');
  if (/[^s]s$/.test(label)) return label.slice(0, -1);
  return label;
}

/** @param {Tokens} tokens */
export function pathString(tokens) {
  let s = '';
  for (const t of tokens) s += typeof t === 'number' ? `[${t}]` : s ? `.${t}` : t;
  return s;
}

/**
 * The path one level up: `a.b[2]` → `a.b` → `a` → '' (the root) → null.
 *
 * @param {string} path
 * @returns {string | null}
 */
export function parentPath(path) {
  if (path === '') return null;
  const m = /(\[\d+\]|\.[^.[\]]*)$/.exec(path);
  return m ? path.slice(0, m.index) : '';
}

/** @param {unknown} v @returns {v is Record<string, unknown>} */
export function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** @param {unknown} root @param {Tokens} tokens */
export function getIn(root, tokens) {
  /** @type {any} */
  let v = root;
  for (const t of tokens) {
    if (v === null || typeof v !== 'object') return undefined;
    v = v[t];
  }
  return v;
}

/**
 * Sets a value inside `root` (mutating it), creating missing objects and arrays on the way.
 *
 * @param {any} root
 * @param {Tokens} tokens
 * @param {unknown} value
 */
export function setIn(root, tokens, value) {
  let v = root;
  for (let i = 0; i < tokens.length - 1; i += 1) {
    const t = tokens[i];
    if (v[t] === null || typeof v[t] !== 'object') v[t] = typeof tokens[i + 1] === 'number' ? [] : {};
    v = v[t];
  }
  v[tokens[tokens.length - 1]] = value;
}

/**
 * What decides the DOM: keys present (in order), list lengths, tag values, and values the form
 * shows read-only. Two values with the same shape differ only in what inputs show.
 *
 * @param {Field} f @param {unknown} v
 * @returns {string}
 */
export function shapeOf(f, v) {
  const n = f.node;
  if (v === undefined) return '';
  if (n.type === 'object') {
    if (!isObject(v)) return v === null ? 'n' : `x${JSON.stringify(v)}`;
    let s = n.variant ? `{#${String(v[n.variant.tag])};` : '{';
    for (const k of Object.keys(v)) {
      const cf = n.fields?.get(k);
      s += `${JSON.stringify(k)}:${cf ? shapeOf(cf, v[k]) : `u${JSON.stringify(v[k])}`},`;
    }
    return `${s}}`;
  }
  if (n.type === 'array') {
    if (!Array.isArray(v)) return v === null ? 'n' : `x${JSON.stringify(v)}`;
    const items = /** @type {Field} */ (n.items);
    return `[${v.map((x) => shapeOf(items, x)).join(',')}]`;
  }
  if (n.type === 'any') return `u${JSON.stringify(v)}`;
  return v !== null && typeof v === 'object' ? `x${JSON.stringify(v)}` : 's';
}

/** A collapsible section: this many properties, one of them not a scalar. @param {SchemaNode} node */
export function isBig(node) {
  const fields = node.fields;
  return node.type === 'object' && !!fields && fields.size >= 4 && [...fields.values()].some((f) => !isScalar(f.node));
}

/** Text typed → JSON value: empty is null where null is allowed; integers become numbers. @param {Field} f @param {string} text */
export function parseText(f, text) {
  if (text === '' && f.nullable) return null;
  const t = text.trim();
  if (f.node.type === 'integer' && /^-?\d{1,15}$/.test(t)) return Number(t);
  if (f.node.type === 'number' && /^-?\d{1,15}(\.\d+)?$/.test(t)) return Number(t);
  return text;
}

/** @param {unknown} v */
export function display(v) {
  return v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v);
}

/** The summary of an array item: its name, label or id, and its tag. @param {unknown} v @param {Field} f */
export function subtitle(v, f) {
  if (!isObject(v)) return '';
  const name = [v.name, v.label, v.id].find((x) => typeof x === 'string' && x !== '');
  const tag = f.node.variant ? v[f.node.variant.tag] : undefined;
  return [name ? ` · ${name}` : '', typeof tag === 'string' ? ` (${tag})` : ''].join('');
}

/** @param {unknown} v */
export function short(v) {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

/** @param {string} s */
export const oneLine = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

/** @param {string} s */
export const letters = (s) => s.toLowerCase().replace(/[^a-z]/g, '');

/** A description worth showing: not just the label again ("Weight."). @param {string} description @param {string} label */
export const usefulHelp = (description, label) => (letters(description ?? '') === letters(label) ? '' : oneLine(description));

/** "Tier 2" → "tier 2", "ID" stays. @param {string} s */
export const lc = (s) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
