//! The balancer's numbers and its search state. `Prob` holds the instance as the search sees it
//! (coordinates moved so that all accounts' centroid is the origin, potentials and workloads
//! divided by their means, the objective's coefficients); `State` an assignment with running
//! per-territory sums (potential, workload, count, Σx, Σy, Σ(x²+y²), exact workload for
//! capacities), so that the objective's change for a move or a swap is O(1).

use super::engine::{Landscape, Members};
use super::{Instance, Weights};
use rust_decimal::Decimal;
use spm_base::float::to_f64;

/// No owner.
pub(crate) const NONE: u32 = u32::MAX;

/// The instance as the search sees it.
pub(crate) struct Prob {
    pub n: usize,
    pub m: usize,
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    /// Potential over the mean territory potential.
    pub p: Vec<f64>,
    /// Workload over the mean territory workload.
    pub w: Vec<f64>,
    /// Target of a normalized sum: 1, or 0 when everything is zero.
    pub tp: f64,
    pub tw: f64,
    pub wdec: Vec<Decimal>,
    pub owner: Vec<u32>,
    pub locked: Vec<bool>,
    /// Fixed centres, moved like the coordinates.
    pub fixed: Vec<Option<(f64, f64)>>,
    pub cap_w: Vec<Option<Decimal>>,
    pub cap_n: Vec<usize>,
    /// `balance / 2m`: the coefficient of `Σ_t (P_t − 1)²` (and the same for workload), so that
    /// the balance term is `balance × (CV²(potential) + CV²(workload)) / 2`.
    pub alpha: f64,
    /// `compactness / Σ|account − centroid|²`.
    pub beta: f64,
    /// `disruption / owned`.
    pub gamma: f64,
    /// `(x, y, p, w)` of each account side by side, for the hot loops (one cache line).
    pub pt: Vec<[f64; 4]>,
    /// Owner and lock side by side, for the hot loops.
    pub tag: Vec<(u32, bool)>,
}

impl Prob {
    pub(crate) fn new(inst: &Instance, wt: &Weights) -> Prob {
        let n = inst.accounts.len();
        let m = inst.territories.len().max(1);
        let raw_x: Vec<f64> = inst.accounts.iter().map(|a| a.x).collect();
        let raw_y: Vec<f64> = inst.accounts.iter().map(|a| a.y).collect();
        let origin = if n > 0 {
            (raw_x.iter().sum::<f64>() / n as f64, raw_y.iter().sum::<f64>() / n as f64)
        } else {
            (0.0, 0.0)
        };
        let x: Vec<f64> = raw_x.iter().map(|v| v - origin.0).collect();
        let y: Vec<f64> = raw_y.iter().map(|v| v - origin.1).collect();
        let total = |f: &dyn Fn(&super::Account) -> Decimal| {
            to_f64(inst.accounts.iter().map(f).fold(Decimal::ZERO, Decimal::saturating_add))
        };
        let mean_p = total(&|a| a.potential) / m as f64;
        let mean_w = total(&|a| a.workload) / m as f64;
        let norm = |v: Decimal, mean: f64| if mean > 0.0 { to_f64(v) / mean } else { 0.0 };
        let z: f64 = x.iter().zip(&y).map(|(a, b)| a * a + b * b).sum::<f64>();
        let owned = inst.accounts.iter().filter(|a| a.owner.is_some()).count();
        let mut pr = Prob {
            n,
            m,
            p: inst.accounts.iter().map(|a| norm(a.potential, mean_p)).collect(),
            w: inst.accounts.iter().map(|a| norm(a.workload, mean_w)).collect(),
            tp: if mean_p > 0.0 { 1.0 } else { 0.0 },
            tw: if mean_w > 0.0 { 1.0 } else { 0.0 },
            wdec: inst.accounts.iter().map(|a| a.workload).collect(),
            owner: inst.accounts.iter().map(|a| a.owner.map_or(NONE, |o| o as u32)).collect(),
            locked: inst.accounts.iter().map(|a| a.locked).collect(),
            fixed: inst.territories.iter().map(|t| t.center.map(|(a, b)| (a - origin.0, b - origin.1))).collect(),
            cap_w: inst.territories.iter().map(|t| t.max_workload).collect(),
            cap_n: inst.territories.iter().map(|t| t.max_accounts.unwrap_or(usize::MAX)).collect(),
            alpha: wt.balance / (2.0 * m as f64),
            beta: if z > 0.0 { wt.compactness / z } else { 0.0 },
            gamma: if owned > 0 { wt.disruption / owned as f64 } else { 0.0 },
            pt: Vec::new(),
            tag: Vec::new(),
            x,
            y,
        };
        pr.pt = (0..n).map(|i| [pr.x[i], pr.y[i], pr.p[i], pr.w[i]]).collect();
        pr.tag = (0..n).map(|i| (pr.owner[i], pr.locked[i])).collect();
        pr
    }

    /// The disruption cost of an account with owner `o` on territory `t`.
    #[inline]
    fn moved_tag(&self, o: u32, t: usize) -> f64 {
        if o != NONE && o as usize != t {
            self.gamma
        } else {
            0.0
        }
    }

    /// The disruption cost of account `i` on territory `t`.
    pub(crate) fn moved_cost(&self, i: usize, t: usize) -> f64 {
        let o = self.owner[i];
        if o != NONE && o as usize != t {
            self.gamma
        } else {
            0.0
        }
    }
}

/// Per-territory running sums.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Sums {
    pub p: f64,
    pub w: f64,
    pub n: usize,
    pub sx: f64,
    pub sy: f64,
    pub sq: f64,
}

/// An assignment under search.
pub(crate) struct State<'a> {
    pub pr: &'a Prob,
    pub a: Vec<u32>,
    pub sums: Vec<Sums>,
    /// Each territory's sum of squared distances to its centre, from `sums`.
    sse: Vec<f64>,
    /// Each territory's count of changes (for `stamp`).
    version: Vec<u64>,
    /// `Σ_t (P_t − 1)²` and `Σ_t (W_t − 1)²`.
    spread: [f64; 2],
    pub load: Vec<Decimal>,
    pub members: Members,
    /// `k` candidate territories per account, flat.
    pub cand: Vec<u32>,
    pub k: usize,
    /// Accounts of territory `t` with territory `u` among their first candidates, for
    /// `t·m + u`: `border[border_at[t·m + u]..border_at[t·m + u + 1]]`.
    border: Vec<u32>,
    border_at: Vec<u32>,
}

/// How many of an account's nearest candidates make it a border account for swaps.
const BORDER: usize = 3;

impl<'a> State<'a> {
    pub(crate) fn new(pr: &'a Prob, a: Vec<u32>, cand: Vec<u32>, k: usize) -> State<'a> {
        let mut sums = vec![Sums::default(); pr.m];
        let mut load = vec![Decimal::ZERO; pr.m];
        for (i, &t) in a.iter().enumerate() {
            let s = &mut sums[t as usize];
            s.p += pr.p[i];
            s.w += pr.w[i];
            s.n += 1;
            s.sx += pr.x[i];
            s.sy += pr.y[i];
            s.sq += pr.x[i] * pr.x[i] + pr.y[i] * pr.y[i];
            load[t as usize] = load[t as usize].saturating_add(pr.wdec[i]);
        }
        let members = Members::new(pr.m, &a);
        let mut st = State {
            pr,
            a,
            sums,
            sse: Vec::new(),
            version: vec![0; pr.m],
            spread: [0.0; 2],
            load,
            members,
            cand,
            k,
            border: Vec::new(),
            border_at: Vec::new(),
        };
        st.sse = (0..pr.m).map(|t| st.squares(t, &st.sums[t])).collect();
        st.spread = spread(pr, &st.sums);
        st
    }

    /// Sum of squared distances to territory `t`'s centre for sums `s`.
    #[inline]
    pub(crate) fn squares(&self, t: usize, s: &Sums) -> f64 {
        match self.pr.fixed[t] {
            Some((cx, cy)) => s.sq - 2.0 * (cx * s.sx + cy * s.sy) + s.n as f64 * (cx * cx + cy * cy),
            None if s.n > 0 => s.sq - (s.sx * s.sx + s.sy * s.sy) / s.n as f64,
            None => 0.0,
        }
    }

    /// Territory `t`'s centre (fixed or centroid); `None` for an empty free territory.
    pub(crate) fn centre(&self, t: usize) -> Option<(f64, f64)> {
        let s = &self.sums[t];
        self.pr.fixed[t].or_else(|| (s.n > 0).then(|| (s.sx / s.n as f64, s.sy / s.n as f64)))
    }

    /// The objective, summed afresh from the running sums.
    pub(crate) fn value(&self) -> f64 {
        let pr = self.pr;
        let [sp, sw] = spread(pr, &self.sums);
        let mut v = pr.alpha * (sp + sw);
        for (t, s) in self.sums.iter().enumerate() {
            v += pr.beta * self.squares(t, s);
        }
        v + (0..pr.n).map(|i| pr.moved_cost(i, self.a[i] as usize)).sum::<f64>()
    }

    /// The balance term's change when `Σ(P − 1)²` changes by `dp` and `Σ(W − 1)²` by `dw`.
    #[inline]
    fn balance_change(&self, dp: f64, dw: f64) -> f64 {
        self.pr.alpha * (dp + dw)
    }

    /// Whether territory `t` is over a capacity.
    pub(crate) fn over(&self, t: usize) -> bool {
        self.sums[t].n > self.pr.cap_n[t] || self.pr.cap_w[t].is_some_and(|c| self.load[t] > c)
    }

    #[inline]
    fn fits(&self, t: usize, add: Decimal, sub: Decimal, count: usize) -> bool {
        if self.sums[t].n + count > self.pr.cap_n[t] {
            return false;
        }
        match self.pr.cap_w[t] {
            Some(c) => self.load[t].saturating_add(add).saturating_sub(sub) <= c,
            None => true,
        }
    }

    /// The compactness and disruption part of moving account `i` to territory `t` (`None`
    /// when locked, already there, or without room).
    pub(crate) fn shift_cost(&self, i: usize, t: usize) -> Option<f64> {
        let pr = self.pr;
        let s = self.a[i] as usize;
        if pr.locked[i] || s == t || !self.fits(t, pr.wdec[i], Decimal::ZERO, 1) {
            return None;
        }
        let comp = if pr.beta > 0.0 {
            self.squares(s, &self.with(s, i, -1.0)) - self.sse[s] + self.squares(t, &self.with(t, i, 1.0)) - self.sse[t]
        } else {
            0.0
        };
        Some(pr.beta * comp + pr.moved_cost(i, t) - pr.moved_cost(i, s))
    }

    /// The border accounts of territory `t` facing territory `u` (as of the last
    /// `prepare_swaps`).
    pub(crate) fn border(&self, t: usize, u: usize) -> &[u32] {
        let key = t * self.pr.m + u;
        match (self.border_at.get(key), self.border_at.get(key + 1)) {
            (Some(&from), Some(&to)) => self.border.get(from as usize..to as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    #[inline]
    fn with(&self, t: usize, i: usize, sign: f64) -> Sums {
        let pr = self.pr;
        let s = self.sums[t];
        let [x, y, p, w] = pr.pt[i];
        Sums {
            p: s.p + sign * p,
            w: s.w + sign * w,
            n: if sign > 0.0 { s.n + 1 } else { s.n.saturating_sub(1) },
            sx: s.sx + sign * x,
            sy: s.sy + sign * y,
            sq: s.sq + sign * (x * x + y * y),
        }
    }
}

/// `Σ_t (P_t − 1)²` and `Σ_t (W_t − 1)²`.
pub(crate) fn spread(pr: &Prob, sums: &[Sums]) -> [f64; 2] {
    let mut out = [0.0f64; 2];
    for s in sums {
        out[0] += (s.p - pr.tp) * (s.p - pr.tp);
        out[1] += (s.w - pr.tw) * (s.w - pr.tw);
    }
    out
}

impl Landscape for State<'_> {
    fn items(&self) -> usize {
        self.pr.n
    }

    fn agent_of(&self, i: usize) -> usize {
        self.a[i] as usize
    }

    fn candidates(&self, i: usize) -> &[u32] {
        &self.cand[i * self.k..(i + 1) * self.k]
    }

    fn members(&self, t: usize) -> &[u32] {
        self.members.of(t)
    }

    fn stamp(&self, i: usize) -> Option<u64> {
        let own = self.version[self.a[i] as usize];
        Some(self.candidates(i).iter().fold(own, |v, &t| v.wrapping_add(self.version[t as usize])))
    }

    fn partners(&self, i: usize, t: usize) -> &[u32] {
        self.border(t, self.a[i] as usize)
    }

    fn prepare_swaps(&mut self) {
        let m = self.pr.m;
        let b = BORDER.min(self.k);
        self.border_at.clear();
        self.border_at.resize(m * m + 1, 0);
        for j in 0..self.pr.n {
            let t = self.a[j] as usize;
            for &u in &self.cand[j * self.k..j * self.k + b] {
                if u as usize != t && !self.pr.locked[j] {
                    self.border_at[t * m + u as usize + 1] += 1;
                }
            }
        }
        for key in 0..m * m {
            self.border_at[key + 1] += self.border_at[key];
        }
        let mut fill: Vec<u32> = self.border_at.clone();
        self.border.clear();
        self.border.resize(self.border_at[m * m] as usize, 0);
        for j in 0..self.pr.n {
            let t = self.a[j] as usize;
            for &u in &self.cand[j * self.k..j * self.k + b] {
                if u as usize != t && !self.pr.locked[j] {
                    let key = t * m + u as usize;
                    self.border[fill[key] as usize] = j as u32;
                    fill[key] += 1;
                }
            }
        }
    }

    fn shift_delta(&self, i: usize, t: usize) -> Option<f64> {
        let pr = self.pr;
        let cost = self.shift_cost(i, t)?;
        let s = self.a[i] as usize;
        let (ss, st) = (&self.sums[s], &self.sums[t]);
        let [_, _, p, w] = pr.pt[i];
        let dp = 2.0 * p * (st.p - ss.p + p);
        let dw = 2.0 * w * (st.w - ss.w + w);
        Some(self.balance_change(dp, dw) + cost)
    }

    fn shift(&mut self, i: usize, t: usize) {
        let s = self.a[i] as usize;
        let (tp, tw) = (self.pr.tp, self.pr.tw);
        let term = |x: &Sums| [(x.p - tp) * (x.p - tp), (x.w - tw) * (x.w - tw)];
        let before = [term(&self.sums[s]), term(&self.sums[t])];
        self.sums[s] = self.with(s, i, -1.0);
        self.sse[s] = self.squares(s, &self.sums[s]);
        self.sums[t] = self.with(t, i, 1.0);
        self.sse[t] = self.squares(t, &self.sums[t]);
        let after = [term(&self.sums[s]), term(&self.sums[t])];
        for d in 0..2 {
            self.spread[d] = (self.spread[d] + after[0][d] + after[1][d] - before[0][d] - before[1][d]).max(0.0);
        }
        self.load[s] = self.load[s].saturating_sub(self.pr.wdec[i]);
        self.load[t] = self.load[t].saturating_add(self.pr.wdec[i]);
        self.a[i] = t as u32;
        self.members.shift(i, s, t);
        self.version[s] += 1;
        self.version[t] += 1;
    }

    /// Only swaps that already lower the objective on balance and disruption alone are
    /// weighed (compactness then decides): swaps are for fine balancing, and the filter skips
    /// the costlier half of the evaluations.
    fn swap_delta(&self, i: usize, j: usize) -> Option<f64> {
        let pr = self.pr;
        let (s, t) = (self.a[i] as usize, self.a[j] as usize);
        let ((oi, li), (oj, lj)) = (pr.tag[i], pr.tag[j]);
        if s == t || li || lj {
            return None;
        }
        let ([xi, yi, pi, wi], [xj, yj, pj, wj]) = (pr.pt[i], pr.pt[j]);
        let (ss, st) = (&self.sums[s], &self.sums[t]);
        let dp = pj - pi;
        let dw = wj - wi;
        let bal = self.balance_change(2.0 * dp * (ss.p - st.p + dp), 2.0 * dw * (ss.w - st.w + dw));
        let dis = pr.moved_tag(oi, t) - pr.moved_tag(oi, s) + pr.moved_tag(oj, s) - pr.moved_tag(oj, t);
        let base = bal + dis;
        if base >= 0.0 {
            return None;
        }
        if !self.fits(s, pr.wdec[j], pr.wdec[i], 0) || !self.fits(t, pr.wdec[i], pr.wdec[j], 0) {
            return None;
        }
        let comp = if pr.beta > 0.0 {
            let qi = xi * xi + yi * yi;
            let qj = xj * xj + yj * yj;
            let ns = Sums { sx: ss.sx - xi + xj, sy: ss.sy - yi + yj, sq: ss.sq - qi + qj, ..*ss };
            let nt = Sums { sx: st.sx - xj + xi, sy: st.sy - yj + yi, sq: st.sq - qj + qi, ..*st };
            self.squares(s, &ns) - self.sse[s] + self.squares(t, &nt) - self.sse[t]
        } else {
            0.0
        };
        Some(base + pr.beta * comp)
    }

    fn eps(&self) -> f64 {
        1e-15
    }
}
