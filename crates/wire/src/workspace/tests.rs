//! Tests of the workspace file: the version 0 → 1 migration, the canonical round trip, every
//! validation problem located, a version newer than known. Derivations and the sample are in
//! `derive_tests`.

use super::migrate::MIGRATED_NOTE;
use super::*;
use serde_json::{json, Value};
use spm_base::error::Severity;

/// A small valid plan with one commission component `c` (5% of amount).
pub(super) fn plan(id: &str, rate: &str) -> Value {
    json!({"schemaVersion": 1, "id": id, "name": "Plan", "currency": "USD", "period": "quarter",
        "rounding": {"mode": "halfUp", "at": "component"},
        "components": [{"id": "c", "name": "Commission", "kind": "commission",
            "rateTable": {"mode": "flat", "base": "amount", "evaluation": "perTransaction",
                "tiers": [{"from": "0", "to": null, "rate": rate}]}}]})
}

fn version(n: u32, plan: Value) -> Value {
    json!({"version": n, "savedAt": null, "note": null, "plan": plan})
}

fn doc(people: Value, plans: Value, deals: &str) -> Value {
    json!({"format": "spm-workspace", "schemaVersion": 1, "name": "Test Co", "people": people,
        "plans": plans, "dealsCsv": deals, "eventsCsv": "", "ratesCsv": "", "accounts": [],
        "territories": [], "scoringDefinitions": null, "activityCsv": "",
        "settings": {"currency": "USD", "mappings": []}})
}

fn person(id: &str, manager: Option<&str>) -> Value {
    match manager {
        Some(m) => json!({"id": id, "name": format!("Person {id}"), "managerId": m}),
        None => json!({"id": id, "name": format!("Person {id}")}),
    }
}

fn errors_of(text: &str) -> Vec<Diagnostic> {
    match read(text) {
        Ok(_) => panic!("expected errors"),
        Err(e) => e.diagnostics,
    }
}

fn find<'a>(d: &'a [Diagnostic], path: &str) -> &'a Diagnostic {
    d.iter().find(|x| x.path == path).unwrap_or_else(|| panic!("no diagnostic at {path}: {d:#?}"))
}

#[test]
fn the_legacy_sample_dataset_migrates_to_version_1() {
    let s = spm_sample::generate();
    let plans: Vec<Value> = s.plans.iter().map(|p| serde_json::from_str(p).unwrap()).collect();
    let payees: Value = serde_json::from_str(&s.payees).unwrap();
    let legacy = json!({"company": s.company, "payees": payees, "plans": plans,
        "transactionsCsv": s.transactions_csv, "eventsCsv": s.events_csv, "ratesCsv": s.rates_csv});
    let (ws, warnings) = read(&legacy.to_string()).unwrap();
    assert!(warnings.is_empty(), "{warnings:#?}");
    assert_eq!((ws.format.as_str(), ws.schema_version), ("spm-workspace", 1));
    assert_eq!(ws.name, "Northwind Analytics (sample)");
    assert_eq!(ws.people.len(), 50);
    assert_eq!(ws.people[8].id, "r001");
    assert_eq!(ws.people[8].manager_id.as_deref(), Some("m01"));
    assert_eq!(ws.plans.len(), 2);
    let ids: Vec<&str> = ws.plans.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["ae-2026-marginal", "ae-2026-retro"]);
    for p in &ws.plans {
        assert_eq!(p.active, 1);
        assert_eq!(p.versions.len(), 1);
        assert_eq!(p.versions[0].version, 1);
        assert_eq!(p.versions[0].saved_at, None);
        assert_eq!(p.versions[0].note.as_deref(), Some(MIGRATED_NOTE));
        assert_eq!(p.versions[0].plan.id, p.id);
    }
    assert_eq!(ws.deals_csv, s.transactions_csv);
    assert_eq!(ws.events_csv, s.events_csv);
    assert_eq!(ws.rates_csv, s.rates_csv);
    assert!(ws.accounts.is_empty() && ws.territories.is_empty() && ws.scoring_definitions.is_none());
    assert_eq!(ws.activity_csv, "");
    assert_eq!(ws.settings, WorkspaceSettingsDto::default());
    // Plans given as JSON text, as the sample kept them at first, migrate the same way.
    let texts = json!({"schemaVersion": 0, "company": "A", "payees": [], "plans": [plan("p", "0.05").to_string()]});
    let (ws, _) = read(&texts.to_string()).unwrap();
    assert_eq!(ws.plans[0].id, "p");
    assert_eq!(ws.plans[0].versions[0].plan.components[0].id, "c");
}

#[test]
fn a_legacy_document_with_an_unknown_member_is_refused_by_name() {
    let d = errors_of(r#"{"company": "A", "payees": [], "extra": 1}"#);
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].path.as_str(), d[0].code), ("extra", Code::UnknownField));
}

#[test]
fn write_then_read_gives_the_same_workspace_and_the_same_text() {
    let ws = sample_workspace();
    let text = write(&ws);
    let (back, warnings) = read(&text).unwrap();
    assert!(warnings.is_empty(), "{warnings:#?}");
    assert_eq!(back, ws);
    assert_eq!(write(&back), text, "canonical text is stable");
    assert_eq!(write(&sample_workspace()), text, "deterministic");
    // Stable member order, as documented.
    let keys: Vec<String> =
        serde_json::from_str::<serde_json::Map<String, Value>>(&text).unwrap().keys().cloned().collect();
    let order = [
        "format",
        "schemaVersion",
        "name",
        "people",
        "plans",
        "dealsCsv",
        "eventsCsv",
        "ratesCsv",
        "accounts",
        "territories",
        "scoringDefinitions",
        "activityCsv",
        "settings",
    ];
    let mut sorted = order.to_vec();
    sorted.sort_unstable();
    assert_eq!(keys, sorted, "serde_json's map sorts; the text itself follows `order`");
    let positions: Vec<usize> = order.iter().map(|k| text.find(&format!("\"{k}\":")).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    // The JSON text of `readWorkspace`: { workspace, warnings }.
    let read_back: Value = serde_json::from_str(&read_json(&text).unwrap()).unwrap();
    assert_eq!(read_back["warnings"], json!([]));
    assert_eq!(read_back["workspace"]["name"], json!("Northwind Analytics (sample)"));
}

#[test]
fn a_newer_schema_version_says_which_versions_this_engine_reads() {
    let e = read(r#"{"format": "spm-workspace", "schemaVersion": 2, "name": "Future"}"#).unwrap_err();
    assert_eq!(e.code, Code::SchemaVersion);
    assert_eq!(e.diagnostics[0].path, "schemaVersion");
    assert_eq!(
        e.diagnostics[0].message,
        "this workspace is schema version 2; this engine reads workspace schema versions 0 to 1"
    );
    let e = read(r#"{"format": "spm-plan", "schemaVersion": 1}"#).unwrap_err();
    assert_eq!((e.code, e.diagnostics[0].path.as_str()), (Code::SchemaVersion, "format"));
    let e = read("[1]").unwrap_err();
    assert_eq!(e.code, Code::WrongType);
    let e = read(r#"{"format": "spm-workspace", "schemaVersion": 1, "name": "x", "colour": "red"}"#).unwrap_err();
    assert_eq!((e.code, e.diagnostics[0].path.as_str()), (Code::UnknownField, "colour"));
}

#[test]
fn every_problem_is_located() {
    let mut people = json!([person("a", None), person("b", Some("ghost")), person("c", Some("a")), person("a", None)]);
    people[0]["quotas"] = json!([{"component": "nope", "amount": "1000.00"}, {"component": "c", "amount": "1000.00"}]);
    let plans = json!([
        {"id": "p", "active": 5, "versions": [version(1, plan("p", "0.05")), version(2, plan("p", "-0.05"))]},
        {"id": "p", "active": 1, "versions": [version(1, plan("p", "0.05")), version(1, plan("p", "0.05"))]},
        {"id": "q", "active": 1, "versions": [version(1, json!({"schemaVersion": 1, "id": "q", "name": "Q", "currency": "USD", "colour": "red"}))]}
    ]);
    let deals = "id,date,payeeId,amount\nD1,2026-01-05,a,100.00\nD2,2026-01-06,b,abc\nD3,2026-01-07,zed,5.00\nD4,2026-01-08,zed,6.00\n";
    let mut w = doc(people, plans, deals);
    w["eventsCsv"] = json!("transactionId,kind,date,amount\nD1,cancel,2026-13-01,\n");
    w["ratesCsv"] = json!("from,to,date,rate\nEUR,USD,2026-01-01,0\n");
    w["territories"] = json!([{"id": "t1", "ownerId": "nobody"}, {"id": "t1"}]);
    w["accounts"] = json!([
        {"id": "x", "potential": "10", "ownerId": "nobody"},
        {"id": "y", "potential": "-1", "territoryId": "t9"}
    ]);
    w["settings"]["currency"] = json!("XXQ");
    let d = errors_of(&w.to_string());
    let at = |p: &str| find(&d, p);
    assert_eq!(at("people[3].id").code, Code::IdInvalid);
    assert_eq!(at("people[3].id").message, "person id \"a\" is used twice: at people[0].id and at people[3].id");
    assert_eq!(at("people[1].managerId").code, Code::UnknownReference);
    let quota = at("people[0].quotas[0].component");
    assert_eq!((quota.code, quota.severity), (Code::UnknownReference, Severity::Warning));
    assert!(!d.iter().any(|x| x.path == "people[0].quotas[1].component"), "c is a component");
    assert_eq!(at("plans[0].active").code, Code::UnknownReference);
    assert!(
        d.iter().any(|x| x.path.starts_with("plans[0].versions[1].plan.components[0].rateTable.tiers[0]")),
        "{d:#?}"
    );
    assert!(!d.iter().any(|x| x.path.starts_with("plans[0].versions[0]")), "version 1 is valid");
    assert_eq!(at("plans[1].id").code, Code::IdInvalid);
    assert_eq!(at("plans[1].versions[1].version").code, Code::IdInvalid);
    assert_eq!(at("plans[2].versions[0].plan.colour").code, Code::UnknownField);
    assert_eq!(at("dealsCsv, line 3, column amount").code, Code::DecimalInvalid);
    let unknown = at("dealsCsv");
    assert_eq!((unknown.code, unknown.severity), (Code::UnknownReference, Severity::Warning));
    assert_eq!(unknown.message, "2 deals name 1 people who are not in the workspace: \"zed\"");
    assert_eq!(at("eventsCsv, line 2, column date").code, Code::DateInvalid);
    assert_eq!(at("ratesCsv, line 2, column rate").code, Code::NegativeValue);
    assert_eq!(at("territories[0].ownerId").code, Code::UnknownReference);
    assert_eq!(at("territories[1].id").code, Code::IdInvalid);
    assert_eq!(at("accounts[0].ownerId").code, Code::UnknownReference);
    assert_eq!(at("accounts[1].potential").code, Code::NegativeValue);
    assert_eq!(at("accounts[1].territoryId").code, Code::UnknownReference);
    assert_eq!(at("settings.currency").code, Code::CurrencyUnknown);
}

#[test]
fn warnings_alone_do_not_fail_and_come_back() {
    let mut people = json!([person("a", None), person("b", Some("a"))]);
    people[1]["quotas"] = json!([{"component": "nope", "amount": "1000.00"}]);
    let plans = json!([{"id": "p", "active": 1, "versions": [version(1, plan("p", "0.05"))]}]);
    let w = doc(people, plans, "id,date,payeeId,amount\nD1,2026-01-05,b,100.00\nD2,2026-01-06,x,1.00\n");
    let (ws, warnings) = read(&w.to_string()).unwrap();
    assert_eq!(ws.people.len(), 2);
    let paths: Vec<&str> = warnings.iter().map(|x| x.path.as_str()).collect();
    assert_eq!(paths, ["dealsCsv", "people[1].quotas[0].component"]);
    assert_eq!(warnings[0].message, "1 deals name 1 people who are not in the workspace: \"x\"");
}

#[test]
fn a_hierarchy_loop_and_bad_scoring_are_located() {
    let people = json!([person("a", Some("b")), person("b", Some("a"))]);
    let mut w = doc(people, json!([]), "");
    w["activityCsv"] = json!("id,payeeId,type,date\nA1,a,call,2026-01-02\nA2,nobody,call,2026-01-02\n");
    w["scoringDefinitions"] = json!({"schemaVersion": 1, "kpis": [{"id": "k", "kind": "count"}]});
    let d = errors_of(&w.to_string());
    assert!(d.iter().any(|x| x.code == Code::HierarchyCycle && x.path.starts_with("people[")), "{d:#?}");
    assert_eq!(find(&d, "activityCsv, line 3, column payeeId").code, Code::UnknownReference);
    assert!(d.iter().any(|x| x.path.starts_with("scoringDefinitions.kpis[0]")), "{d:#?}");
}

#[test]
fn at_most_a_hundred_problems_are_listed_errors_first() {
    let mut people: Vec<Value> = (0..150).map(|i| person(&format!("p{i}"), None)).collect();
    for p in &mut people {
        p["quotas"] = json!([{"component": "nope", "amount": "1.00"}]);
    }
    let plans = json!([{"id": "p", "active": 1, "versions": [version(1, plan("p", "0.05"))]}]);
    let (_, warnings) = read(&doc(Value::Array(people.clone()), plans.clone(), "").to_string()).unwrap();
    assert_eq!(warnings.len(), 101);
    assert_eq!(warnings[100].message, "50 more warnings were found and not listed");
    assert_eq!(warnings[100].severity, Severity::Warning);
    // One error among them comes first.
    people[149]["managerId"] = json!("ghost");
    let d = errors_of(&doc(Value::Array(people), plans, "").to_string());
    assert_eq!(d[0].path, "people[149].managerId");
    assert_eq!(d.len(), 101);
}
