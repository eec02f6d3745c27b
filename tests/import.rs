//! Import from CRM exports (issue 4, item 7). The golden files of `tests/golden/import/` (a CRM
//! export, its mapping, the hand-checked records and report; run by `tests/golden.rs`) cover every
//! preset, malformed files and whole-file errors; here: every row is accounted for in each of them,
//! the messages name what they should, bad mappings are whole-file errors, and imported records
//! load and run against a tiny plan.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use spm_base::Code;
use spm_wire::api;
use spm_wire::io::import::{import_hierarchy, import_payees, import_quotas, import_transactions, Imported};
use spm_wire::spec::data::{PayeeDto, TransactionDto};
use spm_wire::spec::import::{parse_mapping, MappingDto};

fn golden(name: &str) -> Value {
    let path = format!("{}/tests/golden/import/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))).unwrap()
}

/// The CSV text of a golden import file (its lines joined).
fn file(name: &str) -> String {
    golden(name)["input"]["csv"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect()
}

fn mapping(json: &str) -> MappingDto {
    parse_mapping(json).unwrap()
}

fn preset(name: &str) -> MappingDto {
    mapping(&format!(r#"{{"preset":"{name}"}}"#))
}

/// The payees of the payees golden file, read with its mapping.
fn payees() -> Vec<PayeeDto> {
    let m = mapping(&golden("payees")["input"]["mapping"].to_string());
    let Imported { records, report } = import_payees(&file("payees"), &m).unwrap();
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    records
}

/// The golden file's import run through `api::import_json` (what `importCsv` calls).
fn run(name: &str) -> spm_base::Result<Value> {
    let input = &golden(name)["input"];
    let payees = input.get("payees").map(Value::to_string);
    let text = api::import_json(
        input["kind"].as_str().unwrap(),
        &file(name),
        &input["mapping"].to_string(),
        payees.as_deref(),
    )?;
    Ok(serde_json::from_str(&text).unwrap())
}

/// The names of the golden import files.
fn names() -> Vec<String> {
    let dir = format!("{}/tests/golden/import", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path().file_stem().unwrap().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

/// Every row is accounted for: `rows == imported + skipped + rejected`, and each rejected row has
/// an error naming it.
#[test]
fn every_row_of_every_golden_import_is_accounted_for() {
    let mut reports = 0;
    for name in names() {
        let Ok(out) = run(&name) else { continue };
        let r = &out["report"];
        let n = |k: &str| r[k].as_u64().unwrap();
        let skipped = r["skipped"].as_array().unwrap().len() as u64;
        assert_eq!(n("rows"), n("imported") + skipped + n("rejected"), "{name}: {r:#}");
        let mut rejected_rows = std::collections::BTreeSet::new();
        for d in r["problems"].as_array().unwrap().iter().filter(|d| d["severity"] == "error") {
            let path = d["path"].as_str().unwrap();
            let rows = path.trim_start_matches("rows ").trim_start_matches("row ");
            for row in rows.split(", column").next().unwrap_or("").split(", ") {
                rejected_rows.insert(row.parse::<u64>().unwrap_or_else(|_| panic!("{name}: a row number in {path:?}")));
            }
        }
        assert_eq!(rejected_rows.len() as u64, n("rejected"), "{name}: each rejected row has an error naming it");
        reports += 1;
    }
    assert!(reports >= 9, "only {reports} golden imports give a report");
}

#[test]
fn the_salesforce_footer_is_skipped_as_a_footer() {
    let out = run("salesforce_opportunities").unwrap();
    let reason = out["report"]["skipped"][1]["reason"].as_str().unwrap();
    assert!(reason.contains("report footer"), "{reason}");
}

#[test]
fn bad_rows_are_named_in_words_too() {
    let out = run("malformed_rows").unwrap();
    let problems = out["report"]["problems"].as_array().unwrap();
    let message = |row: &str| {
        problems.iter().find(|d| d["path"].as_str().unwrap().starts_with(row)).unwrap()["message"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(message("row 3,").contains(r#""$1,00x.00""#));
    assert!(message("row 4,").contains("13/45/2026"));
    assert!(message("row 5,").contains("OPP-1") && message("row 5,").contains("row 2"), "names both rows");
    assert!(message("row 6,").contains("Bruce Wayne"));
    assert!(message("row 8").contains("row 8 has 7 cells, the header has 9"));
}

#[test]
fn bad_splits_are_named_in_words_too() {
    let out = run("malformed_splits").unwrap();
    let message = |i: usize| out["report"]["problems"][i]["message"].as_str().unwrap().to_string();
    assert!(message(0).contains("sum to 90%"), "{}", message(0));
    assert!(message(2).contains("on row 4"), "names both rows: {}", message(2));
    assert!(message(3).contains(r#""2026-02-16" on row 6 but "2026-02-17" on row 7"#));
}

#[test]
fn whole_file_errors_say_what_is_wrong() {
    let e = run("malformed_semicolon").unwrap_err();
    assert!(e.diagnostics[0].message.contains("looks ';'-separated"), "{}", e.diagnostics[0].message);
    let e = run("malformed_missing_column").unwrap_err();
    let d = &e.diagnostics[0];
    assert!(d.message.contains(r#"columns.date expects the column "Close Date""#), "{}", d.message);
    assert!(d.message.contains(r#""Opportunity Owner", "Account Name", "Stage", "Amount", "Closed Date""#));
}

#[test]
fn bad_mappings_are_whole_file_errors() {
    let csv = file("salesforce_opportunities");
    let err = |json: &str| import_transactions(&csv, &mapping(json), Some(&payees())).unwrap_err();
    let e = err(r#"{"preset":"salesforce"}"#);
    assert_eq!((e.code, e.diagnostics[0].path.as_str()), (Code::UnknownReference, "mapping.preset"));
    assert!(e.diagnostics[0].hint.contains("salesforce-opportunities, salesforce-opportunity-splits, hubspot-deals"));
    let e = err(r#"{"preset":"salesforce-opportunities","columns":{"owner":"Opportunity Owner"}}"#);
    assert_eq!((e.code, e.diagnostics[0].path.as_str()), (Code::UnknownField, "mapping.columns.owner"));
    let e = err(r#"{"columns":{"id":"Opportunity ID"},"dateFormat":"DD-MM-YY"}"#);
    let got: Vec<(&str, Code)> = e.diagnostics.iter().map(|d| (d.path.as_str(), d.code)).collect();
    assert_eq!(
        got,
        vec![
            ("mapping.columns", Code::MissingField),
            ("mapping.columns", Code::MissingField),
            ("mapping.dateFormat", Code::WrongType)
        ]
    );
    let e = parse_mapping(r#"{"preset":"spm","colums":{}}"#).unwrap_err();
    assert_eq!(e.code, Code::UnknownField);
    let by_name = mapping(r#"{"preset":"salesforce-opportunities"}"#);
    let e = import_transactions(&csv, &by_name, None).unwrap_err();
    assert_eq!((e.code, e.diagnostics[0].path.as_str()), (Code::MissingField, "mapping.payeeMatch"));
}

const PLAN: &str = r#"{"schemaVersion":1,"id":"crm","name":"CRM import","currency":"USD","period":"month",
  "rounding":{"mode":"halfUp","at":"component"},
  "components":[{"id":"revenue","name":"Revenue","kind":"commission",
    "rateTable":{"mode":"marginal","base":"amount","evaluation":"running","tiers":[{"from":"0","to":null,"rate":"0.10"}]}}]}"#;

#[test]
fn imported_records_load_and_run_against_a_plan() {
    let mut list = payees();
    import_hierarchy(&file("hierarchy"), &preset("spm-hierarchy"), &mut list).unwrap();
    import_quotas(&file("quotas"), &preset("spm-quotas"), &mut list).unwrap();
    let mut txns: Vec<TransactionDto> = Vec::new();
    for (name, p) in [
        ("salesforce_opportunities", "salesforce-opportunities"),
        ("salesforce_splits", "salesforce-opportunity-splits"),
    ] {
        txns.extend(import_transactions(&file(name), &preset(p), Some(&list)).unwrap().records);
    }
    let data = api::load_json(&serde_json::to_string(&txns).unwrap(), &serde_json::to_string(&list).unwrap()).unwrap();
    let plan = api::compile_plan(PLAN).unwrap();
    let report = api::run(&plan, &data).unwrap().to_dto().unwrap();
    // 10% of each payee's credits: dana 12,500 + 60% of 100,000; marcus 48,000 + 40% of 100,000
    // - 1,200; priya 7,250.50 + 25,000; maria (the manager) has no credits.
    let by_payee: Vec<(String, String)> =
        report.totals.by_payee.iter().map(|p| (p.payee_id.clone(), p.payout.clone())).collect();
    let expect = [("dana", "7250.00"), ("marcus", "8680.00"), ("priya", "3225.05"), ("maria", "0.00")];
    for (id, payout) in expect {
        assert!(by_payee.contains(&(id.to_string(), payout.to_string())), "{id} {payout} in {by_payee:?}");
    }
    assert_eq!(report.totals.payout, "19155.05");
}
