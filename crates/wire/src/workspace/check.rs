//! Validation of a workspace: the typed reading of the migrated document (each plan version
//! through the plan reader first, so a bad plan is located inside the workspace), then every
//! check across its parts, each problem with its path: people (ids, managers, fields and the
//! hierarchy through the dataset builder), plans and versions (the plan checker), the deals,
//! events and rates CSV texts (by line), deals naming people who are not there (a warning with
//! the count), accounts and territories, the scoring definitions and activity, the settings.

use super::derive::for_each_payee;
use super::WorkspaceDto;
use crate::spec::data::{payees_from_dtos, PayeeDto};
use crate::spec::plan_check;
use serde_json::Value;
use spm_base::error::{clip, Code, Diagnostic, Error, Result};
use spm_base::limits;
use spm_core::data::Payee;
use std::collections::{BTreeMap, BTreeSet};

/// The typed workspace from the migrated JSON value. Each plan version is read by the plan
/// reader first (size, lists, schema version, structure): its problems come back located under
/// `plans[i].versions[j].plan`, and the other parts are still read and checked.
///
/// Returns the workspace, the plan versions' problems and which versions they were (`(plan,
/// version)` indexes: those hold a stand-in and are not checked again).
///
/// # Errors
/// `UNKNOWN_FIELD`, `MISSING_FIELD`, `WRONG_TYPE` with their paths (with the plan versions'
/// problems); `LIMIT_EXCEEDED`.
pub fn typed(mut value: Value) -> Result<(WorkspaceDto, Vec<Diagnostic>, Broken)> {
    let mut diags = Vec::new();
    let mut broken = Broken::new();
    if let Some(Value::Array(plans)) = value.get_mut("plans") {
        if plans.len() > limits::MAX_PLAN_LIST {
            let d = limits::diagnostic(
                "plans",
                "plans in one workspace",
                plans.len(),
                limits::MAX_PLAN_LIST,
                "keep the plans in use",
            );
            return Err(Error::from_diagnostics(vec![d]));
        }
        for (i, plan) in plans.iter_mut().enumerate() {
            let Some(Value::Array(versions)) = plan.get_mut("versions") else { continue };
            if versions.len() > limits::MAX_PLAN_LIST {
                let path = format!("plans[{i}].versions");
                let d = limits::diagnostic(
                    path,
                    "versions of one plan",
                    versions.len(),
                    limits::MAX_PLAN_LIST,
                    "keep the versions in use",
                );
                return Err(Error::from_diagnostics(vec![d]));
            }
            for (j, version) in versions.iter_mut().enumerate() {
                let Some(body) = version.get_mut("plan") else { continue };
                let text = body.to_string();
                if let Err(e) = crate::spec::plan::parse(&text) {
                    let at = format!("plans[{i}].versions[{j}].plan");
                    diags.extend(e.diagnostics.into_iter().map(|d| under(d, &at)));
                    broken.insert((i, j));
                    // Read the rest: this version's problems are already listed.
                    *body = serde_json::json!({ "schemaVersion": 1, "id": "-", "name": "-" });
                }
            }
        }
    }
    match serde_path_to_error::deserialize::<_, WorkspaceDto>(value) {
        Ok(ws) => Ok((ws, diags, broken)),
        Err(e) => {
            diags.push(structural(e));
            Err(Error::from_diagnostics(diags))
        }
    }
}

/// The plan versions that could not be read, as `(plan, version)` indexes.
pub type Broken = BTreeSet<(usize, usize)>;

/// A diagnostic moved under `prefix`: `prefix.path` (the prefix alone for the document's root).
fn under(mut d: Diagnostic, prefix: &str) -> Diagnostic {
    d.path = if d.path.is_empty() || d.path == "$" { prefix.to_string() } else { format!("{prefix}.{}", d.path) };
    d
}

/// A diagnostic of a CSV text in the workspace: `member, line N, column C`.
fn in_text(mut d: Diagnostic, member: &str) -> Diagnostic {
    d.path = if d.path.is_empty() || d.path == "$" { member.to_string() } else { format!("{member}, {}", d.path) };
    d
}

fn structural(e: serde_path_to_error::Error<serde_json::Error>) -> Diagnostic {
    let path = e.path().to_string();
    let path = if path == "." { String::new() } else { path };
    let msg = e.into_inner().to_string();
    let (code, hint) = if msg.starts_with("unknown field") {
        (Code::UnknownField, "remove the field or correct its spelling (names are camelCase)")
    } else if msg.starts_with("missing field") {
        (Code::MissingField, "add the field")
    } else {
        (Code::WrongType, "give a value of the type the workspace format expects")
    };
    Diagnostic::error(path, code, clip(&msg).into_owned(), hint)
}

/// Every problem of a typed workspace, errors and warnings.
pub fn check(ws: &WorkspaceDto, broken: &Broken) -> Vec<Diagnostic> {
    let mut d = Vec::new();
    let counts = [
        ("people", "people in one workspace", ws.people.len(), limits::MAX_PAYEES),
        ("accounts", "accounts in one workspace", ws.accounts.len(), limits::MAX_TERRITORY_ACCOUNTS),
        ("territories", "territories in one workspace", ws.territories.len(), limits::MAX_TERRITORIES),
    ];
    for (path, what, n, max) in counts {
        if n > max {
            d.push(limits::diagnostic(path, what, n, max, "split the company into several workspaces"));
            return d;
        }
    }
    let ids = people(&ws.people, &ws.deals_csv, &mut d);
    plans(ws, broken, &mut d);
    let texts = [("eventsCsv", &ws.events_csv, true), ("ratesCsv", &ws.rates_csv, false)];
    for (member, text, events) in texts {
        let r = if events {
            crate::spec::ledger::parse_events(text).map(|_| ())
        } else {
            crate::spec::ledger::parse_rates(text).map(|_| ())
        };
        if let Err(e) = r {
            d.extend(e.diagnostics.into_iter().map(|x| in_text(x, member)));
        }
    }
    places(ws, &ids, &mut d);
    scoring(ws, &mut d);
    if let Some(c) = &ws.settings.currency {
        if spm_base::money::Currency::from_code(c).is_err() {
            d.push(Diagnostic::error(
                "settings.currency",
                Code::CurrencyUnknown,
                format!("{:?} is not an ISO 4217 currency code the engine knows", clip(c)),
                "write a three-letter code in capitals, such as \"USD\"",
            ));
        }
    }
    d
}

/// People: unique ids, managers among the people, every field (through the payee reader), the
/// hierarchy and the deals (through the dataset builder, with a stand-in for each person the
/// deals name who is not there, reported once as a warning with the count).
fn people<'a>(people: &'a [PayeeDto], deals: &str, d: &mut Vec<Diagnostic>) -> BTreeSet<&'a str> {
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    let mut kept = Vec::with_capacity(people.len());
    for (i, p) in people.iter().enumerate() {
        match first.get(p.id.as_str()) {
            Some(f) => d.push(Diagnostic::error(
                format!("people[{i}].id"),
                Code::IdInvalid,
                format!("person id {:?} is used twice: at people[{f}].id and at people[{i}].id", clip(&p.id)),
                "give every person their own id",
            )),
            None => {
                first.insert(p.id.as_str(), i);
                kept.push(i);
            }
        }
    }
    let ids: BTreeSet<&str> = first.keys().copied().collect();
    let mut dtos: Vec<PayeeDto> = Vec::with_capacity(kept.len());
    for &i in &kept {
        let Some(p) = people.get(i) else { continue };
        let mut p = p.clone();
        if let Some(m) = p.manager_id.as_deref().filter(|m| !m.is_empty() && !ids.contains(m)) {
            d.push(unknown_person(format!("people[{i}].managerId"), m));
            p.manager_id = None;
        }
        let before = p.managers.len();
        for (j, s) in p.managers.iter().enumerate() {
            if !ids.contains(s.manager_id.as_str()) {
                d.push(unknown_person(format!("people[{i}].managers[{j}].managerId"), &s.manager_id));
            }
        }
        p.managers.retain(|s| ids.contains(s.manager_id.as_str()));
        if p.managers.len() != before {
            // A span dropped above could leave the rest looking overlapped or gapped: the
            // unknown manager is the problem to report.
            p.managers.clear();
        }
        dtos.push(p);
    }
    let mut diags = Vec::new();
    let mut payees = payees_from_dtos(&dtos, &mut diags);
    // Who the deals name that is not a person: a warning, and a stand-in so the deals are
    // still checked cell by cell.
    let mut missing: BTreeSet<String> = BTreeSet::new();
    let mut rows = 0usize;
    let mut last_deal = String::new();
    for_each_payee(deals, |deal, payee| {
        if !ids.contains(payee) {
            missing.insert(payee.to_string());
            if last_deal != deal {
                rows = rows.saturating_add(1);
                last_deal = deal.to_string();
            }
        }
    });
    if !missing.is_empty() {
        let shown: Vec<String> = missing.iter().take(5).map(|m| format!("{:?}", clip(m))).collect();
        let more =
            if missing.len() > 5 { format!(" and {} more", missing.len().saturating_sub(5)) } else { String::new() };
        d.push(Diagnostic::warning(
            "dealsCsv",
            Code::UnknownReference,
            format!(
                "{rows} deals name {} people who are not in the workspace: {}{more}",
                missing.len(),
                shown.join(", ")
            ),
            "add them to the people, or their deals pay nobody",
        ));
        payees.extend(missing.iter().map(|m| Payee {
            id: m.clone(),
            name: m.clone(),
            role: "rep".into(),
            ..Payee::default()
        }));
    }
    let csv = if deals.trim().is_empty() { "id,date,amount\n" } else { deals };
    let built = crate::io::csv::dataset_from_csv(csv, payees, diags);
    let found = match built {
        Ok(_) => Vec::new(),
        Err(e) => e.diagnostics,
    };
    for x in found {
        d.push(match x.path.strip_prefix("payees[") {
            Some(rest) => renumber(x.clone(), rest, &kept),
            None => in_text(x, "dealsCsv"),
        });
    }
    ids
}

/// A `payees[k]…` diagnostic of the deduplicated list renumbered as `people[i]…`.
fn renumber(mut x: Diagnostic, rest: &str, kept: &[usize]) -> Diagnostic {
    let (num, tail) = rest.split_once(']').unwrap_or((rest, ""));
    let original = num.parse::<usize>().ok().and_then(|k| kept.get(k)).copied();
    x.path = match original {
        Some(i) => format!("people[{i}]{tail}"),
        None => format!("people[{num}]{tail}"),
    };
    x.message = x.message.replace("payees[", "people[");
    x
}

fn unknown_person(path: String, id: &str) -> Diagnostic {
    Diagnostic::error(
        path,
        Code::UnknownReference,
        format!("{:?} is not one of the people", clip(id)),
        "name a person's id, or add the person",
    )
}

/// Plans: ids unique and not empty, versions numbered once each, `active` naming one of them,
/// every version through the plan checker; quota components that no plan has (a warning).
fn plans(ws: &WorkspaceDto, broken: &Broken, d: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut components: BTreeSet<String> = BTreeSet::new();
    for (i, p) in ws.plans.iter().enumerate() {
        if p.id.trim().is_empty() {
            d.push(Diagnostic::error(
                format!("plans[{i}].id"),
                Code::IdInvalid,
                "the plan id is empty",
                "give the plan an id",
            ));
        } else if let Some(f) = seen.insert(p.id.as_str(), i) {
            d.push(Diagnostic::error(
                format!("plans[{i}].id"),
                Code::IdInvalid,
                format!("plan id {:?} is used twice: at plans[{f}].id and at plans[{i}].id", clip(&p.id)),
                "give every plan its own id",
            ));
        }
        if p.versions.is_empty() {
            d.push(Diagnostic::error(
                format!("plans[{i}].versions"),
                Code::MissingField,
                "the plan has no version",
                "save at least one version",
            ));
        }
        let mut numbers: BTreeMap<u32, usize> = BTreeMap::new();
        for (j, v) in p.versions.iter().enumerate() {
            if let Some(f) = numbers.insert(v.version, j) {
                d.push(Diagnostic::error(
                    format!("plans[{i}].versions[{j}].version"),
                    Code::IdInvalid,
                    format!("version {} is given twice: at versions[{f}] and at versions[{j}]", v.version),
                    "number every saved version once",
                ));
            }
            if let Some(n) = &v.note {
                if let Err(e) = limits::check_chars(
                    &format!("plans[{i}].versions[{j}].note"),
                    "characters in a note",
                    n,
                    limits::MAX_NOTE_CHARS,
                    "shorten the note",
                ) {
                    d.extend(e.diagnostics);
                }
            }
            if broken.contains(&(i, j)) {
                continue;
            }
            let at = format!("plans[{i}].versions[{j}].plan");
            match plan_check::compile(&v.plan) {
                Ok((_, warnings)) => d.extend(warnings.into_iter().map(|w| under(w, &at))),
                Err(e) => d.extend(e.diagnostics.into_iter().map(|x| under(x, &at))),
            }
            let bodies =
                if v.plan.versions.is_empty() { std::slice::from_ref(&v.plan) } else { v.plan.versions.as_slice() };
            for b in bodies {
                components.extend(b.components.iter().map(|c| c.id.clone()));
                components.extend(b.measures.iter().map(|m| m.id.clone()));
            }
        }
        if !p.versions.is_empty() && !numbers.contains_key(&p.active) {
            d.push(Diagnostic::error(
                format!("plans[{i}].active"),
                Code::UnknownReference,
                format!("the active version {} is not one of the plan's versions", p.active),
                "name the number of a saved version",
            ));
        }
    }
    if ws.plans.is_empty() {
        return;
    }
    for (i, person) in ws.people.iter().enumerate() {
        for (j, q) in person.quotas.iter().enumerate() {
            if !components.contains(&q.component) {
                d.push(Diagnostic::warning(
                    format!("people[{i}].quotas[{j}].component"),
                    Code::UnknownReference,
                    format!("no plan has a component or measure {:?}: this quota is not used", clip(&q.component)),
                    "correct the component id, or remove the quota",
                ));
            }
        }
    }
}

/// Accounts and territories: ids unique, decimals readable and potentials not negative, owners
/// among the people, territories among the territories.
fn places(ws: &WorkspaceDto, people: &BTreeSet<&str>, d: &mut Vec<Diagnostic>) {
    let mut territories: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, t) in ws.territories.iter().enumerate() {
        if let Some(f) = territories.insert(t.id.as_str(), i) {
            d.push(twice(format!("territories[{i}].id"), "territory", &t.id, f, i));
        }
        if let Some(o) = t.owner_id.as_deref().filter(|o| !people.contains(o)) {
            d.push(unknown_person(format!("territories[{i}].ownerId"), o));
        }
        if let Some(w) = t.capacity.as_ref().and_then(|c| c.workload.as_ref()) {
            w.get(&format!("territories[{i}].capacity.workload"), d);
        }
        if let Some(c) = &t.center {
            c.x.get(&format!("territories[{i}].center.x"), d);
            c.y.get(&format!("territories[{i}].center.y"), d);
        }
    }
    let mut accounts: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, a) in ws.accounts.iter().enumerate() {
        if let Some(f) = accounts.insert(a.id.as_str(), i) {
            d.push(twice(format!("accounts[{i}].id"), "account", &a.id, f, i));
        }
        let path = format!("accounts[{i}].potential");
        if a.potential.get(&path, d).is_some_and(|v| v.is_sign_negative() && !v.is_zero()) {
            d.push(Diagnostic::error(
                path,
                Code::NegativeValue,
                "a potential below zero",
                "give the potential as zero or more",
            ));
        }
        if let Some(w) = &a.workload {
            w.get(&format!("accounts[{i}].workload"), d);
        }
        if let Some(l) = &a.location {
            l.x.get(&format!("accounts[{i}].location.x"), d);
            l.y.get(&format!("accounts[{i}].location.y"), d);
        }
        if let Some(o) = a.owner_id.as_deref().filter(|o| !people.contains(o)) {
            d.push(unknown_person(format!("accounts[{i}].ownerId"), o));
        }
        if let Some(t) = a.territory_id.as_deref().filter(|t| !territories.contains_key(t)) {
            d.push(Diagnostic::error(
                format!("accounts[{i}].territoryId"),
                Code::UnknownReference,
                format!("{:?} is not one of the territories", clip(t)),
                "name a territory's id, or add the territory",
            ));
        }
    }
}

fn twice(path: String, what: &str, id: &str, first: usize, i: usize) -> Diagnostic {
    let list = if what == "account" { "accounts" } else { "territories" };
    Diagnostic::error(
        path,
        Code::IdInvalid,
        format!("{what} id {:?} is used twice: at {list}[{first}].id and at {list}[{i}].id", clip(id)),
        format!("give every {what} its own id"),
    )
}

/// The scoring definitions and the activity, read as `ScoringModel` reads them with the people
/// as the roster (an activity row naming someone who is not a person is an error: the
/// leaderboard could not place it).
fn scoring(ws: &WorkspaceDto, d: &mut Vec<Diagnostic>) {
    if ws.scoring_definitions.is_none() && ws.activity_csv.trim().is_empty() {
        return;
    }
    let defs = match &ws.scoring_definitions {
        Some(defs) => serde_json::to_string(defs).unwrap_or_default(),
        None => r#"{"schemaVersion":1}"#.to_string(),
    };
    let mut seen = BTreeSet::new();
    let roster: Vec<_> = super::derive::scoring_input(&ws.people, "", "")
        .map(|s| s.roster)
        .unwrap_or_default()
        .into_iter()
        .filter(|r| seen.insert(r.id.clone()))
        .collect();
    let roster = serde_json::to_string(&roster).unwrap_or_default();
    let events = if ws.activity_csv.trim().is_empty() { "id,payeeId,type,date\n" } else { ws.activity_csv.as_str() };
    if let Err(e) = spm_scoring::Scoreboard::from_text(&defs, Some(&roster), events) {
        for x in e.diagnostics {
            let x = if x.path.starts_with("line ") || x.path.starts_with("events") {
                in_text(x, "activityCsv")
            } else if x.path.starts_with("roster") {
                x
            } else {
                under(x, "scoringDefinitions")
            };
            d.push(x);
        }
    }
}
