//! JSON reading with located errors: syntax errors give line and column, structural errors
//! (unknown field, missing field, wrong type) give the JSON path, through `serde_path_to_error`.

use crate::error::{Code, Diagnostic, Error, Result};
use serde::de::DeserializeOwned;

/// Parses `text` as `T`, turning any failure into a coded, located error.
///
/// # Errors
/// `JSON_SYNTAX`, `UNKNOWN_FIELD`, `MISSING_FIELD` or `WRONG_TYPE`, with the path in the diagnostic.
pub fn from_str<T: DeserializeOwned>(text: &str, what: &str) -> Result<T> {
    // Declared limits (crate::limits): the document's size here, its depth in `syntax`.
    crate::limits::check_document(text, what)?;
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| located(e, what))?;
    de.end().map_err(|e| syntax(&e, what))?;
    Ok(value)
}

fn syntax(e: &serde_json::Error, what: &str) -> Error {
    let at = format!("line {}, column {}", e.line(), e.column());
    // serde_json stops at MAX_JSON_DEPTH nested arrays/objects: a declared limit, not a typo.
    if e.to_string().starts_with("recursion limit exceeded") {
        let limit = crate::limits::MAX_JSON_DEPTH;
        return Error::at(
            at,
            Code::LimitExceeded,
            format!("{what} nests arrays and objects deeper than the limit of {limit}"),
            "flatten the document: no input of the engine needs that much nesting",
        );
    }
    Error::at(
        at,
        Code::JsonSyntax,
        format!("{what} is not valid JSON: {}", strip_position(&e.to_string())),
        "check for a missing comma, quote or bracket near that position",
    )
}

fn located(e: serde_path_to_error::Error<serde_json::Error>, what: &str) -> Error {
    let path = e.path().to_string();
    let inner = e.into_inner();
    if inner.is_syntax() || inner.is_eof() {
        return syntax(&inner, what);
    }
    let msg = strip_position(&inner.to_string());
    let path = if path == "." { String::new() } else { path };
    let (code, hint) = if msg.starts_with("unknown field") {
        (Code::UnknownField, "remove the field or correct its spelling (names are camelCase)".to_string())
    } else if msg.starts_with("missing field") {
        (Code::MissingField, "add the field".to_string())
    } else if msg.starts_with("unknown variant") {
        (Code::WrongType, "use one of the listed values".to_string())
    } else {
        (Code::WrongType, "give a value of the type the schema expects".to_string())
    };
    let path = match (code, unknown_name(&msg)) {
        (Code::UnknownField, Some(name)) if !path.ends_with(&name) => join(&path, &name),
        (Code::MissingField, Some(name)) => join(&path, &name),
        _ => path,
    };
    let path = if path.is_empty() { "$".to_string() } else { path };
    Error::from_diagnostics(vec![Diagnostic::error(path, code, format!("{what}: {msg}"), hint)])
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// The field name quoted in serde's "unknown field `x`" / "missing field `x`" messages.
fn unknown_name(msg: &str) -> Option<String> {
    let start = msg.find('`')? + 1;
    let len = msg.get(start..)?.find('`')?;
    msg.get(start..start + len).map(str::to_string)
}

/// serde_json appends " at line L column C", which the path makes redundant.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg.get(..i).unwrap_or(msg).to_string(),
        None => msg.to_string(),
    }
}
