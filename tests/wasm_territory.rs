//! wasm-bindgen tests of territory balancing, run in Node by `wasm-pack test --node -- --test
//! wasm_territory`: the hand-worked four-account case through `TerritoryModel` (objects and
//! JSON text as input), byte-identical results and CSV against the native core for a generated
//! instance, `territorySample` equal to the core's, and errors as real JS `Error`s with a code
//! and located diagnostics.
#![cfg(target_arch = "wasm32")]

use serde_json::{json, Value};
use spm_engine::{territory_sample, TerritoryModel};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn line() -> Value {
    json!({
        "accounts": [
            {"id": "a1", "potential": "100", "x": "0", "y": "0", "owner": "T1"},
            {"id": "a2", "potential": "100", "x": "1", "y": "0", "owner": "T1"},
            {"id": "a3", "potential": "100", "x": "10", "y": "0", "owner": "T1"},
            {"id": "a4", "potential": "100", "x": "11", "y": "0", "owner": "T2"}
        ],
        "territories": [{"id": "T1"}, {"id": "T2"}]
    })
}

fn json_of(v: &JsValue) -> Value {
    let text = js_sys::JSON::stringify(v).unwrap().as_string().unwrap();
    serde_json::from_str(&text).unwrap()
}

fn object(v: &Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).unwrap()
}

fn error_of(e: &JsValue) -> (String, Vec<String>) {
    assert!(e.dyn_ref::<js_sys::Error>().is_some(), "a real JS Error");
    let code = js_sys::Reflect::get(e, &"code".into()).unwrap().as_string().unwrap();
    let diags = json_of(&js_sys::Reflect::get(e, &"diagnostics".into()).unwrap());
    (code, diags.as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap().to_string()).collect())
}

#[wasm_bindgen_test]
fn hand_worked_case_through_the_class() {
    let mut m = TerritoryModel::new(object(&line())).unwrap();
    let before = json_of(&m.result());
    // T1 = 300, T2 = 100 around a mean of 200 (tests/territory.rs works the figures).
    assert_eq!(before["metrics"]["maxDeviationPotential"], "0.500000");
    assert_eq!(before["metrics"]["objective"], "0.251201");
    let after = json_of(&m.balance(JsValue::NULL).unwrap());
    assert_eq!(after["metrics"]["objective"], "0.000070");
    assert_eq!(after["metrics"]["moved"], 1);
    assert_eq!(after["assignment"][2], json!({"accountId": "a3", "territoryId": "T2"}));
    assert_eq!(
        m.assignment_csv(),
        "accountId,territoryId,previousOwner,moved\na1,T1,T1,false\na2,T1,T1,false\na3,T2,T1,true\na4,T2,T2,false\n"
    );
    let moved = json_of(&m.move_account("a3".into(), "T1".into()).unwrap());
    assert_eq!(moved["metrics"]["objective"], "0.251201");
}

#[wasm_bindgen_test]
fn a_generated_instance_gives_the_same_result_as_text_and_object() {
    let text = territory_sample(400.into(), 9.into(), 5.into()).unwrap();
    let mut m = TerritoryModel::new(JsValue::from_str(&text)).unwrap();
    let balanced = json_of(&m.balance(object(&json!({"seed": 3, "weights": {"compactness": "0.01"}}))).unwrap());
    assert_eq!(serde_json::from_str::<Value>(&m.result_json()).unwrap(), balanced);
    assert_eq!(m.assignment_csv().lines().count(), 401);
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_paths() {
    let mut v = line();
    v["accounts"][0]["potential"] = json!(100);
    let e = TerritoryModel::new(object(&v)).err().unwrap();
    assert_eq!(error_of(&e), ("DECIMAL_NOT_STRING".to_string(), vec!["accounts[0].potential".to_string()]));
    let mut v = line();
    v["accounts"][0]["locked"] = json!(true);
    let mut m = TerritoryModel::new(object(&v)).unwrap();
    let e = m.move_account("a1".into(), "T2".into()).err().unwrap();
    assert_eq!(error_of(&e), ("ACCOUNT_LOCKED".to_string(), vec!["accountId".to_string()]));
    let e = m.balance(object(&json!({"maxIterations": 0}))).err().unwrap();
    assert_eq!(error_of(&e).1, vec!["maxIterations".to_string()]);
}
