//! A realistic balancing instance from a seed: accounts clustered around towns of different
//! sizes on a 1,000 × 1,000 km map with some countryside, skewed potentials (a product of
//! uniform factors, so roughly lognormal with σ ≈ 0.6), workloads that grow with potential,
//! owners from a design that was balanced some years ago (recursive bisection into equal
//! potential) before each town's market grew by its own factor (0.7–1.4), 10% of accounts new
//! (no owner) and 1% locked. Only `+ − × ÷` and Rust's own
//! number formatting are used, so native and wasm make the same text.

use super::{Rng, MAX_ACCOUNTS, MAX_TERRITORIES};
use crate::territory::dto::{AccountDto, TerritoryDto, TerritoryInputDto};
use rust_decimal::Decimal;
use spm_base::dec::Dec;
use std::str::FromStr;

/// A generated instance of `accounts` accounts and `territories` territories (clamped to the
/// balancer's limits, at least one territory).
pub fn sample(accounts: usize, territories: usize, seed: u64) -> TerritoryInputDto {
    let n = accounts.min(MAX_ACCOUNTS);
    let m = territories.clamp(1, MAX_TERRITORIES);
    let mut rng = Rng::new(seed);
    let towns: Vec<(f64, f64, f64, f64)> = (0..(m / 2).max(4))
        .map(|_| {
            let size = factor(&mut rng, 3) * factor(&mut rng, 3);
            (50.0 + 900.0 * rng.unit(), 50.0 + 900.0 * rng.unit(), 10.0 + 50.0 * rng.unit(), size)
        })
        .collect();
    let total: f64 = towns.iter().map(|t| t.3).sum::<f64>();
    // Each town's market grew by its own factor since the territories were last drawn.
    let growth: Vec<f64> = towns.iter().map(|_| 0.7 + 0.7 * rng.unit()).collect();
    let mut points = Vec::with_capacity(n);
    let mut then = Vec::with_capacity(n);
    let mut now = Vec::with_capacity(n);
    for _ in 0..n {
        let (x, y, town) = if rng.unit() < 0.15 {
            let (x, y) = (1000.0 * rng.unit(), 1000.0 * rng.unit());
            (x, y, nearest(&towns.iter().map(|t| (t.0, t.1)).collect::<Vec<_>>(), (x, y)))
        } else {
            let mut r = rng.unit() * total;
            let mut pick = towns.len() - 1;
            for (k, t) in towns.iter().enumerate() {
                r -= t.3;
                if r < 0.0 {
                    pick = k;
                    break;
                }
            }
            let t = towns[pick];
            let x = t.0 + t.2 * normalish(&mut rng);
            let y = t.1 + t.2 * normalish(&mut rng);
            (x.clamp(0.0, 1000.0), y.clamp(0.0, 1000.0), pick)
        };
        let base = 50_000.0 * factor(&mut rng, 4);
        points.push((x, y));
        then.push(base);
        now.push(base * growth[town]);
    }
    let mut owner_of = vec![0usize; n];
    let all: Vec<usize> = (0..n).collect();
    bisect(&points, &then, all, 0, m, &mut owner_of);
    let mut out = Vec::with_capacity(n);
    for (i, &(x, y)) in points.iter().enumerate() {
        let potential = now[i];
        let workload = 2.0 + 6.0 * rng.unit() + potential / 20_000.0;
        let new = rng.unit() < 0.10;
        let locked = !new && rng.unit() < 0.01;
        out.push(AccountDto {
            id: format!("a{:05}", i + 1),
            name: Some(format!("Account {}", i + 1)),
            potential: dec(format!("{potential:.2}")),
            workload: Some(dec(format!("{workload:.1}"))),
            x: dec(format!("{x:.3}")),
            y: dec(format!("{y:.3}")),
            owner: (!new).then(|| tid(owner_of[i])),
            locked: locked.then_some(true),
        });
    }
    TerritoryInputDto {
        schema_version: Some(1),
        accounts: out,
        territories: (0..m)
            .map(|t| TerritoryDto {
                id: tid(t),
                name: Some(format!("Territory {}", t + 1)),
                capacity: None,
                center: None,
            })
            .collect(),
        weights: None,
        seed: Some(seed),
        max_iterations: None,
    }
}

/// The design of some years ago: recursive bisection into `parts` territories of equal
/// potential (as it was then), each cut across the longer side of the group's bounding box.
fn bisect(points: &[(f64, f64)], weight: &[f64], mut group: Vec<usize>, first: usize, parts: usize, out: &mut [usize]) {
    if parts <= 1 || group.len() <= 1 {
        for i in group {
            out[i] = first;
        }
        return;
    }
    let (mut x0, mut x1, mut y0, mut y1) = (f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY);
    for &i in &group {
        x0 = x0.min(points[i].0);
        x1 = x1.max(points[i].0);
        y0 = y0.min(points[i].1);
        y1 = y1.max(points[i].1);
    }
    let wide = x1 - x0 >= y1 - y0;
    let key = |i: usize| if wide { points[i].0 } else { points[i].1 };
    group.sort_by(|&a, &b| key(a).total_cmp(&key(b)).then(a.cmp(&b)));
    let left_parts = parts / 2;
    let total: f64 = group.iter().map(|&i| weight[i]).sum::<f64>();
    let want = total * left_parts as f64 / parts as f64;
    let mut cum = 0.0;
    let mut cut = group.len();
    for (k, &i) in group.iter().enumerate() {
        if cum >= want {
            cut = k;
            break;
        }
        cum += weight[i];
    }
    let right = group.split_off(cut.min(group.len()));
    bisect(points, weight, group, first, left_parts, out);
    bisect(points, weight, right, first + left_parts, parts - left_parts, out);
}

fn nearest(centres: &[(f64, f64)], p: (f64, f64)) -> usize {
    let mut best = (f64::INFINITY, 0usize);
    for (t, c) in centres.iter().enumerate() {
        let d = (p.0 - c.0) * (p.0 - c.0) + (p.1 - c.1) * (p.1 - c.1);
        if d < best.0 {
            best = (d, t);
        }
    }
    best.1
}

fn tid(t: usize) -> String {
    format!("t{:03}", t + 1)
}

fn dec(s: String) -> Dec {
    match Decimal::from_str(&s) {
        Ok(d) => Dec::Ok(d),
        Err(_) => Dec::Invalid(s),
    }
}

/// A product of `k` uniform factors in [0.5, 1.5): mean 1, skewed to the right.
fn factor(rng: &mut Rng, k: usize) -> f64 {
    (0..k).fold(1.0, |p, _| p * (0.5 + rng.unit()))
}

/// Roughly standard normal: the sum of four uniforms, centred and scaled (Irwin–Hall).
fn normalish(rng: &mut Rng) -> f64 {
    ((0..4).map(|_| rng.unit()).sum::<f64>() - 2.0) * 1.732_050_807_568_877_2
}
