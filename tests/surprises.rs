//! Silent surprises (issue 19, item 5): inputs that used to be accepted without an error or a
//! warning and then paid something nobody asked for. Each case is a class (every reader of that
//! kind of input), asserted by code and path; ARCHITECTURE.md's error-code table documents the
//! choice of error or warning for each. Codes are compared as strings so that these tests also
//! build against the code before the fix.
#![cfg(not(target_arch = "wasm32"))]

use spm_base::error::{Diagnostic, Severity};
use spm_base::Error;
use spm_wire::api;

const COMMISSION: &str = r#"{"id":"revenue","name":"Revenue","kind":"commission",
  "rateTable":{"mode":"marginal","base":"amount","evaluation":"running","tiers":[{"from":"0","to":null,"rate":"0.10"}]}}"#;

/// A quarterly plan body with `extra` fields and these components.
fn body(extra: &str, components: &str) -> String {
    format!(
        r#""currency":"USD","period":"quarter","rounding":{{"mode":"halfUp","at":"component"}}{extra},
        "components":[{components}]"#
    )
}

fn plan(extra: &str) -> String {
    format!(r#"{{"schemaVersion":1,"id":"p","name":"P",{}}}"#, body(extra, COMMISSION))
}

/// (path, code) of every error-level diagnostic.
fn errors(e: &Error) -> Vec<(String, &'static str)> {
    e.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| (d.path.clone(), d.code.as_str())).collect()
}

fn plan_errors(plan: &str) -> Vec<(String, &'static str)> {
    api::validate_plan(plan)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.path, d.code.as_str()))
        .collect()
}

fn one(path: &str, code: &'static str) -> Vec<(String, &'static str)> {
    vec![(path.to_string(), code)]
}

/// The one diagnostic at `path`, with its message.
fn at<'a>(e: &'a Error, path: &str) -> &'a Diagnostic {
    e.diagnostics.iter().find(|d| d.path == path).unwrap_or_else(|| panic!("no diagnostic at {path}: {e:?}"))
}

fn load_err(txns: &str, payees: &str) -> Error {
    match api::load_json(txns, payees) {
        Ok(_) => panic!("accepted: {txns} with {payees}"),
        Err(e) => e,
    }
}

/// The report's warnings as (path, code, message).
fn warnings(plan: &str, payees: &str, txns: &str) -> Vec<(String, String, String)> {
    let plan = api::compile_plan(plan).unwrap();
    let data = api::load_json(txns, payees).unwrap();
    let report = api::run(&plan, &data).unwrap().to_dto().unwrap();
    report.warnings.into_iter().map(|w| (w.path, w.code, w.message)).collect()
}

const ANN: &str = r#"[{"id":"ann","name":"Ann"}]"#;

// ---- Repeated ids: errors naming both places ------------------------------------------------

#[test]
fn a_transaction_id_used_twice_in_json_names_both() {
    let txns = r#"[{"id":"t1","date":"2026-01-10","payeeId":"ann","amount":"100"},
                   {"id":"t2","date":"2026-01-11","payeeId":"ann","amount":"200"},
                   {"id":"t1","date":"2026-02-10","payeeId":"ann","amount":"300"}]"#;
    let e = load_err(txns, ANN);
    assert_eq!(errors(&e), one("transactions[2].id", "ID_INVALID"));
    assert!(at(&e, "transactions[2].id").message.contains("transactions[0].id"), "{e:?}");
}

#[test]
fn a_transaction_id_used_twice_in_csv_names_both_lines() {
    let csv = "id,date,payeeId,amount\nt1,2026-01-10,ann,100\nt2,2026-01-11,ann,200\nt1,2026-02-10,ann,300\n";
    let e = api::load_csv(csv, ANN).unwrap_err();
    assert_eq!(errors(&e), one("line 4, column id", "ID_INVALID"));
    assert!(at(&e, "line 4, column id").message.contains("line 2, column id"), "{e:?}");
}

#[test]
fn a_payee_id_used_twice_names_both() {
    let e = load_err("[]", r#"[{"id":"ann","name":"Ann"},{"id":"bob","name":"Bob"},{"id":"ann","name":"Ann B"}]"#);
    assert_eq!(errors(&e), one("payees[2].id", "ID_INVALID"));
    assert!(at(&e, "payees[2].id").message.contains("payees[0].id"), "{e:?}");
}

#[test]
fn a_component_id_used_twice_names_both() {
    let p = format!(r#"{{"schemaVersion":1,"id":"p","name":"P",{}}}"#, body("", &format!("{COMMISSION},{COMMISSION}")));
    assert_eq!(plan_errors(&p), one("components[1].id", "ID_INVALID"));
    let d = api::validate_plan(&p).into_iter().find(|d| d.path == "components[1].id").unwrap();
    assert!(d.message.contains("components[0].id"), "{}", d.message);
}

#[test]
fn a_version_label_used_twice() {
    let v = |label: &str, from: &str, to: &str| {
        format!(r#"{{"version":"{label}","effectiveFrom":"{from}","effectiveTo":"{to}",{}}}"#, body("", COMMISSION))
    };
    let p = format!(
        r#"{{"schemaVersion":1,"id":"p","name":"P","versions":[{},{}]}}"#,
        v("2026", "2026-01-01", "2026-06-30"),
        v("2026", "2026-07-01", "2026-12-31")
    );
    assert_eq!(plan_errors(&p), one("versions[1].version", "ID_INVALID"));
}

#[test]
fn an_mbo_goal_id_used_twice() {
    let goal = r#"{"id":"g","name":"G","weight":"0.5","due":"2026-03-31","points":["0","1"]}"#;
    let mbo =
        format!(r#"{{"id":"mbo","name":"MBO","kind":"mbo","target":{{"amount":"1000"}},"goals":[{goal},{goal}]}}"#);
    let p = format!(r#"{{"schemaVersion":1,"id":"p","name":"P",{}}}"#, body("", &mbo));
    assert_eq!(plan_errors(&p), one("components[0].goals[1].id", "ID_INVALID"));
}

#[test]
fn a_payee_quota_given_twice_for_one_component_and_period() {
    let payees = r#"[{"id":"ann","name":"Ann","quotas":[
        {"component":"revenue","period":"2026-Q1","amount":"100"},
        {"component":"revenue","amount":"400"},
        {"component":"revenue","period":"2026-Q1","amount":"200"}]}]"#;
    assert_eq!(errors(&load_err("[]", payees)), one("payees[0].quotas[2]", "ID_INVALID"));
}

// ---- Dated ranges that end before they start: errors ----------------------------------------

#[test]
fn reversed_ranges_in_payees() {
    let payees = r#"[{"id":"m","name":"M"},
        {"id":"ann","name":"Ann","hireDate":"2026-06-01","terminationDate":"2026-03-31",
         "managers":[{"managerId":"m","from":"2026-05-01","to":"2026-04-30"}],
         "leaves":[{"from":"2026-02-10","to":"2026-02-01"}],
         "draw":{"kind":"nonRecoverable","amount":"100","from":"2026-Q3","to":"2026-Q1"}}]"#;
    let mut got = errors(&load_err("[]", payees));
    got.sort();
    let mut want = vec![
        ("payees[1].terminationDate".to_string(), "RANGE_REVERSED"),
        ("payees[1].managers[0].to".to_string(), "RANGE_REVERSED"),
        ("payees[1].leaves[0].to".to_string(), "RANGE_REVERSED"),
        ("payees[1].draw.to".to_string(), "RANGE_REVERSED"),
    ];
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn reversed_ranges_in_plans() {
    let spiff = r#"{"id":"s","name":"S","kind":"spiff","window":{"from":"2026-03-31","to":"2026-03-01"},
        "pay":{"perDeal":"100"}}"#;
    let p = format!(r#"{{"schemaVersion":1,"id":"p","name":"P",{}}}"#, body("", spiff));
    assert_eq!(plan_errors(&p), one("components[0].window.to", "RANGE_REVERSED"));
    let p = plan(r#","payout":{"draw":{"kind":"recoverable","amount":"100","from":"2026-Q4","to":"2026-Q2"}}"#);
    assert_eq!(plan_errors(&p), one("payout.draw.to", "RANGE_REVERSED"));
}

#[test]
fn a_hire_date_after_the_termination_date() {
    let payees = r#"[{"id":"ann","name":"Ann","hireDate":"2026-09-01","terminationDate":"2026-08-31"}]"#;
    assert_eq!(errors(&load_err("[]", payees)), one("payees[0].terminationDate", "RANGE_REVERSED"));
}

// ---- Overlapping manager spans: an error ----------------------------------------------------

#[test]
fn overlapping_manager_spans() {
    let payees = r#"[{"id":"m1","name":"M1"},{"id":"m2","name":"M2"},
        {"id":"ann","name":"Ann","managers":[
          {"managerId":"m1","from":"2026-01-01","to":"2026-06-30"},
          {"managerId":"m2","from":"2026-06-01"}]}]"#;
    let e = load_err("[]", payees);
    assert_eq!(errors(&e), one("payees[2].managers[1].from", "SPAN_OVERLAP"));
    assert!(at(&e, "payees[2].managers[1].from").message.contains("m1"), "{e:?}");
    // An open span beside a dated one overlaps it too; spans that meet end to start do not.
    let payees = r#"[{"id":"m1","name":"M1"},{"id":"m2","name":"M2"},
        {"id":"ann","name":"Ann","managers":[{"managerId":"m1"},{"managerId":"m2","from":"2026-06-01"}]},
        {"id":"bob","name":"Bob","managers":[
          {"managerId":"m1","to":"2026-05-31"},{"managerId":"m2","from":"2026-06-01"}]}]"#;
    assert_eq!(errors(&load_err("[]", payees)), one("payees[2].managers[1].from", "SPAN_OVERLAP"));
}

// ---- Plan fields that would be ignored: an error ---------------------------------------------

#[test]
fn plan_body_fields_beside_versions_are_named() {
    let v = format!(r#"{{"version":"v1",{}}}"#, body("", COMMISSION));
    let p = format!(
        r#"{{"schemaVersion":1,"id":"p","name":"P","components":[{COMMISSION}],
        "rounding":{{"mode":"down","at":"line"}},"versions":[{v}]}}"#
    );
    let mut got = plan_errors(&p);
    got.sort();
    assert_eq!(got, vec![("components".to_string(), "FIELD_IGNORED"), ("rounding".to_string(), "FIELD_IGNORED")]);
}

// ---- Excess decimal places: an error in every decimal reader ---------------------------------

const TINY: &str = "0.00000000000000000000000000001";

#[test]
fn a_rate_with_29_places_is_refused_not_rounded_to_zero() {
    let p = format!(
        r#"{{"schemaVersion":1,"id":"p","name":"P",{}}}"#,
        body("", &COMMISSION.replace(r#""rate":"0.10""#, &format!(r#""rate":"{TINY}""#)))
    );
    assert_eq!(plan_errors(&p), one("components[0].rateTable.tiers[0].rate", "DECIMAL_PRECISION"));
}

#[test]
fn amounts_with_too_many_digits_are_refused_in_json_and_csv() {
    // 30 significant digits: rust_decimal would round the last one away.
    let long = "1234567890.12345678901234567891";
    let txns = format!(r#"[{{"id":"t1","date":"2026-01-10","payeeId":"ann","amount":"{long}"}}]"#);
    assert_eq!(errors(&load_err(&txns, ANN)), one("transactions[0].amount", "DECIMAL_PRECISION"));
    let csv = format!("id,date,payeeId,amount\nt1,2026-01-10,ann,{TINY}\n");
    assert_eq!(errors(&api::load_csv(&csv, ANN).unwrap_err()), one("line 2, column amount", "DECIMAL_PRECISION"));
    let payees = format!(r#"[{{"id":"ann","name":"Ann","targetIncentive":"{long}"}}]"#);
    assert_eq!(errors(&load_err("[]", &payees)), one("payees[0].targetIncentive", "DECIMAL_PRECISION"));
    // Zeros past the 28th place carry no value: accepted.
    let txns = r#"[{"id":"t1","date":"2026-01-10","payeeId":"ann","amount":"100.000000000000000000000000000000"}]"#;
    assert!(api::load_json(txns, ANN).is_ok());
}

#[test]
fn ledger_adjustments_with_too_many_digits_are_refused() {
    let adj = format!("payeeId,date,amount\nann,2026-01-15,{TINY}\n");
    let e = spm_wire::spec::ledger::parse_adjustments(&adj).unwrap_err();
    assert_eq!(errors(&e), one("line 2, column amount", "DECIMAL_PRECISION"));
}

// ---- Deals outside every plan version: a warning ----------------------------------------------

#[test]
fn a_deal_between_two_versions_is_warned_about() {
    let v = |label: &str, from: &str, to: &str| {
        format!(r#"{{"version":"{label}","effectiveFrom":"{from}","effectiveTo":"{to}",{}}}"#, body("", COMMISSION))
    };
    let p = format!(
        r#"{{"schemaVersion":1,"id":"p","name":"P","versions":[{},{}]}}"#,
        v("h1", "2026-01-01", "2026-06-30"),
        v("h2", "2026-08-01", "2026-12-31")
    );
    let txns = r#"[{"id":"t1","date":"2026-02-10","payeeId":"ann","amount":"100"},
                   {"id":"t2","date":"2026-07-15","payeeId":"ann","amount":"200"}]"#;
    let w = warnings(&p, ANN, txns);
    assert_eq!(w.len(), 1, "{w:?}");
    let (path, code, message) = &w[0];
    assert_eq!((path.as_str(), code.as_str()), ("transactions", "OUTSIDE_VERSIONS"));
    for part in ["\"t2\"", "2026-07-15", "\"h1\"", "2026-06-30", "\"h2\"", "2026-08-01"] {
        assert!(message.contains(part), "{part} in {message}");
    }
}

// ---- Payee entries naming what the plan lacks: warnings ---------------------------------------

#[test]
fn a_quota_for_a_component_the_plan_lacks_is_warned_about() {
    let payees = r#"[{"id":"ann","name":"Ann","quotas":[
        {"component":"revenue","amount":"100"},
        {"component":"renewals","amount":"100"},
        {"component":"revenue","period":"2026-03","amount":"100"}],
        "mbo":[{"goal":"nps","score":"1"}]}]"#;
    let txns = r#"[{"id":"t1","date":"2026-02-10","payeeId":"ann","amount":"100"}]"#;
    let w: Vec<(String, String)> = warnings(&plan(""), payees, txns).into_iter().map(|(p, c, _)| (p, c)).collect();
    let pair = |p: &str| (p.to_string(), "UNKNOWN_REFERENCE".to_string());
    assert_eq!(
        w,
        vec![pair("payees[0].quotas[1].component"), pair("payees[0].quotas[2].period"), pair("payees[0].mbo[0].goal")]
    );
}

// ---- A ledger stretched past the period limit: LIMIT_EXCEEDED at input ------------------------

#[test]
fn a_far_future_adjustment_is_refused_at_its_path() {
    let p = plan("").replace(r#""period":"quarter""#, r#""period":"month""#);
    let plan = api::compile_plan(&p).unwrap();
    let data = api::load_json(r#"[{"id":"t1","date":"2026-01-10","payeeId":"ann","amount":"100"}]"#, ANN).unwrap();
    // 2026-01 to 2109-05 is 1,001 months: the ledger used to stop there and drop the adjustment.
    let adj =
        r#"[{"payeeId":"ann","date":"2026-02-01","amount":"10"},{"payeeId":"ann","date":"2109-05-01","amount":"10"}]"#;
    let e = api::ledger_with(&plan, &data, "", None, adj).unwrap_err();
    assert_eq!(errors(&e), one("adjustments[1].date", "LIMIT_EXCEEDED"));
    let events = r#"[{"transactionId":"t1","kind":"payment","date":"2090-01-01"}]"#;
    let e = api::ledger_with(&plan, &data, events, None, "").unwrap_err();
    assert_eq!(errors(&e), one("events[0].date", "LIMIT_EXCEEDED"));
    // Through an earlier period the far adjustment is left out with a note, as documented.
    assert!(api::ledger_with(&plan, &data, "", Some("2026-03"), adj).is_ok());
}

#[test]
fn crm_imports_and_scoring_events_refuse_too_many_digits_too() {
    // A CRM export's amount, with its own separators: the row is rejected with DECIMAL_PRECISION.
    let csv = format!("Deal,Owner,Date,Amount\nD-1,ann,2026-01-10,\"1.234,{}\"\n", "5".repeat(29));
    let mapping =
        r#"{"columns":{"id":"Deal","payeeId":"Owner","date":"Date","amount":"Amount"},"decimalSeparator":","}"#;
    let out: serde_json::Value =
        serde_json::from_str(&api::import_json("transactions", &csv, mapping, Some(ANN)).unwrap()).unwrap();
    let problem = &out["report"]["problems"][0];
    assert_eq!(
        (problem["code"].as_str(), out["report"]["rejected"].as_u64()),
        (Some("DECIMAL_PRECISION"), Some(1)),
        "{out}"
    );
    // A scoring event's amount (CSV), at its line and column.
    let defs = r#"{"schemaVersion":1,"asOf":"2026-03-31","points":{"rules":[{"eventType":"deal","points":"1"}]}}"#;
    let events = format!("id,payeeId,type,date,amount\ne1,s1,deal,2026-01-10,{TINY}\n");
    let e = match spm_scoring::Scoreboard::from_text(defs, Some(r#"[{"id":"s1"}]"#), &events) {
        Ok(_) => panic!("accepted {events}"),
        Err(e) => e,
    };
    assert_eq!(errors(&e), one("line 2, column amount", "DECIMAL_PRECISION"));
    // Ledger events (JSON) read decimals through the same reader.
    let e = spm_wire::spec::ledger::parse_events(&format!(
        r#"[{{"transactionId":"t1","kind":"refund","date":"2026-02-01","amount":"{TINY}"}}]"#
    ))
    .unwrap_err();
    assert_eq!(errors(&e), one("events[0].amount", "DECIMAL_PRECISION"));
}

#[test]
fn every_repeat_of_an_id_names_its_first_use_and_a_flood_is_summarised() {
    let row =
        |i: usize, id: &str| format!(r#"{{"id":"{id}","date":"2026-0{}-10","payeeId":"ann","amount":"1"}}"#, 1 + i % 9);
    let txns: Vec<String> = ["a", "b", "a", "c", "a", "b"].iter().enumerate().map(|(i, id)| row(i, id)).collect();
    let e = load_err(&format!("[{}]", txns.join(",")), ANN);
    let got: Vec<(String, bool)> = e
        .diagnostics
        .iter()
        .map(|d| (d.path.clone(), d.message.contains(if d.path == "transactions[5].id" { "[1]" } else { "[0]" })))
        .collect();
    let want = ["transactions[2].id", "transactions[4].id", "transactions[5].id"].map(|p| (p.to_string(), true));
    assert_eq!(got, want);
    // 500 uses of one id: 99 located errors and one that counts the other 400, not 499 messages.
    let txns: Vec<String> = (0..500).map(|i| row(i, "same")).collect();
    let e = load_err(&format!("[{}]", txns.join(",")), ANN);
    assert!(e.diagnostics.len() <= 102, "{} diagnostics", e.diagnostics.len());
    assert!(e.diagnostics.iter().any(|d| d.message.contains("400 more")), "{:?}", e.diagnostics.last());
}

#[test]
fn deals_before_the_first_version_and_after_the_last_are_counted_per_gap() {
    let p = format!(
        r#"{{"schemaVersion":1,"id":"p","name":"P","effectiveFrom":"2026-03-01","effectiveTo":"2026-09-30",{}}}"#,
        body("", COMMISSION)
    );
    let rows: Vec<String> = (1..=8)
        .map(|i| format!(r#"{{"id":"e{i}","date":"2026-01-{i:02}","payeeId":"ann","amount":"1"}}"#))
        .chain([r#"{"id":"in","date":"2026-05-01","payeeId":"ann","amount":"1"}"#.to_string()])
        .chain([r#"{"id":"late","date":"2026-10-01","payeeId":"ann","amount":"1"}"#.to_string()])
        .collect();
    let w = warnings(&p, ANN, &format!("[{}]", rows.join(",")));
    let messages: Vec<&str> = w.iter().map(|(_, _, m)| m.as_str()).collect();
    assert_eq!(w.len(), 2, "{messages:?}");
    assert!(messages[0].starts_with("8 transactions are dated before version \"1\", the first, starts on 2026-03-01"));
    assert!(messages[0].ends_with("\"e5\" (2026-01-05) and 3 more"), "{}", messages[0]);
    assert!(messages[1].starts_with("1 transaction is dated after version \"1\", the last, ends on 2026-09-30"));
}
