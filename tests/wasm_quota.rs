//! wasm-bindgen tests of quota setting and capacity planning, run in Node by `wasm-pack test
//! --node -- --test wasm_quota`: the exported functions (`quotaPlan`, `capacityPlan`) take objects
//! as well as text (a JS number where a decimal belongs is refused); the sample; errors as real JS
//! `Error`s with a code and located diagnostics. (The golden files go through the wasm build in
//! `tests/js/golden.test.mjs`.)
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use spm_engine::{capacity_plan, quota_plan, quota_sample};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// A hand-worked golden file (`tests/golden.rs` and `tests/js/golden.test.mjs` run them all).
const CASCADE: &str = include_str!("golden/quota/cascade_over_assignment.json");

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

#[wasm_bindgen_test]
fn objects_are_accepted_and_numbers_refused() {
    let v: Value = serde_json::from_str(CASCADE).unwrap();
    let object = js_sys::JSON::parse(&v["input"].to_string()).unwrap();
    let out = json_of(&quota_plan(object).unwrap());
    assert_eq!(out, json_of(&quota_plan(JsValue::from_str(&v["input"].to_string())).unwrap()));
    assert_eq!(out["nodes"][0]["quota"], "1000000.00");
    let bad = js_sys::JSON::parse(
        r#"{"currency":"USD","year":2026,"target":1000,"method":{"split":"equal"},"nodes":[{"id":"c","name":"C"}]}"#,
    )
    .unwrap();
    let (name, code, paths) = error_of(&quota_plan(bad).unwrap_err());
    assert_eq!((name.as_str(), code.as_str(), paths), ("SpmError", "DECIMAL_NOT_STRING", vec!["target".to_string()]));
    let missing = error_of(&capacity_plan(JsValue::UNDEFINED).unwrap_err());
    assert_eq!((missing.1.as_str(), missing.2), ("INVALID_ARGUMENT", vec!["input".to_string()]));
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
    let out = json_of(&quota_plan(JsValue::from_str(&text)).unwrap());
    assert_eq!((out["totals"]["nodes"].as_u64(), out["totals"]["leaves"].as_u64()), (Some(51), Some(42)));
}
