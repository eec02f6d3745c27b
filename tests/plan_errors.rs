//! Invalid plans and data get a coded diagnostic at the exact JSON path (plan-engine validation).
#![cfg(not(target_arch = "wasm32"))]

use spm_base::error::{Diagnostic, Severity};
use spm_wire::api;

/// A plan body around one component (given as JSON) with the common fields filled in.
fn plan(extra: &str, component: &str) -> String {
    format!(
        r#"{{"schemaVersion":1,"id":"p","name":"P","currency":"USD","period":"quarter",
        "rounding":{{"mode":"halfUp","at":"component"}}{extra},
        "components":[{component}]}}"#
    )
}

const COMMISSION: &str = r#"{"id":"revenue","name":"Revenue","kind":"commission","quota":"100000",
  "rateTable":{"mode":"marginal","base":"attainment","evaluation":"running",
    "tiers":[{"from":"0","to":"1","rate":"0.05"},{"from":"1","to":null,"rate":"0.08"}]}}"#;

fn error_diags(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diags.into_iter().filter(|d| d.severity == Severity::Error).collect()
}

/// The (path, code) of every error `validate_plan` reports.
fn errors(plan: &str) -> Vec<(String, &'static str)> {
    error_diags(api::validate_plan(plan)).into_iter().map(|d| (d.path, d.code.as_str())).collect()
}

fn one(path: &str, code: &'static str) -> Vec<(String, &'static str)> {
    vec![(path.to_string(), code)]
}

/// The (path, code) of every error `load_json` reports.
fn data_errors(transactions: &str, payees: &str) -> Vec<(String, &'static str)> {
    match api::load_json(transactions, payees) {
        Ok(_) => Vec::new(),
        Err(e) => error_diags(e.diagnostics).into_iter().map(|d| (d.path, d.code.as_str())).collect(),
    }
}

#[test]
fn the_valid_plan_used_below_has_no_errors() {
    assert_eq!(errors(&plan("", COMMISSION)), vec![]);
}

#[test]
fn bonus_attainment_weights_must_sum_to_one() {
    let bonus = r#"{"id":"b","name":"B","kind":"bonus","attainment":[{"measure":"revenue","weight":"0.6"},
      {"measure":"renewals","weight":"0.3"}],"thresholds":[{"attainment":"1","payout":"1"}],"target":{"amount":"1000"}}"#;
    let p = plan(r#","measures":[{"id":"revenue","kind":"amount"},{"id":"renewals","kind":"amount"}]"#, bonus);
    assert_eq!(errors(&p), one("components[0].attainment", "WEIGHT_SUM"));
    let d = &api::validate_plan(&p)[0];
    assert!(d.message.contains("0.9"), "the message gives the sum: {}", d.message);
}

#[test]
fn mbo_goal_weights_must_sum_to_one() {
    let mbo = r#"{"id":"m","name":"M","kind":"mbo","target":{"amount":"12000"},"goals":[
      {"id":"g1","name":"G1","weight":"0.5","due":"2026-03-31","points":["0","1"]},
      {"id":"g2","name":"G2","weight":"0.3","due":"2026-06-30","points":["0","1"]}]}"#;
    assert_eq!(errors(&plan("", mbo)), one("components[0].goals", "WEIGHT_SUM"));
}

#[test]
fn a_hierarchy_cycle_among_payees() {
    // a -> b -> c -> a is a loop; d reports into it but is not part of it.
    let payees = r#"[{"id":"a","name":"A","managerId":"b"},{"id":"b","name":"B","managerId":"c"},
      {"id":"c","name":"C","managerId":"a"},{"id":"d","name":"D","managerId":"a"}]"#;
    let errs = data_errors("[]", payees);
    assert!(errs.iter().all(|(_, c)| *c == "HIERARCHY_CYCLE"), "{errs:?}");
    assert!(errs.contains(&("payees[0].managerId".to_string(), "HIERARCHY_CYCLE")), "{errs:?}");
    assert!(!errs.iter().any(|(p, _)| p.starts_with("payees[3]")), "d is outside the loop: {errs:?}");
}

#[test]
fn a_hierarchy_cycle_through_an_effective_dated_manager() {
    // From February b reports to a, and a always reports to b: a loop in February.
    let payees = r#"[{"id":"a","name":"A","managerId":"b"},
      {"id":"b","name":"B","managers":[{"managerId":"c","to":"2026-01-31"},{"managerId":"a","from":"2026-02-01"}]},
      {"id":"c","name":"C"}]"#;
    let errs = data_errors("[]", payees);
    assert!(!errs.is_empty(), "the February loop is found");
    assert!(errs.iter().all(|(_, c)| *c == "HIERARCHY_CYCLE"), "{errs:?}");
    // The path names the field that closes the loop, as UNKNOWN_REFERENCE does for `managers`.
    assert!(errs.contains(&("payees[1].managers[1].managerId".to_string(), "HIERARCHY_CYCLE")), "{errs:?}");
}

#[test]
fn a_formula_naming_an_unknown_measure() {
    let c = COMMISSION
        .replace(r#""quota":"100000","#, r#""quota":"100000","gate":{"when":"attainment(\"revenu\") >= 0.5"},"#);
    assert_eq!(errors(&plan("", &c)), one("components[0].gate.when", "UNKNOWN_REFERENCE"));
    let d = &api::validate_plan(&plan("", &c))[0];
    assert!(d.message.starts_with("column 1:") && d.message.contains("revenu"), "{}", d.message);
}

#[test]
fn a_formula_naming_an_undeclared_input() {
    let c = COMMISSION
        .replace(r#""quota":"100000","#, r#""quota":"100000","modifiers":[{"when":"nps < 30","multiply":"0.75"}],"#);
    assert_eq!(errors(&plan("", &c)), one("components[0].modifiers[0].when", "UNKNOWN_REFERENCE"));
    // Declared, it is valid.
    assert_eq!(errors(&plan(r#","inputs":["nps"]"#, &c)), vec![]);
}

#[test]
fn a_formula_syntax_error_names_its_column() {
    let c = COMMISSION.replace(r#""quota":"100000","#, r#""quota":"100000","gate":{"when":"1 + * 2"},"#);
    assert_eq!(errors(&plan("", &c)), one("components[0].gate.when", "FORMULA_SYNTAX"));
    let d = &api::validate_plan(&plan("", &c))[0];
    assert!(d.message.starts_with("column 5:"), "the '*' is at column 5: {}", d.message);
    assert!(!d.hint.is_empty());
}

#[test]
fn overlapping_version_dates() {
    let body = |v: &str, from: &str, to: &str| {
        format!(
            r#"{{"version":"{v}","effectiveFrom":"{from}","effectiveTo":"{to}","currency":"USD","period":"quarter",
            "rounding":{{"mode":"halfUp","at":"component"}},"components":[{COMMISSION}]}}"#
        )
    };
    let p = format!(
        r#"{{"schemaVersion":1,"id":"p","name":"P","versions":[{},{}]}}"#,
        body("v1", "2026-01-01", "2026-03-31"),
        body("v2", "2026-03-15", "2026-12-31")
    );
    assert_eq!(errors(&p), one("versions[1].effectiveFrom", "VERSION_OVERLAP"));
}

#[test]
fn a_crediting_rule_whose_shares_sum_to_0_9() {
    let p = plan(
        r#","crediting":{"rules":[{"filter":{"territories":["West"]},
          "credit":[{"payeeId":"a","share":"0.6"},{"payeeId":"b","share":"0.3"}]}]}"#,
        COMMISSION,
    );
    assert_eq!(errors(&p), one("crediting.rules[0].credit", "SPLIT_SUM"));
}

#[test]
fn transaction_revenue_splits_summing_to_0_9() {
    let payees = r#"[{"id":"a","name":"A"},{"id":"b","name":"B"}]"#;
    let txns = r#"[{"id":"t1","date":"2026-01-10","amount":"100.00",
      "splits":[{"payeeId":"a","share":"0.6"},{"payeeId":"b","share":"0.3"}]}]"#;
    assert_eq!(data_errors(txns, payees), one("transactions[0].splits", "SPLIT_SUM"));
    // Overlay shares are on top and do not count toward the 100%.
    let ok = r#"[{"id":"t1","date":"2026-01-10","amount":"100.00",
      "splits":[{"payeeId":"a","share":"1"},{"payeeId":"b","share":"0.3","overlay":true}]}]"#;
    assert_eq!(data_errors(ok, payees), vec![]);
}

#[test]
fn a_field_for_the_wrong_component_kind() {
    let c = COMMISSION
        .replace(r#""quota":"100000","#, r#""quota":"100000","thresholds":[{"attainment":"1","payout":"1"}],"#);
    assert_eq!(errors(&plan("", &c)), one("components[0].thresholds", "UNKNOWN_FIELD"));
    let spiff = r#"{"id":"s","name":"S","kind":"spiff","window":{"from":"2026-03-01","to":"2026-03-31"},
      "pay":{"perDeal":"500"},"target":{"amount":"100"}}"#;
    assert_eq!(errors(&plan("", spiff)), one("components[0].target", "UNKNOWN_FIELD"));
}

#[test]
fn a_bad_fiscal_pattern() {
    let p = plan(r#","calendar":{"pattern":"4-4-4","yearStart":"2026-01-04"}"#, COMMISSION);
    assert_eq!(errors(&p), one("calendar.pattern", "CALENDAR_INVALID"));
}
