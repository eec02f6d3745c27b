//! Determinism and exactness at scale (issue 10, item 4): random valid plans and data sets
//! (`tests/common/random_plan.rs`) run natively; every report balances to the minor unit, runs
//! are byte-identical when repeated or fed the transactions in another order, the two report
//! writers agree, and each seed's report digest (FNV-1a 64 of the JSON text, full and summary)
//! equals the one checked in at `tests/random_plans/expected.txt`, which the wasm test
//! (`tests/wasm_random_plans.rs`) recomputes in Node: native == wasm byte for byte.
//!
//! `RANDOM_PLAN_CASES=N` checks N seeds (default 300; seeds past the file's are checked for
//! balance only); `UPDATE_RANDOM_PLANS=1` rewrites the digest file and the full-text fixtures.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/random_plan.rs"]
mod random_plan;

use random_plan::Case;
use rust_decimal::Decimal;
use serde_json::Value;
use spm_core::payout::Detail;
use spm_wire::api;
use std::collections::BTreeMap;
use std::str::FromStr;

/// Seeds in the checked-in digest file.
const SEEDS: u64 = 300;
/// Seeds whose whole report text is checked in too, for readable diffs.
/// Small reports (5–10 KB): KWD with three components, an MBO in EUR, transactions in other
/// currencies converted with dated rates.
const FULL_TEXT_SEEDS: [u64; 3] = [26, 67, 95];

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn load(case: &Case, transactions: &str) -> spm_core::data::Dataset {
    let mut data = api::load_json(transactions, &case.payees)
        .unwrap_or_else(|e| panic!("seed {}: data: {e:?}\n{}", case.seed, describe(case)));
    if !case.rates.is_empty() {
        api::set_rates(&mut data, &case.rates).unwrap_or_else(|e| panic!("seed {}: rates: {e:?}", case.seed));
    }
    data
}

fn describe(case: &Case) -> String {
    format!("plan: {}\npayees: {}\ntransactions: {}\nrates: {}", case.plan, case.payees, case.transactions, case.rates)
}

/// The full and summary report texts, through `api::run_json` (what `PlanEngine.payoutJson`
/// and `payoutSummaryJson` call).
fn try_run(case: &Case, transactions: &str) -> Result<(String, String), String> {
    let plan = api::compile_plan(&case.plan).map_err(|e| format!("plan: {e:?}"))?;
    let mut data = api::load_json(transactions, &case.payees).map_err(|e| format!("data: {e:?}"))?;
    if !case.rates.is_empty() {
        api::set_rates(&mut data, &case.rates).map_err(|e| format!("rates: {e:?}"))?;
    }
    let full = api::run_json(&plan, &data, Detail::Full).map_err(|e| format!("run: {e:?}"))?;
    let summary = api::run_json(&plan, &data, Detail::Summary).map_err(|e| format!("summary run: {e:?}"))?;
    Ok((full, summary))
}

fn run(case: &Case, transactions: &str) -> (String, String) {
    try_run(case, transactions).unwrap_or_else(|e| panic!("seed {}: {e}\n{}", case.seed, describe(case)))
}

fn d(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().unwrap_or_else(|| panic!("{v} is not a decimal string")))
        .unwrap_or_else(|e| panic!("{v}: {e}"))
}

/// Everything that must balance in one report; returns the problems found.
fn balance(case: &Case, report: &Value) -> Vec<String> {
    let minor = case.minor;
    let mut bad = Vec::new();
    let mut check = |ok: bool, what: String| {
        if !ok {
            bad.push(what);
        }
    };
    let plan: Value = serde_json::from_str(&case.plan).unwrap();
    let bodies: Vec<&Value> = match plan["versions"].as_array() {
        Some(v) => v.iter().collect(),
        None => vec![&plan],
    };
    let comp_plan = |id: &str| {
        bodies
            .iter()
            .flat_map(|b| b["components"].as_array().unwrap())
            .find(|c| c["componentId"] == id || c["id"] == id)
    };
    let mut total = Decimal::ZERO;
    let mut by_payee: BTreeMap<String, Decimal> = BTreeMap::new();
    let mut by_period: BTreeMap<String, Decimal> = BTreeMap::new();
    let mut yearly: BTreeMap<(String, String, String), Decimal> = BTreeMap::new();
    for s in report["statements"].as_array().unwrap() {
        let at = format!("{} {}", s["payeeId"], s["period"]);
        let st = d(&s["total"]);
        check(st.scale() == minor, format!("{at}: total {st} is not rounded to {minor} places"));
        let mut comps = Decimal::ZERO;
        // The plan cap's carried excess lands on the last component: its own cap does not
        // bound that part.
        let plan_carry = s["steps"].as_array().unwrap().iter().any(|x| x["kind"] == "carryIn");
        let n = s["components"].as_array().unwrap().len();
        for (ci, c) in s["components"].as_array().unwrap().iter().enumerate() {
            let cat = format!("{at} {}", c["componentId"]);
            let (base, earning) = (d(&c["base"]), d(&c["earning"]));
            check(earning.scale() == minor, format!("{cat}: earning {earning} is not rounded to {minor} places"));
            let lines = c["lines"].as_array().unwrap();
            if !lines.is_empty() {
                // The lines are whole minor units summing to the base rounded (the base itself
                // stays exact when steps follow it).
                let sum: Decimal = lines.iter().map(|l| d(&l["earning"])).sum();
                let unit = Decimal::new(1, minor);
                check(
                    sum.scale() <= minor
                        && (sum - base).abs() < unit
                        && (!c["steps"].as_array().unwrap().is_empty() || sum == base),
                    format!("{cat}: lines sum to {sum}, base is {base}"),
                );
            }
            // Base plus the steps give the earning, exactly: the first step starts at `base`, each
            // step starts where the previous one ended, and the last ends at `earning`.
            let steps = c["steps"].as_array().unwrap();
            let mut cur = None;
            for step in steps {
                let (b, a) = (d(&step["before"]), d(&step["after"]));
                match cur {
                    None => check(
                        b == base,
                        format!("{cat}: the first step ({}) starts at {b}, base is {base}", step["kind"]),
                    ),
                    Some(p) => check(b == p, format!("{cat}: {} step starts at {b}, not at {p}", step["kind"])),
                }
                cur = Some(a);
            }
            let cur = cur.unwrap_or(base);
            check(cur == earning, format!("{cat}: base and steps give {cur}, earning is {earning}"));
            let spec = comp_plan(c["componentId"].as_str().unwrap()).filter(|_| !(plan_carry && ci + 1 == n));
            if let Some(spec) = spec {
                if let Some(cap) = spec.get("cap") {
                    let amount = d(&cap["amount"]);
                    if cap["per"] == "year" {
                        let year = s["period"].as_str().unwrap().trim_start_matches("FY")[..4].to_string();
                        let y =
                            yearly.entry((s["payeeId"].to_string(), c["componentId"].to_string(), year)).or_default();
                        *y += earning;
                        if spec.get("floor").is_none() {
                            check(*y <= amount, format!("{cat}: {y} paid in the year, over the cap {amount}"));
                        }
                    } else if spec.get("floor").is_none() {
                        check(earning <= amount, format!("{cat}: pays {earning}, over its cap {amount}"));
                    }
                }
            }
            comps += earning;
        }
        check(comps == st, format!("{at}: components sum to {comps}, total is {st}"));
        total += st;
        *by_payee.entry(s["payeeId"].as_str().unwrap().to_string()).or_default() += st;
        *by_period.entry(s["period"].as_str().unwrap().to_string()).or_default() += st;
    }
    let totals = &report["totals"];
    let payout = d(&totals["payout"]);
    check(payout.scale() == minor, format!("report total {payout} is not rounded"));
    check(total == payout, format!("statements sum to {total}, the report total is {payout}"));
    let listed: BTreeMap<String, Decimal> = totals["byPayee"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["payeeId"].as_str().unwrap().to_string(), d(&p["payout"])))
        .collect();
    check(listed == by_payee, format!("byPayee {listed:?} is not the statements' {by_payee:?}"));
    let listed: BTreeMap<String, Decimal> = totals["byPeriod"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["period"].as_str().unwrap().to_string(), d(&p["payout"])))
        .collect();
    for (p, v) in &listed {
        check(by_period.get(p).copied().unwrap_or_default() == *v, format!("byPeriod {p}: {v}"));
    }
    check(listed.values().copied().sum::<Decimal>() == payout, "byPeriod does not sum to the total".into());
    bad
}

/// Revenue credits (direct, splits, each non-overlay rule) sum to their transaction exactly.
fn credits_balance(case: &Case) -> Vec<String> {
    let plan = api::compile_plan(&case.plan).unwrap();
    let data = load(case, &case.transactions);
    let data = if case.rates.is_empty() {
        data
    } else {
        spm_core::fx::to_plan_currency(&plan.plan, &data, &data.rates, false).unwrap().0
    };
    let credits = spm_core::credit::credit(&plan.plan, &data).unwrap();
    let mut sums: BTreeMap<(u32, String), Decimal> = BTreeMap::new();
    for c in credits.by_payee.iter().flatten().filter(|c| c.relief) {
        let key = match c.source {
            spm_core::credit::Source::Rollup(_) => continue,
            spm_core::credit::Source::Rule(r) => format!("rule {r}"),
            _ => "direct".to_string(),
        };
        *sums.entry((c.txn, key)).or_default() += c.amount;
    }
    sums.into_iter()
        .filter_map(|((ti, key), sum)| {
            let t = &data.transactions[ti as usize];
            (sum != t.amount).then(|| format!("transaction {} ({key}) credits {sum} of {}", data.id_of(t), t.amount))
        })
        .collect()
}

/// Same transactions, another input order (a seeded Fisher–Yates shuffle).
fn shuffled(case: &Case) -> String {
    let mut items: Vec<Value> = serde_json::from_str::<Vec<Value>>(&case.transactions).unwrap();
    let mut rng = random_plan::Rng(case.seed ^ 0xD1CE);
    for i in (1..items.len()).rev() {
        items.swap(i, rng.below(i as u64 + 1) as usize);
    }
    serde_json::to_string(&items).unwrap()
}

fn cases() -> u64 {
    std::env::var("RANDOM_PLAN_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(SEEDS)
}

fn dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/random_plans")
}

#[test]
fn random_plans_balance_are_deterministic_and_match_the_checked_in_digests() {
    let update = std::env::var("UPDATE_RANDOM_PLANS").is_ok_and(|v| v == "1");
    let expected_text = std::fs::read_to_string(dir().join("expected.txt")).unwrap_or_default();
    let expected: BTreeMap<u64, String> = expected_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (seed, rest) = l.split_once(' ').unwrap();
            (seed.parse().unwrap(), rest.to_string())
        })
        .collect();
    let mut out = String::from("# seed, FNV-1a 64 of the full report JSON, of the summary report JSON\n");
    let mut failures = Vec::new();
    for seed in 0..cases().max(if update { SEEDS } else { 0 }) {
        let case = random_plan::case(seed);
        let (full, summary) = match try_run(&case, &case.transactions) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("seed {seed}: {e}\n{}", describe(&case)));
                continue;
            }
        };
        let report: Value = serde_json::from_str(&full).unwrap();
        let mut bad = balance(&case, &report);
        bad.extend(credits_balance(&case));
        // The DTO writer and the direct writer agree; repeated and reordered runs are identical.
        let plan = api::compile_plan(&case.plan).unwrap();
        let dto = serde_json::to_string(&api::run(&plan, &load(&case, &case.transactions)).unwrap()).unwrap();
        if dto != full {
            bad.push("api::run and api::run_json differ".into());
        }
        if api::run_json(&plan, &load(&case, &case.transactions), Detail::Full).unwrap() != full {
            bad.push("a second run differs".into());
        }
        let plan_reordered = api::compile_plan(&case.plan).unwrap();
        let reordered = api::run_json(&plan_reordered, &load(&case, &shuffled(&case)), Detail::Full).unwrap();
        if reordered != full {
            bad.push("the shuffled transactions give another report".into());
        }
        let sum: Value = serde_json::from_str(&summary).unwrap();
        if sum["totals"] != report["totals"] {
            bad.push("the summary's totals differ from the full report's".into());
        }
        let line = format!("{:016x} {:016x}", fnv1a(full.as_bytes()), fnv1a(summary.as_bytes()));
        if seed < SEEDS {
            if update && FULL_TEXT_SEEDS.contains(&seed) {
                std::fs::write(dir().join(format!("seed_{seed}.json")), &full).unwrap();
            }
            if !update && expected.get(&seed) != Some(&line) {
                bad.push(format!("digest {line}, expected {:?}", expected.get(&seed)));
            }
            out.push_str(&format!("{seed} {line}\n"));
        }
        if !bad.is_empty() {
            failures.push(format!("seed {seed}:\n  {}\n{}", bad.join("\n  "), describe(&case)));
        }
    }
    if update {
        std::fs::create_dir_all(dir()).unwrap();
        std::fs::write(dir().join("expected.txt"), out).unwrap();
    }
    assert!(failures.is_empty(), "{} of {} seeds fail:\n{}", failures.len(), cases(), failures.join("\n\n"));
}

/// `RANDOM_PLAN_DUMP=SEED` writes that seed's case and report to `$TMPDIR/random_plan_SEED/`,
/// for looking into a failure with the CLI (`spm payout`) or by eye.
#[test]
fn dump_a_seed_when_asked() {
    let Some(seed) = std::env::var("RANDOM_PLAN_DUMP").ok().and_then(|v| v.parse::<u64>().ok()) else {
        return;
    };
    let case = random_plan::case(seed);
    let out = std::env::temp_dir().join(format!("random_plan_{seed}"));
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("plan.json"), &case.plan).unwrap();
    std::fs::write(out.join("payees.json"), &case.payees).unwrap();
    std::fs::write(out.join("transactions.json"), &case.transactions).unwrap();
    std::fs::write(out.join("rates.json"), &case.rates).unwrap();
    match try_run(&case, &case.transactions) {
        Ok((full, summary)) => {
            std::fs::write(out.join("report.json"), full).unwrap();
            std::fs::write(out.join("summary.json"), summary).unwrap();
        }
        Err(e) => std::fs::write(out.join("error.txt"), e).unwrap(),
    }
}

#[test]
fn the_full_text_fixtures_match() {
    for seed in FULL_TEXT_SEEDS {
        let case = random_plan::case(seed);
        let want = std::fs::read_to_string(dir().join(format!("seed_{seed}.json"))).unwrap();
        assert_eq!(run(&case, &case.transactions).0, want, "seed {seed}");
    }
}

fn run_text(plan: &str, payees: &str, transactions: &str) -> Value {
    let plan = api::compile_plan(plan).unwrap();
    let data = api::load_json(transactions, payees).unwrap();
    serde_json::from_str(&api::run_json(&plan, &data, Detail::Full).unwrap()).unwrap()
}

/// Found by seed 51: the plan cap's carried excess was added to the last component's earning
/// without a step, so that component's base and steps no longer gave its earning (a SPIFF with
/// no deals showed an earning). Fixed in `payout::adjust::statement_steps`.
#[test]
fn plan_cap_carry_in_is_a_step_of_the_component_it_lands_on() {
    let plan = r#"{"schemaVersion":1,"id":"p","name":"P","currency":"USD","period":"quarter",
      "rounding":{"mode":"halfUp","at":"component"},"cap":{"amount":"1000.00","per":"period","excess":"carryForward"},
      "components":[{"id":"rev","name":"Revenue","kind":"commission","rateTable":{"mode":"marginal","base":"amount",
        "evaluation":"running","tiers":[{"from":"0","to":null,"rate":"0.10"}]}},
        {"id":"spiff","name":"SPIFF","kind":"spiff","window":{"from":"2026-11-01","to":"2026-11-30"},"pay":{"perDeal":"50"}}]}"#;
    let txns = r#"[{"id":"t1","date":"2026-02-01","payeeId":"ann","amount":"15000.00"},
                   {"id":"t2","date":"2026-05-01","payeeId":"ann","amount":"2000.00"}]"#;
    let report = run_text(plan, r#"[{"id":"ann","name":"Ann"}]"#, txns);
    let q2 = &report["statements"][1];
    assert_eq!(q2["period"], "2026-Q2");
    // Q1: 15,000 × 10% = 1,500.00, capped at 1,000.00; 500.00 carried forward.
    // Q2: 2,000 × 10% = 200.00, plus 500.00 carried in = 700.00 (under the cap). The excess
    // lands on the last component (the SPIFF, 0.00 of its own) as a carry-in step 0 → 500.00.
    assert_eq!(q2["total"], "700.00");
    let spiff = &q2["components"][1];
    assert_eq!((spiff["base"].as_str(), spiff["earning"].as_str()), (Some("0.00"), Some("500.00")));
    let last = spiff["steps"].as_array().unwrap().last().unwrap();
    assert_eq!((last["kind"].as_str(), last["after"].as_str()), (Some("carryIn"), Some("500.00")));
    assert_eq!(q2["components"][0]["earning"], "200.00");
}

/// Found by seeds 101, 194, 232 and 264: a statement was rounded by its last part's version only,
/// so a period that starts under a version rounding at the statement and ends under one rounding
/// at the line left the first version's components, and the statement total, unrounded. Now the
/// last version of the period that rounds at the statement rounds it.
#[test]
fn versions_with_different_rounding_points_still_round_a_straddling_period() {
    let plan = r#"{"schemaVersion":1,"id":"p","name":"P","versions":[
      {"version":"v1","effectiveFrom":"2026-01-01","effectiveTo":"2026-02-14","currency":"USD","period":"quarter",
       "rounding":{"mode":"halfUp","at":"statement"},
       "components":[{"id":"a","name":"A","kind":"commission","rateTable":{"mode":"marginal","base":"amount",
         "evaluation":"running","tiers":[{"from":"0","to":null,"rate":"0.10"}]}}]},
      {"version":"v2","effectiveFrom":"2026-02-15","currency":"USD","period":"quarter",
       "rounding":{"mode":"halfUp","at":"line"},
       "components":[{"id":"b","name":"B","kind":"commission","rateTable":{"mode":"marginal","base":"amount",
         "evaluation":"running","tiers":[{"from":"0","to":null,"rate":"0.10"}]}}]}]}"#;
    let txns = r#"[{"id":"t1","date":"2026-01-10","payeeId":"ann","amount":"100.05"},
                   {"id":"t2","date":"2026-03-01","payeeId":"ann","amount":"100.00"}]"#;
    let report = run_text(plan, r#"[{"id":"ann","name":"Ann"}]"#, txns);
    let q1 = &report["statements"][0];
    // v1: 100.05 × 10% = 10.005, rounded half up at the statement: 10.01.
    // v2: 100.00 × 10% = 10.00 (line rounding changes nothing). Total 20.01, in cents.
    // (Before the fix the total stayed 20.005: only the last version's rounding point was used.)
    assert_eq!(q1["components"][0]["earning"], "10.01");
    assert_eq!(q1["components"][1]["earning"], "10.00");
    assert_eq!(q1["total"], "20.01");
}
