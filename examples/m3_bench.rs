//! The M3 benchmark (issue 8): every monthly series of the M3 competition (1,428, horizon 18)
//! forecast by each method, scored by sMAPE and MASE as in the M3/M4 literature, with the time
//! per series. Run through `scripts/bench-m3.sh`, which prepares the data:
//! `cargo run --release --no-default-features --example m3_bench -- target/m3/m3_monthly.csv`.
//! Options: `--limit N` (the first N series), `--methods a,b` (a subset, by column name).

use spm_analytics::forecast::{accuracy, classic};
use std::time::{Duration, Instant};

const M: usize = 12;
const H: usize = 18;

struct Series {
    train: Vec<f64>,
    test: Vec<f64>,
}

type Method = fn(&[f64]) -> Vec<f64>;

fn ets_auto(y: &[f64]) -> Vec<f64> {
    spm_analytics::forecast::auto_forecast(y, M, H)
}

fn comb(y: &[f64]) -> Vec<f64> {
    let (a, b, c) = (ets_auto(y), classic::theta(y, M, H), classic::damped(y, M, H));
    a.iter().zip(&b).zip(&c).map(|((a, b), c)| (a + b + c) / 3.0).collect()
}

/// Each method with its published M3 monthly sMAPE (Makridakis and Hibon 2000; for ETS, the
/// band of published runs of R's `forecast::ets`), where there is one.
fn methods() -> Vec<(&'static str, Method, &'static str)> {
    vec![
        ("Naive2", |y| classic::naive2(y, M, H), "16.89"),
        ("Seasonal naive", |y| classic::seasonal_naive(y, M, H), "—"),
        ("SES", |y| classic::ses(y, M, H), "14.32"),
        ("Theta", |y| classic::theta(y, M, H), "13.85"),
        ("Damped", |y| classic::damped(y, M, H), "—"),
        ("ETS (auto)", ets_auto, "13.9–14.2"),
        ("Comb (ETS, Theta, Damped)", comb, "—"),
    ]
}

fn read(path: &str) -> Result<Vec<Series>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let nums = |s: &str| {
        s.split(' ').map(|v| v.parse::<f64>().map_err(|e| format!("{v}: {e}"))).collect::<Result<Vec<f64>, String>>()
    };
    text.lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split(',').collect();
            if cols.len() != 4 {
                return Err(format!("bad line: {line}"));
            }
            Ok(Series { train: nums(cols[2])?, test: nums(cols[3])? })
        })
        .collect()
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().ok_or("usage: m3_bench <m3_monthly.csv> [--limit N] [--methods a,b]")?;
    let mut limit = usize::MAX;
    let mut only: Option<Vec<String>> = None;
    let mut i = 1;
    while i < args.len() {
        match args[i].as_str() {
            "--limit" => limit = args.get(i + 1).and_then(|v| v.parse().ok()).ok_or("--limit N")?,
            "--methods" => only = args.get(i + 1).map(|v| v.split(',').map(str::to_string).collect()),
            other => return Err(format!("unknown option {other}")),
        }
        i += 2;
    }
    let all = read(path)?;
    if limit == usize::MAX && all.len() != 1428 {
        return Err(format!("expected the 1,428 monthly M3 series, found {}", all.len()));
    }
    let series: Vec<&Series> = all.iter().take(limit).collect();
    if series.iter().any(|s| s.test.len() != H) {
        return Err("every series must have 18 test values".into());
    }
    let started = Instant::now();
    println!("M3 monthly: {} series, horizon {H}, seasonal period {M}.\n", series.len());
    println!("| method | sMAPE (%) | MASE | time per series | published sMAPE |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for (name, f, published) in methods() {
        if only.as_ref().is_some_and(|o| !o.iter().any(|n| n == name)) {
            continue;
        }
        let (mut s_sum, mut m_sum, mut m_count) = (0.0, 0.0, 0usize);
        let mut time = Duration::ZERO;
        for s in &series {
            let t0 = Instant::now();
            let fc = f(&s.train);
            time += t0.elapsed();
            s_sum += accuracy::smape(&s.test, &fc);
            if let Some(v) = accuracy::mase(&s.train, &s.test, &fc, M) {
                m_sum += v;
                m_count += 1;
            }
        }
        let n = series.len() as f64;
        let per = time.as_secs_f64() / n * 1e3;
        println!("| {name} | {:.2} | {:.3} | {per:.3} ms | {published} |", s_sum / n, m_sum / m_count.max(1) as f64);
    }
    println!("\nPublished: Makridakis and Hibon (2000) for Naive2, SES and Theta (ForecastPro 13.86); published runs of R's forecast::ets for ETS.");
    println!("All methods on all series: {:.1} s.", started.elapsed().as_secs_f64());
    Ok(())
}
