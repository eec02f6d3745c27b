//! Gamified scoring (issue 9): one golden scenario per rule in `tests/scoring/*.json`, every
//! number worked out by hand in the comments; plan KPIs against the designer's back-test; CSV
//! and JSON events agree; located errors; properties (rankings independent of input order,
//! prizes paid equal the prize table to the cent whatever the ties).

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::Value;
use spm_scoring::dto::TiesDto;
use spm_scoring::rank::{self, Entrant};
use spm_scoring::Scoreboard;

fn golden(name: &str) -> (String, String, String) {
    let t = std::fs::read_to_string(format!("tests/scoring/{name}.json")).unwrap();
    let v: Value = serde_json::from_str(&t).unwrap();
    (v["defs"].to_string(), v["roster"].to_string(), v["events"].to_string())
}

fn report(name: &str) -> Value {
    let (d, r, e) = golden(name);
    let sb = Scoreboard::from_text(&d, Some(&r), &e).unwrap();
    serde_json::from_str(&sb.report_json().unwrap()).unwrap()
}

/// (id, rank or null, value, ineligible reason or null) of a leaderboard's entries.
fn rows(board: &Value) -> Vec<(String, Option<u64>, String, Option<String>)> {
    board["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap().to_string(),
                e["rank"].as_u64(),
                e["value"].as_str().unwrap_or("").to_string(),
                e["ineligible"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn ranks(board: &Value) -> Vec<(String, Option<u64>)> {
    rows(board).into_iter().map(|r| (r.0, r.1)).collect()
}

#[test]
fn points_multipliers_limits_and_levels() {
    let r = report("points");
    // a1: d1 deal 12,500 on 03-10: 10 + floor(12.5) × 1 = 22 (not in the last 7 days of Q1).
    //     d2 deal 4,999.99 on 03-28, enterprise: (10 + floor(4.99999)) = 14 × 2 (03-25..03-31
    //     is the last week of Q1) × 1.5 (enterprise) = 42.
    //     act1..act5 on 03-02: 1 each, capped at 3 a day: 3. act6 on 03-03: 1. m1 meeting: 3.
    //     Total 22 + 42 + 3 + 1 + 3 = 71: Pro (50), 29 to Star (100).
    // a2: d3 deal 999: 10 + 0 = 10; m2 meeting 3: 13, Rookie, 37 to Pro.
    let s = &r["standings"];
    assert_eq!(s[0]["points"], "71");
    assert_eq!(s[0]["level"], "Pro");
    assert_eq!(s[0]["nextLevel"], "Star");
    assert_eq!(s[0]["toNext"], "29");
    assert_eq!(
        (s[1]["points"].as_str(), s[1]["level"].as_str(), s[1]["toNext"].as_str()),
        (Some("13"), Some("Rookie"), Some("37"))
    );
    // Q1 (whole months, from the monthly totals): 71 and 13.
    let q1 = rows(&r["leaderboards"][0]);
    assert_eq!((q1[0].0.as_str(), q1[0].2.as_str(), q1[1].2.as_str()), ("a1", "71", "13"));
    // 03-02..03-28 (not whole months, from the events): a1 3 + 1 + 22 + 42 = 68, a2 0.
    let span = rows(&r["leaderboards"][1]);
    assert_eq!((span[0].2.as_str(), span[1].2.as_str()), ("68", "0"));
}

#[test]
fn contests_split_ties_to_the_cent() {
    let r = report("contest");
    let awards = |i: usize| -> Vec<(String, String)> {
        r["contests"][i]["awards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| (a["payeeId"].as_str().unwrap().to_string(), a["amount"].as_str().unwrap().to_string()))
            .collect()
    };
    // April: x1 5 deals, x2 and x3 3, x4 1: ranks 1, 2, 2, 4. x1 takes 500.00; x2 and x3 share
    // places 2 and 3: (300 + 200) / 2 = 250.00 each; x4 nothing. 500 + 250 + 250 = 1,000.
    assert_eq!(
        ranks(&r["contests"][0]["standings"]).iter().map(|x| x.1.unwrap()).collect::<Vec<_>>(),
        vec![1, 2, 2, 4]
    );
    assert_eq!(
        awards(0),
        vec![("x1".into(), "500.00".into()), ("x2".into(), "250.00".into()), ("x3".into(), "250.00".into())]
    );
    assert_eq!(r["contests"][0]["paid"], "1000.00");
    // May: x1, x2, x3 tied with 2 deals share places 1-3: 100,000 cents / 3 = 33,333 rest 1; the
    // cent goes to the first by id: 333.34, 333.33, 333.33 (sum 1,000.00).
    assert_eq!(
        awards(1),
        vec![("x1".into(), "333.34".into()), ("x2".into(), "333.33".into()), ("x3".into(), "333.33".into())]
    );
    assert_eq!(r["contests"][1]["paid"], "1000.00");
    // June: only x1 has an event (minEvents 1): 500.00 paid; places 2 and 3 (300.00, 200.00)
    // unclaimed; the others listed unranked with the reason.
    assert_eq!(awards(2), vec![("x1".into(), "500.00".into())]);
    assert_eq!(r["contests"][2]["unclaimed"][0]["place"], 2);
    assert_eq!(r["contests"][2]["unclaimed"][1]["amount"], "200.00");
    assert_eq!(r["contests"][2]["paid"], "500.00");
    let june = rows(&r["contests"][2]["standings"]);
    assert_eq!(june[1].3.as_deref(), Some("0 events in the window, fewer than 1"));
    // The SPIFF rows for the ledger: seven prizes, dated the contests' last days.
    let (d, ro, e) = golden("contest");
    let sb = Scoreboard::from_text(&d, Some(&ro), &e).unwrap();
    let csv = sb.spiff_csv().unwrap();
    assert_eq!(csv.lines().count(), 8);
    assert!(csv.contains("x1,2026-05-31,333.34,USD,"), "{csv}");
}

#[test]
fn badges_once_with_evidence_and_a_restarting_streak() {
    let r = report("badges");
    let find = |badge: &str, holder: &str| -> Value {
        r["badges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["badge"] == badge && b["holder"] == holder)
            .cloned()
            .unwrap_or(Value::Null)
    };
    // s1's deals per month: Jan 2, Feb 2, Mar 1 (the streak of "2 or more" breaks), Apr 2,
    // May 3, Jun 2, Jul 2: awarded once, at the end of June, for Apr-May-Jun; July does not
    // award it again.
    let s1 = find("streak", "s1");
    assert_eq!(s1["date"], "2026-06-30");
    assert_eq!(s1["periods"], serde_json::json!(["2026-04", "2026-05", "2026-06"]));
    assert_eq!(
        r["badges"].as_array().unwrap().iter().filter(|b| b["badge"] == "streak" && b["holder"] == "s1").count(),
        1
    );
    // s2: Jan 2, Feb 2, Mar 2: at the end of March.
    assert_eq!(find("streak", "s2")["date"], "2026-03-31");
    // 10 points a deal: the 5th deal reaches 50: s1-05 on 03-10, s2-05 on 03-12.
    assert_eq!(
        (find("fifty", "s1")["date"].as_str(), find("fifty", "s1")["events"][0].as_str()),
        (Some("2026-03-10"), Some("s1-05"))
    );
    assert_eq!(find("fifty", "s2")["events"][0], "s2-05");
    // Firsts: s1-01 on 01-10; the first deal of 10,000 or more is s1-09 (15,000) on 05-10.
    assert_eq!(find("first-deal", "s1")["events"][0], "s1-01");
    assert_eq!(find("big-deal", "s1")["date"], "2026-05-10");
    assert!(find("big-deal", "s2").is_null());
    // 3 deals in one month: s1 in May.
    assert_eq!(find("three-in-a-month", "s1")["periods"][0], "2026-05");
    // Team: both have a first deal, the later on 01-12; 2 + 2 = 4 deals in January.
    assert_eq!(find("team-first", "t1")["date"], "2026-01-12");
    assert_eq!(find("team-first", "t1")["members"], serde_json::json!(["s1", "s2"]));
    assert_eq!(find("team-four", "t1")["date"], "2026-01-31");
}

#[test]
fn leaderboards_tie_rules_and_eligibility() {
    let r = report("leaderboard");
    let b = &r["leaderboards"];
    // Q1 deal amounts: l1 500, l2 300, l3 300, l4 100; l5 is an SDR, l6 was hired 2026-02-15,
    // l7 is excluded, l8 has no event.
    let c = rows(&b[0]);
    assert_eq!(
        c.iter().map(|x| (x.0.as_str(), x.1)).collect::<Vec<_>>(),
        vec![
            ("l1", Some(1)),
            ("l2", Some(2)),
            ("l3", Some(2)),
            ("l4", Some(4)),
            ("l5", None),
            ("l6", None),
            ("l7", None),
            ("l8", None)
        ]
    );
    assert_eq!(c[4].3.as_deref(), Some("role \"SDR\" is not eligible"));
    assert_eq!(c[5].3.as_deref(), Some("hired 2026-02-15, after 2026-01-01"));
    assert_eq!(c[6].3.as_deref(), Some("excluded by the rules"));
    assert_eq!(c[7].3.as_deref(), Some("0 events in the window, fewer than 1"));
    // Dense "1223".
    assert_eq!(ranks(&b[1]).iter().take(4).map(|x| x.1.unwrap()).collect::<Vec<_>>(), vec![1, 2, 2, 3]);
    // Ordinal "1234": l3 has 2 activities, l2 1, so l3 is 2nd.
    assert_eq!(
        ranks(&b[2]).iter().take(4).map(|x| (x.0.as_str(), x.1.unwrap())).collect::<Vec<_>>(),
        vec![("l1", 1), ("l3", 2), ("l2", 3), ("l4", 4)]
    );
    // Teams: t1 = 500 + 300 + 300 + 100 = 1,200; t2 = 900 + 800 + 1,000 = 2,700.
    assert_eq!(
        rows(&b[3]).iter().map(|x| (x.0.as_str(), x.2.as_str())).collect::<Vec<_>>(),
        vec![("t2", "2700"), ("t1", "1200")]
    );
}

#[test]
fn scorecards_normalize_cap_and_weigh() {
    let r = report("scorecard");
    let c = &r["scorecards"][0];
    // Revenue against 10,000, capped at 1.5: p1 20,000 → 2 → 1.5; p2 0.5; p3 0.8.
    // Conversion deals/opportunities: p1 2/4 = 0.5, p2 1/2 = 0.5, p3 1/4 = 0.25; percentile
    // (below + (equal − 1)/2)/(n − 1): p1, p2 (1 + 0.5)/2 = 0.75; p3 0.
    // Activities min-max over 4..10: p1 1, p2 0, p3 2/6 = 0.333333.
    // p1 = 0.5×1.5 + 0.3×0.75 + 0.2×1 = 1.175; p2 = 0.25 + 0.225 + 0 = 0.475;
    // p3 = 0.4 + 0 + 0.066667 = 0.466667. Teams (mean): t1 (1.175 + 0.475)/2 = 0.825; t2 0.466667.
    let scores: Vec<&str> = c["reps"].as_array().unwrap().iter().map(|x| x["score"].as_str().unwrap()).collect();
    assert_eq!(scores, vec!["1.175", "0.475", "0.466667"]);
    assert_eq!(c["reps"][0]["kpis"][0]["normalized"], "1.5");
    assert_eq!(c["reps"][2]["kpis"][1]["normalized"], "0");
    assert_eq!(c["reps"][2]["kpis"][2]["weighted"], "0.066667");
    assert_eq!(c["teams"][0]["score"], "0.825");
    assert_eq!(c["teams"][1]["score"], "0.466667");
    assert_eq!(
        rows(&r["leaderboards"][0]).iter().map(|x| x.2.as_str()).collect::<Vec<_>>(),
        vec!["1.175", "0.475", "0.466667"]
    );
    assert_eq!(rows(&r["leaderboards"][1])[0].0, "t1");
}

#[test]
fn goals_progress_pace_and_completion() {
    let r = report("goals");
    let g = &r["goals"];
    // asOf 03-16: 16 of March's 31 days gone = 0.516129.
    // g1: 3,000 + 4,000 = 7,000 of 10,000 = 0.7 ≥ 0.516129 − 0.1: on track.
    assert_eq!(
        (g[0]["progress"].as_str(), g[0]["elapsed"].as_str(), g[0]["status"].as_str()),
        (Some("0.7"), Some("0.516129"), Some("onTrack"))
    );
    // g2: 2 of 10 meetings = 0.2 < 0.416129: at risk.
    assert_eq!(g[1]["status"], "atRisk");
    // g3: 2,000 on 03-04, then 3,500 on 03-12 makes 5,500 ≥ 5,000: done on 03-12.
    assert_eq!(
        (g[2]["status"].as_str(), g[2]["completed"].as_str(), g[2]["value"].as_str()),
        (Some("done"), Some("2026-03-12"), Some("5500"))
    );
    // g4: team t1 had 1 deal in February of 3, and February is over: missed.
    assert_eq!((g[3]["status"].as_str(), g[3]["value"].as_str()), (Some("missed"), Some("1")));
    assert!(g[1]["sentence"].as_str().unwrap().contains("at risk"));
}

#[test]
fn csv_events_equal_json_events() {
    let (d, r, e) = golden("points");
    let events: Vec<Value> = serde_json::from_str(&e).unwrap();
    let mut csv = String::from("id,payeeId,type,date,amount,attr.segment\n");
    for x in &events {
        csv.push_str(&format!(
            "{},{},{},{},{},{}\n",
            x["id"].as_str().unwrap(),
            x["payeeId"].as_str().unwrap(),
            x["type"].as_str().unwrap(),
            x["date"].as_str().unwrap(),
            x["amount"].as_str().unwrap_or(""),
            x["attributes"]["segment"].as_str().unwrap_or("")
        ));
    }
    let a = Scoreboard::from_text(&d, Some(&r), &e).unwrap().report_json().unwrap();
    let b = Scoreboard::from_text(&d, Some(&r), &csv).unwrap().report_json().unwrap();
    assert_eq!(a, b);
    // A leaderboard request on the kept model: points of a1 in March = 22 + 42 + 3 + 1 = 68.
    let sb = Scoreboard::from_text(&d, Some(&r), &csv).unwrap();
    let out: Value = serde_json::from_str(
        &sb.leaderboard_json(r#"{"id":"m","metric":"points","window":{"period":"2026-03"}}"#).unwrap(),
    )
    .unwrap();
    assert_eq!(out["entries"][0]["value"], "68");
}

#[test]
fn plan_attainment_comes_from_the_back_test() {
    let s = spm_sample::generate();
    let plan = spm_wire::api::compile_plan(&s.plans[0]).unwrap();
    let data = spm_wire::api::load_csv(&s.transactions_csv, &s.payees).unwrap();
    let as_of = spm_base::period::Date::parse("2026-12-31").unwrap();
    let roster = serde_json::to_string(&spm_scoring::roster_from_dataset(&data, as_of)).unwrap();
    let defs = r#"{"schemaVersion":1,"asOf":"2026-12-31",
        "kpis":[{"id":"att","kind":"planAttainment","component":"new-business"},{"id":"credit","kind":"planCredit","component":"new-business"}],
        "leaderboards":[{"id":"year","metric":"kpi:att","window":{"period":"2026"},"eligibility":{"roles":["rep"]}},
                        {"id":"credit","metric":"kpi:credit","window":{"period":"2026"},"scope":"team"}]}"#;
    let mut sb = Scoreboard::from_text(defs, Some(&roster), "[]").unwrap();
    sb.with_plan(&plan, &data).unwrap();
    let r: Value = serde_json::from_str(&sb.report_json().unwrap()).unwrap();
    let bt = spm_analytics::design::backtest(&plan, &data).unwrap();
    // The designer's back-test sums each rep's credit and quota over the year on the same
    // component: its attainment is the year's, as the leaderboard's must be.
    let board = rows(&r["leaderboards"][0]);
    let mut checked = 0;
    for p in bt.payees.iter().filter(|p| p.role == "rep") {
        let Some(a) = &p.attainment else { continue };
        let row = board.iter().find(|x| x.0 == p.id).unwrap();
        let dec = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
        let six = |v: rust_decimal::Decimal| {
            v.round_dp_with_strategy(6, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        };
        let (credit, quota) = (dec(&p.credit), dec(p.quota.as_deref().unwrap()));
        let expected = match p.id.as_str() {
            // Hired 2026-04-16: the back-test adds the declared quarterly quota Q for Q2-Q4
            // (3Q); the plan run prorates Q2 to the 76 of its 91 days: Q × (2 + 76/91), so
            // attainment = credit × 3 × 91 / (3Q × 258).
            "r041" => six(credit * dec("273") / (quota * dec("258"))),
            // On leave in August: Q3 keeps 61 of its 92 days: 4Q against Q × (3 + 61/92), so
            // attainment = credit × 4 × 92 / (4Q × 337).
            "r042" => six(credit * dec("368") / (quota * dec("337"))),
            _ => dec(a),
        };
        assert_eq!(dec(&row.2), expected, "{}", p.id);
        checked += 1;
    }
    assert_eq!(checked, 42);
    // A team's credit is its members' credit added: m01 holds r001-r007.
    let teams = rows(&r["leaderboards"][1]);
    let m01 = teams.iter().find(|t| t.0 == "m01").unwrap();
    let dec = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
    let members: rust_decimal::Decimal = bt
        .payees
        .iter()
        .filter(|p| ["r001", "r002", "r003", "r004", "r005", "r006", "r007"].contains(&p.id.as_str()))
        .map(|p| dec(&p.credit))
        .sum();
    assert_eq!(dec(&m01.2), members);
    assert!(teams.iter().any(|t| t.0 == "m06"));
}

#[test]
fn errors_are_located_with_hints() {
    let bad = r#"{"schemaVersion":1,"kpis":[{"id":"k","kind":"count","eventType":"deal"}],
      "scorecards":[{"id":"s","kpis":[{"metric":"kpi:k","weight":"0.5","normalize":"minMax"},
                                       {"metric":"kpi:nope","weight":"0.4","normalize":"target"}]}],
      "contests":[{"id":"c","name":"C","metric":"points","from":"2026-01-01","to":"2026-01-31","currency":"USD",
                   "prizes":[{"place":1,"amount":"10.001"},{"place":1,"amount":5}]}]}"#;
    let e = Scoreboard::from_text(bad, None, "[]").unwrap_err();
    let has = |path: &str, code: &str| e.diagnostics.iter().any(|d| d.path == path && d.code.as_str() == code);
    assert!(has("scorecards[0].kpis", "WEIGHT_SUM"), "{e:?}");
    assert!(has("scorecards[0].kpis[1].metric", "UNKNOWN_REFERENCE"), "{e:?}");
    assert!(has("scorecards[0].kpis[1].target", "MISSING_FIELD"), "{e:?}");
    assert!(has("contests[0].prizes[0].amount", "DECIMAL_INVALID"), "{e:?}");
    assert!(has("contests[0].prizes[1].place", "ID_INVALID"), "{e:?}");
    assert!(has("contests[0].prizes[1].amount", "DECIMAL_NOT_STRING"), "{e:?}");
    assert!(e.diagnostics.iter().all(|d| !d.hint.is_empty()));
    let e = Scoreboard::from_text(r#"{"schemaVersion":1,"levelz":[]}"#, None, "[]").unwrap_err();
    assert_eq!(e.diagnostics[0].code.as_str(), "UNKNOWN_FIELD");
    let csv = "id,payeeId,type,date\ne1,r1,deal,2026-01-01\ne2,ghost,deal,2026-02-30\n";
    let e = Scoreboard::from_text(r#"{"schemaVersion":1}"#, Some(r#"[{"id":"r1"}]"#), csv).unwrap_err();
    assert!(e.diagnostics.iter().any(|d| d.path == "line 3, column payeeId" && d.code.as_str() == "UNKNOWN_REFERENCE"));
    assert!(e.diagnostics.iter().any(|d| d.path == "line 3, column date" && d.code.as_str() == "DATE_INVALID"));
    // Amounts are bounded (10^15) so that no sum can leave the decimal range.
    let big = r#"[{"id":"e1","payeeId":"r1","type":"deal","date":"2026-01-01","amount":"1000000000000001"}]"#;
    let e = Scoreboard::from_text(r#"{"schemaVersion":1}"#, None, big).unwrap_err();
    assert!(e.diagnostics.iter().any(|d| d.path == "events[0].amount" && d.code.as_str() == "OUT_OF_RANGE"));
    let e = Scoreboard::from_text(r#"{"schemaVersion":2}"#, None, "[]").unwrap_err();
    assert_eq!(e.diagnostics[0].code.as_str(), "SCHEMA_VERSION");
}

#[test]
fn the_sample_is_seeded_and_loads() {
    let a = spm_scoring::sample_csv(50, 2_000, 7);
    assert_eq!(a, spm_scoring::sample_csv(50, 2_000, 7));
    assert_ne!(a, spm_scoring::sample_csv(50, 2_000, 8));
    let roster = spm_scoring::sample_roster(50, 7);
    let sb = Scoreboard::from_text(&spm_scoring::sample_defs(), Some(&roster), &a).unwrap();
    assert_eq!((sb.reps(), sb.events()), (50, 2_000));
    let r: Value = serde_json::from_str(&sb.report_json().unwrap()).unwrap();
    // Whatever the ties, the December contest pays its whole table (50 entrants ≥ 3 places).
    assert_eq!(r["contests"][0]["paid"], "1000.00");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn rankings_do_not_depend_on_input_order(
        evs in proptest::collection::vec((0u8..6, 0u8..3, 1u8..28, 0u32..5000), 1..60),
        seed in any::<u64>(),
    ) {
        let kinds = ["deal", "activity", "meeting"];
        let mut list: Vec<Value> = evs.iter().enumerate().map(|(i, (r, k, d, a))| serde_json::json!({
            "id": format!("e{i}"), "payeeId": format!("r{r}"), "type": kinds[*k as usize],
            "date": format!("2026-02-{d:02}"), "amount": format!("{a}")
        })).collect();
        let roster: Vec<Value> = (0..6).map(|r| serde_json::json!({"id": format!("r{r}"), "team": format!("t{}", r % 2)})).collect();
        let defs = r#"{"schemaVersion":1,"asOf":"2026-02-28",
          "points":{"rules":[{"eventType":"deal","points":"5","perAmount":{"points":"1","per":"1000"}},{"eventType":"activity","points":"1"}],
                    "limits":[{"per":"day","max":"6"}]},
          "leaderboards":[{"id":"c","metric":"points"},{"id":"d","metric":"amount:deal","ties":"dense"},
                          {"id":"o","metric":"count:deal","ties":"ordinal","secondary":"points"},
                          {"id":"t","metric":"points","scope":"team","window":{"from":"2026-02-03","to":"2026-02-20"}}],
          "contests":[{"id":"k","name":"K","metric":"points","from":"2026-02-01","to":"2026-02-28","currency":"EUR",
                       "prizes":[{"place":1,"amount":"100.00"},{"place":2,"amount":"50.01"},{"place":3,"amount":"0.02"}]}]}"#;
        let a = Scoreboard::from_text(defs, Some(&Value::from(roster.clone()).to_string()), &Value::from(list.clone()).to_string()).unwrap().report_json().unwrap();
        // Shuffle the events and the roster the same seeded way.
        let mut s = seed;
        for i in (1..list.len()).rev() {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            list.swap(i, (s >> 33) as usize % (i + 1));
        }
        let mut roster2 = roster.clone();
        roster2.reverse();
        let b = Scoreboard::from_text(defs, Some(&Value::from(roster2).to_string()), &Value::from(list).to_string()).unwrap().report_json().unwrap();
        let (va, vb): (Value, Value) = (serde_json::from_str(&a).unwrap(), serde_json::from_str(&b).unwrap());
        prop_assert_eq!(&va["leaderboards"], &vb["leaderboards"]);
        prop_assert_eq!(&va["contests"], &vb["contests"]);
        // 6 entrants ≥ 3 places: the whole table, 150.03, is paid.
        prop_assert_eq!(va["contests"][0]["paid"].as_str(), Some("150.03"));
    }

    #[test]
    fn prizes_paid_equal_the_table(values in proptest::collection::vec(0i64..4, 1..30),
                                   prizes in proptest::collection::vec(1i128..100_000, 1..8)) {
        prop_assume!(values.len() >= prizes.len());
        let ids: Vec<String> = (0..values.len()).map(|i| format!("p{i:02}")).collect();
        let es: Vec<Entrant<'_>> = values.iter().zip(&ids).map(|(v, id)| Entrant { value: (*v).into(), secondary: None, id }).collect();
        let table: Vec<(u32, i128)> = prizes.iter().enumerate().map(|(i, p)| (i as u32 + 1, *p)).collect();
        let ranked = rank::rank(&es, TiesDto::Competition);
        let split = rank::split(&ranked, &table);
        prop_assert_eq!(split.paid.iter().map(|p| p.1).sum::<i128>(), prizes.iter().sum::<i128>());
        prop_assert!(split.unclaimed.is_empty());
        // Tied entrants get equal shares, give or take the one leftover unit.
        for w in ranked.windows(2) {
            if w[0].1 == w[1].1 {
                let get = |i: usize| split.paid.iter().find(|p| p.0 == i).map_or(0, |p| p.1);
                prop_assert!((get(w[0].0) - get(w[1].0)).abs() <= 1);
            }
        }
    }
}
