//! Arguments from JS, checked before any work. Every export takes its arguments as `JsValue`
//! (typed for TypeScript with `unchecked_param_type`) and reads them through these functions, so
//! an argument of the wrong kind is an `SpmError` with code `INVALID_ARGUMENT` naming the argument,
//! what was expected and what came (`transactionsCsv must be a string (CSV text), got an
//! object`).
//!
//! Why not `&str`, `u32` or `Option<bool>` parameters: wasm-bindgen's generated glue converts
//! those without looking. A `&str` given an object or a number reads `arg.length` as
//! `undefined`, allocates and writes at a NaN offset and traps the module (`RuntimeError:
//! memory access out of bounds`); a number parameter given `"abc"` or `NaN` becomes 0 and an
//! `Option<bool>` given `"no"` becomes `true`, silently. Class parameters (`&Dataset`) keep
//! wasm-bindgen's own conversion: www/lib/boundary.js checks them, and the receiver, before the
//! glue runs (see ARCHITECTURE.md, the binding's section).

// The element and generator builds use part of this module; the app build uses all of it.
#![cfg_attr(not(feature = "app"), allow(dead_code))]

use crate::walk;
use spm_base::error::{Code, Diagnostic, Error};
use wasm_bindgen::prelude::*;

/// The JSON shape a document argument takes when it is not text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A plain object (not an array).
    Object,
    /// An array.
    Array,
    /// An object or an array.
    Either,
}

/// An `INVALID_ARGUMENT` error: "`name` must be `expected`, got `kind of v`", located at `name`.
pub(crate) fn invalid(name: &str, expected: &str, v: &JsValue) -> Error {
    let got = kind(v);
    invalid_with(name, format!("must be {expected}, got {got}"), format!("pass {expected}"))
}

/// An `INVALID_ARGUMENT` error at `name` whose message is `name` followed by `rest`.
pub(crate) fn invalid_with(name: &str, rest: String, hint: String) -> Error {
    Error {
        code: Code::InvalidArgument,
        message: format!("{name} {rest}"),
        diagnostics: vec![Diagnostic::error(name, Code::InvalidArgument, rest, hint)],
    }
}

/// A string argument (`expected` describes it: "a string (CSV text)").
///
/// # Errors
/// `INVALID_ARGUMENT` for anything but a string.
pub(crate) fn text(v: &JsValue, name: &str, expected: &str) -> Result<String, JsValue> {
    v.as_string().ok_or_else(|| crate::to_js_error(invalid(name, expected, v)))
}

/// A string argument that may be left out: `undefined` and `null` are `None`.
///
/// # Errors
/// `INVALID_ARGUMENT` for anything else but a string.
pub(crate) fn opt_text(v: &JsValue, name: &str, expected: &str) -> Result<Option<String>, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    text(v, name, expected).map(Some)
}

/// A boolean argument that may be left out: `undefined` and `null` are `None`.
///
/// # Errors
/// `INVALID_ARGUMENT` for anything else but `true` or `false`.
pub(crate) fn opt_flag(v: &JsValue, name: &str) -> Result<Option<bool>, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_bool().map(Some).ok_or_else(|| crate::to_js_error(invalid(name, "true or false", v)))
}

/// A count: a whole JS number from 0 to `max`.
///
/// # Errors
/// `INVALID_ARGUMENT` for anything else (a string, `NaN`, a fraction, a negative number, a
/// number above `max`, a BigInt).
pub(crate) fn count(v: &JsValue, name: &str, max: usize) -> Result<usize, JsValue> {
    let expected = format!("a whole number from 0 to {max}");
    match v.as_f64() {
        // `n <= max` before the cast: a float above usize::MAX would saturate.
        Some(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= max as f64 => Ok(n as usize),
        _ => Err(crate::to_js_error(invalid(name, &expected, v))),
    }
}

/// A seed: a whole JS number from 0 to 2^53 − 1, or a BigInt from 0 to 2^64 − 1.
///
/// # Errors
/// `INVALID_ARGUMENT` for anything else.
pub(crate) fn seed(v: &JsValue, name: &str) -> Result<u64, JsValue> {
    use wasm_bindgen::convert::TryFromJsValue;
    const SAFE: f64 = 9_007_199_254_740_991.0;
    if v.is_bigint() {
        if let Some(n) = u64::try_from_js_value_ref(v) {
            return Ok(n);
        }
    } else if let Some(n) = v.as_f64() {
        if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= SAFE {
            return Ok(n as u64);
        }
    }
    Err(crate::to_js_error(invalid(name, "a whole number from 0 to 2^53 - 1, or a BigInt from 0 to 2^64 - 1", v)))
}

/// An array of strings.
///
/// # Errors
/// `INVALID_ARGUMENT` for anything but an array, or an array with an item that is not a string
/// (located at `name[i]`).
pub(crate) fn texts(v: &JsValue, name: &str) -> Result<Vec<String>, JsValue> {
    let expected = "an array of strings";
    if !walk::is_array(v).unwrap_or(false) {
        return Err(crate::to_js_error(invalid(name, expected, v)));
    }
    let len = walk::array_length(v)
        .map_err(|e| crate::to_js_error(invalid_with(name, format!("is {e}"), expected.into())))?;
    let mut out = Vec::with_capacity(len.min(1 << 16));
    for i in 0..len {
        let item = js_sys::Reflect::get_u32(v, i as u32).unwrap_or(JsValue::UNDEFINED);
        match item.as_string() {
            Some(s) => out.push(s),
            None => return Err(crate::to_js_error(invalid(&format!("{name}[{i}]"), "a string", &item))),
        }
    }
    Ok(out)
}

/// Bytes from a `Uint8Array` (a Node `Buffer` is one), copied into wasm memory.
///
/// # Errors
/// `INVALID_ARGUMENT` for anything else.
pub(crate) fn bytes(v: &JsValue, name: &str) -> Result<Vec<u8>, JsValue> {
    match v.dyn_ref::<js_sys::Uint8Array>() {
        Some(a) => Ok(a.to_vec()),
        None => Err(crate::to_js_error(invalid(name, "a Uint8Array (the file's bytes)", v))),
    }
}

/// A document: JSON text as it is, or an object or array (as `shape` allows) made JSON text
/// by `JSON.stringify` after `walk::check` has refused what JSON cannot hold.
///
/// # Errors
/// `INVALID_ARGUMENT` for another kind of value (`undefined`, a number, an engine object, …),
/// and the problems `walk::check` finds.
pub(crate) fn document(v: &JsValue, name: &str, shape: Shape, expected: &str) -> Result<String, JsValue> {
    document_text(v, name, shape, expected).map_err(crate::to_js_error)
}

/// A document that may be left out: `undefined` and `null` are `None`.
///
/// # Errors
/// As `document`.
pub(crate) fn opt_document(v: &JsValue, name: &str, shape: Shape, expected: &str) -> Result<Option<String>, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    document(v, name, shape, expected).map(Some)
}

/// `document` with the engine's error, for `validatePlan`, which returns diagnostics.
pub(crate) fn document_text(v: &JsValue, name: &str, shape: Shape, expected: &str) -> Result<String, Error> {
    if let Some(s) = v.as_string() {
        return Ok(s);
    }
    let fits = v.is_object()
        && engine_object(v).is_none()
        && match walk::is_array(v) {
            Ok(array) => match shape {
                Shape::Object => !array,
                Shape::Array => array,
                Shape::Either => true,
            },
            Err(_) => false,
        };
    if !fits {
        return Err(invalid(name, expected, v));
    }
    walk::to_json(v, name)
}

/// An object of an exported class (`class` is its JS name), live: the check the constructor of
/// `PlanSimulation` makes before it hands its arguments to `PlanEngine.simulation`.
///
/// # Errors
/// `INVALID_ARGUMENT` for anything else, or an object that was freed.
pub(crate) fn instance(v: &JsValue, name: &str, class: &str) -> Result<(), JsValue> {
    match engine_object(v) {
        Some((c, true)) if c == class => Ok(()),
        _ => Err(crate::to_js_error(invalid(name, &format!("a {class} (not freed)"), v))),
    }
}

/// What a JS value is, for messages: "undefined", "NaN", "a number (42)", "an object", "a freed
/// Dataset", …
pub(crate) fn kind(v: &JsValue) -> String {
    if v.is_undefined() {
        return "undefined".into();
    }
    if v.is_null() {
        return "null".into();
    }
    if let Some(s) = v.as_string() {
        return if s.is_empty() { "an empty string".into() } else { "a string".into() };
    }
    if let Some(n) = v.as_f64() {
        return if n.is_nan() {
            "NaN".into()
        } else if n.is_infinite() {
            if n > 0.0 {
                "Infinity".into()
            } else {
                "-Infinity".into()
            }
        } else {
            format!("a number ({n})")
        };
    }
    if let Some(b) = v.as_bool() {
        return format!("a boolean ({b})");
    }
    if v.is_bigint() {
        return "a BigInt".into();
    }
    if v.is_symbol() {
        return "a Symbol".into();
    }
    if v.is_function() {
        return "a function".into();
    }
    if let Some((class, live)) = engine_object(v) {
        return if live { format!("a {class}") } else { format!("a freed {class}") };
    }
    if walk::is_array(v).unwrap_or(false) {
        return "an array".into();
    }
    "an object".into()
}

/// The class name of an object of an exported class and whether it is live: wasm-bindgen's
/// objects carry their Rust value's address in `__wbg_ptr`, 0 once freed.
fn engine_object(v: &JsValue) -> Option<(String, bool)> {
    if !v.is_object() {
        return None;
    }
    let ptr = js_sys::Reflect::get(v, &JsValue::from_str("__wbg_ptr")).ok()?.as_f64()?;
    let class = js_sys::Reflect::get(v, &JsValue::from_str("constructor"))
        .and_then(|c| js_sys::Reflect::get(&c, &JsValue::from_str("name")))
        .ok()
        .and_then(|n| n.as_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "engine object".into());
    Some((class, ptr != 0.0))
}
