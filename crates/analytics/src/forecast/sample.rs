//! Three years of monthly bookings for the sample company's 42 reps in six teams, as a
//! forecast input (company → teams → reps, aggregates as their children's sums), for the
//! insights page and demos. Each rep has a level, a monthly growth rate, and noise. The shared
//! seasonal shape has quarter-end pushes, a strong December and a quiet summer. Some reps started
//! during the three years. Same seed, same text, natively and in wasm: the draws are SplitMix64
//! integers, and only `+ − × ÷` and Rust's own formatting make the amounts.

use crate::forecast::dto::{BacktestInputDto, ForecastInputDto, SeriesInputDto, SeriesLevelDto};
use rust_decimal::Decimal;
use spm_base::dec::Dec;
use spm_base::rng::Rng;
use std::str::FromStr;

/// The first month of the history.
pub const START: &str = "2023-10";
/// Months of history (October 2023 to September 2026).
pub const MONTHS: usize = 36;

/// January to December: quarter-end pushes, a strong December, a quiet summer.
const SEASON: [f64; 12] = [0.78, 0.92, 1.22, 0.86, 0.95, 1.2, 0.8, 0.74, 1.18, 0.96, 1.04, 1.35];

/// The forecast input: 12 months ahead with 80% and 95% intervals and a 6-origin back-test.
pub fn sample(seed: u64) -> ForecastInputDto {
    let sample = spm_sample::generate();
    let people: Vec<serde_json::Value> = serde_json::from_str(&sample.payees).unwrap_or_default();
    let text = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
    let mut rng = Rng(seed ^ 0x005E_EDF0_CA57);
    let mut unit = move || (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
    let mut series = vec![SeriesInputDto {
        id: "company".into(),
        name: Some(sample.company.clone()),
        level: Some(SeriesLevelDto::Company),
        ..Default::default()
    }];
    for m in people.iter().filter(|p| text(p, "role") == "manager") {
        series.push(SeriesInputDto {
            id: text(m, "id"),
            name: Some(format!("Team {}", text(m, "name"))),
            level: Some(SeriesLevelDto::Team),
            parent: Some("company".into()),
            ..Default::default()
        });
    }
    for (k, r) in people.iter().filter(|p| text(p, "role") == "rep").enumerate() {
        let level = 90_000.0 + 90_000.0 * unit();
        let growth = 0.002 + 0.012 * unit();
        // One rep in six started during the history (at least 12 months ago).
        let first = if k % 6 == 5 { 3 + (unit() * 20.0) as usize } else { 0 };
        let values: Vec<Dec> = (first..MONTHS)
            .map(|t| {
                let month = (9 + t) % 12; // index into SEASON: the history starts in October
                let ramp = if first > 0 { ((t - first + 1) as f64 / 4.0).min(1.0) } else { 1.0 };
                let noise = 0.82 + 0.36 * unit();
                let v = level * (1.0 + growth * t as f64) * SEASON[month] * ramp * noise;
                Dec::new(Decimal::from_str(&format!("{v:.2}")).unwrap_or(Decimal::ZERO))
            })
            .collect();
        series.push(SeriesInputDto {
            id: text(r, "id"),
            name: Some(text(r, "name")),
            level: Some(SeriesLevelDto::Rep),
            parent: Some(text(r, "managerId")),
            start: Some(month_after(START, first)),
            values: Some(values),
        });
    }
    ForecastInputDto {
        schema_version: Some(1),
        series,
        horizon: 12,
        intervals: Some(vec![Dec::new(Decimal::new(8, 1)), Dec::new(Decimal::new(95, 2))]),
        model: None,
        simulate: None,
        seed: None,
        paths: None,
        backtest: Some(BacktestInputDto { origins: 6, horizon: Some(6) }),
    }
}

/// [`sample`] as JSON text.
pub fn sample_json(seed: u64) -> String {
    serde_json::to_string(&sample(seed)).unwrap_or_default()
}

/// `YYYY-MM` plus `n` months.
fn month_after(start: &str, n: usize) -> String {
    let y: usize = start.get(0..4).and_then(|s| s.parse().ok()).unwrap_or(2023);
    let m: usize = start.get(5..7).and_then(|s| s.parse().ok()).unwrap_or(1);
    let k = y * 12 + (m - 1) + n;
    format!("{:04}-{:02}", k / 12, k % 12 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_add_across_years() {
        assert_eq!(month_after("2023-10", 0), "2023-10");
        assert_eq!(month_after("2023-10", 3), "2024-01");
        assert_eq!(month_after("2023-10", 35), "2026-09");
    }

    #[test]
    fn the_sample_forecasts_and_is_the_same_every_time() {
        let a = sample_json(7);
        assert_eq!(a, sample_json(7));
        let input = sample(7);
        assert_eq!(input.series.len(), 1 + 6 + 42);
        let out = crate::forecast::forecast(&input).unwrap();
        assert_eq!(out.series.len(), 49);
        assert!(out.series.iter().all(|s| s.forecast.len() == 12));
    }
}
