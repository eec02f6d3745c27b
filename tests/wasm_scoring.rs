//! wasm-bindgen tests of gamified scoring's JS boundary, run in Node by `wasm-pack test --node --
//! --test wasm_scoring`: leaderboards over a generated floor as JSON text and objects; errors are JS `Error`s with
//! located diagnostics; the time of a leaderboard over a generated floor. (The golden files go
//! through the wasm build in `tests/js/golden.test.mjs`, compared with the native results byte
//! for byte.)
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use spm_engine::{scoring_sample, scoring_sample_defs, scoring_sample_roster, ScoringModel};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

fn json_of(v: &JsValue) -> Value {
    let text = js_sys::JSON::stringify(v).unwrap().as_string().unwrap();
    serde_json::from_str(&text).unwrap()
}

#[wasm_bindgen_test]
fn leaderboards_over_a_generated_floor() {
    // The issue's scale in a release build (`wasm-pack test --node --release`), a tenth of it
    // in a debug one.
    let (reps, events) = if cfg!(debug_assertions) { (2_000, 200_000) } else { (10_000, 1_000_000) };
    let csv = scoring_sample(reps.into(), events.into(), 9.into()).unwrap();
    let roster = scoring_sample_roster(reps.into(), 9.into()).unwrap();
    let defs = scoring_sample_defs();
    let m = ScoringModel::new(JsValue::from_str(&defs), JsValue::from_str(&roster), JsValue::from_str(&csv)).unwrap();
    for req in [
        r#"{"id":"q","metric":"points","window":{"period":"2026-Q3"},"eligibility":{"minEvents":1}}"#,
        r#"{"id":"y","metric":"amount:deal","window":{"period":"2026"},"ties":"dense"}"#,
        r#"{"id":"o","metric":"points","window":{"from":"2026-03-10","to":"2026-09-20"},"ties":"ordinal","secondary":"count:deal"}"#,
    ] {
        let started = js_sys::Date::now();
        let w = m.leaderboard_json(JsValue::from_str(req)).unwrap();
        console_log!(
            "leaderboard over {reps} reps, {events} events in wasm: {} ms: {req}",
            js_sys::Date::now() - started
        );
        let object = json_of(&m.leaderboard(JsValue::from_str(req)).unwrap());
        assert_eq!(object, serde_json::from_str::<Value>(&w).unwrap());
        assert!(object["entries"].as_array().is_some_and(|r| !r.is_empty()), "{req}");
    }
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_paths() {
    let bad = r#"{"schemaVersion":1,"scorecards":[{"id":"s","kpis":[{"metric":"points","weight":"0.7","normalize":"minMax"}]}]}"#;
    let e = ScoringModel::new(JsValue::from_str(bad), JsValue::NULL, JsValue::from_str("[]")).err().unwrap();
    let err: &js_sys::Error = e.dyn_ref().expect("a real JS Error");
    assert_eq!(String::from(err.name()), "SpmError");
    let diags = json_of(&js_sys::Reflect::get(&e, &"diagnostics".into()).unwrap());
    assert_eq!(diags[0]["path"], "scorecards[0].kpis");
    assert_eq!(diags[0]["code"], "WEIGHT_SUM");
}
