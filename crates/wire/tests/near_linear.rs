//! Issue 19, "every check near linear": small inputs that used to take unbounded time (a plan
//! whose weighted measures each weigh the previous one twice, a long manager chain, a flat
//! org with many dated spans), each now answered at once with the same diagnostics; and the
//! readers' silent surprises (a byte-order mark, a 64 MB column name). The timings of these
//! checks at their limits are criterion benchmarks (benches/limits.rs), not assertions here.

use spm_base::error::{Code, Diagnostic, Severity};
use spm_base::limits::{MAX_DIAGNOSTIC_CHARS, MAX_MEASURE_DEPTH};
use spm_wire::api;

/// A plan whose bonus reads measure `top`, with `measures` (JSON objects) declared.
fn plan_with_measures(measures: &[String], top: &str) -> String {
    format!(
        r#"{{"schemaVersion":1,"id":"p","name":"P","currency":"USD","period":"quarter",
        "rounding":{{"mode":"halfUp","at":"component"}},"measures":[{}],
        "components":[{{"id":"b","name":"B","kind":"bonus","attainment":[{{"measure":"{top}","weight":"1"}}],
          "quota":"1000","thresholds":[{{"attainment":"1","payout":"1"}}],"target":{{"amount":"1000"}}}}]}}"#,
        measures.join(",")
    )
}

/// `levels` weighted measures, each weighing the one before it twice (m1 = ½ m0 + ½ m0, …).
fn doubling_weighted(levels: usize) -> String {
    let mut ms = vec![r#"{"id":"m0","kind":"amount"}"#.to_string()];
    for i in 1..=levels {
        ms.push(format!(
            r#"{{"id":"m{i}","kind":"weighted","parts":[{{"measure":"m{0}","weight":"0.5"}},{{"measure":"m{0}","weight":"0.5"}}]}}"#,
            i - 1
        ));
    }
    plan_with_measures(&ms, &format!("m{levels}"))
}

/// `levels` formula measures, each reading the one before it `reads` times.
fn repeating_formulas(levels: usize, reads: usize) -> String {
    let mut ms = vec![r#"{"id":"f0","kind":"amount"}"#.to_string()];
    for i in 1..=levels {
        let body = vec![format!("f{}", i - 1); reads].join(" + ");
        ms.push(format!(r#"{{"id":"f{i}","kind":"formula","formula":"({body}) / {reads}"}}"#));
    }
    plan_with_measures(&ms, &format!("f{levels}"))
}

fn errors(diags: Vec<Diagnostic>) -> Vec<(String, Code)> {
    diags.into_iter().filter(|d| d.severity == Severity::Error).map(|d| (d.path, d.code)).collect()
}

#[test]
fn forty_levels_of_doubly_weighted_measures_are_refused_at_once_at_the_level_that_passes_the_limit() {
    // Following every path took 2^40 steps; the check now visits each measure once.
    let diags = api::validate_plan(&doubling_weighted(40));
    let first_too_deep = MAX_MEASURE_DEPTH + 1;
    assert_eq!(errors(diags.clone()), vec![(format!("measures[{first_too_deep}].parts"), Code::LimitExceeded)]);
    assert!(diags[0].message.contains("17 is above the limit of 16"), "{}", diags[0].message);
    // At the limit the plan compiles and runs.
    api::compile_plan(&doubling_weighted(MAX_MEASURE_DEPTH)).unwrap();
}

#[test]
fn formula_measures_reading_the_previous_one_many_times_are_checked_once_each() {
    // 1,000 levels is over the measure-list limit; 30 levels of 50 reads each would be 50^30
    // paths for a walk that does not remember what it has seen.
    let diags = api::validate_plan(&repeating_formulas(30, 50));
    assert_eq!(errors(diags), vec![(format!("measures[{}].formula", MAX_MEASURE_DEPTH + 1), Code::LimitExceeded)]);
    let plan = api::compile_plan(&repeating_formulas(MAX_MEASURE_DEPTH, 50)).unwrap();
    // The run computes each measure once per window and period, not once per path.
    let txns = r#"[{"id":"t1","date":"2026-02-01","payeeId":"r1","amount":"1200"}]"#;
    let payees = r#"[{"id":"r1","name":"R"}]"#;
    let data = api::load_json(txns, payees).unwrap();
    let report = spm_core::payout::calculate(&plan.plan, &data, spm_core::payout::Detail::Summary).unwrap();
    // Every level averages the one below: the top reads the deal's 1,200, 120% of the quota.
    assert_eq!(report.total.to_string(), "1000.00");
}

#[test]
fn a_loop_through_formula_and_weighted_measures_is_reported_on_each_member() {
    let ms = [
        r#"{"id":"a","kind":"amount"}"#.to_string(),
        r#"{"id":"w","kind":"weighted","parts":[{"measure":"a","weight":"0.5"},{"measure":"f","weight":"0.5"}]}"#
            .to_string(),
        r#"{"id":"f","kind":"formula","formula":"measure(\"w\", \"ytd\") * 2"}"#.to_string(),
        r#"{"id":"self","kind":"formula","formula":"self + 1"}"#.to_string(),
        r#"{"id":"reader","kind":"formula","formula":"w + quota(\"a\")"}"#.to_string(),
    ];
    assert_eq!(
        errors(api::validate_plan(&plan_with_measures(&ms, "a"))),
        vec![
            ("measures[1].parts".to_string(), Code::HierarchyCycle),
            ("measures[2].formula".to_string(), Code::HierarchyCycle),
            ("measures[3].formula".to_string(), Code::HierarchyCycle),
        ]
    );
}

#[test]
fn unknown_measure_hints_list_a_bounded_number_of_ids() {
    let mut ms: Vec<String> =
        (0..900).map(|i| format!(r#"{{"id":"{}{i}","kind":"amount"}}"#, "m".repeat(2000))).collect();
    ms.push(r#"{"id":"bad","kind":"formula","formula":"nope + nope2"}"#.to_string());
    let diags = api::validate_plan(&plan_with_measures(&ms, "bad"));
    let unknown: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == Code::UnknownReference).collect();
    assert_eq!(unknown.len(), 2);
    for d in unknown {
        assert!(d.hint.contains("and 891 more") && d.hint.chars().count() <= MAX_DIAGNOSTIC_CHARS + 1, "{}", d.hint);
    }
}
