//! The capacitated assignment problem (generalized assignment with optional minimum loads):
//! assign every item to one agent, item `i` on agent `j` costing `c_ij` and using `a_ij` of
//! the agent's capacity, each agent's load within `[minimum_j, capacity_j]`, at least total cost.
//!
//! Method: the Lagrangian relaxation of the load constraints (subgradient optimization) gives
//! a lower bound and prices; the items' cheapest agents at those prices are the start; then an
//! iterated local search on the shared engine: descents over shifts and swaps with load
//! violations penalized (the penalty rises while the search stays infeasible and falls while it
//! is feasible: strategic oscillation), seeded kicks, returns to the best solution.
//! The balancer's start (`balance`) is the same relaxation with the balance constraints.

use super::engine::{descend, Landscape, Members};
use super::Rng;

/// A capacitated assignment problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Number of items.
    pub items: usize,
    /// Number of agents.
    pub agents: usize,
    /// `items × agents`, row by row; `f64::INFINITY` where an item may not go.
    pub cost: Vec<f64>,
    /// `items × agents`: the capacity an item uses on an agent.
    pub usage: Vec<f64>,
    /// Each agent's capacity.
    pub capacity: Vec<f64>,
    /// Each agent's minimum load (0 for none).
    pub minimum: Vec<f64>,
}

/// A solution.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// Each item's agent.
    pub agent: Vec<usize>,
    /// Total cost.
    pub cost: f64,
    /// Every load within its limits.
    pub feasible: bool,
    /// The Lagrangian lower bound.
    pub lower_bound: f64,
}

/// Loads within this much of a limit count as within it (the data are decimals held as `f64`).
const TOLERANCE: f64 = 1e-9;

/// Solves `p` with `rounds` rounds of iterated local search (each a kick and a descent),
/// starting from the items' cheapest agents at the Lagrangian prices.
#[allow(clippy::needless_range_loop)] // the index addresses several parallel arrays
pub fn solve(p: &Problem, seed: u64, rounds: usize) -> Solution {
    let (n, m) = (p.items, p.agents);
    let (bound, prices) = lagrangian(p, 150, None);
    let start: Vec<usize> = (0..n)
        .map(|i| {
            let mut best = (f64::INFINITY, 0usize);
            for j in 0..m {
                let c = p.cost[i * m + j] + prices[j] * p.usage[i * m + j];
                if c < best.0 {
                    best = (c, j);
                }
            }
            best.1
        })
        .collect();
    let mut s = improve(p, &start, seed, rounds);
    s.lower_bound = if s.feasible { lagrangian(p, 300, Some(s.cost)).0.max(bound) } else { bound };
    s
}

/// Improves the assignment `start` (each item's agent) with `rounds` rounds of iterated local
/// search; the solution's `lower_bound` is left at minus infinity.
pub fn improve(p: &Problem, start: &[usize], seed: u64, rounds: usize) -> Solution {
    let n = p.items;
    let m = p.agents;
    let mut rng = Rng::new(seed);
    let start: Vec<u32> = start.iter().map(|&a| a as u32).collect();
    let mut st = State::new(p, &start);
    let mut order: Vec<u32> = (0..n as u32).collect();
    let mut best: Option<(f64, Vec<u32>)> = None;
    let mut since_best = 0usize;
    for round in 0..rounds.max(1) {
        rng.shuffle(&mut order);
        descend(&mut st, &order, 50, true);
        if st.violation() <= TOLERANCE {
            if best.as_ref().is_none_or(|b| st.cost < b.0 - 1e-9) {
                best = Some((st.cost, st.a.clone()));
                since_best = 0;
            }
            st.rho = (st.rho * 0.8).max(st.rho_floor);
        } else {
            st.rho *= 1.5;
        }
        since_best += 1;
        if round + 1 >= rounds {
            break;
        }
        if since_best > 20 {
            if let Some((_, a)) = &best {
                let rho = st.rho;
                st = State::new(p, a);
                st.rho = rho;
            }
            since_best = 0;
        }
        let kicks = 1 + rng.below((n / 8).max(2));
        for _ in 0..kicks {
            let i = rng.below(n);
            let c = &st.cand[i];
            if c.len() > 1 {
                let t = c[rng.below(c.len())] as usize;
                if t != st.a[i] as usize {
                    st.shift(i, t);
                }
            }
        }
    }
    let (agent, feasible) = match best {
        Some((_, a)) => (a, true),
        None => (st.a.clone(), false),
    };
    // The running total drifts by rounding; the reported cost is summed afresh.
    let cost: f64 = agent.iter().enumerate().map(|(i, &j)| p.cost[i * m + j as usize]).sum::<f64>();
    Solution { agent: agent.iter().map(|&a| a as usize).collect(), cost, feasible, lower_bound: f64::NEG_INFINITY }
}

/// The Lagrangian relaxation of the load limits: `max over u, v ≥ 0 of Σ_i min_j (c_ij +
/// (u_j − v_j) a_ij) − Σ_j u_j capacity_j + Σ_j v_j minimum_j`, by subgradient steps (Polyak's
/// rule towards `upper` when known). Returns the best bound and the prices `u − v`.
pub fn lagrangian(p: &Problem, iterations: usize, upper: Option<f64>) -> (f64, Vec<f64>) {
    let (n, m) = (p.items, p.agents);
    let mut u = vec![0.0f64; m];
    let mut v = vec![0.0f64; m];
    let mut load = vec![0.0f64; m];
    let mut best = (f64::NEG_INFINITY, vec![0.0f64; m]);
    let mut theta = 1.0f64;
    let mut stall = 0usize;
    let scale = p.cost.iter().filter(|c| c.is_finite()).fold(0.0f64, |s, c| s.max(c.abs())).max(1.0);
    for _ in 0..iterations {
        load.iter_mut().for_each(|l| *l = 0.0);
        let mut value = 0.0f64;
        for i in 0..n {
            let mut b = (f64::INFINITY, 0usize);
            for j in 0..m {
                let c = p.cost[i * m + j] + (u[j] - v[j]) * p.usage[i * m + j];
                if c < b.0 {
                    b = (c, j);
                }
            }
            value += b.0;
            load[b.1] += p.usage[i * m + b.1];
        }
        for j in 0..m {
            value += v[j] * p.minimum[j] - u[j] * p.capacity[j];
        }
        if value > best.0 + 1e-12 * value.abs().max(1.0) {
            best = (value, (0..m).map(|j| u[j] - v[j]).collect());
            stall = 0;
        } else {
            stall += 1;
            if stall >= 10 {
                theta *= 0.5;
                stall = 0;
            }
        }
        let mut norm = 0.0f64;
        for j in 0..m {
            let gu = load[j] - p.capacity[j];
            let gv = p.minimum[j] - load[j];
            if gu > 0.0 || u[j] > 0.0 {
                norm += gu * gu;
            }
            if gv > 0.0 || v[j] > 0.0 {
                norm += gv * gv;
            }
        }
        if norm <= 1e-18 || theta < 1e-6 {
            break;
        }
        let target = upper.unwrap_or(value.abs() * 1.05 + 0.05 * scale);
        let step = theta * (target - value).max(1e-9 * scale) / norm;
        for j in 0..m {
            u[j] = (u[j] + step * (load[j] - p.capacity[j])).max(0.0);
            v[j] = (v[j] + step * (p.minimum[j] - load[j])).max(0.0);
        }
    }
    (best.0, best.1)
}

/// A solution under search: loads and costs kept up to date, violations penalized by `rho`.
struct State<'a> {
    p: &'a Problem,
    a: Vec<u32>,
    load: Vec<f64>,
    cost: f64,
    rho: f64,
    rho_floor: f64,
    members: Members,
    cand: Vec<Vec<u32>>,
}

impl<'a> State<'a> {
    fn new(p: &'a Problem, a: &[u32]) -> State<'a> {
        let m = p.agents;
        let mut load = vec![0.0f64; m];
        let mut cost = 0.0f64;
        for (i, &j) in a.iter().enumerate() {
            load[j as usize] += p.usage[i * m + j as usize];
            cost += p.cost[i * m + j as usize];
        }
        let cand = (0..p.items)
            .map(|i| {
                let mut c: Vec<u32> = (0..m as u32).filter(|&j| p.cost[i * m + j as usize].is_finite()).collect();
                c.sort_by(|&x, &y| p.cost[i * m + x as usize].total_cmp(&p.cost[i * m + y as usize]).then(x.cmp(&y)));
                c
            })
            .collect();
        let (mut cs, mut us) = (0.0f64, 0.0f64);
        for (c, u) in p.cost.iter().zip(&p.usage) {
            if c.is_finite() {
                cs += c.abs();
                us += u.abs();
            }
        }
        let rho = if us > 0.0 { (cs / us).max(1e-6) } else { 1.0 };
        State { p, a: a.to_vec(), load, cost, rho, rho_floor: rho * 0.05, members: Members::new(m, a), cand }
    }

    fn over(&self, j: usize, load: f64) -> f64 {
        (load - self.p.capacity[j]).max(0.0) + (self.p.minimum[j] - load).max(0.0)
    }

    fn violation(&self) -> f64 {
        (0..self.p.agents).map(|j| self.over(j, self.load[j])).sum::<f64>()
    }
}

impl Landscape for State<'_> {
    fn items(&self) -> usize {
        self.p.items
    }

    fn agent_of(&self, i: usize) -> usize {
        self.a[i] as usize
    }

    fn candidates(&self, i: usize) -> &[u32] {
        &self.cand[i]
    }

    fn members(&self, t: usize) -> &[u32] {
        self.members.of(t)
    }

    fn shift_delta(&self, i: usize, to: usize) -> Option<f64> {
        let m = self.p.agents;
        let s = self.a[i] as usize;
        let c = self.p.cost[i * m + to];
        if !c.is_finite() {
            return None;
        }
        let (us, ut) = (self.p.usage[i * m + s], self.p.usage[i * m + to]);
        let dv = self.over(s, self.load[s] - us) - self.over(s, self.load[s]) + self.over(to, self.load[to] + ut)
            - self.over(to, self.load[to]);
        Some(c - self.p.cost[i * m + s] + self.rho * dv)
    }

    fn shift(&mut self, i: usize, to: usize) {
        let m = self.p.agents;
        let s = self.a[i] as usize;
        self.load[s] -= self.p.usage[i * m + s];
        self.load[to] += self.p.usage[i * m + to];
        self.cost += self.p.cost[i * m + to] - self.p.cost[i * m + s];
        self.a[i] = to as u32;
        self.members.shift(i, s, to);
    }

    fn swap_delta(&self, i: usize, j: usize) -> Option<f64> {
        let m = self.p.agents;
        let (s, t) = (self.a[i] as usize, self.a[j] as usize);
        let (cit, cjs) = (self.p.cost[i * m + t], self.p.cost[j * m + s]);
        if s == t || !cit.is_finite() || !cjs.is_finite() {
            return None;
        }
        let ls = self.load[s] - self.p.usage[i * m + s] + self.p.usage[j * m + s];
        let lt = self.load[t] - self.p.usage[j * m + t] + self.p.usage[i * m + t];
        let dv = self.over(s, ls) + self.over(t, lt) - self.over(s, self.load[s]) - self.over(t, self.load[t]);
        Some(cit + cjs - self.p.cost[i * m + s] - self.p.cost[j * m + t] + self.rho * dv)
    }

    fn eps(&self) -> f64 {
        1e-9
    }
}
