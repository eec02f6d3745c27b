//! wasm-bindgen tests of insight's JS boundary, run in Node by `wasm-pack test --node -- --test
//! wasm_insight`: `insights` with an object agrees with `insightsJson` on the sample company and
//! its generated opportunities; `sentiment` gives the hand-worked scores; errors are real JS
//! `Error`s with a code and located diagnostics; the time of one run. (Whether wasm and native
//! agree byte for byte is the golden files' job: `tests/golden/insight/` through
//! `tests/js/golden.test.mjs`.)
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use spm_engine::{Dataset, PlanEngine};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

fn json_of(v: &JsValue) -> Value {
    let text = js_sys::JSON::stringify(v).unwrap().as_string().unwrap();
    serde_json::from_str(&text).unwrap()
}

fn setup() -> (PlanEngine, Dataset) {
    let s = spm_sample::generate();
    let engine = PlanEngine::new(JsValue::from_str(&s.plans[0])).unwrap();
    let data = Dataset::from_csv(JsValue::from_str(&s.transactions_csv), JsValue::from_str(&s.payees)).unwrap();
    (engine, data)
}

#[wasm_bindgen_test]
fn the_object_and_text_forms_agree_on_the_sample() {
    let (engine, data) = setup();
    let opp = Dataset::insight_sample(3);
    let opts = r#"{"benchmark":"team","stalledDays":21}"#;
    let started = js_sys::Date::now();
    let text = engine.insights_json(&data, JsValue::from_str(&opp), JsValue::from_str(opts)).unwrap();
    console_log!("insights on the sample in wasm: {} ms", js_sys::Date::now() - started);
    let object = js_sys::JSON::parse(&opp).unwrap();
    let out = json_of(&engine.insights(&data, object, JsValue::from_str(opts)).unwrap());
    assert_eq!(out, serde_json::from_str::<Value>(&text).unwrap());
    assert!(out["velocity"]["reps"].as_array().is_some_and(|r| !r.is_empty()));
}

#[wasm_bindgen_test]
fn sentiment_gives_the_hand_worked_scores() {
    // good: 1.9 / √18.61 = 0.4404; not good: −1.406 / √16.976836 = −0.3412.
    assert_eq!(json_of(&Dataset::insight_sentiment("good").unwrap())["compound"], "0.4404");
    assert_eq!(json_of(&Dataset::insight_sentiment("not good").unwrap())["compound"], "-0.3412");
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_paths() {
    let (engine, data) = setup();
    let bad = r#"{"deals":[{"id":"x","payeeId":"nobody","amount":5,"created":"2026-01-01","closeDate":"2026-02-01","status":"open","stageHistory":[{"stage":"A","date":"2026-01-01"}]}]}"#;
    let e = engine.insights(&data, JsValue::from_str(bad), JsValue::UNDEFINED).unwrap_err();
    let err: &js_sys::Error = e.dyn_ref().expect("a real JS Error");
    assert_eq!(String::from(err.name()), "SpmError");
    let diags = json_of(&js_sys::Reflect::get(&e, &"diagnostics".into()).unwrap());
    let paths: Vec<&str> = diags.as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert!(paths.contains(&"deals[0].payeeId") && paths.contains(&"deals[0].amount"), "{paths:?}");
}
