//! JSON Schema (draft 2020-12, as schemars writes it) to TypeScript declarations.
//!
//! The subset schemars produces for serde types is covered: `$ref` to `$defs`, `const`, `enum`,
//! `oneOf`/`anyOf` (unions), `allOf` (intersections), `type` (one or a list), arrays with
//! `items` or `prefixItems` (tuples), objects with `properties`/`required` (interfaces, optional
//! members as `?:`) and `additionalProperties` (index signatures), `format: "date"` strings
//! (`DateString`), and `description` (doc comments). A property that may be `null` becomes
//! `T | null`. Anything else is an error naming the schema, so an unsupported construct fails
//! the generator instead of becoming `unknown`.

use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Names a `$defs` entry in TypeScript.
pub trait Names {
    /// The TypeScript name of definition `def`.
    fn name(&self, def: &str) -> Result<String, String>;
}

impl Names for BTreeMap<String, String> {
    fn name(&self, def: &str) -> Result<String, String> {
        self.get(def).cloned().ok_or_else(|| format!("no TypeScript name for the definition {def:?}"))
    }
}

/// The definition a `$ref` points to (`#/$defs/NAME`).
pub fn ref_target(s: &Value) -> Option<&str> {
    s.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/$defs/"))
}

/// One exported declaration: `export interface NAME …` or `export type NAME = …`.
pub fn declaration(name: &str, s: &Value, names: &dyn Names) -> Result<String, String> {
    let mut out = doc(description(s).as_deref(), &variant_docs(s), 0);
    match s {
        Value::Object(o) if o.contains_key("properties") && !has_union(o) => {
            let extends = match ref_target(s) {
                Some(base) => format!(" extends {}", names.name(base)?),
                None => String::new(),
            };
            out.push_str(&format!("export interface {name}{extends} {}\n", members(o, names, 0)?));
        }
        _ => {
            let t = ty(s, names, 0)?;
            // `DateString` itself: a `format: "date"` string, which `ty` names `DateString`.
            let t = if t == name { "string".to_string() } else { t };
            out.push_str(&format!("export type {name} = {t};\n"));
        }
    }
    Ok(out)
}

fn has_union(o: &Map<String, Value>) -> bool {
    o.contains_key("oneOf") || o.contains_key("anyOf") || o.contains_key("allOf")
}

fn description(s: &Value) -> Option<String> {
    s.get("description").and_then(Value::as_str).map(str::to_string)
}

/// For a union of documented constants (a Rust enum): one "- `value`: doc" line per variant.
fn variant_docs(s: &Value) -> Vec<String> {
    let Some(variants) = s.get("oneOf").and_then(Value::as_array) else { return Vec::new() };
    variants
        .iter()
        .filter_map(|v| {
            let value = v.get("const")?;
            let text = v.get("description").and_then(Value::as_str)?;
            Some(format!("- `{value}`: {}", text.replace('\n', " ")))
        })
        .collect()
}

/// A `/** … */` comment (empty when there is nothing to say).
fn doc(text: Option<&str>, extra: &[String], indent: usize) -> String {
    let mut lines: Vec<String> = text.map(|t| t.lines().map(str::to_string).collect()).unwrap_or_default();
    if !extra.is_empty() && !lines.is_empty() {
        lines.push(String::new());
    }
    lines.extend(extra.iter().cloned());
    let lines: Vec<String> = lines.iter().map(|l| l.trim_end().replace("*/", "*\\/")).collect();
    let pad = " ".repeat(indent);
    match lines.as_slice() {
        [] => String::new(),
        [one] => format!("{pad}/** {one} */\n"),
        many => {
            let mut out = format!("{pad}/**\n");
            for l in many {
                if l.is_empty() {
                    out.push_str(&format!("{pad} *\n"));
                } else {
                    out.push_str(&format!("{pad} * {l}\n"));
                }
            }
            out.push_str(&format!("{pad} */\n"));
            out
        }
    }
}

/// `{ members }` of an object schema, one documented member per line.
fn members(o: &Map<String, Value>, names: &dyn Names, indent: usize) -> Result<String, String> {
    let required: Vec<&str> = o
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let props = o.get("properties").and_then(Value::as_object).cloned().unwrap_or_default();
    let inner = indent + 2;
    let mut out = String::from("{\n");
    for (key, schema) in &props {
        out.push_str(&doc(description(schema).as_deref(), &[], inner));
        let optional = if required.contains(&key.as_str()) { "" } else { "?" };
        out.push_str(&format!(
            "{}{}{optional}: {};\n",
            " ".repeat(inner),
            property_name(key),
            ty(schema, names, inner)?
        ));
    }
    match o.get("additionalProperties") {
        None | Some(Value::Bool(false)) => {}
        Some(Value::Bool(true)) if !props.is_empty() => {}
        Some(extra) => {
            if !props.is_empty() {
                return Err(format!("an object with both properties and a map of other keys: {}", short(o)));
            }
            let value = if extra == &Value::Bool(true) { "unknown".to_string() } else { ty(extra, names, inner)? };
            // A map alone reads best on one line.
            return Ok(format!("{{ [key: string]: {value} }}"));
        }
    }
    out.push_str(&format!("{}}}", " ".repeat(indent)));
    Ok(out)
}

fn property_name(key: &str) -> String {
    let plain = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if plain {
        key.to_string()
    } else {
        literal(&Value::String(key.to_string()))
    }
}

fn literal(v: &Value) -> String {
    v.to_string()
}

fn short(o: &Map<String, Value>) -> String {
    let text = Value::Object(o.clone()).to_string();
    text.chars().take(200).collect()
}

/// A type expression for a schema.
pub fn ty(s: &Value, names: &dyn Names, indent: usize) -> Result<String, String> {
    let o = match s {
        Value::Bool(true) => return Ok("unknown".into()),
        Value::Bool(false) => return Ok("never".into()),
        Value::Object(o) => o,
        other => return Err(format!("not a schema: {other}")),
    };
    if let Some(target) = ref_target(s) {
        if o.contains_key("properties") {
            // `$ref` plus members: the referenced type with more (or narrower) members.
            return Ok(format!("{} & {}", names.name(target)?, members(o, names, indent)?));
        }
        return names.name(target);
    }
    if let Some(c) = o.get("const") {
        return Ok(literal(c));
    }
    if let Some(values) = o.get("enum").and_then(Value::as_array) {
        return Ok(union(values.iter().map(literal).collect()));
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(parts) = o.get(key).and_then(Value::as_array) {
            let rest = without(o, key);
            let alternatives = union(parts.iter().map(|p| ty(p, names, indent)).collect::<Result<_, _>>()?);
            return Ok(match rest {
                Some(base) => format!("{} & ({alternatives})", ty(&base, names, indent)?),
                None => alternatives,
            });
        }
    }
    if let Some(parts) = o.get("allOf").and_then(Value::as_array) {
        let all: Vec<String> =
            parts.iter().map(|p| ty(p, names, indent).map(|t| paren(&t))).collect::<Result<_, _>>()?;
        return Ok(all.join(" & "));
    }
    match o.get("type") {
        Some(Value::String(t)) => single(t, o, names, indent),
        Some(Value::Array(types)) => {
            let all = types
                .iter()
                .map(|t| t.as_str().ok_or_else(|| format!("a type list with a non-string: {}", short(o))))
                .map(|t| t.and_then(|t| single(t, o, names, indent)))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(union(all))
        }
        None if o.contains_key("properties") => members(o, names, indent),
        // Only annotations: any JSON value (a `serde_json::Value` field the engine carries unread).
        None if o.keys().all(|k| matches!(k.as_str(), "description" | "title" | "default" | "examples")) => {
            Ok("unknown".into())
        }
        _ => Err(format!("a schema the TypeScript generator does not know: {}", short(o))),
    }
}

/// Keywords that describe a value without constraining it.
const ANNOTATIONS: [&str; 6] = ["description", "default", "examples", "title", "deprecated", "format"];

/// The schema minus `key` and annotations, or `None` when nothing that constrains is left.
fn without(o: &Map<String, Value>, key: &str) -> Option<Value> {
    let rest: Map<String, Value> = o
        .iter()
        .filter(|(k, _)| k.as_str() != key && !ANNOTATIONS.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if rest.is_empty() {
        None
    } else {
        Some(Value::Object(rest))
    }
}

fn single(t: &str, o: &Map<String, Value>, names: &dyn Names, indent: usize) -> Result<String, String> {
    Ok(match t {
        "string" if o.get("format").and_then(Value::as_str) == Some("date") => "DateString".into(),
        "string" => "string".into(),
        "integer" | "number" => "number".into(),
        "boolean" => "boolean".into(),
        "null" => "null".into(),
        "array" => {
            if let Some(items) = o.get("prefixItems").and_then(Value::as_array) {
                let all: Vec<String> = items.iter().map(|i| ty(i, names, indent)).collect::<Result<_, _>>()?;
                format!("[{}]", all.join(", "))
            } else {
                match o.get("items") {
                    Some(items) => format!("{}[]", paren(&ty(items, names, indent)?)),
                    None => "unknown[]".into(),
                }
            }
        }
        "object" => members(o, names, indent)?,
        other => return Err(format!("unknown JSON type {other:?}")),
    })
}

/// Parenthesized when it is a union or intersection, so `[]` and `&` bind to the whole.
fn paren(t: &str) -> String {
    let top_level = {
        let mut depth = 0i32;
        let mut found = false;
        for c in t.chars() {
            match c {
                '{' | '(' | '[' => depth += 1,
                '}' | ')' | ']' => depth -= 1,
                '|' | '&' if depth == 0 => found = true,
                _ => {}
            }
        }
        found
    };
    if top_level {
        format!("({t})")
    } else {
        t.to_string()
    }
}

/// `a | b | c`, each alternative once, `null` last.
fn union(parts: Vec<String>) -> String {
    let mut seen: Vec<String> = Vec::new();
    for p in parts {
        if !seen.contains(&p) {
            seen.push(p);
        }
    }
    if let Some(i) = seen.iter().position(|p| p == "null") {
        let null = seen.remove(i);
        seen.push(null);
    }
    seen.join(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn names() -> BTreeMap<String, String> {
        [("TierDto", "TierSpec"), ("Decimal", "DecimalString")]
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn objects_become_interfaces_with_optional_members() {
        let s = json!({
            "description": "A tier.",
            "type": "object",
            "additionalProperties": false,
            "properties": {
                "from": { "$ref": "#/$defs/Decimal", "description": "Lower bound." },
                "to": { "anyOf": [{ "$ref": "#/$defs/Decimal" }, { "type": "null" }] },
                "on": { "type": ["string", "null"], "format": "date" },
                "tags": { "type": "array", "items": { "type": ["string", "null"] } },
                "odd-key": { "type": "integer" }
            },
            "required": ["from"]
        });
        let ts = declaration("TierSpec", &s, &names()).unwrap();
        assert_eq!(
            ts,
            "/** A tier. */\nexport interface TierSpec {\n  /** Lower bound. */\n  from: DecimalString;\n  \"odd-key\"?: number;\n  on?: DateString | null;\n  tags?: (string | null)[];\n  to?: DecimalString | null;\n}\n"
        );
    }

    #[test]
    fn documented_constants_become_a_union_with_a_list() {
        let s = json!({
            "description": "Kind.",
            "oneOf": [
                { "const": "flat", "type": "string", "description": "One rate." },
                { "const": "marginal", "type": "string", "description": "Each band its rate." }
            ]
        });
        let ts = declaration("TierMode", &s, &names()).unwrap();
        assert_eq!(ts, "/**\n * Kind.\n *\n * - `\"flat\"`: One rate.\n * - `\"marginal\"`: Each band its rate.\n */\nexport type TierMode = \"flat\" | \"marginal\";\n");
    }

    #[test]
    fn maps_tuples_and_refs_with_members() {
        let map = json!({ "type": "object", "additionalProperties": { "type": "string" } });
        assert_eq!(ty(&map, &names(), 0).unwrap(), "{ [key: string]: string }");
        let tuple = json!({ "type": "array", "prefixItems": [{ "type": "integer" }, { "type": "string" }] });
        assert_eq!(ty(&tuple, &names(), 0).unwrap(), "[number, string]");
        let root = json!({ "$ref": "#/$defs/TierDto", "properties": { "schemaVersion": { "const": 1 } }, "required": ["schemaVersion"] });
        assert_eq!(
            declaration("X", &root, &names()).unwrap(),
            "export interface X extends TierSpec {\n  schemaVersion: 1;\n}\n"
        );
    }

    #[test]
    fn unknown_constructs_and_names_are_errors() {
        assert!(ty(&json!({ "not": {} }), &names(), 0).is_err());
        assert!(ty(&json!({ "$ref": "#/$defs/Nope" }), &names(), 0).is_err());
    }
}
