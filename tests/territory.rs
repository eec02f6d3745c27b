//! Territory balancing (issue 7): a hand-worked four-account case (its figures before and after
//! balancing are a golden file, `tests/golden/territory/`; here the bound, the CSV and a move
//! back), located input errors, moves refused for a locked account or a full territory, and
//! properties over generated instances: balancing never breaks a lock or a capacity, the reported
//! metrics match ones recomputed here from the assignment alone, results are deterministic for a
//! seed, and 2,000 accounts in 40 territories balance within ±2% of the mean potential.

use serde_json::{json, Value};
use spm_base::dec::Dec;
use spm_planning::territory::dto::{BalanceOptionsDto, CapacityDto, TerritoryInputDto, TerritoryResultDto};
use spm_planning::territory::{sample, Model};
use std::collections::HashMap;

fn num(d: &Dec) -> f64 {
    d.get("x", &mut Vec::new()).unwrap().to_string().parse().unwrap()
}

/// Four accounts of potential 100 on a line at x = 0, 1, 10 and 11; T1 owns the first three: the
/// hand-worked golden file `tests/golden/territory/four_accounts_on_a_line.json`.
fn line() -> Value {
    let path = format!("{}/tests/golden/territory/four_accounts_on_a_line.json", env!("CARGO_MANIFEST_DIR"));
    let golden: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    golden["input"]["model"].clone()
}

fn model(v: &Value) -> Model {
    Model::from_json(&v.to_string()).unwrap()
}

fn territory_of(r: &TerritoryResultDto, account: &str) -> String {
    r.assignment.iter().find(|a| a.account_id == account).unwrap().territory_id.clone()
}

// The figures before and after balancing the line are checked by `tests/golden.rs` against the
// golden file; what a subset of the result cannot say is checked here.
#[test]
fn hand_worked_line_bound_csv_and_a_move_back() {
    let mut md = model(&line());
    let r = md.balance(&BalanceOptionsDto::default()).unwrap();
    // The objective after balancing is 0.0000698 (see the golden file's workings); the bound is
    // at most that.
    let lb: f64 = r.metrics.lower_bound.as_deref().unwrap().parse().unwrap();
    assert!((0.0..=0.00007).contains(&lb), "lower bound {lb}");
    assert_eq!(
        md.assignment_csv(),
        "accountId,territoryId,previousOwner,moved\na1,T1,T1,false\na2,T1,T1,false\na3,T2,T1,true\na4,T2,T2,false\n"
    );
    // Moving a3 back by hand restores the starting figures.
    let back = md.move_account("a3", "T1").unwrap();
    assert_eq!(back.metrics.objective, "0.251201");
    assert!(back.method.ends_with("Then 1 move(s) by hand."), "{}", back.method);
}

#[test]
fn a_lock_and_a_capacity_shape_the_answer() {
    // a3 locked to T1 and T1 holding at most 2 accounts: T1 must be {a3, x} and the best
    // partner for balance and compactness is a4 (T2 takes a1, a2).
    let mut v = line();
    v["accounts"][2]["locked"] = json!(true);
    v["territories"][0]["capacity"] = json!({"accounts": 2});
    let mut md = model(&v);
    let r = md.balance(&BalanceOptionsDto::default()).unwrap();
    assert_eq!(["a1", "a2", "a3", "a4"].map(|a| territory_of(&r, a)), ["T2", "T2", "T1", "T1"].map(String::from));
    assert_eq!(r.metrics.moved, 3);
    let e = md.move_account("a3", "T2").unwrap_err();
    assert_eq!((e.code.as_str(), e.diagnostics[0].path.as_str()), ("ACCOUNT_LOCKED", "accountId"));
    let e = md.move_account("a1", "T1").unwrap_err();
    assert_eq!((e.code.as_str(), e.diagnostics[0].path.as_str()), ("CAPACITY_EXCEEDED", "territoryId"));
    let e = md.move_account("zz", "T1").unwrap_err();
    assert_eq!(e.code.as_str(), "UNKNOWN_REFERENCE");
    // A batch: the locked a3 and the unknown zz stay, a4 goes; T1 = {a3} = 100, T2 = 300.
    let ids = ["a3", "a4", "zz"].map(String::from);
    let out = md.move_accounts(&ids, "T2").unwrap();
    assert_eq!(out.moved, vec!["a4".to_string()]);
    let refused: Vec<(&str, &str)> = out.refused.iter().map(|r| (r.account_id.as_str(), r.code.as_str())).collect();
    assert_eq!(refused, vec![("a3", "ACCOUNT_LOCKED"), ("zz", "UNKNOWN_REFERENCE")]);
    assert_eq!(
        (out.summary.territories[0].potential.as_str(), out.summary.territories[1].potential.as_str()),
        ("100", "300")
    );
    assert_eq!(out.summary.metrics.max_deviation_potential, "0.500000");
    assert_eq!(md.move_accounts(&ids, "T9").unwrap_err().code.as_str(), "UNKNOWN_REFERENCE");
}

fn error_paths(v: &Value) -> Vec<(String, String)> {
    let e = Model::from_json(&v.to_string()).unwrap_err();
    e.diagnostics.iter().map(|d| (d.code.as_str().to_string(), d.path.clone())).collect()
}

#[test]
fn bad_input_is_located() {
    let mut v = line();
    v["accounts"][1]["potential"] = json!(100);
    let p = error_paths(&v);
    assert_eq!(p[0].1, "accounts[1].potential");
    assert_eq!(p[0].0, "DECIMAL_NOT_STRING");

    let mut v = line();
    v["accounts"][3]["owner"] = json!("T9");
    assert_eq!(error_paths(&v), vec![("UNKNOWN_REFERENCE".to_string(), "accounts[3].owner".to_string())]);

    let mut v = line();
    v["accounts"][0]["potential"] = json!("-5");
    assert_eq!(error_paths(&v), vec![("NEGATIVE_VALUE".to_string(), "accounts[0].potential".to_string())]);

    let mut v = line();
    v["accounts"][0]["colour"] = json!("red");
    assert_eq!(error_paths(&v)[0].0, "UNKNOWN_FIELD");

    // Two locked accounts in a territory that holds one.
    let mut v = line();
    v["accounts"][0]["locked"] = json!(true);
    v["accounts"][1]["locked"] = json!(true);
    v["territories"][0]["capacity"] = json!({"accounts": 1});
    assert_eq!(
        error_paths(&v),
        vec![("CAPACITY_EXCEEDED".to_string(), "territories[0].capacity.accounts".to_string())]
    );

    let mut v = line();
    v["territories"] = json!([]);
    assert!(error_paths(&v).iter().any(|(c, p)| c == "MISSING_FIELD" && p == "territories"));

    let mut md = model(&line());
    let bad: BalanceOptionsDto = serde_json::from_value(json!({"weights": {"balance": "-1"}})).unwrap();
    let e = md.balance(&bad).unwrap_err();
    assert!(e.diagnostics[0].path.starts_with("weights.balance"), "{:?}", e.diagnostics);
}

/// Every figure recomputed from the input and the assignment alone.
struct Recomputed {
    potential: Vec<f64>,
    workload: Vec<f64>,
    count: Vec<usize>,
    moved: usize,
}

fn recompute(input: &TerritoryInputDto, r: &TerritoryResultDto) -> Recomputed {
    let index: HashMap<&str, usize> = input.territories.iter().enumerate().map(|(i, t)| (t.id.as_str(), i)).collect();
    let m = input.territories.len();
    let mut out = Recomputed { potential: vec![0.0; m], workload: vec![0.0; m], count: vec![0; m], moved: 0 };
    assert_eq!(r.assignment.len(), input.accounts.len());
    for (a, asg) in input.accounts.iter().zip(&r.assignment) {
        assert_eq!(a.id, asg.account_id);
        let t = index[asg.territory_id.as_str()];
        out.potential[t] += num(&a.potential);
        out.workload[t] += a.workload.as_ref().map_or(1.0, num);
        out.count[t] += 1;
        if a.owner.as_deref().is_some_and(|o| o != asg.territory_id) {
            out.moved += 1;
        }
        if a.locked == Some(true) {
            assert_eq!(a.owner.as_deref(), Some(asg.territory_id.as_str()), "locked account {} moved", a.id);
        }
    }
    out
}

fn max_dev_and_cv(v: &[f64]) -> (f64, f64) {
    let mean = v.iter().sum::<f64>() / v.len() as f64;
    let dev = v.iter().map(|x| (x - mean).abs() / mean).fold(0.0, f64::max);
    let var = v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / v.len() as f64;
    (dev, var.sqrt() / mean)
}

fn close(reported: &str, expected: f64, what: &str) {
    let r: f64 = reported.parse().unwrap();
    assert!((r - expected).abs() <= 2e-6, "{what}: reported {reported}, recomputed {expected}");
}

#[test]
fn balancing_respects_locks_and_capacities_and_reports_what_it_did() {
    let mut ran = 0;
    for seed in 1..=6u64 {
        let mut input = sample(300, 8, seed);
        // Lock one account in 10 and cap every territory at 15% above an even share of
        // accounts, and a third of them on workload too.
        for (i, a) in input.accounts.iter_mut().enumerate() {
            if i % 10 == (seed as usize) % 10 && a.owner.is_some() {
                a.locked = Some(true);
            }
        }
        let total_w: f64 = input.accounts.iter().map(|a| num(a.workload.as_ref().unwrap())).sum();
        let even_n = (300.0f64 / 8.0 * 1.15).ceil() as u32;
        for (t, ter) in input.territories.iter_mut().enumerate() {
            let wl = (t % 3 == 0).then(|| Dec::new(rust_decimal::Decimal::from((total_w / 8.0 * 1.3) as i64)));
            ter.capacity = Some(CapacityDto { workload: wl, accounts: Some(even_n) });
        }
        let mut md = match Model::from_json(&serde_json::to_string(&input).unwrap()) {
            Ok(m) => m,
            // A random lock pattern can overfill a capped territory: a located refusal is right.
            Err(e) => {
                assert_eq!(e.code.as_str(), "CAPACITY_EXCEEDED");
                continue;
            }
        };
        let r = md.balance(&BalanceOptionsDto { seed: Some(seed), ..Default::default() }).unwrap();
        let got = recompute(&input, &r);
        for (t, ter) in input.territories.iter().enumerate() {
            let cap = ter.capacity.as_ref().unwrap();
            assert!(got.count[t] <= cap.accounts.unwrap() as usize, "seed {seed}: {} over its account cap", ter.id);
            if let Some(w) = &cap.workload {
                assert!(got.workload[t] <= num(w) + 1e-9, "seed {seed}: {} over workload", ter.id);
            }
            assert_eq!(r.territories[t].accounts, got.count[t]);
            close(&r.territories[t].potential, got.potential[t], "territory potential");
            close(&r.territories[t].workload, got.workload[t], "territory workload");
        }
        let (dp, cvp) = max_dev_and_cv(&got.potential);
        let (dw, cvw) = max_dev_and_cv(&got.workload);
        close(&r.metrics.max_deviation_potential, dp, "max deviation potential");
        close(&r.metrics.cv_potential, cvp, "CV potential");
        close(&r.metrics.max_deviation_workload, dw, "max deviation workload");
        close(&r.metrics.cv_workload, cvw, "CV workload");
        assert_eq!(r.metrics.moved, got.moved);
        let owned = input.accounts.iter().filter(|a| a.owner.is_some()).count();
        close(r.metrics.kept_share.as_deref().unwrap(), (owned - got.moved) as f64 / owned as f64, "kept share");
        let obj: f64 = r.metrics.objective.parse().unwrap();
        let lb: f64 = r.metrics.lower_bound.as_deref().unwrap().parse().unwrap();
        assert!(lb <= obj + 1e-12, "seed {seed}: bound {lb} above objective {obj}");
        // Rebalancing improved on today's assignment.
        let before: f64 = Model::from_json(&serde_json::to_string(&input).unwrap())
            .unwrap()
            .result()
            .metrics
            .objective
            .parse()
            .unwrap();
        assert!(obj <= before, "seed {seed}: objective {obj} worse than before {before}");
        ran += 1;
    }
    assert!(ran >= 4, "only {ran} instances were feasible");
}

#[test]
fn same_seed_same_result_and_csv() {
    let text = serde_json::to_string(&sample(500, 10, 3)).unwrap();
    let run = || {
        let mut md = Model::from_json(&text).unwrap();
        md.balance(&BalanceOptionsDto { seed: Some(11), ..Default::default() }).unwrap();
        (md.result_json(), md.assignment_csv())
    };
    assert_eq!(run(), run());
    assert_eq!(serde_json::to_string(&sample(500, 10, 3)).unwrap(), text);
}

#[test]
fn two_thousand_accounts_in_forty_territories_balance_within_two_percent() {
    let input = sample(2000, 40, 7);
    let mut md = Model::from_json(&serde_json::to_string(&input).unwrap()).unwrap();
    let before = md.result();
    let r = md.balance(&BalanceOptionsDto::default()).unwrap();
    let dev: f64 = r.metrics.max_deviation_potential.parse().unwrap();
    let dev_before: f64 = before.metrics.max_deviation_potential.parse().unwrap();
    assert!(dev <= 0.02, "max deviation {dev}");
    assert!(dev_before > 0.1, "the sample starts out of balance ({dev_before})");
    let kept: f64 = r.metrics.kept_share.as_deref().unwrap().parse().unwrap();
    assert!(kept > 0.6, "kept share {kept}");
    let got = recompute(&input, &r);
    let (dp, _) = max_dev_and_cv(&got.potential);
    close(&r.metrics.max_deviation_potential, dp, "max deviation potential");
}
