//! One 36-month series fitted and forecast (issue 8's speed target: under 1 ms), natively:
//! ETS with automatic model choice over every admissible model, 12 months ahead, alone and
//! through the whole wire format (checking, intervals, sentences, JSON), and that with intervals
//! from 1,000 simulated paths. Series: seasonal with a trend and noise, and the same without a
//! season (all 15 models are fitted to both). Medians of 200 series; the maximum shows how much
//! a busy machine can add.
//! `cargo run --release --no-default-features --example forecast_timing`

use spm_analytics::forecast::{auto_forecast, forecast_json_text};
use std::time::Instant;

const SEASON: [f64; 12] = [0.80, 0.85, 1.05, 0.95, 1.00, 1.10, 0.90, 0.85, 1.05, 1.10, 1.05, 1.30];

/// A 36-month series with noise from a fixed xorshift generator.
fn series(seed: u64, seasonal: bool) -> Vec<f64> {
    let mut s = seed | 1;
    (0..36)
        .map(|t| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            let noise = (s % 10_000) as f64 / 10_000.0 - 0.5;
            let season = if seasonal { SEASON[t % 12] } else { 1.0 };
            ((40_000.0 + 300.0 * t as f64) * season * (1.0 + 0.2 * noise) * 100.0).round() / 100.0
        })
        .collect()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let reps = 200;
    for seasonal in [true, false] {
        let all: Vec<Vec<f64>> = (1..=reps).map(|k| series(k * 7919, seasonal)).collect();
        let (mut core, mut wire, mut sim) = (Vec::new(), Vec::new(), Vec::new());
        // One call first, so the first timing does not pay for faulting in code and heap.
        auto_forecast(&all[0], 12, 12);
        for y in &all {
            let t0 = Instant::now();
            let f = auto_forecast(y, 12, 12);
            core.push(t0.elapsed().as_secs_f64() * 1e3);
            assert_eq!(f.len(), 12);
            let values: Vec<String> = y.iter().map(|v| format!("{v:.2}")).collect();
            let mut input =
                serde_json::json!({"series": [{"id": "s", "start": "2024-01", "values": values}], "horizon": 12});
            let t0 = Instant::now();
            let out = forecast_json_text(&input.to_string());
            wire.push(t0.elapsed().as_secs_f64() * 1e3);
            assert!(out.is_ok());
            input["simulate"] = serde_json::json!(true);
            let t0 = Instant::now();
            let out = forecast_json_text(&input.to_string());
            sim.push(t0.elapsed().as_secs_f64() * 1e3);
            assert!(out.is_ok());
        }
        let kind = if seasonal { "seasonal" } else { "not seasonal" };
        println!(
            "36 months, {kind}, 15 models: fit + forecast median {:.3} ms (slowest series {:.3} ms, #{}); whole wire \
             call median {:.3} ms, with 1,000 simulated paths {:.3} ms",
            median(core.clone()),
            core.iter().copied().fold(0.0, f64::max),
            core.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).map_or(0, |m| m.0),
            median(wire),
            median(sim)
        );
    }
}
