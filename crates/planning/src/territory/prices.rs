//! The starting assignment for fixed centres: the transportation problem "every territory
//! receives the mean potential and the mean workload, at least total compactness and
//! disruption cost", solved through its dual, for the accounts' load `ℓ = (p + w) / 2` (their
//! potential and workload over the means, together: one price per territory converges where
//! two would pull against each other; the local search then weighs the two apart). Each
//! territory has a price `μ_t` per unit of load; an account goes to the candidate territory
//! where `cost + μ_t·ℓ` is least. Each sweep takes a global step (the least-squares flow of
//! load between neighbouring territories, see `global_step`) and then coordinate ascent
//! (Gauss–Seidel, as in the auction algorithm): one territory's price at a time is set to the
//! value at which the accounts that choose it carry exactly its share — a weighted quantile of
//! the prices at which each account would switch.

use super::bound::value;
use super::state::{Prob, NONE};

/// The transportation dual's price per territory and unit of load.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Prices {
    pub mu: Vec<f64>,
}

impl Prices {
    pub(crate) fn new(m: usize) -> Prices {
        Prices { mu: vec![0.0; m] }
    }
}

/// An account's load: potential and workload over their means, averaged.
fn load(pr: &Prob, i: usize) -> f64 {
    (pr.p[i] + pr.w[i]) / 2.0
}

/// `sweeps` sweeps of coordinate ascent from `prices` for the centres `centres` over the
/// candidates `cand` (`k` per account); returns the assignment with the lowest objective seen.
#[allow(clippy::needless_range_loop)] // the index addresses several parallel arrays
pub(crate) fn transport(
    pr: &Prob,
    centres: &[Option<(f64, f64)>],
    cand: &[u32],
    k: usize,
    sweeps: usize,
    prices: &mut Prices,
) -> Vec<u32> {
    let (n, m) = (pr.n, pr.m);
    // The fixed part of each (account, candidate) cost, and who has each territory.
    let mut cost = vec![0.0f64; n * k];
    let mut inv: Vec<Vec<(u32, u8)>> = vec![Vec::new(); m];
    for i in 0..n {
        for j in 0..k {
            let t = cand[i * k + j] as usize;
            let d = match centres[t] {
                Some((cx, cy)) => (pr.x[i] - cx) * (pr.x[i] - cx) + (pr.y[i] - cy) * (pr.y[i] - cy),
                None => 0.0,
            };
            cost[i * k + j] = pr.beta * d + pr.moved_cost(i, t);
            if !cand[i * k..i * k + j].contains(&(t as u32)) {
                inv[t].push((i as u32, j as u8));
            }
        }
    }
    let assign = |prices: &Prices| -> Vec<u32> {
        (0..n)
            .map(|i| {
                let mut b = (f64::INFINITY, cand[i * k]);
                for j in 0..k {
                    let t = cand[i * k + j] as usize;
                    let c = cost[i * k + j] + prices.mu[t] * load(pr, i);
                    if c < b.0 {
                        b = (c, t as u32);
                    }
                }
                b.1
            })
            .collect()
    };
    let mut best = assign(prices);
    let mut best_value = value(pr, &best);
    if pr.alpha <= 0.0 {
        return best;
    }
    let target = (pr.tp + pr.tw) / 2.0;
    if target <= 0.0 {
        return best;
    }
    let mut thresholds: Vec<(f64, f64, u32)> = Vec::new();
    for _ in 0..sweeps {
        global_step(pr, cand, &cost, k, prices);
        for t in 0..m {
            thresholds.clear();
            let mut forced = 0.0f64;
            for &(i, j) in &inv[t] {
                let (i, j) = (i as usize, j as usize);
                let weight = load(pr, i);
                if pr.locked[i] && pr.owner[i] != NONE {
                    if pr.owner[i] as usize == t {
                        forced += weight;
                    }
                    continue;
                }
                // The account's cost here without the price, and its best elsewhere.
                let own = cost[i * k + j];
                let mut other = f64::INFINITY;
                for jj in 0..k {
                    let u = cand[i * k + jj] as usize;
                    if u != t {
                        other = other.min(cost[i * k + jj] + prices.mu[u] * weight);
                    }
                }
                // (An account without load does not change the share.)
                if weight > 0.0 {
                    thresholds.push(((other - own) / weight, weight, i as u32));
                }
            }
            if let Some(p) = clearing_price(&mut thresholds, target - forced) {
                prices.mu[t] = p;
            }
        }
        let a = assign(prices);
        let v = value(pr, &a);
        if v < best_value {
            best_value = v;
            best = a;
        }
    }
    best
}

/// A global step: load has to flow from the
/// territories above their share to those below, across many boundaries at once, which
/// one-territory-at-a-time updates only spread slowly. The least-squares flow solves `L x =
/// excess` on the territories' neighbour graph (neighbours: an account's first and second
/// choice; weights: how many accounts), and raising the prices along `x` sends the accounts
/// that way; the step length is the best of a few (by the squared excess it leaves).
fn global_step(pr: &Prob, cand: &[u32], cost: &[f64], k: usize, prices: &mut Prices) {
    let (n, m) = (pr.n, pr.m);
    let target = (pr.tp + pr.tw) / 2.0;
    if target <= 0.0 || m < 2 {
        return;
    }
    let weight = |i: usize| load(pr, i);
    let choose = |prices: &Prices, i: usize| -> (f64, usize, f64, usize) {
        let mut b = (f64::INFINITY, cand[i * k] as usize, f64::INFINITY, usize::MAX);
        for j in 0..k {
            let t = cand[i * k + j] as usize;
            let c = cost[i * k + j] + prices.mu[t] * weight(i);
            if c < b.0 {
                b = (c, t, b.0, b.1);
            } else if c < b.2 && t != b.1 {
                b.2 = c;
                b.3 = t;
            }
        }
        b
    };
    let loads = |prices: &Prices| -> Vec<f64> {
        let mut l = vec![0.0f64; m];
        for i in 0..n {
            let t = if pr.locked[i] && pr.owner[i] != NONE { pr.owner[i] as usize } else { choose(prices, i).1 };
            l[t] += weight(i);
        }
        l
    };
    let mut pairs: Vec<u64> = Vec::new();
    let mut gaps: Vec<f64> = Vec::new();
    for i in 0..n {
        if pr.locked[i] || weight(i) <= 0.0 {
            continue;
        }
        let (c1, t1, c2, t2) = choose(prices, i);
        if t2 != usize::MAX && c2.is_finite() {
            let (a, b) = (t1.min(t2) as u64, t1.max(t2) as u64);
            pairs.push(a * m as u64 + b);
            gaps.push((c2 - c1) / weight(i));
        }
    }
    if gaps.is_empty() {
        return;
    }
    gaps.sort_by(f64::total_cmp);
    let typical = gaps[gaps.len() / 2].max(gaps[gaps.len() - 1] * 1e-6);
    pairs.sort_unstable();
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); m];
    let mut idx = 0;
    while idx < pairs.len() {
        let key = pairs[idx];
        let mut c = 0.0;
        while idx < pairs.len() && pairs[idx] == key {
            c += 1.0;
            idx += 1;
        }
        let (a, b) = ((key / m as u64) as usize, (key % m as u64) as usize);
        adj[a].push((b, c));
        adj[b].push((a, c));
    }
    let now = loads(prices);
    let mut excess: Vec<f64> = now.iter().map(|l| l - target).collect();
    centre_groups(&adj, &mut excess);
    let x = solve_laplacian(&adj, &excess);
    let top = x.iter().fold(0.0f64, |a, v| a.max(v.abs()));
    if top <= 0.0 || !typical.is_finite() || typical <= 0.0 {
        return;
    }
    let squared = |l: &[f64]| l.iter().map(|v| (v - target) * (v - target)).sum::<f64>();
    let mut best = (squared(&now), 0.0f64);
    for eta in [8.0, 4.0, 2.0, 1.0, 0.5, 0.25, 0.125, 0.0625] {
        let mut trial = prices.clone();
        for (p, xv) in trial.mu.iter_mut().zip(&x) {
            *p += eta * typical * xv / top;
        }
        let e = squared(&loads(&trial));
        if e < best.0 {
            best = (e, eta);
        }
    }
    if best.1 > 0.0 {
        for (p, xv) in prices.mu.iter_mut().zip(&x) {
            *p += best.1 * typical * xv / top;
        }
    }
}

/// Load cannot flow between unconnected groups of territories: each group evens out its own
/// mean excess.
fn centre_groups(adj: &[Vec<(usize, f64)>], b: &mut [f64]) {
    let m = b.len();
    let mut seen = vec![false; m];
    for start in 0..m {
        if seen[start] {
            continue;
        }
        let mut stack = vec![start];
        let mut group = Vec::new();
        seen[start] = true;
        while let Some(t) = stack.pop() {
            group.push(t);
            for &(u, _) in &adj[t] {
                if !seen[u] {
                    seen[u] = true;
                    stack.push(u);
                }
            }
        }
        let mean = group.iter().map(|&t| b[t]).sum::<f64>() / group.len() as f64;
        for &t in &group {
            b[t] -= mean;
        }
    }
}

/// Conjugate gradients on a weighted graph Laplacian (symmetric, positive semi-definite; `b`
/// sums to zero on every connected group, so a solution exists).
fn solve_laplacian(adj: &[Vec<(usize, f64)>], b: &[f64]) -> Vec<f64> {
    let m = b.len();
    let apply = |v: &[f64], out: &mut [f64]| {
        for t in 0..m {
            out[t] = adj[t].iter().map(|&(u, c)| c * (v[t] - v[u])).sum::<f64>();
        }
    };
    let mut x = vec![0.0f64; m];
    let mut r = b.to_vec();
    let mut p = r.clone();
    let mut ap = vec![0.0f64; m];
    let mut rr: f64 = r.iter().map(|v| v * v).sum::<f64>();
    let stop = rr * 1e-20;
    for _ in 0..4 * m {
        if rr <= stop || rr == 0.0 {
            break;
        }
        apply(&p, &mut ap);
        let pap: f64 = p.iter().zip(&ap).map(|(a, b)| a * b).sum::<f64>();
        if pap <= 0.0 {
            break;
        }
        let alpha = rr / pap;
        for t in 0..m {
            x[t] += alpha * p[t];
            r[t] -= alpha * ap[t];
        }
        let next: f64 = r.iter().map(|v| v * v).sum::<f64>();
        let beta = next / rr;
        rr = next;
        for t in 0..m {
            p[t] = r[t] + beta * p[t];
        }
    }
    x
}

/// The price at which the accounts whose switching price is above it carry `need`: the
/// thresholds sorted from high to low, summed until `need` is reached (taking the last one or
/// not, whichever comes closer), and the price set halfway to the next threshold. `None` when
/// there are no finite thresholds. (A weighted clearing price, not a sample quantile: those are
/// `spm_base::quantile`'s.)
fn clearing_price(th: &mut Vec<(f64, f64, u32)>, need: f64) -> Option<f64> {
    th.retain(|x| x.0.is_finite());
    if th.is_empty() {
        return None;
    }
    th.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
    let spread = (th[0].0 - th[th.len() - 1].0).abs().max(th[0].0.abs()).max(1e-300);
    let gap = 1e-9 * spread;
    if need <= 0.0 {
        return Some(th[0].0 + gap);
    }
    let mut cum = 0.0f64;
    for idx in 0..th.len() {
        let before = cum;
        cum += th[idx].1;
        if cum >= need {
            // Include this account when that comes closer to the need than leaving it out.
            let take = cum - need <= need - before;
            let (hi, lo) = if take {
                (th[idx].0, th.get(idx + 1).map(|x| x.0))
            } else {
                (th.get(idx.wrapping_sub(1)).map_or(th[idx].0 + 2.0 * gap, |x| x.0), Some(th[idx].0))
            };
            return Some(match lo {
                Some(lo) => (hi + lo) / 2.0,
                None => hi - gap,
            });
        }
    }
    Some(th[th.len() - 1].0 - gap)
}
