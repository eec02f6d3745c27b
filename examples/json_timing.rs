//! Times the summary report as JSON for the benchmark company: `to_dto` +
//! `serde_json::to_string` against `spec::report_json` (written straight from the report):
//! `cargo run --release --no-default-features --example json_timing`.

use spm_core::payout::Detail;
use spm_sample as sample;
use spm_wire::api;
use spm_wire::spec;
use std::time::{Duration, Instant};

/// Times one call, dropping its result outside the timing.
fn time(f: impl Fn() -> String) -> Duration {
    let t = Instant::now();
    let s = f();
    let d = t.elapsed();
    drop(s);
    d
}

fn min_median(mut v: Vec<Duration>) -> String {
    v.sort();
    format!(
        "min {:?}, median {:?}",
        v.first().unwrap_or(&Duration::ZERO),
        v.get(v.len() / 2).unwrap_or(&Duration::ZERO)
    )
}

fn main() {
    let s = sample::large(9_000, 1_000_000, 7);
    let plan = api::compile_plan(&s.plans[0]).unwrap();
    let data = api::load_csv(&s.transactions_csv, &s.payees).unwrap();
    let t = Instant::now();
    let report = spm_core::payout::calculate(&plan.plan, &data, Detail::Summary).unwrap();
    println!("calculate: {:?}; {} statements", t.elapsed(), report.statements.len());
    // For profiling: `JSON_ONLY=20` runs only report_json, that many times.
    if let Some(n) = std::env::var("JSON_ONLY").ok().and_then(|n| n.parse::<usize>().ok()) {
        let runs: Vec<Duration> = (0..n)
            .map(|_| time(|| spec::report_json::report_json(&plan.plan, &data, &report, &plan.warnings)))
            .collect();
        println!("report_json only: {}", min_median(runs));
        return;
    }

    let t = Instant::now();
    let dto = spec::report::to_dto(&plan.plan, &data, &report, &plan.warnings);
    let to_dto = t.elapsed();
    let t = Instant::now();
    let serde = serde_json::to_string(&dto).unwrap();
    let to_string = t.elapsed();
    drop(dto);
    println!("first run: to_dto {to_dto:?} + serde_json::to_string {to_string:?} = {:?}", to_dto + to_string);
    let t = Instant::now();
    let direct = spec::report_json::report_json(&plan.plan, &data, &report, &plan.warnings);
    println!("first run: report_json {:?}", t.elapsed());

    assert!(direct == serde, "report_json differs from to_dto + serde_json");
    println!(
        "{} bytes, capacity {} ({:.3} of the length)",
        direct.len(),
        direct.capacity(),
        direct.capacity() as f64 / direct.len() as f64
    );
    drop((direct, serde));
    let (mut old, mut new) = (Vec::new(), Vec::new());
    for _ in 0..7 {
        old.push(time(|| {
            serde_json::to_string(&spec::report::to_dto(&plan.plan, &data, &report, &plan.warnings)).unwrap()
        }));
        new.push(time(|| spec::report_json::report_json(&plan.plan, &data, &report, &plan.warnings)));
    }
    println!("7 interleaved runs: to_dto + serde_json::to_string {}; report_json {}", min_median(old), min_median(new));
}
