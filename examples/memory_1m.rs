//! Peak memory of a native run over 1,000,000 transactions (issue 10: "memory used for 1,000,000
//! transactions is measured and stated"). Builds the benchmark company with the crate's sample
//! generator (`sample::large`: 1,000 reps, 1,000,000 deals, a three-component quarterly plan with
//! a two-level roll-up), loads it from CSV, runs the plan, and prints the peak resident set size
//! (`VmHWM` in /proc/self/status, Linux only) after each step and per transaction.
//!
//! `cargo run --release --no-default-features --example memory_1m [deals]`

use spm_core::payout::Detail;
use spm_sample as sample;
use spm_wire::api;

/// Peak and current resident set size in bytes (VmHWM, VmRSS), 0 where /proc is absent.
fn rss() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map_or(0, |kb| kb * 1024)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

fn mib(b: u64) -> String {
    format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let deals: usize = std::env::args().nth(1).map_or(Ok(1_000_000), |a| a.parse())?;
    let (base, _) = rss();
    let s = sample::large(1_000, deals, 42);
    let (after_gen, _) = rss();
    let csv_bytes = s.transactions_csv.len() as u64;
    let plan = api::compile_plan(s.plans.first().ok_or("no plan")?)?;
    let t = std::time::Instant::now();
    let data = api::load_csv(&s.transactions_csv, &s.payees)?;
    let load = t.elapsed();
    let (after_load, rss_load) = rss();
    let t = std::time::Instant::now();
    let report = api::run_json(&plan, &data, Detail::Summary)?;
    let run = t.elapsed();
    let (after_run, _) = rss();
    println!("transactions          {}", data.transactions.len());
    println!("CSV text              {} ({} bytes per transaction)", mib(csv_bytes), csv_bytes / deals.max(1) as u64);
    println!("peak RSS at start     {}", mib(base));
    println!("peak RSS, generated   {}", mib(after_gen));
    println!("peak RSS, loaded      {} (load {load:.2?}; RSS now {})", mib(after_load), mib(rss_load));
    println!("peak RSS, run         {} (run {run:.2?}; report {} bytes)", mib(after_run), report.len());
    let per = after_run.saturating_sub(base) / deals.max(1) as u64;
    println!("peak bytes per transaction, everything (text, dataset, run): {per}");
    let dataset = after_load.saturating_sub(after_gen) / deals.max(1) as u64;
    println!("peak bytes per transaction added by parsing into the dataset: {dataset}");
    Ok(())
}
