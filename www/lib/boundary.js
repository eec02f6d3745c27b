// The JS half of the boundary rule (ARCHITECTURE.md, the binding): an argument of the wrong kind
// is an SpmError with code INVALID_ARGUMENT naming the argument, what was expected and what came.
// Rust checks every argument it receives as a value (src/args.rs). What it cannot check is a
// class argument (`data: Dataset`) and the object a method is called on: wasm-bindgen's glue
// tests those itself before any Rust runs, throwing a plain `Error("expected instance of
// Dataset")`, and hands a freed object's pointer (0) to Rust, which throws "null pointer passed
// to rust". guardClasses() wraps every method, getter and free() of a build's classes so those
// cases are refused first, with the same kind of error as Rust's. The loaders apply it to their
// build: www/lib/engine.js (the app), www/components/load.js (the elements).

const GUARDED = Symbol('spm-engine guarded');

/**
 * The engine objects a call in progress uses (its receiver and class arguments). A getter, a
 * toJSON or a Proxy inside an argument runs while the engine reads that argument; if it calls
 * back into the engine with one of these objects (frees it, changes it), wasm-bindgen throws
 * from inside Rust without releasing its borrow, and the object can never be freed again. Such
 * a call is refused instead.
 */
const inUse = new Set();

/**
 * Runs `call` with the engine objects `used` ([name, object] pairs) marked in use; throws when
 * one of them already is.
 * @template T @param {Array<[string, object]>} used @param {() => T} call @returns {T}
 */
function using(used, call) {
  for (const [name, obj] of used) {
    if (inUse.has(obj)) {
      throw invalidArgument(name, 'is in use by an engine call that has not returned (a getter, toJSON or Proxy of its arguments called back into the engine)', 'read what the engine needs before calling it');
    }
  }
  for (const [, obj] of used) inUse.add(obj);
  try {
    return call();
  } finally {
    for (const [, obj] of used) inUse.delete(obj);
  }
}

/**
 * An SpmError with code INVALID_ARGUMENT: `${name} ${rest}`, one diagnostic at `name`. The same
 * shape as the errors the engine throws (src/lib.rs, to_js_error).
 * @param {string} name @param {string} rest @param {string} hint
 */
export function invalidArgument(name, rest, hint) {
  const err = new Error(`${name} ${rest}`);
  err.name = 'SpmError';
  Object.assign(err, { code: 'INVALID_ARGUMENT', diagnostics: [{ path: name, code: 'INVALID_ARGUMENT', severity: 'error', message: rest, hint }] });
  return err;
}

/**
 * What a value is, for messages, in the words src/args.rs uses: "undefined", "NaN", "a number
 * (42)", "an array", "a freed Dataset", …
 * @param {unknown} v
 */
export function kindOf(v) {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string': return v === '' ? 'an empty string' : 'a string';
    case 'number': return Number.isNaN(v) ? 'NaN' : Number.isFinite(v) ? `a number (${v})` : String(v);
    case 'boolean': return `a boolean (${v})`;
    case 'bigint': return 'a BigInt';
    case 'symbol': return 'a Symbol';
    case 'function': return 'a function';
    default: break;
  }
  if (Array.isArray(v)) return 'an array';
  const ptr = /** @type {any} */ (v).__wbg_ptr;
  if (typeof ptr === 'number') {
    const name = /** @type {any} */ (v).constructor?.name || 'engine object';
    return ptr === 0 ? `a freed ${name}` : `a ${name}`;
  }
  return 'an object';
}

/**
 * Throws unless `v` is a live object of class `cls` (an exported class of the build).
 * @param {unknown} v @param {string} name @param {Function} cls
 */
export function requireInstance(v, name, cls) {
  const expected = `a ${cls.name} (not freed)`;
  if (!(v instanceof cls)) {
    let got = kindOf(v);
    // The same class of another build (an estimator build's PlanEngine given to the app).
    if (got === `a ${cls.name}` || got === `a freed ${cls.name}`) got += ' of another engine build';
    throw invalidArgument(name, `must be ${expected}, got ${got}`, `pass ${expected} of this engine build`);
  }
  const dead = deadObject(v, cls.name);
  if (dead !== null) throw invalidArgument(name, `must be ${expected}, got ${dead}`, 'free() an engine object only when done with it');
}

/**
 * Why an object of an engine class cannot be used, or null when it can: freed (its `__wbg_ptr`
 * is 0), or made without the engine (`Object.create(Dataset.prototype)`: no pointer at all).
 * @param {any} v @param {string} className
 */
function deadObject(v, className) {
  const ptr = v.__wbg_ptr;
  if (ptr === 0) return `a freed ${className}`;
  if (typeof ptr !== 'number' || !(ptr > 0)) return `a ${className} that the engine did not make`;
  return null;
}

/**
 * Throws unless `v` is a plain object (not null, not an array); for options bags.
 * @param {unknown} v @param {string} name @param {string} expected
 */
export function requireObject(v, name, expected) {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || typeof (/** @type {any} */ (v).__wbg_ptr) === 'number') {
    throw invalidArgument(name, `must be ${expected}, got ${kindOf(v)}`, `pass ${expected}`);
  }
}

/**
 * The exported classes of a wasm-bindgen build (a module namespace): name → class.
 * @param {Record<string, unknown>} glue
 * @returns {Map<string, Function>}
 */
export function classesOf(glue) {
  const out = new Map();
  for (const [name, value] of Object.entries(glue)) {
    if (typeof value === 'function' && value.prototype && Object.hasOwn(value.prototype, 'free')) out.set(name, value);
  }
  return out;
}

/**
 * The parameters of a glue method and which of them wasm-bindgen checks as class instances,
 * read from the method's source (`payout(data) { _assertClass(data, Dataset); …`).
 * @param {Function} fn
 * @returns {{ params: string[], classParams: Array<{ index: number, name: string, cls: string }> }}
 */
function signature(fn) {
  const src = Function.prototype.toString.call(fn);
  const list = /^[^(]*\(([^)]*)\)/.exec(src)?.[1] ?? '';
  const params = list.split(',').map((p) => p.trim()).filter(Boolean);
  const classParams = [];
  for (const m of src.matchAll(/_assertClass\((\w+), (\w+)\)/g)) {
    classParams.push({ index: params.indexOf(m[1]), name: m[1], cls: m[2] });
  }
  return { params, classParams };
}

/**
 * Wraps every method, getter and free() of the build's classes (in place, once): the object a
 * method is called on must be a live object of its class, and each class argument a live object
 * of the class wasm-bindgen expects, neither in use by a call that has not returned; free() on
 * a freed object does nothing.
 * @param {Record<string, unknown>} glue The build's module namespace.
 */
export function guardClasses(glue) {
  const classes = classesOf(glue);
  for (const [className, cls] of classes) {
    const proto = cls.prototype;
    if (Object.hasOwn(proto, GUARDED)) continue;
    const receiver = (self, member) => {
      if (!(self instanceof cls)) {
        throw invalidArgument('this', `must be a ${className} (${className}.${member} called on ${kindOf(self)})`, `call ${member} on a ${className}`);
      }
      const dead = deadObject(self, className);
      if (dead !== null) {
        throw invalidArgument('this', `must be a ${className} (not freed), got ${dead} (${className}.${member})`, 'free() an engine object only when done with it');
      }
    };
    // A class the namespace does not export cannot be checked here; the glue still does.
    const classParams = (fn) =>
      signature(fn).classParams.filter(({ index, cls: c }) => index >= 0 && classes.has(c));
    /** Checks the class arguments; returns them as [name, object] pairs. */
    const checked = (params, args) =>
      params.map(({ index, name, cls: c }) => {
        requireInstance(args[index], name, /** @type {Function} */ (classes.get(c)));
        return /** @type {[string, object]} */ ([name, args[index]]);
      });
    // Symbol keys (Symbol.dispose, an alias of free) are rebound after the loop.
    for (const member of Object.getOwnPropertyNames(proto)) {
      if (member === 'constructor' || member.startsWith('__')) continue;
      const desc = Object.getOwnPropertyDescriptor(proto, member);
      if (desc === undefined) continue;
      if (member === 'free') {
        const free = desc.value;
        desc.value = {
          free() {
            if (this instanceof cls && this.__wbg_ptr === 0) return undefined;
            receiver(this, 'free');
            return using([['this', this]], () => free.call(this));
          },
        }.free;
      } else if (typeof desc.value === 'function') {
        const original = desc.value;
        const params = classParams(original);
        desc.value = {
          [member](...args) {
            receiver(this, member);
            return using([['this', this], ...checked(params, args)], () => original.apply(this, args));
          },
        }[member];
      } else if (desc.get !== undefined) {
        const get = desc.get;
        const wrapped = {
          get [member]() {
            receiver(this, member);
            return using([['this', this]], () => get.call(this));
          },
        };
        desc.get = Object.getOwnPropertyDescriptor(wrapped, member)?.get;
      }
      Object.defineProperty(proto, member, desc);
    }
    if (typeof Symbol.dispose === 'symbol' && Object.hasOwn(proto, Symbol.dispose)) {
      Object.defineProperty(proto, Symbol.dispose, { ...Object.getOwnPropertyDescriptor(proto, Symbol.dispose), value: proto.free });
    }
    for (const key of Object.getOwnPropertyNames(cls)) {
      const desc = Object.getOwnPropertyDescriptor(cls, key);
      if (key.startsWith('__') || typeof desc?.value !== 'function' || ['length', 'name', 'prototype'].includes(key)) continue;
      const original = desc.value;
      const params = classParams(original);
      if (params.length === 0) continue;
      desc.value = {
        [key](...args) {
          return using(checked(params, args), () => original.apply(this, args));
        },
      }[key];
      Object.defineProperty(cls, key, desc);
    }
    Object.defineProperty(proto, GUARDED, { value: true });
  }
}
