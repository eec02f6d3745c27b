//! wasm-bindgen tests of quota setting and capacity planning, run in Node by `wasm-pack test
//! --node -- --test wasm_quota`: the golden planning scenarios through the exported functions
//! (`quotaPlan`, `capacityPlan`), compared with the same hand-worked numbers and with the core's
//! result; the sample; objects as input (a JS number where a decimal belongs is refused); errors
//! as real JS `Error`s with a code and located diagnostics.
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use spm_engine::{capacity_plan, quota_plan, quota_sample};
use spm_planning::quota::golden;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const SCENARIOS: &[(&str, &str)] = &[
    ("capacity_hiring_plan", include_str!("planning/capacity_hiring_plan.json")),
    ("quota_cascade_over_assignment", include_str!("planning/quota_cascade_over_assignment.json")),
    ("quota_history_blend", include_str!("planning/quota_history_blend.json")),
    ("quota_new_hire_ramp", include_str!("planning/quota_new_hire_ramp.json")),
    ("quota_potential_gap", include_str!("planning/quota_potential_gap.json")),
    ("quota_seasonality_history", include_str!("planning/quota_seasonality_history.json")),
    ("quota_seasonality_profile", include_str!("planning/quota_seasonality_profile.json")),
];

/// A JS value as JSON, through `JSON.stringify`.
fn json_of(v: &JsValue) -> Value {
    let text = js_sys::JSON::stringify(v).unwrap().as_string().unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The error's `code` and its diagnostics' paths.
fn error_of(e: &JsValue) -> (String, String, Vec<String>) {
    let err: &js_sys::Error = e.dyn_ref().expect("a real JS Error");
    let code = js_sys::Reflect::get(e, &"code".into()).unwrap().as_string().unwrap();
    let diags = json_of(&js_sys::Reflect::get(e, &"diagnostics".into()).unwrap());
    let paths = diags.as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap().to_string()).collect();
    (String::from(err.name()), code, paths)
}

fn run_wasm(kind: &str, input: &str) -> Result<Value, String> {
    let arg = JsValue::from_str(input);
    let out = if kind == "capacity" { capacity_plan(arg) } else { quota_plan(arg) };
    out.map(|v| json_of(&v)).map_err(|e| format!("{:?}", error_of(&e)))
}

fn run_core(kind: &str, input: &str) -> Value {
    if kind == "capacity" {
        serde_json::to_value(spm_planning::quota::capacity_plan_json(input).unwrap()).unwrap()
    } else {
        serde_json::to_value(spm_planning::quota::quota_plan_json(input).unwrap()).unwrap()
    }
}

#[wasm_bindgen_test]
fn golden_planning_scenarios_pass_in_wasm() {
    let mut failures = Vec::new();
    for (name, text) in SCENARIOS {
        failures.extend(golden::check(text, &run_wasm).into_iter().map(|m| format!("{name}: {m}")));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn wasm_results_equal_the_core_results() {
    for (name, text) in SCENARIOS {
        let v: Value = serde_json::from_str(text).unwrap();
        let kind = v["kind"].as_str().unwrap();
        let input = v["input"].to_string();
        assert_eq!(run_wasm(kind, &input).unwrap(), run_core(kind, &input), "{name}");
    }
}

#[wasm_bindgen_test]
fn objects_are_accepted_and_numbers_refused() {
    let (_, text) = SCENARIOS[1];
    let v: Value = serde_json::from_str(text).unwrap();
    let object = js_sys::JSON::parse(&v["input"].to_string()).unwrap();
    let out = json_of(&quota_plan(object).unwrap());
    assert_eq!(out, run_core("quota", &v["input"].to_string()));
    let bad = js_sys::JSON::parse(
        r#"{"currency":"USD","year":2026,"target":1000,"method":{"split":"equal"},"nodes":[{"id":"c","name":"C"}]}"#,
    )
    .unwrap();
    let (name, code, paths) = error_of(&quota_plan(bad).unwrap_err());
    assert_eq!((name.as_str(), code.as_str(), paths), ("SpmError", "DECIMAL_NOT_STRING", vec!["target".to_string()]));
    let missing = error_of(&capacity_plan(JsValue::UNDEFINED).unwrap_err());
    assert_eq!(missing.1, "MISSING_FIELD");
}

#[wasm_bindgen_test]
fn errors_are_located_js_errors() {
    let input = r#"{"currency":"USD","year":2026,"target":"1000.00","method":{"split":"equal"},"nodes":[
        {"id":"c","name":"C","overAssignment":"-0.1"},{"id":"a","name":"A","parent":"c"},{"id":"b","name":"B","parent":"a"},
        {"id":"x","name":"X","parent":"nobody"}]}"#;
    let (name, code, paths) = error_of(&quota_plan(JsValue::from_str(input)).unwrap_err());
    assert_eq!(name, "SpmError");
    assert_eq!(code, "NEGATIVE_VALUE");
    assert_eq!(paths, vec!["nodes[0].overAssignment".to_string(), "nodes[3].parent".to_string()]);
    let cap = r#"{"currency":"USD","year":2026,"target":"1000","productivity":"0","startingReps":1}"#;
    let (_, code, paths) = error_of(&capacity_plan(JsValue::from_str(cap)).unwrap_err());
    assert_eq!((code.as_str(), paths), ("OUT_OF_RANGE", vec!["productivity".to_string()]));
}

#[wasm_bindgen_test]
fn the_sample_runs_in_wasm() {
    let text = quota_sample();
    assert_eq!(text, spm_planning::quota::sample_input());
    let out = json_of(&quota_plan(JsValue::from_str(&text)).unwrap());
    assert_eq!(out, run_core("quota", &text));
    assert_eq!(out["totals"]["leaves"], 42);
}
