//! The ETS family of exponential smoothing state-space models (Hyndman, Koehler, Ord and Snyder,
//! *Forecasting with Exponential Smoothing*, 2008): error additive or multiplicative, trend none,
//! additive or additive damped, season none, additive or multiplicative.
//!
//! One recursion serves every member: in the error-correction form the point updates of the
//! additive- and multiplicative-error twins are the same (ETS(M,A,M)'s `ℓ = (ℓ + b)(1 + αε)` with
//! `ε = (y − μ)/μ` is ETS(A,A,M)'s `ℓ = ℓ + b + α(y − μ)/s`); the error type changes only the
//! likelihood and the prediction intervals. The recursion uses only + − × ÷, so a fit is the same
//! bit for bit on every platform.

use super::math::ln;

/// How the error enters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ErrorKind {
    /// `y = μ + ε`.
    Additive,
    /// `y = μ (1 + ε)`.
    Multiplicative,
}

/// The trend component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TrendKind {
    /// No trend.
    None,
    /// A straight-line trend.
    Additive,
    /// A trend damped by `φ` (0.8–0.98): growth fades towards a flat line.
    Damped,
}

/// The seasonal component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SeasonKind {
    /// No seasonality.
    None,
    /// Seasonal swings of a fixed size.
    Additive,
    /// Seasonal swings in proportion to the level.
    Multiplicative,
}

/// One member of the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Model {
    /// The error.
    pub error: ErrorKind,
    /// The trend.
    pub trend: TrendKind,
    /// The season.
    pub season: SeasonKind,
}

impl Model {
    /// A model from its three parts.
    pub const fn new(error: ErrorKind, trend: TrendKind, season: SeasonKind) -> Self {
        Model { error, trend, season }
    }

    /// Every member, in a fixed order (the order ties are broken in).
    pub fn all() -> Vec<Model> {
        let mut v = Vec::with_capacity(18);
        for e in [ErrorKind::Additive, ErrorKind::Multiplicative] {
            for s in [SeasonKind::None, SeasonKind::Additive, SeasonKind::Multiplicative] {
                for t in [TrendKind::None, TrendKind::Additive, TrendKind::Damped] {
                    v.push(Model::new(e, t, s));
                }
            }
        }
        v
    }

    /// Reads a short code such as `"AAdM"` (error, trend, season).
    pub fn parse(code: &str) -> Option<Model> {
        let mut rest = code;
        let error = match rest.get(..1)? {
            "A" => ErrorKind::Additive,
            "M" => ErrorKind::Multiplicative,
            _ => return None,
        };
        rest = rest.get(1..)?;
        let trend = if let Some(r) = rest.strip_prefix("Ad") {
            rest = r;
            TrendKind::Damped
        } else {
            let t = match rest.get(..1)? {
                "N" => TrendKind::None,
                "A" => TrendKind::Additive,
                _ => return None,
            };
            rest = rest.get(1..)?;
            t
        };
        let season = match rest {
            "N" => SeasonKind::None,
            "A" => SeasonKind::Additive,
            "M" => SeasonKind::Multiplicative,
            _ => return None,
        };
        Some(Model::new(error, trend, season))
    }

    /// The short code, `"AAdM"`.
    pub fn code(&self) -> String {
        let (e, t, s) = self.letters();
        format!("{e}{t}{s}")
    }

    /// The usual name, `"ETS(A,Ad,M)"`.
    pub fn name(&self) -> String {
        let (e, t, s) = self.letters();
        format!("ETS({e},{t},{s})")
    }

    fn letters(&self) -> (&'static str, &'static str, &'static str) {
        let e = match self.error {
            ErrorKind::Additive => "A",
            ErrorKind::Multiplicative => "M",
        };
        let t = match self.trend {
            TrendKind::None => "N",
            TrendKind::Additive => "A",
            TrendKind::Damped => "Ad",
        };
        let s = match self.season {
            SeasonKind::None => "N",
            SeasonKind::Additive => "A",
            SeasonKind::Multiplicative => "M",
        };
        (e, t, s)
    }

    /// Multiplicative parts need a positive series.
    pub fn needs_positive(&self) -> bool {
        self.error == ErrorKind::Multiplicative || self.season == SeasonKind::Multiplicative
    }

    /// Whether it has a seasonal component.
    pub fn seasonal(&self) -> bool {
        self.season != SeasonKind::None
    }

    /// Whether it has a trend.
    pub fn trended(&self) -> bool {
        self.trend != TrendKind::None
    }

    /// The smoothing parameters it estimates (α, then β, γ, φ when present).
    pub fn smoothing_count(&self) -> usize {
        1 + usize::from(self.trended()) + usize::from(self.seasonal()) + usize::from(self.trend == TrendKind::Damped)
    }

    /// The free initial states: the level, the trend, and `m − 1` seasonal states (the last is
    /// fixed by the seasonal states summing to 0, or to `m` when multiplicative).
    pub fn state_count(&self, m: usize) -> usize {
        1 + usize::from(self.trended()) + if self.seasonal() { m.saturating_sub(1) } else { 0 }
    }

    /// Everything the likelihood estimates: smoothing parameters, initial states and σ.
    pub fn param_count(&self, m: usize) -> usize {
        self.smoothing_count() + self.state_count(m) + 1
    }
}

/// Smoothing parameters; those a model does not use are 0 (and `phi` 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Level smoothing.
    pub alpha: f64,
    /// Trend smoothing.
    pub beta: f64,
    /// Seasonal smoothing.
    pub gamma: f64,
    /// Damping.
    pub phi: f64,
}

/// The states at one time: level, trend and the last `m` seasonal states in time order
/// (`season[j]` is the one the `j`-th next period uses).
#[derive(Debug, Clone, PartialEq)]
pub struct States {
    /// The level.
    pub level: f64,
    /// The trend (0 without one).
    pub trend: f64,
    /// The seasonal states (empty without a season).
    pub season: Vec<f64>,
}

/// What one pass of the recursion over the series gives.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pass {
    /// Σ (y − μ)².
    pub sse: f64,
    /// Σ ((y − μ)/μ)², for multiplicative errors.
    pub sse_rel: f64,
    /// Σ ln μ, for multiplicative errors.
    pub log_mu: f64,
}

/// `ln(2π) + 1`: the constant of the Gaussian log-likelihood per observation.
fn gauss_const() -> f64 {
    ln(2.0 * std::f64::consts::PI) + 1.0
}

impl Pass {
    /// The part of −2 log-likelihood that depends on the fit (the concentrated likelihood of
    /// Hyndman et al. 2008, §5.1): `n ln Σe²`, plus `2 Σ ln μ` for multiplicative errors (with
    /// `e` the relative error). It is kept from falling below `n ln_floor` (see [`log_floor`]),
    /// the same for both error types: a perfect fit stays finite, and perfect fits tie, so AICc
    /// picks the one with the fewest parameters.
    pub fn objective(&self, error: ErrorKind, n: usize, ln_floor: f64) -> f64 {
        let nf = n as f64;
        let v = match error {
            ErrorKind::Additive => nf * ln(self.sse),
            ErrorKind::Multiplicative => nf * ln(self.sse_rel) + 2.0 * self.log_mu,
        };
        if v.is_nan() {
            v
        } else {
            v.max(nf * ln_floor)
        }
    }

    /// −2 log-likelihood with σ² at its estimate `Σe²/n`.
    pub fn neg2_loglik(&self, error: ErrorKind, n: usize, ln_floor: f64) -> f64 {
        let nf = n as f64;
        self.objective(error, n, ln_floor) + nf * (gauss_const() - ln(nf))
    }
}

/// The log of the smallest Σ(y − μ)² a fit is credited with: `n (1e-8 × mean |y|)²`, relative
/// precision 1e-8 of the series' scale.
pub(crate) fn log_floor(y: &[f64]) -> f64 {
    let n = y.len().max(1) as f64;
    let scale = y.iter().map(|v| v.abs()).sum::<f64>() / n;
    let tiny = 1e-8 * scale.max(1e-12);
    ln(n * tiny * tiny)
}

/// Runs the recursion over `y` from `x0`. Returns `None` when a multiplicative model meets a
/// fitted value or level that is not positive, or anything stops being finite. When `fitted` is
/// given it receives the one-step fitted values; `end`, the states after the last observation.
pub(crate) fn run(
    model: Model,
    p: &Params,
    y: &[f64],
    x0: &States,
    ring: &mut Vec<f64>,
    fitted: Option<&mut Vec<f64>>,
    end: Option<&mut States>,
) -> Option<Pass> {
    // One instance per shape, so the loop carries no tests of the model's kind.
    const N: u8 = 0;
    const A: u8 = 1;
    const M: u8 = 2;
    let mult = model.error == ErrorKind::Multiplicative;
    let t = model.trended();
    match (model.season, mult, t) {
        (SeasonKind::None, false, false) => run_as::<N, false, false>(model, p, y, x0, ring, fitted, end),
        (SeasonKind::None, false, true) => run_as::<N, false, true>(model, p, y, x0, ring, fitted, end),
        (SeasonKind::None, true, false) => run_as::<N, true, false>(model, p, y, x0, ring, fitted, end),
        (SeasonKind::None, true, true) => run_as::<N, true, true>(model, p, y, x0, ring, fitted, end),
        (SeasonKind::Additive, false, false) => run_as::<A, false, false>(model, p, y, x0, ring, fitted, end),
        (SeasonKind::Additive, false, true) => run_as::<A, false, true>(model, p, y, x0, ring, fitted, end),
        (SeasonKind::Additive, true, false) => run_as::<A, true, false>(model, p, y, x0, ring, fitted, end),
        (SeasonKind::Additive, true, true) => run_as::<A, true, true>(model, p, y, x0, ring, fitted, end),
        (SeasonKind::Multiplicative, false, false) => run_as::<M, false, false>(model, p, y, x0, ring, fitted, end),
        (SeasonKind::Multiplicative, false, true) => run_as::<M, false, true>(model, p, y, x0, ring, fitted, end),
        (SeasonKind::Multiplicative, true, false) => run_as::<M, true, false>(model, p, y, x0, ring, fitted, end),
        (SeasonKind::Multiplicative, true, true) => run_as::<M, true, true>(model, p, y, x0, ring, fitted, end),
    }
}

/// The recursion for one shape: season `S` (0 none, 1 additive, 2 multiplicative), a
/// multiplicative error `ME`, a trend `T`.
fn run_as<const S: u8, const ME: bool, const T: bool>(
    model: Model,
    p: &Params,
    y: &[f64],
    x0: &States,
    ring: &mut Vec<f64>,
    mut fitted: Option<&mut Vec<f64>>,
    end: Option<&mut States>,
) -> Option<Pass> {
    let m = if S == 0 { 0 } else { x0.season.len() };
    ring.clear();
    ring.extend_from_slice(&x0.season);
    if S != 0 && (m == 0 || ring.len() != m) {
        return None;
    }
    let (mut l, mut b) = (x0.level, x0.trend);
    let phi = if model.trend == TrendKind::Damped { p.phi } else { 1.0 };
    let positive = ME || S == 2;
    let (mut sse, mut sse_rel) = (0.0, 0.0);
    // Σ ln μ kept as a product: a mantissa in [1, 2) and a binary exponent, one `ln` at the end.
    let (mut mant, mut expo) = (1.0f64, 0i64);
    let mut j = 0usize;
    for &yt in y {
        let t = if T { l + phi * b } else { l };
        let s = if S == 0 { 0.0 } else { ring[j] };
        // The forms below keep divisions off the chain from one level to the next.
        let (mu, r, rs) = match S {
            0 => (t, yt - t, 0.0),
            1 => (t + s, (yt - s) - t, 0.0),
            _ => {
                let rs = yt / s - t;
                (t * s, rs * s, rs)
            }
        };
        if (positive && (mu.is_nan() || mu <= 1e-300)) || (S == 2 && (t.is_nan() || t <= 0.0)) {
            return None;
        }
        sse += r * r;
        if ME {
            let q = r / mu;
            sse_rel += q * q;
            mant *= mu;
            let bits = mant.to_bits();
            expo += ((bits >> 52) & 0x7ff) as i64 - 1023;
            mant = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
        }
        if let Some(f) = fitted.as_deref_mut() {
            f.push(mu);
        }
        if S == 2 {
            l = t + p.alpha * rs;
            if T {
                b = phi * b + p.beta * rs;
            }
            ring[j] = s + p.gamma * r / t;
        } else {
            l = t + p.alpha * r;
            if T {
                b = phi * b + p.beta * r;
            }
            if S == 1 {
                ring[j] = s + p.gamma * r;
            }
        }
        if S != 0 {
            j += 1;
            if j == m {
                j = 0;
            }
        }
    }
    if !(sse.is_finite() && l.is_finite() && b.is_finite()) {
        return None;
    }
    if let Some(e) = end {
        e.level = l;
        e.trend = if T { b } else { 0.0 };
        e.season.clear();
        e.season.extend((0..m).map(|i| ring[(j + i) % m]));
    }
    let log_mu = if ME { ln(mant) + expo as f64 * std::f64::consts::LN_2 } else { 0.0 };
    Some(Pass { sse, sse_rel, log_mu })
}

/// The one-step fitted values of `model` with parameters `p` from initial states `x0`, and the
/// states after the last observation (`None` when a multiplicative model leaves the positive
/// range). For hand-checked examples and tools; fitting uses the same recursion.
pub fn filter(model: Model, p: &Params, y: &[f64], x0: &States) -> Option<(Vec<f64>, States)> {
    let (mut ring, mut fitted, mut end) = (Vec::new(), Vec::with_capacity(y.len()), x0.clone());
    run(model, p, y, x0, &mut ring, Some(&mut fitted), Some(&mut end))?;
    Some((fitted, end))
}

/// Point forecasts for `h` periods from the states after the last observation.
pub fn point_forecast(model: Model, p: &Params, end: &States, h: usize) -> Vec<f64> {
    let m = end.season.len();
    let phi = if model.trend == TrendKind::Damped { p.phi } else { 1.0 };
    let (mut damp, mut pow) = (0.0, 1.0);
    (0..h)
        .map(|i| {
            pow *= phi;
            damp += pow;
            let t = if model.trended() { end.level + damp * end.trend } else { end.level };
            match model.season {
                SeasonKind::None => t,
                SeasonKind::Additive => t + end.season[i % m],
                SeasonKind::Multiplicative => t * end.season[i % m],
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for m in Model::all() {
            assert_eq!(Model::parse(&m.code()), Some(m), "{}", m.name());
        }
        assert_eq!(Model::parse("AAdM").map(|m| m.name()), Some("ETS(A,Ad,M)".to_string()));
        for bad in ["", "A", "AN", "ANNN", "XNN", "AdNN", "AAdd"] {
            assert_eq!(Model::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn simple_smoothing_by_hand() {
        // ETS(A,N,N), α = 0.5, ℓ0 = 10 over 12, 8: μ1 = 10, ℓ1 = 11; μ2 = 11, ℓ2 = 9.5.
        let model = Model::parse("ANN").unwrap_or_else(|| unreachable!());
        let p = Params { alpha: 0.5, beta: 0.0, gamma: 0.0, phi: 1.0 };
        let x0 = States { level: 10.0, trend: 0.0, season: vec![] };
        let (mut ring, mut fitted) = (Vec::new(), Vec::new());
        let mut end = x0.clone();
        let pass = run(model, &p, &[12.0, 8.0], &x0, &mut ring, Some(&mut fitted), Some(&mut end)).unwrap();
        assert_eq!(fitted, vec![10.0, 11.0]);
        assert_eq!(pass.sse, 4.0 + 9.0);
        assert_eq!(end.level, 9.5);
        assert_eq!(point_forecast(model, &p, &end, 2), vec![9.5, 9.5]);
    }
}
