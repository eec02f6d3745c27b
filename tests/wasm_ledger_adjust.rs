//! wasm-bindgen tests of payee adjustments in the ledger, run in Node by `wasm-pack test --node
//! -- --test wasm_ledger_adjust`: the hand-worked SPIFF month through `PlanEngine.ledger` with the
//! new last argument (CSV text, an array of objects, `undefined` and `null`); the contest's
//! `ScoringModel.spiffRows()` straight into the ledger; the result byte for byte the core's;
//! errors as real JS `Error`s with a code and located diagnostics.
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use spm_engine::{Dataset, PlanEngine, ScoringModel};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const PLAN: &str = r#"{"schemaVersion":1,"id":"p","name":"P","currency":"USD","period":"month",
  "rounding":{"mode":"halfUp","at":"component"},
  "components":[{"id":"c","name":"Commission","kind":"commission","rateTable":{"mode":"flat","base":"amount","evaluation":"perTransaction","tiers":[{"from":"0","to":null,"rate":"0.1"}]}}]}"#;
const TXNS: &str = r#"[{"id":"x","date":"2026-01-15","payeeId":"a","amount":"10000.00"}]"#;
const PAYEES: &str = r#"[{"id":"a","name":"A"},{"id":"b","name":"B"}]"#;
const SPIFF_CSV: &str = "payeeId,date,amount,currency,reason\na,2026-01-31,500.00,USD,\"December dash, 1st place\"\n";

fn json_of(v: &JsValue) -> Value {
    let text = js_sys::JSON::stringify(v).unwrap().as_string().unwrap();
    serde_json::from_str(&text).unwrap()
}

fn error_of(e: &JsValue) -> (String, String, Vec<String>) {
    let err: &js_sys::Error = e.dyn_ref().expect("a real JS Error");
    let code = js_sys::Reflect::get(e, &"code".into()).unwrap().as_string().unwrap();
    let diags = json_of(&js_sys::Reflect::get(e, &"diagnostics".into()).unwrap());
    let paths = diags.as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap().to_string()).collect();
    (String::from(err.name()), code, paths)
}

fn setup() -> (PlanEngine, Dataset) {
    let engine = PlanEngine::new(JsValue::from_str(PLAN)).unwrap();
    let data = Dataset::from_json(JsValue::from_str(TXNS), JsValue::from_str(PAYEES)).unwrap();
    (engine, data)
}

#[wasm_bindgen_test]
fn a_spiff_is_paid_with_the_months_earnings_in_wasm() {
    let (engine, data) = setup();
    let run = engine.ledger(&data, JsValue::NULL, JsValue::UNDEFINED, JsValue::from_str(SPIFF_CSV)).unwrap();
    let a = json_of(&run.payee("a".into()).unwrap());
    // January: 10% of 10,000.00 = 1,000.00 earned; the SPIFF 500.00; paid 1,500.00.
    let kinds: Vec<(&str, &str)> = a["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["kind"].as_str().unwrap(), e["amount"].as_str().unwrap()))
        .collect();
    assert_eq!(kinds, [("earned", "1000.00"), ("spiff", "500.00"), ("payment", "-1500.00")]);
    assert_eq!(a["entries"][1]["text"], "SPIFF: December dash, 1st place: USD 500.00.");
    assert_eq!(a["periods"][0]["spiffs"], "500.00");
    assert_eq!(a["totals"]["paid"], "1500.00");
    // The JSON text carries the same values as the objects.
    let text: Value = serde_json::from_str(&run.json().unwrap()).unwrap();
    assert_eq!(text["payees"][0]["totals"], a["totals"]);
    assert!(run
        .payroll_csv()
        .lines()
        .nth(1)
        .unwrap()
        .ends_with(",1500.00,1000.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,500.00,0.00"));
    // An array of objects does the same; `undefined` and `null` are no adjustments.
    let rows = js_sys::JSON::parse(
        r#"[{"payeeId":"a","date":"2026-01-31","amount":"500.00","reason":"December dash, 1st place"}]"#,
    )
    .unwrap();
    let same = engine.ledger(&data, JsValue::NULL, JsValue::UNDEFINED, rows).unwrap();
    assert_eq!(json_of(&same.payee("a".into()).unwrap())["totals"], a["totals"]);
    for none in [JsValue::UNDEFINED, JsValue::NULL] {
        let plain = engine.ledger(&data, JsValue::NULL, JsValue::UNDEFINED, none).unwrap();
        assert_eq!(json_of(&plain.payee("a".into()).unwrap())["totals"]["paid"], "1000.00");
    }
}

#[wasm_bindgen_test]
fn a_contests_spiff_rows_go_straight_into_the_ledger() {
    let defs = r#"{"schemaVersion":1,"asOf":"2026-01-31","contests":[{"id":"jan","name":"January dash","metric":"count:deal",
      "from":"2026-01-01","to":"2026-01-31","currency":"USD",
      "prizes":[{"place":1,"amount":"300.00"},{"place":2,"amount":"200.00"},{"place":3,"amount":"100.00"}]}]}"#;
    let events = r#"[{"id":"e1","payeeId":"a","type":"deal","date":"2026-01-10","amount":"1"},
      {"id":"e2","payeeId":"a","type":"deal","date":"2026-01-11","amount":"1"},
      {"id":"e3","payeeId":"b","type":"deal","date":"2026-01-10","amount":"1"}]"#;
    let model = ScoringModel::new(JsValue::from_str(defs), JsValue::NULL, JsValue::from_str(events)).unwrap();
    let (engine, data) = setup();
    let run = engine.ledger(&data, JsValue::NULL, JsValue::UNDEFINED, model.spiff_rows().unwrap()).unwrap();
    // a: 2 deals, 1st: 300.00 + 1,000.00 earned = 1,300.00. b: 1 deal, 2nd: 200.00 (place 3
    // has nobody: 100.00 unclaimed).
    assert_eq!(json_of(&run.payee("a".into()).unwrap())["totals"]["paid"], "1300.00");
    let b = json_of(&run.payee("b".into()).unwrap());
    assert_eq!((b["totals"]["spiffs"].as_str(), b["totals"]["paid"].as_str()), (Some("200.00"), Some("200.00")));
    assert_eq!(b["entries"][0]["text"], "SPIFF: January dash: place 2: USD 200.00.");
}

#[wasm_bindgen_test]
fn bad_adjustments_are_located_js_errors() {
    let (engine, data) = setup();
    let e = engine
        .ledger(
            &data,
            JsValue::NULL,
            JsValue::UNDEFINED,
            JsValue::from_str("payeeId,date,amount\nzz,2026-01-31,5.00\n"),
        )
        .err()
        .unwrap();
    assert_eq!(error_of(&e), ("SpmError".into(), "UNKNOWN_REFERENCE".into(), vec!["line 2, column payeeId".into()]));
    let bad = js_sys::JSON::parse(r#"[{"payeeId":"a","date":"2026-01-31","amount":500}]"#).unwrap();
    let e = engine.ledger(&data, JsValue::NULL, JsValue::UNDEFINED, bad).err().unwrap();
    assert_eq!(error_of(&e).1, "DECIMAL_NOT_STRING");
    assert_eq!(error_of(&e).2, ["adjustments[0].amount"]);
}
