//! The designer's computations against hand-worked numbers: the payout curve of the sample plan
//! (tiers, a linear bonus, a cap that starts to cut), a back-test of three reps, and the changes
//! between two plan documents.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use spm_analytics::design;
use spm_analytics::design::dto::CurveOptionsDto;
use spm_wire::api;

fn curve(options: Value) -> Value {
    let plan = api::compile_plan(&spm_sample::generate().plans[0]).unwrap();
    let opts: CurveOptionsDto = serde_json::from_value(options).unwrap();
    serde_json::to_value(design::attainment_curve(&plan, &opts).unwrap()).unwrap()
}

fn point<'a>(c: &'a Value, attainment: &str) -> &'a Value {
    c["points"].as_array().unwrap().iter().find(|p| p["attainment"] == attainment).unwrap()
}

/// Sample plan 1 ("Account Executive 2026 (marginal)"), quarterly, quota 100,000 a quarter:
/// new business marginal on attainment 2% to 50%, 5% to 100%, 8% above; a quarterly bonus of
/// 20% of the target incentive / 4 = 1,000.00 (target incentive 20,000), linear 80% → 50%,
/// 100% → 100%, 120% → 150% (flat above), capped at 2,000 a period; renewals and a June SPIFF
/// do not count a January new-business deal.
/// - 50%: 50,000 × 2% = 1,000.00; bonus 0 (below 80%) → 1,000.00
/// - 90%: 1,000 + 40,000 × 5% = 3,000.00; bonus 75% × 1,000 = 750.00 → 3,750.00
/// - 100%: 1,000 + 2,500 = 3,500.00; bonus 1,000.00 → 4,500.00
/// - 150%: 3,500 + 50,000 × 8% = 7,500.00; bonus 1,500.00 → 9,000.00
/// - 200%: 3,500 + 100,000 × 8% = 11,500.00; bonus 1,500.00 → 13,000.00
#[test]
fn the_payout_curve_of_the_sample_plan() {
    let c = curve(
        json!({"quota": "100000", "targetIncentive": "20000", "inputs": [{"name": "nps", "value": "50"}], "asOf": "2026-01-15"}),
    );
    assert_eq!(c["componentId"], "new-business");
    assert_eq!(c["period"], "2026-Q1");
    assert_eq!(c["quota"], "100000.00");
    assert_eq!(c["points"].as_array().unwrap().len(), 41);
    let ids: Vec<&str> = c["components"].as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["new-business", "renewals", "quarterly-bonus", "analytics-spiff"]);
    for (a, credit, total, nb, bonus) in [
        ("0", "0.00", "0.00", "0.00", "0.00"),
        ("0.5", "50000.00", "1000.00", "1000.00", "0.00"),
        ("0.9", "90000.00", "3750.00", "3000.00", "750.00"),
        ("1", "100000.00", "4500.00", "3500.00", "1000.00"),
        ("1.5", "150000.00", "9000.00", "7500.00", "1500.00"),
        ("2", "200000.00", "13000.00", "11500.00", "1500.00"),
    ] {
        let p = point(&c, a);
        assert_eq!((p["credit"].as_str(), p["total"].as_str()), (Some(credit), Some(total)), "at {a}");
        assert_eq!(p["earnings"], json!([nb, "0.00", bonus, "0.00"]), "at {a}");
    }
    let breaks: Vec<(String, String)> = c["breaks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["attainment"].as_str().unwrap().to_string(), b["componentId"].as_str().unwrap().to_string()))
        .collect();
    let want = [
        ("0.5", "new-business"),
        ("0.8", "quarterly-bonus"),
        ("1", "new-business"),
        ("1", "quarterly-bonus"),
        ("1.2", "quarterly-bonus"),
    ];
    assert_eq!(breaks, want.map(|(a, b)| (a.to_string(), b.to_string())));
    assert_eq!(c["breaks"][0]["label"], "New business commission: tier 2 at 5.00%");
    assert_eq!(c["caps"], json!([]), "a 1,500 bonus stays under the 2,000 cap");
}

/// With a target incentive of 40,000 the quarterly bonus target is 2,000.00: above 100% the
/// bonus passes the 2,000 cap, first at 105% (2,000 × (1 + 0.05 / 0.2 × 0.5) = 2,250.00).
#[test]
fn the_curve_marks_where_a_cap_starts_to_cut() {
    let c = curve(
        json!({"quota": "100000", "targetIncentive": "40000", "inputs": [{"name": "nps", "value": "50"}], "asOf": "2026-01-15"}),
    );
    assert_eq!(c["caps"], json!([{"componentId": "quarterly-bonus", "attainment": "1.05", "amount": "2000.00"}]));
    assert_eq!(point(&c, "1")["earnings"][2], "2000.00");
    assert_eq!(point(&c, "1.5")["earnings"][2], "2000.00");
}

#[test]
fn curve_options_are_checked() {
    let plan = api::compile_plan(&spm_sample::generate().plans[0]).unwrap();
    let bad = |o: Value| design::attainment_curve(&plan, &serde_json::from_value(o).unwrap()).unwrap_err();
    assert_eq!(bad(json!({"asOf": "2026-01-15", "componentId": "nope"})).diagnostics[0].path, "componentId");
    assert_eq!(bad(json!({"asOf": "2026-01-15", "points": 1})).diagnostics[0].path, "points");
    assert_eq!(bad(json!({"asOf": "2026-01-15", "quota": "-5"})).diagnostics[0].path, "quota");
    assert_eq!(bad(json!({"asOf": "2026-01-15", "quota": 5})).diagnostics[0].code.as_str(), "DECIMAL_NOT_STRING");
    assert_eq!(bad(json!({"quota": "5"})).diagnostics[0].path, "asOf");
    assert!(serde_json::from_value::<CurveOptionsDto>(json!({"quotaa": "1"})).is_err());
}

/// Three reps on a quarterly marginal plan (quota 100,000 a quarter, 2% / 5% / 8% at 50% and
/// 100%): a closes 60,000 + 60,000 in Q1 (120%: 1,000 + 2,500 + 20,000 × 8% = 5,100.00), b 50,000
/// in Q1 (1,000.00), c 100,000 in Q2 (3,500.00). Total 9,600.00 on 270,000.00 of revenue: cost of
/// sales 9,600 / 270,000 = 0.035556. Each has statements for Q1 and Q2, so a quota of 200,000:
/// attainment 0.6, 0.25, 0.5; effective rate 5,100 / 120,000 = 0.0425, 0.02, 0.035. Bins of 1,000
/// (5,100 / 10 = 510, rounded up to a round 1,000): six bins, one payee in [1,000, 2,000),
/// [3,000, 4,000) and [5,000, 6,000). Median 3,500.00; the top 10% (one payee) take
/// 5,100 / 9,600 = 0.53125.
#[test]
fn a_backtest_of_three_reps() {
    let plan = json!({"schemaVersion":1,"id":"p","name":"P","currency":"USD","period":"quarter",
        "rounding":{"mode":"halfUp","at":"component"},"components":[{"id":"nb","name":"New business","kind":"commission","quota":"100000.00",
        "rateTable":{"mode":"marginal","base":"attainment","evaluation":"running","tiers":[{"from":"0","to":"0.5","rate":"0.02"},{"from":"0.5","to":"1.0","rate":"0.05"},{"from":"1.0","to":null,"rate":"0.08"}]}}]});
    let plan = api::compile_plan(&plan.to_string()).unwrap();
    let txns = json!([
        {"id":"t1","date":"2026-01-10","payeeId":"a","amount":"60000.00"},
        {"id":"t2","date":"2026-02-10","payeeId":"a","amount":"60000.00"},
        {"id":"t3","date":"2026-03-10","payeeId":"b","amount":"50000.00"},
        {"id":"t4","date":"2026-05-10","payeeId":"c","amount":"100000.00"}
    ]);
    let payees = r#"[{"id":"a","name":"A"},{"id":"b","name":"B"},{"id":"c","name":"C"}]"#;
    let data = api::load_json(&txns.to_string(), payees).unwrap();
    let b = serde_json::to_value(design::backtest(&plan, &data).unwrap()).unwrap();
    assert_eq!(b["totalPayout"], "9600.00");
    assert_eq!(b["revenue"], "270000.00");
    assert_eq!(b["costOfSales"], "0.035556");
    assert_eq!(b["periods"], json!([{"period":"2026-Q1","total":"6100.00"},{"period":"2026-Q2","total":"3500.00"}]));
    assert_eq!(b["components"], json!([{"id":"nb","name":"New business","total":"9600.00"}]));
    assert_eq!(b["attainmentComponent"], "nb");
    let rows: Vec<(&str, &str, &str, &str, &str)> = b["payees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap(),
                p["payout"].as_str().unwrap(),
                p["quota"].as_str().unwrap(),
                p["attainment"].as_str().unwrap(),
                p["effectiveRate"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("a", "5100.00", "200000.00", "0.6", "0.0425"),
            ("b", "1000.00", "200000.00", "0.25", "0.02"),
            ("c", "3500.00", "200000.00", "0.5", "0.035")
        ]
    );
    let counts: Vec<u64> = b["distribution"].as_array().unwrap().iter().map(|x| x["count"].as_u64().unwrap()).collect();
    assert_eq!(counts, [0, 1, 0, 1, 0, 1]);
    assert_eq!(b["distribution"][5], json!({"from":"5000.00","to":"6000.00","count":1}));
    assert_eq!(b["spread"], json!({"min":"1000.00","median":"3500.00","max":"5100.00","topDecileShare":"0.53125"}));
}

#[test]
fn plan_changes_name_what_moved() {
    let old = spm_sample::generate().plans[0].clone();
    let mut v: Value = serde_json::from_str(&old).unwrap();
    v["components"][0]["rateTable"]["tiers"][1]["rate"] = json!("0.06");
    v["components"].as_array_mut().unwrap().remove(1);
    v["name"] = json!("AE 2027");
    let changes = serde_json::to_value(design::plan_changes(&old, &v.to_string()).unwrap()).unwrap();
    assert_eq!(
        changes,
        json!([
            {"path": "components[new-business].rateTable.tiers[1].rate", "change": "changed", "old": "\"0.05\"", "new": "\"0.06\""},
            {"path": "components[renewals]", "change": "removed", "old": serde_json::to_string(&serde_json::from_str::<Value>(&old).unwrap()["components"][1]).unwrap()},
            {"path": "name", "change": "changed", "old": "\"Account Executive 2026 (marginal)\"", "new": "\"AE 2027\""}
        ])
    );
    assert_eq!(design::plan_changes("{", "{}").unwrap_err().diagnostics[0].path, "old");
}
