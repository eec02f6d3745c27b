//! Repeats the calculation of the benchmark company (credits prepared once) for profiling it alone:
//! `cargo run --release --no-default-features --example calc`.

use spm_core::payout::Detail;
use spm_sample as sample;
use spm_wire::api;
use std::time::Instant;

fn main() {
    let s = sample::large(9_000, 1_000_000, 7);
    let plan = api::compile_plan(&s.plans[0]).unwrap();
    let data = api::load_csv(&s.transactions_csv, &s.payees).unwrap();
    let credits = spm_core::credit::credit(&plan.plan, &data).unwrap();
    for _ in 0..std::env::var("N").ok().and_then(|n| n.parse().ok()).unwrap_or(5) {
        let t = Instant::now();
        let r = spm_core::payout::calculate_credited(&plan.plan, &data, &credits, Detail::Summary).unwrap();
        println!("calculate: {:?} ({} statements)", t.elapsed(), r.statements.len());
    }
}
