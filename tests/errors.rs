//! Bad input gets a coded error with the right path: one test per case the foundation issue
//! names, plus the collection of several problems at once.
#![cfg(not(target_arch = "wasm32"))]

use spm_base::error::{Code, Severity};
use spm_wire::api;

const PAYEES: &str = r#"[{"id":"ada","name":"Ada","quotas":[{"component":"revenue","amount":"100000"}]}]"#;

fn plan_with_tiers(tiers: &str) -> String {
    format!(
        r#"{{"schemaVersion":1,"id":"p","name":"P","currency":"USD","period":"quarter",
        "rounding":{{"mode":"halfUp","at":"component"}},
        "components":[{{"id":"revenue","name":"Revenue","kind":"commission",
          "rateTable":{{"mode":"marginal","base":"attainment","evaluation":"running","tiers":{tiers}}}}}]}}"#
    )
}

fn errors(plan: &str) -> Vec<(String, &'static str)> {
    api::validate_plan(plan)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.path, d.code.as_str()))
        .collect()
}

#[test]
fn a_number_where_a_decimal_string_is_expected() {
    let plan = plan_with_tiers(r#"[{"from":"0","to":null,"rate":0.05}]"#);
    assert_eq!(errors(&plan), vec![("components[0].rateTable.tiers[0].rate".to_string(), "DECIMAL_NOT_STRING")]);
    let d = &api::validate_plan(&plan)[0];
    assert!(d.hint.contains("\"0.05\""), "the hint shows the fix: {}", d.hint);
    let e = api::compile_plan(&plan).unwrap_err();
    assert_eq!(e.code, Code::DecimalNotString);
}

#[test]
fn an_unknown_field() {
    let plan = plan_with_tiers(r#"[{"from":"0","to":null,"rate":"0.05","ratee":"1"}]"#);
    assert_eq!(errors(&plan), vec![("components[0].rateTable.tiers[0].ratee".to_string(), "UNKNOWN_FIELD")]);
}

#[test]
fn a_tier_table_with_a_gap() {
    let plan = plan_with_tiers(r#"[{"from":"0","to":"0.5","rate":"0.02"},{"from":"0.6","to":null,"rate":"0.05"}]"#);
    assert_eq!(errors(&plan), vec![("components[0].rateTable.tiers[1].from".to_string(), "TIER_GAP")]);
}

#[test]
fn a_tier_table_with_an_overlap() {
    let plan = plan_with_tiers(r#"[{"from":"0","to":"0.5","rate":"0.02"},{"from":"0.4","to":null,"rate":"0.05"}]"#);
    assert_eq!(errors(&plan), vec![("components[0].rateTable.tiers[1].from".to_string(), "TIER_OVERLAP")]);
}

#[test]
fn a_negative_rate() {
    let plan = plan_with_tiers(r#"[{"from":"0","to":"0.5","rate":"0.02"},{"from":"0.5","to":null,"rate":"-0.05"}]"#);
    assert_eq!(errors(&plan), vec![("components[0].rateTable.tiers[1].rate".to_string(), "RATE_NEGATIVE")]);
}

#[test]
fn a_transaction_with_an_unparseable_date() {
    let txns = r#"[{"id":"t1","date":"2026-01-15","payeeId":"ada","amount":"10"},{"id":"t2","date":"15/01/2026","payeeId":"ada","amount":"10"}]"#;
    let e = api::load_json(txns, PAYEES).unwrap_err();
    assert_eq!(e.code, Code::DateInvalid);
    assert_eq!(e.diagnostics[0].path, "transactions[1].date");
    let csv = "id,date,payeeId,amount\nt1,2026-01-15,ada,10\nt2,2026-13-01,ada,10\n";
    let e = api::load_csv(csv, PAYEES).unwrap_err();
    assert_eq!(e.code, Code::DateInvalid);
    assert_eq!(e.diagnostics[0].path, "line 3, column date");
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let plan = plan_with_tiers(
        r#"[{"from":"0.1","to":"0.5","rate":"-0.02"},{"from":"0.6","to":"1","rate":7},{"from":"1","to":"2","rate":"x"}]"#,
    );
    let mut got = errors(&plan);
    got.sort();
    let want = vec![
        ("components[0].rateTable.tiers[0].from", "TIER_START"),
        ("components[0].rateTable.tiers[0].rate", "RATE_NEGATIVE"),
        ("components[0].rateTable.tiers[1].rate", "DECIMAL_NOT_STRING"),
        ("components[0].rateTable.tiers[1].from", "TIER_GAP"),
        ("components[0].rateTable.tiers[2].rate", "DECIMAL_INVALID"),
        ("components[0].rateTable.tiers[2].to", "TIER_BOUNDS"),
    ];
    let mut want: Vec<(String, &str)> = want.into_iter().map(|(p, c)| (p.to_string(), c)).collect();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn structural_and_syntax_errors_are_located() {
    let e = api::compile_plan("{\"schemaVersion\": 1,\n \"id\": }").unwrap_err();
    assert_eq!(e.code, Code::JsonSyntax);
    assert_eq!(e.diagnostics[0].path, "line 2, column 8");
    let e = api::compile_plan(r#"{"schemaVersion":2}"#).unwrap_err();
    assert_eq!((e.code, e.diagnostics[0].path.as_str()), (Code::SchemaVersion, "schemaVersion"));
    let plan = plan_with_tiers(r#"[{"from":"0","to":null,"rate":"0.05"}]"#)
        .replace(r#""mode":"marginal""#, r#""mode":"stepped""#);
    let e = api::compile_plan(&plan).unwrap_err();
    assert_eq!((e.code, e.diagnostics[0].path.as_str()), (Code::WrongType, "components[0].rateTable.mode"));
    let plan = plan_with_tiers(r#"[{"from":"0","to":null}]"#);
    let e = api::compile_plan(&plan).unwrap_err();
    assert_eq!((e.code, e.diagnostics[0].path.as_str()), (Code::MissingField, "components[0].rateTable.tiers[0].rate"));
}

#[test]
fn run_time_reference_errors() {
    let plan = api::compile_plan(&plan_with_tiers(r#"[{"from":"0","to":null,"rate":"0.05"}]"#)).unwrap();
    let e = api::load_json(r#"[{"id":"t1","date":"2026-01-15","payeeId":"bob","amount":"10"}]"#, PAYEES).unwrap_err();
    assert_eq!((e.code, e.diagnostics[0].path.as_str()), (Code::UnknownReference, "transactions[0].payeeId"));
    // A payee with credits but no quota for an attainment table, and no plan default.
    let data = api::load_json(
        r#"[{"id":"t1","date":"2026-01-15","payeeId":"cy","amount":"10"}]"#,
        r#"[{"id":"cy","name":"Cy"}]"#,
    )
    .unwrap();
    let e = api::run(&plan, &data).unwrap_err();
    assert_eq!((e.code, e.diagnostics[0].path.as_str()), (Code::QuotaMissing, "payees[0].quotas"));
    let e = api::load_json(r#"[]"#, r#"[{"id":"a","name":"A","managerId":"zz"}]"#).unwrap_err();
    assert_eq!((e.code, e.diagnostics[0].path.as_str()), (Code::UnknownReference, "payees[0].managerId"));
}

#[test]
fn warnings_do_not_stop_compilation() {
    let plan = plan_with_tiers(r#"[{"from":"0","to":null,"rate":"5"}]"#);
    let diags = api::validate_plan(&plan);
    assert!(diags.iter().all(|d| d.severity == Severity::Warning), "{diags:?}");
    assert!(diags.iter().any(|d| d.path == "components[0].rateTable.tiers[0].rate"));
    assert!(api::compile_plan(&plan).is_ok());
}
