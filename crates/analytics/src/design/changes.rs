//! What changed between two plan documents, path by path: the "lines that changed" a designer
//! reads next to the cost difference. Array items with a string `id` (components, measures,
//! crediting rules) are matched by it, so removing the first component does not show every later
//! one as changed; other arrays (tiers, thresholds) are compared position by position.

use crate::design::dto::PlanChangeDto;
use serde_json::Value;
use spm_base::error::{Code, Error, Result};

/// The changes from `old` to `new` (plan JSON texts), in document order.
///
/// # Errors
/// `JSON_SYNTAX` naming which plan and where.
pub fn plan_changes(old: &str, new: &str) -> Result<Vec<PlanChangeDto>> {
    let parse = |text: &str, which: &str| -> Result<Value> {
        serde_json::from_str(text).map_err(|e| {
            Error::at(
                which,
                Code::JsonSyntax,
                format!("the {which} plan is not JSON: {e}"),
                "export the plan again, or fix it in the JSON view",
            )
        })
    };
    let (a, b) = (parse(old, "old")?, parse(new, "new")?);
    let mut out = Vec::new();
    walk("", &a, &b, &mut out);
    Ok(out)
}

fn compact(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn id_of(v: &Value) -> Option<&str> {
    v.get("id").and_then(Value::as_str)
}

fn walk(path: &str, a: &Value, b: &Value, out: &mut Vec<PlanChangeDto>) {
    let change = |path: String, kind: &str, old: Option<&Value>, new: Option<&Value>| PlanChangeDto {
        path,
        change: kind.to_string(),
        old: old.map(compact),
        new: new.map(compact),
    };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                match y.get(k) {
                    Some(vb) => walk(&join(path, k), va, vb, out),
                    None => out.push(change(join(path, k), "removed", Some(va), None)),
                }
            }
            for (k, vb) in y.iter().filter(|(k, _)| !x.contains_key(*k)) {
                out.push(change(join(path, k), "added", None, Some(vb)));
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            let keyed = |v: &[Value]| {
                let ids: Vec<&str> = v.iter().filter_map(id_of).collect();
                ids.len() == v.len() && (1..ids.len()).all(|i| !ids[..i].contains(&ids[i]))
            };
            if keyed(x) && keyed(y) && !(x.is_empty() && y.is_empty()) {
                for va in x {
                    let id = id_of(va).unwrap_or_default();
                    let p = format!("{path}[{id}]");
                    match y.iter().find(|vb| id_of(vb) == Some(id)) {
                        Some(vb) => walk(&p, va, vb, out),
                        None => out.push(change(p, "removed", Some(va), None)),
                    }
                }
                for vb in y.iter().filter(|vb| !x.iter().any(|va| id_of(va) == id_of(vb))) {
                    out.push(change(format!("{path}[{}]", id_of(vb).unwrap_or_default()), "added", None, Some(vb)));
                }
            } else {
                for (i, (va, vb)) in x.iter().zip(y.iter()).enumerate() {
                    walk(&format!("{path}[{i}]"), va, vb, out);
                }
                for (i, va) in x.iter().enumerate().skip(y.len()) {
                    out.push(change(format!("{path}[{i}]"), "removed", Some(va), None));
                }
                for (i, vb) in y.iter().enumerate().skip(x.len()) {
                    out.push(change(format!("{path}[{i}]"), "added", None, Some(vb)));
                }
            }
        }
        _ if a == b => {}
        _ => out.push(change(path.to_string(), "changed", Some(a), Some(b))),
    }
}
