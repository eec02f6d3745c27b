//! Tests (compiled only under #[cfg(test)]) of `io::merge`: what a re-import changes, worked out by hand.

use super::*;
use crate::spec::data::QuotaDto;
use spm_base::dec::Dec;

fn person(json: &str) -> PayeeDto {
    serde_json::from_str(json).unwrap()
}

#[test]
fn people_merge_by_id_field_by_field() {
    let existing = [
        person(
            r#"{"id":"r1","name":"Ann","role":"AE","team":"West","quotas":[{"component":"c","period":"2026-Q1","amount":"100"},{"component":"c","period":"2026-Q2","amount":"100"}]}"#,
        ),
        person(r#"{"id":"r2","name":"Bo","currency":"USD"}"#),
        person(r#"{"id":"r3","name":"Cy"}"#),
    ];
    let incoming = [
        // r3 first: the output keeps the existing order anyway.
        person(r#"{"id":"r3","name":"Cy"}"#),
        person(r#"{"id":"r4","name":"Di"}"#),
        // r1: a new team, Q2's quota replaced and Q3's added; the role is absent, so kept.
        person(
            r#"{"id":"r1","name":"Ann","team":"East","quotas":[{"component":"c","period":"2026-Q2","amount":"120"},{"component":"c","period":"2026-Q3","amount":"90"}]}"#,
        ),
        // r2: a new name and a termination date.
        person(r#"{"id":"r2","name":"Bo Chan","terminationDate":"2026-06-30"}"#),
    ];
    let m = merge_people(&existing, &incoming).unwrap();
    let ids: Vec<&str> = m.people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["r1", "r2", "r3", "r4"]);
    let ann = &m.people[0];
    assert_eq!((ann.role.as_deref(), ann.team.as_deref()), (Some("AE"), Some("East")));
    let q = |period: &str, amount: &str| QuotaDto {
        component: "c".into(),
        period: Some(period.into()),
        amount: Dec::parse(amount),
    };
    assert_eq!(ann.quotas, [q("2026-Q1", "100"), q("2026-Q2", "120"), q("2026-Q3", "90")]);
    assert_eq!(m.people[1].currency.as_deref(), Some("USD"));
    assert_eq!(m.people[1].name, "Bo Chan");
    assert_eq!(m.changes.added, ["r4"]);
    assert_eq!(
        m.changes.updated,
        [
            Updated { id: "r1".into(), fields: vec!["quotas".into(), "team".into()] },
            Updated { id: "r2".into(), fields: vec!["name".into(), "terminationDate".into()] },
        ]
    );
    assert_eq!(m.changes.unchanged, 1);
    let json = serde_json::to_value(&m.changes).unwrap();
    assert_eq!(json["updated"][0]["fields"][0], "quotas");
    // Repeated and empty ids are refused, at their places.
    let e = merge_people(&existing, &[person(r#"{"id":"r9","name":"X"}"#), person(r#"{"id":"r9","name":"Y"}"#)]);
    let e = e.unwrap_err();
    assert_eq!((e.code, e.diagnostics[0].path.as_str()), (Code::IdInvalid, "incoming[1].id"));
}

#[test]
fn deals_merge_by_transaction_id() {
    let existing = "id,date,payeeId,amount,product\n\
                    t1,2026-01-05,r1,100.00,A\n\
                    t2,2026-01-06,r2,50,B\n\
                    t3,2026-01-07,r1,10,C\n";
    // t2 moves to r1 and gets a region; t3's amount is the same number; t9 is new; t1's empty
    // product keeps A, its amount 100 equals 100.00.
    let incoming = "id,amount,payeeId,date,attr.region,product\n\
                    t9,\"1,5\",r3,2026-02-01,EU,D\n\
                    t2,50,r1,2026-01-06,\"West, North\",B\n\
                    t3,10.0,r1,2026-01-07,,C\n\
                    t1,100,r1,2026-01-05,,\n";
    let m = merge_deals(existing, incoming).unwrap();
    assert_eq!(
        m.csv,
        "id,date,payeeId,amount,product,attr.region\n\
         t1,2026-01-05,r1,100.00,A,\n\
         t2,2026-01-06,r1,50,B,\"West, North\"\n\
         t3,2026-01-07,r1,10,C,\n\
         t9,2026-02-01,r3,\"1,5\",D,EU\n"
    );
    assert_eq!(m.changes.added, ["t9"]);
    assert_eq!(m.changes.updated, [Updated { id: "t2".into(), fields: vec!["attr.region".into(), "payeeId".into()] }]);
    assert_eq!(m.changes.unchanged, 2);
    let e = merge_deals(existing, "id,date\nt1,2026-01-01\nt1,2026-01-02\n").unwrap_err();
    assert_eq!((e.code, e.diagnostics[0].path.as_str()), (Code::IdInvalid, "incomingCsv, line 3, column id"));
    let e = merge_deals("date\n2026-01-01\n", "id\nx\n").unwrap_err();
    assert_eq!((e.code, e.diagnostics[0].path.as_str()), (Code::MissingField, "existingCsv, line 1"));
    let e = merge_deals(existing, "id,date\nt5\n").unwrap_err();
    assert_eq!(e.code, Code::CsvInvalid);
}

#[test]
fn first_deals_of_a_workspace_are_the_incoming_file_as_it_is() {
    let incoming = "id,date,payeeId,amount\nD1,2026-01-10,r1,1000.00\nD2,2026-02-03,r2,2500.50\n";
    for existing in ["", "  \n"] {
        let merged = merge_deals(existing, incoming).expect("merged");
        assert_eq!(merged.csv, incoming);
        assert_eq!(merged.changes.added, ["D1", "D2"]);
        assert_eq!(merged.changes.unchanged, 0);
        assert!(merged.changes.updated.is_empty());
    }
    let twice =
        merge_deals("", "id,date,payeeId,amount\nD1,2026-01-10,r1,1\nD1,2026-01-11,r1,2\n").expect_err("duplicate");
    assert_eq!(twice.diagnostics[0].path, "incomingCsv, line 3");
}
