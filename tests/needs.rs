//! What a plan needs of its payees (`spm_core::needs` through `spm_wire::spec::needs`) and the
//! estimator's check of its state against it, on a plan worked by hand.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use spm_wire::api;
use spm_wire::spec::needs;

/// A quarterly plan for 2026 (USD), every need of which is known by reading it:
/// - "new-business" (reps): commission on attainment tiers, no default quota: a quota under
///   "new-business" each quarter.
/// - "quarterly-bonus" (reps): bonus on the new-business measure, 20% of the target incentive,
///   an NPS multiplier: a quota ("quarterly-bonus" or "new-business") each quarter, the target
///   incentive, and the input "nps" each quarter.
/// - "team-override" (managers): commission on attainment tiers: a quota each quarter.
/// - "objectives" (reps): MBO goal "g1" due 2026-06-30 (Q2), a fixed target: a score for g1.
fn plan() -> api::CompiledPlan {
    let tiers = json!([{"from":"0","to":"1","rate":"0.05"},{"from":"1","to":null,"rate":"0.08"}]);
    let p = json!({"schemaVersion":1,"id":"p","name":"P","currency":"USD","period":"quarter",
    "effectiveFrom":"2026-01-01","inputs":["nps"],"rounding":{"mode":"halfUp","at":"component"},
    "components":[
        {"id":"new-business","name":"New business commission","kind":"commission","roles":["rep"],
         "rateTable":{"mode":"marginal","base":"attainment","evaluation":"running","tiers":tiers}},
        {"id":"quarterly-bonus","name":"Quarterly bonus","kind":"bonus","roles":["rep"],
         "attainment":[{"measure":"new-business","weight":"1"}],"style":"step",
         "thresholds":[{"attainment":"1","payout":"1"}],"target":{"shareOfTargetIncentive":"0.2"},
         "modifiers":[{"label":"NPS","when":"nps < 30","multiply":"0.75"}]},
        {"id":"team-override","name":"Team override","kind":"commission","roles":["manager"],
         "rateTable":{"mode":"flat","base":"attainment","evaluation":"running","tiers":tiers}},
        {"id":"objectives","name":"Objectives","kind":"mbo","roles":["rep"],"target":{"amount":"4000"},
         "goals":[{"id":"g1","name":"Pipeline review","weight":"1","due":"2026-06-30","points":["0","1"]}]}
    ]});
    api::compile_plan(&p.to_string()).unwrap()
}

fn payees() -> String {
    json!([
        // Everything given: no gap.
        {"id":"r1","name":"Avery Quinn","role":"rep","targetIncentive":"20000",
         "quotas":[{"component":"new-business","amount":"100000"}],"inputs":[{"name":"nps","value":"45"}],
         "mbo":[{"goal":"g1","score":"1"}]},
        // A Q1 quota only, no target incentive, no NPS, no score, paid in EUR with a rate from April.
        {"id":"r2","name":"Blake Hart","role":"rep","currency":"EUR",
         "quotas":[{"component":"new-business","period":"2026-Q1","amount":"90000"}]},
        // A manager: the reps' components ask nothing of him.
        {"id":"m1","name":"Casey Lee","role":"manager","quotas":[{"component":"team-override","amount":"500000"}]},
        // A manager hired on 2026-07-01 without a quota: only Q3 and Q4 are missing.
        {"id":"m2","name":"Drew Park","role":"manager","hireDate":"2026-07-01"}
    ])
    .to_string()
}

#[test]
fn requirements_list_each_component_s_needs_with_its_roles() {
    let r = serde_json::to_value(needs::requirements(&plan(), None, 1999)).unwrap();
    assert_eq!(r["currency"], "USD");
    assert_eq!(r["periods"], json!(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]), "the plan's own year, not 1999");
    let all = json!(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
    let got: Vec<(Value, Value, Value, Value, Value)> = r["needs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (n["component"].clone(), n["kind"].clone(), n["keys"].clone(), n["periods"].clone(), n["roles"].clone())
        })
        .collect();
    let rep = json!(["rep"]);
    assert_eq!(
        got,
        vec![
            (json!("new-business"), json!("quota"), json!(["new-business"]), all.clone(), rep.clone()),
            (
                json!("quarterly-bonus"),
                json!("quota"),
                json!(["quarterly-bonus", "new-business"]),
                all.clone(),
                rep.clone()
            ),
            (json!("quarterly-bonus"), json!("targetIncentive"), json!([]), all.clone(), rep.clone()),
            (json!("quarterly-bonus"), json!("input"), json!(["nps"]), all.clone(), rep.clone()),
            (json!("team-override"), json!("quota"), json!(["team-override"]), all, json!(["manager"])),
            (json!("objectives"), json!("mbo"), json!(["g1"]), json!(["2026-Q2"]), rep),
        ]
    );
    assert_eq!(r["needs"][5]["due"], "2026-06-30");
    assert_eq!(r["needs"][5]["stopsPayout"], false, "an unscored goal pays nothing, it does not stop the run");
    assert_eq!(r["needs"][0]["stopsPayout"], true);
}

#[test]
fn missing_names_who_lacks_what_in_sentences() {
    let rates = "from,to,date,rate\nUSD,EUR,2026-04-01,0.92\n";
    let gaps = serde_json::to_value(needs::missing(&plan(), &payees(), rates, None, 1999).unwrap()).unwrap();
    let people: Vec<&str> = gaps.as_array().unwrap().iter().map(|g| g["payeeId"].as_str().unwrap()).collect();
    assert_eq!(people, ["r2", "m2"], "Avery has everything; Casey is a manager with his quota");
    let blake = &gaps[0]["items"];
    let sentences: Vec<&str> = blake.as_array().unwrap().iter().map(|g| g["sentence"].as_str().unwrap()).collect();
    assert_eq!(
        sentences,
        [
            r#"New business commission needs a quota for 2026-Q2 to 2026-Q4 ("new-business"); none is set for Blake Hart."#,
            r#"Quarterly bonus needs a quota for 2026-Q2 to 2026-Q4 ("quarterly-bonus" or "new-business"); none is set for Blake Hart."#,
            "Quarterly bonus pays a share of the annual target incentive; none is set for Blake Hart.",
            r#"Quarterly bonus reads the input "nps" for 2026-Q1 to 2026-Q4; none is set for Blake Hart."#,
            r#"Objectives: goal "Pipeline review" (due 2026-06-30) has no score for Blake Hart yet, so it pays nothing until it is scored."#,
            // The April rate covers Q2 to Q4 (each period's last day is on or after 2026-04-01).
            "Blake Hart is paid in EUR: statements for 2026-Q1 need a USD→EUR exchange rate on or before 2026-03-31; none is given.",
        ]
    );
    assert_eq!(
        blake[1]["repSentence"],
        "Your quarterly bonus needs your quota for 2026-Q2 to 2026-Q4, which your comp admin has not entered yet."
    );
    assert_eq!(
        blake[2]["repSentence"],
        "Your quarterly bonus pays a share of your target incentive, which your comp admin has not entered yet."
    );
    assert_eq!(blake[2]["periods"], json!([]));
    assert_eq!(blake[5]["kind"], "rate");
    assert_eq!(blake[5]["keys"], json!(["USD", "EUR"]));
    assert_eq!(blake[5]["stopsPayout"], false);
    let drew = &gaps[1]["items"];
    assert_eq!(drew.as_array().unwrap().len(), 1);
    assert_eq!(drew[0]["what"], "quota for 2026-Q3 and 2026-Q4", "hired on 2026-07-01: Q1 and Q2 are not his");
}

#[test]
fn bad_payees_are_located_errors() {
    let e = needs::missing(&plan(), r#"[{"id":"x","name":"X","targetIncentive":"abc"}]"#, "", None, 2026).unwrap_err();
    assert_eq!(e.code.as_str(), "DECIMAL_INVALID");
    assert_eq!(e.diagnostics[0].path, "payees[0].targetIncentive");
}

/// The estimator's state lacks the Q2 quota (read by two components) and the target incentive:
/// creating the estimator says all three in a rep's words, with the fields to fill.
#[test]
fn an_estimator_for_a_state_that_lacks_data_says_what_in_a_rep_s_words() {
    let state = json!({"payee":{"id":"me","name":"Me","role":"rep","inputs":[{"name":"nps","value":"45"}]},
        "deals":[{"date":"2026-04-10","amount":"30000"}],"asOf":"2026-05-15"})
    .to_string();
    let e = spm_testkit::estimator(&plan(), &state).unwrap_err();
    assert_eq!(e.code.as_str(), "QUOTA_MISSING");
    assert_eq!(
        e.message,
        "Your new business commission needs your quota for 2026-Q2, which your comp admin has not entered yet. \
         Your quarterly bonus needs your quota for 2026-Q2, which your comp admin has not entered yet. \
         Your quarterly bonus pays a share of your target incentive, which your comp admin has not entered yet."
    );
    let paths: Vec<&str> = e.diagnostics.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, ["payee.quotas", "payee.quotas", "payee.targetIncentive"]);
    // With the quota and the target incentive the same state estimates (the unscored goal does
    // not stop it).
    let ok = json!({"payee":{"id":"me","name":"Me","role":"rep","targetIncentive":"20000",
        "quotas":[{"component":"new-business","amount":"100000"}],"inputs":[{"name":"nps","value":"45"}]},
        "deals":[{"date":"2026-04-10","amount":"30000"}],"asOf":"2026-05-15"})
    .to_string();
    assert!(spm_testkit::estimator(&plan(), &ok).is_ok());
}

/// A missing input alone keeps the engine's code for it.
#[test]
fn a_missing_input_alone_is_formula_eval() {
    let state = json!({"payee":{"id":"me","name":"Me","role":"rep","targetIncentive":"20000",
        "quotas":[{"component":"new-business","amount":"100000"}]},"asOf":"2026-05-15"})
    .to_string();
    let e = spm_testkit::estimator(&plan(), &state).unwrap_err();
    assert_eq!(e.code.as_str(), "FORMULA_EVAL");
    assert_eq!(
        e.message,
        r#"Your quarterly bonus depends on your "nps" for 2026-Q2, which your comp admin has not entered yet."#
    );
    assert_eq!(e.diagnostics[0].path, "payee.inputs");
}

/// The sample company's reps carry a new-business quota for every quarter, a target incentive
/// and an NPS (crates/sample), and its managers are not on either plan (eligibility: reps): the
/// designer's panel opens on "everyone has what this plan needs".
#[test]
fn the_sample_company_has_what_its_plans_need() {
    let s = spm_sample::generate();
    for text in &s.plans {
        let plan = api::compile_plan(text).unwrap();
        let gaps = needs::missing(&plan, &s.payees, &s.rates_csv, None, 2026).unwrap();
        assert_eq!(gaps, vec![], "{}", plan.plan.name);
    }
}
