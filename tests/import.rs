//! Import from CRM exports (issue 4, item 7): every preset reads its sample export in
//! tests/data/crm/ into hand-checked records; malformed files give reports that name rows and
//! columns; every row is accounted for; and imported records load and run against a tiny plan.
#![cfg(not(target_arch = "wasm32"))]

use spm_base::Code;
use spm_base::Error;
use spm_base::Severity;
use spm_wire::api;
use spm_wire::io::import::{
    import_hierarchy, import_payees, import_quotas, import_transactions, ImportReport, Imported,
};
use spm_wire::spec::data::{PayeeDto, TransactionDto};
use spm_wire::spec::import::{parse_mapping, MappingDto};

fn file(name: &str) -> String {
    let path = format!("{}/tests/data/crm/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn mapping(json: &str) -> MappingDto {
    parse_mapping(json).unwrap()
}

fn preset(name: &str) -> MappingDto {
    mapping(&format!(r#"{{"preset":"{name}"}}"#))
}

/// The payees of payees.csv, with hierarchy.csv and quotas.csv added.
fn payees() -> Vec<PayeeDto> {
    let m = mapping(
        r#"{"columns":{"id":"Employee ID","name":"Full Name","role":"Title","managerId":"Manager ID",
            "hireDate":"Start Date","currency":"Currency","targetIncentive":"Annual Target"},
            "dateFormat":"MM/DD/YYYY"}"#,
    );
    let Imported { records, report } = import_payees(&file("payees.csv"), &m).unwrap();
    assert_clean(&report, 4);
    records
}

fn assert_accounted(r: &ImportReport) {
    assert_eq!(r.rows, r.imported + r.skipped.len() + r.rejected, "every row is accounted for: {r:#?}");
    let mut rejected_rows = std::collections::BTreeSet::new();
    for d in r.problems.iter().filter(|d| d.severity == Severity::Error) {
        let rows = d.path.trim_start_matches("rows ").trim_start_matches("row ");
        for n in rows.split(", column").next().unwrap_or("").split(", ") {
            rejected_rows.insert(n.parse::<usize>().unwrap_or_else(|_| panic!("a row number in {:?}", d.path)));
        }
    }
    assert_eq!(rejected_rows.len(), r.rejected, "each rejected row has an error naming it: {r:#?}");
}

fn assert_clean(r: &ImportReport, rows: usize) {
    assert_accounted(r);
    assert!(r.problems.is_empty(), "{:#?}", r.problems);
    assert_eq!((r.rows, r.imported, r.rejected), (rows, rows - r.skipped.len(), 0));
}

/// (path, code) of every error.
fn problems(r: &ImportReport) -> Vec<(String, &'static str)> {
    r.problems.iter().filter(|d| d.severity == Severity::Error).map(|d| (d.path.clone(), d.code.as_str())).collect()
}

fn json(v: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(v).unwrap()
}

#[test]
fn payees_hierarchy_and_quotas_import_from_hr_files() {
    let mut list = payees();
    assert_eq!(
        json(&list[0]),
        serde_json::json!({"id":"dana","name":"Dana Whitfield","role":"Account Executive","managerId":"maria",
            "hireDate":"2024-01-15","targetIncentive":"60000.00","currency":"USD"})
    );
    assert_eq!(json(&list[3])["managerId"], serde_json::Value::Null);
    let r = import_hierarchy(&file("hierarchy.csv"), &preset("spm-hierarchy"), &mut list).unwrap();
    assert_accounted(&r);
    assert_eq!((r.rows, r.imported, r.rejected), (2, 2, 0));
    // Priya's single managerId gives way to the effective-dated spans, with a warning.
    assert_eq!(r.problems.len(), 1);
    assert_eq!((r.problems[0].path.as_str(), r.problems[0].severity), ("row 2", Severity::Warning));
    assert_eq!(
        json(&list[2])["managers"],
        serde_json::json!([{"managerId":"maria","from":"2026-01-01","to":"2026-06-30"},
            {"managerId":"dana","from":"2026-07-01"}])
    );
    assert_eq!(json(&list[2])["managerId"], serde_json::Value::Null);
    let r = import_quotas(&file("quotas.csv"), &preset("spm-quotas"), &mut list).unwrap();
    assert_clean(&r, 3);
    assert_eq!(
        json(&list[0])["quotas"],
        serde_json::json!([{"component":"revenue","period":"2026-Q1","amount":"100000"}])
    );
    assert_eq!(json(&list[2])["quotas"], serde_json::json!([{"component":"revenue","amount":"25000"}]));
}

#[test]
fn salesforce_opportunities_skip_lost_deals_and_the_report_footer() {
    let list = payees();
    let Imported { records, report } =
        import_transactions(&file("salesforce_opportunities.csv"), &preset("salesforce-opportunities"), Some(&list))
            .unwrap();
    assert_clean(&report, 10);
    let skipped: Vec<(usize, &str)> = report.skipped.iter().map(|s| (s.row, s.reason.as_str())).collect();
    assert_eq!(skipped[0], (4, r#""Stage" is "Closed Lost", not one of "Closed Won""#));
    assert_eq!(skipped.iter().map(|s| s.0).collect::<Vec<_>>(), vec![4, 8, 9, 10, 11, 12]);
    assert!(skipped[1].1.contains("report footer"), "{skipped:?}");
    let got: Vec<(&str, &str, Option<&str>, String)> = records
        .iter()
        .map(|t| (t.id.as_str(), t.date.as_str(), t.payee_id.as_deref(), json(&t.amount).as_str().unwrap_or("").into()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("0065g00000AbCdEAA1", "2026-01-15", Some("dana"), "12500.00".to_string()),
            ("0065g00000AbCdFAA1", "2026-02-27", Some("marcus"), "48000.00".to_string()),
            ("0065g00000AbCdHAA1", "2026-03-31", Some("priya"), "7250.50".to_string()),
            ("0065g00000AbCdIAA1", "2026-03-31", Some("marcus"), "-1200.00".to_string()),
        ]
    );
    assert_eq!(
        json(&records[0]),
        serde_json::json!({"id":"0065g00000AbCdEAA1","date":"2026-01-15","payeeId":"dana","amount":"12500.00",
            "type":"Existing Business","account":"Acme Corp",
            "attributes":[{"name":"opportunityName","value":"Acme - Platform renewal"}]})
    );
}

#[test]
fn salesforce_splits_group_into_one_deal_per_opportunity() {
    let list = payees();
    let Imported { records, report } =
        import_transactions(&file("salesforce_splits.csv"), &preset("salesforce-opportunity-splits"), Some(&list))
            .unwrap();
    assert_clean(&report, 4);
    assert_eq!(report.imported, 3, "the two rows of the 60/40 deal both count");
    assert_eq!(records.len(), 2);
    assert_eq!(
        json(&records[0]),
        serde_json::json!({"id":"0065g00000SpLtAAA1","date":"2026-02-14","amount":"100000.00",
            "splits":[{"payeeId":"dana","share":"0.6"},{"payeeId":"marcus","share":"0.4"}],
            "attributes":[{"name":"opportunityName","value":"Wayne Enterprises - Renewal"}]})
    );
    assert_eq!(json(&records[1])["splits"], serde_json::json!([{"payeeId":"priya","share":"1"}]));
}

#[test]
fn hubspot_deals_take_the_date_part_of_datetimes() {
    let list = payees();
    let Imported { records, report } =
        import_transactions(&file("hubspot_deals.csv"), &preset("hubspot-deals"), Some(&list)).unwrap();
    assert_clean(&report, 3);
    assert_eq!(report.skipped[0].row, 3);
    assert_eq!(
        json(&records),
        serde_json::json!([
            {"id":"9876543210","date":"2026-01-20","payeeId":"dana","amount":"15000","type":"Existing Business",
             "currency":"USD","attributes":[{"name":"dealName","value":"Acme expansion"},{"name":"pipeline","value":"Sales Pipeline"}]},
            {"id":"9876543212","date":"2026-03-05","payeeId":"priya","amount":"22500.75","type":"New Business",
             "currency":"EUR","attributes":[{"name":"dealName","value":"Initech platform"},{"name":"pipeline","value":"Sales Pipeline"}]}
        ])
    );
}

#[test]
fn a_semicolon_separated_european_file_with_a_custom_mapping() {
    let m = mapping(
        r#"{"columns":{"id":"Auftrag","payeeId":"verkäufer","date":"Abschlussdatum","amount":" Betrag ",
            "currency":"Währung","product":"Produkt"},"dateFormat":"DD.MM.YYYY","decimalSeparator":","}"#,
    );
    let Imported { records, report } = import_transactions(&file("european_deals.csv"), &m, None).unwrap();
    assert_clean(&report, 3);
    let got: Vec<(&str, &str, String, Option<&str>)> = records
        .iter()
        .map(|t| (t.id.as_str(), t.date.as_str(), json(&t.amount).as_str().unwrap_or("").into(), t.product.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("A-1001", "2026-01-31", "1234.56".to_string(), Some("Lizenz")),
            ("A-1002", "2026-02-28", "12000.00".to_string(), Some("Wartung")),
            ("A-1003", "2026-03-05", "-250.00".to_string(), Some("Gutschrift")),
        ]
    );
    assert_eq!(records[0].currency.as_deref(), Some("EUR"));
}

#[test]
fn every_bad_row_is_named_with_its_row_and_column() {
    let list = payees();
    let m = preset("salesforce-opportunities");
    let Imported { records, report } = import_transactions(&file("malformed_rows.csv"), &m, Some(&list)).unwrap();
    assert_accounted(&report);
    assert_eq!(records.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), vec!["OPP-1"]);
    assert_eq!((report.rows, report.imported, report.rejected), (8, 1, 7));
    assert_eq!(
        problems(&report),
        vec![
            (r#"row 3, column "Amount""#.to_string(), "DECIMAL_INVALID"),
            (r#"row 4, column "Close Date""#.to_string(), "DATE_INVALID"),
            (r#"row 5, column "Opportunity ID""#.to_string(), "ID_INVALID"),
            (r#"row 6, column "Opportunity Owner""#.to_string(), "UNKNOWN_REFERENCE"),
            (r#"row 7, column "Opportunity Currency""#.to_string(), "CURRENCY_UNKNOWN"),
            ("row 8".to_string(), "CSV_INVALID"),
            (r#"row 9, column "Opportunity ID""#.to_string(), "ID_INVALID"),
        ]
    );
    let message = |row: &str| report.problems.iter().find(|d| d.path.starts_with(row)).unwrap().message.clone();
    assert!(message("row 3,").contains(r#""$1,00x.00""#));
    assert!(message("row 4,").contains("13/45/2026"));
    assert!(message("row 5,").contains("OPP-1") && message("row 5,").contains("row 2"), "names both rows");
    assert!(message("row 6,").contains("Bruce Wayne"));
    assert!(message("row 8").contains("row 8 has 7 cells, the header has 9"));
}

#[test]
fn splits_that_do_not_sum_to_100_percent_are_rejected_whole() {
    let list = payees();
    let Imported { records, report } = import_transactions(
        &file("malformed_splits.csv"),
        &mapping(r#"{"preset":"salesforce-opportunity-splits","include":{"column":"Stage","values":[]}}"#),
        Some(&list),
    )
    .unwrap();
    assert_accounted(&report);
    assert_eq!(records.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), vec!["OPP-S4"]);
    assert_eq!((report.rows, report.imported, report.rejected), (7, 1, 6));
    assert_eq!(
        problems(&report),
        vec![
            (r#"rows 2, 3, column "Split Percentage""#.to_string(), "SPLIT_SUM"),
            (r#"row 4, column "Split Percentage""#.to_string(), "SPLIT_SUM"),
            (r#"row 5, column "Split Owner""#.to_string(), "ID_INVALID"),
            (r#"rows 6, 7, column "Close Date""#.to_string(), "CSV_INVALID"),
        ]
    );
    assert!(report.problems[0].message.contains("sum to 90%"), "{}", report.problems[0].message);
    assert!(report.problems[2].message.contains("on row 4"), "names both rows: {}", report.problems[2].message);
    assert!(report.problems[3].message.contains(r#""2026-02-16" on row 6 but "2026-02-17" on row 7"#));
}

fn whole_file_error(name: &str, m: &MappingDto) -> Error {
    import_transactions(&file(name), m, Some(&payees())).unwrap_err()
}

#[test]
fn a_wrong_delimiter_is_named() {
    let e = whole_file_error(
        "malformed_semicolon.csv",
        &mapping(r#"{"preset":"salesforce-opportunities","delimiter":","}"#),
    );
    assert_eq!((e.code, e.diagnostics[0].path.as_str()), (Code::CsvInvalid, "row 1"));
    assert!(e.diagnostics[0].message.contains("looks ';'-separated"), "{}", e.diagnostics[0].message);
    assert_eq!(e.diagnostics[0].hint, "set delimiter to ';'");
}

#[test]
fn a_missing_column_names_the_field_the_column_and_the_closest_header() {
    let e = whole_file_error("malformed_missing_column.csv", &preset("salesforce-opportunities"));
    assert_eq!(e.code, Code::MissingField);
    assert_eq!(e.diagnostics.len(), 1);
    let d = &e.diagnostics[0];
    assert_eq!(d.path, "row 1");
    assert!(d.message.contains(r#"columns.date expects the column "Close Date""#), "{}", d.message);
    assert!(d.message.contains(r#""Opportunity Owner", "Account Name", "Stage", "Amount", "Closed Date""#));
    assert_eq!(d.hint, r#"did you mean "Closed Date"? set columns.date to it"#);
}

#[test]
fn bad_mappings_are_whole_file_errors() {
    let csv = file("salesforce_opportunities.csv");
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
    import_hierarchy(&file("hierarchy.csv"), &preset("spm-hierarchy"), &mut list).unwrap();
    import_quotas(&file("quotas.csv"), &preset("spm-quotas"), &mut list).unwrap();
    let mut txns: Vec<TransactionDto> = Vec::new();
    for (name, p) in [
        ("salesforce_opportunities.csv", "salesforce-opportunities"),
        ("salesforce_splits.csv", "salesforce-opportunity-splits"),
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
