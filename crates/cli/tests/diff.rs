//! Plan diff: a hand-worked golden case, components added and removed, and invariants over the sample company.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use spm_base::dec::parse_decimal;
use spm_core::data::Dataset;
use spm_wire::api::{self, CompiledPlan};
use spm_wire::spec::diff::{ChangeDto, DiffDto};

/// Quota 100,000.00; marginal tiers [0%,50%) 2%, [50%,100%) 5%, 100%+ `top_rate`; quarterly.
fn marginal_plan(id: &str, top_rate: &str) -> Value {
    json!({
        "schemaVersion": 1, "id": id, "name": id, "currency": "USD", "period": "quarter",
        "rounding": { "mode": "halfUp", "at": "component" },
        "components": [{
            "id": "revenue", "name": "Revenue", "kind": "commission",
            "rateTable": { "mode": "marginal", "base": "attainment", "evaluation": "running", "tiers": [
                { "from": "0", "to": "0.5", "rate": "0.02" },
                { "from": "0.5", "to": "1.0", "rate": "0.05" },
                { "from": "1.0", "to": null, "rate": top_rate }
            ] }
        }]
    })
}

fn compile(plan: &Value) -> CompiledPlan {
    api::compile_plan(&plan.to_string()).unwrap()
}

/// Ada: three deals, 30,000 + 40,000 + 50,000 = 120,000 in 2026-Q1 against a 100,000 quota.
fn three_deals() -> Dataset {
    let payees =
        json!([{ "id": "ada", "name": "Ada Rep", "quotas": [{ "component": "revenue", "amount": "100000.00" }] }]);
    let txns =
        "id,date,payeeId,amount\nt1,2026-01-20,ada,30000.00\nt2,2026-02-10,ada,40000.00\nt3,2026-03-05,ada,50000.00\n";
    api::load_csv(txns, &payees.to_string()).unwrap()
}

fn dec(s: &str) -> rust_decimal::Decimal {
    parse_decimal(s).unwrap_or_else(|| panic!("{s:?} is not a decimal"))
}

#[test]
fn golden_tier_three_from_8_to_10_percent() {
    // Old: 50,000 × 2% + 50,000 × 5% + 20,000 × 8% = 1,000 + 2,500 + 1,600 = 5,100.00.
    // New: the top slice pays 10%: 20,000 × 10% = 2,000, so 5,500.00; difference 400.00.
    let old = compile(&marginal_plan("v1", "0.08"));
    let new = compile(&marginal_plan("v2", "0.10"));
    let diff = api::diff(&old, &new, &three_deals()).unwrap();
    let got = serde_json::to_value(&diff).unwrap();
    let ada =
        json!({ "payeeId": "ada", "payeeName": "Ada Rep", "old": "5100.00", "new": "5500.00", "difference": "400.00" });
    let expected = json!({
        "schemaVersion": 1,
        "oldPlan": { "id": "v1", "name": "v1" },
        "newPlan": { "id": "v2", "name": "v2" },
        "currency": "USD",
        "totals": { "old": "5100.00", "new": "5500.00", "difference": "400.00" },
        "summary": { "betterOff": 1, "worseOff": 0, "unchanged": 0, "topWinners": [ada], "topLosers": [] },
        "payees": [ada],
        "statements": [{
            "payeeId": "ada", "payeeName": "Ada Rep", "period": "2026-Q1", "periodStart": "2026-01-01",
            "change": "changed", "old": "5100.00", "new": "5500.00", "difference": "400.00",
            "components": [{
                "componentId": "revenue", "componentName": "Revenue", "change": "changed",
                "oldEarning": "5100.00", "newEarning": "5500.00", "difference": "400.00",
                "explanationAdded": [
                    "Tier 3 100% and above: USD 20,000.00 × 10.00% = USD 2,000.00.",
                    "No rounding was needed for the component earning: USD 5,500.00.",
                    "Earning: USD 5,500.00."
                ],
                "explanationRemoved": [
                    "Tier 3 100% and above: USD 20,000.00 × 8.00% = USD 1,600.00.",
                    "No rounding was needed for the component earning: USD 5,100.00.",
                    "Earning: USD 5,100.00."
                ]
            }]
        }]
    });
    assert_eq!(got, expected, "{}", serde_json::to_string_pretty(&got).unwrap());
}

#[test]
fn a_plan_against_itself_changes_nothing() {
    let plan = compile(&marginal_plan("v1", "0.08"));
    let diff = api::diff(&plan, &plan, &three_deals()).unwrap();
    assert_eq!(diff.totals.difference, "0.00");
    assert_eq!((diff.summary.better_off, diff.summary.worse_off, diff.summary.unchanged), (0, 0, 1));
    assert!(diff.summary.top_winners.is_empty() && diff.summary.top_losers.is_empty());
    let c = &diff.statements[0].components[0];
    assert_eq!(c.change, ChangeDto::Unchanged);
    assert!(c.explanation_added.is_empty() && c.explanation_removed.is_empty());
    assert_eq!(diff.statements[0].change, ChangeDto::Unchanged);
}

#[test]
fn components_on_one_side_show_as_added_or_removed() {
    let old = marginal_plan("v1", "0.08");
    let mut new = marginal_plan("v2", "0.08");
    new["components"][0]["id"] = json!("bookings");
    new["components"][0]["name"] = json!("Bookings");
    // The quota is per component, so the new component needs its own default.
    new["components"][0]["quota"] = json!("100000.00");
    let diff = api::diff(&compile(&old), &compile(&new), &three_deals()).unwrap();
    let comps = &diff.statements[0].components;
    assert_eq!(comps.len(), 2);
    assert_eq!((comps[0].component_id.as_str(), comps[0].change), ("revenue", ChangeDto::Removed));
    assert_eq!(comps[0].old_earning.as_deref(), Some("5100.00"));
    assert_eq!(comps[0].new_earning, None);
    assert_eq!(comps[0].difference, "-5100.00");
    assert!(comps[0].explanation_added.is_empty() && !comps[0].explanation_removed.is_empty());
    assert_eq!((comps[1].component_id.as_str(), comps[1].change), ("bookings", ChangeDto::Added));
    assert_eq!(comps[1].old_earning, None);
    assert_eq!(comps[1].new_earning.as_deref(), Some("5100.00"));
    assert_eq!(comps[1].difference, "5100.00");
    assert_eq!(diff.statements[0].difference, "0.00");
}

#[test]
fn plans_in_different_currencies_cannot_be_compared() {
    let mut eur = marginal_plan("v2", "0.08");
    eur["currency"] = json!("EUR");
    let err = api::diff(&compile(&marginal_plan("v1", "0.08")), &compile(&eur), &three_deals()).unwrap_err();
    assert_eq!(err.code.as_str(), "CURRENCY_MISMATCH");
}

fn sample() -> (Vec<CompiledPlan>, Dataset) {
    let s = spm_sample::generate();
    let plans = s.plans.iter().map(|p| api::compile_plan(p).unwrap()).collect();
    (plans, api::load_csv(&s.transactions_csv, &s.payees).unwrap())
}

fn check_invariants(diff: &DiffDto, payee_count: usize) {
    let s = &diff.summary;
    assert_eq!((s.better_off + s.worse_off + s.unchanged) as usize, payee_count);
    assert_eq!(diff.payees.len(), payee_count);
    let sum = diff.payees.iter().map(|p| dec(&p.difference)).sum::<rust_decimal::Decimal>();
    assert_eq!(sum, dec(&diff.totals.difference), "payee differences must sum to the total difference");
    let stmt_sum = diff.statements.iter().map(|p| dec(&p.difference)).sum::<rust_decimal::Decimal>();
    assert_eq!(stmt_sum, sum);
    assert!(s.top_winners.len() <= 10 && s.top_losers.len() <= 10);
    assert_eq!(s.top_winners.len(), (s.better_off as usize).min(10));
    assert_eq!(s.top_losers.len(), (s.worse_off as usize).min(10));
    for w in s.top_winners.windows(2) {
        let (a, b) = (dec(&w[0].difference), dec(&w[1].difference));
        assert!(a > b || (a == b && w[0].payee_id < w[1].payee_id), "winners out of order");
    }
    for w in s.top_losers.windows(2) {
        let (a, b) = (dec(&w[0].difference), dec(&w[1].difference));
        assert!(a < b || (a == b && w[0].payee_id < w[1].payee_id), "losers out of order");
    }
}

#[test]
fn sample_plans_diff_consistently_both_ways() {
    let (plans, data) = sample();
    let [a, b] = [&plans[0], &plans[1]];
    let ab = api::diff(a, b, &data).unwrap();
    let ba = api::diff(b, a, &data).unwrap();
    check_invariants(&ab, data.payees.len());
    check_invariants(&ba, data.payees.len());
    assert_eq!(dec(&ab.totals.difference), -dec(&ba.totals.difference));
    assert_eq!(ab.summary.better_off, ba.summary.worse_off);
    assert_eq!(ab.summary.top_winners.len(), ba.summary.top_losers.len());
    // Deterministic: the same run gives the same bytes.
    let again = api::diff(a, b, &data).unwrap();
    assert_eq!(serde_json::to_string(&ab).unwrap(), serde_json::to_string(&again).unwrap());
}

#[test]
fn cli_diff_prints_the_same_diff() {
    let dir = std::env::temp_dir().join(format!("spm-diff-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, body: &str| {
        let p = dir.join(name);
        std::fs::write(&p, body).unwrap();
        p.to_string_lossy().to_string()
    };
    let old = write("old.json", &marginal_plan("v1", "0.08").to_string());
    let new = write("new.json", &marginal_plan("v2", "0.10").to_string());
    let payees = write(
        "payees.json",
        &json!([{ "id": "ada", "name": "Ada Rep", "quotas": [{ "component": "revenue", "amount": "100000.00" }] }])
            .to_string(),
    );
    let txns = write(
        "t.csv",
        "id,date,payeeId,amount\nt1,2026-01-20,ada,30000.00\nt2,2026-02-10,ada,40000.00\nt3,2026-03-05,ada,50000.00\n",
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_spm"))
        .args(["diff", "--old", &old, "--new", &new, "--transactions", &txns, "--payees", &payees])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    let direct =
        api::diff(&compile(&marginal_plan("v1", "0.08")), &compile(&marginal_plan("v2", "0.10")), &three_deals())
            .unwrap();
    assert_eq!(printed, serde_json::to_value(&direct).unwrap());
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_spm")).args(["diff", "--old", &old]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2), "a missing --new is a usage error");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cli_schema_prints_the_schema() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_spm")).arg("schema").output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), spm_wire::spec::schema::plan_schema());
}
