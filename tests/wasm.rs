//! wasm-bindgen tests, run in Node by `wasm-pack test --node`: the exported API and errors as real
//! JS `Error`s. (The golden files go through the wasm build in `tests/js/golden.test.mjs`, which
//! compares its results with the native ones byte for byte.)
#![cfg(target_arch = "wasm32")]

use spm_engine::{validate_plan, Dataset, PlanEngine};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn errors_are_real_js_errors_with_code_and_diagnostics() {
    let plan = r#"{"schemaVersion":1,"id":"p","name":"P","currency":"USD","period":"quarter","rounding":{"mode":"halfUp","at":"line"},
      "components":[{"id":"c","name":"C","kind":"commission","rateTable":{"mode":"flat","base":"amount","evaluation":"running",
      "tiers":[{"from":"0","to":"10","rate":"0.01"},{"from":"12","to":null,"rate":0.02}]}}]}"#;
    let err = PlanEngine::new(JsValue::from_str(plan)).err().unwrap();
    let e: js_sys::Error = err.dyn_into().unwrap();
    assert_eq!(String::from(e.name()), "SpmError");
    let code = js_sys::Reflect::get(&e, &"code".into()).unwrap();
    assert_eq!(code.as_string().unwrap(), "DECIMAL_NOT_STRING");
    let diags = js_sys::Array::from(&js_sys::Reflect::get(&e, &"diagnostics".into()).unwrap());
    let paths: Vec<String> =
        diags.iter().map(|d| js_sys::Reflect::get(&d, &"path".into()).unwrap().as_string().unwrap()).collect();
    assert_eq!(paths, vec!["components[0].rateTable.tiers[1].rate", "components[0].rateTable.tiers[1].from"]);
    // validatePlan never throws, even on garbage.
    let d = js_sys::Array::from(&validate_plan(JsValue::from_str("{not json")));
    assert_eq!(d.length(), 1);
    // An argument of another kind is a diagnostic too, naming the argument.
    let d = js_sys::Array::from(&validate_plan(JsValue::UNDEFINED));
    assert_eq!(js_sys::Reflect::get(&d.get(0), &"code".into()).unwrap().as_string().unwrap(), "INVALID_ARGUMENT");
    assert_eq!(js_sys::Reflect::get(&d.get(0), &"path".into()).unwrap().as_string().unwrap(), "plan");
}

#[wasm_bindgen_test]
fn sample_company_loads_and_pays_avery_quinn_by_hand() {
    let s = spm_sample::generate();
    let data = Dataset::from_csv(JsValue::from_str(&s.transactions_csv), JsValue::from_str(&s.payees)).unwrap();
    assert_eq!(data.transaction_count(), 20_000);
    assert_eq!(data.payee_count(), 50);
    let engine = PlanEngine::new(JsValue::from_str(&s.plans[0])).unwrap();
    let report: serde_json::Value = serde_json::from_str(&engine.payout_json(&data).unwrap()).unwrap();
    let st = report["statements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["payeeId"] == "r001" && s["period"] == "2026-Q1")
        .unwrap();
    // Commission 50,000 × 2% + 50,000 × 5% + 20,000 × 8% = 5,100.00, bonus 150% × 1,000.00 =
    // 1,500.00 (see src/sample.rs).
    assert_eq!(st["total"], "6600.00");
    assert_eq!(st["components"][0]["earning"], "5100.00");
    assert_eq!(st["components"][2]["earning"], "1500.00");
}
