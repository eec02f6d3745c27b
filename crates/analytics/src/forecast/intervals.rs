//! Prediction intervals of a fitted ETS model (Hyndman et al. 2008, chapter 6).
//!
//! - Additive error, no multiplicative season (their class 1): exact. The `h`-step forecast
//!   error is `ε_{n+h} + Σ c_j ε_{n+h−j}` with `c_j = α + β·j` (`β·(φ + … + φ^j)` when damped)
//!   `+ γ` when `j` is a multiple of `m`; its variance is `σ²(1 + Σ_{j<h} c_j²)`, and the
//!   interval is the mean ± `z` standard deviations.
//! - Multiplicative error, no multiplicative season (class 2): the exact variance
//!   `(1 + σ²) θ_h − μ_h²` with `θ_1 = μ_1²`, `θ_h = μ_h² + σ² Σ_{j<h} c_j² θ_{h−j}`, and a
//!   normal interval around the mean with it.
//! - Multiplicative error and season (class 3): their small-σ approximation (§6.4),
//!   `s_h² [(1 + σ²)(1 + γ²σ²)^k θ_h − μ̃_h²]` with `μ̃` the forecast before the season, `θ` as
//!   in class 2 without the `γ` term in `c_j`, `s_h` the seasonal index and `k = ⌊(h − 1)/m⌋`.
//! - On request (and always for an additive error with a multiplicative season, which has
//!   neither): simulation. Future paths are drawn from the model with normal errors from a
//!   seeded generator (SplitMix64, the normal quantile of a uniform draw, antithetic pairs) and
//!   the interval is read from their quantiles (R's type 7). The same seed gives the same
//!   intervals on every platform.

use super::ets::{ErrorKind, SeasonKind, TrendKind};
use super::fit::Fit;
use super::math::{normal_quantile, powi, Rng};
use spm_base::quantile;

/// Paths drawn for a simulated interval.
pub const DEFAULT_PATHS: usize = 1000;

/// How an interval was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The exact variance of the forecast error and normal quantiles.
    Analytic,
    /// The small-σ approximation of the variance and normal quantiles.
    Approximate,
    /// Quantiles of this many simulated paths.
    Simulated(usize),
}

/// Simulation settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Simulation {
    /// Paths to draw (at least 2).
    pub paths: usize,
    /// The generator's seed.
    pub seed: u64,
    /// Simulate whatever the model (otherwise only where no formula exists).
    pub always: bool,
}

impl Default for Simulation {
    fn default() -> Self {
        Simulation { paths: DEFAULT_PATHS, seed: 1, always: false }
    }
}

/// A two-sided interval at one level for each step ahead.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// The coverage, such as 0.8.
    pub level: f64,
    /// Lower bounds, one per step.
    pub lower: Vec<f64>,
    /// Upper bounds, one per step.
    pub upper: Vec<f64>,
}

/// Intervals of `fit` for `h` steps at each level (each in (0, 1)).
pub fn bands(fit: &Fit, h: usize, levels: &[f64], sim: Simulation) -> (Vec<Band>, Method) {
    let multiplicative_season = fit.model.season == SeasonKind::Multiplicative;
    if sim.always || (multiplicative_season && fit.model.error == ErrorKind::Additive) {
        let paths = sim.paths.max(2);
        return (simulate(fit, h, levels, paths, sim.seed), Method::Simulated(paths));
    }
    let s2 = fit.sigma2;
    if multiplicative_season {
        let (mean, var) = class3(fit, h);
        return (normal_bands(&mean, &var, levels), Method::Approximate);
    }
    let mean = fit.forecast(h);
    let c = coefficients(fit, h, true);
    let var: Vec<f64> = match fit.model.error {
        ErrorKind::Additive => {
            let mut acc = 1.0;
            (0..h)
                .map(|i| {
                    if i > 0 {
                        acc += c[i] * c[i];
                    }
                    s2 * acc
                })
                .collect()
        }
        ErrorKind::Multiplicative => {
            let theta = thetas(&mean, &c, s2);
            theta.iter().zip(&mean).map(|(t, mu)| ((1.0 + s2) * t - mu * mu).max(0.0)).collect()
        }
    };
    (normal_bands(&mean, &var, levels), Method::Analytic)
}

/// `θ_1 = μ_1²`, `θ_h = μ_h² + σ² Σ_{j<h} c_j² θ_{h−j}`.
fn thetas(mean: &[f64], c: &[f64], s2: f64) -> Vec<f64> {
    let mut theta: Vec<f64> = Vec::with_capacity(mean.len());
    for i in 0..mean.len() {
        let mut t = mean[i] * mean[i];
        for j in 1..=i {
            t += s2 * c[j] * c[j] * theta[i - j];
        }
        theta.push(t);
    }
    theta
}

/// The class 3 mean and approximate variance.
fn class3(fit: &Fit, h: usize) -> (Vec<f64>, Vec<f64>) {
    let (p, last, s2) = (&fit.params, &fit.last, fit.sigma2);
    let m = last.season.len().max(1);
    let phi = if fit.model.trend == TrendKind::Damped { p.phi } else { 1.0 };
    let (mut damp, mut pow) = (0.0, 1.0);
    let level: Vec<f64> = (0..h)
        .map(|_| {
            pow *= phi;
            damp += pow;
            if fit.model.trended() {
                last.level + damp * last.trend
            } else {
                last.level
            }
        })
        .collect();
    let theta = thetas(&level, &coefficients(fit, h, false), s2);
    let g = 1.0 + p.gamma * p.gamma * s2;
    let mut mean = Vec::with_capacity(h);
    let mut var = Vec::with_capacity(h);
    for i in 0..h {
        let s = last.season.get(i % m).copied().unwrap_or(1.0);
        mean.push(level[i] * s);
        let k = (i / m) as u32;
        var.push((s * s * ((1.0 + s2) * powi(g, k) * theta[i] - level[i] * level[i])).max(0.0));
    }
    (mean, var)
}

/// Normal intervals: the mean ± `z` standard deviations.
fn normal_bands(mean: &[f64], var: &[f64], levels: &[f64]) -> Vec<Band> {
    levels
        .iter()
        .map(|&level| {
            let z = normal_quantile(0.5 + level / 2.0);
            let half: Vec<f64> = var.iter().map(|v| z * v.sqrt()).collect();
            Band {
                level,
                lower: mean.iter().zip(&half).map(|(m, d)| m - d).collect(),
                upper: mean.iter().zip(&half).map(|(m, d)| m + d).collect(),
            }
        })
        .collect()
}

/// `c_j` for `j = 0..h` (`c_0` unused), with or without the seasonal `γ` term.
fn coefficients(fit: &Fit, h: usize, with_gamma: bool) -> Vec<f64> {
    let p = &fit.params;
    let m = fit.last.season.len();
    let (mut damp, mut pow) = (0.0, 1.0);
    (0..h)
        .map(|j| {
            if j > 0 {
                pow *= p.phi;
                damp += pow;
            }
            let trend = match fit.model.trend {
                TrendKind::None => 0.0,
                TrendKind::Additive => p.beta * j as f64,
                TrendKind::Damped => p.beta * damp,
            };
            let season = if with_gamma && m > 0 && j > 0 && j % m == 0 { p.gamma } else { 0.0 };
            p.alpha + trend + season
        })
        .collect()
}

/// Simulated paths' quantiles. Paths come in antithetic pairs (the same draws with opposite
/// signs), which halves the draws and balances the two tails; a draw is the normal quantile of a
/// uniform number (only the outer 15% of draws need a logarithm).
fn simulate(fit: &Fit, h: usize, levels: &[f64], paths: usize, seed: u64) -> Vec<Band> {
    let mut rng = Rng::new(seed);
    let mut draws = vec![0.0; h * paths];
    let mut z = vec![0.0; h];
    let mut path = vec![0.0; h];
    let mut ring = fit.last.season.clone();
    for k in 0..paths {
        if k % 2 == 0 {
            z.iter_mut().for_each(|v| *v = rng.normal());
        } else {
            z.iter_mut().for_each(|v| *v = -*v);
        }
        simulate_path(fit, &z, &mut ring, &mut path);
        for (i, y) in path.iter().enumerate() {
            draws[i * paths + k] = *y;
        }
    }
    let mut out: Vec<Band> = levels
        .iter()
        .map(|&level| Band { level, lower: Vec::with_capacity(h), upper: Vec::with_capacity(h) })
        .collect();
    for i in 0..h {
        let step = &mut draws[i * paths..(i + 1) * paths];
        for (band, &level) in out.iter_mut().zip(levels) {
            band.lower.push(quantile::linear(step, 0.5 - level / 2.0));
            band.upper.push(quantile::linear(step, 0.5 + level / 2.0));
        }
    }
    out
}

/// One future path of the model from its last states, with standard normal shocks `z`.
fn simulate_path(fit: &Fit, z: &[f64], ring: &mut [f64], out: &mut [f64]) {
    let (model, p) = (fit.model, &fit.params);
    let sigma = fit.sigma2.max(0.0).sqrt();
    let m = ring.len();
    let phi = if model.trend == TrendKind::Damped { p.phi } else { 1.0 };
    let (mut l, mut b) = (fit.last.level, fit.last.trend);
    ring.copy_from_slice(&fit.last.season);
    for (i, (zi, o)) in z.iter().zip(out.iter_mut()).enumerate() {
        let t = if model.trended() { l + phi * b } else { l };
        let s = if m > 0 { ring[i % m] } else { 0.0 };
        let mu = match model.season {
            SeasonKind::None => t,
            SeasonKind::Additive => t + s,
            SeasonKind::Multiplicative => t * s,
        };
        let mut y = match model.error {
            ErrorKind::Additive => mu + sigma * zi,
            ErrorKind::Multiplicative => mu * (1.0 + sigma * zi),
        };
        if !y.is_finite() {
            y = mu;
        }
        let r = y - mu;
        let (nl, nb, ns) = match model.season {
            SeasonKind::Multiplicative => (t + p.alpha * r / s, phi * b + p.beta * r / s, s + p.gamma * r / t),
            _ => (t + p.alpha * r, phi * b + p.beta * r, s + p.gamma * r),
        };
        if nl.is_finite() && nb.is_finite() && ns.is_finite() {
            l = nl;
            b = nb;
            if m > 0 {
                ring[i % m] = ns;
            }
        }
        *o = y;
    }
}
