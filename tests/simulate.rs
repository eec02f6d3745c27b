//! Monte Carlo plan costing (issue 8): hand-worked cases. Degenerate distributions pay exactly
//! what the plan pays at that attainment; the percentile convention (nearest rank) on two
//! trials; the chance of exceeding a budget where it can be worked out; chunk independence and
//! seed reproducibility; correlation widening the spread as the one-factor model says; history
//! fitting; sensitivity with common random numbers; located errors.

use spm_analytics::simulate::dto::{SensitivityOptionsDto, SimulationOptionsDto};
use spm_analytics::simulate::{sensitivity, Simulation};
use spm_core::data::Dataset;
use spm_wire::api::{self, CompiledPlan};

/// Marginal commission on attainment: 2% to 50%, 5% to 100%, 8% above; rounded per component.
const TIERED: &str = r#"{"schemaVersion":1,"id":"t","name":"Tiered","currency":"USD","period":"quarter",
  "effectiveFrom":"2026-01-01","rounding":{"mode":"halfUp","at":"component"},
  "components":[{"id":"c","name":"Commission","kind":"commission","rateTable":{"mode":"marginal","base":"attainment",
  "evaluation":"running","tiers":[{"from":"0","to":"0.5","rate":"0.02"},{"from":"0.5","to":"1.0","rate":"0.05"},
  {"from":"1.0","to":null,"rate":"0.08"}]}}]}"#;

/// 10% of credit, optionally capped.
fn linear(cap: Option<&str>) -> String {
    let cap =
        cap.map(|c| format!(r#","cap":{{"amount":"{c}","per":"period","excess":"forfeit"}}"#)).unwrap_or_default();
    format!(
        r#"{{"schemaVersion":1,"id":"l","name":"Linear","currency":"USD","period":"quarter","effectiveFrom":"2026-01-01",
        "rounding":{{"mode":"halfUp","at":"component"}},"components":[{{"id":"c","name":"Commission","kind":"commission",
        "rateTable":{{"mode":"flat","base":"attainment","evaluation":"running","tiers":[{{"from":"0","to":null,"rate":"0.1"}}]}}{cap}}}]}}"#
    )
}

/// `n` reps r0, r1, … with a quarterly quota of 100,000 and no deals.
fn reps(n: usize) -> Dataset {
    let payees: Vec<String> = (0..n)
        .map(|i| {
            format!(r#"{{"id":"r{i}","name":"Rep {i}","role":"rep","quotas":[{{"component":"c","amount":"100000"}}]}}"#)
        })
        .collect();
    api::load_json("[]", &format!("[{}]", payees.join(","))).unwrap()
}

fn plan(json: &str) -> CompiledPlan {
    api::compile_plan(json).unwrap()
}

fn opts(json: &str) -> SimulationOptionsDto {
    serde_json::from_str(json).unwrap()
}

fn run(p: &CompiledPlan, d: &Dataset, o: &str) -> spm_analytics::simulate::dto::SimulationResultDto {
    Simulation::new(p, d, &opts(o)).unwrap().result()
}

#[test]
fn degenerate_distributions_pay_the_plan_at_that_attainment_to_the_cent() {
    // r0 at 120%: 50,000 × 2% + 50,000 × 5% + 20,000 × 8% = 1,000 + 2,500 + 1,600 = 5,100.00.
    // r1 at 80%: 1,000 + 30,000 × 5% = 2,500.00.
    // r2 at 73.3333%: credit 73,333.30: 1,000 + 23,333.30 × 5% = 2,166.665 → 2,166.67 (half up).
    let r = run(
        &plan(TIERED),
        &reps(3),
        r#"{"trials":50,"budget":"9766.67","reps":[
          {"id":"r0","distribution":{"mean":"1.2","sd":"0"}},
          {"id":"r1","distribution":{"mean":"0.8","sd":"0"}},
          {"id":"r2","distribution":{"kind":"lognormal","mean":"0.733333","sd":"0"}}]}"#,
    );
    let per: Vec<(&str, &str, &str)> =
        r.reps.iter().map(|x| (x.p10.as_str(), x.p50.as_str(), x.p90.as_str())).collect();
    assert_eq!(
        per,
        [("5100.00", "5100.00", "5100.00"), ("2500.00", "2500.00", "2500.00"), ("2166.67", "2166.67", "2166.67")]
    );
    assert_eq!(r.reps.iter().map(|x| x.mean.as_str()).collect::<Vec<_>>(), ["5100.00", "2500.00", "2166.67"]);
    // Every trial costs 5,100 + 2,500 + 2,166.67 = 9,766.67.
    let t = &r.total_cost;
    assert_eq!([&t.p10, &t.p50, &t.p90, &t.mean, &t.min, &t.max], ["9766.67"; 6]);
    // Revenue 120,000 + 80,000 + 73,333.30 = 273,333.30; cost of sales 9,766.67 / 273,333.30 = 0.035732….
    assert_eq!(r.revenue.p50, "273333.30");
    assert_eq!(r.cost_of_sales.p50, "0.035732");
    assert_eq!(r.cost_of_sales.overall, "0.035732");
    // One rep of three at or above quota; the budget is exactly the cost: never exceeded.
    assert_eq!(r.at_or_above_quota, "0.333333");
    assert_eq!(r.exceed_budget.as_deref(), Some("0"));
    let over = run(
        &plan(TIERED),
        &reps(1),
        r#"{"trials":5,"budget":"5099.99","reps":[{"id":"r0","distribution":{"mean":"1.2","sd":"0"}}]}"#,
    );
    assert_eq!(over.exceed_budget.as_deref(), Some("1"));
    // The payout histogram: 150 rep-trials in the bins of 2,166.67, 2,500 and 5,100.
    assert_eq!(r.payout_histogram.iter().map(|b| b.count).sum::<u64>(), 150);
}

#[test]
fn degenerate_payout_equals_the_payout_curve_of_the_designer() {
    // The designer's curve runs the same plan for a typical payee at 0, 5%, …, 200%: at 135%
    // it pays 1,000 + 2,500 + 35,000 × 8% = 6,300.00, as the simulation at a fixed 135% does.
    let p = plan(TIERED);
    let curve = spm_analytics::design::attainment_curve(&p, &Default::default()).unwrap();
    let at = curve.points.iter().find(|x| x.attainment == "1.35").unwrap();
    assert_eq!(at.total, "6300.00");
    let r = run(&p, &reps(1), r#"{"trials":3,"defaultDistribution":{"mean":"1.35","sd":"0"}}"#);
    assert_eq!(r.total_cost.p50, at.total);
    assert_eq!(r.reps[0].distribution.source, "default");
}

#[test]
fn percentiles_are_nearest_rank() {
    // Two trials with costs a < b: P10 is the ⌈0.2⌉ = 1st, P50 the ⌈1.0⌉ = 1st, P90 the ⌈1.8⌉ = 2nd.
    let p = plan(&linear(None));
    let d = reps(2);
    let r = run(&p, &d, r#"{"trials":2,"seed":3}"#);
    let t = &r.total_cost;
    assert_ne!(t.min, t.max);
    assert_eq!((&t.p10, &t.p50, &t.p90), (&t.min, &t.min, &t.max));
    // The mean is (a + b) / 2, and each trial alone gives one of the two.
    let a: f64 = t.min.parse().unwrap();
    let b: f64 = t.max.parse().unwrap();
    // (half a cent rounds up)
    assert!((t.mean.parse::<f64>().unwrap() - (a + b) / 2.0).abs() <= 0.0051);
    let first = Simulation::new(&p, &d, &opts(r#"{"trials":2,"seed":3}"#)).unwrap().step(1).total_cost.p50;
    assert!(first == t.min || first == t.max);
}

#[test]
fn chance_of_exceeding_a_budget_matches_the_normal_distribution() {
    // One rep, 10% of credit, quota 100,000, attainment normal(1, 0.2): cost = 10,000 × a.
    // P(cost > 10,000) = P(a > 1) = 0.5; P(cost > 12,563.10) = P(z > 1.28155) = 0.1.
    // With 20,000 trials the estimates' sd is √(0.25/20,000) = 0.0035 and √(0.09/20,000) = 0.0021.
    let p = plan(&linear(None));
    let d = reps(1);
    let base = r#""trials":20000,"seed":11,"reps":[{"id":"r0","distribution":{"mean":"1","sd":"0.2"}}]"#;
    let half = run(&p, &d, &format!(r#"{{{base},"budget":"10000"}}"#));
    let e: f64 = half.exceed_budget.unwrap().parse().unwrap();
    assert!((e - 0.5).abs() < 0.012, "{e}");
    let tenth = run(&p, &d, &format!(r#"{{{base},"budget":"12563.10"}}"#));
    let e: f64 = tenth.exceed_budget.unwrap().parse().unwrap();
    assert!((e - 0.1).abs() < 0.008, "{e}");
    // The rep's own percentiles are exact: P90 at a = 1 + 0.2 × 1.2815516 = 1.2563103, credit
    // 125,631.03, pay 12,563.103 → 12,563.10; P10 at 0.7436897: credit 74,368.97 → 7,436.90.
    let rep = &half.reps[0];
    assert_eq!((rep.p10.as_str(), rep.p50.as_str(), rep.p90.as_str()), ("7436.90", "10000.00", "12563.10"));
    // Half the rep-trials at or above quota, within the same tolerance.
    let q: f64 = half.at_or_above_quota.parse().unwrap();
    assert!((q - 0.5).abs() < 0.012, "{q}");
}

#[test]
fn a_cap_the_plan_does_not_declare_as_a_breakpoint_is_found() {
    // 10% capped at 11,000 a quarter: the kink at 110% is found by the midpoint checks, so a
    // rep at normal(1, 0.2) has P90 min(12,563.10, 11,000) = 11,000.00 and P10 7,436.90, and a
    // fixed 105% pays 10,500.00.
    let p = plan(&linear(Some("11000")));
    let r = run(
        &p,
        &reps(2),
        r#"{"trials":100,"reps":[{"id":"r0","distribution":{"mean":"1","sd":"0.2"}},{"id":"r1","distribution":{"mean":"1.05","sd":"0"}}]}"#,
    );
    assert_eq!((r.reps[0].p10.as_str(), r.reps[0].p90.as_str()), ("7436.90", "11000.00"));
    assert_eq!(r.reps[1].p50, "10500.00");
    assert!(r.curves.iter().all(|c| c.piecewise_linear && c.non_decreasing));
}

#[test]
fn results_do_not_depend_on_chunks_and_repeat_with_the_seed() {
    let p = plan(TIERED);
    let d = reps(5);
    let o = r#"{"trials":1000,"seed":42,"correlation":"0.3","budget":"20000"}"#;
    let whole = Simulation::new(&p, &d, &opts(o)).unwrap().result_json();
    let mut s = Simulation::new(&p, &d, &opts(o)).unwrap();
    let mut steps = 0;
    while s.step(10).trials_done < 1000 {
        steps += 1;
    }
    assert_eq!(steps, 99);
    assert_eq!(s.result_json(), whole);
    let mut odd = Simulation::new(&p, &d, &opts(o)).unwrap();
    odd.step(1);
    odd.step(333);
    assert_eq!(odd.result_json(), whole);
    assert_eq!(Simulation::new(&p, &d, &opts(o)).unwrap().result_json(), whole);
    let other = Simulation::new(&p, &d, &opts(&o.replace("42", "43"))).unwrap().result();
    assert_ne!(serde_json::to_string(&other).unwrap(), whole);
    // A partial result says so.
    let mut part = Simulation::new(&p, &d, &opts(o)).unwrap();
    let r = part.step(250);
    assert_eq!((r.trials_done, r.done), (250, false));
}

#[test]
fn correlation_widens_the_spread_as_the_one_factor_model_says() {
    // 50 reps at normal(1, 0.2) on 10% of credit: total = 10,000 × Σa, and
    // sd(Σa) = 0.2 √(n + n(n−1)ρ): at ρ = 0.9 the spread is √((50 + 2450 × 0.9)/50) = 6.71 times
    // the independent one.
    let p = plan(&linear(None));
    let d = reps(50);
    let spread = |rho: &str| {
        let r = run(
            &p,
            &d,
            &format!(r#"{{"trials":4000,"correlation":"{rho}","defaultDistribution":{{"mean":"1","sd":"0.2"}}}}"#),
        );
        r.total_cost.p90.parse::<f64>().unwrap() - r.total_cost.p10.parse::<f64>().unwrap()
    };
    let (s0, s9) = (spread("0"), spread("0.9"));
    // Independent: 2 × 1.2816 × 10,000 × 0.2 × √50 = 36,249.
    assert!((s0 / 36_249.0 - 1.0).abs() < 0.08, "{s0}");
    assert!((s9 / s0 / 6.71 - 1.0).abs() < 0.12, "{}", s9 / s0);
}

#[test]
fn history_is_fitted_with_three_periods_or_more() {
    // r0 closes 80,000, 100,000, 120,000 and 100,000 in the four quarters of 2026: attainment
    // 0.8, 1, 1.2, 1 → mean 1, sd √((0.04 + 0 + 0.04 + 0)/3) = 0.163299. r1 closes deals in two
    // quarters but has a statement in all four: 0.5, 0.7, 0, 0 → mean 0.3, sd
    // √((0.04 + 0.16 + 0.09 + 0.09)/3) = √0.126667 = 0.355903. r2, hired on 1 October, has one
    // period: the default (normal, 1, 0.25).
    let txns = r#"[{"id":"a","date":"2026-02-01","payeeId":"r0","amount":"80000"},
      {"id":"b","date":"2026-05-01","payeeId":"r0","amount":"100000"},
      {"id":"c","date":"2026-08-01","payeeId":"r0","amount":"120000"},
      {"id":"d","date":"2026-11-01","payeeId":"r0","amount":"100000"},
      {"id":"e","date":"2026-02-01","payeeId":"r1","amount":"50000"},
      {"id":"f","date":"2026-05-01","payeeId":"r1","amount":"70000"}]"#;
    let payees = r#"[{"id":"r0","name":"A","role":"rep","quotas":[{"component":"c","amount":"100000"}]},
      {"id":"r1","name":"B","role":"rep","quotas":[{"component":"c","amount":"100000"}]},
      {"id":"r2","name":"C","role":"rep","hireDate":"2026-10-01","quotas":[{"component":"c","amount":"100000"}]}]"#;
    let d = api::load_json(txns, payees).unwrap();
    let r = run(&plan(TIERED), &d, r#"{"trials":10}"#);
    let f = &r.reps[0].distribution;
    assert_eq!((f.mean.as_str(), f.sd.as_str(), f.source.as_str(), f.periods), ("1", "0.163299", "fitted", Some(4)));
    let g = &r.reps[1].distribution;
    assert_eq!((g.mean.as_str(), g.sd.as_str(), g.source.as_str(), g.periods), ("0.3", "0.355903", "fitted", Some(4)));
    let h = &r.reps[2].distribution;
    assert_eq!((h.mean.as_str(), h.sd.as_str(), h.source.as_str()), ("1", "0.25", "default"));
    let off = run(&plan(TIERED), &d, r#"{"trials":10,"fitHistory":false}"#);
    assert_eq!(off.reps[0].distribution.source, "default");
}

#[test]
fn sensitivity_ranks_parameters_by_their_effect() {
    // One rep fixed at 120% under the tiered plan (5,100.00). Moving each parameter ±10%:
    //   tiers[2].from 1.0 → 1.1: 1,000 + 3,000 + 800 = 4,800 (−300); → 0.9: 1,000 + 2,000 + 2,400 = 5,400 (+300): swing 600
    //   tiers[1].rate 0.05 ± 0.005 on 50,000: ∓250: swing 500
    //   tiers[2].rate 0.08 ± 0.008 on 20,000: ∓160: swing 320
    //   tiers[1].from 0.5 → 0.55: 1,100 + 2,250 + 1,600 = 4,950 (−150); → 0.45: +150: swing 300
    //   tiers[0].rate 0.02 ± 0.002 on 50,000: ∓100: swing 200
    let d = reps(1);
    let sim = opts(r#"{"trials":20,"defaultDistribution":{"mean":"1.2","sd":"0"}}"#);
    let s = sensitivity(TIERED, &spm_wire::api::compile_plan, &d, &sim, &SensitivityOptionsDto::default()).unwrap();
    assert_eq!((s.base_p50.as_str(), s.base_mean.as_str(), s.step.as_str()), ("5100.00", "5100.00", "0.1"));
    let got: Vec<(&str, &str)> = s.parameters.iter().map(|p| (p.path.as_str(), p.swing.as_str())).collect();
    let t = "components[0].rateTable.tiers";
    let want = [
        (format!("{t}[2].from"), "600.00"),
        (format!("{t}[1].rate"), "500.00"),
        (format!("{t}[2].rate"), "320.00"),
        (format!("{t}[1].from"), "300.00"),
        (format!("{t}[0].rate"), "200.00"),
    ];
    assert_eq!(got, want.iter().map(|(a, b)| (a.as_str(), *b)).collect::<Vec<_>>());
    let top = &s.parameters[0];
    let (low, high) = (top.low.as_ref().unwrap(), top.high.as_ref().unwrap());
    assert_eq!(
        (low.value.as_str(), low.delta_p50.as_str(), high.value.as_str(), high.delta_mean.as_str()),
        ("0.9", "300.00", "1.1", "-300.00")
    );
    // Named by path, with an id for the component, and a step of 25%.
    let named: SensitivityOptionsDto =
        serde_json::from_str(r#"{"paths":["components[c].rateTable.tiers[0].rate"],"step":"0.25"}"#).unwrap();
    let s = sensitivity(TIERED, &spm_wire::api::compile_plan, &d, &sim, &named).unwrap();
    // 0.02 ± 0.005 on 50,000: ∓250.
    assert_eq!(s.parameters[0].low.as_ref().unwrap().delta_mean, "-250.00");
    assert_eq!(s.parameters[0].swing, "500.00");
    let bad: SensitivityOptionsDto = serde_json::from_str(r#"{"paths":["components[0].nothing"],"step":"2"}"#).unwrap();
    let e = sensitivity(TIERED, &spm_wire::api::compile_plan, &d, &sim, &bad).unwrap_err();
    let paths: Vec<&str> = e.diagnostics.iter().map(|x| x.path.as_str()).collect();
    assert_eq!(paths, ["step", "paths[0]"]);
}

#[test]
fn bad_options_are_located() {
    let p = plan(TIERED);
    let d = reps(2);
    let err = |o: &str| {
        let e = Simulation::from_json(&p, &d, o).unwrap_err();
        e.diagnostics.iter().map(|x| format!("{} {}", x.path, x.code.as_str())).collect::<Vec<_>>()
    };
    assert_eq!(
        err(
            r#"{"reps":[{"id":"r0","distribution":{"mean":"1","sd":"-0.1"}},{"id":"nobody","distribution":{"mean":"1","sd":"0"}}]}"#
        ),
        ["reps[0].distribution.sd NEGATIVE_VALUE", "reps[1].id UNKNOWN_REFERENCE"]
    );
    assert_eq!(err(r#"{"correlation":"1"}"#), ["correlation OUT_OF_RANGE"]);
    assert_eq!(err(r#"{"correlation":"-0.1","budget":"-5"}"#), ["correlation OUT_OF_RANGE", "budget NEGATIVE_VALUE"]);
    assert_eq!(err(r#"{"trials":0}"#), ["trials LIMIT_EXCEEDED"]);
    assert_eq!(err(r#"{"trials":101,"maxTrials":100}"#), ["trials LIMIT_EXCEEDED"]);
    assert_eq!(err(r#"{"trials":2000000}"#), ["trials LIMIT_EXCEEDED"]);
    assert_eq!(err(r#"{"componentId":"nope"}"#), ["componentId UNKNOWN_REFERENCE"]);
    assert_eq!(
        err(
            r#"{"reps":[{"id":"r0","distribution":{"mean":"1","sd":"0"}},{"id":"r0","distribution":{"mean":"1","sd":"0"}}]}"#
        ),
        ["reps[1].id ID_INVALID"]
    );
    assert_eq!(
        err(r#"{"defaultDistribution":{"kind":"lognormal","mean":"0","sd":"0.2"}}"#),
        ["defaultDistribution.mean OUT_OF_RANGE"]
    );
    assert_eq!(err(r#"{"budget":5}"#), ["budget DECIMAL_NOT_STRING"]);
    assert_eq!(err(r#"{"seeds":5}"#).len(), 1);
    assert!(err(r#"{"seeds":5}"#)[0].ends_with("UNKNOWN_FIELD"));
    assert_eq!(err(r#"{"defaultDistribution":{"kind":"uniform","mean":"1","sd":"0"}}"#).len(), 1);
    assert_eq!(err(r#"{"schemaVersion":2}"#), ["schemaVersion SCHEMA_VERSION"]);
}

/// FNV-1a 64 of a text.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

#[test]
fn the_text_is_the_same_on_every_platform() {
    // tests/wasm_simulate.rs runs the same case in wasm and pins the same digest: a lognormal
    // rep (the crate's own exp), correlation, a cap found by midpoint checks, a degenerate rep.
    // The digest is the engine's own output, recorded to compare platforms, not a hand-worked value.
    let plan = plan(&TIERED.replace(
        r#"{"from":"1.0","to":null,"rate":"0.08"}]}"#,
        r#"{"from":"1.0","to":null,"rate":"0.08"}]},"cap":{"amount":"9000","per":"period","excess":"forfeit"}"#,
    ));
    let p: Vec<String> = (0..8)
        .map(|i| {
            format!(
                r#"{{"id":"r{i}","name":"Rep {i}","role":"rep","quotas":[{{"component":"c","amount":"{}"}}]}}"#,
                80_000 + 10_000 * i
            )
        })
        .collect();
    let data = api::load_json("[]", &format!("[{}]", p.join(","))).unwrap();
    let o = r#"{"trials":3000,"seed":9,"correlation":"0.35","budget":"45000","reps":[
  {"id":"r1","distribution":{"kind":"lognormal","mean":"1.1","sd":"0.3"}},
  {"id":"r2","distribution":{"mean":"0.95","sd":"0"}}]}"#;
    let text = Simulation::from_json(&plan, &data, o).unwrap().result_json();
    assert_eq!(fnv(&text), 3_279_229_516_121_608_448, "{text}");
}
