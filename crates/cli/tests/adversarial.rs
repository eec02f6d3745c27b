//! The adversarial generator (`spm_sample::adversary`) through the CLI binary, for a bounded
//! time: each seed's documents are written to files and given to `spm validate`, `spm payout`
//! and `spm ledger` (with rates, events and payee adjustments). Checked: the process exits 0
//! (success), 1 (an input error, printed as JSON with a code and located diagnostics) or 2 (a
//! usage error), never 101 (a panic) or a signal; an input error's every diagnostic has a path;
//! each run ends within `PER_RUN`. `ADVERSARIAL_CLI_SECONDS` sets the budget (default 20 s).

use serde_json::Value;
use spm_sample::adversary::attack;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// 30 s for a release binary; 120 s for the debug one `cargo test` builds (about ten times slower).
const PER_RUN: Duration = Duration::from_secs(if cfg!(debug_assertions) { 120 } else { 30 });

fn check(seed: u64, what: &str, args: &[&str], dir: &Path, failures: &mut Vec<String>, codes: &mut Vec<String>) {
    let started = Instant::now();
    let out =
        Command::new(env!("CARGO_BIN_EXE_spm")).args(args).current_dir(dir).output().expect("the spm binary runs");
    let took = started.elapsed();
    let at = format!("seed {seed} {what}");
    if took > PER_RUN {
        failures.push(format!("{at}: took {took:?}"));
    }
    match out.status.code() {
        Some(0) | Some(2) => {}
        Some(1) => {
            let err = String::from_utf8_lossy(&out.stderr);
            match serde_json::from_str::<Value>(&err) {
                Ok(v) => {
                    let e = &v["error"];
                    codes.push(e["code"].as_str().unwrap_or("").to_string());
                    let diags = e["diagnostics"].as_array().cloned().unwrap_or_default();
                    if e["code"] == "INTERNAL" || diags.is_empty() {
                        failures.push(format!("{at}: {} without a location: {}", e["code"], e["message"]));
                    }
                    if diags.iter().any(|d| d["path"].as_str().is_none_or(|p| p.trim().is_empty())) {
                        failures.push(format!("{at}: a diagnostic without a path"));
                    }
                }
                Err(_) => failures
                    .push(format!("{at}: stderr is not the JSON error: {}", err.chars().take(300).collect::<String>())),
            }
        }
        other => failures.push(format!(
            "{at}: exit {other:?}: {}",
            String::from_utf8_lossy(&out.stderr).chars().take(300).collect::<String>()
        )),
    }
}

#[test]
fn adversarial_inputs_through_the_cli() {
    let budget =
        Duration::from_secs(std::env::var("ADVERSARIAL_CLI_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(20));
    let dir = std::env::temp_dir().join(format!("spm-adversarial-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let started = Instant::now();
    let (mut failures, mut codes) = (Vec::new(), Vec::new());
    let mut seed = 0;
    while seed < 14 || started.elapsed() < budget {
        let a = attack(seed);
        for (name, text) in [
            ("plan.json", &a.plan),
            ("payees.json", &a.payees),
            ("txns.json", &a.transactions),
            ("events.json", &a.events),
            ("adjustments.json", &a.adjustments),
            ("rates.csv", &a.rates),
        ] {
            std::fs::write(dir.join(name), text).unwrap();
        }
        let data = ["--transactions", "txns.json", "--payees", "payees.json"];
        check(seed, "validate", &["validate", "--plan", "plan.json"], &dir, &mut failures, &mut codes);
        let mut payout = vec!["payout", "--plan", "plan.json", "--format", "compact"];
        payout.extend(data);
        check(seed, "payout", &payout, &dir, &mut failures, &mut codes);
        let mut ledger = vec![
            "ledger",
            "--plan",
            "plan.json",
            "--events",
            "events.json",
            "--adjustments",
            "adjustments.json",
            "--rates",
            "rates.csv",
        ];
        ledger.extend(data);
        check(seed, "ledger", &ledger, &dir, &mut failures, &mut codes);
        seed += 1;
    }
    std::fs::remove_dir_all(&dir).ok();
    println!(
        "adversarial (CLI): {seed} inputs, {} runs, {} input errors, {} problems",
        seed * 3,
        codes.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}
