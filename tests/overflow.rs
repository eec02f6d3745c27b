//! Amounts at the edge of the decimal range (issue 19, "checked arithmetic everywhere money
//! is"): every input value that can carry an amount (a deal, a quota, a rate, a cap, a draw, a
//! payee adjustment, an exchange rate, a formula's result, a hypothetical deal in the
//! estimator) is set to the largest decimal (`79228162514264337593543950335`), its negative, or a
//! value that overflows once doubled or multiplied, and run through the payout report, the
//! ledger and the estimator. Each run either succeeds or fails with a coded error whose every
//! diagnostic names a path; none panics (natively a panic aborts the CLI with exit 101, in wasm
//! it is `RuntimeError: unreachable`).
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use spm_base::error::{Code, Error};
use spm_wire::api;
use std::panic::{catch_unwind, AssertUnwindSafe};

const MAX: &str = "79228162514264337593543950335";
const HALF: &str = "39614081257132168796771975168";
const SMALL: &str = "0.0000000000000000000000000001";

/// The values tried in each slot.
const EDGES: [&str; 4] = [MAX, HALF, SMALL, "-79228162514264337593543950335"];

/// A monthly plan with a commission (tiers on attainment), a bonus and a formula component.
fn plan(rate: &str, cap: &str, quota: &str, draw: &str, recoverable: bool) -> String {
    json!({
        "schemaVersion": 1, "id": "p", "name": "P", "currency": "USD", "period": "month",
        "effectiveFrom": "2026-01-01",
        "rounding": {"mode": "halfUp", "at": "component"},
        "payout": {"draw": {"kind": if recoverable { "recoverable" } else { "nonRecoverable" }, "amount": draw,
            "from": "2026-01", "to": "2026-03",
            "recovery": {"percent": "0.5", "minimumPayment": "0.00"}, "onTermination": "collect"}},
        "components": [
            {"id": "c", "name": "Commission", "kind": "commission", "quota": quota,
             "rateTable": {"mode": "marginal", "base": "attainment", "evaluation": "running",
                "tiers": [{"from": "0", "to": "1", "rate": rate}, {"from": "1", "to": null, "rate": "2"}]},
             "cap": {"amount": cap, "per": "period", "excess": "forfeit"}},
            {"id": "f", "name": "Filtered", "kind": "commission",
             "filter": {"types": ["renewal"]},
             "rateTable": {"mode": "flat", "base": "amount", "evaluation": "perTransaction",
                "tiers": [{"from": "0", "to": null, "rate": rate}]}},
            {"id": "sq", "name": "Squared", "kind": "commission", "measure": "sq",
             "rateTable": {"mode": "flat", "base": "amount", "evaluation": "running",
                "tiers": [{"from": "0", "to": null, "rate": "0.01"}]}},
            {"id": "b", "name": "Bonus", "kind": "bonus", "quota": quota, "attainment": [{"measure": "rev", "weight": "1"}],
             "thresholds": [{"attainment": "0.5", "payout": "0.5"}, {"attainment": "1", "payout": "1"}],
             "style": "linear", "target": {"amount": cap}},
            {"id": "s", "name": "Spiff", "kind": "spiff", "window": {"from": "2026-01-01", "to": "2026-12-31"},
             "pay": {"percent": rate}}
        ],
        "measures": [{"id": "rev", "kind": "amount"}, {"id": "sq", "kind": "formula", "formula": "rev * rev"}]
    })
    .to_string()
}

fn payees() -> String {
    json!([{"id": "a", "name": "A", "terminationDate": "2026-02-15"}, {"id": "b", "name": "B"}]).to_string()
}

fn deals(amounts: &[&str]) -> String {
    let v: Vec<Value> = amounts
        .iter()
        .enumerate()
        .map(|(i, a)| {
            json!({"id": format!("t{i}"), "date": format!("2026-0{}-10", 1 + i % 3), "payeeId": if i % 2 == 0 { "a" } else { "b" },
                   "amount": a, "type": if i % 3 == 0 { "new" } else { "renewal" }})
        })
        .collect();
    Value::Array(v).to_string()
}

/// The outcome of one run: fine, or an error to check; a panic is a failure of the test.
fn check(what: &str, failures: &mut Vec<String>, f: impl FnOnce() -> Result<(), Error>) {
    match catch_unwind(AssertUnwindSafe(f)) {
        Err(_) => failures.push(format!("{what}: panicked")),
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            if e.diagnostics.is_empty() {
                failures.push(format!("{what}: {} without a path: {}", e.code, e.message));
            }
            for d in &e.diagnostics {
                if d.path.trim().is_empty() {
                    failures.push(format!("{what}: a {} diagnostic with an empty path: {}", d.code, d.message));
                }
            }
            if e.code == Code::Internal {
                failures.push(format!("{what}: INTERNAL: {}", e.message));
            }
        }
    }
}

fn run_all(plan_text: &str, txns: &str, adjustment: Option<&str>, failures: &mut Vec<String>, what: &str) {
    let plan = match api::compile_plan(plan_text) {
        Ok(p) => p,
        Err(e) => {
            check(&format!("{what}: compile"), failures, || Err(e));
            return;
        }
    };
    let data = match api::load_json(txns, &payees()) {
        Ok(d) => d,
        Err(e) => {
            check(&format!("{what}: load"), failures, || Err(e));
            return;
        }
    };
    check(&format!("{what}: payout"), failures, || api::run(&plan, &data).and_then(|p| p.to_json().map(drop)));
    let adj = adjustment
        .map(|a| json!([{"payeeId": "b", "date": "2026-02-28", "amount": a, "kind": "adjustment"}]).to_string())
        .unwrap_or_default();
    check(&format!("{what}: ledger"), failures, || {
        api::ledger_with(&plan, &data, "", None, &adj)
            .and_then(|l| serde_json::to_string(&l).map(drop).map_err(|e| Error::new(Code::Internal, e.to_string())))
    });
    check(&format!("{what}: estimate"), failures, || {
        let state = json!({"payee": {"id": "me", "name": "Me", "quotas": [{"component": "c", "amount": "100"}]},
            "deals": serde_json::from_str::<Value>(txns).unwrap_or_default().as_array().map(|v| v.iter().map(|d| {
                let mut d = d.clone();
                d.as_object_mut().map(|o| o.remove("payeeId"));
                d
            }).collect::<Vec<_>>()).unwrap_or_default(),
            "asOf": "2026-03-31"})
        .to_string();
        let est = spm_testkit::estimator(&plan, &state)?;
        let probe = spm_analytics::estimate::parse_deals(
            &json!([{"amount": MAX, "date": "2026-02-01"}, {"amount": HALF, "type": "renewal", "date": "2026-02-02"}])
                .to_string(),
        )?;
        est.estimate_with(&probe, true)?;
        est.pipeline(&probe)?;
        Ok(())
    });
}

#[test]
fn amounts_at_the_edge_of_the_decimal_range_never_panic_and_every_error_has_a_path() {
    let mut failures = Vec::new();
    let mut runs = 0;
    for edge in EDGES {
        // The deals themselves, two of them in a period (their sum overflows), and deals that
        // the filtered component excludes.
        for amounts in [vec![edge, edge], vec![edge, edge, edge, edge], vec!["100.00", edge, "100.00", edge]] {
            run_all(
                &plan("0.1", "1000", "100", "10", true),
                &deals(&amounts),
                None,
                &mut failures,
                &format!("deals {amounts:?}"),
            );
            runs += 1;
        }
        let ok = deals(&["100.00", "250.00", "75.00", "40.00"]);
        run_all(&plan(edge, "1000", "100", "10", true), &ok, None, &mut failures, &format!("rate {edge}"));
        run_all(&plan("0.1", edge, "100", "10", true), &ok, None, &mut failures, &format!("cap {edge}"));
        run_all(&plan("0.1", "1000", edge, "10", true), &ok, None, &mut failures, &format!("quota {edge}"));
        for recoverable in [true, false] {
            run_all(
                &plan("0.1", "1000", "100", edge, recoverable),
                &ok,
                None,
                &mut failures,
                &format!("draw {edge} {recoverable}"),
            );
        }
        run_all(&plan("0.1", "1000", "100", "10", true), &ok, Some(edge), &mut failures, &format!("adjustment {edge}"));
        run_all(
            &plan(edge, edge, SMALL, edge, true),
            &deals(&[edge, edge]),
            Some(edge),
            &mut failures,
            &format!("everything {edge}"),
        );
        runs += 7;
    }
    assert!(runs >= 40);
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn a_formula_that_overflows_names_the_component() {
    let plan = api::compile_plan(&plan("0.1", "1000", "100", "10", true)).unwrap();
    let data = api::load_json(&deals(&[HALF]), &payees()).unwrap();
    let e = api::run(&plan, &data).map(drop).unwrap_err();
    assert!(matches!(e.code, Code::Overflow | Code::FormulaEval), "{e}");
    let paths: Vec<&str> = e.diagnostics.iter().map(|d| d.path.as_str()).collect();
    assert!(paths.iter().any(|p| p.contains("sq")), "the path names the measure or component: {paths:?}");
}

#[test]
fn the_ordinary_case_runs() {
    let plan = api::compile_plan(&plan("0.1", "1000", "100", "10", true)).unwrap();
    let data = api::load_json(&deals(&["100.00", "250.00", "75.00", "40.00"]), &payees()).unwrap();
    api::run(&plan, &data).unwrap();
    api::ledger_with(&plan, &data, "", None, "").unwrap();
}
