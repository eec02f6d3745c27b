//! Gamified scoring (issue 9): the golden scenarios of `tests/golden/scoring/*.json` (checked by
//! `tests/golden.rs`; here the contest's SPIFF rows and a goal's sentence); plan KPIs against the
//! designer's back-test; CSV and JSON events agree; located errors; properties (rankings
//! independent of input order, prizes paid equal the prize table to the cent whatever the ties).

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::Value;
use spm_scoring::dto::TiesDto;
use spm_scoring::rank::{self, Entrant};
use spm_scoring::Scoreboard;

fn golden(name: &str) -> (String, String, String) {
    let path = format!("{}/tests/golden/scoring/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let input = &v["input"];
    (input["defs"].to_string(), input["roster"].to_string(), input["events"].to_string())
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

// The golden scenarios' reports are checked by `tests/golden.rs` against the hand-worked numbers
// in `tests/golden/scoring/*.json`; what a subset of the report cannot say is checked here.

#[test]
fn the_contest_prizes_become_spiff_rows_for_the_ledger() {
    // Seven prizes (April 3, May 3, June 1), dated the contests' last days.
    let (d, ro, e) = golden("contest");
    let sb = Scoreboard::from_text(&d, Some(&ro), &e).unwrap();
    let csv = sb.spiff_csv().unwrap();
    assert_eq!(csv.lines().count(), 8);
    assert!(csv.contains("x1,2026-05-31,333.34,USD,"), "{csv}");
}

#[test]
fn a_goal_at_risk_says_so() {
    let r = report("goals");
    assert!(r["goals"][1]["sentence"].as_str().unwrap().contains("at risk"));
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
        // The table, 150.03, is paid in full or what is not paid is unclaimed: only entrants with
        // points win (a zero wins nothing), so with fewer than 3 scorers places go unclaimed.
        let dec = |v: &Value| v.as_str().and_then(|t| t.parse::<rust_decimal::Decimal>().ok()).unwrap_or_default();
        let c = &va["contests"][0];
        let unclaimed = spm_base::money::sum(c["unclaimed"].as_array().unwrap().iter().map(|u| dec(&u["amount"]))).unwrap();
        prop_assert_eq!(spm_base::money::add(dec(&c["paid"]), unclaimed).unwrap(), rust_decimal::Decimal::new(15003, 2));
        let scorers = c["standings"]["entries"].as_array().unwrap().iter().filter(|e| dec(&e["value"]) > rust_decimal::Decimal::ZERO).count();
        if scorers >= 3 {
            prop_assert_eq!(c["paid"].as_str(), Some("150.03"));
        }
        prop_assert!(c["awards"].as_array().unwrap().iter().all(|a| {
            let id = a["payeeId"].as_str().unwrap_or("");
            c["standings"]["entries"].as_array().unwrap().iter().any(|e| e["id"] == id && dec(&e["value"]) > rust_decimal::Decimal::ZERO)
        }), "every winner scored");
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

#[test]
fn definitions_roster_and_json_events_read_the_same_with_a_byte_order_mark() {
    let (d, r, e) = golden("contest");
    assert!(e.starts_with('['), "the golden events are JSON");
    let marked = |s: &str| format!("\u{feff}{s}");
    let plain = Scoreboard::from_text(&d, Some(&r), &e).unwrap().report_json().unwrap();
    let bom = Scoreboard::from_text(&marked(&d), Some(&marked(&r)), &marked(&e)).unwrap().report_json().unwrap();
    assert_eq!(bom, plain);
}
