//! Property tests: allocation and rounding never create or lose a minor unit; marginal tables
//! never pay less for more; results are deterministic and independent of input order; lines sum
//! to components, components to statements, statements to the report total.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use rust_decimal::Decimal;
use spm_base::money::{allocate, apportion};
use spm_wire::api;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[derive(Debug, Clone)]
struct Case {
    plan: String,
    payees: String,
    txns: Vec<(String, String, String, String)>,
}

fn tiers_json(bounds: &[u32], rates: &[u32], mode: &str, retro: &[bool], base_amount: bool) -> String {
    let scale = if base_amount { 1000 } else { 1 };
    let mut out = Vec::new();
    let mut from = 0u32;
    for (i, r) in rates.iter().enumerate() {
        let to = bounds.get(i).map(|b| from + b);
        let fmt = |v: u32| {
            if base_amount {
                format!("{}", v * scale)
            } else {
                format!("{}.{:02}", v / 100, v % 100)
            }
        };
        let mut t = format!(
            r#"{{"from":"{}","to":{},"rate":"0.{:04}""#,
            fmt(from),
            to.map_or("null".to_string(), |t| format!("\"{}\"", fmt(t))),
            r
        );
        if mode == "interpolated" && to.is_some() {
            t.push_str(&format!(r#","rateTo":"0.{:04}""#, rates.get(i + 1).copied().unwrap_or(*r)));
        }
        if mode == "retroactive" && retro.get(i).copied().unwrap_or(false) {
            t.push_str(r#","retroactive":true"#);
        }
        t.push('}');
        out.push(t);
        if let Some(to) = to {
            from = to;
        }
    }
    format!("[{}]", out.join(","))
}

fn arb_case() -> impl Strategy<Value = Case> {
    (
        prop::sample::select(vec!["flat", "marginal", "interpolated", "retroactive"]),
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(1u32..80, 0..4),
        prop::collection::vec(0u32..1500, 4),
        prop::collection::vec(any::<bool>(), 4),
        prop::sample::select(vec!["halfUp", "halfEven", "down", "up"]),
        prop::sample::select(vec!["line", "component", "statement"]),
        prop::sample::select(vec!["month", "quarter", "year"]),
        prop::collection::vec((0usize..3, 1u32..366, -2_000_000i64..30_000_000, 0usize..2), 1..40),
    )
        .prop_map(|(mode, base_amount, per_txn, bounds, rates, retro, rmode, rat, period, txns)| {
            let rates = &rates[..bounds.len() + 1];
            let tiers = tiers_json(&bounds, rates, mode, &retro, base_amount);
            let base = if base_amount { "amount" } else { "attainment" };
            let eval = if per_txn { "perTransaction" } else { "running" };
            let table = format!(r#"{{"mode":"{mode}","base":"{base}","evaluation":"{eval}","tiers":{tiers}}}"#);
            let plan = format!(
                r#"{{"schemaVersion":1,"id":"p","name":"P","currency":"USD","period":"{period}","rounding":{{"mode":"{rmode}","at":"{rat}"}},
                "components":[{{"id":"a","name":"A","kind":"commission","quota":"50000","filter":{{"products":["A"]}},"rateTable":{table}}},
                              {{"id":"b","name":"B","kind":"commission","quota":"20000.50","filter":{{"products":["B"]}},"rateTable":{table}}}]}}"#
            );
            let payees = r#"[{"id":"p0","name":"P0"},{"id":"p1","name":"P1","quotas":[{"component":"a","amount":"120000"}]},{"id":"p2","name":"P2"}]"#.to_string();
            let txns = txns
                .into_iter()
                .enumerate()
                .map(|(i, (p, day, cents, prod))| {
                    let (m, dd) = month_day(day);
                    let sign = if cents < 0 { "-" } else { "" };
                    let c = cents.unsigned_abs();
                    (format!("t{i:03}"), format!("2026-{m:02}-{dd:02}"), format!("p{p}"), format!("{sign}{}.{:02}", c / 100, c % 100) + if prod == 0 { "|A" } else { "|B" })
                })
                .collect();
            Case { plan, payees, txns }
        })
}

fn month_day(day: u32) -> (u32, u32) {
    let lens = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut left = day - 1;
    for (i, l) in lens.iter().enumerate() {
        if left < *l {
            return (i as u32 + 1, left + 1);
        }
        left -= l;
    }
    (12, 31)
}

fn txns_json(txns: &[(String, String, String, String)]) -> String {
    let items: Vec<String> = txns
        .iter()
        .map(|(id, date, payee, amt)| {
            let (amount, product) = amt.split_once('|').unwrap();
            format!(r#"{{"id":"{id}","date":"{date}","payeeId":"{payee}","amount":"{amount}","product":"{product}"}}"#)
        })
        .collect();
    format!("[{}]", items.join(","))
}

fn run(case: &Case, txns: &[(String, String, String, String)]) -> serde_json::Value {
    let plan = api::compile_plan(&case.plan).unwrap_or_else(|e| panic!("{e:?}\n{}", case.plan));
    let data = api::load_json(&txns_json(txns), &case.payees).unwrap();
    serde_json::to_value(api::run(&plan, &data).unwrap()).unwrap()
}

fn dec(v: &serde_json::Value) -> Decimal {
    d(v.as_str().unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn allocation_sums_to_the_whole(total in -10_000_000i64..10_000_000, weights in prop::collection::vec(0u32..1000, 1..12)) {
        prop_assume!(weights.iter().any(|w| *w > 0));
        let total = Decimal::new(total, 2);
        let w: Vec<Decimal> = weights.iter().map(|w| Decimal::from(*w)).collect();
        let parts = allocate(total, &w, 2).unwrap();
        prop_assert_eq!(parts.iter().copied().sum::<Decimal>(), total);
        let wsum: Decimal = w.iter().copied().sum();
        for (p, wi) in parts.iter().zip(&w) {
            let exact = total * wi / wsum;
            prop_assert!((*p - exact).abs() < d("0.01"), "part {} is a cent or more from {}", p, exact);
        }
    }

    #[test]
    fn apportion_reaches_any_rounding_of_the_sum(parts in prop::collection::vec(-1_000_000i64..1_000_000, 1..10), up in any::<bool>()) {
        let parts: Vec<Decimal> = parts.iter().map(|p| Decimal::new(*p, 4)).collect();
        let sum: Decimal = parts.iter().copied().sum();
        let strategy = if up { rust_decimal::RoundingStrategy::ToPositiveInfinity } else { rust_decimal::RoundingStrategy::ToNegativeInfinity };
        let total = sum.round_dp_with_strategy(2, strategy);
        let r = apportion(&parts, total, 2).unwrap();
        prop_assert_eq!(r.iter().copied().sum::<Decimal>(), total);
    }

    #[test]
    fn marginal_tables_without_decelerators_never_pay_less_for_more(
        bounds in prop::collection::vec(1u32..100, 0..5),
        steps in prop::collection::vec(0u32..300, 6),
        a in 0i64..50_000_000, extra in 0i64..5_000_000,
    ) {
        // Non-decreasing rates: cumulative sums of non-negative steps.
        let rates: Vec<u32> = steps.iter().scan(0, |acc, s| { *acc += s; Some(*acc) }).take(bounds.len() + 1).collect();
        let tiers = tiers_json(&bounds, &rates, "marginal", &[], false);
        let plan = format!(r#"{{"schemaVersion":1,"id":"p","name":"P","currency":"USD","period":"year","rounding":{{"mode":"halfUp","at":"line"}},
            "components":[{{"id":"a","name":"A","kind":"commission","quota":"100000","rateTable":{{"mode":"marginal","base":"attainment","evaluation":"running","tiers":{tiers}}}}}]}}"#);
        let plan = api::compile_plan(&plan).unwrap();
        let spm_plan::ComponentKind::Commission { table, .. } = &plan.plan.versions[0].components[0].kind else { panic!() };
        let q = d("100000");
        let lo = table.earn(Decimal::new(a, 2), q).unwrap().0;
        let hi = table.earn(Decimal::new(a + extra, 2), q).unwrap().0;
        prop_assert!(hi >= lo, "F({}) = {} < F({}) = {}", a + extra, hi, a, lo);
    }

    #[test]
    fn parts_sum_to_the_whole_and_order_does_not_matter(case in arb_case(), seed in any::<u64>()) {
        let report = run(&case, &case.txns);
        let mut total = Decimal::ZERO;
        for s in report["statements"].as_array().unwrap() {
            let mut comp_sum = Decimal::ZERO;
            for c in s["components"].as_array().unwrap() {
                let lines = c["lines"].as_array().unwrap();
                let line_sum: Decimal = lines.iter().map(|l| dec(&l["earning"])).sum();
                let steps = c["steps"].as_array().unwrap();
                let base = dec(&c["base"]);
                if !lines.is_empty() {
                    // Lines in cents sum to the base rounded; the base is exact when steps follow.
                    prop_assert!((line_sum - base).abs() < Decimal::new(1, 2), "lines {} base {}", line_sum, base);
                    if steps.is_empty() {
                        prop_assert_eq!(line_sum, base);
                    }
                }
                // Base plus the steps give the earning: each step starts where the last ended.
                let earning = dec(&c["earning"]);
                let mut cur = base;
                for step in steps {
                    prop_assert_eq!(dec(&step["before"]), cur, "a {} step", step["kind"]);
                    cur = dec(&step["after"]);
                }
                prop_assert_eq!(cur, earning);
                prop_assert_eq!(earning.scale(), 2, "earning {} is not in cents", earning);
                comp_sum += earning;
            }
            prop_assert_eq!(comp_sum, dec(&s["total"]));
            total += dec(&s["total"]);
        }
        prop_assert_eq!(total, dec(&report["totals"]["payout"]));
        // Same input twice: byte-identical; shuffled input: the same report.
        prop_assert_eq!(&report, &run(&case, &case.txns));
        let mut shuffled = case.txns.clone();
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(&report, &run(&case, &shuffled));
    }
}

/// Generated cases (plans with every component kind, caps, splits, roll-up) run natively:
/// parts sum to wholes, caps hold, revenue splits sum to their transaction.
#[test]
fn generated_cases_balance_and_respect_caps() {
    for seed in 0..200u64 {
        let case = spm_sample::random::case(seed);
        let plan = api::compile_plan(&case.plan).unwrap_or_else(|e| panic!("seed {seed}: {e:?}\n{}", case.plan));
        let data = api::load_json(&case.transactions, &case.payees).unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
        let report =
            serde_json::to_value(api::run(&plan, &data).unwrap_or_else(|e| panic!("seed {seed}: {e:?}"))).unwrap();
        let plan_json: serde_json::Value = serde_json::from_str(&case.plan).unwrap();
        let caps: std::collections::HashMap<String, (Decimal, String)> = plan_json["components"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c.get("cap").is_some())
            .map(|c| {
                (
                    c["id"].as_str().unwrap().to_string(),
                    (dec(&c["cap"]["amount"]), c["cap"]["per"].as_str().unwrap().to_string()),
                )
            })
            .collect();
        let mut total = Decimal::ZERO;
        let mut yearly: std::collections::HashMap<(String, String), Decimal> = Default::default();
        for s in report["statements"].as_array().unwrap() {
            let mut sum = Decimal::ZERO;
            for c in s["components"].as_array().unwrap() {
                let earning = dec(&c["earning"]);
                let id = c["componentId"].as_str().unwrap().to_string();
                if let Some((cap, per)) = caps.get(&id) {
                    if per == "period" {
                        assert!(earning <= *cap, "seed {seed}: {id} pays {earning} over its cap {cap}");
                    } else {
                        let y = yearly.entry((s["payeeId"].to_string(), id.clone())).or_default();
                        *y += earning;
                        assert!(*y <= *cap, "seed {seed}: {id} pays {y} in the year, over its cap {cap}");
                    }
                }
                sum += earning;
            }
            assert_eq!(sum, dec(&s["total"]), "seed {seed}: components do not sum to the statement");
            total += sum;
        }
        assert_eq!(total, dec(&report["totals"]["payout"]), "seed {seed}");
        // Revenue splits are allocated to the cent and sum to their transaction.
        let credits = spm_core::credit::credit(&plan.plan, &data).unwrap();
        for (ti, t) in data.transactions.iter().enumerate() {
            let revenue: Decimal = credits
                .by_payee
                .iter()
                .flatten()
                .filter(|c| {
                    c.txn as usize == ti && c.relief && !matches!(c.source, spm_core::credit::Source::Rollup(_))
                })
                .map(|c| c.amount)
                .sum();
            assert_eq!(revenue, t.amount, "seed {seed}: transaction {} is credited {revenue}", data.id_of(t));
        }
    }
}
