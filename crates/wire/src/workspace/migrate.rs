//! Workspace versions: which version a document is, and the migrations that bring an older one
//! to the current version, step by step, on the JSON value (before any typed reading, so an old
//! document gets a migration rather than a list of unknown fields).
//!
//! Version 0 is the shape `sampleDataset()` returned before workspaces existed:
//! `{ company, payees, plans, transactionsCsv, eventsCsv, ratesCsv }`, without `format` (a
//! document may say `"schemaVersion": 0`). Version 1 is [`super::WorkspaceDto`].

use super::{FORMAT, SCHEMA_VERSION};
use serde_json::{json, Map, Value};
use spm_base::error::{clip, Code, Diagnostic, Error, Result};

/// The note each migrated plan version carries.
pub const MIGRATED_NOTE: &str = "Migrated from a version 0 workspace (the sample data set's shape)";

/// The members of a version 0 document.
const V0_KEYS: [&str; 7] = ["schemaVersion", "company", "payees", "plans", "transactionsCsv", "eventsCsv", "ratesCsv"];

/// Parses `text` and migrates it to the current version.
///
/// # Errors
/// `JSON_SYNTAX` and `LIMIT_EXCEEDED` (size, depth); `WRONG_TYPE` when the document is not an
/// object; `SCHEMA_VERSION` for a version newer than this engine reads or a `format` that is not
/// a workspace's; `UNKNOWN_FIELD`/`WRONG_TYPE` in a version 0 document.
pub fn to_current(text: &str) -> Result<Value> {
    let value: Value = spm_base::json::from_str(text, "the workspace")?;
    let Value::Object(doc) = value else {
        return Err(Error::at("$", Code::WrongType, "a workspace is a JSON object", "give the workspace file's text"));
    };
    match version(&doc)? {
        0 => from_v0(doc),
        _ => Ok(Value::Object(doc)),
    }
}

/// The version a document declares: `schemaVersion`, or 0 for the legacy shape without `format`.
fn version(doc: &Map<String, Value>) -> Result<u64> {
    match doc.get("format") {
        None => {}
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            let shown = match other {
                Value::String(s) => format!("{:?}", clip(s)),
                v => clip(&v.to_string()).into_owned(),
            };
            return Err(Error::at(
                "format",
                Code::SchemaVersion,
                format!("this is not a workspace file: its format is {shown}, a workspace's is \"{FORMAT}\""),
                "open a file exported as a workspace",
            ));
        }
    }
    let declared = match doc.get("schemaVersion") {
        None if doc.contains_key("format") => {
            return Err(Error::at(
                "schemaVersion",
                Code::MissingField,
                "the workspace has no schemaVersion",
                format!("add \"schemaVersion\": {SCHEMA_VERSION}"),
            ))
        }
        None => 0,
        Some(v) => v.as_u64().ok_or_else(|| {
            Error::at(
                "schemaVersion",
                Code::SchemaVersion,
                format!("schemaVersion must be a whole number, found {}", clip(&v.to_string())),
                format!("this engine reads workspace schema versions 0 to {SCHEMA_VERSION}"),
            )
        })?,
    };
    if declared > u64::from(SCHEMA_VERSION) {
        return Err(Error::at(
            "schemaVersion",
            Code::SchemaVersion,
            format!(
                "this workspace is schema version {declared}; this engine reads workspace schema versions 0 to {SCHEMA_VERSION}"
            ),
            "open it with a newer version of the app, or export it again from the version that wrote it",
        ));
    }
    if declared == 0 && doc.contains_key("format") {
        return Err(Error::at(
            "schemaVersion",
            Code::SchemaVersion,
            "a version 0 document has no format member",
            format!("write \"schemaVersion\": {SCHEMA_VERSION} for the current format"),
        ));
    }
    Ok(declared)
}

/// Version 0 → 1: the company becomes the name, payees the people, each plan a plan with one
/// version (version 1, active), the transactions the deals; the rest starts empty.
fn from_v0(mut doc: Map<String, Value>) -> Result<Value> {
    let mut diags = Vec::new();
    for key in doc.keys() {
        if !V0_KEYS.contains(&key.as_str()) {
            diags.push(Diagnostic::error(
                clip(key).into_owned(),
                Code::UnknownField,
                format!("unknown field {:?} in a version 0 workspace", clip(key)),
                "a version 0 document holds company, payees, plans, transactionsCsv, eventsCsv and ratesCsv",
            ));
        }
    }
    let mut text = |key: &str, diags: &mut Vec<Diagnostic>| match doc.remove(key) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s,
        Some(_) => {
            diags.push(Diagnostic::error(key, Code::WrongType, format!("{key} must be a string"), "give the text"));
            String::new()
        }
    };
    let name = text("company", &mut diags);
    let deals = text("transactionsCsv", &mut diags);
    let events = text("eventsCsv", &mut diags);
    let rates = text("ratesCsv", &mut diags);
    let people = match doc.remove("payees") {
        None | Some(Value::Null) => Value::Array(Vec::new()),
        Some(Value::String(s)) => serde_json::from_str(&s).unwrap_or_else(|e| {
            diags.push(Diagnostic::error(
                "payees",
                Code::JsonSyntax,
                format!("the payees text is not JSON: {e}"),
                "give the payees as an array",
            ));
            Value::Array(Vec::new())
        }),
        Some(v) => v,
    };
    let plans = match doc.remove("plans") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a,
        Some(_) => {
            diags.push(Diagnostic::error("plans", Code::WrongType, "plans must be an array", "give an array of plans"));
            Vec::new()
        }
    };
    let mut out = Vec::with_capacity(plans.len());
    for (i, p) in plans.into_iter().enumerate() {
        // The sample kept its plans as JSON text at first; either form migrates.
        let plan = match p {
            Value::String(s) => match serde_json::from_str::<Value>(&s) {
                Ok(v) => v,
                Err(e) => {
                    diags.push(Diagnostic::error(
                        format!("plans[{i}]"),
                        Code::JsonSyntax,
                        format!("the plan text is not JSON: {e}"),
                        "give the plan document",
                    ));
                    continue;
                }
            },
            v => v,
        };
        let id = plan.get("id").and_then(Value::as_str).map_or_else(|| format!("plan-{}", i + 1), str::to_string);
        out.push(json!({
            "id": id,
            "active": 1,
            "versions": [{ "version": 1, "savedAt": null, "note": MIGRATED_NOTE, "plan": plan }]
        }));
    }
    if !diags.is_empty() {
        return Err(Error::from_diagnostics(diags));
    }
    Ok(json!({
        "format": FORMAT,
        "schemaVersion": SCHEMA_VERSION,
        "name": name,
        "people": people,
        "plans": out,
        "dealsCsv": deals,
        "eventsCsv": events,
        "ratesCsv": rates,
        "accounts": [],
        "territories": [],
        "scoringDefinitions": null,
        "activityCsv": "",
        "settings": { "currency": null, "mappings": [] }
    }))
}
