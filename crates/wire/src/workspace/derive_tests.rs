//! Tests of the derivations, compiled only under #[cfg(test)]: a hand-made company of four
//! people and six deals (every figure worked out by hand below), and the sample workspace's
//! consistency across the pages.

use super::derive::{accounts_from_deals, assign_teams};
use super::*;
use crate::spec::data::ManagerSpanDto;
use spm_base::period::Date;
use std::collections::BTreeSet;

fn dec(s: &str) -> Dec {
    Dec::parse(s)
}

/// Mia manages Ann and Bob, and Cy from 2025-01-01 (an effective-dated manager).
fn people() -> Vec<PayeeDto> {
    let p = |id: &str, name: &str, manager: Option<&str>| PayeeDto {
        id: id.into(),
        name: name.into(),
        role: Some(if manager.is_some() { "rep" } else { "manager" }.into()),
        manager_id: manager.map(str::to_string),
        ..PayeeDto::default()
    };
    let mut cy = p("r3", "Cy Rep", None);
    cy.role = Some("rep".into());
    cy.hire_date = Some("2025-03-01".into());
    cy.managers = vec![ManagerSpanDto { manager_id: "m1".into(), from: Some("2025-01-01".into()), to: None }];
    vec![p("m1", "Mia Manager", None), p("r1", "Ann Rep", Some("m1")), p("r2", "Bob Rep", Some("m1")), cy]
}

/// Six deals; the latest is 2025-12-01, so the potential window is 2024-12-02 to 2025-12-01
/// and D5 (2024-11-30) is outside it. D3 is split half and half; D6 names r9, not a person.
const DEALS: &str = "id,date,payeeId,amount,type,customer,splits\n\
D1,2025-02-10,r1,1000.00,new,ACME,\n\
D2,2025-06-01,r2,2000.50,new,ACME,\n\
D3,2025-07-15,,3000.00,new,BETA,r1:0.5;r3:0.5\n\
D4,2025-09-30,r3,500.25,renewal,BETA,\n\
D5,2024-11-30,r2,4000.00,new,ACME,\n\
D6,2025-12-01,r9,700.00,new,GAMMA,\n";

const ACTIVITY: &str = "id,payeeId,type,date,attr.region\nA1,r1,call,2025-02-01,north\nA2,r2,meeting,2025-05-20,south\nA3,r3,demo,2025-07-01,\"west, coast\"\n";

#[test]
fn accounts_potentials_and_owners_from_the_deals() {
    let (accounts, territories) = accounts_from_deals(&people(), DEALS).unwrap();
    let ids: Vec<&str> = accounts.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["ACME", "BETA", "GAMMA"]);
    // ACME: D1 1,000.00 + D2 2,000.50 = 3,000.50 in the window (D5 is before it) × 1.5 =
    // 4,500.75; two deals; Bob (2,000.50) over Ann (1,000.00).
    assert_eq!(accounts[0].potential, dec("4500.75"));
    assert_eq!(accounts[0].workload, Some(dec("2")));
    assert_eq!(accounts[0].owner_id.as_deref(), Some("r2"));
    assert_eq!(accounts[0].territory_id.as_deref(), Some("t-r2"));
    // BETA: D3 3,000.00 (Ann 1,500, Cy 1,500) + D4 500.25 (Cy) = 3,500.25 × 1.5 = 5,250.375;
    // two deals (a split deal counts once); Cy 2,000.25 over Ann 1,500.
    assert_eq!(accounts[1].potential, dec("5250.375"));
    assert_eq!(accounts[1].workload, Some(dec("2")));
    assert_eq!(accounts[1].owner_id.as_deref(), Some("r3"));
    // GAMMA: 700.00 × 1.5 = 1,050.00, one deal, credited to r9 who is not a person: no owner.
    assert_eq!(accounts[2].potential, dec("1050"));
    assert_eq!(accounts[2].workload, Some(dec("1")));
    assert_eq!((accounts[2].owner_id.as_deref(), accounts[2].territory_id.as_deref()), (None, None));
    let t: Vec<(&str, Option<&str>, Option<&str>)> =
        territories.iter().map(|t| (t.id.as_str(), t.name.as_deref(), t.owner_id.as_deref())).collect();
    assert_eq!(t, [("t-r2", Some("Bob Rep"), Some("r2")), ("t-r3", Some("Cy Rep"), Some("r3"))]);
}

#[test]
fn territory_input_follows_territories_or_owners() {
    let people = people();
    let (mut accounts, territories) = accounts_from_deals(&people, DEALS).unwrap();
    accounts[0].location = Some(spm_planning::territory::dto::PointDto { x: dec("3.5"), y: dec("4") });
    let input = territory_input(&people, &accounts, &territories);
    let owners: Vec<Option<&str>> = input.accounts.iter().map(|a| a.owner.as_deref()).collect();
    assert_eq!(owners, [Some("t-r2"), Some("t-r3"), None]);
    assert_eq!((input.accounts[0].x.clone(), input.accounts[0].y.clone()), (dec("3.5"), dec("4")));
    assert_eq!((input.accounts[1].x.clone(), input.accounts[1].y.clone()), (dec("0"), dec("0")));
    assert_eq!(input.territories.len(), 2);
    assert_eq!(input.territories[0].name.as_deref(), Some("Bob Rep"));
    spm_planning::territory::Model::from_json(&serde_json::to_string(&input).unwrap()).unwrap();
    // Without territories: one per owner, named after the person.
    let input = territory_input(&people, &accounts, &[]);
    let t: Vec<(&str, Option<&str>)> = input.territories.iter().map(|t| (t.id.as_str(), t.name.as_deref())).collect();
    assert_eq!(t, [("r2", Some("Bob Rep")), ("r3", Some("Cy Rep"))]);
    assert_eq!(input.accounts[1].owner.as_deref(), Some("r3"));
}

#[test]
fn quota_input_history_from_the_deals_by_person() {
    let options =
        QuotaOptionsDto { year: Some(2026), growth_percent: Some(dec("10")), currency: None, company_name: None };
    let q = quota_input(&people(), DEALS, &options).unwrap();
    let nodes: Vec<(&str, Option<&str>)> = q.nodes.iter().map(|n| (n.id.as_str(), n.parent.as_deref())).collect();
    // Cy's manager on 2026-01-01 is Mia (the span from 2025-01-01).
    assert_eq!(
        nodes,
        [("company", None), ("m1", Some("company")), ("r1", Some("m1")), ("r2", Some("m1")), ("r3", Some("m1"))]
    );
    let history = |i: usize| -> Vec<(String, Dec)> {
        q.nodes[i].history.clone().unwrap_or_default().into_iter().map(|h| (h.period, h.amount)).collect()
    };
    assert_eq!(q.nodes[1].history, None, "a manager is not a leaf");
    // The first year with deals of people is 2024 (D5), so 2024 and 2025, blended 0.6 / 0.4.
    // Ann 2025: D1 1,000 + half of D3 1,500 = 2,500; Bob: 2024 D5 4,000, 2025 D2 2,000.50;
    // Cy 2025: half of D3 1,500 + D4 500.25 = 2,000.25. D6 (r9) counts for nobody.
    assert_eq!(history(2), [("2024".into(), dec("0")), ("2025".into(), dec("2500"))]);
    assert_eq!(history(3), [("2024".into(), dec("4000")), ("2025".into(), dec("2000.50"))]);
    assert_eq!(history(4), [("2024".into(), dec("0")), ("2025".into(), dec("2000.25"))]);
    assert_eq!(q.nodes[4].hire_date.as_deref(), Some("2025-03-01"));
    let blend = q.method.history.clone().unwrap();
    assert_eq!(blend.weights, [dec("0.6"), dec("0.4")]);
    assert_eq!(blend.growth, Some(dec("0.1")));
    // Target: 2025's 2,500 + 2,000.50 + 2,000.25 = 6,500.75 × 1.10 = 7,150.825 → 7,150.83.
    assert_eq!(q.target, dec("7150.83"));
    assert_eq!((q.year, q.currency.as_str()), (2026, "USD"));
    let result = spm_planning::quota::quota_plan(&q).unwrap();
    assert_eq!(result.nodes.len(), 5);
}

#[test]
fn scoring_input_roster_teams_and_events() {
    let mut people = people();
    assign_teams(&mut people, Date::new(2026, 1, 1).unwrap());
    let teams: Vec<Option<&str>> = people.iter().map(|p| p.team.as_deref()).collect();
    assert_eq!(teams, [Some("Team Mia Manager"); 4]);
    let s = scoring_input(&people, DEALS, ACTIVITY).unwrap();
    let roster: Vec<(&str, Option<&str>)> = s.roster.iter().map(|r| (r.id.as_str(), r.team.as_deref())).collect();
    assert_eq!(
        roster,
        [
            ("m1", Some("Team Mia Manager")),
            ("r1", Some("Team Mia Manager")),
            ("r2", Some("Team Mia Manager")),
            ("r3", Some("Team Mia Manager"))
        ]
    );
    assert_eq!(s.roster[3].hire.as_deref(), Some("2025-03-01"));
    // Six deal credits of people (D1, D2, D3 twice, D4, D5; D6 is r9's) and three activities.
    let expected = "id,payeeId,type,date,amount,attr.region\n\
deal-D1,r1,deal,2025-02-10,1000.00,\n\
deal-D2,r2,deal,2025-06-01,2000.50,\n\
deal-D3-r1,r1,deal,2025-07-15,1500.000,\n\
deal-D3-r3,r3,deal,2025-07-15,1500.000,\n\
deal-D4,r3,deal,2025-09-30,500.25,\n\
deal-D5,r2,deal,2024-11-30,4000.00,\n\
A1,r1,call,2025-02-01,,north\n\
A2,r2,meeting,2025-05-20,,south\n\
A3,r3,demo,2025-07-01,,\"west, coast\"\n";
    assert_eq!(s.events_csv, expected);
    let roster = serde_json::to_string(&s.roster).unwrap();
    let board = spm_scoring::Scoreboard::from_text(r#"{"schemaVersion":1}"#, Some(&roster), &s.events_csv).unwrap();
    assert_eq!((board.reps(), board.events()), (4, 9));
    let e = scoring_input(&people, DEALS, "who,what\nx,y\n").unwrap_err();
    assert_eq!(e.diagnostics[0].path, "activityCsv, line 1");
}

#[test]
fn the_sample_workspace_is_one_consistent_company() {
    let ws = sample_workspace();
    let people: BTreeSet<&str> = ws.people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(people.len(), 50);
    // Teams from the hierarchy: seven reps and their manager each.
    assert_eq!(ws.people[8].team.as_deref(), Some(format!("Team {}", ws.people[2].name).as_str()));
    assert_eq!(ws.people.iter().filter(|p| p.team == ws.people[8].team).count(), 8);
    assert_eq!(ws.people[0].team, None, "a director leads no team of reps");
    // Every deal's payee and every activity's rep is a person.
    super::derive::for_each_credit(&ws.deals_csv, |c| {
        assert!(people.contains(c.payee), "{}", c.payee);
        Ok(())
    })
    .unwrap();
    for line in ws.activity_csv.lines().skip(1) {
        assert!(people.contains(line.split(',').nth(1).unwrap()), "{line}");
    }
    // Accounts are the 900 customers, owned by people, in their owners' territories.
    assert_eq!(ws.accounts.len(), 900);
    let territories: BTreeSet<&str> = ws.territories.iter().map(|t| t.id.as_str()).collect();
    for a in &ws.accounts {
        let owner = a.owner_id.as_deref().unwrap();
        assert!(people.contains(owner));
        assert_eq!(a.territory_id.as_deref(), Some(format!("t-{owner}").as_str()));
        assert!(territories.contains(a.territory_id.as_deref().unwrap()));
        assert!(a.location.is_some());
    }
    // The workspace reads back without a warning: every plan compiles, every text reads.
    let (_, warnings) = read(&write(&ws)).unwrap();
    assert!(warnings.is_empty(), "{warnings:#?}");
    // A payout over it succeeds for every plan.
    let payees = serde_json::to_string(&ws.people).unwrap();
    let mut data = crate::api::load_csv(&ws.deals_csv, &payees).unwrap();
    crate::api::set_rates(&mut data, &ws.rates_csv).unwrap();
    for p in &ws.plans {
        let plan = crate::api::compile_plan(&serde_json::to_string(&p.versions[0].plan).unwrap()).unwrap();
        let report = crate::api::run_with(&plan, &data, spm_core::payout::Detail::Summary).unwrap().to_dto().unwrap();
        assert!(!report.statements.is_empty());
    }
    // The leaderboard ranks the same people the payouts pay.
    let s = scoring_input(&ws.people, &ws.deals_csv, &ws.activity_csv).unwrap();
    assert!(s.roster.iter().all(|r| people.contains(r.id.as_str())));
    let defs = serde_json::to_string(ws.scoring_definitions.as_ref().unwrap()).unwrap();
    let board =
        spm_scoring::Scoreboard::from_text(&defs, Some(&serde_json::to_string(&s.roster).unwrap()), &s.events_csv)
            .unwrap();
    assert_eq!(board.reps(), 50);
    let top = board.leaderboard_json(r#"{"id":"r","metric":"amount:deal","window":{"period":"2026"}}"#).unwrap();
    assert!(top.contains("\"r0"), "reps are ranked: {}", &top[..top.len().min(400)]);
    // Quotas and territories take the same people.
    let options = QuotaOptionsDto {
        year: Some(2027),
        growth_percent: Some(dec("8")),
        currency: None,
        company_name: Some(ws.name.clone()),
    };
    spm_planning::quota::quota_plan(&quota_input(&ws.people, &ws.deals_csv, &options).unwrap()).unwrap();
    let input = territory_input(&ws.people, &ws.accounts, &ws.territories);
    spm_planning::territory::Model::from_json(&serde_json::to_string(&input).unwrap()).unwrap();
}

#[test]
fn quota_input_plans_the_year_after_the_latest_deal_by_default() {
    let given = QuotaOptionsDto { year: None, growth_percent: None, currency: None, company_name: None };
    // The latest deal is D6 on 2025-12-01: the plan year is 2026.
    let explicit = QuotaOptionsDto { year: Some(2026), ..given.clone() };
    assert_eq!(quota_input(&people(), DEALS, &given).unwrap(), quota_input(&people(), DEALS, &explicit).unwrap());
    let none = quota_input(&people(), "id,date,payeeId,amount\n", &given).unwrap_err();
    assert_eq!(none.diagnostics[0].path, "year");
}
