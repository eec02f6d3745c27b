//! The published plan JSON Schema: the checked-in copy is current, and it accepts every sample plan and rejects what the parser rejects structurally.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use spm_wire::spec::schema::plan_schema;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&plan_schema()).unwrap();
    assert!(jsonschema::meta::is_valid(&schema), "the plan schema is not a valid JSON Schema");
    jsonschema::options().should_validate_formats(true).build(&schema).unwrap()
}

fn errors(v: &jsonschema::Validator, plan: &Value) -> Vec<String> {
    v.iter_errors(plan).map(|e| format!("{}: {e}", e.instance_path)).collect()
}

/// The `plan` of every golden file that has one (payout, ledger, estimate), named by its area
/// and file.
fn scenario_plans() -> Vec<(String, Value)> {
    let mut plans = Vec::new();
    for area in ["payout", "ledger", "estimate"] {
        let dir = root().join("tests/golden").join(area);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no golden files in {dir:?}");
        for f in files {
            let doc: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
            let name = format!("{area}/{}", f.file_name().unwrap().to_string_lossy());
            let plan = doc["input"].get("plan").unwrap_or_else(|| panic!("{name} has no plan")).clone();
            plans.push((name, plan));
        }
    }
    plans
}

fn tiered_plan() -> Value {
    scenario_plans().into_iter().find(|(n, _)| n == "payout/tiers_marginal_running.json").unwrap().1
}

#[test]
fn checked_in_schema_is_current() {
    let path = root().join("schema/plan.schema.json");
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == plan_schema(),
        "{} is stale or missing: the plan DTOs changed. Regenerate it with\n\n    cargo run -p spm-cli -- schema > schema/plan.schema.json\n",
        Path::new("schema/plan.schema.json").display()
    );
    // The copy compiled in for wasm is the same file.
    assert_eq!(spm_wire::spec::schema::PLAN_SCHEMA_JSON, on_disk);
}

#[test]
fn schema_names_itself() {
    let schema: Value = serde_json::from_str(&plan_schema()).unwrap();
    assert_eq!(schema["$id"], "https://spm-engine.invalid/schema/plan-v1.json");
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert!(schema["title"].as_str().is_some_and(|t| !t.is_empty()));
    let dec = &schema["$defs"]["Decimal"];
    assert_eq!(dec["type"], "string");
    assert_eq!(dec["pattern"], r"^-?[0-9]+(\.[0-9]+)?$");
    assert!(dec["description"].as_str().unwrap().contains("numbers are rejected"));
}

#[test]
fn every_scenario_plan_is_valid() {
    let v = validator();
    let mut failures = Vec::new();
    for (name, plan) in scenario_plans() {
        failures.extend(errors(&v, &plan).into_iter().map(|e| format!("{name}: {e}")));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_sample_plan_is_valid() {
    let v = validator();
    let sample = spm_sample::generate();
    assert!(!sample.plans.is_empty());
    for (i, text) in sample.plans.iter().enumerate() {
        let plan: Value = serde_json::from_str(text).unwrap();
        let errs = errors(&v, &plan);
        assert!(errs.is_empty(), "sample plan {i}: {}", errs.join("\n"));
    }
}

#[test]
fn unknown_fields_are_rejected_at_every_level() {
    let v = validator();
    let mut top = tiered_plan();
    top["colour"] = json!("blue");
    assert!(!v.is_valid(&top), "an unknown top-level field passed");
    let mut tier = tiered_plan();
    tier["components"][0]["rateTable"]["tiers"][1]["rat"] = json!("0.05");
    assert!(!v.is_valid(&tier), "an unknown tier field passed");
    // snake_case is not the wire format's spelling.
    let mut snake = tiered_plan();
    let table = snake["components"][0].as_object_mut().unwrap().remove("rateTable").unwrap();
    snake["components"][0]["rate_table"] = table;
    assert!(!v.is_valid(&snake), "a snake_case field passed");
}

#[test]
fn numbers_where_decimals_belong_are_rejected() {
    let v = validator();
    let mut plan = tiered_plan();
    plan["components"][0]["rateTable"]["tiers"][1]["rate"] = json!(0.05);
    let errs = errors(&v, &plan);
    assert!(!errs.is_empty(), "a JSON number passed as a rate");
    // Reported at the nearest `anyOf` (the optional rate table), which is where it is located.
    assert!(errs.iter().any(|e| e.starts_with("/components/0/rateTable")), "{errs:?}");
    for bad in ["5%", "1e3", ".5", "5.", "+1", "1,5", ""] {
        let mut plan = tiered_plan();
        plan["components"][0]["rateTable"]["tiers"][1]["rate"] = json!(bad);
        assert!(!v.is_valid(&plan), "the decimal string {bad:?} passed");
    }
    for good in ["0", "-12", "0.05", "125000.00"] {
        let mut plan = tiered_plan();
        plan["components"][0]["rateTable"]["tiers"][1]["rate"] = json!(good);
        assert!(v.is_valid(&plan), "the decimal string {good:?} failed");
    }
}

#[test]
fn schema_version_is_required_at_the_top_only() {
    let v = validator();
    let mut plan = tiered_plan();
    plan.as_object_mut().unwrap().remove("schemaVersion");
    assert!(!v.is_valid(&plan), "a plan without schemaVersion passed");
    let mut wrong = tiered_plan();
    wrong["schemaVersion"] = json!(2);
    assert!(!v.is_valid(&wrong), "schemaVersion 2 passed");
    // A version body may leave schemaVersion out.
    let mut body = tiered_plan();
    body.as_object_mut().unwrap().remove("schemaVersion");
    body["effectiveFrom"] = json!("2026-01-01");
    let versioned = json!({ "schemaVersion": 1, "id": "p", "name": "P", "versions": [body] });
    let errs = errors(&v, &versioned);
    assert!(errs.is_empty(), "{errs:?}");
}

#[test]
fn what_the_schema_rejects_the_parser_rejects() {
    // The schema and the engine agree on the structural failures above.
    let mut plan = tiered_plan();
    plan["components"][0]["rateTable"]["tiers"][1]["rate"] = json!(0.05);
    assert!(spm_wire::api::compile_plan(&plan.to_string()).is_err());
    let mut plan = tiered_plan();
    plan["colour"] = json!("blue");
    assert!(spm_wire::api::compile_plan(&plan.to_string()).is_err());
}
