//! The classical benchmarks of the M3 and M4 competitions: the 90% autocorrelation test for
//! seasonality, classical decomposition, and the forecasts Naive2, SES, Theta and a damped trend
//! on seasonally adjusted data (Makridakis and Hibon 2000; Assimakopoulos and Nikolopoulos 2000;
//! Hyndman and Billah 2003).
//!
//! Seasonal adjustment follows the M4 benchmarks: when the series is long enough (three full
//! cycles) and its autocorrelation at lag `m` passes the 90% test, it is divided by the seasonal
//! indices of a classical multiplicative decomposition, forecast, and multiplied back.

use super::ets::{ErrorKind, Model, SeasonKind, TrendKind};
use super::math::powi;

/// The outcome of the seasonality test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeasonalTest {
    /// The sample autocorrelation at lag `m`.
    pub acf: f64,
    /// The 90% limit it is compared with: `1.645 √((1 + 2 Σ_{k<m} r_k²) / n)`.
    pub limit: f64,
    /// `|acf| > limit`.
    pub seasonal: bool,
}

/// The sample autocorrelations at lags `1..=max_lag` (R's `acf`: the mean removed, divided by
/// the lag-0 sum).
pub fn acf(y: &[f64], max_lag: usize) -> Vec<f64> {
    let n = y.len();
    let mean = y.iter().sum::<f64>() / n.max(1) as f64;
    let d: Vec<f64> = y.iter().map(|v| v - mean).collect();
    let c0: f64 = d.iter().map(|v| v * v).sum::<f64>();
    (1..=max_lag)
        .map(|k| {
            if c0 <= 0.0 || k >= n {
                return 0.0;
            }
            d.iter().zip(&d[k..]).map(|(a, b)| a * b).sum::<f64>() / c0
        })
        .collect()
}

/// The 90% autocorrelation test at lag `m` of the M4 benchmarks (`None` when `m < 2` or the
/// series is shorter than three cycles: then it is treated as not seasonal).
pub fn seasonality_test(y: &[f64], m: usize) -> Option<SeasonalTest> {
    if m < 2 || y.len() < 3 * m {
        return None;
    }
    let r = acf(y, m);
    let s: f64 = r[..m - 1].iter().map(|v| v * v).sum::<f64>();
    let limit = 1.645 * ((1.0 + 2.0 * s) / y.len() as f64).sqrt();
    let a = r[m - 1];
    Some(SeasonalTest { acf: a, limit, seasonal: a.abs() > limit })
}

/// Classical decomposition's seasonal figure (R's `decompose`): the centred moving average of
/// order `m` (2×m when `m` is even) as the trend, the detrended values averaged by position in
/// the cycle, then normalised to mean 1 (multiplicative) or 0 (additive). `figure[i]` belongs
/// to the periods `t ≡ i (mod m)`. `None` when there are fewer than two cycles, or a
/// multiplicative figure meets a trend that is not positive.
pub fn seasonal_figure(y: &[f64], m: usize, multiplicative: bool) -> Option<Vec<f64>> {
    let n = y.len();
    if m < 2 || n < 2 * m {
        return None;
    }
    let half = m / 2;
    let (mut sums, mut counts) = (vec![0.0; m], vec![0usize; m]);
    for t in half..n - half {
        let trend = if m % 2 == 0 {
            let inner: f64 = y[t + 1 - half..t + half].iter().sum::<f64>();
            (0.5 * y[t - half] + inner + 0.5 * y[t + half]) / m as f64
        } else {
            y[t - half..=t + half].iter().sum::<f64>() / m as f64
        };
        let v = if multiplicative {
            if trend <= 0.0 {
                return None;
            }
            y[t] / trend
        } else {
            y[t] - trend
        };
        sums[t % m] += v;
        counts[t % m] += 1;
    }
    if counts.contains(&0) {
        return None;
    }
    let figure: Vec<f64> = sums.iter().zip(&counts).map(|(s, &c)| s / c as f64).collect();
    let mean = figure.iter().sum::<f64>() / m as f64;
    if multiplicative {
        if mean <= 0.0 || figure.iter().any(|v| *v <= 0.0) {
            return None;
        }
        Some(figure.iter().map(|v| v / mean).collect())
    } else {
        Some(figure.iter().map(|v| v - mean).collect())
    }
}

/// Seasonal adjustment as the M4 benchmarks do it: the multiplicative figure when the series
/// passes the seasonality test (and is positive), else none.
#[derive(Debug, Clone)]
pub struct Adjustment {
    /// The indices by position in the cycle (`t mod m`), or empty when not seasonal.
    pub figure: Vec<f64>,
}

impl Adjustment {
    /// Tests `y` and finds its indices.
    pub fn of(y: &[f64], m: usize) -> Adjustment {
        let seasonal = seasonality_test(y, m).is_some_and(|t| t.seasonal) && y.iter().all(|v| *v > 0.0);
        let figure = if seasonal { seasonal_figure(y, m, true).unwrap_or_default() } else { Vec::new() };
        Adjustment { figure }
    }

    /// The seasonally adjusted series.
    pub fn adjust(&self, y: &[f64]) -> Vec<f64> {
        let m = self.figure.len();
        y.iter().enumerate().map(|(t, v)| if m == 0 { *v } else { v / self.figure[t % m] }).collect()
    }

    /// Forecasts of the adjusted series (starting at period `n`) put back into season.
    pub fn restore(&self, n: usize, f: &[f64]) -> Vec<f64> {
        let m = self.figure.len();
        f.iter().enumerate().map(|(i, v)| if m == 0 { *v } else { v * self.figure[(n + i) % m] }).collect()
    }
}

/// Simple exponential smoothing fitted by least squares: α and the initial level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ses {
    /// The smoothing parameter.
    pub alpha: f64,
    /// The initial level.
    pub level0: f64,
    /// The level after the last observation: every forecast.
    pub level: f64,
    /// The sum of squared one-step errors.
    pub sse: f64,
}

/// SES at a given α with the best initial level: the one-step errors are `a_t − c_t ℓ0` with
/// `c_t = (1 − α)^(t−1)`, so the least-squares `ℓ0` is `Σ a c / Σ c²`.
pub fn ses_at(y: &[f64], alpha: f64) -> Ses {
    let (mut la, mut c) = (0.0, 1.0);
    let (mut sac, mut scc) = (0.0, 0.0);
    for &v in y {
        let a = v - la;
        sac += a * c;
        scc += c * c;
        la += alpha * a;
        c *= 1.0 - alpha;
    }
    let level0 = if scc > 0.0 { sac / scc } else { 0.0 };
    let (mut l, mut sse) = (level0, 0.0);
    for &v in y {
        let e = v - l;
        sse += e * e;
        l += alpha * e;
    }
    Ses { alpha, level0, level: l, sse }
}

/// SES with α chosen from [0.0001, 0.9999] by least squares: a grid of 20 values, then a
/// golden-section search around the best one.
pub fn ses_fit(y: &[f64]) -> Ses {
    let (lo, hi) = (1e-4, 0.9999);
    let grid = 20;
    let at = |i: usize| lo + (hi - lo) * i as f64 / grid as f64;
    let mut best = ses_at(y, at(0));
    let mut bi = 0;
    for i in 1..=grid {
        let s = ses_at(y, at(i));
        if s.sse < best.sse {
            best = s;
            bi = i;
        }
    }
    let (mut a, mut b) = (at(bi.saturating_sub(1)), at((bi + 1).min(grid)));
    let g = 0.618_033_988_749_894_8;
    let (mut x1, mut x2) = (b - g * (b - a), a + g * (b - a));
    let (mut f1, mut f2) = (ses_at(y, x1).sse, ses_at(y, x2).sse);
    for _ in 0..40 {
        if f1 <= f2 {
            b = x2;
            x2 = x1;
            f2 = f1;
            x1 = b - g * (b - a);
            f1 = ses_at(y, x1).sse;
        } else {
            a = x1;
            x1 = x2;
            f1 = f2;
            x2 = a + g * (b - a);
            f2 = ses_at(y, x2).sse;
        }
    }
    let s = ses_at(y, 0.5 * (a + b));
    if s.sse <= best.sse {
        s
    } else {
        best
    }
}

/// Naive2: the last seasonally adjusted value, put back into season.
pub fn naive2(y: &[f64], m: usize, h: usize) -> Vec<f64> {
    let adj = Adjustment::of(y, m);
    let x = adj.adjust(y);
    let last = x.last().copied().unwrap_or(0.0);
    adj.restore(y.len(), &vec![last; h])
}

/// The seasonal naive forecast: the value of the same month one cycle earlier.
pub fn seasonal_naive(y: &[f64], m: usize, h: usize) -> Vec<f64> {
    let n = y.len();
    if n == 0 {
        return vec![0.0; h];
    }
    let m = if m == 0 || n < m { 1 } else { m };
    (0..h).map(|i| y[n - m + i % m]).collect()
}

/// SES on seasonally adjusted data (the M3/M4 benchmark "SES").
pub fn ses(y: &[f64], m: usize, h: usize) -> Vec<f64> {
    let adj = Adjustment::of(y, m);
    let fit = ses_fit(&adj.adjust(y));
    adj.restore(y.len(), &vec![fit.level; h])
}

/// The Theta method (Assimakopoulos and Nikolopoulos 2000) in the form of Hyndman and Billah
/// (2003), as R's `thetaf`: SES on the seasonally adjusted data plus half the slope of its
/// least-squares line, `b/2 · (i + (1 − (1 − α)^n)/α)` at step `i + 1`, put back into season.
pub fn theta(y: &[f64], m: usize, h: usize) -> Vec<f64> {
    let adj = Adjustment::of(y, m);
    let x = adj.adjust(y);
    let n = x.len();
    let fit = ses_fit(&x);
    let slope = ols_slope(&x);
    let alpha = fit.alpha.max(1e-10);
    let tail = (1.0 - powi(1.0 - alpha, n as u32)) / alpha;
    let f: Vec<f64> = (0..h).map(|i| fit.level + 0.5 * slope * (i as f64 + tail)).collect();
    adj.restore(n, &f)
}

/// Holt's damped trend, ETS(A,Ad,N), on seasonally adjusted data (the M4 benchmark "Damped").
pub fn damped(y: &[f64], m: usize, h: usize) -> Vec<f64> {
    let adj = Adjustment::of(y, m);
    let x = adj.adjust(y);
    let model = Model::new(ErrorKind::Additive, TrendKind::Damped, SeasonKind::None);
    match super::fit::fit(model, &x, 1) {
        Some(fit) => adj.restore(y.len(), &fit.forecast(h)),
        None => naive2(y, m, h),
    }
}

/// The slope of the least-squares line through `(t, x_t)`.
pub fn ols_slope(x: &[f64]) -> f64 {
    let n = x.len() as f64;
    if x.len() < 2 {
        return 0.0;
    }
    let tm = (n - 1.0) / 2.0;
    let xm = x.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (t, v) in x.iter().enumerate() {
        let d = t as f64 - tm;
        sxy += d * (v - xm);
        sxx += d * d;
    }
    sxy / sxx
}

/// The least-squares line `(intercept at t = 0, slope)` through `(t + 1, x_t)`, as R's
/// `lsfit(1:n, x)`.
pub(crate) fn ols_line(x: &[f64]) -> (f64, f64) {
    let n = x.len() as f64;
    let slope = ols_slope(x);
    let xm = x.iter().sum::<f64>() / n.max(1.0);
    (xm - slope * (n + 1.0) / 2.0, slope)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seasonal_figure_of_a_pure_pattern() {
        let pattern = [1.0, 2.0, 3.0, 4.0];
        let y: Vec<f64> = (0..16).map(|t| 10.0 * pattern[t % 4]).collect();
        let f = seasonal_figure(&y, 4, true).unwrap();
        for (a, b) in f.iter().zip([0.4, 0.8, 1.2, 1.6]) {
            assert!((a - b).abs() < 1e-12, "{f:?}");
        }
        let t = seasonality_test(&y, 4).unwrap();
        assert!(t.seasonal && t.acf > t.limit);
    }

    #[test]
    fn ses_by_hand() {
        // y = 10, 12: with α = 0.5, a = (10, 7) and c = (1, 0.5), so ℓ0 = (10 + 3.5)/1.25 = 10.8.
        let s = ses_at(&[10.0, 12.0], 0.5);
        assert!((s.level0 - 10.8).abs() < 1e-12);
        assert!((s.level - (10.8 + 0.5 * (10.0 - 10.8) + 0.5 * (12.0 - 10.4))).abs() < 1e-12);
    }

    #[test]
    fn theta_of_a_line_follows_half_its_slope_plus_the_level() {
        let y: Vec<f64> = (0..30).map(|t| 100.0 + 2.0 * t as f64).collect();
        let f = theta(&y, 12, 3);
        assert!(f[1] > f[0] && f[2] > f[1]);
        assert_eq!(seasonal_naive(&[1.0, 2.0, 3.0], 12, 2), vec![3.0, 3.0]);
    }
}
