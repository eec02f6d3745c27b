//! Times the large benchmark company end to end (generate, load CSV, credit, calculate) once,
//! for quick profiling: `cargo run --release --no-default-features --example large`.

use spm_core::payout::Detail;
use spm_sample as sample;
use spm_wire::api;
use std::time::Instant;

fn main() {
    let t = Instant::now();
    let s = sample::large(9_000, 1_000_000, 7);
    println!("generate: {:?} ({} MB CSV)", t.elapsed(), s.transactions_csv.len() / 1_000_000);
    let t = Instant::now();
    let plan = api::compile_plan(&s.plans[0]).unwrap();
    let data = api::load_csv(&s.transactions_csv, &s.payees).unwrap();
    println!("load: {:?}", t.elapsed());
    let t = Instant::now();
    let credits = spm_core::credit::credit(&plan.plan, &data).unwrap();
    let lines: usize = credits.by_payee.iter().map(Vec::len).sum();
    println!("credit: {:?} ({lines} credited lines)", t.elapsed());
    let t = Instant::now();
    let report = spm_core::payout::calculate_credited(&plan.plan, &data, &credits, Detail::Summary).unwrap();
    let calc = t.elapsed();
    println!(
        "calculate: {calc:?} = {:.0} ns per credited line; {} statements, total {}",
        calc.as_nanos() as f64 / lines as f64,
        report.statements.len(),
        report.total
    );
    let t = Instant::now();
    let json = spm_wire::spec::report::Payout::new(&plan.plan, &data, report, &plan.warnings).to_json().unwrap();
    println!("summary JSON: {:?} ({} MB)", t.elapsed(), json.len() / 1_000_000);
    let t = Instant::now();
    let json2 = api::run_json(&plan, &data, Detail::Summary).unwrap();
    println!("run_json (credit + calculate + JSON): {:?}", t.elapsed());
    assert_eq!(json, json2, "the same run twice gives the same report");
}
