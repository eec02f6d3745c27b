//! The capacitated p-median problem: choose `p` of the points as centres and assign every point
//! to a centre within the centres' capacity (sum of the points' demands), at least total
//! distance. Method: seeded k-means++ starts; location–allocation (the capacitated assignment
//! of [`super::assign`] for fixed centres, then each cluster's best member as its centre) until
//! the centres settle; then vertex substitution (a centre exchanged for a nearby point, the
//! assignment re-optimized from the previous one), accepted when it lowers the cost.

use super::assign::{improve, solve as solve_assignment, Problem};
use super::Rng;

/// A capacitated p-median problem.
#[derive(Debug, Clone, PartialEq)]
pub struct PMedian {
    /// Number of points.
    pub points: usize,
    /// Number of centres to choose.
    pub centres: usize,
    /// `points × points` distances, row by row.
    pub dist: Vec<f64>,
    /// Each point's demand.
    pub demand: Vec<f64>,
    /// Each centre's capacity.
    pub capacity: f64,
}

/// A solution.
#[derive(Debug, Clone, PartialEq)]
pub struct PMedianSolution {
    /// The chosen centres (point indices).
    pub centres: Vec<usize>,
    /// Each point's centre (a point index).
    pub assign: Vec<usize>,
    /// Total distance.
    pub cost: f64,
    /// Every centre within capacity.
    pub feasible: bool,
}

/// Solves `pm` from `starts` seeded starts and returns the best solution found.
pub fn solve(pm: &PMedian, seed: u64, starts: usize) -> PMedianSolution {
    let mut rng = Rng::new(seed);
    let mut best: Option<PMedianSolution> = None;
    for _ in 0..starts.max(1) {
        let centres = kmeanspp(pm, &mut rng);
        let s = search(pm, centres, &mut rng);
        if best.as_ref().is_none_or(|b| better(&s, b)) {
            best = Some(s);
        }
    }
    match best {
        Some(b) => b,
        None => PMedianSolution { centres: Vec::new(), assign: Vec::new(), cost: f64::INFINITY, feasible: false },
    }
}

fn better(a: &PMedianSolution, b: &PMedianSolution) -> bool {
    (a.feasible && !b.feasible) || (a.feasible == b.feasible && a.cost < b.cost - 1e-9)
}

/// The capacitated assignment of every point to one of `centres`.
fn problem(pm: &PMedian, centres: &[usize]) -> Problem {
    let (n, p) = (pm.points, centres.len());
    let mut cost = Vec::with_capacity(n * p);
    let mut usage = Vec::with_capacity(n * p);
    for i in 0..n {
        for &c in centres {
            cost.push(pm.dist[i * n + c]);
            usage.push(pm.demand[i]);
        }
    }
    Problem { items: n, agents: p, cost, usage, capacity: vec![pm.capacity; p], minimum: vec![0.0; p] }
}

/// Location–allocation from `centres`, then vertex substitution.
fn search(pm: &PMedian, mut centres: Vec<usize>, rng: &mut Rng) -> PMedianSolution {
    let n = pm.points;
    let first = solve_assignment(&problem(pm, &centres), rng.next(), 60);
    let mut current = (first.agent, first.cost, first.feasible);
    locate_allocate(pm, &mut centres, &mut current, rng);
    // Vertex substitution: the nearest non-centre points of each centre, until none helps.
    let near = 8.min(n.saturating_sub(centres.len()));
    let mut improved = true;
    while improved {
        improved = false;
        for k in 0..centres.len() {
            let c = centres[k];
            let mut others: Vec<usize> = (0..n).filter(|q| !centres.contains(q)).collect();
            others.sort_by(|&a, &b| pm.dist[c * n + a].total_cmp(&pm.dist[c * n + b]).then(a.cmp(&b)));
            for &q in others.iter().take(near) {
                let mut trial = centres.clone();
                trial[k] = q;
                let s = improve(&problem(pm, &trial), &current.0, rng.next(), 8);
                if (s.feasible && !current.2) || (s.feasible == current.2 && s.cost < current.1 - 1e-9) {
                    centres = trial;
                    current = (s.agent, s.cost, s.feasible);
                    locate_allocate(pm, &mut centres, &mut current, rng);
                    improved = true;
                    break;
                }
            }
        }
    }
    let last = improve(&problem(pm, &centres), &current.0, rng.next(), 60);
    if (last.feasible && !current.2) || (last.feasible == current.2 && last.cost < current.1) {
        current = (last.agent, last.cost, last.feasible);
    }
    PMedianSolution {
        assign: current.0.iter().map(|&k| centres[k]).collect(),
        centres,
        cost: current.1,
        feasible: current.2,
    }
}

/// Alternates: each cluster's member with the least total distance to the others becomes its
/// centre (the cost cannot rise, the loads do not change), then the assignment is re-optimized.
fn locate_allocate(pm: &PMedian, centres: &mut [usize], current: &mut (Vec<usize>, f64, bool), rng: &mut Rng) {
    let n = pm.points;
    for _ in 0..20 {
        let mut moved = false;
        for (k, c) in centres.iter_mut().enumerate() {
            let members: Vec<usize> = (0..n).filter(|&i| current.0[i] == k).collect();
            let total = |q: usize| members.iter().map(|&i| pm.dist[i * n + q]).sum::<f64>();
            let mut best = (total(*c), *c);
            for &q in &members {
                let t = total(q);
                if t < best.0 - 1e-9 {
                    best = (t, q);
                }
            }
            if best.1 != *c {
                *c = best.1;
                moved = true;
            }
        }
        if !moved {
            break;
        }
        let kept: f64 = (0..n).map(|i| pm.dist[i * n + centres[current.0[i]]]).sum::<f64>();
        let s = improve(&problem(pm, centres), &current.0, rng.next(), 10);
        if (s.feasible && !current.2) || (s.feasible == current.2 && s.cost < kept) {
            *current = (s.agent, s.cost, s.feasible);
        } else {
            current.1 = kept;
        }
    }
}

/// k-means++ seeding: the first centre uniform, each next one with probability proportional to
/// the squared distance to the nearest chosen centre.
fn kmeanspp(pm: &PMedian, rng: &mut Rng) -> Vec<usize> {
    let n = pm.points;
    let mut centres = vec![rng.below(n)];
    let mut near: Vec<f64> = (0..n).map(|i| pm.dist[i * n + centres[0]]).collect();
    while centres.len() < pm.centres.min(n) {
        let total: f64 = near.iter().map(|d| d * d).sum::<f64>();
        let mut r = rng.unit() * total;
        let mut pick = n - 1;
        for (i, d) in near.iter().enumerate() {
            r -= d * d;
            if r < 0.0 {
                pick = i;
                break;
            }
        }
        if centres.contains(&pick) {
            pick = (0..n).find(|q| !centres.contains(q)).unwrap_or(pick);
        }
        centres.push(pick);
        for (i, d) in near.iter_mut().enumerate() {
            *d = d.min(pm.dist[i * n + pick]);
        }
    }
    centres
}
