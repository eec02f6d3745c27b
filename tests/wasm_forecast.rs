//! wasm-bindgen tests of forecasting, run in Node by `wasm-pack test --node -- --test
//! wasm_forecast`: the golden inputs through the object API and the text API (`forecastJson`,
//! `forecastPipelineJson`) give the same text (the golden files themselves go through the wasm
//! build in `tests/js/golden.test.mjs`, compared with the native results byte for byte, so a
//! seeded, simulated forecast is the same natively and in wasm); hand-worked pipeline and
//! seasonal results through the object API; objects as input (a JS number where a decimal
//! belongs is refused); errors as real JS `Error`s with a code and located diagnostics; and the
//! time of one 36-month series; and the engine's `ln` and `exp` (the `libm` crate) give in wasm
//! the bits they give natively (the digest over `tests/common/libm_grid.rs` that `tests/libm.rs`
//! checks natively).
#![cfg(target_arch = "wasm32")]

#[path = "common/libm_grid.rs"]
mod grid;

use serde_json::{json, Value};
use spm_engine::Dataset;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

/// `(name, golden file)`: `tests/golden.rs` and `tests/js/golden.test.mjs` check them natively
/// and in the wasm build.
const GOLDEN: &[(&str, &str)] = &[
    ("hierarchy", include_str!("golden/forecast/hierarchy.json")),
    ("simulated", include_str!("golden/forecast/simulated.json")),
    ("pipeline", include_str!("golden/forecast_pipeline/stages.json")),
];

/// A JS value as JSON, through `JSON.stringify`.
fn json_of(v: &JsValue) -> Value {
    let text = js_sys::JSON::stringify(v).unwrap().as_string().unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The error's name, `code` and its diagnostics' paths.
fn error_of(e: &JsValue) -> (String, String, Vec<String>) {
    let err: &js_sys::Error = e.dyn_ref().expect("a real JS Error");
    let code = js_sys::Reflect::get(e, &"code".into()).unwrap().as_string().unwrap();
    let diags = json_of(&js_sys::Reflect::get(e, &"diagnostics".into()).unwrap());
    let paths = diags.as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap().to_string()).collect();
    (String::from(err.name()), code, paths)
}

/// The same constants as the native `tests/libm.rs`: `ln` and `exp` give identical bits in wasm
/// and natively on every input of the grid, so forecasts and simulations cannot part over a last
/// bit.
#[wasm_bindgen_test]
fn ln_and_exp_digests_are_the_native_ones() {
    use spm_analytics::forecast::math::{exp, ln};
    let l = grid::digest(&grid::ln_inputs(), ln);
    let e = grid::digest(&grid::exp_inputs(), exp);
    assert_eq!((l.0, l.1), grid::LN_DIGEST, "ln: {:#018x} over {}", l.0, l.1);
    assert_eq!((e.0, e.1), grid::EXP_DIGEST, "exp: {:#018x} over {}", e.0, e.1);
}

#[wasm_bindgen_test]
fn objects_give_the_same_result_as_text() {
    // The object API's result, through `JSON.stringify`, is the text API's text.
    for (name, golden) in GOLDEN {
        let g: Value = serde_json::from_str(golden).unwrap();
        let input = g["input"].to_string();
        let object = js_sys::JSON::parse(&input).unwrap();
        let (out, text) = if *name == "pipeline" {
            (Dataset::forecast_pipeline(object), Dataset::forecast_pipeline_json(&input))
        } else {
            (Dataset::forecast_series(object), Dataset::forecast_json(&input))
        };
        let stringified = js_sys::JSON::stringify(&out.unwrap()).unwrap().as_string().unwrap();
        assert!(stringified == text.unwrap(), "{name}: JSON.stringify of the object differs from the text");
    }
}

#[wasm_bindgen_test]
fn pipeline_by_hand() {
    // 2026-07: 0.4 × 10,000 + 0.7 × 5,000 = 7,500 (outcomes 0: 0.18, 5,000: 0.42, 10,000: 0.12,
    // 15,000: 0.28, so P10 = 0 and P90 = 15,000); 2026-08: 0.1 × 20,000 = 2,000.
    let input = json!({
        "asOf": "2026-07",
        "stages": [{"name": "qualify", "probability": "0.1"}, {"name": "propose", "probability": "0.4"}, {"name": "negotiate", "probability": "0.7"}],
        "deals": [
            {"id": "A", "amount": "10000", "stage": "propose", "closeMonth": "2026-07"},
            {"id": "B", "amount": "5000", "stage": "negotiate", "closeMonth": "2026-07"},
            {"id": "C", "amount": "20000", "stage": "qualify", "closeMonth": "2026-08"}
        ]
    });
    let out = json_of(&Dataset::forecast_pipeline(JsValue::from_str(&input.to_string())).unwrap());
    assert_eq!(
        out["months"][0],
        json!({"month": "2026-07", "deals": 2, "expected": "7500.00", "p10": "0.00", "p90": "15000.00", "method": "exact"})
    );
    assert_eq!(out["months"][1]["expected"], "2000.00");
    assert_eq!(out["total"]["expected"], "9500.00");
}

#[wasm_bindgen_test]
fn a_pure_seasonal_series_is_recovered_in_wasm() {
    let pattern = [100.0, 80.0, 120.0, 140.0, 160.0, 150.0, 130.0, 110.0, 170.0, 190.0, 210.0, 250.0];
    let values: Vec<String> = (0..48).map(|t| format!("{:.2}", 1000.0 * pattern[t % 12] + 500.0 * t as f64)).collect();
    let input = json!({"series": [{"id": "s", "start": "2023-01", "values": values}], "horizon": 12}).to_string();
    let out = json_of(&Dataset::forecast_series(JsValue::from_str(&input)).unwrap());
    let s = &out["series"][0];
    assert!(s["model"].as_str().unwrap().ends_with(",A)"), "{}", s["model"]);
    assert_eq!(s["forecast"][0]["mean"], "124000.00");
    assert_eq!(s["forecast"][11]["mean"], "279500.00");
    // The text form carries the same values as the object form.
    let text: Value = serde_json::from_str(&Dataset::forecast_json(&input).unwrap()).unwrap();
    assert_eq!(text, out);
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_paths() {
    let bad = js_sys::JSON::parse(r#"{"series":[{"id":"a","start":"2024-01","values":["1","2","3",4]}],"horizon":3}"#)
        .unwrap();
    let (name, code, paths) = error_of(&Dataset::forecast_series(bad).unwrap_err());
    assert_eq!((name.as_str(), code.as_str()), ("SpmError", "DECIMAL_NOT_STRING"));
    assert_eq!(paths, vec!["series[0].values[3]"]);
    let (_, code, paths) = error_of(
        &Dataset::forecast_pipeline(JsValue::from_str(
            r#"{"asOf":"2026-06","deals":[{"id":"d","amount":"5","stage":"s","closeMonth":"2026-07"}]}"#,
        ))
        .unwrap_err(),
    );
    assert_eq!((code.as_str(), paths), ("UNKNOWN_REFERENCE", vec!["deals[0].stage".to_string()]));
    let (_, code, _) = error_of(&Dataset::forecast_json("{").unwrap_err());
    assert_eq!(code, "JSON_SYNTAX");
    // Too few values, an unknown field, a bad month: each at its path.
    for (text, want_code, want_path) in [
        (
            r#"{"series":[{"id":"a","start":"2024-01","values":["1","2"]}],"horizon":3}"#,
            "OUT_OF_RANGE",
            "series[0].values",
        ),
        (
            r#"{"series":[{"id":"a","start":"2024-01","values":["1","2","3"],"colour":"red"}],"horizon":3}"#,
            "UNKNOWN_FIELD",
            "series[0].colour",
        ),
        (
            r#"{"series":[{"id":"a","start":"2024-13","values":["1","2","3"]}],"horizon":3}"#,
            "DATE_INVALID",
            "series[0].start",
        ),
    ] {
        let (name, code, paths) = error_of(&Dataset::forecast_series(js_sys::JSON::parse(text).unwrap()).unwrap_err());
        assert_eq!(
            (name.as_str(), code.as_str(), paths),
            ("SpmError", want_code, vec![want_path.to_string()]),
            "{text}"
        );
    }
}

#[wasm_bindgen_test]
fn time_of_a_36_month_series() {
    let season = [0.80, 0.85, 1.05, 0.95, 1.00, 1.10, 0.90, 0.85, 1.05, 1.10, 1.05, 1.30];
    // `performance.now()`, finer than `Date.now()`.
    let perf = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).unwrap();
    let now_fn: js_sys::Function = js_sys::Reflect::get(&perf, &"now".into()).unwrap().into();
    let now = || now_fn.call0(&perf).unwrap().as_f64().unwrap();
    let mut s: u64 = 12345;
    let mut core = Vec::new();
    let mut wire = Vec::new();
    for _ in 0..40 {
        let y: Vec<f64> = (0..36)
            .map(|t| {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                let noise = (s % 10_000) as f64 / 10_000.0 - 0.5;
                ((40_000.0 + 300.0 * t as f64) * season[t % 12] * (1.0 + 0.2 * noise) * 100.0).round() / 100.0
            })
            .collect();
        let t0 = now();
        for _ in 0..10 {
            assert_eq!(spm_analytics::forecast::auto_forecast(&y, 12, 12).len(), 12);
        }
        core.push((now() - t0) / 10.0);
        let values: Vec<String> = y.iter().map(|v| format!("{v:.2}")).collect();
        let input = json!({"series": [{"id": "s", "start": "2024-01", "values": values}], "horizon": 12}).to_string();
        let t0 = now();
        for _ in 0..10 {
            assert!(Dataset::forecast_json(&input).is_ok());
        }
        wire.push((now() - t0) / 10.0);
    }
    core.sort_by(f64::total_cmp);
    wire.sort_by(f64::total_cmp);
    console_log!(
        "wasm, 36 seasonal months: fit + forecast median {:.3} ms, whole forecastJson median {:.3} ms (debug build unless --release)",
        core[core.len() / 2],
        wire[wire.len() / 2]
    );
}
