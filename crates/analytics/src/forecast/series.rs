//! One series' forecast: the model (chosen by AICc or given), its point forecasts and intervals,
//! the naive fallback for series too short for any ETS model, and the rolling-origin back-test.

use super::accuracy::{mase, smape};
use super::check::Choice;
use super::classic::{naive2, seasonal_naive, seasonality_test, SeasonalTest};
use super::ets::Model;
use super::fit::{candidates, fit, select, Fit};
use super::intervals::{bands, Band, Method, Simulation};
use super::math::normal_quantile;

/// Months in a seasonal cycle.
pub const PERIOD: usize = 12;

/// Everything computed for one series.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The fitted model (`None`: the naive fallback).
    pub fit: Option<Fit>,
    /// Models compared, lowest AICc first (automatic choice only).
    pub ranking: Vec<(Model, f64)>,
    /// The seasonality test (series of three cycles or more).
    pub test: Option<SeasonalTest>,
    /// Point forecasts.
    pub mean: Vec<f64>,
    /// Intervals, one per level.
    pub bands: Vec<Band>,
    /// How they were made.
    pub method: Method,
    /// One-step fitted values.
    pub fitted: Vec<f64>,
    /// The back-test.
    pub accuracy: Option<Accuracy>,
}

/// A back-test's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Accuracy {
    /// Origins used.
    pub origins: usize,
    /// Months forecast from each.
    pub horizon: usize,
    /// Index of the first month the earliest origin forecasts.
    pub first: usize,
    /// `(method, sMAPE, MASE)` averaged over the origins.
    pub methods: Vec<(String, f64, Option<f64>)>,
}

/// Why a given model cannot be fitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unfit(pub String);

/// Forecasts `y` for `h` months with intervals at `levels`.
///
/// # Errors
/// [`Unfit`] when a given model cannot be fitted to `y` (too short, or not positive for a
/// multiplicative part). The automatic choice always succeeds: below 5 values it falls back to
/// the naive forecast.
pub fn forecast(y: &[f64], h: usize, choice: Choice, levels: &[f64], sim: Simulation) -> Result<Outcome, Unfit> {
    let test = seasonality_test(y, PERIOD);
    let (fit, ranking) = match choice {
        Choice::Auto => match select(y, PERIOD, &candidates(y, PERIOD, true)) {
            Some(s) => (Some(s.best), s.ranking),
            None => (None, Vec::new()),
        },
        Choice::Fixed(model) => match fit(model, y, PERIOD) {
            Some(f) => (Some(f), Vec::new()),
            None => return Err(Unfit(why_not(model, y))),
        },
    };
    let Some(fit) = fit else {
        let (mean, bands, fitted) = naive(y, h, levels);
        return Ok(Outcome { fit: None, ranking, test, mean, bands, method: Method::Analytic, fitted, accuracy: None });
    };
    let mean = fit.forecast(h);
    let (bands, method) = bands(&fit, h, levels, sim);
    let fitted = fit.fitted.clone();
    Ok(Outcome { fit: Some(fit), ranking, test, mean, bands, method, fitted, accuracy: None })
}

/// Point forecasts only, as the back-test needs them (a given model that cannot be fitted to a
/// short training window falls back to the automatic choice).
pub fn point(y: &[f64], h: usize, choice: Choice) -> Vec<f64> {
    let chosen = match choice {
        Choice::Fixed(model) => fit(model, y, PERIOD),
        Choice::Auto => None,
    };
    match chosen.or_else(|| select(y, PERIOD, &candidates(y, PERIOD, true)).map(|s| s.best)) {
        Some(f) => f.forecast(h),
        None => vec![y.last().copied().unwrap_or(0.0); h],
    }
}

/// The rolling-origin back-test: for each of the last `origins` origins `t` (with at least 3
/// months before it), every method forecasts `y[t..t + h]` from `y[..t]`; sMAPE and MASE (scaled
/// by the training window's seasonal naive error) are averaged over the origins. `None` when the
/// series has no room for a single origin.
pub fn backtest(y: &[f64], origins: usize, h: usize, choice: Choice) -> Option<Accuracy> {
    let n = y.len();
    let last = n.checked_sub(h)?;
    let first = last.saturating_sub(origins.max(1) - 1).max(3);
    if first > last {
        return None;
    }
    let names = ["ETS", "Naive2", "Seasonal naive"];
    let mut sums = [(0.0, 0.0, 0usize); 3];
    for t in first..=last {
        let (train, test) = (&y[..t], &y[t..t + h]);
        let forecasts = [point(train, h, choice), naive2(train, PERIOD, h), seasonal_naive(train, PERIOD, h)];
        for (s, f) in sums.iter_mut().zip(&forecasts) {
            s.0 += smape(test, f);
            if let Some(v) = mase(train, test, f, PERIOD) {
                s.1 += v;
                s.2 += 1;
            }
        }
    }
    let k = (last - first + 1) as f64;
    let methods = names
        .iter()
        .zip(sums)
        .map(|(name, (s, m, c))| (name.to_string(), s / k, (c > 0).then(|| m / c as f64)))
        .collect();
    Some(Accuracy { origins: last - first + 1, horizon: h, first, methods })
}

/// The naive forecast (the last value) with intervals from the mean squared month-on-month
/// change `σ²`: the `h`-step variance of a random walk, `h σ²`.
fn naive(y: &[f64], h: usize, levels: &[f64]) -> (Vec<f64>, Vec<Band>, Vec<f64>) {
    let last = y.last().copied().unwrap_or(0.0);
    let diffs = y.len().saturating_sub(1).max(1) as f64;
    let s2 = y.windows(2).map(|w| (w[1] - w[0]) * (w[1] - w[0])).sum::<f64>() / diffs;
    let mean = vec![last; h];
    let bands = levels
        .iter()
        .map(|&level| {
            let z = normal_quantile(0.5 + level / 2.0);
            let half: Vec<f64> = (1..=h).map(|k| z * (k as f64 * s2).sqrt()).collect();
            Band {
                level,
                lower: half.iter().map(|d| last - d).collect(),
                upper: half.iter().map(|d| last + d).collect(),
            }
        })
        .collect();
    let fitted = y.iter().enumerate().map(|(t, v)| if t == 0 { *v } else { y[t - 1] }).collect();
    (mean, bands, fitted)
}

/// Why `model` cannot be fitted to `y`, in words.
fn why_not(model: Model, y: &[f64]) -> String {
    let name = model.name();
    if model.needs_positive() && y.iter().any(|v| *v <= 0.0) {
        return format!("{name} has multiplicative parts, which need every value above 0");
    }
    let need = (model.param_count(PERIOD) + 2).max(if model.seasonal() { 2 * PERIOD } else { 0 });
    if y.len() < need {
        return format!("{name} needs at least {need} months of history, the series has {}", y.len());
    }
    format!("{name} could not be fitted to this series (its fitted values leave the positive range)")
}
