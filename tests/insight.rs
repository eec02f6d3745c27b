//! Insight (issue 8) with hand-worked numbers: an eight-deal opportunity set over a three-rep
//! dataset gives velocity, stage conversion, time in stage, cycle length, coverage, health and
//! coaching, each checked against arithmetic written out below; sentiment rules (negation,
//! boosters, contrast, exclamation, ALL CAPS) against VADER-style values worked by hand, and the
//! property that negating a phrase flips its sign; located errors; the sample company.

use serde_json::{json, Value};
use spm_analytics::insight::{self, dto::SentimentDto, lexicon};
use spm_core::data::Dataset;
use spm_wire::api::{self, CompiledPlan};

/// The sentiment of a text within the length limit.
fn sentiment(text: &str) -> SentimentDto {
    insight::sentiment(text).unwrap()
}

/// A year plan paying 10% of credit (a flat attainment table needs each rep's quota).
const PLAN: &str = r#"{"schemaVersion":1,"id":"p","name":"P","currency":"USD","period":"year",
 "rounding":{"mode":"halfUp","at":"component"},"eligibility":{"roles":["rep"]},
 "components":[{"id":"c","name":"Commission","kind":"commission","rateTable":{"mode":"flat",
 "base":"attainment","evaluation":"running","tiers":[{"from":"0","to":null,"rate":"0.1"}]}}]}"#;

const PAYEES: &str = r#"[
 {"id":"m1","name":"Morgan Lead","role":"manager"},
 {"id":"a","name":"Ann","role":"rep","managerId":"m1","quotas":[{"component":"c","amount":"100000"}]},
 {"id":"b","name":"Bo","role":"rep","managerId":"m1","quotas":[{"component":"c","amount":"80000"}]},
 {"id":"c","name":"Cy","role":"rep","managerId":"m1","quotas":[{"component":"c","amount":"100000"}]}]"#;

/// Credit over the year: a 30,000 + 20,000 = 50,000 (50%), b 60,000 + 40,000 = 100,000 (125%),
/// c 120,000 (120%); up to 2026-06-30: a 30,000, b 60,000, c 120,000.
const TXNS: &str = r#"[
 {"id":"t1","date":"2026-03-01","payeeId":"a","amount":"30000"},
 {"id":"t2","date":"2026-08-01","payeeId":"a","amount":"20000"},
 {"id":"t3","date":"2026-02-01","payeeId":"b","amount":"60000"},
 {"id":"t4","date":"2026-09-01","payeeId":"b","amount":"40000"},
 {"id":"t5","date":"2026-04-01","payeeId":"c","amount":"120000"}]"#;

fn setup() -> (CompiledPlan, Dataset) {
    (api::compile_plan(PLAN).unwrap(), api::load_json(TXNS, PAYEES).unwrap())
}

fn deal(id: &str, rep: &str, amount: &str, created: &str, close: &str, status: &str, hist: &[(&str, &str)]) -> Value {
    let h: Vec<Value> = hist.iter().map(|(s, d)| json!({"stage": s, "date": d})).collect();
    json!({"id": id, "payeeId": rep, "amount": amount, "created": created, "closeDate": close,
           "status": status, "stageHistory": h})
}

/// The eight deals (stages Discovery, Proposal, Negotiation; asOf 2026-06-30).
fn opportunities() -> Value {
    let mut d = vec![
        deal(
            "A1",
            "a",
            "30000",
            "2026-01-01",
            "2026-03-01",
            "won",
            &[("Discovery", "2026-01-01"), ("Proposal", "2026-01-21"), ("Negotiation", "2026-02-10")],
        ),
        deal(
            "A2",
            "a",
            "20000",
            "2026-02-01",
            "2026-03-01",
            "lost",
            &[("Discovery", "2026-02-01"), ("Proposal", "2026-02-15")],
        ),
        deal(
            "A4",
            "a",
            "50000",
            "2026-02-15",
            "2026-07-31",
            "open",
            &[("Discovery", "2026-02-15"), ("Proposal", "2026-03-01")],
        ),
        deal(
            "B1",
            "b",
            "60000",
            "2026-01-10",
            "2026-02-01",
            "won",
            &[("Discovery", "2026-01-10"), ("Proposal", "2026-01-20"), ("Negotiation", "2026-01-25")],
        ),
        deal(
            "B2",
            "b",
            "40000",
            "2026-03-01",
            "2026-04-10",
            "won",
            &[("Discovery", "2026-03-01"), ("Negotiation", "2026-03-20")],
        ),
        deal("B3", "b", "25000", "2026-06-01", "2026-06-20", "open", &[("Discovery", "2026-06-01")]),
        deal(
            "C1",
            "c",
            "120000",
            "2026-02-01",
            "2026-04-01",
            "won",
            &[("Discovery", "2026-02-01"), ("Proposal", "2026-02-11"), ("Negotiation", "2026-03-01")],
        ),
        deal(
            "C2",
            "c",
            "80000",
            "2026-05-01",
            "2026-09-30",
            "open",
            &[("Discovery", "2026-05-01"), ("Proposal", "2026-06-10"), ("Negotiation", "2026-06-20")],
        ),
    ];
    for (x, n) in d.iter_mut().zip([10, 4, 6, 8, 6, 1, 12, 7]) {
        x["activityCount"] = json!(n);
    }
    d[2]["nextStep"] = json!("Pricing call");
    d[2]["notes"] = json!([{"date": "2026-06-01", "text": "Budget is frozen until next quarter."}]);
    d[7]["nextStep"] = json!("Contract redlines");
    d[7]["notes"] = json!([{"date": "2026-06-20", "text": "Champion confirmed budget and is keen to move forward."}]);
    json!({"stages": ["Discovery", "Proposal", "Negotiation"], "deals": d})
}

fn run(opts: Value) -> Value {
    let (plan, data) = setup();
    let text =
        insight::insights_json_text(&plan, &data, &opportunities().to_string(), Some(&opts.to_string())).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn base() -> Value {
    run(json!({"asOf": "2026-06-30", "minClosedDeals": 1}))
}

#[test]
fn velocity_by_hand() {
    let o = base();
    // Company: open A4, B3, C2 = 3; closed A1, A2, B1, B2, C1 = 5; won 4 for 30,000 + 60,000 +
    // 40,000 + 120,000 = 250,000. Won cycles: A1 Jan 1 → Mar 1 = 59, B1 Jan 10 → Feb 1 = 22,
    // B2 Mar 1 → Apr 10 = 40, C1 Feb 1 → Apr 1 = 59: 180 days, mean 45.
    // 3 × (4/5) × 62,500 / 45 = 150,000 / 45 = 3,333.33 a day; × 30 = 100,000.00.
    let c = &o["velocity"]["company"];
    assert_eq!(c["winRate"], "0.8");
    assert_eq!(c["averageDealSize"], "62500.00");
    assert_eq!(c["averageCycleDays"], "45.00");
    assert_eq!(c["perDay"], "3333.33");
    assert_eq!(c["perMonth"], "100000.00");
    // a: 1 × 30,000 × 1 / (2 × 59) = 254.237…; b: 1 × 100,000 × 2 / (2 × 62) = 1,612.903…;
    // c: 1 × 120,000 × 1 / (1 × 59) = 2,033.898….
    let reps = o["velocity"]["reps"].as_array().unwrap();
    let per: Vec<&str> = reps.iter().map(|r| r["perDay"].as_str().unwrap()).collect();
    assert_eq!(per, ["254.24", "1612.90", "2033.90"]);
    assert_eq!(reps[1]["averageCycleDays"], "31.00");
    // One team (the reps' manager), named after him: the company's numbers.
    assert_eq!(o["velocity"]["teams"][0]["name"], "Team Morgan Lead");
    assert_eq!(o["velocity"]["teams"][0]["perDay"], "3333.33");
}

#[test]
fn funnel_and_cycle_by_hand() {
    let o = base();
    // Furthest stage: A1, B1, B2, C1 won (past all); A2 lost at Proposal; A4 open at Proposal;
    // B3 open at Discovery; C2 open at Negotiation (B2 skipped Proposal: it passed it).
    // Discovery: reached 8, advanced 7 (not B3), pending 1 (B3): 7 / 7 = 1.
    // Proposal: reached 7, advanced 5 (A1 B1 B2 C1 C2), pending 1 (A4): 5 / 6 = 0.833333.
    // Negotiation: reached 5, advanced 4 (the wins), pending 1 (C2): 4 / 4 = 1.
    let st = o["funnel"]["stages"].as_array().unwrap();
    let got: Vec<(u64, u64, u64, &str)> = st
        .iter()
        .map(|s| {
            (
                s["reached"].as_u64().unwrap(),
                s["advanced"].as_u64().unwrap(),
                s["pending"].as_u64().unwrap(),
                s["conversion"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, [(8, 7, 1, "1"), (7, 5, 1, "0.833333"), (5, 4, 1, "1")]);
    assert_eq!(st[2]["next"], "Won");
    // Completed stays. Discovery: A1 20, A2 14, A4 14, B1 10, B2 19, C1 10, C2 40 = 127 / 7 =
    // 18.14. Proposal: A1 20, A2 14 (to its close), B1 5, C1 18, C2 10 = 67 / 5 = 13.40.
    // Negotiation: A1 19, B1 7, B2 21, C1 31 = 78 / 4 = 19.50. Open: B3, A4, C2 one each.
    let days: Vec<&str> = st.iter().map(|s| s["averageDays"].as_str().unwrap()).collect();
    assert_eq!(days, ["18.14", "13.40", "19.50"]);
    let stays: Vec<u64> = st.iter().map(|s| s["stays"].as_u64().unwrap()).collect();
    assert_eq!(stays, [7, 5, 4]);
    let open: Vec<&str> = st.iter().map(|s| s["openAmount"].as_str().unwrap()).collect();
    assert_eq!(open, ["25000.00", "50000.00", "80000.00"]);
    // Won cycles 22, 40, 59, 59: mean 45, median (40 + 59) / 2 = 49.5; lost A2: 28.
    assert_eq!(o["cycle"]["won"], json!({"deals": 4, "meanDays": "45.00", "medianDays": "49.5"}));
    assert_eq!(o["cycle"]["lost"], json!({"deals": 1, "meanDays": "28.00", "medianDays": "28.0"}));
    assert_eq!(o["cycle"]["wonBins"][0]["count"], 1);
    assert_eq!(o["cycle"]["wonBins"][1]["count"], 3);
}

#[test]
fn backtest_views_and_coverage_by_hand() {
    let o = base();
    // Attainment 0.5, 1.2, 1.25: median 1.2; mean 2.95 / 3; p25: h = 0.5 → 0.5 + 0.5 × 0.7 =
    // 0.85; p75: h = 1.5 → 1.2 + 0.5 × 0.05 = 1.225; 2 of 3 at quota.
    let a = &o["attainment"];
    assert_eq!((a["median"].as_str(), a["mean"].as_str()), (Some("1.2"), Some("0.983333")));
    assert_eq!((a["p25"].as_str(), a["p75"].as_str()), (Some("0.85"), Some("1.225")));
    assert_eq!((a["atQuota"].as_u64(), a["shareAtQuota"].as_str()), (Some(2), Some("0.666667")));
    assert_eq!(a["bins"][5]["count"], 1);
    assert_eq!(a["bins"][12]["count"], 2);
    assert_eq!(a["bins"][12]["label"], "120–130%");
    // Payout 10% of credit: 5,000, 10,000, 12,000 of revenue 270,000 (cost of sales 0.1).
    // Pearson: mean x = 0.983333, mean y = 9,000; Σdxdy = 2,850, Σdx² = 0.351667, Σdy² =
    // 26,000,000; r = 2,850 / √9,143,333.3 = 0.942524.
    assert_eq!(o["payVsPerformance"]["correlation"], "0.942524");
    assert_eq!(o["costOfSales"]["costOfSales"], "0.1");
    // Coverage to 2026-12-31: remaining = quota − credit to 2026-06-30: a 70,000, b 20,000,
    // c 0 (120,000 ≥ 100,000). Open: a 50,000 → 0.714286; b 25,000 (overdue, still open) →
    // 1.25; c 80,000 → none. Company 155,000 / 90,000 = 1.722222.
    let cov = &o["coverage"];
    assert_eq!(cov["to"], "2026-12-31");
    let reps: Vec<(&str, Option<&str>)> = cov["reps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["remainingQuota"].as_str().unwrap(), r["coverage"].as_str()))
        .collect();
    assert_eq!(reps, [("70000.00", Some("0.714286")), ("20000.00", Some("1.25")), ("0.00", None)]);
    assert_eq!(cov["company"]["openPipeline"], "155000.00");
    assert_eq!(cov["company"]["coverage"], "1.722222");
}

#[test]
fn health_by_hand() {
    let o = base();
    // A4: created Feb 15 → Jun 30 = 135 days (> 90: aged); in Proposal since Mar 1 = 121 days
    // (> 30: stalled); its note scores −1.3 / √(1.69 + 15) = −0.3182 (negative).
    // B3: 29 days old, closes Jun 20 = 10 days ago (past due), no next step. C2: no flag.
    let h = &o["health"];
    assert_eq!(h["openDeals"], 3);
    let d = h["deals"].as_array().unwrap();
    assert_eq!(d.len(), 2);
    assert_eq!(d[0]["id"], "A4");
    assert_eq!(d[0]["flags"], json!(["aged", "stalled", "negativeSentiment"]));
    assert_eq!((d[0]["ageDays"].as_i64(), d[0]["daysInStage"].as_i64()), (Some(135), Some(121)));
    assert_eq!(d[0]["sentiment"], "-0.3182");
    assert_eq!(d[1]["flags"], json!(["pastDue", "noNextStep"]));
    assert_eq!(d[1]["reasons"][0], "Expected to close on 2026-06-20, 10 days ago.");
    // Thresholds move the flags: nothing is aged at 200 days.
    let o = run(json!({"asOf": "2026-06-30", "agedDays": 200, "minClosedDeals": 1}));
    assert_eq!(o["health"]["flags"][0]["deals"], 0);
}

#[test]
fn coaching_picks_the_gap_worked_by_hand() {
    let o = base();
    // Medians over a, b, c: win rate [0.5, 1, 1] → 1; deal size [30,000, 50,000, 120,000] →
    // 50,000; cycle [31, 59, 59] → 59 (top quartile, the 25th percentile: 31 + 0.5 × 28 = 45);
    // Proposal → Negotiation: a 1 / (3 − 1) = 0.5, b 1, c 1 → 1; activity per deal: a 20 / 3,
    // b 15 / 3 = 5, c 19 / 2 = 9.5 → 6.666667.
    // a: win rate 1 / 0.5 − 1 = 1.0 and Proposal conversion 1 / 0.5 − 1 = 1.0 tie: win rate
    // comes first. Deal size 50,000 / 30,000 − 1 = 0.666667.
    let reps = o["coaching"]["reps"].as_array().unwrap();
    let a = &reps[0];
    assert_eq!(a["focus"]["metric"], "winRate");
    assert_eq!(a["focus"]["gap"], "1");
    assert_eq!(a["focus"]["finding"], "Your win rate is 50% against the company's 100% (top quartile: 100%).");
    assert_eq!(a["sentences"][1], "Reaching the median would raise your sales velocity by about 100%.");
    let conv = a["metrics"].as_array().unwrap().iter().find(|m| m["stage"] == "Proposal").unwrap();
    assert_eq!(conv["gap"], "1");
    // b: at or past the median except activity: (20/3 / 5 − 1) / 2 = 1/6 (activity counts half).
    assert_eq!(reps[1]["focus"]["metric"], "activityPerDeal");
    assert_eq!(reps[1]["focus"]["gap"], "0.166667");
    // c: at or past every median; toward the top quartile the cycle is the gap: 59 / 45 − 1.
    assert_eq!(reps[2]["focus"]["metric"], "cycleDays");
    assert_eq!(reps[2]["focus"]["against"], "topQuartile");
    assert_eq!(reps[2]["focus"]["gap"], "0.311111");
    // With the default minimum of 5 closed deals nobody is compared.
    let o = run(json!({"asOf": "2026-06-30"}));
    assert_eq!(o["coaching"]["reps"][0]["benchmarked"], false);
    assert!(o["coaching"]["reps"][0]["focus"].is_null());
}

#[test]
fn sentiment_rules_by_hand() {
    let c = |t: &str| sentiment(t).compound.parse::<f64>().unwrap();
    // good: 1.9 / √(3.61 + 15) = 0.4404; not good: 1.9 × −0.74 = −1.406 → −0.3412.
    assert_eq!(sentiment("good").compound, "0.4404");
    assert_eq!(sentiment("good").label, "positive");
    assert_eq!(sentiment("not good").compound, "-0.3412");
    assert_eq!(sentiment("not good").label, "negative");
    // very good: 1.9 + 0.293 = 2.193 → 2.193 / √(4.809249 + 15) = 0.4927.
    assert_eq!(sentiment("very good").compound, "0.4927");
    assert!(c("very good") > c("good") && c("good") > c("slightly good"));
    // good but expensive: 1.9 × 0.5 − 1.5 × 1.5 = −1.3 → −0.3182: the clause after "but" wins.
    assert_eq!(sentiment("good but expensive").compound, "-0.3182");
    let d = sentiment("good but expensive").drivers;
    assert_eq!(d[0].rules, ["before but"]);
    assert_eq!(d[1].rules, ["after but"]);
    // Great!!!: 3.1 + 3 × 0.292 = 3.976 → 0.7163.
    assert_eq!(sentiment("Great!!!").compound, "0.7163");
    // The scope ends at punctuation and after three tokens.
    assert_eq!(sentiment("not. good").compound, "0.4404");
    assert_eq!(sentiment("not at all in any way good").compound, "0.4404");
    assert!(c("They were GREAT today") > c("They were great today"));
    assert_eq!(sentiment("the meeting is on Tuesday").label, "neutral");
}

#[test]
fn negating_flips_the_sign() {
    let pairs = [
        ("the demo was good", "the demo was not good"),
        ("pricing is expensive", "pricing is not expensive"),
        ("they are happy with the pilot", "they are not happy with the pilot"),
        ("I am worried about the timeline", "I am not worried about the timeline"),
        ("very strong interest", "not very strong interest"),
        ("the buyer was helpful", "the buyer wasn't helpful"),
        ("the project is on hold", "the project is not on hold"),
    ];
    let c = |t: &str| sentiment(t).compound.parse::<f64>().unwrap();
    for (p, n) in pairs {
        assert!(c(p) != 0.0 && c(p).signum() == -c(n).signum(), "{p:?} {} vs {n:?} {}", c(p), c(n));
    }
    // Every lexicon entry: "it is X" and "it is not X" have opposite signs.
    for (w, _) in lexicon::entries() {
        let (p, n) = (c(&format!("it is {w}")), c(&format!("it is not {w}")));
        assert!(p != 0.0 && p.signum() == -n.signum(), "{w}: {p} vs {n}");
    }
}

#[test]
fn errors_are_located() {
    let (plan, data) = setup();
    let mut o = opportunities();
    o["deals"][0]["payeeId"] = json!("zz");
    o["deals"][1]["amount"] = json!(20000);
    o["deals"][2]["stageHistory"][1]["stage"] = json!("Demo");
    o["deals"][3]["stageHistory"][1]["date"] = json!("2026-01-01");
    o["deals"][4]["id"] = json!("A1");
    o["deals"][5]["activities"] = json!([]);
    o["deals"][6]["notes"] = json!([{"date": "2026-07-15", "text": "later"}]);
    let e = insight::insights_json(&plan, &data, &o.to_string(), Some(r#"{"asOf":"2026-06-30"}"#)).unwrap_err();
    let paths: Vec<(&str, &str)> = e.diagnostics.iter().map(|d| (d.path.as_str(), d.code.as_str())).collect();
    for want in [
        ("deals[0].payeeId", "UNKNOWN_REFERENCE"),
        ("deals[1].amount", "DECIMAL_NOT_STRING"),
        ("deals[2].stageHistory[1].stage", "UNKNOWN_REFERENCE"),
        ("deals[3].stageHistory[1].date", "OUT_OF_RANGE"),
        ("deals[4].id", "ID_INVALID"),
        ("deals[5].activities", "WRONG_TYPE"),
        ("deals[6].notes[0].date", "OUT_OF_RANGE"),
    ] {
        assert!(paths.contains(&want), "{want:?} not in {paths:?}");
    }
    let e = insight::insights_json(&plan, &data, r#"{"deals":[],"extra":1}"#, None).unwrap_err();
    assert_eq!(e.diagnostics[0].code.as_str(), "UNKNOWN_FIELD");
}

#[test]
fn a_note_or_a_text_over_the_sentiment_limit_is_refused_at_its_path() {
    let (plan, data) = setup();
    let mut o = opportunities();
    let long = "great ".repeat(insight::MAX_NOTE_CHARS / 6 + 1);
    o["deals"][3]["notes"] = json!([{"date": "2026-03-01", "text": long}]);
    let e = insight::insights_json(&plan, &data, &o.to_string(), None).unwrap_err();
    let d = e.diagnostics.iter().find(|d| d.path == "deals[3].notes[0].text").expect("the note is named");
    assert_eq!(d.code.as_str(), "LIMIT_EXCEEDED");
    assert!(d.message.ends_with(&format!("{} is above the limit of 10000", long.len())), "{}", d.message);
    // One text of 10 MB took 17 s to score; it is refused before any work.
    let e = insight::sentiment(&"x".repeat(10_000_000)).unwrap_err();
    assert_eq!((e.code.as_str(), e.diagnostics[0].path.as_str()), ("LIMIT_EXCEEDED", "text"));
}

#[test]
fn the_sample_runs_and_is_reproducible() {
    let s = spm_sample::generate();
    let plan = api::compile_plan(&s.plans[0]).unwrap();
    let data = api::load_csv(&s.transactions_csv, &s.payees).unwrap();
    let text = insight::sample_json(7);
    assert_eq!(text, insight::sample_json(7));
    assert_ne!(text, insight::sample_json(8));
    let t = std::time::Instant::now();
    let a = insight::insights_json_text(&plan, &data, &text, None).unwrap();
    eprintln!(
        "sample insights: {} ms, {} KB in, {} KB out",
        t.elapsed().as_millis(),
        text.len() / 1024,
        a.len() / 1024
    );
    assert_eq!(a, insight::insights_json_text(&plan, &data, &text, None).unwrap());
    let o: Value = serde_json::from_str(&a).unwrap();
    assert_eq!(o["asOf"], "2026-09-30");
    assert_eq!(o["velocity"]["reps"].as_array().unwrap().len(), 42);
    assert_eq!(o["warnings"], json!([]));
    // Every chart has data: coaching names a focus for most reps, the health list is not empty.
    let focused = o["coaching"]["reps"].as_array().unwrap().iter().filter(|r| !r["focus"].is_null()).count();
    assert!(focused > 30, "{focused}");
    assert!(!o["health"]["deals"].as_array().unwrap().is_empty());
    assert!(o["coverage"]["company"]["coverage"].is_string());
}

#[test]
fn edge_cases_do_not_fail() {
    let (plan, data) = setup();
    // No deals: asOf from the options; every part still answers.
    let o = insight::insights_json(&plan, &data, r#"{"deals":[]}"#, Some(r#"{"asOf":"2026-06-30"}"#)).unwrap();
    assert_eq!(o.velocity.company.per_day, None);
    assert!(o.coaching.reps.is_empty());
    assert_eq!(o.coverage.company.open_pipeline, "0.00");
    // Stages not given: in order of first appearance. A team benchmark (the three reps are one
    // team) gives the same focus, worded for the team.
    let mut opp = opportunities();
    opp.as_object_mut().unwrap().remove("stages");
    let o = insight::insights_json(
        &plan,
        &data,
        &opp.to_string(),
        Some(r#"{"asOf":"2026-06-30","benchmark":"team","minClosedDeals":1}"#),
    )
    .unwrap();
    assert_eq!(o.stages, ["Discovery", "Proposal", "Negotiation"]);
    let focus = o.coaching.reps[0].focus.as_ref().unwrap();
    assert_eq!(focus.metric, "winRate");
    assert_eq!(focus.finding, "Your win rate is 50% against the team's 100% (top quartile: 100%).");
    // asOf defaults to the latest date in the deals: C2's Negotiation on 2026-06-20.
    let o = insight::insights_json(&plan, &data, &opportunities().to_string(), None).unwrap();
    assert_eq!(o.as_of, "2026-06-20");
}

#[test]
fn opportunities_and_options_read_the_same_with_a_byte_order_mark() {
    let (plan, data) = setup();
    let (set, opts) = (opportunities().to_string(), r#"{"asOf":"2026-06-30"}"#);
    let plain = insight::insights_json_text(&plan, &data, &set, Some(opts)).unwrap();
    let marked = insight::insights_json_text(&plan, &data, &format!("\u{feff}{set}"), Some(&format!("\u{feff}{opts}")));
    assert_eq!(marked.unwrap(), plain);
}
