//! The adversarial generator (`spm_sample::adversary`, issue 19 item 7) run natively through
//! the engine's API for a bounded time: every seed's plan, payees, transactions, rates, events,
//! payee adjustments and estimator state go through `compile_plan`, `validate_plan`, `load_json`,
//! `set_rates`, the payout report, the ledger and the estimator. Checked for every input: no
//! panic; every error has a code other than `INTERNAL` and every diagnostic a path; each input
//! finishes within `PER_INPUT`; an accepted report adds up (base plus steps give each earning,
//! components the statement, statements the total). `crates/cli/tests/adversarial.rs` runs the
//! same cases through the CLI, `tests/js/adversarial.test.mjs` through the JS API in wasm.
//!
//! `ADVERSARIAL_SECONDS` sets the time budget (default 40 s; CI runs the default), and
//! `ADVERSARIAL_SEED` a first seed (default 0) to explore further or replay a failure.
#![cfg(not(target_arch = "wasm32"))]

use rust_decimal::Decimal;
use serde_json::Value;
use spm_base::error::{Code, Error};
use spm_sample::adversary::{attack, Attack};
use spm_wire::api;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::str::FromStr;
use std::time::{Duration, Instant};

/// The most one input may take: 20 s in a release build; a debug build (the CI's `cargo test`)
/// is about ten times slower and shares the machine, so it gets 120 s. A hang is unbounded.
const PER_INPUT: Duration = Duration::from_secs(if cfg!(debug_assertions) { 120 } else { 20 });

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[derive(Default)]
struct Tally {
    inputs: u64,
    calls: u64,
    accepted: u64,
    errors: BTreeMap<String, u64>,
    failures: Vec<String>,
    slowest: (Duration, u64),
}

impl Tally {
    fn error(&mut self, at: &str, e: &Error) {
        *self.errors.entry(e.code.as_str().to_string()).or_default() += 1;
        if e.code == Code::Internal {
            self.failures.push(format!("{at}: INTERNAL: {}", e.message));
        }
        if e.diagnostics.is_empty() {
            self.failures.push(format!("{at}: {} without a path: {}", e.code, e.message));
        }
        for d in &e.diagnostics {
            if d.path.trim().is_empty() {
                self.failures.push(format!("{at}: a {} diagnostic without a path: {}", d.code, d.message));
            }
        }
    }

    /// Runs one call, catching a panic; `Ok(None)` when the call failed with a (checked) error.
    fn call<T>(&mut self, at: &str, f: impl FnOnce() -> Result<T, Error>) -> Option<T> {
        self.calls += 1;
        let started = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(f));
        if std::env::var_os("ADVERSARIAL_TRACE").is_some() {
            println!("{at}: {:?}", started.elapsed());
        }
        match outcome {
            Err(p) => {
                let msg =
                    p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()));
                self.failures.push(format!("{at}: PANIC {}", msg.unwrap_or_default()));
                None
            }
            Ok(Err(e)) => {
                self.error(at, &e);
                None
            }
            Ok(Ok(v)) => {
                self.accepted += 1;
                Some(v)
            }
        }
    }
}

fn dec(v: &Value) -> Option<Decimal> {
    v.as_str().and_then(|s| Decimal::from_str(s).ok())
}

/// The report adds up; the problems found.
fn adds_up(report: &Value) -> Vec<String> {
    let mut bad = Vec::new();
    let mut total = Decimal::ZERO;
    for s in report["statements"].as_array().into_iter().flatten() {
        let at = format!("{} {}", s["payeeId"], s["period"]);
        let mut comps = Decimal::ZERO;
        for c in s["components"].as_array().into_iter().flatten() {
            let (Some(base), Some(earning)) = (dec(&c["base"]), dec(&c["earning"])) else {
                bad.push(format!("{at}: a component without base or earning"));
                continue;
            };
            let mut cur = base;
            for step in c["steps"].as_array().into_iter().flatten() {
                if dec(&step["before"]) != Some(cur) {
                    bad.push(format!(
                        "{at} {}: a {} step starts at {}, not at {cur}",
                        c["componentId"], step["kind"], step["before"]
                    ));
                }
                cur = dec(&step["after"]).unwrap_or(cur);
            }
            if cur != earning {
                bad.push(format!("{at} {}: base and steps give {cur}, earning is {earning}", c["componentId"]));
            }
            comps = comps.checked_add(earning).unwrap_or(comps);
        }
        let st = dec(&s["total"]).unwrap_or_default();
        if comps != st {
            bad.push(format!("{at}: components sum to {comps}, total is {st}"));
        }
        total = total.checked_add(st).unwrap_or(total);
    }
    if let Some(t) = dec(&report["totals"]["payout"]) {
        if t != total {
            bad.push(format!("statements sum to {total}, the report's total is {t}"));
        }
    }
    bad
}

fn run(a: &Attack, t: &mut Tally) {
    let at = |what: &str| format!("seed {} ({}) {what}", a.seed, a.families.join(" + "));
    for d in api::validate_plan(&a.plan) {
        if d.path.trim().is_empty() {
            t.failures.push(format!("{}: validation's {} without a path", at("validate"), d.code));
        }
    }
    let plan = t.call(&at("compile"), || api::compile_plan(&a.plan));
    let data = t.call(&at("load"), || {
        let mut d = api::load_json(&a.transactions, &a.payees)?;
        api::set_rates(&mut d, &a.rates)?;
        Ok(d)
    });
    let Some(plan) = plan else { return };
    if let Some(data) = &data {
        if let Some(text) = t.call(&at("payout"), || api::run(plan_ref(&plan), data).and_then(|p| p.to_json())) {
            match serde_json::from_str::<Value>(&text) {
                Ok(report) => t.failures.extend(adds_up(&report).into_iter().map(|m| format!("{}: {m}", at("payout")))),
                Err(e) => t.failures.push(format!("{}: the report is not JSON: {e}", at("payout"))),
            }
        }
        t.call(&at("ledger"), || {
            let l = api::ledger_with(&plan, data, &a.events, None, &a.adjustments)?;
            serde_json::to_string(&l).map_err(|e| Error::new(Code::Internal, e.to_string()))
        });
    }
    t.call(&at("estimate"), || {
        let est = spm_testkit::estimator(&plan, &a.state)?;
        let deals = spm_analytics::estimate::parse_deals(&a.deals)?;
        est.estimate_with(&deals, true)?;
        est.pipeline(&deals)?;
        Ok(())
    });
}

fn plan_ref(p: &api::CompiledPlan) -> &api::CompiledPlan {
    p
}

#[test]
fn adversarial_inputs_never_panic_every_error_is_located_and_reports_add_up() {
    let budget = Duration::from_secs(env_u64("ADVERSARIAL_SECONDS", 40));
    let first = env_u64("ADVERSARIAL_SEED", 0);
    let started = Instant::now();
    let mut t = Tally::default();
    let mut seed = first;
    // At least every family once, then as many as the budget allows.
    while seed < first + 14 || started.elapsed() < budget {
        let a = attack(seed);
        let one = Instant::now();
        run(&a, &mut t);
        let took = one.elapsed();
        if took > t.slowest.0 {
            t.slowest = (took, seed);
        }
        if took > PER_INPUT {
            t.failures.push(format!("seed {seed} ({}) took {took:?}", a.families.join(" + ")));
        }
        t.inputs += 1;
        seed += 1;
    }
    println!(
        "adversarial (native): {} inputs (seeds {first}..{seed}), {} calls, {} accepted, errors by code {:?}, slowest {:?} (seed {}), {} problems",
        t.inputs,
        t.calls,
        t.accepted,
        t.errors,
        t.slowest.0,
        t.slowest.1,
        t.failures.len()
    );
    let shown: Vec<&String> = t.failures.iter().take(40).collect();
    assert!(
        t.failures.is_empty(),
        "{} problems, the first:\n{}",
        t.failures.len(),
        shown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
    );
}
