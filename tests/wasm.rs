//! wasm-bindgen tests, run in Node by `wasm-pack test --node`: the golden scenarios through the
//! wasm build (same `check` as natively), the exported API, and errors as real JS `Error`s.
#![cfg(target_arch = "wasm32")]

use spm_engine::{validate_plan, Dataset, PlanEngine};
use spm_testkit::check;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const SCENARIOS: &[(&str, &str)] = &[
    ("bonus_linear_weighted_quotas", include_str!("scenarios/bonus_linear_weighted_quotas.json")),
    ("bonus_step", include_str!("scenarios/bonus_step.json")),
    ("calendar_fiscal_445", include_str!("scenarios/calendar_fiscal_445.json")),
    ("cap_carry_forward", include_str!("scenarios/cap_carry_forward.json")),
    ("cap_forfeit_and_floor", include_str!("scenarios/cap_forfeit_and_floor.json")),
    ("cap_yearly_and_plan_cap", include_str!("scenarios/cap_yearly_and_plan_cap.json")),
    ("crediting_overlay_and_relief", include_str!("scenarios/crediting_overlay_and_relief.json")),
    ("crediting_rollup_effective_hierarchy", include_str!("scenarios/crediting_rollup_effective_hierarchy.json")),
    ("crediting_rules_first_and_all_match", include_str!("scenarios/crediting_rules_first_and_all_match.json")),
    ("crediting_splits_to_the_cent", include_str!("scenarios/crediting_splits_to_the_cent.json")),
    ("currency_without_minor_units", include_str!("scenarios/currency_without_minor_units.json")),
    ("eligibility_roles", include_str!("scenarios/eligibility_roles.json")),
    ("estimate_crosses_two_tiers", include_str!("scenarios/estimate_crosses_two_tiers.json")),
    ("estimate_hits_a_cap", include_str!("scenarios/estimate_hits_a_cap.json")),
    ("estimate_pipeline_probabilities", include_str!("scenarios/estimate_pipeline_probabilities.json")),
    ("estimate_retroactive_unlock", include_str!("scenarios/estimate_retroactive_unlock.json")),
    ("gate_no_accelerators_below_annual_quota", include_str!("scenarios/gate_no_accelerators_below_annual_quota.json")),
    ("gate_zero", include_str!("scenarios/gate_zero.json")),
    ("kicker_multiplier_on_input", include_str!("scenarios/kicker_multiplier_on_input.json")),
    ("ledger_amortization_schedule", include_str!("scenarios/ledger_amortization_schedule.json")),
    ("ledger_clawback_uncrosses_tier", include_str!("scenarios/ledger_clawback_uncrosses_tier.json")),
    ("ledger_draws_six_periods", include_str!("scenarios/ledger_draws_six_periods.json")),
    ("ledger_hold_partial_payment", include_str!("scenarios/ledger_hold_partial_payment.json")),
    ("ledger_late_entry_and_correction", include_str!("scenarios/ledger_late_entry_and_correction.json")),
    ("ledger_two_currency_team", include_str!("scenarios/ledger_two_currency_team.json")),
    ("mbo_goals_due_dates", include_str!("scenarios/mbo_goals_due_dates.json")),
    ("measures_count_margin_weighted_formula", include_str!("scenarios/measures_count_margin_weighted_formula.json")),
    ("period_half_year", include_str!("scenarios/period_half_year.json")),
    ("periods_and_credit_reversal", include_str!("scenarios/periods_and_credit_reversal.json")),
    ("proration_hire_termination_leave", include_str!("scenarios/proration_hire_termination_leave.json")),
    ("ramp_accelerators_off", include_str!("scenarios/ramp_accelerators_off.json")),
    ("rounding_down_per_statement", include_str!("scenarios/rounding_down_per_statement.json")),
    ("rounding_half_even_per_line", include_str!("scenarios/rounding_half_even_per_line.json")),
    ("rounding_half_up_per_component", include_str!("scenarios/rounding_half_up_per_component.json")),
    ("scope_qtd_ytd", include_str!("scenarios/scope_qtd_ytd.json")),
    ("spiff_per_deal_unit_percent", include_str!("scenarios/spiff_per_deal_unit_percent.json")),
    ("tiers_flat_highest", include_str!("scenarios/tiers_flat_highest.json")),
    ("tiers_interpolated", include_str!("scenarios/tiers_interpolated.json")),
    ("tiers_marginal_running", include_str!("scenarios/tiers_marginal_running.json")),
    ("tiers_per_transaction_amount", include_str!("scenarios/tiers_per_transaction_amount.json")),
    ("tiers_retroactive_unlock", include_str!("scenarios/tiers_retroactive_unlock.json")),
    ("versions_mid_period_split", include_str!("scenarios/versions_mid_period_split.json")),
    ("ytd_true_up", include_str!("scenarios/ytd_true_up.json")),
];

#[wasm_bindgen_test]
fn golden_scenarios_pass_in_wasm() {
    let mut failures = Vec::new();
    for (name, text) in SCENARIOS {
        failures.extend(check(text).into_iter().map(|m| format!("{name}: {m}")));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn scenario_parts(text: &str) -> (String, String, String, Option<String>) {
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    let rates = v.get("rates").map(|r| r.to_string());
    (v["plan"].to_string(), v["payees"].to_string(), v["transactions"].to_string(), rates)
}

#[wasm_bindgen_test]
fn the_exported_classes_give_the_same_bytes_as_the_core() {
    for (_, text) in SCENARIOS {
        let (plan, payees, txns, rates) = scenario_parts(text);
        let engine = PlanEngine::new(JsValue::from_str(&plan)).unwrap();
        let mut data = Dataset::from_json(JsValue::from_str(&txns), JsValue::from_str(&payees)).unwrap();
        let mut core_data = spm_wire::api::load_json(&txns, &payees).unwrap();
        if let Some(r) = &rates {
            data.set_rates(JsValue::from_str(r)).unwrap();
            spm_wire::api::set_rates(&mut core_data, r).unwrap();
        }
        let via_wasm = engine.payout_json(&data).unwrap();
        let core = spm_wire::api::run(&spm_wire::api::compile_plan(&plan).unwrap(), &core_data).unwrap();
        assert_eq!(via_wasm, serde_json::to_string(&core).unwrap());
    }
}

#[wasm_bindgen_test]
fn errors_are_real_js_errors_with_code_and_diagnostics() {
    let plan = r#"{"schemaVersion":1,"id":"p","name":"P","currency":"USD","period":"quarter","rounding":{"mode":"halfUp","at":"line"},
      "components":[{"id":"c","name":"C","kind":"commission","rateTable":{"mode":"flat","base":"amount","evaluation":"running",
      "tiers":[{"from":"0","to":"10","rate":"0.01"},{"from":"12","to":null,"rate":0.02}]}}]}"#;
    let err = PlanEngine::new(JsValue::from_str(plan)).err().unwrap();
    let e: js_sys::Error = err.dyn_into().unwrap();
    assert_eq!(String::from(e.name()), "SpmError");
    let code = js_sys::Reflect::get(&e, &"code".into()).unwrap();
    assert_eq!(code.as_string().unwrap(), "DECIMAL_NOT_STRING");
    let diags = js_sys::Array::from(&js_sys::Reflect::get(&e, &"diagnostics".into()).unwrap());
    let paths: Vec<String> =
        diags.iter().map(|d| js_sys::Reflect::get(&d, &"path".into()).unwrap().as_string().unwrap()).collect();
    assert_eq!(paths, vec!["components[0].rateTable.tiers[1].rate", "components[0].rateTable.tiers[1].from"]);
    // validatePlan never throws, even on garbage.
    let d = js_sys::Array::from(&validate_plan(JsValue::from_str("{not json")));
    assert_eq!(d.length(), 1);
    let d = js_sys::Array::from(&validate_plan(JsValue::UNDEFINED));
    assert_eq!(js_sys::Reflect::get(&d.get(0), &"code".into()).unwrap().as_string().unwrap(), "MISSING_FIELD");
}

#[wasm_bindgen_test]
fn sample_company_loads_and_pays_avery_quinn_by_hand() {
    let s = spm_sample::generate();
    let data = Dataset::from_csv(&s.transactions_csv, JsValue::from_str(&s.payees)).unwrap();
    assert_eq!(data.transaction_count(), 20_000);
    assert_eq!(data.payee_count(), 50);
    let engine = PlanEngine::new(JsValue::from_str(&s.plans[0])).unwrap();
    let report: serde_json::Value = serde_json::from_str(&engine.payout_json(&data).unwrap()).unwrap();
    let st = report["statements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["payeeId"] == "r001" && s["period"] == "2026-Q1")
        .unwrap();
    // Commission 50,000 × 2% + 50,000 × 5% + 20,000 × 8% = 5,100.00, bonus 150% × 1,000.00 =
    // 1,500.00 (see src/sample.rs).
    assert_eq!(st["total"], "6600.00");
    assert_eq!(st["components"][0]["earning"], "5100.00");
    assert_eq!(st["components"][2]["earning"], "1500.00");
}
