//! The local-search engine shared by the balancer and the capacitated assignment solver: an
//! assignment of items to agents seen through [`Landscape`] (the objective's change for moving
//! one item, or exchanging two, computed in O(1) from running sums), and a first-improvement
//! descent over shifts and swaps in a seeded order.

/// An assignment of items to agents with an objective to lower.
pub(crate) trait Landscape {
    /// Number of items.
    fn items(&self) -> usize;
    /// The agent item `i` is assigned to.
    fn agent_of(&self, i: usize) -> usize;
    /// The agents item `i` may move to (its own may be among them).
    fn candidates(&self, i: usize) -> &[u32];
    /// The items of agent `t`, in no particular order.
    fn members(&self, t: usize) -> &[u32];
    /// The objective's change if item `i` moved to agent `to`; `None` when the move is not
    /// allowed (a locked item, a full agent).
    fn shift_delta(&self, i: usize, to: usize) -> Option<f64>;
    /// Moves item `i` to agent `to`.
    fn shift(&mut self, i: usize, to: usize);
    /// The agents whose items item `i` may be exchanged with (its candidates by default).
    fn swap_candidates(&self, i: usize) -> &[u32] {
        self.candidates(i)
    }
    /// The items of agent `t` worth trying to exchange with item `i` (all members by default).
    fn partners(&self, _i: usize, t: usize) -> &[u32] {
        self.members(t)
    }
    /// Called before each pass of swaps (to refresh what `partners` reads).
    fn prepare_swaps(&mut self) {}
    /// The objective's change if items `i` and `j` (of different agents) exchanged agents.
    fn swap_delta(&self, i: usize, j: usize) -> Option<f64>;
    /// Exchanges the agents of items `i` and `j`.
    fn swap(&mut self, i: usize, j: usize) {
        let (s, t) = (self.agent_of(i), self.agent_of(j));
        self.shift(i, t);
        self.shift(j, s);
    }
    /// A number that changes whenever anything that item `i`'s moves depend on changes (its
    /// agent's and its candidates' loads), so an item found without an improving move is not
    /// looked at again until it does; `None` to look every time.
    fn stamp(&self, _i: usize) -> Option<u64> {
        None
    }
    /// The smallest decrease worth a move (guards against cycling on rounding noise).
    fn eps(&self) -> f64;
}

/// What a descent did.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Descent {
    /// How much the objective fell.
    pub gain: f64,
    /// Passes over the items.
    pub passes: usize,
    /// Shifts made.
    pub shifts: usize,
    /// Swaps made.
    pub swaps: usize,
    /// Moves kept by threshold accepting.
    pub accepted: usize,
}

/// First-improvement descent: each pass visits the items in `order` and moves each to the
/// candidate agent that lowers the objective most, then (when `swaps` is on) visits them again
/// and exchanges each with the partner that lowers the objective most. Stops at a local
/// optimum or after `max_passes` passes.
pub(crate) fn descend<L: Landscape>(l: &mut L, order: &[u32], max_passes: usize, swaps: bool) -> Descent {
    let mut out = Descent::default();
    let eps = l.eps();
    let mut seen = vec![u64::MAX; l.items()];
    let mut seen_swap = vec![u64::MAX; l.items()];
    while out.passes < max_passes {
        out.passes += 1;
        let mut improved = 0usize;
        for &i in order {
            let i = i as usize;
            let stamp = l.stamp(i);
            if stamp.is_some_and(|v| v == seen[i]) {
                continue;
            }
            let s = l.agent_of(i);
            let mut best = (-eps, usize::MAX);
            for &t in l.candidates(i) {
                let t = t as usize;
                if t != s {
                    if let Some(d) = l.shift_delta(i, t) {
                        if d < best.0 {
                            best = (d, t);
                        }
                    }
                }
            }
            if best.1 != usize::MAX {
                l.shift(i, best.1);
                improved += 1;
                out.gain -= best.0;
            } else if let Some(v) = stamp {
                seen[i] = v;
            }
        }
        out.shifts += improved;
        let swapped = if swaps { swap_pass(l, order, eps, &mut out.gain, &mut seen_swap) } else { 0 };
        out.swaps += swapped;
        if improved + swapped == 0 {
            break;
        }
    }
    out
}

/// One pass of swaps; returns how many were made.
fn swap_pass<L: Landscape>(l: &mut L, order: &[u32], eps: f64, gain: &mut f64, seen: &mut [u64]) -> usize {
    l.prepare_swaps();
    let mut made = 0;
    for &i in order {
        let i = i as usize;
        let stamp = l.stamp(i);
        if stamp.is_some_and(|v| v == seen[i]) {
            continue;
        }
        let s = l.agent_of(i);
        let mut best = (-eps, usize::MAX);
        for &t in l.swap_candidates(i) {
            let t = t as usize;
            if t == s {
                continue;
            }
            for &j in l.partners(i, t) {
                if let Some(d) = l.swap_delta(i, j as usize) {
                    if d < best.0 {
                        best = (d, j as usize);
                    }
                }
            }
        }
        if best.1 != usize::MAX {
            l.swap(i, best.1);
            made += 1;
            *gain -= best.0;
        } else if let Some(v) = stamp {
            seen[i] = v;
        }
    }
    made
}

/// Members of each agent with O(1) insertion and removal (an index of positions).
#[derive(Debug, Clone, Default)]
pub(crate) struct Members {
    lists: Vec<Vec<u32>>,
    pos: Vec<u32>,
}

impl Members {
    /// The members of `agents` agents under `assign`.
    pub(crate) fn new(agents: usize, assign: &[u32]) -> Members {
        let mut lists = vec![Vec::new(); agents];
        let mut pos = vec![0u32; assign.len()];
        for (i, &a) in assign.iter().enumerate() {
            let list = &mut lists[a as usize];
            pos[i] = list.len() as u32;
            list.push(i as u32);
        }
        Members { lists, pos }
    }

    /// The members of agent `t`.
    pub(crate) fn of(&self, t: usize) -> &[u32] {
        &self.lists[t]
    }

    /// Moves item `i` from agent `from` to agent `to`.
    pub(crate) fn shift(&mut self, i: usize, from: usize, to: usize) {
        let p = self.pos[i] as usize;
        let list = &mut self.lists[from];
        list.swap_remove(p);
        if let Some(&moved) = list.get(p) {
            self.pos[moved as usize] = p as u32;
        }
        let list = &mut self.lists[to];
        self.pos[i] = list.len() as u32;
        list.push(i as u32);
    }
}

/// Threshold accepting (Dueck and Scheuer, 1990): `iterations` random moves (a shift to a
/// candidate agent, or a swap with a partner), each kept when it raises the objective by less
/// than a threshold that falls linearly from `start` to zero. Unlike a descent it climbs out of
/// local optima (load that must travel across several agents moves one step at a time), and
/// unlike simulated annealing it needs no exponential, so every platform draws the same
/// result from the same seed. Returns the moves kept.
pub(crate) fn threshold_accepting<L: Landscape>(
    l: &mut L,
    rng: &mut super::Rng,
    iterations: usize,
    start: f64,
) -> usize {
    let n = l.items();
    if n == 0 || iterations == 0 {
        return 0;
    }
    let refresh = n.max(1000);
    let mut kept = 0;
    for it in 0..iterations {
        if it % refresh == 0 {
            l.prepare_swaps();
        }
        let tau = start * (1.0 - it as f64 / iterations as f64);
        let i = rng.below(n);
        let s = l.agent_of(i);
        if rng.below(2) == 0 {
            let c = l.candidates(i);
            let t = c[rng.below(c.len())] as usize;
            if t != s {
                if let Some(d) = l.shift_delta(i, t) {
                    if d < tau {
                        l.shift(i, t);
                        kept += 1;
                    }
                }
            }
        } else {
            let c = l.swap_candidates(i);
            let t = c[rng.below(c.len())] as usize;
            if t == s {
                continue;
            }
            let p = l.partners(i, t);
            if p.is_empty() {
                continue;
            }
            let j = p[rng.below(p.len())] as usize;
            if let Some(d) = l.swap_delta(i, j) {
                if d < tau {
                    l.swap(i, j);
                    kept += 1;
                }
            }
        }
    }
    kept
}

/// A starting threshold for [`threshold_accepting`]: the median rise of `samples` random
/// shifts that would raise the objective.
pub(crate) fn typical_rise<L: Landscape>(l: &L, rng: &mut super::Rng, samples: usize) -> f64 {
    let n = l.items();
    let mut rises = Vec::new();
    for _ in 0..samples {
        if n == 0 {
            break;
        }
        let i = rng.below(n);
        let c = l.candidates(i);
        let t = c[rng.below(c.len())] as usize;
        if t != l.agent_of(i) {
            if let Some(d) = l.shift_delta(i, t) {
                if d > 0.0 {
                    rises.push(d);
                }
            }
        }
    }
    rises.sort_by(f64::total_cmp);
    rises.get(rises.len() / 2).copied().unwrap_or(0.0)
}
