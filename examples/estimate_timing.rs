//! One payee with 1,000 deals this year: how long an estimate takes (native), step by step.
use spm_wire::api;
use std::time::Instant;

fn main() {
    let plan = spm_sample::generate().plans[0].clone();
    let plan = api::compile_plan(&plan).unwrap();
    let deals: Vec<String> = (0..1000)
        .map(|i| {
            format!(
                r#"{{"id":"s{i}","date":"2026-{:02}-{:02}","amount":"{}.00","type":"new","product":"Platform"}}"#,
                1 + i % 5,
                1 + i % 28,
                1000 + (i * 37) % 9000
            )
        })
        .collect();
    let state = format!(
        r#"{{"payee":{{"id":"me","name":"Me","targetIncentive":"20000","inputs":[{{"name":"nps","value":"50"}}],"quotas":[{{"component":"new-business","amount":"1500000.00"}}]}},"deals":[{}],"asOf":"2026-05-20"}}"#,
        deals.join(",")
    );
    let t = Instant::now();
    let e = spm_testkit::estimator(&plan, &state).unwrap();
    println!("prepare: {:?}", t.elapsed());
    let d =
        spm_analytics::estimate::parse_deals(r#"[{"amount":"25000.00","type":"new","product":"Platform"}]"#).unwrap();
    let mut times = Vec::new();
    let n: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    for _ in 0..n {
        let t = Instant::now();
        let r = e.estimate_with(&d, std::env::var("EXPLAIN").is_ok()).unwrap();
        times.push(t.elapsed().as_secs_f64() * 1e6);
        std::hint::black_box(r);
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!("estimate: median {:.1} µs, min {:.1} µs", times[times.len() / 2], times[0]);
}
