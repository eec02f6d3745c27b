//! Quota setting and capacity planning (the hand-worked golden scenarios are in
//! `tests/golden/quota/` and `tests/golden/capacity/`, run by `tests/golden.rs`): property tests
//! on seeded random trees (children sum exactly to their parent's quota × (1 +
//! over-assignment), months to the annual quota, quarters are sums of months, effective quotas
//! roll up, results do not depend on input order and are deterministic), capacity invariants,
//! the sample, and located errors.
#![cfg(not(target_arch = "wasm32"))]

use rust_decimal::Decimal;
use serde_json::{json, Value};
use spm_base::money::{round_to, RoundingMode};
use spm_base::Code;
use spm_planning::quota::dto::{CapacityPlanResultDto, QuotaNodeDto, QuotaPlanResultDto};
use spm_planning::quota::{capacity_plan_json, quota_plan_json, sample_input};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_else(|_| panic!("not a decimal: {s:?}"))
}

#[test]
fn the_tree_comes_out_depth_first_in_input_order() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/quota/cascade_over_assignment.json");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let r = quota_plan_json(&v["input"].to_string()).unwrap();
    let ids: Vec<&str> = r.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["acme", "west", "w2", "w1", "east", "e2", "e1", "central"]);
    assert_eq!(r.nodes[2].index, 4);
}

// ---- property tests on seeded random plans ----

/// SplitMix64, the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

fn cents(units: u64, minor: u32) -> String {
    if minor == 0 {
        return units.to_string();
    }
    let p = 10u64.pow(minor);
    format!("{}.{:0w$}", units / p, units % p, w = minor as usize)
}

/// A random plan: a tree of 1–40 nodes given in shuffled order, random splits, over-assignments,
/// bottom-up inputs, seasonality, hires, leavers and ramps.
fn random_plan(seed: u64) -> Value {
    let mut r = Rng(seed);
    let (currency, minor) = [("USD", 2u32), ("JPY", 0), ("KWD", 3)][r.below(3) as usize];
    let n = 1 + r.below(40) as usize;
    let mut perm: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        perm.swap(i, r.below(i as u64 + 1) as usize);
    }
    let id = |i: usize| format!("n{:02}", perm[i]);
    let splits = ["equal", "weight", "potential", "history", "capacity"];
    let mut nodes = Vec::new();
    for i in 0..n {
        let mut node = json!({ "id": id(i), "name": format!("Node {i}"), "weight": format!("{}.{}", 1 + r.below(50), r.below(10)) });
        if i > 0 {
            node["parent"] = json!(id(r.below(i as u64) as usize));
        }
        if r.below(3) == 0 {
            node["overAssignment"] = json!(format!("0.{:03}", r.below(251)));
        }
        if r.below(4) == 0 {
            node["split"] = json!(r.pick(&splits));
        }
        nodes.push(node);
    }
    // Bottom-up inputs, dates and ramps go on the leaves only.
    let parents: std::collections::BTreeSet<String> =
        nodes.iter().filter_map(|x| x.get("parent").and_then(Value::as_str).map(str::to_string)).collect();
    for node in nodes.iter_mut() {
        if parents.contains(node["id"].as_str().unwrap()) {
            continue;
        }
        node["potential"] = json!(cents(1 + r.below(10_000_000 * 10u64.pow(minor)), minor));
        node["history"] = json!((0..3)
            .map(|k| json!({ "period": format!("{}", 2023 + k), "amount": cents(1 + r.below(5_000_000 * 10u64.pow(minor)), minor) }))
            .collect::<Vec<_>>());
        node["productivity"] = json!(cents(1 + r.below(3_000_000), 0));
        if r.below(3) == 0 {
            node["hireDate"] = json!(format!("{}-{:02}-{:02}", 2025 + r.below(2), 1 + r.below(12), 1 + r.below(28)));
        }
        if r.below(5) == 0 {
            node["terminationDate"] = json!(format!("2026-{:02}-{:02}", 1 + r.below(12), 1 + r.below(28)));
            node.as_object_mut().unwrap().remove("hireDate");
        }
        if r.below(4) == 0 {
            node["ramp"] = json!((0..1 + r.below(5)).map(|_| format!("0.{:02}", r.below(100))).collect::<Vec<_>>());
        }
    }
    for i in (1..n).rev() {
        let j = r.below(i as u64 + 1) as usize;
        nodes.swap(i, j);
    }
    let mut plan = json!({
        "currency": currency,
        "year": 2026,
        "target": cents(100 + r.below(1_000_000_000 * 10u64.pow(minor)), minor),
        "rounding": r.pick(&["halfUp", "halfEven", "down", "up"]),
        "overAssignment": { "company": format!("0.0{}", r.below(10)), "region": format!("0.{:02}", r.below(20)), "team": "0.05" },
        "ramp": ["0.25", "0.5", "0.75"],
        "method": {
            "split": r.pick(&splits),
            "bottomUp": r.pick(&["potential", "history", "capacity"]),
            "potentialRate": format!("0.{}", 1 + r.below(9)),
            "history": { "weights": ["0.5", "0.3", "0.2"], "growth": format!("0.{:02}", r.below(30)), "attrition": format!("0.0{}", r.below(10)) },
            "capacity": { "productivity": "1000000" }
        },
        "nodes": nodes
    });
    match r.below(3) {
        0 => {
            let mut w: Vec<u64> = (0..11).map(|_| r.below(900)).collect();
            let rest = 10_000 - w.iter().sum::<u64>();
            w.push(rest);
            plan["seasonality"] =
                json!({ "profile": w.iter().map(|x| format!("{}", Decimal::new(*x as i64, 4))).collect::<Vec<_>>() });
        }
        1 => {
            plan["seasonality"] =
                json!({ "history": (0..24).map(|_| format!("{}", 1 + r.below(1000))).collect::<Vec<_>>() });
        }
        _ => {}
    }
    plan
}

fn sum(xs: &[String]) -> Decimal {
    xs.iter().map(|x| d(x)).sum()
}

fn check_invariants(seed: u64, plan: &Value, r: &QuotaPlanResultDto) {
    let minor = match plan["currency"].as_str().unwrap() {
        "JPY" => 0,
        "KWD" => 3,
        _ => 2,
    };
    let mode = match plan["rounding"].as_str().unwrap_or("halfUp") {
        "halfEven" => RoundingMode::HalfEven,
        "down" => RoundingMode::Down,
        "up" => RoundingMode::Up,
        _ => RoundingMode::HalfUp,
    };
    let by_id: BTreeMap<&str, &QuotaNodeDto> = r.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    assert_eq!(r.nodes.len(), plan["nodes"].as_array().unwrap().len(), "seed {seed}");
    let root = r.nodes.first().unwrap();
    assert_eq!(d(&root.quota), d(plan["target"].as_str().unwrap()), "seed {seed}: the root carries the target");
    for n in &r.nodes {
        let ctx = format!("seed {seed}, node {}", n.id);
        let quota = d(&n.quota);
        assert_eq!(d(&n.quota).scale(), minor, "{ctx}: quota at the minor unit");
        assert_eq!(sum(&n.months), quota, "{ctx}: months sum to the quota");
        for (q, three) in n.quarters.iter().zip(n.months.chunks(3)) {
            assert_eq!(d(q), sum(three), "{ctx}: a quarter is the sum of its months");
        }
        assert_eq!(sum(&n.effective_months), d(&n.effective), "{ctx}: effective months sum to effective");
        for (q, three) in n.effective_quarters.iter().zip(n.effective_months.chunks(3)) {
            assert_eq!(d(q), sum(three), "{ctx}: effective quarters");
        }
        assert_eq!(d(&n.ramp_gap), d(&n.leaf_sum) - d(&n.effective), "{ctx}: ramp gap");
        assert!(d(&n.ramp_gap) >= Decimal::ZERO, "{ctx}: proration and ramp never add quota");
        if let (Some(b), Some(g)) = (&n.bottom_up, &n.gap) {
            assert_eq!(d(g), quota - d(b), "{ctx}: gap");
        }
        let kids: Vec<&QuotaNodeDto> = n.children.iter().map(|c| by_id[c.as_str()]).collect();
        if kids.is_empty() {
            assert_eq!(n.children_sum, None, "{ctx}");
            assert_eq!(d(&n.leaf_sum), quota, "{ctx}");
            continue;
        }
        let oa = d(&n.over_assignment);
        let pool = round_to(quota * (Decimal::ONE + oa), minor, mode);
        let children: Decimal = kids.iter().map(|k| d(&k.quota)).sum();
        assert_eq!(children, pool, "{ctx}: children sum to quota × (1 + {oa})");
        assert_eq!(d(n.children_sum.as_ref().unwrap()), pool, "{ctx}: childrenSum");
        assert_eq!(d(n.padding.as_ref().unwrap()), pool - quota, "{ctx}: padding");
        assert_eq!(d(&n.leaf_sum), kids.iter().map(|k| d(&k.leaf_sum)).sum::<Decimal>(), "{ctx}: leaf sum rolls up");
        assert_eq!(d(&n.effective), kids.iter().map(|k| d(&k.effective)).sum::<Decimal>(), "{ctx}: effective rolls up");
        for m in 0..12 {
            let s: Decimal = kids.iter().map(|k| d(&k.effective_months[m])).sum();
            assert_eq!(d(&n.effective_months[m]), s, "{ctx}: effective month {m} rolls up");
        }
        if let Some(b) = &n.bottom_up {
            let s: Decimal = kids.iter().map(|k| d(k.bottom_up.as_ref().unwrap())).sum();
            assert_eq!(d(b), s, "{ctx}: bottom-up rolls up");
        }
    }
    let leaves: Decimal = r.nodes.iter().filter(|n| n.children.is_empty()).map(|n| d(&n.quota)).sum();
    assert_eq!(d(&r.totals.leaf_sum), leaves, "seed {seed}: leaf sum");
}

#[test]
fn random_plans_keep_every_sum_exact() {
    for seed in 0..160u64 {
        let plan = random_plan(seed);
        let text = plan.to_string();
        let r = quota_plan_json(&text).unwrap_or_else(|e| panic!("seed {seed}: {e}\n{text}"));
        check_invariants(seed, &plan, &r);
        // Deterministic: the same input gives the same bytes.
        let again = quota_plan_json(&text).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), serde_json::to_string(&again).unwrap(), "seed {seed}");
        // Independent of input order: reversing the nodes changes no number.
        let mut reversed = plan.clone();
        reversed["nodes"].as_array_mut().unwrap().reverse();
        let rr = quota_plan_json(&reversed.to_string()).unwrap();
        let numbers = |r: &QuotaPlanResultDto| -> BTreeMap<String, (String, Vec<String>, String, Option<String>)> {
            r.nodes
                .iter()
                .map(|n| (n.id.clone(), (n.quota.clone(), n.months.clone(), n.effective.clone(), n.bottom_up.clone())))
                .collect()
        };
        assert_eq!(numbers(&r), numbers(&rr), "seed {seed}: input order changed a number");
    }
}

fn random_capacity(seed: u64) -> Value {
    let mut r = Rng(seed);
    let mut v = json!({
        "currency": "USD",
        "year": 2026,
        "target": format!("{}.{:02}", 1_000_000 + r.below(50_000_000), r.below(100)),
        "productivity": format!("{}", 100_000 + r.below(2_000_000)),
        "ramp": (0..r.below(6)).map(|_| format!("0.{:02}", r.below(100))).collect::<Vec<_>>(),
        "attrition": format!("0.{:02}", r.below(40)),
        "startingReps": r.below(30),
        "startMonth": 1 + r.below(12),
        "hireLeadMonths": r.below(4),
        "rounding": r.pick(&["halfUp", "halfEven", "down", "up"])
    });
    if r.below(2) == 0 {
        v["maxHiresPerMonth"] = json!(1 + r.below(5));
    }
    if r.below(3) == 0 {
        v["seasonality"] = json!({ "history": (0..12).map(|_| format!("{}", 1 + r.below(100))).collect::<Vec<_>>() });
    }
    v
}

#[test]
fn random_capacity_plans_add_up_and_hire_no_one_too_many() {
    for seed in 0..120u64 {
        let input = random_capacity(seed);
        let text = input.to_string();
        let r: CapacityPlanResultDto = capacity_plan_json(&text).unwrap_or_else(|e| panic!("seed {seed}: {e}\n{text}"));
        let ctx = format!("seed {seed}: {text}");
        let bookings: Vec<String> = r.months.iter().map(|m| m.bookings.clone()).collect();
        assert_eq!(sum(&bookings), d(&r.expected_bookings), "{ctx}: months sum to the year");
        assert_eq!(r.months.last().unwrap().cumulative, r.expected_bookings, "{ctx}");
        assert_eq!(r.months.iter().map(|m| m.hires).sum::<u32>(), r.hires, "{ctx}");
        assert_eq!(r.months.iter().map(|m| m.requisitions).sum::<u32>(), r.hires, "{ctx}: a requisition per hire");
        for w in r.months.windows(2) {
            let next = d(&w[0].headcount) - d(&w[0].attrition) + Decimal::from(w[1].hires);
            assert_eq!(d(&w[1].headcount), next, "{ctx}: heads carry over month {}", w[1].month);
        }
        assert_eq!(d(&r.surplus), d(&r.expected_bookings) - d(&r.target), "{ctx}");
        if r.met && r.hires > 0 {
            // The last hire was needed: without it the year falls short (to a cent of rounding).
            let last = r.months.iter().rev().find(|m| m.hires > 0).unwrap();
            let without = d(&r.expected_bookings) - d(&last.one_hire);
            assert!(without < d(&r.target) + d("0.02"), "{ctx}: one hire too many");
        }
        if !r.met {
            assert!(d(&r.expected_bookings) < d(&r.target) + d("0.01"), "{ctx}");
            assert!(r.answer.starts_with("The target is out of reach"), "{ctx}");
        }
        let again = capacity_plan_json(&text).unwrap();
        assert_eq!(r, again, "{ctx}: deterministic");
    }
}

#[test]
fn capacity_without_hires_and_out_of_reach() {
    let base = json!({ "currency": "USD", "year": 2026, "target": "1000000.00", "productivity": "1200000", "startingReps": 1 });
    let r = capacity_plan_json(&base.to_string()).unwrap();
    assert_eq!((r.hires, r.met, r.expected_bookings.as_str()), (0, true, "1200000.00"));
    assert_eq!(
        r.answer,
        "No hires are needed: the 1 rep on hand is expected to book USD 1,200,000.00 against the target of USD 1,000,000.00."
    );
    let mut tenth = base.clone();
    tenth["attrition"] = json!("0.10");
    let r = capacity_plan_json(&tenth.to_string()).unwrap();
    assert!(
        r.explanation[2].starts_with("Attrition of 10.00% a year is ≈0.8333% of the heads each month"),
        "{}",
        r.explanation[2]
    );
    let mut late = base.clone();
    late["target"] = json!("5000000.00");
    late["startMonth"] = json!(11);
    late["hireLeadMonths"] = json!(2);
    let r = capacity_plan_json(&late.to_string()).unwrap();
    assert_eq!((r.hires, r.met, r.first_start_month), (0, false, 13));
    assert!(r.answer.contains("no hire can start in 2026"), "{}", r.answer);
    let mut capped = base;
    capped["target"] = json!("50000000.00");
    capped["maxHiresPerMonth"] = json!(1);
    let r = capacity_plan_json(&capped.to_string()).unwrap();
    assert_eq!((r.hires, r.met), (12, false));
    // 1 rep + one hire a month from January: 1,200,000 + 100,000 × (12 + 11 + … + 1) = 9,000,000.
    assert_eq!(r.expected_bookings, "9000000.00");
    assert!(
        r.answer.starts_with("The target is out of reach: hiring the most allowed (12 reps: 1 starting in January"),
        "{}",
        r.answer
    );
}

#[test]
fn the_sample_plan_runs_and_adds_up() {
    let text = sample_input();
    let plan: Value = serde_json::from_str(&text).unwrap();
    let r = quota_plan_json(&text).unwrap();
    assert_eq!((r.totals.nodes, r.totals.leaves), (51, 42));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    check_invariants(0, &plan, &r);
    let hire = r.nodes.iter().find(|n| n.id == "r041").unwrap();
    assert_eq!(hire.effective_months[0], "0.00");
    assert!(d(&hire.ramp_gap) > Decimal::ZERO);
    let europe = r.nodes.iter().find(|n| n.id == "m06").unwrap();
    assert_eq!(europe.over_assignment, "0.08");
    assert_eq!(r.nodes.iter().find(|n| n.id == "d01").unwrap().over_assignment, "0.10");
    assert!(r.totals.gap.is_some());
    assert_eq!(text, sample_input(), "the sample is the same every time");
}

// ---- located errors ----

fn plan_with(nodes: Value, method: Value) -> Value {
    json!({ "currency": "USD", "year": 2026, "target": "1000.00", "method": method, "nodes": nodes })
}

fn errors(input: &Value) -> Vec<(String, Code)> {
    let e = quota_plan_json(&input.to_string()).expect_err("the plan should be refused");
    e.diagnostics.iter().filter(|x| x.severity == spm_base::Severity::Error).map(|x| (x.path.clone(), x.code)).collect()
}

fn has(errs: &[(String, Code)], path: &str, code: Code) -> bool {
    errs.iter().any(|(p, c)| p == path && *c == code)
}

#[test]
fn tree_errors_are_located() {
    let eq = json!({ "split": "equal" });
    let unknown = plan_with(
        json!([{ "id": "c", "name": "C" }, { "id": "a", "name": "A", "parent": "c" }, { "id": "b", "name": "B", "parent": "c" },
               { "id": "x", "name": "X", "parent": "nobody" }]),
        eq.clone(),
    );
    assert_eq!(errors(&unknown), vec![("nodes[3].parent".to_string(), Code::UnknownReference)]);
    let cycle = plan_with(
        json!([{ "id": "c", "name": "C" }, { "id": "a", "name": "A", "parent": "b" }, { "id": "b", "name": "B", "parent": "a" }]),
        eq.clone(),
    );
    assert_eq!(errors(&cycle), vec![("nodes[1].parent".to_string(), Code::HierarchyCycle)]);
    let two_roots = plan_with(json!([{ "id": "c", "name": "C" }, { "id": "d", "name": "D" }]), eq.clone());
    assert_eq!(errors(&two_roots), vec![("nodes[1].parent".to_string(), Code::MissingField)]);
    let dup = plan_with(json!([{ "id": "c", "name": "C" }, { "id": "c", "name": "D", "parent": "c" }]), eq.clone());
    assert!(has(&errors(&dup), "nodes[1].id", Code::IdInvalid));
    let empty = plan_with(json!([]), eq);
    assert!(has(&errors(&empty), "nodes", Code::MissingField));
}

#[test]
fn value_errors_are_located_and_all_reported_at_once() {
    let input = json!({
        "currency": "USD", "year": 2026, "target": "1000.005",
        "method": { "split": "equal" },
        "seasonality": { "profile": ["0.08", "0.08", "0.08", "0.08", "0.08", "0.08", "0.08", "0.08", "0.08", "0.08", "0.08", "0.11"] },
        "nodes": [
            { "id": "c", "name": "C", "overAssignment": "-0.1" },
            { "id": "a", "name": "A", "parent": "c", "overAssignment": "1.5", "hireDate": "2026-02-30" },
            { "id": "b", "name": "B", "parent": "c", "ramp": ["0.5", "1.2"] }
        ]
    });
    let e = quota_plan_json(&input.to_string()).unwrap_err();
    let errs: Vec<(String, Code)> = e
        .diagnostics
        .iter()
        .filter(|x| x.severity == spm_base::Severity::Error)
        .map(|x| (x.path.clone(), x.code))
        .collect();
    for (path, code) in [
        ("target", Code::OutOfRange),
        ("seasonality.profile", Code::WeightSum),
        ("nodes[0].overAssignment", Code::NegativeValue),
        ("nodes[1].overAssignment", Code::OutOfRange),
        ("nodes[1].hireDate", Code::DateInvalid),
        ("nodes[2].ramp[1]", Code::OutOfRange),
    ] {
        assert!(has(&errs, path, code), "no {code} at {path} in {errs:?}");
    }
    let profile = e.diagnostics.iter().find(|x| x.path == "seasonality.profile").unwrap();
    assert_eq!(profile.message, "the monthly shares sum to 0.99, not 1");
}

#[test]
fn method_errors_are_located() {
    let nodes = json!([{ "id": "c", "name": "C" }, { "id": "a", "name": "A", "parent": "c", "weight": "0", "history": [{ "period": "2025", "amount": "10" }] },
                       { "id": "b", "name": "B", "parent": "c", "weight": "0" }]);
    // Weights that sum to zero cannot split a quota.
    let zero = plan_with(nodes.clone(), json!({ "split": "weight" }));
    let e = quota_plan_json(&zero.to_string()).unwrap_err();
    assert_eq!(e.code, Code::AllocationInvalid);
    assert_eq!(e.diagnostics[0].path, "nodes[1].weight");
    // A history blend of 3 periods needs 3 periods on every leaf; b has none.
    let hist = plan_with(nodes.clone(), json!({ "split": "history", "history": { "weights": ["0.5", "0.3", "0.2"] } }));
    let errs = errors(&hist);
    assert!(has(&errs, "nodes[1].history", Code::OutOfRange), "{errs:?}");
    assert!(has(&errs, "nodes[2].history", Code::MissingField), "{errs:?}");
    // Blend weights must sum to exactly 1; a history split needs a blend at all.
    let sum = plan_with(
        nodes.clone(),
        json!({ "split": "equal", "bottomUp": "history", "history": { "weights": ["0.5", "0.4"] } }),
    );
    let e = quota_plan_json(&sum.to_string()).unwrap_err();
    let w = e.diagnostics.iter().find(|x| x.path == "method.history.weights").unwrap();
    assert_eq!((w.code, w.message.as_str()), (Code::WeightSum, "the weights sum to 0.9, not 1"));
    assert!(has(
        &errors(&plan_with(nodes.clone(), json!({ "split": "history" }))),
        "method.history",
        Code::MissingField
    ));
    // A weight split needs a weight on every child; a potential split a potential on every leaf.
    let missing = plan_with(
        json!([{ "id": "c", "name": "C" }, { "id": "a", "name": "A", "parent": "c", "weight": "1" }, { "id": "b", "name": "B", "parent": "c" }]),
        json!({ "split": "weight" }),
    );
    assert_eq!(errors(&missing), vec![("nodes[2].weight".to_string(), Code::MissingField)]);
    assert!(has(
        &errors(&plan_with(nodes.clone(), json!({ "split": "potential" }))),
        "nodes[1].potential",
        Code::MissingField
    ));
    assert!(has(&errors(&plan_with(nodes, json!({ "split": "capacity" }))), "method.capacity", Code::MissingField));
}

#[test]
fn wire_errors_are_located() {
    let number = json!({ "currency": "USD", "year": 2026, "target": 1000, "method": { "split": "equal" }, "nodes": [{ "id": "c", "name": "C" }] });
    assert_eq!(errors(&number), vec![("target".to_string(), Code::DecimalNotString)]);
    let typo = json!({ "currency": "USD", "year": 2026, "target": "1", "method": { "split": "equal" }, "nodes": [{ "id": "c", "name": "C", "wieght": "1" }] });
    assert_eq!(errors(&typo), vec![("nodes[0].wieght".to_string(), Code::UnknownField)]);
    let bad = json!({ "currency": "XYZ", "year": 2026, "target": "0", "method": { "split": "equal" }, "nodes": [{ "id": "c", "name": "C" }],
                      "seasonality": { "profile": ["1"] } });
    let errs = errors(&bad);
    assert!(has(&errs, "currency", Code::CurrencyUnknown) && has(&errs, "target", Code::QuotaInvalid), "{errs:?}");
    assert!(has(&errs, "seasonality.profile", Code::OutOfRange), "{errs:?}");
    let both = json!({ "currency": "USD", "year": 2026, "target": "1", "method": { "split": "equal" }, "nodes": [{ "id": "c", "name": "C" }],
                       "seasonality": { "profile": ["1"], "history": ["1"] } });
    assert_eq!(errors(&both), vec![("seasonality".to_string(), Code::WrongType)]);
}

#[test]
fn inputs_without_effect_are_warnings() {
    let input = plan_with(
        json!([{ "id": "c", "name": "C", "potential": "5" }, { "id": "a", "name": "A", "parent": "c", "overAssignment": "0.1", "weight": "2" }]),
        json!({ "split": "equal", "capacity": { "productivity": "1" } }),
    );
    let r = quota_plan_json(&input.to_string()).unwrap();
    let got: Vec<(&str, &str)> = r.warnings.iter().map(|w| (w.path.as_str(), w.severity.as_str())).collect();
    assert_eq!(
        got,
        vec![
            ("nodes[0].potential", "warning"),
            ("nodes[1].overAssignment", "warning"),
            ("nodes[1].weight", "warning"),
            ("method.capacity", "warning")
        ]
    );
    assert_eq!(r.nodes[1].quota, "1000.00");
}

#[test]
fn capacity_errors_are_located() {
    let input = json!({ "currency": "USD", "year": 2026, "target": "1000", "productivity": "0", "startingReps": 1,
                        "attrition": "1.5", "startMonth": 13, "ramp": ["-0.5"] });
    let e = capacity_plan_json(&input.to_string()).unwrap_err();
    let got: Vec<(String, Code)> = e.diagnostics.iter().map(|x| (x.path.clone(), x.code)).collect();
    assert_eq!(
        got,
        vec![
            ("productivity".to_string(), Code::OutOfRange),
            ("ramp[0]".to_string(), Code::NegativeValue),
            ("attrition".to_string(), Code::OutOfRange),
            ("startMonth".to_string(), Code::OutOfRange),
        ]
    );
    let neg = json!({ "currency": "USD", "year": 2026, "target": "1000", "productivity": "1", "startingReps": -1 });
    let e = capacity_plan_json(&neg.to_string()).unwrap_err();
    assert_eq!((e.code, e.diagnostics[0].path.as_str()), (Code::WrongType, "startingReps"));
}
