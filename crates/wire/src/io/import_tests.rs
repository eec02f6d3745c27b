//! Unit tests of the CRM import (`io::import`, `io::presets`), compiled only under #[cfg(test)]:
//! cell formats, delimiter detection, spreadsheet row numbers, header matching, name matching.

use super::*;
use crate::io::presets::{closest, detect_delimiter, parse_amount, parse_date, parse_share};
use crate::spec::import::{parse_mapping, DateFormat};

fn mapping(json: &str) -> MappingDto {
    parse_mapping(json).unwrap()
}

fn paths(r: &ImportReport) -> Vec<(String, &'static str)> {
    r.problems.iter().map(|d| (d.path.clone(), d.code.as_str())).collect()
}

fn payee(id: &str, name: &str) -> PayeeDto {
    PayeeDto { id: id.into(), name: name.into(), ..PayeeDto::default() }
}

#[test]
fn amounts_as_crm_exports_write_them() {
    let cases = [
        ("1234.5", '.', "1234.5"),
        ("-1234.5", '.', "-1234.5"),
        ("$1,234.56", '.', "1234.56"),
        ("USD 1,234.56", '.', "1234.56"),
        ("1,234.56 USD", '.', "1234.56"),
        ("US$1,234.56", '.', "1234.56"),
        ("(1,234.56)", '.', "-1234.56"),
        ("($1,234.56)", '.', "-1234.56"),
        ("-$5.00", '.', "-5.00"),
        ("$-5.00", '.', "-5.00"),
        ("+5", '.', "5"),
        ("1'234.50", '.', "1234.50"),
        ("1 234 567.5", '.', "1234567.5"),
        ("1.234,56 €", ',', "1234.56"),
        ("€1.234,56", ',', "1234.56"),
        ("1 234,56", ',', "1234.56"),
        ("1\u{a0}234,56", ',', "1234.56"),
        ("-250,00 €", ',', "-250.00"),
        ("-0", '.', "0"),
        ("12345678901234567890.12", '.', "12345678901234567890.12"),
    ];
    for (text, sep, want) in cases {
        assert_eq!(parse_amount(text, sep).map(|d| d.to_string()).as_deref(), Some(want), "{text:?}");
    }
    let bad = [
        ("", '.'),
        ("1,5", '.'),
        ("1.5", ','),
        ("1,23,456.00", '.'),
        ("1e3", '.'),
        ("12abc", '.'),
        ("50k", '.'),
        ("$$5", '.'),
        ("--5", '.'),
        ("-(5)", '.'),
        (".5", '.'),
        ("5.", '.'),
        ("EUR", '.'),
        ("1.234.56", '.'),
        ("1,234.56", ','),
        ("XYZ 5", '.'),
    ];
    for (text, sep) in bad {
        assert_eq!(parse_amount(text, sep), None, "{text:?} with {sep:?}");
    }
}

#[test]
fn split_shares() {
    let share = |t: &str, sep: char, pct: bool| parse_share(t, sep, pct).map(|d| d.to_string());
    assert_eq!(share("50%", '.', false).as_deref(), Some("0.5"));
    assert_eq!(share("60.00%", '.', true).as_deref(), Some("0.6"));
    assert_eq!(share("50", '.', true).as_deref(), Some("0.5"));
    assert_eq!(share("33.33", '.', true).as_deref(), Some("0.3333"));
    assert_eq!(share("0.5", '.', false).as_deref(), Some("0.5"));
    assert_eq!(share("33,5 %", ',', false).as_deref(), Some("0.335"));
    assert_eq!(share("100", '.', true).as_deref(), Some("1"));
    for bad in ["-5", "", "%", "abc", "5%%"] {
        assert_eq!(share(bad, '.', true), None, "{bad:?}");
    }
}

#[test]
fn dates_in_every_format_with_times_ignored() {
    let d = |t: &str, f: DateFormat| parse_date(t, f).map(|d| d.to_string());
    let want = Some("2026-03-05".to_string());
    assert_eq!(d("2026-03-05", DateFormat::Ymd), want);
    assert_eq!(d("2026-3-5", DateFormat::Ymd), want);
    assert_eq!(d("2026-03-05 14:05", DateFormat::Ymd), want);
    assert_eq!(d("2026-03-05T23:59:00Z", DateFormat::Ymd), want);
    assert_eq!(d("03/05/2026", DateFormat::Mdy), want);
    assert_eq!(d("3/5/2026 2:05 PM", DateFormat::Mdy), want);
    assert_eq!(d("05/03/2026", DateFormat::Dmy), want);
    assert_eq!(d("5.3.2026", DateFormat::DmyDot), want);
    assert_eq!(d(" 05.03.2026 ", DateFormat::DmyDot), want);
    for (bad, f) in [
        ("2026-02-30", DateFormat::Ymd),
        ("13/05/2026", DateFormat::Mdy),
        ("05/03/26", DateFormat::Dmy),
        ("2026/03/05", DateFormat::Ymd),
        ("05.03.2026", DateFormat::Dmy),
        ("5 March 2026", DateFormat::Dmy),
        ("", DateFormat::Ymd),
        ("001/05/2026", DateFormat::Mdy),
    ] {
        assert_eq!(d(bad, f), None, "{bad:?}");
    }
}

#[test]
fn the_delimiter_is_the_one_that_splits_the_header_most() {
    assert_eq!(detect_delimiter(Some("a,b,c")), b',');
    assert_eq!(detect_delimiter(Some("\"a,b,c\";d;e")), b';');
    assert_eq!(detect_delimiter(Some("a\tb\tc,d")), b'\t');
    assert_eq!(detect_delimiter(Some("a|b|c")), b'|');
    assert_eq!(detect_delimiter(Some("a;b,c")), b',', "a tie goes to ','");
    assert_eq!(detect_delimiter(None), b',');
}

#[test]
fn closest_suggests_likely_typos_only() {
    let headers = ["Opportunity Owner", "Closed Date", "Amount"];
    assert_eq!(closest("Close Date", headers), Some("Closed Date"));
    assert_eq!(closest("amount", headers), Some("Amount"));
    assert_eq!(closest("Territory", headers), None);
}

const TX: &str = r#"{"columns":{"id":"id","date":"date","amount":"amount"}}"#;

#[test]
fn rows_are_numbered_as_a_spreadsheet_shows_them() {
    // Row 2 is blank; row 4 holds a line break inside quotes; rows 3 and 5 are bad.
    for nl in ["\n", "\r\n"] {
        let csv = ["id,date,amount", "", "t1,2026-01-01,x", "\"t\n2\",2026-01-01,1", "t3,bad,1", ""].join(nl);
        let r = import_transactions(&csv, &mapping(TX), None).unwrap();
        assert_eq!(r.records.len(), 1);
        assert_eq!(r.records[0].id, "t\n2");
        let want = vec![
            (r#"row 3, column "amount""#.to_string(), "DECIMAL_INVALID"),
            (r#"row 5, column "date""#.to_string(), "DATE_INVALID"),
        ];
        assert_eq!(paths(&r.report), want, "{nl:?}");
        assert_eq!((r.report.rows, r.report.imported, r.report.rejected), (3, 1, 2));
    }
}

#[test]
fn headers_match_exactly_then_ignoring_case_and_spaces_after_a_bom() {
    let csv = "\u{feff} ID ,Close DATE,amount,Amount Currency\nt1,2026-01-01,5,EUR\n";
    let m = mapping(
        r#"{"columns":{"id":"id","date":"close date","amount":"amount",
            "currency":["Opportunity Currency","Amount Currency"]}}"#,
    );
    let r = import_transactions(csv, &m, None).unwrap();
    assert_eq!(r.records[0].currency.as_deref(), Some("EUR"));
    let e = import_transactions("id,date,amount,amount\nt1,2026-01-01,5,6\n", &mapping(TX), None).unwrap_err();
    assert_eq!((e.code, e.diagnostics[0].path.as_str()), (Code::CsvInvalid, r#"row 1, column "amount""#));
    let e = import_transactions("", &mapping(TX), None).unwrap_err();
    assert_eq!(e.code, Code::CsvInvalid);
}

#[test]
fn empty_rows_filters_and_footers_are_skipped_with_a_reason() {
    let m = mapping(
        r#"{"columns":{"id":"id","date":"date","amount":"amount"},"include":{"column":"stage","values":["Won"]}}"#,
    );
    let csv = "id,date,amount,stage\nt1,2026-01-01,1,won\n,,,\nt2,2026-01-01,1,Lost\nlonely\nt3,2026-01-01,1, WON \n\nFooter\nMore footer\n";
    let r = import_transactions(csv, &m, None).unwrap();
    assert_eq!(r.records.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), ["t1", "t3"]);
    let skipped: Vec<usize> = r.report.skipped.iter().map(|s| s.row).collect();
    assert_eq!(skipped, [3, 4, 8, 9]);
    // A single-cell row with no blank line before it, or followed by data, is an error.
    assert_eq!(paths(&r.report), [("row 5".to_string(), "CSV_INVALID")]);
    assert_eq!(r.report.rows, r.report.imported + r.report.skipped.len() + r.report.rejected);
}

#[test]
fn the_canonical_preset_reads_our_own_csv() {
    let csv = "id,date,payeeId,amount,units,margin,product,splits,currency\n\
               t1,2026-01-01,r1,100.50,2,10,Widget,,USD\nt2,2026-01-02,,50,,,,r1:0.6;r2:0.4:overlay,\n";
    let r = import_transactions(csv, &mapping(r#"{"preset":"spm"}"#), None).unwrap();
    assert!(r.report.problems.is_empty(), "{:?}", r.report.problems);
    let v = serde_json::to_value(&r.records).unwrap();
    assert_eq!(
        v,
        serde_json::json!([
            {"id":"t1","date":"2026-01-01","payeeId":"r1","amount":"100.50","units":"2","margin":"10","product":"Widget","currency":"USD"},
            {"id":"t2","date":"2026-01-02","amount":"50","splits":[{"payeeId":"r1","share":"0.6"},{"payeeId":"r2","share":"0.4","overlay":true}]}
        ])
    );
}

#[test]
fn owner_names_resolve_exactly_then_ignoring_case_and_ambiguity_is_an_error() {
    let payees = [payee("a", "Ann Lee"), payee("b", "ann lee"), payee("c", "Bo Chan"), payee("d", "Bo  Chan")];
    let m = mapping(r#"{"columns":{"id":"id","date":"date","amount":"amount","payeeId":"owner"},"payeeMatch":"name"}"#);
    let csv = "id,date,amount,owner\nt1,2026-01-01,1,Ann Lee\nt2,2026-01-01,1,BO CHAN\nt3,2026-01-01,1,ANN LEE\nt4,2026-01-01,1,Anne Lee\n";
    let r = import_transactions(csv, &m, Some(&payees)).unwrap();
    let got: Vec<Option<&str>> = r.records.iter().map(|t| t.payee_id.as_deref()).collect();
    assert_eq!(got, [Some("a"), Some("c")]);
    assert_eq!(r.report.problems[0].path, r#"row 4, column "owner""#);
    assert!(r.report.problems[0].message.contains(r#"ids "a", "b""#), "{}", r.report.problems[0].message);
    assert!(r.report.problems[1].message.contains("Anne Lee"));
    assert!(r.report.problems[1].hint.contains("did you mean"), "{}", r.report.problems[1].hint);
    // With ids, given payees are checked too.
    let m = mapping(r#"{"columns":{"id":"id","date":"date","amount":"amount","payeeId":"owner"}}"#);
    let r = import_transactions("id,date,amount,owner\nt1,2026-01-01,1,cc\n", &m, Some(&payees)).unwrap();
    assert_eq!(paths(&r.report), [(r#"row 2, column "owner""#.to_string(), "UNKNOWN_REFERENCE")]);
}

#[test]
fn payees_with_managers_by_name() {
    let m = mapping(r#"{"columns":{"id":"ID","name":"Name","managerId":"Manager"},"payeeMatch":"name"}"#);
    let csv = "ID,Name,Manager\nm,Mia Boss,\nr1,Rep One,mia boss\nr1,Rep Again,Mia Boss\nr2,Rep Two,Nobody\n";
    let r = import_payees(csv, &m).unwrap();
    let got: Vec<(&str, Option<&str>)> = r.records.iter().map(|p| (p.id.as_str(), p.manager_id.as_deref())).collect();
    assert_eq!(got, [("m", None), ("r1", Some("m"))]);
    assert_eq!(
        paths(&r.report),
        [
            (r#"row 4, column "ID""#.to_string(), "ID_INVALID"),
            (r#"row 5, column "Manager""#.to_string(), "UNKNOWN_REFERENCE")
        ]
    );
}

#[test]
fn hierarchy_and_quota_rows_are_checked() {
    let mut payees = vec![payee("a", "A"), payee("b", "B")];
    let h = mapping(r#"{"preset":"spm-hierarchy"}"#);
    let csv = "payeeId,managerId,from,to\na,b,2026-02-01,2026-01-01\na,zz,,\n,b,,\n";
    let r = import_hierarchy(csv, &h, &mut payees).unwrap();
    assert_eq!(
        paths(&r),
        [
            (r#"row 2, column "to""#.to_string(), "DATE_INVALID"),
            (r#"row 3, column "managerId""#.to_string(), "UNKNOWN_REFERENCE"),
            (r#"row 4, column "payeeId""#.to_string(), "ID_INVALID")
        ]
    );
    assert!(payees[0].managers.is_empty());
    let q = mapping(r#"{"preset":"spm-quotas"}"#);
    let csv = "payeeId,component,period,amount\na,rev,2026-Q1,100\na,rev,2026-Q1,200\nb,rev,,0\nb,rev,,50\n";
    let r = import_quotas(csv, &q, &mut payees).unwrap();
    assert_eq!(
        paths(&r),
        [
            (r#"row 3, column "component""#.to_string(), "ID_INVALID"),
            (r#"row 4, column "amount""#.to_string(), "QUOTA_INVALID")
        ]
    );
    assert_eq!((payees[0].quotas.len(), payees[1].quotas.len()), (1, 1));
    assert_eq!((r.rows, r.imported, r.rejected), (4, 2, 2));
}
