//! JSON Schema names for what the wire carries as plain strings or numbers: decimals, dates,
//! months, error codes and the schema version. DTO fields typed `String` or `u32` name these in
//! `#[schemars(with = "…")]` so the JSON Schema, and the TypeScript generated from it
//! (`crates/typegen`), say what the field holds. Nothing here runs outside schema generation.

use crate::error::Code;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;

/// A decimal written as a string (`"0.05"`): the schema of [`crate::dec::Dec`], for result
/// fields that hold a formatted decimal in a `String`.
pub type DecimalString = crate::dec::Dec;

/// A calendar date on the wire, `"YYYY-MM-DD"`.
pub struct DateString;

impl JsonSchema for DateString {
    fn schema_name() -> Cow<'static, str> {
        "DateString".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "description": "A calendar date, \"YYYY-MM-DD\"."
        })
    }
}

/// A calendar month on the wire, `"YYYY-MM"`.
pub struct MonthString;

impl JsonSchema for MonthString {
    fn schema_name() -> Cow<'static, str> {
        "MonthString".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$",
            "description": "A calendar month, \"YYYY-MM\"."
        })
    }
}

/// The schema version of a document: always 1.
pub struct SchemaVersion;

impl JsonSchema for SchemaVersion {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "SchemaVersion".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "const": 1 })
    }
}

/// An error code is one of [`Code::ALL`], written as `Code::as_str` writes it.
impl JsonSchema for Code {
    fn schema_name() -> Cow<'static, str> {
        "ErrorCode".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        json_schema!({
            "type": "string",
            "enum": codes,
            "description": "A stable error code (ARCHITECTURE.md lists them): `error.code` of a thrown SpmError and `code` of a diagnostic."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_in_the_schema() {
        let schema = schemars::SchemaGenerator::default().into_root_schema_for::<Code>();
        let codes = schema.get("enum").and_then(|e| e.as_array()).map_or(0, Vec::len);
        assert_eq!(codes, Code::ALL.len());
    }
}
