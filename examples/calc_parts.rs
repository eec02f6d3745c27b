//! Times the calculation of the benchmark company per component (each alone in the plan), to see
//! where a statement's time goes: `cargo run --release --no-default-features --example calc_parts`.

use spm_core::payout::Detail;
use spm_sample as sample;
use spm_wire::api;
use std::time::Instant;

fn main() {
    let s = sample::large(9_000, 1_000_000, 7);
    let data = api::load_csv(&s.transactions_csv, &s.payees).unwrap();
    let full: serde_json::Value = serde_json::from_str(&s.plans[0]).unwrap();
    let n = full["components"].as_array().unwrap().len();
    let mut variants: Vec<(String, String)> = vec![("all".into(), s.plans[0].clone())];
    for i in 0..n {
        let mut v = full.clone();
        let c = v["components"][i].clone();
        v["components"] = serde_json::Value::Array(vec![c.clone()]);
        variants.push((c["id"].as_str().unwrap().to_string(), v.to_string()));
    }
    let mut none = full.clone();
    none["components"] = serde_json::Value::Array(vec![]);
    let only = std::env::var("ONLY").ok();
    for (name, text) in variants {
        if only.as_ref().is_some_and(|o| *o != name) {
            continue;
        }
        let plan = api::compile_plan(&text).unwrap();
        let credits = spm_core::credit::credit(&plan.plan, &data).unwrap();
        let mut best = f64::MAX;
        for _ in 0..std::env::var("N").ok().and_then(|n| n.parse().ok()).unwrap_or(5) {
            let t = Instant::now();
            let r = spm_core::payout::calculate_credited(&plan.plan, &data, &credits, Detail::Summary).unwrap();
            best = best.min(t.elapsed().as_secs_f64() * 1e3);
            assert!(!r.statements.is_empty());
        }
        println!("{name}: best {best:.1} ms");
    }
}
