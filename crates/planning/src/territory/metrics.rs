//! Every reported figure of an assignment, computed from scratch in input order: per territory
//! the exact potential and workload, the count, the centre, the mean distance to it and the
//! deviation from the mean; overall the largest deviations, coefficients of variation,
//! compactness, the share of owners kept and the objective. Also the assignment as CSV.
//!
//! The objective (docs/territory.md): `F = balance·B + compactness·C + disruption·D` with
//! `B = (CV²(potential) + CV²(workload)) / 2`, `C = Σ|account − its centre|² / Σ|account −
//! centroid of all|²`, `D = moved / owned`.

use super::{fmt6, Instance, Weights};
use crate::territory::dto::{
    AssignmentDto, MetricsDto, PointOutDto, TerritoryResultDto, TerritoryStatsDto, TerritorySummaryDto,
};
use rust_decimal::Decimal;
use spm_base::csv_out::cell;
use spm_base::float::to_f64;

/// One territory's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct TerritoryFigures {
    /// Sum of potentials (exact).
    pub potential: Decimal,
    /// Sum of workloads (exact).
    pub workload: Decimal,
    /// Number of accounts.
    pub accounts: usize,
    /// Fixed centre or centroid; `None` when empty without a fixed one.
    pub center: Option<(f64, f64)>,
    /// Sum of squared distances to the centre.
    pub squares: f64,
    /// Mean distance to the centre (0 when empty).
    pub compactness: f64,
    /// `(potential − mean) / mean`.
    pub deviation: f64,
    /// `(workload − mean) / mean`.
    pub workload_deviation: f64,
}

/// The figures of a whole assignment.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// Per territory, in input order.
    pub territories: Vec<TerritoryFigures>,
    /// Largest `|deviation|` of potential.
    pub max_deviation_potential: f64,
    /// Largest `|deviation|` of workload.
    pub max_deviation_workload: f64,
    /// Coefficient of variation of potential.
    pub cv_potential: f64,
    /// Coefficient of variation of workload.
    pub cv_workload: f64,
    /// Mean distance of every account to its centre.
    pub compactness: f64,
    /// Accounts that have an owner.
    pub owned: usize,
    /// Owned accounts assigned elsewhere.
    pub moved: usize,
    /// The balance term `B`.
    pub balance_term: f64,
    /// The compactness term `C`.
    pub compactness_term: f64,
    /// The disruption term `D`.
    pub disruption_term: f64,
    /// `F` under the weights given.
    pub objective: f64,
}

/// The figures of `assign` (each account's territory index) under `weights`.
pub fn figures(inst: &Instance, assign: &[usize], weights: &Weights) -> Figures {
    let m = inst.territories.len();
    let n = inst.accounts.len();
    let mut pot = vec![Decimal::ZERO; m];
    let mut wl = vec![Decimal::ZERO; m];
    let mut cnt = vec![0usize; m];
    let mut sx = vec![0.0f64; m];
    let mut sy = vec![0.0f64; m];
    let (mut gx, mut gy) = (0.0f64, 0.0f64);
    let (mut owned, mut moved) = (0usize, 0usize);
    for (a, &t) in inst.accounts.iter().zip(assign) {
        pot[t] = pot[t].saturating_add(a.potential);
        wl[t] = wl[t].saturating_add(a.workload);
        cnt[t] += 1;
        sx[t] += a.x;
        sy[t] += a.y;
        gx += a.x;
        gy += a.y;
        if let Some(o) = a.owner {
            owned += 1;
            if o != t {
                moved += 1;
            }
        }
    }
    let centers: Vec<Option<(f64, f64)>> = (0..m)
        .map(|t| match inst.territories[t].center {
            Some(c) => Some(c),
            None if cnt[t] > 0 => Some((sx[t] / cnt[t] as f64, sy[t] / cnt[t] as f64)),
            None => None,
        })
        .collect();
    let (gx, gy) = if n > 0 { (gx / n as f64, gy / n as f64) } else { (0.0, 0.0) };
    let mut squares = vec![0.0f64; m];
    let mut dist = vec![0.0f64; m];
    let (mut total_squares, mut all_dist) = (0.0f64, 0.0f64);
    for (a, &t) in inst.accounts.iter().zip(assign) {
        let (cx, cy) = centers[t].unwrap_or((a.x, a.y));
        let d2 = (a.x - cx) * (a.x - cx) + (a.y - cy) * (a.y - cy);
        squares[t] += d2;
        let d = d2.sqrt();
        dist[t] += d;
        all_dist += d;
        total_squares += (a.x - gx) * (a.x - gx) + (a.y - gy) * (a.y - gy);
    }
    let mean_p = to_f64(pot.iter().fold(Decimal::ZERO, |s, v| s.saturating_add(*v))) / m as f64;
    let mean_w = to_f64(wl.iter().fold(Decimal::ZERO, |s, v| s.saturating_add(*v))) / m as f64;
    let dev = |v: Decimal, mean: f64| if mean > 0.0 { (to_f64(v) - mean) / mean } else { 0.0 };
    let mut territories = Vec::with_capacity(m);
    let (mut max_p, mut max_w, mut ss_p, mut ss_w, mut within) = (0.0f64, 0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for t in 0..m {
        let dp = dev(pot[t], mean_p);
        let dw = dev(wl[t], mean_w);
        max_p = max_p.max(dp.abs());
        max_w = max_w.max(dw.abs());
        ss_p += dp * dp;
        ss_w += dw * dw;
        within += squares[t];
        territories.push(TerritoryFigures {
            potential: pot[t],
            workload: wl[t],
            accounts: cnt[t],
            center: centers[t],
            squares: squares[t],
            compactness: if cnt[t] > 0 { dist[t] / cnt[t] as f64 } else { 0.0 },
            deviation: dp,
            workload_deviation: dw,
        });
    }
    let cv_potential = (ss_p / m as f64).sqrt();
    let cv_workload = (ss_w / m as f64).sqrt();
    let balance_term = (cv_potential * cv_potential + cv_workload * cv_workload) / 2.0;
    let compactness_term = if total_squares > 0.0 { within / total_squares } else { 0.0 };
    let disruption_term = if owned > 0 { moved as f64 / owned as f64 } else { 0.0 };
    Figures {
        territories,
        max_deviation_potential: max_p,
        max_deviation_workload: max_w,
        cv_potential,
        cv_workload,
        compactness: if n > 0 { all_dist / n as f64 } else { 0.0 },
        owned,
        moved,
        balance_term,
        compactness_term,
        disruption_term,
        objective: weights.balance * balance_term
            + weights.compactness * compactness_term
            + weights.disruption * disruption_term,
    }
}

/// The wire-format result of `assign`, with a lower bound from the last balancing (if any).
pub fn result(
    inst: &Instance,
    assign: &[usize],
    weights: &Weights,
    bound: Option<f64>,
    method: &str,
) -> TerritoryResultDto {
    let s = summary(inst, assign, weights, bound, method);
    let assignment = inst
        .accounts
        .iter()
        .zip(assign)
        .map(|(a, &t)| AssignmentDto { account_id: a.id.clone(), territory_id: inst.territories[t].id.clone() })
        .collect();
    TerritoryResultDto {
        schema_version: 1,
        assignment,
        territories: s.territories,
        metrics: s.metrics,
        method: s.method,
    }
}

/// The figures of `assign` without the assignment itself (what a move by hand returns).
pub fn summary(
    inst: &Instance,
    assign: &[usize],
    weights: &Weights,
    bound: Option<f64>,
    method: &str,
) -> TerritorySummaryDto {
    let f = figures(inst, assign, weights);
    let territories = inst
        .territories
        .iter()
        .zip(&f.territories)
        .map(|(t, s)| TerritoryStatsDto {
            id: t.id.clone(),
            name: t.name.clone(),
            potential: s.potential.to_string(),
            workload: s.workload.to_string(),
            accounts: s.accounts,
            compactness: fmt6(s.compactness),
            center: s.center.map(|(x, y)| PointOutDto { x: fmt6(x), y: fmt6(y) }),
            deviation: fmt6(s.deviation),
        })
        .collect();
    let objective = round6(f.objective);
    let bound = bound.map(|b| round6(b.min(objective)).max(0.0));
    let gap = match bound {
        Some(b) if b > 0.0 => Some(fmt6((objective - b) / b)),
        Some(_) if objective == 0.0 => Some(fmt6(0.0)),
        _ => None,
    };
    TerritorySummaryDto {
        schema_version: 1,
        territories,
        metrics: MetricsDto {
            max_deviation_potential: fmt6(f.max_deviation_potential),
            max_deviation_workload: fmt6(f.max_deviation_workload),
            cv_potential: fmt6(f.cv_potential),
            cv_workload: fmt6(f.cv_workload),
            compactness: fmt6(f.compactness),
            kept_share: (f.owned > 0).then(|| fmt6((f.owned - f.moved) as f64 / f.owned as f64)),
            moved: f.moved,
            objective: fmt6(objective),
            lower_bound: bound.map(fmt6),
            gap,
        },
        method: method.to_string(),
    }
}

/// `v` rounded to 6 places, through the same formatting the wire format uses.
fn round6(v: f64) -> f64 {
    fmt6(v).parse::<f64>().unwrap_or(0.0)
}

/// The assignment as CSV: `accountId,territoryId,previousOwner,moved`, text cells that a
/// spreadsheet would run as a formula prefixed with `'`.
pub fn assignment_csv(inst: &Instance, assign: &[usize]) -> String {
    let mut out = String::from("accountId,territoryId,previousOwner,moved\n");
    for (a, &t) in inst.accounts.iter().zip(assign) {
        let prev = a.owner.map(|o| inst.territories[o].id.as_str()).unwrap_or("");
        let moved = a.owner.is_some_and(|o| o != t);
        out.push_str(&cell(&a.id));
        out.push(',');
        out.push_str(&cell(&inst.territories[t].id));
        out.push(',');
        out.push_str(&cell(prev));
        out.push(',');
        out.push_str(if moved { "true" } else { "false" });
        out.push('\n');
    }
    out
}
