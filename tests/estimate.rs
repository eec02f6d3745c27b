//! Deal estimates against hand-worked numbers: crossing two tiers, a retroactive unlock, a cap,
//! a gate, the next tier, a pipeline's exact expectation, a curve's tier breaks, and bad input.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use spm_wire::api;

fn plan(mode: &str, cap: Option<&str>) -> api::CompiledPlan {
    let mut tiers = json!([{"from":"0","to":"0.5","rate":"0.02"},{"from":"0.5","to":"1.0","rate":"0.05"},{"from":"1.0","to":null,"rate":"0.08"}]);
    if mode == "retroactive" {
        tiers = json!([{"from":"0","to":"0.5","rate":"0.01"},{"from":"0.5","to":"1.0","rate":"0.04","retroactive":true},{"from":"1.0","to":null,"rate":"0.07"}]);
    }
    let mut c = json!({"id":"nb","name":"New business","kind":"commission","quota":"100000.00",
        "rateTable":{"mode":mode,"base":"attainment","evaluation":"running","tiers":tiers}});
    if let Some(cap) = cap {
        c["cap"] = json!({"amount": cap, "per": "period", "excess": "forfeit"});
    }
    let p = json!({"schemaVersion":1,"id":"p","name":"P","currency":"USD","period":"quarter",
        "rounding":{"mode":"halfUp","at":"component"},"components":[c]});
    api::compile_plan(&p.to_string()).unwrap()
}

fn state(amounts: &[&str]) -> String {
    let deals: Vec<Value> = amounts
        .iter()
        .enumerate()
        .map(|(i, a)| json!({"id": format!("s{i}"), "date": "2026-04-10", "amount": a}))
        .collect();
    json!({"payee": {"id": "me", "name": "Me"}, "deals": deals, "asOf": "2026-05-15"}).to_string()
}

fn estimate(p: &api::CompiledPlan, st: &str, deals: &str) -> Value {
    let e = spm_testkit::estimator(p, st).unwrap();
    serde_json::to_value(e.estimate(&spm_analytics::estimate::parse_deals(deals).unwrap()).unwrap()).unwrap()
}

#[test]
fn a_deal_that_crosses_two_tiers() {
    // State: 30,000 in Q2 = 30% (tier 1, 2%): 600.00. Deal 80,000 -> 110,000 = 110%:
    // 50,000 x 2% + 50,000 x 5% + 10,000 x 8% = 1,000 + 2,500 + 800 = 4,300.00; adds 3,700.00.
    let r = estimate(&plan("marginal", None), &state(&["30000.00"]), r#"[{"amount":"80000.00"}]"#);
    let d = &r["deals"][0];
    assert_eq!(d["period"], "2026-Q2");
    assert_eq!(
        (d["before"].as_str(), d["after"].as_str(), d["adds"].as_str()),
        (Some("600.00"), Some("4300.00"), Some("3700.00"))
    );
    // 3,700 / 80,000 = 0.04625 (4.63% when rounded half up to two places); blended 4,300 / 110,000 = 0.039090909…
    assert_eq!(d["marginalRate"], "0.04625");
    assert_eq!(d["blendedRate"], "0.039091");
    let c = &d["components"][0];
    assert_eq!(c["attainmentBefore"], "0.3");
    assert_eq!(c["attainmentAfter"], "1.1");
    assert_eq!(c["tiersCrossed"], json!([{"tier":2,"from":"0.5","rate":"0.05"},{"tier":3,"from":"1","rate":"0.08"}]));
    assert!(c.get("nextTier").is_none(), "no tier above the last");
    assert_eq!(d["explanation"][0], "Closing this USD 80,000.00 deal on 2026-05-15 adds USD 3,700.00 to 2026-Q2: the payout goes from USD 600.00 to USD 4,300.00, 4.63% of the credit.");
}

#[test]
fn a_deal_that_unlocks_a_retroactive_tier() {
    // Retroactive: 1% below 50%, 4% from 50% re-rating everything below, 7% above 100%.
    // State 40,000 = 40%: 400.00. Deal 20,000 -> 60,000 = 60%: all at 4% = 2,400.00; adds 2,000.00
    // (the deal's own 20,000 x 4% = 800 plus 40,000 re-rated from 1% to 4% = 1,200).
    let r = estimate(&plan("retroactive", None), &state(&["40000.00"]), r#"{"amount":"20000.00"}"#);
    let d = &r["deals"][0];
    assert_eq!(
        (d["before"].as_str(), d["after"].as_str(), d["adds"].as_str()),
        (Some("400.00"), Some("2400.00"), Some("2000.00"))
    );
    assert_eq!(d["components"][0]["tiersCrossed"], json!([{"tier":2,"from":"0.5","rate":"0.04","retroactive":true}]));
    // Next: tier 3 at 100%: 40,000 more.
    assert_eq!(d["components"][0]["nextTier"], json!({"tier":3,"from":"1","rate":"0.07","creditNeeded":"40000.00"}));
    let text = d["explanation"].as_array().unwrap();
    assert!(text.iter().any(|l| l == "It crosses tier 2 of New business (4.00% from 50.00% of quota). Reaching it re-rates the period's earlier credit at 4.00%."), "{text:?}");
    assert!(
        text.iter().any(|l| l == "Another USD 40,000.00 of credit reaches tier 3 of New business (7.00%)."),
        "{text:?}"
    );
}

#[test]
fn a_deal_that_hits_a_cap() {
    // Cap 3,000 a quarter. State 90,000 = 90%: 1,000 + 2,000 = 3,000.00 (at the cap already? no:
    // 50,000 x 2% + 40,000 x 5% = 1,000 + 2,000 = 3,000.00, exactly the cap). Deal 20,000 ->
    // 110,000: uncapped 4,300.00, capped at 3,000.00: adds 0.00 and the cap keeps 1,300.00.
    let r = estimate(&plan("marginal", Some("3000")), &state(&["90000.00"]), r#"[{"amount":"20000.00"}]"#);
    let d = &r["deals"][0];
    assert_eq!(
        (d["before"].as_str(), d["after"].as_str(), d["adds"].as_str()),
        (Some("3000.00"), Some("3000.00"), Some("0.00"))
    );
    assert_eq!(d["components"][0]["capped"], "1300.00");
    assert!(d["explanation"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l == "A cap on New business keeps USD 1,300.00 of this deal's effect."));
}

#[test]
fn a_pipeline_with_probabilities() {
    // State 30,000 (600.00). Deals A 30,000 (p 0.5) and B 50,000 (p 0.4).
    // Alone: A -> 60,000: 1,000 + 500 = 1,500 (adds 900); B -> 80,000: 1,000 + 1,500 = 2,500 (adds 1,900).
    // Both -> 110,000: 4,300 (adds 3,700).
    // Expected = 0.5 x 0.6 x 900 + 0.5 x 0.4 x 1,900 + 0.5 x 0.4 x 3,700 = 270 + 380 + 740 = 1,390.00.
    let p = plan("marginal", None);
    let e = spm_testkit::estimator(&p, &state(&["30000.00"])).unwrap();
    let deals = spm_analytics::estimate::parse_deals(
        r#"[{"id":"A","amount":"30000.00","probability":"0.5"},{"id":"B","amount":"50000.00","probability":"0.4"}]"#,
    )
    .unwrap();
    let r = serde_json::to_value(e.pipeline(&deals).unwrap()).unwrap();
    assert_eq!(r["expected"], "1390.00");
    assert_eq!(r["bestCase"], "3700.00");
    assert_eq!(r["worstCase"], "0.00");
    assert_eq!(r["deals"][0]["adds"], "900.00");
    assert_eq!(r["deals"][1]["adds"], "1900.00");
    // All together through estimate: the same 3,700.00.
    let all = serde_json::to_value(e.estimate(&deals).unwrap()).unwrap();
    assert_eq!(all["all"]["adds"], "3700.00");
}

#[test]
fn a_curve_marks_the_tier_breaks() {
    // State 30,000: tier 2 starts 20,000 later, tier 3 70,000 later. Deal up to 100,000, 4 points.
    let p = plan("marginal", None);
    let e = spm_testkit::estimator(&p, &state(&["30000.00"])).unwrap();
    let d = spm_analytics::estimate::parse_deals(r#"{"amount":"100000.00"}"#).unwrap();
    let c = serde_json::to_value(e.curve(&d[0], 4).unwrap()).unwrap();
    let amounts: Vec<&str> = c["points"].as_array().unwrap().iter().map(|x| x["amount"].as_str().unwrap()).collect();
    assert_eq!(amounts, ["0.00", "25000.00", "50000.00", "75000.00", "100000.00"]);
    // 25,000 -> 55,000: 1,000 + 250 = 1,250 (adds 650); 100,000 -> 130,000: 1,000 + 2,500 + 2,400 = 5,900 (adds 5,300).
    assert_eq!(c["points"][1]["adds"], "650.00");
    assert_eq!(c["points"][4]["adds"], "5300.00");
    assert_eq!(
        c["breaks"],
        json!([{"amount":"20000.00","componentId":"nb","tier":2,"rate":"0.05"},{"amount":"70000.00","componentId":"nb","tier":3,"rate":"0.08"}])
    );
}

#[test]
fn bad_deals_are_located() {
    let p = plan("marginal", None);
    let e = spm_testkit::estimator(&p, &state(&[])).unwrap();
    let err = e.estimate(&spm_analytics::estimate::parse_deals(r#"[{"amount":25000}]"#).unwrap()).unwrap_err();
    assert_eq!((err.code.as_str(), err.diagnostics[0].path.as_str()), ("DECIMAL_NOT_STRING", "deals[0].amount"));
    let deals = spm_analytics::estimate::parse_deals(
        r#"[{"amount":"12abc"},{"amount":"-5"},{"amount":"10","share":"1.5"},{"amount":"12.345"}]"#,
    )
    .unwrap();
    let err = e.estimate(&deals).unwrap_err();
    let got: Vec<(&str, &str)> = err.diagnostics.iter().map(|d| (d.path.as_str(), d.code.as_str())).collect();
    assert_eq!(
        got,
        [
            ("deals[0].amount", "DECIMAL_INVALID"),
            ("deals[1].amount", "NEGATIVE_VALUE"),
            ("deals[2].share", "OUT_OF_RANGE"),
            ("deals[3].amount", "DECIMAL_INVALID")
        ]
    );
    let err = spm_testkit::estimator(&p, r#"{"deals":[{"date":"2026-02-30","amount":"1"}]}"#).unwrap_err();
    assert_eq!(err.diagnostics[0].path, "deals[0].date");
}

/// The estimate's "after" equals a plain run of the plan on the state's deals plus the deal,
/// for generated states and deals (the estimator adds the deal's credit in place; a plain run
/// credits everything from scratch).
#[test]
fn estimates_agree_with_a_plain_run() {
    let plans = [plan("marginal", None), plan("retroactive", None), plan("marginal", Some("2500"))];
    let mut seed: u64 = 0x5EED;
    let mut next = |n: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    for case in 0..40 {
        let p = &plans[case % plans.len()];
        let deals: Vec<Value> = (0..next(12))
            .map(|i| {
                let (m, d) = (1 + next(6), 1 + next(28));
                json!({"id": format!("s{i:02}"), "date": format!("2026-{m:02}-{d:02}"), "amount": format!("{}.{:02}", next(60_000), next(100))})
            })
            .collect();
        let (m, d) = (1 + next(6), 1 + next(28));
        let deal_date = format!("2026-{m:02}-{d:02}");
        let amount = format!("{}.00", next(90_000));
        let st = json!({"payee": {"id": "me", "name": "Me"}, "deals": deals, "asOf": "2026-06-30"}).to_string();
        let r = estimate(p, &st, &json!([{"id": "new", "amount": amount, "date": deal_date}]).to_string());
        let mut txns: Vec<Value> = deals
            .iter()
            .map(|d| {
                let mut d = d.clone();
                d["payeeId"] = json!("me");
                d
            })
            .collect();
        txns.push(json!({"id": "new", "date": deal_date, "payeeId": "me", "amount": amount}));
        let data = api::load_json(&Value::Array(txns).to_string(), r#"[{"id":"me","name":"Me"}]"#).unwrap();
        let report = serde_json::to_value(api::run(p, &data).unwrap()).unwrap();
        let period = r["deals"][0]["period"].as_str().unwrap();
        let total = report["statements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["period"] == period)
            .map_or("0.00".to_string(), |s| s["total"].as_str().unwrap().to_string());
        assert_eq!(r["deals"][0]["after"].as_str().unwrap(), total, "case {case}: {st} + {amount} on {deal_date}");
    }
}

#[test]
fn a_zero_deal_probing_the_period_still_names_the_next_tier() {
    // The Rep page asks where the period stands with a zero deal. State: 30,000 in Q2 against a
    // 100,000 quota = 30% (tier 1). The next tier starts at 50%: 20,000.00 more credit reaches
    // tier 2 at 5%. Nothing is crossed, and no sentence speaks of tiers for a deal that adds nothing.
    let r = estimate(&plan("marginal", None), &state(&["30000.00"]), r#"[{"amount":"0.00"}]"#);
    let d = &r["deals"][0];
    assert_eq!(d["adds"], "0.00");
    let c = &d["components"][0];
    assert!(c.get("tiersCrossed").is_none_or(|t| t == &json!([])), "{c}");
    assert_eq!(c["nextTier"], json!({"tier": 2, "from": "0.5", "rate": "0.05", "creditNeeded": "20000.00"}));
    let text = d["explanation"].to_string();
    assert!(!text.contains("tier"), "{text}");
}
