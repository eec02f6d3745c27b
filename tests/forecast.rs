//! Forecasting (issue 8), natively: hand-worked smoothing, accuracy measures and pipeline
//! forecasts; a pure seasonal series recovered; a constant series; errors located; determinism;
//! sums and levels of the golden hierarchy; property tests. The golden files themselves
//! (`tests/golden/forecast/`, `tests/golden/forecast_pipeline/`: engine output checked by hand
//! for plausibility, see their `source`) are run by `tests/golden.rs`, and compared between the
//! native and the wasm build by `tests/js/golden.test.mjs`.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Value};
use spm_analytics::forecast::accuracy::{mase, smape};
use spm_analytics::forecast::ets::{self, Model, Params, States};
use spm_analytics::forecast::{
    auto_forecast, classic, fit, forecast_json, forecast_json_text, pipeline_json, pipeline_json_text,
};
use spm_base::Code;

fn run(input: &Value) -> Value {
    serde_json::to_value(forecast_json(&input.to_string()).unwrap()).unwrap()
}

fn run_pipeline(input: &Value) -> Value {
    serde_json::to_value(pipeline_json(&input.to_string()).unwrap()).unwrap()
}

/// The error's code and each diagnostic's `(path, code)`.
fn error(text: &str, pipeline: bool) -> (Code, Vec<(String, Code)>) {
    let e = if pipeline { pipeline_json(text).unwrap_err() } else { forecast_json(text).unwrap_err() };
    (e.code, e.diagnostics.iter().map(|d| (d.path.clone(), d.code)).collect())
}

fn strings(v: &[f64]) -> Vec<String> {
    v.iter().map(|x| format!("{x:.2}")).collect()
}

const PATTERN: [f64; 12] = [100.0, 80.0, 120.0, 140.0, 160.0, 150.0, 130.0, 110.0, 170.0, 190.0, 210.0, 250.0];

#[test]
fn simple_exponential_smoothing_by_hand() {
    // ETS(A,N,N) with α = 0.3 from ℓ0 = 100 over 110, 90, 120:
    //   μ1 = 100,   e1 = 10,    ℓ1 = 100 + 0.3 × 10      = 103
    //   μ2 = 103,   e2 = −13,   ℓ2 = 103 − 0.3 × 13      = 99.1
    //   μ3 = 99.1,  e3 = 20.9,  ℓ3 = 99.1 + 0.3 × 20.9   = 105.37
    // and every forecast is ℓ3 = 105.37.
    let model = Model::parse("ANN").unwrap();
    let p = Params { alpha: 0.3, beta: 0.0, gamma: 0.0, phi: 1.0 };
    let x0 = States { level: 100.0, trend: 0.0, season: vec![] };
    let (fitted, end) = ets::filter(model, &p, &[110.0, 90.0, 120.0], &x0).unwrap();
    assert_eq!(strings(&fitted), ["100.00", "103.00", "99.10"]);
    assert!((end.level - 105.37).abs() < 1e-12);
    assert_eq!(strings(&ets::point_forecast(model, &p, &end, 3)), ["105.37", "105.37", "105.37"]);

    // Holt's linear trend, ETS(A,A,N), α = 0.5, β = 0.2, ℓ0 = 10, b0 = 2 over 13, 13:
    //   μ1 = 12, e1 = 1,  ℓ1 = 12 + 0.5 = 12.5,  b1 = 2 + 0.2 = 2.2
    //   μ2 = 14.7, e2 = −1.7, ℓ2 = 14.7 − 0.85 = 13.85, b2 = 2.2 − 0.34 = 1.86
    //   forecasts 13.85 + 1.86 h: 15.71, 17.57.
    let holt = Model::parse("AAN").unwrap();
    let p = Params { alpha: 0.5, beta: 0.2, gamma: 0.0, phi: 1.0 };
    let x0 = States { level: 10.0, trend: 2.0, season: vec![] };
    let (fitted, end) = ets::filter(holt, &p, &[13.0, 13.0], &x0).unwrap();
    assert_eq!(strings(&fitted), ["12.00", "14.70"]);
    assert_eq!(strings(&ets::point_forecast(holt, &p, &end, 2)), ["15.71", "17.57"]);

    // SES with the least-squares initial level: y = 10, 12 and α = 0.5 give errors
    // (10 − ℓ0, 7 − ℓ0/2), whose squares are smallest at ℓ0 = (10 + 3.5) / 1.25 = 10.8.
    let s = classic::ses_at(&[10.0, 12.0], 0.5);
    assert!((s.level0 - 10.8).abs() < 1e-12);
}

#[test]
fn smape_and_mase_by_hand() {
    // sMAPE of (100, 200) forecast as (110, 180): mean(200·10/210, 200·20/380)
    //   = mean(9.5238095, 10.5263158) = 10.0250627 %.
    assert!((smape(&[100.0, 200.0], &[110.0, 180.0]) - 10.025_062_656_641_6).abs() < 1e-9);
    assert_eq!(smape(&[0.0], &[0.0]), 0.0);
    // MASE with lag 1: in-sample 10, 12, 15, 11 changes by 2, 3, 4 (mean 3); the forecast
    // errors 2 and 2 (mean 2) give 2/3.
    assert!((mase(&[10.0, 12.0, 15.0, 11.0], &[13.0, 9.0], &[11.0, 11.0], 1).unwrap() - 2.0 / 3.0).abs() < 1e-12);
    // Seasonal scale: 24 months where each is 5 above the same month a year before; errors of
    // 10 give MASE 2.
    let y: Vec<f64> = (0..24).map(|t| PATTERN[t % 12] + if t >= 12 { 5.0 } else { 0.0 }).collect();
    assert!((mase(&y, &[1.0, 2.0], &[11.0, -8.0], 12).unwrap() - 2.0).abs() < 1e-12);
    assert_eq!(mase(&[3.0, 3.0, 3.0], &[1.0], &[2.0], 1), None);
}

#[test]
fn a_pure_seasonal_series_is_recovered() {
    // Four years of a fixed pattern: the chosen model is seasonal and repeats the pattern.
    let y: Vec<f64> = (0..48).map(|t| 1000.0 * PATTERN[t % 12]).collect();
    let sel = fit::select(&y, 12, &fit::candidates(&y, 12, true)).unwrap();
    assert!(sel.best.model.seasonal(), "{}", sel.best.model.name());
    for (i, f) in sel.best.forecast(24).iter().enumerate() {
        assert!((f - 1000.0 * PATTERN[i % 12]).abs() < 1e-6, "month {i}: {f}");
    }
    // With a linear trend of 500 a month on top, the continuation is recovered too.
    let y: Vec<f64> = (0..48).map(|t| 1000.0 * PATTERN[t % 12] + 500.0 * t as f64).collect();
    let f = auto_forecast(&y, 12, 12);
    for (i, v) in f.iter().enumerate() {
        let want = 1000.0 * PATTERN[i % 12] + 500.0 * (48 + i) as f64;
        assert!((v - want).abs() < 1e-6 * want, "month {i}: {v} vs {want}");
    }
    // Through the wire format: the same numbers, a seasonal model, no uncertainty left.
    let values: Vec<String> = y.iter().map(|v| format!("{v:.2}")).collect();
    let out = run(&json!({"series": [{"id": "s", "start": "2023-01", "values": values}], "horizon": 12}));
    let s = &out["series"][0];
    assert!(s["model"].as_str().unwrap().ends_with(",A)"), "{}", s["model"]);
    assert_eq!(s["seasonality"]["seasonal"], true);
    assert_eq!(s["forecast"][0]["month"], "2027-01");
    // Month 48 + i is 1000 × PATTERN[i] + 500 × (48 + i): 100,000 + 24,000 = 124,000.00 for
    // January … 250,000 + 29,500 = 279,500.00 for December; every one to the cent, and the
    // intervals have no width left.
    for i in 0..12 {
        let want = format!("{:.2}", 1000.0 * PATTERN[i] + 500.0 * (48 + i) as f64);
        let p = &s["forecast"][i];
        assert_eq!(p["mean"].as_str(), Some(want.as_str()), "month {i}");
        assert_eq!(p["intervals"][1], json!({"level": "0.95", "lower": want, "upper": want}));
    }
    assert_eq!(s["forecast"][0]["mean"], "124000.00");
    assert_eq!(s["forecast"][11]["mean"], "279500.00");
}

#[test]
fn a_constant_series_forecasts_the_constant_with_zero_width_intervals() {
    let out = run(&json!({"series": [{"id": "c", "start": "2025-01", "values": vec!["1234.50"; 24]}], "horizon": 3}));
    let s = &out["series"][0];
    assert_eq!(s["model"], "ETS(A,N,N)");
    for p in s["forecast"].as_array().unwrap() {
        assert_eq!(p["mean"], "1234.50");
        for i in p["intervals"].as_array().unwrap() {
            assert_eq!((i["lower"].as_str(), i["upper"].as_str()), (Some("1234.50"), Some("1234.50")));
        }
    }
    // Zeros too (no multiplicative model can be tried on them).
    let out = run(&json!({"series": [{"id": "z", "start": "2025-01", "values": vec!["0"; 10]}], "horizon": 2}));
    assert_eq!(out["series"][0]["forecast"][1]["mean"], "0.00");
}

#[test]
fn a_short_series_gets_the_naive_forecast() {
    // Three months: no ETS model fits (ETS(A,N,N) needs 5); the last value is repeated and the
    // interval is a random walk's: σ² = ((−20)² + 30²)/2 = 650, 80% half-width 1.2816 × √(650 h): 110 − 32.67 and 110 + 46.21.
    let out = run(
        &json!({"series": [{"id": "n", "start": "2026-01", "values": ["100", "80", "110"]}], "horizon": 2, "intervals": ["0.8"]}),
    );
    let s = &out["series"][0];
    assert_eq!(s["model"], "Naive");
    assert_eq!(s["forecast"][1]["mean"], "110.00");
    assert_eq!(s["forecast"][0]["intervals"][0]["lower"], "77.33");
    assert_eq!(s["forecast"][1]["intervals"][0]["upper"], "156.21");
}

#[test]
fn pipeline_with_given_probabilities_by_hand() {
    let input = json!({
        "asOf": "2026-06",
        "stages": [{"name": "qualify", "probability": "0.1"}, {"name": "propose", "probability": "0.4"}, {"name": "negotiate", "probability": "0.7"}],
        "deals": [
            {"id": "A", "amount": "10000", "stage": "propose", "closeMonth": "2026-07"},
            {"id": "B", "amount": "5000", "stage": "negotiate", "closeMonth": "2026-07"},
            {"id": "C", "amount": "20000", "stage": "qualify", "closeMonth": "2026-08"}
        ]
    });
    let out = run_pipeline(&input);
    let months = out["months"].as_array().unwrap();
    // 2026-06: nothing. 2026-07: 0.4 × 10,000 + 0.7 × 5,000 = 7,500; the outcomes 0 (0.6 × 0.3 =
    // 0.18), 5,000 (0.42), 10,000 (0.12), 15,000 (0.28) give P10 = 0 and P90 = 15,000.
    // 2026-08: 0.1 × 20,000 = 2,000; P(0) = 0.9 reaches the 90th percentile, so P90 = 0.
    assert_eq!(
        months[0],
        json!({"month": "2026-06", "deals": 0, "expected": "0.00", "p10": "0.00", "p90": "0.00", "method": "exact"})
    );
    assert_eq!(
        months[1],
        json!({"month": "2026-07", "deals": 2, "expected": "7500.00", "p10": "0.00", "p90": "15000.00", "method": "exact"})
    );
    assert_eq!(
        months[2],
        json!({"month": "2026-08", "deals": 1, "expected": "2000.00", "p10": "0.00", "p90": "0.00", "method": "exact"})
    );
    // All three: 9,500; cumulative 0.162 (0), 0.540 (5,000), 0.648 (10,000), 0.900 (15,000).
    assert_eq!(
        out["total"],
        json!({"deals": 3, "expected": "9500.00", "p10": "0.00", "p90": "15000.00", "method": "exact"})
    );
    assert!(out["stages"].as_array().unwrap().iter().all(|s| s["learned"] == false));
}

#[test]
fn pipeline_with_learned_probabilities_by_hand() {
    // Five closed deals: qualify reached 5 times (2 won: 0.4), propose 4 (2 won: 0.5),
    // negotiate 3 (2 won: 2/3).
    let history = json!([
        {"id": "h1", "stages": ["qualify", "propose", "negotiate"], "won": true},
        {"id": "h2", "stages": ["qualify", "propose"], "won": false},
        {"id": "h3", "stages": ["qualify"], "won": false},
        {"id": "h4", "stages": ["qualify", "propose", "negotiate", "negotiate"], "won": false},
        {"id": "h5", "amount": "12000", "stages": ["qualify", "propose", "negotiate"], "won": true}
    ]);
    let mut input = json!({
        "asOf": "2026-06",
        "stages": [{"name": "qualify", "probability": "0.1"}, {"name": "propose", "probability": "0.4"}, {"name": "negotiate", "probability": "0.7"}],
        "deals": [
            {"id": "A", "amount": "10000", "stage": "propose", "closeMonth": "2026-07"},
            {"id": "B", "amount": "5000", "stage": "negotiate", "closeMonth": "2026-07"},
            {"id": "C", "amount": "20000", "stage": "qualify", "closeMonth": "2026-05"}
        ],
        "history": history,
        "minSample": 4
    });
    // minSample 4: qualify (5) and propose (4) are learned, negotiate (3) keeps its given 0.7.
    // 2026-06 holds C (closing in May, before asOf): 0.4 × 20,000 = 8,000.
    // 2026-07: 0.5 × 10,000 + 0.7 × 5,000 = 8,500.
    let out = run_pipeline(&input);
    assert_eq!(out["months"][0]["expected"], "8000.00");
    assert_eq!(out["months"][1]["expected"], "8500.00");
    let stages = &out["stages"];
    assert_eq!(
        stages[0],
        json!({"name": "qualify", "probability": "0.4", "learned": true, "sample": 5, "won": 2, "given": "0.1"})
    );
    assert_eq!(
        stages[1],
        json!({"name": "propose", "probability": "0.5", "learned": true, "sample": 4, "won": 2, "given": "0.4"})
    );
    assert_eq!(
        stages[2],
        json!({"name": "negotiate", "probability": "0.7", "learned": false, "sample": 3, "won": 2, "given": "0.7"})
    );
    // minSample 3: negotiate is learned too, 2/3: 5,000 + 5,000 × 2/3 = 8,333.33.
    input["minSample"] = json!(3);
    let out = run_pipeline(&input);
    assert_eq!(out["months"][1]["expected"], "8333.33");
    assert_eq!(out["stages"][2]["probability"], "0.666667");
    // Without given probabilities a stage below the minimum sample has none: an error at the deal.
    input["stages"] = json!([]);
    input["minSample"] = json!(4);
    let (code, diags) = error(&input.to_string(), true);
    assert_eq!(code, Code::UnknownReference);
    assert_eq!(diags, vec![("deals[1].stage".to_string(), Code::UnknownReference)]);
}

#[test]
fn errors_are_located() {
    let (code, diags) = error(
        r#"{"series":[{"id":"a","start":"2024-01","values":["1","2","3",4,"x"]},{"id":"a","parent":"zz","start":"2024-13","values":["1","2","3"]}],"horizon":40,"model":"XYZ","intervals":["1.5"]}"#,
        false,
    );
    assert_eq!(code, Code::OutOfRange);
    let want = [
        ("horizon", Code::OutOfRange),
        ("model", Code::WrongType),
        ("intervals[0]", Code::OutOfRange),
        ("series[1].id", Code::IdInvalid),
        ("series[0].values[3]", Code::DecimalNotString),
        ("series[0].values[4]", Code::DecimalInvalid),
        ("series[1].parent", Code::UnknownReference),
        ("series[1].start", Code::DateInvalid),
    ];
    for (p, c) in want {
        assert!(diags.contains(&(p.to_string(), c)), "{p} {c:?} missing from {diags:?}");
    }
    assert_eq!(
        error(r#"{"series":[],"horizon":3,"extra":1}"#, false).1,
        vec![("extra".to_string(), Code::UnknownField)]
    );
    let (_, d) = error(r#"{"series":[{"id":"a","parent":"b"},{"id":"b","parent":"a"}],"horizon":3}"#, false);
    assert!(d.contains(&("series[0].parent".to_string(), Code::HierarchyCycle)), "{d:?}");
    let (_, d) = error(
        r#"{"series":[{"id":"a","start":"2024-01","values":["1","2","3"]},{"id":"b","start":"2024-01","values":["1","2","3","4"]}],"horizon":3}"#,
        false,
    );
    assert_eq!(d, vec![("series[0].values".to_string(), Code::OutOfRange)]);
    let (_, d) = error(
        r#"{"series":[{"id":"a","start":"2024-01","values":["1","-2","3","4","5","6"]}],"horizon":3,"model":"MNN"}"#,
        false,
    );
    assert_eq!(d, vec![("series[0].values".to_string(), Code::OutOfRange)]);
    let (_, d) = error(
        r#"{"asOf":"2026-6","deals":[{"id":"d","amount":"-5","stage":"s","closeMonth":"x"}],"stages":[{"name":"s","probability":"1.2"}]}"#,
        true,
    );
    for p in ["asOf", "stages[0].probability", "deals[0].amount", "deals[0].closeMonth"] {
        assert!(d.iter().any(|x| x.0 == p), "{p} missing from {d:?}");
    }
}

#[test]
fn the_same_input_gives_the_same_json() {
    let g: Value = serde_json::from_str(include_str!("golden/forecast/simulated.json")).unwrap();
    let text = g["input"].to_string();
    assert_eq!(forecast_json_text(&text).unwrap(), forecast_json_text(&text).unwrap());
    let g: Value = serde_json::from_str(include_str!("golden/forecast_pipeline/stages.json")).unwrap();
    let text = g["input"].to_string();
    assert_eq!(pipeline_json_text(&text).unwrap(), pipeline_json_text(&text).unwrap());
}

#[test]
fn hierarchy_sums_and_levels() {
    let g: Value = serde_json::from_str(include_str!("golden/forecast/hierarchy.json")).unwrap();
    let out = run(&g["input"]);
    let by_id = |id: &str| out["series"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap().clone();
    let (acme, east, ana, ben, eli) = (by_id("acme"), by_id("east"), by_id("ana"), by_id("ben"), by_id("eli"));
    assert_eq!(
        (acme["level"].as_str(), east["level"].as_str(), ana["level"].as_str()),
        (Some("company"), Some("team"), Some("rep"))
    );
    assert_eq!(east["children"], json!(["ana", "ben"]));
    // The team's history is the sum of its reps' to the cent.
    let cents = |v: &Value| (v.as_str().unwrap().parse::<f64>().unwrap() * 100.0).round() as i64;
    for k in 0..42 {
        assert_eq!(cents(&east["history"][k]), cents(&ana["history"][k]) + cents(&ben["history"][k]));
    }
    // Bottom-up, to the cent: the team's is the sum of its reps' forecasts as written, the
    // company's the sum of its teams' bottom-up figures.
    let west = by_id("west");
    let kids = |s: &Value| -> Vec<Value> {
        s["children"].as_array().unwrap().iter().map(|c| by_id(c.as_str().unwrap())).collect()
    };
    for k in 0..12 {
        let sum: i64 = kids(&east).iter().map(|r| cents(&r["forecast"][k]["mean"])).sum();
        assert_eq!(cents(&east["bottomUp"][k]["mean"]), sum, "east, month {k}");
        let sum: i64 = kids(&west).iter().map(|r| cents(&r["forecast"][k]["mean"])).sum();
        assert_eq!(cents(&west["bottomUp"][k]["mean"]), sum, "west, month {k}");
        let sum = cents(&east["bottomUp"][k]["mean"]) + cents(&west["bottomUp"][k]["mean"]);
        assert_eq!(cents(&acme["bottomUp"][k]["mean"]), sum, "acme, month {k}");
    }
    // The company's history is its teams' sum.
    for k in 0..42 {
        assert_eq!(cents(&acme["history"][k]), cents(&east["history"][k]) + cents(&west["history"][k]));
    }
    assert_eq!(eli["model"], "Naive");
    assert_eq!(acme["accuracy"]["methods"][0]["method"], "ETS");
    assert_eq!(acme["forecast"][0]["month"], "2026-07");
}

/// A fit with given parameters, final states and σ², for interval formulas worked by hand.
fn fit_at(code: &str, p: Params, last: States, sigma2: f64) -> fit::Fit {
    fit::Fit {
        model: Model::parse(code).unwrap(),
        params: p,
        initial: last.clone(),
        last,
        n: 24,
        k: 3,
        neg2_loglik: 0.0,
        aicc: 0.0,
        sigma2,
        fitted: Vec::new(),
        evals: 0,
    }
}

#[test]
fn prediction_intervals_by_hand() {
    use spm_analytics::forecast::intervals::{bands, Method, Simulation};
    let z = 1.959_963_984_540_054; // the 97.5% normal quantile
    let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
    // ETS(A,N,N), α = 0.5, σ² = 4, level 100: the h-step variance is σ²(1 + (h − 1)α²) =
    // 4, 5, 6, so the 95% interval is 100 ± 1.959964 × (2, √5, √6) =
    // (96.080072, 103.919928), (95.617387, 104.382613), (95.199088, 104.800912).
    let p = Params { alpha: 0.5, beta: 0.0, gamma: 0.0, phi: 1.0 };
    let f = fit_at("ANN", p, States { level: 100.0, trend: 0.0, season: vec![] }, 4.0);
    let (b, method) = bands(&f, 3, &[0.95], Simulation::default());
    assert_eq!(method, Method::Analytic);
    for (h, (lo, hi)) in [
        (96.080_072_030_919_9, 103.919_927_969_080_1),
        (95.617_387_297_117_1, 104.382_612_702_882_9),
        (95.199_088_323_644_7, 104.800_911_676_355_3),
    ]
    .iter()
    .enumerate()
    {
        assert!(close(b[0].lower[h], *lo) && close(b[0].upper[h], *hi), "h = {}: {:?}", h + 1, b[0]);
    }
    // Holt, ETS(A,A,N), α = 0.5, β = 0.2: c_j = α + βj = 0.7, 0.9, so at h = 3 the variance is
    // σ²(1 + 0.49 + 0.81) = 2.3 × 4 = 9.2 and the mean 100 + 3 × 2 = 106: 106 ± 1.959964 × √9.2
    // = 106 ± 5.944865.
    let p = Params { alpha: 0.5, beta: 0.2, gamma: 0.0, phi: 1.0 };
    let f = fit_at("AAN", p, States { level: 100.0, trend: 2.0, season: vec![] }, 4.0);
    let (b, _) = bands(&f, 3, &[0.95], Simulation::default());
    assert!(close(b[0].lower[2], 106.0 - 5.944_865_107_837_682) && close(b[0].upper[2], 106.0 + 5.944_865_107_837_682));
    // Additive season, ETS(A,N,A), α = 0.5, γ = 0.2, m = 12: c_j = 0.5 except c_12 = α + γ =
    // 0.7, so at h = 13 the variance is σ²(1 + 11 × 0.25 + 0.49) = 4.24 × 4 = 16.96.
    let p = Params { alpha: 0.5, beta: 0.0, gamma: 0.2, phi: 1.0 };
    let f = fit_at("ANA", p, States { level: 100.0, trend: 0.0, season: vec![0.0; 12] }, 4.0);
    let (b, _) = bands(&f, 13, &[0.95], Simulation::default());
    assert!(close(b[0].upper[12] - 100.0, z * 16.96f64.sqrt()), "{}", b[0].upper[12]);
    // Multiplicative error, ETS(M,N,N), α = 0.5, σ² = 0.01, level 100: θ₁ = 100² = 10,000,
    // θ₂ = 10,000 + σ²α²θ₁ = 10,025; variances (1 + σ²)θ_h − μ² = 100 and 125.25, so the 95%
    // intervals are 100 ± 1.959964 × 10 and 100 ± 1.959964 × 11.191515 = (78.065034, 121.934966).
    let p = Params { alpha: 0.5, beta: 0.0, gamma: 0.0, phi: 1.0 };
    let f = fit_at("MNN", p, States { level: 100.0, trend: 0.0, season: vec![] }, 0.01);
    let (b, _) = bands(&f, 2, &[0.95], Simulation::default());
    assert!(close(b[0].upper[0], 100.0 + 10.0 * z));
    assert!(close(b[0].lower[1], 78.065_034_367_659_96) && close(b[0].upper[1], 121.934_965_632_340_04));
    // Simulated (seeded): the same seed gives the same bounds, another seed other bounds, and
    // 100,000 paths land close to the formula (ANN: ±3.919928 at h = 1).
    let sim = |seed, paths| Simulation { paths, seed, always: true };
    let f = fit_at(
        "ANN",
        Params { alpha: 0.5, beta: 0.0, gamma: 0.0, phi: 1.0 },
        States { level: 100.0, trend: 0.0, season: vec![] },
        4.0,
    );
    let (a, m) = bands(&f, 3, &[0.8, 0.95], sim(7, 1000));
    assert_eq!(m, Method::Simulated(1000));
    assert_eq!(a, bands(&f, 3, &[0.8, 0.95], sim(7, 1000)).0);
    assert_ne!(a, bands(&f, 3, &[0.8, 0.95], sim(8, 1000)).0);
    let (big, _) = bands(&f, 1, &[0.95], sim(1, 100_000));
    assert!((big[0].upper[0] - 103.919_928).abs() < 0.05 && (big[0].lower[0] - 96.080_072).abs() < 0.05, "{big:?}");
}

#[test]
fn backtest_by_hand() {
    // 10, 12, 11, 13, 12, 14, 13, 15 from 2025-01, 2 origins, 2 months ahead: the origins are
    // months 5 and 6 (0-based), so the first month forecast is 2025-06. The series is shorter
    // than a year, so Naive2 and the seasonal naive are both the last value, and MASE scales by
    // the mean month-on-month change of the training months.
    //   origin 5: train 10 12 11 13 12, test 14 13, forecast 12: sMAPE mean(400/26, 200/25) =
    //             11.692308; scale (2 + 1 + 2 + 1)/4 = 1.5, MAE 1.5, MASE 1.
    //   origin 6: train … 14, test 13 15, forecast 14: sMAPE mean(200/27, 200/29) = 7.151980;
    //             scale 8/5 = 1.6, MAE 1, MASE 0.625.
    //   means: sMAPE 9.422144, MASE 0.8125.
    let values = ["10", "12", "11", "13", "12", "14", "13", "15"];
    let out = run(&json!({"series": [{"id": "s", "start": "2025-01", "values": values}], "horizon": 3,
        "backtest": {"origins": 2, "horizon": 2}}));
    let a = &out["series"][0]["accuracy"];
    assert_eq!(
        (a["origins"].as_u64(), a["horizon"].as_u64(), a["firstOrigin"].as_str()),
        (Some(2), Some(2), Some("2025-06"))
    );
    let methods = a["methods"].as_array().unwrap();
    assert_eq!(methods[0]["method"], "ETS");
    for m in &methods[1..] {
        assert_eq!((m["smape"].as_str(), m["mase"].as_str()), (Some("9.4221"), Some("0.812500")), "{m}");
    }
    assert_eq!(
        (methods[1]["method"].as_str(), methods[2]["method"].as_str()),
        (Some("Naive2"), Some("Seasonal naive"))
    );
    // Asking for more origins than fit: as many as there is room for (3 months before the first).
    let out = run(&json!({"series": [{"id": "s", "start": "2025-01", "values": values}], "horizon": 3,
        "backtest": {"origins": 24, "horizon": 2}}));
    assert_eq!(out["series"][0]["accuracy"]["origins"], 4);
}

#[test]
fn seeded_simulated_intervals_are_the_same_on_every_run() {
    let g: Value = serde_json::from_str(include_str!("golden/forecast/simulated.json")).unwrap();
    let mut input = g["input"].clone();
    assert_eq!(input["simulate"], true);
    let first = forecast_json_text(&input.to_string()).unwrap();
    for _ in 0..3 {
        assert_eq!(forecast_json_text(&input.to_string()).unwrap(), first);
    }
    // `tests/golden.rs` compares the output with the golden file's, and the JS golden test the
    // wasm build's output with the native one, byte for byte.
    input["seed"] = json!(input["seed"].as_u64().unwrap_or(1) + 1);
    let other: Value = serde_json::from_str(&forecast_json_text(&input.to_string()).unwrap()).unwrap();
    let first: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(other["series"][0]["forecast"][0]["mean"], first["series"][0]["forecast"][0]["mean"]);
    assert_ne!(other["series"][0]["forecast"][0]["intervals"], first["series"][0]["forecast"][0]["intervals"]);
}

#[test]
fn more_errors_are_located() {
    let one = |text: &str| error(text, false).1;
    // Too few values; an unknown field inside a series; a bad month; a JS-style number.
    assert_eq!(
        one(r#"{"series":[{"id":"a","start":"2024-01","values":["1","2"]}],"horizon":3}"#),
        vec![("series[0].values".to_string(), Code::OutOfRange)]
    );
    assert_eq!(
        one(r#"{"series":[{"id":"a","start":"2024-01","values":["1","2","3"],"colour":"red"}],"horizon":3}"#),
        vec![("series[0].colour".to_string(), Code::UnknownField)]
    );
    assert_eq!(
        one(r#"{"series":[{"id":"a","start":"2024-1","values":["1","2","3"]}],"horizon":3}"#),
        vec![("series[0].start".to_string(), Code::DateInvalid)]
    );
    assert_eq!(
        one(r#"{"series":[{"id":"a","start":"2024-01","values":["1",2.5,"3"]}],"horizon":3}"#),
        vec![("series[0].values[1]".to_string(), Code::DecimalNotString)]
    );
    // A team that gives its own values must give exactly its reps' sum: 3 + 4 = 7, not 8.
    let d = one(
        r#"{"series":[{"id":"t","start":"2024-01","values":["3","5","8"]},{"id":"a","parent":"t","start":"2024-01","values":["1","2","3"]},{"id":"b","parent":"t","start":"2024-01","values":["2","3","4"]}],"horizon":3}"#,
    );
    assert_eq!(d, vec![("series[0].values[2]".to_string(), Code::OutOfRange)]);
    // … and the right sum is accepted (100 = 100.00).
    let ok = r#"{"series":[{"id":"t","start":"2024-01","values":["3","5","7.00"]},{"id":"a","parent":"t","start":"2024-01","values":["1","2","3"]},{"id":"b","parent":"t","start":"2024-01","values":["2","3","4"]}],"horizon":3}"#;
    assert!(forecast_json(ok).is_ok());
    // Pipeline: an unknown field in a deal, a bad close month.
    let (_, d) = error(
        r#"{"asOf":"2026-06","deals":[{"id":"d","amount":"5","stage":"s","closeMonth":"2026-07","owner":"x"}]}"#,
        true,
    );
    assert_eq!(d, vec![("deals[0].owner".to_string(), Code::UnknownField)]);
    let (_, d) = error(
        r#"{"asOf":"2026-06","deals":[{"id":"d","amount":"5","stage":"s","closeMonth":"July"}],"stages":[{"name":"s","probability":"0.5"}]}"#,
        true,
    );
    assert_eq!(d, vec![("deals[0].closeMonth".to_string(), Code::DateInvalid)]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    /// Any positive 12-month pattern, repeated three or four years on any level, is forecast
    /// back exactly by the automatic choice.
    #[test]
    fn any_pure_seasonal_pattern_is_recovered(
        pattern in proptest::collection::vec(1.0f64..100.0, 12),
        scale in 1.0f64..10_000.0,
        years in 3usize..5,
    ) {
        let y: Vec<f64> = (0..12 * years).map(|t| scale * pattern[t % 12]).collect();
        let f = auto_forecast(&y, 12, 18);
        for (i, v) in f.iter().enumerate() {
            let want = scale * pattern[i % 12];
            prop_assert!((v - want).abs() <= 1e-6 * want, "month {}: {} vs {}", i, v, want);
        }
    }

    /// Intervals are ordered: nested by level, around the mean.
    #[test]
    fn intervals_are_nested(seed in 0u64..1000, n in 12usize..40) {
        let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let values: Vec<String> = (0..n).map(|t| {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            format!("{:.2}", 1000.0 + 10.0 * t as f64 + (state % 400) as f64)
        }).collect();
        let out = run(&json!({"series": [{"id": "s", "start": "2024-01", "values": values}], "horizon": 6, "intervals": ["0.5", "0.9"]}));
        for p in out["series"][0]["forecast"].as_array().unwrap() {
            let v = |x: &Value| x.as_str().unwrap().parse::<f64>().unwrap();
            let (mean, a, b) = (v(&p["mean"]), &p["intervals"][0], &p["intervals"][1]);
            prop_assert!(v(&b["lower"]) <= v(&a["lower"]) && v(&a["lower"]) <= mean);
            prop_assert!(mean <= v(&a["upper"]) && v(&a["upper"]) <= v(&b["upper"]));
        }
    }
}
