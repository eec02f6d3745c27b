//! The report writer against the owned DTOs, escaping, and the edge cases.

use super::*;
use crate::api;
use rust_decimal::Decimal;
use spm_base::error::{Code, Diagnostic};
use spm_core::data::Dataset;
use spm_core::payout::Report;
use spm_core::payout::{self, Detail};
use spm_plan::PlanSet;

const TRICKY: &str = "a\"b\\c\n\u{1}é€";

fn tricky_warning() -> Diagnostic {
    Diagnostic::warning(format!("payees[0].{TRICKY}"), Code::JsonSyntax, TRICKY, "\u{7f}\u{1f}\r\t\u{8}\u{c}/")
}

/// The writer and the owned DTOs are one format: what the writer writes reads back into
/// `ReportDto` and serializes again to the very same bytes, with every field kept.
fn round_trips(plan: &api::CompiledPlan, data: &Dataset, extra: &[Diagnostic], what: &str) {
    let warnings: Vec<Diagnostic> = plan.warnings.iter().chain(extra).cloned().collect();
    for detail in [Detail::Full, Detail::Summary] {
        let report = payout::calculate(&plan.plan, data, detail).unwrap_or_else(|e| panic!("{what}: {e:?}"));
        let text = Payout::new(&plan.plan, data, report, &warnings).to_json().unwrap();
        let dto = read(&text).unwrap_or_else(|e| panic!("{what}: {e:?}"));
        assert!(serde_json::to_string(&dto).unwrap() == text, "{what} {detail:?}: the DTOs lose or reorder a field");
    }
}

#[test]
fn the_report_reads_back_into_the_dtos_on_the_sample_company() {
    let sample = spm_sample::generate();
    let mut data = api::load_csv(&sample.transactions_csv, &sample.payees).unwrap();
    for (i, text) in sample.plans.iter().enumerate() {
        round_trips(&api::compile_plan(text).unwrap(), &data, &[], &format!("sample plan {i}"));
    }
    if let Some(p) = data.payees.first_mut() {
        p.name = TRICKY.to_string();
        p.id = format!("{TRICKY}-id");
    }
    let plan = api::compile_plan(&sample.plans[0]).unwrap();
    round_trips(&plan, &data, &[tricky_warning()], "sample plan 0, tricky names");
    // Strings are escaped as JSON requires.
    let report = payout::calculate(&plan.plan, &data, Detail::Summary).unwrap();
    let text = Payout::new(&plan.plan, &data, report, &[tricky_warning()]).to_json().unwrap();
    assert!(text.contains(r#""message":"a\"b\\c\n\u0001é€""#), "escaped message");
}

#[test]
fn the_report_reads_back_into_the_dtos_on_generated_cases() {
    for seed in 0..30u64 {
        let case = spm_sample::random::case(seed);
        let plan = api::compile_plan(&case.plan).unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
        let data = api::load_json(&case.transactions, &case.payees).unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
        round_trips(&plan, &data, &[], &format!("seed {seed}"));
    }
}

#[test]
fn a_report_without_versions_or_statements() {
    let sample = spm_sample::generate();
    let data = api::load_csv(&sample.transactions_csv, &sample.payees).unwrap();
    let plan = api::compile_plan(&sample.plans[0]).unwrap();
    let full = payout::calculate(&plan.plan, &data, Detail::Summary).unwrap();
    let periods = full.periods.len();
    let empty = Report { statements: Vec::new(), total: Decimal::ZERO, ..full };
    let warnings = [tricky_warning()];
    let text = Payout::new(&plan.plan, &data, empty.clone(), &warnings).to_json().unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["statements"], serde_json::json!([]));
    assert_eq!(v["totals"]["payout"], "0.00");
    assert_eq!(v["totals"]["byPeriod"].as_array().map(Vec::len), Some(periods));
    assert_eq!(v["totals"]["byPeriod"][0]["payout"], "0.00");
    assert_eq!(v["warnings"][0]["message"], TRICKY);
    let bare = PlanSet { id: "p".to_string(), name: "x".to_string(), versions: Vec::new() };
    assert_eq!(
        Payout::new(&bare, &data, empty, &warnings).to_json().unwrap(),
        concat!(
            r#"{"schemaVersion":1,"planId":"p","planName":"x","currency":"","periods":[],"statements":[],"#,
            r#""totals":{"payout":"0","byPeriod":[],"byPayee":[]},"warnings":[]}"#
        )
    );
}

#[test]
fn one_payees_statements_are_that_payees_only() {
    let sample = spm_sample::generate();
    let data = api::load_csv(&sample.transactions_csv, &sample.payees).unwrap();
    let plan = api::compile_plan(&sample.plans[0]).unwrap();
    let all = api::run(&plan, &data).unwrap().to_dto().unwrap();
    let id = all.statements[all.statements.len() / 2].payee_id.clone();
    let one: Vec<StatementDto> =
        serde_json::from_str(&serde_json::to_string(&api::statements_for(&plan, &data, &id).unwrap()).unwrap())
            .unwrap();
    let expected: Vec<StatementDto> = all.statements.into_iter().filter(|s| s.payee_id == id).collect();
    assert!(!one.is_empty());
    assert_eq!(one, expected);
}
