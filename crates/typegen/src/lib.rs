//! spm-typegen: the TypeScript declarations of the JS API (`src/generated/types.ts`), made from
//! the same source as the JSON Schema of the plan format: the schemars derives on the DTOs.
//!
//! Two schema generators run over the types that cross the JS boundary (`roots`): inputs as serde
//! reads them (a field with a default is optional) and results as serde writes them (a field is
//! optional only when it is skipped when empty). `ts` turns their `$defs` into one `interface` or
//! `type` per definition, named by the rules in `roots`, in the order the roots list them, each
//! followed by what it uses. The root package includes the file in the wasm-bindgen `.d.ts`, and
//! the exported functions name its types in `unchecked_param_type`/`unchecked_return_type`.
//!
//! Regenerate with `cargo run -p spm-typegen`; `tests/generated.rs` fails while the checked-in
//! file differs from what this crate produces.

pub mod roots;
pub mod ts;

use roots::{Root, Side};
use schemars::generate::SchemaSettings;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use ts::Names as _;

/// The generated file, relative to the workspace root.
pub const OUTPUT: &str = "src/generated/types.ts";

/// The command that rewrites [`OUTPUT`].
pub const COMMAND: &str = "cargo run -p spm-typegen";

/// The definitions of one side, their TypeScript names, and the roots in order.
struct Defs {
    defs: BTreeMap<String, Value>,
    names: BTreeMap<String, String>,
    roots: Vec<String>,
}

fn definitions(side: Side) -> Result<Defs, String> {
    let settings = match side {
        Side::Input => SchemaSettings::draft2020_12().for_deserialize(),
        Side::Output => SchemaSettings::draft2020_12().for_serialize(),
    };
    let mut generator = settings.into_generator();
    let mut roots = Vec::new();
    let mut explicit: BTreeMap<String, String> = BTreeMap::new();
    let mut documents: BTreeMap<String, Value> = BTreeMap::new();
    for Root { name, add } in roots::PRELUDE.iter().chain(roots::roots(side)) {
        let schema = add(&mut generator).to_value();
        let bare_ref = schema.as_object().is_some_and(|o| o.len() == 1);
        let def = match ts::ref_target(&schema) {
            Some(target) if bare_ref => target.to_string(),
            // A schema of its own (the plan document): declared under the root's name.
            _ => {
                documents.insert(name.to_string(), schema);
                name.to_string()
            }
        };
        if let Some(other) = explicit.insert(def.clone(), name.to_string()) {
            return Err(format!("the definition {def} is the root of both {other} and {name}"));
        }
        roots.push(def);
    }
    let mut defs: BTreeMap<String, Value> = generator.take_definitions(true).into_iter().collect();
    for (name, schema) in documents {
        if defs.insert(name.clone(), schema).is_some() {
            return Err(format!("the root {name} has the name of a definition"));
        }
    }
    let mut names = BTreeMap::new();
    for (def, schema) in &defs {
        let name = match explicit.get(def) {
            Some(n) => n.clone(),
            None => roots::default_name(def, schema, side)?,
        };
        names.insert(def.clone(), name);
    }
    Ok(Defs { defs, names, roots })
}

/// Every `$ref` target in a schema, in reading order.
fn references(s: &Value, out: &mut Vec<String>) {
    match s {
        Value::Object(o) => {
            if let Some(t) = ts::ref_target(s) {
                out.push(t.to_string());
            }
            for v in o.values() {
                references(v, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|v| references(v, out)),
        _ => {}
    }
}

/// The definitions in emission order: each root, then what it uses, depth first.
fn order(d: &Defs) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    fn visit(def: &str, d: &Defs, seen: &mut BTreeSet<String>, out: &mut Vec<String>) {
        if !seen.insert(def.to_string()) {
            return;
        }
        out.push(def.to_string());
        let mut refs = Vec::new();
        if let Some(s) = d.defs.get(def) {
            references(s, &mut refs);
        }
        for r in refs {
            visit(&r, d, seen, out);
        }
    }
    for r in &d.roots {
        visit(r, d, &mut seen, &mut out);
    }
    out
}

/// The whole generated file.
///
/// # Errors
/// A schema construct the converter does not know, a definition without a name, or two
/// different declarations with one name (rename one DTO with `#[schemars(rename = "…")]`).
pub fn typescript() -> Result<String, String> {
    let mut text = String::from(roots::HEADER);
    let mut declared: BTreeMap<String, String> = BTreeMap::new();
    for side in [Side::Input, Side::Output] {
        let d = definitions(side)?;
        for def in order(&d) {
            let name = d.names.name(&def)?;
            let schema = d.defs.get(&def).ok_or_else(|| format!("no definition {def}"))?;
            let decl = ts::declaration(&name, schema, &d.names)?;
            match declared.get(&name) {
                Some(same) if *same == decl => continue,
                Some(other) => {
                    return Err(format!(
                        "two declarations are named {name} (the {side:?} definition {def}):\n{other}\n{decl}\nrename one DTO with #[schemars(rename = \"…\")]"
                    ))
                }
                None => {}
            }
            declared.insert(name, decl.clone());
            text.push('\n');
            text.push_str(&decl);
        }
        if side == Side::Output {
            text.push('\n');
            text.push_str(roots::SPM_ERROR);
        }
    }
    Ok(text)
}

/// A standalone JSON Schema (draft 2020-12) of the type the generated file calls `name`, with
/// every definition it uses: what `tests/conformance.rs` checks real inputs and results against.
///
/// # Errors
/// No root or definition of `side` has that name.
pub fn json_schema(side: Side, name: &str) -> Result<Value, String> {
    let d = definitions(side)?;
    let def = d
        .names
        .iter()
        .find(|(_, n)| n.as_str() == name)
        .map(|(def, _)| def.clone())
        .ok_or_else(|| format!("no {side:?} type is named {name}"))?;
    Ok(serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/$defs/{def}"),
        "$defs": d.defs,
    }))
}

/// The names the generated file declares (`export interface X` and `export type X`).
pub fn declared_names(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("export interface ").or_else(|| l.strip_prefix("export type ")))
        .filter_map(|rest| rest.split([' ', '<']).next())
        .map(str::to_string)
        .collect()
}
