//! The lower bound: the Lagrangian relaxation of the balance term, from the prices of the
//! starting assignment (`prices`), improved by projected subgradient steps over every
//! territory; also the candidate territories of each account and the objective of an
//! assignment.
//!
//! With the centres `c_t` held fixed, the objective is `α Σ_t ((P_t − 1)² + (W_t − 1)²) +
//! Σ_i [β|x_i − c_t(i)|² + γ·moved_i]` (`P_t`, `W_t` the territories' potential and workload
//! over their means). Pricing `P_t = Σ p_i` with `λ_t` and `W_t` with `ν_t` splits it:
//! `L(λ, ν) = Σ_i min_t (β|x_i − c_t|² + γ·moved_it + λ_t p_i + ν_t w_i) + Σ_t min_P (α(P −
//! 1)² − λ_t P) + …`, the inner minimum being `−λ_t − λ_t²/4α`. Every `L(λ, ν)` is a lower
//! bound (weak duality); capacities are dropped, which only lowers it.

use super::state::{Prob, Sums, NONE};

/// The `k` territories with the nearest centres for each account, flat (`n × k`); a locked
/// account gets only its owner; an owned account always has its owner among them. Territories
/// without a centre (empty and free) are nobody's candidate unless nothing else is left.
pub(crate) fn candidates(pr: &Prob, centres: &[Option<(f64, f64)>], k: usize) -> Vec<u32> {
    let mut out = Vec::with_capacity(pr.n * k);
    let mut best: Vec<(f64, u32)> = Vec::with_capacity(k + 1);
    for i in 0..pr.n {
        if pr.locked[i] && pr.owner[i] != NONE {
            out.extend(std::iter::repeat_n(pr.owner[i], k));
            continue;
        }
        best.clear();
        for (t, c) in centres.iter().enumerate() {
            let d = match c {
                Some((cx, cy)) => (pr.x[i] - cx) * (pr.x[i] - cx) + (pr.y[i] - cy) * (pr.y[i] - cy),
                None => f64::INFINITY,
            };
            if best.len() < k || d < best[best.len() - 1].0 {
                let at = best.iter().position(|b| d < b.0).unwrap_or(best.len());
                best.insert(at, (d, t as u32));
                best.truncate(k);
            }
        }
        let o = pr.owner[i];
        if o != NONE && !best.iter().any(|b| b.1 == o) {
            if let Some(last) = best.last_mut() {
                *last = (0.0, o);
            }
        }
        let first = best.first().map_or(0, |b| b.1);
        out.extend(best.iter().map(|b| b.1));
        out.extend(std::iter::repeat_n(first, k - best.len()));
    }
    out
}

/// Prices on the territories' potential (`lam`) and workload (`nu`), moved by sign-based
/// steps (Rprop): each price's step grows while its subgradient keeps its sign and halves when
/// it flips, which needs no knowledge of the scale of distances and potentials.
pub(crate) struct Dual {
    pub lam: Vec<f64>,
    pub nu: Vec<f64>,
    step: Vec<f64>,
    last: Vec<f64>,
}

impl Dual {
    /// The prices of the transportation dual, per unit of load `(p + w)/2`, as prices per unit
    /// of potential and of workload (half each), centred (the transportation dual does not
    /// change when every price moves alike); first steps a tenth of their spread.
    pub(crate) fn from_prices(mu: &[f64]) -> Dual {
        let m = mu.len();
        let finite: Vec<f64> = mu.iter().map(|x| if x.is_finite() { *x } else { 0.0 }).collect();
        let mean = finite.iter().sum::<f64>() / m.max(1) as f64;
        let half: Vec<f64> = finite.iter().map(|x| (x - mean) / 2.0).collect();
        let spread = half.iter().fold(0.0f64, |a, v| a.max(v.abs()));
        let first = if spread > 0.0 { spread / 10.0 } else { 1e-9 };
        Dual { lam: half.clone(), nu: half, step: vec![first; 2 * m], last: vec![0.0; 2 * m] }
    }

    /// One ascent step from the loads (normalized potential, workload) the prices produced.
    #[allow(clippy::needless_range_loop)] // the index addresses several parallel arrays
    pub(crate) fn step(&mut self, pr: &Prob, loads: &[(f64, f64)]) {
        if pr.alpha <= 0.0 {
            return;
        }
        let a2 = 2.0 * pr.alpha;
        let m = pr.m;
        for t in 0..m {
            let gl = loads[t].0 - pr.tp - self.lam[t] / a2;
            let gn = loads[t].1 - pr.tw - self.nu[t] / a2;
            rprop(&mut self.lam[t], &mut self.step[t], &mut self.last[t], gl);
            rprop(&mut self.nu[t], &mut self.step[m + t], &mut self.last[m + t], gn);
        }
    }

    /// The dual's constant part: `Σ_t min_P (α(P − 1)² − λ_t P) = Σ_t (−λ_t − λ_t²/4α)`, and
    /// the same for workload.
    fn constant(&self, pr: &Prob) -> f64 {
        if pr.alpha <= 0.0 {
            return 0.0;
        }
        let mut v = 0.0;
        for t in 0..pr.m {
            v -= self.lam[t] * pr.tp + self.lam[t] * self.lam[t] / (4.0 * pr.alpha);
            v -= self.nu[t] * pr.tw + self.nu[t] * self.nu[t] / (4.0 * pr.alpha);
        }
        v
    }
}

fn rprop(x: &mut f64, step: &mut f64, last: &mut f64, g: f64) {
    if g * *last < 0.0 {
        *step *= 0.5;
    } else if g * *last > 0.0 {
        *step *= 1.2;
    }
    if g > 0.0 {
        *x += *step;
    } else if g < 0.0 {
        *x -= *step;
    }
    *last = g;
}

/// The objective of assignment `a` (centres: fixed ones, or the centroids of `a`).
pub(crate) fn value(pr: &Prob, a: &[u32]) -> f64 {
    let mut sums = vec![Sums::default(); pr.m];
    let mut moved = 0.0f64;
    for (i, &t) in a.iter().enumerate() {
        let s = &mut sums[t as usize];
        s.p += pr.p[i];
        s.w += pr.w[i];
        s.n += 1;
        s.sx += pr.x[i];
        s.sy += pr.y[i];
        s.sq += pr.x[i] * pr.x[i] + pr.y[i] * pr.y[i];
        moved += pr.moved_cost(i, t as usize);
    }
    let [sp, sw] = super::state::spread(pr, &sums);
    let mut v = moved + pr.alpha * (sp + sw);
    for (t, s) in sums.iter().enumerate() {
        let sq = match pr.fixed[t] {
            Some((cx, cy)) => s.sq - 2.0 * (cx * s.sx + cy * s.sy) + s.n as f64 * (cx * cx + cy * cy),
            None if s.n > 0 => s.sq - (s.sx * s.sx + s.sy * s.sy) / s.n as f64,
            None => 0.0,
        };
        v += pr.beta * sq;
    }
    v
}

/// The Lagrangian lower bound for fixed `centres`: `iterations` dual steps over every
/// territory from the prices `dual`; the best value seen.
/// A territory without a centre costs no distance.
pub(crate) fn lower_bound(pr: &Prob, centres: &[Option<(f64, f64)>], mut dual: Dual, iterations: usize) -> f64 {
    let m = pr.m;
    let cx: Vec<f64> = centres.iter().map(|c| c.map_or(0.0, |c| c.0)).collect();
    let cy: Vec<f64> = centres.iter().map(|c| c.map_or(0.0, |c| c.1)).collect();
    let has: Vec<f64> = centres.iter().map(|c| if c.is_some() { pr.beta } else { 0.0 }).collect();
    let mut best = f64::NEG_INFINITY;
    let mut load = vec![(0.0f64, 0.0f64); m];
    for _ in 0..iterations.max(1) {
        load.iter_mut().for_each(|l| *l = (0.0, 0.0));
        let mut v = dual.constant(pr);
        let (lam, nu) = (&dual.lam, &dual.nu);
        for i in 0..pr.n {
            let (x, y, p, w, o) = (pr.x[i], pr.y[i], pr.p[i], pr.w[i], pr.owner[i]);
            let cost =
                |t: usize| has[t] * ((x - cx[t]) * (x - cx[t]) + (y - cy[t]) * (y - cy[t])) + lam[t] * p + nu[t] * w;
            let b = if pr.locked[i] && o != NONE {
                (cost(o as usize), o as usize)
            } else {
                let extra = if o != NONE { pr.gamma } else { 0.0 };
                let mut b = (f64::INFINITY, 0usize);
                for t in 0..m {
                    let c = cost(t) + extra;
                    if c < b.0 {
                        b = (c, t);
                    }
                }
                if o != NONE {
                    let c = cost(o as usize);
                    if c <= b.0 {
                        b = (c, o as usize);
                    }
                }
                b
            };
            v += b.0;
            load[b.1].0 += p;
            load[b.1].1 += w;
        }
        best = best.max(v);
        if pr.alpha <= 0.0 {
            break;
        }
        dual.step(pr, &load);
    }
    best
}
