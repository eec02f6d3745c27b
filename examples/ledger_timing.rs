//! The sample company's payout ledger, timed step by step (for profiling: `perf record`).
use spm_sample as sample;
use spm_wire::api;
use std::time::Instant;

fn main() {
    let s = sample::generate();
    let mut data = api::load_csv(&s.transactions_csv, &s.payees).unwrap();
    api::set_rates(&mut data, &s.rates_csv).unwrap();
    let plan = api::compile_plan(&s.plans[0]).unwrap();
    let n: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    for _ in 0..n {
        let t = Instant::now();
        let l = api::ledger(&plan, &data, &s.events_csv, None).unwrap();
        let entries: usize = l.payees.iter().map(|p| p.entries.len()).sum();
        println!("ledger: {:?} ({} payees, {} entries)", t.elapsed(), l.payees.len(), entries);
    }
}
