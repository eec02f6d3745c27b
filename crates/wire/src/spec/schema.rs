//! The published JSON Schema of the plan format (draft 2020-12), derived from the plan DTOs so it
//! cannot drift from what the parser accepts; `schema/plan.schema.json` is its checked-in copy.
//!
//! The schema checks structure: field names, types, enum values, decimal strings and unknown
//! fields. What needs more than one field at a time (tier contiguity, references between ids,
//! fields that only apply to one component kind) is left to validation, which reports it with a
//! JSON path.

use super::plan::{PlanDto, SCHEMA_VERSION};
use schemars::generate::SchemaSettings;
use serde::Serialize;
use serde_json::{json, Value};

/// The schema's `$id`.
pub const PLAN_SCHEMA_ID: &str = "https://spm-engine.invalid/schema/plan-v1.json";

/// The schema's title.
pub const PLAN_SCHEMA_TITLE: &str = "spm-engine plan, schema version 1";

/// The checked-in copy, `schema/plan.schema.json`: byte for byte `plan_schema()` (tests/schema.rs
/// fails otherwise). The wasm build serves this text, because generating the schema at run time
/// would put about 250 KB of schema-building code into the module for one static string.
pub const PLAN_SCHEMA_JSON: &str = include_str!("../../../../schema/plan.schema.json");

/// The JSON Schema (draft 2020-12) of a plan document, as pretty-printed JSON with a trailing
/// newline.
///
/// The root requires `"schemaVersion": 1`; the plan bodies inside `versions` share the same
/// definition but may leave it out, as the parser allows.
///
/// ```
/// let schema: serde_json::Value = serde_json::from_str(&spm_wire::spec::schema::plan_schema()).unwrap();
/// assert_eq!(schema["$id"], "https://spm-engine.invalid/schema/plan-v1.json");
/// assert_eq!(schema["$defs"]["Decimal"]["type"], "string");
/// ```
pub fn plan_schema() -> String {
    let mut text = serde_json::to_string_pretty(&root()).unwrap_or_default();
    text.push('\n');
    text
}

/// The JSON Schema of a plan document as a JSON value.
pub fn plan_schema_value() -> Value {
    serde_json::to_value(root()).unwrap_or(Value::Null)
}

/// The root keys in reading order (a `Value` map would sort `$defs` first).
#[derive(Serialize)]
struct Root {
    #[serde(rename = "$schema")]
    schema: &'static str,
    #[serde(rename = "$id")]
    id: &'static str,
    title: &'static str,
    description: &'static str,
    #[serde(rename = "$ref")]
    reference: Value,
    required: [&'static str; 1],
    properties: Value,
    #[serde(rename = "$defs")]
    defs: serde_json::Map<String, Value>,
}

fn root() -> Root {
    let mut generator = SchemaSettings::draft2020_12().for_deserialize().into_generator();
    // A reference rather than the root schema itself: `PlanDto` is recursive (`versions`), and the
    // root adds a constraint (schemaVersion required) that the nested bodies do not have.
    let body = generator.subschema_for::<PlanDto>().to_value();
    Root {
        schema: "https://json-schema.org/draft/2020-12/schema",
        id: PLAN_SCHEMA_ID,
        title: PLAN_SCHEMA_TITLE,
        description: "A compensation plan for spm-engine: one plan, or a plan with effective-dated `versions`. \
            Every decimal is a string (\"0.05\", \"125000.00\"); unknown fields are rejected. \
            The engine's validation checks more than this schema can (tier bounds, references, \
            fields given for the wrong component kind) and names each problem with a JSON path.",
        reference: body.get("$ref").cloned().unwrap_or(Value::Null),
        required: ["schemaVersion"],
        properties: json!({ "schemaVersion": { "const": SCHEMA_VERSION } }),
        defs: generator.take_definitions(true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deny_unknown_fields_and_camel_case_reach_the_schema() {
        let s = plan_schema_value();
        let plan = &s["$defs"]["PlanDto"];
        assert_eq!(plan["additionalProperties"], json!(false));
        assert!(plan["properties"]["effectiveFrom"].is_object());
        assert!(plan["properties"]["effective_from"].is_null());
        let tier = &s["$defs"]["TierDto"];
        assert_eq!(tier["additionalProperties"], json!(false));
        assert_eq!(tier["required"], json!(["from", "rate"]));
        assert!(s["$defs"]["AttributeFilterDto"]["properties"]["in"].is_object());
        assert_eq!(s["$ref"], json!("#/$defs/PlanDto"));
    }

    #[test]
    fn the_schema_is_stable() {
        assert_eq!(plan_schema(), plan_schema());
        assert!(plan_schema().ends_with("}\n"));
    }
}
