//! Declared limits (src/limits.rs, docs/limits.md): each refused just above the limit with a
//! located `LIMIT_EXCEEDED` naming the limit and the actual value, and accepted at the limit.
//! Big inputs are built here, programmatically. The two tests that need millions of records
//! are skipped in debug builds (minutes there); run them with
//! `cargo test --release --test limits -- --include-ignored`.

use spm_base::limits::*;
use spm_base::Code;
use spm_base::Error;
use spm_plan::formula::Formula;
use spm_wire::api;

/// A valid plan whose one commission has `tiers` marginal amount tiers of 10 each, and `extra`
/// more components like it.
fn plan(tiers: usize, components: usize) -> String {
    let mut t: Vec<String> = (0..tiers.saturating_sub(1))
        .map(|i| format!(r#"{{"from":"{}","to":"{}","rate":"0.01"}}"#, i * 10, (i + 1) * 10))
        .collect();
    t.push(format!(r#"{{"from":"{}","to":null,"rate":"0.01"}}"#, (tiers - 1) * 10));
    let tiers = t.join(",");
    let comps: Vec<String> = (0..components)
        .map(|c| {
            format!(
                r#"{{"id":"c{c}","name":"C{c}","kind":"commission","rateTable":{{"mode":"marginal","base":"amount","evaluation":"running","tiers":[{tiers}]}}}}"#
            )
        })
        .collect();
    format!(
        r#"{{"schemaVersion":1,"id":"p","name":"P","currency":"USD","period":"quarter","rounding":{{"mode":"halfUp","at":"component"}},"components":[{}]}}"#,
        comps.join(",")
    )
}

/// The one diagnostic of a limit error: (code, path, message).
fn limit(e: &Error) -> (Code, &str, &str) {
    let d = &e.diagnostics[0];
    assert!(!d.hint.is_empty(), "a limit error says what to do");
    (e.code, d.path.as_str(), d.message.as_str())
}

#[test]
fn tiers_per_rate_table() {
    // 1,000 tiers: accepted. 1,001: refused at the list, naming both numbers.
    api::compile_plan(&plan(MAX_TIERS, 1)).unwrap();
    let e = api::compile_plan(&plan(MAX_TIERS + 1, 1)).unwrap_err();
    assert_eq!(
        limit(&e),
        (
            Code::LimitExceeded,
            "components[0].rateTable.tiers",
            "tiers in one rate table: 1001 is above the limit of 1000"
        )
    );
}

#[test]
fn components_per_plan() {
    assert!(api::compile_plan(&plan(2, MAX_COMPONENTS)).is_ok());
    let e = api::compile_plan(&plan(2, MAX_COMPONENTS + 1)).unwrap_err();
    assert_eq!(
        limit(&e),
        (Code::LimitExceeded, "components", "components in one plan version: 501 is above the limit of 500")
    );
}

#[test]
fn any_other_list_of_a_plan() {
    let with_inputs = |n: usize| {
        let names: Vec<String> = (0..n).map(|i| format!("\"in{i}\"")).collect();
        plan(2, 1).replacen(r#""currency""#, &format!(r#""inputs":[{}],"currency""#, names.join(",")), 1)
    };
    assert!(api::compile_plan(&with_inputs(MAX_PLAN_LIST)).is_ok());
    let e = api::compile_plan(&with_inputs(MAX_PLAN_LIST + 1)).unwrap_err();
    assert_eq!(
        limit(&e),
        (Code::LimitExceeded, "inputs", "items in one list of a plan: 1001 is above the limit of 1000")
    );
}

#[test]
fn plan_size_in_bytes() {
    // Padding with spaces after the JSON: valid up to the limit, refused one byte above it.
    let p = plan(2, 1);
    let at = format!("{p}{}", " ".repeat(MAX_PLAN_BYTES - p.len()));
    assert!(api::compile_plan(&at).is_ok());
    let e = api::compile_plan(&format!("{at} ")).unwrap_err();
    assert_eq!(
        limit(&e),
        (Code::LimitExceeded, "$", "the plan is too large (bytes): 4194305 is above the limit of 4194304")
    );
}

#[test]
fn json_nesting_depth() {
    // The plan object is level 1; n arrays inside it make n + 1 levels. 127 levels parse (and
    // then fail as an unknown field); 128 are refused as a limit, at the line and column.
    let nested = |levels: usize| {
        let n = levels - 1;
        format!(r#"{{"schemaVersion":1,"x":{}{}}}"#, "[".repeat(n), "]".repeat(n))
    };
    assert_eq!(api::compile_plan(&nested(MAX_JSON_DEPTH)).unwrap_err().code, Code::UnknownField);
    let e = api::compile_plan(&nested(MAX_JSON_DEPTH + 1)).unwrap_err();
    assert_eq!(
        limit(&e),
        (Code::LimitExceeded, "line 1, column 150", "the plan nests arrays and objects deeper than the limit of 127")
    );
    // Every JSON input goes through the same reader: a typed one usually fails on the type of
    // the first nested array already; a free-form one (an unknown field's value) hits the limit.
    let deep = format!(r#"{{"id":"r1","name":"R","x":{}{}}}"#, "[".repeat(MAX_JSON_DEPTH), "]".repeat(MAX_JSON_DEPTH));
    assert!(api::load_json("[]", &format!("[{deep}]")).is_err());
}

#[test]
fn formula_length_depth_nodes_and_steps() {
    // Length: a text literal of exactly 4,096 bytes parses; one more byte does not.
    let long = |bytes: usize| format!("\"{}\"", "a".repeat(bytes - 2));
    assert!(Formula::parse(&long(MAX_FORMULA_BYTES)).is_ok());
    let e = Formula::parse(&long(MAX_FORMULA_BYTES + 1)).unwrap_err();
    assert_eq!((e.kind.code(), e.column), (Code::LimitExceeded, 4097));
    // Depth: 64 nested parentheses parse, 65 do not.
    let nest = |n: usize| format!("{}1{}", "(".repeat(n), ")".repeat(n));
    assert!(Formula::parse(&nest(MAX_FORMULA_DEPTH)).is_ok());
    assert_eq!(Formula::parse(&nest(MAX_FORMULA_DEPTH + 1)).unwrap_err().kind.code(), Code::LimitExceeded);
    // Nodes: "1+1+…+1" with k ones has 2k - 1 nodes: 1,000 ones = 1,999 nodes, 1,001 = 2,001.
    let ones = |k: usize| vec!["1"; k].join("+");
    let f = Formula::parse(&ones(1000)).unwrap();
    assert_eq!(Formula::parse(&ones(1001)).unwrap_err().kind.code(), Code::LimitExceeded);
    // Steps: the largest formula evaluates at once (each node visited once, far below MAX_STEPS).
    let start = std::time::Instant::now();
    struct NoEnv;
    impl spm_plan::formula::Env for NoEnv {
        fn var(&self, _: &str) -> Option<spm_plan::formula::Value> {
            None
        }
        fn call(&self, _: &str, _: &[spm_plan::formula::Value]) -> Result<Option<spm_plan::formula::Value>, String> {
            Ok(None)
        }
    }
    assert_eq!(f.eval_decimal(&NoEnv).unwrap(), rust_decimal::Decimal::from(1000));
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
    const { assert!(MAX_FORMULA_STEPS >= 2 * MAX_FORMULA_NODES) };
}

/// A transactions CSV header with `n` columns: the four the engine needs and custom attributes.
fn header(n: usize) -> String {
    let mut h = vec!["id".to_string(), "date".into(), "payeeId".into(), "amount".into()];
    h.extend((4..n).map(|i| format!("attr.a{i}")));
    h.join(",")
}

#[test]
fn csv_columns() {
    let payees = r#"[{"id":"r1","name":"R"}]"#;
    let row = |n: usize| format!("t1,2026-01-05,r1,100.00{}", ",x".repeat(n - 4));
    let file = |n: usize| format!("{}\n{}\n", header(n), row(n));
    assert_eq!(api::load_csv(&file(MAX_CSV_COLUMNS), payees).unwrap().transactions.len(), 1);
    let e = api::load_csv(&file(MAX_CSV_COLUMNS + 1), payees).unwrap_err();
    assert_eq!(
        limit(&e),
        (Code::LimitExceeded, "line 1", "columns in the transactions CSV: 1001 is above the limit of 1000")
    );
    // The CRM import reads any export: the same limit, at its row 1.
    let m = spm_wire::spec::import::parse_mapping(r#"{"preset":"spm"}"#).unwrap();
    let e = spm_wire::io::import::import_transactions(&file(MAX_CSV_COLUMNS + 1), &m, None).unwrap_err();
    assert_eq!(limit(&e), (Code::LimitExceeded, "row 1", "columns in the CSV file: 1001 is above the limit of 1000"));
    assert!(spm_wire::io::import::import_transactions(&file(MAX_CSV_COLUMNS), &m, None).is_ok());
}

#[test]
fn document_size_in_bytes() {
    // 512 MiB + 1 byte of JSON whitespace: refused before any parsing, so this is instant.
    let big = " ".repeat(MAX_DOCUMENT_BYTES + 1);
    let e = api::load_json(&big, "[]").unwrap_err();
    assert_eq!(
        limit(&e),
        (Code::LimitExceeded, "$", "the transactions is too large (bytes): 536870913 is above the limit of 536870912")
    );
    let e = api::load_csv(&big, "[]").unwrap_err();
    assert_eq!(e.code, Code::LimitExceeded);
}

#[test]
#[cfg_attr(debug_assertions, ignore = "10,000,001 rows: run with --release -- --include-ignored")]
fn transactions_per_dataset() {
    let payees = r#"[{"id":"r1","name":"R"}]"#;
    let csv = |n: usize| {
        let mut s = String::with_capacity(n * 24 + 32);
        s.push_str("id,date,payeeId,amount\n");
        for i in 0..n {
            s.push_str(&format!("{i},2026-01-05,r1,1\n"));
        }
        s
    };
    let e = api::load_csv(&csv(MAX_TRANSACTIONS + 1), payees).unwrap_err();
    assert_eq!(
        limit(&e),
        (Code::LimitExceeded, "line 10000002", "transactions in one dataset: 10000001 is above the limit of 10000000")
    );
    assert_eq!(api::load_csv(&csv(MAX_TRANSACTIONS), payees).unwrap().transactions.len(), MAX_TRANSACTIONS);
}

#[test]
#[cfg_attr(debug_assertions, ignore = "1,000,001 payees: run with --release -- --include-ignored")]
fn payees_per_dataset() {
    let payees = |n: usize| {
        let list: Vec<String> = (0..n).map(|i| format!(r#"{{"id":"p{i}","name":"P"}}"#)).collect();
        format!("[{}]", list.join(","))
    };
    let e = api::load_json("[]", &payees(MAX_PAYEES + 1)).unwrap_err();
    assert_eq!(
        limit(&e),
        (Code::LimitExceeded, "payees", "payees in one dataset: 1000001 is above the limit of 1000000")
    );
    assert_eq!(api::load_json("[]", &payees(MAX_PAYEES)).unwrap().payees.len(), MAX_PAYEES);
}

#[test]
fn periods_between_the_first_and_the_last_transaction() {
    // A quarterly plan: 2026-01-05 is in 2026-Q1; 2175-12-31 is in 2175-Q4, 150 years × 4 = 600
    // periods; 2176-01-05 opens period 601 (a mistyped year, as the fuzzer found: 2226 for 2026).
    let p = api::compile_plan(&plan(2, 1)).unwrap();
    let data = |last: &str| {
        let csv = format!("id,date,payeeId,amount\nt1,2026-01-05,r1,100.00\nt2,{last},r1,100.00\n");
        api::load_csv(&csv, r#"[{"id":"r1","name":"R"}]"#).unwrap()
    };
    assert_eq!(api::run(&p, &data("2175-12-31")).unwrap().report().periods.len(), MAX_PERIODS);
    let e = api::run(&p, &data("2176-01-05")).unwrap_err();
    assert_eq!(
        limit(&e),
        (
            Code::LimitExceeded,
            "transactions",
            "plan periods between the first transaction (2026-01-05) and the last (2176-01-05): 601 is above the limit of 600"
        )
    );
}
