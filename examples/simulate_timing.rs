//! Monte Carlo plan costing, timed natively: the benchmark company's 1,000 reps (three-component
//! plan) through 10,000 trials, split into the set-up (options, history fit, payout curves from
//! real runs) and the trials; then the sample company's result in brief.
//! `cargo run --release --example simulate_timing [reps] [trials]`

use spm_analytics::simulate::Simulation;
use spm_wire::api;
use std::time::Instant;

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let reps = args.first().copied().unwrap_or(1000);
    let trials = args.get(1).copied().unwrap_or(10_000);
    let s = spm_sample::large(reps, reps * 100, 7);
    let plan = api::compile_plan(&s.plans[0]).expect("plan");
    let data = api::load_csv(&s.transactions_csv, &s.payees).expect("data");
    let opts = format!(r#"{{"trials":{trials},"seed":7,"roles":["rep"],"correlation":"0.2"}}"#);
    let t0 = Instant::now();
    let mut sim = Simulation::from_json(&plan, &data, &opts).expect("simulation");
    let t1 = Instant::now();
    let r = sim.result();
    let t2 = Instant::now();
    println!(
        "benchmark company: {} reps x {} trials: set-up {:.1} ms ({} curves, {} runs), trials {:.1} ms ({:.1} ns per rep-trial)",
        r.reps.len(),
        r.trials,
        (t1 - t0).as_secs_f64() * 1e3,
        r.curves.len(),
        r.curves.iter().map(|c| c.runs).sum::<usize>(),
        (t2 - t1).as_secs_f64() * 1e3,
        (t2 - t1).as_secs_f64() * 1e9 / (r.reps.len() * r.trials) as f64
    );
    println!(
        "  total cost P10 {} P50 {} P90 {}, cost of sales P50 {}, at or above quota {}",
        r.total_cost.p10, r.total_cost.p50, r.total_cost.p90, r.cost_of_sales.p50, r.at_or_above_quota
    );
    // Chunked: the same result.
    let mut chunked = Simulation::from_json(&plan, &data, &opts).expect("simulation");
    while chunked.step(997).trials_done < trials {}
    assert_eq!(chunked.result(), r, "chunking changed the result");

    let sample = spm_sample::generate();
    let plan = api::compile_plan(&sample.plans[0]).expect("plan");
    let data = api::load_csv(&sample.transactions_csv, &sample.payees).expect("data");
    let t0 = Instant::now();
    let mut sim = Simulation::from_json(&plan, &data, r#"{"trials":10000,"budget":"1400000"}"#).expect("simulation");
    let r = sim.result();
    println!(
        "sample company ({} reps, {}): {:.1} ms; total cost P10 {} P50 {} P90 {}; chance over 1,400,000: {}",
        r.reps.len(),
        r.period,
        t0.elapsed().as_secs_f64() * 1e3,
        r.total_cost.p10,
        r.total_cost.p50,
        r.total_cost.p90,
        r.exceed_budget.as_deref().unwrap_or("-")
    );
    for c in &r.curves {
        println!(
            "  curve: {} reps, quota {}, {} knots, {} runs, linear {}, bound {}",
            c.reps, c.quota, c.knots, c.runs, c.piecewise_linear, c.error_bound
        );
    }
    for p in r.reps.iter().take(3) {
        println!("  {} {:?}: P10 {} P50 {} P90 {} mean {}", p.id, p.distribution, p.p10, p.p50, p.p90, p.mean);
    }
}
