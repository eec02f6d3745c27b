//! Objects and arrays given as documents, made JSON text. `JSON.stringify` alone would write
//! `NaN` and `±Infinity` as `null` (read as absent), throw on a BigInt or a cycle without saying
//! where, and overflow the stack on very deep nesting. So:
//!
//! - when stringifying succeeds and the text holds a `null` (the only trace those numbers
//!   leave), each null is looked up in the value (`nulls`);
//! - when it fails, the value is walked to find where, with a budget of values and depth.
//!
//! Either way every problem is reported with its path (`components[0].rateTable.tiers[1].rate`):
//!
//! - a non-finite number (`NaN`, `Infinity`, `-Infinity`): `DECIMAL_NOT_STRING`;
//! - a BigInt, and in an array a Symbol, a function or `undefined` (JSON writes those as `null`
//!   there; as an object member they are left out, like `undefined`, and so count as absent):
//!   `INVALID_ARGUMENT`;
//! - nesting deeper than `MAX_JSON_DEPTH` levels, the JSON readers' own limit: `LIMIT_EXCEEDED`,
//!   or `INVALID_ARGUMENT` naming the cycle when an object on the way down contains itself;
//! - an array longer than `MAX_TRANSACTIONS`, the longest list any input may hold:
//!   `LIMIT_EXCEEDED`.
//!
//! Values are read through `Reflect.get` and imports declared `catch`, so a getter or a Proxy
//! that throws becomes an error here instead of unwinding through the engine.

// The element and generator builds use part of this module; the app build uses all of it.
#![cfg_attr(not(feature = "app"), allow(dead_code))]

use crate::args::invalid_with;
use spm_base::error::{Code, Diagnostic, Error};
use spm_base::limits::{MAX_JSON_DEPTH, MAX_TRANSACTIONS};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn array_is_array(v: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = values)]
    fn object_values(v: &JsValue) -> Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(v: &JsValue) -> Result<js_sys::Array, JsValue>;
}

/// The most problems one walk reports; the rest are left for the next try.
const MAX_PROBLEMS: usize = 100;
/// The longest object key a path shows whole; longer ones are cut (a key can be megabytes).
const MAX_KEY_CHARS: usize = 64;
/// Values a walk visits (it runs when stringifying failed, so no text bounds it).
const MAX_VISITS: usize = 10_000_000;

/// `Array.isArray(v)`; `Err` when `v` is a revoked Proxy.
pub(crate) fn is_array(v: &JsValue) -> Result<bool, JsValue> {
    array_is_array(v)
}

/// An array's length, refused above `MAX_TRANSACTIONS`.
///
/// # Errors
/// What the array is ("an array of 5000000000 items, above the limit of …") when it is too
/// long or its length cannot be read.
pub(crate) fn array_length(v: &JsValue) -> Result<usize, String> {
    let len = js_sys::Reflect::get(v, &JsValue::from_str("length"))
        .ok()
        .and_then(|l| l.as_f64())
        .ok_or_else(|| "an array whose length cannot be read".to_string())?;
    if !(0.0..=MAX_TRANSACTIONS as f64).contains(&len) {
        return Err(format!("an array of {len} items, above the limit of {MAX_TRANSACTIONS}"));
    }
    Ok(len as usize)
}

/// The JSON text of an object or array argument called `name`, or every problem found in it.
pub(crate) fn to_json(v: &JsValue, name: &str) -> Result<String, Error> {
    let (text, thrown) = match js_sys::JSON::stringify(v) {
        Ok(s) => (s.as_string(), None),
        Err(e) => (None, Some(e)),
    };
    if let Some(text) = text {
        // Only a `null` in the text can stand for a non-finite number; documents without one
        // (most transactions, scoring events) are not looked at again. With one, the nulls are
        // found in the text and each is looked up in the value (`nulls`): a walk of the whole
        // value costs a crossing of the boundary per value, about twice the load of 100,000
        // payees.
        if !text.contains("null") {
            return Ok(text);
        }
        let problems = crate::nulls::check(&text, v, MAX_PROBLEMS);
        if problems.is_empty() {
            return Ok(text);
        }
        return Err(Error::from_diagnostics(problems.into_iter().map(|p| p.diagnostic(name)).collect()));
    }
    // Stringifying failed (a cycle, a BigInt, a stack overflow, a string too long): the walk
    // finds where. It visits each value and each member JSON leaves out, up to a fixed budget
    // (a DAG that repeats a subtree 2^60 times), after which stringify's own message is
    // reported.
    let mut walker = Walker { problems: Vec::new(), budget: MAX_VISITS, ancestors: Vec::new(), stopped: false };
    walker.value(v, 0);
    if !walker.problems.is_empty() {
        let problems = walker.problems.into_iter().map(|mut p| {
            p.steps.reverse();
            p.diagnostic(name)
        });
        return Err(Error::from_diagnostics(problems.collect()));
    }
    match thrown {
        Some(e) => Err(invalid_with(
            name,
            format!("cannot be written as JSON: {}", message(&e)),
            "pass plain objects, arrays, strings, finite numbers, booleans and null".into(),
        )),
        None => Err(invalid_with(
            name,
            "has no JSON form (its toJSON returned undefined)".into(),
            "pass a plain object or its JSON text".into(),
        )),
    }
}

/// A JS exception's message, or its text.
fn message(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "an exception".into())
}

/// One step of a path.
pub(crate) enum Step {
    Index(u32),
    Key(String),
}

/// What was found where. `steps` run from the argument down (the walk builds them upwards as
/// it unwinds and turns them round at the end).
pub(crate) struct Problem {
    pub(crate) steps: Vec<Step>,
    pub(crate) code: Code,
    pub(crate) message: String,
    pub(crate) hint: &'static str,
    /// For a cycle: the depths of the first object met twice on the way down (`j < k`).
    pub(crate) cycle: Option<(usize, usize)>,
}

impl Problem {
    fn diagnostic(self, name: &str) -> Diagnostic {
        let steps = self.steps;
        let full = path(&steps);
        match self.cycle {
            // The same object at two depths: name the shallowest place the cycle closes.
            Some((first, second)) => {
                let at = path(&steps[..second.min(steps.len())]);
                let again =
                    if first == 0 { "the argument itself".to_string() } else { path(&steps[..first.min(steps.len())]) };
                Diagnostic::error(
                    at,
                    Code::InvalidArgument,
                    format!("{name} contains itself here: this is {again} again (a cycle), which JSON cannot hold"),
                    "pass a tree of plain values; copy what is shared",
                )
            }
            // At the argument itself (stringifying failed on it): the path is its name.
            None if steps.is_empty() => {
                Diagnostic::error(name, self.code, format!("{name} is {}", self.message), self.hint)
            }
            None => Diagnostic::error(full, self.code, format!("{} in {name}", self.message), self.hint),
        }
    }
}

/// `a.b[2].c`, keys cut at `MAX_KEY_CHARS` characters.
fn path(steps: &[Step]) -> String {
    let mut out = String::new();
    for s in steps {
        match s {
            Step::Index(i) => out.push_str(&format!("[{i}]")),
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                if k.chars().count() > MAX_KEY_CHARS {
                    out.extend(k.chars().take(MAX_KEY_CHARS));
                    out.push('…');
                } else {
                    out.push_str(k);
                }
            }
        }
    }
    out
}

/// What JSON cannot hold in a value that is not an object or array, as (code, message, hint);
/// `in_array` when it is an item of an array (where JSON writes `null` for what it would leave
/// out of an object).
pub(crate) fn leaf_problem(v: &JsValue, in_array: bool) -> Option<(Code, String, &'static str)> {
    if let Some(n) = v.as_f64() {
        if n.is_finite() {
            return None;
        }
        let what = if n.is_nan() {
            "NaN"
        } else if n > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        };
        return Some((
            Code::DecimalNotString,
            format!("{what} (JSON has no such number: it would be read as null)"),
            "write decimals as strings (\"0.05\"), and leave out what has no value",
        ));
    }
    if v.is_bigint() {
        return Some((
            Code::InvalidArgument,
            "a BigInt (JSON has no BigInt)".into(),
            "write amounts as decimal strings (\"1250.00\")",
        ));
    }
    if !in_array {
        return None;
    }
    let what = if v.is_symbol() {
        "a Symbol"
    } else if v.is_function() {
        "a function"
    } else if v.is_undefined() {
        "undefined"
    } else {
        return None;
    };
    Some((Code::InvalidArgument, format!("{what} in an array (JSON would write null)"), "leave the item out"))
}

struct Walker {
    problems: Vec<Problem>,
    /// Values left to visit.
    budget: usize,
    /// The objects and arrays from the argument down to the one being walked.
    ancestors: Vec<JsValue>,
    /// Set at the depth limit: nothing deeper or later is walked.
    stopped: bool,
}

impl Walker {
    fn full(&self) -> bool {
        self.problems.len() >= MAX_PROBLEMS || self.budget == 0 || self.stopped
    }

    fn found(&mut self, code: Code, message: String, hint: &'static str) {
        self.problems.push(Problem { steps: Vec::new(), code, message, hint, cycle: None });
    }

    /// Walks `v`, an item of an array when `in_array`, at `depth` containers below the argument.
    fn item(&mut self, v: &JsValue, depth: usize, in_array: bool) {
        self.budget = self.budget.saturating_sub(1);
        if v.is_string() || self.full() {
            return;
        }
        if v.is_object() {
            self.value(v, depth);
        } else if let Some((code, message, hint)) = leaf_problem(v, in_array) {
            self.found(code, message, hint);
        }
    }

    /// Walks an object or array `v` found at `depth`.
    fn value(&mut self, v: &JsValue, depth: usize) {
        if depth >= MAX_JSON_DEPTH {
            // Too deep: a cycle when an object on the way down is met twice, else just deep.
            // Either way the walk stops here.
            self.ancestors.push(v.clone());
            let cycle = (1..self.ancestors.len())
                .find_map(|k| (0..k).find(|&j| self.ancestors[j] == self.ancestors[k]).map(|j| (j, k)));
            self.ancestors.pop();
            self.stopped = true;
            self.problems.push(Problem {
                steps: Vec::new(),
                code: Code::LimitExceeded,
                message: format!("nesting deeper than {MAX_JSON_DEPTH} levels"),
                hint: "flatten the document; JSON readers stop at this depth",
                cycle,
            });
            return;
        }
        self.ancestors.push(v.clone());
        self.children(v, depth);
        self.ancestors.pop();
    }

    /// Walks the items of an array or the members of an object `v` found at `depth`.
    fn children(&mut self, v: &JsValue, depth: usize) {
        let array = match is_array(v) {
            Ok(a) => a,
            Err(e) => {
                return self.found(
                    Code::InvalidArgument,
                    format!("a value that cannot be read ({})", message(&e)),
                    "pass plain objects",
                )
            }
        };
        if array {
            let len = match array_length(v) {
                Ok(n) => n,
                Err(what) => return self.found(Code::LimitExceeded, what, "split the input"),
            };
            for i in 0..len {
                let before = self.problems.len();
                match js_sys::Reflect::get_u32(v, i as u32) {
                    Ok(item) => self.item(&item, depth + 1, true),
                    Err(e) => self.found(
                        Code::InvalidArgument,
                        format!("an item that cannot be read ({})", message(&e)),
                        "pass plain arrays",
                    ),
                }
                self.unwind(before, || Step::Index(i as u32));
                if self.full() {
                    return;
                }
            }
            return;
        }
        // Objects with their own JSON form (a Date) are written by it; not walked.
        if js_sys::Reflect::get(v, &JsValue::from_str("toJSON")).is_ok_and(|f| f.is_function()) {
            return;
        }
        let values = match object_values(v) {
            Ok(values) => values,
            Err(e) => {
                return self.found(
                    Code::InvalidArgument,
                    format!("an object that cannot be read ({})", message(&e)),
                    "pass plain objects",
                )
            }
        };
        let mut keys: Option<js_sys::Array> = None;
        for i in 0..values.length() {
            let before = self.problems.len();
            self.item(&values.get(i), depth + 1, false);
            if self.problems.len() > before {
                let keys = keys.get_or_insert_with(|| object_keys(v).unwrap_or_default());
                let key = keys.get(i).as_string().unwrap_or_else(|| "?".into());
                self.unwind(before, || Step::Key(key.clone()));
            }
            if self.full() {
                return;
            }
        }
    }

    /// Adds this level's step to the problems found below it.
    fn unwind(&mut self, before: usize, step: impl Fn() -> Step) {
        for p in &mut self.problems[before..] {
            p.steps.push(step());
        }
    }
}
