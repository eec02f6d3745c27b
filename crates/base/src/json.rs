//! JSON reading with located errors: syntax errors give line and column, structural errors
//! (unknown field, missing field, wrong type) give the JSON path, through `serde_path_to_error`.
//!
//! Every JSON input (plan, payees, transactions, events, options, …) is read here, so every one
//! accepts a leading UTF-8 byte-order mark the same way: it is skipped, as the CSV readers skip
//! it, and line and column numbers are those an editor shows (it does not show the mark).

use crate::error::{clip, Code, Diagnostic, Error, Result};
use serde::de::DeserializeOwned;

/// The UTF-8 byte-order mark some editors (Notepad, Excel's "UTF-8 CSV") put at the start.
pub const BOM: char = '\u{feff}';

/// `text` without a leading byte-order mark.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix(BOM).unwrap_or(text)
}

/// What a reader looks at to tell JSON from CSV (`[`, `{`) or an empty input: the text after a
/// leading byte-order mark and white space.
///
/// ```
/// assert!(spm_base::json::content("\u{feff}  [1]").starts_with('['));
/// ```
pub fn content(text: &str) -> &str {
    without_bom(text).trim_start()
}

/// Parses `text` as `T`, turning any failure into a coded, located error. A leading byte-order
/// mark is skipped.
///
/// # Errors
/// `JSON_SYNTAX`, `UNKNOWN_FIELD`, `MISSING_FIELD` or `WRONG_TYPE`, with the path in the diagnostic.
pub fn from_str<T: DeserializeOwned>(text: &str, what: &str) -> Result<T> {
    // Declared limits (crate::limits): the document's size here, its depth in `syntax`.
    crate::limits::check_document(text, what)?;
    let text = without_bom(text);
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
    // serde quotes the input's own text (a field name, a string value): each quotation and each
    // name in the path is cut by `error::clip`, so a 64 MB key is not a 64 MB message or path.
    let path = path.split('.').map(clip).collect::<Vec<_>>().join(".");
    let msg = clip_quotations(&msg);
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

/// `msg` with every quotation (between backticks or double quotes) cut by `error::clip`.
fn clip_quotations(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len().min(1024));
    let mut rest = msg;
    while let Some(open) = rest.find(['`', '"']) {
        let (before, from) = rest.split_at(open);
        out.push_str(before);
        let mut chars = from.chars();
        let Some(quote) = chars.next() else { break };
        let body = chars.as_str();
        match body.find(quote) {
            Some(close) => {
                out.push(quote);
                out.push_str(&clip(body.get(..close).unwrap_or_default()));
                out.push(quote);
                rest = body.get(close + quote.len_utf8()..).unwrap_or_default();
            }
            None => {
                out.push(quote);
                out.push_str(&clip(body));
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// serde_json appends " at line L column C", which the path makes redundant.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg.get(..i).unwrap_or(msg).to_string(),
        None => msg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        #[allow(dead_code)]
        id: String,
    }

    #[test]
    fn a_leading_byte_order_mark_is_skipped_and_positions_stay_as_shown() {
        let d: Doc = from_str("\u{feff}{\"id\": \"a\"}", "the doc").unwrap();
        assert_eq!(d.id, "a");
        let e = from_str::<Doc>("\u{feff}{\"id\": }", "the doc").unwrap_err();
        assert_eq!(e.diagnostics[0].path, "line 1, column 8");
        assert_eq!(content("\u{feff}\n [1]"), "[1]");
    }

    #[test]
    fn a_huge_field_name_or_value_is_quoted_clipped() {
        let key = "k".repeat(1_000_000);
        let e = from_str::<Doc>(&format!("{{\"id\": \"a\", \"{key}\": 1}}"), "the doc").unwrap_err();
        let d = &e.diagnostics[0];
        assert_eq!(d.code, Code::UnknownField);
        assert!(d.path.len() < 200 && d.path.ends_with('…'), "{}", d.path);
        assert!(d.message.len() < 400 && d.message.contains("expected `id`"), "{}", d.message);
        let e = from_str::<Vec<u32>>(&format!("[\"{key}\"]"), "the doc").unwrap_err();
        assert!(e.diagnostics[0].message.len() < 400, "{}", e.diagnostics[0].message);
    }
}
