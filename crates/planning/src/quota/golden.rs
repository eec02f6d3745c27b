//! The golden planning scenarios' checker (`tests/planning/*.json`), shared by the native tests
//! and the wasm tests so both compare the same files to the same hand-worked numbers.
//!
//! A scenario is `{ "description", "kind": "quota" | "capacity", "input", "workings": [words],
//! "expected" }`. `expected` is a part of the result: every field it names must be equal in the
//! result; arrays of objects with an `id` are matched by id (and need not list every item),
//! other arrays must be equal item by item.

use serde_json::Value;

/// Checks one scenario's text with `run(kind, input JSON text)`, which returns the result as
/// JSON or an error message. Returns every mismatch (empty when the scenario passes).
pub fn check(text: &str, run: &dyn Fn(&str, &str) -> Result<Value, String>) -> Vec<String> {
    let v: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return vec![format!("the scenario is not JSON: {e}")],
    };
    let kind = v.get("kind").and_then(Value::as_str).unwrap_or("quota");
    if v.get("workings").and_then(Value::as_array).is_none_or(Vec::is_empty) {
        return vec!["the scenario has no workings: work the numbers by hand and write them down".to_string()];
    }
    let Some(input) = v.get("input") else { return vec!["the scenario has no input".to_string()] };
    let Some(expected) = v.get("expected") else { return vec!["the scenario has no expected result".to_string()] };
    match run(kind, &input.to_string()) {
        Ok(actual) => {
            let mut out = Vec::new();
            subset(expected, &actual, "$", &mut out);
            out
        }
        Err(e) => vec![format!("the {kind} plan failed: {e}")],
    }
}

/// Every field of `expected` equals the same field of `actual`.
pub fn subset(expected: &Value, actual: &Value, path: &str, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                match a.get(k) {
                    Some(av) => subset(ev, av, &format!("{path}.{k}"), out),
                    None => out.push(format!("{path}.{k}: missing from the result")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) if by_id(e) => {
            for ev in e {
                let id = ev.get("id");
                match a.iter().find(|av| av.get("id") == id) {
                    Some(av) => {
                        subset(ev, av, &format!("{path}[id={}]", id.map(Value::to_string).unwrap_or_default()), out)
                    }
                    None => {
                        out.push(format!("{path}: no item with id {}", id.map(Value::to_string).unwrap_or_default()))
                    }
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                out.push(format!("{path}: expected {} items, found {}: {}", e.len(), a.len(), actual));
                return;
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                subset(ev, av, &format!("{path}[{i}]"), out);
            }
        }
        _ => {
            if expected != actual {
                out.push(format!("{path}: expected {expected}, found {actual}"));
            }
        }
    }
}

fn by_id(items: &[Value]) -> bool {
    !items.is_empty() && items.iter().all(|x| x.get("id").is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_subset_matches_by_id_and_reports_the_path() {
        let actual = json!({"a": "1", "nodes": [{"id": "x", "q": "2"}, {"id": "y", "q": "3"}], "m": ["1", "2"]});
        let mut out = Vec::new();
        subset(&json!({"nodes": [{"id": "y", "q": "3"}], "m": ["1", "2"]}), &actual, "$", &mut out);
        assert!(out.is_empty(), "{out:?}");
        subset(&json!({"nodes": [{"id": "x", "q": "9"}], "m": ["1"]}), &actual, "$", &mut out);
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(out.iter().any(|m| m.starts_with("$.nodes[id=\"x\"].q: expected \"9\"")), "{out:?}");
        assert!(out.iter().any(|m| m.starts_with("$.m: expected 1 items, found 2")), "{out:?}");
    }
}
