//! Fitting an ETS model by maximum likelihood, and choosing among models by AICc.
//!
//! The smoothing parameters are found by Nelder–Mead inside the "usual" region of Hyndman et al.
//! (2008, §5.2): 0.0001 ≤ α ≤ 0.9999, 0.0001 ≤ β ≤ α, 0.0001 ≤ γ ≤ 1 − α, 0.8 ≤ φ ≤ 0.98,
//! reached through a map from all of ℝ (`lo + (hi − lo)(1 + u/(1 + |u|))/2`), so every trial
//! point is admissible and the search needs no penalty. The search stops when the simplex's
//! −2 log-likelihoods agree to 0.01. The initial states start from R's `forecast::ets`
//! heuristic (a classical decomposition of the first cycles, a line through the first values),
//! held fixed during the search. The best models (three, by AICc) then get one Gauss–Newton
//! step on their initial states: the one-step errors' derivatives with respect to them are
//! carried through the recursion (forward mode); for the linear models (additive error, no
//! multiplicative season) the step is the exact least-squares solution. A step is kept only when
//! it improves the likelihood. Fitting the states further (more rounds, or jointly) raised the
//! M3 sMAPE in our experiments (docs/forecast.md), as the heuristic start regularises.
//!
//! A multiplicative-error model starts its search from its additive-error twin's parameters,
//! which the two usually share closely, and a damped trend from the undamped one's.

use super::classic::{ols_line, seasonal_figure};
use super::ets::{self, ErrorKind, Model, Params, SeasonKind, States, TrendKind};
use super::nelder::{self, Options};

const LO: f64 = 1e-4;
const HI: f64 = 0.9999;
const PHI_LO: f64 = 0.8;
const PHI_HI: f64 = 0.98;

/// How hard a fit searches.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitOptions {
    /// The Nelder–Mead tolerance on −2 log-likelihood.
    pub tol: f64,
    /// The most objective evaluations: `base_evals + per_param_evals × parameters`.
    pub base_evals: usize,
    /// See `base_evals`.
    pub per_param_evals: usize,
    /// How many of the best models get the Gauss–Newton step on their initial states.
    pub polish: usize,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions { tol: 1e-2, base_evals: 200, per_param_evals: 50, polish: 3 }
    }
}

/// A fitted model.
#[derive(Debug, Clone)]
pub struct Fit {
    /// The model.
    pub model: Model,
    /// Its smoothing parameters.
    pub params: Params,
    /// The fitted initial states.
    pub initial: States,
    /// The states after the last observation.
    pub last: States,
    /// Observations.
    pub n: usize,
    /// Estimated parameters: smoothing parameters, initial states and σ.
    pub k: usize,
    /// −2 log-likelihood.
    pub neg2_loglik: f64,
    /// Akaike's criterion corrected for small samples.
    pub aicc: f64,
    /// The error variance (of `y − μ`, or of `(y − μ)/μ` for multiplicative errors), divided by
    /// the degrees of freedom `n − k + 1`.
    pub sigma2: f64,
    /// One-step fitted values.
    pub fitted: Vec<f64>,
    /// Likelihood evaluations the search used.
    pub evals: usize,
}

impl Fit {
    /// Point forecasts for `h` periods.
    pub fn forecast(&self, h: usize) -> Vec<f64> {
        ets::point_forecast(self.model, &self.params, &self.last, h)
    }
}

/// A model choice: the best fit and every model tried with its AICc, best first.
#[derive(Debug, Clone)]
pub struct Selection {
    /// The fit with the lowest AICc.
    pub best: Fit,
    /// `(model, AICc)` of every model that could be fitted, lowest first (ties in model order).
    pub ranking: Vec<(Model, f64)>,
}

/// The models an automatic choice considers for `y` with period `m`: error A or M, trend N, A
/// or Ad, season N, A or M, without the numerically unstable additive-error, multiplicative-season
/// combinations (as `forecast::ets` with `restrict = TRUE`). Multiplicative parts only for a
/// positive series; seasonal ones only with `m ≥ 2`, two full cycles and `seasonal` set.
pub fn candidates(y: &[f64], m: usize, seasonal: bool) -> Vec<Model> {
    let positive = !y.is_empty() && y.iter().all(|v| *v > 0.0);
    let seasonal = seasonal && m >= 2 && y.len() >= 2 * m;
    Model::all()
        .into_iter()
        .filter(|md| positive || !md.needs_positive())
        .filter(|md| seasonal || !md.seasonal())
        .filter(|md| !(md.error == ErrorKind::Additive && md.season == SeasonKind::Multiplicative))
        .collect()
}

/// Fits each model and keeps the one with the lowest AICc. `None` when none can be fitted.
pub fn select(y: &[f64], m: usize, models: &[Model]) -> Option<Selection> {
    select_with(y, m, models, &FitOptions::default())
}

/// [`select`] with explicit search options.
pub fn select_with(y: &[f64], m: usize, models: &[Model], o: &FitOptions) -> Option<Selection> {
    let mut fits: Vec<Fit> = Vec::with_capacity(models.len());
    for md in models {
        let source = match (md.error, md.trend) {
            (ErrorKind::Multiplicative, _) => Some(Model::new(ErrorKind::Additive, md.trend, md.season)),
            (ErrorKind::Additive, TrendKind::Damped) => {
                Some(Model::new(ErrorKind::Additive, TrendKind::Additive, md.season))
            }
            _ => None,
        };
        let warm = source.and_then(|src| fits.iter().find(|f| f.model == src)).map(|f| {
            let mut p = f.params;
            if !f.model.trended() || f.model.trend != md.trend {
                p.phi = PHI_LO + 0.95 * (PHI_HI - PHI_LO);
            }
            p
        });
        if let Some(f) = search(*md, y, m, o, warm.as_ref()) {
            fits.push(f);
        }
    }
    // Polish the best few, in a stable order (AICc, then model order).
    let mut order: Vec<usize> = (0..fits.len()).collect();
    order.sort_by(|&a, &b| fits[a].aicc.total_cmp(&fits[b].aicc));
    for &i in order.iter().take(o.polish) {
        polish(&mut fits[i], y);
    }
    let mut ranking: Vec<(Model, f64)> = fits.iter().map(|f| (f.model, f.aicc)).collect();
    ranking.sort_by(|a, b| a.1.total_cmp(&b.1));
    let best_model = ranking.first()?.0;
    let i = fits.iter().position(|f| f.model == best_model)?;
    Some(Selection { best: fits.swap_remove(i), ranking })
}

/// Fits one model to `y` (seasonal period `m`). `None` when the series is too short for it
/// (fewer than `k + 2` values, or fewer than two cycles for a seasonal model), a
/// multiplicative part meets a value that is not positive, or no admissible fit is found.
pub fn fit(model: Model, y: &[f64], m: usize) -> Option<Fit> {
    fit_with(model, y, m, &FitOptions::default())
}

/// [`fit`] with explicit search options.
pub fn fit_with(model: Model, y: &[f64], m: usize, o: &FitOptions) -> Option<Fit> {
    let mut f = search(model, y, m, o, None)?;
    if o.polish > 0 {
        polish(&mut f, y);
    }
    Some(f)
}

/// The Nelder–Mead search of the smoothing parameters from the heuristic initial states,
/// starting from `warm` parameters when given.
fn search(model: Model, y: &[f64], m: usize, o: &FitOptions, warm: Option<&Params>) -> Option<Fit> {
    let n = y.len();
    let m = if model.seasonal() { m } else { 0 };
    let k = model.param_count(m.max(1));
    if n < k + 2 || (model.seasonal() && (m < 2 || n < 2 * m)) {
        return None;
    }
    if model.needs_positive() && y.iter().any(|v| v.is_nan() || *v <= 0.0) {
        return None;
    }
    let floor = ets::log_floor(y);
    let x0 = initial_states(model, y, m)?;
    let u = match warm {
        Some(p) => u_of(model, p),
        None => start(model, m),
    };
    let mut ring = Vec::with_capacity(m);
    let max_evals = o.base_evals + o.per_param_evals * u.len();
    let opts = Options { max_evals, tol: o.tol, step: if warm.is_some() { 0.3 } else { 1.0 } };
    let res = nelder::minimize(|u| objective(model, &params_of(model, u), y, &x0, &mut ring, floor), &u, opts);
    if !res.value.is_finite() {
        return None;
    }
    finish(model, params_of(model, &res.x), y, x0, res.evals)
}

/// One Gauss–Newton step on a fit's initial states, kept when it improves the likelihood.
fn polish(f: &mut Fit, y: &[f64]) {
    let floor = ets::log_floor(y);
    let mut ring = Vec::with_capacity(f.initial.season.len());
    let current = objective(f.model, &f.params, y, &f.initial, &mut ring, floor);
    if let Some((x1, _)) = refine(f.model, &f.params, y, &f.initial, floor, current) {
        if let Some(better) = finish(f.model, f.params, y, x1, f.evals) {
            *f = better;
        }
    }
}

/// The fit at given parameters and initial states: fitted values, likelihood, AICc, σ².
fn finish(model: Model, params: Params, y: &[f64], x0: States, evals: usize) -> Option<Fit> {
    let n = y.len();
    let k = model.param_count(x0.season.len().max(1));
    let floor = ets::log_floor(y);
    let (mut ring, mut fitted, mut last) = (Vec::new(), Vec::with_capacity(n), x0.clone());
    let pass = ets::run(model, &params, y, &x0, &mut ring, Some(&mut fitted), Some(&mut last))?;
    let neg2_loglik = pass.neg2_loglik(model.error, n, floor);
    let (nf, kf) = (n as f64, k as f64);
    let aicc = neg2_loglik + 2.0 * kf + 2.0 * kf * (kf + 1.0) / (nf - kf - 1.0);
    let dof = if n + 1 > k { (n + 1 - k) as f64 } else { nf };
    let sse = match model.error {
        ErrorKind::Additive => pass.sse,
        ErrorKind::Multiplicative => pass.sse_rel,
    };
    Some(Fit { model, params, initial: x0, last, n, k, neg2_loglik, aicc, sigma2: sse / dof, fitted, evals })
}

fn objective(model: Model, p: &Params, y: &[f64], x0: &States, ring: &mut Vec<f64>, floor: f64) -> f64 {
    match ets::run(model, p, y, x0, ring, None, None) {
        Some(pass) => pass.objective(model.error, y.len(), floor),
        None => f64::INFINITY,
    }
}

/// `(0, 1)` from ℝ without transcendental functions.
fn squash(u: f64) -> f64 {
    0.5 * (1.0 + u / (1.0 + u.abs()))
}

/// The inverse of `squash`, for `t` in (0, 1).
fn unsquash(t: f64) -> f64 {
    let c = 2.0 * t - 1.0;
    c / (1.0 - c.abs())
}

/// The smoothing parameters at a point of the search space.
fn params_of(model: Model, u: &[f64]) -> Params {
    let mut it = u.iter().copied();
    let mut next = || it.next().unwrap_or(0.0);
    let alpha = LO + (HI - LO) * squash(next());
    let beta = if model.trended() { LO + (alpha - LO) * squash(next()) } else { 0.0 };
    let gamma = if model.seasonal() { LO + (1.0 - alpha - LO) * squash(next()) } else { 0.0 };
    let phi = if model.trend == TrendKind::Damped { PHI_LO + (PHI_HI - PHI_LO) * squash(next()) } else { 1.0 };
    Params { alpha, beta, gamma, phi }
}

/// The search point of given parameters (those the model has).
fn u_of(model: Model, p: &Params) -> Vec<f64> {
    let at = |v: f64, lo: f64, hi: f64| unsquash(((v - lo) / (hi - lo)).clamp(1e-6, 1.0 - 1e-6));
    let mut u = vec![at(p.alpha, LO, HI)];
    if model.trended() {
        u.push(at(p.beta, LO, p.alpha));
    }
    if model.seasonal() {
        u.push(at(p.gamma, LO, 1.0 - p.alpha));
    }
    if model.trend == TrendKind::Damped {
        u.push(at(p.phi, PHI_LO, PHI_HI));
    }
    u
}

/// The starting point: `forecast::ets`'s initial values (α = 0.2, or 0.2/m with a season; β a
/// tenth of the way to α; γ a twentieth of the way to 1 − α; φ near its top).
fn start(model: Model, m: usize) -> Vec<f64> {
    let alpha = if model.seasonal() { LO + 0.2 * (HI - LO) / m as f64 } else { 0.2 };
    let mut u = vec![unsquash((alpha - LO) / (HI - LO))];
    if model.trended() {
        u.push(unsquash(0.1));
    }
    if model.seasonal() {
        u.push(unsquash(0.05));
    }
    if model.trend == TrendKind::Damped {
        u.push(unsquash(0.95));
    }
    u
}

/// The heuristic initial states of `forecast::ets` (`initstate`): a classical decomposition of
/// the first (up to three) cycles gives the seasonal states; a line through the first
/// `max(10, 2m)` seasonally adjusted values gives level and trend (their mean without trend).
fn initial_states(model: Model, y: &[f64], m: usize) -> Option<States> {
    let n = y.len();
    let mul = model.season == SeasonKind::Multiplicative;
    let (season, adjusted) = if model.seasonal() {
        let cycles = (n / m).min(3);
        let figure = seasonal_figure(&y[..cycles * m], m, mul)?;
        let adj = y
            .iter()
            .enumerate()
            .map(|(t, v)| if mul { v / figure[t % m].max(1e-2) } else { v - figure[t % m] })
            .collect::<Vec<f64>>();
        (figure, adj)
    } else {
        (Vec::new(), y.to_vec())
    };
    let first = &adjusted[..10.max(2 * m).min(n)];
    let (level, trend) =
        if model.trended() { ols_line(first) } else { (first.iter().sum::<f64>() / first.len() as f64, 0.0) };
    Some(States { level, trend, season })
}

/// One Gauss–Newton step on the initial states (step halved up to twice); the new states and
/// objective when they improve on `current`.
fn refine(model: Model, p: &Params, y: &[f64], x0: &States, floor: f64, current: f64) -> Option<(States, f64)> {
    let (mut a, g, np) = normal_equations(model, p, y, x0)?;
    let mut delta: Vec<f64> = g.iter().map(|v| -v).collect();
    let ridge = 1e-10 * (0..np).map(|i| a[i * np + i]).fold(0.0, f64::max) + 1e-300;
    (0..np).for_each(|i| a[i * np + i] += ridge);
    cholesky_solve(&mut a, &mut delta, np)?;
    let mut ring = Vec::with_capacity(x0.season.len());
    let off = 1 + usize::from(model.trended());
    for scale in [1.0, 0.5, 0.25] {
        let mut x1 = x0.clone();
        x1.level += scale * delta[0];
        if model.trended() {
            x1.trend += scale * delta[1];
        }
        let m = x1.season.len();
        for j in 0..m.saturating_sub(1) {
            x1.season[j] += scale * delta[off + j];
            x1.season[m - 1] -= scale * delta[off + j];
        }
        let v = objective(model, p, y, &x1, &mut ring, floor);
        if v < current {
            return Some((x1, v));
        }
    }
    None
}

/// `JᵀJ` and `Jᵀe` of the one-step errors `e` (relative errors for a multiplicative error) with
/// respect to the free initial states: level, trend, and the first `m − 1` seasonal states (the
/// last one moves against them so their sum stays fixed). Derivatives are carried through the
/// recursion alongside the states.
fn normal_equations(model: Model, p: &Params, y: &[f64], x0: &States) -> Option<(Vec<f64>, Vec<f64>, usize)> {
    let m = x0.season.len();
    let trended = model.trended();
    let off = 1 + usize::from(trended);
    let np = off + m.saturating_sub(1);
    let phi = if model.trend == TrendKind::Damped { p.phi } else { 1.0 };
    let (mut dl, mut db, mut ds) = (vec![0.0; np], vec![0.0; np], vec![0.0; m * np]);
    dl[0] = 1.0;
    if trended {
        db[1] = 1.0;
    }
    for j in 0..m.saturating_sub(1) {
        ds[j * np + off + j] = 1.0;
        ds[(m - 1) * np + off + j] = -1.0;
    }
    let mut ring = x0.season.clone();
    let (mut l, mut b) = (x0.level, x0.trend);
    let (mut jtj, mut jte) = (vec![0.0; np * np], vec![0.0; np]);
    let (mut dt, mut dmu, mut de) = (vec![0.0; np], vec![0.0; np], vec![0.0; np]);
    let mut j = 0;
    for &yt in y {
        let t = if trended { l + phi * b } else { l };
        for k in 0..np {
            dt[k] = if trended { dl[k] + phi * db[k] } else { dl[k] };
        }
        let s = if m > 0 { ring[j] } else { 0.0 };
        let dsj: &mut [f64] = if m > 0 { &mut ds[j * np..(j + 1) * np] } else { &mut [] };
        let mu = match model.season {
            SeasonKind::None => {
                dmu.copy_from_slice(&dt);
                t
            }
            SeasonKind::Additive => {
                (0..np).for_each(|k| dmu[k] = dt[k] + dsj[k]);
                t + s
            }
            SeasonKind::Multiplicative => {
                (0..np).for_each(|k| dmu[k] = dt[k] * s + t * dsj[k]);
                t * s
            }
        };
        if (model.needs_positive() && (mu.is_nan() || mu <= 1e-300))
            || (model.season == SeasonKind::Multiplicative && (t.is_nan() || t <= 0.0))
        {
            return None;
        }
        let r = yt - mu;
        let e = match model.error {
            ErrorKind::Additive => {
                (0..np).for_each(|k| de[k] = -dmu[k]);
                r
            }
            ErrorKind::Multiplicative => {
                let e = r / mu;
                (0..np).for_each(|k| de[k] = -dmu[k] * (1.0 + e) / mu);
                e
            }
        };
        for a in 0..np {
            jte[a] += de[a] * e;
            for c in a..np {
                jtj[a * np + c] += de[a] * de[c];
            }
        }
        if model.season == SeasonKind::Multiplicative {
            let (rs, q) = (r / s, r / t);
            for k in 0..np {
                let drs = (-dmu[k] - rs * dsj[k]) / s;
                let dq = (-dmu[k] - q * dt[k]) / t;
                dl[k] = dt[k] + p.alpha * drs;
                db[k] = phi * db[k] + p.beta * drs;
                dsj[k] += p.gamma * dq;
            }
            l = t + p.alpha * rs;
            b = phi * b + p.beta * rs;
            ring[j] = s + p.gamma * q;
        } else {
            for k in 0..np {
                dl[k] = dt[k] - p.alpha * dmu[k];
                db[k] = phi * db[k] - p.beta * dmu[k];
                if m > 0 {
                    dsj[k] -= p.gamma * dmu[k];
                }
            }
            l = t + p.alpha * r;
            b = phi * b + p.beta * r;
            if m > 0 {
                ring[j] = s + p.gamma * r;
            }
        }
        if m > 0 {
            j = (j + 1) % m;
        }
    }
    for a in 0..np {
        for c in 0..a {
            jtj[a * np + c] = jtj[c * np + a];
        }
    }
    jtj.iter().chain(&jte).all(|v| v.is_finite()).then_some((jtj, jte, np))
}

/// Solves `A x = b` in place for a symmetric positive definite `A` (`n × n`, row-major) by
/// Cholesky factorisation; `None` when `A` is not positive definite.
pub(crate) fn cholesky_solve(a: &mut [f64], b: &mut [f64], n: usize) -> Option<()> {
    for j in 0..n {
        let mut d = a[j * n + j];
        for k in 0..j {
            d -= a[j * n + k] * a[j * n + k];
        }
        if d.is_nan() || d <= 0.0 {
            return None;
        }
        let d = d.sqrt();
        a[j * n + j] = d;
        for i in j + 1..n {
            let mut s = a[i * n + j];
            for k in 0..j {
                s -= a[i * n + k] * a[j * n + k];
            }
            a[i * n + j] = s / d;
        }
    }
    for i in 0..n {
        let mut s = b[i];
        for k in 0..i {
            s -= a[i * n + k] * b[k];
        }
        b[i] = s / a[i * n + i];
    }
    for i in (0..n).rev() {
        let mut s = b[i];
        for k in i + 1..n {
            s -= a[k * n + i] * b[k];
        }
        b[i] = s / a[i * n + i];
    }
    Some(())
}
