//! Tests (compiled only under #[cfg(test)]) of the HR roster presets, the `join` mapping, and
//! the report's `lines` on hand-written files: every row accounted for.

use crate::io::import::{import_payees, import_transactions, report_csv};
use crate::spec::data::PayeeDto;
use crate::spec::import::{parse_mapping, ImportReportDto, MappingDto};
use spm_base::Code;

fn preset(name: &str) -> MappingDto {
    MappingDto { preset: Some(name.into()), ..MappingDto::default() }
}

/// Checks `rows == imported + rejected + skipped` and that `lines` names exactly the rejected and
/// skipped rows, and warned rows only among the imported ones.
fn accounted(r: &ImportReportDto) {
    assert_eq!(r.rows, r.imported + r.rejected + r.skipped.len(), "{r:?}");
    let distinct = |status: &str| {
        let mut v: Vec<usize> = r.lines.iter().filter(|l| l.status == status).map(|l| l.line).collect();
        v.dedup();
        v
    };
    let (rejected, skipped, warned) = (distinct("rejected"), distinct("skipped"), distinct("warning"));
    assert_eq!(rejected.len(), r.rejected, "{:?}", r.lines);
    assert_eq!(skipped, r.skipped.iter().map(|s| s.row).collect::<Vec<_>>());
    assert!(warned.iter().all(|w| !rejected.contains(w) && !skipped.contains(w)));
}

#[test]
fn a_workday_report_becomes_payees_with_teams() {
    let csv = "Employee ID,Legal Name,Manager ID,Hire Date,Termination Date,Business Title,Supervisory Organization,Currency,Target Incentive Amount\n\
               W1,Ann Lee,,01/15/2024,,VP Sales,Sales (Ann Lee),USD,\"$50,000.00\"\n\
               W2,Bo Chan,W1,2024-03-01,12/31/2026,Account Executive,Sales West (Bo Chan),USD,24000\n\
               W3,,W1,13/01/2024,,AE,Sales West,EUR,1000\n";
    let r = import_payees(csv, &preset("workday-workers")).unwrap();
    let ann = &r.records[0];
    assert_eq!((ann.id.as_str(), ann.name.as_str(), ann.role.as_deref()), ("W1", "Ann Lee", Some("VP Sales")));
    assert_eq!((ann.team.as_deref(), ann.hire_date.as_deref()), (Some("Sales (Ann Lee)"), Some("2024-01-15")));
    assert_eq!(ann.target_incentive, Some(spm_base::dec::Dec::parse("50000.00")));
    let bo = &r.records[1];
    // An ISO date is read whatever the preset's format (an .xlsx sheet's dates come so).
    assert_eq!((bo.hire_date.as_deref(), bo.termination_date.as_deref()), (Some("2024-03-01"), Some("2026-12-31")));
    assert_eq!(bo.manager_id.as_deref(), Some("W1"));
    assert_eq!(r.records.len(), 2);
    // W3: no name and month 13, both reported on line 4.
    let dto = ImportReportDto::from(&r.report);
    accounted(&dto);
    let lines: Vec<(usize, &str, Option<&str>, &str)> =
        dto.lines.iter().map(|l| (l.line, l.status.as_str(), l.column.as_deref(), l.code.as_str())).collect();
    assert_eq!(
        lines,
        [(4, "rejected", Some("Legal Name"), "MISSING_FIELD"), (4, "rejected", Some("Hire Date"), "DATE_INVALID"),]
    );
}

#[test]
fn a_bamboohr_report_joins_first_and_last_names() {
    let csv = "Employee #,First Name,Last Name,Supervisor EID,Hire Date,Job Title,Department\n\
               1,Ann,Lee,,01/15/2024,VP Sales,Sales\n\
               2,Bo,,1,02/01/2024,AE,Sales\n\
               3,Cy,Dee,9,02/01/2024,AE,Sales\n";
    let r = import_payees(csv, &preset("bamboohr-employees")).unwrap();
    let names: Vec<(&str, &str, Option<&str>)> =
        r.records.iter().map(|p| (p.id.as_str(), p.name.as_str(), p.team.as_deref())).collect();
    assert_eq!(names, [("1", "Ann Lee", Some("Sales")), ("2", "Bo", Some("Sales"))]);
    let dto = ImportReportDto::from(&r.report);
    accounted(&dto);
    assert_eq!(dto.lines.len(), 1);
    let l = &dto.lines[0];
    // The manager 9 is nobody in the file; the problem names the column as the file has it.
    assert_eq!(
        (l.line, l.status.as_str(), l.column.as_deref(), l.code.as_str()),
        (4, "rejected", Some("Supervisor EID"), "UNKNOWN_REFERENCE")
    );
    // With a "Display name" column, that is used and the join is not needed.
    let csv = "Employee #,Display name,Department\n7,\"Lee, Ann\",Ops\n";
    let r = import_payees(csv, &preset("bamboohr-employees")).unwrap();
    assert_eq!(r.records[0].name, "Lee, Ann");
    // With neither, the file is refused, naming both ways to give the name.
    let e = import_payees("Employee #,Department\n7,Ops\n", &preset("bamboohr-employees")).unwrap_err();
    let messages: Vec<&str> = e.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert!(messages.iter().any(|m| m.contains("\"First Name\"")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("\"Display name\"")), "{messages:?}");
}

#[test]
fn our_payee_columns_carry_the_team_and_a_mapping_may_join() {
    let r = import_payees("id,name,team\nr1,Ann,West\n", &preset("spm-payees")).unwrap();
    assert_eq!(r.records[0].team.as_deref(), Some("West"));
    let m = parse_mapping(r#"{"columns":{"id":"No"},"join":{"name":["Given","Middle","Family"]}}"#).unwrap();
    let r = import_payees("No,Given,Middle,Family\n1,Ann,,Lee\n2,Bo,J.,Chan\n", &m).unwrap();
    let names: Vec<&str> = r.records.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ann Lee", "Bo J. Chan"]);
    let e = import_payees("No\n1\n", &parse_mapping(r#"{"columns":{"id":"No"},"join":{"nope":["A"]}}"#).unwrap());
    assert_eq!(e.unwrap_err().diagnostics[0].code, Code::UnknownField);
}

#[test]
fn every_deal_row_is_accounted_for_and_the_lines_download_as_csv() {
    let csv = "Opportunity ID,Close Date,Opportunity Owner,Amount,Stage\n\
               o1,3/31/2026,Ann Lee,100,Closed Won\n\
               o2,3/31/2026,Ann Lee,oops,Closed Won\n\
               o3,3/31/2026,Ann Lee,5,Closed Lost\n\
               \n\
               o1,3/31/2026,Ann Lee,7,Closed Won\n\
               o5,3/31/2026,=cmd,7,Closed Won\n\
               o6,3/31/2026,Ann Lee,7\n";
    let payees = [PayeeDto { id: "r1".into(), name: "Ann Lee".into(), ..PayeeDto::default() }];
    let r = import_transactions(csv, &preset("salesforce-opportunities"), Some(&payees)).unwrap();
    assert_eq!(r.records.len(), 1);
    let dto = ImportReportDto::from(&r.report);
    // 6 data rows on lines 2 to 8 (the blank line 5 is no row, but it takes its number): o1
    // imported; o2 a bad amount; o3 filtered; the second o1 a duplicate; o5 an unknown owner;
    // o6 a short row.
    assert_eq!((dto.rows, dto.imported, dto.rejected, dto.skipped.len()), (6, 1, 4, 1));
    accounted(&dto);
    let got: Vec<(usize, &str, &str)> =
        dto.lines.iter().map(|l| (l.line, l.status.as_str(), l.code.as_str())).collect();
    assert_eq!(
        got,
        [
            (3, "rejected", "DECIMAL_INVALID"),
            (4, "skipped", "ROW_SKIPPED"),
            (6, "rejected", "ID_INVALID"),
            (7, "rejected", "UNKNOWN_REFERENCE"),
            (8, "rejected", "CSV_INVALID"),
        ]
    );
    let text = report_csv(&dto);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("line,status,column,code,reason"));
    assert_eq!(lines.next(), Some("3,rejected,Amount,DECIMAL_INVALID,\"\"\"oops\"\" is not an amount\""));
    assert_eq!(
        lines.next(),
        Some("4,skipped,,ROW_SKIPPED,\"\"\"Stage\"\" is \"\"Closed Lost\"\", not one of \"\"Closed Won\"\"\"")
    );
    // The owner "=cmd" is quoted in the reason, which starts with a quote, not with "=".
    let owner = text.lines().find(|l| l.starts_with("7,")).unwrap();
    assert!(owner.starts_with("7,rejected,Opportunity Owner,UNKNOWN_REFERENCE,\"the owner \"\"=cmd\"\""), "{owner}");
    assert_eq!(text.lines().count(), 6);
}
