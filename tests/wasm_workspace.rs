//! wasm-bindgen tests of the workspace exports, run in Node by `wasm-pack test --node -- --test
//! wasm_workspace`: `sampleWorkspace` equals the native text byte for byte, `readWorkspace` takes
//! the object as well as the text and throws a located `SpmError`, and the derivations equal
//! their native functions.
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use spm_engine::{
    accounts_for, quota_input_for, read_workspace, sample_workspace, scoring_input_for, territory_input_for,
};
use spm_wire::workspace::{self, text};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn error_of(e: &JsValue) -> (String, String, Vec<String>) {
    let err: &js_sys::Error = e.dyn_ref().expect("a real JS Error");
    let code = js_sys::Reflect::get(e, &"code".into()).unwrap().as_string().unwrap();
    let diags = js_sys::JSON::stringify(&js_sys::Reflect::get(e, &"diagnostics".into()).unwrap()).unwrap();
    let diags: Value = serde_json::from_str(&diags.as_string().unwrap()).unwrap();
    let paths = diags.as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap().to_string()).collect();
    (String::from(err.name()), code, paths)
}

#[wasm_bindgen_test]
fn the_sample_and_its_reading_equal_the_native_ones() {
    let sample = sample_workspace();
    assert_eq!(sample, workspace::write(&workspace::sample_workspace()));
    let native = workspace::read_json(&sample).unwrap();
    assert_eq!(read_workspace(JsValue::from_str(&sample)).unwrap(), native);
    let object = js_sys::JSON::parse(&sample).unwrap();
    assert_eq!(read_workspace(object).unwrap(), native);
}

#[wasm_bindgen_test]
fn errors_are_located_js_errors() {
    let e =
        read_workspace(JsValue::from_str(r#"{"format":"spm-workspace","schemaVersion":9,"name":"x"}"#)).unwrap_err();
    assert_eq!(error_of(&e), ("SpmError".into(), "SCHEMA_VERSION".into(), vec!["schemaVersion".into()]));
    let e = read_workspace(JsValue::from_f64(1.0)).unwrap_err();
    assert_eq!(error_of(&e).1, "INVALID_ARGUMENT");
    let e = quota_input_for(JsValue::from_str("[]"), JsValue::NULL, JsValue::from_str(r#"{"year":2027}"#)).unwrap_err();
    assert_eq!(error_of(&e).2, vec!["dealsCsv".to_string()]);
}

#[wasm_bindgen_test]
fn derivations_equal_the_native_functions() {
    let ws = workspace::sample_workspace();
    let people = serde_json::to_string(&ws.people).unwrap();
    let accounts = serde_json::to_string(&ws.accounts).unwrap();
    let territories = serde_json::to_string(&ws.territories).unwrap();
    let (p, d, a) = (JsValue::from_str(&people), JsValue::from_str(&ws.deals_csv), JsValue::from_str(&ws.activity_csv));
    assert_eq!(
        territory_input_for(p.clone(), JsValue::from_str(&accounts), JsValue::from_str(&territories)).unwrap(),
        text::territory_input_json(&people, &accounts, &territories).unwrap()
    );
    let options = r#"{"year":2027,"growthPercent":"8"}"#;
    assert_eq!(
        quota_input_for(p.clone(), d.clone(), JsValue::from_str(options)).unwrap(),
        text::quota_input_json(&people, &ws.deals_csv, options).unwrap()
    );
    assert_eq!(
        scoring_input_for(p.clone(), d.clone(), a).unwrap(),
        text::scoring_input_json(&people, &ws.deals_csv, &ws.activity_csv).unwrap()
    );
    assert_eq!(accounts_for(p, d).unwrap(), text::accounts_json(&people, &ws.deals_csv).unwrap());
}
