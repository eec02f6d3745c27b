//! The matching rules of golden expectations, and the canonical JSON text of results. The JS port
//! (`tests/js/golden.mjs`) implements the same rules with the same messages, and both run the
//! cases of `crates/testkit/checker_cases.json`.
//!
//! - **Objects** match as subsets: every key of the expectation must be in the result with a
//!   matching value; keys the expectation does not name are not checked. A key the result lacks
//!   is a mismatch, unless the expected value is `null` (the wire format leaves empty optional
//!   fields out, so `null` says "null or absent").
//! - **Arrays** must have the same length, and element `i` must match element `i`. The one way
//!   to list only some elements: end the expected array with the string `"..."`. Then the result
//!   may have more elements, and each listed element must match a different element of the
//!   result, in any order (each takes the first unused element it matches).
//! - **Strings** are compared exactly: decimal strings are not parsed, because the scale is part
//!   of the wire format (`"1500.00"` and `"1500"` differ); write them as the engine writes them.
//! - **Numbers** are compared as numbers (`2` equals `2.0`), booleans and `null` exactly; a value
//!   of another JSON type is a mismatch.
//!
//! Every message starts with the JSON path of the result it is about (`$.statements[2].total`).

use serde_json::{Number, Value};

/// The string that, as the last element of an expected array, lists only some elements.
pub const MORE: &str = "...";

/// Every mismatch between an expectation and a result, each starting with its path below `$`.
pub fn mismatches(expected: &Value, actual: &Value) -> Vec<String> {
    let mut out = Vec::new();
    compare(expected, actual, "$", &mut out);
    out
}

fn compare(expected: &Value, actual: &Value, path: &str, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let p = format!("{path}.{k}");
                match a.get(k) {
                    Some(av) => compare(ev, av, &p, out),
                    None if ev.is_null() => {}
                    None => out.push(format!("{p}: missing from the result")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            let partial = e.last().and_then(Value::as_str) == Some(MORE);
            let listed = if partial { &e[..e.len() - 1] } else { &e[..] };
            if let Some(i) = listed.iter().position(|v| v.as_str() == Some(MORE)) {
                out.push(format!("{path}[{i}]: \"{MORE}\" may only end an array"));
                return;
            }
            if partial {
                some_elements(listed, a, path, out);
            } else if e.len() != a.len() {
                out.push(format!("{path}: expected {}, found {}", elements(e.len()), a.len()));
            } else {
                for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                    compare(ev, av, &format!("{path}[{i}]"), out);
                }
            }
        }
        (Value::Number(e), Value::Number(a)) if e.as_f64() == a.as_f64() => {}
        (Value::String(_), Value::String(_)) | (Value::Bool(_), Value::Bool(_)) | (Value::Null, Value::Null)
            if expected == actual => {}
        _ => out.push(format!("{path}: expected {}, found {}", describe(expected), describe(actual))),
    }
}

/// The listed elements of a partial array, each matched to a different element of the result.
fn some_elements(listed: &[Value], actual: &[Value], path: &str, out: &mut Vec<String>) {
    if actual.len() < listed.len() {
        out.push(format!("{path}: expected at least {}, found {}", elements(listed.len()), actual.len()));
        return;
    }
    let mut used = vec![false; actual.len()];
    for (i, ev) in listed.iter().enumerate() {
        let mut nearest: Option<(usize, Vec<String>)> = None;
        let mut found = false;
        for (j, av) in actual.iter().enumerate().filter(|(j, _)| !used[*j]) {
            let mut m = Vec::new();
            compare(ev, av, &format!("{path}[{j}]"), &mut m);
            if m.is_empty() {
                used[j] = true;
                found = true;
                break;
            }
            if nearest.as_ref().is_none_or(|(_, best)| m.len() < best.len()) {
                nearest = Some((j, m));
            }
        }
        if found {
            continue;
        }
        match nearest {
            Some((j, m)) => {
                out.push(format!("{path}: no element matches listed element {i}; the nearest is [{j}]:"));
                out.extend(m);
            }
            None => out.push(format!("{path}: no element is left for listed element {i}")),
        }
    }
}

fn elements(n: usize) -> String {
    if n == 1 {
        "1 element".to_string()
    } else {
        format!("{n} elements")
    }
}

/// A value in a message: scalars as canonical JSON, arrays and objects by their kind.
fn describe(v: &Value) -> String {
    match v {
        Value::Array(a) => format!("an array of {}", elements(a.len())),
        Value::Object(_) => "an object".to_string(),
        _ => canonical(v),
    }
}

/// The canonical JSON text of a value, the same as `canonical` in `tests/js/golden.mjs` writes
/// for the same value in JS: no whitespace, object keys sorted, strings escaped as
/// `JSON.stringify` and serde_json both escape them, numbers written as JS writes them
/// (`2.0` as `2`, `1e21` as `1e+21`). Native and wasm results are compared in this form.
pub fn canonical(v: &Value) -> String {
    let mut out = String::new();
    write(v, &mut out);
    out
}

fn write(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&js_number(n)),
        Value::String(s) => out.push_str(&Value::String(s.clone()).to_string()),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(x, out);
            }
            out.push(']');
        }
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write(&m[k], out);
            }
            out.push('}');
        }
    }
}

/// A number as JS's `Number.prototype.toString` writes it (ECMA-262 Number::toString): the
/// shortest digits that read back to the same `f64`, in plain notation from 1e-6 up to 1e21.
fn js_number(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    let f = n.as_f64().unwrap_or(f64::NAN);
    if !f.is_finite() {
        return "null".to_string();
    }
    if f == 0.0 {
        return "0".to_string();
    }
    // Rust's `{:e}` writes the shortest round-trip digits: "1.5e-7", "1e21", "1.2345e4".
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let k = digits.len() as i64;
    let n = exp.parse::<i64>().unwrap_or(0) + 1;
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let e = n - 1;
        let sign = if e < 0 { '-' } else { '+' };
        match digits.split_at(1) {
            (first, "") => format!("{first}e{sign}{}", e.abs()),
            (first, rest) => format!("{first}.{rest}e{sign}{}", e.abs()),
        }
    };
    if f < 0.0 {
        format!("-{body}")
    } else {
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    /// A case of `checker_cases.json`, which the JS port's self-test runs too.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Case {
        name: String,
        expect: Value,
        actual: Value,
        messages: Vec<String>,
    }

    #[test]
    fn the_shared_cases_give_their_messages() {
        let cases: Vec<Case> = serde_json::from_str(include_str!("../checker_cases.json")).unwrap();
        assert!(cases.len() >= 10);
        for c in &cases {
            assert_eq!(mismatches(&c.expect, &c.actual), c.messages, "case {:?}", c.name);
        }
        for name in ["a wrong length", "a wrong period", "a missing warning"] {
            let c = cases.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no case {name:?}"));
            assert!(!c.messages.is_empty(), "{name} must be rejected");
        }
    }

    #[test]
    fn numbers_are_written_as_js_writes_them() {
        let cases = [
            (json!(0), "0"),
            (json!(-0.0), "0"),
            (json!(2.0), "2"),
            (json!(-17), "-17"),
            (json!(u64::MAX), "18446744073709551615"),
            (json!(0.1), "0.1"),
            (json!(123.456), "123.456"),
            (json!(-1.5), "-1.5"),
            (json!(0.000001), "0.000001"),
            (json!(1e-7), "1e-7"),
            (json!(1.25e-9), "1.25e-9"),
            (json!(1e20), "100000000000000000000"),
            (json!(1e21), "1e+21"),
            (json!(1.5e300), "1.5e+300"),
            (json!(0.30000000000000004), "0.30000000000000004"),
        ];
        for (v, want) in cases {
            assert_eq!(canonical(&v), want, "{v:?}");
        }
        assert_eq!(
            canonical(&json!({"b": [1, "x\n\"é"], "a": null, "c": {"z": true, "y": 2.5}})),
            r#"{"a":null,"b":[1,"x\n\"é"],"c":{"y":2.5,"z":true}}"#
        );
    }
}
