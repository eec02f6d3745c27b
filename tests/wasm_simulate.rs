//! wasm-bindgen tests of Monte Carlo plan costing, run in Node by `wasm-pack test --node --
//! --test wasm_simulate`: `PlanSimulation` (constructor, `PlanEngine.simulation`, `step`,
//! `resultJson`, `sensitivity`) gives the same JSON text in one chunk or many, its digest the one
//! the native test (`tests/simulate.rs`) pins, so wasm and native agree; options as objects;
//! errors as real JS `Error`s with located diagnostics.
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use spm_engine::{Dataset, PlanEngine};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// The same plan, reps and options as `tests/simulate.rs`'s `the_text_is_the_same_on_every_platform`.
const PLAN: &str = r#"{"schemaVersion":1,"id":"t","name":"Tiered","currency":"USD","period":"quarter",
  "effectiveFrom":"2026-01-01","rounding":{"mode":"halfUp","at":"component"},
  "components":[{"id":"c","name":"Commission","kind":"commission","rateTable":{"mode":"marginal","base":"attainment",
  "evaluation":"running","tiers":[{"from":"0","to":"0.5","rate":"0.02"},{"from":"0.5","to":"1.0","rate":"0.05"},
  {"from":"1.0","to":null,"rate":"0.08"}]},"cap":{"amount":"9000","per":"period","excess":"forfeit"}}]}"#;
const OPTIONS: &str = r#"{"trials":3000,"seed":9,"correlation":"0.35","budget":"45000","reps":[
  {"id":"r1","distribution":{"kind":"lognormal","mean":"1.1","sd":"0.3"}},
  {"id":"r2","distribution":{"mean":"0.95","sd":"0"}}]}"#;
/// FNV-1a 64 of the result's JSON text, as the native test computes it.
const DIGEST: u64 = 3_279_229_516_121_608_448;

fn payees() -> String {
    let p: Vec<String> = (0..8)
        .map(|i| {
            format!(
                r#"{{"id":"r{i}","name":"Rep {i}","role":"rep","quotas":[{{"component":"c","amount":"{}"}}]}}"#,
                80_000 + 10_000 * i
            )
        })
        .collect();
    format!("[{}]", p.join(","))
}

fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

fn json_of(v: &JsValue) -> Value {
    let text = js_sys::JSON::stringify(v).unwrap().as_string().unwrap();
    serde_json::from_str(&text).unwrap()
}

fn engine_and_data() -> (PlanEngine, Dataset) {
    let engine = PlanEngine::new(JsValue::from_str(PLAN)).unwrap();
    let data = Dataset::from_json(JsValue::from_str("[]"), JsValue::from_str(&payees())).unwrap();
    (engine, data)
}

#[wasm_bindgen_test]
fn chunks_give_the_native_digest() {
    let (engine, d) = engine_and_data();
    let mut sim = engine.simulation(&d, JsValue::from_str(OPTIONS)).unwrap();
    assert_eq!(sim.trials(), 3000);
    // In chunks of 250: the same text as in one go.
    for _ in 0..11 {
        sim.step_json(JsValue::from(250)).unwrap();
    }
    assert_eq!(sim.trials_done(), 2750);
    let text = sim.result_json();
    assert_eq!(fnv(&text), DIGEST, "the wasm text differs from the native one");
    // The object form carries the same values.
    let (engine, d) = engine_and_data();
    let opts = js_sys::JSON::parse(OPTIONS).unwrap();
    let mut sim = engine.simulation(&d, opts).unwrap();
    let first = json_of(&sim.step(JsValue::from(100)).unwrap());
    assert_eq!(first["trialsDone"], 100);
    assert_eq!(first["done"], false);
    let whole = json_of(&sim.result().unwrap());
    assert_eq!(whole, serde_json::from_str::<Value>(&text).unwrap());
}

#[wasm_bindgen_test]
fn sensitivity_starts_from_the_simulation_it_is_asked_of() {
    let (engine, d) = engine_and_data();
    let mut s = engine.simulation(&d, JsValue::from_str(r#"{"trials":200,"seed":4}"#)).unwrap();
    let got = json_of(&s.sensitivity(JsValue::from_str(PLAN), &d, JsValue::NULL).unwrap());
    // The unmoved plan with the same reps, trials and seed is the simulation itself.
    let base = json_of(&s.result().unwrap());
    assert_eq!(got["baseP50"], base["totalCost"]["p50"]);
    assert_eq!(got["baseMean"], base["totalCost"]["mean"]);
    assert!(got["parameters"].as_array().unwrap().len() >= 5);
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_located_diagnostics() {
    let (engine, d) = engine_and_data();
    let e = engine
        .simulation(
            &d,
            JsValue::from_str(r#"{"correlation":"1.5","reps":[{"id":"x","distribution":{"mean":"1","sd":"-1"}}]}"#),
        )
        .err()
        .unwrap();
    let err: &js_sys::Error = e.dyn_ref().expect("a real JS Error");
    assert_eq!(String::from(err.name()), "SpmError");
    let diags = json_of(&js_sys::Reflect::get(&e, &"diagnostics".into()).unwrap());
    let paths: Vec<&str> = diags.as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["correlation", "reps[0].distribution.sd", "reps[0].id"]);
    // A JS number where a decimal belongs.
    let opts = js_sys::JSON::parse(r#"{"budget":100}"#).unwrap();
    let e = engine.simulation(&d, opts).err().unwrap();
    assert_eq!(js_sys::Reflect::get(&e, &"code".into()).unwrap().as_string().unwrap(), "DECIMAL_NOT_STRING");
}
