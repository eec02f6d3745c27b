//! The balancer: starting centres (fixed offices, the centroids of today's territories, or
//! seeded k-means++), a few location–allocation rounds in which Lagrangian prices for the
//! balance constraints assign the accounts to the current centres and free centres move to
//! their accounts' centroid; capacities repaired; then first-improvement local search (moves
//! and swaps, O(1) each) on the full objective, with the candidate territories refreshed as the
//! centres settle. Small instances run several seeded starts and keep the best. The lower bound
//! is the Lagrangian dual with the result's centres held fixed.

use super::bound::{candidates, lower_bound, Dual};
use super::engine::{descend, threshold_accepting, typical_rise, Descent, Landscape};
use super::prices::{transport, Prices};
use super::state::{Prob, State, NONE};
use super::{Instance, Options, Rng};
use spm_base::error::{Code, Error, Result};

/// Candidate territories per account in the local search.
const CANDIDATES: usize = 10;
/// Location–allocation rounds before the local search.
const ROUNDS: usize = 3;
/// Sweeps of the transportation dual per round.
const PRICING: usize = 4;
/// Sweeps of the transportation dual at the final centres, for the bound.
const BOUND_SWEEPS: usize = 2;
/// A round of passes that lowers the objective by less than this share of it ends the search.
const SETTLED: f64 = 1e-3;
/// Passes between refreshes of the candidate territories.
const REFRESH: usize = 8;
/// Threshold-accepting moves per account.
const TA_ROUNDS: usize = 20;
/// The starting threshold as a share of a typical rise.
const TA_SCALE: f64 = 0.05;
/// Subgradient steps of the lower bound.
const BOUND_STEPS: usize = 16;

/// A balanced assignment.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Outcome {
    /// Each account's territory.
    pub assign: Vec<usize>,
    /// The Lagrangian lower bound of the objective.
    pub bound: f64,
    /// How it was made.
    pub method: String,
}

/// Balances `inst` under `opts`.
///
/// # Errors
/// `CAPACITY_EXCEEDED` when no assignment within the capacities was found.
pub(crate) fn balance(inst: &Instance, opts: &Options) -> Result<Outcome> {
    let pr = Prob::new(inst, &opts.weights);
    let (n, m) = (pr.n, pr.m);
    let k = CANDIDATES.min(m);
    let starts = (200_000 / (n * m).max(1)).clamp(1, 8);
    let mut best: Option<(f64, Vec<u32>, Descent, Prices)> = None;
    for start in 0..starts {
        let mut rng = Rng::new(opts.seed ^ (start as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut centres = initial_centres(&pr, &mut rng, start == 0);
        let mut a = Vec::new();
        let mut prices = Prices::new(m);
        // With most accounts owned, today's territories place the centres; otherwise a few
        // location–allocation rounds move them to their accounts.
        let owned = (0..n).filter(|&i| pr.owner[i] != super::state::NONE).count();
        let rounds = if 2 * owned >= n { 1 } else { ROUNDS };
        for _ in 0..rounds {
            let cand = candidates(&pr, &centres, k);
            a = transport(&pr, &centres, &cand, k, PRICING, &mut prices);
            let next = centroids(&pr, &a, &centres);
            if next == centres {
                break;
            }
            centres = next;
        }
        let cand = candidates(&pr, &centres, k);
        let mut st = State::new(&pr, a, cand, k);
        repair(&mut st, inst)?;
        let mut order: Vec<u32> = (0..n as u32).collect();
        let mut done = Descent::default();
        let budget = opts.max_iterations as usize;
        let mut kept = (st.value(), st.a.clone());
        for phase in 0..2 {
            if phase == 1 {
                // Climb out of the local optimum, then descend again.
                st.prepare_swaps();
                let tau = typical_rise(&st, &mut rng, 512) * TA_SCALE;
                let kept_moves = threshold_accepting(&mut st, &mut rng, TA_ROUNDS * n, tau);
                done.accepted += kept_moves;
            }
            while done.passes < budget {
                rng.shuffle(&mut order);
                let d = descend(&mut st, &order, (budget - done.passes).min(REFRESH), true);
                done.passes += d.passes;
                done.shifts += d.shifts;
                done.swaps += d.swaps;
                let v = st.value();
                if v < kept.0 {
                    kept = (v, st.a.clone());
                }
                // The centres have moved with their accounts: refresh the candidates.
                let centres: Vec<Option<(f64, f64)>> = (0..m).map(|t| st.centre(t)).collect();
                let cand = candidates(&pr, &centres, k);
                // Stop at a local optimum, or when a round of passes gains next to nothing.
                if (d.passes < REFRESH && cand == st.cand) || d.gain < SETTLED * v.abs() {
                    break;
                }
                st.cand = cand;
            }
        }
        if best.as_ref().is_none_or(|b| kept.0 < b.0) {
            best = Some((kept.0, kept.1, done, prices));
        }
    }
    let Some((_, a, done, prices)) = best else {
        return Err(Error::new(Code::Internal, "the balancer made no assignment"));
    };
    let st = State::new(&pr, a, Vec::new(), 0);
    let centres: Vec<Option<(f64, f64)>> = (0..m).map(|t| st.centre(t)).collect();
    // The prices fitted to the final centres (they moved during the search) start the bound.
    let mut prices = prices;
    transport(&pr, &centres, &candidates(&pr, &centres, k), k, BOUND_SWEEPS, &mut prices);
    let bound = lower_bound(&pr, &centres, Dual::from_prices(&prices.mu), BOUND_STEPS);
    let w = &opts.weights;
    let all_fixed = inst.territories.iter().all(|t| t.center.is_some());
    let method = format!(
        "Lagrangian prices for the balance constraints assigned the accounts to {} in up to {ROUNDS} \
         location–allocation rounds; local search ({} passes, {} moves, {} swaps) then lowered the \
         objective {}·balance + {}·compactness + {}·disruption{}, seed {}. The lower bound is the \
         Lagrangian dual of the balance constraints with {}.",
        if all_fixed { "the fixed centres" } else { "the territories' centres" },
        done.passes,
        done.shifts,
        done.swaps,
        w.balance,
        w.compactness,
        w.disruption,
        if starts > 1 { format!(", best of {starts} starts") } else { String::new() },
        opts.seed,
        if all_fixed { "every centre fixed" } else { "the reported centres held fixed" },
    );
    Ok(Outcome { assign: st.a.iter().map(|&t| t as usize).collect(), bound, method })
}

/// Fixed centres as given; free ones at the centroid of the accounts the territory owns today
/// (on the first start), the rest by seeded k-means++ (each next centre an account drawn with
/// probability proportional to its squared distance to the nearest centre so far).
#[allow(clippy::needless_range_loop)] // the index addresses several parallel arrays
fn initial_centres(pr: &Prob, rng: &mut Rng, owners: bool) -> Vec<Option<(f64, f64)>> {
    let mut centres = pr.fixed.clone();
    if owners {
        let mut s = vec![(0.0f64, 0.0f64, 0usize); pr.m];
        for i in 0..pr.n {
            if pr.owner[i] != NONE {
                let e = &mut s[pr.owner[i] as usize];
                e.0 += pr.x[i];
                e.1 += pr.y[i];
                e.2 += 1;
            }
        }
        for (c, e) in centres.iter_mut().zip(&s) {
            if c.is_none() && e.2 > 0 {
                *c = Some((e.0 / e.2 as f64, e.1 / e.2 as f64));
            }
        }
    }
    if pr.n == 0 {
        return centres;
    }
    let mut near: Vec<f64> = (0..pr.n).map(|i| nearest(pr, &centres, i)).collect();
    for t in 0..pr.m {
        if centres[t].is_some() {
            continue;
        }
        let total: f64 = near.iter().filter(|d| d.is_finite()).sum::<f64>();
        let pick = if total > 0.0 && total.is_finite() {
            let mut r = rng.unit() * total;
            let mut pick = pr.n - 1;
            for (i, d) in near.iter().enumerate() {
                r -= d;
                if r < 0.0 {
                    pick = i;
                    break;
                }
            }
            pick
        } else {
            rng.below(pr.n)
        };
        let c = (pr.x[pick], pr.y[pick]);
        centres[t] = Some(c);
        for (i, d) in near.iter_mut().enumerate() {
            let e = (pr.x[i] - c.0) * (pr.x[i] - c.0) + (pr.y[i] - c.1) * (pr.y[i] - c.1);
            if e < *d {
                *d = e;
            }
        }
    }
    centres
}

fn nearest(pr: &Prob, centres: &[Option<(f64, f64)>], i: usize) -> f64 {
    centres
        .iter()
        .flatten()
        .map(|c| (pr.x[i] - c.0) * (pr.x[i] - c.0) + (pr.y[i] - c.1) * (pr.y[i] - c.1))
        .fold(f64::INFINITY, f64::min)
}

/// Free centres at their accounts' centroid (an empty territory keeps its centre).
fn centroids(pr: &Prob, a: &[u32], prev: &[Option<(f64, f64)>]) -> Vec<Option<(f64, f64)>> {
    let mut s = vec![(0.0f64, 0.0f64, 0usize); pr.m];
    for (i, &t) in a.iter().enumerate() {
        let e = &mut s[t as usize];
        e.0 += pr.x[i];
        e.1 += pr.y[i];
        e.2 += 1;
    }
    (0..pr.m)
        .map(|t| match pr.fixed[t] {
            Some(c) => Some(c),
            None if s[t].2 > 0 => Some((s[t].0 / s[t].2 as f64, s[t].1 / s[t].2 as f64)),
            None => prev[t],
        })
        .collect()
}

/// Moves accounts out of territories over a capacity, each time the move that raises the
/// objective least (to a candidate territory with room, else to any).
fn repair(st: &mut State<'_>, inst: &Instance) -> Result<()> {
    for t in 0..st.pr.m {
        while st.over(t) {
            let mut best = (f64::INFINITY, usize::MAX, usize::MAX);
            for wide in [false, true] {
                for &i in st.members(t) {
                    let i = i as usize;
                    let targets: Vec<usize> = if wide {
                        (0..st.pr.m).collect()
                    } else {
                        st.candidates(i).iter().map(|&c| c as usize).collect()
                    };
                    for u in targets {
                        if let Some(d) = st.shift_delta(i, u) {
                            if d < best.0 {
                                best = (d, i, u);
                            }
                        }
                    }
                }
                if best.1 != usize::MAX {
                    break;
                }
            }
            if best.1 == usize::MAX {
                let id = inst.territories.get(t).map_or("", |x| x.id.as_str());
                return Err(Error::at(
                    format!("territories[{t}].capacity"),
                    Code::CapacityExceeded,
                    format!("no assignment within the capacities was found: territory {id:?} stays over its capacity"),
                    "raise some capacities or unlock accounts",
                ));
            }
            st.shift(best.1, best.2);
        }
    }
    Ok(())
}
